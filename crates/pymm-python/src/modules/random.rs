//! `_random`: the Mersenne Twister (MT19937) of CPython's `_randommodule.c`, over a state
//! the Python side keeps in a list of 625 ints (624 words and the position), so that
//! `random.py` can seed, draw, save and restore exactly as CPython does and a seeded program
//! prints the same numbers.

use num_bigint::BigInt;
use sha2::{Digest, Sha512};

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("init_by_array", init_by_array),
    BuiltinFn::new("genrand_uint32", genrand_uint32),
    BuiltinFn::new("random", random),
    BuiltinFn::new("getrandbits", getrandbits),
    BuiltinFn::new("sha512", sha512),
];

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The generator's words and position, read from and written back to the Python list.
/// A draw takes one or two of the 624 words: they are read from the list one at a time as
/// the draw takes them (`list`), and all of them only when a twist regenerates them
/// (`words`), so that a draw does not convert the whole state.
struct Mt<'a> {
    /// The state list's words, while `words` is empty.
    list: &'a [PyRef],
    /// All the words, once read or regenerated (empty before).
    words: Vec<u32>,
    index: usize,
    /// The words were regenerated since the state was loaded (so all must be saved).
    twisted: bool,
    /// A word read from the list was not an int in 0..2**32.
    invalid: bool,
}

impl Mt<'_> {
    fn init_genrand(seed: u32) -> Mt<'static> {
        let mut words = vec![0u32; N];
        words[0] = seed;
        for i in 1..N {
            let prev = words[i - 1];
            words[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        Mt {
            list: &[],
            words,
            index: N,
            twisted: true,
            invalid: false,
        }
    }

    /// `init_by_array`: seeding from a key of 32-bit words, as CPython's `random.seed(int)`.
    fn init_by_array(key: &[u32]) -> Mt<'static> {
        let mut mt = Mt::init_genrand(19_650_218);
        let w = &mut mt.words;
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        for _ in 0..N.max(len) {
            let prev = w[i - 1];
            w[i] = (w[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                w[0] = w[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = w[i - 1];
            w[i] =
                (w[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                w[0] = w[N - 1];
                i = 1;
            }
        }
        w[0] = 0x8000_0000;
        mt
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = match self.words.get(self.index) {
            Some(&w) => w,
            None => self.read(self.index),
        };
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// Word `i` of the state list (0, noted as invalid, if it is not a word).
    fn read(&mut self, i: usize) -> u32 {
        let word = self.list[i]
            .as_i64()
            .filter(|w| (0..=u32::MAX as i64).contains(w));
        self.invalid |= word.is_none();
        word.unwrap_or(0) as u32
    }

    fn twist(&mut self) {
        if self.words.is_empty() {
            self.words = (0..N).map(|i| self.read(i)).collect();
        }
        let w = &mut self.words;
        let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
        for k in 0..N {
            let y = (w[k] & UPPER_MASK) | (w[(k + 1) % N] & LOWER_MASK);
            w[k] = w[(k + M) % N] ^ (y >> 1) ^ mag(y);
        }
        self.index = 0;
        self.twisted = true;
    }
}

/// Writes all the words and the position back into the state list.
fn store(vm: &Vm, state: &PyRef, words: &[u32], index: usize) -> PyResult<()> {
    let Obj::List(items) = &**state else {
        return Err(vm.type_error("state must be a list"));
    };
    let mut fresh: Vec<PyRef> = words.iter().map(|&w| vm.int(i64::from(w))).collect();
    fresh.push(vm.int(index as i64));
    let old = items.replace(fresh);
    drop(old);
    Ok(())
}

/// Only the position changes between twists: the list's last item.
fn store_index(vm: &Vm, state: &PyRef, index: usize) -> PyResult<()> {
    let Obj::List(items) = &**state else {
        return Err(vm.type_error("state must be a list"));
    };
    let old = std::mem::replace(&mut items.borrow_mut()[N], vm.int(index as i64));
    drop(old);
    Ok(())
}

/// Draws with `draw` from the state list (the first argument), saving the words only when
/// a twist changed them.
fn with_state<T>(vm: &Vm, state: &PyRef, draw: impl FnOnce(&mut Mt) -> T) -> PyResult<T> {
    let Obj::List(items) = &**state else {
        return Err(vm.type_error("state must be a list"));
    };
    let (out, index, twisted_words) = {
        let items = items.borrow();
        if items.len() != N + 1 {
            return Err(vm.value_error("state vector is the wrong size"));
        }
        let index = match items[N].as_i64() {
            Some(i) if (0..=N as i64).contains(&i) => i as usize,
            _ => return Err(vm.value_error("invalid state")),
        };
        let mut mt = Mt {
            list: &items[..N],
            words: Vec::new(),
            index,
            twisted: false,
            invalid: false,
        };
        // the draw runs no Python code: the list cannot change under it
        let out = draw(&mut mt);
        if mt.invalid {
            return Err(vm.value_error("state words must be ints in 0..2**32"));
        }
        (out, mt.index, mt.twisted.then_some(mt.words))
    };
    match twisted_words {
        Some(words) => store(vm, state, &words, index)?,
        None => store_index(vm, state, index)?,
    }
    Ok(out)
}

/// `init_by_array(state, key)`: seeds the state list from a list of 32-bit words.
fn init_by_array(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "init_by_array", 2, 2, &[])?;
    let key = vm
        .collect(&a.pos[1])?
        .iter()
        .map(|k| k.as_i64().map(|k| k as u32))
        .collect::<Option<Vec<u32>>>()
        .ok_or_else(|| vm.type_error("key must be a list of ints"))?;
    let mt = Mt::init_by_array(&key);
    store(vm, &a.pos[0], &mt.words, mt.index)?;
    Ok(vm.none())
}

fn genrand_uint32(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "genrand_uint32", 1, 1, &[])?;
    let value = with_state(vm, &a.pos[0], |mt| mt.next_u32())?;
    vm.new_int(i64::from(value))
}

/// `random()`: a float in [0, 1) with 53 random bits, as CPython makes it.
fn random(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "random", 1, 1, &[])?;
    let value = with_state(vm, &a.pos[0], |mt| {
        let hi = f64::from(mt.next_u32() >> 5);
        let lo = f64::from(mt.next_u32() >> 6);
        (hi * 67_108_864.0 + lo) * (1.0 / 9_007_199_254_740_992.0)
    })?;
    Ok(vm.float(value))
}

/// `getrandbits(k)`: an int of k random bits, 32 at a time, least significant word first.
fn getrandbits(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getrandbits", 2, 2, &[])?;
    let k = match a.pos[1].as_i64() {
        Some(k) if k >= 0 => k as u64,
        Some(_) => return Err(vm.value_error("number of bits must be non-negative")),
        None => return Err(vm.type_error("an integer is required")),
    };
    if k == 0 {
        return vm.new_int(0);
    }
    if k <= 32 {
        let value = with_state(vm, &a.pos[0], |mt| mt.next_u32() >> (32 - k))?;
        return vm.new_int(i64::from(value));
    }
    let words = with_state(vm, &a.pos[0], |mt| {
        let mut left = k;
        let mut words = Vec::new();
        while left > 0 {
            let r = mt.next_u32();
            words.push(if left < 32 { r >> (32 - left) } else { r });
            left = left.saturating_sub(32);
        }
        words
    })?;
    vm.new_bigint(BigInt::from_slice(num_bigint::Sign::Plus, &words))
}

/// `sha512(data)`: the digest `random.seed` hashes a str or bytes seed with (version 2).
fn sha512(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "sha512", 1, 1, &[])?;
    let Obj::Bytes(data) = &*a.pos[0] else {
        return Err(vm.type_error("sha512() argument must be bytes"));
    };
    Ok(vm.bytes(Sha512::digest(&data[..])))
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_random")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
