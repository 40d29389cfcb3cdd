//! A number written into a box that dies with the instruction making it: the eval loop's
//! answer to CPython's float free list (and to 3.13's `_PyFloat_FromDouble_ConsumeInputs`,
//! which reuses an operand whose reference count is 1).
//!
//! In `a = a + b * c` the product is a box only the value stack holds: once the sum is
//! computed it would be freed, and the sum allocated. Here the sum is written into the
//! product's box instead, and the box pushed again; likewise the box a local is about to
//! lose to the `STORE_FAST` that follows (its old value), and the int a `for i in range(n)`
//! loop rebinds. No block is freed nor allocated, so nothing about freed blocks changes:
//! the collector, `gc.get_objects` (numbers are never tracked), `getsizeof` and the arena
//! map see one live number, as before and after.
//!
//! When no box dies where the result is made (`a * b` of two locals), the result goes into
//! the VM's spare float: the last float box a binary operation of the eval loop dropped
//! with no other handle to it, kept rather than freed (CPython's float free list, one deep;
//! `Vm::box_float`). In `c = a * b + c` the product's box dies in the sum every iteration,
//! and is the next product's box.
//!
//! Why Python code cannot tell: a box is reused only when the handles the caller counts
//! (its popped operands, the local about to be overwritten) are all the handles there are.
//! No other reference means no name, container or frame can see the old value change, and
//! `id()` of the dead old value cannot be compared with anything (CPython's allocator gives
//! a freed float's address to the next float just as well). Weak references to numbers
//! cannot be made from Python (`weakref.ref(1.0)` is a TypeError). The report's sampler
//! holds the numbers it samples by strong handles (`report/sites.rs`), so a sampled box is
//! never one whose handles are all the caller's, and is never rewritten.
//! Only an exact float is rewritten as a float and only an exact int as an int (`Obj::Int`;
//! a bool is `Obj::Bool`, a subclass instance an `Obj::Instance`), so a box keeps its type
//! and size; the cached small ints are never rewritten (their cache holds a handle, so their
//! count is never the caller's alone) and a small int result is never written into a box
//! (it must be the cached one: `x + 0 is 5` holds for `x = 5`).

use crate::objects::{Obj, PyRef};
use crate::rt::Gc;

/// Writes `value` into `obj` when `obj` is an exact float whose only handles are the
/// `owned` ones its caller holds; false, changing nothing, otherwise.
#[inline]
pub fn reuse_float(obj: &PyRef, owned: usize, value: f64) -> bool {
    if !matches!(**obj, Obj::Float(_)) || Gc::ref_count(obj) != owned {
        return false;
    }
    // SAFETY: `obj` is an exact float with no handle but the caller's, as checked.
    unsafe { overwrite(obj, Obj::Float(value)) };
    true
}

/// Writes `value` into `obj` when `obj` is an exact int (not a bool) whose only handles
/// are the `owned` ones its caller holds; false, changing nothing, otherwise. The caller
/// gives no value of the small-int cache's range (those are shared).
#[inline]
pub fn reuse_int(obj: &PyRef, owned: usize, value: i64) -> bool {
    if !matches!(**obj, Obj::Int(_)) || Gc::ref_count(obj) != owned {
        return false;
    }
    // SAFETY: `obj` is an exact int with no handle but the caller's, as checked.
    unsafe { overwrite(obj, Obj::Int(value)) };
    true
}

/// Replaces the payload of `obj` with `value`.
///
/// # Safety
/// `obj`'s payload and `value` are both `Obj::Float` or both `Obj::Int` (variants that own
/// nothing, so the old payload needs no drop and the block's size fits), and no handle to
/// `obj` exists but those of the caller, none of which has a reference into the payload
/// alive across this call.
#[inline]
unsafe fn overwrite(obj: &PyRef, value: Obj) {
    // `as_ptr` derives the address from the block's pointer, not from a `&Obj`: writing
    // through it is a write to the block, which the references read before have ended.
    let payload = Gc::as_ptr(obj).cast_mut();
    // SAFETY: the block is live (`obj` is a handle) and holds an `Obj` of the same variant
    // as `value` (the contract), which owns nothing: `write` skips its drop and loses
    // nothing. No reference into the payload is alive (the contract), and no other code can
    // read it meanwhile: numbers are never tracked, so no collection scans them.
    unsafe { std::ptr::write(payload, value) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rt::Heap;

    fn float_of(obj: &PyRef) -> f64 {
        match **obj {
            Obj::Float(f) => f,
            _ => panic!("a float"),
        }
    }

    #[test]
    fn a_float_held_once_is_rewritten_in_place() {
        let heap = Heap::new();
        let x = Gc::new_in(Obj::Float(1.5), &heap);
        let before = heap.bytes_in_use();
        let at = Gc::as_ptr(&x);
        assert!(reuse_float(&x, 1, -0.0));
        assert_eq!(Gc::as_ptr(&x), at, "the same box");
        assert!(float_of(&x) == 0.0 && float_of(&x).is_sign_negative());
        assert_eq!(heap.bytes_in_use(), before, "nothing allocated nor freed");
        assert_eq!(Gc::ref_count(&x), 1);
    }

    #[test]
    fn a_shared_box_or_another_type_is_left_alone() {
        let heap = Heap::new();
        let x = Gc::new_in(Obj::Float(2.0), &heap);
        let name = x.clone();
        assert!(!reuse_float(&x, 1, 3.0), "a second handle sees the value");
        assert!(reuse_float(&x, 2, 3.0), "both handles are the caller's");
        assert_eq!(float_of(&name), 3.0);
        let i = Gc::new_in(Obj::Int(1000), &heap);
        assert!(!reuse_float(&i, 1, 1.0), "an int stays an int");
        assert!(!reuse_int(&x, 1, 1), "a float stays a float");
        let b = Gc::new_in(Obj::Bool(true), &heap);
        assert!(!reuse_int(&b, 1, 7), "a bool is no int box");
        assert!(reuse_int(&i, 1, i64::MIN));
        assert!(matches!(*i, Obj::Int(i64::MIN)));
    }
}
