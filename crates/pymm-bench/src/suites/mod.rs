//! The benchmark suites, one module each, and the settings they share.

pub mod alloc;
pub mod gc;
pub mod objects;
pub mod python;
pub mod report_cost;
pub mod rss;

use crate::harness::FigureSink;
use std::path::{Path, PathBuf};

/// A suite named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Suite {
    /// Allocator churn: pymm-alloc vs glibc vs mimalloc.
    Alloc,
    /// Resident memory through a survivor sweep, one process per allocator.
    Rss,
    /// Reference counting and cycle collection vs Rc, dumpster, bacon_rajan_cc, rust-cc,
    /// gc and CPython.
    Gc,
    /// The pyperformance programs under python3, `pymm run` and the peers on `PATH`.
    Python,
    /// Bytes per Python object of each kind, python3 vs `pymm run`.
    Objects,
    /// What `pymm run --report` costs: processor time with and without it on every program
    /// of `python`.
    Report,
}

impl Suite {
    /// The suite's name in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Suite::Alloc => "alloc",
            Suite::Rss => "rss",
            Suite::Gc => "gc",
            Suite::Python => "python",
            Suite::Objects => "objects",
            Suite::Report => "report",
        }
    }

    /// Runs the suite and returns what it gathered.
    pub fn run(self, settings: &Settings) -> FigureSink {
        let mut sink = FigureSink::new(self.name());
        match self {
            Suite::Alloc => alloc::run(settings, &mut sink),
            Suite::Rss => rss::run(settings, &mut sink),
            Suite::Gc => gc::run(settings, &mut sink),
            Suite::Python => python::run(settings, &mut sink),
            Suite::Objects => objects::run(settings, &mut sink),
            Suite::Report => report_cost::run(settings, &mut sink),
        }
        sink
    }
}

/// Settings shared by all suites.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Rounds of every contender (the median is reported).
    pub rounds: usize,
    /// Small sizes, so that every suite runs in seconds.
    pub quick: bool,
    /// The `pymm` binary given on the command line, if any.
    pub pymm: Option<PathBuf>,
    /// The programs of `python` and `report` to run (workload names); empty: all.
    pub only: Vec<String>,
    /// Loop count of every program of `python` and `report`, if not their own.
    pub loops: Option<usize>,
}

impl Settings {
    /// Loop count of every program of `python` and `report`: the one given, else one under
    /// `--quick`, else `full`.
    pub fn loops_or(&self, full: usize) -> usize {
        match self.loops {
            Some(loops) => loops,
            None if self.quick => 1,
            None => full,
        }
    }

    /// The `pymm` binary: the one given, else one next to this binary, else the workspace's
    /// release build.
    pub fn pymm_binary(&self) -> Option<PathBuf> {
        if let Some(given) = &self.pymm {
            return Some(given.clone());
        }
        let beside_this = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join("pymm")));
        let release = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/pymm");
        beside_this
            .into_iter()
            .chain([release])
            .find(|path| path.is_file())
    }
}
