//! A program with a syntax error is reported as CPython 3.11 reports it: the file and line,
//! the line of source, the carets under the error (from the SyntaxError's `offset` and
//! `end_offset`), the message; the same stderr as `python3`, byte for byte.

mod support;

use std::process::Command;
use std::time::Duration;

use support::{pymm_binary, run_with_timeout, Outcome};

fn run(program: Command) -> Outcome {
    run_with_timeout(program, Duration::from_secs(60)).unwrap_or_else(|err| panic!("{err}"))
}

/// The programs, each with one error CPython and pymm locate alike.
const PROGRAMS: &[(&str, &str)] = &[
    ("unclosed_paren", "x = 1\ny = (1 +\nprint('a')\n"),
    ("unclosed_bracket_then_more", "x = [1, 2\ny = 3\n"),
    ("bad_token", "def f():\n    return 1 +* 2\n"),
    ("two_names", "a b\n"),
    (
        "await_outside",
        "x = 5\nfor i in range(3):\n    await foo()\n",
    ),
    ("await_outside_async", "def f():\n    return await g()\n"),
    (
        "yield_from_in_async",
        "async def f():\n    yield from g()\n",
    ),
    (
        "async_for_outside",
        "def f():\n    async for x in y:\n        pass\n",
    ),
    ("return_outside", "if True:\n        return 5\n"),
    ("unterminated_string", "x = 'abc\n"),
];

#[test]
fn syntax_errors_are_reported_as_cpython_reports_them() {
    let dir = std::env::temp_dir().join(format!("pymm-syntax-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let python = std::env::var("PYMM_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let mut failures = Vec::new();
    for (name, source) in PROGRAMS {
        let path = dir.join(format!("{name}.py"));
        std::fs::write(&path, source).expect("written");
        let mut cpython = Command::new(&python);
        cpython.arg(&path).env("PYTHONDONTWRITEBYTECODE", "1");
        let mut pymm = Command::new(pymm_binary());
        pymm.arg("run").arg(&path);
        let (expected, got) = (run(cpython), run(pymm));
        if (&expected.stderr, &expected.ending) != (&got.stderr, &got.ending) {
            failures.push(format!(
                "{name}:\n  python3: {:?}\n  pymm:    {:?}",
                expected.stderr, got.stderr
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
