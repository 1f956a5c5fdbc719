--[[
  Step: the fencing token must be the newest the sale has seen. Returns -5 (stale) when a newer
  token has already touched the sale, with nothing changed; otherwise the token becomes the newest
  seen (stored with a TTL of `ttlSeconds` when it is newer than the one there) and `step()`'s answer
  is returned.
]]
local function withToken(fenceSeenKey, token, ttlSeconds, step)
  local seen = tonumber(redis.call('GET', fenceSeenKey) or '0')
  if tonumber(token) < seen then
    return -5
  end
  if tonumber(token) > seen then
    redis.call('SET', fenceSeenKey, token, 'EX', ttlSeconds)
  end
  return step()
end
