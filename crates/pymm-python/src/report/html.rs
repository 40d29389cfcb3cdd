//! Writing the report: the JSON document, and the HTML page that embeds it.
//!
//! The page is one file: uPlot (vendored from npm, `assets/`), the page's own script and
//! styles, and the data as a `<script type="application/json">` element, all inline; it
//! fetches nothing and opens from disk in any browser.

use std::fs::OpenOptions;
use std::io::{IoSlice, Write};
use std::path::Path;

use super::model::Report;
use super::ReportSpec;

const TEMPLATE: &str = include_str!("assets/report.html");
const STYLES: &str = include_str!("assets/report.css");
const SCRIPT: &str = include_str!("assets/report.js");
const UPLOT_JS: &str = include_str!("assets/uPlot.iife.min.js");
const UPLOT_CSS: &str = include_str!("assets/uPlot.min.css");

/// Writes the files `spec` names; the error says which file failed and why.
pub fn write_files(report: &Report, spec: &ReportSpec) -> Result<(), String> {
    let json = serde_json::to_string(report).map_err(|e| format!("report: {e}"))?;
    if let Some(path) = &spec.json {
        write_over(path, &[json.as_bytes()])
            .map_err(|e| format!("cannot write report '{}': {e}", path.display()))?;
    }
    if let Some(path) = &spec.html {
        let title = escape_html(&format!("pymm report: {}", report.program.script));
        let data = script_data(&json);
        let pieces: Vec<&[u8]> = page_pieces(&title, &data)
            .into_iter()
            .map(str::as_bytes)
            .collect();
        write_over(path, &pieces)
            .map_err(|e| format!("cannot write report '{}': {e}", path.display()))?;
    }
    Ok(())
}

/// Writes `pieces`, one after another, into the file at `path` (made if missing), over
/// what it held, and cuts it to their length after: the file is never truncated to zero
/// first, as `std::fs::write` does. ext4 (with its default `auto_da_alloc`) takes a file
/// truncated to zero and written again for a replace-by-truncate, and on `close` writes
/// its pages out at once (block allocation and the device's queue on the program's time):
/// a report written again over the last one cost ~0.2 ms of processor time at exit.
/// Written over in place, the pages are written back later, as any other write.
///
/// The pieces go to the kernel as they are (vectored writes, one system call for a page):
/// the page is never assembled in memory. Assembling it (a 100 KiB string, past the
/// allocator's threshold for a mapping of its own) cost a short run ~30 page faults at
/// exit, ~0.15 ms on these machines.
fn write_over(path: &Path, pieces: &[&[u8]]) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    let mut slices: Vec<IoSlice> = pieces.iter().map(|p| IoSlice::new(p)).collect();
    let mut rest = &mut slices[..];
    // Advancing drops the empty pieces in front (and, after each write, the pieces written
    // and the empty ones after them): a write is never asked for nothing.
    IoSlice::advance_slices(&mut rest, 0);
    while !rest.is_empty() {
        match file.write_vectored(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let written: u64 = pieces.iter().map(|p| p.len() as u64).sum();
    // A longer old file keeps no tail; `/dev/null` or a pipe has no length to cut.
    if file.metadata()?.len() > written {
        file.set_len(written)?;
    }
    Ok(())
}

/// The report data `json` as the text of a `<script>` element: in one, "</script>" or
/// "<!--" would change how the page parses, so every "<" of the data (only ever inside
/// JSON strings) is written as the escape \u003c.
fn script_data(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The page's text, in order: the template's pieces and what goes into its placeholders
/// (`title` escaped for HTML, `data` from [`script_data`]). One pass over the template,
/// so inserted text is never searched for placeholders.
fn page_pieces<'a>(title: &'a str, data: &'a str) -> Vec<&'a str> {
    let mut pieces = Vec::with_capacity(16);
    let mut rest = TEMPLATE;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        pieces.push(&rest[..start]);
        let inserted = match &rest[start + 2..start + len] {
            "TITLE" => title,
            "UPLOT_CSS" => UPLOT_CSS,
            "STYLES" => STYLES,
            "UPLOT_JS" => UPLOT_JS,
            "SCRIPT" => SCRIPT,
            "DATA" => data,
            other => unreachable!("report.html has an unknown placeholder {{{{{other}}}}}"),
        };
        pieces.push(inserted);
        rest = &rest[start + len + 2..];
    }
    pieces.push(rest);
    pieces
}

/// The HTML page for the report data `json`, as one string (what [`write_files`] writes).
pub fn page(title: &str, json: &str) -> String {
    let title = escape_html(title);
    let data = script_data(json);
    page_pieces(&title, &data).concat()
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
        write_over(&path, &[b"a longer first report".as_slice()]).unwrap();
        write_over(&path, &[b"short".as_slice()]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"short");
        let pieces = [b"longer".as_slice(), b"", b" again"];
        write_over(&path, &pieces).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"longer again");
        write_over(Path::new("/dev/null"), &[b"nothing to cut".as_slice()]).unwrap();
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
