--[[
  Undoes a reservation atomically: removes the buyer and, only if they were there, gives the seat
  back. Calling it twice for one reservation gives the seat back once.

  KEYS[1] stock key   (ticketsim:{<sale>}:stock)
  KEYS[2] buyers key  (ticketsim:{<sale>}:buyers)

  ARGV[1] user id

  returns  1  released (buyer removed, stock + 1)
           0  the user held no seat (nothing changed)
          -3  sale not found (no stock key; nothing changed, no key created)
]]
--- @include "includes/with-sale"

return withSale(KEYS[1], function()
  if redis.call('SREM', KEYS[2], ARGV[1]) == 0 then
    return 0
  end
  redis.call('INCR', KEYS[1])
  return 1
end)
