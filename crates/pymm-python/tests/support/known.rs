//! KNOWN_FAILURES lists: inputs that are known to fail, each with its reason. They are still
//! run, and must still fail: one that passes is reported, so that a list can only shrink.

use std::collections::BTreeSet;
use std::path::Path;

/// The names in one KNOWN_FAILURES file.
pub struct KnownFailures {
    /// File names, one a line in the list (`#` starts a comment).
    pub names: BTreeSet<String>,
    /// Where the list lives, for messages.
    label: String,
}

impl KnownFailures {
    /// Reads the list at `path`; a missing file is an empty list.
    pub fn read(path: &Path) -> KnownFailures {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let label = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(path)
            .display()
            .to_string();
        KnownFailures::parse(&text, &label)
    }

    /// Parses a list's text.
    pub fn parse(text: &str, label: &str) -> KnownFailures {
        let names = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim())
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .collect();
        KnownFailures {
            names,
            label: label.to_string(),
        }
    }

    /// The problems to report, given each input's name and its failure (None when it passed):
    /// unexpected failures, listed inputs that now pass, and listed names that match nothing.
    pub fn verdicts(&self, results: &[(String, Option<String>)]) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, failure) in results {
            match (failure, self.names.contains(name)) {
                (Some(failure), false) => problems.push(format!("{name} FAILS: {failure}")),
                (None, true) => problems.push(format!(
                    "{name} now passes: remove {name} from {}",
                    self.label
                )),
                _ => {}
            }
        }
        for name in &self.names {
            if !results.iter().any(|(input, _)| input == name) {
                problems.push(format!(
                    "{} lists {name}, which matches no input",
                    self.label
                ));
            }
        }
        problems
    }
}
