# The first half of the dom0's job for run-checks.sh (runs from /share): devices-job.sh follows.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 HOME=/tmp TMPDIR=/tmp
export LD_LIBRARY_PATH=/share/lib:$LD_LIBRARY_PATH
rr=/share/rr-run/rr-run

$rr xen -i /share/exit_status.bin -- 7 < /dev/null
echo "rr-harness: exit_status status $?"

$rr xen -i -e 'GREETING=say "hi" \o/' /share/echo_args.bin -- 'a\b' '"q"' < /dev/null
echo "rr-harness: echo_args status $?"

printf 'line one\nline two\n' | $rr xen -i /share/cat_stdin.bin
echo "rr-harness: cat_stdin status $?"

$rr xen -i /share/null_deref.bin < /dev/null
echo "rr-harness: null_deref status $?"

$rr xen -N rr-detached /share/exit_status.bin -- 5 < /dev/null
tries=0
until xl list rr-detached 2>/dev/null | grep -q -- '---s--'; do
    tries=$((tries + 1)); [ $tries -gt 120 ] && break; sleep 1
done
echo "rr-harness: detached rr-exit $(xenstore-read /local/domain/$(xl domid rr-detached)/data/rr-exit)"
$rr stop xen:rr-detached
echo "rr-harness: stop status $?"
xl list rr-detached >/dev/null 2>&1 || echo "rr-harness: detached gone"

$rr --dry-run xen -i -N rr-dry /share/exit_status.bin -- 9 > /tmp/dry.sh
sh /tmp/dry.sh < /dev/null
echo "rr-harness: dry-run script status $?"
