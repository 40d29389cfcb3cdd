//! The runtime side of `match` statements (PEP 634): what kind of subject each pattern kind
//! accepts and which values it hands to its sub-patterns. The control flow (trying cases in
//! order, binding names, guards) is compiled (see `compile/codegen_match.rs`).

use super::{Exc, PyResult, Vm};
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;

impl Vm {
    /// `case [...]`: a list, tuple or range (or an instance extending one; never a str, bytes
    /// or mapping) whose length is `n`, or at least `n` with a starred sub-pattern.
    pub fn match_sequence(&self, subject: &PyRef, n: usize, star: bool) -> PyResult<bool> {
        let value = self.builtin_receiver(subject);
        if !matches!(&**value, Obj::List(_) | Obj::Tuple(_) | Obj::Range(_)) {
            return Ok(false);
        }
        let len = self.len(value)?;
        Ok(if star { len >= n } else { len == n })
    }

    /// `case {k: ...}`: the values of `keys` in a dict subject (None if it is not a mapping or
    /// lacks a key), and, when `rest` is asked for, a new dict of the other items.
    pub fn match_mapping(
        &self,
        subject: &PyRef,
        keys: &[PyRef],
        rest: bool,
    ) -> PyResult<Option<(PyRef, Option<PyRef>)>> {
        let mapping = self.builtin_receiver(subject);
        if !matches!(&**mapping, Obj::Dict(_)) {
            return Ok(None);
        }
        let mut values = Vec::with_capacity(keys.len());
        for (i, key) in keys.iter().enumerate() {
            if keys[..i].iter().any(|k| self.eq(k, key).unwrap_or(false)) {
                return Err(self.value_error(format!(
                    "mapping pattern checks duplicate key ({})",
                    self.repr(key)?
                )));
            }
            match self.dict_get(mapping, key)? {
                Some(v) => values.push(v),
                None => return Ok(None),
            }
        }
        let rest = if rest {
            let copy = self.dict_copy(mapping)?;
            for key in keys {
                self.dict_remove(&copy, key)?;
            }
            Some(copy)
        } else {
            None
        };
        Ok(Some((self.new_tuple(values)?, rest)))
    }

    /// `case C(...)`: if the subject is an instance of `class`, its `npos` positional
    /// attributes (named by `C.__match_args__`, or the subject itself for the built-in types
    /// that match themselves, like `int(x)`) followed by the attributes named in `kwnames`;
    /// None when it is not an instance or lacks an attribute.
    pub fn match_class(
        &self,
        subject: &PyRef,
        class: &PyRef,
        npos: usize,
        kwnames: &[PyRef],
    ) -> PyResult<Option<PyRef>> {
        if !matches!(&**class, Obj::Class(_)) {
            return Err(self.type_error("called match pattern must be a class"));
        }
        if !self.is_subclass(&self.type_of(subject), class) {
            return Ok(None);
        }
        let mut names = self.positional_match_names(class, npos)?;
        names.extend(kwnames.iter().cloned().map(Some));
        let mut values = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let Some(name) = name else {
                values.push(subject.clone()); // a self-matching built-in type
                continue;
            };
            if names[..i]
                .iter()
                .flatten()
                .any(|n| n.as_str() == name.as_str())
            {
                return Err(self.type_error(format!(
                    "{}() got multiple sub-patterns for attribute {}",
                    self.class_name(class),
                    self.repr(name)?
                )));
            }
            match self.get_attr(subject, name) {
                Ok(v) => values.push(v),
                Err(e) if self.exc_matches(&e.0, Exc::AttributeError) => return Ok(None),
                Err(e) => return Err(e),
            }
        }
        Ok(Some(self.new_tuple(values)?))
    }

    /// The attribute names of `npos` positional sub-patterns of `class(...)`; `None` stands
    /// for the subject itself (`int(x)`, `str(s)`, ...).
    fn positional_match_names(&self, class: &PyRef, npos: usize) -> PyResult<Vec<Option<PyRef>>> {
        if npos == 0 {
            return Ok(Vec::new());
        }
        if self.matches_itself(class) {
            if npos > 1 {
                return Err(self.type_error(format!(
                    "{}() accepts 1 positional sub-pattern ({npos} given)",
                    self.class_name(class)
                )));
            }
            return Ok(vec![None]);
        }
        let match_args = match self.class_lookup(class, "__match_args__") {
            Some(args) => match &*args {
                Obj::Tuple(items) => items.to_vec(),
                _ => {
                    return Err(self.type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        self.class_name(class),
                        self.type_name(&args)
                    )))
                }
            },
            None => Vec::new(),
        };
        if match_args.len() < npos {
            let accepts = match_args.len();
            return Err(self.type_error(format!(
                "{}() accepts {accepts} positional sub-pattern{} ({npos} given)",
                self.class_name(class),
                if accepts == 1 { "" } else { "s" }
            )));
        }
        Ok(match_args.into_iter().take(npos).map(Some).collect())
    }

    /// Built-in types whose single positional sub-pattern matches the subject itself.
    fn matches_itself(&self, class: &PyRef) -> bool {
        let t = &self.types;
        [
            &t.bool,
            &t.bytes,
            &t.dict,
            &t.float,
            &t.frozenset,
            &t.int,
            &t.list,
            &t.set,
            &t.str,
            &t.tuple,
        ]
        .into_iter()
        .any(|c| Gc::ptr_eq(c, class))
    }
}
