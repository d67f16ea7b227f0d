-- wrk script: the on-sale rush on one show (its id is the first script argument). Every
-- connection buys one seat at a time, half of them straight away (POST /book-tickets), half
-- through a hold (POST /shows/{id}/holds, then POST /book-tickets {"hold_id"} as the next
-- request of the thread). wrk calls request() and response() per thread, not per connection,
-- so the thread keeps the holds waiting to be booked in a queue. Prints `BENCH_JSON {...}`.

local show
local threads = {}
local pending = {}
local turn = 0
-- Globals, so that `done` can read each thread's counts with thread:get.
booked = 0
held = 0
sold_out = 0
other = 0

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   show = args[1]
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   local hold = table.remove(pending)
   if hold then
      return wrk.format("POST", "/book-tickets", nil, '{"hold_id":"' .. hold .. '"}')
   end
   turn = turn + 1
   if turn % 2 == 0 then
      return wrk.format("POST", "/shows/" .. show .. "/holds", nil,
         '{"number_of_tickets":1,"customer_email":"rush@example.com","ttl_seconds":300}')
   end
   return wrk.format("POST", "/book-tickets", nil,
      '{"show_id":"' .. show .. '","number_of_tickets":1,"customer_email":"rush@example.com"}')
end

function response(status, headers, body)
   if status == 201 then
      local hold = body:match('"hold_id":"([^"]+)"')
      if hold then
         held = held + 1
         table.insert(pending, hold)
      else
         booked = booked + 1
      end
   elseif status == 400 and body:find("not enough seats", 1, true) then
      sold_out = sold_out + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local totals = {booked = 0, held = 0, sold_out = 0, other = 0}
   for _, thread in ipairs(threads) do
      for name, _ in pairs(totals) do
         totals[name] = totals[name] + (thread:get(name) or 0)
      end
   end
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"duration_us":%d,"booked":%d,"held":%d,"sold_out":%d,"other_status":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
      summary.requests, summary.duration, totals.booked, totals.held, totals.sold_out, totals.other,
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
      summary.errors.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
