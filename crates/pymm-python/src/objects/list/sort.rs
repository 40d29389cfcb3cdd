//! `list.sort` and `sorted()`: a stable bottom-up merge sort whose comparison may fail (it
//! runs Python code); std's sort may panic on an inconsistent order, which a user `__lt__`
//! can produce.

use crate::objects::{Obj, PyRef};
use crate::vm::{PyResult, Vm};

/// Sorts `items` stably with `less`, stopping at the first error.
fn merge_sort<T: Clone>(
    items: &mut Vec<T>,
    mut less: impl FnMut(&T, &T) -> PyResult<bool>,
) -> PyResult<()> {
    let n = items.len();
    let mut width = 1;
    let mut buf: Vec<T> = Vec::with_capacity(n);
    while width < n {
        buf.clear();
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            while i < mid && j < end {
                if less(&items[j], &items[i])? {
                    buf.push(items[j].clone());
                    j += 1;
                } else {
                    buf.push(items[i].clone());
                    i += 1;
                }
            }
            buf.extend_from_slice(&items[i..mid]);
            buf.extend_from_slice(&items[j..end]);
            start = end;
        }
        std::mem::swap(items, &mut buf);
        width *= 2;
    }
    Ok(())
}

/// Sorts values in place by `key` (optional) and `reverse`, stably. The items are sorted
/// through a permutation of their positions: moving a `u32` costs nothing, where moving the
/// (key, value) pairs costs two count changes a time. On an error (from a key function or a
/// comparison) `items` keeps its order and all its values.
pub fn sort_values(
    vm: &Vm,
    items: &mut Vec<PyRef>,
    key: Option<&PyRef>,
    reverse: bool,
) -> PyResult<()> {
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    let key = key.filter(|k| !vm.is_none(k));
    let keys: Vec<PyRef> = match key {
        Some(f) => {
            let mut keys = Vec::with_capacity(n);
            for v in items.iter() {
                keys.push(vm.call(f, std::slice::from_ref(v))?);
            }
            keys
        }
        None => items.clone(),
    };
    let mut order: Vec<u32> = (0..n as u32).collect();
    // reversed before and after, so that equal keys keep their order (as CPython does)
    if reverse {
        order.reverse();
    }
    if !sort_native(&keys, &mut order) {
        let less = |a: &u32, b: &u32| vm.less(&keys[*a as usize], &keys[*b as usize]);
        if !is_sorted(&order, less)? {
            merge_sort(&mut order, less)?;
        }
    }
    if reverse {
        order.reverse();
    }
    drop(keys);
    let mut taken: Vec<Option<PyRef>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| taken[i as usize].take()));
    Ok(())
}

/// True when `order` is already in order by `less` (n - 1 comparisons, as timsort's first
/// run finds: a sorted input costs no merge).
fn is_sorted(order: &[u32], mut less: impl FnMut(&u32, &u32) -> PyResult<bool>) -> PyResult<bool> {
    for pair in order.windows(2) {
        if less(&pair[1], &pair[0])? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Sorts `order` by `keys` without Python code when every key is an int, every key a
/// float other than NaN, or every key a str (CPython's `unsafe_long_compare`,
/// `unsafe_float_compare`, `unsafe_latin_compare`): a total order, so std's stable sort
/// may be used. False (nothing done) for any other keys.
fn sort_native(keys: &[PyRef], order: &mut [u32]) -> bool {
    let at = |i: &u32| &*keys[*i as usize];
    match &*keys[0] {
        Obj::Int(_) if keys.iter().all(|k| matches!(&**k, Obj::Int(_))) => {
            order.sort_by_key(|i| match at(i) {
                Obj::Int(v) => *v,
                _ => unreachable!("checked: every key is an int"),
            });
            true
        }
        Obj::Float(_)
            if keys
                .iter()
                .all(|k| matches!(&**k, Obj::Float(f) if !f.is_nan())) =>
        {
            let value = |i: &u32| match at(i) {
                Obj::Float(v) => *v,
                _ => unreachable!("checked: every key is a float"),
            };
            // no NaN: partial_cmp is total, and -0.0 equals 0.0 as in Python
            order.sort_by(|a, b| {
                value(a)
                    .partial_cmp(&value(b))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            true
        }
        // UTF-8's byte order is the code points' order, which Python's str comparison uses
        Obj::Str(_) if keys.iter().all(|k| matches!(&**k, Obj::Str(_))) => {
            order.sort_by(|a, b| match (at(a), at(b)) {
                (Obj::Str(x), Obj::Str(y)) => x.as_str().cmp(y.as_str()),
                _ => unreachable!("checked: every key is a str"),
            });
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::merge_sort;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        merge_sort(&mut v, |a, b| Ok(a.0 < b.0)).ok();
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }
}
