CREATE TABLE t(id INTEGER PRIMARY KEY, word TEXT, x REAL, blob BLOB);
INSERT INTO t(word, x, blob) VALUES ('alpha', 1.5, x'00ff10'), ('beta', -0.25, NULL), ('gamma "quoted"', 1e10, x''), ('delta, comma', NULL, x'41');
.headers on
.mode column
SELECT * FROM t;
.mode csv
SELECT * FROM t;
.mode line
SELECT id, word FROM t WHERE id < 3;
.mode list
.separator |
SELECT * FROM t;
.mode json
SELECT id, word, x FROM t;
.mode markdown
SELECT id, word, x FROM t;
.mode box
SELECT id, upper(word) AS w FROM t LIMIT 2;
.mode insert t2
SELECT * FROM t;
.mode html
SELECT id, word FROM t LIMIT 1;
.mode tabs
.headers off
SELECT * FROM t;
.nullvalue NULL
SELECT x FROM t WHERE x IS NULL;
.schema
.dump
