//! What the property tests share: how many cases each runs.

use proptest::test_runner::Config;

/// The property tests' configuration: 256 cases natively, 4 under Miri (each case there
/// takes seconds), and no failure file (a failing case is printed with its shrunk input).
pub fn proptest_config() -> Config {
    Config {
        cases: if cfg!(miri) { 4 } else { 256 },
        failure_persistence: None,
        ..Config::default()
    }
}
