"""`make bench`: speed and weight figures, one line each:
BENCH <name> <value> <unit> goal <op> <goal> PASS|FAIL"""
