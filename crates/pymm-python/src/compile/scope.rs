//! Scope analysis: which names are local, global, cell or free in each scope.
//!
//! Scopes are keyed by the address of the AST node that opens them (function, lambda, class,
//! comprehension), so the code generator can find a node's scope without a side table of ids.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// What kind of scope.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
}

/// How code in a scope reaches a name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NameKind {
    /// A local slot.
    Local,
    /// A module global (or builtin).
    Global,
    /// A cell created here (a local that inner functions capture).
    Cell,
    /// A cell received from an enclosing function.
    Free,
    /// Looked up in the class namespace, then globals (class bodies).
    Name,
}

/// One scope's result.
#[derive(Debug)]
pub struct Scope {
    /// Module, function or class.
    pub kind: ScopeKind,
    /// Parameter names in slot order.
    pub params: Vec<String>,
    /// Local slot names in first-seen order (parameters first).
    pub locals: Vec<String>,
    /// Cell names created here.
    pub cells: Vec<String>,
    /// Free names received.
    pub frees: Vec<String>,
    /// Contains `yield`.
    pub is_generator: bool,
    /// An `async def`, or a comprehension that awaits (`async for` or `await` in its body).
    pub is_async: bool,
    /// Contains `await` (directly, not in a nested scope).
    has_await: bool,
    bound: Vec<String>,
    used: Vec<String>,
    declared_global: HashSet<String>,
    /// Each name declared `nonlocal`, with its statement (for the error when no enclosing
    /// function binds it), in the order of the declarations.
    declared_nonlocal: Vec<(String, TextRange)>,
    parent: Option<usize>,
    uses_super: bool,
    /// A module body's names are looked up in its frame's namespace, then globals (code for
    /// `exec`, `eval` and `compile`, which may run with locals apart from its globals).
    pub names_in_namespace: bool,
}

impl Scope {
    fn new(kind: ScopeKind, parent: Option<usize>) -> Self {
        Scope {
            kind,
            params: Vec::new(),
            locals: Vec::new(),
            cells: Vec::new(),
            frees: Vec::new(),
            is_generator: false,
            is_async: false,
            has_await: false,
            bound: Vec::new(),
            used: Vec::new(),
            declared_global: HashSet::new(),
            declared_nonlocal: Vec::new(),
            parent,
            uses_super: false,
            names_in_namespace: false,
        }
    }

    /// How this scope reaches `name`.
    pub fn kind_of(&self, name: &str) -> NameKind {
        if self.cells.iter().any(|c| c == name) {
            return NameKind::Cell;
        }
        if self.frees.iter().any(|c| c == name) {
            return NameKind::Free;
        }
        if self.declared_global.contains(name) {
            return NameKind::Global;
        }
        match self.kind {
            ScopeKind::Module if self.names_in_namespace => NameKind::Name,
            ScopeKind::Module => NameKind::Global,
            ScopeKind::Class => NameKind::Name,
            ScopeKind::Function if self.locals.iter().any(|l| l == name) => NameKind::Local,
            ScopeKind::Function => NameKind::Global,
        }
    }

    fn binds(&self, name: &str) -> bool {
        self.kind == ScopeKind::Function
            && !self.declared_global.contains(name)
            && !self.declares_nonlocal(name)
            && self.locals.iter().any(|l| l == name)
    }

    fn declares_nonlocal(&self, name: &str) -> bool {
        self.declared_nonlocal.iter().any(|(n, _)| n == name)
    }
}

/// Every scope of a module, by opening node address.
pub struct Scopes {
    /// All scopes; index 0 is the module.
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
}

impl Scopes {
    /// The scope opened by the node at `addr`.
    pub fn of_node<T>(&self, node: &T) -> &Scope {
        let idx = self.by_node[&(node as *const T as usize)];
        &self.scopes[idx]
    }
}

/// Analyses a module body.
pub fn analyze_module(body: &[Stmt]) -> Result<Scopes, (String, TextRange)> {
    let mut builder = Builder {
        scopes: vec![Scope::new(ScopeKind::Module, None)],
        by_node: HashMap::new(),
        current: 0,
        error: None,
    };
    builder.visit_body(body);
    if let Some(err) = builder.error {
        return Err(err);
    }
    let mut scopes = Scopes {
        scopes: builder.scopes,
        by_node: builder.by_node,
    };
    resolve(&mut scopes.scopes)?;
    Ok(scopes)
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
    current: usize,
    error: Option<(String, TextRange)>,
}

impl Builder {
    fn bind(&mut self, name: &str) {
        let scope = &mut self.scopes[self.current];
        if !scope.bound.iter().any(|b| b == name) {
            scope.bound.push(name.to_string());
        }
    }

    fn use_name(&mut self, name: &str) {
        let scope = &mut self.scopes[self.current];
        if name == "super" {
            scope.uses_super = true;
        }
        if !scope.used.iter().any(|b| b == name) {
            scope.used.push(name.to_string());
        }
    }

    fn enter<T>(&mut self, node: &T, kind: ScopeKind) -> usize {
        let idx = self.scopes.len();
        self.scopes.push(Scope::new(kind, Some(self.current)));
        self.by_node.insert(node as *const T as usize, idx);
        std::mem::replace(&mut self.current, idx)
    }

    fn add_params(&mut self, params: &ast::Parameters) {
        let positional = params.posonlyargs.iter().chain(params.args.iter());
        let names = positional
            .chain(params.kwonlyargs.iter())
            .map(|p| &p.parameter.name)
            .chain(
                params
                    .vararg
                    .iter()
                    .chain(params.kwarg.iter())
                    .map(|p| &p.name),
            );
        for name in names {
            if self.scopes[self.current]
                .params
                .iter()
                .any(|p| p == name.id.as_str())
            {
                let message = format!("duplicate argument '{}' in function definition", name.id);
                self.fail(message, name.range());
            }
            self.scopes[self.current].params.push(name.id.to_string());
        }
        let scope = &mut self.scopes[self.current];
        scope.bound.extend(scope.params.iter().cloned());
    }

    /// Keeps the first error found.
    fn fail(&mut self, message: impl Into<String>, range: TextRange) {
        if self.error.is_none() {
            self.error = Some((message.into(), range));
        }
    }

    /// A `global` or `nonlocal` declaration of `name` must come before the scope uses or
    /// binds it (CPython's symtable, in its order of checks).
    fn check_declaration(&mut self, name: &str, declaration: &str, range: TextRange) {
        let scope = &self.scopes[self.current];
        let has = |names: &[String]| names.iter().any(|n| n == name);
        let message = if has(&scope.params) {
            format!("name '{name}' is parameter and {declaration}")
        } else if has(&scope.used) {
            format!("name '{name}' is used prior to {declaration} declaration")
        } else if has(&scope.bound) {
            format!("name '{name}' is assigned to before {declaration} declaration")
        } else {
            return;
        };
        self.fail(message, range);
    }

    fn visit_param_defaults(&mut self, params: &ast::Parameters) {
        let all = params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .chain(&params.kwonlyargs);
        for p in all {
            if let Some(d) = &p.default {
                self.visit_expr(d);
            }
        }
    }

    fn comprehension<T>(&mut self, node: &T, gens: &[ast::Comprehension], elts: &[&Expr]) {
        let Some(first) = gens.first() else { return };
        self.visit_expr(&first.iter);
        let saved = self.enter(node, ScopeKind::Function);
        self.scopes[self.current].params.push(".0".into());
        self.bind(".0");
        for (i, gen) in gens.iter().enumerate() {
            if i > 0 {
                self.visit_expr(&gen.iter);
            }
            self.visit_expr(&gen.target);
            gen.ifs.iter().for_each(|e| self.visit_expr(e));
        }
        elts.iter().for_each(|e| self.visit_expr(e));
        let scope = &mut self.scopes[self.current];
        scope.is_async = scope.has_await || gens.iter().any(|g| g.is_async);
        self.current = saved;
    }
}

impl<'a> Visitor<'a> for Builder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                def.decorator_list
                    .iter()
                    .for_each(|d| self.visit_expr(&d.expression));
                self.visit_param_defaults(&def.parameters);
                self.bind(&def.name.id);
                let saved = self.enter(def, ScopeKind::Function);
                self.scopes[self.current].is_async = def.is_async;
                self.add_params(&def.parameters);
                self.visit_body(&def.body);
                self.current = saved;
            }
            Stmt::ClassDef(class) => {
                class
                    .decorator_list
                    .iter()
                    .for_each(|d| self.visit_expr(&d.expression));
                if let Some(args) = &class.arguments {
                    args.args.iter().for_each(|e| self.visit_expr(e));
                    args.keywords.iter().for_each(|k| self.visit_expr(&k.value));
                }
                self.bind(&class.name.id);
                let saved = self.enter(class, ScopeKind::Class);
                self.visit_body(&class.body);
                self.current = saved;
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    self.check_declaration(&n.id, "global", g.range());
                    self.scopes[self.current]
                        .declared_global
                        .insert(n.id.to_string());
                }
            }
            Stmt::Nonlocal(n) => {
                // a class body may declare a name of its enclosing function nonlocal
                if self.scopes[self.current].kind == ScopeKind::Module {
                    self.fail(
                        "nonlocal declaration not allowed at module level",
                        n.range(),
                    );
                }
                for name in &n.names {
                    self.check_declaration(&name.id, "nonlocal", n.range());
                    self.scopes[self.current]
                        .declared_nonlocal
                        .push((name.id.to_string(), n.range()));
                }
            }
            Stmt::Import(imp) => {
                for alias in &imp.names {
                    let bound = match &alias.asname {
                        Some(a) => a.id.to_string(),
                        None => alias.name.id.split('.').next().unwrap_or("").to_string(),
                    };
                    self.bind(&bound);
                }
            }
            Stmt::ImportFrom(imp) => {
                for alias in imp.names.iter().filter(|a| a.name.id.as_str() != "*") {
                    self.bind(&alias.asname.as_ref().unwrap_or(&alias.name).id);
                }
            }
            Stmt::Try(t) => {
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(name) = &h.name {
                        self.bind(&name.id);
                    }
                }
                visitor::walk_stmt(self, stmt);
            }
            Stmt::AnnAssign(a) => {
                self.visit_expr(&a.target);
                if let Some(v) = &a.value {
                    self.visit_expr(v);
                }
                // a module's or class's annotations are evaluated: a lambda or comprehension
                // there needs its scope
                self.visit_expr(&a.annotation);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    /// Capture patterns of `match` bind names in the current scope.
    fn visit_pattern(&mut self, pattern: &'a ast::Pattern) {
        let bound = match pattern {
            ast::Pattern::MatchAs(p) => p.name.as_ref(),
            ast::Pattern::MatchStar(p) => p.name.as_ref(),
            ast::Pattern::MatchMapping(p) => p.rest.as_ref(),
            _ => None,
        };
        if let Some(name) = bound {
            self.bind(&name.id);
        }
        visitor::walk_pattern(self, pattern);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(n) => match n.ctx {
                ExprContext::Load => self.use_name(&n.id),
                _ => self.bind(&n.id),
            },
            Expr::Lambda(lambda) => {
                if let Some(p) = &lambda.parameters {
                    self.visit_param_defaults(p);
                }
                let saved = self.enter(lambda, ScopeKind::Function);
                if let Some(p) = &lambda.parameters {
                    self.add_params(p);
                }
                self.visit_expr(&lambda.body);
                self.current = saved;
            }
            Expr::ListComp(c) => self.comprehension(c, &c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension(c, &c.generators, &[&c.elt]),
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = vec![&c.value];
                if let Some(k) = &c.key {
                    elts.insert(0, k);
                }
                self.comprehension(c, &c.generators, &elts)
            }
            Expr::Generator(c) => {
                self.comprehension(c, &c.generators, &[&c.elt]);
                if let Some(idx) = self.by_node.get(&(c as *const _ as usize)) {
                    self.scopes[*idx].is_generator = true;
                }
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                self.scopes[self.current].is_generator = true;
                visitor::walk_expr(self, expr);
            }
            Expr::Await(_) => {
                self.scopes[self.current].has_await = true;
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// Turns bound/used sets into locals, cells and frees, parents before children.
fn resolve(scopes: &mut [Scope]) -> Result<(), (String, TextRange)> {
    for scope in scopes.iter_mut() {
        if scope.kind == ScopeKind::Function {
            let mut locals = scope.params.clone();
            for b in &scope.bound {
                let declared = scope.declared_global.contains(b) || scope.declares_nonlocal(b);
                if !declared && !locals.contains(b) {
                    locals.push(b.clone());
                }
            }
            scope.locals = locals;
        }
    }
    for idx in 0..scopes.len() {
        let mut wanted: Vec<String> = Vec::new();
        let scope = &scopes[idx];
        let declared = scope.declared_nonlocal.iter().map(|(n, _)| n);
        for name in scope.used.iter().chain(scope.bound.iter()).chain(declared) {
            let free_candidate = scope.declares_nonlocal(name)
                || (!scope.declared_global.contains(name)
                    && !scope.bound.contains(name)
                    && scope.kind != ScopeKind::Module);
            if free_candidate && !wanted.contains(name) {
                wanted.push(name.clone());
            }
        }
        if scope.uses_super && scope.kind == ScopeKind::Function {
            wanted.push("__class__".into());
        }
        for name in wanted {
            let linked = link_free(scopes, idx, &name);
            if !linked {
                if let Some((_, range)) = scopes[idx]
                    .declared_nonlocal
                    .iter()
                    .find(|(n, _)| *n == name)
                {
                    return Err((format!("no binding for nonlocal '{name}' found"), *range));
                }
            }
        }
    }
    Ok(())
}

/// Finds the function (or, for `__class__`, class) scope that binds `name` above `idx`, makes
/// it a cell there and free in every scope on the way down; false when none binds it.
fn link_free(scopes: &mut [Scope], idx: usize, name: &str) -> bool {
    let mut path = vec![idx];
    let mut cursor = scopes[idx].parent;
    while let Some(p) = cursor {
        let is_class_cell = name == "__class__" && scopes[p].kind == ScopeKind::Class;
        if scopes[p].binds(name) || is_class_cell {
            if !scopes[p].cells.iter().any(|c| c == name) {
                scopes[p].cells.push(name.to_string());
            }
            for &s in &path {
                if !scopes[s].frees.iter().any(|c| c == name) {
                    scopes[s].frees.push(name.to_string());
                }
            }
            return true;
        }
        if scopes[p].kind == ScopeKind::Module {
            return false;
        }
        path.push(p);
        cursor = scopes[p].parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{analyze_module, NameKind, ScopeKind};

    fn scopes(src: &str) -> super::Scopes {
        let parsed = ruff_python_parser::parse_module(src).expect("test source parses");
        let module = parsed.into_syntax();
        analyze_module(&module.body).expect("test source analyses")
    }

    #[test]
    fn captured_locals_become_cells_and_frees() {
        let s = scopes("def f():\n    x = 1\n    def g():\n        return x\n    return g\n");
        let f = s
            .scopes
            .iter()
            .find(|sc| sc.cells.contains(&"x".to_string()))
            .expect("f has cell x");
        assert_eq!(f.kind_of("x"), NameKind::Cell);
        let g = s
            .scopes
            .iter()
            .find(|sc| sc.frees.contains(&"x".to_string()))
            .expect("g has free x");
        assert_eq!(g.kind_of("x"), NameKind::Free);
    }

    #[test]
    fn global_and_local_names() {
        let s = scopes("y = 0\ndef f(a):\n    global y\n    y = a\n    z = a\n");
        let f = &s.scopes[1];
        assert_eq!(f.kind, ScopeKind::Function);
        assert_eq!(f.kind_of("y"), NameKind::Global);
        assert_eq!(f.kind_of("z"), NameKind::Local);
        assert_eq!(f.locals, vec!["a".to_string(), "z".to_string()]);
    }

    #[test]
    fn super_gets_a_class_cell() {
        let s = scopes("class A:\n    def f(self):\n        return super().f()\n");
        assert!(s
            .scopes
            .iter()
            .any(|sc| sc.kind == ScopeKind::Class && sc.cells == ["__class__"]));
    }

    #[test]
    fn generators_are_detected() {
        let s = scopes("def f():\n    yield 1\ndef g():\n    return [x for x in ()]\n");
        assert!(s.scopes[1].is_generator);
        assert!(!s.scopes[2].is_generator);
    }
}
