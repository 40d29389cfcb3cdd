//! Python functions: code, globals, defaults and closure cells.

use std::cell::RefCell;
use std::rc::Rc;

use super::PyRef;
use crate::objects::Code;
use crate::rt::Tracer;

/// A function object.
pub struct FunctionObj {
    /// The compiled body.
    pub code: Rc<Code>,
    /// The module namespace (a dict) the function was defined in.
    pub globals: PyRef,
    /// Default values of the last positional parameters.
    pub defaults: Box<[PyRef]>,
    /// Defaults of keyword-only parameters (a dict), if any.
    pub kwdefaults: Option<PyRef>,
    /// A tuple of cells for the free variables, in `code.freevars` order (`__closure__`).
    pub closure: Option<PyRef>,
    /// `__dict__`: attributes set on the function (`f.cache = {}`, `__wrapped__`), created by
    /// the first one.
    pub dict: RefCell<Option<PyRef>>,
}

impl FunctionObj {
    /// Visits globals, defaults and closure cells.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        tracer.visit(&self.globals);
        self.defaults.iter().for_each(|d| tracer.visit(d));
        if let Some(kw) = &self.kwdefaults {
            tracer.visit(kw);
        }
        if let Some(c) = &self.closure {
            tracer.visit(c);
        }
        match self.dict.try_borrow() {
            Ok(dict) => dict.iter().for_each(|d| tracer.visit(d)),
            Err(_) => tracer.mark_busy(),
        }
    }
}
