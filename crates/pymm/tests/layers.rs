//! The crate's layers point down only (see the crate docs): every `crate::<folder>` path in
//! `src/<folder>/**.rs` names its own folder or a lower one in [`LAYERS`].
//!
//! Paths are read from the source text with comments, strings and char literals left out
//! (a doc link to a higher layer is no dependency). `use crate::{a::X, b::Y}` groups count
//! each of their folders; `super::super` (past the folder) is refused. Naming an item through the crate root (`crate::Gc`, a re-export
//! of lib.rs) would hide which folder it comes from, so code in the folders may not; only
//! lib.rs, which sits above every layer, names the root's items.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, lowest first: a folder may use its own items and those of folders before it.
const LAYERS: &[&str] = &["object", "heap", "collector", "handle"];

/// One reference that breaks the layering.
#[derive(Debug, PartialEq)]
struct Violation {
    file: String,
    line: usize,
    names: String,
    why: String,
}

/// The source with comments, string literals and char literals blanked out (newlines kept,
/// so that line numbers still hold).
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    // Blanks chars[from..to], keeping newlines.
    let blank = |out: &mut String, from: usize, to: usize| {
        out.extend(
            chars[from..to]
                .iter()
                .map(|&c| if c == '\n' { '\n' } else { ' ' }),
        );
    };
    while i < chars.len() {
        let rest = &chars[i..];
        let end = if rest.starts_with(&['/', '/']) {
            rest.iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |n| i + n)
        } else if rest.starts_with(&['/', '*']) {
            block_comment_end(&chars, i)
        } else if rest[0] == '"' {
            string_end(&chars, i + 1, 0)
        } else if rest[0] == 'r' && is_raw_string_start(rest) && !is_ident_char(prev(&chars, i)) {
            let hashes = rest[1..].iter().take_while(|&&c| c == '#').count();
            string_end(&chars, i + 2 + hashes, hashes)
        } else if rest[0] == '\'' {
            char_literal_end(rest).map_or(i + 1, |n| i + n)
        } else {
            out.push(rest[0]);
            i += 1;
            continue;
        };
        if rest[0] == '\'' && end == i + 1 {
            out.push('\''); // a lifetime or label
        } else {
            blank(&mut out, i, end);
        }
        i = end;
    }
    out
}

fn prev(chars: &[char], i: usize) -> char {
    if i == 0 {
        ' '
    } else {
        chars[i - 1]
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_raw_string_start(rest: &[char]) -> bool {
    let hashes = rest[1..].iter().take_while(|&&c| c == '#').count();
    rest.get(1 + hashes) == Some(&'"')
}

/// The index after the `*/` closing the (possibly nested) comment opened at `start`.
fn block_comment_end(chars: &[char], start: usize) -> usize {
    let (mut depth, mut i) = (0usize, start);
    while i + 1 < chars.len() {
        match (chars[i], chars[i + 1]) {
            ('/', '*') => (depth, i) = (depth + 1, i + 2),
            ('*', '/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    chars.len()
}

/// The index after the closing quote of a string whose content starts at `from`
/// (`hashes` > 0: a raw string closed by `"` and that many `#`).
fn string_end(chars: &[char], from: usize, hashes: usize) -> usize {
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '\\' if hashes == 0 && !is_raw(chars, from) => i += 2,
            '"' if chars[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes =>
            {
                return i + 1 + hashes;
            }
            _ => i += 1,
        }
    }
    chars.len()
}

/// Whether the string whose content starts at `from` is a raw one (`r"..."`).
fn is_raw(chars: &[char], from: usize) -> bool {
    from >= 2 && chars[from - 1] == '"' && chars[from - 2] == 'r'
}

/// The length of the char literal at the start of `rest`, if it is one (not a lifetime).
fn char_literal_end(rest: &[char]) -> Option<usize> {
    match rest.get(1)? {
        '\\' => rest[2..].iter().position(|&c| c == '\'').map(|n| n + 3),
        _ if rest.get(2) == Some(&'\'') => Some(3),
        _ => None,
    }
}

/// Every `crate::` (or `pymm::`, the crate's own name) path in `code`: (line, first segment
/// after the crate, or each first segment of a `{...}` group, which may span lines).
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for root in ["crate::", "pymm::"] {
        for (at, _) in code.match_indices(root) {
            let before = code[..at].chars().next_back().unwrap_or(' ');
            if is_ident_char(before) || before == ':' {
                continue;
            }
            let line = code[..at].matches('\n').count() + 1;
            let after = &code[at + root.len()..];
            if let Some(group) = after.strip_prefix('{') {
                found.extend(top_level_segments(group).into_iter().map(|s| (line, s)));
            } else {
                let segment: String = after.chars().take_while(|&c| is_ident_char(c)).collect();
                found.push((line, segment));
            }
        }
    }
    found.sort();
    found
}

/// The first path segment of each item of a `{...}` group, given the text after its `{`.
fn top_level_segments(group: &str) -> Vec<String> {
    let (mut depth, mut segments, mut item) = (0usize, Vec::new(), String::new());
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                segments.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            item.push(c);
        }
    }
    segments.push(item);
    segments
        .iter()
        .map(|s| s.trim().chars().take_while(|&c| is_ident_char(c)).collect())
        .filter(|s: &String| !s.is_empty())
        .collect()
}

/// The violations in one file of folder `folder` (`None`: lib.rs, above every layer).
fn check_file(name: &str, folder: Option<&str>, source: &str) -> Vec<Violation> {
    let Some(folder) = folder else {
        return Vec::new();
    };
    let Some(own) = LAYERS.iter().position(|&l| l == folder) else {
        return vec![Violation {
            file: name.into(),
            line: 0,
            names: folder.into(),
            why: format!("folder `{folder}` is not in the layer table"),
        }];
    };
    let code = code_only(source);
    let mut out = Vec::new();
    // `super::super::` from a folder's file reaches the crate root, past the folder: it
    // could name any layer without saying `crate::`.
    for (at, _) in code.match_indices("super::super") {
        out.push(Violation {
            file: name.into(),
            line: code[..at].matches('\n').count() + 1,
            names: "super::super".into(),
            why: "`super::super` reaches past the folder (name items by `crate::` paths)".into(),
        });
    }
    for (line, segment) in crate_paths(&code) {
        let why = match LAYERS.iter().position(|&l| l == segment) {
            Some(used) if used <= own => continue,
            Some(_) => format!("layer `{folder}` uses the higher layer `{segment}`"),
            None => format!("`crate::{segment}` names an item through the crate root"),
        };
        out.push(Violation {
            file: name.into(),
            line,
            names: segment,
            why,
        });
    }
    out.sort_by_key(|v| v.line);
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
#[cfg_attr(miri, ignore = "reads the source tree (Miri isolates the file system)")]
fn every_crate_path_points_to_the_same_or_a_lower_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut violations = Vec::new();
    let mut folders = BTreeSet::new();
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        let name = relative.display().to_string();
        let parts: Vec<_> = relative.iter().map(|p| p.to_str().unwrap()).collect();
        let folder = match parts.as_slice() {
            ["lib.rs"] => None,
            [file] => {
                violations.push(Violation {
                    file: name.clone(),
                    line: 0,
                    names: (*file).into(),
                    why: "a source file outside the layer folders".into(),
                });
                continue;
            }
            [folder, ..] => Some(*folder),
            [] => unreachable!(),
        };
        folders.extend(folder);
        let source = std::fs::read_to_string(path).unwrap();
        violations.extend(check_file(&name, folder, &source));
    }
    let expected: BTreeSet<_> = LAYERS.iter().copied().collect();
    assert_eq!(
        folders, expected,
        "the folders of src/ and the layer table differ"
    );
    assert!(
        violations.is_empty(),
        "layering broken:\n{}",
        violations
            .iter()
            .map(|v| format!("  {}:{}: {}", v.file, v.line, v.why))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The checker itself finds what it must and nothing else.
#[test]
fn the_checker_flags_upward_and_root_paths_only() {
    let source = r#"
//! Docs may name [`crate::handle::gc::Gc`]: not a dependency.
use crate::object::header::Obj;
use crate::heap::{state::HeapState, Heap};
use crate::{
    object::list,
    collector::reach::Scan,
};
fn f<'a>(x: &'a str) -> char {
    let _ = "crate::handle::in_a_string";
    let _ = r"crate::handle::in_a_raw_string";
    /* crate::handle::in_a_block_comment */
    let _ = crate::handle::gc::release; // upward
    let _ = pymm::Gc::new(1); // through the root
    let _ = super::super::handle::gc::Gc::new(1); // past the folder
    '"'
}
"#;
    let found: Vec<_> = check_file("heap/x.rs", Some("heap"), source)
        .into_iter()
        .map(|v| (v.line, v.names))
        .collect();
    assert_eq!(
        found,
        [
            (5, "collector".to_string()),
            (13, "handle".to_string()),
            (14, "Gc".to_string()),
            (15, "super::super".to_string()),
        ]
    );
    assert!(check_file("handle/x.rs", Some("handle"), source)
        .iter()
        .all(|v| v.names == "Gc" || v.names == "super::super"));
    assert_eq!(check_file("lib.rs", None, source), []);
    assert_eq!(
        check_file("extra/x.rs", Some("extra"), "")[0].names,
        "extra"
    );
}
