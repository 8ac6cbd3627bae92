-- Run from the image's root file system: rr-run qemu -i lua.bin -- scripts/hello.lua ARGS
print("hello from " .. arg[0])
for i, a in ipairs(arg) do print(i, a) end
local f = assert(io.open("scripts/hello.lua"))
print("first line:", f:read("l"))
f:close()
