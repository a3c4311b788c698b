-- Without scenario{name=}, the name is the file name: manifest.json.lua would be
-- "manifest.json".
print("no name")
