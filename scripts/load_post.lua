-- wrk script for scripts/load.sh: POST /help with a valid request form.
--
-- Each request gets its own name and phone number (thread id + counter), so every submission
-- is a distinct resident, from its own address (X-Forwarded-For; load.sh trusts 127.0.0.1).
-- Status codes are counted per thread and summed in done(), which prints machine-readable lines
-- that load.sh reads:
--   status_303 N      the only answer that counts as a durable submission
--   status_other N    every other answer (422 form errors, 5xx, 2xx, ...)
--   status_CODE N     one line per code seen other than 303

local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("tid", next_id)
   table.insert(threads, thread)
end

local counter = 0
local codes = {}
local n303 = 0
local nother = 0

local fixed = "&contact_method=sms&sms_consent=yes&zip=80205&needs=internet&language=en"
local headers = {
   ["Content-Type"] = "application/x-www-form-urlencoded",
   ["Accept-Language"] = "en-US,en;q=0.9",
}

function request()
   counter = counter + 1
   -- 303-555-0000 .. 303-555-9999: fictional, and valid to the phone number parser.
   local body = string.format("name=Load+Tester+%d-%d&phone=303-555-%04d%s",
                              tid, counter, counter % 10000, fixed)
   -- Each submission comes from its own resident's address, as through the city's proxy
   -- (load.sh trusts 127.0.0.1 as a proxy): per-address rate limits see many residents, as on
   -- a campaign day, not one machine.
   headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", tid % 256,
                                              math.floor(counter / 256) % 256, counter % 256)
   return wrk.format("POST", "/help", headers, body)
end

function response(status, hdrs, body)
   if status == 303 then
      n303 = n303 + 1
   else
      nother = nother + 1
      codes[status] = (codes[status] or 0) + 1
      -- thread:get copies numbers and strings; keep the per-code tally as a string.
      local parts = {}
      for code, n in pairs(codes) do
         table.insert(parts, code .. "=" .. n)
      end
      others = table.concat(parts, ",")
   end
   -- Exported as globals so done() can read them through thread:get.
   s303 = n303
   sother = nother
end

function done(summary, latency, requests)
   local total303, totalother = 0, 0
   local bycode = {}
   for _, thread in ipairs(threads) do
      total303 = total303 + (thread:get("s303") or 0)
      totalother = totalother + (thread:get("sother") or 0)
      local o = thread:get("others")
      if o then
         for code, n in string.gmatch(o, "(%d+)=(%d+)") do
            bycode[code] = (bycode[code] or 0) + tonumber(n)
         end
      end
   end
   io.write(string.format("status_303 %d\n", total303))
   io.write(string.format("status_other %d\n", totalother))
   for code, n in pairs(bycode) do
      io.write(string.format("status_%s %d\n", code, n))
   end
end
