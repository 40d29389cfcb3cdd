//! Classes: user-defined ones and the built-in types, which share one representation.

use std::cell::RefCell;

use super::{PyRef, Table};
use crate::rt::Tracer;

/// Which built-in type a class is (or derives from), deciding how instances are laid out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TypeKind {
    /// A user class deriving from `object` (instances are `Obj::Instance`).
    Object,
    /// A built-in type whose instances are not `Obj::Instance`.
    Builtin,
}

/// A class object.
pub struct ClassObj {
    /// `__name__`.
    pub name: Box<str>,
    /// The single base class (`None` only for `object`).
    pub base: Option<PyRef>,
    /// The attributes (`__dict__`), keyed by str.
    pub attrs: RefCell<Table>,
    /// `__slots__` names when the class declares them.
    pub slots: Option<Box<[PyRef]>>,
    /// Layout of instances.
    pub kind: TypeKind,
}

impl ClassObj {
    /// Visits the base and every attribute.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        if let Some(base) = &self.base {
            tracer.visit(base);
        }
        match self.attrs.try_borrow() {
            Ok(attrs) => attrs.trace(tracer),
            Err(_) => tracer.mark_busy(),
        }
    }
}
