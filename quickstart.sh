#!/bin/sh
# Everything a fresh clone needs, then the main job: build the hw platform and toolchain,
# compile examples/hello.c, bake it with hw_generic and boot it under QEMU.
set -eu
cd "$(dirname "$0")"
./rr-build --install-deps hw
. ./obj-amd64-hw/config-PATH.sh
mkdir -p examples/out
echo ">> x86_64-rumprun-netbsd-gcc -o examples/out/hello examples/hello.c"
x86_64-rumprun-netbsd-gcc -o examples/out/hello examples/hello.c
echo ">> rr-bake hw_generic examples/out/hello.bin examples/out/hello"
rr-bake hw_generic examples/out/hello.bin examples/out/hello
echo ">> rr-run qemu -i examples/out/hello.bin"
exec rr-run qemu -i examples/out/hello.bin
