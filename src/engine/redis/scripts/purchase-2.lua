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
--- @include "includes/with-sale"
--- @include "includes/reserve-seat"

return withSale(KEYS[1], function(raw)
  return reserveSeat(KEYS[1], KEYS[2], raw, ARGV[1], ARGV[2])
end)
