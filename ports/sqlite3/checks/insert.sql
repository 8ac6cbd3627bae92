-- Many small inserts in one transaction and a few reads: the allocator and the B-tree code under load.
CREATE TABLE kv(k INTEGER PRIMARY KEY, v TEXT, n REAL);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
  INSERT INTO kv SELECT i, printf('value-%d-%x', i, i * 2654435761 % 4294967296), i / 7.0 FROM n;
COMMIT;
CREATE INDEX kv_v ON kv(v);
SELECT count(*), sum(k), printf('%.4f', sum(n)), min(v), max(v) FROM kv;
SELECT k, v FROM kv WHERE v LIKE 'value-1234%' ORDER BY v LIMIT 5;
SELECT k % 10 AS d, count(*), printf('%.2f', avg(n)) FROM kv GROUP BY d ORDER BY d;
