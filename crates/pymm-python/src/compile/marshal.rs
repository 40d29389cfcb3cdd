//! Code objects as bytes and back, as CPython's `marshal` writes the code objects of its
//! `.pyc` files: what lets an import skip the parser and the code generator when the module's
//! text has not changed (the cache itself is `import::code_cache`).
//!
//! A module is compiled with [`Plain`] values: its constants as [`Const`] trees, which
//! serialize, instead of the runtime's objects, which do not. [`encode`] and [`decode`] turn
//! such a code object into bytes and back; [`realize`] then makes the runtime's values from
//! the plain ones, once per load, so that a cached module and a freshly compiled one reach the
//! VM by the same road.
//!
//! ```
//! use pymm_python::compile::marshal::{self, Const, Plain};
//! use pymm_python::compile::{compile_module, Constants};
//!
//! # struct Repr;
//! # impl Constants for Repr {
//! #     type Value = Const;
//! #     fn none(&self) -> Const { Const::None }
//! #     fn bool(&self, b: bool) -> Const { Const::Bool(b) }
//! #     fn int(&self, i: i64) -> Const { Const::Int(i) }
//! #     fn big_int(&self, i: num_bigint::BigInt) -> Const { Const::BigInt(i.to_signed_bytes_le()) }
//! #     fn float(&self, f: f64) -> Const { Const::Float(f) }
//! #     fn complex(&self, c: [f64; 2]) -> Const { Const::Complex(c) }
//! #     fn interned(&self, s: &str) -> Const { Const::Str(s.into()) }
//! #     fn bytes(&self, b: Vec<u8>) -> Const { Const::Bytes(b) }
//! #     fn ellipsis(&self) -> Const { Const::Ellipsis }
//! #     fn tuple(&self, items: Vec<Const>) -> Const { Const::Tuple(items) }
//! #     fn str_repr(&self, s: &str) -> String { format!("{s:?}") }
//! # }
//! let code = compile_module(&Plain(&Repr), "x = (1, 'two', 3.0)\n", "m.py").unwrap();
//! let bytes = marshal::encode(&code);
//! let back = marshal::decode(&bytes).expect("what encode wrote");
//! assert_eq!(back.instrs, code.instrs);
//! assert_eq!(back.consts, code.consts);
//! // The runtime's values, made from the plain ones (here the same plain values again).
//! let real = marshal::realize(back, &Repr);
//! assert_eq!(real.names, code.names);
//! ```

use std::rc::Rc;

use num_bigint::BigInt;
use serde::{Deserialize, Serialize};

use super::{Code, Constants};

/// A constant or name of a code object, as plain data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Const {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// An int that does not, as its two's-complement bytes, least significant first.
    BigInt(Vec<u8>),
    /// A float.
    Float(f64),
    /// An imaginary literal: (real, imaginary).
    Complex([f64; 2]),
    /// A str (interned when made real: names and string literals are).
    Str(Rc<str>),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`.
    Ellipsis,
    /// A tuple of constants.
    Tuple(Vec<Const>),
}

/// The compiler's [`Constants`] making plain [`Const`]s; asks `C` only for what needs the
/// runtime's rules (the repr of a str, for string annotations).
pub struct Plain<'a, C>(pub &'a C);

impl<C: Constants> Constants for Plain<'_, C> {
    type Value = Const;

    fn none(&self) -> Const {
        Const::None
    }

    fn bool(&self, b: bool) -> Const {
        Const::Bool(b)
    }

    fn int(&self, i: i64) -> Const {
        Const::Int(i)
    }

    fn big_int(&self, i: BigInt) -> Const {
        Const::BigInt(i.to_signed_bytes_le())
    }

    fn float(&self, f: f64) -> Const {
        Const::Float(f)
    }

    fn complex(&self, c: [f64; 2]) -> Const {
        Const::Complex(c)
    }

    fn interned(&self, s: &str) -> Const {
        Const::Str(s.into())
    }

    fn bytes(&self, b: Vec<u8>) -> Const {
        Const::Bytes(b)
    }

    fn ellipsis(&self) -> Const {
        Const::Ellipsis
    }

    fn tuple(&self, items: Vec<Const>) -> Const {
        Const::Tuple(items)
    }

    fn str_repr(&self, s: &str) -> String {
        self.0.str_repr(s)
    }
}

/// The bytes of a plain code object (nested code objects included).
pub fn encode(code: &Code<Const>) -> Vec<u8> {
    // Writing to a `Vec` fails only if a value cannot be represented, and every field of a
    // code object can: an error here is a bug in the derive, not in the input.
    postcard::to_stdvec(code).expect("a code object always serializes")
}

/// The code object `encode` wrote into `bytes`; `None` if they are not such bytes.
pub fn decode(bytes: &[u8]) -> Option<Rc<Code<Const>>> {
    postcard::from_bytes(bytes).ok().map(Rc::new)
}

/// The code object with the runtime's values made from the plain ones by `values` (its
/// instructions and lines moved, not copied, when `code` is not shared).
///
/// Nested code objects are made first; the recursion is as deep as the functions and
/// classes are nested in the source, which the compiler already walked the same way.
pub fn realize<C: Constants>(code: Rc<Code<Const>>, values: &C) -> Rc<Code<C::Value>> {
    let code = Rc::unwrap_or_clone(code);
    let all = |consts: Vec<Const>| consts.iter().map(|c| value(c, values)).collect();
    Rc::new(Code {
        name: code.name,
        qualname: code.qualname,
        filename: code.filename,
        kind: code.kind,
        instrs: code.instrs,
        lines: code.lines,
        first_line: code.first_line,
        consts: all(code.consts),
        names: all(code.names),
        varnames: all(code.varnames),
        cellvars: all(code.cellvars),
        freevars: all(code.freevars),
        cell_params: code.cell_params,
        argcount: code.argcount,
        posonly: code.posonly,
        kwonly: code.kwonly,
        varargs: code.varargs,
        varkw: code.varkw,
        is_generator: code.is_generator,
        is_async: code.is_async,
        iterable_coroutine: code.iterable_coroutine,
        codes: code.codes.into_iter().map(|c| realize(c, values)).collect(),
        doc: code.doc,
        caches: Default::default(),
    })
}

/// One constant made real. A tuple's items are made before the tuple, without recursion
/// (a tuple constant may nest as deep as the source's parentheses).
fn value<C: Constants>(constant: &Const, values: &C) -> C::Value {
    /// A tuple waiting for its items: the items still to make and those made.
    struct Open<'a, V> {
        rest: std::slice::Iter<'a, Const>,
        made: Vec<V>,
    }
    let mut open: Vec<Open<'_, C::Value>> = Vec::new();
    let mut next = constant;
    loop {
        let made = match next {
            Const::Tuple(items) => {
                open.push(Open {
                    rest: items.iter(),
                    made: Vec::with_capacity(items.len()),
                });
                None
            }
            atom => Some(atom_value(atom, values)),
        };
        if let Some(made) = made {
            match open.last_mut() {
                Some(top) => top.made.push(made),
                None => return made,
            }
        }
        // Close every tuple whose items are all made; go on with the next item to make.
        loop {
            let top = open.last_mut().expect("a tuple is open while items remain");
            if let Some(item) = top.rest.next() {
                next = item;
                break;
            }
            let done = open.pop().expect("just looked at it");
            let tuple = values.tuple(done.made);
            match open.last_mut() {
                Some(parent) => parent.made.push(tuple),
                None => return tuple,
            }
        }
    }
}

/// A constant that is not a tuple, made real.
fn atom_value<C: Constants>(constant: &Const, values: &C) -> C::Value {
    match constant {
        Const::None => values.none(),
        Const::Bool(b) => values.bool(*b),
        Const::Int(i) => values.int(*i),
        Const::BigInt(bytes) => values.big_int(BigInt::from_signed_bytes_le(bytes)),
        Const::Float(f) => values.float(*f),
        Const::Complex(c) => values.complex(*c),
        Const::Str(s) => values.interned(s),
        Const::Bytes(b) => values.bytes(b.clone()),
        Const::Ellipsis => values.ellipsis(),
        Const::Tuple(_) => unreachable!("tuples are made by `value`"),
    }
}
