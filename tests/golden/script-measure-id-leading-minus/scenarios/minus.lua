scenario{name="minus"}
print(pcall(measure, {id="-X1", unit="ANES", title="t", category="PERS", amounts={[2023]=1}}))
measure{id="-2", unit="ANES", title="t", category="PERS", amounts={[2023]=1}}
