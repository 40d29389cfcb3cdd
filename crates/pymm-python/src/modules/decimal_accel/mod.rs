//! `_decimal_accel`: the hot paths of `decimal` (CPython's `_pydecimal`) in Rust, over the
//! same representation (`_sign`, `_coef`, `_exp`, `_is_special`), so that a Decimal made
//! here is the one `decimal.py` would make ([`finite`] follows its code line by line).
//! `_coef` holds `_pydecimal`'s `_int` digits as an int when they are a finite value's
//! canonical digits of at most [`INT_COEFF_DIGITS`], else as the digit string
//! (`decimal.py`'s `_coef_of`); `_int` is a property over it ([`digits`]), so that an
//! operation here neither parses nor writes digits.
//!
//! `install(Decimal, Context, getcontext, signals)`, called once by `decimal.py`, puts native
//! methods on the two classes in place of Python functions (`Decimal.__add__`, `__radd__`,
//! `__sub__`, `__mul__`, `__rmul__`, `quantize`, `__str__`, `_fix`, `Context.quantize`), so
//! that `a * b`, `d.quantize(e)` or `str(d)` run without a Python frame. Each method computes
//! the finite cases (a Decimal of the class itself, or an int where `_convert_other` takes
//! one, and an ordinary context) and calls the Python function it replaced, with the same
//! arguments, for everything else (specials, other types, subclasses, overflow, the
//! InvalidOperation paths, unusual arguments): that function, kept in the env tuple
//! `install` stores on both classes, then runs as in `_pydecimal`.
//!
//! Conditions are raised after the result is computed, in `_pydecimal`'s order, as the
//! context's `_raise_error` raises them, so flags and traps match: where that method is
//! `Context._raise_error` and the condition is neither ignored nor trapped, it only sets the
//! flag (these five conditions' `handle` does nothing), and so does [`Env::raise_signals`];
//! every other case calls the method.
//!
//! What the methods read on every call is kept between calls where it can be checked
//! cheaply: the current context (`getcontext()`'s value) in contextvars' `_cache`, which
//! contextvars empties whenever the current context or its data changes, and where a
//! Context class keeps its fields among its instances' values ([`ContextLayout`]).

mod finite;

use finite::{Ctx, Finite, Outcome, Rounding, Signal};

use std::cell::RefCell;

use crate::objects::{InstanceData, Obj, PyRef, Table};
use crate::rt::Gc;
use crate::vm::attr::table_get_name;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::instance_storage::key_index;
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("install", install),
    BuiltinFn::new("digits", digits),
];

/// The most digits a coefficient kept as an int has (`decimal.py`'s `_coef_of`): its value
/// is below 10**18, so it fits an i64.
const INT_COEFF_DIGITS: usize = 18;

/// `digits(d)`: `d._int`, the coefficient's digits as `_pydecimal` keeps them (the getter
/// of Decimal's `_int` property).
fn digits(vm: &Vm, args: Args<'_>) -> PyResult {
    args.check(vm, "digits", 1, 1, &[])?;
    let coef = vm.instance_get_name(&args.pos[0], &vm.intern_static("_coef"));
    let Some(coef) = coef else {
        return Err(vm.new_exc(crate::vm::Exc::AttributeError, "_coef"));
    };
    match &*coef {
        Obj::Str(_) => Ok(coef),
        Obj::Int(i) => vm.str(itoa::Buffer::new().format(*i)),
        _ => vm.to_str_obj(&coef),
    }
}

/// Builds the `_decimal_accel` module.
pub fn build(vm: &Vm) -> PyResult {
    let module = vm.new_module("_decimal_accel")?;
    vm.module_add_functions(&module, FUNCTIONS)?;
    Ok(module)
}

/// The methods put on Decimal, in [`Method`] order.
static DECIMAL_METHODS: [BuiltinFn; 8] = [
    BuiltinFn::for_class("__add__", add),
    BuiltinFn::for_class("__radd__", radd),
    BuiltinFn::for_class("__sub__", sub),
    BuiltinFn::for_class("__mul__", mul),
    BuiltinFn::for_class("__rmul__", rmul),
    BuiltinFn::for_class("quantize", quantize),
    BuiltinFn::for_class("__str__", to_str),
    BuiltinFn::for_class("_fix", fix),
];

/// `Context.quantize`.
static CONTEXT_QUANTIZE: BuiltinFn = BuiltinFn::for_class("quantize", context_quantize);

/// The native methods; each one's Python function sits at `FALLBACKS + method` in the env.
#[derive(Clone, Copy)]
enum Method {
    Add,
    Radd,
    Sub,
    Mul,
    Rmul,
    Quantize,
    Str,
    Fix,
    ContextQuantize,
}

/// The class attribute (of Decimal and Context) holding the env tuple: (Decimal,
/// getcontext, the contextvars module, decimal's context variable, Context._raise_error,
/// the five signals, the replaced Python functions, the interned [`Name`]s, where a
/// Decimal keeps `_exp`, `_coef`, `_sign` and `_is_special` among its values,
/// contextvars' `_cache` list, and the [`ContextLayout`] list).
const ENV_NAME: &str = "_accel_env";
const CONTEXTVARS: usize = 2;
const CONTEXT_VAR: usize = 3;
const RAISE_ERROR: usize = 4;
const SIGNALS: usize = 5;
const FALLBACKS: usize = SIGNALS + 5;
const NAMES: usize = FALLBACKS + 9;
const SLOTS: usize = NAMES + NAME_TEXTS.len();
const CACHE: usize = SLOTS + 1;
const LAYOUT: usize = CACHE + 1;
const ENV_LEN: usize = LAYOUT + 1;

/// The attribute names the methods read, interned once by `install`, so that finding them
/// among a class's keys compares identities, not texts.
#[derive(Clone, Copy)]
enum Name {
    Prec,
    Emin,
    Emax,
    Rounding,
    Clamp,
    Capitals,
    IgnoredFlags,
    Flags,
    Traps,
    RaiseError,
    Current,
    Data,
}

/// The texts of the [`Name`]s, in order.
const NAME_TEXTS: [&str; 12] = [
    "prec",
    "Emin",
    "Emax",
    "rounding",
    "clamp",
    "capitals",
    "_ignored_flags",
    "flags",
    "traps",
    "_raise_error",
    "_current",
    "_data",
];

/// `install(Decimal, Context, getcontext, contextvars, context_var, (Underflow, Subnormal,
/// Inexact, Rounded, Clamped))`: stores the env on both classes and replaces their methods
/// by the native ones.
fn install(vm: &Vm, args: Args<'_>) -> PyResult {
    args.check(vm, "install", 6, 6, &[])?;
    let [decimal, context, getcontext, contextvars, context_var, signals] =
        [0, 1, 2, 3, 4, 5].map(|i| &args.pos[i]);
    let signals = match &**signals {
        Obj::Tuple(items) if items.len() == 5 => items,
        _ => return Err(vm.type_error("install() needs the five signals as a tuple")),
    };
    if ![decimal, context]
        .iter()
        .all(|c| matches!(&***c, Obj::Class(_)))
    {
        return Err(vm.type_error("install() needs the Decimal and Context classes"));
    }
    let lookup = |class: &PyRef, name: &str| {
        vm.class_lookup(class, name)
            .ok_or_else(|| vm.type_error(format!("install(): no {name} to replace")))
    };
    let mut items = vec![
        decimal.clone(),
        getcontext.clone(),
        contextvars.clone(),
        context_var.clone(),
    ];
    items.push(lookup(context, "_raise_error")?);
    items.extend(signals.iter().cloned());
    for def in &DECIMAL_METHODS {
        items.push(lookup(decimal, def.name)?);
    }
    items.push(lookup(context, CONTEXT_QUANTIZE.name)?);
    items.extend(NAME_TEXTS.map(|name| vm.intern(name)));
    let slots = slot_indexes(decimal)
        .ok_or_else(|| vm.type_error("install() needs Decimal's __slots__"))?;
    // the four places as one bytes object, read back with one slice on every call
    let places = slots.map(|index| u8::try_from(index).ok());
    if !places.iter().all(Option::is_some) {
        return Err(vm.type_error("install() needs Decimal's slots among its first 256 values"));
    }
    items.push(vm.bytes(places.map(|p| p.unwrap_or(0))));
    items.push(contextvars_cache(vm, contextvars)?);
    // the layout list starts as `[Context]`: only decimal's own Context class has its
    // layout kept (see `Env::context_layout`)
    items.push(vm.list(vec![context.clone()])?);
    let env = vm.new_tuple(items)?;
    for class in [decimal, context] {
        vm.class_set_attr(class, &vm.intern(ENV_NAME), env.clone());
    }
    for def in &DECIMAL_METHODS {
        vm.class_set_attr(decimal, &vm.intern(def.name), vm.alloc(Obj::Builtin(def))?);
    }
    let quantize = vm.alloc(Obj::Builtin(&CONTEXT_QUANTIZE))?;
    vm.class_set_attr(context, &vm.intern(CONTEXT_QUANTIZE.name), quantize);
    Ok(vm.none())
}

/// contextvars' `_cache`: the list where [`Env::current_context`] keeps the value it read,
/// which contextvars empties whenever the current context or its data changes.
fn contextvars_cache(vm: &Vm, contextvars: &PyRef) -> PyResult {
    let cache = match &**contextvars {
        Obj::Module(module) => match &*module.1 {
            Obj::Dict(globals) => table_get_name(&globals.borrow(), &vm.intern("_cache")),
            _ => None,
        },
        _ => None,
    };
    cache
        .filter(|cache| matches!(&**cache, Obj::List(_)))
        .ok_or_else(|| vm.type_error("install() needs contextvars with its _cache list"))
}

/// Runs the native method `method` of a `owner` (its name as errors show it): `fast`
/// computes the result, or gives None for the cases it leaves to the Python function, which
/// is then called with the same arguments.
fn run(
    vm: &Vm,
    args: Args<'_>,
    method: Method,
    owner: &str,
    fast: impl FnOnce(&Env<'_>) -> PyResult<Option<PyRef>>,
) -> PyResult {
    let receiver = args.receiver(vm)?;
    let env = match &**receiver {
        // SAFETY: the class is borrowed for the lookup alone, which runs no Python code.
        Obj::Instance(inst) => unsafe {
            vm.class_lookup_name(&inst.class_ref(), &vm.intern_static(ENV_NAME))
        },
        _ => None,
    };
    let Some(env) = env.filter(|e| matches!(&**e, Obj::Tuple(t) if t.len() == ENV_LEN)) else {
        let name = match method {
            Method::ContextQuantize => CONTEXT_QUANTIZE.name,
            m => DECIMAL_METHODS[m as usize].name,
        };
        // CPython's messages: a slot wrapper's (`__add__`), or a method descriptor's
        let other = vm.type_name(receiver);
        return Err(vm.type_error(if name.starts_with("__") {
            format!("descriptor '{name}' requires a 'decimal.{owner}' object but received a '{other}'")
        } else {
            format!("descriptor '{name}' for 'decimal.{owner}' objects doesn't apply to a '{other}' object")
        }));
    };
    let Obj::Tuple(items) = &*env else {
        return Ok(vm.none());
    };
    let env = Env {
        items,
        slots: slots_of(items),
    };
    if let Some(result) = fast(&env)? {
        return Ok(result);
    }
    vm.call_args(&env.items[FALLBACKS + method as usize], args)
}

/// The arguments after the receiver, bound to the parameters `names` (positionally, then
/// by keyword), or None for a call these parameters do not take (the Python function then
/// raises CPython's error).
fn bind<'a>(args: &Args<'a>, names: &[&str]) -> Option<[Option<&'a PyRef>; 3]> {
    let pos = args.pos.get(1..)?;
    if pos.len() > names.len() {
        return None;
    }
    let mut bound = [None; 3];
    for (slot, value) in bound.iter_mut().zip(pos) {
        *slot = Some(value);
    }
    for (name, value) in args.kwnames.iter().zip(args.kwvals) {
        let i = names.iter().position(|n| name.as_str() == Some(n))?;
        if bound[i].replace(value).is_some() {
            return None;
        }
    }
    Some(bound)
}

/// The env tuple's items (see [`ENV_NAME`]) and the Decimal slots' places among them.
struct Env<'a> {
    items: &'a [PyRef],
    slots: Option<[usize; 4]>,
}

/// Where a Decimal keeps `_exp`, `_coef`, `_sign` and `_is_special` among its values, as
/// `install` stored them in the env (read once per call: every operand and result uses them).
fn slots_of(items: &[PyRef]) -> Option<[usize; 4]> {
    match &*items[SLOTS] {
        Obj::Bytes(places) => match **places {
            [exp, coeff, sign, special] => Some([exp, coeff, sign, special].map(usize::from)),
            _ => None,
        },
        _ => None,
    }
}

/// What `Context._raise_error` reads of a context whose method is not overridden and which
/// ignores no condition: its `flags` and `traps` dicts ([`Env::plain_flags`]).
struct PlainFlags {
    flags: PyRef,
    traps: PyRef,
}

impl Env<'_> {
    fn decimal(&self) -> &PyRef {
        &self.items[0]
    }

    fn name(&self, name: Name) -> &PyRef {
        &self.items[NAMES + name as usize]
    }

    /// The instance attribute `name` of `obj`.
    fn field(&self, vm: &Vm, obj: &PyRef, name: Name) -> Option<PyRef> {
        vm.instance_get_name(obj, self.name(name))
    }

    /// Where a Decimal keeps `_exp`, `_coef`, `_sign` and `_is_special` among its values
    /// (found once by `install`: the slots of a class without `__dict__` stay where they are).
    fn slots(&self) -> Option<[usize; 4]> {
        self.slots
    }

    /// The instance attributes `names` (of the context's nine) of `context`: through its
    /// class's [`ContextLayout`] when it has one, else as [`Vm::instance_get_names`].
    fn context_fields<const N: usize>(
        &self,
        vm: &Vm,
        context: &PyRef,
        names: [Name; N],
    ) -> [Option<PyRef>; N] {
        let mut fields = [const { None }; N];
        if let Obj::Instance(inst) = &**context {
            if let Some(layout) = self.context_layout(vm, inst) {
                for (field, name) in fields.iter_mut().zip(names) {
                    *field = inst.value(layout.indexes[name as usize]);
                }
                return fields;
            }
        }
        let mut interned = [self.name(Name::Prec); N];
        for (slot, name) in interned.iter_mut().zip(names) {
            *slot = self.name(name);
        }
        vm.instance_get_names(context, interned)
    }

    /// The layout of a context's class, when its values are where the layout says: the
    /// instance has no `__dict__` made (its values are then empty) and its class knows all
    /// nine names. Decimal's own Context class's layout is kept in the env, which that
    /// class holds anyway; a subclass's is found each time, so that the env keeps no
    /// subclass alive (CPython's `_decimal` holds none).
    fn context_layout(&self, vm: &Vm, inst: &InstanceData) -> Option<ContextLayout> {
        if inst.dict().is_some() {
            return None;
        }
        let Obj::List(kept) = &*self.items[LAYOUT] else {
            return None;
        };
        let own = {
            let items = kept.borrow();
            // SAFETY: the class is borrowed for the comparison alone (no Python code runs).
            let class = unsafe { inst.class_ref() };
            if let Some(layout) = ContextLayout::read(&items, &class) {
                return Some(layout);
            }
            items.first().is_some_and(|c| Gc::ptr_eq(c, &class))
        };
        let class = inst.class();
        let layout = ContextLayout::find(self, &class)?;
        if own && kept.try_borrow_mut().is_ok() {
            // the places as one bytes object: read back with one slice, not nine ints
            let places = layout.indexes.map(|index| u8::try_from(index).ok());
            if places.iter().all(Option::is_some) {
                let record = vm.bytes(places.map(|p| p.unwrap_or(0)));
                kept.replace(vec![class, record]);
            }
        }
        Some(layout)
    }

    /// What the operations read from a context, or None if it holds something unusual (the
    /// Python code then deals with it).
    fn read_context(&self, vm: &Vm, context: &PyRef) -> Option<Ctx> {
        let names = [
            Name::Prec,
            Name::Emin,
            Name::Emax,
            Name::Rounding,
            Name::Clamp,
        ];
        let [prec, emin, emax, rounding, clamp] = self.context_fields(vm, context, names);
        let int = |field: Option<PyRef>| field?.as_i64().map(i128::from);
        let ctx = Ctx {
            prec: int(prec)?,
            emin: int(emin)?,
            emax: int(emax)?,
            rounding: Rounding::from_name(rounding?.as_str()?)?,
            clamp: match int(clamp)? {
                0 => false,
                1 => true,
                _ => return None,
            },
        };
        (ctx.prec >= 1).then_some(ctx)
    }

    /// The operand as a finite value: a Decimal (exactly) that is not special.
    fn finite(&self, obj: &PyRef) -> Option<Value> {
        let Obj::Instance(inst) = &**obj else {
            return None;
        };
        // SAFETY: the class is borrowed for the comparison alone (no Python code runs).
        let exact = unsafe { Gc::ptr_eq(&inst.class_ref(), self.decimal()) };
        if !exact || inst.dict().is_some() {
            return None;
        }
        let [exp, coeff, sign, special] = self.slots()?;
        if inst.value(special)?.as_i64()? != 0 {
            return None;
        }
        let sign = u8::try_from(inst.value(sign)?.as_i64()?)
            .ok()
            .filter(|&s| s <= 1)?;
        let exp = i128::from(inst.value(exp)?.as_i64()?);
        let coeff = inst.value(coeff)?;
        if let Obj::Int(value) = &*coeff {
            let coeff = u128::try_from(*value).ok()?;
            return Some(Value::Small(Finite { sign, coeff, exp }));
        }
        let digits = coeff.as_str()?;
        Some(match finite::parse_u128(digits.as_bytes()) {
            Some(coeff) => Value::Small(Finite { sign, coeff, exp }),
            None if is_digits(digits) => Value::Digits(Finite {
                sign,
                coeff: digits.to_string(),
                exp,
            }),
            None => return None,
        })
    }

    /// A Decimal or an int (as `_convert_other` converts it) as a finite value.
    fn operand(&self, obj: &PyRef) -> Option<Value> {
        let small = |negative: bool, coeff: u128| {
            Value::Small(Finite {
                sign: u8::from(negative),
                coeff,
                exp: 0,
            })
        };
        Some(match &**obj {
            Obj::Int(i) => small(*i < 0, u128::from(i.unsigned_abs())),
            Obj::Bool(b) => small(false, u128::from(*b)),
            Obj::BigInt(b) => Value::Digits(Finite {
                sign: u8::from(b.sign() == num_bigint::Sign::Minus),
                coeff: b.magnitude().to_string(),
                exp: 0,
            }),
            _ => return self.finite(obj),
        })
    }

    /// The context given, or `getcontext()`.
    fn context(&self, vm: &Vm, context: Option<&PyRef>) -> PyResult {
        match context {
            Some(context) if !vm.is_none(context) => Ok(context.clone()),
            _ => match self.current_context(vm)? {
                Some(current) => Ok(current),
                None => vm.call(&self.items[1], &[]),
            },
        }
    }

    /// What `getcontext()` returns when decimal's context variable has a value: the value
    /// in contextvars' current context (`contextvars._current._data[var]`, what
    /// `ContextVar.get` reads), kept in contextvars' `_cache` until that changes (CPython's
    /// ContextVar caches it likewise). None when it has none (`getcontext()` then makes one).
    fn current_context(&self, vm: &Vm) -> PyResult<Option<PyRef>> {
        let var = &self.items[CONTEXT_VAR];
        let Obj::List(cache) = &*self.items[CACHE] else {
            return self.read_current_context(vm);
        };
        if let [cached_var, value] = &cache.borrow()[..] {
            if Gc::ptr_eq(cached_var, var) {
                return Ok(Some(value.clone()));
            }
        }
        let value = self.read_current_context(vm)?;
        if let Some(value) = &value {
            // the lookup ran no Python code (contextvars' keys are ContextVars, hashed and
            // compared by identity), so the value is still the current one
            if cache.try_borrow_mut().is_ok() {
                cache.replace(vec![var.clone(), value.clone()]);
            }
        }
        Ok(value)
    }

    /// [`Env::current_context`] read from contextvars' current context.
    fn read_current_context(&self, vm: &Vm) -> PyResult<Option<PyRef>> {
        let Obj::Module(module) = &*self.items[CONTEXTVARS] else {
            return Ok(None);
        };
        let Obj::Dict(globals) = &*module.1 else {
            return Ok(None);
        };
        let current = table_get_name(&globals.borrow(), self.name(Name::Current));
        match current.and_then(|current| self.field(vm, &current, Name::Data)) {
            Some(data) if matches!(&*data, Obj::Dict(_)) => {
                vm.dict_get(&data, &self.items[CONTEXT_VAR])
            }
            _ => Ok(None),
        }
    }

    /// A new Decimal as `_dec_from_triple` makes it (its exponent fits an i64; `coeff` as
    /// `_coef_of` keeps the digits).
    fn decimal_of(&self, vm: &Vm, sign: u8, coeff: PyRef, exp: i64) -> PyResult {
        let class = self.decimal();
        let indexes = self
            .slots()
            .ok_or_else(|| vm.type_error("Decimal has lost its __slots__"))?;
        let values = [
            vm.new_int(exp)?,
            coeff,
            vm.int(i64::from(sign)),
            vm.bool(false),
        ];
        let obj = vm.new_instance(class, None)?;
        let Obj::Instance(inst) = &*obj else {
            return Ok(obj);
        };
        for (index, value) in indexes.into_iter().zip(values) {
            if inst.replace_value(index, Some(value)).is_err() {
                return Err(vm.type_error("Decimal has lost its __slots__"));
            }
        }
        Ok(obj)
    }

    /// Raises the conditions through `context._raise_error`, then returns the Decimal; None
    /// when the Python code must compute it.
    fn finish(&self, vm: &Vm, context: &PyRef, answer: Option<Answer>) -> PyResult<Option<PyRef>> {
        let (sign, exp, signals) = match &answer {
            Some(Answer::Small((ans, signals))) => (ans.sign, ans.exp, signals),
            Some(Answer::Digits((ans, signals))) => (ans.sign, ans.exp, signals),
            None => return Ok(None),
        };
        let Ok(exp) = i64::try_from(exp) else {
            return Ok(None);
        };
        self.raise_signals(vm, context, signals.as_slice())?;
        let coeff = match &answer {
            Some(Answer::Small((ans, _))) => coefficient(vm, ans.coeff)?,
            Some(Answer::Digits((ans, _))) => match finite::parse_u128(ans.coeff.as_bytes()) {
                Some(value) if ans.coeff.len() <= INT_COEFF_DIGITS => coefficient(vm, value)?,
                _ => vm.str(&ans.coeff)?,
            },
            None => return Ok(None),
        };
        self.decimal_of(vm, sign, coeff, exp).map(Some)
    }

    /// `context._raise_error(condition)` for each of `signals` (of the five conditions), in
    /// order. Where that would only set the flag (see [`Env::plain_flags`]), sets it; the
    /// context is read again after any Python code ran.
    fn raise_signals(&self, vm: &Vm, context: &PyRef, signals: &[Signal]) -> PyResult<()> {
        let mut plain = None;
        for &signal in signals {
            let condition = &self.items[SIGNALS + signal as usize];
            if plain.is_none() {
                plain = self.plain_flags(vm, context);
            }
            if let Some(state) = &plain {
                let hash = vm.hash(condition)?;
                if let Some(trap) = signal_get(vm, &state.traps, condition, hash)? {
                    // a bool or an int answers `truthy` without running Python code; after
                    // any other value's `__bool__` the context is read again
                    let plain_value = matches!(&*trap, Obj::Bool(_) | Obj::Int(_));
                    if !vm.truthy(&trap)? {
                        signal_set(vm, &state.flags, condition, hash, vm.int(1))?;
                        if !plain_value {
                            plain = None;
                        }
                        continue;
                    }
                }
            }
            plain = None;
            let raise_error = vm.get_attr(context, self.name(Name::RaiseError))?;
            vm.call(&raise_error, std::slice::from_ref(condition))?;
        }
        Ok(())
    }

    /// The context's `flags` and `traps` when `Context._raise_error` would only set a flag
    /// for a condition not trapped: the method is not overridden, `_ignored_flags` is empty,
    /// and both are dicts. None otherwise (the method is then called).
    fn plain_flags(&self, vm: &Vm, context: &PyRef) -> Option<PlainFlags> {
        let Obj::Instance(inst) = &**context else {
            return None;
        };
        // SAFETY: the class is borrowed for the lookup alone, which runs no Python code.
        let method =
            unsafe { vm.class_lookup_name(&inst.class_ref(), self.name(Name::RaiseError)) };
        if !method.is_some_and(|m| Gc::ptr_eq(&m, &self.items[RAISE_ERROR])) {
            return None;
        }
        let names = [Name::IgnoredFlags, Name::Flags, Name::Traps];
        let [ignored, flags, traps] = self.context_fields(vm, context, names);
        let (ignored, flags, traps) = (ignored?, flags?, traps?);
        let no_ignored = matches!(&*ignored, Obj::List(items) if items.borrow().is_empty());
        let dicts = matches!((&*flags, &*traps), (Obj::Dict(_), Obj::Dict(_)));
        (no_ignored && dicts).then_some(PlainFlags { flags, traps })
    }

    /// `a.quantize(exp, rounding, context)` for finite `a` and a finite Decimal or int `exp`.
    fn quantize(
        &self,
        vm: &Vm,
        a: &PyRef,
        exp: &PyRef,
        rounding: Option<&PyRef>,
        context: Option<&PyRef>,
    ) -> PyResult<Option<PyRef>> {
        let (Some(a), Some(exp)) = (self.finite(a), self.operand(exp).map(|e| e.exp())) else {
            return Ok(None);
        };
        let context = self.context(vm, context)?;
        let Some(ctx) = self.read_context(vm, &context) else {
            return Ok(None);
        };
        let mode = match rounding.filter(|r| !vm.is_none(r)) {
            None => ctx.rounding,
            Some(rounding) => match rounding.as_str().and_then(Rounding::from_name) {
                Some(mode) => mode,
                None => return Ok(None),
            },
        };
        let answer = a.apply(
            |small| finite::quantize(small, exp, mode, &ctx),
            |digits| finite::quantize(&digits, exp, mode, &ctx),
        );
        self.finish(vm, &context, answer)
    }
}

/// Where the signal class `key` (of hash `hash`) is in the dict `table`, found by identity
/// under its hash (no `==` runs); None if it is not there that way.
fn signal_pos(table: &RefCell<Table>, key: &PyRef, hash: i64) -> Option<usize> {
    table
        .try_borrow()
        .ok()
        .and_then(|t| t.find_by(hash, |k| Gc::ptr_eq(k, key)))
}

/// `dict.get(key)` for a signal class key of hash `hash` (a context's `traps` or `flags`,
/// which share it): found by identity where it can be, as [`Vm::dict_get`] finds it
/// otherwise.
fn signal_get(vm: &Vm, dict: &PyRef, key: &PyRef, hash: i64) -> PyResult<Option<PyRef>> {
    if let Obj::Dict(table) = &**dict {
        if let Some(pos) = signal_pos(table, key, hash) {
            return Ok(table.borrow().entry(pos).map(|e| e.value.clone()));
        }
    }
    vm.dict_get(dict, key)
}

/// `dict[key] = value` for a signal class key of hash `hash`, as [`signal_get`] finds it.
fn signal_set(vm: &Vm, dict: &PyRef, key: &PyRef, hash: i64, value: PyRef) -> PyResult<()> {
    if let Obj::Dict(table) = &**dict {
        if let (Some(pos), Ok(mut t)) = (signal_pos(table, key, hash), table.try_borrow_mut()) {
            let old = t.replace_value(pos, value);
            drop(t);
            drop(old);
            return Ok(());
        }
    }
    vm.dict_set(dict, key.clone(), value)
}

/// Where a Context class keeps the nine attributes the methods read ([`Name::Prec`] to
/// [`Name::Traps`]) among its instances' values: a class's shared keys only grow, so a
/// name found there stays at its place. Kept in the env's list as `[class, bytes of the places]`.
struct ContextLayout {
    indexes: [usize; CONTEXT_NAMES],
}

/// The context attributes a [`ContextLayout`] places: the first [`Name`]s.
const CONTEXT_NAMES: usize = Name::Traps as usize + 1;

impl ContextLayout {
    /// The layout kept in `items` (the env's list: the class and a bytes object of the
    /// places), if it is `class`'s.
    fn read(items: &[PyRef], class: &PyRef) -> Option<ContextLayout> {
        let [kept_class, places] = items else {
            return None;
        };
        let Obj::Bytes(places) = &**places else {
            return None;
        };
        if !Gc::ptr_eq(kept_class, class) || places.len() != CONTEXT_NAMES {
            return None;
        }
        let mut layout = ContextLayout {
            indexes: [0; CONTEXT_NAMES],
        };
        for (index, &place) in layout.indexes.iter_mut().zip(places.iter()) {
            *index = usize::from(place);
        }
        Some(layout)
    }

    /// The layout of `class`, if its shared keys have all the names.
    fn find(env: &Env<'_>, class: &PyRef) -> Option<ContextLayout> {
        let Obj::Class(cls) = &**class else {
            return None;
        };
        let keys = cls.keys.borrow();
        let mut layout = ContextLayout {
            indexes: [0; CONTEXT_NAMES],
        };
        for (i, index) in layout.indexes.iter_mut().enumerate() {
            let name = &env.items[NAMES + i];
            *index = key_index(&keys, name.as_str()?, Some(name))?;
        }
        Some(layout)
    }
}

/// A finite coefficient as `_coef` keeps it (`decimal.py`'s `_coef_of_int`): an int below
/// 10**18, else its digits.
fn coefficient(vm: &Vm, value: u128) -> PyResult {
    match i64::try_from(value) {
        Ok(small) if small < 1_000_000_000_000_000_000 => vm.new_int(small),
        _ => vm.str(finite::u128_digits(value, &mut itoa::Buffer::new())),
    }
}

/// Where the Decimal class keeps `_exp`, `_coef`, `_sign` and `_is_special` (its
/// `__slots__`) among its instances' values.
fn slot_indexes(class: &PyRef) -> Option<[usize; 4]> {
    let Obj::Class(cls) = &**class else {
        return None;
    };
    let keys = cls.keys.borrow();
    let find = |name| key_index(&keys, name, None);
    Some([
        find("_exp")?,
        find("_coef")?,
        find("_sign")?,
        find("_is_special")?,
    ])
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A finite operand: its coefficient as a `u128` when `decimal.py`'s digits fit one
/// ([`finite::parse_u128`]), else the digits themselves.
enum Value {
    Small(Finite<u128>),
    Digits(Finite),
}

impl Value {
    fn exp(&self) -> i128 {
        match self {
            Value::Small(d) => d.exp,
            Value::Digits(d) => d.exp,
        }
    }

    fn negate(&mut self) {
        match self {
            Value::Small(d) => d.sign ^= 1,
            Value::Digits(d) => d.sign ^= 1,
        }
    }

    /// The value with its coefficient as digits (what the operations fall back to).
    fn digits(&self) -> Finite {
        match self {
            Value::Small(d) => d.digits(),
            Value::Digits(d) => d.clone(),
        }
    }

    /// An operation of [`finite`] on this value: on the `u128` coefficient if it has one
    /// and the result fits, else on the digits (the same computation, so the same result
    /// and conditions; [`BinaryOp::apply`] is its two-operand twin).
    fn apply(
        &self,
        small: impl FnOnce(&Finite<u128>) -> Option<Outcome<u128>>,
        digits: impl FnOnce(Finite) -> Option<Outcome>,
    ) -> Option<Answer> {
        if let Value::Small(d) = self {
            if let Some(outcome) = small(d) {
                return Some(Answer::Small(outcome));
            }
        }
        digits(self.digits()).map(Answer::Digits)
    }
}

/// An operation's result: on `u128` coefficients, or on digits when an operand or the
/// result did not fit one.
enum Answer {
    Small(Outcome<u128>),
    Digits(Outcome),
}

/// A binary operation of [`finite`] on `u128` coefficients.
type SmallOp = fn(&Finite<u128>, &Finite<u128>, &Ctx) -> Option<Outcome<u128>>;

/// The same operation on digit strings.
type DigitsOp = fn(&Finite, &Finite, &Ctx) -> Option<Outcome>;

/// A binary operation of [`finite`], on both kinds of coefficient.
struct BinaryOp {
    small: SmallOp,
    digits: DigitsOp,
}

const ADD: BinaryOp = BinaryOp {
    small: finite::add,
    digits: finite::add,
};

const MUL: BinaryOp = BinaryOp {
    small: finite::mul,
    digits: finite::mul,
};

impl BinaryOp {
    /// The operation on `u128` coefficients if both fit and so does the result, else on
    /// digits (the same computation, so the same result and conditions).
    fn apply(&self, a: &Value, b: &Value, ctx: &Ctx) -> Option<Answer> {
        if let (Value::Small(a), Value::Small(b)) = (a, b) {
            if let Some(outcome) = (self.small)(a, b, ctx) {
                return Some(Answer::Small(outcome));
            }
        }
        (self.digits)(&a.digits(), &b.digits(), ctx).map(Answer::Digits)
    }
}

/// `Decimal._fix(self, context)`.
fn fix(vm: &Vm, args: Args<'_>) -> PyResult {
    run(vm, args, Method::Fix, "Decimal", |env| {
        let (Some([Some(context), ..]), Some(d)) =
            (bind(&args, &["context"]), env.finite(&args.pos[0]))
        else {
            return Ok(None);
        };
        let Some(ctx) = env.read_context(vm, context) else {
            return Ok(None);
        };
        let answer = d.apply(
            |small| finite::fix(small.clone(), &ctx),
            |digits| finite::fix(digits, &ctx),
        );
        env.finish(vm, context, answer)
    })
}

/// A binary operation `self OP other` (with `context=None`) on finite operands, `op`
/// computing it; `negate` flips the sign of `other` first (`a - b` is, as `decimal.py`
/// computes it, `a + b.copy_negate()`).
fn binary(vm: &Vm, args: Args<'_>, method: Method, negate: bool, op: BinaryOp) -> PyResult {
    run(vm, args, method, "Decimal", |env| {
        let Some([Some(other), context, _]) = bind(&args, &["other", "context"]) else {
            return Ok(None);
        };
        let (Some(a), Some(mut b)) = (env.finite(&args.pos[0]), env.operand(other)) else {
            return Ok(None);
        };
        if negate {
            b.negate();
        }
        let context = env.context(vm, context)?;
        match env.read_context(vm, &context) {
            Some(ctx) => env.finish(vm, &context, op.apply(&a, &b, &ctx)),
            None => Ok(None),
        }
    })
}

/// `Decimal.__add__(self, other, context=None)`.
fn add(vm: &Vm, args: Args<'_>) -> PyResult {
    binary(vm, args, Method::Add, false, ADD)
}

/// `Decimal.__radd__`: `decimal.py`'s is `__add__`.
fn radd(vm: &Vm, args: Args<'_>) -> PyResult {
    binary(vm, args, Method::Radd, false, ADD)
}

/// `Decimal.__sub__(self, other, context=None)`.
fn sub(vm: &Vm, args: Args<'_>) -> PyResult {
    binary(vm, args, Method::Sub, true, ADD)
}

/// `Decimal.__mul__(self, other, context=None)`.
fn mul(vm: &Vm, args: Args<'_>) -> PyResult {
    binary(vm, args, Method::Mul, false, MUL)
}

/// `Decimal.__rmul__`: `decimal.py`'s is `__mul__`.
fn rmul(vm: &Vm, args: Args<'_>) -> PyResult {
    binary(vm, args, Method::Rmul, false, MUL)
}

/// `Decimal.quantize(self, exp, rounding=None, context=None)`.
fn quantize(vm: &Vm, args: Args<'_>) -> PyResult {
    run(vm, args, Method::Quantize, "Decimal", |env| {
        match bind(&args, &["exp", "rounding", "context"]) {
            Some([Some(exp), rounding, context]) => {
                env.quantize(vm, &args.pos[0], exp, rounding, context)
            }
            _ => Ok(None),
        }
    })
}

/// `Context.quantize(self, a, b)`: `a.quantize(b, context=self)`.
fn context_quantize(vm: &Vm, args: Args<'_>) -> PyResult {
    run(
        vm,
        args,
        Method::ContextQuantize,
        "Context",
        |env| match bind(&args, &["a", "b"]) {
            Some([Some(a), Some(b), _]) => env.quantize(vm, a, b, None, Some(&args.pos[0])),
            _ => Ok(None),
        },
    )
}

/// `Decimal.__str__(self, eng=False, context=None)`; the context (its `capitals`) is read
/// only if the string needs an exponent, as `decimal.py` does.
fn to_str(vm: &Vm, args: Args<'_>) -> PyResult {
    run(vm, args, Method::Str, "Decimal", |env| {
        let (Some([eng, context, _]), Some(d)) =
            (bind(&args, &["eng", "context"]), env.finite(&args.pos[0]))
        else {
            return Ok(None);
        };
        let eng = match eng {
            Some(eng) => vm.truthy(eng)?,
            None => false,
        };
        let mut buf = itoa::Buffer::new();
        let (sign, exp, digits) = match &d {
            Value::Small(d) => (d.sign, d.exp, finite::u128_digits(d.coeff, &mut buf)),
            Value::Digits(d) => (d.sign, d.exp, d.coeff.as_str()),
        };
        if let Some(s) = finite::to_str(sign, digits, exp, eng, None) {
            return vm.str(s).map(Some);
        }
        let context = env.context(vm, context)?;
        let capitals = env
            .field(vm, &context, Name::Capitals)
            .and_then(|c| c.as_i64());
        match capitals.and_then(|c| finite::to_str(sign, digits, exp, eng, Some(c != 0))) {
            Some(s) => vm.str(s).map(Some),
            None => Ok(None),
        }
    })
}

#[cfg(test)]
mod tests;
