//! Bytes an object owns outside its heap block, reported to `sys.getsizeof`.

use super::{Obj, PyRef};
use std::mem::{size_of, size_of_val};

/// Out-of-line bytes owned by `obj` (vectors, boxed payloads).
pub fn extra_size(obj: &Obj) -> usize {
    match obj {
        Obj::BigInt(b) => b.bits().div_ceil(64) as usize * 8 + size_of::<num_bigint::BigInt>(),
        Obj::List(items) => items.array_bytes(),
        Obj::Dict(t) | Obj::Set(t, _) => t.try_borrow().map_or(0, |t| t.heap_bytes()),
        Obj::Instance(inst) => inst.extra_size(),
        Obj::Generator(gen) => gen.extra_size(),
        // a payload wider than the enum's word is boxed: its box is the object's too
        Obj::ByteArray(b) => size_of_val(&**b) + b.try_borrow().map_or(0, |v| v.capacity()),
        Obj::Traceback(t) => {
            size_of_val(&**t)
                + t.try_borrow()
                    .map_or(0, |v| v.capacity() * size_of::<(PyRef, u32)>())
        }
        Obj::Range(b) => size_of_val(&**b),
        Obj::BigRange(b) => size_of_val(&**b),
        Obj::Slice(b) => size_of_val(&**b),
        Obj::Class(b) => size_of_val(&**b),
        Obj::Method(b) | Obj::Module(b) | Obj::Super(b) | Obj::GetSetDescr(b) => size_of_val(&**b),
        Obj::BoundBuiltin(b) => size_of_val(&**b),
        Obj::Frame(b) => size_of_val(&**b),
        Obj::Iter(b) => size_of_val(&**b),
        Obj::Property(b) => size_of_val(&**b),
        Obj::WeakRef(b) => size_of_val(&**b),
        Obj::Complex(b) => size_of_val(&**b),
        Obj::MemoryView(b) => size_of_val(&**b),
        _ => 0,
    }
}
