-- Two names that differ only in case are one folder on a case-insensitive file system.
scenario{name = "Plan"}
