-- base.lua: the plans as they are.
--
-- No levers: the departments' savings measures (pillar 1), the LUMC-wide themes (pillar 2)
-- and the quick wins (pillar 3) exactly as the model version holds them. Every other
-- scenario is best read next to this one (fitplan run scenarios/base.lua scenarios/x.lua
-- writes comparison.csv).
scenario{name = "base", description = "the plans as they are"}
