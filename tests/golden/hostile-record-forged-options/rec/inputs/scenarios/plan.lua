-- a 5% procurement cut from 2023 on
scenario{name="plan"}
procurement_cut{rate=0.05, from=2023}
