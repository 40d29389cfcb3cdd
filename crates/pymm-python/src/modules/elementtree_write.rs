//! `_elementtree_write`: ElementTree's XML serializer (`_serialize_xml` in ElementTree.py)
//! for a tree of plain elements, as one native walk that hands the whole text to `write`
//! once. CPython serializes in Python over its C elements; pymm's elements are Python
//! instances, and the Python serializer's calls per element (`write`, the escapes, `items`,
//! the recursion) were most of `tostring`'s time.
//!
//! `serialize_xml(write, elem, qnames, namespaces, short_empty_elements, element)` returns
//! False, having written nothing, when the tree holds anything but instances of `element`
//! (ElementTree's `Element` class) with str tags, attribute names and values, text and tails
//! (comments, processing instructions, QName objects, subclasses that may override methods,
//! values the Python serializer raises on) or when namespace declarations are to be written:
//! `_elementtree.py` then runs the Python serializer, which does all that as ever.

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("serialize_xml", serialize_xml),
    BuiltinFn::new("plain_qnames", plain_qnames),
];

pub fn build(vm: &Vm) -> PyResult {
    let m = vm.new_module("_elementtree_write")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}

/// See the module's documentation.
fn serialize_xml(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "serialize_xml", 6, 6, &[])?;
    let [write, elem, qnames, namespaces, short_empty, element] = a.pos else {
        return Err(vm.type_error("serialize_xml() takes 6 arguments"));
    };
    if !vm.is_none(namespaces) && vm.truthy(namespaces)? {
        return Ok(vm.bool(false));
    }
    if !matches!(&**qnames, Obj::Dict(_)) {
        return Ok(vm.bool(false));
    }
    let writer = Writer {
        vm,
        qnames,
        element,
        short_empty: vm.truthy(short_empty)?,
        out: String::new(),
    };
    match writer.tree(elem)? {
        Some(text) => {
            vm.call(write, &[vm.str(text)?])?;
            Ok(vm.bool(true))
        }
        None => Ok(vm.bool(false)),
    }
}

/// `plain_qnames(elem, element)`: the `qnames` table of ElementTree's `_namespaces` for a
/// tree of instances of `element` whose tags and attribute names are plain str names (no
/// `{uri}`), each standing for itself, with no QName anywhere; None for any other tree,
/// which `_namespaces` then reads in Python.
fn plain_qnames(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "plain_qnames", 2, 2, &[])?;
    let (root, element) = (&a.pos[0], &a.pos[1]);
    let qnames = vm.dict()?;
    vm.dict_set(&qnames, vm.none(), vm.none())?;
    let names = ["tag", "attrib", "text", "_children"].map(|n| vm.intern_static(n));
    let plain = |name: &PyRef| name.as_str().is_some_and(|s| !s.starts_with('{'));
    // an explicit stack: a deep tree must not grow the Rust stack
    let mut stack = vec![root.clone()];
    while let Some(elem) = stack.pop() {
        if !matches!(&*elem, Obj::Instance(_)) || !PyRef::ptr_eq(&vm.type_of(&elem), element) {
            return Ok(vm.none());
        }
        let [tag, attrib, text, children] =
            vm.instance_get_names(&elem, std::array::from_fn(|i| &names[i]));
        let (Some(tag), Some(attrib), Some(Obj::List(children))) =
            (tag, attrib, children.as_deref())
        else {
            return Ok(vm.none());
        };
        // a QName (an instance) as text or value is looked up in Python
        if !plain(&tag) || text.is_some_and(|t| matches!(&*t, Obj::Instance(_))) {
            return Ok(vm.none());
        }
        vm.dict_set(&qnames, tag.clone(), tag)?;
        if !matches!(&*attrib, Obj::Dict(_)) {
            return Ok(vm.none());
        }
        let items = vm.table_pairs(&attrib)?;
        for (key, value) in items {
            if !plain(&key) || matches!(&*value, Obj::Instance(_)) {
                return Ok(vm.none());
            }
            vm.dict_set(&qnames, key.clone(), key)?;
        }
        stack.extend(children.borrow().iter().rev().cloned());
    }
    Ok(qnames)
}

/// An element being written: its children not yet written, then its end tag and tail.
struct Open {
    children: Vec<PyRef>,
    next: usize,
    /// The qualified tag to close with, None for an element written as `<tag />`.
    close: Option<PyRef>,
    tail: Option<PyRef>,
}

struct Writer<'a> {
    vm: &'a Vm,
    qnames: &'a PyRef,
    element: &'a PyRef,
    short_empty: bool,
    out: String,
}

/// The str in `obj`, or None to leave the tree to the Python serializer.
fn text_of(obj: &PyRef) -> Option<&str> {
    obj.as_str()
}

impl Writer<'_> {
    /// The whole tree's text, or None when a part of it is not plain.
    fn tree(mut self, root: &PyRef) -> PyResult<Option<String>> {
        let Some(first) = self.open(root)? else {
            return Ok(None);
        };
        // an explicit stack: a deep tree must not grow the Rust stack
        let mut stack = vec![first];
        while let Some(top) = stack.last_mut() {
            if let Some(child) = top.children.get(top.next).cloned() {
                top.next += 1;
                match self.open(&child)? {
                    Some(open) => stack.push(open),
                    None => return Ok(None),
                }
                continue;
            }
            let Some(done) = stack.pop() else { break };
            if let Some(tag) = &done.close {
                self.out.push_str("</");
                self.out.push_str(text_of(tag).unwrap_or_default());
                self.out.push('>');
            }
            if let Some(tail) = &done.tail {
                escape_cdata(&mut self.out, text_of(tail).unwrap_or_default());
            }
        }
        Ok(Some(self.out))
    }

    /// `qnames[name]` when it is a str.
    fn qname(&self, name: &PyRef) -> PyResult<Option<PyRef>> {
        Ok(self
            .vm
            .dict_get(self.qnames, name)?
            .filter(|q| q.as_str().is_some()))
    }

    /// Writes an element's start tag and text; its children, end tag and tail to come.
    fn open(&mut self, elem: &PyRef) -> PyResult<Option<Open>> {
        let vm = self.vm;
        if !matches!(&**elem, Obj::Instance(_)) || !PyRef::ptr_eq(&vm.type_of(elem), self.element) {
            return Ok(None);
        }
        let names = ["tag", "attrib", "text", "tail", "_children"].map(|n| vm.intern_static(n));
        let [tag, attrib, text, tail, children] =
            vm.instance_get_names(elem, std::array::from_fn(|i| &names[i]));
        let (Some(tag), Some(attrib), Some(children)) = (tag, attrib, children) else {
            return Ok(None);
        };
        // text and tail: a str, or None (the class's default when never set)
        let optional = |value: Option<PyRef>| match value {
            None => Some(None),
            Some(v) if vm.is_none(&v) => Some(None),
            Some(v) if v.as_str().is_some() => Some(Some(v)),
            Some(_) => None,
        };
        let (Some(text), Some(tail)) = (optional(text), optional(tail)) else {
            return Ok(None);
        };
        let (Some(_), Some(qtag)) = (tag.as_str(), self.qname(&tag)?) else {
            return Ok(None);
        };
        let Obj::List(children) = &*children else {
            return Ok(None);
        };
        let children = children.borrow().to_vec();
        if !self.attributes(&qtag, &attrib)? {
            return Ok(None);
        }
        let text = text.filter(|t| !t.as_str().unwrap_or_default().is_empty());
        let tail = tail.filter(|t| !t.as_str().unwrap_or_default().is_empty());
        if text.is_none() && children.is_empty() && self.short_empty {
            self.out.push_str(" />");
            return Ok(Some(Open {
                children,
                next: 0,
                close: None,
                tail,
            }));
        }
        self.out.push('>');
        if let Some(text) = &text {
            escape_cdata(&mut self.out, text_of(text).unwrap_or_default());
        }
        Ok(Some(Open {
            children,
            next: 0,
            close: Some(qtag),
            tail,
        }))
    }

    /// Writes `<tag` and the attributes; false when one is not plain.
    fn attributes(&mut self, qtag: &PyRef, attrib: &PyRef) -> PyResult<bool> {
        let vm = self.vm;
        if !matches!(&**attrib, Obj::Dict(_)) {
            return Ok(false);
        }
        let items = vm.table_pairs(attrib)?;
        self.out.push('<');
        self.out.push_str(text_of(qtag).unwrap_or_default());
        for (key, value) in items {
            let (Some(_), Some(value)) = (key.as_str(), value.as_str()) else {
                return Ok(false);
            };
            let Some(qkey) = self.qname(&key)? else {
                return Ok(false);
            };
            self.out.push(' ');
            self.out.push_str(text_of(&qkey).unwrap_or_default());
            self.out.push_str("=\"");
            escape_attrib(&mut self.out, value);
            self.out.push('"');
        }
        Ok(true)
    }
}

/// `_escape_cdata`: `&`, `<` and `>` as entities.
fn escape_cdata(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// `_escape_attrib`: also quotes, and CR, LF and TAB as character references (so that they
/// survive an attribute value's normalization).
fn escape_attrib(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\r', '\n', '\t']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\r' => "&#13;",
            b'\n' => "&#10;",
            _ => "&#09;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_elementtree_does() {
        let mut out = String::new();
        escape_cdata(&mut out, "a&b<c>d\"\n");
        assert_eq!(out, "a&amp;b&lt;c&gt;d\"\n");
        out.clear();
        escape_attrib(&mut out, "a&b<c>d\"\r\n\té");
        assert_eq!(out, "a&amp;b&lt;c&gt;d&quot;&#13;&#10;&#09;é");
    }
}
