-- The no-double-counting rule of docs/scenarios.md on a small model: a 5% cut on Divisie 1's
-- medical supplies next to a LUMC-wide theme (TH1, on the root), a department plan booked
-- on its cost centres (D1 on AFD1, spend on KP1 and KP2) and a one-off quick win (QW1).
scenario{name = "netting"}
procurement_cut{units = "DIV1", categories = {"MED"}, rate = 0.05, from = 2023}
