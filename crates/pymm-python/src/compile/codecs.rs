//! The source encodings pymm can decode, found by name as Python's codec registry finds
//! them (`encodings.normalize_encoding` plus the aliases of `encodings.aliases`).

/// A codec for source files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    /// UTF-8, strict.
    Utf8,
    /// ISO-8859-1: every byte is the code point of the same value.
    Latin1,
    /// ASCII, strict.
    Ascii,
    /// Windows-1252: Latin-1 but for 0x80..=0x9F, five of which are undefined.
    Cp1252,
    /// `raw_unicode_escape`: Latin-1, with `\uXXXX` and `\UXXXXXXXX` for the characters
    /// beyond it (pickle's protocol 0 writes text so).
    RawUnicodeEscape,
}

/// Normalized names (and aliases) of each codec.
const NAMES: &[(Codec, &[&str])] = &[
    (
        Codec::Utf8,
        &[
            "utf_8",
            "u8",
            "utf",
            "utf8",
            "utf8_ucs2",
            "utf8_ucs4",
            "cp65001",
        ],
    ),
    (
        Codec::Latin1,
        &[
            "latin_1",
            "8859",
            "cp819",
            "csisolatin1",
            "ibm819",
            "iso8859",
            "iso8859_1",
            "iso_8859_1",
            "iso_8859_1_1987",
            "iso_ir_100",
            "l1",
            "latin",
            "latin1",
        ],
    ),
    (
        Codec::Ascii,
        &[
            "ascii",
            "646",
            "ansi_x3.4_1968",
            "ansi_x3_4_1968",
            "ansi_x3.4_1986",
            "cp367",
            "csascii",
            "ibm367",
            "iso646_us",
            "iso_646.irv_1991",
            "iso_ir_6",
            "us",
            "us_ascii",
        ],
    ),
    (Codec::Cp1252, &["cp1252", "1252", "windows_1252"]),
    (Codec::RawUnicodeEscape, &["raw_unicode_escape"]),
];

/// Windows-1252's characters for 0x80..=0x9F (0 where the byte is undefined).
const CP1252_HIGH: [u16; 32] = [
    0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
    0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

impl Codec {
    /// The codec Python's `codecs.lookup(name)` would find, among the ones pymm has.
    pub fn lookup(name: &str) -> Option<Codec> {
        // the spellings programs pass on every call (`s.encode("utf-8")`), without the
        // two strings normalizing makes
        match name {
            "utf-8" | "utf8" | "UTF-8" => return Some(Codec::Utf8),
            "ascii" => return Some(Codec::Ascii),
            "latin-1" | "latin1" => return Some(Codec::Latin1),
            _ => {}
        }
        let normalized = normalize(name);
        let underscored = normalized.replace('.', "_");
        NAMES
            .iter()
            .find(|(_, names)| {
                names.contains(&normalized.as_str()) || names.contains(&underscored.as_str())
            })
            .map(|(codec, _)| *codec)
    }

    /// The codec's name as Python's error messages give it.
    pub fn python_name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Latin1 => "latin-1",
            Codec::Ascii => "ascii",
            Codec::Cp1252 => "charmap",
            Codec::RawUnicodeEscape => "rawunicodeescape",
        }
    }

    /// Why a byte or character is outside the codec, as Python's error messages end.
    pub fn range_reason(self) -> &'static str {
        match self {
            Codec::Ascii => "ordinal not in range(128)",
            Codec::Latin1 => "ordinal not in range(256)",
            _ => "character maps to <undefined>",
        }
    }

    /// Appends the encoding of `c` to `out`; false when the codec has no byte for it.
    pub fn encode_char(self, c: char, out: &mut Vec<u8>) -> bool {
        let code = c as u32;
        match self {
            Codec::Utf8 => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            Codec::Ascii if code < 0x80 => out.push(code as u8),
            Codec::Latin1 | Codec::RawUnicodeEscape if code < 0x100 => out.push(code as u8),
            Codec::RawUnicodeEscape if code < 0x10000 => {
                out.extend_from_slice(format!("\\u{code:04x}").as_bytes())
            }
            Codec::RawUnicodeEscape => out.extend_from_slice(format!("\\U{code:08x}").as_bytes()),
            Codec::Cp1252 if code < 0x80 || (0xa0..0x100).contains(&code) => out.push(code as u8),
            Codec::Cp1252 => match CP1252_HIGH
                .iter()
                .position(|&h| h != 0 && u32::from(h) == code)
            {
                Some(i) => out.push(0x80 + i as u8),
                None => return false,
            },
            _ => return false,
        }
        true
    }

    /// The character of one byte, for the single-byte codecs (None for UTF-8, or when the
    /// byte is undefined).
    pub fn decode_byte(self, byte: u8) -> Option<char> {
        match self {
            Codec::Utf8 => None,
            Codec::Ascii => byte.is_ascii().then_some(byte as char),
            Codec::Latin1 | Codec::RawUnicodeEscape => Some(byte as char),
            Codec::Cp1252 => cp1252_char(byte),
        }
    }

    /// The text, or None when a byte cannot be decoded.
    pub fn decode(self, bytes: &[u8]) -> Option<String> {
        match self {
            Codec::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_string),
            Codec::Ascii => bytes
                .is_ascii()
                .then(|| bytes.iter().map(|b| *b as char).collect()),
            Codec::Latin1 => Some(bytes.iter().map(|b| *b as char).collect()),
            Codec::Cp1252 => bytes.iter().map(|b| cp1252_char(*b)).collect(),
            Codec::RawUnicodeEscape => decode_raw_unicode_escape(bytes),
        }
    }
}

/// `raw_unicode_escape` decoding: bytes are Latin-1 characters, except that `\uXXXX` and
/// `\UXXXXXXXX` after an even number of backslashes are the character of that code (None
/// when such an escape is cut short or names no character).
fn decode_raw_unicode_escape(bytes: &[u8]) -> Option<String> {
    let mut text = String::with_capacity(bytes.len());
    let mut i = 0;
    let mut backslashes = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let width = match b {
            b'u' if backslashes % 2 == 1 => 4,
            b'U' if backslashes % 2 == 1 => 8,
            _ => 0,
        };
        if width == 0 {
            backslashes = if b == b'\\' { backslashes + 1 } else { 0 };
            text.push(b as char);
            i += 1;
            continue;
        }
        let digits = std::str::from_utf8(bytes.get(i + 1..i + 1 + width)?).ok()?;
        let c = char::from_u32(u32::from_str_radix(digits, 16).ok()?)?;
        text.pop(); // the backslash that began the escape
        text.push(c);
        backslashes = 0;
        i += 1 + width;
    }
    Some(text)
}

fn cp1252_char(byte: u8) -> Option<char> {
    match byte {
        0x80..=0x9f => match CP1252_HIGH[usize::from(byte - 0x80)] {
            0 => None,
            code => char::from_u32(u32::from(code)),
        },
        _ => Some(byte as char),
    }
}

/// Lower case, and every run of characters other than letters, digits and `.` becomes one
/// `_` (none at the ends), as `encodings.normalize_encoding` after the registry's lowering.
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_alphanumeric() || c == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            }
            punct = false;
        } else {
            punct = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Codec;

    #[test]
    fn names_are_found_as_python_finds_them() {
        assert_eq!(Codec::lookup("ISO-8859-1"), Some(Codec::Latin1));
        assert_eq!(Codec::lookup("Latin_1"), Some(Codec::Latin1));
        assert_eq!(Codec::lookup("windows-1252"), Some(Codec::Cp1252));
        assert_eq!(Codec::lookup("us-ascii"), Some(Codec::Ascii));
        assert_eq!(Codec::lookup("UTF8"), Some(Codec::Utf8));
        assert_eq!(Codec::lookup("cp-1252"), None);
        assert_eq!(Codec::lookup("klingon"), None);
    }

    #[test]
    fn raw_unicode_escape_round_trips() {
        let codec = Codec::RawUnicodeEscape;
        let mut out = Vec::new();
        for c in "a\u{e9}\u{20ac}\u{1f600}".chars() {
            assert!(codec.encode_char(c, &mut out));
        }
        assert_eq!(out, b"a\xe9\\u20ac\\U0001f600");
        assert_eq!(
            codec.decode(&out).as_deref(),
            Some("a\u{e9}\u{20ac}\u{1f600}")
        );
        // an escaped backslash does not begin an escape
        assert_eq!(codec.decode(b"\\\\u0041").as_deref(), Some("\\\\u0041"));
        assert_eq!(codec.decode(b"\\u00"), None);
    }

    #[test]
    fn decoding() {
        assert_eq!(Codec::Latin1.decode(b"\xe9\xff").unwrap(), "\u{e9}\u{ff}");
        assert_eq!(
            Codec::Cp1252.decode(b"\x80\x9f").unwrap(),
            "\u{20ac}\u{178}"
        );
        assert_eq!(Codec::Cp1252.decode(b"\x81"), None);
        assert_eq!(Codec::Ascii.decode(b"\xe9"), None);
        assert_eq!(Codec::Utf8.decode(b"\xc3\xa9").unwrap(), "\u{e9}");
    }
}
