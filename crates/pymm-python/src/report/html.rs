//! Writing the report: the JSON document, and the HTML page that embeds it.
//!
//! The page is one file: uPlot (vendored from npm, `assets/`), the page's own script and
//! styles, and the data as a `<script type="application/json">` element, all inline; it
//! fetches nothing and opens from disk in any browser.

use std::fs::OpenOptions;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::model::Report;
use super::ReportSpec;

const TEMPLATE: &str = include_str!("assets/report.html");
const STYLES: &str = include_str!("assets/report.css");
const SCRIPT: &str = include_str!("assets/report.js");
const UPLOT_JS: &str = include_str!("assets/uPlot.iife.min.js");
const UPLOT_CSS: &str = include_str!("assets/uPlot.min.css");

/// Bytes the writer gathers before each system call.
const WRITE_BUFFER: usize = 1 << 16;

/// Bytes reserved for the JSON before it is serialized: more than a pyperformance
/// program's report (100-300 KiB), so that the vector is never grown by copying; a
/// reservation this large is a mapping of its own, whose pages are touched only as
/// they are written.
const JSON_RESERVE: usize = 1 << 20;

/// Writes the files `spec` names; the error says which file failed and why.
///
/// The JSON is serialized once, into a vector reserved at [`JSON_RESERVE`], and goes into
/// each file through a buffer of [`WRITE_BUFFER`] bytes; the page's data is escaped as it
/// is written ([`write_script_data`]). Serialized into a string grown from empty and then
/// copied whole with every `<` escaped, the JSON cost a run 25-50 page faults more at
/// exit (bm_gc_collect 47, bm_hexiom 32), ~0.1-0.2 ms on these machines.
/// (Serializing straight into the file through the buffer saved the same faults but cost
/// ~2-3 M instructions more: serde writes many small pieces, each then a call through the
/// buffered writer instead of a push onto a vector.)
pub fn write_files(report: &Report, spec: &ReportSpec) -> Result<(), String> {
    let mut json = Vec::with_capacity(JSON_RESERVE);
    serde_json::to_writer(&mut json, report).map_err(|e| format!("report: {e}"))?;
    if let Some(path) = &spec.json {
        write_over(path, |out| out.write_all(&json))
            .map_err(|e| format!("cannot write report '{}': {e}", path.display()))?;
    }
    if let Some(path) = &spec.html {
        let title = escape_html(&format!("pymm report: {}", report.program.script));
        write_over(path, |out| {
            for piece in page_pieces(&title) {
                match piece {
                    Some(text) => out.write_all(text.as_bytes())?,
                    None => write_script_data(out, &json)?,
                }
            }
            Ok(())
        })
        .map_err(|e| format!("cannot write report '{}': {e}", path.display()))?;
    }
    Ok(())
}

/// Writes what `write` writes into the file at `path` (made if missing), over what it
/// held, and cuts it to that length after: the file is never truncated to zero first, as
/// `std::fs::write` does. ext4 (with its default `auto_da_alloc`) takes a file truncated
/// to zero and written again for a replace-by-truncate, and on `close` writes its pages
/// out at once (block allocation and the device's queue on the program's time): a report
/// written again over the last one cost ~0.2 ms of processor time at exit. Written over
/// in place, the pages are written back later, as any other write.
fn write_over(
    path: &Path,
    write: impl FnOnce(&mut Counted<BufWriter<&std::fs::File>>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    let mut out = Counted {
        inner: BufWriter::with_capacity(WRITE_BUFFER, &file),
        written: 0,
    };
    write(&mut out)?;
    out.flush()?;
    let written = out.written;
    drop(out);
    // A longer old file keeps no tail; `/dev/null` or a pipe has no length to cut.
    if file.metadata()?.len() > written {
        file.set_len(written)?;
    }
    Ok(())
}

/// A writer that counts the bytes written through it.
struct Counted<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the report data `json` as the text of a `<script>` element: in one,
/// "</script>" or "<!--" would change how the page parses, so every "<" of the data (only
/// ever inside JSON strings, where the escape means the same character) is written as
/// \u003c.
fn write_script_data(out: &mut impl Write, json: &[u8]) -> std::io::Result<()> {
    for (i, part) in json.split(|&b| b == b'<').enumerate() {
        if i > 0 {
            out.write_all(b"\\u003c")?;
        }
        out.write_all(part)?;
    }
    Ok(())
}

/// The page's text, in order: the template's pieces and what goes into its placeholders
/// (`title` escaped for HTML), with `None` where the data goes. One pass over the
/// template, so inserted text is never searched for placeholders.
fn page_pieces(title: &str) -> Vec<Option<&str>> {
    let mut pieces = Vec::with_capacity(16);
    let mut rest = TEMPLATE;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        pieces.push(Some(&rest[..start]));
        let inserted = match &rest[start + 2..start + len] {
            "TITLE" => Some(title),
            "UPLOT_CSS" => Some(UPLOT_CSS),
            "STYLES" => Some(STYLES),
            "UPLOT_JS" => Some(UPLOT_JS),
            "SCRIPT" => Some(SCRIPT),
            "DATA" => None,
            other => unreachable!("report.html has an unknown placeholder {{{{{other}}}}}"),
        };
        pieces.push(inserted);
        rest = &rest[start + len + 2..];
    }
    pieces.push(Some(rest));
    pieces
}

/// The HTML page for the report data `json`, as one string (what [`write_files`] writes).
pub fn page(title: &str, json: &str) -> String {
    let title = escape_html(title);
    let mut data = Vec::new();
    write_script_data(&mut data, json.as_bytes()).expect("a vector takes every write");
    let data = String::from_utf8(data).expect("only ASCII replaced ASCII");
    page_pieces(&title)
        .into_iter()
        .map(|piece| piece.unwrap_or(&data))
        .collect()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_over_a_longer_one_keeps_no_tail() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.html");
        let pieces = |pieces: &'static [&'static [u8]]| {
            move |out: &mut Counted<BufWriter<&std::fs::File>>| {
                pieces.iter().try_for_each(|p| out.write_all(p))
            }
        };
        write_over(&path, pieces(&[b"a longer first report"])).unwrap();
        write_over(&path, pieces(&[b"short"])).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"short");
        write_over(&path, pieces(&[b"longer", b"", b" again"])).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"longer again");
        write_over(Path::new("/dev/null"), pieces(&[b"nothing to cut"])).unwrap();
    }

    #[test]
    fn data_cannot_close_its_script_element() {
        let html = page("a <b>", r#"{"s":"</script><!--"}"#);
        assert!(html.contains(r#"{"s":"\u003c/script>\u003c!--"}"#));
        assert!(html.contains("<title>a &lt;b&gt;</title>"));
        for name in ["TITLE", "UPLOT_CSS", "STYLES", "UPLOT_JS", "SCRIPT", "DATA"] {
            assert!(!html.contains(&format!("{{{{{name}}}}}")), "{name} left in");
        }
        assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
    }
}
