-- wrk script: durable rating submissions through the real form endpoint (POST /o/100001),
-- each with its own form token, every fifth a 差评 that also opens a 差评核实 case.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local counter = 0
function request()
  counter = counter + 1
  local body
  if counter % 5 == 0 then
    body = "level=1&service_type=counter&problems=hard_to_reach&comment=bench"
  else
    body = "level=5&service_type=counter&praise=attitude"
  end
  body = string.format("%s&token=bench-%d-%012d", body, id, counter)
  return wrk.format("POST", "/o/100001", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
