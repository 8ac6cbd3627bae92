-- Files under /tmp: write, append, read back, seek, rename, remove.
local name = "/tmp/lua-port-check.txt"
local f = assert(io.open(name, "w"))
for i = 1, 50 do f:write(string.format("line %d %s\n", i, ("*"):rep(i % 7))) end
f:close()
f = assert(io.open(name, "a"))
f:write("appended\n")
f:close()
local count, last = 0, nil
for line in io.lines(name) do count = count + 1; last = line end
print(count, last)
f = assert(io.open(name, "r"))
print(f:seek("end"), f:seek("set", 5), f:read(4), f:read("n"), f:read("l"))
f:close()
local renamed = name .. ".old"
print(os.rename(name, renamed))
print(io.open(name) == nil, select(2, io.open(name)))
print(os.remove(renamed), os.remove(renamed))
local tmp = io.tmpfile()
tmp:write("scratch", 123, "\n")
tmp:seek("set")
print(tmp:read("a"))
tmp:close()
