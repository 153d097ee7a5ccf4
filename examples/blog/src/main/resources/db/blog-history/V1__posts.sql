-- Blog v1: posts. The same table the schema tool creates from model v1 (history.PostV1).
CREATE TABLE posts (
    id INTEGER,
    content text,
    excerpt varchar(255),
    inserted_at timestamp NOT NULL,
    published boolean NOT NULL,
    published_at timestamp,
    slug varchar(255) NOT NULL UNIQUE,
    tags varchar(255),
    title varchar(255) NOT NULL,
    updated_at timestamp NOT NULL,
    PRIMARY KEY (id)
);
