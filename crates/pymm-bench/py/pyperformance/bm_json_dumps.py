"""json.dumps of nested data (pyperformance bm_json_dumps)."""
import json
import sys

EMPTY = ({}, 2000)
SIMPLE_DATA = {'key1': 0, 'key2': True, 'key3': 'value', 'key4': 'foo', 'key5': 'string'}
SIMPLE = (SIMPLE_DATA, 1000)
NESTED_DATA = {'key1': 0, 'key2': SIMPLE[0], 'key3': 'value', 'key4': SIMPLE[0], 'key5': SIMPLE[0],
               'key': '\u0105\u0107\u017c'}
NESTED = (NESTED_DATA, 1000)
HUGE = ([NESTED[0]] * 1000, 1)

CASES = ['EMPTY', 'SIMPLE', 'NESTED', 'HUGE']


def main(loops):
    data = []
    for case in CASES:
        obj, count = globals()[case]
        data.append((obj, range(count // 10)))
    total = 0
    for _ in range(loops):
        for obj, count in data:
            for _ in count:
                total += len(json.dumps(obj))
    print("characters:", total)
    print(json.dumps(NESTED_DATA, sort_keys=True))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
