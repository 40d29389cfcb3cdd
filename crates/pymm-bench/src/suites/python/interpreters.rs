//! The Python interpreters the `python` suite runs side by side, and how each one is asked
//! to run a program with a loop count.
//!
//! CPython (`python3`) is the reference: its output is what every other interpreter must
//! print. pymm is built here; the peers are used when their command is on `PATH` and skipped
//! with a printed line otherwise (BENCHMARKS.md says how to install each).
//!
//! ```
//! use pymm_bench::suites::python::interpreters::Interpreter;
//! use std::path::Path;
//!
//! let pypy = Interpreter::pypy(Path::new("/usr/bin/pypy3").into());
//! let arguments = pypy.arguments(Path::new("bm_nbody.py"), 10).unwrap();
//! assert_eq!(arguments, ["bm_nbody.py", "10"]);
//! ```

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// How an interpreter takes a program and its loop count on its command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Invocation {
    /// `binary PROGRAM LOOPS`, as `python3` takes it.
    Plain,
    /// `binary run PROGRAM LOOPS` (pymm).
    Run,
    /// `binary -c SOURCE`: the CLI takes no program arguments and its `sys.argv` cannot be
    /// assigned, so the loop count is written into the source in place of `sys.argv`
    /// (pydantic-monty's `monty`).
    SourceWithArgv,
}

/// One interpreter: its name in tables and the binary that runs it.
#[derive(Debug, Clone)]
pub struct Interpreter {
    /// The contender name in tables and JSON.
    pub name: &'static str,
    /// The executable.
    pub binary: PathBuf,
    invocation: Invocation,
}

impl Interpreter {
    /// CPython 3, the reference, at `binary` (see [`locate_python3`]).
    pub fn cpython(binary: PathBuf) -> Self {
        Interpreter {
            name: "cpython",
            binary,
            invocation: Invocation::Plain,
        }
    }

    /// pymm's `pymm run`.
    pub fn pymm(binary: PathBuf) -> Self {
        Interpreter {
            name: "pymm",
            binary,
            invocation: Invocation::Run,
        }
    }

    /// PyPy as `pypy3`.
    pub fn pypy(binary: PathBuf) -> Self {
        Interpreter {
            name: "pypy",
            binary,
            invocation: Invocation::Plain,
        }
    }

    /// RustPython as `rustpython`.
    pub fn rustpython(binary: PathBuf) -> Self {
        Interpreter {
            name: "rustpython",
            binary,
            invocation: Invocation::Plain,
        }
    }

    /// pydantic-monty's command-line interpreter, `monty`.
    pub fn monty(binary: PathBuf) -> Self {
        Interpreter {
            name: "monty",
            binary,
            invocation: Invocation::SourceWithArgv,
        }
    }

    /// The peers found in python3's scripts folder (where `pip install` puts commands) or on
    /// `PATH`, and one line for each one that is not.
    pub fn peers_found(python: &PythonInstall) -> (Vec<Interpreter>, Vec<String>) {
        type Make = fn(PathBuf) -> Interpreter;
        let wanted: [(&str, Make, &str); 3] = [
            ("rustpython", Interpreter::rustpython, "RustPython"),
            ("pypy3", Interpreter::pypy, "PyPy"),
            ("monty", Interpreter::monty, "pydantic-monty"),
        ];
        let mut found = Vec::new();
        let mut missing = Vec::new();
        for (command, make, project) in wanted {
            let in_scripts = python
                .scripts
                .as_ref()
                .map(|folder| folder.join(command))
                .filter(|candidate| is_executable(candidate));
            match in_scripts.or_else(|| find_on_path(command)) {
                Some(binary) => found.push(make(binary)),
                None => missing.push(format!(
                    "{project} skipped: no `{command}` on PATH (BENCHMARKS.md says how to install it)"
                )),
            }
        }
        (found, missing)
    }

    /// The command-line arguments that run `program` with `loops` as its loop count.
    pub fn arguments(&self, program: &Path, loops: usize) -> Result<Vec<OsString>, String> {
        let loops_text = loops.to_string();
        Ok(match self.invocation {
            Invocation::Plain => vec![program.into(), loops_text.into()],
            Invocation::Run => vec!["run".into(), program.into(), loops_text.into()],
            Invocation::SourceWithArgv => {
                let source = std::fs::read_to_string(program)
                    .map_err(|error| format!("cannot read {}: {error}", program.display()))?;
                let argv = format!("[{:?}, {:?}]", program.display().to_string(), loops_text);
                vec!["-c".into(), source.replace("sys.argv", &argv).into()]
            }
        })
    }
}

/// Where `python3` really is, and where its `pip` puts commands.
#[derive(Debug, Clone)]
pub struct PythonInstall {
    /// The interpreter itself (`sys.executable`), or `python3` when it cannot say.
    pub executable: PathBuf,
    /// Its scripts folder (`sysconfig.get_path('scripts')`).
    pub scripts: Option<PathBuf>,
}

/// Asks `python3` where it lives. A version manager's shim on `PATH` (pyenv's is a shell
/// script) would otherwise add its own start-up to every timed run of CPython and of the
/// commands pip installed.
pub fn locate_python3() -> PythonInstall {
    let asked = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, sysconfig; print(sys.executable); print(sysconfig.get_path('scripts'))",
        ])
        .output();
    let text = match asked {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).into_owned()
        }
        _ => String::new(),
    };
    let mut lines = text.lines().map(PathBuf::from);
    let executable = lines
        .next()
        .filter(|path| is_executable(path))
        .unwrap_or_else(|| PathBuf::from("python3"));
    PythonInstall {
        executable,
        scripts: lines.next().filter(|path| path.is_dir()),
    }
}

/// The first executable file named `command` in a directory of `PATH`.
pub fn find_on_path(command: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|directory| directory.join(command))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(candidate: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(candidate)
        .is_ok_and(|metadata| metadata.is_file() && metadata.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pymm_runs_a_program_through_its_run_command() {
        let pymm = Interpreter::pymm(PathBuf::from("pymm"));
        let arguments = pymm.arguments(Path::new("p.py"), 3).unwrap();
        assert_eq!(arguments, ["run", "p.py", "3"]);
    }

    #[test]
    fn monty_gets_the_loop_count_written_into_the_source() {
        let program = std::env::temp_dir().join(format!("argv-{}.py", std::process::id()));
        std::fs::write(&program, "import sys\nprint(int(sys.argv[1]) * 2)\n").unwrap();
        let arguments = Interpreter::monty(PathBuf::from("monty"))
            .arguments(&program, 21)
            .unwrap();
        let _ = std::fs::remove_file(&program);
        assert_eq!(arguments[0], "-c");
        let source = arguments[1].to_str().unwrap();
        assert!(source.ends_with(", \"21\"][1]) * 2)\n"), "{source}");
        assert!(!source.contains("sys.argv"), "{source}");
    }

    #[test]
    fn a_missing_program_file_is_an_error_for_monty() {
        let monty = Interpreter::monty(PathBuf::from("monty"));
        let error = monty
            .arguments(Path::new("/nonexistent/p.py"), 1)
            .unwrap_err();
        assert!(error.contains("/nonexistent/p.py"), "{error}");
    }

    #[test]
    fn python3_is_located_past_any_shim() {
        let python = locate_python3();
        assert!(python.executable.is_absolute(), "{python:?}");
        let version = std::process::Command::new(&python.executable)
            .arg("--version")
            .output()
            .expect("the located python3 runs");
        assert!(String::from_utf8_lossy(&version.stdout).starts_with("Python 3"));
    }

    #[test]
    fn commands_are_found_on_path_and_absent_ones_are_not() {
        assert!(find_on_path("sh").is_some());
        assert!(find_on_path("surely-no-such-interpreter-here").is_none());
    }
}
