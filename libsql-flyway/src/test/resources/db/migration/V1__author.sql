CREATE TABLE author (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT INTO author (id, name) VALUES (1, 'Ada');
