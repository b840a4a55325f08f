-- wrk script: GET one path per request, the worker id varying over a world.
-- Usage: QC_API_KEY=KEY wrk -s recommend.lua URL -- IDS_FILE [PATH_TEMPLATE]
--   IDS_FILE       one id per line (write_ids.py)
--   PATH_TEMPLATE  "{id}" is replaced by the id; default
--                  /v1/workers/{id}/recommendations/trainings?k=10
-- The key comes from the environment, not the command line, so it does not
-- show in the process list. Each thread walks the ids from its own offset with
-- a stride coprime to the id count, so threads ask for different workers,
-- every id is visited, and consecutive requests do not hit neighbouring rows.
-- done() prints one JSON summary line (see run_wrk.sh).

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local ids = {}
local template
local headers = {}
local next_index = 0
local stride = 7919

local function gcd(a, b)
  while b ~= 0 do a, b = b, a % b end
  return a
end
non_2xx = 0

function init(args)
  local ids_file = args[1]
  template = args[2] or "/v1/workers/{id}/recommendations/trainings?k=10"
  if not ids_file then error("usage: wrk -s recommend.lua URL -- IDS_FILE [PATH_TEMPLATE]") end
  for line in io.lines(ids_file) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no ids in " .. ids_file) end
  while gcd(stride, #ids) ~= 1 do stride = stride + 2 end
  local key = os.getenv("QC_API_KEY")
  if key and key ~= "" then headers["Authorization"] = "Bearer " .. key end
  next_index = (thread_index or 0) * math.floor(#ids / 16 + 1)
end

function request()
  local id = ids[next_index % #ids + 1]
  next_index = next_index + stride
  local path = template:gsub("{id}", id)
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status < 200 or status > 299 then non_2xx = non_2xx + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + (thread:get("non_2xx") or 0) end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests":%d,"duration_s":%.3f,"requests_per_s":%.1f,' ..
    '"latency_ms":{"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f},' ..
    '"errors":{"non_2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    bad, e.connect, e.read, e.write, e.timeout))
end
