//! Writing the report: the JSON document, and the HTML page that embeds it.
//!
//! The page is one file: uPlot (vendored from npm, `assets/`), the page's own script and
//! styles, and the data as a `<script type="application/json">` element, all inline; it
//! fetches nothing and opens from disk in any browser.

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
        std::fs::write(path, &json)
            .map_err(|e| format!("cannot write report '{}': {e}", path.display()))?;
    }
    if let Some(path) = &spec.html {
        let title = format!("pymm report: {}", report.program.script);
        std::fs::write(path, page(&title, &json))
            .map_err(|e| format!("cannot write report '{}': {e}", path.display()))?;
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
