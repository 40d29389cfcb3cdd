//! The method resolution order: C3 linearization, as CPython computes `__mro__`.
//!
//! A class's order is the class itself followed by the merge of its bases' orders and of the
//! list of its bases: repeatedly take the first head (the first class of one of the lists)
//! that appears in no list's tail, remove it from every list, and append it. The result keeps
//! each base before its own bases and the bases in the order they were written; when no head
//! qualifies, no consistent order exists and the class statement fails.
//!
//! ```
//! use pymm_python::objects::mro::c3_merge;
//! // class O; class A(O); class B(O); class C(A, B): the order after C is A, B, O
//! let merged = c3_merge(vec![vec!["A", "O"], vec!["B", "O"], vec!["A", "B"]], |a, b| a == b);
//! assert_eq!(merged, Ok(vec!["A", "B", "O"]));
//! ```

use super::{Obj, PyRef};
use crate::rt::Gc;

/// `class` followed by its method resolution order (`class.__mro__`).
pub fn class_and_mro(class: &PyRef) -> Vec<PyRef> {
    let mut out = vec![class.clone()];
    if let Obj::Class(c) = &**class {
        out.extend(c.mro.iter().cloned());
    }
    out
}

/// The method resolution order after a new class with `bases` (`__mro__[1:]`), or, when the
/// bases admit no consistent order, the classes left at the heads of the merge.
pub fn linearize(bases: &[PyRef]) -> Result<Vec<PyRef>, Vec<PyRef>> {
    let mut lists: Vec<Vec<PyRef>> = bases.iter().map(class_and_mro).collect();
    lists.push(bases.to_vec());
    c3_merge(lists, Gc::ptr_eq)
}

/// Merges `lists` by C3 (see the module docs). When no consistent order exists, gives the
/// distinct heads of the lists left (what CPython names in its error).
pub fn c3_merge<T: Clone>(
    mut lists: Vec<Vec<T>>,
    same: impl Fn(&T, &T) -> bool,
) -> Result<Vec<T>, Vec<T>> {
    let mut out = Vec::new();
    // The lists are reversed so that taking a head is a pop from the end.
    lists.iter_mut().for_each(|l| l.reverse());
    loop {
        lists.retain(|l| !l.is_empty());
        if lists.is_empty() {
            return Ok(out);
        }
        let in_a_tail = |c: &T| {
            lists
                .iter()
                .any(|l| l[..l.len() - 1].iter().any(|x| same(x, c)))
        };
        let Some(head) = lists
            .iter()
            .map(|l| &l[l.len() - 1])
            .find(|h| !in_a_tail(h))
            .cloned()
        else {
            let mut heads: Vec<T> = Vec::new();
            for head in lists.iter().map(|l| &l[l.len() - 1]) {
                if !heads.iter().any(|h| same(h, head)) {
                    heads.push(head.clone());
                }
            }
            return Err(heads);
        };
        for l in &mut lists {
            if same(&l[l.len() - 1], &head) {
                l.pop();
            }
        }
        out.push(head);
    }
}

#[cfg(test)]
mod tests {
    use super::c3_merge;

    fn mro(lists: Vec<Vec<&str>>) -> Result<Vec<&str>, Vec<&str>> {
        c3_merge(lists, |a, b| a == b)
    }

    #[test]
    fn diamond() {
        // class D(B, C) where B(A), C(A), A(O)
        let merged = mro(vec![
            vec!["B", "A", "O"],
            vec!["C", "A", "O"],
            vec!["B", "C"],
        ]);
        assert_eq!(merged, Ok(vec!["B", "C", "A", "O"]));
    }

    #[test]
    fn inconsistent_order_is_refused() {
        // class X(A, B) and class Y(B, A) exist; class Z(X, Y) has no order
        let merged = mro(vec![
            vec!["X", "A", "B", "O"],
            vec!["Y", "B", "A", "O"],
            vec!["X", "Y"],
        ]);
        assert_eq!(merged, Err(vec!["A", "B"]));
    }
}
