-- Real time differs between runs: print only what must hold on both sides.
local now = os.time()
print(math.type(now), now > 1600000000, now < 4102444800)
local c0 = os.clock()
local x = 0
for i = 1, 200000 do x = x + i % 3 end
local c1 = os.clock()
print(c0 >= 0, c1 >= c0, c1 - c0 < 60, x)
print(os.date("!%Y-%m-%d %H:%M:%S", 0), os.date("!%Y-%m-%d %H:%M:%S", 1700000000))
print(os.time({ year = 2024, month = 2, day = 29, hour = 12, min = 0, sec = 0, isdst = false }))
local t = os.date("!*t", 86400 * 365)
print(t.year, t.month, t.day, t.yday, t.wday, t.isdst)
print(os.difftime(now + 90, now), type(os.date()), os.getenv("NO_SUCH_VARIABLE"))
print(os.date("!%A %B %j %p", 1234567890))
