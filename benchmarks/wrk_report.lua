-- wrk script of benchmarks/over_http.py: requests the paths given after `--` in turn (or
-- wrk's own URL), counts the responses by status class, and writes one JSON line at the end.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = args
  turn = 0
  ok, redirects, client_errors, server_errors = 0, 0, 0, 0
end

function request()
  if #paths == 0 then
    return wrk.request()
  end
  turn = turn % #paths + 1
  return wrk.format("GET", paths[turn])
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  elseif status >= 300 then
    redirects = redirects + 1
  else
    ok = ok + 1
  end
end

function done(summary, latency, requests)
  local counts = {ok = 0, redirects = 0, client_errors = 0, server_errors = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(counts) do
      counts[name] = counts[name] + thread:get(name)
    end
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "bytes": %d, "mean_ms": %f, "p50_ms": %f, ' ..
    '"p90_ms": %f, "p99_ms": %f, "max_ms": %f, "ok": %d, "redirects": %d, ' ..
    '"client_errors": %d, "server_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, latency.mean / 1e3,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, counts.ok, counts.redirects,
    counts.client_errors, counts.server_errors,
    errors.connect + errors.read + errors.write + errors.timeout))
end
