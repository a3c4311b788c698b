-- The scenario's folder would be the run record's manifest.json (exit 73, "Is a directory").
scenario{name = "manifest.json"}
