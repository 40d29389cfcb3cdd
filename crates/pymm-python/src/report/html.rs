//! Writing the report: the JSON document, and the HTML page that embeds it.
//!
//! The page is one file: uPlot (vendored from npm, `assets/`), the page's own script and
//! styles, and the data as a `<script type="application/json">` element, all inline; it
//! fetches nothing and opens from disk in any browser.

use std::fs::OpenOptions;
use std::io::Write;
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
        write_over(path, json.as_bytes())
            .map_err(|e| format!("cannot write report '{}': {e}", path.display()))?;
    }
    if let Some(path) = &spec.html {
        let title = format!("pymm report: {}", report.program.script);
        write_over(path, page(&title, &json).as_bytes())
            .map_err(|e| format!("cannot write report '{}': {e}", path.display()))?;
    }
    Ok(())
}

/// Writes `bytes` into the file at `path` (made if missing), over what it held, and cuts
/// it to their length after: the file is never truncated to zero first, as
/// `std::fs::write` does. ext4 (with its default `auto_da_alloc`) takes a file truncated
/// to zero and written again for a replace-by-truncate, and on `close` writes its pages
/// out at once (block allocation and the device's queue on the program's time): a report
/// written again over the last one cost ~0.2 ms of processor time at exit. Written over
/// in place, the pages are written back later, as any other write.
fn write_over(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    file.write_all(bytes)?;
    let written = bytes.len() as u64;
    // A longer old file keeps no tail; `/dev/null` or a pipe has no length to cut.
    if file.metadata()?.len() > written {
        file.set_len(written)?;
    }
    Ok(())
}

/// The HTML page for the report data `json`.
pub fn page(title: &str, json: &str) -> String {
    // In a <script> element "</script>" or "<!--" would change how the page parses: every
    // "<" of the data (only ever inside JSON strings) is written as the escape \u003c.
    let data = json.replace('<', "\\u003c");
    let title = escape_html(title);
    let mut out = String::with_capacity(TEMPLATE.len() + UPLOT_JS.len() + data.len() + (64 << 10));
    let mut rest = TEMPLATE;
    // One pass over the template, so inserted text is never searched for placeholders.
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let inserted = match &rest[start + 2..start + len] {
            "TITLE" => title.as_str(),
            "UPLOT_CSS" => UPLOT_CSS,
            "STYLES" => STYLES,
            "UPLOT_JS" => UPLOT_JS,
            "SCRIPT" => SCRIPT,
            "DATA" => data.as_str(),
            other => unreachable!("report.html has an unknown placeholder {{{{{other}}}}}"),
        };
        out.push_str(inserted);
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
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
        write_over(&path, b"a longer first report").unwrap();
        write_over(&path, b"short").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"short");
        write_over(&path, b"longer again").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"longer again");
        write_over(Path::new("/dev/null"), b"nothing to cut").unwrap();
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
