-- wrk script of `./mailoo bench orders`' max-rate run (deploy/local/bench_orders.sh, wrk_max_rate): each request
-- is an integrator's order as OrderClient places it (the API key, a fresh Idempotency-Key, a buyer address of its
-- own), so every answer is a new order and a new confirmation mail, never a replay.
-- Arguments after `--`: RUN_ID API_KEY. Prints BENCH lines in the format of the JVM generator's max-rate run.

local run, authorization, counter = "run", "", 0

function init(args)
  run = args[1] .. "-" .. tostring(math.random(1, 1000000000))
  authorization = "Bearer " .. args[2]
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"buyer":{"email":"buyer-%d@bench-%s.test","name":"Bench Buyer"},'
      .. '"items":[{"sku":"BENCH-1","quantity":2}],"note":"order %d"}', counter, run, counter)
  -- wrk.format takes these headers instead of wrk.headers, not in addition to them
  return wrk.format("POST", nil, { ["Authorization"] = authorization, ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = run .. "-" .. counter }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local failed = e.status + e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  -- wrk counts an answer outside 2xx/3xx as errors.status; the order route answers 201 to every new order
  io.write(string.format("BENCH max.rate=%.1f\n", (summary.requests - e.status) / seconds))
  io.write(string.format("BENCH max.p50_ms=%.1f\n", latency:percentile(50) / 1000))
  io.write(string.format("BENCH max.p99_ms=%.1f\n", latency:percentile(99) / 1000))
  io.write(string.format("BENCH max.requests=%d\n", summary.requests))
  io.write(string.format("BENCH max.errors=%d\n", failed))
  io.write(string.format("BENCH max.errors_detail=status:%d connect:%d read:%d write:%d timeout:%d\n", e.status,
    e.connect, e.read, e.write, e.timeout))
end
