//! `pymm-bench SUITE... [--json FILE] [--rounds N] [--quick] [--pymm PATH]`

use clap::Parser;
use pymm_bench::harness::Figure;
use pymm_bench::report::{render_table, to_json};
use pymm_bench::suites::{rss, Settings, Suite};
use std::path::PathBuf;
use std::process::ExitCode;

// The peers run on mimalloc, their fastest setting here; pymm uses its own pools and the
// `alloc` suite calls every allocator directly, so this choice does not favour anyone there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Stack of the thread the suites run on: some peers (and `Rc`'s drop) recurse over long
/// chains of objects, which must not end the benchmark.
const SUITE_STACK_BYTES: usize = 1 << 30;

/// Side-by-side benchmarks of pymm against glibc, mimalloc, Rust collectors and CPython.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Suites to run, in order.
    #[arg(value_enum, required_unless_present = "rss_child")]
    suites: Vec<Suite>,
    /// Also write every figure to FILE as a JSON array.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Rounds per contender; the median is reported.
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u16).range(1..))]
    rounds: u16,
    /// Small sizes and few rounds: every suite in seconds (a smoke run).
    #[arg(long)]
    quick: bool,
    /// The `pymm` binary for the `python`, `objects` and `report` suites (default: next to this binary, or
    /// target/release/pymm).
    #[arg(long, value_name = "PATH")]
    pymm: Option<PathBuf>,
    /// The programs of the `python` and `report` suites to run, by workload name
    /// (`--only richards,telco`); all of them when absent.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    only: Vec<String>,
    /// Loop count of every program of `python` and `report` (their argument): 10 when
    /// absent, 1 under --quick.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    loops: Option<u16>,
    /// Internal: run one contender's survivor sweep and print its readings.
    #[arg(long, hide = true, value_name = "CONTENDER")]
    rss_child: Option<String>,
    /// Internal: blocks of the survivor sweep.
    #[arg(long, hide = true, default_value_t = 4 * 1024 * 1024)]
    rss_blocks: usize,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(contender) = &cli.rss_child {
        return report_error(rss::child_main(contender, cli.rss_blocks));
    }
    let settings = Settings {
        rounds: if cli.quick {
            1
        } else {
            usize::from(cli.rounds)
        },
        quick: cli.quick,
        pymm: cli.pymm.clone(),
        only: cli.only.clone(),
        loops: cli.loops.map(usize::from),
    };
    let suites = cli.suites.clone();
    let runner = std::thread::Builder::new()
        .name("suites".into())
        .stack_size(SUITE_STACK_BYTES)
        .spawn(move || run_suites(&suites, &settings));
    let figures = match runner.map(|handle| handle.join()) {
        Ok(Ok(figures)) => figures,
        Ok(Err(_)) => return report_error(Err("a suite panicked (see above)".into())),
        Err(error) => return report_error(Err(format!("cannot start the suite thread: {error}"))),
    };
    match &cli.json {
        Some(path) => report_error(write_json(path, &figures)),
        None => ExitCode::SUCCESS,
    }
}

/// Runs the suites in order, printing each table as soon as it is done.
fn run_suites(suites: &[Suite], settings: &Settings) -> Vec<Figure> {
    let mut all = Vec::new();
    for suite in suites {
        let sink = suite.run(settings);
        let notes = sink.notes().to_vec();
        let (figures, failures) = sink.finish();
        println!("== suite {} ==", suite.name());
        print!("{}", render_table(&figures));
        for note in &notes {
            println!("{note}");
        }
        for failure in &failures {
            println!("not measured: {failure}");
        }
        println!();
        all.extend(figures);
    }
    all
}

fn write_json(path: &PathBuf, figures: &[Figure]) -> Result<(), String> {
    let text =
        serde_json::to_string_pretty(&to_json(figures)).map_err(|error| error.to_string())?;
    std::fs::write(path, text + "\n")
        .map_err(|error| format!("cannot write {}: {error}", path.display()))
}

fn report_error(outcome: Result<(), String>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("pymm-bench: {message}");
            ExitCode::FAILURE
        }
    }
}
