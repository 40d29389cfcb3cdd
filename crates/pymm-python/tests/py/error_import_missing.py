# An uncaught ModuleNotFoundError ends the program with CPython's message.
import import_support.plain
import import_support.nowhere_to_be_found
