//! The pickler: CPython's `save` and its `save_*` functions for the built-in types
//! (`Modules/_pickle.c`), writing the same opcodes, memo entries and frames. Any other
//! object goes to the Python `Pickler._save_other` (the pure-Python `save` after its memo
//! check: `reducer_override`, `dispatch_table`, `copyreg`, `__reduce_ex__`,
//! `save_global`), whose writes land in the same output and whose nested saves come back
//! here.

use super::{attr, set_attr, Hook, Hooks};
use crate::objects::float::value::float_repr;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::Args;
use crate::vm::{Exc, PyResult, Vm};
use std::collections::HashMap;

/// Items per MARK ... APPENDS / SETITEMS / ADDITEMS batch.
const BATCH: usize = 1000;
/// A frame is closed at an opcode boundary once it holds this many bytes.
const FRAME_SIZE_TARGET: usize = 64 * 1024;
/// A frame shorter than this is written without its FRAME header.
const FRAME_SIZE_MIN: usize = 4;
/// FRAME and its 8-byte length, reserved when a frame opens.
const FRAME_HEADER: usize = 9;

const CONTEXT: &str = " while pickling an object";

/// The highest protocol, and the one `protocol=None` means.
pub(super) const HIGHEST_PROTOCOL: i64 = 5;
const DEFAULT_PROTOCOL: i64 = 4;

/// One pickling run over a Pickler's state (or the state `dumps` makes for itself).
struct Encoder<'a> {
    vm: &'a Vm,
    hooks: &'a Hooks,
    /// The pickle written so far (moved into the `_out` bytearray while Python writes).
    buf: Vec<u8>,
    /// The bytearray Python code writes the pickle into.
    out: PyRef,
    /// `id(obj) -> (index, obj)`, shared with the Python methods.
    memo: PyRef,
    /// The memo kept in Rust while no Python code runs (`None`: `memo` is used directly):
    /// `id(obj) -> index`, and the objects by index (which keep their ids valid).
    fast_memo: Option<(HashMap<usize, u64>, Vec<PyRef>)>,
    /// How many entries of `fast_memo` are in `memo` too.
    synced: usize,
    proto: u8,
    /// `Pickler.fast`: nothing is memoized.
    fast: bool,
    fix_imports: bool,
    buffer_callback: PyRef,
    /// Protocol 4 and up, between PROTO and the final frame.
    framing: bool,
    /// Where the open frame's reserved header is, if a frame is open.
    frame_start: Option<usize>,
    /// The Python Pickler, made on demand for `dumps`.
    pickler: Option<PyRef>,
    /// The Pickler's own `persistent_id`, if it has one.
    pid: Option<PyRef>,
}

/// The protocol `protocol` asks for (None: the default; negative: the highest).
fn protocol_of(vm: &Vm, protocol: &PyRef) -> PyResult<u8> {
    if vm.is_none(protocol) {
        return Ok(DEFAULT_PROTOCOL as u8);
    }
    let p = vm.index_value(protocol, "protocol")?;
    if p < 0 {
        return Ok(HIGHEST_PROTOCOL as u8);
    }
    if p > HIGHEST_PROTOCOL {
        return Err(vm.value_error(format!("pickle protocol must be <= {HIGHEST_PROTOCOL}")));
    }
    Ok(p as u8)
}

/// `dumps(obj, protocol, fix_imports, buffer_callback, hooks) -> bytes`.
pub(super) fn dumps(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "dumps", 5, 5, &[])?;
    let hooks = Hooks::new(vm, &a.pos[4])?;
    let proto = protocol_of(vm, &a.pos[1])?;
    let buffer_callback = a.pos[3].clone();
    if !vm.is_none(&buffer_callback) && proto < 5 {
        return Err(vm.value_error("buffer_callback needs protocol >= 5"));
    }
    let mut e = Encoder {
        vm,
        hooks: &hooks,
        buf: Vec::new(),
        out: vm.alloc(Obj::ByteArray(Box::default()))?,
        memo: vm.dict()?,
        fast_memo: Some(Default::default()),
        synced: 0,
        proto,
        fast: false,
        fix_imports: vm.truthy(&a.pos[2])? && proto < 3,
        buffer_callback,
        framing: false,
        frame_start: None,
        pickler: None,
        pid: None,
    };
    e.dump(&a.pos[0])?;
    Ok(vm.bytes(&e.buf))
}

/// `dump(pickler, obj, hooks)`: the whole pickle of `obj` into `pickler._out`.
pub(super) fn dump(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "dump", 3, 3, &[])?;
    let hooks = Hooks::new(vm, &a.pos[2])?;
    let mut e = Encoder::of(vm, &hooks, &a.pos[0])?;
    e.fast_memo = Some(Default::default());
    let result = e.pull_memo().and_then(|()| e.dump(&a.pos[1]));
    e.release()?;
    result?;
    Ok(vm.none())
}

/// `save(pickler, obj, save_persistent_id, hooks)`: `Pickler.save`, called by the
/// Python methods for the parts of what they pickle.
pub(super) fn save(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "save", 4, 4, &[])?;
    let hooks = Hooks::new(vm, &a.pos[3])?;
    let pers = vm.truthy(&a.pos[2])?;
    let mut e = Encoder::of(vm, &hooks, &a.pos[0])?;
    let result = e.save(&a.pos[1], pers);
    e.release()?;
    result?;
    Ok(vm.none())
}

/// `write(pickler, data)`: `Pickler.write`, inside the open frame.
pub(super) fn write(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "write", 2, 2, &[])?;
    let pickler = &a.pos[0];
    let out = attr(vm, pickler, "_out")?;
    let Obj::ByteArray(cell) = &*out else {
        return Err(vm.type_error("Pickler._out must be a bytearray"));
    };
    let copy;
    let data: &[u8] = match &**vm.builtin_receiver(&a.pos[1]) {
        Obj::Bytes(b) => b,
        Obj::ByteArray(b) => {
            copy = b.borrow().clone();
            &copy
        }
        _ => {
            let b = vm.call(&vm.types.bytes, &[a.pos[1].clone()])?;
            let Obj::Bytes(b) = &*b else {
                return Err(vm.type_error("bytes() returned no bytes"));
            };
            copy = b.to_vec();
            &copy
        }
    };
    let framing = vm.truthy(&attr(vm, pickler, "_framing")?)?;
    let mut buf = cell.borrow_mut();
    if framing && vm.index_value(&attr(vm, pickler, "_frame_start")?, "frame")? < 0 {
        let start = vm.new_int(buf.len() as i64)?;
        buf.extend_from_slice(&[0; FRAME_HEADER]);
        drop(buf);
        set_attr(vm, pickler, "_frame_start", start)?;
        buf = cell.borrow_mut();
    }
    buf.extend_from_slice(data);
    vm.new_int(data.len() as i64)
}

impl<'a> Encoder<'a> {
    /// The state of the Python Pickler `pickler`; its output moves into the encoder
    /// until [`Encoder::release`].
    fn of(vm: &'a Vm, hooks: &'a Hooks, pickler: &PyRef) -> PyResult<Self> {
        let out = attr(vm, pickler, "_out")?;
        let Obj::ByteArray(cell) = &*out else {
            return Err(vm.type_error("Pickler._out must be a bytearray"));
        };
        let buf = std::mem::take(&mut *cell.borrow_mut());
        let proto = vm.index_value(&attr(vm, pickler, "proto")?, "proto")?;
        let frame_start = vm.index_value(&attr(vm, pickler, "_frame_start")?, "frame")?;
        let pid = attr(vm, pickler, "_pid").ok().filter(|p| !vm.is_none(p));
        Ok(Encoder {
            vm,
            hooks,
            buf,
            out: out.clone(),
            memo: attr(vm, pickler, "memo")?,
            fast_memo: None,
            synced: 0,
            proto: proto.clamp(0, HIGHEST_PROTOCOL) as u8,
            fast: vm.truthy(&attr(vm, pickler, "fast")?)?,
            fix_imports: vm.truthy(&attr(vm, pickler, "fix_imports")?)?,
            buffer_callback: attr(vm, pickler, "_buffer_callback")?,
            framing: vm.truthy(&attr(vm, pickler, "_framing")?)?,
            frame_start: usize::try_from(frame_start).ok(),
            pickler: Some(pickler.clone()),
            pid,
        })
    }

    /// Hands the output back to the Pickler's `_out` and its frame to `_frame_start`.
    fn release(&mut self) -> PyResult<()> {
        self.lend()?;
        Ok(())
    }

    /// Moves the output into the `_out` bytearray and the frame into the Pickler's
    /// attributes, for Python code to write.
    fn lend(&mut self) -> PyResult<()> {
        self.push_memo()?;
        if let Obj::ByteArray(cell) = &*self.out {
            *cell.borrow_mut() = std::mem::take(&mut self.buf);
        }
        if let Some(p) = &self.pickler {
            let start = self.frame_start.map_or(-1, |s| s as i64);
            set_attr(self.vm, p, "_frame_start", self.vm.new_int(start)?)?;
            set_attr(self.vm, p, "_framing", self.vm.bool(self.framing))?;
        }
        Ok(())
    }

    /// Takes the output back after Python code wrote.
    fn reclaim(&mut self) -> PyResult<()> {
        self.pull_memo()?;
        if let Obj::ByteArray(cell) = &*self.out {
            self.buf = std::mem::take(&mut *cell.borrow_mut());
        }
        if let Some(p) = &self.pickler {
            let start = self
                .vm
                .index_value(&attr(self.vm, p, "_frame_start")?, "frame")?;
            self.frame_start = usize::try_from(start).ok();
        }
        Ok(())
    }

    /// The whole pickle: PROTO, the object, STOP, framed from protocol 4.
    fn dump(&mut self, obj: &PyRef) -> PyResult<()> {
        if self.proto >= 2 {
            self.buf.extend_from_slice(&[0x80, self.proto]);
            self.framing = self.proto >= 4;
        }
        let result = self.save(obj, true).map(|()| self.write(b"."));
        self.commit_frame();
        self.framing = false;
        result
    }

    /// Writes `data` into the open frame (opening one when framing).
    fn write(&mut self, data: &[u8]) {
        if self.framing && self.frame_start.is_none() {
            self.frame_start = Some(self.buf.len());
            self.buf.extend_from_slice(&[0; FRAME_HEADER]);
        }
        self.buf.extend_from_slice(data);
    }

    /// Writes `header` and `payload`; a payload of a frame's size or more goes outside any
    /// frame (CPython's `_Pickler_write_bytes`).
    fn write_bytes(&mut self, header: &[u8], payload: &[u8]) {
        if self.framing && payload.len() >= FRAME_SIZE_TARGET {
            self.commit_frame();
            self.buf.extend_from_slice(header);
            self.buf.extend_from_slice(payload);
        } else {
            self.write(header);
            self.write(payload);
        }
    }

    /// Closes the open frame: fills in its header, or drops the header of a tiny frame.
    fn commit_frame(&mut self) {
        let Some(start) = self.frame_start.take() else {
            return;
        };
        let len = self.buf.len() - start - FRAME_HEADER;
        if len >= FRAME_SIZE_MIN {
            self.buf[start] = 0x95;
            self.buf[start + 1..start + FRAME_HEADER].copy_from_slice(&(len as u64).to_le_bytes());
        } else {
            self.buf.drain(start..start + FRAME_HEADER);
        }
    }

    /// After each saved object: a frame that reached its target size is closed.
    fn boundary(&mut self) {
        if let Some(start) = self.frame_start {
            if self.buf.len() - start - FRAME_HEADER >= FRAME_SIZE_TARGET {
                self.commit_frame();
            }
        }
    }

    /// `save(obj)`: CPython's order: persistent id, the atoms (never memoized), the memo,
    /// the built-in containers, then Python for the rest.
    fn save(&mut self, obj: &PyRef, pers: bool) -> PyResult<()> {
        if pers {
            if let Some(pid_fn) = self.pid.clone() {
                let pid = self.vm.call(&pid_fn, std::slice::from_ref(obj))?;
                if !self.vm.is_none(&pid) {
                    self.save_pers(&pid)?;
                    self.boundary();
                    return Ok(());
                }
            }
        }
        match &**obj {
            Obj::None => self.write(b"N"),
            Obj::Bool(b) => self.save_bool(*b),
            Obj::Int(i) => self.save_int(*i),
            Obj::BigInt(b) => self.save_bigint(b),
            Obj::Float(f) => self.save_float(*f),
            _ => {
                if let Some(idx) = self.memo_get(obj)? {
                    self.memo_write_get(idx);
                } else {
                    self.vm.nested_call(CONTEXT, || self.save_object(obj))?;
                }
            }
        }
        self.boundary();
        Ok(())
    }

    /// An object the memo does not hold yet.
    fn save_object(&mut self, obj: &PyRef) -> PyResult<()> {
        match &**obj {
            Obj::Str(s) => self.save_str(obj, s.as_str()),
            Obj::Bytes(b) if self.proto >= 3 => self.save_bytes(obj, b),
            Obj::ByteArray(b) if self.proto >= 5 => {
                let data = b.borrow().clone();
                let mut header = vec![0x96];
                header.extend_from_slice(&(data.len() as u64).to_le_bytes());
                self.write_bytes(&header, &data);
                self.memo_put(obj)
            }
            Obj::Tuple(items) => self.save_tuple(obj, items),
            Obj::List(_) => self.save_list(obj),
            Obj::Dict(_) => self.save_dict(obj),
            Obj::Set(_, false) if self.proto >= 4 => self.save_set(obj),
            Obj::Set(_, true) if self.proto >= 4 => self.save_frozenset(obj),
            _ => self.save_other(obj),
        }
    }

    /// Hands `obj` to `Pickler._save_other`, with the output and frame lent to it.
    fn save_other(&mut self, obj: &PyRef) -> PyResult<()> {
        let vm = self.vm;
        let pickler = self.pickler()?;
        self.lend()?;
        let method = attr(vm, &pickler, "_save_other");
        let result = method.and_then(|m| vm.call(&m, std::slice::from_ref(obj)));
        self.reclaim()?;
        result.map(drop)
    }

    /// The Python Pickler (made for `dumps` the first time Python code must take part).
    fn pickler(&mut self) -> PyResult<PyRef> {
        if let Some(p) = &self.pickler {
            return Ok(p.clone());
        }
        let vm = self.vm;
        let start = self.frame_start.map_or(-1, |s| s as i64);
        let args = [
            self.out.clone(),
            self.memo.clone(),
            vm.new_int(self.proto as i64)?,
            vm.bool(self.fix_imports || self.proto >= 3),
            self.buffer_callback.clone(),
            vm.bool(self.framing),
            vm.new_int(start)?,
        ];
        let p = vm.call(self.hooks.get(Hook::PicklerFor), &args)?;
        self.pickler = Some(p.clone());
        Ok(p)
    }

    fn save_pers(&mut self, pid: &PyRef) -> PyResult<()> {
        if self.proto >= 1 {
            self.save(pid, false)?;
            self.write(b"Q");
            return Ok(());
        }
        let text = self.vm.to_str(pid)?;
        if !text.is_ascii() {
            let msg = "persistent IDs in protocol 0 must be ASCII strings";
            return Err(self.hooks.error(self.vm, Hook::PicklingError, msg));
        }
        self.write(b"P");
        self.write(text.as_bytes());
        self.write(b"\n");
        Ok(())
    }

    fn save_bool(&mut self, b: bool) {
        match (self.proto >= 2, b) {
            (true, true) => self.write(b"\x88"),
            (true, false) => self.write(b"\x89"),
            (false, true) => self.write(b"I01\n"),
            (false, false) => self.write(b"I00\n"),
        }
    }

    fn save_int(&mut self, i: i64) {
        if let Ok(small) = i32::try_from(i) {
            if self.proto == 0 {
                self.write(format!("I{small}\n").as_bytes());
            } else if (0..=0xff).contains(&small) {
                self.write(&[b'K', small as u8]);
            } else if (0..=0xffff).contains(&small) {
                let [lo, hi] = (small as u16).to_le_bytes();
                self.write(&[b'M', lo, hi]);
            } else {
                let mut op = vec![b'J'];
                op.extend_from_slice(&small.to_le_bytes());
                self.write(&op);
            }
            return;
        }
        if self.proto >= 2 {
            let bytes = i.to_le_bytes();
            self.save_long_bytes(minimal_signed(&bytes));
        } else {
            self.write(format!("L{i}L\n").as_bytes());
        }
    }

    fn save_bigint(&mut self, b: &num_bigint::BigInt) {
        if self.proto >= 2 {
            self.save_long_bytes(&b.to_signed_bytes_le());
        } else {
            self.write(format!("L{b}L\n").as_bytes());
        }
    }

    /// LONG1 / LONG4 with the two's complement bytes of a nonzero int.
    fn save_long_bytes(&mut self, bytes: &[u8]) {
        let mut op = Vec::with_capacity(bytes.len() + 5);
        if bytes.len() < 256 {
            op.extend_from_slice(&[0x8a, bytes.len() as u8]);
        } else {
            op.push(0x8b);
            op.extend_from_slice(&(bytes.len() as i32).to_le_bytes());
        }
        op.extend_from_slice(bytes);
        self.write(&op);
    }

    fn save_float(&mut self, f: f64) {
        if self.proto >= 1 {
            let mut op = [b'G'; 9];
            op[1..].copy_from_slice(&f.to_be_bytes());
            self.write(&op);
        } else {
            self.write(format!("F{}\n", float_repr(f)).as_bytes());
        }
    }

    fn save_str(&mut self, obj: &PyRef, text: &str) -> PyResult<()> {
        if self.proto == 0 {
            let mut op = vec![b'V'];
            raw_unicode_escape(text, &mut op);
            op.push(b'\n');
            self.write(&op);
            return self.memo_put(obj);
        }
        let data = text.as_bytes();
        let n = data.len();
        let mut header = Vec::with_capacity(9);
        if n <= 0xff && self.proto >= 4 {
            header.extend_from_slice(&[0x8c, n as u8]);
        } else if n <= 0xffff_ffff {
            header.push(b'X');
            header.extend_from_slice(&(n as u32).to_le_bytes());
        } else if self.proto >= 4 {
            header.push(0x8d);
            header.extend_from_slice(&(n as u64).to_le_bytes());
        } else {
            let msg = "serializing a string larger than 4 GiB requires pickle protocol 4 or higher";
            return Err(self.vm.new_exc(Exc::OverflowError, msg));
        }
        self.write_bytes(&header, data);
        self.memo_put(obj)
    }

    fn save_bytes(&mut self, obj: &PyRef, data: &[u8]) -> PyResult<()> {
        let n = data.len();
        let mut header = Vec::with_capacity(9);
        if n <= 0xff {
            header.extend_from_slice(&[b'C', n as u8]);
        } else if n <= 0xffff_ffff {
            header.push(b'B');
            header.extend_from_slice(&(n as u32).to_le_bytes());
        } else if self.proto >= 4 {
            header.push(0x8e);
            header.extend_from_slice(&(n as u64).to_le_bytes());
        } else {
            let msg =
                "serializing a bytes object larger than 4 GiB requires pickle protocol 4 or higher";
            return Err(self.vm.new_exc(Exc::OverflowError, msg));
        }
        self.write_bytes(&header, data);
        self.memo_put(obj)
    }

    fn save_tuple(&mut self, obj: &PyRef, items: &[PyRef]) -> PyResult<()> {
        let n = items.len();
        if n == 0 {
            self.write(if self.proto >= 1 { b")" } else { b"(t" });
            return Ok(());
        }
        let small = n <= 3 && self.proto >= 2;
        if !small {
            self.write(b"(");
        }
        for item in items {
            self.save(item, true)?;
        }
        // the tuple may have been memoized while its items were saved: it contains itself
        if let Some(idx) = self.memo_get(obj)? {
            if small {
                self.write(&b"000"[..n]);
            } else if self.proto >= 1 {
                self.write(b"1");
            } else {
                self.write(&vec![b'0'; n + 1]);
            }
            self.memo_write_get(idx);
            return Ok(());
        }
        let op = if small { 0x84 + n as u8 } else { b't' };
        self.write(&[op]);
        self.memo_put(obj)
    }

    fn save_list(&mut self, obj: &PyRef) -> PyResult<()> {
        self.write(if self.proto >= 1 { b"]" } else { b"(l" });
        self.memo_put(obj)?;
        let len = |obj: &PyRef| match &**obj {
            Obj::List(l) => l.len(),
            _ => 0,
        };
        let item = |obj: &PyRef, i: usize| match &**obj {
            Obj::List(l) => l.borrow().get(i).cloned(),
            _ => None,
        };
        if self.proto == 0 {
            let mut i = 0;
            while let Some(x) = item(obj, i) {
                self.save(&x, true)?;
                self.write(b"a");
                i += 1;
            }
            return Ok(());
        }
        match len(obj) {
            0 => return Ok(()),
            1 => {
                if let Some(x) = item(obj, 0) {
                    self.save(&x, true)?;
                    self.write(b"a");
                }
                return Ok(());
            }
            _ => {}
        }
        let mut total = 0;
        loop {
            self.write(b"(");
            let mut this_batch = 0;
            while let Some(x) = item(obj, total) {
                self.save(&x, true)?;
                total += 1;
                this_batch += 1;
                if this_batch == BATCH {
                    break;
                }
            }
            self.write(b"e");
            if total >= len(obj) {
                return Ok(());
            }
        }
    }

    /// The (key, value) pairs of a dict, or the keys of a set, as they are now.
    fn entries(&self, obj: &PyRef) -> PyResult<Vec<(PyRef, PyRef)>> {
        self.vm.table_pairs(obj)
    }

    fn table_len(&self, obj: &PyRef) -> PyResult<usize> {
        Ok(self.vm.table_of(obj)?.borrow().len())
    }

    fn save_dict(&mut self, obj: &PyRef) -> PyResult<()> {
        self.write(if self.proto >= 1 { b"}" } else { b"(d" });
        self.memo_put(obj)?;
        let entries = self.entries(obj)?;
        let size = entries.len();
        if self.proto == 0 {
            for (k, v) in &entries {
                self.save(k, true)?;
                self.save(v, true)?;
                self.write(b"s");
            }
            return self.check_size(obj, size, "dictionary");
        }
        if size == 0 {
            return Ok(());
        }
        if size == 1 {
            self.save(&entries[0].0, true)?;
            self.save(&entries[0].1, true)?;
            self.write(b"s");
            return Ok(());
        }
        // as CPython's batch_dict_exact: a batch after each full one, empty or not
        let mut batches = entries.chunks(BATCH);
        loop {
            let batch = batches.next().unwrap_or(&[]);
            self.write(b"(");
            for (k, v) in batch {
                self.save(k, true)?;
                self.save(v, true)?;
            }
            self.write(b"u");
            self.check_size(obj, size, "dictionary")?;
            if batch.len() < BATCH {
                return Ok(());
            }
        }
    }

    /// RuntimeError if the dict or set changed size while it was pickled.
    fn check_size(&self, obj: &PyRef, size: usize, what: &str) -> PyResult<()> {
        if self.table_len(obj)? != size {
            let msg = format!("{what} changed size during iteration");
            return Err(self.vm.new_exc(Exc::RuntimeError, msg));
        }
        Ok(())
    }

    fn save_set(&mut self, obj: &PyRef) -> PyResult<()> {
        self.write(b"\x8f");
        self.memo_put(obj)?;
        let entries = self.entries(obj)?;
        let size = entries.len();
        if size == 0 {
            return Ok(());
        }
        let mut batches = entries.chunks(BATCH);
        loop {
            let batch = batches.next().unwrap_or(&[]);
            self.write(b"(");
            for (k, _) in batch {
                self.save(k, true)?;
            }
            self.write(b"\x90");
            self.check_size(obj, size, "set")?;
            if batch.len() < BATCH {
                return Ok(());
            }
        }
    }

    fn save_frozenset(&mut self, obj: &PyRef) -> PyResult<()> {
        self.write(b"(");
        for (k, _) in self.entries(obj)? {
            self.save(&k, true)?;
        }
        if let Some(idx) = self.memo_get(obj)? {
            self.write(b"1");
            self.memo_write_get(idx);
            return Ok(());
        }
        self.write(b"\x91");
        self.memo_put(obj)
    }

    /// The memo key of `obj`: `id(obj)`.
    fn memo_key(&self, obj: &PyRef) -> PyResult {
        self.vm.new_int(self.vm.addr(obj) as i64)
    }

    /// The memo index of `obj`, if it was memoized.
    fn memo_get(&self, obj: &PyRef) -> PyResult<Option<u64>> {
        if let Some((map, _)) = &self.fast_memo {
            return Ok(map.get(&self.vm.addr(obj)).copied());
        }
        if self.vm.table_of(&self.memo)?.borrow().is_empty() {
            return Ok(None);
        }
        let key = self.memo_key(obj)?;
        let Some(entry) = self.vm.dict_get(&self.memo, &key)? else {
            return Ok(None);
        };
        match &*entry {
            Obj::Tuple(t) if !t.is_empty() => {
                let idx = self.vm.index_value(&t[0], "memo index")?;
                Ok(u64::try_from(idx).ok())
            }
            _ => Err(self
                .vm
                .type_error("pickler memo values must be (index, object)")),
        }
    }

    /// Copies the entries memoized in Rust since the last copy into the `memo` dict, for
    /// Python code to see.
    fn push_memo(&mut self) -> PyResult<()> {
        let vm = self.vm;
        let Some((_, objs)) = &self.fast_memo else {
            return Ok(());
        };
        for (i, obj) in objs.iter().enumerate().skip(self.synced) {
            let entry = vm.new_tuple(vec![vm.new_int(i as i64)?, obj.clone()])?;
            vm.dict_set(&self.memo, vm.new_int(vm.addr(obj) as i64)?, entry)?;
        }
        self.synced = objs.len();
        Ok(())
    }

    /// Takes into the Rust memo what Python code memoized (`memoize` appends; anything
    /// else, such as `clear_memo`, makes the Rust memo a copy of the dict again).
    fn pull_memo(&mut self) -> PyResult<()> {
        let vm = self.vm;
        let Some((map, objs)) = &mut self.fast_memo else {
            return Ok(());
        };
        let (entries, rebuild) = {
            let table = vm.table_of(&self.memo)?.borrow();
            let len = table.len();
            if len == objs.len() {
                return Ok(());
            }
            let rebuild = len < objs.len();
            let skip = if rebuild { 0 } else { objs.len() };
            let entries: Vec<PyRef> = table.iter().skip(skip).map(|e| e.value.clone()).collect();
            (entries, rebuild)
        };
        if rebuild {
            map.clear();
            objs.clear();
        }
        for entry in entries {
            let Obj::Tuple(t) = &*entry else {
                return Err(vm.type_error("pickler memo values must be (index, object)"));
            };
            if t.len() != 2 {
                return Err(vm.type_error("pickler memo values must be (index, object)"));
            }
            let idx = u64::try_from(vm.index_value(&t[0], "memo index")?).unwrap_or(0);
            map.insert(vm.addr(&t[1]), idx);
            objs.push(t[1].clone());
        }
        self.synced = objs.len();
        Ok(())
    }

    /// Writes the opcode that fetches memo entry `idx`.
    fn memo_write_get(&mut self, idx: u64) {
        if self.proto == 0 {
            self.write(format!("g{idx}\n").as_bytes());
        } else if idx < 256 {
            self.write(&[b'h', idx as u8]);
        } else {
            let mut op = vec![b'j'];
            op.extend_from_slice(&(idx as u32).to_le_bytes());
            self.write(&op);
        }
    }

    /// Memoizes `obj` under the next index and writes the opcode that stores it.
    fn memo_put(&mut self, obj: &PyRef) -> PyResult<()> {
        if self.fast {
            return Ok(());
        }
        let vm = self.vm;
        let idx = if let Some((map, objs)) = &mut self.fast_memo {
            let idx = objs.len() as u64;
            map.insert(vm.addr(obj), idx);
            objs.push(obj.clone());
            idx
        } else {
            let idx = vm.table_of(&self.memo)?.borrow().len() as u64;
            let entry = vm.new_tuple(vec![vm.new_int(idx as i64)?, obj.clone()])?;
            vm.dict_set(&self.memo, self.memo_key(obj)?, entry)?;
            idx
        };
        if self.proto >= 4 {
            self.write(b"\x94");
        } else if self.proto == 0 {
            self.write(format!("p{idx}\n").as_bytes());
        } else if idx < 256 {
            self.write(&[b'q', idx as u8]);
        } else {
            let mut op = vec![b'r'];
            op.extend_from_slice(&(idx as u32).to_le_bytes());
            self.write(&op);
        }
        Ok(())
    }
}

/// The shortest two's complement little-endian bytes of a nonzero int given in 8 bytes
/// (as `pickle.encode_long`).
fn minimal_signed(bytes: &[u8; 8]) -> &[u8] {
    let negative = bytes[7] & 0x80 != 0;
    let fill = if negative { 0xff } else { 0 };
    let mut n = 8;
    while n > 1 && bytes[n - 1] == fill && (bytes[n - 2] & 0x80 != 0) == negative {
        n -= 1;
    }
    &bytes[..n]
}

/// Protocol 0's text of a str (CPython's `raw_unicode_escape` in `_pickle.c`): latin-1
/// bytes, with `\uXXXX` / `\UXXXXXXXX` for the rest and for `\\`, NUL, `\n`, `\r`, `\x1a`.
fn raw_unicode_escape(text: &str, out: &mut Vec<u8>) {
    use std::io::Write;
    for ch in text.chars() {
        let c = ch as u32;
        if c >= 0x10000 {
            let _ = write!(out, "\\U{c:08x}");
        } else if c >= 256 || matches!(c, 0x5c | 0 | 0x0a | 0x0d | 0x1a) {
            let _ = write!(out, "\\u{c:04x}");
        } else {
            out.push(c as u8);
        }
    }
}
