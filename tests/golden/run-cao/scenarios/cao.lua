-- cao.lua: CAO wage rises, partly compensated, with inflation and a declining BBAZ.
--
-- The Cao-umc raises are not published in the sources: these rates are assumptions to vary.
-- 60% of the rise is assumed to come back as revenue (compensation through the OVA);
-- procurement follows inflation; the availability contribution for academic care (BBAZ)
-- declines by 1.5% a year. What does this do to the result if the plans stay as they are?
scenario{name = "cao", description = "CAO 3% / 3.5% / 2.5% then 2%, 60% compensated; inflation; BBAZ -1.5%"}

local cao_rates = {[2022] = 0.03, [2023] = 0.035, [2024] = 0.025}
local inflation = {[2022] = 0.045, [2023] = 0.04, [2024] = 0.025}
local rates, prices, bbaz = {}, {}, {}
for _, year in ipairs(model.years) do
  if year >= 2022 then
    rates[year] = cao_rates[year] or 0.02
    prices[year] = inflation[year] or 0.02
    bbaz[year] = -0.015
  end
end

cao{rates = rates, compensation = 0.6}
index{kind = "procurement", rates = prices}
index{kind = "other_cost", rates = prices}
index{categories = {"BBAZ"}, rates = bbaz}
