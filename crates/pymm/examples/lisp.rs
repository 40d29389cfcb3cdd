//! A small Scheme on pymm: how a language runtime puts its objects under the collector.
//!
//! * Values are cheap to clone: numbers inline, everything else a `Gc` handle.
//! * Pairs are mutable (`set-car!`, `set-cdr!`), so programs can build cyclic lists.
//! * A closure keeps its defining environment, and a function defined in an environment is
//!   stored in it: environment -> closure -> environment, a cycle reference counting alone
//!   never frees. The heap's collector does.
//! * Symbols are interned in a table of *weak* references: a symbol no program refers to
//!   any more dies, and its weak callback removes its entry.
//! * A "port" is a resource with a finalizer (Python's `__del__`) that logs when it closes,
//!   whether freed by reference counting or found in a garbage cycle.
//! * `(gc)` runs a full collection and returns how many objects it found unreachable.
//!
//! `cargo run -p pymm --example lisp` runs [`DEMO`] twice, checking every result: with
//! automatic collection off (so only `(gc)` frees cycles and its counts are exact), then in
//! stress mode (a collection at every allocation); each time it checks that nothing is left
//! on the heap once the interpreter is gone. Exits with status 1 on any mismatch.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::rc::{self, Rc};

use pymm::{ByAddress, Config, Finalize, Gc, Heap, Trace, Weak};

#[derive(Clone, Trace)]
enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    Str(Rc<str>), // an `Rc` of something that owns no handle may be traced
    Sym(Gc<Symbol>),
    Pair(Gc<Pair>),
    Lambda(Gc<Lambda>),
    Builtin(&'static str),
    Port(Gc<Port>),
    Weak(WeakRef),
}

/// What `(weak x)` makes: a reference that does not keep `x` alive.
#[derive(Clone, Trace)]
enum WeakRef {
    Pair(Weak<Pair>),
    Lambda(Weak<Lambda>),
}

/// An interned name: compared by identity, so `eq?` on symbols is `Gc::ptr_eq`.
#[derive(Trace)]
struct Symbol(String);

#[derive(Trace)]
struct Pair {
    car: RefCell<Value>,
    cdr: RefCell<Value>,
}

/// The variables of one scope, keyed by symbol identity: `ByAddress` hashes the handle,
/// not the name behind it.
#[derive(Trace)]
struct Env {
    vars: RefCell<HashMap<ByAddress<Gc<Symbol>>, Value>>,
    parent: Option<Gc<Env>>,
}

#[derive(Trace)]
struct Lambda {
    params: Vec<Gc<Symbol>>,
    body: Vec<Value>,
    env: Gc<Env>,
}

/// A resource whose finalizer records that it was closed.
#[derive(Trace)]
#[trace(finalize)]
struct Port {
    name: String,
    attached: RefCell<Value>,
    #[trace(skip)] // owns no handle: nothing to show the collector
    closed: Rc<RefCell<Vec<String>>>,
}

impl Finalize for Port {
    fn finalize(this: &Gc<Self>) {
        this.closed.borrow_mut().push(this.name.clone());
    }
}

type Tokens = std::iter::Peekable<std::vec::IntoIter<String>>;

/// Weak-valued: an entry does not keep its symbol alive.
type SymbolTable = RefCell<HashMap<String, Weak<Symbol>>>;

/// The built-in procedures (see `Interp::call_builtin`).
const BUILTINS: &str = "+ - * < = cons car cdr set-car! set-cdr! list eq? gc interned? weak \
                        alive? open-port port-attach! closed-ports";

/// Nested (non-tail) evaluations allowed: deeper recursion is an error, not a crash.
const MAX_DEPTH: usize = 2_000;

struct Interp {
    globals: Gc<Env>,
    symbols: Rc<SymbolTable>,
    closed_ports: Rc<RefCell<Vec<String>>>,
    depth: Cell<usize>,
    heap: Heap, // last: dropped after every handle above
}

impl Interp {
    fn new(heap: Heap) -> Interp {
        let globals = heap.alloc(Env {
            vars: RefCell::default(),
            parent: None,
        });
        let interp = Interp {
            globals,
            symbols: Rc::default(),
            closed_ports: Rc::default(),
            depth: Cell::new(0),
            heap,
        };
        for name in BUILTINS.split_whitespace() {
            interp.define(&interp.globals, interp.intern(name), Value::Builtin(name));
        }
        interp
    }

    /// The one symbol named `name`, made if no live one exists.
    fn intern(&self, name: &str) -> Gc<Symbol> {
        if let Some(symbol) = self.symbols.borrow().get(name).and_then(Weak::upgrade) {
            return symbol;
        }
        let symbol = self.heap.alloc(Symbol(name.to_owned()));
        // The callback holds the table weakly: a strong `Rc` would make a cycle
        // table -> weak reference -> callback -> table that nothing would free.
        let table = Rc::downgrade(&self.symbols);
        let key = name.to_owned();
        let weak = Gc::downgrade_with_callback(&symbol, move |_| forget_symbol(&table, &key));
        self.symbols.borrow_mut().insert(name.to_owned(), weak);
        symbol
    }

    fn define(&self, env: &Gc<Env>, name: Gc<Symbol>, value: Value) {
        env.vars.borrow_mut().insert(ByAddress(name), value);
    }

    /// The innermost scope from `env` outwards that defines `name`.
    fn scope_of(&self, env: &Gc<Env>, name: &Gc<Symbol>) -> Result<Gc<Env>, String> {
        let key = ByAddress(name.clone());
        let mut scope = env.clone();
        while !scope.vars.borrow().contains_key(&key) {
            scope = match &scope.parent {
                Some(parent) => parent.clone(),
                None => return Err(format!("unbound variable: {}", name.0)),
            };
        }
        Ok(scope)
    }

    fn lookup(&self, env: &Gc<Env>, name: &Gc<Symbol>) -> Result<Value, String> {
        let scope = self.scope_of(env, name)?;
        let value = scope.vars.borrow()[&ByAddress(name.clone())].clone();
        Ok(value)
    }

    fn cons(&self, car: Value, cdr: Value) -> Value {
        Value::Pair(self.heap.alloc(Pair {
            car: RefCell::new(car),
            cdr: RefCell::new(cdr),
        }))
    }

    fn list(&self, items: Vec<Value>) -> Value {
        let mut list = Value::Nil;
        for item in items.into_iter().rev() {
            list = self.cons(item, list);
        }
        list
    }

    /// Evaluates `expr` (a nested, non-tail evaluation).
    fn eval(&self, expr: &Value, env: &Gc<Env>) -> Result<Value, String> {
        if self.depth.get() >= MAX_DEPTH {
            return Err("recursion too deep".into());
        }
        self.depth.set(self.depth.get() + 1);
        let result = self.eval_tail(expr.clone(), env.clone());
        self.depth.set(self.depth.get() - 1);
        result
    }

    /// Evaluates `expr`; what is in tail position (an `if` branch, the last expression of
    /// a body) loops here instead of recursing, so a loop written as recursion runs in
    /// constant stack.
    fn eval_tail(&self, mut expr: Value, mut env: Gc<Env>) -> Result<Value, String> {
        loop {
            let pair = match &expr {
                Value::Sym(name) => return self.lookup(&env, name),
                Value::Pair(pair) => pair.clone(),
                other => return Ok(other.clone()),
            };
            let head = pair.car.borrow().clone();
            let args = to_vec(&pair.cdr.borrow())?;
            let form = match &head {
                Value::Sym(s) => s.0.as_str(),
                _ => "",
            };
            (expr, env) = match (form, args.as_slice()) {
                ("quote", [datum]) => return Ok(datum.clone()),
                ("if", [test, then, otherwise @ ..]) => match (self.eval(test, &env)?, otherwise) {
                    (Value::Bool(false), []) => return Ok(Value::Nil),
                    (Value::Bool(false), [otherwise]) => (otherwise.clone(), env),
                    _ => (then.clone(), env),
                },
                ("define", [Value::Sym(name), value]) => {
                    let value = self.eval(value, &env)?;
                    self.define(&env, name.clone(), value);
                    return Ok(Value::Nil);
                }
                ("define", [Value::Pair(signature), body @ ..]) => {
                    let Value::Sym(name) = signature.car.borrow().clone() else {
                        return Err("define: bad function name".into());
                    };
                    let lambda = self.lambda(&signature.cdr.borrow(), body, &env)?;
                    self.define(&env, name, lambda); // env -> lambda -> env: a cycle
                    return Ok(Value::Nil);
                }
                ("set!", [Value::Sym(name), value]) => {
                    let value = self.eval(value, &env)?;
                    let scope = self.scope_of(&env, name)?;
                    scope
                        .vars
                        .borrow_mut()
                        .insert(ByAddress(name.clone()), value);
                    return Ok(Value::Nil);
                }
                ("lambda", [params, body @ ..]) => return self.lambda(params, body, &env),
                ("let", [bindings, body @ ..]) => {
                    let scope = self.child_env(&env);
                    for binding in to_vec(bindings)? {
                        let binding = to_vec(&binding)?;
                        let [Value::Sym(name), value] = binding.as_slice() else {
                            return Err("let: bad binding".into());
                        };
                        self.define(&scope, name.clone(), self.eval(value, &env)?);
                    }
                    self.body(body, scope)?
                }
                _ => {
                    let f = self.eval(&head, &env)?;
                    let args = args.iter().map(|a| self.eval(a, &env));
                    let args = args.collect::<Result<Vec<_>, _>>()?;
                    match f {
                        Value::Builtin(name) => return self.call_builtin(name, &args),
                        Value::Lambda(lambda) if lambda.params.len() == args.len() => {
                            let scope = self.child_env(&lambda.env);
                            for (param, arg) in lambda.params.iter().zip(args) {
                                self.define(&scope, param.clone(), arg);
                            }
                            self.body(&lambda.body, scope)?
                        }
                        Value::Lambda(_) => return Err("wrong number of arguments".into()),
                        other => return Err(format!("not a procedure: {other}")),
                    }
                }
            };
        }
    }

    /// Evaluates all but the last expression of a body; the last one, for the caller to
    /// evaluate in tail position.
    fn body(&self, body: &[Value], env: Gc<Env>) -> Result<(Value, Gc<Env>), String> {
        let Some((last, init)) = body.split_last() else {
            return Ok((Value::Nil, env));
        };
        for expr in init {
            self.eval(expr, &env)?;
        }
        Ok((last.clone(), env))
    }

    fn lambda(&self, params: &Value, body: &[Value], env: &Gc<Env>) -> Result<Value, String> {
        let params = to_vec(params)?.into_iter().map(|p| match p {
            Value::Sym(s) => Ok(s),
            other => Err(format!("lambda: bad parameter {other}")),
        });
        Ok(Value::Lambda(self.heap.alloc(Lambda {
            params: params.collect::<Result<_, _>>()?,
            body: body.to_vec(),
            env: env.clone(),
        })))
    }

    fn child_env(&self, parent: &Gc<Env>) -> Gc<Env> {
        self.heap.alloc(Env {
            vars: RefCell::default(),
            parent: Some(parent.clone()),
        })
    }

    fn call_builtin(&self, name: &str, args: &[Value]) -> Result<Value, String> {
        let arg = |i: usize| {
            args.get(i)
                .ok_or_else(|| format!("{name}: too few arguments"))
        };
        let int = |i: usize| match arg(i)? {
            Value::Int(n) => Ok(*n),
            other => Err(format!("{name}: not a number: {other}")),
        };
        let pair = |i: usize| match arg(i)? {
            Value::Pair(p) => Ok(p.clone()),
            other => Err(format!("{name}: not a pair: {other}")),
        };
        let text = |i: usize| match arg(i)? {
            Value::Str(s) => Ok(s.clone()),
            other => Err(format!("{name}: not a string: {other}")),
        };
        Ok(match name {
            "+" | "-" | "*" => {
                let op = match name {
                    "+" => i64::checked_add,
                    "-" => i64::checked_sub,
                    _ => i64::checked_mul,
                };
                let mut acc = int(0)?;
                for i in 1..args.len() {
                    acc = op(acc, int(i)?).ok_or("integer overflow")?;
                }
                Value::Int(acc)
            }
            "<" => Value::Bool(int(0)? < int(1)?),
            "=" => Value::Bool(int(0)? == int(1)?),
            "cons" => self.cons(arg(0)?.clone(), arg(1)?.clone()),
            "car" => pair(0)?.car.borrow().clone(),
            "cdr" => pair(0)?.cdr.borrow().clone(),
            "set-car!" => nil_after(pair(0)?.car.replace(arg(1)?.clone())),
            "set-cdr!" => nil_after(pair(0)?.cdr.replace(arg(1)?.clone())),
            "list" => self.list(args.to_vec()),
            "eq?" => Value::Bool(identical(arg(0)?, arg(1)?)),
            "gc" => Value::Int(self.heap.collect(2) as i64),
            "interned?" => {
                let symbols = self.symbols.borrow();
                Value::Bool(symbols.contains_key(&*text(0)?))
            }
            "weak" => match arg(0)? {
                Value::Pair(p) => Value::Weak(WeakRef::Pair(Gc::downgrade(p))),
                Value::Lambda(l) => Value::Weak(WeakRef::Lambda(Gc::downgrade(l))),
                other => return Err(format!("weak: not a pair or procedure: {other}")),
            },
            "alive?" => match arg(0)? {
                Value::Weak(WeakRef::Pair(w)) => Value::Bool(w.is_alive()),
                Value::Weak(WeakRef::Lambda(w)) => Value::Bool(w.is_alive()),
                other => return Err(format!("alive?: not a weak reference: {other}")),
            },
            "open-port" => Value::Port(self.heap.alloc(Port {
                name: text(0)?.to_string(),
                attached: RefCell::new(Value::Nil),
                closed: self.closed_ports.clone(),
            })),
            "port-attach!" => match arg(0)? {
                Value::Port(port) => nil_after(port.attached.replace(arg(1)?.clone())),
                other => return Err(format!("port-attach!: not a port: {other}")),
            },
            "closed-ports" => {
                let names = self.closed_ports.borrow();
                self.list(
                    names
                        .iter()
                        .map(|n| Value::Str(n.as_str().into()))
                        .collect(),
                )
            }
            _ => return Err(format!("unknown builtin {name}")),
        })
    }

    /// Reads and evaluates every expression of `source`; the last value.
    fn run(&self, source: &str) -> Result<Value, String> {
        let mut tokens = tokenize(source).into_iter().peekable();
        let mut last = Value::Nil;
        while tokens.peek().is_some() {
            let expr = self.read(&mut tokens)?;
            last = self.eval(&expr, &self.globals)?;
        }
        Ok(last)
    }

    fn read(&self, tokens: &mut Tokens) -> Result<Value, String> {
        let token = tokens.next().ok_or("unexpected end of input")?;
        Ok(match token.as_str() {
            "(" => {
                let mut items = Vec::new();
                while tokens.peek().ok_or("missing )")? != ")" {
                    items.push(self.read(tokens)?);
                }
                tokens.next();
                self.list(items)
            }
            ")" => return Err("unexpected )".into()),
            "'" => {
                let quoted = self.read(tokens)?;
                self.list(vec![Value::Sym(self.intern("quote")), quoted])
            }
            "#t" => Value::Bool(true),
            "#f" => Value::Bool(false),
            t if t.starts_with('"') => Value::Str(t.trim_matches('"').into()),
            t => t
                .parse()
                .map_or_else(|_| Value::Sym(self.intern(t)), Value::Int),
        })
    }
}

/// What the builtins run for their effect return (the value they replaced is dropped
/// here, outside any borrow: dropping a port may run its finalizer).
fn nil_after(_replaced: Value) -> Value {
    Value::Nil
}

/// A symbol's weak callback: drops its table entry. (If the table is in use right now the
/// entry stays; `intern` only trusts entries that still upgrade.)
fn forget_symbol(table: &rc::Weak<SymbolTable>, name: &str) {
    let Some(table) = table.upgrade() else { return };
    let Ok(mut table) = table.try_borrow_mut() else {
        return;
    };
    if table.get(name).is_some_and(|weak| !weak.is_alive()) {
        table.remove(name);
    }
}

fn tokenize(source: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | ')' | '\'' => tokens.push(c.to_string()),
            ';' => while chars.next_if(|&c| c != '\n').is_some() {},
            '"' => {
                let text: String = std::iter::from_fn(|| chars.next_if(|&c| c != '"')).collect();
                chars.next();
                tokens.push(format!("\"{text}\""));
            }
            c if c.is_whitespace() => {}
            c => {
                let rest = std::iter::from_fn(|| chars.next_if(|&c| !"()'; \n\t".contains(c)));
                tokens.push(std::iter::once(c).chain(rest).collect());
            }
        }
    }
    tokens
}

/// The items of a proper list.
fn to_vec(list: &Value) -> Result<Vec<Value>, String> {
    let mut items = Vec::new();
    let mut cursor = list.clone();
    loop {
        cursor = match cursor {
            Value::Nil => return Ok(items),
            Value::Pair(pair) => {
                items.push(pair.car.borrow().clone());
                let next = pair.cdr.borrow().clone();
                next
            }
            other => return Err(format!("not a list: {other}")),
        };
    }
}

fn identical(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Sym(x), Value::Sym(y)) => Gc::ptr_eq(x, y),
        (Value::Pair(x), Value::Pair(y)) => Gc::ptr_eq(x, y),
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Nil, Value::Nil) => true,
        _ => false,
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_value(f, self, &mut HashSet::new())
    }
}

/// Writes a value. `open` holds (by identity) the pairs of the lists being written around
/// it, so a list that leads back into itself prints `...` there instead of looping forever.
fn write_value(
    f: &mut fmt::Formatter<'_>,
    value: &Value,
    open: &mut HashSet<ByAddress<Gc<Pair>>>,
) -> fmt::Result {
    let mut cursor = match value {
        Value::Nil => return f.write_str("()"),
        Value::Bool(b) => return f.write_str(if *b { "#t" } else { "#f" }),
        Value::Int(n) => return write!(f, "{n}"),
        Value::Str(s) => return write!(f, "{s:?}"),
        Value::Sym(s) => return f.write_str(&s.0),
        Value::Lambda(_) => return f.write_str("#<lambda>"),
        Value::Builtin(name) => return write!(f, "#<builtin {name}>"),
        Value::Port(p) => return write!(f, "#<port {}>", p.name),
        Value::Weak(_) => return f.write_str("#<weak>"),
        Value::Pair(first) if open.contains(&ByAddress(first.clone())) => {
            return f.write_str("...")
        }
        Value::Pair(first) => first.clone(),
    };
    let mut spine = Vec::new();
    f.write_str("(")?;
    let result = loop {
        open.insert(ByAddress(cursor.clone()));
        spine.push(ByAddress(cursor.clone()));
        write_value(f, &cursor.car.borrow(), open)?;
        let next = cursor.cdr.borrow().clone();
        match next {
            Value::Nil => break f.write_str(")"),
            Value::Pair(p) if open.contains(&ByAddress(p.clone())) => break f.write_str(" ...)"),
            Value::Pair(p) => cursor = p,
            tail => break write!(f, " . {tail})"),
        }
        f.write_str(" ")?;
    };
    for pair in &spine {
        open.remove(pair);
    }
    result
}

/// The demo, one step per line: `expression ; => expected`, or `; gc => expected` for
/// results that depend on when collections run (checked with automatic collection off).
const DEMO: &str = r#"
(define (fact n) (if (< n 2) 1 (* n (fact (- n 1))))) (fact 20)   ; => 2432902008176640000
(define (count-up i acc) (if (= i 0) acc (count-up (- i 1) (+ acc 1)))) (count-up 20000 0) ; => 20000
(define (make-counter) (let ((n 0)) (lambda () (set! n (+ n 1)) n)))   ; => ()
(define c (make-counter)) (c) (c) (c)                                ; => 3
(eq? 'apple 'apple)                                                  ; => #t
(interned? "car")                                                    ; => #t
'a-symbol-used-once                                                  ; => a-symbol-used-once
(interned? "a-symbol-used-once") ; => #f
(gc)                                                                 ; gc => 0
(define ring (list 1 2 3)) (set-cdr! (cdr (cdr ring)) ring) ring     ; => (1 2 3 ...)
(define ring-watch (weak ring)) (set! ring #f) (alive? ring-watch)   ; gc => #t
(gc)                                                                 ; gc => 3
(alive? ring-watch)                                                  ; => #f
(define (make-ping) (define (ping n) (if (= n 0) 'done (pong (- n 1)))) (define (pong n) (ping n)) ping) ; => ()
((make-ping) 10)                                                     ; => done
(define ping-watch (weak (make-ping))) (alive? ping-watch)           ; gc => #t
(gc)                                                                 ; gc => 6
(alive? ping-watch)                                                  ; => #f
(define port (open-port "plain")) (set! port #f) (closed-ports)      ; => ("plain")
(define p (open-port "cyclic")) (define l (list p)) (port-attach! p l) ; => ()
(set! p #f) (set! l #f) (closed-ports)                               ; gc => ("plain")
(gc) (closed-ports)                                                  ; => ("plain" "cyclic")
(car '())                                                            ; => error: car: not a pair: ()
"#;

/// Runs the demo on `heap`; returns the number of mismatches.
fn run_demo(heap: Heap, check_collector: bool) -> usize {
    let interp = Interp::new(heap);
    let mut failures = 0;
    for line in DEMO.lines().filter(|l| !l.trim().is_empty()) {
        let (source, expect) = line
            .split_once(';')
            .expect("every step says what it expects");
        let (timing, wanted) = expect.split_once("=>").expect("`; => value`");
        let checked = timing.trim() != "gc" || check_collector;
        let got = match interp.run(source) {
            Ok(value) => value.to_string(),
            Err(err) => format!("error: {err}"),
        };
        let verdict = match (checked, got == wanted.trim()) {
            (false, _) => "(depends on when collections run)",
            (true, true) => "ok",
            (true, false) => "MISMATCH",
        };
        println!("  {}\n    => {got}   {verdict}", source.trim());
        failures += usize::from(verdict == "MISMATCH");
    }
    failures
}

fn main() {
    let mut failures = 0;
    for (title, stress) in [("automatic collection off", false), ("stress mode", true)] {
        println!("== {title}");
        let heap = Heap::with_config(Config::default().stress(stress));
        if !stress {
            heap.disable();
        }
        failures += run_demo(heap.clone(), !stress);
        // The interpreter is gone, but its global environment is in a cycle with the
        // functions defined in it: one collection frees everything.
        heap.collect(2);
        let left = heap.alloc_stats().small_blocks_in_use();
        println!("  blocks left once the interpreter is gone and collected: {left}");
        failures += usize::from(left != 0);
    }
    if failures > 0 {
        eprintln!("lisp: {failures} check(s) failed");
        std::process::exit(1);
    }
    println!("lisp: all checks passed");
}
