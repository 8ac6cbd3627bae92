local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i * i) end
    return "done"
  end)
end
local g = gen(5)
for _ = 1, 6 do io.write(tostring(g()), " ") end
print()
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  error("inside")
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, "x", "y"))
print(coroutine.status(co), coroutine.resume(co))
print(coroutine.isyieldable(), select(2, coroutine.running()), type(coroutine.running()))
-- A producer/consumer pipeline with many switches.
local producer = coroutine.create(function()
  for i = 1, 10000 do coroutine.yield(i) end
end)
local total = 0
while true do
  local ok, v = coroutine.resume(producer)
  if not v then break end
  total = total + v
end
print("total", total)
local wrapped = coroutine.wrap(function() error({ code = 7 }) end)
local ok, err = pcall(wrapped)
print(ok, type(err), err.code)
print(coroutine.close(coroutine.create(function() end)))
