INSERT INTO applied (version, applied_by) VALUES ('2', '${runner}');
