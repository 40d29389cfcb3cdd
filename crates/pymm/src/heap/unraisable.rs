//! Panics in user code that the manager runs: who gets them.
//!
//! User code runs inside the manager in five places: `Drop` impls, finalizers, weak
//! reference callbacks, gc callbacks (and, against its contract, `Trace`). A panic there
//! never leaves the heap inconsistent: the operation that ran the user code finishes its
//! work (every object it had to free is freed) and then hands the panic on:
//!
//! * to the caller of that operation when there is one that asked for it: dropping a `Gc`,
//!   [`Heap::collect`](crate::Heap::collect), dropping a [`Heap`](crate::Heap) (the first
//!   panic is resumed; any further ones of the same operation are reported as below);
//! * otherwise to the heap's *unraisable hook* (CPython's `sys.unraisablehook`, which
//!   receives the exceptions raised by `__del__` during a collection): a collection started
//!   by an allocation must not make that allocation panic (nor `try_new_in` fail), and a
//!   heap torn down while its thread exits must not abort the process. The default hook
//!   prints one line to stderr naming the type involved; [`Heap::set_unraisable_hook`]
//!   replaces it.
//!
//! ```
//! use pymm::{Gc, Heap, Trace, UserCode};
//! use std::cell::RefCell;
//! use std::rc::Rc;
//!
//! #[derive(Trace)]
//! struct Grumpy(RefCell<Option<Gc<Grumpy>>>);
//! impl Drop for Grumpy {
//!     fn drop(&mut self) {
//!         panic!("grumpy");
//!     }
//! }
//!
//! let heap = Heap::with_config(pymm::Config::default().thresholds(1, 10, 10));
//! let reports = Rc::new(RefCell::new(Vec::new()));
//! let sink = reports.clone();
//! heap.set_unraisable_hook(move |report| sink.borrow_mut().push(report));
//! let a = heap.alloc(Grumpy(RefCell::new(None)));
//! *a.0.borrow_mut() = Some(a.clone());
//! drop(a);
//! // The next allocations collect the cycle; the panic goes to the hook, not to them.
//! for _ in 0..3 {
//!     heap.alloc(RefCell::new(Vec::<Gc<u8>>::new()));
//! }
//! let reports = reports.borrow();
//! assert_eq!(reports.len(), 1);
//! assert_eq!(reports[0].context(), UserCode::Drop);
//! assert!(reports[0].type_name().unwrap().ends_with("Grumpy"));
//! assert_eq!(reports[0].message(), "grumpy");
//! ```

use std::any::Any;
use std::fmt;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use crate::heap::{Heap, HeapState};

/// Which kind of user code panicked.
///
/// ```
/// use pymm::{Gc, Heap, Trace, Unraisable, UserCode};
/// use std::{cell::RefCell, rc::Rc};
///
/// #[derive(Trace)]
/// struct Grumpy(RefCell<Option<Gc<Grumpy>>>);
/// impl Drop for Grumpy {
///     fn drop(&mut self) {
///         panic!("grumpy");
///     }
/// }
///
/// let heap = Heap::with_config(pymm::Config::default().thresholds(1, 10, 10));
/// let reports: Rc<RefCell<Vec<Unraisable>>> = Rc::default();
/// let sink = reports.clone();
/// heap.set_unraisable_hook(move |report| sink.borrow_mut().push(report));
/// let a = heap.alloc(Grumpy(RefCell::new(None)));
/// *a.0.borrow_mut() = Some(a.clone());
/// drop(a);
/// for _ in 0..3 {
///     heap.alloc(RefCell::new(Vec::<Gc<u8>>::new())); // collects the cycle
/// }
/// let report = reports.borrow_mut().pop().unwrap();
/// assert_eq!(report.context(), UserCode::Drop);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserCode {
    /// A payload's `Drop` impl (run by reference counting or by a collection's teardown).
    Drop,
    /// A finalizer ([`Trace::finalize`](crate::Trace::finalize)).
    Finalizer,
    /// A weak reference's callback.
    WeakCallback,
    /// A `gc.callbacks` entry ([`Heap::add_callback`]).
    GcCallback,
}

/// A panic of user code that no caller could receive (see the module docs).
///
/// ```
/// use pymm::{Gc, Heap, Trace, Unraisable, UserCode};
/// use std::{cell::RefCell, rc::Rc};
///
/// #[derive(Trace)]
/// struct Grumpy(RefCell<Option<Gc<Grumpy>>>);
/// impl Drop for Grumpy {
///     fn drop(&mut self) {
///         panic!("grumpy");
///     }
/// }
///
/// let heap = Heap::with_config(pymm::Config::default().thresholds(1, 10, 10));
/// let reports: Rc<RefCell<Vec<Unraisable>>> = Rc::default();
/// let sink = reports.clone();
/// heap.set_unraisable_hook(move |report| sink.borrow_mut().push(report));
/// let a = heap.alloc(Grumpy(RefCell::new(None)));
/// *a.0.borrow_mut() = Some(a.clone());
/// drop(a);
/// for _ in 0..3 {
///     heap.alloc(RefCell::new(Vec::<Gc<u8>>::new())); // collects the cycle
/// }
/// let report = reports.borrow_mut().pop().unwrap();
/// assert_eq!(report.to_string(), format!("panic in the Drop impl of `{}`: grumpy", std::any::type_name::<Grumpy>()));
/// ```
pub struct Unraisable {
    context: UserCode,
    type_name: Option<&'static str>,
    payload: Box<dyn Any + Send>,
}

impl Unraisable {
    /// Which kind of user code panicked.
    ///
    /// ```
    /// use pymm::{Gc, Heap, Trace, Unraisable, UserCode};
    /// use std::{cell::RefCell, rc::Rc};
    ///
    /// #[derive(Trace)]
    /// struct Grumpy(RefCell<Option<Gc<Grumpy>>>);
    /// impl Drop for Grumpy {
    ///     fn drop(&mut self) {
    ///         panic!("grumpy");
    ///     }
    /// }
    ///
    /// let heap = Heap::with_config(pymm::Config::default().thresholds(1, 10, 10));
    /// let reports: Rc<RefCell<Vec<Unraisable>>> = Rc::default();
    /// let sink = reports.clone();
    /// heap.set_unraisable_hook(move |report| sink.borrow_mut().push(report));
    /// let a = heap.alloc(Grumpy(RefCell::new(None)));
    /// *a.0.borrow_mut() = Some(a.clone());
    /// drop(a);
    /// for _ in 0..3 {
    ///     heap.alloc(RefCell::new(Vec::<Gc<u8>>::new())); // collects the cycle
    /// }
    /// let report = reports.borrow_mut().pop().unwrap();
    /// assert_eq!(report.context(), UserCode::Drop);
    /// ```
    pub fn context(&self) -> UserCode {
        self.context
    }

    /// The payload type whose code panicked (`None` for gc callbacks).
    ///
    /// ```
    /// use pymm::{Gc, Heap, Trace, Unraisable, UserCode};
    /// use std::{cell::RefCell, rc::Rc};
    ///
    /// #[derive(Trace)]
    /// struct Grumpy(RefCell<Option<Gc<Grumpy>>>);
    /// impl Drop for Grumpy {
    ///     fn drop(&mut self) {
    ///         panic!("grumpy");
    ///     }
    /// }
    ///
    /// let heap = Heap::with_config(pymm::Config::default().thresholds(1, 10, 10));
    /// let reports: Rc<RefCell<Vec<Unraisable>>> = Rc::default();
    /// let sink = reports.clone();
    /// heap.set_unraisable_hook(move |report| sink.borrow_mut().push(report));
    /// let a = heap.alloc(Grumpy(RefCell::new(None)));
    /// *a.0.borrow_mut() = Some(a.clone());
    /// drop(a);
    /// for _ in 0..3 {
    ///     heap.alloc(RefCell::new(Vec::<Gc<u8>>::new())); // collects the cycle
    /// }
    /// let report = reports.borrow_mut().pop().unwrap();
    /// assert_eq!(report.type_name(), Some(std::any::type_name::<Grumpy>()));
    /// ```
    pub fn type_name(&self) -> Option<&'static str> {
        self.type_name
    }

    /// The panic message, when the payload is a string (as `panic!` makes it).
    ///
    /// ```
    /// use pymm::{Gc, Heap, Trace, Unraisable, UserCode};
    /// use std::{cell::RefCell, rc::Rc};
    ///
    /// #[derive(Trace)]
    /// struct Grumpy(RefCell<Option<Gc<Grumpy>>>);
    /// impl Drop for Grumpy {
    ///     fn drop(&mut self) {
    ///         panic!("grumpy");
    ///     }
    /// }
    ///
    /// let heap = Heap::with_config(pymm::Config::default().thresholds(1, 10, 10));
    /// let reports: Rc<RefCell<Vec<Unraisable>>> = Rc::default();
    /// let sink = reports.clone();
    /// heap.set_unraisable_hook(move |report| sink.borrow_mut().push(report));
    /// let a = heap.alloc(Grumpy(RefCell::new(None)));
    /// *a.0.borrow_mut() = Some(a.clone());
    /// drop(a);
    /// for _ in 0..3 {
    ///     heap.alloc(RefCell::new(Vec::<Gc<u8>>::new())); // collects the cycle
    /// }
    /// let report = reports.borrow_mut().pop().unwrap();
    /// assert_eq!(report.message(), "grumpy");
    /// ```
    pub fn message(&self) -> &str {
        panic_message(&*self.payload)
    }

    /// The panic payload, e.g. to resume it with `std::panic::resume_unwind`.
    ///
    /// ```
    /// use pymm::{Gc, Heap, Trace, Unraisable, UserCode};
    /// use std::{cell::RefCell, rc::Rc};
    ///
    /// #[derive(Trace)]
    /// struct Grumpy(RefCell<Option<Gc<Grumpy>>>);
    /// impl Drop for Grumpy {
    ///     fn drop(&mut self) {
    ///         panic!("grumpy");
    ///     }
    /// }
    ///
    /// let heap = Heap::with_config(pymm::Config::default().thresholds(1, 10, 10));
    /// let reports: Rc<RefCell<Vec<Unraisable>>> = Rc::default();
    /// let sink = reports.clone();
    /// heap.set_unraisable_hook(move |report| sink.borrow_mut().push(report));
    /// let a = heap.alloc(Grumpy(RefCell::new(None)));
    /// *a.0.borrow_mut() = Some(a.clone());
    /// drop(a);
    /// for _ in 0..3 {
    ///     heap.alloc(RefCell::new(Vec::<Gc<u8>>::new())); // collects the cycle
    /// }
    /// let report = reports.borrow_mut().pop().unwrap();
    /// let payload = report.into_payload();
    /// assert_eq!(payload.downcast_ref::<&str>(), Some(&"grumpy"));
    /// ```
    pub fn into_payload(self) -> Box<dyn Any + Send> {
        self.payload
    }
}

impl fmt::Debug for Unraisable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unraisable")
            .field("context", &self.context)
            .field("type_name", &self.type_name)
            .field("message", &self.message())
            .finish()
    }
}

impl fmt::Display for Unraisable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.context {
            UserCode::Drop => "the Drop impl",
            UserCode::Finalizer => "the finalizer",
            UserCode::WeakCallback => "a weak reference callback",
            UserCode::GcCallback => "a gc callback",
        };
        match self.type_name {
            Some(name) => write!(f, "panic in {what} of `{name}`: {}", self.message()),
            None => write!(f, "panic in {what}: {}", self.message()),
        }
    }
}

/// The message of a panic payload (`&str` or `String`), or a placeholder.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "<non-string panic payload>"
    }
}

/// A replacement for the default unraisable hook.
pub(crate) type UnraisableHook = Box<dyn FnMut(Unraisable)>;

/// The panics of one operation that runs user code: the first one (handed to the caller
/// when there is one) and how the rest are reported.
#[derive(Default)]
pub(crate) struct PanicSlot {
    first: Option<Unraisable>,
    rest: Vec<Unraisable>,
}

impl PanicSlot {
    /// Runs `f`, user code of kind `context` for a payload of type `type_name`; keeps its
    /// panic, if any.
    pub(crate) fn guard(
        &mut self,
        context: UserCode,
        type_name: Option<&'static str>,
        f: impl FnOnce(),
    ) {
        if let Err(payload) = catch_unwind(AssertUnwindSafe(f)) {
            self.keep(Unraisable {
                context,
                type_name,
                payload,
            });
        }
    }

    /// Keeps one panic.
    pub(crate) fn keep(&mut self, report: Unraisable) {
        if self.first.is_none() {
            self.first = Some(report);
        } else {
            self.rest.push(report);
        }
    }

    /// Takes over the panics of `other`, naming `type_name` where they name no type.
    pub(crate) fn absorb(&mut self, other: PanicSlot, type_name: Option<&'static str>) {
        for mut report in other.first.into_iter().chain(other.rest) {
            report.type_name = report.type_name.or(type_name);
            self.keep(report);
        }
    }

    /// Whether no panic was kept.
    pub(crate) fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    /// Hands the first panic to the caller (resumed) and reports the rest to the hook;
    /// when the thread is already unwinding, everything goes to the hook (a second panic
    /// would abort).
    pub(crate) fn resume(self, state: &HeapState) {
        if let Some(payload) = self.into_resumable(state) {
            resume_unwind(payload);
        }
    }

    /// [`PanicSlot::resume`] for a caller that kept the heap's state alive with `hold`
    /// while the user code ran: the panics are handed on after `hold` is dropped (which may
    /// shut the heap down or free its state).
    pub(crate) fn resume_releasing(self, hold: Heap) {
        let first = self.into_resumable(hold.state());
        drop(hold);
        if let Some(payload) = first {
            resume_unwind(payload);
        }
    }

    /// The first panic, for the caller to resume once it has finished its work; the rest
    /// are reported to the hook (all of them when the thread is unwinding already).
    pub(crate) fn into_resumable(self, state: &HeapState) -> Option<Box<dyn Any + Send>> {
        let PanicSlot { first, rest } = self;
        for report in rest {
            report_unraisable(state, report);
        }
        let first = first?;
        if std::thread::panicking() {
            report_unraisable(state, first);
            return None;
        }
        Some(first.payload)
    }

    /// Reports every kept panic to the hook (no caller wants them).
    pub(crate) fn report(self, state: &HeapState) {
        for report in self.first.into_iter().chain(self.rest) {
            report_unraisable(state, report);
        }
    }
}

/// Calls the heap's unraisable hook (or the default one) with `report`. A panic of the hook
/// itself is reported by the default hook.
pub(crate) fn report_unraisable(state: &HeapState, report: Unraisable) {
    let hook = state.unraisable_hook.borrow_mut().take();
    let Some(mut hook) = hook else {
        default_hook(&report);
        return;
    };
    if let Err(payload) = catch_unwind(AssertUnwindSafe(|| hook(report))) {
        eprintln!(
            "pymm: the unraisable hook panicked: {}",
            panic_message(&*payload)
        );
    }
    let mut slot = state.unraisable_hook.borrow_mut();
    if slot.is_none() {
        *slot = Some(hook); // unless the hook replaced itself
    }
}

fn default_hook(report: &Unraisable) {
    eprintln!("pymm: ignored {report}");
}

impl Heap {
    /// Replaces the unraisable hook: it receives the panics of user code that no caller can
    /// receive (see the [`Unraisable`] docs). The default hook prints one line to stderr.
    ///
    /// ```
    /// let heap = pymm::Heap::new();
    /// heap.set_unraisable_hook(|report| eprintln!("my runtime ignored {report}"));
    /// ```
    pub fn set_unraisable_hook(&self, hook: impl FnMut(Unraisable) + 'static) {
        let old = self.state().unraisable_hook.replace(Some(Box::new(hook)));
        drop(old); // outside the borrow: a closure's Drop may use the heap
    }
}
