del print
