-- adjust{where=} over the whole organisation 50,000 times: each copied the amounts of
-- every measure it matched, so memory grew with levers times measures, after the script
-- and outside its memory cap (200,000 on the default model: 6.9 GB).
scenario{name="adjust"}
for i = 1, 50000 do
  adjust{where = {unit = "LUMC"}, scale = 1}
end
