-- A spread of sd 1e300 on the attrition scaled the freeze's draws beyond int64 cents
-- (signed overflow under UBSan). It is refused at the line of the call.
scenario{name="bad"}
hiring_freeze{units="DIV2", from="2025-01", to="2025-12", attrition=0.08,
              spread={dist="normal", mean=0, sd=1e300}}
