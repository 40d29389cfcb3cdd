//! `_elementtree_element`: the Element methods that CPython's `_elementtree` does in C, on
//! ElementTree's Python `Element` class (see `_elementtree.py`, which installs them). The
//! elements stay instances of that class; their `tag`, `text` and `_children` are read here.
//!
//! - `find`, `findall`, `findtext` walk the tree natively for the simple paths: a tag, `*`,
//!   `.`, and steps of those joined by `/` or `//` (`tag`, `a/b`, `.//tag`, `.//a/b`, `*/x`),
//!   with no namespaces map. They select what ElementPath's generators select, in the same
//!   order (each step applied to each element the step before gave, depth first). Any other
//!   path (predicates, `..`, `{ns}` names, prefixes, a trailing `/`, errors) is passed to
//!   `xml.etree.ElementPath`, as the C module passes all but a plain tag.
//! - `SubElement(parent, tag, attrib={}, **extra)` and `Element.append` as the C module
//!   has them: the new element is a plain `Element` (the C `SubElement` does not call
//!   `makeelement`), `attrib` must be a dict.

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("find", find),
    BuiltinFn::new("findall", findall),
    BuiltinFn::new("findtext", findtext),
    BuiltinFn::new("simple_path", simple_path),
    BuiltinFn::new("SubElement", subelement),
    BuiltinFn::new("append", append),
];

pub fn build(vm: &Vm) -> PyResult {
    let m = vm.new_module("_elementtree_element")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}

/// One step of a simple path; `None` is `*` (any tag, comments and PIs included, as
/// ElementPath's `*` and `iter('*')` take them).
#[derive(Clone, Copy)]
enum Step<'p> {
    /// `tag` or `*`: the children.
    Child(Option<&'p str>),
    /// `//tag` or `//*`: the descendants, depth first, the context itself left out.
    Descendant(Option<&'p str>),
}

/// A name as ElementPath's tokenizer reads one, without the characters that give it a
/// meaning there (prefixes, `{namespace}`, `*`, quotes, `.`): those paths go to ElementPath.
fn name_len(s: &str) -> usize {
    s.find(|c: char| "/[]()@!=:{}*.'\"".contains(c) || c.is_whitespace())
        .unwrap_or(s.len())
}

/// The steps of a simple path, or None for one ElementPath must read. Mirrors
/// ElementPath.iterfind's loop: a step, then an optional `/` before the next; `//` is a
/// step of its own that takes the next name or `*`. `.` selects the context: no step.
fn parse(path: &str) -> Option<Vec<Step<'_>>> {
    if path.is_empty() || path.starts_with('/') || path.ends_with('/') {
        return None;
    }
    let mut steps = Vec::new();
    let mut rest = path;
    loop {
        if let Some(r) = rest.strip_prefix("//") {
            let (tag, r) = tag(r)?;
            steps.push(Step::Descendant(tag));
            rest = r;
        } else if let Some(r) = rest.strip_prefix('.') {
            rest = r;
        } else {
            let (tag, r) = tag(rest)?;
            steps.push(Step::Child(tag));
            rest = r;
        }
        if rest.is_empty() {
            return Some(steps);
        }
        if !rest.starts_with("//") {
            // a single `/`, followed by a step that is not `/` (a third `/` would have
            // made the tokenizer read `//` then `/`)
            rest = rest.strip_prefix('/')?;
            if rest.starts_with('/') {
                return None;
            }
        }
    }
}

/// `*` or a name at the start of `s`, and what follows it.
fn tag(s: &str) -> Option<(Option<&str>, &str)> {
    if let Some(r) = s.strip_prefix('*') {
        return Some((None, r));
    }
    let n = name_len(s);
    (n > 0).then(|| (Some(&s[..n]), &s[n..]))
}

/// The path's steps when the fast walk can take it: a str path, no namespaces map.
fn steps_of<'p>(
    vm: &Vm,
    path: &'p PyRef,
    namespaces: Option<&PyRef>,
) -> PyResult<Option<Vec<Step<'p>>>> {
    if let Some(ns) = namespaces {
        if vm.truthy(ns)? {
            return Ok(None);
        }
    }
    Ok(path.as_str().and_then(parse))
}

/// An element's attribute stored in the instance (the usual case), else looked up.
fn field(vm: &Vm, elem: &PyRef, name: &'static str) -> PyResult {
    let name = vm.intern_static(name);
    match vm.instance_get_name(elem, &name) {
        Some(value) => Ok(value),
        None => vm.get_attr(elem, &name),
    }
}

/// An element's children list.
fn children(vm: &Vm, elem: &PyRef) -> PyResult {
    let children = field(vm, elem, "_children")?;
    if !matches!(&*children, Obj::List(_)) {
        return Err(vm.type_error(format!(
            "Element._children must be a list, not {}",
            vm.type_name(&children)
        )));
    }
    Ok(children)
}

/// The i-th item of a list, read afresh (the list may change while the walk calls `==`).
fn item(list: &PyRef, i: usize) -> Option<PyRef> {
    match &**list {
        Obj::List(l) => l.borrow().get(i).cloned(),
        _ => None,
    }
}

/// The walk over one call's steps.
struct Walk<'a, 'p> {
    vm: &'a Vm,
    steps: &'p [Step<'p>],
    /// Only the first match is wanted (`find`, `findtext`).
    first: bool,
    found: Vec<PyRef>,
}

impl Walk<'_, '_> {
    /// `elem.tag == tag`, as ElementPath compares (a str tag without a Python call).
    fn matches(&self, elem: &PyRef, tag: Option<&str>) -> PyResult<bool> {
        let Some(tag) = tag else {
            return Ok(true);
        };
        let own = field(self.vm, elem, "tag")?;
        match own.as_str() {
            Some(own) => Ok(own == tag),
            None => self.vm.eq(&own, &self.vm.str(tag)?),
        }
    }

    /// Applies the steps from `k` on to `elem`; true once the walk may stop.
    fn select(&mut self, elem: &PyRef, k: usize) -> PyResult<bool> {
        let Some(&step) = self.steps.get(k) else {
            self.found.push(elem.clone());
            return Ok(self.first);
        };
        match step {
            Step::Child(tag) => {
                let list = children(self.vm, elem)?;
                let mut i = 0;
                while let Some(child) = item(&list, i) {
                    i += 1;
                    if self.matches(&child, tag)? && self.select(&child, k + 1)? {
                        return Ok(true);
                    }
                }
            }
            Step::Descendant(tag) => {
                // depth first with a stack of (children, next index), as Element.iter
                let mut stack = vec![(children(self.vm, elem)?, 0usize)];
                while let Some((list, i)) = stack.last_mut() {
                    let Some(child) = item(list, *i) else {
                        stack.pop();
                        continue;
                    };
                    *i += 1;
                    if self.matches(&child, tag)? && self.select(&child, k + 1)? {
                        return Ok(true);
                    }
                    stack.push((children(self.vm, &child)?, 0));
                }
            }
        }
        Ok(false)
    }
}

/// The matches of a simple path below `elem`: the first only, or all.
fn walk(vm: &Vm, elem: &PyRef, steps: &[Step<'_>], first: bool) -> PyResult<Vec<PyRef>> {
    let mut walk = Walk {
        vm,
        steps,
        first,
        found: Vec::new(),
    };
    walk.select(elem, 0)?;
    Ok(walk.found)
}

/// `xml.etree.ElementPath.<name>(args...)`, for the paths the fast walk leaves.
fn element_path(vm: &Vm, name: &'static str, args: &[PyRef]) -> PyResult {
    let module = vm.import_absolute("xml.etree.ElementPath")?;
    let function = vm.get_attr(&module, &vm.intern_static(name))?;
    vm.call(&function, args)
}

/// The arguments of a find method after the receiver, by position or keyword, as Argument
/// Clinic reads them for the C module (its messages included): `path`, then the optional
/// ones named in `names[1..]`. Absent optionals are None.
fn find_args(vm: &Vm, a: &Args<'_>, fname: &str, names: &[&str]) -> PyResult<(PyRef, Vec<PyRef>)> {
    let this = a.receiver(vm)?.clone();
    let given = &a.pos[1..];
    if given.len() > names.len() {
        return Err(vm.type_error(format!(
            "{fname}() takes at most {} arguments ({} given)",
            names.len(),
            given.len() + a.kwnames.len()
        )));
    }
    let mut values: Vec<Option<PyRef>> = given.iter().cloned().map(Some).collect();
    values.resize(names.len(), None);
    for (key, value) in a.kwnames.iter().zip(a.kwvals) {
        let key = key.as_str().unwrap_or("");
        let Some(i) = names.iter().position(|n| *n == key) else {
            return Err(vm.type_error(format!(
                "'{key}' is an invalid keyword argument for {fname}()"
            )));
        };
        if values[i].is_some() {
            return Err(vm.type_error(format!(
                "argument for {fname}() given by name ('{key}') and position ({})",
                i + 1
            )));
        }
        values[i] = Some(value.clone());
    }
    if values[0].is_none() {
        return Err(vm.type_error(format!(
            "{fname}() missing required argument 'path' (pos 1)"
        )));
    }
    let values = values
        .into_iter()
        .map(|v| v.unwrap_or_else(|| vm.none()))
        .collect();
    Ok((this, values))
}

/// The steps of a find method's path: a plain tag (no `/`, `*`, `[`, `@` or `.` outside
/// braces) with namespaces None is one child step, as the C module compares it directly
/// (so `p:a` and `""` are tags there); else the simple paths ElementPath would select alike.
fn find_steps<'p>(vm: &Vm, path: &'p PyRef, ns: &PyRef) -> PyResult<Option<Vec<Step<'p>>>> {
    if let Some(text) = path.as_str() {
        if vm.is_none(ns) && plain_tag(text) {
            return Ok(Some(vec![Step::Child(Some(text))]));
        }
    }
    steps_of(vm, path, Some(ns))
}

/// The C module's `checkpath` false: a tag with no path character outside `{...}`, and not
/// the `{}tag` or `{*}tag` wildcards.
fn plain_tag(path: &str) -> bool {
    if path.len() >= 3 && (path.starts_with("{}") || path.starts_with("{*}")) {
        return false;
    }
    let mut in_braces = false;
    for c in path.chars() {
        match c {
            '{' => in_braces = true,
            '}' => in_braces = false,
            '/' | '*' | '[' | '@' | '.' if !in_braces => return false,
            _ => {}
        }
    }
    true
}

/// `Element.find(path, namespaces=None)`.
fn find(vm: &Vm, a: Args<'_>) -> PyResult {
    let (this, v) = find_args(vm, &a, "find", &["path", "namespaces"])?;
    let [path, ns] = <[PyRef; 2]>::try_from(v).map_err(|_| vm.type_error("find()"))?;
    match find_steps(vm, &path, &ns)? {
        Some(steps) => Ok(walk(vm, &this, &steps, true)?
            .into_iter()
            .next()
            .unwrap_or_else(|| vm.none())),
        None => element_path(vm, "find", &[this, path, ns]),
    }
}

/// `Element.findall(path, namespaces=None)`.
fn findall(vm: &Vm, a: Args<'_>) -> PyResult {
    let (this, v) = find_args(vm, &a, "findall", &["path", "namespaces"])?;
    let [path, ns] = <[PyRef; 2]>::try_from(v).map_err(|_| vm.type_error("findall()"))?;
    match find_steps(vm, &path, &ns)? {
        Some(steps) => vm.list(walk(vm, &this, &steps, false)?),
        None => element_path(vm, "findall", &[this, path, ns]),
    }
}

/// `Element.findtext(path, default=None, namespaces=None)`: the first match's text ("" for
/// none), or `default`.
fn findtext(vm: &Vm, a: Args<'_>) -> PyResult {
    let (this, v) = find_args(vm, &a, "findtext", &["path", "default", "namespaces"])?;
    let [path, default, ns] = <[PyRef; 3]>::try_from(v).map_err(|_| vm.type_error("findtext()"))?;
    let Some(steps) = find_steps(vm, &path, &ns)? else {
        return element_path(vm, "findtext", &[this, path, default, ns]);
    };
    match walk(vm, &this, &steps, true)?.into_iter().next() {
        Some(elem) => {
            let text = field(vm, &elem, "text")?;
            if vm.is_none(&text) {
                vm.str("")
            } else {
                Ok(text)
            }
        }
        None => Ok(default),
    }
}

/// `simple_path(path, namespaces)`: the path's steps as `(descendant, tag)` pairs (tag None
/// for `*`) when the fast walk takes it, else None (`Element.iterfind` then asks
/// ElementPath).
fn simple_path(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "simple_path", 2, 2, &[])?;
    let Some(steps) = steps_of(vm, &a.pos[0], Some(&a.pos[1]))? else {
        return Ok(vm.none());
    };
    let mut pairs = Vec::with_capacity(steps.len());
    for step in steps {
        let (descendant, tag) = match step {
            Step::Child(tag) => (false, tag),
            Step::Descendant(tag) => (true, tag),
        };
        let tag = match tag {
            Some(t) => vm.str(t)?,
            None => vm.none(),
        };
        pairs.push(vm.tuple(vec![vm.bool(descendant), tag]));
    }
    Ok(vm.tuple(pairs))
}

/// ElementTree's `Element` class, as `xml.etree.ElementTree` holds it.
fn element_class(vm: &Vm) -> PyResult {
    // sys.modules by an interned key: this runs on each SubElement call
    let key = vm.intern_static("xml.etree.ElementTree");
    let module = match vm.dict_get(&vm.modules, &key)? {
        Some(module) if matches!(&*module, Obj::Module(_)) => module,
        _ => vm.import_absolute("xml.etree.ElementTree")?,
    };
    vm.get_attr(&module, &vm.intern_static("Element"))
}

/// The type name in the C module's argument errors ("None" for None).
fn arg_type_name(vm: &Vm, obj: &PyRef) -> String {
    if vm.is_none(obj) {
        "None".to_string()
    } else {
        vm.type_name(obj)
    }
}

/// Fails unless `obj` is an Element (or of a subclass), with the C module's words.
fn check_element(vm: &Vm, class: &PyRef, obj: &PyRef, what: &str) -> PyResult<()> {
    if vm.is_subclass(&vm.type_of(obj), class) {
        return Ok(());
    }
    Err(vm.type_error(format!(
        "{what} must be xml.etree.ElementTree.Element, not {}",
        arg_type_name(vm, obj)
    )))
}

/// `SubElement(parent, tag, attrib={}, **extra)`.
fn subelement(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = a.pos.len();
    if !(2..=3).contains(&n) {
        return Err(vm.type_error(format!(
            "SubElement() takes {} {} argument{} ({n} given)",
            if n < 2 { "at least" } else { "at most" },
            if n < 2 { 2 } else { 3 },
            "s",
        )));
    }
    let class = element_class(vm)?;
    let parent = &a.pos[0];
    check_element(vm, &class, parent, "SubElement() argument 1")?;
    let attrib = match a.pos.get(2) {
        Some(given) => {
            if !matches!(&**given, Obj::Dict(_)) {
                return Err(vm.type_error(format!(
                    "SubElement() argument 3 must be dict, not {}",
                    arg_type_name(vm, given)
                )));
            }
            vm.dict_copy(given)?
        }
        // the C module takes a keyword `attrib` as the dict to start from
        None => match a.kw("attrib") {
            Some(given) if matches!(&**given, Obj::Dict(_)) => vm.dict_copy(given)?,
            Some(given) => {
                return Err(
                    vm.type_error(format!("attrib must be dict, not {}", vm.type_name(given)))
                )
            }
            None => vm.dict()?,
        },
    };
    for (name, value) in a.kwnames.iter().zip(a.kwvals) {
        if a.pos.len() == 3 || name.as_str() != Some("attrib") {
            vm.dict_set(&attrib, name.clone(), value.clone())?;
        }
    }
    let elem = vm.new_instance(&class, None)?;
    // in Element.__init__'s order, so that it shares the class's layout with the others
    vm.instance_set(&elem, &vm.intern_static("tag"), a.pos[1].clone())?;
    vm.instance_set(&elem, &vm.intern_static("attrib"), attrib)?;
    vm.instance_set(&elem, &vm.intern_static("_children"), vm.list(Vec::new())?)?;
    add_child(vm, parent, elem.clone())?;
    Ok(elem)
}

/// Appends to an element's children list.
fn add_child(vm: &Vm, parent: &PyRef, child: PyRef) -> PyResult<()> {
    let list = children(vm, parent)?;
    if let Obj::List(l) = &*list {
        l.append(child);
    }
    Ok(())
}

/// `Element.append(subelement)`.
fn append(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "append", 2, 2, &[])?;
    check_element(vm, &element_class(vm)?, &a.pos[1], "append() argument")?;
    add_child(vm, &a.pos[0], a.pos[1].clone())?;
    Ok(vm.none())
}

#[cfg(test)]
mod tests {
    use super::{parse, Step};

    fn shape(path: &str) -> Option<String> {
        let steps = parse(path)?;
        Some(
            steps
                .iter()
                .map(|s| match s {
                    Step::Child(t) => format!("/{}", t.unwrap_or("*")),
                    Step::Descendant(t) => format!("//{}", t.unwrap_or("*")),
                })
                .collect(),
        )
    }

    #[test]
    fn simple_paths_parse_as_elementpath_reads_them() {
        assert_eq!(shape("tag").as_deref(), Some("/tag"));
        assert_eq!(shape(".//tag").as_deref(), Some("//tag"));
        assert_eq!(shape("a/b").as_deref(), Some("/a/b"));
        assert_eq!(shape("a//b").as_deref(), Some("/a//b"));
        assert_eq!(shape(".//a/*").as_deref(), Some("//a/*"));
        assert_eq!(shape("./a/./b").as_deref(), Some("/a/b"));
        assert_eq!(shape("child-5").as_deref(), Some("/child-5"));
        assert_eq!(shape(".").as_deref(), Some(""));
    }

    #[test]
    fn other_paths_go_to_elementpath() {
        for path in [
            "", "/a", "a/", "..", "a/..", "a[1]", "{ns}a", "p:a", "a b", ".a", "a.", "*a", "a///b",
            ".//.", "@x", "a.b", "//a",
        ] {
            assert!(parse(path).is_none(), "{path}");
        }
    }
}
