-- A year far outside the plan (and beyond int32 once times 12): an error, not an overflow.
hiring_freeze{from = 200000000, attrition = 0.08}
