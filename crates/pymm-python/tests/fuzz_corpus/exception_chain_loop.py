try:
    try:
        raise ValueError
    except ValueError as e:
        e.__context__ = e
        raise e
except ValueError as e:
    print('caught')
