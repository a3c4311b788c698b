-- A rate is a fraction, not a string with a percent sign.
scenario{name = "rate"}
procurement_cut{
  categories = {"MED"},
  rate = "5%",
}
