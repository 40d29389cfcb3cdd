//! The `int` type, as CPython's `Objects/longobject.c`: its methods here, the value's own
//! functions (CPython's hash, the i64 fast path) in [`value`]. The arithmetic is the VM's
//! number protocol (`vm/ops.rs`); the numbers' `real`/`imag`/`numerator`/`denominator`
//! are read by its attribute lookup (`Vm::number_attr`).

pub mod value;

use num_bigint::Sign;
use num_traits::Zero;

use crate::objects::Obj;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

use num_bigint::BigInt;
use num_traits::Signed;

/// `int` methods.
pub static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("bit_length", bit_length).args(0, 0),
    BuiltinFn::new("bit_count", bit_count).args(0, 0),
    BuiltinFn::new("to_bytes", to_bytes),
    BuiltinFn::static_method("from_bytes", from_bytes),
    BuiltinFn::new("as_integer_ratio", int_as_integer_ratio),
    BuiltinFn::new("conjugate", |vm, a| a.receiver(vm).cloned()).args(0, 0),
    BuiltinFn::new("__trunc__", as_int).args(0, 0),
    BuiltinFn::new("__floor__", as_int).args(0, 0),
    BuiltinFn::new("__ceil__", as_int).args(0, 0),
    BuiltinFn::new("__getnewargs__", int_getnewargs).args(0, 0),
];

/// `__trunc__`, `__floor__`, `__ceil__`: an int is its own integral part (a bool gives 0 or 1).
fn as_int(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.new_bigint(this_int(vm, &a)?)
}

/// `__getnewargs__`: the plain int, for copy and pickle.
fn int_getnewargs(vm: &Vm, a: Args<'_>) -> PyResult {
    let value = vm.new_bigint(this_int(vm, &a)?)?;
    vm.new_tuple(vec![value])
}

/// The receiver as a big int (ints and bools).
fn this_int(vm: &Vm, a: &Args<'_>) -> PyResult<BigInt> {
    match a.pos.first().map(|v| &**vm.builtin_receiver(v)) {
        Some(Obj::Int(i)) => Ok(BigInt::from(*i)),
        Some(Obj::Bool(b)) => Ok(BigInt::from(u8::from(*b))),
        Some(Obj::BigInt(b)) => Ok((**b).clone()),
        _ => Err(vm.type_error("descriptor requires an 'int' object")),
    }
}

fn bit_length(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.new_int(this_int(vm, &a)?.bits() as i64)
}

fn bit_count(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = this_int(vm, &a)?;
    let ones: u64 = n
        .magnitude()
        .to_u64_digits()
        .iter()
        .map(|d| u64::from(d.count_ones()))
        .sum();
    vm.new_int(ones as i64)
}

fn int_as_integer_ratio(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = vm.new_bigint(this_int(vm, &a)?)?;
    vm.new_tuple(vec![n, vm.int(1)])
}

/// `byteorder` and `signed` of to_bytes / from_bytes.
fn byte_order(vm: &Vm, a: &Args<'_>, at: usize) -> PyResult<(bool, bool)> {
    let order = match a.get(at, "byteorder") {
        Some(v) => v.as_str().unwrap_or("").to_string(),
        None => "big".to_string(),
    };
    let little = match order.as_str() {
        "little" => true,
        "big" => false,
        _ => return Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    };
    let signed = a
        .kw("signed")
        .is_some_and(|s| vm.truthy(s).unwrap_or(false));
    Ok((little, signed))
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn to_bytes(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = this_int(vm, &a)?;
    let length = match a.get(1, "length") {
        Some(l) => l
            .as_i64()
            .filter(|l| *l >= 0)
            .ok_or_else(|| vm.value_error("length argument must be non-negative"))?
            as usize,
        None => 1,
    };
    let (little, signed) = byte_order(vm, &a, 2)?;
    if n.is_negative() && !signed {
        return Err(vm.new_exc(Exc::OverflowError, "can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    if n.is_zero() {
        bytes.clear();
    }
    if bytes.len() > length {
        return Err(vm.new_exc(Exc::OverflowError, "int too big to convert"));
    }
    vm.reserve(length)?;
    let fill = if n.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(vm.bytes(bytes))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (a static method).
fn from_bytes(vm: &Vm, a: Args<'_>) -> PyResult {
    let data = match a.get(0, "bytes").map(|v| &**v) {
        Some(Obj::Bytes(b)) => b.to_vec(),
        Some(Obj::List(l)) => l
            .borrow()
            .iter()
            .map(|v| v.as_i64().filter(|b| (0..256).contains(b)).map(|b| b as u8))
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| vm.value_error("bytes must be in range(0, 256)"))?,
        _ => return Err(vm.type_error("cannot convert object to bytes")),
    };
    let (little, signed) = byte_order(vm, &a, 1)?;
    let n = match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(&data),
        (false, true) => BigInt::from_signed_bytes_be(&data),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, &data),
    };
    vm.new_bigint(n)
}
