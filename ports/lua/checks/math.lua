print(math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger)
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7.5 // 2, 2^10, 10 / 4, 3 | 5, 3 & 5, 3 ~ 5, ~0, 1 << 62, 256 >> 4)
print(math.maxinteger + 1 == math.mininteger, math.type(1), math.type(1.0), math.type("1"))
print(math.floor(-3.5), math.ceil(-3.5), math.abs(-4), math.max(3, 9, 1), math.min(3, 9, 1), math.fmod(7, -3))
print(math.sqrt(2), math.sin(1), math.cos(1), math.tan(1), math.exp(1), math.log(10), math.log(8, 2), math.log(100, 10))
print(math.tointeger(3.0), math.tointeger(3.5), math.ult(1, -1), 0.1 + 0.2 == 0.3, 1e308 * 10, -(0/0) ~= -(0/0))
math.randomseed(42)
local r = {}
for i = 1, 5 do r[i] = math.random(1, 1000) end
print(table.concat(r, " "), math.random() < 1)
local sum = 0
for i = 1, 100000 do sum = sum + i * i % 7 end
print(sum)
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(24))
print(string.format("%.17g", 1 / 3), 2^53 + 1, math.floor(2^31 + 0.5))
