import gc
for o in gc.get_objects():
    if isinstance(o, list):
        o.append(1) if len(o) < 0 else None
print(len(gc.get_referents(*gc.get_objects())) > 0)
