-- adopt{} before the lever and the target in the script, applied after the lever: the cut
-- is not netted against K3 (same unit and category), and the target override holds.
scenario{name = "adopt"}
adopt{"K1", "K3"}
procurement_cut{units = "DIV1", rate = 0.05}
target{unit = "LUMC", year = 2023, amount = 250000}
