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
