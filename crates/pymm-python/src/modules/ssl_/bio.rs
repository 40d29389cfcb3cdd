//! `MemoryBIO`'s buffer: bytes written at the back, read from the front. The read bytes
//! are dropped once they are the larger part, so a large transfer moves each byte once at
//! most instead of shifting the rest on every read.

use std::io;

/// A memory buffer between a TLS connection and its transport.
#[derive(Default)]
pub struct Bio {
    data: Vec<u8>,
    start: usize,
    eof: bool,
}

impl Bio {
    /// The bytes waiting to be read.
    pub fn pending(&self) -> &[u8] {
        &self.data[self.start..]
    }

    /// Appends `bytes`.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start == self.data.len() {
            self.data.clear();
            self.start = 0;
        }
        self.data.extend_from_slice(bytes);
    }

    /// Drops the first `n` waiting bytes.
    pub fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.data.len());
        if self.start == self.data.len() {
            self.data.clear();
            self.start = 0;
        } else if self.start > self.data.len() / 2 {
            self.data.drain(..self.start);
            self.start = 0;
        }
    }

    /// Takes up to `n` waiting bytes (all of them for `None`).
    pub fn take(&mut self, n: Option<usize>) -> Vec<u8> {
        let waiting = self.pending();
        let n = n.map_or(waiting.len(), |n| n.min(waiting.len()));
        if n == waiting.len() && self.start == 0 {
            return std::mem::take(&mut self.data);
        }
        let out = waiting[..n].to_vec();
        self.consume(n);
        out
    }

    /// Marks the end of the stream: nothing more will be written.
    pub fn write_eof(&mut self) {
        self.eof = true;
    }

    /// True once `write_eof` was called (`MemoryBIO.eof` also wants it empty).
    pub fn at_eof(&self) -> bool {
        self.eof
    }
}

/// rustls writes TLS records here (`Connection::write_tls`).
impl io::Write for Bio {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.push(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_come_out_in_order_across_compaction() {
        let mut bio = Bio::default();
        bio.push(b"hello, ");
        assert_eq!(bio.take(Some(3)), b"hel");
        bio.push(b"world");
        assert_eq!(bio.take(Some(5)), b"lo, w");
        assert_eq!(bio.pending(), b"orld");
        assert_eq!(bio.take(None), b"orld");
        assert!(bio.pending().is_empty());
        assert!(!bio.at_eof());
        bio.write_eof();
        assert!(bio.at_eof());
    }
}
