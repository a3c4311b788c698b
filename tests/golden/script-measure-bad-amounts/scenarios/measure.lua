-- An amount in the wrong notation: the C notation is "1234.56".
scenario{name = "measure"}
measure{
  id = "TD-1", unit = "DIV1", title = "top-down", category = "MED",
  amounts = {[2023] = "12,50"},
}
