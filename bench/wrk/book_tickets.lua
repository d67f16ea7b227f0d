-- wrk script: POST /book-tickets on a show picked at random from a file of show ids (one a
-- line, the first script argument), two seats each. Counts every status other than 201 and
-- prints one line `BENCH_JSON {...}` when done, which bench/tickets_bench reads.

local shows = {}
local threads = {}
-- Globals, so that `done` can read each thread's counts with thread:get.
created = 0
other = 0

function setup(thread)
   thread:set("seed", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   for line in io.lines(args[1]) do
      if #line > 0 then shows[#shows + 1] = line end
   end
   math.randomseed(os.time() * 1000 + seed)
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   local show = shows[math.random(#shows)]
   local body = '{"show_id":"' .. show .. '","number_of_tickets":2,"customer_email":"bench@example.com"}'
   return wrk.format("POST", "/book-tickets", nil, body)
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local created, other = 0, 0
   for _, thread in ipairs(threads) do
      created = created + (thread:get("created") or 0)
      other = other + (thread:get("other") or 0)
   end
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"duration_us":%d,"created":%d,"other_status":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
      summary.requests, summary.duration, created, other,
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
      summary.errors.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
