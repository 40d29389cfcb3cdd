//! `_hashlib`: the message digests behind `hashlib` (md5, sha1 and the sha2 family), from
//! the RustCrypto crates. A digest in progress lives in this module's table under a handle
//! (an int) that the Python `HASH` object holds; `HASH.__del__` releases it, so the table
//! holds only the digests still in use, and hashing a stream keeps a few hundred bytes of
//! state, never the data.

use std::cell::RefCell;

use sha2::digest::DynDigest;

use crate::objects::bytes::bytes_like;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("new", new),
    BuiltinFn::new("update", update),
    BuiltinFn::new("digest", digest),
    BuiltinFn::new("copy", copy),
    BuiltinFn::new("release", release),
    BuiltinFn::new("block_size", block_size),
];

/// The algorithms, with their block sizes in bytes (`HASH.block_size`).
const ALGORITHMS: &[(&str, usize)] = &[
    ("md5", 64),
    ("sha1", 64),
    ("sha224", 64),
    ("sha256", 64),
    ("sha384", 128),
    ("sha512", 128),
];

thread_local! {
    /// The digests in progress, by handle; a released handle's slot is reused.
    static DIGESTS: RefCell<Vec<Option<Box<dyn DynDigest>>>> = const { RefCell::new(Vec::new()) };
}

/// A fresh digest of the algorithm `name`, if pymm has it.
fn start(name: &str) -> Option<Box<dyn DynDigest>> {
    Some(match name {
        "md5" => Box::new(md5::Md5::default()),
        "sha1" => Box::new(sha1::Sha1::default()),
        "sha224" => Box::new(sha2::Sha224::default()),
        "sha256" => Box::new(sha2::Sha256::default()),
        "sha384" => Box::new(sha2::Sha384::default()),
        "sha512" => Box::new(sha2::Sha512::default()),
        _ => return None,
    })
}

/// Stores `digest` and returns its handle.
fn store(vm: &Vm, digest: Box<dyn DynDigest>) -> PyResult {
    let handle = DIGESTS.with(|table| {
        let mut table = table.borrow_mut();
        match table.iter().position(Option::is_none) {
            Some(free) => {
                table[free] = Some(digest);
                free
            }
            None => {
                table.push(Some(digest));
                table.len() - 1
            }
        }
    });
    vm.new_int(handle as i64)
}

/// The table index an int handle names.
fn handle_of(handle: &PyRef) -> Option<usize> {
    match &**handle {
        Obj::Int(handle) => usize::try_from(*handle).ok(),
        _ => None,
    }
}

/// Runs `action` on the digest under the handle `a.pos[0]`.
fn with_digest<T>(
    vm: &Vm,
    a: &Args<'_>,
    action: impl FnOnce(&mut Box<dyn DynDigest>) -> T,
) -> PyResult<T> {
    let handle = a.pos.first().and_then(handle_of);
    DIGESTS.with(|table| {
        let mut table = table.borrow_mut();
        match handle
            .and_then(|h| table.get_mut(h))
            .and_then(Option::as_mut)
        {
            Some(digest) => Ok(action(digest)),
            None => Err(vm.value_error("no such digest in progress")),
        }
    })
}

/// `new(name)`: the handle of a fresh digest; ValueError for an algorithm pymm lacks.
fn new(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "new", 1, 1, &[])?;
    let name = a.pos[0].as_str().unwrap_or("");
    match start(&name.to_ascii_lowercase()) {
        Some(digest) => store(vm, digest),
        None => Err(vm.value_error(format!("unsupported hash type {name}"))),
    }
}

/// `update(handle, data)`: feeds bytes or a bytearray to the digest.
fn update(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "update", 2, 2, &[])?;
    let data = match &*a.pos[1] {
        Obj::Str(_) => return Err(vm.type_error("Strings must be encoded before hashing")),
        other => bytes_like(other)
            .ok_or_else(|| vm.type_error("object supporting the buffer API required"))?,
    };
    with_digest(vm, &a, |digest| digest.update(&data))?;
    Ok(vm.none())
}

/// `digest(handle)`: the digest of the data so far (the digest goes on accepting data).
fn digest(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "digest", 1, 1, &[])?;
    let value = with_digest(vm, &a, |digest| digest.box_clone().finalize())?;
    Ok(vm.bytes(value.into_vec()))
}

/// `copy(handle)`: the handle of an independent copy of the digest.
fn copy(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "copy", 1, 1, &[])?;
    let twin = with_digest(vm, &a, |digest| digest.box_clone())?;
    store(vm, twin)
}

/// `release(handle)`: the digest is no longer used (its `HASH` object is gone).
fn release(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "release", 1, 1, &[])?;
    let handle = handle_of(&a.pos[0]);
    let released = DIGESTS.with(|table| {
        let mut table = table.borrow_mut();
        handle.and_then(|h| table.get_mut(h)).and_then(Option::take)
    });
    drop(released);
    Ok(vm.none())
}

/// `block_size(name)`: the algorithm's internal block size in bytes.
fn block_size(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "block_size", 1, 1, &[])?;
    let name = a.pos[0].as_str().unwrap_or("");
    match ALGORITHMS.iter().find(|(known, _)| *known == name) {
        Some((_, size)) => vm.new_int(*size as i64),
        None => Err(vm.value_error(format!("unsupported hash type {name}"))),
    }
}

/// Creates the module; `algorithms` names what it has.
pub fn build(vm: &Vm) -> PyResult {
    let m = vm.new_module("_hashlib")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    let names = ALGORITHMS
        .iter()
        .map(|(name, _)| vm.str(name))
        .collect::<PyResult<Vec<_>>>()?;
    vm.module_set(&m, "algorithms", vm.tuple(names))?;
    Ok(m)
}
