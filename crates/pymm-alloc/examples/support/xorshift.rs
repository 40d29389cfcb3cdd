//! The examples' random numbers: a tiny xorshift64 generator, so the library needs no `rand`.

/// xorshift64 (Marsaglia): fast, deterministic from its seed.
pub struct XorShift(pub u64);

impl XorShift {
    /// The next number.
    pub fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}
