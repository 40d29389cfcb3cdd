//! How a peer's certificate is checked, as CPython's `verify_mode` and `check_hostname` say.
//!
//! - A client with `CERT_NONE` accepts any certificate (CPython's client then skips
//!   verification); the handshake's signatures are still checked against the certificate's
//!   key, so the peer must hold the key it presents.
//! - A client with `CERT_OPTIONAL` or `CERT_REQUIRED` verifies the chain against the
//!   context's CA certificates; the name is checked only when `check_hostname` is on.
//! - A server with `CERT_OPTIONAL`/`CERT_REQUIRED` asks for a client certificate and
//!   verifies it; without any CA certificate loaded every one is refused (OpenSSL's "unable
//!   to get local issuer certificate").

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::server::WebPkiClientVerifier;
use rustls::{
    CertificateError, DigitallySignedStruct, DistinguishedName, Error, RootCertStore,
    SignatureScheme,
};

/// What a client does with the server's certificate chain.
#[derive(Debug)]
enum Chain {
    /// `CERT_NONE`: anything goes.
    Any,
    /// Verified against these roots.
    Roots(Arc<WebPkiServerVerifier>),
    /// Verification is required and no CA certificate was loaded: nothing is trusted.
    Untrusted,
}

/// The client's verifier.
#[derive(Debug)]
pub struct ServerVerifier {
    chain: Chain,
    check_hostname: bool,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerVerifier {
    /// The verifier for `verify` (false: CERT_NONE) over `roots`.
    pub fn new(
        verify: bool,
        check_hostname: bool,
        roots: &Arc<RootCertStore>,
        provider: &Arc<CryptoProvider>,
    ) -> Self {
        let chain = if !verify {
            Chain::Any
        } else {
            match WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
                .build()
            {
                Ok(verifier) => Chain::Roots(verifier),
                Err(_) => Chain::Untrusted,
            }
        };
        ServerVerifier {
            chain,
            check_hostname,
            algorithms: provider.signature_verification_algorithms,
        }
    }
}

impl ServerCertVerifier for ServerVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        let verifier = match &self.chain {
            Chain::Any => return Ok(ServerCertVerified::assertion()),
            Chain::Untrusted => {
                return Err(Error::InvalidCertificate(CertificateError::UnknownIssuer));
            }
            Chain::Roots(verifier) => verifier,
        };
        match verifier.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) if !self.check_hostname => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// The server's verifier of client certificates, for `CERT_OPTIONAL` (`required` false)
/// and `CERT_REQUIRED`.
pub fn client_verifier(
    required: bool,
    roots: &Arc<RootCertStore>,
    provider: &Arc<CryptoProvider>,
) -> Arc<dyn ClientCertVerifier> {
    let builder = WebPkiClientVerifier::builder_with_provider(roots.clone(), provider.clone());
    let builder = if required {
        builder
    } else {
        builder.allow_unauthenticated()
    };
    match builder.build() {
        Ok(verifier) => verifier,
        Err(_) => Arc::new(NothingTrusted {
            required,
            algorithms: provider.signature_verification_algorithms,
        }),
    }
}

/// A server that wants client certificates but trusts no CA: every certificate fails.
#[derive(Debug)]
struct NothingTrusted {
    required: bool,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ClientCertVerifier for NothingTrusted {
    fn client_auth_mandatory(&self) -> bool {
        self.required
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, Error> {
        Err(Error::InvalidCertificate(CertificateError::UnknownIssuer))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}
