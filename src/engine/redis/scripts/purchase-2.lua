--[[
  Reserves one seat atomically: checks the sale, the buyer and the stock, then decrements the stock
  and records the buyer.

  KEYS[1] stock key   (ticketsim:{<sale>}:stock)
  KEYS[2] buyers key  (ticketsim:{<sale>}:buyers)

  ARGV[1] user id
  ARGV[2] TTL given to the buyers set when it has none, in seconds

  returns  1  reserved (stock decremented, user added)
          -1  duplicate (the user already holds a seat; nothing changed)
          -2  sold out (stock <= 0; nothing changed)
          -3  sale not found (no stock key; nothing changed, no key created)
]]
local raw = redis.call('GET', KEYS[1])
if not raw then
  return -3
end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  return -1
end
local stock = tonumber(raw)
if stock == nil then
  return redis.error_reply('ERR ticketsim: stock of ' .. KEYS[1] .. ' is not a number')
end
if stock <= 0 then
  return -2
end
redis.call('DECR', KEYS[1])
redis.call('SADD', KEYS[2], ARGV[1])
if redis.call('TTL', KEYS[2]) == -1 then
  redis.call('EXPIRE', KEYS[2], ARGV[2])
end
return 1
