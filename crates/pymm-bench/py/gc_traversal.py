"""pyperformance's gc_traversal shape as a whole program: nested lists that are all alive,
collected many times (nothing to find). Runs under python3 and under `pymm run`."""
import gc

LEVELS = 1000
RUNS = 100


def create_recursive_containers(levels):
    current = []
    for width in range(levels):
        new_list = [None] * width
        for index in range(width):
            new_list[index] = current
        current = new_list
    return current


def main():
    top = create_recursive_containers(LEVELS)
    gc.collect()
    for _ in range(RUNS):
        found = gc.collect()
        assert found == 0, found
    print("levels", LEVELS, "top width", len(top), "runs", RUNS)


main()
