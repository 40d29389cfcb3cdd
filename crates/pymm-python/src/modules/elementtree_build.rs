//! `_elementtree_build`: the tree building that CPython's `_elementtree` does in C, for
//! `xml.etree.ElementTree.XMLParser` over the default `TreeBuilder` (see `_elementtree.py`).
//!
//! `dispatch(parser, events, i, builder, element, batch, start, end)` takes the events that
//! `_pyexpat_scan.scan` read from one chunk, from index `i` on, and does for each what
//! pyexpat's dispatch, `XMLParser._start`/`_end` and `TreeBuilder.start`/`end`/`data` would
//! do in Python, on the same state: the parser's open names (`_stack`, `_root_done`) and the
//! builder's element stack, pending text, last element, tail flag and root. Elements are
//! instances of `element` (ElementTree's `Element` class) made here with the three
//! attributes its `__init__` sets. With `batch` a list, `(start, elem)` and `(end, elem)`
//! tuples go in it for the events `XMLPullParser` reports.
//!
//! It stops at the first event that needs more than that (a comment, a processing
//! instruction, a DOCTYPE, text outside the root, a mismatched end tag, names with a
//! prefix or namespace declarations, ...) and returns its index: pyexpat dispatches that
//! event in Python, with its handlers, errors and namespace processing, then calls back.
//! No Python code runs in between, so the state read at the start stays current.

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[BuiltinFn::new("dispatch", dispatch)];

/// Event kinds of `_pyexpat_scan.scan` (four list items per event: kind, offset, a, b).
const START: i64 = 0;
const END: i64 = 1;
const TEXT: i64 = 2;

pub fn build(vm: &Vm) -> PyResult {
    let m = vm.new_module("_elementtree_build")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}

/// A list argument or state attribute.
fn list<'a>(vm: &Vm, obj: &'a PyRef, what: &str) -> PyResult<&'a crate::objects::ListCell> {
    match &**obj {
        Obj::List(l) => Ok(l),
        _ => Err(vm.type_error(format!("{what} must be a list"))),
    }
}

/// The state of the builder and parser that a run of events changes.
struct Build<'a> {
    vm: &'a Vm,
    /// ElementTree's `Element` class.
    element: &'a PyRef,
    /// The parser's open element names (`_stack`).
    names: &'a crate::objects::ListCell,
    /// The builder's open elements (`_elem`).
    elems: &'a crate::objects::ListCell,
    /// The builder's pending text pieces (`_data`).
    data: &'a crate::objects::ListCell,
    last: PyRef,
    tail: bool,
    root: PyRef,
    root_done: bool,
}

impl Build<'_> {
    fn name(&self, s: &'static str) -> PyRef {
        self.vm.intern_static(s)
    }

    /// `TreeBuilder._flush`: the pending text becomes the last element's text, or its tail
    /// after its end tag.
    fn flush(&mut self) -> PyResult<()> {
        let pieces: Vec<PyRef> = {
            let data = self.data.borrow();
            if data.is_empty() {
                return Ok(());
            }
            data.to_vec()
        };
        drop(self.data.replace(Vec::new()));
        if self.vm.is_none(&self.last) {
            return Ok(());
        }
        let text = if pieces.len() == 1 && pieces[0].as_str().is_some() {
            pieces[0].clone()
        } else {
            let mut joined = String::new();
            for piece in &pieces {
                let Some(s) = piece.as_str() else {
                    return Err(self.vm.type_error("character data must be str"));
                };
                joined.push_str(s);
            }
            self.vm.str(joined)?
        };
        let field = self.name(if self.tail { "tail" } else { "text" });
        self.vm.instance_set(&self.last, &field, text)
    }

    /// An element as `Element(tag, attrib)` makes it: its attributes set in `__init__`'s
    /// order, so that it shares the class's layout with the elements made in Python.
    fn new_element(&self, tag: PyRef, attrs: &PyRef) -> PyResult {
        let vm = self.vm;
        let attrib = vm.dict()?;
        if let Obj::List(flat) = &**attrs {
            let flat = flat.borrow().to_vec();
            for pair in flat.chunks(2) {
                if let [key, value] = pair {
                    vm.dict_set(&attrib, key.clone(), value.clone())?;
                }
            }
        }
        let elem = vm.new_instance(self.element, None)?;
        vm.instance_set(&elem, &self.name("tag"), tag)?;
        vm.instance_set(&elem, &self.name("attrib"), attrib)?;
        vm.instance_set(&elem, &self.name("_children"), vm.list(Vec::new())?)?;
        Ok(elem)
    }

    /// A start tag; false when it is left to pyexpat.
    fn start(&mut self, name: &PyRef, attrs: &PyRef) -> PyResult<Option<PyRef>> {
        let Some(text) = name.as_str() else {
            return Ok(None);
        };
        // the first element outside the root is an error; a prefix or a declaration turns
        // namespace processing on
        if (self.names.is_empty() && self.root_done) || text.contains(':') {
            return Ok(None);
        }
        if let Obj::List(flat) = &**attrs {
            let plain = flat.borrow().iter().step_by(2).all(|key| {
                key.as_str()
                    .is_some_and(|k| !k.contains(':') && k != "xmlns")
            });
            if !plain {
                return Ok(None);
            }
        }
        self.names.append(name.clone());
        self.flush()?;
        let elem = self.new_element(name.clone(), attrs)?;
        let parent = self.elems.borrow().last().cloned();
        match parent {
            Some(parent) => self.append_child(&parent, elem.clone())?,
            None if self.vm.is_none(&self.root) => self.root = elem.clone(),
            None => {}
        }
        self.elems.append(elem.clone());
        self.last = elem.clone();
        self.tail = false;
        Ok(Some(elem))
    }

    /// `parent.append(child)` of an element made by ElementTree's class.
    fn append_child(&self, parent: &PyRef, child: PyRef) -> PyResult<()> {
        let vm = self.vm;
        let name = self.name("_children");
        let children = match vm.instance_get_name(parent, &name) {
            Some(children) => children,
            None => vm.get_attr(parent, &name)?,
        };
        list(vm, &children, "Element._children")?.append(child);
        Ok(())
    }

    /// An end tag; None when it is left to pyexpat (a mismatch, reported there).
    fn end(&mut self, name: &PyRef) -> PyResult<Option<PyRef>> {
        let matches = {
            let names = self.names.borrow();
            match (names.last(), name.as_str()) {
                (Some(open), Some(name)) => open.as_str() == Some(name),
                _ => false,
            }
        };
        if !matches || self.elems.is_empty() {
            return Ok(None);
        }
        let done = {
            let mut names = self.names.borrow_mut();
            names.pop();
            names.is_empty()
        };
        if done {
            self.root_done = true;
        }
        self.flush()?;
        let elem = self.elems.borrow_mut().pop();
        let Some(elem) = elem else {
            return Ok(None);
        };
        self.last = elem.clone();
        self.tail = true;
        Ok(Some(elem))
    }
}

/// See the module's documentation: the index of the first event left to pyexpat.
fn dispatch(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "dispatch", 8, 8, &[])?;
    let [parser, events, index, builder, element, batch, start_event, end_event] = a.pos else {
        return Err(vm.type_error("dispatch() takes 8 arguments"));
    };
    let events = list(vm, events, "events")?;
    let mut i = usize::try_from(vm.index_value(index, "index")?).unwrap_or(0);
    let attr = |obj: &PyRef, name: &'static str| vm.get_attr(obj, &vm.intern_static(name));
    if vm.truthy(&attr(parser, "_namespaced")?)? {
        return vm.new_int(i as i64);
    }
    let (names, elems, data) = (
        attr(parser, "_stack")?,
        attr(builder, "_elem")?,
        attr(builder, "_data")?,
    );
    let batch = match &**batch {
        Obj::List(l) => Some(l),
        _ => None,
    };
    // `(event, elem)` for the events XMLPullParser asked for
    let report = |start: bool, elem: &PyRef| {
        let event = if start { start_event } else { end_event };
        if let Some(batch) = batch {
            if !vm.is_none(event) {
                batch.append(vm.tuple(vec![event.clone(), elem.clone()]));
            }
        }
    };
    let mut build = Build {
        vm,
        element,
        names: list(vm, &names, "parser._stack")?,
        elems: list(vm, &elems, "TreeBuilder._elem")?,
        data: list(vm, &data, "TreeBuilder._data")?,
        last: attr(builder, "_last")?,
        tail: vm.truthy(&attr(builder, "_tail")?)?,
        root: attr(builder, "_root")?,
        root_done: vm.truthy(&attr(parser, "_root_done")?)?,
    };
    let result = run(&mut build, events, &mut i, &report);
    // the state goes back even after an error, as the Python handlers leave it
    let store =
        |name: &'static str, value: PyRef| vm.set_attr(builder, &vm.intern_static(name), value);
    store("_last", build.last.clone())?;
    store("_tail", vm.new_int(i64::from(build.tail))?)?;
    store("_root", build.root.clone())?;
    vm.set_attr(
        parser,
        &vm.intern_static("_root_done"),
        vm.bool(build.root_done),
    )?;
    result?;
    vm.new_int(i as i64)
}

/// Builds from the events at `*i` on while they are plain start tags, end tags and text
/// inside the root; `*i` ends at the first other one.
fn run(
    build: &mut Build<'_>,
    events: &crate::objects::ListCell,
    i: &mut usize,
    report: &dyn Fn(bool, &PyRef),
) -> PyResult<()> {
    loop {
        let event: Option<[PyRef; 3]> = {
            let events = events.borrow();
            events
                .get(*i..*i + 4)
                .map(|e| [e[0].clone(), e[2].clone(), e[3].clone()])
        };
        let Some([kind, a, b]) = event else {
            return Ok(());
        };
        match kind.as_i64() {
            Some(START) => match build.start(&a, &b)? {
                Some(elem) => report(true, &elem),
                None => return Ok(()),
            },
            Some(END) => match build.end(&a)? {
                Some(elem) => report(false, &elem),
                None => return Ok(()),
            },
            Some(TEXT) if !build.names.is_empty() => build.data.append(a),
            _ => return Ok(()),
        }
        *i += 4;
    }
}
