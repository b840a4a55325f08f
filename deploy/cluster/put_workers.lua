-- wrk script: a write load of new workers, PUT /v1/workers/bench-<thread>-<n>,
-- each the worker record in QC_BODY_FILE (one JSON object) under a fresh id.
--   QC_KEY=... QC_BODY_FILE=worker.json wrk -t4 -c16 -d20s -s put_workers.lua URL
local counter = 0
local threads = {}
local key = os.getenv("QC_KEY")
local body = io.open(os.getenv("QC_BODY_FILE")):read("*a")

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local id = "bench-" .. tid .. "-" .. os.time() .. "-" .. counter
  local b = body:gsub('"id":"[^"]*"', '"id":"' .. id .. '"', 1)
  return wrk.format("PUT", "/v1/workers/" .. id,
    { ["Authorization"] = "Bearer " .. key,
      ["Content-Type"] = "application/json" }, b)
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d read %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("latency p50 %.1f ms, p99 %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
