//! Code generation for expressions.
//!
//! Expressions and statements compile each other (a lambda's or a comprehension's body is
//! a new code object whose unit `codegen.rs` sets up; an assignment's value is an
//! expression): that recursion is the language's, and it goes through methods of the one
//! [`Compiler`], whose state and statement half `codegen.rs` defines. The files themselves
//! point one way: this one and `codegen_match.rs` extend the `Compiler`, and
//! `codegen.rs` names neither of them (what both compile, such as the operators, is in
//! `instr.rs`).

use ruff_python_ast::{self as ast, Expr, Number};
use ruff_text_size::Ranged;

use super::codegen::{CResult, Compiler, ConstKey, FuncBody, NameOp};
use super::{BinOp, CmpOp, CodeKind, Constants, Instr, UnOp};

fn compare_instr(op: ast::CmpOp) -> Instr {
    use ast::CmpOp as C;
    match op {
        C::Eq => Instr::Compare(CmpOp::Eq),
        C::NotEq => Instr::Compare(CmpOp::Ne),
        C::Lt => Instr::Compare(CmpOp::Lt),
        C::LtE => Instr::Compare(CmpOp::Le),
        C::Gt => Instr::Compare(CmpOp::Gt),
        C::GtE => Instr::Compare(CmpOp::Ge),
        C::Is => Instr::Is(false),
        C::IsNot => Instr::Is(true),
        C::In => Instr::Contains(false),
        C::NotIn => Instr::Contains(true),
    }
}

/// True for a literal CPython folds into a constant.
fn is_constant(e: &Expr) -> bool {
    matches!(
        e,
        Expr::NumberLiteral(_)
            | Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
    )
}

/// Which comprehension is being built.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

impl<'a, C: Constants> Compiler<'a, C> {
    /// Compiles an expression, leaving its value on the stack.
    pub fn expr(&mut self, expr: &'a Expr) -> CResult {
        if crate::stack::stack_is_low() {
            return Err(self.error("too many nested expressions", expr));
        }
        match expr {
            _ if is_constant(expr) => {
                let (key, value) = self.literal(expr)?;
                self.emit_const(key, |_| value);
            }
            Expr::FString(f) => self.fstring(f)?,
            Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_) => {
                self.access(expr, NameOp::Load)?;
            }
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(e) => self.expr(e)?,
                        None => self.emit_const_none(),
                    }
                }
                let n = match &s.step {
                    Some(step) => {
                        self.expr(step)?;
                        3
                    }
                    None => 2,
                };
                self.emit(Instr::BuildSlice(n));
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Instr::Binary(BinOp::from(b.op)));
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                let op = match u.op {
                    ast::UnaryOp::Invert => UnOp::Invert,
                    ast::UnaryOp::Not => UnOp::Not,
                    ast::UnaryOp::UAdd => UnOp::Pos,
                    ast::UnaryOp::USub => UnOp::Neg,
                };
                self.emit(Instr::Unary(op));
            }
            Expr::BoolOp(b) => {
                let mut jumps = Vec::new();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < b.values.len() {
                        jumps.push(self.emit(match b.op {
                            ast::BoolOp::And => Instr::JumpIfFalseOrPop(0),
                            ast::BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                jumps.into_iter().for_each(|j| self.patch(j));
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(i) => {
                self.expr(&i.test)?;
                let to_else = self.emit(Instr::PopJumpIfFalse(0));
                self.expr(&i.body)?;
                let end = self.emit(Instr::Jump(0));
                self.patch(to_else);
                self.expr(&i.orelse)?;
                self.patch(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Instr::DupTop);
                self.store(&n.target)?;
            }
            Expr::Tuple(t) if !t.elts.is_empty() && t.elts.iter().all(is_constant) => {
                self.constant_tuple(&t.elts)?
            }
            Expr::Tuple(t) => {
                self.sequence(&t.elts, Instr::BuildTuple(t.elts.len() as u32), true)?
            }
            Expr::List(l) => {
                self.sequence(&l.elts, Instr::BuildList(l.elts.len() as u32), false)?
            }
            Expr::Set(s) if s.elts.iter().any(|e| matches!(e, Expr::Starred(_))) => {
                self.starred_set(&s.elts)?
            }
            Expr::Set(s) => {
                s.elts.iter().try_for_each(|e| self.expr(e))?;
                let n = s.elts.len() as u32;
                if n > 2 && s.elts.iter().all(is_constant) {
                    self.emit(Instr::BuildConstSet(n));
                } else {
                    self.emit(Instr::BuildSet(n));
                }
            }
            Expr::Dict(d) => self.dict(d)?,
            Expr::Call(c) => self.call(c)?,
            Expr::Lambda(l) => {
                let scope = self.scope_of(l);
                let line = self.line_of(l.range().start());
                self.make_function(
                    scope,
                    "<lambda>",
                    l.parameters.as_deref(),
                    line,
                    FuncBody::Expr(&l.body),
                )?;
            }
            Expr::ListComp(c) => {
                self.comprehension(c, CompKind::List, &c.generators, &c.elt, None, "<listcomp>")?
            }
            Expr::SetComp(c) => {
                self.comprehension(c, CompKind::Set, &c.generators, &c.elt, None, "<setcomp>")?
            }
            Expr::DictComp(c) => {
                let Some(key) = c.key.as_deref() else {
                    return Err(self.error("dict unpacking in a comprehension is not supported", c));
                };
                self.comprehension(
                    c,
                    CompKind::Dict,
                    &c.generators,
                    key,
                    Some(&c.value),
                    "<dictcomp>",
                )?
            }
            Expr::Generator(c) => {
                self.comprehension(c, CompKind::Gen, &c.generators, &c.elt, None, "<genexpr>")?
            }
            Expr::Yield(y) => {
                self.check_in_function(expr, "'yield' outside function")?;
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const_none(),
                }
                self.emit(Instr::Yield);
            }
            Expr::YieldFrom(y) => {
                self.check_in_function(expr, "'yield from' outside function")?;
                if self.unit.scope.is_async {
                    return Err(self.error("'yield from' inside async function", expr));
                }
                self.expr(&y.value)?;
                self.emit(Instr::GetYieldFromIter);
                self.emit_const_none();
                self.emit(Instr::YieldFrom);
            }
            Expr::Await(a) => {
                self.check_in_function(expr, "'await' outside function")?;
                self.check_async(expr, "'await' outside async function")?;
                self.expr(&a.value)?;
                self.emit(Instr::GetAwaitable(0));
                self.emit_await_tail();
            }
            Expr::Starred(s) => return Err(self.error("can't use starred expression here", s)),
            other => return Err(self.error("this expression is not supported by pymm", other)),
        }
        Ok(())
    }

    /// A tuple of literals becomes one constant, untracked by the collector (as CPython's
    /// folded constants are).
    fn constant_tuple(&mut self, elts: &'a [Expr]) -> CResult {
        let mut items = Vec::with_capacity(elts.len());
        for e in elts {
            items.push(self.literal_value(e)?);
        }
        let tuple = self.values.tuple(items);
        self.emit_const_obj(tuple);
        Ok(())
    }

    /// The value of a literal (see [`is_constant`]).
    fn literal_value(&self, e: &Expr) -> CResult<C::Value> {
        Ok(self.literal(e)?.1)
    }

    /// A literal's value, with the key under which equal literals share one constant slot
    /// (big ints, bytes and `...` get a slot each).
    fn literal(&self, e: &Expr) -> CResult<(Option<ConstKey>, C::Value)> {
        let values = self.values;
        Ok(match e {
            Expr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => match i.as_i64() {
                    Some(v) => (Some(ConstKey::Int(v)), values.int(v)),
                    None => {
                        let text = i.to_string().replace('_', "");
                        let big = super::parse_int_literal(&text)
                            .ok_or_else(|| self.error("invalid integer literal", e))?;
                        (None, values.big_int(big))
                    }
                },
                Number::Float(f) => (Some(ConstKey::Float(f.to_bits())), values.float(*f)),
                Number::Complex { real, imag } => (None, values.complex([*real, *imag])),
            },
            Expr::StringLiteral(s) => {
                let text = s.value.to_str();
                (Some(ConstKey::Str(text.to_string())), values.interned(text))
            }
            Expr::BytesLiteral(b) => {
                let parts = b.value.iter();
                let bytes: Vec<u8> = parts.flat_map(|p| p.value.iter().copied()).collect();
                (None, values.bytes(bytes))
            }
            Expr::BooleanLiteral(b) => (Some(ConstKey::Bool(b.value)), values.bool(b.value)),
            Expr::NoneLiteral(_) => (Some(ConstKey::None), values.none()),
            Expr::EllipsisLiteral(_) => (None, values.ellipsis()),
            other => return Err(self.error("this expression is not a literal", other)),
        })
    }

    fn check_in_function(&self, expr: &Expr, message: &str) -> CResult {
        if self.unit.kind == CodeKind::Function {
            Ok(())
        } else {
            Err(self.error(message, expr))
        }
    }

    fn compare(&mut self, c: &'a ast::ExprCompare) -> CResult {
        self.expr(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.expr(&c.comparators[0])?;
            self.emit(compare_instr(c.ops[0]));
            return Ok(());
        }
        let mut cleanups = Vec::new();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.expr(right)?;
            if i + 1 < n {
                self.emit(Instr::DupTop);
                self.emit(Instr::RotThree);
                self.emit(compare_instr(*op));
                cleanups.push(self.emit(Instr::JumpIfFalseOrPop(0)));
            } else {
                self.emit(compare_instr(*op));
            }
        }
        let end = self.emit(Instr::Jump(0));
        cleanups.into_iter().for_each(|j| self.patch(j));
        self.emit(Instr::RotTwo);
        self.emit(Instr::PopTop);
        self.patch(end);
        Ok(())
    }

    pub(super) fn sequence(&mut self, elts: &'a [Expr], build: Instr, tuple: bool) -> CResult {
        if !elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
            elts.iter().try_for_each(|e| self.expr(e))?;
            self.emit(build);
            return Ok(());
        }
        self.emit(Instr::BuildList(0));
        for e in elts {
            match e {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(Instr::ListExtend(1));
                }
                other => {
                    self.expr(other)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        if tuple {
            self.emit(Instr::ListToTuple);
        }
        Ok(())
    }

    /// `{a, *b}`: an empty set, each item added in order, a starred one by a loop over it
    /// (as CPython's SET_UPDATE does).
    fn starred_set(&mut self, elts: &'a [Expr]) -> CResult {
        self.emit(Instr::BuildSet(0));
        for e in elts {
            match e {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(Instr::GetIter);
                    let start = self.here();
                    let exit = self.emit(Instr::ForIter(0));
                    self.emit(Instr::SetAdd(2));
                    self.emit(Instr::Jump(start));
                    self.patch(exit);
                }
                other => {
                    self.expr(other)?;
                    self.emit(Instr::SetAdd(1));
                }
            }
        }
        Ok(())
    }

    fn dict(&mut self, d: &'a ast::ExprDict) -> CResult {
        if d.items.iter().all(|i| i.key.is_some()) {
            for item in &d.items {
                self.expr(item.key.as_ref().unwrap_or(&item.value))?;
                self.expr(&item.value)?;
            }
            self.emit(Instr::BuildMap(d.items.len() as u32));
            return Ok(());
        }
        let entries = d.items.iter().map(|item| (item.key.as_ref(), &item.value));
        self.build_map_in_order(entries, |c, key| c.expr(key))
    }

    /// Builds a dict entry by entry, in source order: `Some(key)` entries are set (the key
    /// emitted by `emit_key`), `None` ones (`**mapping`) merged in.
    pub(super) fn build_map_in_order<K>(
        &mut self,
        entries: impl Iterator<Item = (Option<K>, &'a Expr)>,
        mut emit_key: impl FnMut(&mut Self, K) -> CResult,
    ) -> CResult {
        self.emit(Instr::BuildMap(0));
        for (key, value) in entries {
            match key {
                Some(key) => {
                    emit_key(self, key)?;
                    self.expr(value)?;
                    self.emit(Instr::MapAdd(1));
                }
                None => {
                    self.expr(value)?;
                    self.emit(Instr::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    fn fstring(&mut self, f: &'a ast::ExprFString) -> CResult {
        let mut count = 0;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(lit) => {
                    self.emit_const_str(&lit.value);
                    count += 1;
                }
                ast::FStringPart::FString(fs) => count += self.fstring_elements(&fs.elements)?,
            }
        }
        if count != 1 {
            self.emit(Instr::BuildString(count));
        }
        Ok(())
    }

    fn fstring_elements(&mut self, elements: &'a ast::InterpolatedStringElements) -> CResult<u32> {
        let mut count = 0;
        for element in elements.iter() {
            match element {
                ast::InterpolatedStringElement::Literal(lit) => self.emit_const_str(&lit.value),
                ast::InterpolatedStringElement::Interpolation(interp) => {
                    if let Some(debug) = &interp.debug_text {
                        let text = format!(
                            "{}{}{}",
                            debug.leading(),
                            self.source_of(&interp.expression),
                            debug.trailing()
                        );
                        self.emit_const_str(&text);
                        count += 1;
                    }
                    self.expr(&interp.expression)?;
                    let mut conv = match interp.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => b's',
                        ast::ConversionFlag::Repr => b'r',
                        ast::ConversionFlag::Ascii => b'a',
                    };
                    if interp.debug_text.is_some() && conv == 0 && interp.format_spec.is_none() {
                        conv = b'r';
                    }
                    let has_spec = match &interp.format_spec {
                        Some(spec) => {
                            let n = self.fstring_elements(&spec.elements)?;
                            if n != 1 {
                                self.emit(Instr::BuildString(n));
                            }
                            true
                        }
                        None => false,
                    };
                    self.emit(Instr::FormatValue(conv, has_spec));
                }
            }
            count += 1;
        }
        if count == 0 {
            self.emit_const_str("");
            count = 1;
        }
        Ok(count)
    }

    fn source_of(&self, expr: &Expr) -> String {
        let range = expr.range();
        self.source
            .get(usize::from(range.start())..usize::from(range.end()))
            .unwrap_or("")
            .to_string()
    }

    /// A keyword given twice in a call or class statement (CPython's `validate_keywords`).
    pub(super) fn check_keywords(&self, keywords: &[ast::Keyword]) -> CResult {
        for (i, keyword) in keywords.iter().enumerate() {
            let Some(name) = &keyword.arg else { continue };
            let repeated = keywords[i + 1..]
                .iter()
                .find(|k| k.arg.as_ref().is_some_and(|n| n.id == name.id));
            if let Some(again) = repeated {
                let message = format!("keyword argument repeated: {}", name.id);
                return Err(self.error(message, again));
            }
        }
        Ok(())
    }

    fn call(&mut self, c: &'a ast::ExprCall) -> CResult {
        let args = &c.arguments;
        self.check_keywords(&args.keywords)?;
        let simple_args = !args.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        let simple_kw = args.keywords.iter().all(|k| k.arg.is_some());
        if self.is_zero_arg_super(c) {
            return self.zero_arg_super(c);
        }
        if simple_args && simple_kw {
            if let (Expr::Attribute(a), true) = (&*c.func, args.keywords.is_empty()) {
                let idx = match &*a.value {
                    Expr::Call(sup) if self.is_zero_arg_super(sup) => {
                        self.super_operands(sup)?;
                        Instr::LoadSuperMethod(self.name_idx(&a.attr.id))
                    }
                    value => {
                        self.expr(value)?;
                        Instr::LoadMethod(self.name_idx(&a.attr.id))
                    }
                };
                self.emit(idx);
                args.args.iter().try_for_each(|e| self.expr(e))?;
                self.set_line(c.range().start());
                self.emit(Instr::CallMethod(args.args.len() as u32));
                return Ok(());
            }
            self.expr(&c.func)?;
            args.args.iter().try_for_each(|e| self.expr(e))?;
            if args.keywords.is_empty() {
                self.set_line(c.range().start());
                self.emit(Instr::Call(args.args.len() as u32));
                return Ok(());
            }
            let mut names = Vec::new();
            for k in args.keywords.iter() {
                self.expr(&k.value)?;
                names.push(
                    self.values
                        .interned(k.arg.as_ref().map_or("", |a| a.id.as_str())),
                );
            }
            let names = self.values.tuple(names);
            self.emit_const_obj(names);
            self.set_line(c.range().start());
            self.emit(Instr::CallKw(
                (args.args.len() + args.keywords.len()) as u32,
            ));
            return Ok(());
        }
        self.expr(&c.func)?;
        self.sequence(&args.args, Instr::BuildTuple(args.args.len() as u32), true)?;
        let has_kw = !args.keywords.is_empty();
        if has_kw {
            let entries = args.keywords.iter().map(|k| (k.arg.as_ref(), &k.value));
            self.build_map_in_order(entries, |c, name| {
                c.emit_const_str(&name.id);
                Ok(())
            })?;
        }
        self.set_line(c.range().start());
        self.emit(Instr::CallEx(has_kw));
        Ok(())
    }

    /// `super()` inside a function: the compiler passes `__class__` and the first parameter.
    pub fn is_zero_arg_super(&self, c: &ast::ExprCall) -> bool {
        matches!(&*c.func, Expr::Name(n) if n.id.as_str() == "super")
            && c.arguments.args.is_empty()
            && c.arguments.keywords.is_empty()
            && self.in_function()
    }

    fn zero_arg_super(&mut self, c: &'a ast::ExprCall) -> CResult {
        self.super_operands(c)?;
        self.emit(Instr::Call(2));
        Ok(())
    }

    /// Pushes what `super()` is called with: `super`, `__class__` and the first parameter
    /// (`LoadSuperAttr` and `LoadSuperMethod` take the same three).
    pub fn super_operands(&mut self, c: &'a ast::ExprCall) -> CResult {
        let Some(first) = self.unit.scope.params.first().cloned() else {
            return Err(self.error("super(): no arguments", c));
        };
        self.name_op("super", NameOp::Load);
        self.name_op("__class__", NameOp::Load);
        self.name_op(&first, NameOp::Load);
        Ok(())
    }

    fn comprehension<T: Ranged>(
        &mut self,
        node: &'a T,
        kind: CompKind,
        gens: &'a [ast::Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
        name: &str,
    ) -> CResult {
        let scope = self.scope_of(node);
        let Some(first) = gens.first() else {
            return Ok(());
        };
        let line = self.unit.line;
        let unit = self.nested_unit(scope, CodeKind::Function, name, line, |c| {
            c.comprehension_body(kind, gens, elt, value)
        })?;
        let is_async = scope.is_async;
        if is_async && kind != CompKind::Gen && !self.unit.scope.is_async {
            return Err(self.error(
                "asynchronous comprehension outside of an asynchronous function",
                node,
            ));
        }
        let code = self.finish(unit, None);
        self.push_function(code, scope, 0)?;
        self.expr(&first.iter)?;
        self.emit(if first.is_async {
            Instr::GetAIter
        } else {
            Instr::GetIter
        });
        self.emit(Instr::Call(1));
        if is_async && kind != CompKind::Gen {
            // the comprehension is a coroutine: its value is what awaiting it gives
            self.emit(Instr::GetAwaitable(0));
            self.emit_await_tail();
        }
        Ok(())
    }

    fn comprehension_body(
        &mut self,
        kind: CompKind,
        gens: &'a [ast::Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> CResult {
        match kind {
            CompKind::List => self.emit(Instr::BuildList(0)),
            CompKind::Set => self.emit(Instr::BuildSet(0)),
            CompKind::Dict => self.emit(Instr::BuildMap(0)),
            CompKind::Gen => 0,
        };
        let mut loops = Vec::new();
        for (i, gen) in gens.iter().enumerate() {
            if i == 0 {
                self.emit(Instr::LoadFast(0));
            } else {
                self.expr(&gen.iter)?;
                self.emit(if gen.is_async {
                    Instr::GetAIter
                } else {
                    Instr::GetIter
                });
            }
            let start = self.here();
            let exit = if gen.is_async {
                let handler = self.emit(Instr::SetupExcept(0));
                self.emit(Instr::GetANext);
                self.emit_await_tail();
                self.emit(Instr::PopBlock);
                handler
            } else {
                self.emit(Instr::ForIter(0))
            };
            self.store(&gen.target)?;
            for cond in &gen.ifs {
                self.expr(cond)?;
                self.emit(Instr::PopJumpIfFalse(start));
            }
            loops.push((start, exit));
        }
        let depth = gens.len() as u32 + 1;
        self.expr(elt)?;
        match kind {
            CompKind::List => {
                self.emit(Instr::ListAppend(depth));
            }
            CompKind::Set => {
                self.emit(Instr::SetAdd(depth));
            }
            CompKind::Dict => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.emit(Instr::MapAdd(depth));
            }
            CompKind::Gen => {
                self.emit(Instr::Yield);
                self.emit(Instr::PopTop);
            }
        }
        for ((start, exit), gen) in loops.into_iter().zip(gens).rev() {
            self.emit(Instr::Jump(start));
            self.patch(exit);
            if gen.is_async {
                self.emit(Instr::EndAsyncFor);
            }
        }
        if kind == CompKind::Gen {
            self.emit_const_none();
        }
        self.emit(Instr::Return);
        Ok(())
    }
}
