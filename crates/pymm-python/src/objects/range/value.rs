//! A range's arithmetic on ints of any size (CPython's `Objects/rangeobject.c` computes on
//! Python ints throughout): the length, the items, membership, slicing and equality of a
//! range whose bounds, length or index do not fit in 64 bits. Ranges whose bounds fit are
//! `Obj::Range` (the fast path of loops); the others are `Obj::BigRange`, made only by
//! [`new_range`], so that one range has one representation.

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::objects::{Obj, PyRef};
use crate::vm::{PyResult, Vm};

/// `(start, stop, step)` of a range, as ints of any size (the step is never 0).
pub type Bounds = [BigInt; 3];

/// The bounds of a range of either representation, or `None` for any other value.
pub fn bounds_of(obj: &Obj) -> Option<Bounds> {
    match obj {
        Obj::Range(r) => Some(r.map(BigInt::from)),
        Obj::BigRange(r) => Some((**r).clone()),
        _ => None,
    }
}

/// A new range: `Obj::Range` when its bounds fit in 64 bits, `Obj::BigRange` otherwise.
pub fn new_range(vm: &Vm, bounds: Bounds) -> PyResult {
    let [start, stop, step] = &bounds;
    match (start.to_i64(), stop.to_i64(), step.to_i64()) {
        (Some(start), Some(stop), Some(step)) => {
            vm.alloc(Obj::Range(Box::new([start, stop, step])))
        }
        _ => vm.alloc(Obj::BigRange(Box::new(bounds))),
    }
}

/// How many items `range(start, stop, step)` has (CPython's `compute_range_length`).
pub fn length([start, stop, step]: &Bounds) -> BigInt {
    if step.is_positive() && start < stop {
        (stop - start - 1u8) / step + 1u8
    } else if step.is_negative() && start > stop {
        (start - stop - 1u8) / -step + 1u8
    } else {
        BigInt::zero()
    }
}

/// The item at `index`, which the caller has checked lies in the range.
pub fn item([start, _, step]: &Bounds, index: &BigInt) -> BigInt {
    start + step * index
}

/// `range[index]` for an index of any size (negative ones count from the end).
pub fn get(vm: &Vm, bounds: &Bounds, index: &BigInt) -> PyResult {
    let len = length(bounds);
    let i = if index.is_negative() {
        index + &len
    } else {
        index.clone()
    };
    if i.is_negative() || i >= len {
        return Err(vm.index_error("range object index out of range"));
    }
    vm.new_bigint(item(bounds, &i))
}

/// Whether the int `value` is one of the range's items.
pub fn contains([start, stop, step]: &Bounds, value: &BigInt) -> bool {
    let inside = if step.is_positive() {
        start <= value && value < stop
    } else {
        stop < value && value <= start
    };
    inside && ((value - start) % step).is_zero()
}

/// What makes two ranges equal (CPython's `range_equals`): the same items, so the length,
/// the first item when there is one, and the step when there are two or more. A range's
/// hash is that of this triple, with None for what equality ignores (`range_hash`).
pub fn identity(bounds: &Bounds) -> (BigInt, Option<BigInt>, Option<BigInt>) {
    let len = length(bounds);
    let first = (!len.is_zero()).then(|| bounds[0].clone());
    let step = (len > BigInt::one()).then(|| bounds[2].clone());
    (len, first, step)
}

/// `range[slice]` (CPython's `compute_slice`): the slice's indices over the range's
/// length (`_PySlice_GetLongIndices`), mapped through the range's items.
pub fn slice(vm: &Vm, bounds: &Bounds, slice: &[PyRef; 3]) -> PyResult {
    let [start, stop, step] = slice_indices(vm, slice, &length(bounds))?;
    let new_step = &bounds[2] * &step;
    new_range(vm, [item(bounds, &start), item(bounds, &stop), new_step])
}

/// `_PySlice_GetLongIndices`: a slice's start, stop and step over a sequence of `len`,
/// clamped to it, for lengths and bounds of any size.
fn slice_indices(vm: &Vm, slice: &[PyRef; 3], len: &BigInt) -> PyResult<Bounds> {
    let part = |v: &PyRef| -> PyResult<Option<BigInt>> {
        if vm.is_none(v) {
            return Ok(None);
        }
        vm.index_big(v)?.map(Some).ok_or_else(|| {
            vm.type_error("slice indices must be integers or None or have an __index__ method")
        })
    };
    let step = part(&slice[2])?.unwrap_or_else(BigInt::one);
    if step.is_zero() {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let (lower, upper) = if step.is_negative() {
        (BigInt::from(-1), len - 1u8)
    } else {
        (BigInt::zero(), len.clone())
    };
    let clamp = |v: Option<BigInt>, default: &BigInt| -> BigInt {
        let Some(mut i) = v else {
            return default.clone();
        };
        if i.is_negative() {
            i += len;
            if i < lower {
                i = lower.clone();
            }
        } else if i > upper {
            i = upper.clone();
        }
        i
    };
    let (start_default, stop_default) = if step.is_negative() {
        (&upper, &lower)
    } else {
        (&lower, &upper)
    };
    let start = clamp(part(&slice[0])?, start_default);
    let stop = clamp(part(&slice[1])?, stop_default);
    Ok([start, stop, step])
}

/// The state of an iterator over a range of any size (CPython's `longrangeiterobject`):
/// the item at `index` is `start + index * step`, and there are `len` of them.
#[derive(Clone)]
pub struct BigRangeIter {
    /// The first item.
    pub start: BigInt,
    /// The difference between consecutive items.
    pub step: BigInt,
    /// How many items there are.
    pub len: BigInt,
    /// How many have been given.
    pub index: BigInt,
}

impl BigRangeIter {
    /// An iterator over the range's items, backwards when `reversed`.
    pub fn new(bounds: &Bounds, reversed: bool) -> Self {
        let len = length(bounds);
        let (start, step) = if reversed && !len.is_zero() {
            (item(bounds, &(&len - 1u8)), -&bounds[2])
        } else {
            (bounds[0].clone(), bounds[2].clone())
        };
        BigRangeIter {
            start,
            step,
            len,
            index: BigInt::zero(),
        }
    }

    /// The next item, or `None` at the end.
    pub fn next_item(&mut self) -> Option<BigInt> {
        if self.index >= self.len {
            return None;
        }
        let value = &self.start + &self.step * &self.index;
        self.index += 1u8;
        Some(value)
    }

    /// The bounds of a range with the iterator's items (its `__reduce__`).
    pub fn bounds(&self) -> Bounds {
        let stop = &self.start + &self.step * &self.len;
        [self.start.clone(), stop, self.step.clone()]
    }

    /// `__setstate__(index)`: the position, clamped to `0..=len`.
    pub fn set_index(&mut self, index: BigInt) {
        self.index = index.clamp(BigInt::zero(), self.len.clone());
    }
}
