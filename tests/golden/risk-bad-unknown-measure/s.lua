-- uncertainty{measure=} names measures of the model
scenario{name="bad"}
uncertainty{measure={M9={dist="fixed", value=1}}}
