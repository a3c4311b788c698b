-- A freeze follows FTE in millionths: an FTE of 92,233,720,368,547,758.07 in millionths
-- overflowed int64 (signed overflow under UBSan). It is refused at the freeze's line.
scenario{name="bad"}
hiring_freeze{units="DIV2", from="2025-01", to="2025-12", attrition=0.08}
