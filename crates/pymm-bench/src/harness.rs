//! Measurement: contenders run round robin, several rounds, and the median of each is kept.
//!
//! Machines that benchmarks run on are noisy (two cores shared with compilers). Running the
//! contenders of one figure interleaved spreads that noise over all of them, and the median
//! ignores the rounds a burst of outside work spoiled.
//!
//! ```
//! use pymm_bench::harness::{measure_round_robin, Candidate};
//!
//! let medians = measure_round_robin(
//!     3,
//!     vec![
//!         Candidate::new("a", || Ok(1.0)),
//!         Candidate::new("b", || Ok(2.0)),
//!     ],
//! );
//! assert_eq!(medians[0], ("a", Ok(1.0)));
//! assert_eq!(medians[1], ("b", Ok(2.0)));
//! ```

use std::time::{Duration, Instant};

/// One figure of a benchmark: every value is a cost, lower is better.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Suite that measured it (`alloc`, `rss`, `gc`, `python`).
    pub suite: String,
    /// Workload within the suite, e.g. `fixed_16`.
    pub workload: String,
    /// Who was measured, e.g. `pymm`, `glibc`, `cpython`.
    pub contender: String,
    /// What was measured, e.g. `time` or `rss_after_free_all`.
    pub metric: String,
    /// The median cost.
    pub value: f64,
    /// Unit of `value`, e.g. `ns/op`, `ms/run`, `bytes`.
    pub unit: String,
}

/// The outcome of one sample: a cost, or why the contender could not be measured.
pub type Sample = Result<f64, String>;

/// A named contender: each call of `run` measures one sample.
pub struct Candidate<'a, T = f64> {
    name: &'static str,
    run: Box<dyn FnMut() -> Result<T, String> + 'a>,
}

impl<'a, T> Candidate<'a, T> {
    /// Wraps a sampling closure under a contender name.
    pub fn new(name: &'static str, run: impl FnMut() -> Result<T, String> + 'a) -> Self {
        Candidate {
            name,
            run: Box::new(run),
        }
    }
}

/// Every candidate's samples, or the error that stopped it.
pub type Samples<T> = Vec<(&'static str, Result<Vec<T>, String>)>;

/// Runs every candidate once per round, in turn, for `rounds` rounds (at least one), and
/// returns all samples in the order given. A candidate whose sample fails is not run again;
/// its error is kept instead.
pub fn round_robin<T>(rounds: usize, mut candidates: Vec<Candidate<'_, T>>) -> Samples<T> {
    let mut samples: Vec<Result<Vec<T>, String>> =
        candidates.iter().map(|_| Ok(Vec::new())).collect();
    for _ in 0..rounds.max(1) {
        for (candidate, kept) in candidates.iter_mut().zip(samples.iter_mut()) {
            let Ok(values) = kept else { continue };
            match (candidate.run)() {
                Ok(value) => values.push(value),
                Err(message) => *kept = Err(message),
            }
        }
    }
    candidates
        .iter()
        .map(|candidate| candidate.name)
        .zip(samples)
        .collect()
}

/// [`round_robin`], reduced to each candidate's median sample.
pub fn measure_round_robin(
    rounds: usize,
    candidates: Vec<Candidate<'_>>,
) -> Vec<(&'static str, Sample)> {
    median_of(&round_robin(rounds, candidates), |&value| value)
}

/// The median of `pick(sample)` over each candidate's samples.
pub fn median_of<T>(samples: &Samples<T>, pick: impl Fn(&T) -> f64) -> Vec<(&'static str, Sample)> {
    samples
        .iter()
        .map(|(name, kept)| {
            let values = kept.as_ref().map_err(Clone::clone);
            (
                *name,
                values.map(|values| median(&mut values.iter().map(&pick).collect::<Vec<_>>())),
            )
        })
        .collect()
}

/// The median of `values` (the mean of the two middle ones for an even count); NaN when empty.
pub fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2.0
    }
}

/// The geometric mean of positive `values` (the mean of ratios that treats 2x and 0.5x as
/// opposites); NaN when empty.
///
/// ```
/// use pymm_bench::harness::geometric_mean;
///
/// assert!((geometric_mean(&[2.0, 0.5]) - 1.0).abs() < 1e-12);
/// assert!((geometric_mean(&[1.0, 4.0, 16.0]) - 4.0).abs() < 1e-12);
/// assert!(geometric_mean(&[]).is_nan());
/// ```
pub fn geometric_mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let log_sum: f64 = values.iter().map(|value| value.ln()).sum();
    (log_sum / values.len() as f64).exp()
}

/// Times `work`, returning its result and how long it took.
pub fn timed<R>(work: impl FnOnce() -> R) -> (R, Duration) {
    let start = Instant::now();
    let result = work();
    (result, start.elapsed())
}

/// Nanoseconds per operation for `elapsed` spread over `operations`.
pub fn ns_per(elapsed: Duration, operations: usize) -> f64 {
    elapsed.as_nanos() as f64 / operations.max(1) as f64
}

/// Milliseconds in `elapsed`.
pub fn ms(elapsed: Duration) -> f64 {
    elapsed.as_secs_f64() * 1e3
}

/// Collects the figures of one suite as they are measured.
#[derive(Debug)]
pub struct FigureSink {
    suite: &'static str,
    figures: Vec<Figure>,
    failures: Vec<String>,
    notes: Vec<String>,
}

impl FigureSink {
    /// An empty sink for `suite`.
    pub fn new(suite: &'static str) -> Self {
        FigureSink {
            suite,
            figures: Vec::new(),
            failures: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Records the medians of one workload and metric; failed contenders are noted as such.
    pub fn record(
        &mut self,
        workload: &str,
        metric: &str,
        unit: &str,
        medians: Vec<(&'static str, Sample)>,
    ) {
        for (contender, outcome) in medians {
            match outcome {
                Ok(value) => self.push(workload, contender, metric, value, unit),
                Err(message) => self.fail(workload, contender, &message),
            }
        }
    }

    /// Records one figure.
    pub fn push(&mut self, workload: &str, contender: &str, metric: &str, value: f64, unit: &str) {
        self.figures.push(Figure {
            suite: self.suite.to_string(),
            workload: workload.to_string(),
            contender: contender.to_string(),
            metric: metric.to_string(),
            value,
            unit: unit.to_string(),
        });
    }

    /// Notes that `contender` could not be measured on `workload`, and why (once, however
    /// many metrics the failure spoiled).
    pub fn fail(&mut self, workload: &str, contender: &str, message: &str) {
        let note = format!("{}/{workload}/{contender}: {message}", self.suite);
        if !self.failures.contains(&note) {
            self.failures.push(note);
        }
    }

    /// Adds a line to print under the suite's table (what was skipped, what a figure covers).
    pub fn note(&mut self, text: &str) {
        self.notes.push(text.to_string());
    }

    /// The lines added by [`FigureSink::note`], in order.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The figures and failure notes gathered so far.
    pub fn finish(self) -> (Vec<Figure>, Vec<String>) {
        (self.figures, self.failures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&mut []).is_nan());
    }

    #[test]
    fn round_robin_interleaves_contenders() {
        let order = RefCell::new(Vec::new());
        let samples = round_robin(
            3,
            vec![
                Candidate::new("a", || {
                    order.borrow_mut().push("a");
                    Ok(1.0)
                }),
                Candidate::new("b", || {
                    order.borrow_mut().push("b");
                    Ok(2.0)
                }),
            ],
        );
        assert_eq!(*order.borrow(), ["a", "b", "a", "b", "a", "b"]);
        assert_eq!(samples[1], ("b", Ok(vec![2.0, 2.0, 2.0])));
    }

    #[test]
    fn a_failing_contender_stops_and_keeps_its_error() {
        let mut calls = 0;
        let medians = measure_round_robin(
            4,
            vec![Candidate::new("broken", || {
                calls += 1;
                Err("no such thing".to_string())
            })],
        );
        assert_eq!(medians, [("broken", Err("no such thing".to_string()))]);
        assert_eq!(calls, 1);
    }

    #[test]
    fn sink_records_figures_and_each_failure_once() {
        let mut sink = FigureSink::new("demo");
        let medians = vec![("pymm", Ok(1.5)), ("glibc", Err("gone".to_string()))];
        sink.record("w", "time", "ns/op", medians.clone());
        sink.record("w", "space", "bytes", medians);
        let (figures, failures) = sink.finish();
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].value, 1.5);
        assert_eq!(figures[1].metric, "space");
        assert_eq!(failures, ["demo/w/glibc: gone"]);
    }

    #[test]
    fn sink_keeps_notes_in_order() {
        let mut sink = FigureSink::new("demo");
        sink.note("first");
        sink.note("second");
        assert_eq!(sink.notes(), ["first", "second"]);
    }
}
