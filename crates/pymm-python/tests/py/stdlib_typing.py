# typing: reprs of generics, Generic/Protocol/NamedTuple/TypedDict classes, NewType, cast.
from typing import (Any, Callable, ClassVar, Dict, Final, Generic, List, Literal, NamedTuple,
                    NewType, Optional, Protocol, Set, Tuple, TypedDict, TypeVar, Union, cast,
                    get_type_hints, overload, runtime_checkable, Iterable, Iterator, Sequence,
                    Mapping, Type, Deque, DefaultDict, get_origin, get_args, Annotated)
import typing

T = TypeVar("T")
K = TypeVar("K")
V_co = TypeVar("V_co", covariant=True)
print(T, V_co, List, List[int], Dict[str, List[int]], Optional[int], Union[int, str], Union[int, None, int])
print(Tuple[int, ...], Tuple[()], Callable[[int, str], bool], Callable[..., Any], Literal["a", 1], ClassVar[int], Final[int])
print(Set[T], Dict[K, T][str, int], Sequence[int], Iterable[str], Type[int], Annotated[int, "meta"])
print(Optional[int] == Union[int, None], Union[int, str] == Union[str, int], List[int] == List[int])
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(Union[int, str]), get_args(Callable[[int], str]))
print(isinstance([], List), isinstance({}, Dict), isinstance([], Iterable), issubclass(list, Sequence))
try:
    isinstance([], List[int])
except TypeError as e:
    print("TypeError:", e)


class Box(Generic[T]):
    def __init__(self, item: T):
        self.item = item

    def get(self) -> T:
        return self.item


b = Box[int](5)
print(b.get(), Box.__parameters__, Box[int], type(b).__name__, Box.__mro__[1:])


class Pair(Generic[K, T]):
    pass


print(Pair[str, int], Pair.__parameters__)


class Point(NamedTuple):
    x: int
    y: int = 0

    def norm(self):
        return abs(self.x) + abs(self.y)


p = Point(3, -4)
print(p, p.norm(), p._fields, Point(1), Point.__annotations__, p._asdict(), isinstance(p, tuple))
Emp = NamedTuple("Emp", [("name", str), ("id", int)])
print(Emp("a", 1))


class Movie(TypedDict):
    name: str
    year: int


class Partial(TypedDict, total=False):
    rating: float


m = Movie(name="Blade", year=1982)
print(m, type(m).__name__, sorted(Movie.__required_keys__), Partial.__total__, sorted(Partial.__optional_keys__))


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


class Resource:
    def close(self):
        pass


class NotProto(Protocol):
    def x(self): ...


print(isinstance(Resource(), Closer), isinstance(1, Closer), issubclass(Resource, Closer))
try:
    isinstance(1, NotProto)
except TypeError as e:
    print("TypeError:", e)
UserId = NewType("UserId", int)
print(UserId(5), UserId, UserId.__supertype__)
print(cast(int, "x"), cast("List[int]", 3))


@overload
def f(x: int) -> int: ...
@overload
def f(x: str) -> str: ...
def f(x):
    return x


print(f(3))


class Typed:
    a: int
    b: "List[str]"
    c: ClassVar[int] = 3


print(get_type_hints(Typed))


def g(x: int, y: "str" = "a") -> None:
    pass


print(typing.TYPE_CHECKING, typing.Text, typing.AnyStr)
try:
    Any()
except TypeError as e:
    print("TypeError:", e)
try:
    class Sub(Union[int, str]):
        pass
except TypeError as e:
    print("TypeError:", e)
