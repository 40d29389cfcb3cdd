//! `pymm`: run Python programs on pymm's memory manager.

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand};
use pymm_python::run::Program;

/// Counts what objects own outside the pymm heap, for `--max-heap`.
#[global_allocator]
static ALLOCATOR: pymm_python::memory::CountingAllocator = pymm_python::memory::CountingAllocator;

#[derive(Parser)]
#[command(
    name = "pymm",
    about = "Run Python programs whose every object lives in a pymm heap",
    override_usage = "pymm [OPTIONS] -c CODE [ARGS]...\n       \
                      pymm [OPTIONS] -m MODULE [ARGS]...\n       \
                      pymm [OPTIONS] run FILE [OPTIONS] [ARGS]...\n       \
                      pymm [OPTIONS] FILE [ARGS]...",
    after_help = "The options go before or after `-c CODE`, `-m MODULE` or `run FILE`;\n\
                  after `FILE` everything is the script's (as with python3):\n  \
                  pymm --max-heap 64M -c 'print(2 ** 100)'\n  \
                  pymm run --stats examples/seed.py\n  \
                  pymm run examples/seed.py --gc-debug\n  \
                  pymm run --report seed.html examples/seed.py\n  \
                  pymm -m json.tool data.json\n  \
                  pymm --stats examples/seed.py arg1 arg2"
)]
struct Cli {
    /// Run the program CODE, given as a string.
    #[arg(short = 'c', value_name = "CODE", conflicts_with = "module")]
    code: Option<String>,
    /// Run the module MODULE (found on sys.path) as __main__; a package runs its __main__.
    #[arg(short = 'm', value_name = "MODULE")]
    module: Option<String>,
    #[command(flatten)]
    options: RunOptions,
    #[command(subcommand)]
    command: Option<Command>,
    /// FILE and its arguments (as `run FILE`), or the arguments of `-c` / `-m` (`sys.argv[1:]`).
    #[arg(
        value_name = "FILE|ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    args: Vec<String>,
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
        /// Arguments for the script (`sys.argv[1:]`): one that starts with `-` and is not
        /// an option of `run` is the script's (`run bm.py --ssl 1`); `--` passes the rest.
        #[arg(allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

/// `run`'s script arguments without the first `--` (which `run` takes as "the rest is the
/// script's", and which clap keeps once a script argument starting with `-` was seen).
fn without_separator(mut args: Vec<String>) -> Vec<String> {
    if let Some(at) = args.iter().position(|a| a == "--") {
        args.remove(at);
    }
    args
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
    let mut report_spec = None;
    let (program, argv) = match (cli.code, cli.module, cli.command) {
        (Some(_), _, Some(_)) | (_, Some(_), Some(_)) | (Some(_), Some(_), _) => usage_error(
            ErrorKind::ArgumentConflict,
            "give one of `-c CODE`, `-m MODULE`, `run FILE` or `FILE`",
        ),
        (Some(code), None, None) => {
            let name = "<string>".to_string();
            let argv = with_first("-c", cli.args);
            (Program::Source { name, source: code }, argv)
        }
        (None, Some(module), None) => {
            // sys.argv[0] becomes the module's file once it is found
            (Program::Module(module), with_first("-m", cli.args))
        }
        (
            None,
            None,
            Some(Command::Run {
                file,
                args,
                report,
                report_json,
            }),
        ) => {
            report_spec = (report.is_some() || report_json.is_some()).then_some(
                pymm_python::report::ReportSpec {
                    html: report,
                    json: report_json,
                },
            );
            let argv = with_first(&file.display().to_string(), without_separator(args));
            (Program::File(file), argv)
        }
        (None, None, None) => match cli.args.first() {
            Some(file) => (Program::File(PathBuf::from(file)), cli.args),
            None => usage_error(
                ErrorKind::MissingRequiredArgument,
                "nothing to run: give `-c CODE`, `-m MODULE`, `run FILE` or `FILE`",
            ),
        },
    };
    let mut options = cli.options.to_options(argv);
    options.report = report_spec;
    let code = pymm_python::run::run(program, &options);
    std::process::exit(code);
}

/// `sys.argv`: `first`, then `rest`.
fn with_first(first: &str, rest: Vec<String>) -> Vec<String> {
    std::iter::once(first.to_string()).chain(rest).collect()
}
