//! Bytes an object owns outside its heap block, reported to `sys.getsizeof`.

use super::Obj;
use std::mem::size_of;

/// Out-of-line bytes owned by `obj` (vectors, boxed payloads).
pub fn extra_size(obj: &Obj) -> usize {
    match obj {
        Obj::BigInt(b) => b.bits().div_ceil(64) as usize * 8 + size_of::<num_bigint::BigInt>(),
        Obj::List(items) => items.array_bytes(),
        Obj::Dict(t) | Obj::Set(t, _) => t.try_borrow().map_or(0, |t| t.heap_bytes()),
        Obj::Instance(inst) => inst.extra_size(),
        Obj::Generator(gen) => gen.extra_size(),
        _ => 0,
    }
}
