#!/bin/sh
# Downloads the harness's Debian packages into CACHE/debs and unpacks them all into CACHE/root.
# linux-image-amd64 is a metapackage: the kernel package it depends on is fetched instead.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:?usage: fetch.sh CACHE}
mkdir -p "$cache/debs"
cache=$(cd "$cache" && pwd)

command -v apt-get >/dev/null || { echo "fetch.sh: apt-get not found: the harness needs Debian 12's packages" >&2; exit 1; }

packages=""
for name in $(grep -v '^#' "$here/packages.txt"); do
    if [ "$name" = linux-image-amd64 ]; then
        name=$(apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -n 1)
        [ -n "$name" ] || { echo "fetch.sh: apt-cache names no kernel behind linux-image-amd64: run apt-get update" >&2; exit 1; }
    fi
    packages="$packages $name"
done

stamp="$cache/debs/.fetched"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$packages" ]; then
    rm -f "$cache"/debs/*.deb
    # apt's sandbox user may not write the cache; downloads are checked against the signed lists all the same.
    (cd "$cache/debs" && apt-get download -o APT::Sandbox::User=root $packages)
    echo "$packages" > "$stamp"
    rm -rf "$cache/root"
fi

if [ ! -d "$cache/root" ]; then
    rm -rf "$cache/root.tmp"
    mkdir -p "$cache/root.tmp"
    for deb in "$cache"/debs/*.deb; do
        dpkg -x "$deb" "$cache/root.tmp"
    done
    mv "$cache/root.tmp" "$cache/root"
fi
echo "$cache/root"
