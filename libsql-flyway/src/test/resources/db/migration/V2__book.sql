CREATE TABLE book (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES author (id),
    title TEXT NOT NULL
);
CREATE INDEX book_author_idx ON book (author_id);
INSERT INTO book (id, author_id, title) VALUES (1, 1, 'Notes');
