# pymm's string module, written in Python (as CPython's string.py): the character constants,
# capwords, Template ($-substitution) and Formatter.

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords", "digits",
           "hexdigits", "octdigits", "printable", "punctuation", "whitespace", "Formatter",
           "Template"]

whitespace = " \t\n\r\v\f"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Splits s on sep, capitalizes each word and joins them back with sep (or a space)."""
    return (sep or " ").join(map(str.capitalize, s.split(sep)))


def _is_identifier_start(c):
    return c == "_" or c.isalpha()


def _identifier_at(template, i):
    """The identifier starting at template[i], or ''."""
    if i >= len(template) or not _is_identifier_start(template[i]) or not template[i].isascii():
        return ""
    j = i + 1
    while j < len(template) and (template[j] == "_" or template[j].isalnum()) and template[j].isascii():
        j += 1
    return template[i:j]


class Template:
    """A string with $name / ${name} placeholders; $$ is a literal $."""

    delimiter = "$"

    def __init__(self, template):
        self.template = template

    def _pieces(self, mapping, safe):
        template = self.template
        out = []
        i = 0
        n = len(template)
        while i < n:
            c = template[i]
            if c != self.delimiter:
                out.append(c)
                i += 1
                continue
            if template.startswith(self.delimiter, i + 1):
                out.append(self.delimiter)
                i += 2
                continue
            braced = template.startswith("{", i + 1)
            start = i + 2 if braced else i + 1
            name = _identifier_at(template, start)
            end = start + len(name)
            if braced and not (name and template.startswith("}", end)):
                name = ""
            if not name:
                if safe:
                    out.append(c)
                    i += 1
                    continue
                line = template[:i].count("\n") + 1
                col = i - (template.rfind("\n", 0, i) + 1) + 1
                raise ValueError(f"Invalid placeholder in string: line {line}, col {col}")
            stop = end + 1 if braced else end
            try:
                out.append(str(mapping[name]))
            except KeyError:
                if not safe:
                    raise
                out.append(template[i:stop])
            i = stop
        return "".join(out)

    def substitute(self, mapping=None, /, **kws):
        return self._pieces(_merged(mapping, kws), False)

    def safe_substitute(self, mapping=None, /, **kws):
        return self._pieces(_merged(mapping, kws), True)

    def get_identifiers(self):
        ids = []
        template = self.template
        i = template.find(self.delimiter)
        while i != -1:
            if template.startswith(self.delimiter, i + 1):
                i = template.find(self.delimiter, i + 2)
                continue
            braced = template.startswith("{", i + 1)
            start = i + 2 if braced else i + 1
            name = _identifier_at(template, start)
            if name and (not braced or template.startswith("}", start + len(name))):
                if name not in ids:
                    ids.append(name)
            i = template.find(self.delimiter, i + 1)
        return ids

    def is_valid(self):
        try:
            self._pieces({}, False)
        except ValueError:
            return False
        except KeyError:
            pass
        return True


def _merged(mapping, kws):
    if mapping is None:
        return kws
    if kws:
        merged = dict(mapping)
        merged.update(kws)
        return merged
    return mapping


class Formatter:
    """str.format as a class whose steps (get_value, format_field, ...) can be overridden."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth, auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError("Max string recursion exceeded")
        result = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is not None:
                if field_name == "":
                    if auto_arg_index is False:
                        raise ValueError("cannot switch from manual field specification to automatic field numbering")
                    field_name = str(auto_arg_index)
                    auto_arg_index += 1
                elif field_name.isdigit():
                    if auto_arg_index:
                        raise ValueError("cannot switch from manual field specification to automatic field numbering")
                    auto_arg_index = False
                obj, arg_used = self.get_field(field_name, args, kwargs)
                used_args.add(arg_used)
                obj = self.convert_field(obj, conversion)
                format_spec = self._vformat(format_spec, args, kwargs, used_args, recursion_depth - 1)
                result.append(self.format_field(obj, format_spec))
        return "".join(result)

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == "s":
            return str(value)
        if conversion == "r":
            return repr(value)
        if conversion == "a":
            return ascii(value)
        raise ValueError(f"Unknown conversion specifier {conversion}")

    def parse(self, format_string):
        """(literal_text, field_name, format_spec, conversion) for each replacement field."""
        i = 0
        n = len(format_string)
        literal = []
        while i < n:
            c = format_string[i]
            if c in "{}":
                if i + 1 < n and format_string[i + 1] == c:
                    literal.append(c)
                    i += 2
                    continue
                if c == "}":
                    raise ValueError("Single '}' encountered in format string")
                depth = 1
                j = i + 1
                while j < n and depth:
                    if format_string[j] == "{":
                        depth += 1
                    elif format_string[j] == "}":
                        depth -= 1
                    j += 1
                if depth:
                    raise ValueError("expected '}' before end of string")
                field = format_string[i + 1:j - 1]
                name, conversion, spec = _split_field(field)
                yield "".join(literal), name, spec, conversion
                literal = []
                i = j
                continue
            literal.append(c)
            i += 1
        if literal:
            yield "".join(literal), None, None, None

    def get_field(self, field_name, args, kwargs):
        first, rest = _field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, i in rest:
            obj = getattr(obj, i) if is_attr else obj[i]
        return obj, first


def _split_field(field):
    """'name!r:spec' -> ('name', 'r', 'spec')."""
    spec = ""
    colon = field.find(":")
    bang = field.find("!")
    if colon != -1 and (bang == -1 or colon < bang):
        field, spec = field[:colon], field[colon + 1:]
        bang = -1
    elif colon != -1:
        field, spec = field[:colon], field[colon + 1:]
    conversion = None
    if bang != -1:
        field, conversion = field[:bang], field[bang + 1:]
        if len(conversion) != 1:
            raise ValueError("expected ':' after conversion specifier")
    return field, conversion, spec


def _field_name_split(name):
    i = 0
    while i < len(name) and name[i] not in ".[":
        i += 1
    first = name[:i]
    first = int(first) if first.isdigit() else first
    rest = []
    while i < len(name):
        if name[i] == ".":
            j = i + 1
            while j < len(name) and name[j] not in ".[":
                j += 1
            rest.append((True, name[i + 1:j]))
            i = j
        else:
            j = name.index("]", i)
            key = name[i + 1:j]
            rest.append((False, int(key) if key.isdigit() else key))
            i = j + 1
    return first, rest
