// not the calculator
