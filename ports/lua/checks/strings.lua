local s = "Hello, Rumprun unikernel world"
print(#s, s:upper(), s:lower())
print(s:sub(8, 14), s:sub(-5), s:byte(1), string.char(72, 105))
print(s:find("uni"), s:find("k%a+"), s:match("(%a+) (%a+)$"))
print((s:gsub("%a+", function(w) return w:reverse() end)))
print(s:gsub("o", "0"))
for word in s:gmatch("%a+") do io.write("[", word, "]") end
print()
print(("x"):rep(5, ","), ("abc"):rep(0), ("%d items"):format(3))
print(tostring(12), tostring(1.5), tostring(nil), tostring(true), tonumber("0x10"), tonumber("  12  "), tonumber("z", 36))
print(#"\u{48}\u{20AC}", utf8.len("h\u{E9}llo"), utf8.char(72, 8364))
for p, c in utf8.codes("a\u{E9}b") do io.write(p, ":", c, " ") end
print()
local parts = {}
for i = 1, 2000 do parts[#parts + 1] = string.format("%04d", i) end
local big = table.concat(parts, ";")
print(#big, big:sub(1, 24), big:sub(-14))
print(string.pack and #string.pack("i4 d s1", 7, 2.5, "hi"), string.unpack("i4", string.pack("i4", -3)))
print(("%q"):format("a\nb\0c\"d"))
