-- The Dutch word for a hiring freeze: the lever is suggested.
vacaturestop{units = {"DIV1"}}
