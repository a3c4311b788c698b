-- procurement_cut.lua: selective procurement (selectief inkoopbeleid) on medical supplies.
--
-- A 5% cut on every unit's medical supplies (category MEDMAT) from 2023, reached in two
-- steps: 2.5% in 2023, 5% from 2024. What the plan already saves on medical supplies (the
-- departments' own measures and the LUMC-wide tender for medical disposables, THEMA-01,
-- wherever in the tree they are booked) is netted first (docs/scenarios.md, "No double
-- counting"): the cut brings each unit's structural savings on medical supplies to 5% of
-- its base, or leaves them where the plan already goes further. In the default model the
-- cut is EUR 4.75M a year gross from 2024 (5% of EUR 95M), of which the plan saves
-- EUR 3.16M already (EUR 3.20M from 2025): it adds EUR 1.59M in 2024 (EUR 1.55M a year
-- from 2025, EUR 0.54M in 2023), and the gap of 2024 falls from EUR 6.50M to EUR 4.91M.
scenario{name = "procurement_cut", description = "5% off medical supplies, phased in 2023-2024"}

procurement_cut{categories = {"MEDMAT"}, rate = 0.05, from = 2023, phase_in = 2}
