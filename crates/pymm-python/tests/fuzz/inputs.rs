//! What the fuzzer feeds to pymm: soups of Python tokens, and edits of the differential
//! scripts that keep them almost valid (so that they reach deep into the compiler and the
//! interpreter instead of stopping at the first character).

use proptest::prelude::*;

/// Tokens of the supported Python subset, plus the characters that break lexers.
const TOKENS: &[&str] = &[
    "def",
    "class",
    "return",
    "yield",
    "yield from",
    "lambda",
    "if",
    "elif",
    "else",
    "while",
    "for",
    "in",
    "not",
    "and",
    "or",
    "is",
    "try",
    "except",
    "finally",
    "raise",
    "with",
    "as",
    "del",
    "global",
    "nonlocal",
    "pass",
    "break",
    "continue",
    "import",
    "assert",
    "None",
    "True",
    "False",
    "x",
    "y",
    "f",
    "self",
    "gc",
    "sys",
    "weakref",
    "print",
    "len",
    "range",
    "gc.collect()",
    "sys.getrefcount",
    "__del__",
    "__init__",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    ";",
    "=",
    "==",
    "+=",
    "-",
    "+",
    "*",
    "**",
    "/",
    "//",
    "%",
    "<",
    ">=",
    "@",
    "~",
    "&",
    "|",
    "^",
    "<<",
    ">>",
    "!=",
    "->",
    "...",
    "0",
    "1",
    "-1",
    "10**100",
    "1.5",
    "1e308",
    "0x",
    "'s'",
    "\"t\"",
    "'''",
    "f'{x}'",
    "f'{",
    "b'\\xff'",
    "'\\",
    "#",
    "\\",
    "\n",
    "\n    ",
    "\t",
    "    ",
    "\r\n",
    "é",
    "\u{2028}",
];

/// Small fragments inserted into scripts: keywords and half-statements.
pub const SNIPPETS: &[&str] = &[
    "yield",
    "return",
    "del x",
    "raise",
    "break",
    "continue",
    "global x",
    "nonlocal x",
    "lambda: ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\"",
    "'",
    "f\"{",
    "\\",
    "*",
    "**",
    "gc.collect()",
    "gc.freeze()",
    "gc.set_threshold(1)",
    "sys.setrecursionlimit(50)",
    "x = x",
    "self.self = self",
    "10 ** 10 ** 3",
    "[0] * 10 ** 8",
    "while True: break",
    "\t",
    "    ",
    "\n",
    "else:",
    "try:",
    "except:",
    "class C:",
    "def f():",
    "async ",
    "@",
];

/// A line of random tokens.
pub fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|tokens| tokens.join(" "))
}

/// One edit of a script's lines; positions are taken modulo the script's size.
#[derive(Debug, Clone)]
pub enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    FlipIndentation(usize),
    InsertSnippet(usize, &'static str),
    InsertChar(usize, char),
    Truncate(usize),
}

/// Any one mutation.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::FlipIndentation),
        (any::<usize>(), prop::sample::select(SNIPPETS))
            .prop_map(|(at, text)| Mutation::InsertSnippet(at, text)),
        (any::<usize>(), any::<char>()).prop_map(|(at, ch)| Mutation::InsertChar(at, ch)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// Applies the mutations in order to `source`.
pub fn apply_all(source: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
    for mutation in mutations {
        apply(&mut lines, mutation);
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn apply(lines: &mut Vec<String>, mutation: &Mutation) {
    if lines.is_empty() {
        lines.push(String::new());
    }
    let count = lines.len();
    match *mutation {
        Mutation::DeleteLine(at) => {
            lines.remove(at % count);
        }
        Mutation::DuplicateLine(at) => lines.insert(at % count, lines[at % count].clone()),
        Mutation::SwapLines(a, b) => lines.swap(a % count, b % count),
        Mutation::FlipIndentation(at) => flip_indentation(&mut lines[at % count]),
        Mutation::InsertSnippet(at, text) => insert_at(&mut lines[at % count], at, text),
        Mutation::InsertChar(at, ch) => insert_at(&mut lines[at % count], at, &ch.to_string()),
        Mutation::Truncate(at) => lines.truncate(at % count + 1),
    }
}

/// Indents an unindented line, removes one level (or swaps spaces for a tab) otherwise.
fn flip_indentation(line: &mut String) {
    if let Some(rest) = line.strip_prefix("    ") {
        *line = format!("\t{rest}");
    } else if let Some(rest) = line.strip_prefix('\t') {
        *line = rest.to_string();
    } else {
        line.insert_str(0, "    ");
    }
}

/// Inserts `text` at a character boundary chosen by `at`.
fn insert_at(line: &mut String, at: usize, text: &str) {
    let boundaries: Vec<usize> = line
        .char_indices()
        .map(|(index, _)| index)
        .chain(std::iter::once(line.len()))
        .collect();
    line.insert_str(boundaries[at % boundaries.len()], text);
}

/// Values at the edges: zero, signs, the i64 and index limits, huge ints, special floats,
/// empty and odd containers. Numeric edge cases have reached Rust panics where tokens and
/// script mutations did not (`pow(2, -1, 4)`, `int('1', 37)`, `round(1.5, 10**10)`).
const EDGE_VALUES: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "7",
    "2**31",
    "2**63 - 1",
    "-2**63",
    "2**63",
    "2**64",
    "10**20",
    "-10**20",
    "10**400",
    "0.0",
    "-0.0",
    "1.5",
    "-2.5",
    "1e308",
    "5e-324",
    "float('nan')",
    "float('inf')",
    "float('-inf')",
    "True",
    "None",
    "''",
    "'abc'",
    "'é'",
    "b''",
    "b'\\xff'",
    "[]",
    "[1, 2, 3]",
    "()",
    "(1,)",
    "{}",
    "{1: 2}",
    "set()",
    "range(5)",
    "range(2**63 - 1)",
    "slice(None, None, -1)",
    "object()",
];

/// Callables applied to edge values: built-ins, methods and operators.
const EDGE_CALLS: &[&str] = &[
    "pow",
    "round",
    "divmod",
    "int",
    "float",
    "str",
    "repr",
    "hash",
    "chr",
    "ord",
    "abs",
    "bin",
    "hex",
    "oct",
    "len",
    "list",
    "tuple",
    "sorted",
    "reversed",
    "bytes",
    "range",
    "format",
    "min",
    "max",
    "sum",
    "enumerate",
    "zip",
    "isinstance",
    "slice",
    "'abc'.center",
    "'abc'.zfill",
    "'abc'.split",
    "'a{}b'.format",
    "'%s %d'.__mod__",
    "'x'.__mul__",
    "[1, 2, 3].__getitem__",
    "[1, 2, 3].pop",
    "[1, 2, 3].insert",
    "range(10).__getitem__",
    "(1).to_bytes",
    "int.from_bytes",
    "(2.5).hex",
    "math.sqrt",
    "math.log",
    "math.factorial",
    "math.comb",
    "math.floor",
    "math.gcd",
    "math.isqrt",
    "lambda a, b=1: a ** b",
    "lambda a, b=1: a << b",
    "lambda a, b=1: a / b",
    "lambda a, b=1: a // b",
    "lambda a, b=1: a % b",
    "lambda a, b=1: a * b",
    "lambda a, b=1: a[b]",
    "lambda a, b=1: a[b:]",
    "lambda a, b=1: f'{a:{b}}'",
    "lambda a, b=1: a in b",
    "lambda a, b=1: a < b",
    "lambda a, b=1: a & b",
    "lambda a, b=1: -a",
    "lambda a, b=1: ~a",
    "lambda a, b=1: a * b * b",
    "lambda a, b=1: [a] * b",
    "lambda a, b=1: str(a) * b",
    "lambda a, b=1: {a: b}",
    "lambda a, b=1: {a, b}",
    "lambda a, b=1: a.__class__(b)",
    "lambda a, b=1: '%*d' % (b, 1)",
    "lambda a, b=1: '%.*f' % (b, 1.0)",
    "lambda a, b=1: '{:>{}}'.format(a, b)",
    "'abc'.expandtabs",
    "'abc'.ljust",
    "'abc'.find",
    "'abc'.count",
    "'abc'.replace",
    "'abc'.encode",
    "'abc'.startswith",
    "'abc'.translate",
    "str.maketrans",
    "'abc'.splitlines",
    "'abc'.rsplit",
    "b'abc'.decode",
    "b'abc'.hex",
    "bytes.fromhex",
    "[3, 1, 2].index",
    "[3, 1, 2].sort",
    "[3, 1, 2].__setitem__",
    "[3, 1, 2].__delitem__",
    "{1: 2}.get",
    "{1: 2}.pop",
    "{1: 2}.setdefault",
    "dict.fromkeys",
    "{1, 2}.union",
    "{1, 2}.difference",
    "frozenset",
    "(1).bit_count",
    "float.fromhex",
    "(0.1).as_integer_ratio",
    "math.ldexp",
    "math.fmod",
    "math.prod",
    "math.perm",
    "math.exp",
    "math.atan2",
    "math.hypot",
    "math.isclose",
    "iter",
    "next",
    "getattr",
    "setattr",
    "hasattr",
    "callable",
    "id",
    "type",
    "vars",
    "ascii",
    "any",
    "all",
    "map",
    "filter",
    "eval",
];

/// Lines each calling an edge callable on one to three edge values, every call guarded so
/// that a Python exception just moves on: only a crash or a panic can fail it.
pub fn edge_calls() -> impl Strategy<Value = String> {
    let call = (
        prop::sample::select(EDGE_CALLS),
        prop::collection::vec(prop::sample::select(EDGE_VALUES), 1..4),
    )
        .prop_map(|(f, args)| {
            format!(
                "try:\n    print(repr(({f})({}))[:80])\nexcept BaseException as e:\n    print(type(e).__name__)\n",
                args.join(", ")
            )
        });
    prop::collection::vec(call, 1..12).prop_map(|calls| format!("import math\n{}", calls.concat()))
}

#[cfg(test)]
mod checks {
    use super::*;

    #[test]
    fn mutations_edit_the_lines() {
        let source = "a\nb\nc\n";
        assert_eq!(apply_all(source, &[Mutation::DeleteLine(1)]), "a\nc\n");
        assert_eq!(apply_all(source, &[Mutation::SwapLines(0, 2)]), "c\nb\na\n");
        assert_eq!(apply_all(source, &[Mutation::Truncate(0)]), "a\n");
        assert_eq!(
            apply_all(source, &[Mutation::FlipIndentation(4)]),
            "a\n    b\nc\n"
        );
        assert_eq!(apply_all("é\n", &[Mutation::InsertChar(1, 'x')]), "éx\n");
        assert_eq!(apply_all("", &[Mutation::DuplicateLine(3)]), "\n\n");
    }
}
