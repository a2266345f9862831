from_auto = true
