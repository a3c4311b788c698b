-- Every procurement_cut{} makes a measure for each baseline row it reaches (net of the
-- savings before it), after the script, outside the Lua state that --max-memory caps:
-- 20,000 cuts at rising rates over the default model were 2.7 million measures, 900 MB.
scenario{name="cuts"}
for i = 1, 20000 do
  procurement_cut{rate = i / 1e5}
end
