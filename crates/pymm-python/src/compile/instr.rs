//! The bytecode: one enum, 8 bytes per instruction, arguments inline.

/// Binary operators (also used in place for augmented assignment).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

/// Rich comparisons.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

/// Unary operators.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnOp {
    Neg,
    Pos,
    Invert,
    Not,
}

/// One instruction.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Instr {
    Nop,
    PopTop,
    DupTop,
    DupTopTwo,
    RotTwo,
    RotThree,
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Pushes the cell itself (to build a closure).
    LoadClosure(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Pushes (method, self) or (attribute, NULL).
    LoadMethod(u32),
    LoadSubscr,
    StoreSubscr,
    DeleteSubscr,
    Binary(BinOp),
    Inplace(BinOp),
    Unary(UnOp),
    Compare(CmpOp),
    /// `is` (false) / `is not` (true).
    Is(bool),
    /// `in` (false) / `not in` (true).
    Contains(bool),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Pushes the next item, or pops the iterator and jumps when exhausted.
    ForIter(u32),
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    /// Builds a dict from 2n stacked values (key, value, ...).
    BuildMap(u32),
    /// Builds a slice from 2 or 3 values.
    BuildSlice(u32),
    /// Concatenates n strs.
    BuildString(u32),
    /// Appends TOS to the list n deep (below TOS), for comprehensions.
    ListAppend(u32),
    SetAdd(u32),
    /// Adds key (TOS1) and value (TOS) to the dict n deep.
    MapAdd(u32),
    /// Extends the list n deep with the iterable on TOS.
    ListExtend(u32),
    /// Updates the dict n deep with the mapping on TOS.
    DictUpdate(u32),
    ListToTuple,
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
    Return,
    Yield,
    /// Delegates to the sub-iterator below TOS (TOS is the value to send).
    YieldFrom,
    GetYieldFromIter,
    SetupExcept(u32),
    SetupFinally(u32),
    PopBlock,
    /// Ends an except handler: pops its block and the handled exception.
    PopExcept,
    /// Re-raises the exception on TOS (end of a finally, or no handler matched).
    Reraise,
    /// `raise` with 0 (re-raise), 1 (exc) or 2 (exc from cause) operands.
    Raise(u8),
    /// TOS1 is an exception, TOS a class or tuple: pops TOS, pushes bool.
    CheckExcMatch,
    /// Calls `__enter__`, pushes the bound `__exit__`, sets up a handler at the target, then
    /// pushes the result.
    BeforeWith(u32),
    /// In a with's exception handler: calls `__exit__` with the exception; re-raises unless
    /// it returns true.
    WithExcept,
    /// Calls `__exit__(None, None, None)` (TOS) and pops the result.
    WithExit,
    ImportName(u32),
    ImportFrom(u32),
    /// Builds a class: [function, name, base?] -> class; the flag says a base is present.
    BuildClass(bool),
    LoadAssertionError,
    /// Pushes a new empty dict for a class body namespace (internal).
    LoadLocals,
}
