//! The bytecode: one enum, 8 bytes per instruction, arguments inline.

use ruff_python_ast as ast;
use serde::{Deserialize, Serialize};

/// Binary operators (also used in place for augmented assignment).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `@`
    MatMul,
    /// `/`
    TrueDiv,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
}

/// The parser's operator as ours: statements (augmented assignment) and expressions both
/// compile one.
impl From<ast::Operator> for BinOp {
    fn from(op: ast::Operator) -> Self {
        use ast::Operator as O;
        match op {
            O::Add => BinOp::Add,
            O::Sub => BinOp::Sub,
            O::Mult => BinOp::Mul,
            O::MatMult => BinOp::MatMul,
            O::Div => BinOp::TrueDiv,
            O::Mod => BinOp::Mod,
            O::Pow => BinOp::Pow,
            O::LShift => BinOp::LShift,
            O::RShift => BinOp::RShift,
            O::BitOr => BinOp::Or,
            O::BitXor => BinOp::Xor,
            O::BitAnd => BinOp::And,
            O::FloorDiv => BinOp::FloorDiv,
        }
    }
}

/// Rich comparisons.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// Whether `a <op> b` holds when `a` and `b` are ordered `ord`.
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Lt => ord == Less,
            CmpOp::Le => ord != Greater,
            CmpOp::Eq => ord == Equal,
            CmpOp::Ne => ord != Equal,
            CmpOp::Gt => ord == Greater,
            CmpOp::Ge => ord != Less,
        }
    }
}

/// Unary operators.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `~x`
    Invert,
    /// `not x`
    Not,
}

/// One instruction.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub enum Instr {
    /// Does nothing.
    Nop,
    /// Drops TOS.
    PopTop,
    /// Pushes TOS again.
    DupTop,
    /// Pushes TOS1 and TOS again.
    DupTopTwo,
    /// Swaps TOS and TOS1.
    RotTwo,
    /// Moves TOS below the next two.
    RotThree,
    /// Pushes constant n.
    LoadConst(u32),
    /// Pushes local slot n.
    LoadFast(u32),
    /// Pops into local slot n.
    StoreFast(u32),
    /// Empties local slot n.
    DeleteFast(u32),
    /// Pushes the content of cell n.
    LoadDeref(u32),
    /// Pops into cell n.
    StoreDeref(u32),
    /// Empties cell n.
    DeleteDeref(u32),
    /// Pushes the cell itself (to build a closure).
    LoadClosure(u32),
    /// Pushes global (or builtin) names[n].
    LoadGlobal(u32),
    /// Pops into global names[n].
    StoreGlobal(u32),
    /// Deletes global names[n].
    DeleteGlobal(u32),
    /// Pushes names[n] from the class namespace, globals or builtins.
    LoadName(u32),
    /// Pops into names[n] of the class namespace.
    StoreName(u32),
    /// Deletes names[n] from the class namespace.
    DeleteName(u32),
    /// Replaces TOS with its attribute names[n].
    LoadAttr(u32),
    /// `TOS.names[n] = TOS1`.
    StoreAttr(u32),
    /// `del TOS.names[n]`.
    DeleteAttr(u32),
    /// Pushes (method, self) or (attribute, NULL).
    LoadMethod(u32),
    /// `super().names[n]`: pops [super, `__class__`, first argument] (CPython 3.12's
    /// `LOAD_SUPER_ATTR`), pushes the attribute.
    LoadSuperAttr(u32),
    /// `super().names[n](...)`: pops as `LoadSuperAttr`, pushes as `LoadMethod`.
    LoadSuperMethod(u32),
    /// `TOS1[TOS]`.
    LoadSubscr,
    /// `TOS1[TOS] = TOS2`.
    StoreSubscr,
    /// `del TOS1[TOS]`.
    DeleteSubscr,
    /// A binary operator.
    Binary(BinOp),
    /// An augmented assignment operator.
    Inplace(BinOp),
    /// A unary operator.
    Unary(UnOp),
    /// A rich comparison.
    Compare(CmpOp),
    /// `is` (false) / `is not` (true).
    Is(bool),
    /// `in` (false) / `not in` (true).
    Contains(bool),
    /// Jumps to the target.
    Jump(u32),
    /// Pops TOS; jumps if it is false.
    PopJumpIfFalse(u32),
    /// Pops TOS; jumps if it is true.
    PopJumpIfTrue(u32),
    /// Jumps keeping TOS if false, else pops it.
    JumpIfFalseOrPop(u32),
    /// Jumps keeping TOS if true, else pops it.
    JumpIfTrueOrPop(u32),
    /// Replaces TOS with `iter(TOS)`.
    GetIter,
    /// Pushes the next item, or pops the iterator and jumps when exhausted.
    ForIter(u32),
    /// Builds a tuple from n values.
    BuildTuple(u32),
    /// Builds a list from n values.
    BuildList(u32),
    /// Builds a set from n values.
    BuildSet(u32),
    /// Builds a dict from 2n stacked values (key, value, ...).
    BuildMap(u32),
    /// Builds a slice from 2 or 3 values.
    BuildSlice(u32),
    /// Concatenates n strs.
    BuildString(u32),
    /// Appends TOS to the list n deep (below TOS), for comprehensions.
    ListAppend(u32),
    /// Builds a set from n constants the way CPython 3.11 does for a constant display: a
    /// frozenset constant (made twice, as its constant merging does), merged into a new set.
    BuildConstSet(u32),
    /// Adds TOS to the set n deep (below TOS), for comprehensions.
    SetAdd(u32),
    /// Adds key (TOS1) and value (TOS) to the dict n deep.
    MapAdd(u32),
    /// Extends the list n deep with the iterable on TOS.
    ListExtend(u32),
    /// Updates the dict n deep with the mapping on TOS.
    DictUpdate(u32),
    /// Replaces the list on TOS with a tuple.
    ListToTuple,
    /// Unpacks TOS into n values (first on top).
    UnpackSequence(u32),
    /// Unpacks with a starred target: (count before, count after).
    UnpackEx(u16, u16),
    /// Formats TOS (with a format spec below it when `has_spec`): conversion 0/s/r/a.
    FormatValue(u8, bool),
    /// Calls with n positional arguments: [callable, NULL-or-self?...] see `CallMethod`.
    Call(u32),
    /// Calls with n arguments after [method, self-or-NULL].
    CallMethod(u32),
    /// Like `Call`, with a tuple of keyword names on top; the last names.len() args are keywords.
    CallKw(u32),
    /// Calls with a tuple of positionals (and a dict of keywords when the flag is set).
    CallEx(bool),
    /// Makes a function from code `codes[n]`; flags: 1 defaults, 2 kwdefaults, 8 closure.
    MakeFunction(u32, u8),
    /// Returns TOS from the frame.
    Return,
    /// Yields TOS from a generator frame.
    Yield,
    /// Delegates to the sub-iterator below TOS (TOS is the value to send).
    YieldFrom,
    /// Prepares the sub-iterator of `yield from`.
    GetYieldFromIter,
    /// Starts a try block whose except handlers are at the target.
    SetupExcept(u32),
    /// Starts a try block whose finally handler is at the target.
    SetupFinally(u32),
    /// Ends the innermost try block.
    PopBlock,
    /// Ends an except handler: pops its block and the handled exception.
    PopExcept,
    /// Re-raises the exception on TOS (end of a finally, or no handler matched).
    Reraise,
    /// `raise` with 0 (re-raise), 1 (exc) or 2 (exc from cause) operands.
    Raise(u8),
    /// TOS1 is an exception, TOS a class or tuple: pops TOS, pushes bool.
    CheckExcMatch,
    /// `except* T`: TOS1 is the exception group left unhandled (or None), TOS the class or
    /// tuple. Pops TOS; when part of TOS1 matches, replaces TOS1 by the rest, pushes the
    /// matching part and makes it the handled exception, else jumps to the target.
    CheckEgMatch(u32),
    /// The end of a `try`/`except*`: TOS1 is the exception caught, TOS the list of what
    /// the handlers raised and the rest. Pops both; pushes the exception to re-raise, or
    /// jumps to the target when there is none.
    PrepReraiseStar(u32),
    /// Calls `__enter__`, pushes the bound `__exit__`, sets up a handler at the target, then
    /// pushes the result.
    BeforeWith(u32),
    /// In a with's exception handler: calls `__exit__` with the exception; re-raises unless
    /// it returns true.
    WithExcept,
    /// Calls `__exit__(None, None, None)` (TOS) and pops the result.
    WithExit,
    /// Imports module names[n]: [level, fromlist] -> module (as `__import__`).
    ImportName(u32),
    /// `from TOS import *`: pops the module, stores its public names in the namespace.
    ImportStar,
    /// Pushes attribute names[n] of the module on TOS.
    ImportFrom(u32),
    /// Builds a class: [function, name, base...] -> class; the count of bases.
    BuildClass(u32),
    /// Like `BuildClass`, with a dict of the class keywords (`metaclass=`, and what
    /// `__init_subclass__` receives) on top: [function, name, base..., keywords] -> class.
    BuildClassWithKeywords(u32),
    /// A class statement with starred bases or `**` keywords: [function, name, tuple of
    /// bases, dict of keywords if the flag is set] -> class.
    BuildClassEx(bool),
    /// Pushes AssertionError.
    LoadAssertionError,
    /// Pushes a new empty dict for a class body namespace (internal).
    LoadLocals,
    /// `case [p1, ..., pn]` (with a starred pattern when the flag is 1): pushes whether TOS,
    /// kept, is a sequence of a length that fits n sub-patterns.
    MatchSequence(u16, u16),
    /// `case {k1: p1, ..., kn: pn, **rest}`: [subject, keys tuple] -> [values tuple], or with
    /// the flag [rest dict, values tuple]; None in their place when the subject does not match.
    MatchMapping(u16, u16),
    /// `case C(p1, ..., pn, a=q1, ...)`: [subject, class, keyword names tuple] -> the tuple of
    /// the n positional and then the keyword attributes, or None when the subject does not match.
    MatchClass(u32),
    /// Replaces TOS with the iterator `await` drives: a coroutine as it is, else what
    /// `__await__` returns. The flag words the error: 0 `await`, 1 `__aenter__`, 2 `__aexit__`.
    GetAwaitable(u8),
    /// `async for`: replaces TOS with `TOS.__aiter__()`.
    GetAIter,
    /// `async for`: pushes the awaitable of `TOS.__anext__()`, keeping the async iterator.
    GetANext,
    /// The end of an `async for`: [aiter, exc] in a handler; StopAsyncIteration ends the loop
    /// (pops both and the handler), anything else is re-raised.
    EndAsyncFor,
    /// `async with`: [ctx] -> [bound `__aexit__`, `__aenter__()`'s awaitable].
    BeforeAsyncWith,
    /// `async with`, once `__aenter__` is awaited: a handler at the target for the body, below
    /// the entered value on TOS.
    SetupAsyncWith(u32),
    /// In an `async with`'s handler: [aexit, exc] -> [exc, awaitable of `__aexit__(type, exc,
    /// tb)`].
    AsyncWithExceptCall,
    /// After awaiting `__aexit__` in the handler: [exc, result]; ends the handler, re-raising
    /// unless the result is true.
    AsyncWithExceptEnd,
}
