# why: perfect work: the worked solutions, unchanged
# base: solution
