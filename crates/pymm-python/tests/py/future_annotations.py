"""from __future__ import annotations: annotations are kept as text, never evaluated."""
from __future__ import annotations

import __future__

x: UndefinedName[int] = 3
y: "quoted"


class Point:
    px: List[float]
    py: dict[str, Point] = {}


def f(a: Nowhere) -> AlsoNowhere:
    return a


print(__annotations__)
print(Point.__annotations__)
print(f(1), x)
print(__future__.annotations)
print(__future__.annotations.getMandatoryRelease(), __future__.division.getOptionalRelease())
print(sorted(__future__.all_feature_names)[:3])
for source in ["x = 1\nfrom __future__ import annotations\n", "from __future__ import nonsense\n",
               "from __future__ import braces\n"]:
    try:
        exec(source)
    except SyntaxError as e:
        print("SyntaxError:", e.msg if hasattr(e, "msg") else e)
