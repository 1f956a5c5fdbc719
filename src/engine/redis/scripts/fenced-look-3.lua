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
--- @include "includes/with-sale"
--- @include "includes/with-token"
--- @include "includes/with-stock"

return withSale(KEYS[1], function(raw)
  return withToken(KEYS[3], ARGV[2], ARGV[3], function()
    return withStock(KEYS[1], raw, function(stock)
      return { stock, redis.call('SISMEMBER', KEYS[2], ARGV[1]) }
    end)
  end)
end)
