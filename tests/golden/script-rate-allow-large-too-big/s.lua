-- allow_large=true widens a cut to 100% at most: 1.5 (150%) is still refused.
scenario{name="bad"}
procurement_cut{rate=1.5, allow_large=true}
