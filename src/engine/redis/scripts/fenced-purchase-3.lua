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
--- @include "includes/with-sale"
--- @include "includes/with-token"
--- @include "includes/reserve-seat"

return withSale(KEYS[1], function(raw)
  return withToken(KEYS[3], ARGV[2], ARGV[3], function()
    return reserveSeat(KEYS[1], KEYS[2], raw, ARGV[1], ARGV[3])
  end)
end)
