-- A database file under /tmp, written and then read back through a second connection.
.open /tmp/rr-port-sqlite3-check.db
DROP TABLE IF EXISTS log;
DROP TABLE IF EXISTS summary;
CREATE TABLE log(id INTEGER PRIMARY KEY, at TEXT, level TEXT, message TEXT);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
  INSERT INTO log(at, level, message)
  SELECT datetime('2024-01-01', '+' || i || ' minutes'), CASE i % 4 WHEN 0 THEN 'error' WHEN 1 THEN 'warn' ELSE 'info' END,
         printf('event %05d %s', i, hex('x' || i)) FROM n;
COMMIT;
CREATE INDEX log_level ON log(level);
CREATE TABLE summary AS SELECT level, count(*) AS n, min(at) AS first, max(at) AS last FROM log GROUP BY level;
PRAGMA page_size;
PRAGMA journal_mode;
.open /tmp/rr-port-sqlite3-check.db
SELECT * FROM summary ORDER BY level;
SELECT count(*), sum(length(message)), max(id) FROM log;
SELECT message FROM log WHERE level = 'error' ORDER BY id DESC LIMIT 3;
PRAGMA integrity_check;
.tables
UPDATE log SET level = 'fixed' WHERE id % 100 = 0;
DELETE FROM log WHERE id > 2900;
VACUUM;
.open /tmp/rr-port-sqlite3-check.db
SELECT level, count(*) FROM log GROUP BY level ORDER BY level;
PRAGMA integrity_check;
