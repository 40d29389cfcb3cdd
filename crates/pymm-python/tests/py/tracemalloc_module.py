# tracemalloc: memory traced since start, and its peak; a list of a million squares against
# a generator over them (the seed article's tip), measured as CPython measures it.
import tracemalloc

print("tracing before start:", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.start()
print("tracing:", tracemalloc.is_tracing())

squares = [i * i for i in range(1_000_000)]
current, peak = tracemalloc.get_traced_memory()
print("a list of a million squares holds over 30 MB:", current > 30_000_000, peak >= current)
del squares
after, peak_after = tracemalloc.get_traced_memory()
print("freed at once by del:", after < 1_000_000, "the peak remembers it:", peak_after > 30_000_000)

tracemalloc.reset_peak()
total = sum(i * i for i in range(1_000_000))
current, peak = tracemalloc.get_traced_memory()
print("the generator's sum:", total, "its peak stays under 1 MB:", peak < 1_000_000)

tracemalloc.clear_traces()
print("cleared:", tracemalloc.get_traced_memory()[0] < 10_000)
tracemalloc.stop()
print("stopped:", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
