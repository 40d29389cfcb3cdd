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
mod scope;
mod unicode_error;

pub use mangle::mangled;

use std::rc::Rc;

pub use constants::{parse_int_literal, Constants};
pub use instr::{BinOp, CmpOp, Instr, UnOp};

/// What kind of scope a code object runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
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
    pub caches: cache::InlineCaches,
}

impl<V> Code<V> {
    /// True when a call makes a generator, coroutine or async generator object instead of
    /// running the body.
    #[inline]
    pub fn makes_generator(&self) -> bool {
        self.is_generator || self.is_async
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

/// A syntax error with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Message, as CPython words it when we can.
    pub message: String,
    /// 1-based line.
    pub line: u32,
    /// Where on its line it starts and where it ends, when known.
    pub span: Option<Span>,
}

/// The columns of a syntax error, as CPython's SyntaxError `offset`, `end_lineno` and
/// `end_offset` give them: 1-based, counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// 1-based column of the first character.
    pub offset: u32,
    /// 1-based line of the end.
    pub end_line: u32,
    /// 1-based column just past the last character.
    pub end_offset: u32,
}

impl SyntaxError {
    /// A syntax error over `range` of `source` (whose line index is `lines`).
    pub fn over(
        message: String,
        lines: &ruff_source_file::LineIndex,
        source: &str,
        range: ruff_text_size::TextRange,
    ) -> SyntaxError {
        let start = lines.line_column(range.start(), source);
        let end = lines.line_column(range.end(), source);
        SyntaxError {
            message,
            line: start.line.get() as u32,
            span: Some(Span {
                offset: start.column.get() as u32,
                end_line: end.line.get() as u32,
                end_offset: end.column.get() as u32,
            }),
        }
    }
}

/// CPython's wording for a parse error where it is known; its generic "invalid syntax"
/// otherwise (ruff words most errors differently).
fn cpython_message(error: &ruff_python_parser::ParseErrorType, line: u32) -> String {
    use ruff_python_parser::{LexicalErrorType, ParseErrorType};
    match error {
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            format!("unterminated string literal (detected at line {line})")
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            "unindent does not match any outer indentation level".into()
        }
        ParseErrorType::UnexpectedIndentation => "unexpected indent".into(),
        _ => "invalid syntax".into(),
    }
}

/// The SyntaxError for a parse error as CPython reports it: a generic "invalid syntax" is
/// over the one token where it is found, unless a bracket is still open at the end of the
/// source and the error is past that bracket's line (or at the end): then that bracket
/// "was never closed" (CPython tokenizes the whole source after a generic error).
fn parse_error(
    lines: &ruff_source_file::LineIndex,
    source: &str,
    e: &ruff_python_parser::ParseError,
) -> SyntaxError {
    let line = lines.line_index(e.location.start()).get() as u32;
    let message = cpython_message(&e.error, line);
    let options = ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module);
    let parsed = ruff_python_parser::parse_unchecked(source, options);
    let tokens = parsed.tokens();
    if message == "invalid syntax" {
        if let Some((open, at)) = unclosed_bracket(tokens) {
            let at_end = usize::from(e.location.start()) >= source.trim_end().len();
            if at_end || line > lines.line_index(at).get() as u32 {
                let range = ruff_text_size::TextRange::at(at, 1.into());
                let mut error =
                    SyntaxError::over(format!("'{open}' was never closed"), lines, source, range);
                if let Some(span) = &mut error.span {
                    span.end_offset = 0;
                }
                return error;
            }
        }
    }
    if let ruff_python_parser::ParseErrorType::Lexical(_) = e.error {
        // the tokenizer reports where the bad token starts
        let at = ruff_text_size::TextRange::empty(e.location.start());
        return SyntaxError::over(message, lines, source, at);
    }
    if message != "invalid syntax" {
        return SyntaxError::over(message, lines, source, e.location);
    }
    let token = tokens
        .iter()
        .find(|t| ruff_text_size::Ranged::start(*t) >= e.location.start())
        .map_or(e.location, ruff_text_size::Ranged::range);
    SyntaxError::over(message, lines, source, token)
}

/// The innermost bracket left open at the end of the tokens, and where it is.
fn unclosed_bracket(
    tokens: &ruff_python_ast::token::Tokens,
) -> Option<(char, ruff_text_size::TextSize)> {
    use ruff_python_ast::token::TokenKind;
    let mut open = Vec::new();
    for token in tokens.iter() {
        let at = ruff_text_size::Ranged::start(token);
        match token.kind() {
            TokenKind::Lpar => open.push(('(', at)),
            TokenKind::Lsqb => open.push(('[', at)),
            TokenKind::Lbrace => open.push(('{', at)),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// Parses and compiles a module.
pub fn compile_module<C: Constants>(
    values: &C,
    source: &str,
    filename: &str,
) -> Result<Rc<Code<C::Value>>, SyntaxError> {
    let lines = ruff_source_file::LineIndex::from_source_text(source);
    let parsed =
        ruff_python_parser::parse_module(source).map_err(|e| parse_error(&lines, source, &e))?;
    let mut module = parsed.into_syntax();
    let def_names = mangle::mangle_private_names(&mut module.body);
    let scopes = scope::analyze_module(&module.body).map_err(|(message, offset)| {
        SyntaxError::over(
            message,
            &lines,
            source,
            ruff_text_size::TextRange::empty(offset),
        )
    })?;
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

/// Compiles one expression (`eval`): the code returns its value.
pub fn compile_expression<C: Constants>(
    values: &C,
    source: &str,
    filename: &str,
) -> Result<Rc<Code<C::Value>>, SyntaxError> {
    // parsed without its leading blanks, so every range and line below is into `source`
    // trimmed
    let source = source.trim_start();
    let lines = ruff_source_file::LineIndex::from_source_text(source);
    let parsed = ruff_python_parser::parse_expression(source)
        .map_err(|e| parse_error(&lines, source, &e))?;
    let expression = parsed.into_syntax().body;
    // the body of a module holding only the expression, compiled to return its value
    let body = [ruff_python_ast::Stmt::Expr(ruff_python_ast::StmtExpr {
        node_index: Default::default(),
        range: ruff_text_size::Ranged::range(&*expression),
        value: expression,
    })];
    let scopes = scope::analyze_module(&body).map_err(|(message, offset)| {
        SyntaxError::over(
            message,
            &lines,
            source,
            ruff_text_size::TextRange::empty(offset),
        )
    })?;
    let unit = codegen::Source {
        text: source,
        lines: &lines,
        filename: filename.into(),
        features: future::Features::default(),
        def_names: Default::default(),
    };
    codegen::compile_module(values, &body, &scopes, unit, true)
}
