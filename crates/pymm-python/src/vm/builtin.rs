//! Built-in functions: a name and a Rust function over a slice of arguments.

use super::Vm;
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
    pub fn check(
        &self,
        vm: &Vm,
        fname: &str,
        min: usize,
        max: usize,
        kws: &[&str],
    ) -> PyResult<()> {
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

/// The Rust side of a built-in.
pub type NativeFn = fn(&Vm, Args<'_>) -> PyResult;

/// A built-in function or method.
pub struct BuiltinFn {
    /// Its Python name.
    pub name: &'static str,
    /// The implementation.
    pub func: NativeFn,
}

impl BuiltinFn {
    /// Describes a built-in.
    pub const fn new(name: &'static str, func: NativeFn) -> Self {
        BuiltinFn { name, func }
    }
}
