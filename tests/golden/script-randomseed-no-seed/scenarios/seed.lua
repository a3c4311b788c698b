-- Without a seed Lua would read the clock.
math.randomseed()
