//! Bytes an object owns outside its heap block, reported to `sys.getsizeof`.

use super::Obj;
use std::mem::size_of;

/// Out-of-line bytes owned by `obj` (vectors, boxed payloads).
pub fn extra_size(obj: &Obj) -> usize {
    match obj {
        Obj::Str(s) => s.as_str().len(),
        Obj::Bytes(b) => b.len(),
        Obj::BigInt(b) => b.bits().div_ceil(64) as usize * 8 + size_of::<num_bigint::BigInt>(),
        Obj::Tuple(items) => items.len() * size_of::<usize>(),
        Obj::List(items) => {
            size_of::<std::cell::RefCell<Vec<usize>>>()
                + items
                    .try_borrow()
                    .map_or(0, |v| v.capacity() * size_of::<usize>())
        }
        Obj::Dict(t) | Obj::Set(t, _) => t.try_borrow().map_or(0, |t| t.heap_bytes()),
        Obj::Instance(inst) => inst
            .attrs
            .try_borrow()
            .map_or(0, |a| a.capacity() * 2 * size_of::<usize>()),
        _ => 0,
    }
}
