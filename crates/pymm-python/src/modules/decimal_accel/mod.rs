//! `_decimal_accel`: the hot paths of `decimal` (CPython's `_pydecimal`) in Rust, over the
//! same representation (`_sign`, `_int` digits, `_exp`, `_is_special`), so that a Decimal
//! made here is the one `decimal.py` would make ([`finite`] follows its code line by line).
//!
//! Each function takes `decimal.py`'s `_ACCEL` tuple first: (Decimal, getcontext,
//! Context._raise_error, Underflow, Subnormal, Inexact, Rounded, Clamped). It returns the
//! result, or None when an
//! operand is not a finite Decimal (or int, where `_convert_other` takes one) or the case
//! needs what only the Python code does (overflow, errors, other types): the Python method
//! then runs as in `_pydecimal`. Conditions are raised after the result is computed, in
//! `_pydecimal`'s order, as the context's `_raise_error` raises them, so flags and traps
//! match: where that method is `Context._raise_error` and the condition is neither ignored
//! nor trapped, it only sets the flag (these five conditions' `handle` does nothing), and so
//! does [`Env::raise_signal`]; every other case calls the method.

mod finite;

use finite::{Ctx, Finite, Outcome, Rounding};

use crate::objects::{Obj, PyRef};
use crate::rt::Gc;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("fix", fix),
    BuiltinFn::new("mul", mul),
    BuiltinFn::new("add", add),
    BuiltinFn::new("sub", sub),
    BuiltinFn::new("quantize", quantize),
    BuiltinFn::new("to_str", to_str),
];

/// Builds the `_decimal_accel` module.
pub fn build(vm: &Vm) -> PyResult {
    let module = vm.new_module("_decimal_accel")?;
    vm.module_add_functions(&module, FUNCTIONS)?;
    Ok(module)
}

/// `decimal.py`'s `_ACCEL` tuple, unpacked.
struct Env {
    decimal: PyRef,
    getcontext: PyRef,
    /// `Context._raise_error`, to recognise contexts whose class keeps it.
    raise_error: PyRef,
    /// Underflow, Subnormal, Inexact, Rounded, Clamped.
    signals: [PyRef; 5],
}

impl Env {
    fn of(vm: &Vm, args: &Args<'_>, fname: &str, n: usize) -> PyResult<Env> {
        args.check(vm, fname, n, n, &[])?;
        let Obj::Tuple(items) = &*args.pos[0] else {
            return Err(vm.type_error(format!("{fname}() needs decimal's _ACCEL tuple")));
        };
        let items: Vec<PyRef> = items.iter().cloned().collect();
        let [decimal, getcontext, raise_error, a, b, c, d, e] = <[PyRef; 8]>::try_from(items)
            .map_err(|_| vm.type_error(format!("{fname}() needs decimal's _ACCEL tuple")))?;
        Ok(Env {
            decimal,
            getcontext,
            raise_error,
            signals: [a, b, c, d, e],
        })
    }

    /// The operand as a finite value: a Decimal (exactly) that is not special.
    fn finite(&self, vm: &Vm, obj: &PyRef) -> Option<Finite> {
        let Obj::Instance(inst) = &**obj else {
            return None;
        };
        if !Gc::ptr_eq(&inst.class(), &self.decimal) {
            return None;
        }
        let slot = |name| vm.instance_get(obj, name);
        if slot("_is_special")?.as_i64()? != 0 {
            return None;
        }
        let sign = u8::try_from(slot("_sign")?.as_i64()?)
            .ok()
            .filter(|&s| s <= 1)?;
        let exp = i128::from(slot("_exp")?.as_i64()?);
        let coeff = slot("_int")?;
        let coeff = coeff.as_str().filter(|c| is_digits(c))?.to_string();
        Some(Finite { sign, coeff, exp })
    }

    /// A Decimal or an int (as `_convert_other` converts it) as a finite value.
    fn operand(&self, vm: &Vm, obj: &PyRef) -> Option<Finite> {
        let (negative, digits) = match &**obj {
            Obj::Int(i) => (*i < 0, i.unsigned_abs().to_string()),
            Obj::Bool(b) => (false, u8::from(*b).to_string()),
            Obj::BigInt(b) => (
                b.sign() == num_bigint::Sign::Minus,
                b.magnitude().to_string(),
            ),
            _ => return self.finite(vm, obj),
        };
        Some(Finite {
            sign: u8::from(negative),
            coeff: digits,
            exp: 0,
        })
    }

    /// The context given, or `getcontext()`.
    fn context(&self, vm: &Vm, context: &PyRef) -> PyResult {
        if vm.is_none(context) {
            vm.call(&self.getcontext, &[])
        } else {
            Ok(context.clone())
        }
    }

    /// A new Decimal as `_dec_from_triple` makes it (its exponent fits an i64).
    fn decimal(&self, vm: &Vm, d: Finite, exp: i64) -> PyResult {
        let obj = vm.new_instance(&self.decimal, None)?;
        vm.instance_set(&obj, &vm.intern("_sign"), vm.int(i64::from(d.sign)))?;
        vm.instance_set(&obj, &vm.intern("_int"), vm.str(&d.coeff)?)?;
        vm.instance_set(&obj, &vm.intern("_exp"), vm.new_int(exp)?)?;
        vm.instance_set(&obj, &vm.intern("_is_special"), vm.bool(false))?;
        Ok(obj)
    }

    /// Raises the conditions through `context._raise_error`, then returns the Decimal.
    fn finish(&self, vm: &Vm, context: &PyRef, outcome: Option<Outcome>) -> PyResult {
        let Some((ans, signals)) = outcome else {
            return Ok(vm.none());
        };
        let Ok(exp) = i64::try_from(ans.exp) else {
            return Ok(vm.none());
        };
        for signal in signals {
            self.raise_signal(vm, context, &self.signals[signal as usize])?;
        }
        self.decimal(vm, ans, exp)
    }

    /// `context._raise_error(condition)` for one of the five conditions.
    fn raise_signal(&self, vm: &Vm, context: &PyRef, condition: &PyRef) -> PyResult<()> {
        if !self.only_sets_flag(vm, context, condition)? {
            let raise_error = vm.get_attr(context, &vm.intern("_raise_error"))?;
            vm.call(&raise_error, std::slice::from_ref(condition))?;
        }
        Ok(())
    }

    /// Sets `context.flags[condition] = 1` and returns true when that is all
    /// `Context._raise_error` would do: the method is not overridden, the condition is not
    /// in `_ignored_flags` and not trapped. False (nothing done) otherwise.
    fn only_sets_flag(&self, vm: &Vm, context: &PyRef, condition: &PyRef) -> PyResult<bool> {
        let Obj::Instance(inst) = &**context else {
            return Ok(false);
        };
        let method = vm.class_lookup(&inst.class(), "_raise_error");
        if !method.is_some_and(|m| Gc::ptr_eq(&m, &self.raise_error)) {
            return Ok(false);
        }
        let field = |name| vm.instance_get(context, name);
        let (Some(ignored), Some(flags), Some(traps)) =
            (field("_ignored_flags"), field("flags"), field("traps"))
        else {
            return Ok(false);
        };
        let no_ignored = matches!(&*ignored, Obj::List(items) if items.borrow().is_empty());
        let dicts = matches!((&*flags, &*traps), (Obj::Dict(_), Obj::Dict(_)));
        if !no_ignored || !dicts {
            return Ok(false);
        }
        let trapped = match vm.dict_get(&traps, condition)? {
            Some(trap) => vm.truthy(&trap)?,
            None => return Ok(false),
        };
        if trapped {
            return Ok(false);
        }
        vm.dict_set(&flags, condition.clone(), vm.int(1))?;
        Ok(true)
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// What the operations read from a context, or None if it holds something unusual (the
/// Python code then deals with it).
fn read_context(vm: &Vm, context: &PyRef) -> Option<Ctx> {
    let int = |name| vm.instance_get(context, name)?.as_i64().map(i128::from);
    let rounding = vm.instance_get(context, "rounding")?;
    let ctx = Ctx {
        prec: int("prec")?,
        emin: int("Emin")?,
        emax: int("Emax")?,
        rounding: Rounding::from_name(rounding.as_str()?)?,
        clamp: match int("clamp")? {
            0 => false,
            1 => true,
            _ => return None,
        },
    };
    (ctx.prec >= 1).then_some(ctx)
}

/// `fix(env, d, context)`: `d._fix(context)` for a finite `d`.
fn fix(vm: &Vm, args: Args<'_>) -> PyResult {
    let env = Env::of(vm, &args, "fix", 3)?;
    let (d, context) = (&args.pos[1], &args.pos[2]);
    let (Some(d), Some(ctx)) = (env.finite(vm, d), read_context(vm, context)) else {
        return Ok(vm.none());
    };
    env.finish(vm, context, finite::fix(d, &ctx))
}

/// The operands and context of a binary operation on the fast path.
struct Binary {
    env: Env,
    a: Finite,
    b: Finite,
    /// The Context object (conditions are raised on it).
    context: PyRef,
    ctx: Ctx,
}

/// Reads two operands and the context for a binary operation.
fn binary(vm: &Vm, args: &Args<'_>, fname: &str) -> PyResult<Option<Binary>> {
    let env = Env::of(vm, args, fname, 4)?;
    let (Some(a), Some(b)) = (env.finite(vm, &args.pos[1]), env.operand(vm, &args.pos[2])) else {
        return Ok(None);
    };
    let context = env.context(vm, &args.pos[3])?;
    Ok(read_context(vm, &context).map(|ctx| Binary {
        env,
        a,
        b,
        context,
        ctx,
    }))
}

/// `mul(env, a, b, context)`: `a * b` for finite `a` and a finite Decimal or int `b`.
fn mul(vm: &Vm, args: Args<'_>) -> PyResult {
    let Some(op) = binary(vm, &args, "mul")? else {
        return Ok(vm.none());
    };
    let outcome = finite::mul(&op.a, &op.b, &op.ctx);
    op.env.finish(vm, &op.context, outcome)
}

/// `add(env, a, b, context)`: `a + b` for finite `a` and a finite Decimal or int `b`.
fn add(vm: &Vm, args: Args<'_>) -> PyResult {
    let Some(op) = binary(vm, &args, "add")? else {
        return Ok(vm.none());
    };
    let outcome = finite::add(&op.a, &op.b, &op.ctx);
    op.env.finish(vm, &op.context, outcome)
}

/// `sub(env, a, b, context)`: `a - b`, as `decimal.py` computes it: `a + b.copy_negate()`.
fn sub(vm: &Vm, args: Args<'_>) -> PyResult {
    let Some(mut op) = binary(vm, &args, "sub")? else {
        return Ok(vm.none());
    };
    op.b.sign ^= 1;
    let outcome = finite::add(&op.a, &op.b, &op.ctx);
    op.env.finish(vm, &op.context, outcome)
}

/// `quantize(env, a, exp, rounding, context)`: `a.quantize(exp, rounding, context)` for
/// finite `a` and a finite Decimal or int `exp`.
fn quantize(vm: &Vm, args: Args<'_>) -> PyResult {
    let env = Env::of(vm, &args, "quantize", 5)?;
    let (Some(a), Some(exp)) = (env.finite(vm, &args.pos[1]), env.operand(vm, &args.pos[2])) else {
        return Ok(vm.none());
    };
    let context = env.context(vm, &args.pos[4])?;
    let Some(ctx) = read_context(vm, &context) else {
        return Ok(vm.none());
    };
    let rounding = &args.pos[3];
    let mode = if vm.is_none(rounding) {
        ctx.rounding
    } else {
        match rounding.as_str().and_then(Rounding::from_name) {
            Some(mode) => mode,
            None => return Ok(vm.none()),
        }
    };
    env.finish(vm, &context, finite::quantize(&a, exp.exp, mode, &ctx))
}

/// `to_str(env, d, eng, context)`: `d.__str__(eng, context)` for a finite `d`; the context
/// (its `capitals`) is read only if the string needs an exponent, as `decimal.py` does.
fn to_str(vm: &Vm, args: Args<'_>) -> PyResult {
    let env = Env::of(vm, &args, "to_str", 4)?;
    let Some(d) = env.finite(vm, &args.pos[1]) else {
        return Ok(vm.none());
    };
    let eng = vm.truthy(&args.pos[2])?;
    if let Some(s) = finite::to_str(&d, eng, None) {
        return vm.str(s);
    }
    let context = env.context(vm, &args.pos[3])?;
    let capitals = vm
        .instance_get(&context, "capitals")
        .and_then(|c| c.as_i64());
    match capitals.and_then(|c| finite::to_str(&d, eng, Some(c != 0))) {
        Some(s) => vm.str(s),
        None => Ok(vm.none()),
    }
}

#[cfg(test)]
mod tests;
