-- Exact sliding log for one key, decided atomically in one call (see docs/rate-limiting.md).
-- KEYS[1] log: the key's last <limit> allowed request times (ms), newest first; expires after the window
-- KEYS[2] ban: the end of the key's ban (ms); expires when the ban ends
-- ARGV[1] now (ms, from the calling instance's clock), ARGV[2] limit, ARGV[3] window (ms),
-- ARGV[4] ban (ms, 0 = no ban)
-- Returns {code, remaining, retryAfterMs, bannedUntilMs}; code 1 allowed, 0 limited, 2 ban started, 3 banned.
-- The refused paths are one or two reads: a flood costs Redis little.
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local ban = tonumber(ARGV[4])

if ban > 0 then
  local bannedUntil = tonumber(redis.call('GET', KEYS[2]) or 0)
  if bannedUntil > now then
    return {3, 0, bannedUntil - now, bannedUntil}
  end
end

-- full when the oldest of the last <limit> allowed requests is still inside the window
local oldest = redis.call('LINDEX', KEYS[1], limit - 1)
if oldest then
  oldest = tonumber(oldest)
  if oldest > now - window then
    if ban > 0 then
      local untilMs = now + ban
      redis.call('SET', KEYS[2], untilMs, 'PX', ban)
      return {2, 0, ban, untilMs}
    end
    return {0, 0, oldest + window - math.max(now, oldest), 0}
  end
end

-- an instance whose clock is behind the newest entry records at the newest entry's time, so the
-- log stays ordered (deciding "full" above at the earlier time only ever refused more)
local newest = redis.call('LINDEX', KEYS[1], 0)
if newest and tonumber(newest) > now then
  now = tonumber(newest)
end
local windowStart = now - window

local size = redis.call('LPUSH', KEYS[1], now)
if size > limit then
  redis.call('LTRIM', KEYS[1], 0, limit - 1)
end
redis.call('PEXPIRE', KEYS[1], window)

local times = redis.call('LRANGE', KEYS[1], 0, limit - 1)
local count = 0
for i = 1, #times do
  if tonumber(times[i]) > windowStart then
    count = count + 1
  else
    break
  end
end
return {1, limit - count, 0, 0}
