-- rate=4 meant 4%: it ran as a 400% cut (a gap of EUR -19.6M, "green" on the default
-- model); refused at the line with the fraction meant.
scenario{name="bad"}
procurement_cut{categories={"MED"}, rate=4}
