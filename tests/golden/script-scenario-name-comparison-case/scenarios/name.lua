-- comparison.csv is written beside the scenarios; a case-insensitive file system (a USB
-- stick, a Windows share) takes COMPARISON.CSV for the same name.
scenario{name = "COMPARISON.CSV"}
