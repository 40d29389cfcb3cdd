//! `pymm run --max-heap SIZE`: every way a program can grow past the limit raises MemoryError,
//! which the program can catch and go on from, and the process's peak memory stays near the
//! limit. The buffers objects own outside the pymm heap (list storage, str text, dict tables)
//! count, not only the heap's blocks.

mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use support::{pymm_binary, run_with_timeout, Ending};

const LIMIT_MIB: usize = 64;

/// Each case grows in one way until MemoryError, then prints that it caught it.
const CASES: &[(&str, &str)] = &[
    ("one big list", "x = [0] * 10**7"),
    ("one big str", "x = 'ab' * 10**8"),
    ("one big bytes", "x = bytes(10**8)"),
    ("a padded format", "x = f'{1:{10**8}}'"),
    ("a huge shift", "x = 1 << 10**9"),
    ("appending small ints", "x = []\nwhile True:\n    x.append(0)"),
    ("a comprehension", "x = [i for i in range(10**9)]"),
    ("list(range)", "x = list(range(10**9))"),
    ("doubling a str", "x = 'x'\nwhile True:\n    x = x + x"),
    ("a dict", "d = {}\ni = 0\nwhile True:\n    d[i] = i\n    i += 1"),
    ("a linked chain", "n = None\nwhile True:\n    n = [n, 'payload']"),
    ("recursion with locals", "def f(n):\n    big = [0] * 1000\n    return f(n + 1)\nimport sys\nsys.setrecursionlimit(10**6)\nf(0)"),
];

fn script_for(body: &str) -> String {
    let indented: String = body.lines().map(|l| format!("    {l}\n")).collect();
    format!(
        "try:\n{indented}except (MemoryError, RecursionError) as e:\n    x = d = n = None\n    \
         print('caught', type(e).__name__)\nprint('after', sum([1, 2, 3]))\n"
    )
}

fn temp_script(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "pymm-max-heap-{}-{}.py",
        std::process::id(),
        name.replace(' ', "_")
    ));
    std::fs::write(&path, text).expect("the temp dir is writable");
    path
}

/// Peak resident set of the process, from GNU time's `%M` (KiB) on the last stderr line.
fn peak_kib(stderr: &str) -> Option<usize> {
    stderr.lines().last()?.trim().parse().ok()
}

#[test]
fn growing_past_the_limit_raises_memory_error() {
    let has_gnu_time = std::path::Path::new("/usr/bin/time").exists();
    let mut failures = Vec::new();
    for (name, body) in CASES {
        let path = temp_script(name, &script_for(body));
        let mut command = if has_gnu_time {
            let mut c = Command::new("/usr/bin/time");
            c.args(["-f", "%M"]).arg(pymm_binary());
            c
        } else {
            Command::new(pymm_binary())
        };
        command
            .arg("run")
            .arg("--max-heap")
            .arg(format!("{LIMIT_MIB}M"))
            .arg(&path);
        let outcome = run_with_timeout(command, Duration::from_secs(60));
        let _ = std::fs::remove_file(&path);
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => {
                failures.push(format!("{name}: could not run: {e}"));
                continue;
            }
        };
        // Deep recursion holding 8 KB per frame passes 64 MiB long before 10**6 frames.
        let expected = "caught MemoryError\nafter 6\n";
        if outcome.ending != Ending::Exited(0) || outcome.stdout != expected {
            failures.push(format!(
                "{name}: {} with stdout {:?}, stderr {:?}",
                outcome.describe_ending(),
                outcome.stdout,
                outcome.stderr
            ));
            continue;
        }
        // The limit counts what objects use, not the interpreter's own code and tables, and
        // freed memory may stay mapped: allow a margin, but not the gigabytes these cases
        // would take without the limit.
        if let Some(peak) = peak_kib(&outcome.stderr) {
            if peak > 3 * LIMIT_MIB * 1024 {
                failures.push(format!(
                    "{name}: peak RSS {peak} KiB under a {LIMIT_MIB} MiB limit"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_uncaught_memory_error_has_a_traceback() {
    let path = temp_script(
        "uncaught",
        "def grow():\n    return [0] * 10**8\n\ngrow()\n",
    );
    let mut command = Command::new(pymm_binary());
    command.arg("run").arg("--max-heap").arg("16M").arg(&path);
    let outcome = run_with_timeout(command, Duration::from_secs(60)).expect("pymm starts");
    let _ = std::fs::remove_file(&path);
    assert_eq!(
        outcome.ending,
        Ending::Exited(1),
        "stderr: {}",
        outcome.stderr
    );
    let lines: Vec<&str> = outcome.stderr.lines().collect();
    assert_eq!(lines.first(), Some(&"Traceback (most recent call last):"));
    assert!(
        outcome.stderr.contains(", line 4, in <module>")
            && outcome.stderr.contains(", line 2, in grow"),
        "stderr: {}",
        outcome.stderr
    );
    assert_eq!(lines.last(), Some(&"MemoryError"));
}
