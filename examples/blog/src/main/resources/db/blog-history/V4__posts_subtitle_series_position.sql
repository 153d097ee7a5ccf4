-- Blog v4: + posts.subtitle, posts.series_position (history.PostV4).
ALTER TABLE posts ADD COLUMN series_position integer;
ALTER TABLE posts ADD COLUMN subtitle varchar(255);
