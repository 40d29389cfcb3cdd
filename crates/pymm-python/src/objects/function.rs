//! Python functions: code, globals, defaults and closure cells, inline in the function
//! object's block.
//!
//! ```text
//!  [ links | header ][ Obj::Function: tag, ptr ][ FunctionObj: code | globals | ... ]
//!                                         '-----^ (the block's tail)
//! ```
//!
//! A function is one 112-byte pool block (CPython 3.11: 152 bytes, its collector links
//! included): making a closure or a lambda in a loop asks nothing of the system allocator
//! (its defaults, when it has some, are still a boxed slice).
//!
//! Invariants, relied on by the `unsafe` blocks below: a [`Function`] exists only inside the
//! `Obj::Function` of the block whose tail holds its `FunctionObj` (only
//! [`Function::alloc`] makes one, and the payload never leaves its block), so the pointer is
//! valid as long as the `Function`, with the block's provenance; the `FunctionObj` is
//! dropped once, by the `Function`'s `Drop`.

use std::alloc::Layout;
use std::cell::RefCell;
use std::ops::Deref;
use std::ptr::NonNull;
use std::rc::Rc;

use super::{Obj, PyRef};
use crate::objects::Code;
use crate::rt::{AllocError, Gc, Heap, Tracer};

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

/// A function object's payload: a pointer to its [`FunctionObj`] in the block's tail (see the
/// module docs); reads as the `FunctionObj`.
pub struct Function {
    obj: NonNull<FunctionObj>,
}

impl Function {
    /// A function object holding `func`, in one block of `heap`; `Err` when the heap's limit
    /// would be exceeded or memory is exhausted.
    pub fn alloc(heap: &Heap, func: FunctionObj) -> Result<PyRef, AllocError> {
        // SAFETY: `init` moves `func` into the tail, whose size `Function::tail_size`
        // reports for the object's whole life; `Obj`'s `Trace` traces it through this
        // payload and `Function`'s `Drop` drops it once.
        unsafe {
            Gc::try_new_with_tail_in(heap, Layout::new::<FunctionObj>(), true, |tail| {
                let obj = tail.cast::<FunctionObj>();
                obj.as_ptr().write(func);
                Obj::Function(Function { obj })
            })
        }
    }

    /// Bytes of the block's tail: the `FunctionObj`.
    pub(crate) fn tail_size(&self) -> usize {
        std::mem::size_of::<FunctionObj>()
    }
}

impl Deref for Function {
    type Target = FunctionObj;

    fn deref(&self) -> &FunctionObj {
        // SAFETY: the tail holds a live `FunctionObj` as long as self (module invariants).
        unsafe { self.obj.as_ref() }
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        // SAFETY: the `FunctionObj` is live and dropped only here, once (module invariants).
        unsafe { std::ptr::drop_in_place(self.obj.as_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::testing::module_code;
    use crate::objects::{ListCell, TupleItems};

    #[test]
    fn a_function_lives_in_one_block_and_a_cycle_through_it_is_collected() {
        let heap = Heap::new();
        let (none, code) = module_code(&heap, "pass");
        let before = heap.bytes_in_use();
        let globals = Gc::new_in(Obj::List(ListCell::new(Vec::new())), &heap);
        let defaults: Box<[PyRef]> = Box::new([none.clone()]);
        let func = Function::alloc(
            &heap,
            FunctionObj {
                code,
                globals: globals.clone(),
                defaults,
                kwdefaults: None,
                closure: Some(TupleItems::alloc(&heap, vec![globals.clone()]).expect("room")),
                dict: RefCell::new(None),
            },
        )
        .expect("room");
        let Obj::Function(f) = &*func else {
            panic!("a function")
        };
        assert_eq!(f.defaults.len(), 1);
        assert_eq!(crate::rt::referents(&Gc::to_any(&func)).len(), 3);
        if let Obj::List(items) = &*globals {
            items.borrow_mut().push(func.clone());
        }
        drop((func, globals));
        assert_eq!(
            heap.collect(2),
            3,
            "the function, its closure tuple and the list"
        );
        assert_eq!(heap.bytes_in_use(), before);
    }
}
