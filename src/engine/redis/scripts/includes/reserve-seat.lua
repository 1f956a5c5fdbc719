--[[
  Step: reserves one seat of a sale whose stock key holds `raw`, checking the buyer, then the stock,
  then decrementing the stock and recording the buyer; the buyer set is given `buyersTtlSeconds`
  when it has no TTL.

  returns  1  reserved (stock decremented, user added)
          -1  duplicate (the user already holds a seat; nothing changed)
          -2  sold out (stock <= 0; nothing changed)
]]
--- @include "with-stock"
local function reserveSeat(stockKey, buyersKey, raw, user, buyersTtlSeconds)
  if redis.call('SISMEMBER', buyersKey, user) == 1 then
    return -1
  end
  return withStock(stockKey, raw, function(stock)
    if stock <= 0 then
      return -2
    end
    redis.call('DECR', stockKey)
    redis.call('SADD', buyersKey, user)
    if redis.call('TTL', buyersKey) == -1 then
      redis.call('EXPIRE', buyersKey, buyersTtlSeconds)
    end
    return 1
  end)
end
