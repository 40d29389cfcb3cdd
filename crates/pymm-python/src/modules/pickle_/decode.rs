//! The unpickler: CPython's `load` loop and its `load_*` functions (`Modules/_pickle.c`)
//! for the opcodes of the built-in types, the memo, globals, REDUCE and NEWOBJ. The other
//! opcodes (BUILD, INST, OBJ, NEWOBJ_EX, EXT*, the persistent ids, the protocol 0 text
//! opcodes, out-of-band buffers) run the pure-Python `Unpickler`'s own method for that
//! opcode, over the same stack, reading from the same position.

use std::collections::HashMap;

use super::{attr, set_attr, Hook, Hooks};
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::Args;
use crate::vm::{Exc, PyErr, PyResult, Vm};

/// One unpickling run.
struct Decoder<'a> {
    vm: &'a Vm,
    hooks: &'a Hooks,
    /// The bytes object `data` lives in.
    data_obj: PyRef,
    data: &'a [u8],
    pos: usize,
    stack: Vec<PyRef>,
    metastack: Vec<Vec<PyRef>>,
    /// The memo by index: dense from 0, with a map for indices far beyond.
    memo: Vec<Option<PyRef>>,
    memo_far: HashMap<u64, PyRef>,
    proto: u8,
    fix_imports: bool,
    /// `encoding`, `errors`, `buffers`: what a Python Unpickler made on demand needs.
    options: [PyRef; 3],
    /// The Python Unpickler (given, or made on demand for `loads`).
    unpickler: Option<PyRef>,
    /// Whether `unpickler` was given (its `find_class` and memo are then its own).
    own_unpickler: bool,
    /// The `_Reader` delegated opcodes read from.
    reader: Option<PyRef>,
}

/// `loads(data, fix_imports, encoding, errors, buffers, hooks)`.
pub(super) fn loads(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "loads", 6, 6, &[])?;
    let hooks = Hooks::new(vm, &a.pos[5])?;
    let data_obj = a.pos[0].clone();
    let Obj::Bytes(data) = &*data_obj else {
        return Err(vm.type_error("loads needs bytes"));
    };
    let mut d = Decoder {
        vm,
        hooks: &hooks,
        data_obj: data_obj.clone(),
        data,
        pos: 0,
        stack: Vec::new(),
        metastack: Vec::new(),
        memo: Vec::new(),
        memo_far: HashMap::new(),
        proto: 0,
        fix_imports: vm.truthy(&a.pos[1])?,
        options: [a.pos[2].clone(), a.pos[3].clone(), a.pos[4].clone()],
        unpickler: None,
        own_unpickler: false,
        reader: None,
    };
    d.load()
}

/// `load(unpickler, data, pos, hooks) -> (obj, end)`: one pickle from `data` at `pos`, with
/// the Unpickler's memo (kept for its next load) and its methods.
pub(super) fn load(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "load", 4, 4, &[])?;
    let hooks = Hooks::new(vm, &a.pos[3])?;
    let unpickler = a.pos[0].clone();
    let data_obj = a.pos[1].clone();
    let Obj::Bytes(data) = &*data_obj else {
        return Err(vm.type_error("load needs bytes"));
    };
    let pos = usize::try_from(vm.index_value(&a.pos[2], "position")?).unwrap_or(0);
    let mut d = Decoder {
        vm,
        hooks: &hooks,
        data_obj: data_obj.clone(),
        data,
        pos: pos.min(data.len()),
        stack: Vec::new(),
        metastack: Vec::new(),
        memo: Vec::new(),
        memo_far: HashMap::new(),
        proto: 0,
        fix_imports: vm.truthy(&attr(vm, &unpickler, "fix_imports")?)?,
        options: [vm.none(), vm.none(), vm.none()],
        unpickler: Some(unpickler.clone()),
        own_unpickler: true,
        reader: None,
    };
    set_attr(vm, &unpickler, "proto", vm.new_int(0)?)?;
    d.memo_from_dict()?;
    let result = d.load();
    d.memo_to_dict()?;
    let value = result?;
    vm.new_tuple(vec![value, vm.new_int(d.pos as i64)?])
}

/// What a pickle's opcodes are, for the error on an unknown one.
const KNOWN: &[u8] = b"(.012FIJKLMNPQRSTUVXabcdeghijlopqrstu}])\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98";

impl<'a> Decoder<'a> {
    fn error(&self, msg: impl Into<String>) -> PyErr {
        self.hooks.error(self.vm, Hook::UnpicklingError, msg)
    }

    fn truncated(&self) -> PyErr {
        self.error("pickle data was truncated")
    }

    /// The next `n` bytes.
    fn read(&mut self, n: usize) -> PyResult<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        let Some(end) = end else {
            return Err(self.truncated());
        };
        let bytes = &self.data[self.pos..end];
        self.pos = end;
        Ok(bytes)
    }

    fn read_u8(&mut self) -> PyResult<u8> {
        Ok(self.read(1)?[0])
    }

    fn read_u32(&mut self) -> PyResult<u32> {
        let b = self.read(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn read_u64(&mut self) -> PyResult<u64> {
        let b = self.read(8)?;
        let mut a = [0; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    /// A size read as u64, as the bytes that follow it.
    fn read_sized(&mut self, n: u64) -> PyResult<&'a [u8]> {
        let n = usize::try_from(n).map_err(|_| self.truncated())?;
        self.read(n)
    }

    /// The line up to its `\n` (without it).
    fn read_line(&mut self) -> PyResult<&'a [u8]> {
        let rest = &self.data[self.pos..];
        let Some(i) = rest.iter().position(|&c| c == b'\n') else {
            return Err(self.truncated());
        };
        self.pos += i + 1;
        Ok(&rest[..i])
    }

    fn push(&mut self, obj: PyRef) {
        self.stack.push(obj);
    }

    /// The error for a pop from an empty stack (CPython's `Pdata_stack_underflow`).
    fn underflow(&self) -> PyErr {
        self.error(if self.metastack.is_empty() {
            "unpickling stack underflow"
        } else {
            "unexpected MARK found"
        })
    }

    fn pop(&mut self) -> PyResult<PyRef> {
        self.stack.pop().ok_or_else(|| self.underflow())
    }

    fn top(&self) -> PyResult<&PyRef> {
        self.stack.last().ok_or_else(|| self.underflow())
    }

    /// The items pushed since the last MARK, which is removed.
    fn pop_mark(&mut self) -> PyResult<Vec<PyRef>> {
        let Some(outer) = self.metastack.pop() else {
            return Err(self.error("could not find MARK"));
        };
        Ok(std::mem::replace(&mut self.stack, outer))
    }

    /// The whole load loop, to STOP.
    fn load(&mut self) -> PyResult {
        loop {
            let Some(&key) = self.data.get(self.pos) else {
                return Err(self.vm.new_exc(Exc::EOFError, "Ran out of input"));
            };
            self.pos += 1;
            if key == b'.' {
                return self.pop();
            }
            self.opcode(key)?;
        }
    }

    fn opcode(&mut self, key: u8) -> PyResult<()> {
        let vm = self.vm;
        match key {
            b'(' => {
                let stack = std::mem::take(&mut self.stack);
                self.metastack.push(stack);
            }
            b'0' => {
                if self.stack.is_empty() && !self.metastack.is_empty() {
                    self.pop_mark()?;
                } else {
                    self.pop()?;
                }
            }
            b'1' => drop(self.pop_mark()?),
            b'2' => {
                let top = self.top()?.clone();
                self.push(top);
            }
            b'N' => self.push(vm.none()),
            0x88 => self.push(vm.bool(true)),
            0x89 => self.push(vm.bool(false)),
            b'J' => {
                let b = self.read(4)?;
                let i = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                self.push(vm.new_int(i as i64)?);
            }
            b'K' => {
                let i = self.read_u8()?;
                self.push(vm.new_int(i as i64)?);
            }
            b'M' => {
                let b = self.read(2)?;
                self.push(vm.new_int(u16::from_le_bytes([b[0], b[1]]) as i64)?);
            }
            0x8a => {
                let n = self.read_u8()? as usize;
                let bytes = self.read(n)?;
                self.push(vm.new_bigint(num_bigint::BigInt::from_signed_bytes_le(bytes))?);
            }
            0x8b => {
                let n = self.read(4)?;
                let n = i32::from_le_bytes([n[0], n[1], n[2], n[3]]);
                if n < 0 {
                    return Err(self.error("LONG pickle has negative byte count"));
                }
                let bytes = self.read(n as usize)?;
                self.push(vm.new_bigint(num_bigint::BigInt::from_signed_bytes_le(bytes))?);
            }
            b'G' => {
                let b = self.read(8)?;
                let mut a = [0; 8];
                a.copy_from_slice(b);
                self.push(vm.float(f64::from_be_bytes(a)));
            }
            0x8c | b'X' | 0x8d => {
                let start = self.pos - 1;
                let n = match key {
                    0x8c => self.read_u8()? as u64,
                    b'X' => self.read_u32()? as u64,
                    _ => self.read_u64()?,
                };
                let bytes = self.read_sized(n)?;
                match std::str::from_utf8(bytes) {
                    Ok(text) => self.push(vm.str(text)?),
                    // surrogates and errors: the Python method decodes as CPython does
                    Err(_) => {
                        self.pos = start + 1;
                        self.delegate(key)?;
                    }
                }
            }
            b'C' | b'B' | 0x8e => {
                let n = match key {
                    b'C' => self.read_u8()? as u64,
                    b'B' => self.read_u32()? as u64,
                    _ => self.read_u64()?,
                };
                let bytes = self.read_sized(n)?;
                self.push(vm.bytes(bytes));
            }
            b')' => self.push(vm.new_tuple(Vec::new())?),
            b't' => {
                let items = self.pop_mark()?;
                self.push(vm.new_tuple(items)?);
            }
            0x85..=0x87 => {
                let n = (key - 0x84) as usize;
                if self.stack.len() < n {
                    return Err(self.underflow());
                }
                let items = self.stack.split_off(self.stack.len() - n);
                self.push(vm.new_tuple(items)?);
            }
            b']' => self.push(vm.list(Vec::new())?),
            b'l' => {
                let items = self.pop_mark()?;
                self.push(vm.list(items)?);
            }
            b'a' => {
                let item = self.pop()?;
                self.append(key, vec![item])?;
            }
            b'e' => {
                let items = self.pop_mark()?;
                self.append(key, items)?;
            }
            b'}' => self.push(vm.dict()?),
            b's' => {
                let value = self.pop()?;
                let k = self.pop()?;
                self.set_items(key, vec![k, value])?;
            }
            b'u' => {
                let items = self.pop_mark()?;
                self.set_items(key, items)?;
            }
            b'd' => {
                let items = self.pop_mark()?;
                let dict = vm.dict()?;
                for pair in items.chunks(2) {
                    if let [k, v] = pair {
                        vm.dict_set(&dict, k.clone(), v.clone())?;
                    }
                }
                self.push(dict);
            }
            0x8f => self.push(vm.set(false)?),
            0x90 => {
                let items = self.pop_mark()?;
                let set = self.top()?.clone();
                if !matches!(&*set, Obj::Set(_, false)) {
                    return self.delegate_with_mark(key, items);
                }
                for item in items {
                    vm.set_add(&set, item)?;
                }
            }
            0x91 => {
                let items = self.pop_mark()?;
                let set = vm.set(true)?;
                for item in items {
                    vm.set_add(&set, item)?;
                }
                self.push(set);
            }
            b'c' => {
                let module = self.read_line()?;
                let name = self.read_line()?;
                let (module, name) = match (std::str::from_utf8(module), std::str::from_utf8(name))
                {
                    (Ok(m), Ok(n)) => (vm.str(m)?, vm.str(n)?),
                    _ => return Err(vm.value_error("GLOBAL names must be UTF-8")),
                };
                let class = self.find_class(module, name)?;
                self.push(class);
            }
            0x93 => {
                let name = self.pop()?;
                let module = self.pop()?;
                if !matches!(&*name, Obj::Str(_)) || !matches!(&*module, Obj::Str(_)) {
                    return Err(self.error("STACK_GLOBAL requires str"));
                }
                let class = self.find_class(module, name)?;
                self.push(class);
            }
            b'R' => {
                let args = self.pop()?;
                let func = self.pop()?;
                let Obj::Tuple(items) = &*args else {
                    self.stack.push(func);
                    self.stack.push(args);
                    return self.delegate(key);
                };
                let value = vm.call(&func, items)?;
                self.push(value);
            }
            0x81 => {
                let args = self.pop()?;
                let cls = self.pop()?;
                let (Obj::Tuple(items), Obj::Class(_)) = (&*args, &*cls) else {
                    self.stack.push(cls);
                    self.stack.push(args);
                    return self.delegate(key);
                };
                let new = vm.get_attr(&cls, &vm.intern_static("__new__"))?;
                let mut call = Vec::with_capacity(items.len() + 1);
                call.push(cls.clone());
                call.extend(items.iter().cloned());
                let value = vm.call(&new, &call)?;
                self.push(value);
            }
            0x94 => {
                let value = self.top()?.clone();
                let idx = self.memo_len();
                self.memo_put(idx, value);
            }
            b'q' | b'r' | b'p' => {
                let idx = match key {
                    b'q' => self.read_u8()? as u64,
                    b'r' => self.read_u32()? as u64,
                    _ => self.line_index("PUT")?,
                };
                let value = self.top()?.clone();
                self.memo_put(idx, value);
            }
            b'h' | b'j' | b'g' => {
                let idx = match key {
                    b'h' => self.read_u8()? as u64,
                    b'j' => self.read_u32()? as u64,
                    _ => self.line_index("GET")?,
                };
                let Some(value) = self.memo_get(idx) else {
                    return Err(self.error(format!("Memo value not found at index {idx}")));
                };
                self.push(value);
            }
            0x80 => {
                let proto = self.read_u8()?;
                if proto > super::encode::HIGHEST_PROTOCOL as u8 {
                    return Err(vm.value_error(format!("unsupported pickle protocol: {proto}")));
                }
                self.proto = proto;
                if let Some(u) = &self.unpickler {
                    set_attr(vm, u, "proto", vm.new_int(proto as i64)?)?;
                }
            }
            0x95 => {
                let n = self.read_u64()?;
                if usize::try_from(n).map_or(true, |n| n > self.data.len() - self.pos) {
                    return Err(self.error("pickle exhausted before end of frame"));
                }
            }
            _ if KNOWN.contains(&key) => self.delegate(key)?,
            _ => {
                let shown = if (0x20..=0x7e).contains(&key) && key != b'\'' && key != b'\\' {
                    (key as char).to_string()
                } else {
                    format!("\\x{key:02x}")
                };
                return Err(self.error(format!("invalid load key, '{shown}'.")));
            }
        }
        Ok(())
    }

    /// The decimal index on a PUT / GET line.
    fn line_index(&mut self, what: &str) -> PyResult<u64> {
        let line = self.read_line()?;
        std::str::from_utf8(line)
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .ok_or_else(|| self.vm.value_error(format!("invalid {what} index")))
    }

    /// APPEND / APPENDS of `items` to the list under them.
    fn append(&mut self, key: u8, items: Vec<PyRef>) -> PyResult<()> {
        let target = self.top()?.clone();
        if let Obj::List(l) = &*target {
            l.borrow_mut().extend(items);
            return Ok(());
        }
        if key == b'a' {
            self.stack.extend(items);
            return self.delegate(key);
        }
        self.delegate_with_mark(key, items)
    }

    /// SETITEM / SETITEMS of the key, value pairs `items` into the dict under them.
    fn set_items(&mut self, key: u8, items: Vec<PyRef>) -> PyResult<()> {
        let target = self.top()?.clone();
        if let Obj::Dict(_) = &*target {
            for pair in items.chunks(2) {
                if let [k, v] = pair {
                    self.vm.dict_set(&target, k.clone(), v.clone())?;
                }
            }
            return Ok(());
        }
        if key == b's' {
            self.stack.extend(items);
            return self.delegate(key);
        }
        self.delegate_with_mark(key, items)
    }

    /// Puts back the MARK and `items` this opcode took, and hands it to Python.
    fn delegate_with_mark(&mut self, key: u8, items: Vec<PyRef>) -> PyResult<()> {
        let outer = std::mem::replace(&mut self.stack, items);
        self.metastack.push(outer);
        self.delegate(key)
    }

    /// `find_class(module, name)`: the Unpickler's own method when it was given, else the
    /// default one.
    fn find_class(&mut self, module: PyRef, name: PyRef) -> PyResult {
        let vm = self.vm;
        if self.own_unpickler {
            if let Some(u) = &self.unpickler {
                let method = vm.get_attr(u, &vm.intern_static("find_class"))?;
                return vm.call(&method, &[module, name]);
            }
        }
        let args = [
            vm.new_int(self.proto as i64)?,
            vm.bool(self.fix_imports),
            module,
            name,
        ];
        vm.call(self.hooks.get(Hook::FindClass), &args)
    }

    fn memo_len(&self) -> u64 {
        (self.memo.iter().filter(|v| v.is_some()).count() + self.memo_far.len()) as u64
    }

    fn memo_put(&mut self, idx: u64, value: PyRef) {
        let i = idx as usize;
        if i < self.memo.len() {
            self.memo[i] = Some(value);
        } else if i < self.memo.len() + 1024 {
            self.memo.resize(i + 1, None);
            self.memo[i] = Some(value);
        } else {
            self.memo_far.insert(idx, value);
        }
    }

    fn memo_get(&self, idx: u64) -> Option<PyRef> {
        match self.memo.get(idx as usize) {
            Some(v) => v.clone(),
            None => self.memo_far.get(&idx).cloned(),
        }
    }

    /// Takes the memo the given Unpickler kept from earlier loads.
    fn memo_from_dict(&mut self) -> PyResult<()> {
        let Some(u) = &self.unpickler else {
            return Ok(());
        };
        let memo = attr(self.vm, u, "memo")?;
        for (k, v) in self.vm.table_pairs(&memo)? {
            if let Ok(i) = u64::try_from(self.vm.index_value(&k, "memo key")?) {
                self.memo_put(i, v);
            }
        }
        Ok(())
    }

    /// Leaves the memo in the given Unpickler's `memo` dict, for its next load.
    fn memo_to_dict(&mut self) -> PyResult<()> {
        let vm = self.vm;
        let Some(u) = self.unpickler.clone().filter(|_| self.own_unpickler) else {
            return Ok(());
        };
        let memo = vm.dict()?;
        for (i, v) in self.memo.iter().enumerate() {
            if let Some(v) = v {
                vm.dict_set(&memo, vm.new_int(i as i64)?, v.clone())?;
            }
        }
        for (i, v) in &self.memo_far {
            vm.dict_set(&memo, vm.new_int(*i as i64)?, v.clone())?;
        }
        set_attr(vm, &u, "memo", memo)
    }

    /// Runs the opcode `key` (whose byte was read) by the Python Unpickler's method, over
    /// this decoder's stack and position.
    fn delegate(&mut self, key: u8) -> PyResult<()> {
        let vm = self.vm;
        let reader = self.reader()?;
        let unpickler = self.unpickler(&reader)?;
        set_attr(vm, &reader, "pos", vm.new_int(self.pos as i64)?)?;
        let stack = vm.list(std::mem::take(&mut self.stack))?;
        let marks = std::mem::take(&mut self.metastack)
            .into_iter()
            .map(|m| vm.list(m))
            .collect::<PyResult<Vec<_>>>()?;
        set_attr(vm, &unpickler, "stack", stack)?;
        set_attr(vm, &unpickler, "metastack", vm.list(marks)?)?;
        if !self.own_unpickler {
            self.memo_to_python(&unpickler)?;
        }
        let method = vm.get_attr(&unpickler, &vm.intern_static("_run_opcode"))?;
        let result = vm.call(&method, &[vm.new_int(key as i64)?, reader.clone()]);
        // whatever happened, the stack is the Python lists' now
        self.stack = vm.collect(&attr(vm, &unpickler, "stack")?)?;
        self.metastack = vm
            .collect(&attr(vm, &unpickler, "metastack")?)?
            .iter()
            .map(|m| vm.collect(m))
            .collect::<PyResult<_>>()?;
        let pos = vm.index_value(&attr(vm, &reader, "pos")?, "position")?;
        self.pos = usize::try_from(pos).unwrap_or(0).min(self.data.len());
        result.map(drop)
    }

    /// Gives the Unpickler made for `loads` this run's memo (its opcodes may read it).
    fn memo_to_python(&mut self, unpickler: &PyRef) -> PyResult<()> {
        let vm = self.vm;
        let memo = attr(vm, unpickler, "memo")?;
        for (i, v) in self.memo.iter().enumerate() {
            if let Some(v) = v {
                vm.dict_set(&memo, vm.new_int(i as i64)?, v.clone())?;
            }
        }
        Ok(())
    }

    fn reader(&mut self) -> PyResult<PyRef> {
        if let Some(r) = &self.reader {
            return Ok(r.clone());
        }
        let vm = self.vm;
        let args = [self.data_obj.clone(), vm.new_int(self.pos as i64)?];
        let r = vm.call(self.hooks.get(Hook::Reader), &args)?;
        self.reader = Some(r.clone());
        Ok(r)
    }

    /// The Python Unpickler: the given one, or one made for `loads`.
    fn unpickler(&mut self, reader: &PyRef) -> PyResult<PyRef> {
        if let Some(u) = &self.unpickler {
            return Ok(u.clone());
        }
        let vm = self.vm;
        let [encoding, errors, buffers] = self.options.clone();
        let args = [
            reader.clone(),
            vm.bool(self.fix_imports),
            encoding,
            errors,
            buffers,
            vm.dict()?,
        ];
        let u = vm.call(self.hooks.get(Hook::UnpicklerFor), &args)?;
        set_attr(vm, &u, "proto", vm.new_int(self.proto as i64)?)?;
        self.unpickler = Some(u.clone());
        Ok(u)
    }
}
