-- Formula-like text from a script too: the scenario's description and a
-- measure it adds. Workbooks must hold all of it as text, never a formula.
scenario{name = "formulas", description = [[+cmd|' /C calc'!A0]]}
measure{id = "S1", unit = "ANES", title = [[=HYPERLINK("http://x","y")]], category = "PROC",
        amounts = {[2023] = 100, [2024] = 100}}
