//! Built-in functions (`print`, `len`, `sorted`, ...).

use num_bigint::BigInt;

use crate::compile::CmpOp;
use crate::objects::frame::GenKind;
use crate::objects::iter::IterState;
use crate::objects::list::sort_values;
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;
use crate::vm::builtin::{Args, BuiltinFn, NativeFn, Role};
use crate::vm::generator::Step;
use crate::vm::{Exc, PyResult, Vm};

/// Every built-in function but the frame readers.
pub static FUNCTIONS: &[BuiltinFn] = &[
    in_builtins("print", print),
    in_builtins("__import__", import),
    in_builtins("open", open),
    in_builtins("len", len),
    in_builtins("repr", repr),
    in_builtins("ascii", ascii),
    in_builtins("id", id),
    in_builtins("hash", hash),
    in_builtins("isinstance", isinstance),
    in_builtins("issubclass", issubclass),
    in_builtins("getattr", getattr),
    in_builtins("setattr", setattr),
    in_builtins("hasattr", hasattr),
    in_builtins("delattr", delattr),
    in_builtins("iter", iter),
    in_builtins("next", next),
    in_builtins("aiter", aiter),
    in_builtins("anext", anext),
    in_builtins("zip", zip),
    in_builtins("map", map),
    in_builtins("filter", filter),
    in_builtins("reversed", reversed),
    in_builtins("sorted", sorted),
    in_builtins("min", min),
    in_builtins("max", max),
    in_builtins("sum", sum),
    in_builtins("any", any),
    in_builtins("all", all),
    in_builtins("abs", abs),
    in_builtins("round", round),
    in_builtins("divmod", divmod),
    in_builtins("pow", pow),
    in_builtins("chr", chr),
    in_builtins("ord", ord),
    in_builtins("hex", hex),
    in_builtins("oct", oct),
    in_builtins("bin", bin),
    in_builtins("callable", callable),
    in_builtins("format", format),
];

/// The built-in functions that read their caller's frame ([`Role::FrameReader`]).
pub static FRAME_READERS: &[BuiltinFn] = &[
    frame_reader("globals", globals),
    frame_reader("compile", compile),
    frame_reader("eval", eval),
    frame_reader("exec", exec),
    frame_reader("vars", vars),
    frame_reader("dir", dir),
    frame_reader("locals", locals),
];

/// A function of the `builtins` module.
const fn in_builtins(name: &'static str, func: NativeFn) -> BuiltinFn {
    BuiltinFn::new(name, func).role(Role::Builtins)
}

/// A function of the `builtins` module that reads its caller's frame.
const fn frame_reader(name: &'static str, func: NativeFn) -> BuiltinFn {
    BuiltinFn::new(name, func).role(Role::FrameReader)
}

/// `print(*values, sep=' ', end='\n', file=None, flush=False)`: to `sys.stdout` (or
/// `sys.stderr`) directly; to any other `file` through its `write` method, one call per
/// value, separator and end, as CPython makes them.
fn print(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "print", 0, usize::MAX, &["sep", "end", "file", "flush"])?;
    let text_arg = |name: &str, default: &str| -> PyResult<String> {
        match a.kw(name) {
            Some(s) if vm.is_none(s) => Ok(default.into()),
            Some(s) if s.as_str().is_some() => Ok(s.as_str().unwrap_or_default().into()),
            Some(s) => Err(vm.type_error(format!(
                "{name} must be None or a string, not {}",
                vm.type_name(s)
            ))),
            None => Ok(default.into()),
        }
    };
    let sep = text_arg("sep", " ")?;
    let end = text_arg("end", "\n")?;
    let flush = match a.kw("flush") {
        Some(f) => vm.truthy(f)?,
        None => false,
    };
    let file = match a.kw("file").filter(|f| !vm.is_none(f)) {
        Some(f) => f.clone(),
        None => match vm.sys_module("sys") {
            Some(sys) => vm.get_attr(&sys, &vm.intern("stdout"))?,
            None => return print_to_stdout(vm, a.pos, &sep, &end, flush),
        },
    };
    match &*file {
        Obj::Module(m) if m.0.as_str() == Some("sys.stdout") => {
            print_to_stdout(vm, a.pos, &sep, &end, flush)
        }
        Obj::Module(m) if m.0.as_str() == Some("sys.stderr") => {
            vm.flush_stdout();
            eprint!("{}", joined(vm, a.pos, &sep, &end)?);
            Ok(vm.none())
        }
        _ => print_to_file(vm, &file, a.pos, &sep, &end, flush),
    }
}

/// The line `print` writes: the values' `str`, separated, then `end`.
fn joined(vm: &Vm, values: &[PyRef], sep: &str, end: &str) -> PyResult<String> {
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        match &**v {
            Obj::Str(s) => out.push_str(s.as_str()),
            _ => out.push_str(&vm.to_str(v)?),
        }
    }
    out.push_str(end);
    Ok(out)
}

fn print_to_stdout(vm: &Vm, values: &[PyRef], sep: &str, end: &str, flush: bool) -> PyResult {
    vm.write_stdout(&joined(vm, values, sep, end)?);
    if flush {
        vm.flush_stdout();
    }
    Ok(vm.none())
}

fn print_to_file(
    vm: &Vm,
    file: &PyRef,
    values: &[PyRef],
    sep: &str,
    end: &str,
    flush: bool,
) -> PyResult {
    let write = vm.get_attr(file, &vm.intern("write"))?;
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            vm.call(&write, &[vm.str(sep)?])?;
        }
        vm.call(&write, &[vm.to_str_obj(v)?])?;
    }
    vm.call(&write, &[vm.str(end)?])?;
    if flush {
        let flush = vm.get_attr(file, &vm.intern("flush"))?;
        vm.call(&flush, &[])?;
    }
    Ok(vm.none())
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn import(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(
        vm,
        "__import__",
        1,
        5,
        &["name", "globals", "locals", "fromlist", "level"],
    )?;
    let name = match a.get(0, "name") {
        Some(n) if n.as_str().is_some() => n.as_str().unwrap_or_default(),
        Some(n) => {
            return Err(vm.type_error(format!(
                "__import__() argument 1 must be str, not {}",
                vm.type_name(n)
            )))
        }
        None => return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)")),
    };
    let globals = a.get(1, "globals").filter(|g| !vm.is_none(g));
    let fromlist = match a.get(3, "fromlist") {
        Some(f) if !vm.is_none(f) => vm.collect(f)?,
        _ => Vec::new(),
    };
    let level = match a.get(4, "level").map(|l| l.as_i64()) {
        Some(Some(l)) if l < 0 => return Err(vm.value_error("level must be >= 0")),
        Some(Some(l)) => l as usize,
        Some(None) => return Err(vm.type_error("'level' must be an integer")),
        None => 0,
    };
    vm.import_name(name, globals, &fromlist, level)
}

/// `open(...)`: `io.open`, which the built-in `io` module defines.
fn open(vm: &Vm, a: Args<'_>) -> PyResult {
    let io = vm.import_absolute("io")?;
    let open = vm.get_attr(&io, &vm.intern("open"))?;
    vm.call_args(&open, a)
}

fn len(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "len", 1, 1, &[])?;
    vm.new_int(vm.len(&a.pos[0])? as i64)
}

fn repr(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "repr", 1, 1, &[])?;
    vm.str(vm.repr(&a.pos[0])?)
}

/// `ascii(obj)`: the repr with every non-ASCII character escaped.
fn ascii(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "ascii", 1, 1, &[])?;
    vm.str(vm.ascii_repr(&a.pos[0])?)
}

fn id(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "id", 1, 1, &[])?;
    vm.new_int(vm.addr(&a.pos[0]) as i64)
}

fn hash(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "hash", 1, 1, &[])?;
    vm.new_int(vm.hash(&a.pos[0])?)
}

/// `isinstance(obj, cls)` with a class or tuple of classes.
pub fn is_instance(vm: &Vm, obj: &PyRef, cls: &PyRef) -> PyResult<bool> {
    match &**cls {
        Obj::Tuple(items) => {
            for c in items.iter() {
                if is_instance(vm, obj, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ if vm.is(&vm.type_of(obj), cls) => Ok(true),
        _ if vm.user_method(cls, "__instancecheck__").is_some() => {
            let check = vm
                .user_method(cls, "__instancecheck__")
                .unwrap_or_else(|| vm.none());
            let answer = vm.call(&check, &[cls.clone(), obj.clone()])?;
            vm.truthy(&answer)
        }
        Obj::Class(_) => Ok(vm.is_subclass(&vm.type_of(obj), cls)),
        _ => Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    }
}

/// `issubclass(class, cls)` for one `cls`: its metaclass's `__subclasscheck__` decides when it
/// has one (abstract base classes).
fn is_subclass_of(vm: &Vm, class: &PyRef, cls: &PyRef) -> PyResult<bool> {
    match vm.user_method(cls, "__subclasscheck__") {
        Some(check) => {
            let answer = vm.call(&check, &[cls.clone(), class.clone()])?;
            vm.truthy(&answer)
        }
        None if matches!(&**class, Obj::Class(_)) => Ok(vm.is_subclass(class, cls)),
        None => Err(vm.type_error("issubclass() arg 1 must be a class")),
    }
}

fn isinstance(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "isinstance", 2, 2, &[])?;
    Ok(vm.bool(is_instance(vm, &a.pos[0], &a.pos[1])?))
}

fn issubclass(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "issubclass", 2, 2, &[])?;
    // a tuple is immutable: its classes are walked in place, without a copy
    let classes = match &*a.pos[1] {
        Obj::Tuple(t) => &t[..],
        _ => std::slice::from_ref(&a.pos[1]),
    };
    for cls in classes {
        if is_subclass_of(vm, &a.pos[0], cls)? {
            return Ok(vm.bool(true));
        }
    }
    Ok(vm.bool(false))
}

fn name_arg(vm: &Vm, v: &PyRef) -> PyResult<PyRef> {
    // a str subclass's instance names the attribute by its text, as in CPython
    match vm.builtin_receiver(v).as_str() {
        Some(s) => Ok(vm.intern(s)),
        None => Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// The name `getattr`/`hasattr` look up: a str as it is (CPython's `getattr` does not intern
/// it either; the lookups fall back on the text when the name is not the interned object),
/// anything else as [`name_arg`] takes it.
fn lookup_name_arg(vm: &Vm, v: &PyRef) -> PyResult<PyRef> {
    match &**v {
        Obj::Str(_) => Ok(v.clone()),
        _ => name_arg(vm, v),
    }
}

fn getattr(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getattr", 2, 3, &[])?;
    let name = lookup_name_arg(vm, &a.pos[1])?;
    match a.pos.get(2) {
        Some(default) => Ok(vm
            .lookup_attr(&a.pos[0], &name)?
            .unwrap_or_else(|| default.clone())),
        None => vm.get_attr(&a.pos[0], &name),
    }
}

fn setattr(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "setattr", 3, 3, &[])?;
    vm.set_attr(&a.pos[0], &name_arg(vm, &a.pos[1])?, a.pos[2].clone())?;
    Ok(vm.none())
}

fn hasattr(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "hasattr", 2, 2, &[])?;
    let found = vm.lookup_attr(&a.pos[0], &lookup_name_arg(vm, &a.pos[1])?)?;
    Ok(vm.bool(found.is_some()))
}

fn delattr(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "delattr", 2, 2, &[])?;
    vm.del_attr(&a.pos[0], &name_arg(vm, &a.pos[1])?)?;
    Ok(vm.none())
}

/// `iter(iterable)`, or `iter(callable, sentinel)`.
fn iter(vm: &Vm, a: Args<'_>) -> PyResult {
    if a.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "iter expected at most 2 arguments, got {}",
            a.pos.len()
        )));
    }
    a.check(vm, "iter", 1, 2, &[])?;
    let [func, sentinel] = a.pos else {
        return vm.get_iter(&a.pos[0]);
    };
    if !vm.is_callable(func) {
        return Err(vm.type_error("iter(v, w): v must be callable"));
    }
    vm.new_iter(IterState::Callable {
        func: func.clone(),
        sentinel: sentinel.clone(),
    })
}

/// `aiter(async_iterable)`: `type(x).__aiter__(x)`, which must give an async iterator.
fn aiter(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "aiter", 1, 1, &[])?;
    let obj = &a.pos[0];
    let Some(method) = vm.class_lookup(&vm.type_of(obj), "__aiter__") else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterable",
            vm.type_name(obj)
        )));
    };
    let it = vm.call(&method, std::slice::from_ref(obj))?;
    if vm.class_lookup(&vm.type_of(&it), "__anext__").is_none() {
        return Err(vm.type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            vm.type_name(&it)
        )));
    }
    Ok(it)
}

/// `anext(async_iterator[, default])`: the awaitable of `type(it).__anext__(it)`; with a
/// default, an awaitable that gives it in place of StopAsyncIteration.
fn anext(vm: &Vm, a: Args<'_>) -> PyResult {
    if !a.kwnames.is_empty() {
        return Err(vm.type_error("anext() takes no keyword arguments"));
    }
    if a.pos.is_empty() || a.pos.len() > 2 {
        return Err(vm.type_error(match a.pos.len() {
            0 => "anext expected at least 1 argument, got 0".to_string(),
            n => format!("anext expected at most 2 arguments, got {n}"),
        }));
    }
    let it = &a.pos[0];
    let Some(method) = vm.class_lookup(&vm.type_of(it), "__anext__") else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterator",
            vm.type_name(it)
        )));
    };
    let awaitable = vm.call(&method, std::slice::from_ref(it))?;
    let Some(default) = a.pos.get(1) else {
        return Ok(awaitable);
    };
    let module = vm.import_absolute("_pymm_builtins")?;
    let with_default = vm.get_attr(&module, &vm.intern("anext_default"))?;
    vm.call(&with_default, &[awaitable, default.clone()])
}

fn next(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "next", 1, 2, &[])?;
    let it = &a.pos[0];
    if !matches!(&**it, Obj::Iter(_) | Obj::Generator(_) | Obj::Instance(_)) {
        return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it))));
    }
    let default = a.pos.get(1);
    if let Obj::Generator(g) = &**it {
        if g.kind == GenKind::Generator {
            // the StopIteration carries what the generator returned, which `Vm::next` drops
            return match vm.gen_step(it, vm.none(), None)? {
                Step::Yielded(v) => Ok(v),
                Step::Returned(v) => match default {
                    Some(default) => Ok(default.clone()),
                    None if vm.is_none(&v) => Err(vm.stop_iteration_empty()),
                    None => Err(vm.stop_iteration(v)),
                },
            };
        }
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match default {
            Some(default) => Ok(default.clone()),
            None => Err(vm.stop_iteration_empty()),
        },
    }
}

fn zip(vm: &Vm, a: Args<'_>) -> PyResult {
    let inners: PyResult<Vec<PyRef>> = a.pos.iter().map(|p| vm.get_iter(p)).collect();
    vm.new_iter(IterState::Zip(inners?))
}

fn map(vm: &Vm, a: Args<'_>) -> PyResult {
    if a.pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let inners: PyResult<Vec<PyRef>> = a.pos[1..].iter().map(|p| vm.get_iter(p)).collect();
    vm.new_iter(IterState::Map {
        func: a.pos[0].clone(),
        inners: inners?,
    })
}

fn filter(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "filter", 2, 2, &[])?;
    let inner = vm.get_iter(&a.pos[1])?;
    vm.new_iter(IterState::Filter {
        func: a.pos[0].clone(),
        inner,
    })
}

/// An iterator over a copy of `obj`'s items, last first.
/// `reversed(range)` on ints of any size (CPython's `longrange_iterator`).
fn reversed_big_range(vm: &Vm, bounds: &crate::objects::range::value::Bounds) -> PyResult {
    let it = crate::objects::range::value::BigRangeIter::new(bounds, true);
    vm.new_iter(IterState::BigRange(Box::new(it)))
}

fn reversed_copy(vm: &Vm, obj: &PyRef) -> PyResult {
    let mut items = vm.collect(obj)?;
    items.reverse();
    let list = vm.list(items)?;
    vm.get_iter(&list)
}

pub(super) fn reversed(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "reversed", 1, 1, &[])?;
    let obj = &a.pos[0];
    match &**obj {
        Obj::List(l) => {
            let pos = l.borrow().len();
            vm.new_iter(IterState::Reversed {
                seq: obj.clone(),
                pos,
            })
        }
        Obj::Tuple(t) => vm.new_iter(IterState::Reversed {
            seq: obj.clone(),
            pos: t.len(),
        }),
        Obj::Range(r) => {
            use crate::vm::compare::{range_item, range_len};
            let n = range_len(r[0], r[1], r[2]);
            // the bound past the first item and the negated step, when they fit in 64 bits
            // (`reversed(range(0, -2**63, -2**63))` steps by 2**63: on ints of any size)
            let stop = i64::try_from(r[0] as i128 - r[2] as i128).ok();
            let (Some(stop), Some(step)) = (stop, r[2].checked_neg()) else {
                return reversed_big_range(vm, &r.map(BigInt::from));
            };
            let last = if n == 0 {
                stop
            } else {
                range_item(r[0], r[2], n - 1)
            };
            vm.new_iter(IterState::Range {
                start: last,
                next: last,
                stop,
                step,
            })
        }
        Obj::BigRange(r) => reversed_big_range(vm, r),
        Obj::Str(_) | Obj::Dict(_) | Obj::Bytes(_) | Obj::ByteArray(_) | Obj::MemoryView(_) => {
            reversed_copy(vm, obj)
        }
        // dict_keys, dict_values, dict_items (`dictview.__reversed__`)
        Obj::Iter(state) if matches!(&*state.borrow(), IterState::View { .. }) => {
            reversed_copy(vm, obj)
        }
        Obj::Instance(_) => match vm.user_method(obj, "__reversed__") {
            Some(m) => vm.call(&m, std::slice::from_ref(obj)),
            // `__reversed__ = None` says the class is not reversible
            None if vm
                .class_lookup(&vm.type_of(obj), "__reversed__")
                .is_some_and(|v| vm.is_none(&v)) =>
            {
                Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(obj))))
            }
            None => {
                let n = vm.len(obj)?;
                let mut items = Vec::with_capacity(n);
                for i in (0..n).rev() {
                    items.push(vm.get_item(obj, &vm.new_int(i as i64)?)?);
                }
                let list = vm.list(items)?;
                vm.get_iter(&list)
            }
        },
        _ => Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(obj)))),
    }
}

fn sorted(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "sorted", 1, 1, &["key", "reverse"])?;
    let mut items = vm.collect(&a.pos[0])?;
    let reverse = match a.kw("reverse") {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    sort_values(vm, &mut items, a.kw("key"), reverse)?;
    vm.list(items)
}

/// `min()` and `max()` (`min_max` in bltinmodule.c): the items are taken one at a time,
/// each key computed as its item comes, and an item replaces the best so far only when
/// `key < best` (`key > best` for max), so that the first of equal items wins.
fn min_max(vm: &Vm, a: Args<'_>, name: &str, want_less: bool) -> PyResult {
    if a.pos.is_empty() {
        return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    a.check(vm, name, 1, usize::MAX, &["key", "default"])?;
    let default = a.kw("default");
    if a.pos.len() > 1 && default.is_some() {
        return Err(vm.type_error(format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        )));
    }
    let key = a.kw("key").filter(|k| !vm.is_none(k));
    if key.is_none() && a.pos.len() == 1 {
        if let Some(best) = int_extreme(&a.pos[0], want_less) {
            return Ok(best);
        }
    }
    let op = if want_less { CmpOp::Lt } else { CmpOp::Gt };
    let mut best: Option<(PyRef, PyRef)> = None;
    let mut consider = |v: PyRef| -> PyResult<()> {
        let k = match key {
            Some(f) => vm.call(f, std::slice::from_ref(&v))?,
            None => v.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => vm.truthy(&vm.compare(&k, bk, op)?)?,
        };
        if better {
            best = Some((k, v));
        }
        Ok(())
    };
    if a.pos.len() == 1 {
        let it = vm.get_iter(&a.pos[0])?;
        while let Some(v) = vm.next(&it)? {
            consider(v)?;
        }
    } else {
        for v in a.pos {
            consider(v.clone())?;
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match default {
            Some(d) => Ok(d.clone()),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

/// The smallest (or largest) item of a list, tuple, set or frozenset of small ints, read
/// in place: comparing ints runs no Python code, so the answer is the one the loop in
/// [`min_max`] would give. None for an empty container or one holding anything else.
fn int_extreme(iterable: &PyRef, want_less: bool) -> Option<PyRef> {
    fn pick<'a>(mut items: impl Iterator<Item = &'a PyRef>, want_less: bool) -> Option<PyRef> {
        let mut best = items.next()?;
        let Obj::Int(mut best_value) = **best else {
            return None;
        };
        for item in items {
            let Obj::Int(value) = &**item else {
                return None;
            };
            if (want_less && *value < best_value) || (!want_less && *value > best_value) {
                (best, best_value) = (item, *value);
            }
        }
        Some(best.clone())
    }
    match &**iterable {
        Obj::List(items) => pick(items.borrow().iter(), want_less),
        Obj::Tuple(items) => pick(items.iter(), want_less),
        Obj::Set(table, _) => pick(table.borrow().iter().map(|e| e.key), want_less),
        _ => None,
    }
}

fn min(vm: &Vm, a: Args<'_>) -> PyResult {
    min_max(vm, a, "min", true)
}

fn max(vm: &Vm, a: Args<'_>) -> PyResult {
    min_max(vm, a, "max", false)
}

fn sum(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "sum", 1, 2, &["start"])?;
    let mut total = a.get(1, "start").cloned().unwrap_or_else(|| vm.int(0));
    let it = vm.get_iter(&a.pos[0])?;
    while let Some(v) = vm.next(&it)? {
        total = vm.binary_op(&total, &v, crate::compile::BinOp::Add, false)?;
    }
    Ok(total)
}

fn any(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "any", 1, 1, &[])?;
    let it = vm.get_iter(&a.pos[0])?;
    while let Some(v) = vm.next(&it)? {
        if vm.truthy(&v)? {
            return Ok(vm.bool(true));
        }
    }
    Ok(vm.bool(false))
}

fn all(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "all", 1, 1, &[])?;
    let it = vm.get_iter(&a.pos[0])?;
    while let Some(v) = vm.next(&it)? {
        if !vm.truthy(&v)? {
            return Ok(vm.bool(false));
        }
    }
    Ok(vm.bool(true))
}

fn abs(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "abs", 1, 1, &[])?;
    vm.abs(&a.pos[0])
}

pub(super) fn round(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "round", 1, 2, &["ndigits"])?;
    let x = &a.pos[0];
    let nd = a.get(1, "ndigits").filter(|n| !vm.is_none(n));
    match (&**x, nd) {
        (Obj::Float(f), None) => vm.int_from_float(f.round_ties_even()),
        (Obj::Float(f), Some(n)) => {
            // an index of any size, clamped to 64 bits (`PyNumber_AsSsize_t(n, NULL)`)
            let Some(n) = vm.index_big(n)? else {
                return Err(vm.not_an_integer(n));
            };
            let n = num_traits::ToPrimitive::to_i64(&n).unwrap_or(
                if n.sign() == num_bigint::Sign::Minus {
                    i64::MIN
                } else {
                    i64::MAX
                },
            );
            // nans, infinities and zeros round to themselves
            if !f.is_finite() || *f == 0.0 {
                return Ok(vm.float(*f));
            }
            match crate::objects::float::value::round_digits(*f, n) {
                Some(r) => Ok(vm.float(r)),
                None => Err(vm.new_exc(Exc::OverflowError, "rounded value too large to represent")),
            }
        }
        (Obj::Int(i), Some(n)) if n.as_i64().is_some_and(|n| n < 0) => {
            let n = n.as_i64().unwrap_or(0);
            // |i| < 10**19 / 2: rounding to 10**20 or coarser gives 0
            if n < -19 {
                return vm.new_int(0);
            }
            let p = 10i128.pow((-n) as u32);
            let v = *i as i128;
            let (q, r) = (v.div_euclid(p), v.rem_euclid(p));
            let q = if 2 * r > p || (2 * r == p && q % 2 != 0) {
                q + 1
            } else {
                q
            };
            vm.new_bigint(BigInt::from(q * p))
        }
        (Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_), _) => Ok(x.clone()),
        _ => match vm.user_method(x, "__round__") {
            Some(m) => vm.call(&m, a.pos),
            None => Err(vm.type_error(format!(
                "type {} doesn't define __round__ method",
                vm.type_name(x)
            ))),
        },
    }
}

fn divmod(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "divmod", 2, 2, &[])?;
    let q = vm.binary_op(&a.pos[0], &a.pos[1], crate::compile::BinOp::FloorDiv, false)?;
    let r = vm.binary_op(&a.pos[0], &a.pos[1], crate::compile::BinOp::Mod, false)?;
    vm.new_tuple(vec![q, r])
}

pub(super) fn pow(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "pow", 2, 3, &[])?;
    if let Some(m) = a.pos.get(2).filter(|m| !vm.is_none(m)) {
        let is_int = |v: &PyRef| matches!(&**v, Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_));
        if !a.pos.iter().all(is_int) {
            return Err(
                vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
            );
        }
        let (b, e, m) = (
            int_of(vm, &a.pos[0])?,
            int_of(vm, &a.pos[1])?,
            int_of(vm, m)?,
        );
        if m == BigInt::from(0) {
            return Err(vm.value_error("pow() 3rd argument cannot be 0"));
        }
        if e < BigInt::from(0) {
            // a negative exponent raises the modular inverse (Python 3.8+)
            let inverse = modular_inverse(&b, &m)
                .ok_or_else(|| vm.value_error("base is not invertible for the given modulus"))?;
            return vm.new_bigint(inverse.modpow(&-e, &m));
        }
        return vm.new_bigint(b.modpow(&e, &m));
    }
    vm.binary_op(&a.pos[0], &a.pos[1], crate::compile::BinOp::Pow, false)
}

/// `x` with `b * x ≡ 1 (mod m)`, in `m`'s range, if `b` and `m` are coprime.
fn modular_inverse(b: &BigInt, m: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    let modulus = num_traits::Signed::abs(m);
    let egcd = b.mod_floor(&modulus).extended_gcd(&modulus);
    (egcd.gcd == BigInt::from(1)).then(|| egcd.x.mod_floor(m))
}

fn int_of(vm: &Vm, v: &PyRef) -> PyResult<BigInt> {
    match &**v {
        Obj::Int(i) => Ok(BigInt::from(*i)),
        Obj::Bool(b) => Ok(BigInt::from(*b as i64)),
        Obj::BigInt(b) => Ok((**b).clone()),
        _ => Err(vm.not_an_integer(v)),
    }
}

fn chr(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "chr", 1, 1, &[])?;
    let i = vm.index_value(&a.pos[0], "chr")?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => vm.str(c.to_string()),
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "ord", 1, 1, &[])?;
    match &*a.pos[0] {
        Obj::Str(s) if s.char_len() == 1 => {
            vm.new_int(s.as_str().chars().next().map_or(0, |c| c as i64))
        }
        Obj::Str(s) => Err(vm.type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.char_len()
        ))),
        Obj::Bytes(_) | Obj::ByteArray(_) => {
            match crate::objects::bytes::bytes_like(&a.pos[0]).as_deref() {
                Some(&[byte]) => vm.new_int(i64::from(byte)),
                other => Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    other.map_or(0, <[u8]>::len)
                ))),
            }
        }
        _ => Err(vm.type_error(format!(
            "ord() expected string of length 1, but {} found",
            vm.type_name(&a.pos[0])
        ))),
    }
}

fn radix(vm: &Vm, a: Args<'_>, name: &str, base: u32, prefix: &str) -> PyResult {
    a.check(vm, name, 1, 1, &[])?;
    let v = int_of(vm, &a.pos[0])?;
    let neg = v.sign() == num_bigint::Sign::Minus;
    let mag = if neg { -v } else { v };
    vm.str(format!(
        "{}{prefix}{}",
        if neg { "-" } else { "" },
        mag.to_str_radix(base)
    ))
}

fn hex(vm: &Vm, a: Args<'_>) -> PyResult {
    radix(vm, a, "hex", 16, "0x")
}

fn oct(vm: &Vm, a: Args<'_>) -> PyResult {
    radix(vm, a, "oct", 8, "0o")
}

fn bin(vm: &Vm, a: Args<'_>) -> PyResult {
    radix(vm, a, "bin", 2, "0b")
}

fn callable(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "callable", 1, 1, &[])?;
    Ok(vm.bool(vm.is_callable(&a.pos[0])))
}

fn format(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "format", 1, 2, &[])?;
    let spec = a.pos.get(1).and_then(|s| s.as_str()).unwrap_or("");
    vm.str(vm.format(&a.pos[0], spec)?)
}

/// `globals()`: the calling frame's globals (the eval loop sets them for a direct call); a
/// call from Rust (through `map`, say) gets the main module's.
fn globals(vm: &Vm, _a: Args<'_>) -> PyResult {
    let caller = vm.caller_globals.borrow().clone();
    caller
        .or_else(|| vm.main_globals())
        .ok_or_else(|| vm.new_exc(Exc::RuntimeError, "no running module"))
}

/// The globals and locals `eval`/`exec` run with, as CPython chooses them: both given;
/// globals given, locals the same dict; neither, the calling frame's globals and locals
/// (a function's locals are a snapshot, as `locals()` gives them).
fn code_namespace(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<(PyRef, Option<PyRef>)> {
    a.check(vm, name, 1, 3, &["globals", "locals"])?;
    let given = |i: usize, arg: &str| a.get(i, arg).filter(|ns| !vm.is_none(ns)).cloned();
    let (globals_arg, locals) = (given(1, "globals"), given(2, "locals"));
    let globals = match globals_arg {
        Some(ns) if matches!(&*ns, Obj::Dict(_)) => ns,
        Some(_) if name == "eval" => return Err(vm.type_error("globals must be a dict")),
        Some(ns) => {
            return Err(vm.type_error(format!(
                "{name}() globals must be a dict, not {}",
                vm.type_name(&ns)
            )))
        }
        None if locals.is_some() => globals(vm, Args::new(&[]))?,
        None => {
            let caller_locals = vm.caller_locals.borrow().clone();
            return Ok((globals(vm, Args::new(&[]))?, caller_locals));
        }
    };
    match &locals {
        Some(ns) if !matches!(&**ns, Obj::Dict(_)) && name == "eval" => {
            Err(vm.type_error("locals must be a mapping"))
        }
        Some(ns) if !matches!(&**ns, Obj::Dict(_)) => Err(vm.type_error(format!(
            "locals must be a mapping or None, not {}",
            vm.type_name(ns)
        ))),
        _ => Ok((globals, locals)),
    }
}

/// The code `eval`/`exec`/`compile` take as their first argument: a code object as it is,
/// else source text (str, or bytes in a declared or the default encoding) compiled as a
/// module or, for `expression`, one expression.
fn code_arg(
    vm: &Vm,
    a: &Args<'_>,
    name: &str,
    filename: &str,
    expression: bool,
) -> PyResult<std::rc::Rc<crate::objects::Code>> {
    let source = a.get(0, "source").ok_or_else(|| {
        vm.type_error(format!(
            "{name}() missing required argument 'source' (pos 1)"
        ))
    })?;
    let text = match &**source {
        // a closure's code has no cells to run with (CPython 3.11's checks; pymm's exec()
        // takes no `closure`)
        Obj::Code(code) if name == "exec" && !code.freevars.is_empty() => {
            return Err(vm.type_error(format!(
                "code object requires a closure of exactly length {}",
                code.freevars.len()
            )))
        }
        Obj::Code(code) if name != "compile" && !code.freevars.is_empty() => {
            return Err(vm.type_error(format!(
                "code object passed to {name}() may not contain free variables"
            )))
        }
        Obj::Code(code) if name != "compile" => return Ok(code.clone()),
        _ if source.as_str().is_some() => source.as_str().unwrap_or_default().to_string(),
        other => match crate::objects::bytes::bytes_like(other) {
            Some(bytes) => crate::compile::encoding::decode_source(&bytes, filename)
                .map_err(|e| vm.source_error(e, filename))?,
            None => {
                let other = if name == "compile" { "AST" } else { "code" };
                return Err(vm.type_error(format!(
                    "{name}() arg 1 must be a string, bytes or {other} object"
                )));
            }
        },
    };
    crate::vm::exec::compile_source(vm, &text, filename, expression)
        .map_err(|e| e.into_exception(vm, filename))
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`: a code
/// object that `exec` runs (mode 'exec') or `eval` evaluates (mode 'eval').
fn compile(vm: &Vm, a: Args<'_>) -> PyResult {
    let names = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ];
    a.check(vm, "compile", 3, 6, &names)?;
    let text_arg = |i: usize| {
        a.get(i, names[i])
            .and_then(|v| v.as_str())
            .ok_or_else(|| vm.type_error(format!("compile() argument '{}' must be str", names[i])))
    };
    let (filename, mode) = (text_arg(1)?, text_arg(2)?);
    let expression = match mode {
        "exec" => false,
        "eval" => true,
        "single" => {
            return Err(vm.new_exc(
                Exc::NotImplementedError,
                "compile() mode 'single' (the interactive prompt's) is not supported by pymm",
            ))
        }
        _ => {
            return Err(vm.new_exc(
                Exc::ValueError,
                "compile() mode must be 'exec', 'eval' or 'single'",
            ))
        }
    };
    const ONLY_AST: i64 = 0x400;
    let flags = a.get(3, "flags").and_then(|f| f.as_i64()).unwrap_or(0);
    if flags & ONLY_AST != 0 {
        return Err(vm.new_exc(
            Exc::NotImplementedError,
            "compile() to an AST (PyCF_ONLY_AST) is not supported by pymm: it has no ast module",
        ));
    }
    let code = code_arg(vm, &a, "compile", filename, expression)?;
    vm.code_object(&code)
}

/// `eval(expression, globals=None, locals=None)`.
fn eval(vm: &Vm, a: Args<'_>) -> PyResult {
    let (globals, locals) = code_namespace(vm, &a, "eval")?;
    let code = code_arg(vm, &a, "eval", "<string>", true)?;
    crate::vm::exec::run_code_in(vm, code, &globals, locals)
        .map_err(|e| e.into_exception(vm, "<string>"))
}

/// `exec(source, globals=None, locals=None)`.
fn exec(vm: &Vm, a: Args<'_>) -> PyResult {
    let (globals, locals) = code_namespace(vm, &a, "exec")?;
    let code = code_arg(vm, &a, "exec", "<string>", false)?;
    crate::vm::exec::run_code_in(vm, code, &globals, locals)
        .map_err(|e| e.into_exception(vm, "<string>"))?;
    Ok(vm.none())
}

fn vars(vm: &Vm, a: Args<'_>) -> PyResult {
    match a.pos.first() {
        Some(obj) => vm.get_attr(obj, &vm.intern("__dict__")),
        None => locals(vm, a),
    }
}

/// `locals()`: the calling frame's locals (the eval loop makes the mapping for a direct
/// call); the globals at module level and for a call from Rust.
fn locals(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "locals", 0, 0, &[])?;
    let caller = vm.caller_locals.borrow().clone();
    match caller {
        Some(ns) => Ok(ns),
        None => globals(vm, a),
    }
}

/// `dir([object])`: the sorted attribute names of `object`; without it, the names of the
/// calling frame's locals.
pub(super) fn dir(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "dir", 0, 1, &[])?;
    let Some(obj) = a.pos.first() else {
        let ns = locals(vm, a)?;
        let mut names = vm.collect(&ns)?;
        names.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
        return vm.list(names);
    };
    let mut names: Vec<String> = Vec::new();
    if let Obj::Instance(inst) = &**obj {
        if inst.shape().dict {
            let d = vm.instance_dict(obj)?;
            names.extend(
                vm.table_of(&d)?
                    .borrow()
                    .iter()
                    .filter_map(|e| e.key.as_str().map(str::to_string)),
            );
        } else if let Obj::Class(cls) = &*inst.class() {
            let keys = cls.keys.borrow();
            names.extend(
                keys.iter()
                    .enumerate()
                    .filter(|&(i, _)| inst.has_value(i))
                    .filter_map(|(_, k)| k.as_str().map(str::to_string)),
            );
        }
    }
    let class = if matches!(&**obj, Obj::Class(_)) {
        obj.clone()
    } else {
        vm.type_of(obj)
    };
    for c in vm.mro(&class) {
        if let Obj::Class(cls) = &*c {
            names.extend(
                cls.attrs
                    .borrow()
                    .iter()
                    .filter_map(|e| e.key.as_str().map(str::to_string)),
            );
        }
        names.extend(number_attributes(vm, &c).iter().map(|n| n.to_string()));
    }
    if let Obj::Module(m) = &**obj {
        // a module's own `__dir__` answers for it (PEP 562), sorted as dir() sorts any list
        if let Some(dir_hook) = vm.dict_get(&m.1, &vm.intern("__dir__"))? {
            let mut listed = vm.collect(&vm.call(&dir_hook, &[])?)?;
            sort_values(vm, &mut listed, None, false)?;
            return vm.list(listed);
        }
        names = vm
            .table_of(&m.1)?
            .borrow()
            .iter()
            .filter_map(|e| e.key.as_str().map(str::to_string))
            .collect();
    }
    names.sort();
    names.dedup();
    let items: PyResult<Vec<PyRef>> = names.into_iter().map(|n| vm.str(n)).collect();
    vm.list(items?)
}

/// The data attributes of the number types, which the VM answers without entries in the
/// types' dicts (an entry would make every subclass's attribute reads consult the class).
fn number_attributes(vm: &Vm, class: &PyRef) -> &'static [&'static str] {
    let t = &vm.types;
    if Gc::ptr_eq(class, &t.int) {
        &["real", "imag", "numerator", "denominator"]
    } else if Gc::ptr_eq(class, &t.float) || Gc::ptr_eq(class, &t.complex) {
        &["real", "imag"]
    } else {
        &[]
    }
}

impl Vm {
    /// A StopIteration with no value.
    pub fn stop_iteration_empty(&self) -> crate::vm::PyErr {
        match self.instantiate_exception(self.types.exc(Exc::StopIteration).clone(), Vec::new()) {
            Ok(e) => crate::vm::PyErr(e),
            Err(e) => e,
        }
    }

    /// The `__main__` module's namespace, while a program runs.
    pub fn main_globals(&self) -> Option<PyRef> {
        self.sys_module("__main__").and_then(|m| match &*m {
            Obj::Module(pair) => Some(pair.1.clone()),
            _ => None,
        })
    }

    /// True if `a` and `b` are the same object.
    pub fn is(&self, a: &PyRef, b: &PyRef) -> bool {
        Gc::ptr_eq(a, b)
    }
}
