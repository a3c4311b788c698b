-- The CPU-time limit is the backstop for work the instruction budget does not count; with
-- a budget this large it is what stops the loop. The case sets the limit to 1 s through
-- FITPLAN_TEST_CPU_SECONDS (for tests only, see docs/scenarios.md).
local x = 0
while true do x = x + 1 end
