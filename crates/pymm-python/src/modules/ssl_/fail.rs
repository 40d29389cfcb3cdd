//! What goes wrong in TLS, as the `ssl` exception CPython raises for it: the class (one of
//! those `ssl.py` defines and stores in `_ssl`), OpenSSL's error number, library and reason,
//! and the text OpenSSL would give where rustls knows the same condition.

use rustls::{AlertDescription, CertificateError, Error};

use crate::objects::PyRef;
use crate::vm::{PyErr, Vm};

/// An SSL failure on its way to Python.
#[derive(Debug)]
pub struct Fail {
    /// The class's name in `_ssl` (`SSLError`, `SSLWantReadError`, ...).
    pub class: &'static str,
    /// `args[0]`: OpenSSL's `SSL_ERROR_*` number (1 for a library error).
    pub code: i64,
    /// `exc.library`, as OpenSSL names it (`SSL`, `X509`, `PEM`).
    pub library: Option<&'static str>,
    /// `exc.reason`, OpenSSL's upper-case reason (`CERTIFICATE_VERIFY_FAILED`).
    pub reason: Option<&'static str>,
    /// The text after `[LIBRARY: REASON] `.
    pub text: String,
    /// `verify_code` and `verify_message` of a certificate that failed verification.
    pub verify: Option<(i64, String)>,
}

impl Fail {
    /// An `SSLError` of `library` and `reason`.
    pub fn library(library: &'static str, reason: &'static str, text: impl Into<String>) -> Self {
        Fail {
            class: "SSLError",
            code: 1,
            library: Some(library),
            reason: Some(reason),
            text: text.into(),
            verify: None,
        }
    }

    /// `SSLWantReadError`: the operation needs bytes from the peer first.
    pub fn want_read() -> Self {
        Self::plain(
            "SSLWantReadError",
            2,
            "The operation did not complete (read)",
        )
    }

    /// `SSLZeroReturnError`: the peer closed the TLS layer cleanly (close_notify).
    pub fn zero_return() -> Self {
        Self::plain(
            "SSLZeroReturnError",
            6,
            "TLS/SSL connection has been closed (EOF)",
        )
    }

    /// `SSLEOFError`: the transport ended without a close_notify.
    pub fn eof() -> Self {
        Fail {
            class: "SSLEOFError",
            code: 8,
            library: Some("SSL"),
            reason: Some("UNEXPECTED_EOF_WHILE_READING"),
            text: "EOF occurred in violation of protocol".into(),
            verify: None,
        }
    }

    fn plain(class: &'static str, code: i64, text: &str) -> Self {
        Fail {
            class,
            code,
            library: None,
            reason: None,
            text: text.into(),
            verify: None,
        }
    }

    /// The failure rustls reports, named as OpenSSL names the same condition.
    pub fn from_tls(err: &Error) -> Self {
        match err {
            Error::InvalidCertificate(cert) => Self::certificate(cert),
            Error::AlertReceived(alert) => Self::alert(*alert),
            Error::PeerIncompatible(why) => Self::library(
                "SSL",
                "NO_SHARED_CIPHER",
                format!("no shared cipher ({why:?})"),
            ),
            Error::NoApplicationProtocol => {
                Self::library("SSL", "NO_APPLICATION_PROTOCOL", "no application protocol")
            }
            Error::NoCertificatesPresented => Self::library(
                "SSL",
                "PEER_DID_NOT_RETURN_A_CERTIFICATE",
                "peer did not return a certificate",
            ),
            Error::InvalidMessage(_) | Error::InappropriateMessage { .. } => Self::library(
                "SSL",
                "WRONG_VERSION_NUMBER",
                format!("wrong version number ({err})"),
            ),
            Error::DecryptError => Self::library(
                "SSL",
                "DECRYPTION_FAILED_OR_BAD_RECORD_MAC",
                "decryption failed or bad record mac",
            ),
            other => Self::library("SSL", "SSL_ERROR", other.to_string()),
        }
    }

    /// `SSLCertVerificationError` with OpenSSL's verify code and message.
    fn certificate(err: &CertificateError) -> Self {
        let (code, message) = match err {
            CertificateError::UnknownIssuer => {
                (20, "unable to get local issuer certificate".into())
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                (10, "certificate has expired".into())
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                (9, "certificate is not yet valid".into())
            }
            CertificateError::Revoked => (23, "certificate revoked".into()),
            CertificateError::BadSignature => (7, "certificate signature failure".into()),
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                (
                    62,
                    "Hostname mismatch, certificate is not valid for this name.".into(),
                )
            }
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
                (26, "unsupported certificate purpose".into())
            }
            other => (1, format!("{other:?}")),
        };
        Fail {
            class: "SSLCertVerificationError",
            code: 1,
            library: Some("SSL"),
            reason: Some("CERTIFICATE_VERIFY_FAILED"),
            text: format!("certificate verify failed: {message}"),
            verify: Some((code, message)),
        }
    }

    /// An alert the peer sent, with OpenSSL's reason (`TLSV1_ALERT_UNKNOWN_CA`).
    fn alert(alert: AlertDescription) -> Self {
        let (reason, text) = match alert {
            AlertDescription::UnknownCA => ("TLSV1_ALERT_UNKNOWN_CA", "tlsv1 alert unknown ca"),
            AlertDescription::BadCertificate => {
                ("SSLV3_ALERT_BAD_CERTIFICATE", "sslv3 alert bad certificate")
            }
            AlertDescription::CertificateExpired => (
                "SSLV3_ALERT_CERTIFICATE_EXPIRED",
                "sslv3 alert certificate expired",
            ),
            AlertDescription::HandshakeFailure => (
                "SSLV3_ALERT_HANDSHAKE_FAILURE",
                "sslv3 alert handshake failure",
            ),
            AlertDescription::ProtocolVersion => (
                "TLSV1_ALERT_PROTOCOL_VERSION",
                "tlsv1 alert protocol version",
            ),
            AlertDescription::DecryptError => {
                ("TLSV1_ALERT_DECRYPT_ERROR", "tlsv1 alert decrypt error")
            }
            AlertDescription::CertificateRequired => (
                "TLSV13_ALERT_CERTIFICATE_REQUIRED",
                "tlsv13 alert certificate required",
            ),
            AlertDescription::NoApplicationProtocol => (
                "TLSV1_ALERT_NO_APPLICATION_PROTOCOL",
                "tlsv1 alert no application protocol",
            ),
            _ => ("TLSV1_ALERT", "tlsv1 alert"),
        };
        Self::library("SSL", reason, text)
    }

    /// The full message: `[LIBRARY: REASON] text`, or the text alone.
    fn message(&self) -> String {
        match (self.library, self.reason) {
            (Some(library), Some(reason)) => format!("[{library}: {reason}] {}", self.text),
            (Some(library), None) => format!("[{library}] {}", self.text),
            _ => self.text.clone(),
        }
    }

    /// The Python exception: `_ssl.<class>(code, message)` with its attributes set.
    pub fn raise(&self, vm: &Vm) -> PyErr {
        match self.build(vm) {
            Ok(exc) => PyErr(exc),
            Err(err) => err,
        }
    }

    fn build(&self, vm: &Vm) -> Result<PyRef, PyErr> {
        let module = vm.import_absolute("_ssl")?;
        let class = vm.get_attr(&module, &vm.intern(self.class))?;
        let exc = vm.call(&class, &[vm.new_int(self.code)?, vm.str(self.message())?])?;
        let text = |s: Option<&str>| s.map_or(Ok(vm.none()), |s| vm.str(s));
        vm.set_attr(&exc, &vm.intern("library"), text(self.library)?)?;
        vm.set_attr(&exc, &vm.intern("reason"), text(self.reason)?)?;
        if let Some((code, message)) = &self.verify {
            vm.set_attr(&exc, &vm.intern("verify_code"), vm.new_int(*code)?)?;
            vm.set_attr(&exc, &vm.intern("verify_message"), vm.str(message)?)?;
        }
        Ok(exc)
    }
}
