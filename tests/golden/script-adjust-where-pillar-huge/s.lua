-- pillar=2^32+1 in a filter was cut to an int: it matched pillar 1.
scenario{name="bad"}
adjust{where={pillar=4294967297}, scale=0}
