from_auto = false
undeclared = 1
