-- Exact sliding log for one key, decided atomically in one call (see docs/rate-limiting.md).
-- KEYS[1] log: the key's last <limit> allowed request times (ms), newest first; expires after the window
-- KEYS[2] ban: the end of the key's ban (ms); expires when the ban ends
-- ARGV[1] limit, ARGV[2] window (ms), ARGV[3] ban (ms, 0 = no ban),
-- ARGV[4] now (ms, the calling instance's clock; TimeSource.CALLER_CLOCK) or absent: Redis's own TIME
-- Returns {code, remaining, retryAfterMs, bannedUntilMs}; code 1 allowed, 0 limited, 2 ban started, 3 banned.
-- Calls: refused paths GET (with a ban), LINDEX; allowed path also LRANGE, LPUSH, PEXPIRE (LTRIM once full).
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local ban = tonumber(ARGV[3])
local now
if ARGV[4] then
  now = tonumber(ARGV[4])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

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

-- the newer ones, newest first: the clock-step rule and the count in the window, in one read
local times = redis.call('LRANGE', KEYS[1], 0, limit - 2)
-- an instance whose clock is behind the newest entry records at the newest entry's time, so the
-- log stays ordered (deciding "full" above at the earlier time only ever refused more)
if times[1] and tonumber(times[1]) > now then
  now = tonumber(times[1])
end
local windowStart = now - window
local count = 1
for i = 1, #times do
  if tonumber(times[i]) > windowStart then
    count = count + 1
  else
    break
  end
end

if redis.call('LPUSH', KEYS[1], now) > limit then
  redis.call('LTRIM', KEYS[1], 0, limit - 1)
end
redis.call('PEXPIRE', KEYS[1], window)
return {1, limit - count, 0, 0}
