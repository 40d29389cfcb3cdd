//! `Debug` for [`Gc`]: the payload's own `Debug`, made safe on cyclic and deep graphs.
//!
//! A derived `Debug` follows handles, so on a cycle it would recurse until the stack
//! overflows, and on a long chain it would recurse as deep as the chain. Like Python's
//! `repr` of a list that contains itself (`[[...]]`), formatting keeps the objects being
//! formatted on a per-thread stack: an object met again inside its own formatting prints
//! `Gc(<cycle>)`, and nesting deeper than [`MAX_DEBUG_DEPTH`] handles prints `Gc(..)`.

use std::cell::RefCell;
use std::fmt;

use crate::handle::gc::Gc;

/// Nested `Gc` formats allowed on one thread before the rest of the chain is elided.
///
/// ```
/// use pymm::{Gc, Trace};
///
/// #[derive(Trace, Debug)]
/// struct Link(Option<Gc<Link>>);
///
/// let mut chain = Gc::new(Link(None));
/// for _ in 0..1000 {
///     chain = Gc::new(Link(Some(chain)));
/// }
/// let text = format!("{chain:?}");
/// assert_eq!(text.matches("Link").count(), pymm::MAX_DEBUG_DEPTH);
/// assert!(text.contains("Link(Some(Gc(..)))"));
/// ```
pub const MAX_DEBUG_DEPTH: usize = 64;

thread_local! {
    /// The objects whose `Debug` is running on this thread, outermost first.
    static FORMATTING: RefCell<Vec<*const ()>> = const { RefCell::new(Vec::new()) };
}

/// Marks one object as being formatted; unmarks it when dropped (even on a panic).
struct Formatting;

impl Drop for Formatting {
    fn drop(&mut self) {
        // Made only while the stack was reachable; it outlives every guard of its thread
        // except during thread teardown, when there is nothing left to pop.
        let _ = FORMATTING.try_with(|stack| stack.borrow_mut().pop());
    }
}

/// What to print for an object about to be formatted.
enum Entry {
    Payload(Formatting),
    Cycle,
    TooDeep,
}

fn enter(address: *const ()) -> Entry {
    let entry = FORMATTING.try_with(|stack| {
        let mut stack = stack.borrow_mut();
        if stack.contains(&address) {
            Entry::Cycle
        } else if stack.len() >= MAX_DEBUG_DEPTH {
            Entry::TooDeep
        } else {
            stack.push(address);
            Entry::Payload(Formatting)
        }
    });
    // Formatting from a thread-local destructor, once the stack is gone: nothing can be
    // checked, so nothing is followed.
    entry.unwrap_or(Entry::TooDeep)
}

/// The payload's `Debug`; `Gc(<cycle>)` for an object met again inside its own
/// formatting, `Gc(..)` beyond [`MAX_DEBUG_DEPTH`] nested handles, `Gc(<torn down>)` for an
/// object the cycle collector has torn down (instead of the panic a dereference gives).
///
/// ```
/// use pymm::{Gc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace, Debug)]
/// struct Node { name: &'static str, next: RefCell<Option<Gc<Node>>> }
///
/// let a = Gc::new(Node { name: "a", next: RefCell::new(None) });
/// *a.next.borrow_mut() = Some(a.clone()); // a points at itself
/// assert_eq!(
///     format!("{a:?}"),
///     "Node { name: \"a\", next: RefCell { value: Some(Gc(<cycle>)) } }"
/// );
/// a.next.take();
/// ```
impl<T: ?Sized + crate::handle::slice::Payload + fmt::Debug> fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if Gc::is_torn_down(self) {
            return f.write_str("Gc(<torn down>)");
        }
        match enter(Gc::as_ptr(self).cast()) {
            Entry::Payload(_formatting) => fmt::Debug::fmt(&**self, f),
            Entry::Cycle => f.write_str("Gc(<cycle>)"),
            Entry::TooDeep => f.write_str("Gc(..)"),
        }
    }
}
