-- Blog v3: + posts.series_id -> series (nullable, so SQLite adds it in place with foreign keys on).
ALTER TABLE posts ADD COLUMN series_id bigint REFERENCES series (id);
