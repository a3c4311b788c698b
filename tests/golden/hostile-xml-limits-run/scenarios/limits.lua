-- Text from a script at its limits: a description of 32,767 characters over two lines
-- and a measure title with a tab, a line break and an emoji.
scenario{name = "limits", description = "first line\n" .. string.rep("d", 32767 - 11)}
measure{id = "S1", unit = "ANES", title = "tab\there, line\nbreak \u{1F600}", category = "PROC",
        amounts = {[2023] = 100, [2024] = 100}}
