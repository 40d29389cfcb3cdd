//! `_socket`: the system calls `socket.py` and `selectors.py` (Python, built in) stand on.
//! Sockets are socket2 `Socket`s kept by descriptor, as `_os` keeps its files: the Python
//! `socket` object holds the descriptor, closing it (or the object dying, or the interpreter
//! ending) drops the `Socket`, which closes it.
//!
//! A socket with a timeout is non-blocking in the system; each call that would block waits
//! for readiness with `poll` for what is left of the timeout and raises `TimeoutError("timed
//! out")` when it runs out (CPython's `sock_call`). Without a timeout the call blocks.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, ErrorKind};
use std::mem::MaybeUninit;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6, ToSocketAddrs};
use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use super::os::errno_error;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyErr, PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("socket", socket),
    BuiltinFn::new("socketpair", socketpair),
    BuiltinFn::new("adopt", adopt),
    BuiltinFn::new("close", close),
    BuiltinFn::new("detach", detach),
    BuiltinFn::new("setblocking", setblocking),
    BuiltinFn::new("bind", bind),
    BuiltinFn::new("listen", listen),
    BuiltinFn::new("accept", accept),
    BuiltinFn::new("connect", connect),
    BuiltinFn::new("send", send),
    BuiltinFn::new("sendall", sendall),
    BuiltinFn::new("sendto", sendto),
    BuiltinFn::new("recv", recv),
    BuiltinFn::new("recv_into", recv_into),
    BuiltinFn::new("recvfrom", recvfrom),
    BuiltinFn::new("getsockname", getsockname),
    BuiltinFn::new("getpeername", getpeername),
    BuiltinFn::new("setsockopt", setsockopt),
    BuiltinFn::new("getsockopt", getsockopt),
    BuiltinFn::new("shutdown", shutdown),
    BuiltinFn::new("resolve", resolve),
    BuiltinFn::new("gethostname", gethostname),
    BuiltinFn::new("poll", poll),
];

/// The constants `socket.py` and `selectors.py` export, as Linux numbers them.
const CONSTANTS: &[(&str, i64)] = &[
    ("AF_UNIX", libc::AF_UNIX as i64),
    ("AF_INET", libc::AF_INET as i64),
    ("AF_INET6", libc::AF_INET6 as i64),
    ("AF_UNSPEC", libc::AF_UNSPEC as i64),
    ("SOCK_STREAM", libc::SOCK_STREAM as i64),
    ("SOCK_DGRAM", libc::SOCK_DGRAM as i64),
    ("SOCK_RAW", libc::SOCK_RAW as i64),
    ("SOL_SOCKET", libc::SOL_SOCKET as i64),
    ("SO_REUSEADDR", libc::SO_REUSEADDR as i64),
    ("SO_REUSEPORT", libc::SO_REUSEPORT as i64),
    ("SO_KEEPALIVE", libc::SO_KEEPALIVE as i64),
    ("SO_BROADCAST", libc::SO_BROADCAST as i64),
    ("SO_ERROR", libc::SO_ERROR as i64),
    ("SO_TYPE", libc::SO_TYPE as i64),
    ("SO_RCVBUF", libc::SO_RCVBUF as i64),
    ("SO_SNDBUF", libc::SO_SNDBUF as i64),
    ("SO_LINGER", libc::SO_LINGER as i64),
    ("IPPROTO_IP", libc::IPPROTO_IP as i64),
    ("IPPROTO_TCP", libc::IPPROTO_TCP as i64),
    ("IPPROTO_UDP", libc::IPPROTO_UDP as i64),
    ("IPPROTO_IPV6", libc::IPPROTO_IPV6 as i64),
    ("IPV6_V6ONLY", libc::IPV6_V6ONLY as i64),
    ("TCP_NODELAY", libc::TCP_NODELAY as i64),
    ("SHUT_RD", libc::SHUT_RD as i64),
    ("SHUT_WR", libc::SHUT_WR as i64),
    ("SHUT_RDWR", libc::SHUT_RDWR as i64),
    ("MSG_PEEK", libc::MSG_PEEK as i64),
    ("MSG_DONTWAIT", libc::MSG_DONTWAIT as i64),
    ("MSG_WAITALL", libc::MSG_WAITALL as i64),
    ("SOMAXCONN", libc::SOMAXCONN as i64),
    ("AI_PASSIVE", libc::AI_PASSIVE as i64),
    ("AI_NUMERICHOST", libc::AI_NUMERICHOST as i64),
    ("AI_CANONNAME", libc::AI_CANONNAME as i64),
    ("POLLIN", libc::POLLIN as i64),
    ("POLLOUT", libc::POLLOUT as i64),
    ("POLLERR", libc::POLLERR as i64),
    ("POLLHUP", libc::POLLHUP as i64),
    ("POLLNVAL", libc::POLLNVAL as i64),
];

/// glibc's resolver error codes, which `socket.gaierror` carries.
const EAI_NONAME: i32 = -2;
const EAI_ADDRFAMILY: i32 = -9;

thread_local! {
    /// Open sockets, by descriptor.
    static SOCKETS: RefCell<HashMap<i32, Socket>> = RefCell::new(HashMap::new());
}

/// Runs `f` on the open socket `fd`; EBADF when there is none.
fn with_socket<T>(vm: &Vm, fd: i32, f: impl FnOnce(&Socket) -> PyResult<T>) -> PyResult<T> {
    SOCKETS.with(|sockets| match sockets.borrow().get(&fd) {
        Some(sock) => f(sock),
        None => Err(errno_error(vm, libc::EBADF, None)),
    })
}

/// Keeps `sock` open under its descriptor, which it returns.
fn keep(vm: &Vm, sock: Socket) -> PyResult {
    let fd = sock.as_raw_fd();
    SOCKETS.with(|sockets| sockets.borrow_mut().insert(fd, sock));
    vm.new_int(i64::from(fd))
}

fn os_error(vm: &Vm, err: &io::Error) -> PyErr {
    errno_error(vm, err.raw_os_error().unwrap_or(0), None)
}

/// `socket.gaierror(code, text)`, the class `socket.py` stores as `_socket.gaierror`.
fn gai_error(vm: &Vm, code: i32, text: &str) -> PyErr {
    let module = match vm.import_absolute("_socket") {
        Ok(m) => m,
        Err(err) => return err,
    };
    let class = match vm.get_attr(&module, &vm.intern("gaierror")) {
        Ok(c) => c,
        Err(err) => return err,
    };
    let args = [
        vm.int(i64::from(code)),
        vm.str(text).unwrap_or_else(|_| vm.none()),
    ];
    match vm.call(&class, &args) {
        Ok(exc) => PyErr(exc),
        Err(err) => err,
    }
}

/// The `i`th positional argument as an int (`__index__`), TypeError when it is missing.
pub(crate) fn int_arg(vm: &Vm, a: &Args<'_>, i: usize) -> PyResult<i64> {
    let v = a
        .pos
        .get(i)
        .ok_or_else(|| vm.type_error("missing argument"))?;
    vm.index_value(v, "argument")
}

fn fd_arg(vm: &Vm, a: &Args<'_>) -> PyResult<i32> {
    i32::try_from(int_arg(vm, a, 0)?).map_err(|_| errno_error(vm, libc::EBADF, None))
}

/// A timeout argument: None (block), or seconds (0: never wait).
fn timeout_arg(vm: &Vm, a: &Args<'_>, i: usize) -> PyResult<Option<f64>> {
    match a.pos.get(i).map(|v| &**v) {
        None | Some(Obj::None) => Ok(None),
        Some(Obj::Float(f)) => Ok(Some(*f)),
        Some(other) => other
            .as_i64()
            .map(|i| Some(i as f64))
            .ok_or_else(|| vm.type_error("timeout must be a float or None")),
    }
}

/// Runs the non-blocking (or, without a timeout, blocking) `op` until it is done: retried
/// after EINTR, and after EAGAIN once `poll` says the socket is ready (`events`), until the
/// timeout runs out.
fn sock_call<T>(
    vm: &Vm,
    sock: &Socket,
    timeout: Option<f64>,
    events: i16,
    mut op: impl FnMut(&Socket) -> io::Result<T>,
) -> PyResult<T> {
    let deadline = timeout
        .filter(|t| *t > 0.0)
        .map(|t| Instant::now() + Duration::from_secs_f64(t));
    loop {
        if let Some(deadline) = deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            if !wait_ready(vm, sock.as_raw_fd(), events, left)? {
                return Err(timed_out(vm));
            }
        }
        match op(sock) {
            Ok(v) => return Ok(v),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == ErrorKind::WouldBlock && deadline.is_some() => continue,
            Err(e) => return Err(os_error(vm, &e)),
        }
    }
}

/// `TimeoutError("timed out")`, what a socket's timeout raises (`socket.timeout`).
fn timed_out(vm: &Vm) -> PyErr {
    let err = vm.new_exc(Exc::TimeoutError, "timed out");
    for name in ["errno", "strerror", "filename"] {
        if let Err(e) = vm.instance_set(&err.0, &vm.intern(name), vm.none()) {
            return e;
        }
    }
    err
}

/// Waits up to `left` for `events` on `fd`: whether they came.
fn wait_ready(vm: &Vm, fd: i32, events: i16, left: Duration) -> PyResult<bool> {
    let mut fds = [libc::pollfd {
        fd,
        events,
        revents: 0,
    }];
    Ok(poll_fds(vm, &mut fds, Some(left))? > 0)
}

/// `poll(2)` over `fds` for up to `timeout` (forever when None), retried after EINTR with
/// what is left: the number of descriptors with events.
fn poll_fds(vm: &Vm, fds: &mut [libc::pollfd], timeout: Option<Duration>) -> PyResult<usize> {
    let deadline = timeout.map(|t| Instant::now() + t);
    loop {
        let ms = match deadline {
            None => -1,
            // rounded up, so that a wait for 0.1 ms does not turn into a busy loop
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                i32::try_from(left.as_micros().div_ceil(1000)).unwrap_or(i32::MAX)
            }
        };
        // SAFETY: `fds` is a valid, exclusively borrowed slice of `pollfd` of the length
        // passed, which poll reads and whose `revents` it writes.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let err = io::Error::last_os_error();
        if err.kind() != ErrorKind::Interrupted {
            return Err(os_error(vm, &err));
        }
    }
}

/// The bytes of a bytes-like argument, borrowed where it can be.
pub(super) fn with_data<T>(
    vm: &Vm,
    obj: &PyRef,
    f: impl FnOnce(&[u8]) -> PyResult<T>,
) -> PyResult<T> {
    match crate::objects::bytes::layout::with_bytes_like(obj, f) {
        Some(done) => done,
        None if matches!(&**obj, Obj::MemoryView(_)) => {
            Err(vm.value_error("operation forbidden on released memoryview object"))
        }
        None => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(obj)
        ))),
    }
}

/// `buf` holding the `n` bytes a receiving call wrote into its spare capacity (no zeroing
/// of the buffer first: a stream's reads ask for 256 KiB at a time).
fn received(mut buf: Vec<u8>, n: usize) -> Vec<u8> {
    assert!(n <= buf.capacity(), "received more than the buffer holds");
    // SAFETY: the receiving call initialised the first `n` bytes of the spare capacity,
    // and `n` is within the capacity.
    unsafe { buf.set_len(n) };
    buf
}

/// `buf` as the uninitialised bytes socket2's receiving calls fill.
fn as_uninit(buf: &mut [u8]) -> &mut [MaybeUninit<u8>] {
    // SAFETY: MaybeUninit<u8> has u8's layout; the slice is initialised already, and the
    // receiving calls only write initialised bytes into it, so it stays valid as `[u8]`.
    unsafe { &mut *(buf as *mut [u8] as *mut [MaybeUninit<u8>]) }
}

fn domain(vm: &Vm, family: i64) -> PyResult<Domain> {
    match i32::try_from(family) {
        Ok(libc::AF_INET) => Ok(Domain::IPV4),
        Ok(libc::AF_INET6) => Ok(Domain::IPV6),
        Ok(libc::AF_UNIX) => Ok(Domain::UNIX),
        _ => Err(errno_error(vm, libc::EAFNOSUPPORT, None)),
    }
}

/// The (family, type, proto) arguments of `socket` and `socketpair`.
fn kind_args(vm: &Vm, a: &Args<'_>) -> PyResult<(Domain, Type, Option<Protocol>)> {
    let domain = domain(vm, int_arg(vm, a, 0)?)?;
    let ty = Type::from(int_arg(vm, a, 1)? as i32);
    let proto = match int_arg(vm, a, 2)? as i32 {
        0 => None,
        p => Some(Protocol::from(p)),
    };
    Ok((domain, ty, proto))
}

/// `socket(family, type, proto) -> fd`: a new socket (close-on-exec, as CPython's).
fn socket(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "socket", 3, 3, &[])?;
    let (domain, ty, proto) = kind_args(vm, &a)?;
    let sock = Socket::new(domain, ty, proto).map_err(|e| os_error(vm, &e))?;
    keep(vm, sock)
}

/// `socketpair(family, type, proto) -> (fd, fd)`: two connected sockets.
fn socketpair(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "socketpair", 3, 3, &[])?;
    let (domain, ty, proto) = kind_args(vm, &a)?;
    let (one, two) = Socket::pair(domain, ty, proto).map_err(|e| os_error(vm, &e))?;
    let items = vec![keep(vm, one)?, keep(vm, two)?];
    vm.new_tuple(items)
}

/// `adopt(fd) -> (family, type, proto)`: takes the open socket `fd` (a `detach`ed one, or
/// one the program got elsewhere) into the table, as `socket(fileno=fd)` does.
fn adopt(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "adopt", 1, 1, &[])?;
    let fd = fd_arg(vm, &a)?;
    if SOCKETS.with(|s| s.borrow().contains_key(&fd)) {
        return Err(vm.value_error(format!("socket {fd} is already open")));
    }
    let mut ty: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `ty` and `len` are valid, exclusively borrowed locals of the sizes given;
    // getsockopt on a descriptor that is not a socket fails with ENOTSOCK or EBADF.
    let rc = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_TYPE,
            (&mut ty as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    check_rc(vm, rc)?;
    // SAFETY: `fd` is an open socket (getsockopt said so) that no `Socket` in the table
    // owns; the program hands its ownership over, as CPython's `socket(fileno=fd)` takes it.
    let sock = unsafe { Socket::from_raw_fd(fd) };
    let family = match sock.local_addr().map(|a| a.family()) {
        Ok(f) => i64::from(f),
        Err(e) => return Err(os_error(vm, &e)),
    };
    keep(vm, sock)?;
    let items = vec![vm.new_int(family)?, vm.new_int(i64::from(ty))?, vm.int(0)];
    vm.new_tuple(items)
}

/// `close(fd)`: closes the socket (nothing when it is not open).
fn close(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "close", 1, 1, &[])?;
    let fd = fd_arg(vm, &a)?;
    let sock = SOCKETS.with(|s| s.borrow_mut().remove(&fd));
    drop(sock);
    Ok(vm.none())
}

/// `detach(fd)`: forgets the socket without closing it.
fn detach(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "detach", 1, 1, &[])?;
    let fd = fd_arg(vm, &a)?;
    if let Some(sock) = SOCKETS.with(|s| s.borrow_mut().remove(&fd)) {
        let _ = sock.into_raw_fd();
    }
    Ok(vm.none())
}

/// `setblocking(fd, flag)`.
fn setblocking(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "setblocking", 2, 2, &[])?;
    let blocking = vm.truthy(&a.pos[1])?;
    with_socket(vm, fd_arg(vm, &a)?, |s| {
        s.set_nonblocking(!blocking).map_err(|e| os_error(vm, &e))
    })?;
    Ok(vm.none())
}

/// The system address of the Python `address` for a socket of `family` (CPython's
/// `getsockaddrarg`, with its errors); `what` is the call's name for them.
fn sock_addr(vm: &Vm, family: i64, address: &PyRef, what: &str) -> PyResult<SockAddr> {
    if family == i64::from(libc::AF_UNIX) {
        let path = match &**address {
            Obj::Str(s) => s.as_str().as_bytes().to_vec(),
            Obj::Bytes(b) => b.to_vec(),
            _ => {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    vm.type_name(address)
                )))
            }
        };
        let path = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&path);
        return SockAddr::unix(path).map_err(|e| os_error(vm, &e));
    }
    let (inet6, name) = if family == i64::from(libc::AF_INET6) {
        (true, "AF_INET6")
    } else {
        (false, "AF_INET")
    };
    let Obj::Tuple(items) = &**address else {
        return Err(vm.type_error(format!(
            "{what}(): {name} address must be tuple, not {}",
            vm.type_name(address)
        )));
    };
    match (inet6, items.len()) {
        (false, 2) | (true, 2..=4) => {}
        (false, _) => return Err(vm.type_error("AF_INET address must be a pair (host, port)")),
        (true, _) => {
            return Err(vm.type_error(
                "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])",
            ))
        }
    }
    let Some(host) = items[0].as_str() else {
        return Err(vm.type_error(format!(
            "str, bytes or bytearray expected, not {}",
            vm.type_name(&items[0])
        )));
    };
    let Some(port) = items[1].as_i64() else {
        return Err(vm.not_an_integer(&items[1]));
    };
    let port = u16::try_from(port).map_err(|_| {
        vm.new_exc(
            Exc::OverflowError,
            format!("{what}(): port must be 0-65535."),
        )
    })?;
    let ip = host_ip(vm, host, inet6)?;
    let addr = match ip {
        IpAddr::V4(ip) => SocketAddr::V4(SocketAddrV4::new(ip, port)),
        IpAddr::V6(ip) => {
            let extra = |i: usize| items.get(i).and_then(|v| v.as_i64()).unwrap_or(0) as u32;
            SocketAddr::V6(SocketAddrV6::new(ip, port, extra(2), extra(3)))
        }
    };
    Ok(SockAddr::from(addr))
}

/// The address of `host` for an AF_INET (or AF_INET6) socket: `""` the wildcard,
/// `"<broadcast>"` the broadcast address, a numeric address, else the first address the
/// resolver gives of that family (CPython's `setipaddr`).
fn host_ip(vm: &Vm, host: &str, inet6: bool) -> PyResult<IpAddr> {
    match host {
        "" if inet6 => return Ok(IpAddr::V6(Ipv6Addr::UNSPECIFIED)),
        "" => return Ok(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        "<broadcast>" if !inet6 => return Ok(IpAddr::V4(Ipv4Addr::BROADCAST)),
        _ => {}
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        if ip.is_ipv6() == inet6 {
            return Ok(ip);
        }
    }
    let found = lookup(host)
        .unwrap_or_default()
        .into_iter()
        .find(|ip| ip.is_ipv6() == inet6);
    match found {
        Some(ip) => Ok(ip),
        None if inet6 || host.parse::<IpAddr>().is_ok() => Err(gai_error(
            vm,
            EAI_ADDRFAMILY,
            "Address family for hostname not supported",
        )),
        None => Err(gai_error(vm, EAI_NONAME, "Name or service not known")),
    }
}

/// The addresses the system's resolver gives for `host`, in its order, each once.
fn lookup(host: &str) -> io::Result<Vec<IpAddr>> {
    let mut out: Vec<IpAddr> = Vec::new();
    for addr in (host, 0).to_socket_addrs()? {
        if !out.contains(&addr.ip()) {
            out.push(addr.ip());
        }
    }
    Ok(out)
}

/// The Python form of a socket address: `(host, port)` for AF_INET, `(host, port,
/// flowinfo, scope_id)` for AF_INET6, the path (or `''` unnamed) for AF_UNIX.
fn py_addr(vm: &Vm, addr: &SockAddr) -> PyResult {
    match addr.as_socket() {
        Some(SocketAddr::V4(a)) => {
            let items = vec![
                vm.str(a.ip().to_string())?,
                vm.new_int(i64::from(a.port()))?,
            ];
            vm.new_tuple(items)
        }
        Some(SocketAddr::V6(a)) => {
            let items = vec![
                vm.str(a.ip().to_string())?,
                vm.new_int(i64::from(a.port()))?,
                vm.new_int(i64::from(a.flowinfo()))?,
                vm.new_int(i64::from(a.scope_id()))?,
            ];
            vm.new_tuple(items)
        }
        None => match addr.as_pathname() {
            Some(path) => vm.str(path.to_string_lossy()),
            None => vm.str(""),
        },
    }
}

/// `bind(fd, family, address)`.
fn bind(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "bind", 3, 3, &[])?;
    let addr = sock_addr(vm, int_arg(vm, &a, 1)?, &a.pos[2], "bind")?;
    with_socket(vm, fd_arg(vm, &a)?, |s| {
        s.bind(&addr).map_err(|e| os_error(vm, &e))
    })?;
    Ok(vm.none())
}

/// `listen(fd, backlog)`.
fn listen(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "listen", 2, 2, &[])?;
    let backlog = int_arg(vm, &a, 1)?.clamp(0, i64::from(i32::MAX)) as i32;
    with_socket(vm, fd_arg(vm, &a)?, |s| {
        s.listen(backlog).map_err(|e| os_error(vm, &e))
    })?;
    Ok(vm.none())
}

/// `accept(fd, timeout) -> (fd, address)`: the new socket blocks (CPython gives it the
/// listening socket's timeout, which `socket.py` sets).
fn accept(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "accept", 2, 2, &[])?;
    let timeout = timeout_arg(vm, &a, 1)?;
    let (sock, addr) = with_socket(vm, fd_arg(vm, &a)?, |s| {
        sock_call(vm, s, timeout, libc::POLLIN, |s| s.accept())
    })?;
    sock.set_nonblocking(false).map_err(|e| os_error(vm, &e))?;
    let addr = py_addr(vm, &addr)?;
    let items = vec![keep(vm, sock)?, addr];
    vm.new_tuple(items)
}

/// `connect(fd, family, address, timeout, raise) -> errno`: 0 when connected; the error
/// raised when `raise` is true, else its errno returned (`connect_ex`).
fn connect(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "connect", 5, 5, &[])?;
    let addr = sock_addr(vm, int_arg(vm, &a, 1)?, &a.pos[2], "connect")?;
    let timeout = timeout_arg(vm, &a, 3)?;
    let raise = vm.truthy(&a.pos[4])?;
    let result = with_socket(vm, fd_arg(vm, &a)?, |s| {
        connect_socket(vm, s, &addr, timeout)
    })?;
    match result {
        Ok(()) => Ok(vm.int(0)),
        Err(Waited::TimedOut) if raise => Err(timed_out(vm)),
        Err(Waited::TimedOut) => vm.new_int(i64::from(libc::EWOULDBLOCK)),
        Err(Waited::Failed(e)) if raise => Err(os_error(vm, &e)),
        Err(Waited::Failed(e)) => vm.new_int(i64::from(e.raw_os_error().unwrap_or(0))),
    }
}

/// Why a connect failed.
enum Waited {
    TimedOut,
    Failed(io::Error),
}

/// Connects `sock` to `addr`; with a timeout, waits for the connection to finish and reads
/// its outcome (SO_ERROR), as CPython's `internal_connect`.
fn connect_socket(
    vm: &Vm,
    sock: &Socket,
    addr: &SockAddr,
    timeout: Option<f64>,
) -> PyResult<Result<(), Waited>> {
    let err = loop {
        match sock.connect(addr) {
            Ok(()) => return Ok(Ok(())),
            Err(e) if e.kind() == ErrorKind::Interrupted && timeout.is_none() => continue,
            Err(e) => break e,
        }
    };
    let pending = matches!(
        err.raw_os_error(),
        Some(libc::EINPROGRESS | libc::EINTR | libc::EWOULDBLOCK)
    );
    let Some(t) = timeout.filter(|t| *t > 0.0 && pending) else {
        return Ok(Err(Waited::Failed(err)));
    };
    let left = Duration::from_secs_f64(t);
    if !wait_ready(vm, sock.as_raw_fd(), libc::POLLOUT, left)? {
        return Ok(Err(Waited::TimedOut));
    }
    Ok(match sock.take_error() {
        Ok(None) => Ok(()),
        Ok(Some(e)) | Err(e) => Err(Waited::Failed(e)),
    })
}

/// `send(fd, data, flags, timeout) -> count`.
fn send(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "send", 4, 4, &[])?;
    let flags = int_arg(vm, &a, 2)? as i32;
    let timeout = timeout_arg(vm, &a, 3)?;
    let n = with_data(vm, &a.pos[1], |data| {
        with_socket(vm, fd_arg(vm, &a)?, |s| {
            sock_call(vm, s, timeout, libc::POLLOUT, |s| {
                s.send_with_flags(data, flags)
            })
        })
    })?;
    vm.new_int(n as i64)
}

/// `sendall(fd, data, flags, timeout)`: sends until all is sent (the timeout counts for
/// each send, as in CPython 3.11).
fn sendall(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "sendall", 4, 4, &[])?;
    let flags = int_arg(vm, &a, 2)? as i32;
    let timeout = timeout_arg(vm, &a, 3)?;
    with_data(vm, &a.pos[1], |mut data| {
        with_socket(vm, fd_arg(vm, &a)?, |s| {
            while !data.is_empty() {
                let n = sock_call(vm, s, timeout, libc::POLLOUT, |s| {
                    s.send_with_flags(data, flags)
                })?;
                data = &data[n..];
            }
            Ok(())
        })
    })?;
    Ok(vm.none())
}

/// `sendto(fd, data, flags, family, address, timeout) -> count`.
fn sendto(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "sendto", 6, 6, &[])?;
    let flags = int_arg(vm, &a, 2)? as i32;
    let addr = sock_addr(vm, int_arg(vm, &a, 3)?, &a.pos[4], "sendto")?;
    let timeout = timeout_arg(vm, &a, 5)?;
    let n = with_data(vm, &a.pos[1], |data| {
        with_socket(vm, fd_arg(vm, &a)?, |s| {
            sock_call(vm, s, timeout, libc::POLLOUT, |s| {
                s.send_to_with_flags(data, &addr, flags)
            })
        })
    })?;
    vm.new_int(n as i64)
}

/// A buffer size argument: CPython's error for a negative one.
fn size_arg(vm: &Vm, a: &Args<'_>, i: usize, what: &str) -> PyResult<usize> {
    usize::try_from(int_arg(vm, a, i)?)
        .map_err(|_| vm.value_error(format!("negative buffersize in {what}")))
}

/// `recv(fd, size, flags, timeout) -> bytes`.
fn recv(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "recv", 4, 4, &[])?;
    let size = size_arg(vm, &a, 1, "recv")?;
    let flags = int_arg(vm, &a, 2)? as i32;
    let timeout = timeout_arg(vm, &a, 3)?;
    let mut buf = Vec::with_capacity(size);
    let n = with_socket(vm, fd_arg(vm, &a)?, |s| {
        sock_call(vm, s, timeout, libc::POLLIN, |s| {
            s.recv_with_flags(buf.spare_capacity_mut(), flags)
        })
    })?;
    Ok(vm.bytes(received(buf, n)))
}

/// `recv_into(fd, buffer, size, flags, timeout) -> count`: into a bytearray's first `size`
/// bytes (all of it when `size` is 0).
fn recv_into(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "recv_into", 5, 5, &[])?;
    let Obj::ByteArray(buffer) = &**vm.builtin_receiver(&a.pos[1]) else {
        return Err(vm.type_error(format!(
            "recv_into() argument 'buffer' must be read-write bytes-like object, not {}",
            vm.type_name(&a.pos[1])
        )));
    };
    let size = size_arg(vm, &a, 2, "recv_into")?;
    let flags = int_arg(vm, &a, 3)? as i32;
    let timeout = timeout_arg(vm, &a, 4)?;
    let mut buf = buffer.borrow_mut();
    let size = if size == 0 { buf.len() } else { size };
    if size > buf.len() {
        return Err(vm.value_error("buffer too small for requested bytes"));
    }
    let n = with_socket(vm, fd_arg(vm, &a)?, |s| {
        sock_call(vm, s, timeout, libc::POLLIN, |s| {
            s.recv_with_flags(as_uninit(&mut buf[..size]), flags)
        })
    })?;
    vm.new_int(n as i64)
}

/// `recvfrom(fd, size, flags, timeout) -> (bytes, address)`.
fn recvfrom(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "recvfrom", 4, 4, &[])?;
    let size = size_arg(vm, &a, 1, "recvfrom")?;
    let flags = int_arg(vm, &a, 2)? as i32;
    let timeout = timeout_arg(vm, &a, 3)?;
    let mut buf = Vec::with_capacity(size);
    let (n, addr) = with_socket(vm, fd_arg(vm, &a)?, |s| {
        sock_call(vm, s, timeout, libc::POLLIN, |s| {
            s.recv_from_with_flags(buf.spare_capacity_mut(), flags)
        })
    })?;
    let items = vec![vm.bytes(received(buf, n)), py_addr(vm, &addr)?];
    vm.new_tuple(items)
}

/// A system call's return code: 0, or the `OSError` of `errno`.
fn check_rc(vm: &Vm, rc: libc::c_int) -> PyResult<()> {
    match rc {
        0 => Ok(()),
        _ => Err(os_error(vm, &io::Error::last_os_error())),
    }
}

/// `getsockname(fd) -> address`.
fn getsockname(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getsockname", 1, 1, &[])?;
    let addr = with_socket(vm, fd_arg(vm, &a)?, |s| {
        s.local_addr().map_err(|e| os_error(vm, &e))
    })?;
    py_addr(vm, &addr)
}

/// `getpeername(fd) -> address`.
fn getpeername(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getpeername", 1, 1, &[])?;
    let addr = with_socket(vm, fd_arg(vm, &a)?, |s| {
        s.peer_addr().map_err(|e| os_error(vm, &e))
    })?;
    py_addr(vm, &addr)
}

/// `setsockopt(fd, level, option, value)`: an int value, or a bytes one passed as is.
fn setsockopt(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "setsockopt", 4, 4, &[])?;
    let level = int_arg(vm, &a, 1)? as i32;
    let option = int_arg(vm, &a, 2)? as i32;
    let bytes = match &*a.pos[3] {
        Obj::Bytes(b) => b.to_vec(),
        _ => (vm.index_value(&a.pos[3], "value")? as libc::c_int)
            .to_ne_bytes()
            .to_vec(),
    };
    with_socket(vm, fd_arg(vm, &a)?, |s| {
        // SAFETY: `bytes` is a live buffer of the length passed, which setsockopt only reads.
        let rc = unsafe {
            libc::setsockopt(
                s.as_raw_fd(),
                level,
                option,
                bytes.as_ptr().cast(),
                bytes.len() as libc::socklen_t,
            )
        };
        check_rc(vm, rc)
    })?;
    Ok(vm.none())
}

/// `getsockopt(fd, level, option, buflen) -> int`, or bytes when `buflen` is not 0.
fn getsockopt(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "getsockopt", 4, 4, &[])?;
    let level = int_arg(vm, &a, 1)? as i32;
    let option = int_arg(vm, &a, 2)? as i32;
    let buflen = usize::try_from(int_arg(vm, &a, 3)?)
        .ok()
        .filter(|n| *n <= 1024)
        .ok_or_else(|| errno_error(vm, libc::EINVAL, None))?;
    let mut buf = vec![0u8; buflen.max(std::mem::size_of::<libc::c_int>())];
    let mut len = buf.len() as libc::socklen_t;
    with_socket(vm, fd_arg(vm, &a)?, |s| {
        // SAFETY: `buf` is a live, exclusively borrowed buffer of `len` bytes and `len` a
        // live local; getsockopt writes at most `len` bytes and the length it wrote.
        let rc = unsafe {
            libc::getsockopt(
                s.as_raw_fd(),
                level,
                option,
                buf.as_mut_ptr().cast(),
                &mut len,
            )
        };
        check_rc(vm, rc)
    })?;
    if buflen == 0 {
        let mut int = [0u8; std::mem::size_of::<libc::c_int>()];
        let size = int.len();
        int.copy_from_slice(&buf[..size]);
        return vm.new_int(i64::from(libc::c_int::from_ne_bytes(int)));
    }
    Ok(vm.bytes(&buf[..len as usize]))
}

/// `shutdown(fd, how)`.
fn shutdown(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "shutdown", 2, 2, &[])?;
    let how = match int_arg(vm, &a, 1)? as i32 {
        libc::SHUT_RD => std::net::Shutdown::Read,
        libc::SHUT_WR => std::net::Shutdown::Write,
        libc::SHUT_RDWR => std::net::Shutdown::Both,
        _ => return Err(errno_error(vm, libc::EINVAL, None)),
    };
    with_socket(vm, fd_arg(vm, &a)?, |s| {
        s.shutdown(how).map_err(|e| os_error(vm, &e))
    })?;
    Ok(vm.none())
}

/// `resolve(host) -> [(family, address)]`: the addresses of `host` (numeric, or by the
/// system's resolver), in its order; `socket.getaddrinfo` builds its entries from them.
fn resolve(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "resolve", 1, 1, &[])?;
    let Some(host) = a.pos[0].as_str() else {
        return Err(vm.type_error("getaddrinfo() argument 1 must be string or None"));
    };
    let ips = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => match lookup(host) {
            Ok(ips) if !ips.is_empty() => ips,
            _ => return Err(gai_error(vm, EAI_NONAME, "Name or service not known")),
        },
    };
    let mut out = Vec::with_capacity(ips.len());
    for ip in ips {
        let family = if ip.is_ipv6() {
            libc::AF_INET6
        } else {
            libc::AF_INET
        };
        out.push(vm.new_tuple(vec![
            vm.new_int(i64::from(family))?,
            vm.str(ip.to_string())?,
        ])?);
    }
    vm.list(out)
}

/// `gethostname() -> str`.
fn gethostname(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "gethostname", 0, 0, &[])?;
    let mut buf = [0u8; 256];
    // SAFETY: `buf` is a live, exclusively borrowed buffer of the length passed; the name
    // written is NUL-terminated when it fits, and the last byte stays 0 otherwise.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) };
    check_rc(vm, rc)?;
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    vm.str(String::from_utf8_lossy(&buf[..end]))
}

/// `poll([(fd, events)], timeout) -> [(fd, revents)]`: waits up to `timeout` seconds
/// (forever when None) for the events, and gives those that came (what `selectors` waits
/// with).
fn poll(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "poll", 2, 2, &[])?;
    let timeout = timeout_arg(vm, &a, 1)?.map(|t| Duration::from_secs_f64(t.max(0.0)));
    let entries = vm.collect(&a.pos[0])?;
    let mut fds = Vec::with_capacity(entries.len());
    for entry in &entries {
        let (fd, events) = match &**entry {
            Obj::Tuple(t) if t.len() == 2 => (t[0].as_i64(), t[1].as_i64()),
            _ => (None, None),
        };
        let (Some(fd), Some(events)) = (fd, events) else {
            return Err(vm.type_error("poll() takes (fd, events) pairs"));
        };
        fds.push(libc::pollfd {
            fd: fd as i32,
            events: events as i16,
            revents: 0,
        });
    }
    poll_fds(vm, &mut fds, timeout)?;
    let mut out = Vec::new();
    for p in fds.iter().filter(|p| p.revents != 0) {
        let pair = vec![
            vm.new_int(i64::from(p.fd))?,
            vm.new_int(i64::from(p.revents))?,
        ];
        out.push(vm.new_tuple(pair)?);
    }
    vm.list(out)
}

/// Builds `_socket`.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_socket")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    for (name, value) in CONSTANTS {
        vm.module_set(&m, name, vm.new_int(*value)?)?;
    }
    Ok(m)
}
