# pymm's enum module, written in Python: Enum, IntEnum, StrEnum, Flag, IntFlag, auto and
# unique, with the behaviour and reprs of CPython 3.11's enum (a metaclass, EnumType, makes
# the members when the class is created).

__all__ = ["EnumType", "EnumMeta", "Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "auto",
           "unique", "ReprEnum"]


class auto:
    """A member value chosen by _generate_next_value_."""

    _counter = 0

    def __init__(self):
        auto._counter += 1
        self._order = auto._counter
        self.value = None

    def __repr__(self):
        return "auto(%r)" % self.value


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1:2] != "_" and name[-2:-1] != "_"


def _is_descriptor(obj):
    return (hasattr(obj, "__get__") or hasattr(obj, "__set__") or hasattr(obj, "__delete__")
            or isinstance(obj, (type(_is_dunder), staticmethod, classmethod, property)))


def _is_private(cls_name, name):
    pattern = "_%s__" % cls_name.lstrip("_")
    return len(name) > len(pattern) and name.startswith(pattern) and not name.endswith("__")


def _power_of_two(value):
    return value > 0 and value & (value - 1) == 0


def _flag_names(value, cls):
    """The canonical (single-bit) members that make up value, lowest bit first."""
    members = (cls._member_map_[name] for name in cls._member_names_)
    return [m for m in members if _power_of_two(m._value_) and m._value_ & value == m._value_]


class EnumType(type):
    """The metaclass of enumerations: collects the members when the class is created."""

    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        return {}

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        ignore = classdict.get("_ignore_", [])
        if isinstance(ignore, str):
            ignore = ignore.replace(",", " ").split()
        member_type, first_enum = metacls._get_mixins_(cls, bases)
        members = []
        plain = {}
        for key, value in classdict.items():
            if key in ignore or key == "_ignore_":
                continue
            if _is_dunder(key) or _is_sunder(key) or _is_private(cls, key) or _is_descriptor(value):
                plain[key] = value
            else:
                members.append((key, value))
        invalid = {"mro", ""}.intersection(name for name, _ in members)
        if invalid:
            raise ValueError(f"invalid enum member name(s) {', '.join(sorted(invalid))!r}")
        plain["_new_member_"] = None
        enum_class = super().__new__(metacls, cls, bases, plain, **kwds)
        enum_class._member_names_ = []
        enum_class._member_map_ = {}
        enum_class._value2member_map_ = {}
        enum_class._member_type_ = member_type
        enum_class._boundary_ = boundary
        metacls._prefer_enum_methods_(enum_class, classdict, member_type)
        generate = getattr(enum_class, "_generate_next_value_")
        last_values = []
        for name, value in members:
            if isinstance(value, auto):
                value.value = generate(name, 1, len(last_values), last_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                value = tuple(generate(name, 1, len(last_values), last_values[:])
                              if isinstance(v, auto) else v for v in value)
            last_values.append(value)
            metacls._add_member_(enum_class, name, value, member_type)
        return enum_class

    @staticmethod
    def _prefer_enum_methods_(enum_class, classdict, member_type):
        # The mixed-in type comes before Enum in the resolution order (IntEnum's is IntEnum,
        # int, ReprEnum, Enum, object), so int's __repr__ would hide Enum's: as CPython's
        # EnumType does, the enumeration's own methods are put back on the class unless its
        # body defines them.
        names = ["__repr__", "__str__", "__format__", "__reduce_ex__"]
        if Flag is not None and issubclass(enum_class, Flag):
            names += ["__or__", "__and__", "__xor__", "__ror__", "__rand__", "__rxor__",
                      "__invert__"]
        for name in names:
            if name in classdict:
                continue
            found = getattr(enum_class, name, None)
            if found is not getattr(member_type, name, None) and found is not getattr(object, name, None):
                continue
            for klass in enum_class.__mro__[1:]:
                if isinstance(klass, EnumType) and name in klass.__dict__:
                    type.__setattr__(enum_class, name, klass.__dict__[name])
                    break

    @staticmethod
    def _get_mixins_(class_name, bases):
        if not bases:
            return object, None
        member_type = object
        first_enum = None
        for base in bases:
            for klass in base.__mro__:
                if isinstance(klass, EnumType):
                    if first_enum is None:
                        first_enum = klass
                    if klass._member_names_:
                        raise TypeError(f"{class_name} cannot extend {klass}")
                    mixin = klass.__dict__.get("_member_type_")
                    if mixin is not None and mixin is not object:
                        member_type = mixin
                        break
                elif klass is not object:
                    member_type = klass
                    break
            if member_type is not object:
                break
        if isinstance(bases[-1], EnumType):
            # the enum base comes last (`class IntEnum(int, ReprEnum)`), as CPython requires
            first_enum = bases[-1]
        return member_type, first_enum

    @staticmethod
    def _add_member_(enum_class, name, value, member_type):
        args = value if isinstance(value, tuple) else (value,)
        new = enum_class.__dict__.get("__new__") if "__new__" in enum_class.__dict__ else None
        if new is not None:
            member = new(enum_class, *args)
        elif member_type is object:
            member = object.__new__(enum_class)
        else:
            member = member_type.__new__(enum_class, *args)
        if not hasattr(member, "_value_"):
            if member_type is object:
                member._value_ = value
            else:
                member._value_ = member_type(*args)
        value = member._value_
        member._name_ = name
        member.__objclass__ = enum_class
        init = getattr(enum_class, "__init__", None)
        if init is not None and init is not object.__init__ and "__init__" in _class_dicts(enum_class):
            member.__init__(*args)
        for existing in enum_class._member_map_.values():
            if existing._value_ == value:
                member = existing  # an alias: a second name for the first member
                break
        else:
            enum_class._member_names_.append(name)
        enum_class._member_map_[name] = member
        try:
            enum_class._value2member_map_.setdefault(value, member)
        except TypeError:
            pass
        type.__setattr__(enum_class, name, member)

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type,
                            start=start)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1):
        bases = (cls,) if type is None else (type, cls)
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        classdict = {}
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            last_values = []
            for count, name in enumerate(names):
                value = cls._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                classdict[name] = value
        else:
            items = names.items() if isinstance(names, dict) else names
            for name, value in items:
                classdict[name] = value
        classdict["__module__"] = module or "__main__"
        if qualname is not None:
            classdict["__qualname__"] = qualname
        return EnumType.__new__(EnumType, class_name, bases, classdict)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'" % (
                type(member).__qualname__, cls.__class__.__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError(f"{cls.__name__!r} cannot delete member {attr!r}.")
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get("_member_map_", {})
        if name in member_map:
            raise AttributeError(f"cannot reassign member {name!r}")
        super().__setattr__(name, value)


EnumMeta = EnumType
Flag = None


def _class_dicts(cls):
    names = set()
    for klass in cls.__mro__:
        if klass is Enum or klass is object or (Flag is not None and klass is Flag):
            break
        names.update(klass.__dict__)
    return names


class Enum(metaclass=EnumType):
    """A set of symbolic names bound to unique values: class Color(Enum): RED = 1."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            for member in cls._member_map_.values():
                if member._value_ == value:
                    return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is not None:
            raise TypeError(f"error in {cls.__name__}._missing_: returned {result!r} "
                            f"instead of None or a valid member")
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for last_value in reversed(last_values):
            try:
                return last_value + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        return "<%s.%s: %r>" % (self.__class__.__name__, self._name_, self._value_)

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __dir__(self):
        return ["__class__", "__doc__", "__eq__", "__hash__", "__module__", "name", "value"]

    @property
    def name(self):
        """The name of the member."""
        return self._name_

    @property
    def value(self):
        """The value of the member."""
        return self._value_


class ReprEnum(Enum):
    """An enum whose str() and format() are those of its mixed-in type."""


class IntEnum(int, ReprEnum):
    """Members are ints too."""

    def __str__(self):
        return repr(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


class StrEnum(str, ReprEnum):
    """Members are strs too; auto() gives the lower-cased name."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError(f"too many arguments for str(): {values!r}")
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError(f"{values[0]!r} is not a string")
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self):
        return self._value_

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class Flag(Enum):
    """Members combine with |, & and ^; auto() gives powers of two."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        high = max(last_values).bit_length()
        return 2 ** high

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        all_bits = 0
        for m in cls._member_map_.values():
            all_bits |= m._value_
        if value & ~all_bits:
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        pseudo._value_ = value
        names = _flag_names(value, cls)
        pseudo._name_ = "|".join(m._name_ for m in names) if names or value else None
        pseudo.__objclass__ = cls
        cls._value2member_map_[value] = pseudo
        return pseudo

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(f"unsupported operand type(s) for 'in': "
                            f"'{type(other).__qualname__}' and '{self.__class__.__qualname__}'")
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter(_flag_names(self._value_, self.__class__))

    def __len__(self):
        return bin(self._value_).count("1")

    def __repr__(self):
        name = self._name_
        if name is None:
            return "<%s: %r>" % (self.__class__.__name__, self._value_)
        return "<%s.%s: %r>" % (self.__class__.__name__, name, self._value_)

    def __str__(self):
        if self._name_ is None:
            return "%s(%r)" % (self.__class__.__name__, self._value_)
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ | other._value_)

    def __and__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ & other._value_)

    def __xor__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ ^ other._value_)

    def __invert__(self):
        all_bits = 0
        for m in self.__class__._member_map_.values():
            if _power_of_two(m._value_):
                all_bits |= m._value_
        return self.__class__(all_bits & ~self._value_)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


class IntFlag(int, ReprEnum, Flag):
    """Flags that are ints too."""

    def __str__(self):
        return repr(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __or__(self, other):
        if isinstance(other, int) and not isinstance(other, self.__class__):
            other = self.__class__(other)
        return Flag.__or__(self, other)

    def __and__(self, other):
        if isinstance(other, int) and not isinstance(other, self.__class__):
            other = self.__class__(other)
        return Flag.__and__(self, other)

    __ror__ = __or__
    __rand__ = __and__


def unique(enumeration):
    """Class decorator: refuses an enumeration with aliases (two names, one value)."""
    duplicates = [(name, member.name) for name, member in enumeration.__members__.items()
                  if name != member.name]
    if duplicates:
        alias_details = ", ".join("%s -> %s" % (alias, name) for alias, name in duplicates)
        raise ValueError("duplicate values found in %r: %s" % (enumeration, alias_details))
    return enumeration
