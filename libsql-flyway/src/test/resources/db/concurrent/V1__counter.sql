CREATE TABLE applied (version TEXT NOT NULL, applied_by TEXT NOT NULL);
