-- A hand-out shows the plan as it is: adopting a candidate changes it.
adopt{"K2"}
