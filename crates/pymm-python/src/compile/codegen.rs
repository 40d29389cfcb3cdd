//! Code generation for statements, and the per-code-object unit state.

use std::collections::HashMap;
use std::rc::Rc;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_source_file::LineIndex;
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::future::Features;
use super::scope::{NameKind, Scope, ScopeKind, Scopes};
use super::{BinOp, Code, CodeKind, Constants, Instr, SyntaxError};

pub(super) type CResult<T = ()> = Result<T, SyntaxError>;

/// A structure that `break`, `continue` and `return` must leave properly.
pub(super) enum FBlock<'a> {
    /// A loop: where `continue` goes, the `break` jumps to patch, and whether an iterator
    /// sits on the stack.
    Loop {
        start: u32,
        breaks: Vec<usize>,
        is_for: bool,
    },
    /// A try body protected by `SetupExcept`.
    TryExcept,
    /// A try body whose `finally` must run on the way out.
    Finally(&'a [Stmt]),
    /// A running handler; the handled exception is still on the stack when `exc_on_stack`.
    Handler {
        name: Option<String>,
        exc_on_stack: bool,
    },
    /// The body of an `except*` handler, which `break`, `continue` and `return` may not
    /// leave.
    StarHandler,
    /// A with body: the bound `__exit__` is on the stack.
    With,
    /// An async with body: the bound `__aexit__` is on the stack.
    AsyncWith,
}

/// Constants deduplicated by value.
#[derive(Hash, PartialEq, Eq)]
pub(super) enum ConstKey {
    Int(i64),
    Float(u64),
    Str(String),
    None,
    Bool(bool),
}

/// One code object under construction.
pub(super) struct Unit<'a, V> {
    pub scope: &'a Scope,
    pub kind: CodeKind,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub instrs: Vec<Instr>,
    pub lines: Vec<u32>,
    pub line: u32,
    pub first_line: u32,
    pub consts: Vec<V>,
    const_index: HashMap<ConstKey, u32>,
    pub names: Vec<V>,
    name_index: HashMap<String, u32>,
    pub codes: Vec<Rc<Code<V>>>,
    pub fblocks: Vec<FBlock<'a>>,
    pub doc: Option<Rc<str>>,
}

pub(super) struct Compiler<'a, C: Constants> {
    /// Makes the constants as the runtime's values.
    pub values: &'a C,
    pub scopes: &'a Scopes,
    pub index: &'a LineIndex,
    pub filename: Rc<str>,
    pub unit: Unit<'a, C::Value>,
    /// The module's source text (for `from __future__ import annotations`).
    pub source: &'a str,
    /// What `from __future__` turned on.
    pub features: Features,
    /// The names as written of the definitions whose bound name was mangled.
    pub def_names: super::mangle::DefNames,
}

/// The module being compiled: its text, line index, file name and future features.
pub struct Source<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub filename: Rc<str>,
    pub features: Features,
    /// The names as written of the definitions whose bound name was mangled.
    pub def_names: super::mangle::DefNames,
}

/// Compiles a module body into its code object.
pub fn compile_module<C: Constants>(
    values: &C,
    body: &[Stmt],
    scopes: &Scopes,
    source: Source<'_>,
    returns_last_value: bool,
) -> CResult<Rc<Code<C::Value>>> {
    let unit = Unit::new(
        &scopes.scopes[0],
        CodeKind::Module,
        "<module>".into(),
        "<module>".into(),
        1,
    );
    let mut c = Compiler {
        values,
        scopes,
        index: source.lines,
        filename: source.filename,
        unit,
        source: source.text,
        features: source.features,
        def_names: source.def_names,
    };
    c.setup_annotations(body);
    if let (false, Some(doc)) = (returns_last_value, docstring(body)) {
        // a module's docstring is its __doc__
        c.emit_const_str(&doc);
        c.name_op("__doc__", NameOp::Store);
    }
    match (returns_last_value, body) {
        // `eval`: the value of the one expression is the result
        (true, [Stmt::Expr(e)]) => c.expr(&e.value)?,
        _ => {
            c.body(body)?;
            c.emit_const_none();
        }
    }
    c.emit(Instr::Return);
    let unit = std::mem::replace(
        &mut c.unit,
        Unit::new(&scopes.scopes[0], CodeKind::Module, "".into(), "".into(), 1),
    );
    Ok(Rc::new(c.finish(unit, None)))
}

impl<'a, V> Unit<'a, V> {
    pub fn new(
        scope: &'a Scope,
        kind: CodeKind,
        name: Rc<str>,
        qualname: Rc<str>,
        line: u32,
    ) -> Self {
        Unit {
            scope,
            kind,
            name,
            qualname,
            instrs: Vec::new(),
            lines: Vec::new(),
            line,
            first_line: line,
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            codes: Vec::new(),
            doc: None,
            fblocks: Vec::new(),
        }
    }
}

impl<'a, C: Constants> Compiler<'a, C> {
    /// A syntax error at the line where `node` starts.
    pub fn error(&self, message: impl Into<String>, node: &impl Ranged) -> SyntaxError {
        SyntaxError::over(message.into(), self.index, self.source, node.range())
    }

    pub fn line_of(&self, at: TextSize) -> u32 {
        self.index.line_index(at).get() as u32
    }

    pub fn set_line(&mut self, at: TextSize) {
        self.unit.line = self.line_of(at);
    }

    pub fn emit(&mut self, instr: Instr) -> usize {
        self.unit.instrs.push(instr);
        self.unit.lines.push(self.unit.line);
        self.unit.instrs.len() - 1
    }

    pub fn here(&self) -> u32 {
        self.unit.instrs.len() as u32
    }

    /// Points the jump at `at` to the current position.
    pub fn patch(&mut self, at: usize) {
        let target = self.here();
        self.patch_to(at, target);
    }

    pub fn patch_to(&mut self, at: usize, target: u32) {
        use Instr::*;
        self.unit.instrs[at] = match self.unit.instrs[at] {
            Jump(_) => Jump(target),
            PopJumpIfFalse(_) => PopJumpIfFalse(target),
            PopJumpIfTrue(_) => PopJumpIfTrue(target),
            JumpIfFalseOrPop(_) => JumpIfFalseOrPop(target),
            JumpIfTrueOrPop(_) => JumpIfTrueOrPop(target),
            ForIter(_) => ForIter(target),
            SetupExcept(_) => SetupExcept(target),
            SetupFinally(_) => SetupFinally(target),
            BeforeWith(_) => BeforeWith(target),
            SetupAsyncWith(_) => SetupAsyncWith(target),
            CheckEgMatch(_) => CheckEgMatch(target),
            PrepReraiseStar(_) => PrepReraiseStar(target),
            other => other,
        };
    }

    fn add_const(&mut self, key: Option<ConstKey>, make: impl FnOnce(&C) -> C::Value) -> u32 {
        if let Some(idx) = key.as_ref().and_then(|k| self.unit.const_index.get(k)) {
            return *idx;
        }
        let idx = self.unit.consts.len() as u32;
        self.unit.consts.push(make(self.values));
        if let Some(k) = key {
            self.unit.const_index.insert(k, idx);
        }
        idx
    }

    /// Loads a constant; one with a `key` shares its slot with the equal ones before it.
    pub fn emit_const(&mut self, key: Option<ConstKey>, make: impl FnOnce(&C) -> C::Value) {
        let idx = self.add_const(key, make);
        self.emit(Instr::LoadConst(idx));
    }

    pub fn emit_const_none(&mut self) {
        self.emit_const(Some(ConstKey::None), |values| values.none());
    }

    pub fn emit_const_bool(&mut self, b: bool) {
        self.emit_const(Some(ConstKey::Bool(b)), |values| values.bool(b));
    }

    pub fn emit_const_str(&mut self, s: &str) {
        self.emit_const(Some(ConstKey::Str(s.to_string())), |values| {
            values.interned(s)
        });
    }

    pub fn emit_const_obj(&mut self, obj: C::Value) {
        self.emit_const(None, |_| obj);
    }

    pub fn name_idx(&mut self, name: &str) -> u32 {
        if let Some(i) = self.unit.name_index.get(name) {
            return *i;
        }
        let idx = self.unit.names.len() as u32;
        self.unit.names.push(self.values.interned(name));
        self.unit.name_index.insert(name.to_string(), idx);
        idx
    }

    fn cell_idx(&self, name: &str) -> u32 {
        let scope = self.unit.scope;
        if let Some(i) = scope.cells.iter().position(|c| c == name) {
            return i as u32;
        }
        let free = scope.frees.iter().position(|c| c == name).unwrap_or(0);
        (scope.cells.len() + free) as u32
    }

    /// Emits a load, store or delete of a name, as the scope resolves it.
    pub fn name_op(&mut self, name: &str, op: NameOp) {
        type Family = [fn(u32) -> Instr; 3];
        let (index, family): (u32, Family) = match self.unit.scope.kind_of(name) {
            NameKind::Local => {
                let locals = &self.unit.scope.locals;
                let slot = locals.iter().position(|l| l == name).unwrap_or(0) as u32;
                (slot, [Instr::LoadFast, Instr::StoreFast, Instr::DeleteFast])
            }
            NameKind::Cell | NameKind::Free => (
                self.cell_idx(name),
                [Instr::LoadDeref, Instr::StoreDeref, Instr::DeleteDeref],
            ),
            NameKind::Global => (
                self.name_idx(name),
                [Instr::LoadGlobal, Instr::StoreGlobal, Instr::DeleteGlobal],
            ),
            NameKind::Name => (
                self.name_idx(name),
                [Instr::LoadName, Instr::StoreName, Instr::DeleteName],
            ),
        };
        self.emit(family[op as usize](index));
    }

    /// Turns a finished unit into a code object.
    pub fn finish(
        &self,
        unit: Unit<'a, C::Value>,
        params: Option<&ast::Parameters>,
    ) -> Code<C::Value> {
        let scope = unit.scope;
        let intern = |names: &[String]| {
            names
                .iter()
                .map(|n| self.values.interned(n))
                .collect::<Vec<_>>()
        };
        let cell_params = scope
            .cells
            .iter()
            .enumerate()
            .filter_map(|(ci, name)| {
                let slot = scope.params.iter().position(|p| p == name)?;
                Some((ci as u32, slot as u32))
            })
            .collect();
        let (argcount, posonly, kwonly, varargs, varkw) = match params {
            Some(p) => (
                (p.posonlyargs.len() + p.args.len()) as u32,
                p.posonlyargs.len() as u32,
                p.kwonlyargs.len() as u32,
                p.vararg.is_some(),
                p.kwarg.is_some(),
            ),
            None if scope.params.len() == 1 && scope.params[0] == ".0" => (1, 1, 0, false, false),
            None => (0, 0, 0, false, false),
        };
        Code {
            name: unit.name,
            qualname: unit.qualname,
            filename: self.filename.clone(),
            kind: unit.kind,
            instrs: unit.instrs,
            lines: unit.lines,
            first_line: unit.first_line,
            consts: unit.consts,
            names: unit.names,
            varnames: intern(&scope.locals),
            cellvars: intern(&scope.cells),
            freevars: intern(&scope.frees),
            cell_params,
            argcount,
            posonly,
            kwonly,
            varargs,
            varkw,
            is_generator: scope.is_generator,
            is_async: scope.is_async,
            iterable_coroutine: std::cell::Cell::new(false),
            codes: unit.codes,
            doc: unit.doc,
            caches: Default::default(),
        }
    }

    pub fn body(&mut self, body: &'a [Stmt]) -> CResult {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, stmt: &'a Stmt) -> CResult {
        self.set_line(stmt.range().start());
        match stmt {
            Stmt::Expr(e) => {
                self.expr(&e.value)?;
                self.emit(Instr::PopTop);
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                for (i, target) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Instr::DupTop);
                    }
                    self.store(target)?;
                }
            }
            Stmt::AnnAssign(a) => self.ann_assign(a)?,
            Stmt::AugAssign(a) => self.aug_assign(a)?,
            Stmt::If(s) => self.if_stmt(s)?,
            Stmt::While(w) => self.while_stmt(w)?,
            Stmt::For(f) if f.is_async => self.async_for_stmt(f)?,
            Stmt::For(f) => self.for_stmt(f)?,
            Stmt::Break(b) => self.break_continue(true, b.range())?,
            Stmt::Continue(c) => self.break_continue(false, c.range())?,
            Stmt::Return(r) => self.return_stmt(r)?,
            Stmt::FunctionDef(def) => self.function_def(def)?,
            Stmt::ClassDef(class) => self.class_def(class)?,
            Stmt::Delete(d) => d.targets.iter().try_for_each(|t| self.delete(t))?,
            Stmt::Pass(_) | Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Raise(r) => self.raise(r)?,
            Stmt::Try(t) => self.try_stmt(t)?,
            Stmt::With(w) if w.is_async => {
                self.check_async(w, "'async with' outside async function")?;
                self.async_with_stmt(&w.items, &w.body)?
            }
            Stmt::With(w) => self.with_stmt(&w.items, &w.body)?,
            Stmt::Assert(a) => self.assert(a)?,
            Stmt::Import(imp) => self.import(imp)?,
            Stmt::ImportFrom(imp) => self.import_from(imp)?,
            Stmt::Match(m) => self.match_stmt(m)?,
            other => return Err(self.error("this statement is not supported by pymm", other)),
        }
        Ok(())
    }

    /// A module or class body with annotated names starts with an empty `__annotations__`.
    fn setup_annotations(&mut self, body: &[Stmt]) {
        if body
            .iter()
            .any(|s| matches!(s, Stmt::AnnAssign(a) if a.simple))
        {
            self.emit(Instr::BuildMap(0));
            self.name_op("__annotations__", NameOp::Store);
        }
    }

    /// `target: annotation [= value]`: in a module or class body a simple name's annotation
    /// is evaluated into `__annotations__` (what dataclasses read); in a function it is not
    /// evaluated, as in CPython.
    fn ann_assign(&mut self, a: &'a ast::StmtAnnAssign) -> CResult {
        if let Some(v) = &a.value {
            self.expr(v)?;
            self.store(&a.target)?;
        }
        let Expr::Name(name) = &*a.target else {
            return Ok(());
        };
        if !a.simple || self.unit.kind == CodeKind::Function {
            return Ok(());
        }
        if self.features.annotations {
            let text = match &*a.annotation {
                // a string is kept as its repr, as CPython's unparser writes it
                Expr::StringLiteral(s) => self.values.str_repr(s.value.to_str()),
                annotation => super::future::annotation_text(self.source, annotation).to_string(),
            };
            self.emit_const_str(&text);
        } else {
            self.expr(&a.annotation)?;
        }
        self.name_op("__annotations__", NameOp::Load);
        self.emit_const_str(&name.id);
        self.emit(Instr::StoreSubscr);
        Ok(())
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> CResult {
        let op = BinOp::from(a.op);
        match &*a.target {
            Expr::Name(n) => {
                self.name_op(&n.id, NameOp::Load);
                self.expr(&a.value)?;
                self.emit(Instr::Inplace(op));
                self.name_op(&n.id, NameOp::Store);
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Instr::DupTop);
                let idx = self.name_idx(&at.attr.id);
                self.emit(Instr::LoadAttr(idx));
                self.expr(&a.value)?;
                self.emit(Instr::Inplace(op));
                self.emit(Instr::RotTwo);
                self.emit(Instr::StoreAttr(idx));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Instr::DupTopTwo);
                self.emit(Instr::LoadSubscr);
                self.expr(&a.value)?;
                self.emit(Instr::Inplace(op));
                self.emit(Instr::RotThree);
                self.emit(Instr::StoreSubscr);
            }
            other => {
                let name = super::expr_name(other);
                let message = format!("'{name}' is an illegal expression for augmented assignment");
                return Err(self.error(message, other));
            }
        }
        Ok(())
    }

    fn if_stmt(&mut self, s: &'a ast::StmtIf) -> CResult {
        self.expr(&s.test)?;
        let mut to_next = self.emit(Instr::PopJumpIfFalse(0));
        self.body(&s.body)?;
        let mut ends = Vec::new();
        for clause in &s.elif_else_clauses {
            ends.push(self.emit(Instr::Jump(0)));
            self.patch(to_next);
            match &clause.test {
                Some(test) => {
                    self.set_line(test.range().start());
                    self.expr(test)?;
                    to_next = self.emit(Instr::PopJumpIfFalse(0));
                    self.body(&clause.body)?;
                }
                None => {
                    to_next = usize::MAX;
                    self.body(&clause.body)?;
                }
            }
        }
        if to_next != usize::MAX {
            self.patch(to_next);
        }
        ends.into_iter().for_each(|e| self.patch(e));
        Ok(())
    }

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> CResult {
        let start = self.here();
        self.expr(&w.test)?;
        let exit = self.emit(Instr::PopJumpIfFalse(0));
        self.loop_rest(start, exit, false, &w.body, &w.orelse)
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult {
        self.expr(&f.iter)?;
        self.emit(Instr::GetIter);
        let start = self.here();
        let exit = self.emit(Instr::ForIter(0));
        self.store(&f.target)?;
        self.loop_rest(start, exit, true, &f.body, &f.orelse)
    }

    /// A loop after its head (at `start`, jumping to `exit` when done): the body, where
    /// `break` and `continue` find the loop, the jump back, then the `else` that `break` skips.
    fn loop_rest(
        &mut self,
        start: u32,
        exit: usize,
        is_for: bool,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult {
        self.unit.fblocks.push(FBlock::Loop {
            start,
            breaks: Vec::new(),
            is_for,
        });
        self.body(body)?;
        self.emit(Instr::Jump(start));
        self.patch(exit);
        let breaks = self.pop_loop();
        self.body(orelse)?;
        breaks.into_iter().for_each(|b| self.patch(b));
        Ok(())
    }

    fn pop_loop(&mut self) -> Vec<usize> {
        match self.unit.fblocks.pop() {
            Some(FBlock::Loop { breaks, .. }) => breaks,
            _ => Vec::new(),
        }
    }

    fn break_continue(&mut self, is_break: bool, at: TextRange) -> CResult {
        let Some(loop_pos) = self
            .unit
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::Loop { .. }))
        else {
            let what = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(self.error(what, &at));
        };
        self.refuse_star_exit(loop_pos + 1, at)?;
        self.unwind_to(loop_pos + 1, false)?;
        let FBlock::Loop { start, is_for, .. } = self.unit.fblocks[loop_pos] else {
            unreachable!()
        };
        if is_break {
            if is_for {
                self.emit(Instr::PopTop);
            }
            let j = self.emit(Instr::Jump(0));
            if let FBlock::Loop { breaks, .. } = &mut self.unit.fblocks[loop_pos] {
                breaks.push(j);
            }
        } else {
            self.emit(Instr::Jump(start));
        }
        Ok(())
    }

    /// CPython's SyntaxError for a `break`, `continue` or `return` that would leave an
    /// `except*` handler above `depth`.
    fn refuse_star_exit(&self, depth: usize, at: TextRange) -> CResult {
        if self.unit.fblocks[depth..]
            .iter()
            .any(|b| matches!(b, FBlock::StarHandler))
        {
            return Err(self.error(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                &at,
            ));
        }
        Ok(())
    }

    /// Emits the exits of every fblock above `depth` (innermost first), keeping TOS when
    /// `keep_tos` (a return value). The fblocks stay in place for the code that follows.
    fn unwind_to(&mut self, depth: usize, keep_tos: bool) -> CResult {
        let mut i = self.unit.fblocks.len();
        while i > depth {
            i -= 1;
            // the exit code of a block runs outside that block (a finally body that returns
            // must not leave its own try again)
            let tail = self.unit.fblocks.split_off(i);
            let result = self.unwind_one(&tail[0], keep_tos);
            self.unit.fblocks.extend(tail);
            result?;
        }
        Ok(())
    }

    fn unwind_one(&mut self, block: &FBlock<'a>, keep_tos: bool) -> CResult {
        match block {
            FBlock::Loop { is_for, .. } => {
                if *is_for {
                    // a return leaves the loop: drop its iterator from under the value
                    if keep_tos {
                        self.emit(Instr::RotTwo);
                    }
                    self.emit(Instr::PopTop);
                }
            }
            FBlock::TryExcept | FBlock::StarHandler => {
                self.emit(Instr::PopBlock);
            }
            FBlock::Finally(body) => {
                self.emit(Instr::PopBlock);
                self.body(body)?;
            }
            FBlock::Handler { name, exc_on_stack } => {
                self.emit(Instr::PopExcept);
                if *exc_on_stack {
                    if keep_tos {
                        self.emit(Instr::RotTwo);
                    }
                    self.emit(Instr::PopTop);
                }
                if let Some(name) = name {
                    self.clear_name(name);
                }
            }
            FBlock::With => {
                if keep_tos {
                    self.emit(Instr::RotTwo);
                }
                self.emit(Instr::PopBlock);
                self.emit(Instr::WithExit);
            }
            FBlock::AsyncWith => {
                if keep_tos {
                    self.emit(Instr::RotTwo);
                }
                self.emit(Instr::PopBlock);
                self.async_with_exit();
            }
        }
        Ok(())
    }

    fn clear_name(&mut self, name: &str) {
        self.emit_const_none();
        self.name_op(name, NameOp::Store);
        self.name_op(name, NameOp::Delete);
    }

    fn return_stmt(&mut self, r: &'a ast::StmtReturn) -> CResult {
        if self.unit.kind != CodeKind::Function {
            return Err(self.error("'return' outside function", r));
        }
        let scope = self.unit.scope;
        if r.value.is_some() && scope.is_async && scope.is_generator {
            return Err(self.error("'return' with value in async generator", r));
        }
        match &r.value {
            Some(v) => self.expr(v)?,
            None => self.emit_const_none(),
        }
        self.refuse_star_exit(0, r.range())?;
        self.unwind_to(0, true)?;
        self.emit(Instr::Return);
        Ok(())
    }

    fn raise(&mut self, r: &'a ast::StmtRaise) -> CResult {
        let mut n = 0;
        if let Some(exc) = &r.exc {
            self.expr(exc)?;
            n = 1;
            if let Some(cause) = &r.cause {
                self.expr(cause)?;
                n = 2;
            }
        }
        self.emit(Instr::Raise(n));
        Ok(())
    }

    fn try_stmt(&mut self, t: &'a ast::StmtTry) -> CResult {
        if t.finalbody.is_empty() {
            return self.try_except(t);
        }
        let setup = self.emit(Instr::SetupFinally(0));
        self.unit.fblocks.push(FBlock::Finally(&t.finalbody));
        if t.handlers.is_empty() {
            self.body(&t.body)?;
            self.body(&t.orelse)?;
        } else {
            self.try_except(t)?;
        }
        self.unit.fblocks.pop();
        self.emit(Instr::PopBlock);
        self.body(&t.finalbody)?;
        let end = self.emit(Instr::Jump(0));
        self.patch(setup);
        self.unit.fblocks.push(FBlock::Handler {
            name: None,
            exc_on_stack: true,
        });
        self.body(&t.finalbody)?;
        self.unit.fblocks.pop();
        self.emit(Instr::Reraise);
        self.patch(end);
        Ok(())
    }

    /// The protected part of a `try` with handlers: the body under a `SetupExcept` (whose
    /// target the caller patches to its handlers, returned) and the `else` block after it.
    fn try_body_and_else(&mut self, t: &'a ast::StmtTry) -> CResult<usize> {
        let setup = self.emit(Instr::SetupExcept(0));
        self.unit.fblocks.push(FBlock::TryExcept);
        self.body(&t.body)?;
        self.unit.fblocks.pop();
        self.emit(Instr::PopBlock);
        self.body(&t.orelse)?;
        Ok(setup)
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) -> CResult {
        if t.is_star {
            return self.try_except_star(t);
        }
        let setup = self.try_body_and_else(t)?;
        let mut ends = vec![self.emit(Instr::Jump(0))];
        self.patch(setup);
        for (i, handler) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = handler;
            if h.type_.is_none() && i + 1 < t.handlers.len() {
                return Err(self.error("default 'except:' must be last", h));
            }
            self.set_line(h.range().start());
            let mut next = None;
            if let Some(ty) = &h.type_ {
                self.expr(ty)?;
                self.emit(Instr::CheckExcMatch);
                next = Some(self.emit(Instr::PopJumpIfFalse(0)));
            }
            let name = h.name.as_ref().map(|n| n.id.to_string());
            match &name {
                Some(n) => self.name_op(n, NameOp::Store),
                None => {
                    self.emit(Instr::PopTop);
                }
            }
            self.unit.fblocks.push(FBlock::Handler {
                name: name.clone(),
                exc_on_stack: false,
            });
            self.body(&h.body)?;
            self.unit.fblocks.pop();
            self.emit(Instr::PopExcept);
            if let Some(n) = &name {
                self.clear_name(n);
            }
            ends.push(self.emit(Instr::Jump(0)));
            if let Some(next) = next {
                self.patch(next);
            }
        }
        self.emit(Instr::Reraise);
        ends.into_iter().for_each(|e| self.patch(e));
        Ok(())
    }

    /// `try`/`except*` (PEP 654), as CPython compiles it: the handlers see the caught
    /// exception (orig), a list of what they raised and the part left unhandled (rest) on
    /// the stack; each takes its part of the rest (`CheckEgMatch`), runs protected so that
    /// what it raises joins the list, and `PrepReraiseStar` makes of the list and orig what
    /// the statement raises in the end.
    fn try_except_star(&mut self, t: &'a ast::StmtTry) -> CResult {
        let setup = self.try_body_and_else(t)?;
        let end = self.emit(Instr::Jump(0));
        self.patch(setup);
        // [orig] -> [orig, raised, rest]
        self.emit(Instr::DupTop);
        self.emit(Instr::BuildList(0));
        self.emit(Instr::RotTwo);
        for handler in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = handler;
            self.set_line(h.range().start());
            let Some(ty) = &h.type_ else {
                return Err(self.error("expected one or more exception types", h));
            };
            self.expr(ty)?;
            let no_match = self.emit(Instr::CheckEgMatch(0));
            self.except_star_handler(h)?;
            self.patch(no_match);
        }
        // [orig, raised, rest] -> [orig, raised + [rest]] -> what to raise, if anything
        self.emit(Instr::ListAppend(1));
        let handled = self.emit(Instr::PrepReraiseStar(0));
        self.emit(Instr::Reraise);
        self.patch(handled);
        self.emit(Instr::PopExcept);
        self.patch(end);
        Ok(())
    }

    /// One `except*` handler's body, with its part of the group on TOS over
    /// [orig, raised, rest]: what it raises is appended to `raised`.
    fn except_star_handler(&mut self, h: &'a ast::ExceptHandlerExceptHandler) -> CResult {
        let name = h.name.as_ref().map(|n| n.id.to_string());
        match &name {
            Some(n) => self.name_op(n, NameOp::Store),
            None => {
                self.emit(Instr::PopTop);
            }
        }
        let protect = self.emit(Instr::SetupExcept(0));
        self.unit.fblocks.push(FBlock::StarHandler);
        self.body(&h.body)?;
        self.unit.fblocks.pop();
        self.emit(Instr::PopBlock);
        let done = self.emit(Instr::Jump(0));
        self.patch(protect);
        // [orig, raised, rest, exc] -> [orig, raised, rest]
        self.emit(Instr::ListAppend(2));
        self.emit(Instr::PopExcept);
        self.patch(done);
        if let Some(n) = &name {
            self.clear_name(n);
        }
        Ok(())
    }

    fn with_stmt(&mut self, items: &'a [ast::WithItem], body: &'a [Stmt]) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(&item.context_expr)?;
        let setup = self.emit(Instr::BeforeWith(0));
        match &item.optional_vars {
            Some(target) => self.store(target)?,
            None => {
                self.emit(Instr::PopTop);
            }
        }
        self.unit.fblocks.push(FBlock::With);
        self.with_stmt(rest, body)?;
        self.unit.fblocks.pop();
        self.emit(Instr::PopBlock);
        self.emit(Instr::WithExit);
        let end = self.emit(Instr::Jump(0));
        self.patch(setup);
        self.emit(Instr::WithExcept);
        self.patch(end);
        Ok(())
    }

    /// `async with`: as `with`, with `__aenter__` and `__aexit__` awaited.
    fn async_with_stmt(&mut self, items: &'a [ast::WithItem], body: &'a [Stmt]) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(&item.context_expr)?;
        self.emit(Instr::BeforeAsyncWith);
        self.emit(Instr::GetAwaitable(1));
        self.emit_await_tail();
        let setup = self.emit(Instr::SetupAsyncWith(0));
        match &item.optional_vars {
            Some(target) => self.store(target)?,
            None => {
                self.emit(Instr::PopTop);
            }
        }
        self.unit.fblocks.push(FBlock::AsyncWith);
        self.async_with_stmt(rest, body)?;
        self.unit.fblocks.pop();
        self.emit(Instr::PopBlock);
        self.async_with_exit();
        let end = self.emit(Instr::Jump(0));
        self.patch(setup);
        self.emit(Instr::AsyncWithExceptCall);
        self.emit(Instr::GetAwaitable(2));
        self.emit_await_tail();
        self.emit(Instr::AsyncWithExceptEnd);
        self.patch(end);
        Ok(())
    }

    /// Calls the `__aexit__` on TOS with three Nones and awaits the result, dropping it.
    fn async_with_exit(&mut self) {
        for _ in 0..3 {
            self.emit_const_none();
        }
        self.emit(Instr::Call(3));
        self.emit(Instr::GetAwaitable(2));
        self.emit_await_tail();
        self.emit(Instr::PopTop);
    }

    /// Drives the awaitable iterator on TOS to its end: its result replaces it.
    pub fn emit_await_tail(&mut self) {
        self.emit_const_none();
        self.emit(Instr::YieldFrom);
    }

    /// A syntax error unless the code being compiled is a coroutine (`what` words it).
    pub fn check_async(&self, node: &impl Ranged, what: &str) -> CResult {
        if self.unit.scope.is_async && self.unit.kind == CodeKind::Function {
            return Ok(());
        }
        Err(self.error(what, node))
    }

    /// `async for`: `__anext__()` awaited until it raises StopAsyncIteration.
    fn async_for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult {
        self.check_async(f, "'async for' outside async function")?;
        self.expr(&f.iter)?;
        self.emit(Instr::GetAIter);
        let start = self.here();
        let handler = self.emit(Instr::SetupExcept(0));
        self.emit(Instr::GetANext);
        self.emit_await_tail();
        self.emit(Instr::PopBlock);
        self.store(&f.target)?;
        self.unit.fblocks.push(FBlock::Loop {
            start,
            breaks: Vec::new(),
            is_for: true,
        });
        self.body(&f.body)?;
        self.emit(Instr::Jump(start));
        self.patch(handler);
        self.emit(Instr::EndAsyncFor);
        let breaks = self.pop_loop();
        self.body(&f.orelse)?;
        breaks.into_iter().for_each(|b| self.patch(b));
        Ok(())
    }

    fn assert(&mut self, a: &'a ast::StmtAssert) -> CResult {
        self.expr(&a.test)?;
        let ok = self.emit(Instr::PopJumpIfTrue(0));
        self.emit(Instr::LoadAssertionError);
        if let Some(msg) = &a.msg {
            self.expr(msg)?;
            self.emit(Instr::Call(1));
        }
        self.emit(Instr::Raise(1));
        self.patch(ok);
        Ok(())
    }

    /// `import a.b.c` binds `a`; `import a.b.c as d` binds the module `a.b.c`, reached
    /// through its parents' attributes (as CPython's `IMPORT_FROM`s do).
    fn import(&mut self, imp: &'a ast::StmtImport) -> CResult {
        for alias in &imp.names {
            self.emit_import_name(&alias.name.id, 0, None);
            let bound = match &alias.asname {
                Some(a) => {
                    for part in alias.name.id.split('.').skip(1) {
                        let idx = self.name_idx(part);
                        self.emit(Instr::ImportFrom(idx));
                        self.emit(Instr::RotTwo);
                        self.emit(Instr::PopTop);
                    }
                    a.id.to_string()
                }
                None => alias.name.id.split('.').next().unwrap_or("").to_string(),
            };
            self.name_op(&bound, NameOp::Store);
        }
        Ok(())
    }

    /// Pushes `__import__(module, globals(), None, fromlist, level)`.
    fn emit_import_name(&mut self, module: &str, level: u32, fromlist: Option<Vec<String>>) {
        let level = i64::from(level);
        self.emit_const(Some(ConstKey::Int(level)), |values| values.int(level));
        match fromlist {
            Some(names) => self.emit_const(None, |values| {
                values.tuple(names.iter().map(|n| values.interned(n)).collect())
            }),
            None => self.emit_const_none(),
        }
        let idx = self.name_idx(module);
        self.emit(Instr::ImportName(idx));
    }

    fn import_from(&mut self, imp: &'a ast::StmtImportFrom) -> CResult {
        let module = imp.module.as_ref().map(|m| m.id.as_str()).unwrap_or("");
        let names = imp.names.iter().map(|a| a.name.id.to_string()).collect();
        self.emit_import_name(module, imp.level, Some(names));
        if let [alias] = &imp.names[..] {
            if alias.name.id.as_str() == "*" {
                if self.unit.kind == CodeKind::Function {
                    return Err(self.error("import * only allowed at module level", alias));
                }
                self.emit(Instr::ImportStar);
                return Ok(());
            }
        }
        for alias in &imp.names {
            let name = self.name_idx(&alias.name.id);
            self.emit(Instr::ImportFrom(name));
            self.name_op(
                &alias.asname.as_ref().unwrap_or(&alias.name).id,
                NameOp::Store,
            );
        }
        self.emit(Instr::PopTop);
        Ok(())
    }

    /// Loads, stores (TOS) or deletes a name, attribute or item; false, emitting nothing,
    /// for any other expression.
    pub fn access(&mut self, target: &'a Expr, op: NameOp) -> CResult<bool> {
        match target {
            Expr::Name(n) => self.name_op(&n.id, op),
            Expr::Attribute(a) => {
                match &*a.value {
                    Expr::Call(sup)
                        if matches!(op, NameOp::Load) && self.is_zero_arg_super(sup) =>
                    {
                        self.super_operands(sup)?;
                        let idx = self.name_idx(&a.attr.id);
                        self.emit(Instr::LoadSuperAttr(idx));
                        return Ok(true);
                    }
                    value => self.expr(value)?,
                }
                let idx = self.name_idx(&a.attr.id);
                let family = [Instr::LoadAttr, Instr::StoreAttr, Instr::DeleteAttr];
                self.emit(family[op as usize](idx));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                let family = [Instr::LoadSubscr, Instr::StoreSubscr, Instr::DeleteSubscr];
                self.emit(family[op as usize]);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn delete(&mut self, target: &'a Expr) -> CResult {
        if self.access(target, NameOp::Delete)? {
            return Ok(());
        }
        match target {
            Expr::Tuple(t) => t.elts.iter().try_for_each(|e| self.delete(e))?,
            Expr::List(t) => t.elts.iter().try_for_each(|e| self.delete(e))?,
            other => {
                let message = format!("cannot delete {}", super::expr_name(other));
                return Err(self.error(message, other));
            }
        }
        Ok(())
    }

    /// Stores TOS into an assignment target.
    pub fn store(&mut self, target: &'a Expr) -> CResult {
        if self.access(target, NameOp::Store)? {
            return Ok(());
        }
        match target {
            Expr::Tuple(t) => self.store_unpack(&t.elts)?,
            Expr::List(t) => self.store_unpack(&t.elts)?,
            Expr::Starred(s) => {
                return Err(self.error("starred assignment target must be in a list or tuple", s))
            }
            other => {
                let message = format!("cannot assign to {}", super::expr_name(other));
                return Err(self.error(message, other));
            }
        }
        Ok(())
    }

    fn store_unpack(&mut self, elts: &'a [Expr]) -> CResult {
        let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
        match star {
            Some(pos) => {
                let after = elts.len() - pos - 1;
                self.emit(Instr::UnpackEx(pos as u16, after as u16));
            }
            None => {
                self.emit(Instr::UnpackSequence(elts.len() as u32));
            }
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.store(&s.value)?,
                other => self.store(other)?,
            }
        }
        Ok(())
    }

    fn function_def(&mut self, def: &'a ast::StmtFunctionDef) -> CResult {
        for d in &def.decorator_list {
            self.expr(&d.expression)?;
        }
        let scope = self.scopes.of_node(def);
        let line = self.line_of(def.range().start());
        let written = self.def_names.written(def.range(), &def.name.id);
        self.make_function(
            scope,
            &written,
            Some(&def.parameters),
            line,
            FuncBody::Stmts(&def.body),
        )?;
        for _ in &def.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.name_op(&def.name.id, NameOp::Store);
        Ok(())
    }

    fn class_def(&mut self, class: &'a ast::StmtClassDef) -> CResult {
        for d in &class.decorator_list {
            self.expr(&d.expression)?;
        }
        let scope = self.scopes.of_node(class);
        let line = self.line_of(class.range().start());
        let written = self.def_names.written(class.range(), &class.name.id);
        let unit = self.nested_unit(scope, CodeKind::Class, &written, line, |c| {
            c.class_body(&class.body, scope)
        })?;
        let code = self.finish(unit, None);
        self.push_function(code, scope, 0)?;
        self.emit_const_str(&written);
        let mut nbases = 0;
        let mut nkeywords = 0;
        if let Some(args) = &class.arguments {
            self.check_keywords(&args.keywords)?;
            let starred = args.args.iter().any(|a| matches!(a, Expr::Starred(_)));
            if starred || args.keywords.iter().any(|k| k.arg.is_none()) {
                return self.class_arguments_ex(class, args);
            }
            for base in args.args.iter() {
                self.expr(base)?;
                nbases += 1;
            }
            for keyword in args.keywords.iter() {
                let Some(name) = &keyword.arg else {
                    unreachable!("`**` keywords take class_arguments_ex");
                };
                self.emit_const_str(name);
                self.expr(&keyword.value)?;
                nkeywords += 1;
            }
        }
        if nkeywords > 0 {
            self.emit(Instr::BuildMap(nkeywords));
            self.emit(Instr::BuildClassWithKeywords(nbases));
        } else {
            self.emit(Instr::BuildClass(nbases));
        }
        for _ in &class.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.name_op(&class.name.id, NameOp::Store);
        Ok(())
    }

    /// The end of a class statement whose bases are starred (`*bases`) or whose keywords
    /// are unpacked (`**kw`): a tuple of the bases and a dict of the keywords, built as a
    /// call's arguments are, then the class and its decorators.
    fn class_arguments_ex(
        &mut self,
        class: &'a ast::StmtClassDef,
        args: &'a ast::Arguments,
    ) -> CResult {
        self.sequence(&args.args, Instr::BuildTuple(args.args.len() as u32), true)?;
        let has_keywords = !args.keywords.is_empty();
        if has_keywords {
            let entries = args.keywords.iter().map(|k| (k.arg.as_ref(), &k.value));
            self.build_map_in_order(entries, |c, name| {
                c.emit_const_str(&name.id);
                Ok(())
            })?;
        }
        self.emit(Instr::BuildClassEx(has_keywords));
        for _ in &class.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.name_op(&class.name.id, NameOp::Store);
        Ok(())
    }

    fn class_body(&mut self, body: &'a [Stmt], scope: &Scope) -> CResult {
        // a docstring is the class's `__doc__`; without one the class gets None when it is
        // made (`make_class`), as CPython's type_new does, so the namespace never sees it
        if let Some(doc) = docstring(body) {
            self.emit_const_str(&doc);
            self.name_op("__doc__", NameOp::Store);
        }
        self.setup_annotations(body);
        self.body(body)?;
        match scope.cells.iter().position(|c| c == "__class__") {
            Some(i) => self.emit(Instr::LoadClosure(i as u32)),
            None => {
                self.emit_const_none();
                0
            }
        };
        self.emit(Instr::Return);
        Ok(())
    }

    pub fn child_qualname(&self, name: &str) -> String {
        match self.unit.kind {
            CodeKind::Module => name.to_string(),
            CodeKind::Class => format!("{}.{}", self.unit.qualname, name),
            CodeKind::Function => format!("{}.<locals>.{}", self.unit.qualname, name),
        }
    }

    /// Compiles a function body into a child code object and emits `MakeFunction`.
    pub fn make_function(
        &mut self,
        scope: &'a Scope,
        name: &str,
        params: Option<&'a ast::Parameters>,
        line: u32,
        body: FuncBody<'a>,
    ) -> CResult {
        let mut flags = 0u8;
        if let Some(p) = params {
            flags |= self.defaults(p)?;
        }
        let doc = match &body {
            FuncBody::Stmts(stmts) => docstring(stmts),
            FuncBody::Expr(_) => None,
        };
        let mut unit = self.nested_unit(scope, CodeKind::Function, name, line, |c| {
            c.function_body(body)
        })?;
        unit.doc = doc;
        let code = self.finish(unit, params);
        self.push_function(code, scope, flags)
    }

    /// Compiles the body of a nested code object (function, class body, comprehension):
    /// `body` fills a fresh unit for `scope`, which stands in for the current one meanwhile.
    pub fn nested_unit(
        &mut self,
        scope: &'a Scope,
        kind: CodeKind,
        name: &str,
        line: u32,
        body: impl FnOnce(&mut Self) -> CResult,
    ) -> CResult<Unit<'a, C::Value>> {
        let qualname = self.child_qualname(name);
        let mut unit = Unit::new(scope, kind, name.into(), qualname.into(), line);
        std::mem::swap(&mut self.unit, &mut unit);
        let result = body(self);
        std::mem::swap(&mut self.unit, &mut unit);
        result.map(|()| unit)
    }

    fn function_body(&mut self, body: FuncBody<'a>) -> CResult {
        match body {
            FuncBody::Stmts(stmts) => {
                self.body(stmts)?;
                self.emit_const_none();
            }
            FuncBody::Expr(e) => self.expr(e)?,
        }
        self.emit(Instr::Return);
        Ok(())
    }

    fn defaults(&mut self, p: &'a ast::Parameters) -> CResult<u8> {
        let mut flags = 0;
        let positional: Vec<&Expr> = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !positional.is_empty() {
            for d in &positional {
                self.expr(d)?;
            }
            self.emit(Instr::BuildTuple(positional.len() as u32));
            flags |= 1;
        }
        let kw: Vec<_> = p
            .kwonlyargs
            .iter()
            .filter(|a| a.default.is_some())
            .collect();
        if !kw.is_empty() {
            for a in &kw {
                self.emit_const_str(&a.parameter.name.id);
                self.expr(a.default.as_deref().unwrap_or_else(|| unreachable!()))?;
            }
            self.emit(Instr::BuildMap(kw.len() as u32));
            flags |= 2;
        }
        Ok(flags)
    }

    /// Emits the closure (if the child has free names) and `MakeFunction`.
    pub fn push_function(&mut self, code: Code<C::Value>, scope: &Scope, mut flags: u8) -> CResult {
        if !scope.frees.is_empty() {
            for name in &scope.frees {
                let i = self.cell_idx(name);
                self.emit(Instr::LoadClosure(i));
            }
            self.emit(Instr::BuildTuple(scope.frees.len() as u32));
            flags |= 8;
        }
        let idx = self.unit.codes.len() as u32;
        self.unit.codes.push(Rc::new(code));
        self.emit(Instr::MakeFunction(idx, flags));
        Ok(())
    }

    /// The scope of a node (function, lambda, class or comprehension).
    pub fn scope_of<T>(&self, node: &T) -> &'a Scope {
        self.scopes.of_node(node)
    }

    /// True when the current unit is a function scope.
    pub fn in_function(&self) -> bool {
        self.unit.scope.kind == ScopeKind::Function
    }
}

/// A function's body: statements (def) or one expression (lambda).
pub(super) enum FuncBody<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
}

/// The three things one can do with a name.
#[derive(Clone, Copy)]
pub(super) enum NameOp {
    Load = 0,
    Store = 1,
    Delete = 2,
}

/// The docstring of a body: its first statement, when that is a plain string literal.
pub fn docstring(body: &[Stmt]) -> Option<Rc<str>> {
    match body.first()? {
        Stmt::Expr(e) => match &*e.value {
            Expr::StringLiteral(s) => Some(s.value.to_str().into()),
            _ => None,
        },
        _ => None,
    }
}
