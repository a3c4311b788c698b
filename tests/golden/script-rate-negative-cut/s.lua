-- A negative cut rate silently saved nothing (netting keeps savings at 0 or more);
-- refused at the line with the fraction meant.
scenario{name="bad"}

procurement_cut{rate=-0.04}
