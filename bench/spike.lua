-- wrk script for bench/spike.py: requests the paths of a URL list file (one a line, drawn
-- beforehand from the benchmark's seeded mix), each wrk thread from its own offset, so that
-- nginx, Varnish and the app get the same sequence. Counts the cache headers and the error
-- statuses, and prints every figure at the end as one line: "SPIKE {json}".
-- Arguments after `--`: the URL list file and wrk's thread count.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  position = math.floor(id * #paths / tonumber(args[2]))
  edge_hit, edge_miss, app_hit, app_stale, app_miss, app_none = 0, 0, 0, 0, 0, 0
  status_4xx, status_5xx = 0, 0
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  -- Header names arrive as each server spells them (granian sends them in lower case).
  local edge = headers["X-Edge-Cache"] or headers["x-edge-cache"]
  local app = headers["X-Cache"] or headers["x-cache"]
  if edge == "HIT" then
    edge_hit = edge_hit + 1
  else
    if edge then
      edge_miss = edge_miss + 1
    end
    -- Behind Varnish only its misses reached the app: their X-Cache is the app's answer.
    if app == "HIT" then
      app_hit = app_hit + 1
    elseif app == "STALE" then
      -- The old copy, sent while another request renders the page again.
      app_stale = app_stale + 1
    elseif app then
      app_miss = app_miss + 1
    else
      app_none = app_none + 1
    end
  end
  if status >= 500 then
    status_5xx = status_5xx + 1
  elseif status >= 400 then
    status_4xx = status_4xx + 1
  end
end

function done(summary, latency, requests)
  local names = {
    "edge_hit", "edge_miss", "app_hit", "app_stale", "app_miss", "app_none", "status_4xx",
    "status_5xx"
  }
  local totals = {}
  for _, name in ipairs(names) do
    totals[name] = 0
    for _, thread in ipairs(threads) do
      totals[name] = totals[name] + thread:get(name)
    end
  end
  local parts = {}
  for _, name in ipairs(names) do
    parts[#parts + 1] = string.format('"%s":%d', name, totals[name])
  end
  local errors = summary.errors
  parts[#parts + 1] = string.format('"requests":%d', summary.requests)
  parts[#parts + 1] = string.format('"duration_us":%d', summary.duration)
  parts[#parts + 1] = string.format(
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d}',
    errors.connect, errors.read, errors.write, errors.timeout
  )
  parts[#parts + 1] = string.format('"non_2xx_3xx":%d', errors.status)
  for _, p in ipairs({50, 90, 99, 99.9}) do
    parts[#parts + 1] = string.format('"p%s_us":%d', tostring(p), latency:percentile(p))
  end
  parts[#parts + 1] = string.format('"max_us":%d', latency.max)
  io.write("SPIKE {" .. table.concat(parts, ",") .. "}\n")
end
