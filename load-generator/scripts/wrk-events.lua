-- wrk script: POST /api/event with varied pageviews, as `bench ingest` sends them but from wrk's
-- C client. Each request is a pageview of one of 40 pages by one of 20,000 visitors (their
-- address in X-Forwarded-For, from the documentation ranges; run the server with
-- FOOTFALL_TRUSTED_PROXIES=127.0.0.1/32), with a fresh event id, so visits are about 5 pages
-- deep as the run goes on. Counts answers by status for the report.
-- usage: wrk -t2 -c128 -d20s -s load-generator/scripts/wrk-events.lua http://127.0.0.1:18180
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

local agents = {
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0",
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36",
}
local referrers = { "", "https://www.google.com/", "https://news.ycombinator.com/", "https://www.bing.com/" }

function request()
  counter = counter + 1
  local n = counter * 2 + tid
  local visitor = n % 20000
  local ip = string.format("%s.%d.%d", visitor % 2 == 0 and "198.51" or "203.0", 100 + math.floor(visitor / 256) % 156, visitor % 256)
  local page = (n * 7) % 40
  local body = string.format('{"n":"pageview","u":"https://wrk%d.example/p%d","d":"wrk%d.example","r":"%s","w":1440,"id":"w%d-%d"}',
    visitor % 4, page, visitor % 4, referrers[visitor % 4 + 1], tid, counter)
  return wrk.format("POST", "/api/event", {
    ["Content-Type"] = "text/plain",
    ["User-Agent"] = agents[visitor % 4 + 1],
    ["X-Forwarded-For"] = ip,
  }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for k, v in pairs(s) do total[k] = (total[k] or 0) + v end
  end
  local line = "statuses:"
  for k, v in pairs(total) do line = line .. " " .. k .. "=" .. v end
  print(line)
  print(string.format("latency p50 %.2f ms, p99 %.2f ms", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
