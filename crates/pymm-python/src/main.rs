//! `pymm`: run Python programs on pymm's memory manager.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Counts what objects own outside the pymm heap, for `--max-heap`.
#[global_allocator]
static ALLOCATOR: pymm_python::memory::CountingAllocator = pymm_python::memory::CountingAllocator;

#[derive(Parser)]
#[command(
    name = "pymm",
    about = "Run Python programs whose every object lives in a pymm heap"
)]
struct Cli {
    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CODE")]
    code: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run a Python file.
    Run {
        /// The script.
        file: PathBuf,
        /// At exit, print the allocator's table and the collector's statistics (stderr).
        #[arg(long)]
        stats: bool,
        /// Report every collection, as gc.set_debug(gc.DEBUG_STATS) does.
        #[arg(long)]
        gc_debug: bool,
        /// Heap limit, e.g. 64M, 1G, 500K: allocating beyond raises MemoryError.
        #[arg(long, value_name = "SIZE", value_parser = parse_size)]
        max_heap: Option<usize>,
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

fn main() {
    let cli = Cli::parse();
    let code = match (cli.code, cli.command) {
        (Some(code), _) => {
            pymm_python::run_source("<string>", &code, &pymm_python::Options::default())
        }
        (
            None,
            Some(Command::Run {
                file,
                stats,
                gc_debug,
                max_heap,
            }),
        ) => {
            let options = pymm_python::Options {
                stats,
                gc_debug,
                max_heap,
            };
            pymm_python::run_file(&file, &options)
        }
        (None, None) => {
            eprintln!(
                "usage: pymm run FILE.py [--stats] [--gc-debug] [--max-heap SIZE] | pymm -c CODE"
            );
            2
        }
    };
    std::process::exit(code);
}
