-- shift_years=math.maxinteger was reported as "shift_years -1".
scenario{name="bad"}
adjust{measure="M1", shift_years=math.maxinteger}
