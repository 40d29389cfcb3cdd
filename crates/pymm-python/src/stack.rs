//! The interpreter thread's stack: how big it is, and whether deep recursion (of Python
//! calls, comparisons, reprs, compilation) is about to exhaust it, so that it raises
//! RecursionError instead of overflowing.

/// Stack size of the interpreter thread: no Python input can overflow it, since Rust-level
/// recursion is bounded by the recursion limit.
pub const STACK_SIZE: usize = 256 << 20;

/// Stack kept free below the RecursionError point, for the error's own handling.
const STACK_RESERVE: usize = 32 << 20;

thread_local! {
    /// Address near the top of the interpreter thread's stack.
    static STACK_TOP: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Address of a local of the caller's frame: the stack grows down from `STACK_TOP`.
#[inline(never)]
fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// True when the interpreter thread has used all but `STACK_RESERVE` of its stack.
pub fn stack_is_low() -> bool {
    let top = STACK_TOP.with(|t| t.get());
    top != 0 && top.saturating_sub(stack_position()) > STACK_SIZE - STACK_RESERVE
}

/// Marks the calling frame as the top of the interpreter thread's stack.
pub fn mark_top() {
    STACK_TOP.with(|t| t.set(stack_position()));
}
