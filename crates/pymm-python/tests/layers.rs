//! The crate's layers point down: this test reads every source file and fails when one
//! names a module of a layer above its own, or when modules name each other in a circle.
//!
//! From the bottom: `stack` and `rt` (the pymm re-exports); `compile` (source to bytecode,
//! knowing no object); the object layouts (`objects/*/layout.rs`, the values' own
//! functions `objects/*/value.rs`, `objects/mod.rs`'s `Obj`, the built-in function's record
//! `objects/builtin.rs`, and the other files of `objects/` that hold only data); then the
//! VM (`vm/`) and the type modules of `objects/` (methods and slot tables, which the VM
//! reaches through the tables `builtins::install` registers, never by name); then
//! `builtins/` (the builtins namespace, the built-in types' constructors and method tables,
//! which `builtins::install` gives a new VM) and `report` (an observer the VM holds as a
//! `vm::observer::Observer`); then `modules` and `import`; and `run` on top.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What each part of the crate must not name: (path prefix under `src/`, forbidden
/// top-level modules). Every rule applies to every file its prefix matches.
const RULES: &[(&str, &[&str])] = &[
    ("stack.rs", ALL_BUT_STACK),
    ("rt.rs", ALL_BUT_STACK),
    ("compile/", ABOVE_COMPILE),
    ("objects/mod.rs", ABOVE_LAYOUTS),
    ("objects/builtin.rs", ABOVE_LAYOUTS),
    ("objects/list/layout.rs", ABOVE_LAYOUTS),
    ("objects/tuple/layout.rs", ABOVE_LAYOUTS),
    ("objects/str/layout.rs", ABOVE_LAYOUTS),
    ("objects/bytes/layout.rs", ABOVE_LAYOUTS),
    ("objects/float/value.rs", ABOVE_LAYOUTS),
    ("objects/int/value.rs", ABOVE_LAYOUTS),
    ("objects/complex/value.rs", ABOVE_LAYOUTS),
    ("objects/cell.rs", ABOVE_LAYOUTS),
    ("objects/table", ABOVE_LAYOUTS),
    ("objects/iter.rs", ABOVE_LAYOUTS),
    ("objects/class.rs", ABOVE_LAYOUTS),
    ("objects/frame.rs", ABOVE_LAYOUTS),
    ("objects/function.rs", ABOVE_LAYOUTS),
    ("objects/instance.rs", ABOVE_LAYOUTS),
    ("objects/mro.rs", ABOVE_LAYOUTS),
    ("objects/sizes.rs", ABOVE_LAYOUTS),
    ("objects/", ABOVE_OBJECT_MODEL),
    ("vm/", ABOVE_OBJECT_MODEL),
    ("builtins/", ABOVE_BUILTINS),
    ("report/", &["builtins", "modules", "import", "run"]),
    ("modules/", &["run"]),
    ("import/", &["run"]),
];

const ALL_BUT_STACK: &[&str] = &[
    "rt", "compile", "objects", "vm", "builtins", "report", "modules", "import", "run", "memory",
];
const ABOVE_COMPILE: &[&str] = &[
    "objects", "vm", "builtins", "report", "modules", "import", "run", "memory",
];
const ABOVE_LAYOUTS: &[&str] = &["vm", "builtins", "report", "modules", "import", "run"];
const ABOVE_OBJECT_MODEL: &[&str] = &["builtins", "report", "modules", "import", "run"];
const ABOVE_BUILTINS: &[&str] = &["report", "modules", "import", "run"];

/// The crate's top-level modules.
const TOP_LEVEL: &[&str] = &[
    "builtins", "compile", "import", "memory", "modules", "objects", "report", "rt", "run",
    "stack", "vm",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src/` (`vm/attr.rs` is `["vm", "attr"]`).
fn module_path(relative: &str) -> Vec<String> {
    let trimmed = relative.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(str::to_string).collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// The top-level modules `source` names through `crate::` and `super::` paths, comments
/// left out.
fn named_modules(relative: &str, source: &str) -> BTreeSet<String> {
    let here = module_path(relative);
    let mut found = BTreeSet::new();
    for line in source.lines() {
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
        for (i, _) in code.match_indices("super::") {
            // only the start of a `super::super::...` chain
            if code[..i].ends_with("super::") {
                continue;
            }
            // `super` is the parent of the file's own module
            let mut rest = &code[i..];
            let mut module = here.clone();
            while let Some(r) = rest.strip_prefix("super::") {
                rest = r;
                module.pop();
            }
            let next: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            match module.first() {
                Some(top) => {
                    found.insert(top.clone());
                }
                None => {
                    found.insert(next);
                }
            }
        }
    }
    found.retain(|m| TOP_LEVEL.contains(&m.as_str()));
    found
}

/// Every rule `relative`'s source breaks, as `file names module`.
fn violations(relative: &str, source: &str) -> Vec<String> {
    let named = named_modules(relative, source);
    let mut out = Vec::new();
    for (prefix, forbidden) in RULES {
        if !relative.starts_with(prefix) {
            continue;
        }
        for module in forbidden.iter() {
            let message = format!("{relative} names `{module}`, a layer above it");
            // a file may fall under two rules that forbid the same module
            if named.contains(*module) && !out.contains(&message) {
                out.push(message);
            }
        }
    }
    out
}

#[test]
fn every_layer_names_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 50, "the sources were found");
    let mut broken = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read_to_string(&file).expect("readable");
        broken.extend(violations(&relative, &source));
    }
    assert!(broken.is_empty(), "layers broken:\n{}", broken.join("\n"));
}

/// The type modules of `objects/`: above the VM, which may name only their layouts and
/// values (`objects/str/layout.rs`, `objects/float/value.rs`).
const TYPE_MODULES: &[&str] = &[
    "bytearray",
    "bytes",
    "complex",
    "dict",
    "float",
    "int",
    "list",
    "set",
    "str",
    "tuple",
];

/// Every place `source` (a file of `vm/`) names a type module of `objects/` beyond its
/// layout or value module.
fn type_module_uses(relative: &str, source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for (i, _) in code.match_indices("objects::") {
            let rest = &code[i + "objects::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                // `objects::{list, Obj}`: every name of the group
                Some(group) => group
                    .split('}')
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(|name| name.trim())
                    .collect(),
                None => vec![rest],
            };
            for name in names {
                let module: String = name
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let inner = name[module.len()..].strip_prefix("::").unwrap_or("");
                let below = inner.starts_with("layout") || inner.starts_with("value");
                if TYPE_MODULES.contains(&module.as_str()) && !below {
                    out.push(format!("{relative}:{} names objects::{module}", n + 1));
                }
            }
        }
    }
    out
}

#[test]
fn the_vm_names_no_type_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src.join("vm"), &mut files);
    assert!(files.len() > 20, "the VM's sources were found");
    let mut broken = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy();
        let source = std::fs::read_to_string(&file).expect("readable");
        broken.extend(type_module_uses(&relative, &source));
    }
    assert!(
        broken.is_empty(),
        "the VM names type modules:\n{}",
        broken.join("\n")
    );
}

#[test]
fn a_vm_file_naming_a_type_module_is_caught() {
    let uses = |source: &str| type_module_uses("vm/ops.rs", source);
    assert_eq!(
        uses("use crate::objects::list::ListCell;"),
        ["vm/ops.rs:1 names objects::list"]
    );
    assert_eq!(
        uses("use crate::objects::{set, Obj};"),
        ["vm/ops.rs:1 names objects::set"]
    );
    assert!(uses("use crate::objects::float::value::float_repr;").is_empty());
    assert!(uses("use crate::objects::str::layout::{hash_text, repr_str};").is_empty());
    assert!(uses("use crate::objects::{Obj, PyRef}; // objects::list").is_empty());
}

#[test]
fn a_lower_layer_naming_a_higher_one_is_caught() {
    let compile = "use super::Instr;\nuse crate::vm::Vm;\n";
    assert_eq!(
        violations("compile/codegen.rs", compile),
        ["compile/codegen.rs names `vm`, a layer above it"]
    );
    let layout = "use crate::rt::Gc;\nfn f() { crate::builtins::install(); }\n";
    assert_eq!(
        violations("objects/list/layout.rs", layout),
        ["objects/list/layout.rs names `builtins`, a layer above it"]
    );
    // a `super::` path that climbs out of the folder counts as well
    assert_eq!(
        violations("vm/eval.rs", "use super::super::run::Options;\n"),
        ["vm/eval.rs names `run`, a layer above it"]
    );
    // the VM gets its built-ins and its observer from above, never names them
    assert_eq!(
        violations("vm/call.rs", "crate::builtins::construct(vm, cls, args)\n"),
        ["vm/call.rs names `builtins`, a layer above it"]
    );
    // comments and the layer's own modules do not count
    assert!(violations("compile/mod.rs", "// crate::vm::Vm\nuse super::codegen;\n").is_empty());
}

/// Files that may name each other in a circle, each with its reason. None today: the
/// statement and expression halves of the compiler call each other (a lambda's body is
/// compiled by the statement half, an assignment's value by the expression half), but
/// through methods of the one `Compiler`, so their files point one way
/// (`compile/codegen_expr.rs` and `compile/codegen_match.rs` extend what
/// `compile/codegen.rs` defines), and a circle between files is always a move away.
const ALLOWED_CIRCLES: &[&[&str]] = &[];

/// Every module of the crate (`vm/attr.rs` is `vm/attr`, `objects/mod.rs` is `objects`)
/// with its source.
fn modules(src: &Path) -> Vec<(Vec<String>, String)> {
    let mut files = Vec::new();
    sources(src, &mut files);
    files
        .into_iter()
        .map(|file| {
            let relative = file
                .strip_prefix(src)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let source = std::fs::read_to_string(&file).expect("readable");
            (module_path(&relative), source)
        })
        .collect()
}

/// The paths `source` (the module `file`) names through `crate::` and `super::`, as
/// module paths from the crate's root, comments left out; a `use` group (`crate::vm::{eval,
/// Vm}`) names each of its members. After an inline module (`mod tests {`, the last item
/// of a file), `super` is the file's module.
fn named_paths(file: &[String], source: &str) -> Vec<Vec<String>> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut here = file.to_vec();
    let mut out = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        let item = code.strip_prefix("pub ").unwrap_or(code);
        if let Some(inline) = item.strip_prefix("mod ").and_then(|r| r.strip_suffix(" {")) {
            here = file.to_vec();
            here.push(inline.to_string());
        }
        for (i, _) in code.match_indices("::") {
            let before = &code[..i];
            let base: Vec<String> = if before.ends_with("crate")
                && !before[..before.len() - 5].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            {
                Vec::new()
            } else if before.ends_with("super")
                && !before[..before.len() - 5].ends_with(|c: char| c.is_alphanumeric() || c == ':')
            {
                // `super::super::x` climbs once per `super`; `super` is the parent of the
                // module (of the folder's module for a `mod.rs`, which `module_path` gives)
                let mut base = here.to_vec();
                base.pop();
                let mut rest = &code[i + 2..];
                while let Some(r) = rest.strip_prefix("super::") {
                    base.pop();
                    rest = r;
                }
                base
            } else {
                continue;
            };
            let mut path = base;
            let mut rest = &code[i + 2..];
            while let Some(r) = rest.strip_prefix("super::") {
                rest = r;
            }
            loop {
                if let Some(group) = rest.strip_prefix('{') {
                    let members = group.split('}').next().unwrap_or("");
                    for member in members.split(',') {
                        let mut p = path.clone();
                        p.extend(member.trim().split("::").map(word));
                        out.push(p);
                    }
                    break;
                }
                let segment = word(rest);
                if segment.is_empty() {
                    out.push(path);
                    break;
                }
                rest = &rest[segment.len()..];
                path.push(segment);
                match rest.strip_prefix("::") {
                    Some(r) => rest = r,
                    None => {
                        out.push(path);
                        break;
                    }
                }
            }
        }
    }
    out
}

/// The dependencies between modules: `m` depends on the longest module path that a path it
/// names starts with. A module is made of its children (`objects/mod.rs`'s `Obj` has a
/// variant per type module's layout, and those name `Obj`): naming its own descendants is
/// not a dependency, however spelled.
fn dependencies(modules: &[(Vec<String>, String)]) -> Vec<BTreeSet<usize>> {
    let index = |path: &[String]| {
        (1..=path.len())
            .rev()
            .find_map(|n| modules.iter().position(|(m, _)| m[..] == path[..n]))
    };
    modules
        .iter()
        .map(|(here, source)| {
            named_paths(here, source)
                .iter()
                .filter_map(|path| index(path))
                .filter(|&t| !modules[t].0.starts_with(here))
                .collect()
        })
        .collect()
}

/// The sets of two or more modules that depend on each other (strongly connected), each
/// as sorted `a/b` names.
fn circles(modules: &[(Vec<String>, String)]) -> Vec<Vec<String>> {
    let deps = dependencies(modules);
    let reach = |from: usize| {
        let mut seen = BTreeSet::from([from]);
        let mut todo = vec![from];
        while let Some(m) = todo.pop() {
            for &t in &deps[m] {
                if seen.insert(t) {
                    todo.push(t);
                }
            }
        }
        seen
    };
    let reached: Vec<BTreeSet<usize>> = (0..modules.len()).map(reach).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for m in 0..modules.len() {
        let mut circle: Vec<String> = (0..modules.len())
            .filter(|&t| reached[m].contains(&t) && reached[t].contains(&m))
            .map(|t| modules[t].0.join("/"))
            .collect();
        circle.sort();
        if circle.len() > 1 && !out.contains(&circle) {
            out.push(circle);
        }
    }
    out
}

#[test]
fn no_modules_name_each_other_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    assert!(modules.len() > 100, "the sources were found");
    let found: Vec<Vec<String>> = circles(&modules)
        .into_iter()
        .filter(|c| !ALLOWED_CIRCLES.iter().any(|a| a[..] == c[..]))
        .collect();
    assert!(
        found.is_empty(),
        "modules that name each other in a circle: {found:?}"
    );
}

#[test]
fn a_circle_is_caught() {
    let module = |path: &str, source: &str| {
        (
            path.split('/').map(str::to_string).collect::<Vec<_>>(),
            source.to_string(),
        )
    };
    // siblings through `super::`, one of them by a `use` group
    let siblings = [
        module("vm", ""),
        module("vm/eval", "use super::generator::Step;\n"),
        module("vm/generator", "use super::{eval::Exit, Vm};\n"),
    ];
    assert_eq!(circles(&siblings), [["vm/eval", "vm/generator"]]);
    // a longer circle through `crate::` paths, one in an expression
    let long = [
        module("objects", "use crate::vm::builtin::BuiltinFn;\n"),
        module(
            "objects/list",
            "fn f() -> crate::objects::PyRef { todo!() }\n",
        ),
        module("vm", "use crate::objects::list::ListCell;\n"),
        module("vm/builtin", "use super::Vm;\n"),
    ];
    assert_eq!(
        circles(&long),
        [["objects", "objects/list", "vm", "vm/builtin"]]
    );
    // a parent naming its children, comments, one-way names, and an inline test module's
    // `super` (its file) are no circle
    let fine = [
        module("objects", "pub use crate::objects::list::ListCell;\n"),
        module(
            "objects/list",
            "use super::PyRef; // crate::vm::Vm\nmod tests {\n    use super::*;\n}\n",
        ),
        module("vm", "use crate::objects::list::ListCell;\n"),
    ];
    assert!(circles(&fine).is_empty());
}
