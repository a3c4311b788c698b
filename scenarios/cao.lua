-- cao.lua: CAO wage rises, partly compensated, with inflation and a declining BBAZ.
--
-- The Cao-umc raises are not published in the sources: these rates are assumptions to vary.
-- 60% of the rise is assumed to come back as revenue (compensation through the OVA).
-- Hired staff (INHUUR, not on the payroll) get no CAO rise. Procurement and other costs
-- follow inflation (4.5%, 4%, 2.5%, then 2% a year; depreciation, a cost without cash, is
-- not indexed); the availability contribution for academic care (BBAZ) declines by 1.5% a
-- year. What does this do to the result if the plans stay as they are? In the default
-- model the result of 2024 falls from EUR 26.78M (base.lua) to EUR -30.98M; net debt over
-- EBITDA passes its covenant of 3.5 from 2023, the DSCR falls below 1.3 from 2026 and the
-- solvency below 20% from 2027.
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
