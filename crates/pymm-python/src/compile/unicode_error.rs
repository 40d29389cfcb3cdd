//! Undecodable bytes in a file declared UTF-8 (by a cookie or a BOM): CPython's tokenizer
//! skips them in comments and reports the first one inside a string or a name as
//! `(unicode error) 'utf-8' codec can't decode byte 0xNN in position P: REASON`, P counted
//! from the start of the string's contents or of the name.
//!
//! A small scanner follows comments and string literals (quotes, triple quotes, backslash
//! escapes) to tell where each bad byte sits.

use std::ops::Range;

/// Where the scanner is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    /// Outside comments and strings.
    Code,
    /// After `#`, up to the end of the line.
    Comment,
    /// Inside a string literal whose contents start at `start`.
    Str {
        quote: u8,
        triple: bool,
        start: usize,
    },
}

/// Line (1-based) and message of the first undecodable byte outside comments, if any.
pub fn first_token_error(body: &[u8]) -> Option<(u32, String)> {
    let mut state = State::Code;
    let mut at = 0;
    for bad in bad_sequence_starts(body) {
        while at < bad {
            (state, at) = step(body, at, state);
        }
        let token = match state {
            State::Comment => continue,
            State::Code => name_around(body, bad),
            State::Str {
                quote,
                triple,
                start,
            } => start..string_end(body, bad, quote, triple),
        };
        let line = body[..bad].iter().filter(|b| **b == b'\n').count() + 1;
        return Some((line as u32, decode_error_message(&body[token])));
    }
    None
}

/// Offsets where an undecodable sequence starts, in order.
fn bad_sequence_starts(body: &[u8]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut from = 0;
    while let Err(e) = std::str::from_utf8(&body[from..]) {
        let start = from + e.valid_up_to();
        starts.push(start);
        from = start + e.error_len().unwrap_or(body.len() - start);
    }
    starts
}

/// Consumes the token at `at` and says where the scanner is after it.
fn step(body: &[u8], at: usize, state: State) -> (State, usize) {
    let byte = body[at];
    match state {
        State::Code => match byte {
            b'#' => (State::Comment, at + 1),
            b'\'' | b'"' => {
                let triple = body[at..].starts_with(&[byte; 3]);
                let start = at + if triple { 3 } else { 1 };
                (
                    State::Str {
                        quote: byte,
                        triple,
                        start,
                    },
                    start,
                )
            }
            _ => (State::Code, at + 1),
        },
        State::Comment if byte == b'\n' => (State::Code, at + 1),
        State::Comment => (state, at + 1),
        State::Str { quote, triple, .. } => match closing_quote_len(body, at, quote, triple) {
            Some(len) => (State::Code, at + len),
            None if byte == b'\\' => (state, at + 2),
            None => (state, at + 1),
        },
    }
}

/// Length of the string's end at `at` (its closing quote(s), or the newline that ends an
/// unterminated one-line string), if it ends there.
fn closing_quote_len(body: &[u8], at: usize, quote: u8, triple: bool) -> Option<usize> {
    match (triple, body[at]) {
        (true, _) if body[at..].starts_with(&[quote; 3]) => Some(3),
        (false, b) if b == quote => Some(1),
        (false, b'\n') => Some(0),
        _ => None,
    }
}

/// Where the contents of the string around `at` end.
fn string_end(body: &[u8], mut at: usize, quote: u8, triple: bool) -> usize {
    while at < body.len() && closing_quote_len(body, at, quote, triple).is_none() {
        at += if body[at] == b'\\' { 2 } else { 1 };
    }
    at.min(body.len())
}

/// The run of name bytes (ASCII letters, digits, `_`, and any non-ASCII byte) around `at`.
fn name_around(body: &[u8], at: usize) -> Range<usize> {
    let is_name = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_' || !b.is_ascii();
    let start = at - body[..at].iter().rev().take_while(|b| is_name(b)).count();
    let end = at + body[at..].iter().take_while(|b| is_name(b)).count();
    start..end
}

/// Python's UnicodeDecodeError text for the first bad byte of `token`.
fn decode_error_message(token: &[u8]) -> String {
    let (position, reason) = match std::str::from_utf8(token) {
        Ok(_) => (0, "invalid start byte"),
        Err(e) => {
            let position = e.valid_up_to();
            let reason = match (e.error_len(), token[position]) {
                (None, _) => "unexpected end of data",
                (Some(_), 0xc2..=0xf4) => "invalid continuation byte",
                (Some(_), _) => "invalid start byte",
            };
            (position, reason)
        }
    };
    let byte = token.get(position).copied().unwrap_or(0);
    format!(
        "(unicode error) 'utf-8' codec can't decode byte 0x{byte:02x} in position {position}: \
         {reason}"
    )
}

#[cfg(test)]
mod tests {
    use super::first_token_error;

    fn message(body: &[u8]) -> (u32, String) {
        let (line, text) = first_token_error(body).expect("an error");
        let tail = text.split("0x").nth(1).unwrap_or_default().to_string();
        (line, tail)
    }

    #[test]
    fn positions_count_from_the_token() {
        assert_eq!(
            message(b"x = 'ab\xff' + 'c'\n"),
            (1, "ff in position 2: invalid start byte".into())
        );
        assert_eq!(
            message(b"x\xff = 1\n"),
            (1, "ff in position 1: invalid start byte".into())
        );
        assert_eq!(
            message(b"y = 1\nx='\xed\xa0\x80'\n"),
            (2, "ed in position 0: invalid continuation byte".into())
        );
        assert_eq!(
            message(b"print('\xe6\x97')"),
            (1, "e6 in position 0: unexpected end of data".into())
        );
    }

    #[test]
    fn comments_and_escaped_quotes_are_followed() {
        assert_eq!(first_token_error(b"x = 1 # \xff\ny = 2\n"), None);
        assert_eq!(first_token_error(b"x = '#' # \xff\n"), None);
        assert_eq!(first_token_error(b"x = '\\'#' # \xff\n"), None);
        assert_eq!(
            message(b"'''\nab\xff'''\n"),
            (2, "ff in position 3: invalid start byte".into())
        );
    }
}
