//! `BaseExceptionGroup`'s methods (PEP 654): native entries on the built-in class that
//! forward to `_pymm_exception_group`, where CPython's Objects/exceptions.c algorithms are
//! written in Python (imported the first time a group is made, so no program that uses
//! none pays for it).

use super::builtin::{Args, BuiltinFn, Role};
use super::{Exc, PyResult, Vm};
use crate::objects::frame::FrameState;
use crate::objects::PyRef;

/// Calls `_pymm_exception_group.<name>` with the arguments as given.
fn forward(vm: &Vm, name: &'static str, a: Args<'_>) -> PyResult {
    let f = function(vm, name)?;
    vm.call_args(&f, a)
}

/// `_pymm_exception_group.<name>`.
pub fn function(vm: &Vm, name: &'static str) -> PyResult {
    let module = vm.import_absolute("_pymm_exception_group")?;
    vm.get_attr(&module, &vm.intern_static(name))
}

macro_rules! forwarders {
    ($($fn_name:ident => $target:literal),* $(,)?) => {
        $(fn $fn_name(vm: &Vm, a: Args<'_>) -> PyResult {
            forward(vm, $target, a)
        })*
    };
}

forwarders! {
    group_new => "new",
    group_init => "init",
    group_str => "str_",
    group_derive => "derive",
    group_split => "split",
    group_subgroup => "subgroup",
    group_class_getitem => "class_getitem",
}

/// `BaseExceptionGroup`'s methods (ExceptionGroup inherits them). `__new__` and `__str__`
/// stand where a class of user code defines its own, so instantiation and `str()` find them.
pub static METHODS: &[BuiltinFn] = &[
    BuiltinFn::static_method("__new__", group_new).role(Role::ForClass),
    BuiltinFn::new("__init__", group_init),
    BuiltinFn::new("__str__", group_str).role(Role::ForClass),
    BuiltinFn::new("derive", group_derive),
    BuiltinFn::new("split", group_split),
    BuiltinFn::new("subgroup", group_subgroup),
    BuiltinFn::class_method("__class_getitem__", group_class_getitem),
];

/// `message` and `exceptions`: read-only, as CPython's member descriptors are.
pub static ATTRIBUTES: &[BuiltinFn] = &[
    BuiltinFn::new("message", |vm, a| stored(vm, a, "message")),
    BuiltinFn::new("exceptions", |vm, a| stored(vm, a, "exceptions")),
];

/// What `BaseExceptionGroup.__new__` stored as `name` in the group's dict.
fn stored(vm: &Vm, a: Args<'_>, name: &str) -> PyResult {
    let group = a.receiver(vm)?;
    vm.instance_get(group, name).ok_or_else(|| {
        vm.new_exc(
            Exc::AttributeError,
            format!("'{}' object has no attribute '{name}'", vm.type_name(group)),
        )
    })
}

/// Whether `new` is `BaseExceptionGroup.__new__` (which instantiation calls as it calls a
/// `__new__` of user code).
pub fn is_group_new(new: &PyRef) -> bool {
    matches!(&**new, crate::objects::Obj::Builtin(def) if std::ptr::eq(*def, &METHODS[0]))
}

impl Vm {
    /// `CheckEgMatch`: splits the group left unhandled (TOS1) by the class or tuple on TOS
    /// (CPython's `exception_group_match`). The matching part is pushed over the rest and
    /// becomes the handled exception (a bare `raise` in the handler re-raises it, and what
    /// the handler raises has it as `__context__`); with no match, jumps to `target`.
    pub(super) fn check_eg_match(&self, f: &mut FrameState, target: u32) -> PyResult<()> {
        let (Some(match_type), Some(exc)) = (f.stack.pop(), f.stack.last().cloned()) else {
            return Err(self.new_exc(Exc::RuntimeError, "except* on an empty stack"));
        };
        let split = function(self, "match")?;
        let pair = self.call(&split, &[exc, match_type])?;
        let [matched, rest] = <[PyRef; 2]>::try_from(self.collect(&pair)?)
            .map_err(|_| self.type_error("except* match must give a pair"))?;
        if self.is_none(&matched) {
            f.ip = target;
            return Ok(());
        }
        if let Some(slot) = f.stack.last_mut() {
            *slot = rest;
        }
        if let Some(handled) = self.exc_stack.borrow_mut().last_mut() {
            *handled = matched.clone();
        }
        f.stack.push(matched);
        Ok(())
    }

    /// `PrepReraiseStar`: what a `try`/`except*` whose handlers caught `orig` raises, given
    /// the list of what they raised and the rest (None when all was handled).
    pub(super) fn prep_reraise_star(
        &self,
        orig: &PyRef,
        raised: &PyRef,
    ) -> PyResult<Option<PyRef>> {
        let prep = function(self, "prep_reraise_star")?;
        let result = self.call(&prep, &[orig.clone(), raised.clone()])?;
        Ok((!self.is_none(&result)).then_some(result))
    }
}
