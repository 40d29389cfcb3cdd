//! `list.sort` and `sorted()`: a stable bottom-up merge sort whose comparison may fail (it
//! runs Python code); std's sort may panic on an inconsistent order, which a user `__lt__`
//! can produce.

use crate::objects::PyRef;
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

/// Sorts values in place by `key` (optional) and `reverse`, stably.
pub fn sort_values(
    vm: &Vm,
    items: &mut Vec<PyRef>,
    key: Option<&PyRef>,
    reverse: bool,
) -> PyResult<()> {
    let key = key.filter(|k| !vm.is_none(k));
    let mut keyed: Vec<(PyRef, PyRef)> = Vec::with_capacity(items.len());
    for v in items.drain(..) {
        let k = match key {
            Some(f) => vm.call(f, std::slice::from_ref(&v))?,
            None => v.clone(),
        };
        keyed.push((k, v));
    }
    if reverse {
        keyed.reverse();
    }
    merge_sort(&mut keyed, |a, b| vm.less(&a.0, &b.0))?;
    if reverse {
        keyed.reverse();
    }
    items.extend(keyed.into_iter().map(|(_, v)| v));
    Ok(())
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
