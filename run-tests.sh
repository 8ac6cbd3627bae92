#!/bin/sh
# Runs every test (unit tests of the tools and the platform, end-to-end boots under QEMU)
# and ends with one line: N passed, N failed, N skipped.
set -u
cd "$(dirname "$0")"
results=$(mktemp -d "${TMPDIR:-/tmp}/rr-tests.XXXXXX")
trap 'rm -rf "$results"' EXIT

# Build the tools and the toolchain once, before the test projects run side by side and use them.
./rr-build -q hw || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

dotnet test Rumprun.slnx --nologo -v q --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    total=$((total + $(get total)))
    passed=$((passed + $(get passed)))
    failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
done
skipped=$((total - passed - failed))
# A build failure or crash leaves no results: that is a failure, not zero tests.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ]
