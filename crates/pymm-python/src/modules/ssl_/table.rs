//! The handle tables behind `_ssl`'s objects: the Python object (`SSLContext`, `MemoryBIO`,
//! `SSLObject`) holds an int handle, its `__del__` releases it, and a released slot is
//! reused, so a table holds only what is still in use.

use std::cell::RefCell;
use std::thread::LocalKey;

use crate::objects::{Obj, PyRef};
use crate::vm::{PyResult, Vm};

/// One table: `None` slots are free.
pub type Table<T> = RefCell<Vec<Option<T>>>;

/// Stores `value` in `table` and returns its handle as an int.
pub fn store<T: 'static>(vm: &Vm, table: &'static LocalKey<Table<T>>, value: T) -> PyResult {
    let handle = table.with(|table| {
        let mut table = table.borrow_mut();
        match table.iter().position(Option::is_none) {
            Some(free) => {
                table[free] = Some(value);
                free
            }
            None => {
                table.push(Some(value));
                table.len() - 1
            }
        }
    });
    vm.new_int(handle as i64)
}

/// The slot an int handle names.
fn index(handle: &PyRef) -> Option<usize> {
    match &**handle {
        Obj::Int(handle) => usize::try_from(*handle).ok(),
        _ => None,
    }
}

/// Runs `action` on the value under `handle`; ValueError when it was released.
pub fn with<T: 'static, R>(
    vm: &Vm,
    table: &'static LocalKey<Table<T>>,
    handle: &PyRef,
    action: impl FnOnce(&mut T) -> PyResult<R>,
) -> PyResult<R> {
    let slot = index(handle);
    table.with(|table| {
        let mut table = table.borrow_mut();
        match slot.and_then(|i| table.get_mut(i)).and_then(Option::as_mut) {
            Some(value) => action(value),
            None => Err(vm.value_error("the SSL object was released")),
        }
    })
}

/// Takes the value under `handle` out of its table (dropped by the caller, outside the
/// table's borrow).
pub fn release<T: 'static>(table: &'static LocalKey<Table<T>>, handle: &PyRef) -> Option<T> {
    let slot = index(handle)?;
    table.with(|table| table.borrow_mut().get_mut(slot).and_then(Option::take))
}

/// Puts `value` back under `handle` after [`release`] took it out.
pub fn put_back<T: 'static>(table: &'static LocalKey<Table<T>>, handle: &PyRef, value: T) {
    if let Some(slot) = index(handle) {
        table.with(|table| {
            if let Some(place) = table.borrow_mut().get_mut(slot) {
                *place = Some(value);
            }
        });
    }
}
