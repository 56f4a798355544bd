local std = require "std"
weights { trade = 10, stores = 5, energy = 5, events = 5 }
local names = {}
for name in pairs(string) do names[#names + 1] = name end
table.sort(names)
score.default = function(it)
  local fields = {}
  for k, v in pairs(it) do fields[#fields + 1] = tostring(k) .. "=" .. tostring(v) end
  table.sort(fields)
  return #fields % 3, table.concat(fields, ";", 1, 4) .. names[1]
end
light = function(it) return ({"green", "yellow", "red"})[#it.unit % 3 + 1], _G.tostring(#names) end
commend = function(card) return card.total > 5, std.red_items(card) end
red_light = function(card) return #card.items > 1, {card.name, card.group} end
