scenario{name="base", description="the plans as they are"}
