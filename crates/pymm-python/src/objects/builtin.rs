//! A built-in function or method's record: its name, how it binds when stored on a type,
//! the arguments it checks before running and where the VM treats it specially, and its
//! Rust function.
//!
//! The function takes the VM, which sits above the objects; an `Obj::Builtin` holds a
//! `&'static BuiltinFn` all the same. This module names the function's type as an
//! associated type, [`NativeFn`], which `vm/builtin.rs` supplies by implementing
//! [`NativeSignature`] for [`Runtime`]: the compiler resolves it to the VM's
//! `fn(&Vm, Args) -> PyResult` (the record's layout and a call through it are what they
//! were with the type written out), while no file of `objects/` names the VM. The VM's
//! side of a built-in (the call, with its arity check, and the arguments) is in
//! `vm/builtin.rs`.

/// The type a built-in's Rust function has, given by the runtime that calls it.
pub trait NativeSignature {
    /// The function pointer type.
    type Fn: Copy + Sync + 'static;
}

/// The runtime above the objects: the one implementor of [`NativeSignature`], in
/// `vm/builtin.rs`.
pub enum Runtime {}

/// The Rust side of a built-in: the VM's `fn(&Vm, Args) -> PyResult`.
pub type NativeFn = <Runtime as NativeSignature>::Fn;

/// How a built-in stored on a type is bound when looked up there.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Binding {
    /// A method: bound to the instance it is looked up on.
    Method,
    /// Called without a receiver, on the type or an instance (`dict.fromkeys`, `__new__`).
    Static,
    /// Receives the class (`__init_subclass__`).
    Class,
}

/// What the VM must know of a built-in beyond its name and function.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Role {
    /// A function or method with nothing special about it.
    Plain,
    /// A function of the `builtins` module (its `__module__` is `'builtins'`).
    Builtins,
    /// A `builtins` function that reads its caller's frame (`globals()`, `locals()`,
    /// `vars()`, `dir()`, `eval`, `exec`, `compile`): the eval loop calls it through
    /// `Vm::with_caller_frame`.
    FrameReader,
    /// A method of `object` that acts on the instance itself, not on the built-in value an
    /// instance of a subclass of a built-in type extends (`Vm::receiver_of`).
    ObjectMethod,
    /// A native method a Python class installs as one of its own
    /// ([`BuiltinFn::for_class`]).
    ForClass,
}

/// A built-in function or method.
pub struct BuiltinFn {
    /// Its Python name.
    pub name: &'static str,
    /// The implementation.
    pub func: NativeFn,
    /// How it binds when stored on a type.
    pub binding: Binding,
    /// For a method, how many arguments it takes after its receiver (min, max), when the
    /// call checks that before running it (see [`BuiltinFn::args`]).
    pub arity: Option<(u8, u8)>,
    /// Where the VM treats it specially.
    pub role: Role,
}

impl BuiltinFn {
    /// Describes a built-in function, or a method when stored on a type.
    pub const fn new(name: &'static str, func: NativeFn) -> Self {
        BuiltinFn {
            name,
            func,
            binding: Binding::Method,
            arity: None,
            role: Role::Plain,
        }
    }

    /// A built-in a type holds as a static method.
    pub const fn static_method(name: &'static str, func: NativeFn) -> Self {
        BuiltinFn {
            binding: Binding::Static,
            ..BuiltinFn::new(name, func)
        }
    }

    /// A built-in a type holds as a class method.
    pub const fn class_method(name: &'static str, func: NativeFn) -> Self {
        BuiltinFn {
            binding: Binding::Class,
            ..BuiltinFn::new(name, func)
        }
    }

    /// A native method installed on a Python class in place of one of its functions
    /// (`decimal`'s `Decimal.__add__`): operators and protocols find it where they look
    /// for the special methods user code defines (`Vm::user_method`).
    pub const fn for_class(name: &'static str, func: NativeFn) -> Self {
        BuiltinFn::new(name, func).role(Role::ForClass)
    }

    /// Declares that this method takes `min..=max` arguments after its receiver: a call
    /// with another number fails with CPython's TypeError before the method runs.
    pub const fn args(mut self, min: u8, max: u8) -> Self {
        self.arity = Some((min, max));
        self
    }

    /// Gives the built-in its [`Role`].
    pub const fn role(mut self, role: Role) -> Self {
        self.role = role;
        self
    }

    /// True for a function of the `builtins` module.
    pub fn in_builtins(&self) -> bool {
        matches!(self.role, Role::Builtins | Role::FrameReader)
    }
}
