#!/bin/sh
# Puts into SHARE/lib the host's copies of the libraries a self-contained rr-run in SHARE/rr-run needs
# in the dom0: what ldd names (libdl, libpthread, libstdc++, ...) and OpenSSL, which .NET loads with
# dlopen for its random numbers (the guest's seed, domain names). Usage: share-libraries.sh SHARE
set -eu
share=${1:?usage: share-libraries.sh SHARE}
mkdir -p "$share/lib"
for library in libssl.so.3 libcrypto.so.3; do
    cp -L "/usr/lib/x86_64-linux-gnu/$library" "$share/lib/"
done
find "$share/rr-run" "$share/lib" -type f \( -name rr-run -o -name '*.so' -o -name '*.so.*' \) -exec ldd {} + 2>/dev/null \
    | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p' | sort -u | while read -r library; do
        [ -e "$share/lib/$(basename "$library")" ] || cp -L "$library" "$share/lib/"
    done
