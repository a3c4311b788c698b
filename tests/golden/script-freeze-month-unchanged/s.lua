-- Months stay as they are: 2023-07 .. 2024-06 on DIV2 PERS (600,000.00, 8.00 FTE,
-- attrition 0.12): 2023 saves 10,326.74 (incidental: the freeze ends in 2024), 2024
-- 61,362.93 and 2025 68,169.12 (structural), 0.91 FTE.
scenario{name="month"}
hiring_freeze{units="DIV2", from="2023-07", to="2024-06", attrition=0.12}
