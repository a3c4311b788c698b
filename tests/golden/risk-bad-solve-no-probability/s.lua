-- goal "target" needs a probability
scenario{name="bad"}
solve{lever="amount", goal="target"}
