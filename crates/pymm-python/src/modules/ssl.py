# pymm's ssl module, after CPython 3.11's Lib/ssl.py: TLS over rustls (`_ssl`, native).
# SSLContext keeps the settings (verify mode, hostname check, ALPN, versions) and hands the
# certificates to `_ssl`; SSLObject is a TLS connection between two MemoryBIOs, and
# SSLSocket runs an SSLObject over a socket (blocking, with a timeout, or non-blocking).
# TLS 1.2 and 1.3 only (what rustls speaks); no session objects, no SNI callback, no
# encrypted private keys (rustls reads plain PKCS#8, PKCS#1 and SEC1 keys).

import _ssl
import os as _os
import socket as _socket_module
from socket import socket, SOCK_STREAM, create_connection
from enum import IntEnum as _IntEnum, IntFlag as _IntFlag

__all__ = ["SSLContext", "SSLObject", "SSLSocket", "MemoryBIO", "SSLError",
           "SSLZeroReturnError", "SSLWantReadError", "SSLWantWriteError",
           "SSLSyscallError", "SSLEOFError", "SSLCertVerificationError",
           "CertificateError", "create_default_context", "TLSVersion", "Purpose",
           "VerifyMode", "Options", "AlertDescription", "DER_cert_to_PEM_cert",
           "PEM_cert_to_DER_cert"]

OPENSSL_VERSION = "rustls 0.23 (ring)"
OPENSSL_VERSION_INFO = (0, 23, 0, 0, 0)
OPENSSL_VERSION_NUMBER = 0
HAS_SNI = True
HAS_ALPN = True
HAS_ECDH = True
HAS_NPN = False
HAS_NEVER_CHECK_COMMON_NAME = True
HAS_SSLv2 = HAS_SSLv3 = HAS_TLSv1 = HAS_TLSv1_1 = False
HAS_TLSv1_2 = HAS_TLSv1_3 = True
CHANNEL_BINDING_TYPES = []


# ---- exceptions (CPython's class tree: SSLError is an OSError)

class SSLError(OSError):
    """An error from the TLS layer; `library` and `reason` name it as OpenSSL does."""

    library = None
    reason = None

    def __str__(self):
        # _ssl.c's SSLError_str: the text when there is one, else the args
        if isinstance(self.strerror, str):
            return self.strerror
        return str(self.args)


class SSLZeroReturnError(SSLError):
    """The TLS connection was closed cleanly (close_notify)."""


class SSLWantReadError(SSLError):
    """Non-blocking: the operation needs data from the peer first."""


class SSLWantWriteError(SSLError):
    """Non-blocking: the operation needs to send data first."""


class SSLSyscallError(SSLError):
    """A system error under the TLS layer."""


class SSLEOFError(SSLError):
    """The transport ended in violation of the protocol (no close_notify)."""


class SSLCertVerificationError(SSLError, ValueError):
    """The peer's certificate did not verify."""

    verify_code = None
    verify_message = None


CertificateError = SSLCertVerificationError

# the classes `_ssl` raises
for _cls in (SSLError, SSLZeroReturnError, SSLWantReadError, SSLWantWriteError,
             SSLSyscallError, SSLEOFError, SSLCertVerificationError):
    setattr(_ssl, _cls.__name__, _cls)
del _cls

SSL_ERROR_SSL = 1
SSL_ERROR_WANT_READ = 2
SSL_ERROR_WANT_WRITE = 3
SSL_ERROR_WANT_X509_LOOKUP = 4
SSL_ERROR_SYSCALL = 5
SSL_ERROR_ZERO_RETURN = 6
SSL_ERROR_WANT_CONNECT = 7
SSL_ERROR_EOF = 8
SSL_ERROR_INVALID_ERROR_CODE = 10


# ---- constants

class _SSLMethod(_IntEnum):
    PROTOCOL_TLS = 2
    PROTOCOL_TLS_CLIENT = 16
    PROTOCOL_TLS_SERVER = 17


PROTOCOL_TLS = PROTOCOL_SSLv23 = _SSLMethod.PROTOCOL_TLS
PROTOCOL_TLS_CLIENT = _SSLMethod.PROTOCOL_TLS_CLIENT
PROTOCOL_TLS_SERVER = _SSLMethod.PROTOCOL_TLS_SERVER


class VerifyMode(_IntEnum):
    CERT_NONE = 0
    CERT_OPTIONAL = 1
    CERT_REQUIRED = 2


CERT_NONE = VerifyMode.CERT_NONE
CERT_OPTIONAL = VerifyMode.CERT_OPTIONAL
CERT_REQUIRED = VerifyMode.CERT_REQUIRED


class VerifyFlags(_IntFlag):
    VERIFY_DEFAULT = 0
    VERIFY_CRL_CHECK_LEAF = 4
    VERIFY_CRL_CHECK_CHAIN = 12
    VERIFY_X509_STRICT = 32
    VERIFY_ALLOW_PROXY_CERTS = 64
    VERIFY_X509_TRUSTED_FIRST = 32768
    VERIFY_X509_PARTIAL_CHAIN = 524288


VERIFY_DEFAULT = VerifyFlags.VERIFY_DEFAULT
VERIFY_X509_STRICT = VerifyFlags.VERIFY_X509_STRICT
VERIFY_X509_TRUSTED_FIRST = VerifyFlags.VERIFY_X509_TRUSTED_FIRST
VERIFY_X509_PARTIAL_CHAIN = VerifyFlags.VERIFY_X509_PARTIAL_CHAIN


class Options(_IntFlag):
    """The OP_* flags, with OpenSSL 3's numbers; rustls has no knobs for most of them
    (it never compresses, never speaks SSLv3, TLS 1.0 or 1.1): they are kept as set."""
    OP_ALL = 2147483728
    OP_NO_SSLv2 = 0
    OP_NO_SSLv3 = 33554432
    OP_NO_TLSv1 = 67108864
    OP_NO_TLSv1_1 = 268435456
    OP_NO_TLSv1_2 = 134217728
    OP_NO_TLSv1_3 = 536870912
    OP_NO_COMPRESSION = 131072
    OP_CIPHER_SERVER_PREFERENCE = 4194304
    OP_SINGLE_DH_USE = 0
    OP_SINGLE_ECDH_USE = 0
    OP_NO_TICKET = 16384
    OP_NO_RENEGOTIATION = 1073741824
    OP_ENABLE_MIDDLEBOX_COMPAT = 1048576
    OP_IGNORE_UNEXPECTED_EOF = 128


globals().update(Options.__members__)

_DEFAULT_OPTIONS = (Options.OP_ALL | Options.OP_NO_SSLv3 | Options.OP_NO_COMPRESSION
                    | Options.OP_CIPHER_SERVER_PREFERENCE
                    | Options.OP_ENABLE_MIDDLEBOX_COMPAT)


class TLSVersion(_IntEnum):
    MINIMUM_SUPPORTED = -2
    MAXIMUM_SUPPORTED = -1
    SSLv3 = 0x0300
    TLSv1 = 0x0301
    TLSv1_1 = 0x0302
    TLSv1_2 = 0x0303
    TLSv1_3 = 0x0304


class AlertDescription(_IntEnum):
    ALERT_DESCRIPTION_CLOSE_NOTIFY = 0
    ALERT_DESCRIPTION_UNEXPECTED_MESSAGE = 10
    ALERT_DESCRIPTION_BAD_RECORD_MAC = 20
    ALERT_DESCRIPTION_RECORD_OVERFLOW = 22
    ALERT_DESCRIPTION_HANDSHAKE_FAILURE = 40
    ALERT_DESCRIPTION_BAD_CERTIFICATE = 42
    ALERT_DESCRIPTION_UNSUPPORTED_CERTIFICATE = 43
    ALERT_DESCRIPTION_CERTIFICATE_REVOKED = 44
    ALERT_DESCRIPTION_CERTIFICATE_EXPIRED = 45
    ALERT_DESCRIPTION_CERTIFICATE_UNKNOWN = 46
    ALERT_DESCRIPTION_ILLEGAL_PARAMETER = 47
    ALERT_DESCRIPTION_UNKNOWN_CA = 48
    ALERT_DESCRIPTION_ACCESS_DENIED = 49
    ALERT_DESCRIPTION_DECODE_ERROR = 50
    ALERT_DESCRIPTION_DECRYPT_ERROR = 51
    ALERT_DESCRIPTION_PROTOCOL_VERSION = 70
    ALERT_DESCRIPTION_INSUFFICIENT_SECURITY = 71
    ALERT_DESCRIPTION_INTERNAL_ERROR = 80
    ALERT_DESCRIPTION_USER_CANCELLED = 90
    ALERT_DESCRIPTION_NO_RENEGOTIATION = 100
    ALERT_DESCRIPTION_UNSUPPORTED_EXTENSION = 110
    ALERT_DESCRIPTION_UNRECOGNIZED_NAME = 112


globals().update(AlertDescription.__members__)


class _ASN1Object(tuple):
    __slots__ = ()

    def __new__(cls, nid, shortname, longname, oid):
        return tuple.__new__(cls, (nid, shortname, longname, oid))

    nid = property(lambda self: self[0])
    shortname = property(lambda self: self[1])
    longname = property(lambda self: self[2])
    oid = property(lambda self: self[3])


class Purpose(_ASN1Object):
    """The purpose a default context is made for."""
    SERVER_AUTH = None
    CLIENT_AUTH = None


Purpose.SERVER_AUTH = Purpose(129, 'serverAuth', 'TLS Web Server Authentication',
                              '1.3.6.1.5.5.7.3.1')
Purpose.CLIENT_AUTH = Purpose(130, 'clientAuth', 'TLS Web Client Authentication',
                              '1.3.6.1.5.5.7.3.2')


# ---- certificates in PEM and DER

PEM_HEADER = "-----BEGIN CERTIFICATE-----"
PEM_FOOTER = "-----END CERTIFICATE-----"


def DER_cert_to_PEM_cert(der_cert_bytes):
    """The PEM text of a DER-encoded certificate."""
    import base64
    f = str(base64.standard_b64encode(der_cert_bytes), 'ASCII', 'strict')
    ss = [PEM_HEADER]
    ss += [f[i:i + 64] for i in range(0, len(f), 64)]
    ss.append(PEM_FOOTER + '\n')
    return '\n'.join(ss)


def PEM_cert_to_DER_cert(pem_cert_string):
    """The DER bytes of a PEM certificate."""
    import base64
    if not pem_cert_string.startswith(PEM_HEADER):
        raise ValueError("Invalid PEM encoding; must start with %s" % PEM_HEADER)
    if not pem_cert_string.strip().endswith(PEM_FOOTER):
        raise ValueError("Invalid PEM encoding; must end with %s" % PEM_FOOTER)
    d = pem_cert_string.strip()[len(PEM_HEADER):-len(PEM_FOOTER)]
    return base64.decodebytes(d.encode('ASCII', 'strict'))


def _read_file(path):
    """The bytes of a certificate or key file; OSError as CPython's ssl gives it (errno and
    text, without the file name)."""
    try:
        with open(_os.fspath(path), 'rb') as f:
            return f.read()
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror) from None


# ---- memory buffers

class MemoryBIO:
    """A buffer of bytes between an SSLObject and its transport."""

    __slots__ = ('_bio', '_eof', '__weakref__')

    def __init__(self):
        self._bio = _ssl.bio_new()
        self._eof = False

    def __del__(self):
        bio, self._bio = self._bio, None
        if bio is not None:
            _ssl.bio_release(bio)

    @property
    def pending(self):
        """How many bytes wait to be read."""
        return _ssl.bio_pending(self._bio)

    @property
    def eof(self):
        """True once write_eof() was called and every byte read."""
        return _ssl.bio_eof(self._bio)

    def read(self, size=-1):
        """Up to `size` bytes (all of them by default)."""
        return _ssl.bio_read(self._bio, size)

    def write(self, b):
        """Appends the bytes of `b`; how many."""
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        if self._eof:
            raise SSLError("cannot write() after write_eof()")
        return _ssl.bio_write(self._bio, b)

    def write_eof(self):
        """No more bytes will be written: the peer's side of the stream has ended."""
        self._eof = True
        _ssl.bio_write_eof(self._bio)


# ---- contexts

class SSLContext:
    """The settings and certificates TLS connections are made with."""

    sslobject_class = None
    sslsocket_class = None

    def __init__(self, protocol=None, *args, **kwargs):
        if protocol is None:
            import warnings
            warnings.warn("ssl.SSLContext() without protocol argument is deprecated.",
                          category=DeprecationWarning, stacklevel=2)
            protocol = PROTOCOL_TLS
        protocol = _SSLMethod(protocol)
        self._protocol = protocol
        self._ctx = _ssl.context_new()
        self._check_hostname = protocol == PROTOCOL_TLS_CLIENT
        self._verify_mode = CERT_REQUIRED if self._check_hostname else CERT_NONE
        self._alpn = []
        self._minimum_version = TLSVersion.TLSv1_2
        self._maximum_version = TLSVersion.MAXIMUM_SUPPORTED
        self._options = _DEFAULT_OPTIONS
        self.verify_flags = VERIFY_X509_TRUSTED_FIRST
        self.post_handshake_auth = None
        self.keylog_filename = None
        self.hostname_checks_common_name = False
        self.sni_callback = None

    def __del__(self):
        ctx, self._ctx = getattr(self, '_ctx', None), None
        if ctx is not None:
            _ssl.context_release(ctx)

    @property
    def protocol(self):
        return self._protocol

    @property
    def check_hostname(self):
        return self._check_hostname

    @check_hostname.setter
    def check_hostname(self, value):
        value = bool(value)
        if value and self._verify_mode == CERT_NONE:
            # as CPython: checking the host name implies verifying the certificate
            self._verify_mode = CERT_REQUIRED
        self._check_hostname = value

    @property
    def verify_mode(self):
        return self._verify_mode

    @verify_mode.setter
    def verify_mode(self, value):
        value = VerifyMode(value)
        if value == CERT_NONE and self._check_hostname:
            raise ValueError("Cannot set verify_mode to CERT_NONE when check_hostname "
                             "is enabled.")
        self._verify_mode = value

    @property
    def options(self):
        return Options(self._options)

    @options.setter
    def options(self, value):
        self._options = int(value)

    @property
    def minimum_version(self):
        return self._minimum_version

    @minimum_version.setter
    def minimum_version(self, value):
        self._minimum_version = TLSVersion(value)

    @property
    def maximum_version(self):
        return self._maximum_version

    @maximum_version.setter
    def maximum_version(self, value):
        self._maximum_version = TLSVersion(value)

    def _versions(self):
        """The (minimum, maximum) version numbers, the OP_NO_TLS* options applied."""
        low, high = int(self._minimum_version), int(self._maximum_version)
        if low == TLSVersion.MINIMUM_SUPPORTED:
            low = TLSVersion.TLSv1_2
        if high == TLSVersion.MAXIMUM_SUPPORTED:
            high = TLSVersion.TLSv1_3
        low = max(low, TLSVersion.TLSv1_2)
        if self._options & OP_NO_TLSv1_2 and low <= TLSVersion.TLSv1_2:
            low = TLSVersion.TLSv1_3
        if self._options & OP_NO_TLSv1_3 and high >= TLSVersion.TLSv1_3:
            high = TLSVersion.TLSv1_2
        return low, high

    def load_cert_chain(self, certfile, keyfile=None, password=None):
        """The certificate chain (PEM, leaf first) and private key this side presents."""
        if password is not None and not (callable(password)
                                         or isinstance(password, (str, bytes, bytearray))):
            raise TypeError("password should be a string or callable")
        cert = _read_file(certfile)
        key = cert if keyfile is None else _read_file(keyfile)
        if b"ENCRYPTED" in key:
            raise SSLError(524297, "[SSL] PEM lib (encrypted private keys are not "
                                   "supported by pymm's ssl)")
        _ssl.context_load_cert_chain(self._ctx, cert, key)

    def load_verify_locations(self, cafile=None, capath=None, cadata=None):
        """Trusts the CA certificates of `cafile` (PEM), of the files in `capath`, or of
        `cadata` (PEM text, or DER bytes)."""
        if cafile is None and capath is None and cadata is None:
            raise TypeError("cafile, capath and cadata cannot be all omitted")
        if cafile is not None:
            _ssl.context_load_verify(self._ctx, _read_file(cafile), True)
        if capath is not None:
            for name in sorted(_os.listdir(capath)):
                path = _os.path.join(capath, name)
                data = _read_file(path)
                if b"-----BEGIN CERTIFICATE-----" in data:
                    _ssl.context_load_verify(self._ctx, data, True)
        if cadata is not None:
            if isinstance(cadata, str):
                _ssl.context_load_verify(self._ctx, cadata.encode('ascii'), True)
            elif isinstance(cadata, (bytes, bytearray, memoryview)):
                _ssl.context_load_verify(self._ctx, bytes(cadata), False)
            else:
                raise TypeError("cadata should be an ASCII string or a bytes-like object")

    def load_default_certs(self, purpose=Purpose.SERVER_AUTH):
        """Trusts the system's CA certificates (the first bundle found)."""
        if not isinstance(purpose, _ASN1Object):
            raise TypeError(purpose)
        for path in ("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
                     "/etc/ssl/cert.pem"):
            if _os.path.exists(path):
                try:
                    self.load_verify_locations(cafile=path)
                except SSLError:
                    continue
                return

    def set_default_verify_paths(self):
        self.load_default_certs()

    def get_ca_certs(self, binary_form=False):
        """The trusted CA certificates: DER bytes with `binary_form`, else dicts."""
        ders = _ssl.context_ca_certs(self._ctx, True)
        return ders if binary_form else [_ssl.cert_decode(der) for der in ders]

    def cert_store_stats(self):
        return {'x509': len(_ssl.context_ca_certs(self._ctx, False)), 'crl': 0,
                'x509_ca': len(_ssl.context_ca_certs(self._ctx, True))}

    def set_alpn_protocols(self, alpn_protocols):
        """The application protocols offered (client) or accepted (server), in order."""
        protos = []
        for protocol in alpn_protocols:
            b = bytes(protocol, 'ascii')
            if len(b) == 0 or len(b) > 255:
                raise SSLError('ALPN protocols must be 1 to 255 in length')
            protos.append(b)
        self._alpn = protos

    def set_npn_protocols(self, npn_protocols):
        raise NotImplementedError("NPN is not supported by rustls")

    def set_ciphers(self, ciphers):
        """Accepted for compatibility: rustls's cipher suites are all strong and fixed."""
        if not isinstance(ciphers, str):
            raise TypeError("set_ciphers() argument must be str")

    def set_ecdh_curve(self, name):
        pass

    def get_ciphers(self):
        return [{'name': name, 'protocol': proto} for name, proto in (
            ('TLS_AES_256_GCM_SHA384', 'TLSv1.3'), ('TLS_AES_128_GCM_SHA256', 'TLSv1.3'),
            ('TLS_CHACHA20_POLY1305_SHA256', 'TLSv1.3'),
            ('ECDHE-ECDSA-AES256-GCM-SHA384', 'TLSv1.2'),
            ('ECDHE-ECDSA-AES128-GCM-SHA256', 'TLSv1.2'),
            ('ECDHE-ECDSA-CHACHA20-POLY1305', 'TLSv1.2'),
            ('ECDHE-RSA-AES256-GCM-SHA384', 'TLSv1.2'),
            ('ECDHE-RSA-AES128-GCM-SHA256', 'TLSv1.2'),
            ('ECDHE-RSA-CHACHA20-POLY1305', 'TLSv1.2'))]

    def _new_connection(self, server_side, server_hostname):
        """The `_ssl` connection handle for a new SSLObject."""
        if server_side:
            if self._protocol == PROTOCOL_TLS_CLIENT:
                raise ValueError("Cannot create a server socket with a PROTOCOL_TLS_CLIENT "
                                 "context")
        else:
            if self._protocol == PROTOCOL_TLS_SERVER:
                raise ValueError("Cannot create a client socket with a PROTOCOL_TLS_SERVER "
                                 "context")
        if server_hostname is not None:
            if not isinstance(server_hostname, str):
                raise TypeError("server_hostname must be a string")
            if server_hostname.startswith('.'):
                raise ValueError("server_hostname cannot start with a dot")
        low, high = self._versions()
        return _ssl.conn_new(self._ctx, server_side, server_hostname, int(self._verify_mode),
                             self._check_hostname, self._alpn, low, high)

    def wrap_socket(self, sock, server_side=False, do_handshake_on_connect=True,
                    suppress_ragged_eofs=True, server_hostname=None, session=None):
        """An SSLSocket taking over `sock`."""
        cls = self.sslsocket_class or SSLSocket
        return cls._create(sock=sock, server_side=server_side,
                           do_handshake_on_connect=do_handshake_on_connect,
                           suppress_ragged_eofs=suppress_ragged_eofs,
                           server_hostname=server_hostname, context=self, session=session)

    def wrap_bio(self, incoming, outgoing, server_side=False, server_hostname=None,
                 session=None):
        """An SSLObject reading TLS records from `incoming` and writing to `outgoing`."""
        cls = self.sslobject_class or SSLObject
        return cls._create(incoming, outgoing, server_side=server_side,
                           server_hostname=server_hostname, session=session, context=self)


def create_default_context(purpose=Purpose.SERVER_AUTH, *, cafile=None, capath=None,
                           cadata=None):
    """A context with secure defaults: for a client (SERVER_AUTH) it verifies the server's
    certificate and host name against the system's CAs (or those given)."""
    if not isinstance(purpose, _ASN1Object):
        raise TypeError(purpose)
    if purpose == Purpose.SERVER_AUTH:
        context = SSLContext(PROTOCOL_TLS_CLIENT)
        context.verify_mode = CERT_REQUIRED
        context.check_hostname = True
    elif purpose == Purpose.CLIENT_AUTH:
        context = SSLContext(PROTOCOL_TLS_SERVER)
    else:
        raise ValueError(purpose)
    if cafile or capath or cadata:
        context.load_verify_locations(cafile, capath, cadata)
    elif context.verify_mode != CERT_NONE:
        context.load_default_certs(purpose)
    return context


def _create_unverified_context(protocol=None, *, cert_reqs=CERT_NONE, check_hostname=False,
                               purpose=Purpose.SERVER_AUTH, certfile=None, keyfile=None,
                               cafile=None, capath=None, cadata=None):
    if purpose == Purpose.SERVER_AUTH:
        protocol = protocol or PROTOCOL_TLS_CLIENT
    else:
        protocol = protocol or PROTOCOL_TLS_SERVER
    context = SSLContext(protocol)
    context.check_hostname = check_hostname
    if cert_reqs is not None:
        context.verify_mode = cert_reqs
    if keyfile and not certfile:
        raise ValueError("certfile must be specified")
    if certfile or keyfile:
        context.load_cert_chain(certfile, keyfile)
    if cafile or capath or cadata:
        context.load_verify_locations(cafile, capath, cadata)
    return context


_create_default_https_context = create_default_context


# ---- connections over memory buffers

class SSLObject:
    """A TLS connection whose records go through two MemoryBIOs (made by
    SSLContext.wrap_bio): the caller moves the bytes between them and the network."""

    def __init__(self, *args, **kwargs):
        raise TypeError(f"{self.__class__.__name__} does not have a public constructor. "
                        f"Instances are returned by SSLContext.wrap_bio().")

    @classmethod
    def _create(cls, incoming, outgoing, server_side=False, server_hostname=None,
                session=None, context=None):
        self = cls.__new__(cls)
        self._conn = None
        self._conn = context._new_connection(server_side, server_hostname)
        self._context = context
        self._incoming = incoming
        self._outgoing = outgoing
        self._server_side = server_side
        self._server_hostname = server_hostname
        return self

    def __del__(self):
        conn, self._conn = getattr(self, '_conn', None), None
        if conn is not None:
            _ssl.conn_release(conn)

    @property
    def context(self):
        return self._context

    @property
    def session(self):
        return None

    @property
    def session_reused(self):
        return False

    @property
    def server_side(self):
        return self._server_side

    @property
    def server_hostname(self):
        return self._server_hostname

    def _bios(self):
        return self._conn, self._incoming._bio, self._outgoing._bio

    def do_handshake(self):
        """Runs the handshake; SSLWantReadError until the peer's records arrive."""
        conn, incoming, outgoing = self._bios()
        _ssl.conn_handshake(conn, incoming, outgoing)

    def read(self, len=1024, buffer=None):
        """Up to `len` bytes of plaintext (into `buffer` if given: then how many); b'' once
        the peer closed the TLS layer."""
        conn, incoming, outgoing = self._bios()
        if buffer is None:
            return _ssl.conn_read(conn, incoming, outgoing, len)
        if len <= 0 or len > _builtin_len(buffer):
            len = _builtin_len(buffer)
        data = _ssl.conn_read(conn, incoming, outgoing, len)
        n = _builtin_len(data)
        buffer[:n] = data
        return n

    def write(self, data):
        """Encrypts `data` into the outgoing buffer; how many bytes."""
        conn, incoming, outgoing = self._bios()
        return _ssl.conn_write(conn, incoming, outgoing, data)

    def unwrap(self):
        """Closes the TLS layer: sends close_notify, then waits for the peer's
        (SSLWantReadError until it arrives)."""
        conn, incoming, outgoing = self._bios()
        _ssl.conn_shutdown(conn, incoming, outgoing)

    def pending(self):
        """Plaintext bytes decrypted and not read yet."""
        return _ssl.conn_pending(self._conn)

    def _info(self):
        return _ssl.conn_info(self._conn)

    def getpeercert(self, binary_form=False):
        """The peer's certificate: DER bytes with `binary_form`, else decoded into a dict
        ({} when it was not verified, as CPython's); None when the peer sent none."""
        done, _, _, _, der = self._info()
        if not done:
            raise ValueError("handshake not done yet")
        if binary_form or der is None:
            return der
        if self._context.verify_mode == CERT_NONE:
            return {}
        return _ssl.cert_decode(der)

    def get_verified_chain(self):
        return None

    def get_unverified_chain(self):
        return None

    def selected_alpn_protocol(self):
        alpn = self._info()[3]
        return None if alpn is None else alpn.decode('ascii')

    def selected_npn_protocol(self):
        return None

    def cipher(self):
        """(name, protocol, secret bits) of the negotiated suite, or None before the
        handshake."""
        done, _, cipher, _, _ = self._info()
        return cipher if done else None

    def shared_ciphers(self):
        return None

    def compression(self):
        return None

    def version(self):
        """'TLSv1.3' or 'TLSv1.2', or None before the handshake."""
        done, version, _, _, _ = self._info()
        return version if done else None

    def verify_client_post_handshake(self):
        raise NotImplementedError("post-handshake authentication is not supported by rustls")

    def get_channel_binding(self, cb_type="tls-unique"):
        raise ValueError(f"{cb_type} channel binding type not implemented")


_builtin_len = len


# ---- connections over sockets

class SSLSocket(socket):
    """A socket speaking TLS (made by SSLContext.wrap_socket). Blocking, with a timeout,
    or non-blocking (then SSLWantReadError/SSLWantWriteError say what to wait for)."""

    def __init__(self, *args, **kwargs):
        raise TypeError(f"{self.__class__.__name__} does not have a public constructor. "
                        f"Instances are returned by SSLContext.wrap_socket().")

    @classmethod
    def _create(cls, sock, server_side=False, do_handshake_on_connect=True,
                suppress_ragged_eofs=True, server_hostname=None, context=None,
                session=None):
        if sock.getsockopt(_socket_module.SOL_SOCKET, _socket_module.SO_TYPE) != SOCK_STREAM:
            raise NotImplementedError("only stream sockets are supported")
        if server_side and server_hostname:
            raise ValueError("server_hostname can only be specified in client mode")
        if context.check_hostname and not server_side and not server_hostname:
            raise ValueError("check_hostname requires server_hostname")
        timeout = sock.gettimeout()
        family, type_, proto = sock.family, sock.type, sock.proto
        self = cls.__new__(cls)
        self._sslobj = None
        self._closed = False
        self._context = context
        self._server_side = server_side
        self._server_hostname = server_hostname
        self.do_handshake_on_connect = do_handshake_on_connect
        self.suppress_ragged_eofs = suppress_ragged_eofs
        self._unsent = b''
        fd = sock.detach()
        socket.__init__(self, family, type_, proto, fileno=fd)
        self.settimeout(timeout)
        try:
            self.getpeername()
        except OSError:
            connected = False
        else:
            connected = True
        self._connected = connected
        if connected:
            self._make_sslobj()
            if do_handshake_on_connect:
                if timeout == 0.0:
                    raise ValueError("do_handshake_on_connect should not be specified for "
                                     "non-blocking sockets")
                self.do_handshake()
        return self

    def _make_sslobj(self):
        self._incoming = MemoryBIO()
        self._outgoing = MemoryBIO()
        self._sslobj = SSLObject._create(self._incoming, self._outgoing,
                                         server_side=self._server_side,
                                         server_hostname=self._server_hostname,
                                         context=self._context)

    @property
    def context(self):
        return self._context

    @property
    def server_side(self):
        return self._server_side

    @property
    def server_hostname(self):
        return self._server_hostname

    @property
    def session(self):
        return None

    def _check_connected(self):
        if not self._connected:
            # as CPython: the peer name raises ENOTCONN
            self.getpeername()

    # the socket under the TLS layer: records out, records in

    def _send_records(self):
        """Sends what the TLS layer wrote; non-blocking, what the socket would not take
        stays for the next call and SSLWantWriteError is raised."""
        data = self._unsent + self._outgoing.read()
        self._unsent = b''
        while data:
            try:
                n = socket.send(self, data)
            except BlockingIOError:
                n = 0
            if n == 0:
                self._unsent = data
                raise SSLWantWriteError(SSL_ERROR_WANT_WRITE,
                                        "The operation did not complete (write)")
            data = data[n:]

    def _receive_records(self):
        """Reads records from the socket into the TLS layer; the end of the stream ends
        the incoming buffer."""
        try:
            data = socket.recv(self, 256 * 1024)
        except BlockingIOError:
            raise SSLWantReadError(SSL_ERROR_WANT_READ,
                                   "The operation did not complete (read)") from None
        if data:
            self._incoming.write(data)
        else:
            self._incoming.write_eof()

    def _run(self, op, *args):
        """Runs an SSLObject operation, moving records until it completes."""
        while True:
            try:
                result = op(*args)
            except SSLWantReadError:
                self._send_records()
                self._receive_records()
                continue
            except SSLError:
                # the alert that says why goes out when it can
                try:
                    self._send_records()
                except OSError:
                    pass
                raise
            self._send_records()
            return result

    def do_handshake(self, block=False):
        self._check_connected()
        self._run(self._sslobj.do_handshake)

    def connect(self, addr):
        if self._server_side:
            raise ValueError("can't connect in server-side mode")
        if self._connected or self._sslobj is not None:
            raise ValueError("attempt to connect already-connected SSLSocket!")
        socket.connect(self, addr)
        self._connected = True
        self._make_sslobj()
        if self.do_handshake_on_connect:
            self.do_handshake()

    def connect_ex(self, addr):
        try:
            self.connect(addr)
        except OSError as exc:
            return exc.errno
        return 0

    def accept(self):
        newsock, addr = socket.accept(self)
        newsock = self._context.wrap_socket(
            newsock, do_handshake_on_connect=self.do_handshake_on_connect,
            suppress_ragged_eofs=self.suppress_ragged_eofs, server_side=True)
        return newsock, addr

    def read(self, len=1024, buffer=None):
        """Up to `len` bytes of plaintext (b'' at the end of the stream)."""
        if self._sslobj is None:
            raise ValueError("Read on closed or unwrapped SSL socket.")
        try:
            return self._run(self._sslobj.read, len, buffer)
        except SSLEOFError:
            if self.suppress_ragged_eofs:
                return 0 if buffer is not None else b''
            raise

    def write(self, data):
        if self._sslobj is None:
            raise ValueError("Write on closed or unwrapped SSL socket.")
        return self._run(self._sslobj.write, data)

    def recv(self, buflen=1024, flags=0):
        if self._sslobj is None:
            # unwrapped (or never connected): plain bytes
            return socket.recv(self, buflen, flags)
        if flags != 0:
            raise ValueError("non-zero flags not allowed in calls to recv() on %s"
                             % self.__class__)
        return self.read(buflen)

    def recv_into(self, buffer, nbytes=None, flags=0):
        if self._sslobj is None:
            # unwrapped (or never connected): plain bytes
            return socket.recv_into(self, buffer, nbytes or 0, flags)
        if flags != 0:
            raise ValueError("non-zero flags not allowed in calls to recv_into() on %s"
                             % self.__class__)
        if nbytes is None or nbytes == 0:
            nbytes = len(buffer)
        return self.read(nbytes, buffer)

    def send(self, data, flags=0):
        if self._sslobj is None:
            # unwrapped (or never connected): plain bytes
            return socket.send(self, data, flags)
        if flags != 0:
            raise ValueError("non-zero flags not allowed in calls to send() on %s"
                             % self.__class__)
        return self.write(data)

    def sendall(self, data, flags=0):
        if self._sslobj is None:
            # unwrapped (or never connected): plain bytes
            return socket.sendall(self, data, flags)
        if flags != 0:
            raise ValueError("non-zero flags not allowed in calls to sendall() on %s"
                             % self.__class__)
        view = memoryview(data)
        total = len(view)
        count = 0
        while count < total:
            count += self.send(view[count:])

    def sendto(self, data, flags_or_addr, addr=None):
        raise ValueError("sendto not allowed on instances of %s" % self.__class__)

    def recvfrom(self, buflen=1024, flags=0):
        raise ValueError("recvfrom not allowed on instances of %s" % self.__class__)

    def pending(self):
        return self._sslobj.pending() if self._sslobj is not None else 0

    def unwrap(self):
        """Closes the TLS layer; the socket (this object, as CPython's) then speaks
        plain bytes."""
        if self._sslobj is None:
            raise ValueError("No SSL wrapper around " + str(self))
        try:
            self._run(self._sslobj.unwrap)
        except SSLEOFError:
            pass
        self._sslobj = None
        return self

    def getpeercert(self, binary_form=False):
        self._check_connected()
        return self._sslobj.getpeercert(binary_form)

    def selected_alpn_protocol(self):
        return None if self._sslobj is None else self._sslobj.selected_alpn_protocol()

    def selected_npn_protocol(self):
        return None

    def cipher(self):
        return None if self._sslobj is None else self._sslobj.cipher()

    def shared_ciphers(self):
        return None

    def compression(self):
        return None

    def version(self):
        return None if self._sslobj is None else self._sslobj.version()

    def close(self):
        self._sslobj = None
        socket.close(self)


def wrap_socket(sock, keyfile=None, certfile=None, server_side=False, cert_reqs=CERT_NONE,
                ssl_version=PROTOCOL_TLS, ca_certs=None, do_handshake_on_connect=True,
                suppress_ragged_eofs=True, ciphers=None):
    """The module-level wrap_socket of CPython < 3.12 (deprecated there)."""
    if server_side and not certfile:
        raise ValueError("certfile must be specified for server-side operations")
    if keyfile and not certfile:
        raise ValueError("certfile must be specified")
    context = SSLContext(ssl_version)
    context.verify_mode = cert_reqs
    if ca_certs:
        context.load_verify_locations(ca_certs)
    if certfile:
        context.load_cert_chain(certfile, keyfile)
    if ciphers:
        context.set_ciphers(ciphers)
    return context.wrap_socket(sock=sock, server_side=server_side,
                               do_handshake_on_connect=do_handshake_on_connect,
                               suppress_ragged_eofs=suppress_ragged_eofs)
