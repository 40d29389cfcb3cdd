//! Built-in functions: the VM's side of `objects/builtin.rs`'s record (the arguments a
//! built-in receives, its function's type and its call).

use super::Vm;
pub use crate::objects::builtin::{Binding, BuiltinFn, NativeFn, Role};
use crate::objects::builtin::{NativeSignature, Runtime};
use crate::objects::PyRef;
use crate::vm::PyResult;

/// Arguments of a built-in call: positionals and keywords, borrowed from the value stack.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    /// Positional arguments (the receiver first, for methods).
    pub pos: &'a [PyRef],
    /// Keyword names (interned strs).
    pub kwnames: &'a [PyRef],
    /// Keyword values, in `kwnames` order.
    pub kwvals: &'a [PyRef],
}

impl<'a> Args<'a> {
    /// Positional-only arguments.
    pub fn new(pos: &'a [PyRef]) -> Self {
        Args {
            pos,
            kwnames: &[],
            kwvals: &[],
        }
    }

    /// The receiver of a method call (its first positional).
    pub fn receiver(&self, vm: &Vm) -> PyResult<&'a PyRef> {
        self.pos
            .first()
            .ok_or_else(|| vm.type_error("method needs a receiver"))
    }

    /// The keyword argument `name`, if given.
    pub fn kw(&self, name: &str) -> Option<&'a PyRef> {
        let i = self.kwnames.iter().position(|k| k.as_str() == Some(name))?;
        Some(&self.kwvals[i])
    }

    /// Positional `i`, or keyword `name`.
    pub fn get(&self, i: usize, name: &str) -> Option<&'a PyRef> {
        self.pos.get(i).or_else(|| self.kw(name))
    }

    /// Fails unless there are between `min` and `max` positionals and only the allowed keywords.
    /// Inlined: every call of most built-ins passes here, and the usual case (no keywords,
    /// a good count) is two comparisons.
    #[inline]
    pub fn check(
        &self,
        vm: &Vm,
        fname: &str,
        min: usize,
        max: usize,
        kws: &[&str],
    ) -> PyResult<()> {
        let n = self.pos.len();
        if self.kwnames.is_empty() && n >= min && n <= max {
            return Ok(());
        }
        self.check_slow(vm, fname, min, max, kws)
    }

    /// [`Args::check`] with keywords or a wrong count: which keyword is refused, or the
    /// count's error.
    #[cold]
    #[inline(never)]
    fn check_slow(
        &self,
        vm: &Vm,
        fname: &str,
        min: usize,
        max: usize,
        kws: &[&str],
    ) -> PyResult<()> {
        if kws.is_empty() && !self.kwnames.is_empty() {
            // CPython's words for a built-in that takes no keywords at all
            return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
        }
        if let Some(bad) = self
            .kwnames
            .iter()
            .find(|k| !kws.contains(&k.as_str().unwrap_or("")))
        {
            return Err(vm.type_error(format!(
                "{fname}() got an unexpected keyword argument '{}'",
                bad.as_str().unwrap_or("")
            )));
        }
        let n = self.pos.len();
        if n < min || n > max {
            let msg = if min == max {
                format!(
                    "{fname}() takes exactly {min} argument{} ({n} given)",
                    if min == 1 { "" } else { "s" }
                )
            } else if n < min {
                format!(
                    "{fname}() takes at least {min} argument{} ({n} given)",
                    if min == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{fname}() takes at most {max} argument{} ({n} given)",
                    if max == 1 { "" } else { "s" }
                )
            };
            return Err(vm.type_error(msg));
        }
        Ok(())
    }
}

/// The type of a built-in's Rust function, which `objects/builtin.rs` names as
/// [`NativeFn`] without knowing the VM.
impl NativeSignature for Runtime {
    type Fn = fn(&Vm, Args<'_>) -> PyResult;
}

/// The VM's side of a built-in: its call.
impl BuiltinFn {
    /// Calls the built-in, checking the declared number of arguments first.
    #[inline]
    pub fn invoke(&self, vm: &Vm, args: Args<'_>) -> PyResult {
        if let Some((min, max)) = self.arity {
            // after the receiver: the usual case is two comparisons, the rest is an error
            let given = args.pos.len().wrapping_sub(1);
            let good = !args.pos.is_empty()
                && args.kwnames.is_empty()
                && given >= usize::from(min)
                && given <= usize::from(max);
            if !good {
                return Err(self.arity_error(vm, &args, usize::from(min), usize::from(max)));
            }
        }
        (self.func)(vm, args)
    }

    /// The error for a call of a method with `arity` that passes no receiver, keywords or
    /// another number of arguments.
    #[cold]
    #[inline(never)]
    fn arity_error(&self, vm: &Vm, args: &Args<'_>, min: usize, max: usize) -> super::PyErr {
        let Some(receiver) = args.pos.first() else {
            return vm.type_error(format!("descriptor '{}' needs an argument", self.name));
        };
        let given = args.pos.len() - 1;
        // the qualified name is formatted only here, on the way to the error
        let qualname = format!("{}.{}", vm.type_name(receiver), self.name);
        if !args.kwnames.is_empty() {
            return vm.type_error(format!("{qualname}() takes no keyword arguments"));
        }
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        vm.type_error(match (min, max) {
            (0, 0) => format!("{qualname}() takes no arguments ({given} given)"),
            (1, 1) => format!("{qualname}() takes exactly one argument ({given} given)"),
            _ if given < min => format!(
                "{} expected at least {min} argument{}, got {given}",
                self.name,
                plural(min)
            ),
            _ => format!(
                "{} expected at most {max} argument{}, got {given}",
                self.name,
                plural(max)
            ),
        })
    }
}
