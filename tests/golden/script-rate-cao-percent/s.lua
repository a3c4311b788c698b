-- A CAO rate of 3 meant 3%: it ran as a 300% rise (a result of EUR -804M on the default
-- model); refused at the line of the call, naming the year.
scenario{name="bad"}
cao{rates={[2023]=3}, compensation=0.5}
