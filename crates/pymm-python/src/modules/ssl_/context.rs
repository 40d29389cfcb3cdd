//! `SSLContext`'s state on the Rust side: the certificate chain and key it presents, the CA
//! certificates it trusts, and the rustls configurations made from them. A configuration is
//! built on the first connection with a given set of settings and shared by the next ones
//! (so they share its session cache); loading certificates drops it.

use std::sync::{Arc, OnceLock};

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::sign::{CertifiedKey, SingleCertAndKey};
use rustls::{version, ClientConfig, Error, InconsistentKeys, RootCertStore, ServerConfig};

use super::fail::Fail;
use super::verify::{client_verifier, ServerVerifier};

/// `CERT_NONE`, `CERT_OPTIONAL`, `CERT_REQUIRED`, as `ssl.VerifyMode` numbers them.
pub const CERT_NONE: i64 = 0;
pub const CERT_REQUIRED: i64 = 2;

/// `TLSVersion` numbers: rustls speaks TLS 1.2 and 1.3.
const TLS1_2: i64 = 0x303;
const TLS1_3: i64 = 0x304;
const MINIMUM_SUPPORTED: i64 = -2;
const MAXIMUM_SUPPORTED: i64 = -1;

/// The settings a configuration is built from (besides the certificates).
#[derive(Clone, PartialEq, Eq)]
pub struct Settings {
    pub verify_mode: i64,
    pub check_hostname: bool,
    pub alpn: Vec<Vec<u8>>,
    pub minimum_version: i64,
    pub maximum_version: i64,
}

/// One `SSLContext`.
pub struct Context {
    certified: Option<Arc<CertifiedKey>>,
    roots: Arc<RootCertStore>,
    ca_certs: Vec<CertificateDer<'static>>,
    client: Option<(Settings, Arc<ClientConfig>)>,
    server: Option<(Settings, Arc<ServerConfig>)>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            certified: None,
            roots: Arc::new(RootCertStore::empty()),
            ca_certs: Vec::new(),
            client: None,
            server: None,
        }
    }
}

/// The ring provider, made once. rustls 0.23.48 deprecates it because ring has no
/// post-quantum key exchange; aws-lc-rs has, but needs a C/assembler toolchain of its own
/// (cmake, and nasm on some targets), which ring does not. The classic groups (X25519,
/// P-256, P-384) are what CPython's OpenSSL offers by default too.
#[allow(deprecated)]
pub fn provider() -> &'static Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER.get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
}

/// OpenSSL's "PEM lib" error, for a file with no certificate or no usable key.
fn pem_lib() -> Fail {
    Fail {
        class: "SSLError",
        code: 524297,
        library: Some("SSL"),
        reason: None,
        text: "PEM lib".into(),
        verify: None,
    }
}

impl Context {
    /// `load_cert_chain`: the chain in `cert_pem` and the key in `key_pem`, which must
    /// belong to the chain's first certificate.
    pub fn load_cert_chain(&mut self, cert_pem: &[u8], key_pem: &[u8]) -> Result<(), Fail> {
        let chain = CertificateDer::pem_slice_iter(cert_pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| pem_lib())?;
        if chain.is_empty() {
            return Err(pem_lib());
        }
        let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|_| pem_lib())?;
        let certified =
            CertifiedKey::from_der(chain, key, provider()).map_err(|err| match err {
                Error::InconsistentKeys(InconsistentKeys::KeyMismatch) => Fail {
                    code: 116,
                    ..Fail::library("X509", "KEY_VALUES_MISMATCH", "key values mismatch")
                },
                _ => pem_lib(),
            })?;
        self.certified = Some(Arc::new(certified));
        self.forget_configs();
        Ok(())
    }

    /// `load_verify_locations`: trusts the certificates in `data` (PEM text, or one DER
    /// certificate when `pem` is false); how many were added.
    pub fn load_verify(&mut self, data: &[u8], pem: bool) -> Result<usize, Fail> {
        let certs = if pem {
            CertificateDer::pem_slice_iter(data)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| no_certificate())?
        } else {
            vec![CertificateDer::from(data.to_vec())]
        };
        if certs.is_empty() {
            return Err(no_certificate());
        }
        let roots = Arc::make_mut(&mut self.roots);
        for cert in &certs {
            roots.add(cert.clone()).map_err(|err| {
                Fail::library(
                    "X509",
                    "BAD_CERTIFICATE",
                    format!("bad certificate ({err})"),
                )
            })?;
        }
        self.ca_certs.extend(certs.iter().cloned());
        self.forget_configs();
        Ok(certs.len())
    }

    /// The certificates trusted, DER-encoded; with `only_ca`, those whose basic
    /// constraints make them a CA (what `get_ca_certs()` lists, as OpenSSL's X509_check_ca).
    pub fn ca_certs(&self, only_ca: bool) -> Vec<&CertificateDer<'static>> {
        use x509_parser::prelude::{FromDer, X509Certificate};
        let is_ca = |der: &CertificateDer<'_>| {
            X509Certificate::from_der(der).is_ok_and(|(_, cert)| cert.is_ca())
        };
        self.ca_certs
            .iter()
            .filter(|der| !only_ca || is_ca(der))
            .collect()
    }

    fn forget_configs(&mut self) {
        self.client = None;
        self.server = None;
    }

    /// The client configuration for `settings`.
    pub fn client_config(&mut self, settings: &Settings) -> Result<Arc<ClientConfig>, Fail> {
        if let Some((built, config)) = &self.client {
            if built == settings {
                return Ok(config.clone());
            }
        }
        let verifier = ServerVerifier::new(
            settings.verify_mode != CERT_NONE,
            settings.check_hostname,
            &self.roots,
            provider(),
        );
        let builder = ClientConfig::builder_with_provider(provider().clone())
            .with_protocol_versions(versions(settings)?)
            .map_err(|err| Fail::from_tls(&err))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier));
        let mut config = match &self.certified {
            Some(certified) => builder
                .with_client_cert_resolver(Arc::new(SingleCertAndKey::from(certified.clone()))),
            None => builder.with_no_client_auth(),
        };
        config.alpn_protocols = settings.alpn.clone();
        let config = Arc::new(config);
        self.client = Some((settings.clone(), config.clone()));
        Ok(config)
    }

    /// The server configuration for `settings`; it needs a certificate chain.
    pub fn server_config(&mut self, settings: &Settings) -> Result<Arc<ServerConfig>, Fail> {
        if let Some((built, config)) = &self.server {
            if built == settings {
                return Ok(config.clone());
            }
        }
        let Some(certified) = &self.certified else {
            return Err(Fail::library(
                "SSL",
                "NO_CERTIFICATE_ASSIGNED",
                "no certificate assigned",
            ));
        };
        let builder = ServerConfig::builder_with_provider(provider().clone())
            .with_protocol_versions(versions(settings)?)
            .map_err(|err| Fail::from_tls(&err))?;
        let builder = if settings.verify_mode == CERT_NONE {
            builder.with_no_client_auth()
        } else {
            builder.with_client_cert_verifier(client_verifier(
                settings.verify_mode == CERT_REQUIRED,
                &self.roots,
                provider(),
            ))
        };
        let mut config =
            builder.with_cert_resolver(Arc::new(SingleCertAndKey::from(certified.clone())));
        config.alpn_protocols = settings.alpn.clone();
        let config = Arc::new(config);
        self.server = Some((settings.clone(), config.clone()));
        Ok(config)
    }
}

/// CPython's error for CA data without a certificate.
fn no_certificate() -> Fail {
    Fail {
        class: "SSLError",
        code: 0,
        library: None,
        reason: None,
        text: "no start line: cadata does not contain a certificate".into(),
        verify: None,
    }
}

/// The TLS versions between the settings' minimum and maximum that rustls speaks.
fn versions(
    settings: &Settings,
) -> Result<&'static [&'static rustls::SupportedProtocolVersion], Fail> {
    let low = match settings.minimum_version {
        MINIMUM_SUPPORTED => TLS1_2,
        v => v.max(TLS1_2),
    };
    let high = match settings.maximum_version {
        MAXIMUM_SUPPORTED => TLS1_3,
        v => v.min(TLS1_3),
    };
    static BOTH: &[&rustls::SupportedProtocolVersion] = &[&version::TLS13, &version::TLS12];
    static ONLY_13: &[&rustls::SupportedProtocolVersion] = &[&version::TLS13];
    static ONLY_12: &[&rustls::SupportedProtocolVersion] = &[&version::TLS12];
    match (low, high) {
        (TLS1_2, TLS1_3) => Ok(BOTH),
        (TLS1_3, TLS1_3) => Ok(ONLY_13),
        (TLS1_2, TLS1_2) => Ok(ONLY_12),
        _ => Err(Fail::library(
            "SSL",
            "NO_PROTOCOLS_AVAILABLE",
            "no protocols available",
        )),
    }
}
