//! From source text to bytecode: parsing (ruff), scope analysis and code generation.

pub mod cache;
pub mod codecs;
mod codegen;
mod codegen_expr;
mod codegen_match;
mod constants;
pub mod encoding;
pub mod future;
pub mod instr;
mod mangle;
pub mod marshal;
mod scope;
mod syntax_error;
mod unicode_error;

pub use mangle::mangled;
pub use syntax_error::{expr_name, ErrorKind, Span, SyntaxError};

use std::rc::Rc;

use serde::{Deserialize, Serialize};

pub use constants::{parse_int_literal, Constants};
pub use instr::{BinOp, CmpOp, Instr, UnOp};

/// What kind of scope a code object runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum CodeKind {
    /// A module body.
    Module,
    /// A function, lambda or comprehension body.
    Function,
    /// A class body.
    Class,
}

/// A compiled code object, its constants and names made as the runtime's values `V` (see
/// [`Constants`]).
///
/// A code object whose values are plain [`marshal::Const`]s is written to bytes and read
/// back by [`marshal`] (the compiled-module cache); its inline caches are not.
#[derive(Serialize, Deserialize)]
pub struct Code<V> {
    /// Function name (`<module>`, `<lambda>`, `<listcomp>`...).
    pub name: Rc<str>,
    /// Qualified name (`Class.method`).
    pub qualname: Rc<str>,
    /// Source file name.
    pub filename: Rc<str>,
    /// Module, function or class body.
    pub kind: CodeKind,
    /// The instructions.
    pub instrs: Vec<Instr>,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    /// Line of the `def`.
    pub first_line: u32,
    /// Constants (immutable atoms and tuples of them).
    pub consts: Vec<V>,
    /// Interned names for globals, attributes, imports.
    pub names: Vec<V>,
    /// Names of the local slots (parameters first).
    pub varnames: Vec<V>,
    /// Names of the cells this code creates.
    pub cellvars: Vec<V>,
    /// Names of the cells it receives from its closure.
    pub freevars: Vec<V>,
    /// For each parameter that is also a cell: (cell index, parameter slot).
    pub cell_params: Vec<(u32, u32)>,
    /// Positional parameters (including positional-only).
    pub argcount: u32,
    /// Positional-only parameters.
    pub posonly: u32,
    /// Keyword-only parameters (after the positional ones in `varnames`).
    pub kwonly: u32,
    /// Has `*args` (slot after the keyword-only ones).
    pub varargs: bool,
    /// Has `**kwargs` (slot after `*args`).
    pub varkw: bool,
    /// Contains `yield`.
    pub is_generator: bool,
    /// An `async def` (or an awaiting comprehension): a call makes a coroutine, or an async
    /// generator when it also yields.
    pub is_async: bool,
    /// Set by `types.coroutine` on a generator function's code: its generators may be awaited
    /// (CPython's `CO_ITERABLE_COROUTINE`).
    pub iterable_coroutine: std::cell::Cell<bool>,
    /// Nested code objects, for `MakeFunction`.
    pub codes: Vec<Rc<Code<V>>>,
    /// The docstring (a function's `__doc__`): the body's first statement, if a string.
    pub doc: Option<Rc<str>>,
    /// The instructions' inline caches (filled as the code runs).
    #[serde(skip)]
    pub caches: cache::InlineCaches,
}

/// A copy with its own, empty inline caches.
impl<V: Clone> Clone for Code<V> {
    fn clone(&self) -> Self {
        Code {
            name: self.name.clone(),
            qualname: self.qualname.clone(),
            filename: self.filename.clone(),
            kind: self.kind,
            instrs: self.instrs.clone(),
            lines: self.lines.clone(),
            first_line: self.first_line,
            consts: self.consts.clone(),
            names: self.names.clone(),
            varnames: self.varnames.clone(),
            cellvars: self.cellvars.clone(),
            freevars: self.freevars.clone(),
            cell_params: self.cell_params.clone(),
            argcount: self.argcount,
            posonly: self.posonly,
            kwonly: self.kwonly,
            varargs: self.varargs,
            varkw: self.varkw,
            is_generator: self.is_generator,
            is_async: self.is_async,
            iterable_coroutine: self.iterable_coroutine.clone(),
            codes: self.codes.clone(),
            doc: self.doc.clone(),
            caches: cache::InlineCaches::default(),
        }
    }
}

impl<V> Code<V> {
    /// True when a call makes a generator, coroutine or async generator object instead of
    /// running the body.
    #[inline]
    pub fn makes_generator(&self) -> bool {
        self.is_generator || self.is_async
    }

    /// True when a call with exactly `given` positional arguments and no keywords needs
    /// nothing but moving them into the first local slots: no default, `*args`, `**kwargs`
    /// or keyword-only parameter to fill, no cell to make, and the body runs at once (not a
    /// generator or coroutine). The eval loop's quickest call (PEP 659's
    /// `CALL_PY_EXACT_ARGS`) takes these. A function with a closure has free variables, so
    /// `freevars` being empty also says the function has none.
    #[inline(always)]
    pub fn takes_exactly(&self, given: usize) -> bool {
        self.argcount as usize == given
            && !(self.varargs | self.varkw | self.is_generator | self.is_async)
            && self.kwonly == 0
            && self.cellvars.is_empty()
            && self.freevars.is_empty()
    }

    /// True when a call with `given` positional arguments and no keywords needs nothing but
    /// moving them into the first local slots and the last `argcount - given` of the
    /// function's `ndefaults` default values after them: [`Code::takes_exactly`] for a
    /// call that leaves trailing parameters to their defaults (`f(x)` of
    /// `def f(x, y=0)`), which the eval loop's quick call takes too.
    #[inline(always)]
    pub fn takes_with_defaults(&self, given: usize, ndefaults: usize) -> bool {
        let argcount = self.argcount as usize;
        given <= argcount
            && given + ndefaults >= argcount
            && !(self.varargs | self.varkw | self.is_generator | self.is_async)
            && self.kwonly == 0
            && self.cellvars.is_empty()
            && self.freevars.is_empty()
    }

    /// True when a call with `given` positional arguments and no keywords binds them to the
    /// first `given` local slots as they are, the parameters after them taking the last of
    /// the function's `ndefaults` default values (no `*args`, `**kwargs` or keyword-only
    /// parameters to fill): the common case a call can take without the general binding.
    pub fn binds_positionally(&self, given: usize, ndefaults: usize) -> bool {
        let argcount = self.argcount as usize;
        given <= argcount
            && given + ndefaults >= argcount
            && !self.varargs
            && !self.varkw
            && self.kwonly == 0
    }
}

/// Parses and compiles a module.
pub fn compile_module<C: Constants>(
    values: &C,
    source: &str,
    filename: &str,
) -> Result<Rc<Code<C::Value>>, SyntaxError> {
    module_code(values, source, filename, false)
}

/// Parses and compiles source for `exec` or `compile(..., 'exec')`: a module body whose
/// names are looked up as CPython's LOAD_NAME does, in the locals it is run with first.
pub fn compile_exec<C: Constants>(
    values: &C,
    source: &str,
    filename: &str,
) -> Result<Rc<Code<C::Value>>, SyntaxError> {
    module_code(values, source, filename, true)
}

/// A module's code; `in_namespace`: its names are looked up in its frame's namespace.
fn module_code<C: Constants>(
    values: &C,
    source: &str,
    filename: &str,
    in_namespace: bool,
) -> Result<Rc<Code<C::Value>>, SyntaxError> {
    let lines = ruff_source_file::LineIndex::from_source_text(source);
    let parsed = ruff_python_parser::parse_module(source).map_err(|e| {
        syntax_error::from_parse_error(&lines, source, ruff_python_parser::Mode::Module, &e)
    })?;
    if let Some(error) = syntax_error::check_indentation(&lines, source, parsed.tokens()) {
        return Err(error);
    }
    let mut module = parsed.into_syntax();
    let def_names = mangle::mangle_private_names(&mut module.body);
    let mut scopes = scope::analyze_module(&module.body)
        .map_err(|(message, range)| SyntaxError::over(message, &lines, source, range))?;
    scopes.scopes[0].names_in_namespace = in_namespace;
    let features = future::features(&module.body).map_err(|(message, stmt)| {
        SyntaxError::over(message, &lines, source, ruff_text_size::Ranged::range(stmt))
    })?;
    let unit = codegen::Source {
        text: source,
        lines: &lines,
        filename: filename.into(),
        features,
        def_names,
    };
    codegen::compile_module(values, &module.body, &scopes, unit, false)
}

/// Compiles one expression (`eval`): the code returns its value; its names are looked up in
/// the locals it is run with first.
pub fn compile_expression<C: Constants>(
    values: &C,
    source: &str,
    filename: &str,
) -> Result<Rc<Code<C::Value>>, SyntaxError> {
    // parsed without its leading blanks, so every range and line below is into `source`
    // trimmed
    let source = source.trim_start();
    let lines = ruff_source_file::LineIndex::from_source_text(source);
    let parsed = ruff_python_parser::parse_expression(source).map_err(|e| {
        syntax_error::from_parse_error(&lines, source, ruff_python_parser::Mode::Expression, &e)
    })?;
    let expression = parsed.into_syntax().body;
    // the body of a module holding only the expression, compiled to return its value
    let body = [ruff_python_ast::Stmt::Expr(ruff_python_ast::StmtExpr {
        node_index: Default::default(),
        range: ruff_text_size::Ranged::range(&*expression),
        value: expression,
    })];
    let mut scopes = scope::analyze_module(&body)
        .map_err(|(message, range)| SyntaxError::over(message, &lines, source, range))?;
    scopes.scopes[0].names_in_namespace = true;
    let unit = codegen::Source {
        text: source,
        lines: &lines,
        filename: filename.into(),
        features: future::Features::default(),
        def_names: Default::default(),
    };
    codegen::compile_module(values, &body, &scopes, unit, true)
}
