-- Same effect, edited text: another checksum.
CREATE TABLE t (id INTEGER PRIMARY KEY);
