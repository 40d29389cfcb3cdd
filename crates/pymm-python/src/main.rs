//! `pymm`: run Python programs on pymm's memory manager.

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand};

/// Counts what objects own outside the pymm heap, for `--max-heap`.
#[global_allocator]
static ALLOCATOR: pymm_python::memory::CountingAllocator = pymm_python::memory::CountingAllocator;

#[derive(Parser)]
#[command(
    name = "pymm",
    about = "Run Python programs whose every object lives in a pymm heap",
    override_usage = "pymm [OPTIONS] -c CODE\n       pymm [OPTIONS] run FILE [OPTIONS]",
    after_help = "The options go before or after `-c CODE` or `run FILE`:\n  \
                  pymm --max-heap 64M -c 'print(2 ** 100)'\n  \
                  pymm run --stats examples/seed.py\n  \
                  pymm run --report seed.html examples/seed.py\n  \
                  pymm run examples/seed.py --gc-debug"
)]
struct Cli {
    /// Run the program CODE, given as a string (instead of `run FILE`).
    #[arg(short = 'c', value_name = "CODE")]
    code: Option<String>,
    #[command(flatten)]
    options: RunOptions,
    #[command(subcommand)]
    command: Option<Command>,
}

/// How to run the program, for `-c CODE` and `run FILE` alike.
#[derive(Args)]
struct RunOptions {
    /// At exit, print the allocator's table and the collector's statistics (stderr).
    #[arg(long, global = true)]
    stats: bool,
    /// Report every collection, as gc.set_debug(gc.DEBUG_STATS) does.
    #[arg(long, global = true)]
    gc_debug: bool,
    /// Heap limit, e.g. 64M, 1G, 500K: allocating beyond raises MemoryError.
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    max_heap: Option<usize>,
}

impl RunOptions {
    fn to_options(&self, argv: Vec<String>) -> pymm_python::Options {
        pymm_python::Options {
            stats: self.stats,
            gc_debug: self.gc_debug,
            max_heap: self.max_heap,
            argv,
            report: None,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run a Python file.
    Run {
        /// Write an HTML report of the run's memory (timeline, arenas, pauses, sites, cycles).
        #[arg(long, value_name = "FILE.html")]
        report: Option<PathBuf>,
        /// Write the report's data as JSON (docs/report-json.md).
        #[arg(long, value_name = "FILE")]
        report_json: Option<PathBuf>,
        /// The script.
        file: PathBuf,
        /// Arguments for the script (`sys.argv[1:]`); put `--` before one that starts with `-`.
        args: Vec<String>,
    },
}

/// Parses `64M`, `1G`, `512K` or a plain byte count.
fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("invalid size '{text}'"))?;
    let mult = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("invalid size unit in '{text}' (use K, M or G)")),
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("size '{text}' is too large"))
}

/// Prints a usage error the way clap does and exits with 2.
fn usage_error(kind: ErrorKind, message: &str) -> ! {
    Cli::command().error(kind, message).exit()
}

fn main() {
    let cli = Cli::parse();
    let code = match (cli.code, cli.command) {
        (Some(code), None) => {
            let options = cli.options.to_options(vec!["-c".into()]);
            pymm_python::run_source("<string>", &code, &options)
        }
        (
            None,
            Some(Command::Run {
                file,
                args,
                report,
                report_json,
            }),
        ) => {
            let argv = std::iter::once(file.display().to_string())
                .chain(args)
                .collect();
            let mut options = cli.options.to_options(argv);
            options.report = (report.is_some() || report_json.is_some()).then_some(
                pymm_python::report::ReportSpec {
                    html: report,
                    json: report_json,
                },
            );
            pymm_python::run_file(&file, &options)
        }
        (Some(_), Some(_)) => usage_error(
            ErrorKind::ArgumentConflict,
            "give `-c CODE` or `run FILE`, not both",
        ),
        (None, None) => usage_error(
            ErrorKind::MissingRequiredArgument,
            "nothing to run: give `-c CODE` or `run FILE`",
        ),
    };
    std::process::exit(code);
}
