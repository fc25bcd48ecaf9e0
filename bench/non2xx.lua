-- Count every response that is not 2xx (wrk itself lets 3xx through: a redirect to the
-- sign-in page would otherwise look like a fast, healthy page).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non2xx")
  end
  io.write(string.format("Non-2xx responses: %d\n", total))
end
