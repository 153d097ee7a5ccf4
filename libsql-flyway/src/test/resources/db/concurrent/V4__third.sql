INSERT INTO applied (version, applied_by) VALUES ('4', '${runner}');
