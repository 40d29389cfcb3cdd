# An error raised inside an imported module: the traceback runs through every file.
import import_support.plain

import_support.plain.fail()
