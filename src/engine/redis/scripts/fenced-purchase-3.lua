--[[
  fenced: reserves one seat under a fencing token, atomically: refused when a newer token has
  touched the sale since (the holder lost its lock); otherwise as purchase-2.lua, the buyer and the
  stock checked again, then the stock decremented and the buyer recorded.

  KEYS[1] stock key       (ticketsim:{<sale>}:stock)
  KEYS[2] buyers key      (ticketsim:{<sale>}:buyers)
  KEYS[3] fence-seen key  (ticketsim:{<sale>}:fence-seen)

  ARGV[1] user id
  ARGV[2] fencing token (integer >= 1, issued by INCR of the sale's fence key)
  ARGV[3] TTL given to the buyers set and the fence-seen key when they get one, in seconds

  returns  1  reserved (stock decremented, user added; the token is the newest seen)
          -1  duplicate (the user already holds a seat; nothing else changed)
          -2  sold out (stock <= 0; nothing else changed)
          -3  sale not found (no stock key; nothing changed, no key created)
          -5  stale (a newer token already touched the sale; nothing changed)
]]
local raw = redis.call('GET', KEYS[1])
if not raw then
  return -3
end
local token = tonumber(ARGV[2])
local seen = tonumber(redis.call('GET', KEYS[3]) or '0')
if token < seen then
  return -5
end
if token > seen then
  redis.call('SET', KEYS[3], ARGV[2], 'EX', ARGV[3])
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
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
return 1
