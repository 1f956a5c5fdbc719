--[[
  fenced: looks at a sale under a fencing token, atomically. A token older than the newest that has
  touched the sale is refused; otherwise it becomes the newest (from now on every older holder is
  refused), and the stock and whether the user holds a seat are returned.

  KEYS[1] stock key       (ticketsim:{<sale>}:stock)
  KEYS[2] buyers key      (ticketsim:{<sale>}:buyers)
  KEYS[3] fence-seen key  (ticketsim:{<sale>}:fence-seen)

  ARGV[1] user id
  ARGV[2] fencing token (integer >= 1, issued by INCR of the sale's fence key)
  ARGV[3] TTL given to the fence-seen key when it is set, in seconds

  returns  {stock, isBuyer}  the look (isBuyer 1 or 0); the token is now the newest seen
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
local stock = tonumber(raw)
if stock == nil then
  return redis.error_reply('ERR ticketsim: stock of ' .. KEYS[1] .. ' is not a number')
end
return { stock, redis.call('SISMEMBER', KEYS[2], ARGV[1]) }
