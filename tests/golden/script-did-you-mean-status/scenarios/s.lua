-- The Dutch status word of the workbooks: scripts take the English codes.
adjust{where = {status = "gepland"}, scale = 0.5}
