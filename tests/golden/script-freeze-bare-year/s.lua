-- A bare year is the whole year: from=2023, to=2023 is 2023-01 .. 2023-12 (it was January
-- alone). DIV2 PERS: 600,000.00, 8.00 FTE, attrition 0.12 (k = 990,000 ppm a month); a
-- month saves round(60,000,000 x (F0 - F) / 96,000,000) cents, F0 = 8,000,000 micro-FTE:
--   2023-01 .. 2023-12: F = 7,920,000 7,840,800 7,762,392 7,684,768 7,607,920 7,531,841
--     7,456,523 7,381,958 7,308,138 7,235,057 7,162,706 7,091,079; 2023 saves 37,605.11
--   2024 and 2025: 12 x round(0.625 x 908,921) = 12 x 568,076 cents = 68,169.12
--   FTE reduction 908,921 micro-FTE = 0.91 FTE.
-- With M2 (20,000.00 on DIV2 MED): structural 2023 57,605.11, 2024 88,169.12; FTE 7.09;
-- personnel 2023 562,394.89, 2024 531,830.88. (Before: 6,000.00 a year, 0.08 FTE.)
scenario{name="bare"}
hiring_freeze{units="DIV2", from=2023, to=2023, attrition=0.12}
