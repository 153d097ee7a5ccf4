-- Blog v5: + images; - series.published (a plain column: SQLite 3.35+ drops it in place).
CREATE TABLE images (
    id INTEGER,
    alt varchar(255),
    inserted_at timestamp NOT NULL,
    url varchar(255) NOT NULL,
    post_id bigint NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_images_post FOREIGN KEY (post_id) REFERENCES posts (id)
);
ALTER TABLE series DROP COLUMN published;
