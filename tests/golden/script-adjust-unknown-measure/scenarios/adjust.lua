-- adjust{} of a measure the model does not have.
adjust{where = {status = "idea"}, scale = 0.5}
adjust{measure = "M9", scale = 0.5}
