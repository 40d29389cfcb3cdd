//! The limit on the number of digits an int converts to or from a decimal (or any
//! non-power-of-two base) string, as CPython 3.11's `sys.set_int_max_str_digits` (CVE-2020-10735):
//! quadratic conversions of huge numbers are refused before they start.

use num_bigint::BigInt;

use crate::vm::{PyResult, Vm};

/// `sys.int_info.default_max_str_digits`: the limit an interpreter starts with.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
/// `sys.int_info.str_digits_check_threshold`: the lowest limit that can be set (0 aside,
/// which turns the limit off).
pub const STR_DIGITS_CHECK_THRESHOLD: usize = 640;

/// The limit in force (0: none).
fn limit(vm: &Vm) -> usize {
    vm.int_max_str_digits.get()
}

/// `sys.set_int_max_str_digits(n)`: 0, or at least the threshold.
pub fn set_limit(vm: &Vm, n: i64) -> PyResult<()> {
    if n != 0 && n < STR_DIGITS_CHECK_THRESHOLD as i64 {
        return Err(vm.value_error(format!(
            "maxdigits must be 0 or larger than {STR_DIGITS_CHECK_THRESHOLD}"
        )));
    }
    vm.int_max_str_digits.set(n as usize);
    Ok(())
}

/// `sys.get_int_max_str_digits()`.
pub fn get_limit(vm: &Vm) -> usize {
    limit(vm)
}

/// Checks a parse of `digits` digits in `base` (signs, spaces and underscores not counted)
/// before it starts; power-of-two bases convert in linear time and have no limit.
pub fn check_parse(vm: &Vm, digits: usize, base: u32) -> PyResult<()> {
    let max = limit(vm);
    if max == 0 || base.is_power_of_two() || digits <= max {
        return Ok(());
    }
    Err(vm.value_error(format!(
        "Exceeds the limit ({max} digits) for integer string conversion: value has {digits} \
         digits; use sys.set_int_max_str_digits() to increase the limit"
    )))
}

/// The decimal digits of `value` (with its sign), refused when there are more than the limit.
/// Its bit length bounds the count from below, so a number far over the limit is refused
/// before the quadratic conversion runs.
pub fn to_decimal(vm: &Vm, value: &BigInt) -> PyResult<String> {
    let max = limit(vm);
    if max != 0 {
        // 10**k has more than k * log2(10) bits: at least (bits - 1) * log10(2) + 1 digits
        let at_least =
            ((value.bits().saturating_sub(1)) as f64 * std::f64::consts::LOG10_2) as usize + 1;
        if at_least > max {
            return Err(too_many_digits(vm, max));
        }
    }
    let text = value.to_string();
    let digits = text.len() - usize::from(text.starts_with('-'));
    if max != 0 && digits > max {
        return Err(too_many_digits(vm, max));
    }
    Ok(text)
}

fn too_many_digits(vm: &Vm, max: usize) -> crate::vm::PyErr {
    vm.value_error(format!(
        "Exceeds the limit ({max} digits) for integer string conversion; use \
         sys.set_int_max_str_digits() to increase the limit"
    ))
}
