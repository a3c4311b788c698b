-- No require (and no package).
local os = require "os"
