--[[
  Creates a sale: sets its stock, only if neither of its keys exists yet (never overwrites).

  KEYS[1] stock key   (ticketsim:{<sale>}:stock)
  KEYS[2] buyers key  (ticketsim:{<sale>}:buyers)

  ARGV[1] initial stock (integer >= 0)
  ARGV[2] TTL of the stock key, in seconds

  returns  1  created
          -4  sale exists (a key was already there; nothing was changed)
]]
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then
  return -4
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
