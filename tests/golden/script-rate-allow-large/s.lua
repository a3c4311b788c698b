-- A cut of 80% is real but unusual: allowed with allow_large=true, and the summary says so.
-- Structural 2023 by hand: M1 40,000.00 + M2 20,000.00 + the cut: AFD1 MED 80% of
-- 1,000,000.00 = 800,000.00, DIV2 MED 80% of 250,000.00 = 200,000.00 less M2 20,000.00 on
-- the same row = 180,000.00; total 1,040,000.00.
scenario{name="large"}
procurement_cut{rate=0.8, allow_large=true}
