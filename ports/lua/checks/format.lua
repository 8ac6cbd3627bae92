local values = { 0, -0.0, 1, -1, 0.5, 1 / 3, 2 / 3, math.pi, 1e-7, 123456789.125, 1e21, 6.02214076e23, -2.5e-300, 2^63 }
for _, v in ipairs(values) do
  print(string.format("%g|%.3f|%10.4e|%-12.6g|%+.2f|%a|%.0f|%5.1f", v, v, v, v, v, v, v, v))
end
print(string.format("%d %5d %-5d| %05d %x %X %o %c %s %10s %-10s| %%", 42, 42, 42, 42, 255, 255, 8, 65, "s", "right", "left"))
print(string.format("%.14g %.14g %.14g", 0.1, 100 / 7, -1e100))
print(1e15, 1e16, 123.0, -0.0, 1/0, -1/0, 2^-1074, 3.14159265358979)
print(string.format("%i", 3.0), math.floor(3.7), 7 // 0.0, -7 // 0.0)
print(tostring(1e100), tostring(12345678901234567890), 0x7fffffffffffffff, 0xffffffffffffffff)
