-- Blog v2: + series (history.SeriesV2).
CREATE TABLE series (
    id INTEGER,
    description varchar(255),
    inserted_at timestamp NOT NULL,
    published boolean NOT NULL,
    slug varchar(255) NOT NULL UNIQUE,
    title varchar(255) NOT NULL,
    updated_at timestamp NOT NULL,
    PRIMARY KEY (id)
);
