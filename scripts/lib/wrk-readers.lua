-- wrk script: every request comes from another reader (X-Forwarded-For cycling through 62,500 addresses,
-- the server trusting one proxy hop), so the per-client limit on requests that miss the cache
-- (lib/http/client-limits.ts) sees many readers at a normal pace, not one client at full speed.
local sent = 0
request = function()
  sent = sent + 1
  wrk.headers["X-Forwarded-For"] = "10.1." .. (math.floor(sent / 250) % 250) .. "." .. (sent % 250)
  return wrk.format()
end
