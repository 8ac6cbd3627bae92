#!/bin/sh
# Network figures for bench/README.md ("Network"): the unikernel under QEMU/TCG behind a forwarded
# port of 127.0.0.1 against the same server built natively and run on this host, in the same run.
#   1. HTTP (examples/httpd.c; the lighttpd and nginx ports when they build) with wrk, Redis GET/SET
#      with redis-benchmark: requests per second, latency p50/p90/p99, ratio unikernel/native;
#   2. load held: wrk -c100 for 60 s, then 100,000 sequential connections, with failures and the
#      guest's MemFree/MemAvailable at the start, after the first minute and at the end;
#   3. boot to the first answered request against hello's boot to exit.
# Usage: bench/net.sh [RUNS [SECTION...]]   (RUNS, default 3: runs of each short measurement; the median is
# shown. SECTIONs, default all: http, redis, load, boot)
# Needs wrk, redis-benchmark, musl-gcc, curl; installs nothing.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/bench/out/net
runs=${1:-3}
case $runs in '' | *[!0-9]*) echo "net.sh: RUNS must be a number of runs, e.g. bench/net.sh 3" >&2; exit 2 ;; esac
[ $# -gt 0 ] && shift
sections=${*:-http redis load boot}
for section in $sections; do
    case $section in http | redis | load | boot) ;; *) echo "net.sh: unknown section '$section': choose from http, redis, load, boot" >&2; exit 2 ;; esac
done
want() { case " $sections " in *" $1 "*) return 0 ;; esac; return 1; }

missing=
for tool in wrk:wrk redis-benchmark:redis-tools musl-gcc:musl-tools curl:curl gcc:gcc; do
    command -v "${tool%%:*}" >/dev/null || missing="$missing ${tool#*:}"
done
[ -z "$missing" ] || { echo "net.sh: missing tools: apt-get install$missing" >&2; exit 1; }

# Host ports: guest and native servers side by side, the guest's memory probe on its own port.
http_guest=18080 http_native=18081 light_guest=18082 light_native=18083 nginx_guest=18084 nginx_native=18085 probe=18099
redis_guest=16379 redis_native=16380
for p in $http_guest $http_native $light_guest $light_native $nginx_guest $nginx_native $probe $redis_guest $redis_native; do
    if ss -Hltn "sport = :$p" | grep -q .; then
        echo "net.sh: port $p of 127.0.0.1 is already in use; stop what listens there and run again" >&2; exit 1
    fi
done

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
rm -rf "$out"; mkdir -p "$out/www"
servers=
stop_servers() { for pid in $servers; do kill -TERM "$pid" 2>/dev/null || true; done; for pid in $servers; do wait "$pid" 2>/dev/null || true; done; servers=; }
trap 'stop_servers' EXIT
trap 'stop_servers; exit 130' INT
trap 'stop_servers; exit 143' TERM

./rr-build -q hw
. ./obj-amd64-hw/config-PATH.sh

echo "## Building"
# A small page, like a default index page.
awk 'BEGIN { printf "<!DOCTYPE html>\n<html><head><title>rumprun</title></head><body>\n"; for (i = 0; i < 8; i++) printf "<p>Rumprun.Net serves this page from a unikernel.</p>\n"; printf "</body></html>\n" }' >"$out/www/index.html"
gcc -O2 -o "$out/seqconn" bench/net/seqconn.c
gcc -O2 -o "$out/firstreply" bench/net/firstreply.c
musl-gcc -static -O2 -o "$out/httpd.native" examples/httpd.c
x86_64-rumprun-netbsd-gcc -O2 -pthread -o "$out/httpd" examples/httpd.c bench/net/memprobe.c
rr-bake -q --rootfs "$out/www" hw_net "$out/httpd.bin" "$out/httpd"
x86_64-rumprun-netbsd-gcc -O2 -o "$out/nohello" bench/nohello.c
rr-bake -q hw_generic "$out/nohello.bin" "$out/nohello"

# Redis: the port's unikernel build and its native (musl-gcc -static) build come from rr-port check.
redis_native_bin=obj-amd64-hw/ports/redis/native/src/redis-server
if want redis && { ! rr-port -q check redis >"$out/redis-check.log" 2>&1 || [ ! -x "$redis_native_bin" ]; }; then
    echo "net.sh: rr-port check redis failed (see $out/redis-check.log)" >&2; exit 1
fi

# The web server ports: each used when it exists and builds (rr-port check makes both sides).
port_state() { # NAME: "yes" or why not
    if [ ! -f "ports/$1/port.json" ]; then echo "no ports/$1 yet"
    elif rr-port -q check "$1" >"$out/$1-check.log" 2>&1; then echo yes
    else echo "rr-port check $1 failed (see $out/$1-check.log)"; fi
}
light=no nginx=no
if want http; then
    light=$(port_state lighttpd); echo "lighttpd: $light"
    nginx=$(port_state nginx); echo "nginx: $nginx"
fi

# Waits until PORT answers an HTTP GET (or, with a third argument, a redis PING), up to 60 s.
wait_ready() {
    i=0
    while [ $i -lt 600 ]; do
        if [ "${3:-}" = redis ]; then
            [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ] && return 0
        else
            curl -fs -m 1 -o /dev/null "http://127.0.0.1:$1/" && return 0
        fi
        sleep 0.1; i=$((i + 1))
    done
    echo "net.sh: $2 did not answer on port $1 within 60 s" >&2; exit 1
}
start() { # NAME PORT [redis] -- COMMAND...: starts a server in the background, waits until it answers
    name=$1 port=$2 kind=; shift 2
    [ "$1" = redis ] && { kind=redis; shift; }
    shift
    "$@" >"$out/$name.log" 2>&1 &
    servers="$servers $!"
    wait_ready "$port" "$name" $kind
}
guest_http() { # NAME IMAGE HOSTPORT GUESTPORT [ARGS...]
    name=$1 image=$2 hp=$3 gp=$4; shift 4
    start "$name" "$hp" -- rr-run qemu -i -M 128 -I net0,vioif --forward "tcp:$hp:$gp" --forward "tcp:$probe:9099" "$image" -- "$@"
}

# wrk's figures as "rps p50 p90 p99 errors non2xx" (latencies in ms).
wrk_figures() {
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        $1 == "50%" { p50 = ms($2) } $1 == "90%" { p90 = ms($2) } $1 == "99%" { p99 = ms($2) }
        $1 == "Requests/sec:" { rps = $2 }
        /Socket errors/ { gsub(",", ""); err = $4 + $6 + $8 + $10 }
        /Non-2xx/ { non = $NF }
        END { printf "%.0f %.2f %.2f %.2f %d %d\n", rps, p50, p90, p99, err, non }' "$1"
}
# The median of each column of a file of numbers, one run a line.
medians() {
    ncol=$(head -n 1 "$1" | wc -w)
    c=1; line=
    while [ $c -le "$ncol" ]; do
        line="$line $(cut -d' ' -f$c "$1" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
        c=$((c + 1))
    done
    echo $line
}
ratio() { echo "$1 $2" | awk '{ printf "%.2f", $1 / $2 }'; }

# --- 1. HTTP ---------------------------------------------------------------------------------------
if want http; then
echo "## HTTP: wrk -t2 -c10 -d10s, GET / ($(wc -c <"$out/www/index.html") bytes), median of $runs"
http_pair() { # LABEL GUEST_NAME GUEST_PORT NATIVE_NAME NATIVE_PORT: runs alternate between the two
    : >"$out/$2.wrk"; : >"$out/$4.wrk"
    wrk -t2 -c10 -d2s "http://127.0.0.1:$3/" >/dev/null; wrk -t2 -c10 -d2s "http://127.0.0.1:$5/" >/dev/null
    r=1
    while [ $r -le "$runs" ]; do
        for side in "$2:$3" "$4:$5"; do
            wrk -t2 -c10 -d10s --latency "http://127.0.0.1:${side#*:}/" >"$out/${side%%:*}.$r.txt"
            wrk_figures "$out/${side%%:*}.$r.txt" >>"$out/${side%%:*}.wrk"
        done
        r=$((r + 1))
    done
    set -- "$1" $(medians "$out/$2.wrk") $(medians "$out/$4.wrk")
    printf '%s: unikernel %s req/s (p50 %s ms, p90 %s ms, p99 %s ms, errors %s); native %s req/s (p50 %s ms, p90 %s ms, p99 %s ms, errors %s); unikernel/native %s\n' \
        "$1" "$2" "$3" "$4" "$5" "$6" "$8" "$9" "${10}" "${11}" "${12}" "$(ratio "$2" "$8")"
}
guest_http httpd-guest "$out/httpd.bin" $http_guest 8080 -p 8080 /
start httpd-native $http_native -- "$out/httpd.native" -p $http_native "$out/www"
http_pair "examples/httpd" httpd-guest $http_guest httpd-native $http_native
stop_servers

if [ "$light" = yes ]; then
    lighttpd_conf() { # FILE PORT DOCUMENT-ROOT: the port's modules for static files, no connection limit below wrk's
        printf '%s\n' "server.port = $2" "server.document-root = \"$3\"" 'server.modules = ("mod_indexfile", "mod_staticfile")' \
            'server.upload-dirs = ("/tmp")' 'index-file.names = ("index.html")' 'mimetype.assign = (".html" => "text/html")' >"$1"
    }
    mkdir -p "$out/lighttpd-root/www"
    cp "$out/www/index.html" "$out/lighttpd-root/www/"
    lighttpd_conf "$out/lighttpd-root/lighttpd.conf" 8080 /www
    lighttpd_conf "$out/lighttpd-native.conf" $light_native "$out/www"
    rr-bake -q --rootfs "$out/lighttpd-root" hw_net "$out/lighttpd.bin" obj-amd64-hw/ports/lighttpd/target/src/lighttpd
    guest_http lighttpd-guest "$out/lighttpd.bin" $light_guest 8080 -D -f /lighttpd.conf
    start lighttpd-native $light_native -- obj-amd64-hw/ports/lighttpd/native/src/lighttpd -D -f "$out/lighttpd-native.conf"
    http_pair "lighttpd" lighttpd-guest $light_guest lighttpd-native $light_native
    stop_servers
else
    echo "lighttpd: not measured: $light"
fi

if [ "$nginx" = yes ]; then
    nginx_conf() { # FILE LISTEN ROOT PID-FILE: one process, static files, no access log, as the port's own configuration
        printf '%s\n' 'daemon off;' 'master_process off;' 'error_log stderr notice;' "pid $4;" 'events { worker_connections 256; }' \
            "http { types { text/html html; } access_log off; client_body_temp_path $(dirname "$4")/nginx-body;" \
            "    server { listen $2; root $3; } }" >"$1"
    }
    mkdir -p "$out/nginx-root/www"
    cp "$out/www/index.html" "$out/nginx-root/www/"
    nginx_conf "$out/nginx-root/nginx.conf" 8080 /www /tmp/nginx.pid
    nginx_conf "$out/nginx-native.conf" 127.0.0.1:$nginx_native "$out/www" "$out/nginx-native.pid"
    rr-bake -q --rootfs "$out/nginx-root" hw_net "$out/nginx.bin" obj-amd64-hw/ports/nginx/target/objs/nginx
    guest_http nginx-guest "$out/nginx.bin" $nginx_guest 8080 -c /nginx.conf
    start nginx-native $nginx_native -- obj-amd64-hw/ports/nginx/native/objs/nginx -p "$out/" -c "$out/nginx-native.conf"
    http_pair "nginx" nginx-guest $nginx_guest nginx-native $nginx_native
    stop_servers
else
    echo "nginx: not measured: $nginx"
fi
fi

# --- Redis ---------------------------------------------------------------------------------------
if want redis; then
# -c 10 as for HTTP: QEMU's user networking listens on a forwarded port with a backlog of 1, and a
# burst of 50 connections leaves some of them stuck in the host's accept queue (bench/README.md).
echo "## Redis: redis-benchmark -t set,get -n 50000 -c 10, median of $runs"
# p50 and p99 from the summary; p90, which redis-benchmark does not print, interpolated between the
# two points of its percentile distribution around 90 % (87.5 % and 93.75 %).
redis_figures() { # FILE TEST: "rps p50 p90 p99"
    awk -v t="$2" '
        $0 ~ "^====== " t " ======" { on = 1; next } /^====== / { on = 0 }
        !on { next }
        /Latency by percentile distribution/ { dist = 1; next }
        /Cumulative distribution of latencies/ { dist = 0; next }
        dist && $1 ~ /%$/ && $2 == "<=" && p90 == "" {
            pct = $1; sub("%", "", pct); pct += 0; lat = $3 + 0
            if (pct >= 90) p90 = (pct == prev_pct) ? lat : prev_lat + (lat - prev_lat) * (90 - prev_pct) / (pct - prev_pct)
            prev_pct = pct; prev_lat = lat
        }
        /throughput summary/ { rps = $3 }
        /latency summary/ { lat_sum = 1; next }
        lat_sum && $1 ~ /^[0-9.]+$/ && p50 == "" { p50 = $3; p99 = $5 }
        END { printf "%.0f %s %.3f %s\n", rps, p50, p90, p99 }' "$1"
}
start redis-guest $redis_guest redis -- rr-run qemu -i -M 256 -I net0,vioif --forward tcp:$redis_guest:6379 obj-amd64-hw/ports/redis/images/redis-server.bin -- --save '' --appendonly no --protected-mode no
start redis-native $redis_native redis -- "$redis_native_bin" --port $redis_native --save '' --appendonly no --protected-mode no
for side in redis-guest:$redis_guest redis-native:$redis_native; do : >"$out/${side%%:*}.set"; : >"$out/${side%%:*}.get"; done
r=1
while [ $r -le "$runs" ]; do
    for side in redis-guest:$redis_guest redis-native:$redis_native; do
        timeout 300 redis-benchmark -p "${side#*:}" -t set,get -n 50000 -c 10 >"$out/${side%%:*}.$r.txt" 2>&1 ||
            { echo "net.sh: redis-benchmark on ${side%%:*} did not finish within 300 s (see $out/${side%%:*}.$r.txt)" >&2; exit 1; }
        tr '\r' '\n' <"$out/${side%%:*}.$r.txt" >"$out/${side%%:*}.$r.clean"
        redis_figures "$out/${side%%:*}.$r.clean" SET >>"$out/${side%%:*}.set"
        redis_figures "$out/${side%%:*}.$r.clean" GET >>"$out/${side%%:*}.get"
    done
    r=$((r + 1))
done
for op in set get; do
    set -- $(medians "$out/redis-guest.$op") $(medians "$out/redis-native.$op")
    printf '%s: unikernel %s req/s (p50 %s ms, p90 %s ms, p99 %s ms); native %s req/s (p50 %s ms, p90 %s ms, p99 %s ms); unikernel/native %s\n' \
        "$(echo $op | tr a-z A-Z)" "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$(ratio "$1" "$5")"
done
echo "redis-guest console: $(grep -c . "$out/redis-guest.log") lines; $(grep -ci 'error\|warn' "$out/redis-guest.log") with error or warning"
stop_servers
fi

# --- 2. Load held ----------------------------------------------------------------------------------
if want load; then
echo "## Load held (unikernel examples/httpd): wrk -t2 -c100 -d60s --timeout 10s, then 100,000 sequential connections"
memory() { # LABEL: the guest's MemFree and MemAvailable, read through the probe
    curl -fs -m 10 "http://127.0.0.1:$probe/" >"$out/meminfo.txt" || { echo "$1: guest memory unreadable (probe did not answer)"; return; }
    awk -v l="$1" '$1 == "MemTotal:" { t = $2 } $1 == "MemFree:" { f = $2 } $1 == "MemAvailable:" { a = $2 }
        END { printf "%s: MemFree %d kB, MemAvailable %d kB (of MemTotal %d kB)\n", l, f, a, t }' "$out/meminfo.txt"
}
guest_http load-guest "$out/httpd.bin" $http_guest 8080 -p 8080 /
memory "start"
overflows() { nstat -az TcpExtListenOverflows 2>/dev/null | awk '$1 == "TcpExtListenOverflows" { print $2 }'; }
before=$(overflows)
wrk -t2 -c100 -d60s --timeout 10s --latency "http://127.0.0.1:$http_guest/" >"$out/load-wrk.txt"
echo "host listen-queue overflows during the run (every socket of this host): $(( $(overflows) - before ))"
set -- $(wrk_figures "$out/load-wrk.txt")
echo "wrk -c100 60 s: $1 req/s, p50 $2 ms, p90 $3 ms, p99 $4 ms, max $(awk '$1 == "Latency" { print $4 }' "$out/load-wrk.txt"), $(awk '/requests in/ { print $1 }' "$out/load-wrk.txt") requests, non-2xx $6; socket errors $5$(sed -n 's/^ *Socket errors:/ (/p' "$out/load-wrk.txt" | sed 's/$/)/')"
memory "after wrk (first minute)"
"$out/seqconn" $http_guest 100000 >"$out/seqconn.txt" 2>"$out/seqconn.err" &
seq=$!
minute=1
while kill -0 $seq 2>/dev/null; do
    i=0; while [ $i -lt 60 ] && kill -0 $seq 2>/dev/null; do sleep 1; i=$((i + 1)); done
    kill -0 $seq 2>/dev/null && { memory "sequential connections, minute $minute"; minute=$((minute + 1)); }
done
wait $seq || true
echo "sequential (the client closes first): $(cat "$out/seqconn.txt")"
if [ -s "$out/seqconn.err" ]; then head -n 5 "$out/seqconn.err"; fi
memory "end"
echo "guest still serving: $(curl -fs -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_guest/" || echo no)"
# The other order: Connection: close, so the guest closes first and keeps every connection in
# TIME_WAIT; the host reuses client ports sooner than that ends (bench/README.md).
echo "sequential, 5,000 with Connection: close (the server closes first): $("$out/seqconn" -s $http_guest 5000 2>"$out/seqconn-s.err")"
if [ -s "$out/seqconn-s.err" ]; then head -n 3 "$out/seqconn-s.err"; fi
stop_servers
start load-native $http_native -- "$out/httpd.native" -p $http_native "$out/www"
echo "native sequential (the client closes first): $("$out/seqconn" $http_native 100000 2>&1 | tail -n 1)"
echo "native sequential, 5,000 with Connection: close: $("$out/seqconn" -s $http_native 5000 2>&1 | tail -n 1)"
stop_servers
fi

# --- 3. Boot to first answered request -------------------------------------------------------------
if want boot; then
echo "## Boot: rr-run start to the first HTTP 200 (polled every 5 ms) against rr-run qemu -i nohello.bin to exit, median of $((runs * 2 + 1))"
: >"$out/boot-dhcp"; : >"$out/boot-static"; : >"$out/boot-hello"
r=0
while [ $r -lt $((runs * 2 + 1)) ]; do
    "$out/firstreply" $http_guest -- rr-run qemu -i -M 128 -I net0,vioif --forward tcp:$http_guest:8080 "$out/httpd.bin" -- -p 8080 / >>"$out/boot-dhcp" 2>/dev/null
    "$out/firstreply" $http_guest -- rr-run qemu -i -M 128 -I net0,vioif -W net0,inet,static,10.0.2.15/24,10.0.2.2 --forward tcp:$http_guest:8080 "$out/httpd.bin" -- -p 8080 / >>"$out/boot-static" 2>/dev/null
    "$out/firstreply" 0 -- rr-run qemu -i "$out/nohello.bin" 2>/dev/null | tail -n 1 >>"$out/boot-hello"
    r=$((r + 1))
done
hello=$(medians "$out/boot-hello"); dhcp=$(medians "$out/boot-dhcp"); static=$(medians "$out/boot-static")
echo "hello boot to exit: $hello ms"
echo "httpd boot to first reply, DHCP: $dhcp ms ($(ratio "$dhcp" "$hello")x hello)"
echo "httpd boot to first reply, static address: $static ms ($(ratio "$static" "$hello")x hello)"
fi
echo "machine: $(nproc) cores, $(uname -r), $(qemu-system-x86_64 --version | head -n 1), TCG; load average at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
