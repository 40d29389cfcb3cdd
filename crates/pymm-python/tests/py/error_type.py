# A TypeError from mixing types, raised after some output and a finally block.
try:
    print("in try")
    "count: " + 3
finally:
    print("finally still runs")
