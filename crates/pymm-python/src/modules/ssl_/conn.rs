//! `SSLObject`'s engine: a rustls connection between two memory buffers, the incoming one
//! (TLS records from the peer) and the outgoing one (records for the peer). This is
//! OpenSSL's memory-BIO model, which rustls's `read_tls`/`write_tls` are: nothing here
//! touches a socket, so the same engine serves asyncio's transports and blocking sockets.

use std::io::{self, Read};

use rustls::Connection;

use super::bio::Bio;
use super::fail::Fail;

/// One TLS connection.
pub struct Conn {
    tls: Connection,
    /// Plaintext received and not read yet (`SSLObject.pending()`).
    pending: usize,
    /// The peer's close_notify has arrived.
    peer_closed: bool,
    /// The incoming buffer's end was passed to rustls.
    fed_eof: bool,
    /// Our close_notify was queued.
    close_sent: bool,
}

impl Conn {
    pub fn new(tls: Connection) -> Self {
        Conn {
            tls,
            pending: 0,
            peer_closed: false,
            fed_eof: false,
            close_sent: false,
        }
    }

    pub fn tls(&self) -> &Connection {
        &self.tls
    }

    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Moves every record rustls has queued into `out`.
    fn flush(&mut self, out: &mut Bio) {
        while self.tls.wants_write() {
            // writing into a Bio cannot fail
            if self.tls.write_tls(out).is_err() {
                break;
            }
        }
    }

    /// Hands rustls what `input` holds (or its end) and processes it; false when there
    /// was nothing it could take.
    fn feed(&mut self, input: &mut Bio, out: &mut Bio) -> Result<bool, Fail> {
        let taken = if !input.pending().is_empty() {
            let mut waiting = input.pending();
            match self.tls.read_tls(&mut waiting) {
                Ok(n) => {
                    input.consume(n);
                    n > 0
                }
                // the received plaintext is full: it must be read first
                Err(err) if err.kind() == io::ErrorKind::Other => false,
                Err(_) => return Err(Fail::eof()),
            }
        } else if input.at_eof() && !self.fed_eof {
            self.fed_eof = true;
            let _ = self.tls.read_tls(&mut io::empty());
            true
        } else {
            false
        };
        if taken {
            self.process(out)?;
        }
        Ok(taken)
    }

    fn process(&mut self, out: &mut Bio) -> Result<(), Fail> {
        match self.tls.process_new_packets() {
            Ok(state) => {
                self.pending = state.plaintext_bytes_to_read();
                self.peer_closed |= state.peer_has_closed();
                self.flush(out);
                Ok(())
            }
            Err(err) => {
                // the alert that tells the peer why
                self.flush(out);
                Err(Fail::from_tls(&err))
            }
        }
    }

    /// `do_handshake()`: done, or `SSLWantReadError` until the peer's records arrive.
    pub fn handshake(&mut self, input: &mut Bio, out: &mut Bio) -> Result<(), Fail> {
        loop {
            self.flush(out);
            if !self.tls.is_handshaking() {
                return Ok(());
            }
            if !self.feed(input, out)? {
                if self.fed_eof {
                    return Err(Fail::eof());
                }
                return Err(Fail::want_read());
            }
        }
    }

    /// `read(n)`: up to `n` bytes of plaintext, as many as the incoming records give.
    pub fn read(&mut self, n: usize, input: &mut Bio, out: &mut Bio) -> Result<Vec<u8>, Fail> {
        let mut data = Vec::new();
        if n == 0 {
            return Ok(data);
        }
        loop {
            let (before, want) = (data.len(), (n - data.len()) as u64);
            let result = self.tls.reader().take(want).read_to_end(&mut data);
            self.pending = self.pending.saturating_sub(data.len() - before);
            match result {
                // the peer's close_notify with nothing before it: CPython's read() gives b''
                // unless this side closed too (OpenSSL's SSL_RECEIVED_SHUTDOWN alone)
                Ok(_) if data.is_empty() && self.close_sent => return Err(Fail::zero_return()),
                // `n` bytes, or fewer at the peer's close_notify
                Ok(_) => break,
                Err(err) if err.kind() == io::ErrorKind::WouldBlock => {}
                Err(_) if data.is_empty() => return Err(Fail::eof()),
                Err(_) => break,
            }
            if !self.feed(input, out)? {
                if !data.is_empty() {
                    break;
                }
                if self.fed_eof {
                    return Err(Fail::eof());
                }
                return Err(Fail::want_read());
            }
        }
        Ok(data)
    }

    /// `write(data)`: encrypts all of `data` into `out`; how many bytes that was.
    pub fn write(&mut self, data: &[u8], input: &mut Bio, out: &mut Bio) -> Result<usize, Fail> {
        if self.tls.is_handshaking() {
            self.handshake(input, out)?;
        }
        if self.close_sent {
            return Err(Fail::zero_return());
        }
        let mut written = 0;
        while written < data.len() {
            let n = io::Write::write(&mut self.tls.writer(), &data[written..])
                .map_err(|err| Fail::library("SSL", "SSL_ERROR", err.to_string()))?;
            self.flush(out);
            if n == 0 {
                break;
            }
            written += n;
        }
        Ok(written)
    }

    /// `unwrap()`: sends close_notify, then waits for the peer's (`SSLWantReadError`
    /// until it comes; plaintext arriving meanwhile is dropped, as OpenSSL drops it).
    pub fn shutdown(&mut self, input: &mut Bio, out: &mut Bio) -> Result<(), Fail> {
        if !self.close_sent {
            self.tls.send_close_notify();
            self.close_sent = true;
        }
        self.flush(out);
        loop {
            let _ = io::copy(&mut self.tls.reader(), &mut io::sink());
            self.pending = 0;
            if self.peer_closed {
                return Ok(());
            }
            if !self.feed(input, out)? {
                if self.fed_eof {
                    return Err(Fail::eof());
                }
                return Err(Fail::want_read());
            }
        }
    }
}
