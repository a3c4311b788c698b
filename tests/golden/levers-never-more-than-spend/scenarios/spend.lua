-- Structural is netted against structural and incidental against incidental, but together
-- a row's savings never pass its spend. AFD2 MED (500,000.00) has a one-off quick win of
-- 400,000.00 in 2023 (QW1) and 5,000.00 of TH1's theme: a 50% cut (250,000.00) keeps
-- 500,000.00 - 405,000.00 = 95,000.00 in 2023, 245,000.00 in 2024 and 250,000.00 in 2025.
-- AFD2 PERS (1,200,000.00, 10 FTE): two freezes of the same vacancies (the first incidental
-- in 2023, the second structural) save 280,154.14 each in 2023; a 100% cut of the category
-- keeps what is left, 639,691.72, not 919,845.86 (a negative personnel cost).
scenario{name = "spend"}
procurement_cut{units = "AFD2", categories = {"MED"}, rate = 0.5, from = 2023}
hiring_freeze{units = "AFD2", from = "2023-01", to = "2024-12", attrition = 0.5}
hiring_freeze{units = "AFD2", from = "2023-01", to = "2023-12", attrition = 0.5}
procurement_cut{units = "AFD2", categories = {"PERS"}, rate = 1, allow_large = true, from = 2023}
