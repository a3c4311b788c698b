-- 200,000 measures added by one script: each measure{} looked for its id among all
-- those added before, in C, outside the instruction budget (quadratic: 100,000 took
-- 31 s, 200,000 would take two minutes, past the CPU-time limit).
scenario{name="many"}
for i = 1, 200000 do
  measure{id = "X" .. i, unit = "DIV1", title = "t", category = "PERS",
          amounts = {[2023] = 1}}
end
print("added", 200000)
