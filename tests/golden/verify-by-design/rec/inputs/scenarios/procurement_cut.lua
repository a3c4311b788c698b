-- procurement_cut.lua: selective procurement (selectief inkoopbeleid) on medical supplies.
--
-- A 5% cut on every unit's medical supplies (category MEDMAT) from 2023, reached in two
-- steps: 2.5% in 2023, 5% from 2024. Savings already planned by a unit's own measures on
-- medical supplies in the same year are not counted twice.
scenario{name = "procurement_cut", description = "5% off medical supplies, phased in 2023-2024"}

procurement_cut{categories = {"MEDMAT"}, rate = 0.05, from = 2023, phase_in = 2}
