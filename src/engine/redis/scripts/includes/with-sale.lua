--[[
  Step: the sale must exist. Runs `step(raw)` with the stock key's value and returns its answer;
  returns -3 (sale not found) when the stock key does not exist, with nothing changed and no key
  created.
]]
local function withSale(stockKey, step)
  local raw = redis.call('GET', stockKey)
  if not raw then
    return -3
  end
  return step(raw)
end
