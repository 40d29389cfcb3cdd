//! `getpeercert()`'s dict: a certificate decoded as CPython's `_decode_certificate` shows
//! it (subject and issuer as tuples of relative distinguished names with OpenSSL's long
//! attribute names, version, serialNumber in upper-case hex, notBefore/notAfter in OpenSSL's
//! date format, subjectAltName, OCSP, caIssuers, crlDistributionPoints), parsed by
//! x509-parser.

use std::net::{Ipv4Addr, Ipv6Addr};

use x509_parser::der_parser::oid::Oid;
use x509_parser::extensions::{DistributionPointName, GeneralName, ParsedExtension};
use x509_parser::objects::{oid2sn, oid_registry};
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::time::ASN1Time;
use x509_parser::x509::X509Name;

use crate::objects::PyRef;
use crate::vm::{PyResult, Vm};

/// OpenSSL's long names of the attributes a distinguished name holds most (what CPython
/// prints), for those whose short name in the OID registry differs.
const LONG_NAMES: &[(&str, &str)] = &[
    ("2.5.4.3", "commonName"),
    ("2.5.4.4", "surname"),
    ("2.5.4.5", "serialNumber"),
    ("2.5.4.6", "countryName"),
    ("2.5.4.7", "localityName"),
    ("2.5.4.8", "stateOrProvinceName"),
    ("2.5.4.9", "streetAddress"),
    ("2.5.4.10", "organizationName"),
    ("2.5.4.11", "organizationalUnitName"),
    ("2.5.4.12", "title"),
    ("2.5.4.42", "givenName"),
    ("1.2.840.113549.1.9.1", "emailAddress"),
    ("0.9.2342.19200300.100.1.25", "domainComponent"),
    ("0.9.2342.19200300.100.1.1", "userId"),
];

const OCSP: &str = "1.3.6.1.5.5.7.48.1";
const CA_ISSUERS: &str = "1.3.6.1.5.5.7.48.2";

fn attribute_name(oid: &Oid<'_>) -> String {
    let dotted = oid.to_id_string();
    if let Some((_, name)) = LONG_NAMES.iter().find(|(id, _)| *id == dotted) {
        return (*name).to_string();
    }
    oid2sn(oid, oid_registry()).map_or(dotted, str::to_string)
}

/// `((('countryName', 'XY'),), (('commonName', 'localhost'),))`.
fn name_tuple(vm: &Vm, name: &X509Name<'_>) -> PyResult {
    let mut rdns = Vec::new();
    for rdn in name.iter_rdn() {
        let mut pairs = Vec::new();
        for attribute in rdn.iter() {
            let value = match attribute.as_str() {
                Ok(text) => vm.str(text)?,
                Err(_) => vm.str(String::from_utf8_lossy(attribute.attr_value().data))?,
            };
            pairs.push(vm.tuple(vec![vm.str(attribute_name(attribute.attr_type()))?, value]));
        }
        rdns.push(vm.tuple(pairs));
    }
    Ok(vm.tuple(rdns))
}

/// OpenSSL's `ASN1_TIME_print`: `Aug 29 14:23:15 2018 GMT`.
fn date(time: &ASN1Time) -> String {
    let text = time.to_string();
    match text.strip_suffix(" +00:00") {
        Some(utc) => format!("{utc} GMT"),
        None => text,
    }
}

/// A general name as CPython shows it in subjectAltName: `('DNS', 'localhost')`.
fn general_name(vm: &Vm, name: &GeneralName<'_>) -> PyResult<Option<PyRef>> {
    let (kind, value) = match name {
        GeneralName::DNSName(dns) => ("DNS", vm.str(dns)?),
        GeneralName::RFC822Name(email) => ("email", vm.str(email)?),
        GeneralName::URI(uri) => ("URI", vm.str(uri)?),
        GeneralName::DirectoryName(dir) => ("DirName", name_tuple(vm, dir)?),
        GeneralName::RegisteredID(oid) => ("Registered ID", vm.str(oid.to_id_string())?),
        GeneralName::IPAddress(bytes) => {
            let text = if let Ok(v4) = <[u8; 4]>::try_from(*bytes) {
                Ipv4Addr::from(v4).to_string()
            } else if let Ok(v6) = <[u8; 16]>::try_from(*bytes) {
                // OpenSSL prints every group, upper case, unabbreviated
                let a = Ipv6Addr::from(v6).segments();
                a.iter()
                    .map(|g| format!("{g:X}"))
                    .collect::<Vec<_>>()
                    .join(":")
            } else {
                "<invalid>".to_string()
            };
            ("IP Address", vm.str(text)?)
        }
        _ => return Ok(None),
    };
    Ok(Some(vm.tuple(vec![vm.str(kind)?, value])))
}

/// The URIs among `names`.
fn uris<'a>(names: impl Iterator<Item = &'a GeneralName<'a>>) -> Vec<String> {
    names
        .filter_map(|name| match name {
            GeneralName::URI(uri) => Some((*uri).to_string()),
            _ => None,
        })
        .collect()
}

/// The dict of the DER certificate `der`; ValueError when it does not parse.
pub fn decode(vm: &Vm, der: &[u8]) -> PyResult {
    let (_, cert) = X509Certificate::from_der(der)
        .map_err(|err| vm.value_error(format!("the certificate does not parse: {err}")))?;
    let dict = vm.dict()?;
    let set = |key: &str, value: PyRef| vm.dict_set(&dict, vm.str(key)?, value);
    set("subject", name_tuple(vm, cert.subject())?)?;
    set("issuer", name_tuple(vm, cert.issuer())?)?;
    set("version", vm.new_int(i64::from(cert.version().0) + 1)?)?;
    let serial: String = cert
        .raw_serial()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let serial = serial.trim_start_matches("00");
    set(
        "serialNumber",
        vm.str(if serial.is_empty() { "00" } else { serial })?,
    )?;
    set("notBefore", vm.str(date(&cert.validity().not_before))?)?;
    set("notAfter", vm.str(date(&cert.validity().not_after))?)?;
    let (mut alt, mut ocsp, mut issuers, mut crls) = (Vec::new(), vec![], vec![], vec![]);
    for extension in cert.extensions() {
        match extension.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => {
                for name in &san.general_names {
                    alt.extend(general_name(vm, name)?);
                }
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                for desc in aia.iter() {
                    let found = uris(std::iter::once(&desc.access_location));
                    match desc.access_method.to_id_string().as_str() {
                        OCSP => ocsp.extend(found),
                        CA_ISSUERS => issuers.extend(found),
                        _ => {}
                    }
                }
            }
            ParsedExtension::CRLDistributionPoints(points) => {
                for point in points.iter() {
                    if let Some(DistributionPointName::FullName(names)) = &point.distribution_point
                    {
                        crls.extend(uris(names.iter()));
                    }
                }
            }
            _ => {}
        }
    }
    if !alt.is_empty() {
        set("subjectAltName", vm.tuple(alt))?;
    }
    for (key, found) in [
        ("OCSP", ocsp),
        ("caIssuers", issuers),
        ("crlDistributionPoints", crls),
    ] {
        if !found.is_empty() {
            let items = found
                .iter()
                .map(|s| vm.str(s))
                .collect::<PyResult<Vec<_>>>()?;
            set(key, vm.tuple(items))?;
        }
    }
    Ok(dict)
}
