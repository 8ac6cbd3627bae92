CREATE TABLE city(id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, population INTEGER, area REAL);
INSERT INTO city(name, country, population, area) VALUES
  ('Lyon', 'FR', 522250, 47.87), ('Paris', 'FR', 2133111, 105.4), ('Nantes', 'FR', 320732, 65.19),
  ('Berlin', 'DE', 3677472, 891.1), ('Hamburg', 'DE', 1853935, 755.2), ('Munich', 'DE', 1487708, 310.7),
  ('Porto', 'PT', 231800, 41.42), ('Lisbon', 'PT', 545796, 100.05), ('Oslo', 'NO', 709037, 454.0),
  ('Tromso', 'NO', 77544, 2558.0), ('Nowhere', NULL, NULL, NULL);
CREATE TABLE country(code TEXT PRIMARY KEY, name TEXT);
INSERT INTO country VALUES ('FR', 'France'), ('DE', 'Germany'), ('PT', 'Portugal'), ('NO', 'Norway'), ('IS', 'Iceland');
SELECT name, population FROM city WHERE population > 600000 ORDER BY population DESC;
SELECT country, count(*), sum(population), avg(population), round(avg(area), 2), min(name), max(name)
  FROM city GROUP BY country ORDER BY country;
SELECT c.name, group_concat(ci.name, '/') FROM country c LEFT JOIN city ci ON ci.country = c.code
  GROUP BY c.code ORDER BY c.name;
SELECT name, population / area AS density, typeof(population / area) FROM city WHERE area IS NOT NULL ORDER BY density DESC LIMIT 4;
SELECT name, rank() OVER (PARTITION BY country ORDER BY population DESC) AS r,
       sum(population) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS running
  FROM city WHERE country IS NOT NULL ORDER BY country, r;
WITH RECURSIVE fib(i, a, b) AS (SELECT 1, 0, 1 UNION ALL SELECT i + 1, b, a + b FROM fib WHERE i < 60)
  SELECT i, a FROM fib WHERE i % 10 = 0;
WITH RECURSIVE x(i) AS (SELECT -2.0 UNION ALL SELECT i + 0.25 FROM x WHERE i < 2.0)
  SELECT group_concat(printf('%.2f', i * i - 1), ' ') FROM x;
SELECT upper('abc'), lower('ÀB'), length('héllo'), substr('unikernel', 4, 3), replace('a-b-c', '-', '+'),
       instr('hello', 'll'), trim('  x  '), hex('Az'), quote('it''s'), unicode('€'), char(9731);
SELECT 7 / 2, 7 / 2.0, 7 % 3, -7 / 2, 1e308 * 10, abs(-3), round(2.5), round(-2.5), round(1.005, 2), 9223372036854775807 + 0;
SELECT cast('12abc' AS INTEGER), cast(3.99 AS INTEGER), cast(12 AS TEXT) || '!', 0.1 + 0.2, 1.0 / 3;
SELECT date('2024-02-28', '+1 day'), datetime('2000-01-01 00:00:00', '+1000000 seconds'), strftime('%j %w %s', '2023-11-14 22:13:20'),
       julianday('2000-01-01'), time('12:34:56', '+90 minutes');
SELECT json_object('a', 1, 'b', json_array(1, 2.5, 'x', NULL)), json_extract('{"k":[10,20,{"z":true}]}', '$.k[2].z'),
       json_array_length('[1,2,3]'), json_valid('{bad');
SELECT key, value FROM json_each('{"one":1,"two":[2],"three":{"x":3}}') ORDER BY key;
SELECT name FROM city WHERE name LIKE '%o%' AND name GLOB '*[lr]*' ORDER BY name COLLATE NOCASE;
SELECT count(*), count(country), count(DISTINCT country), total(area), sum(area) FROM city;
SELECT sqrt(2), pow(2, 10), ln(exp(1)), floor(-1.5), ceil(-1.5), pi();
CREATE INDEX city_country ON city(country, population);
EXPLAIN QUERY PLAN SELECT name FROM city WHERE country = 'DE' AND population > 1000000;
UPDATE city SET population = population + 1 WHERE country = 'NO';
DELETE FROM city WHERE country IS NULL;
SELECT changes(), total_changes(), count(*) FROM city;
