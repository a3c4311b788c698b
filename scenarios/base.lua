-- base.lua: the plans as they are.
--
-- No levers: the departments' savings measures (pillar 1), the LUMC-wide themes (pillar 2)
-- and the quick wins (pillar 3) exactly as the model version holds them. Every other
-- scenario is best read next to this one (fitplan run scenarios/base.lua scenarios/x.lua
-- writes comparison.csv). In the default model the plans save EUR 47.50M structurally in
-- 2024 against the EUR 54M target (the total of the plans in the public reporting of 2022;
-- how the model spreads it over units and measures is illustrative): a gap of EUR 6.50M,
-- red, and a result of EUR 26.78M in 2024, at the base year's prices (no CAO rise, no
-- inflation: see cao.lua).
scenario{name = "base", description = "de plannen zoals ze zijn"}

-- How sure the plans are, for a run with --iterations (make run draws 10,000): the
-- documented defaults per status, written out so that they can be read and changed
-- (docs/uncertainty.md), and one measure in ten a year late. Without --iterations this
-- call changes nothing.
uncertainty{
  status = {
    decided = {dist = "beta", mean = 0.9, sd = 0.1},
    planned = {dist = "beta", mean = 0.7, sd = 0.15},
    idea    = {dist = "beta", mean = 0.4, sd = 0.2},
  },
  slip = 0.1,
}
