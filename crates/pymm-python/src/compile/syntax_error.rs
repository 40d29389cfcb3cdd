//! Syntax errors as CPython 3.11 reports them: its words and its carets.
//!
//! ruff's parser finds an error; CPython's words for it come from its PEG grammar's
//! `invalid_*` rules (tried in a second pass after a failed parse) and from its tokenizer,
//! which raises before the parser sees a bad token. `from_parse_error` maps the one onto the
//! other, with the tokens and the recovered tree of the same source at hand:
//!
//! - tokenizer errors first: inconsistent tabs, and a closing bracket that does not match,
//!   or matches nothing, at or before ruff's error (CPython's tokenizer stops there);
//! - then ruff's error, worded as the grammar rule that catches the same mistake words it
//!   ("cannot assign to function call here. Maybe you meant '==' instead of '='?",
//!   "expected ':'", "Perhaps you forgot a comma?", "Missing parentheses in call to
//!   'print'", ...), over the span that rule gives;
//! - anything else is CPython's generic "invalid syntax" over the token where the parse
//!   failed;
//! - and, as CPython tokenizes the rest of the source after a parser error, a bracket
//!   opened on a line before the error and never closed replaces it: "'(' was never closed".
//!
//! `check_indentation` is CPython's tokenizer check of indentation (tabs counted to 8
//! columns and to 1 must agree), which a program fails even when it would parse.

use ruff_python_ast::token::{Token, TokenKind, Tokens};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Mod};
use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, Mode, ParseError, ParseErrorType, ParseOptions,
};
use ruff_source_file::LineIndex;
use ruff_text_size::{Ranged, TextRange, TextSize};

/// Which class of SyntaxError CPython raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError` (a SyntaxError).
    Indentation,
    /// `TabError` (an IndentationError).
    Tab,
}

/// A syntax error with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// SyntaxError, IndentationError or TabError.
    pub kind: ErrorKind,
    /// Message, as CPython words it.
    pub message: String,
    /// 1-based line.
    pub line: u32,
    /// Where on its line it starts and where it ends, when known.
    pub span: Option<Span>,
}

/// The columns of a syntax error, as CPython's SyntaxError `offset`, `end_lineno` and
/// `end_offset` give them: 1-based, counted in characters. CPython gives an `offset` of 0
/// (no caret) for an error at the end of a file, an `end_offset` of 0 for one that only
/// has a start, and of -1 for the indentation errors of its tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// 1-based column of the first character.
    pub offset: u32,
    /// 1-based line of the end.
    pub end_line: u32,
    /// 1-based column just past the last character.
    pub end_offset: i32,
}

impl SyntaxError {
    /// A syntax error over `range` of `source` (whose line index is `lines`).
    pub fn over(
        message: impl Into<String>,
        lines: &LineIndex,
        source: &str,
        range: TextRange,
    ) -> SyntaxError {
        let start = lines.line_column(range.start(), source);
        let end = lines.line_column(range.end(), source);
        SyntaxError {
            kind: ErrorKind::Syntax,
            message: message.into(),
            line: start.line.get() as u32,
            span: Some(Span {
                offset: start.column.get() as u32,
                end_line: end.line.get() as u32,
                end_offset: end.column.get() as i32,
            }),
        }
    }

    /// A syntax error CPython's tokenizer places at one column: `offset` and `end_offset`
    /// both that column.
    fn at(message: impl Into<String>, lines: &LineIndex, source: &str, at: TextSize) -> Self {
        SyntaxError::over(message, lines, source, TextRange::empty(at))
    }

    fn of_kind(mut self, kind: ErrorKind) -> SyntaxError {
        self.kind = kind;
        self
    }

    /// Sets the end column as CPython gives it for this kind of error (see [`Span`]).
    fn ending(mut self, end_offset: i32) -> SyntaxError {
        if let Some(span) = &mut self.span {
            span.end_line = self.line;
            span.end_offset = end_offset;
        }
        self
    }

    /// Moves the error's first column by `by`.
    fn shifted(mut self, by: i32) -> SyntaxError {
        if let Some(span) = &mut self.span {
            span.offset = span.offset.saturating_add_signed(by);
        }
        self
    }

    /// At the end of a file CPython's file parser gives no column.
    fn at_end_of_file(mut self) -> SyntaxError {
        if let Some(span) = &mut self.span {
            span.offset = 0;
        }
        self.ending(-1)
    }
}

/// The SyntaxError CPython raises for the source in which ruff found `error`.
pub(super) fn from_parse_error(
    lines: &LineIndex,
    source: &str,
    mode: Mode,
    error: &ParseError,
) -> SyntaxError {
    let parsed = ruff_python_parser::parse_unchecked(source, ParseOptions::from(mode));
    let cx = Context {
        lines,
        source,
        tokens: parsed.tokens(),
        tree: parsed.syntax(),
    };
    if let Some(err) = check_indentation(lines, source, cx.tokens) {
        if err.line <= cx.line_of(error.location.start()) {
            return err;
        }
    }
    if let Some(err) = cx.bracket_error(error.location.start()) {
        return err;
    }
    match cx.describe(error) {
        Some(err) if is_tokenizer_error(&error.error) => err,
        Some(err) => {
            // the rule's span may start on a line before the one where the parse failed
            let line = err.line.max(cx.line_of(error.location.start()));
            cx.never_closed(line, false).unwrap_or(err)
        }
        None => cx.invalid_syntax(error.location),
    }
}

/// Errors CPython's tokenizer raises itself: no later check of the source replaces them.
fn is_tokenizer_error(error: &ParseErrorType) -> bool {
    matches!(
        error,
        ParseErrorType::Lexical(_)
            | ParseErrorType::FStringError(_)
            | ParseErrorType::UnexpectedIndentation
    )
}

/// What the mapping reads: the source, its tokens and its recovered tree.
struct Context<'a> {
    lines: &'a LineIndex,
    source: &'a str,
    tokens: &'a Tokens,
    tree: &'a Mod,
}

/// The grammar rules' names of expressions (CPython's `_PyPegen_get_expr_name`).
pub fn expr_name(expr: &Expr) -> &'static str {
    match expr {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) if b.value => "True",
        Expr::BooleanLiteral(_) => "False",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        _ => "expression",
    }
}

impl Context<'_> {
    fn error(&self, message: impl Into<String>, range: TextRange) -> SyntaxError {
        SyntaxError::over(message, self.lines, self.source, range)
    }

    fn error_at(&self, message: impl Into<String>, at: TextSize) -> SyntaxError {
        SyntaxError::at(message, self.lines, self.source, at)
    }

    /// The tokens that end at or before `at` (ruff's own `Tokens::before` panics on an
    /// offset inside a token).
    fn before(&self, at: TextSize) -> &[Token] {
        let count = self.tokens.partition_point(|t| t.end() <= at);
        &self.tokens[..count]
    }

    /// The tokens that start at or after `at`.
    fn after(&self, at: TextSize) -> &[Token] {
        let skipped = self.tokens.partition_point(|t| t.start() < at);
        &self.tokens[skipped..]
    }

    fn line_of(&self, at: TextSize) -> u32 {
        self.lines.line_index(at).get() as u32
    }

    /// CPython's generic error: "invalid syntax" over the token where the parse failed
    /// (unless a bracket is never closed, see [`Context::never_closed`]).
    fn invalid_syntax(&self, location: TextRange) -> SyntaxError {
        let at_end = usize::from(location.start()) >= self.source.trim_end().len();
        if let Some(err) = self.never_closed(self.line_of(location.start()), at_end) {
            return err;
        }
        let token = self
            .after(location.start())
            .first()
            .map_or(location, Ranged::range);
        self.error("invalid syntax", token)
    }

    /// "'(' was never closed" for a bracket still open at the end of the source, when the
    /// error found is on a later line than the bracket (or at the end): after an error,
    /// CPython tokenizes the rest of the source, and that error replaces the parser's.
    fn never_closed(&self, error_line: u32, at_end: bool) -> Option<SyntaxError> {
        let (open, at) = self.unclosed_bracket()?;
        (at_end || error_line > self.line_of(at)).then(|| {
            self.error_at(format!("'{open}' was never closed"), at)
                .ending(0)
        })
    }

    /// The innermost bracket left open at the end of the tokens, and where it is.
    fn unclosed_bracket(&self) -> Option<(char, TextSize)> {
        open_brackets(self.tokens).pop()
    }

    /// A closing bracket at or before `limit` that matches no open bracket or another kind:
    /// CPython's tokenizer raises there.
    fn bracket_error(&self, limit: TextSize) -> Option<SyntaxError> {
        let mut open: Vec<(char, TextSize)> = Vec::new();
        for token in self.tokens.iter().take_while(|t| t.start() <= limit) {
            if let Some(c) = opening(token.kind()) {
                open.push((c, token.start()));
                continue;
            }
            let Some(close) = closing(token.kind()) else {
                continue;
            };
            let message = match open.pop() {
                None => format!("unmatched '{close}'"),
                Some((c, _)) if matches!((c, close), ('(', ')') | ('[', ']') | ('{', '}')) => {
                    continue
                }
                Some((c, at)) if self.line_of(at) != self.line_of(token.start()) => format!(
                    "closing parenthesis '{close}' does not match opening parenthesis '{c}' on line {}",
                    self.line_of(at)
                ),
                Some((c, _)) => format!(
                    "closing parenthesis '{close}' does not match opening parenthesis '{c}'"
                ),
            };
            return Some(self.error_at(message, token.start()));
        }
        None
    }

    /// CPython's words for ruff's error, when a rule of its grammar or tokenizer has them.
    fn describe(&self, error: &ParseError) -> Option<SyntaxError> {
        let at = error.location;
        match &error.error {
            ParseErrorType::Lexical(lexical) => self.lexical(lexical, at),
            ParseErrorType::FStringError(e) => self.fstring(e, at),
            ParseErrorType::UnexpectedIndentation => Some(
                // the column of the indentation's last character, no caret
                self.error_at("unexpected indent", at.end())
                    .of_kind(ErrorKind::Indentation)
                    .shifted(-1)
                    .ending(-1),
            ),
            ParseErrorType::InvalidAssignmentTarget => self.assignment_target(at),
            ParseErrorType::InvalidNamedAssignmentTarget => {
                let name = expr_name(self.expr_at(at)?);
                let message = format!("cannot use assignment expressions with {name}");
                Some(self.error(message, at))
            }
            ParseErrorType::InvalidAugmentedAssignmentTarget => {
                let name = expr_name(self.expr_at(at)?);
                let message = format!("'{name}' is an illegal expression for augmented assignment");
                Some(self.error(message, at))
            }
            ParseErrorType::InvalidAnnotatedAssignmentTarget => {
                let message = match self.expr_at(at)? {
                    Expr::Tuple(_) => "only single target (not tuple) can be annotated",
                    Expr::List(_) => "only single target (not list) can be annotated",
                    _ => "illegal target for annotation",
                };
                Some(self.error(message, at))
            }
            ParseErrorType::InvalidDeleteTarget => {
                let name = expr_name(self.expr_at(at)?);
                Some(self.error(format!("cannot delete {name}"), at))
            }
            ParseErrorType::PositionalAfterKeywordArgument => Some(self.error(
                "positional argument follows keyword argument",
                self.call_end(at),
            )),
            ParseErrorType::PositionalAfterKeywordUnpacking => Some(self.error(
                "positional argument follows keyword argument unpacking",
                self.call_end(at),
            )),
            ParseErrorType::InvalidArgumentUnpackingOrder => Some(self.error(
                "iterable argument unpacking follows keyword argument unpacking",
                TextRange::at(at.start(), 1.into()),
            )),
            ParseErrorType::NonDefaultParamAfterDefaultParam => {
                Some(self.error("non-default argument follows default argument", at))
            }
            ParseErrorType::ParamAfterVarKeywordParam => {
                Some(self.error("arguments cannot follow var-keyword argument", at))
            }
            ParseErrorType::ExpectedKeywordParam => {
                let star = self.token_before(at.end(), |k| k == TokenKind::Star)?;
                Some(self.error("named arguments must follow bare *", star.range()))
            }
            ParseErrorType::UnparenthesizedGeneratorExpression => {
                Some(self.error("Generator expression must be parenthesized", at))
            }
            ParseErrorType::SimpleStatementsOnSameLine => self.two_statements(at),
            ParseErrorType::ExpectedToken { expected, found } => {
                self.expected_token(*expected, *found, at)
            }
            ParseErrorType::ExpectedExpression => self.expected_expression(at),
            ParseErrorType::OtherError(message) => self.other(message, at),
            _ => None,
        }
    }

    fn lexical(&self, error: &LexicalErrorType, at: TextRange) -> Option<SyntaxError> {
        match error {
            LexicalErrorType::UnclosedStringError => {
                let quotes = &self.source[at.start().into()..];
                let quotes = quotes.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                let triple = quotes.starts_with("'''") || quotes.starts_with("\"\"\"");
                let (what, detected) = if triple {
                    ("triple-quoted string literal", self.last_line())
                } else {
                    ("string literal", self.line_of(at.start()))
                };
                let message = format!("unterminated {what} (detected at line {detected})");
                Some(self.error_at(message, at.start()))
            }
            LexicalErrorType::IndentationError => Some(
                self.error_at(
                    "unindent does not match any outer indentation level",
                    self.line_end(at.start()),
                )
                .of_kind(ErrorKind::Indentation)
                .ending(-1),
            ),
            LexicalErrorType::UnrecognizedToken { tok } if !tok.is_ascii() => {
                let code = u32::from(*tok);
                let message = if is_printable(*tok) {
                    format!("invalid character '{tok}' (U+{code:04X})")
                } else {
                    format!("invalid non-printable character U+{code:04X}")
                };
                Some(self.error_at(message, at.start()))
            }
            LexicalErrorType::LineContinuationError => Some(
                self.error_at(
                    "unexpected character after line continuation character",
                    at.end(),
                )
                .ending(0),
            ),
            LexicalErrorType::FStringError(e) => self.fstring(e, at),
            LexicalErrorType::OtherError(message) if message.starts_with("ParseIntError") => {
                self.bad_radix_literal(at)
            }
            LexicalErrorType::OtherError(message)
                if message.starts_with("Invalid decimal integer literal") =>
            {
                let digits = &self.source[at.start().into()..at.end().into()];
                let zeros = digits.bytes().take_while(|b| *b == b'0').count().max(1);
                let message = "leading zeros in decimal integer literals are not permitted; \
                               use an 0o prefix for octal integers";
                Some(self.error(message, TextRange::at(at.start(), (zeros as u32).into())))
            }
            _ => None,
        }
    }

    /// A `0b`, `0o` or `0x` literal without digits, or with a digit its base lacks.
    fn bad_radix_literal(&self, at: TextRange) -> Option<SyntaxError> {
        let text = &self.source[at.start().into()..];
        let kind = match text.as_bytes().get(1)?.to_ascii_lowercase() {
            b'b' => "binary",
            b'o' => "octal",
            b'x' => "hexadecimal",
            _ => return None,
        };
        let after = &self.source[at.end().into()..];
        match after.chars().next() {
            Some(c) if c.is_ascii_digit() => {
                let message = format!("invalid digit '{c}' in {kind} literal");
                Some(self.error_at(message, at.end()))
            }
            _ => {
                let message = format!("invalid {kind} literal");
                Some(self.error_at(message, at.end() - TextSize::from(1)))
            }
        }
    }

    /// f-string errors, which CPython 3.11 places just past the string.
    fn fstring(&self, error: &InterpolatedStringErrorType, at: TextRange) -> Option<SyntaxError> {
        let message = match error {
            InterpolatedStringErrorType::UnclosedLbrace => "f-string: expecting '}'",
            InterpolatedStringErrorType::SingleRbrace => "f-string: single '}' is not allowed",
            InterpolatedStringErrorType::InvalidConversionFlag => {
                "f-string: invalid conversion character: expected 's', 'r', or 'a'"
            }
            _ => return None,
        };
        Some(self.error_at(message, self.fstring_end(at.start())))
    }

    /// Where the f-string around `at` ends (the end of its line if it does not).
    fn fstring_end(&self, at: TextSize) -> TextSize {
        self.after(at)
            .iter()
            .find(|t| t.kind() == TokenKind::FStringEnd)
            .map_or_else(|| self.line_end(at), Ranged::end)
    }

    /// An assignment to what cannot be assigned. CPython's `invalid_named_expression` rule
    /// adds "here. Maybe you meant '==' instead of '='?" when the target is followed by `=`
    /// inside the statement's first target and is an operand (`bitwise_or`) other than a
    /// list, tuple, generator or `True`/`False`/`None`.
    fn assignment_target(&self, at: TextRange) -> Option<SyntaxError> {
        let target = self.expr_at(at)?;
        let name = expr_name(target);
        // parentheses around the target alone do not change what follows it
        let outer = self.parenthesized(at);
        let before_equal = self.followed_by_equal(outer);
        if matches!(target, Expr::Yield(_) | Expr::YieldFrom(_)) && outer == at && before_equal {
            return Some(self.error("assignment to yield expression not possible", at));
        }
        let looks_like_comparison = before_equal
            && self.in_first_target(outer)
            && is_operand(target)
            && !is_display_or_keyword(target);
        let message = if looks_like_comparison {
            format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
        } else {
            format!("cannot assign to {name}")
        };
        Some(self.error(message, at))
    }

    /// `a = b` where a condition or argument was expected: CPython's
    /// `invalid_named_expression` words it by what is left of the `=`.
    fn stray_equal(&self, equal: TextRange) -> Option<SyntaxError> {
        let left = self.expr_ending_at(equal.start())?;
        if let Expr::Name(name) = left {
            let right_end = self.operand_end(equal.end());
            let message = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
            return Some(self.error(message, TextRange::new(name.start(), right_end)));
        }
        if !is_operand(left) || is_display_or_keyword(left) {
            return None;
        }
        let message = format!(
            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
            expr_name(left)
        );
        Some(self.error(message, left.range()))
    }

    fn expected_token(
        &self,
        expected: TokenKind,
        found: TokenKind,
        at: TextRange,
    ) -> Option<SyntaxError> {
        if found == TokenKind::Equal {
            if let Some(err) = self.stray_equal(at) {
                return Some(err);
            }
        }
        if expected == TokenKind::Comma && is_augmented_assign(found) {
            let start = self.logical_line_start(at.start())?;
            let end = self.token_before(at.start(), |_| true)?.end();
            let message = "'tuple' is an illegal expression for augmented assignment";
            return (start.start() <= end)
                .then(|| self.error(message, TextRange::new(start.start(), end)));
        }
        if expected == TokenKind::Colon && self.innermost_bracket(at.start()) == Some('{') {
            let key = self.operand_start(at.start());
            let message = "':' expected after dictionary key";
            return Some(self.error_at(message, key).ending(0));
        }
        if expected == TokenKind::Else {
            let if_token = self.token_before(at.start(), |k| k == TokenKind::If)?;
            let start = self.operand_start(if_token.start());
            let end = self.token_before(at.start(), |_| true)?.end();
            let message = "expected 'else' after 'if' expression";
            return Some(self.error(message, TextRange::new(start, end)));
        }
        if expected == TokenKind::Colon {
            if found == TokenKind::Newline {
                return Some(self.error_at("expected ':'", at.start()));
            }
            let first = self.logical_line_start(at.start())?;
            if matches!(first.kind(), TokenKind::Def | TokenKind::Async) {
                return Some(self.error("expected ':'", at));
            }
            return None;
        }
        if expected == TokenKind::Comma && starts_operand(found) && self.depth_at(at.start()) > 0 {
            let start = self.operand_start(at.start());
            let end = self.operand_end(at.start());
            let message = "invalid syntax. Perhaps you forgot a comma?";
            return Some(self.error(message, TextRange::new(start, end)));
        }
        None
    }

    /// `print x` and `exec x`, or a number with letters after it.
    fn two_statements(&self, at: TextRange) -> Option<SyntaxError> {
        let before = self.token_before(at.start(), |_| true)?;
        if matches!(
            before.kind(),
            TokenKind::Int | TokenKind::Float | TokenKind::Complex
        ) && before.end() == at.start()
        {
            let what = if before.kind() == TokenKind::Complex {
                "invalid imaginary literal"
            } else {
                "invalid decimal literal"
            };
            // CPython's tokenizer reads underscores as part of the number
            let rest = &self.source[at.start().into()..];
            let underscores = rest.bytes().take_while(|b| *b == b'_').count() as u32;
            let last = before.end() + TextSize::from(underscores) - TextSize::from(1);
            return Some(self.error_at(what, last));
        }
        let first = self.logical_line_start(at.start())?;
        let name = &self.source[first.range()];
        if first.kind() == TokenKind::Name
            && first.range() == before.range()
            && matches!(name, "print" | "exec")
        {
            let end = self.statement_end(at.start());
            let message =
                format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
            return Some(self.error(message, TextRange::new(first.start(), end)));
        }
        None
    }

    fn expected_expression(&self, at: TextRange) -> Option<SyntaxError> {
        let before = self.token_before(at.start(), |_| true)?;
        if before.kind() == TokenKind::Colon && self.innermost_bracket(at.start()) == Some('{') {
            let message = "expression expected after dictionary key and ':'";
            return Some(self.error(message, before.range()));
        }
        let found = self.after(at.start()).first()?;
        if found.kind() == TokenKind::FStringEnd {
            return Some(self.error_at("f-string: expecting '}'", found.end()));
        }
        None
    }

    fn other(&self, message: &str, at: TextRange) -> Option<SyntaxError> {
        if let Some(clause) = message.strip_prefix("Expected an indented block after ") {
            let header = self.logical_line_start(self.header_newline(at))?;
            let message = format!(
                "expected an indented block after {} on line {}",
                cpython_clause(clause),
                self.line_of(header.start())
            );
            return Some(
                self.at_token_or_end(message, at)
                    .of_kind(ErrorKind::Indentation),
            );
        }
        if message.starts_with("Expected `except` or `finally`") {
            return Some(self.at_token_or_end("expected 'except' or 'finally' block", at));
        }
        if let Some(rest) = message.strip_prefix("Only single target") {
            return Some(self.error(format!("only single target{rest}"), at));
        }
        if message == "Expected a parameter name" {
            let equal = self.after(at.end()).first()?;
            if equal.kind() == TokenKind::Equal {
                let message = "expression cannot contain assignment, perhaps you meant \"==\"?";
                return Some(self.error(message, TextRange::new(at.start(), equal.end())));
            }
        }
        None
    }

    /// An error over the token at `at`, or, when the file ends there, at the end of the
    /// last line with no column (CPython's file parser).
    fn at_token_or_end(&self, message: impl Into<String>, at: TextRange) -> SyntaxError {
        let found = self.after(at.start()).iter().find(|t| {
            !t.kind().is_trivia()
                && !matches!(
                    t.kind(),
                    TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
                )
        });
        match found {
            Some(t) if t.kind() != TokenKind::EndOfFile => self.error(message, t.range()),
            _ => {
                let last = self
                    .before(at.start())
                    .iter()
                    .rev()
                    .find(|t| !t.kind().is_trivia() && t.kind() != TokenKind::Dedent)
                    .map_or(at.start(), Ranged::start);
                self.error_at(message, last).at_end_of_file()
            }
        }
    }

    /// The newline ending the header of the block that was expected at `at`.
    fn header_newline(&self, at: TextRange) -> TextSize {
        self.before(at.start())
            .iter()
            .rev()
            .find(|t| t.kind() == TokenKind::Newline)
            .map_or(at.start(), Ranged::start)
    }

    /// The closing parenthesis of the call whose argument is `at`, where CPython places the
    /// errors of its argument order (the argument itself when the call is not closed).
    fn call_end(&self, at: TextRange) -> TextRange {
        let mut walk = BracketWalk::forward();
        self.after(at.start())
            .iter()
            .find(|t| walk.level(t.kind()) == Level::Leaves)
            .map_or(at, |t| t.range())
    }

    /// The first token of the logical line holding `at`.
    fn logical_line_start(&self, at: TextSize) -> Option<&Token> {
        let before = self.before(at);
        let start = before
            .iter()
            .rposition(|t| {
                matches!(
                    t.kind(),
                    TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent | TokenKind::Semi
                )
            })
            .map_or(0, |i| i + 1);
        self.tokens[start..]
            .iter()
            .find(|t| !t.kind().is_trivia() && !matches!(t.kind(), TokenKind::Indent))
    }

    /// The end of the simple statement holding `at`: before its `;` or newline.
    fn statement_end(&self, at: TextSize) -> TextSize {
        let mut end = at;
        for token in self.after(at) {
            if matches!(
                token.kind(),
                TokenKind::Newline | TokenKind::Semi | TokenKind::EndOfFile
            ) {
                break;
            }
            if !token.kind().is_trivia() {
                end = token.end();
            }
        }
        end
    }

    /// The start of the operand that ends just before `at`: back to the `,`, `=`, `:`, open
    /// bracket, statement start or keyword that precedes it at its own depth.
    fn operand_start(&self, at: TextSize) -> TextSize {
        let mut walk = BracketWalk::backward();
        let mut start = at;
        for token in self.before(at).iter().rev() {
            let kind = token.kind();
            if kind.is_trivia() {
                continue;
            }
            match walk.level(kind) {
                Level::Leaves => break,
                Level::Outer if ends_operand_search(kind) => break,
                _ => start = token.start(),
            }
        }
        start
    }

    /// The end of the operand (an expression up to the next `,`, `:`, closing bracket or
    /// end of statement at its own depth) starting at `at`.
    fn operand_end(&self, at: TextSize) -> TextSize {
        let mut walk = BracketWalk::forward();
        let mut end = at;
        for token in self.after(at) {
            let kind = token.kind();
            match walk.level(kind) {
                Level::Leaves => break,
                Level::Outer if ends_operand(kind) => break,
                _ if !kind.is_trivia() => end = token.end(),
                _ => {}
            }
        }
        end
    }

    /// How many brackets are open at `at`.
    fn depth_at(&self, at: TextSize) -> usize {
        open_brackets(self.before(at)).len()
    }

    /// The innermost bracket open at `at`.
    fn innermost_bracket(&self, at: TextSize) -> Option<char> {
        open_brackets(self.before(at)).pop().map(|(c, _)| c)
    }

    /// `range` widened over the parentheses that hold nothing else.
    fn parenthesized(&self, mut range: TextRange) -> TextRange {
        loop {
            let before = self.token_before(range.start(), |_| true);
            let after = self
                .after(range.end())
                .iter()
                .find(|t| !t.kind().is_trivia());
            match (before, after) {
                (Some(open), Some(close))
                    if open.kind() == TokenKind::Lpar && close.kind() == TokenKind::Rpar =>
                {
                    range = TextRange::new(open.start(), close.end());
                }
                _ => return range,
            }
        }
    }

    /// Whether the token after `range` is `=`.
    fn followed_by_equal(&self, range: TextRange) -> bool {
        self.after(range.end())
            .iter()
            .find(|t| !t.kind().is_trivia())
            .is_some_and(|t| t.kind() == TokenKind::Equal)
    }

    /// Whether `range` lies before the first `=` of its statement (outside brackets).
    fn in_first_target(&self, range: TextRange) -> bool {
        let Some(first) = self.logical_line_start(range.start()) else {
            return false;
        };
        let mut walk = BracketWalk::forward();
        for token in self.after(first.start()) {
            if token.start() >= range.end() {
                return true;
            }
            if walk.level(token.kind()) == Level::Outer && token.kind() == TokenKind::Equal {
                return false;
            }
        }
        true
    }

    /// The nearest token before `at` (comments and non-logical newlines skipped) that
    /// `wanted` accepts.
    fn token_before(&self, at: TextSize, wanted: impl Fn(TokenKind) -> bool) -> Option<&Token> {
        self.before(at)
            .iter()
            .rev()
            .filter(|t| !t.kind().is_trivia())
            .find(|t| wanted(t.kind()))
    }

    /// The expression of the recovered tree over exactly `range`.
    fn expr_at(&self, range: TextRange) -> Option<&Expr> {
        self.find_expr(|e| e.range() == range)
    }

    /// The outermost expression of the recovered tree that ends where the token before
    /// `at` ends.
    fn expr_ending_at(&self, at: TextSize) -> Option<&Expr> {
        let end = self.token_before(at, |_| true).map_or(at, Ranged::end);
        self.find_expr(|e| e.end() == end)
    }

    /// The first expression of the recovered tree, outermost first, that `wanted` accepts.
    fn find_expr(&self, wanted: impl Fn(&Expr) -> bool) -> Option<&Expr> {
        let mut finder = ExprFinder {
            wanted,
            found: None,
        };
        match self.tree {
            Mod::Module(module) => finder.visit_body(&module.body),
            Mod::Expression(expression) => finder.visit_expr(&expression.body),
        }
        finder.found
    }

    fn line_end(&self, at: TextSize) -> TextSize {
        let rest = &self.source[at.into()..];
        let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
        at + TextSize::from(len as u32)
    }

    fn last_line(&self) -> u32 {
        self.source.lines().count().max(1) as u32
    }
}

/// Finds the first expression, outermost first, that `wanted` accepts.
struct ExprFinder<'a, F> {
    wanted: F,
    found: Option<&'a Expr>,
}

impl<'a, F: Fn(&Expr) -> bool> Visitor<'a> for ExprFinder<'a, F> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found.is_some() {
            return;
        }
        if (self.wanted)(expr) {
            self.found = Some(expr);
            return;
        }
        visitor::walk_expr(self, expr);
    }
}

/// CPython's names of the clauses whose block is missing, from ruff's.
fn cpython_clause(clause: &str) -> String {
    match clause {
        "function definition" => clause.to_string(),
        "`class` definition" => "class definition".to_string(),
        other => {
            let keyword = other.split('`').nth(1).unwrap_or(other);
            format!("'{keyword}' statement")
        }
    }
}

/// Whether CPython's grammar reads `expr` as a `bitwise_or` (an operand that a comparison
/// could start with), the only left sides its `invalid_named_expression` considers.
fn is_operand(expr: &Expr) -> bool {
    match expr {
        Expr::BoolOp(_)
        | Expr::Compare(_)
        | Expr::Lambda(_)
        | Expr::If(_)
        | Expr::Named(_)
        | Expr::Starred(_) => false,
        Expr::UnaryOp(u) => u.op != ast::UnaryOp::Not,
        _ => true,
    }
}

/// The left sides `invalid_named_expression` leaves to other rules.
fn is_display_or_keyword(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::List(_)
            | Expr::Tuple(_)
            | Expr::Generator(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
    )
}

fn opening(kind: TokenKind) -> Option<char> {
    match kind {
        TokenKind::Lpar => Some('('),
        TokenKind::Lsqb => Some('['),
        TokenKind::Lbrace => Some('{'),
        _ => None,
    }
}

fn closing(kind: TokenKind) -> Option<char> {
    match kind {
        TokenKind::Rpar => Some(')'),
        TokenKind::Rsqb => Some(']'),
        TokenKind::Rbrace => Some('}'),
        _ => None,
    }
}

/// The brackets `tokens` leave open, outermost first, with where each opens.
fn open_brackets(tokens: &[Token]) -> Vec<(char, TextSize)> {
    let mut open = Vec::new();
    for token in tokens {
        if let Some(c) = opening(token.kind()) {
            open.push((c, token.start()));
        } else if closing(token.kind()).is_some() {
            open.pop();
        }
    }
    open
}

/// Where a token sits relative to the brackets a walk over the tokens has passed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Level {
    /// Not a bracket, and at the depth the walk began at.
    Outer,
    /// A bracket the walk matches, or a token inside one.
    Inner,
    /// A bracket closing one opened before the walk began: the walk leaves its group there.
    Leaves,
}

/// Follows the bracket depth along a walk over the tokens, forward or backward (walking
/// backward, a closing bracket opens a group and an opening one closes it).
struct BracketWalk {
    depth: usize,
    backward: bool,
}

impl BracketWalk {
    fn forward() -> Self {
        BracketWalk {
            depth: 0,
            backward: false,
        }
    }

    fn backward() -> Self {
        BracketWalk {
            depth: 0,
            backward: true,
        }
    }

    /// Takes the next token of the walk: its [`Level`].
    fn level(&mut self, kind: TokenKind) -> Level {
        let (mut opens, mut closes) = (opening(kind).is_some(), closing(kind).is_some());
        if self.backward {
            std::mem::swap(&mut opens, &mut closes);
        }
        if opens {
            self.depth += 1;
            Level::Inner
        } else if closes {
            match self.depth.checked_sub(1) {
                Some(depth) => {
                    self.depth = depth;
                    Level::Inner
                }
                None => Level::Leaves,
            }
        } else if self.depth == 0 {
            Level::Outer
        } else {
            Level::Inner
        }
    }
}

/// Tokens that end an operand: searching forward for its end stops there.
fn ends_operand(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Comma
            | TokenKind::Colon
            | TokenKind::Newline
            | TokenKind::Semi
            | TokenKind::EndOfFile
            | TokenKind::Equal
            | TokenKind::For
            | TokenKind::Async
    )
}

/// Tokens that cannot be inside an operand: searching back for its start stops there.
fn ends_operand_search(kind: TokenKind) -> bool {
    is_augmented_assign(kind)
        || matches!(
            kind,
            TokenKind::Comma
                | TokenKind::Equal
                | TokenKind::ColonEqual
                | TokenKind::Colon
                | TokenKind::Semi
                | TokenKind::Newline
                | TokenKind::Indent
                | TokenKind::Dedent
                | TokenKind::Return
                | TokenKind::Yield
                | TokenKind::Assert
                | TokenKind::Del
                | TokenKind::In
                | TokenKind::If
                | TokenKind::Else
                | TokenKind::Elif
                | TokenKind::While
                | TokenKind::For
                | TokenKind::Lambda
                | TokenKind::Import
                | TokenKind::From
                | TokenKind::As
                | TokenKind::With
                | TokenKind::Raise
                | TokenKind::Rarrow
        )
}

fn is_augmented_assign(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::PlusEqual
            | TokenKind::MinusEqual
            | TokenKind::StarEqual
            | TokenKind::SlashEqual
            | TokenKind::DoubleSlashEqual
            | TokenKind::PercentEqual
            | TokenKind::DoubleStarEqual
            | TokenKind::AtEqual
            | TokenKind::AmperEqual
            | TokenKind::VbarEqual
            | TokenKind::CircumflexEqual
            | TokenKind::LeftShiftEqual
            | TokenKind::RightShiftEqual
    )
}

/// Tokens that start an operand: after another operand inside brackets, a missing comma.
fn starts_operand(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::String
            | TokenKind::FStringStart
            | TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::Lbrace
            | TokenKind::None
            | TokenKind::True
            | TokenKind::False
            | TokenKind::Ellipsis
    )
}

/// Whether CPython counts `c` printable (`str.isprintable`): not a control, format or
/// separator character (non-ASCII spaces are separators).
fn is_printable(c: char) -> bool {
    !(c.is_control() || c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{feff}'))
}

/// CPython's tokenizer check of indentation: each logical line's indentation measured with
/// tabs to multiples of 8 columns and with tabs as 1 column must compare the same way with
/// the enclosing blocks' (else TabError), and a dedent must land on an enclosing block's
/// column (else IndentationError). Returns the first error. Sources without tabs pass
/// (ruff's own check is the same for them).
pub(super) fn check_indentation(
    lines: &LineIndex,
    source: &str,
    tokens: &Tokens,
) -> Option<SyntaxError> {
    if !source.contains('\t') {
        return None;
    }
    // (columns with tabs to 8, columns with tabs as 1) of the open blocks
    let mut blocks = vec![(0usize, 0usize)];
    let mut at_line_start = true;
    for token in tokens {
        let kind = token.kind();
        if kind.is_trivia() || matches!(kind, TokenKind::Indent | TokenKind::Dedent) {
            continue;
        }
        if kind == TokenKind::Newline {
            at_line_start = true;
            continue;
        }
        if !std::mem::take(&mut at_line_start) || kind == TokenKind::EndOfFile {
            continue;
        }
        let line_start = lines.line_start(lines.line_index(token.start()), source);
        let line = &source[line_start.into()..];
        let body = line.trim_start_matches([' ', '\t', '\x0c']);
        let (col, alt) = columns(&line[..line.len() - body.len()]);
        let &(top, top_alt) = blocks.last()?;
        let consistent = if col == top {
            alt == top_alt
        } else if col > top {
            blocks.push((col, alt));
            alt > top_alt
        } else {
            while blocks.len() > 1 && col < blocks.last()?.0 {
                blocks.pop();
            }
            let &(top, top_alt) = blocks.last()?;
            if col != top {
                let line_end =
                    line_start + TextSize::from(line.find('\n').unwrap_or(line.len()) as u32);
                let message = "unindent does not match any outer indentation level";
                return Some(
                    SyntaxError::at(message, lines, source, line_end)
                        .of_kind(ErrorKind::Indentation)
                        .ending(-1),
                );
            }
            alt == top_alt
        };
        if !consistent {
            let message = "inconsistent use of tabs and spaces in indentation";
            return Some(
                SyntaxError::at(message, lines, source, line_start)
                    .of_kind(ErrorKind::Tab)
                    .ending(0),
            );
        }
    }
    None
}

/// The columns of an indentation: tabs to the next multiple of 8, and tabs as 1; a form
/// feed resets both (CPython's tokenizer).
fn columns(indent: &str) -> (usize, usize) {
    let (mut col, mut alt) = (0, 0);
    for c in indent.chars() {
        match c {
            '\t' => {
                col = (col / 8 + 1) * 8;
                alt += 1;
            }
            '\x0c' => (col, alt) = (0, 0),
            _ => {
                col += 1;
                alt += 1;
            }
        }
    }
    (col, alt)
}
