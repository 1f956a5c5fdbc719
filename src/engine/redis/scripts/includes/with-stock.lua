--[[
  Step: the stock must be a number. Runs `step(stock)` with the stock key's value `raw` read as one
  and returns its answer; a value that is not a number is answered with an error reply.
]]
local function withStock(stockKey, raw, step)
  local stock = tonumber(raw)
  if stock == nil then
    return redis.error_reply('ERR ticketsim: stock of ' .. stockKey .. ' is not a number')
  end
  return step(stock)
end
