#!/bin/sh
# Port figures for bench/README.md: a CPU-bound Lua script and an insert-heavy SQLite script, each run
# natively (the port's musl-gcc -static build) and as a unikernel (rr-run qemu -i: QEMU TCG, microvm),
# as ratios. An empty script on both sides separates the fixed cost (boot, rr-run) from the work.
# Usage: bench/ports.sh   (needs hyperfine: apt-get install hyperfine; builds the ports if needed)
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/bench/out/ports
rm -rf "$out"; mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }

./rr-build -q hw
. ./obj-amd64-hw/config-PATH.sh
# check builds both flavours (and proves they agree before they are timed).
rr-port -q check lua >/dev/null
rr-port -q check sqlite3 >/dev/null
ports=$root/obj-amd64-hw/ports

cat >"$out/cpu.lua" <<'LUA'
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
for i = 1, 200000 do t[i] = (i * 7919) % 100003 end
table.sort(t)
local words = {}
for i = 1, 50000 do words[#words + 1] = string.format("%d:%.3f", i, i / 7) end
local s = table.concat(words, ",")
local n = 0
for w in s:gmatch("[^,]+") do n = n + #w end
print(fib(27), t[1], t[#t], n)
LUA
cat >"$out/insert.sql" <<'SQL'
.open /tmp/rr-bench-ports.db
DROP TABLE IF EXISTS kv;
CREATE TABLE kv(k INTEGER PRIMARY KEY, v TEXT, n REAL);
CREATE INDEX kv_v ON kv(v);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
  INSERT INTO kv SELECT i, printf('value-%d-%x', i, i * 2654435761 % 4294967296), i / 7.0 FROM n;
COMMIT;
SELECT count(*), sum(k) FROM kv;
SQL
: >"$out/empty"

lua_native=$ports/lua/native/src/lua
lua_image=$ports/lua/images/lua.bin
sqlite_native=$ports/sqlite3/native/sqlite3
sqlite_image=$ports/sqlite3/images/sqlite3.bin

echo "## Ports: native (musl-gcc -static) against unikernel (rr-run qemu -i, TCG), median of 5"
hyperfine -N --warmup 1 --runs 5 --export-csv "$out/ports.csv" \
    -n lua-native "sh -c '$lua_native - <$out/cpu.lua'" \
    -n lua-unikernel "sh -c 'rr-run qemu -i $lua_image -- - <$out/cpu.lua'" \
    -n lua-native-empty "sh -c '$lua_native - <$out/empty'" \
    -n lua-unikernel-empty "sh -c 'rr-run qemu -i $lua_image -- - <$out/empty'" \
    -n sqlite-native "sh -c '$sqlite_native <$out/insert.sql'" \
    -n sqlite-unikernel "sh -c 'rr-run qemu -i $sqlite_image <$out/insert.sql'" \
    -n sqlite-native-empty "sh -c '$sqlite_native <$out/empty'" \
    -n sqlite-unikernel-empty "sh -c 'rr-run qemu -i $sqlite_image <$out/empty'" >"$out/ports.txt" 2>&1 || { cat "$out/ports.txt"; exit 1; }
rm -f /tmp/rr-bench-ports.db
med() { awk -F, -v n="$1" '$1 == n { printf "%.3f", $4 }' "$out/ports.csv"; }
for port in lua sqlite; do
    native=$(med "$port-native"); guest=$(med "$port-unikernel")
    native0=$(med "$port-native-empty"); guest0=$(med "$port-unikernel-empty")
    echo "$port: native ${native} s, unikernel ${guest} s: $(echo "$guest $native" | awk '{printf "%.2f", $1 / $2}')x;" \
        "empty script native ${native0} s, unikernel ${guest0} s;" \
        "work alone $(echo "$guest $guest0 $native $native0" | awk '{printf "%.2f", ($1 - $2) / ($3 - $4)}')x"
done
