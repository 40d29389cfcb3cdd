//! `_itertools`: what pymm's `itertools.py` needs from the interpreter itself: the steps of
//! `combinations`, made natively a chunk at a time. CPython's `combinations` is written in
//! C; stepping its indices in Python cost a few dozen bytecodes per combination, which
//! made CPython's `test_set` (a powerset of 17 items, twice) take most of its time there.

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[BuiltinFn::new("combinations_chunk", combinations_chunk)];

/// `combinations_chunk(pool, indices, count)`: the combinations of the tuple `pool` from
/// the one at `indices` (a tuple of r increasing positions) on, at most `count` of them, in
/// CPython's (lexicographic) order, as `(list of tuples, indices of the next one or None)`.
fn combinations_chunk(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "combinations_chunk", 3, 3, &[])?;
    let (Obj::Tuple(pool), Obj::Tuple(start)) = (&*a.pos[0], &*a.pos[1]) else {
        return Err(vm.type_error("combinations_chunk() takes a pool and indices as tuples"));
    };
    let count = a.pos[2]
        .as_i64()
        .filter(|c| *c > 0)
        .ok_or_else(|| vm.value_error("combinations_chunk() takes a positive count"))?
        as usize;
    let n = pool.len();
    let mut indices = Vec::with_capacity(start.len());
    for index in start.iter() {
        match index.as_i64().and_then(|i| usize::try_from(i).ok()) {
            Some(i) if i < n => indices.push(i),
            _ => return Err(vm.value_error("combinations_chunk() index out of the pool")),
        }
    }
    let r = indices.len();
    let mut chunk = Vec::with_capacity(count);
    let mut more = true;
    while more && chunk.len() < count {
        chunk.push(vm.new_tuple(indices.iter().map(|&i| pool[i].clone()).collect())?);
        // the rightmost index that can still move moves on; the ones after it follow it
        match (0..r).rev().find(|&i| indices[i] != i + n - r) {
            Some(i) => {
                indices[i] += 1;
                for j in i + 1..r {
                    indices[j] = indices[j - 1] + 1;
                }
            }
            None => more = false,
        }
    }
    let next = if more {
        let next = indices
            .iter()
            .map(|&i| vm.new_int(i as i64))
            .collect::<PyResult<Vec<_>>>()?;
        vm.new_tuple(next)?
    } else {
        vm.none()
    };
    let chunk = vm.list(chunk)?;
    vm.new_tuple(vec![chunk, next])
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_itertools")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
