-- bench/soak.lua: the request mix of bench/soak.sh for wrk, checked
-- response by response.
--
-- Each request carries ?header=X-Want:CODE (the server adds the field
-- X-Want: CODE to its reply), so that response() knows which status the
-- request it answers expected, whatever order wrk's connections finish
-- in. The mix: GET /200, /404, /503, /204, /304, /301, /200?sleep=0, and
-- HEAD /204. The HEAD is of /204 and not /200 because wrk 4.1 cannot
-- frame a HEAD reply that has Content-Length (its parser waits for the
-- content, wg/wrk#198); a 204 has none.
--
-- done() prints "soak KEY VALUE" lines for bench/soak.sh to read.

local mix = {
   { "GET",  "/200",         200 },
   { "GET",  "/404",         404 },
   { "GET",  "/503",         503 },
   { "GET",  "/204",         204 },
   { "GET",  "/304",         304 },
   { "GET",  "/301",         301 },
   { "GET",  "/200?sleep=0", 200 },
   { "HEAD", "/204",         204 },
}

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

-- Per thread (globals, so that done() can read them with thread:get).
function init(args)
   reqs = {}
   for k, m in ipairs(mix) do
      local sep = m[2]:find("?", 1, true) and "&" or "?"
      reqs[k] = wrk.format(m[1], m[2] .. sep .. "header=X-Want:" .. m[3])
   end
   nreq = 0
   responses = 0
   wrong = 0       -- a status other than the request's X-Want
   untagged = 0    -- a reply without X-Want: not the reply to our request
   first_wrong = ""
   counts = {}     -- "200" -> responses with that status
end

function request()
   nreq = nreq + 1
   return reqs[(nreq - 1) % #reqs + 1]
end

function response(status, headers, body)
   responses = responses + 1
   local key = tostring(status)
   counts[key] = (counts[key] or 0) + 1
   local want = headers["X-Want"]
   if want == nil then
      untagged = untagged + 1
      if first_wrong == "" then first_wrong = key .. " without X-Want" end
   elseif tonumber(want) ~= status then
      wrong = wrong + 1
      if first_wrong == "" then first_wrong = key .. " for X-Want " .. want end
   end
end

function done(summary, latency, requests)
   local responses_, wrong_, untagged_, counts_ = 0, 0, 0, {}
   local first = ""
   for _, t in ipairs(threads) do
      responses_ = responses_ + t:get("responses")
      wrong_ = wrong_ + t:get("wrong")
      untagged_ = untagged_ + t:get("untagged")
      if first == "" then first = t:get("first_wrong") end
      for k, v in pairs(t:get("counts")) do
         counts_[k] = (counts_[k] or 0) + v
      end
   end
   local function out(k, v) io.write(string.format("soak %s %s\n", k, v)) end
   out("requests", summary.requests)
   out("duration_us", summary.duration)
   out("bytes", summary.bytes)
   out("rps", string.format("%.0f", summary.requests / (summary.duration / 1e6)))
   out("p50_us", latency:percentile(50))
   out("p90_us", latency:percentile(90))
   out("p99_us", latency:percentile(99))
   out("max_us", latency.max)
   out("err_connect", summary.errors.connect)
   out("err_read", summary.errors.read)
   out("err_write", summary.errors.write)
   out("err_timeout", summary.errors.timeout)
   out("responses", responses_)
   out("wrong", wrong_)
   out("untagged", untagged_)
   out("first_wrong", first == "" and "-" or (first:gsub(" ", "_")))
   for _, m in ipairs(mix) do
      local k = tostring(m[3])
      if counts_[k] then
         out("status_" .. k, counts_[k])
         counts_[k] = nil
      end
   end
   for k, v in pairs(counts_) do
      out("status_" .. k, v)   -- a status the mix never asks for
   end
end
