-- wrk script of benchmarks/over_http.py: requests the paths given after `--` in turn (or
-- wrk's own URL), counts the responses by status class, and writes one JSON line at the end.
--
-- "{word}" in a path is replaced by a new random word on each request (a search no cache
-- holds). An argument "from=A,B,…" (one for each thread, in order) gives the thread the
-- client addresses its requests come from in turn, sent as X-Forwarded-For as a reverse proxy
-- would: with one thread a connection and one address a thread, each connection is one client.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local function split(text)
  local parts = {}
  for part in string.gmatch(text, "[^,]+") do
    table.insert(parts, part)
  end
  return parts
end

function init(args)
  paths, addresses = {}, {}
  local lists = {}
  for _, arg in ipairs(args) do
    if string.sub(arg, 1, 5) == "from=" then
      table.insert(lists, split(string.sub(arg, 6)))
    else
      table.insert(paths, arg)
    end
  end
  if #lists > 0 then
    addresses = lists[(id - 1) % #lists + 1]
  end
  math.randomseed(os.time() * 1000 + id)
  turn, address_turn = 0, 0
  ok, redirects, client_errors, server_errors = 0, 0, 0, 0
  too_many, unavailable = 0, 0
end

local function word()
  local letters = {}
  for n = 1, math.random(4, 9) do
    letters[n] = string.char(math.random(97, 122))
  end
  return table.concat(letters)
end

function request()
  local headers = nil
  if #addresses > 0 then
    address_turn = address_turn % #addresses + 1
    headers = {["X-Forwarded-For"] = addresses[address_turn]}
  end
  if #paths == 0 then
    return wrk.format(nil, nil, headers)
  end
  turn = turn % #paths + 1
  local path = string.gsub(paths[turn], "{word}", word)
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status == 429 then
    too_many = too_many + 1
  elseif status == 503 then
    unavailable = unavailable + 1
  end
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
  local counts = {
    ok = 0, redirects = 0, client_errors = 0, server_errors = 0, too_many = 0, unavailable = 0
  }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(counts) do
      counts[name] = counts[name] + thread:get(name)
    end
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "bytes": %d, "mean_ms": %f, "p50_ms": %f, ' ..
    '"p90_ms": %f, "p99_ms": %f, "max_ms": %f, "ok": %d, "redirects": %d, ' ..
    '"client_errors": %d, "server_errors": %d, "too_many": %d, "unavailable": %d, ' ..
    '"socket_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, latency.mean / 1e3,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, counts.ok, counts.redirects,
    counts.client_errors, counts.server_errors, counts.too_many, counts.unavailable,
    errors.connect + errors.read + errors.write + errors.timeout, errors.timeout))
end
