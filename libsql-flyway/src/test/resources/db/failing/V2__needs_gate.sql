-- Fails until the table "gate" exists: the first statement must be rolled back with it.
CREATE TABLE second_step (id INTEGER PRIMARY KEY);
INSERT INTO gate (id) VALUES (1);
