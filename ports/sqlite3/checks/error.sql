CREATE TABLE t(a INTEGER NOT NULL);
INSERT INTO t VALUES (1), (2);
SELECT 'rows', count(*) FROM t;
SELECT * FROM no_such_table;
SELECT 'not reached';
