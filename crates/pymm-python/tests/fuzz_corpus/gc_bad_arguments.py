import gc
for args in [(-1,), (3,), ('x',), (1, 2)]:
    try:
        gc.collect(*args)
    except Exception as e:
        print(type(e).__name__)
gc.set_threshold(-5)
gc.set_threshold(0)
print(gc.get_threshold())
gc.get_referrers(*range(1000))
