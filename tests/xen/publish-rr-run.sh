#!/bin/sh
# Publishes rr-run self-contained for linux-x64 (no .NET in the dom0; invariant globalization, so no
# ICU either) into OUT. Usage: publish-rr-run.sh OUT
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: publish-rr-run.sh OUT}
dotnet publish "$here/../../run/Rumprun.Run.csproj" -c Release -r linux-x64 --self-contained \
    -p:InvariantGlobalization=true -o "$out" >&2
echo "$out"
