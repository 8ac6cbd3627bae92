local t = {}
for i = 1, 100 do t[i] = (i * 37) % 101 end
table.sort(t)
print(#t, t[1], t[50], t[100])
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, ",", 1, 10))
table.insert(t, 1, -1)
table.insert(t, 1000)
print(#t, table.remove(t), table.remove(t, 1), #t)
print(table.unpack({1, 2, 3}))
print(select("#", table.unpack({1, nil, 3}, 1, 3)))
local moved = table.move({1, 2, 3, 4, 5}, 2, 4, 1, {})
print(table.concat(moved, " "))
-- Key order of pairs is not specified: sort before printing.
local d = { alpha = 1, beta = 2, gamma = 3, [10] = "ten", [2.5] = "float" }
local keys = {}
for k in pairs(d) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, " "))
local mt = { __index = function(_, k) return k .. "!" end, __len = function() return 99 end,
             __add = function(a, b) return "added" end, __tostring = function() return "<obj>" end }
local obj = setmetatable({}, mt)
print(obj.missing, #obj, obj + 1, tostring(obj))
local weak = setmetatable({}, { __mode = "k" })
weak[{}] = 1
collectgarbage()
local n = 0
for _ in pairs(weak) do n = n + 1 end
print("weak entries after collect", n)
local nested = {}
for i = 1, 200 do nested[i] = { i, { i * 2, { tostring(i) } } } end
print(nested[200][2][2][1], #nested)
print(next({}), rawlen({1, 2}), rawequal(t, t), rawget(d, "alpha"))
