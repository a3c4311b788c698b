-- A cut reaches the rows with spend: KP2 books a credit of -400,000.00 (a correction) and
-- AFD2 nothing. 5% of KP1's 600,000.00 is 30,000.00 gross; TH1 (on the root, spread over
-- KP1 and DIV2, 600:1,500) and D1 (AFD1, on KP1 alone) claim 28,571.43 of it in 2023 and
-- 2024 and D1 20,000.00 in 2025. A cut of the credit (-20,000.00) is no saving and no claim.
scenario{name = "credit"}
procurement_cut{units = "DIV1", categories = {"MED"}, rate = 0.05, from = 2023}
