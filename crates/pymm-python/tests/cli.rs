//! The command line: `--max-heap`, `--stats` and `--gc-debug` work with `-c CODE` and with
//! `run FILE`, placed before or after them; running nothing, or both, is a usage error.
//! `-m MODULE`, `FILE` alone and `PYTHONPATH` behave as with python3, and import errors read
//! as CPython's.

mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use support::{pymm_binary, run_with_timeout, Ending, Outcome};

/// Fills the heap until MemoryError: it ends only if the heap limit was applied.
const FILL_HEAP: &str = "x = []\ntry:\n    while True:\n        x.append([0] * 100)\n\
                         except MemoryError:\n    x = None\n    print('MemoryError raised')\n";

/// A program that makes a cycle and collects it.
const COLLECT: &str =
    "import gc\nclass N:\n    pass\na = N()\na.me = a\ndel a\nprint(gc.collect())\n";

fn pymm(args: &[&str]) -> Outcome {
    let mut command = Command::new(pymm_binary());
    command.args(args);
    run_with_timeout(command, Duration::from_secs(60)).expect("pymm starts")
}

/// A script file holding `source`, named after the test that uses it.
fn script(name: &str, source: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, source).expect("script written");
    path.display().to_string()
}

fn assert_ran(outcome: &Outcome, stdout: &str) {
    assert_eq!(
        outcome.ending,
        Ending::Exited(0),
        "stderr: {}",
        outcome.stderr
    );
    assert_eq!(outcome.stdout, stdout);
}

#[test]
fn max_heap_applies_in_every_position() {
    let file = script("fill_heap.py", FILL_HEAP);
    let arrangements: [&[&str]; 4] = [
        &["--max-heap", "4M", "-c", FILL_HEAP],
        &["-c", FILL_HEAP, "--max-heap", "4M"],
        &["--max-heap", "4M", "run", &file],
        &["run", &file, "--max-heap=4M"],
    ];
    for args in arrangements {
        assert_ran(&pymm(args), "MemoryError raised\n");
    }
}

#[test]
fn stats_and_gc_debug_apply_in_every_position() {
    let file = script("collect.py", COLLECT);
    let arrangements: [&[&str]; 4] = [
        &["--stats", "--gc-debug", "-c", COLLECT],
        &["-c", COLLECT, "--gc-debug", "--stats"],
        &["--gc-debug", "run", &file, "--stats"],
        &["run", "--stats", "--gc-debug", &file],
    ];
    for args in arrangements {
        let outcome = pymm(args);
        assert_ran(&outcome, "1\n");
        assert!(
            outcome.stderr.contains("gc: generation 2:"),
            "{args:?}: no --stats table"
        );
        assert!(
            outcome.stderr.contains("gc: done,"),
            "{args:?}: no --gc-debug report"
        );
    }
}

#[test]
fn without_options_nothing_is_printed_on_stderr() {
    let outcome = pymm(&["-c", COLLECT]);
    assert_ran(&outcome, "1\n");
    assert_eq!(outcome.stderr, "");
}

#[test]
fn nothing_to_run_or_two_programs_are_usage_errors() {
    let file = script("empty.py", "");
    for args in [&["--stats"][..], &[], &["-c", "1", "run", &file]] {
        let outcome = pymm(args);
        assert_eq!(outcome.ending, Ending::Exited(2), "{args:?}");
        assert!(
            outcome.stderr.starts_with("error: "),
            "{args:?}: {}",
            outcome.stderr
        );
    }
    let bad_size = pymm(&["--max-heap", "12Q", "-c", "1"]);
    assert_eq!(bad_size.ending, Ending::Exited(2));
    assert!(
        bad_size.stderr.contains("invalid size unit"),
        "{}",
        bad_size.stderr
    );
}

#[test]
fn help_shows_both_forms_and_the_options() {
    let help = pymm(&["--help"]);
    assert_eq!(help.ending, Ending::Exited(0));
    for text in [
        "-c CODE",
        "run FILE",
        "--max-heap <SIZE>",
        "--stats",
        "--gc-debug",
    ] {
        assert!(
            help.stdout.contains(text),
            "--help lacks {text}:\n{}",
            help.stdout
        );
    }
}

#[test]
fn script_arguments_reach_sys_argv() {
    let path = script(
        "argv.py",
        "import sys\nprint(sys.argv[1:], sys.argv[0].endswith('argv.py'))\n",
    );
    let outcome = pymm(&["run", &path, "a", "b", "--", "-x"]);
    assert_ran(&outcome, "['a', 'b', '-x'] True\n");
    let outcome = pymm(&["--stats", "run", &path, "only"]);
    assert_eq!(outcome.stdout, "['only'] True\n");
    let outcome = pymm(&["-c", "import sys; print(sys.argv)"]);
    assert_ran(&outcome, "['-c']\n");
}

/// A folder of modules for the import tests: `helper.py`, `tool/__init__.py`,
/// `tool/__main__.py`, `tool/greet.py` and `broken.py` (raises when imported).
fn module_tree(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let files = [
        ("helper.py", "print('helper imported as', __name__)\nVALUE = 7\n"),
        ("tool/__init__.py", "print('tool package')\n"),
        (
            "tool/__main__.py",
            "import sys\nprint('tool main', __name__, __package__, sys.argv[1:])\n",
        ),
        (
            "tool/greet.py",
            "import sys\nfrom . import __name__ as pkg\nprint('greet', __name__, __package__, pkg, \
             sys.argv[0].endswith('greet.py'), sys.argv[1:])\n",
        ),
        ("broken.py", "def fail():\n    raise KeyError('deep')\n\nfail()\n"),
        ("uses_broken.py", "import broken\n"),
    ];
    for (file, source) in files {
        let path = root.join(file);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("module folder");
        std::fs::write(&path, source).expect("module written");
    }
    root
}

/// pymm with `args`, run in `dir`, with `PYTHONPATH` set when `pythonpath` is given.
fn pymm_in(dir: &std::path::Path, args: &[&str], pythonpath: Option<&str>) -> Outcome {
    let mut command = Command::new(pymm_binary());
    command.args(args).current_dir(dir).env_remove("PYTHONPATH");
    if let Some(path) = pythonpath {
        command.env("PYTHONPATH", path);
    }
    run_with_timeout(command, Duration::from_secs(60)).expect("pymm starts")
}

#[test]
fn dash_m_runs_a_module_or_a_packages_main() {
    let root = module_tree("dash_m");
    let outcome = pymm_in(&root, &["-m", "tool.greet", "a", "-b"], None);
    assert_ran(
        &outcome,
        "tool package\ngreet __main__ tool tool True ['a', '-b']\n",
    );
    let outcome = pymm_in(&root, &["-m", "tool", "x"], None);
    assert_ran(&outcome, "tool package\ntool main __main__ tool ['x']\n");
    let outcome = pymm_in(&root, &["-m", "helper"], None);
    assert_ran(&outcome, "helper imported as __main__\n");
}

#[test]
fn dash_m_reports_what_cannot_run() {
    let root = module_tree("dash_m_errors");
    let cases = [
        ("nowhere", "pymm: No module named nowhere\n"),
        (
            "nowhere.sub",
            "pymm: Error while finding module specification for 'nowhere.sub' \
             (ModuleNotFoundError: No module named 'nowhere')\n",
        ),
    ];
    for (module, message) in cases {
        let outcome = pymm_in(&root, &["-m", module], None);
        assert_eq!(outcome.ending, Ending::Exited(1), "{module}");
        assert_eq!(outcome.stderr, message);
    }
    std::fs::remove_file(root.join("tool/__main__.py")).expect("removed");
    let outcome = pymm_in(&root, &["-m", "tool"], None);
    assert_eq!(outcome.ending, Ending::Exited(1));
    assert!(
        outcome.stderr.ends_with(
            "pymm: No module named tool.__main__; 'tool' is a package and cannot be \
             directly executed\n"
        ),
        "{}",
        outcome.stderr
    );
}

#[test]
fn file_shorthand_runs_like_run_file() {
    let root = module_tree("shorthand");
    let main = root.join("main.py");
    std::fs::write(
        &main,
        "import sys, helper\nprint(sys.argv[1:], helper.VALUE, sys.path[0] == __file__.rsplit('/', 1)[0])\n",
    )
    .expect("main written");
    let main = main.display().to_string();
    let expected = "helper imported as helper\n['x', '--stats'] 7 True\n";
    assert_ran(&pymm(&[&main, "x", "--stats"]), expected);
    let outcome = pymm(&["--stats", &main, "x", "--stats"]);
    assert_eq!(outcome.stdout, expected);
    assert!(
        outcome.stderr.contains("gc: generation 2:"),
        "no --stats table"
    );
}

#[test]
fn dash_c_takes_arguments_and_imports_from_the_current_folder() {
    let root = module_tree("dash_c");
    let outcome = pymm_in(
        &root,
        &[
            "-c",
            "import sys, helper; print(sys.argv, repr(sys.path[0]))",
            "1",
            "2",
        ],
        None,
    );
    assert_ran(&outcome, "helper imported as helper\n['-c', '1', '2'] ''\n");
}

#[test]
fn pythonpath_entries_come_after_the_script_folder() {
    let root = module_tree("pythonpath");
    let elsewhere = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    let outcome = pymm_in(
        &elsewhere,
        &[
            "-c",
            "import sys, helper\nprint(sys.path[1] == sys.argv[1], helper.__file__ == sys.argv[1] + '/helper.py')",
            &root.display().to_string(),
        ],
        Some(&format!("{}:", root.display())),
    );
    assert_ran(&outcome, "helper imported as helper\nTrue True\n");
    let outcome = pymm_in(&elsewhere, &["-c", "import helper"], None);
    assert_eq!(outcome.ending, Ending::Exited(1));
    assert!(outcome
        .stderr
        .ends_with("ModuleNotFoundError: No module named 'helper'\n"));
}

#[test]
fn the_script_folder_is_its_real_folder() {
    // reached through `..` and through a symbolic link, the script's folder on sys.path is
    // the one that holds the file, as python3 resolves it
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-real-folder");
    let (real, other) = (root.join("real"), root.join("other"));
    std::fs::create_dir_all(&real).expect("scratch directory");
    std::fs::create_dir_all(&other).expect("scratch directory");
    std::fs::write(real.join("helper.py"), "VALUE = 'found'\n").expect("helper written");
    let source = "import sys, helper\nprint(sys.path[0].rsplit('/', 1)[1], helper.VALUE)\n";
    std::fs::write(real.join("main.py"), source).expect("script written");
    let link = other.join("link.py");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(real.join("main.py"), &link).expect("link made");
    for path in ["../real/main.py", "link.py"] {
        assert_ran(&pymm_in(&other, &["run", path], None), "real found\n");
    }
}

#[test]
fn an_error_in_an_imported_module_shows_every_file() {
    let root = module_tree("traceback");
    let main = root.join("uses_broken.py").display().to_string();
    let broken = root.join("broken.py").display().to_string();
    let outcome = pymm(&["run", &main]);
    assert_eq!(outcome.ending, Ending::Exited(1));
    let expected = format!(
        "Traceback (most recent call last):\n  File \"{main}\", line 1, in <module>\n    \
         import broken\n  File \"{broken}\", line 4, in <module>\n    fail()\n  File \
         \"{broken}\", line 2, in fail\n    raise KeyError('deep')\nKeyError: 'deep'\n"
    );
    assert_eq!(outcome.stderr, expected);
}

#[test]
fn a_syntax_error_in_an_imported_module_names_its_file_and_line() {
    let root = module_tree("syntax");
    std::fs::write(root.join("bad.py"), "x = 1\ndef f(:\n    pass\n").expect("written");
    let outcome = pymm_in(&root, &["-c", "import bad"], None);
    assert_eq!(outcome.ending, Ending::Exited(1));
    let bad = root.join("bad.py").display().to_string();
    assert!(
        outcome
            .stderr
            .contains(&format!("  File \"{bad}\", line 2\n    def f(:\n")),
        "{}",
        outcome.stderr
    );
    assert!(
        outcome.stderr.ends_with("SyntaxError: invalid syntax\n"),
        "{}",
        outcome.stderr
    );
}

/// Grows the heap past its first arena (300,000 small objects), then prints how many of
/// the process's mappings the kernel was asked to back with transparent huge pages (the
/// `hg` flag of `/proc/self/smaps`).
const COUNT_HUGE_MAPPINGS: &str = "keep = [[i] for i in range(300000)]\n\
    flags = [l for l in open('/proc/self/smaps') if l.startswith('VmFlags:')]\n\
    print(sum(1 for l in flags if ' hg' in l))\n";

#[test]
fn arenas_go_on_huge_pages_only_when_asked_as_cpython_3_14() {
    if !std::path::Path::new("/proc/self/smaps").exists() {
        return;
    }
    let huge_mappings = |switch: Option<&str>| {
        let mut command = Command::new(pymm_binary());
        command.args(["-c", COUNT_HUGE_MAPPINGS]);
        command.env_remove("PYTHON_PYMALLOC_HUGEPAGES");
        if let Some(value) = switch {
            command.env("PYTHON_PYMALLOC_HUGEPAGES", value);
        }
        let outcome = run_with_timeout(command, Duration::from_secs(60)).expect("pymm starts");
        assert_eq!(outcome.ending, Ending::Exited(0), "{}", outcome.stderr);
        outcome.stdout.trim().parse::<usize>().expect("a count")
    };
    assert_eq!(
        huge_mappings(None),
        0,
        "small pages by default, as CPython 3.11"
    );
    assert_eq!(huge_mappings(Some("0")), 0, "zero keeps them off");
    assert!(
        huge_mappings(Some("1")) > 0,
        "a non-zero integer asks for them"
    );
}
