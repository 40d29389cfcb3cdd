//! `from __future__ import ...`: which features a module turns on, and CPython's errors for
//! misplaced or unknown ones. The statement also runs as an ordinary import of the
//! `__future__` module.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

/// The features a module asked for that change how it compiles.
#[derive(Clone, Copy, Default, Debug)]
pub struct Features {
    /// PEP 563: annotations are kept as strings, not evaluated.
    pub annotations: bool,
}

/// Every feature name CPython 3.11 accepts (all but `annotations` are always on).
const KNOWN: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// The features the module `body` turns on, or the message and the offending statement.
pub fn features(body: &[Stmt]) -> Result<Features, (String, &Stmt)> {
    let mut found = Features::default();
    let mut at_start = true;
    for (i, stmt) in body.iter().enumerate() {
        let future = match stmt {
            Stmt::ImportFrom(imp)
                if imp
                    .module
                    .as_ref()
                    .is_some_and(|m| m.id.as_str() == "__future__") =>
            {
                imp
            }
            Stmt::Expr(e) if i == 0 && matches!(&*e.value, Expr::StringLiteral(_)) => continue,
            _ => {
                at_start = false;
                continue;
            }
        };
        if !at_start {
            let message = "from __future__ imports must occur at the beginning of the file";
            return Err((message.into(), stmt));
        }
        for alias in &future.names {
            match alias.name.id.as_str() {
                "annotations" => found.annotations = true,
                "braces" => return Err(("not a chance".into(), stmt)),
                name if KNOWN.contains(&name) => {}
                name => return Err((format!("future feature {name} is not defined"), stmt)),
            }
        }
    }
    Ok(found)
}

/// The text of an annotation as PEP 563 keeps it: its source, as written.
pub fn annotation_text<'s>(source: &'s str, annotation: &ast::Expr) -> &'s str {
    let range = annotation.range();
    source
        .get(usize::from(range.start())..usize::from(range.end()))
        .unwrap_or("")
}
