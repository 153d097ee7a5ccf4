DROP VIEW IF EXISTS author_books;
CREATE VIEW author_books AS
    SELECT a.name AS author, b.title AS title FROM author a JOIN book b ON b.author_id = a.id;
