//! Private name mangling (CPython's `_Py_Mangle`): inside a class, an identifier `__spam` (two
//! leading underscores, at most one trailing, no dot) stands for `_Class__spam`, where
//! `Class` is the class's name without its leading underscores, so that a subclass's private
//! attributes never collide with its base's. It applies to every name the class body and the
//! functions in it use or bind (attributes, variables, parameters, `def` and `class` names,
//! `global`/`nonlocal`, `import ... as`, `except ... as`), not to keyword arguments or
//! strings. One pass over the tree before the scope analysis and the code generation, so
//! both see the names the program really uses.

use std::cell::RefCell;
use std::collections::HashMap;

use ruff_python_ast::name::Name;
use ruff_python_ast::visitor::transformer::{self, Transformer};
use ruff_python_ast::{ExceptHandler, Expr, Identifier, Parameter, Stmt};
use ruff_text_size::{TextRange, TextSize};

/// The names as written of the `def`s and `class`es whose bound name was mangled (by where
/// each starts): a function's or class's `__name__` is the name as written.
#[derive(Default)]
pub struct DefNames(HashMap<TextSize, Name>);

impl DefNames {
    /// The name as written of the definition at `range`, bound as `bound`.
    pub fn written(&self, range: TextRange, bound: &Name) -> Name {
        self.0.get(&range.start()).unwrap_or(bound).clone()
    }
}

/// Mangles the private names of every class in `body`.
pub fn mangle_private_names(body: &mut [Stmt]) -> DefNames {
    let mangler = Mangler {
        class: RefCell::new(None),
        def_names: RefCell::new(DefNames::default()),
    };
    for stmt in body {
        mangler.visit_stmt(stmt);
    }
    mangler.def_names.into_inner()
}

/// `name` as code in a class named `class` spells it (None: unchanged); also what a class's
/// `__slots__` names become.
pub fn mangled(class: &str, name: &str) -> Option<String> {
    let private = name.starts_with("__") && !name.ends_with("__") && !name.contains('.');
    let class = class.trim_start_matches('_');
    (private && !class.is_empty()).then(|| format!("_{class}{name}"))
}

struct Mangler {
    /// The innermost enclosing class's name, while inside one.
    class: RefCell<Option<String>>,
    def_names: RefCell<DefNames>,
}

impl Mangler {
    fn rename(&self, name: &mut Name) {
        if let Some(class) = &*self.class.borrow() {
            if let Some(new) = mangled(class, name) {
                *name = Name::new(new);
            }
        }
    }

    fn rename_identifier(&self, identifier: &mut Identifier) {
        self.rename(&mut identifier.id);
    }

    /// Mangles a definition's name, remembering it as written.
    fn rename_definition(&self, range: TextRange, name: &mut Identifier) {
        let written = name.id.clone();
        self.rename_identifier(name);
        if name.id != written {
            self.def_names.borrow_mut().0.insert(range.start(), written);
        }
    }
}

impl Transformer for Mangler {
    fn visit_stmt(&self, stmt: &mut Stmt) {
        match stmt {
            Stmt::ClassDef(def) => {
                // the name, decorators and bases belong to the enclosing scope
                let written = def.name.id.to_string();
                self.rename_definition(def.range, &mut def.name);
                for decorator in &mut def.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(arguments) = &mut def.arguments {
                    self.visit_arguments(arguments);
                }
                let outer = self.class.replace(Some(written));
                for stmt in &mut def.body {
                    self.visit_stmt(stmt);
                }
                *self.class.borrow_mut() = outer;
            }
            Stmt::FunctionDef(def) => {
                self.rename_definition(def.range, &mut def.name);
                transformer::walk_stmt(self, stmt);
            }
            Stmt::Global(stmt) => stmt
                .names
                .iter_mut()
                .for_each(|n| self.rename_identifier(n)),
            Stmt::Nonlocal(stmt) => stmt
                .names
                .iter_mut()
                .for_each(|n| self.rename_identifier(n)),
            _ => transformer::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&self, expr: &mut Expr) {
        match expr {
            Expr::Name(name) => self.rename(&mut name.id),
            Expr::Attribute(attribute) => self.rename_identifier(&mut attribute.attr),
            _ => {}
        }
        transformer::walk_expr(self, expr);
    }

    fn visit_parameter(&self, parameter: &mut Parameter) {
        self.rename_identifier(&mut parameter.name);
        transformer::walk_parameter(self, parameter);
    }

    fn visit_alias(&self, alias: &mut ruff_python_ast::Alias) {
        if let Some(asname) = &mut alias.asname {
            self.rename_identifier(asname);
        }
    }

    fn visit_except_handler(&self, handler: &mut ExceptHandler) {
        let ExceptHandler::ExceptHandler(handler_node) = handler;
        if let Some(name) = &mut handler_node.name {
            self.rename_identifier(name);
        }
        transformer::walk_except_handler(self, handler);
    }
}

#[cfg(test)]
mod tests {
    use super::mangled;

    #[test]
    fn mangles_as_cpython() {
        assert_eq!(mangled("A", "__x").as_deref(), Some("_A__x"));
        assert_eq!(mangled("_Private", "__x").as_deref(), Some("_Private__x"));
        assert_eq!(mangled("A", "__x_").as_deref(), Some("_A__x_"));
        assert_eq!(mangled("A", "__init__"), None);
        assert_eq!(mangled("A", "_x"), None);
        assert_eq!(mangled("___", "__x"), None);
        assert_eq!(mangled("A", "__a.b"), None);
    }
}
