# A case that can match anything must be the last: SyntaxError before anything runs.
print("never printed: the file does not compile")
match 1:
    case value:
        pass
    case 2:
        pass
