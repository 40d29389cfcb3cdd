//! `_ssl`: TLS over rustls (with ring's cryptography) behind `ssl.py`, CPython's API.
//!
//! Three kinds of object live in this module's tables, each held by its Python object as an
//! int handle and released by that object's `__del__`: contexts ([`context::Context`]:
//! certificates, trusted CAs, the rustls configurations), memory buffers ([`bio::Bio`],
//! `MemoryBIO`) and connections ([`conn::Conn`], `SSLObject`). A connection works between
//! two buffers and never touches a socket; `ssl.py` builds `SSLSocket` and asyncio's
//! `SSLProtocol` on that, as CPython builds them on OpenSSL's memory BIOs.
//!
//! Failures become the exception classes `ssl.py` defines and stores here (`SSLError`,
//! `SSLWantReadError`, ...): see [`fail`].

mod bio;
mod certificate;
mod conn;
mod context;
mod fail;
mod table;
mod verify;

use rustls::pki_types::ServerName;
use rustls::{CipherSuite, ClientConnection, Connection, ProtocolVersion, ServerConnection};

use self::bio::Bio;
use self::conn::Conn;
use self::context::{Context, Settings};
use self::fail::Fail;
use self::table::Table;
use super::socket_::{int_arg, with_data};
use crate::objects::PyRef;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

thread_local! {
    static CONTEXTS: Table<Context> = const { Table::new(Vec::new()) };
    static BIOS: Table<Bio> = const { Table::new(Vec::new()) };
    static CONNS: Table<Conn> = const { Table::new(Vec::new()) };
}

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("context_new", context_new),
    BuiltinFn::new("context_load_cert_chain", context_load_cert_chain),
    BuiltinFn::new("context_load_verify", context_load_verify),
    BuiltinFn::new("context_ca_certs", context_ca_certs),
    BuiltinFn::new("context_release", context_release),
    BuiltinFn::new("bio_new", bio_new),
    BuiltinFn::new("bio_write", bio_write),
    BuiltinFn::new("bio_read", bio_read),
    BuiltinFn::new("bio_pending", bio_pending),
    BuiltinFn::new("bio_write_eof", bio_write_eof),
    BuiltinFn::new("bio_eof", bio_eof),
    BuiltinFn::new("bio_release", bio_release),
    BuiltinFn::new("conn_new", conn_new),
    BuiltinFn::new("conn_handshake", conn_handshake),
    BuiltinFn::new("conn_read", conn_read),
    BuiltinFn::new("conn_write", conn_write),
    BuiltinFn::new("conn_shutdown", conn_shutdown),
    BuiltinFn::new("conn_pending", conn_pending),
    BuiltinFn::new("conn_info", conn_info),
    BuiltinFn::new("conn_release", conn_release),
    BuiltinFn::new("cert_decode", cert_decode),
];

fn bytes_arg(vm: &Vm, a: &Args<'_>, i: usize) -> PyResult<Vec<u8>> {
    with_data(vm, &a.pos[i], |data| Ok(data.to_vec()))
}

// ---- contexts

/// `context_new() -> handle`.
fn context_new(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "context_new", 0, 0, &[])?;
    table::store(vm, &CONTEXTS, Context::default())
}

/// `context_load_cert_chain(ctx, cert_pem, key_pem)`.
fn context_load_cert_chain(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "context_load_cert_chain", 3, 3, &[])?;
    let (cert, key) = (bytes_arg(vm, &a, 1)?, bytes_arg(vm, &a, 2)?);
    table::with(vm, &CONTEXTS, &a.pos[0], |ctx| {
        ctx.load_cert_chain(&cert, &key).map_err(|f| f.raise(vm))
    })?;
    Ok(vm.none())
}

/// `context_load_verify(ctx, data, pem) -> count`.
fn context_load_verify(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "context_load_verify", 3, 3, &[])?;
    let data = bytes_arg(vm, &a, 1)?;
    let pem = vm.truthy(&a.pos[2])?;
    let added = table::with(vm, &CONTEXTS, &a.pos[0], |ctx| {
        ctx.load_verify(&data, pem).map_err(|f| f.raise(vm))
    })?;
    vm.new_int(added as i64)
}

/// `context_ca_certs(ctx, only_ca) -> [der, ...]`: the trusted certificates (with
/// `only_ca`, the CA ones).
fn context_ca_certs(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "context_ca_certs", 2, 2, &[])?;
    let only_ca = vm.truthy(&a.pos[1])?;
    let ders = table::with(vm, &CONTEXTS, &a.pos[0], |ctx| {
        Ok(ctx
            .ca_certs(only_ca)
            .into_iter()
            .map(|c| c.to_vec())
            .collect::<Vec<_>>())
    })?;
    vm.list(ders.into_iter().map(|der| vm.bytes(der)).collect())
}

fn context_release(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "context_release", 1, 1, &[])?;
    drop(table::release(&CONTEXTS, &a.pos[0]));
    Ok(vm.none())
}

// ---- memory buffers

/// `bio_new() -> handle`.
fn bio_new(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "bio_new", 0, 0, &[])?;
    table::store(vm, &BIOS, Bio::default())
}

/// `bio_write(bio, data) -> len(data)`.
fn bio_write(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "bio_write", 2, 2, &[])?;
    let n = with_data(vm, &a.pos[1], |data| {
        table::with(vm, &BIOS, &a.pos[0], |bio| {
            bio.push(data);
            Ok(data.len())
        })
    })?;
    vm.new_int(n as i64)
}

/// `bio_read(bio, n) -> bytes`: up to `n` bytes (all for a negative `n`).
fn bio_read(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "bio_read", 2, 2, &[])?;
    let n = usize::try_from(int_arg(vm, &a, 1)?).ok();
    let data = table::with(vm, &BIOS, &a.pos[0], |bio| Ok(bio.take(n)))?;
    Ok(vm.bytes(data))
}

/// `bio_pending(bio) -> int`.
fn bio_pending(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "bio_pending", 1, 1, &[])?;
    let n = table::with(vm, &BIOS, &a.pos[0], |bio| Ok(bio.pending().len()))?;
    vm.new_int(n as i64)
}

fn bio_write_eof(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "bio_write_eof", 1, 1, &[])?;
    table::with(vm, &BIOS, &a.pos[0], |bio| {
        bio.write_eof();
        Ok(())
    })?;
    Ok(vm.none())
}

/// `bio_eof(bio) -> bool`: the end was written and everything before it read.
fn bio_eof(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "bio_eof", 1, 1, &[])?;
    let eof = table::with(vm, &BIOS, &a.pos[0], |bio| {
        Ok(bio.at_eof() && bio.pending().is_empty())
    })?;
    Ok(vm.bool(eof))
}

fn bio_release(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "bio_release", 1, 1, &[])?;
    drop(table::release(&BIOS, &a.pos[0]));
    Ok(vm.none())
}

// ---- connections

/// `conn_new(ctx, server_side, server_hostname, verify_mode, check_hostname, alpn,
/// minimum_version, maximum_version) -> handle`.
fn conn_new(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "conn_new", 8, 8, &[])?;
    let server_side = vm.truthy(&a.pos[1])?;
    let hostname = a.pos[2].as_str().map(str::to_owned);
    let mut alpn = Vec::new();
    for item in vm.collect(&a.pos[5])? {
        alpn.push(with_data(vm, &item, |p| Ok(p.to_vec()))?);
    }
    let settings = Settings {
        verify_mode: int_arg(vm, &a, 3)?,
        check_hostname: vm.truthy(&a.pos[4])?,
        alpn,
        minimum_version: int_arg(vm, &a, 6)?,
        maximum_version: int_arg(vm, &a, 7)?,
    };
    let tls = table::with(vm, &CONTEXTS, &a.pos[0], |ctx| {
        if server_side {
            let config = ctx.server_config(&settings).map_err(|f| f.raise(vm))?;
            ServerConnection::new(config)
                .map(Connection::Server)
                .map_err(|err| Fail::from_tls(&err).raise(vm))
        } else {
            let config = ctx.client_config(&settings).map_err(|f| f.raise(vm))?;
            let name = match &hostname {
                Some(host) => ServerName::try_from(host.clone())
                    .map_err(|_| vm.value_error(format!("invalid hostname {host:?}")))?,
                // no name: no SNI (an address is never sent), and nothing to check it against
                None => ServerName::IpAddress(std::net::Ipv4Addr::UNSPECIFIED.into()),
            };
            ClientConnection::new(config, name)
                .map(Connection::Client)
                .map_err(|err| Fail::from_tls(&err).raise(vm))
        }
    })?;
    table::store(vm, &CONNS, Conn::new(tls))
}

/// Runs `op` on the connection `a.pos[0]` between the buffers `a.pos[1]` (incoming) and
/// `a.pos[2]` (outgoing). The buffers are taken out of their table meanwhile, so that both
/// can be borrowed mutably, and put back whatever happens.
fn with_conn<R>(
    vm: &Vm,
    a: &Args<'_>,
    op: impl FnOnce(&mut Conn, &mut Bio, &mut Bio) -> Result<R, Fail>,
) -> PyResult<R> {
    let (Some(mut input), Some(mut output)) = (
        table::release(&BIOS, &a.pos[1]),
        table::release(&BIOS, &a.pos[2]),
    ) else {
        return Err(vm.value_error("the SSL object's memory buffers were released"));
    };
    let result = table::with(vm, &CONNS, &a.pos[0], |conn| {
        Ok(op(conn, &mut input, &mut output))
    });
    table::put_back(&BIOS, &a.pos[1], input);
    table::put_back(&BIOS, &a.pos[2], output);
    result?.map_err(|f| f.raise(vm))
}

/// `conn_handshake(conn, incoming, outgoing)`.
fn conn_handshake(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "conn_handshake", 3, 3, &[])?;
    with_conn(vm, &a, |conn, input, out| conn.handshake(input, out))?;
    Ok(vm.none())
}

/// `conn_read(conn, incoming, outgoing, n) -> bytes`.
fn conn_read(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "conn_read", 4, 4, &[])?;
    let n = usize::try_from(int_arg(vm, &a, 3)?)
        .map_err(|_| vm.value_error("size should not be negative"))?;
    let data = with_conn(vm, &a, |conn, input, out| conn.read(n, input, out))?;
    Ok(vm.bytes(data))
}

/// `conn_write(conn, incoming, outgoing, data) -> n`.
fn conn_write(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "conn_write", 4, 4, &[])?;
    let n = with_data(vm, &a.pos[3], |data| {
        with_conn(vm, &a, |conn, input, out| conn.write(data, input, out))
    })?;
    vm.new_int(n as i64)
}

/// `conn_shutdown(conn, incoming, outgoing)`.
fn conn_shutdown(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "conn_shutdown", 3, 3, &[])?;
    with_conn(vm, &a, |conn, input, out| conn.shutdown(input, out))?;
    Ok(vm.none())
}

fn conn_pending(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "conn_pending", 1, 1, &[])?;
    let n = table::with(vm, &CONNS, &a.pos[0], |conn| Ok(conn.pending()))?;
    vm.new_int(n as i64)
}

/// `conn_info(conn) -> (handshake_done, version, cipher, alpn, peer_cert_der)`, with
/// None for what is not known yet.
fn conn_info(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "conn_info", 1, 1, &[])?;
    let (done, version, suite, alpn, peer) = table::with(vm, &CONNS, &a.pos[0], |conn| {
        let tls = conn.tls();
        Ok((
            !tls.is_handshaking(),
            tls.protocol_version(),
            tls.negotiated_cipher_suite().map(|s| s.suite()),
            tls.alpn_protocol().map(<[u8]>::to_vec),
            tls.peer_certificates()
                .and_then(|chain| chain.first())
                .map(|cert| cert.to_vec()),
        ))
    })?;
    let version_name = version.map(version_name);
    let text = |s: Option<&str>| s.map_or(Ok(vm.none()), |s| vm.str(s));
    let cipher = match suite.and_then(cipher_name) {
        Some((name, bits)) => vm.tuple(vec![vm.str(name)?, text(version_name)?, vm.new_int(bits)?]),
        None => vm.none(),
    };
    let bytes = |b: Option<Vec<u8>>| b.map_or(vm.none(), |b| vm.bytes(b));
    Ok(vm.tuple(vec![
        vm.bool(done),
        text(version_name)?,
        cipher,
        bytes(alpn),
        bytes(peer),
    ]))
}

fn conn_release(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "conn_release", 1, 1, &[])?;
    drop(table::release(&CONNS, &a.pos[0]));
    Ok(vm.none())
}

/// `cert_decode(der) -> dict`, as `getpeercert()` shows a certificate.
fn cert_decode(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "cert_decode", 1, 1, &[])?;
    with_data(vm, &a.pos[0], |der| certificate::decode(vm, der))
}

/// `SSLObject.version()`'s names.
fn version_name(version: ProtocolVersion) -> &'static str {
    match version {
        ProtocolVersion::TLSv1_3 => "TLSv1.3",
        ProtocolVersion::TLSv1_2 => "TLSv1.2",
        _ => "unknown",
    }
}

/// OpenSSL's name of a cipher suite (what `SSLObject.cipher()` shows) and its secret bits.
fn cipher_name(suite: CipherSuite) -> Option<(&'static str, i64)> {
    Some(match suite {
        CipherSuite::TLS13_AES_256_GCM_SHA384 => ("TLS_AES_256_GCM_SHA384", 256),
        CipherSuite::TLS13_AES_128_GCM_SHA256 => ("TLS_AES_128_GCM_SHA256", 128),
        CipherSuite::TLS13_CHACHA20_POLY1305_SHA256 => ("TLS_CHACHA20_POLY1305_SHA256", 256),
        CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 => {
            ("ECDHE-ECDSA-AES256-GCM-SHA384", 256)
        }
        CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 => {
            ("ECDHE-ECDSA-AES128-GCM-SHA256", 128)
        }
        CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 => {
            ("ECDHE-ECDSA-CHACHA20-POLY1305", 256)
        }
        CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 => ("ECDHE-RSA-AES256-GCM-SHA384", 256),
        CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 => ("ECDHE-RSA-AES128-GCM-SHA256", 128),
        CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 => {
            ("ECDHE-RSA-CHACHA20-POLY1305", 256)
        }
        _ => return None,
    })
}

/// Builds `_ssl`; `ssl.py` adds the exception classes.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_ssl")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
