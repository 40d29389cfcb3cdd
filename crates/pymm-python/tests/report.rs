//! `pymm run --report FILE.html --report-json FILE`: the report's data describes the run that
//! was made (its collections, its allocation lines, its cycles), recording does not change
//! what the program prints, and the page embeds everything it needs. (The page as a browser
//! draws it is checked by tools/report-browser/check.mjs, run from .ci/run.)

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use support::{pymm_binary, run_with_timeout, Ending, Outcome};

/// Makes rings of `Node`s (line 6) that only the collector can free, a list of lists that
/// is alive at the peak (line 12), and prints what gc saw.
const PROGRAM: &str = "\
import gc
class Node:
    def __init__(self):
        self.other = None
def ring():
    a = Node(); b = Node()
    a.other = b; b.other = a
for i in range(3000):
    ring()
keep = []
for i in range(20000):
    keep.append([i, i + 1])
print(len(keep), gc.collect() >= 0)
keep = None
stats = gc.get_stats()
print(sum(s['collections'] for s in stats) > 0)
";

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir.join(name)
}

fn pymm(args: &[&str]) -> Outcome {
    let mut command = Command::new(pymm_binary());
    command.args(args);
    run_with_timeout(command, Duration::from_secs(120)).expect("pymm starts")
}

fn as_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Runs PROGRAM with both report files and returns (stdout, json, html).
fn run_reported(tag: &str) -> (Outcome, Value, String) {
    let script = scratch(&format!("{tag}.py"));
    std::fs::write(&script, PROGRAM).expect("script written");
    let (html, json) = (
        scratch(&format!("{tag}.html")),
        scratch(&format!("{tag}.json")),
    );
    let outcome = pymm(&[
        "run",
        "--report",
        as_str(&html),
        "--report-json",
        as_str(&json),
        as_str(&script),
    ]);
    assert_eq!(outcome.ending, Ending::Exited(0), "{}", outcome.stderr);
    let data = serde_json::from_str(&std::fs::read_to_string(&json).expect("json written"))
        .expect("valid JSON");
    let page = std::fs::read_to_string(&html).expect("html written");
    (outcome, data, page)
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn report_describes_the_run() {
    let (outcome, r, page) = run_reported("describes");
    assert_eq!(r["format"], "pymm-report");
    assert_eq!(r["version"], 1);

    // Recording does not change what the program prints.
    let script = scratch("describes.py");
    let plain = pymm(&["run", as_str(&script)]);
    assert_eq!(outcome.stdout, plain.stdout);
    assert_eq!(outcome.stdout, "20000 True\nTrue\n");

    let summary = &r["summary"];
    let collections: Vec<f64> = summary["collections"]
        .as_array()
        .expect("collections")
        .iter()
        .map(num)
        .collect();
    assert!(collections[0] > 0.0, "automatic collections of gen 0");
    // Every ring is garbage for the collector: 3000 rings of 2 nodes (their dicts are
    // inline attribute storage in pymm).
    assert!(num(&summary["freed_by_collector"]) >= 6000.0, "{summary}");
    assert_eq!(summary["freed_by_collector"], summary["garbage_found"]);
    assert!(num(&summary["objects_allocated"]) > 46000.0);
    let freed = num(&summary["freed_by_refcount"]) + num(&summary["freed_by_collector"]);
    assert!(freed <= num(&summary["objects_allocated"]));

    // Markers and pauses agree with the collections.
    let pauses = r["pauses"].as_array().expect("pauses");
    for (g, p) in pauses.iter().enumerate() {
        assert_eq!(num(&p["count"]), collections[g]);
        if collections[g] > 0.0 {
            let (p50, p90, p99, max) = (
                num(&p["p50_micros"]),
                num(&p["p90_micros"]),
                num(&p["p99_micros"]),
                num(&p["max_micros"]),
            );
            assert!(p50 <= p90 && p90 <= p99 && p99 <= max, "{p}");
            let binned: f64 = p["histogram"]["counts"]
                .as_array()
                .unwrap()
                .iter()
                .map(num)
                .sum();
            assert_eq!(binned, collections[g]);
        }
    }
    let timeline = &r["timeline"];
    let markers = timeline["markers"].as_array().unwrap().len() as f64;
    assert_eq!(
        markers + num(&timeline["markers_dropped"]),
        collections.iter().sum::<f64>()
    );
    let samples = timeline["t"].as_array().unwrap().len();
    assert!(samples >= 3);
    for column in ["heap_bytes", "external_bytes", "rss_bytes"] {
        assert_eq!(timeline[column].as_array().unwrap().len(), samples);
    }
    for g in timeline["generations"].as_array().unwrap() {
        assert_eq!(g.as_array().unwrap().len(), samples);
    }

    // Arena snapshots: the pools serving blocks, two characters each per arena, some in use.
    let snapshots = r["arenas"]["snapshots"].as_array().unwrap();
    assert!(snapshots.len() >= 3);
    assert_eq!(snapshots[0]["label"], "start");
    assert_eq!(snapshots.last().unwrap()["label"], "after shutdown");
    let used = snapshots.iter().any(|s| {
        s["arenas"].as_array().unwrap().iter().any(|a| {
            let pools = a["pools"].as_str().unwrap();
            assert_eq!(pools.len(), 2 * pymm_alloc::POOLS_PER_ARENA);
            pools
                .as_bytes()
                .chunks(2)
                .any(|p| p[0].is_ascii_alphabetic())
        })
    });
    assert!(used);

    // The line of `keep.append([i, i + 1])` holds the most live bytes at the peak.
    let sites = r["sites"]["sites"].as_array().unwrap();
    let top = &sites[0];
    assert!(top["file"].as_str().unwrap().ends_with("describes.py"));
    assert_eq!(top["line"], 12, "{top}");
    assert_eq!(top["function"], "<module>");
    assert!(num(&top["live_bytes_at_peak"]) > 100_000.0, "{top}");
    assert!(!top["stacks"].as_array().unwrap().is_empty());
    // A site in ring() shows ring's caller in its stack.
    let in_ring = sites
        .iter()
        .find(|s| s["function"] == "ring")
        .expect("a site in ring()");
    let frames = in_ring["stacks"][0]["frames"].as_array().unwrap();
    assert_eq!(frames[0]["function"], "ring");
    assert_eq!(frames[1]["function"], "<module>");
    assert_eq!(frames[1]["line"], 9);

    // A garbage ring: two Nodes referring to each other, allocated on line 6.
    let graphs = r["cycles"]["graphs"].as_array().unwrap();
    let ring = graphs
        .iter()
        .find(|g| {
            g["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .all(|n| n["type"] == "Node")
        })
        .expect("a ring of Nodes");
    assert_eq!(ring["objects"], 2);
    let mut edges: Vec<String> = ring["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.to_string())
        .collect();
    edges.sort();
    assert_eq!(edges, ["[0,1]", "[1,0]"]);
    for node in ring["nodes"].as_array().unwrap() {
        assert_eq!(node["allocated_at"]["line"], 6, "{node}");
        assert_eq!(node["allocated_at"]["function"], "ring");
    }

    // The page: every section, the data embedded, nothing to fetch.
    for section in ["summary", "timeline", "arenas", "pauses", "sites", "cycles"] {
        assert!(page.contains(&format!("data-section=\"{section}\"")));
    }
    assert!(page.contains("\"format\":\"pymm-report\""));
    assert!(!page.contains("src=\"http") && !page.contains("href=\"http"));
}

#[test]
fn unwritable_report_is_a_clear_error() {
    let script = scratch("unwritable.py");
    std::fs::write(&script, "print('ran')\n").expect("script written");
    let outcome = pymm(&[
        "run",
        "--report",
        "/nonexistent-directory/out.html",
        as_str(&script),
    ]);
    assert_eq!(outcome.stdout, "ran\n");
    assert_eq!(outcome.ending, Ending::Exited(1));
    assert!(
        outcome
            .stderr
            .contains("cannot write report '/nonexistent-directory/out.html'"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_failing_program_still_gets_its_report() {
    let script = scratch("failing.py");
    std::fs::write(&script, "x = [1]\nraise ValueError('boom')\n").expect("script written");
    let json = scratch("failing.json");
    let outcome = pymm(&["run", "--report-json", as_str(&json), as_str(&script)]);
    assert_eq!(outcome.ending, Ending::Exited(1));
    assert!(outcome.stderr.contains("ValueError: boom"));
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(r["program"]["exit_code"], 1);
}

/// Churns through lists (hundreds of collections with no garbage), then makes rings of
/// `Node`s (lines 16-17) and collects them: the only cycles of the run come at its end.
/// Automatic collections are off while the rings are made, so that the explicit one finds
/// them all even in stress mode (which otherwise collects at every allocation).
const LATE_CYCLES: &str = "\
import gc
class Node:
    def __init__(self):
        self.other = None
def churn(rounds):
    keep = []
    for i in range(rounds):
        keep.append([i])
        if len(keep) > 5000:
            keep = []
    return len(keep)
def make_rings(count):
    for i in range(count):
        ring()
def ring():
    a = Node()
    b = Node()
    a.other = b
    b.other = a
print(churn(300000))
gc.disable()
make_rings(50)
print(gc.collect() >= 100)
";

/// The cycles section of a run of `program` (saved as `tag.py`).
fn cycles_of(tag: &str, program: &str) -> Value {
    let script = scratch(&format!("{tag}.py"));
    std::fs::write(&script, program).expect("script written");
    let json = scratch(&format!("{tag}.json"));
    let outcome = pymm(&["run", "--report-json", as_str(&json), as_str(&script)]);
    assert_eq!(outcome.ending, Ending::Exited(0), "{}", outcome.stderr);
    assert_eq!(outcome.stdout, "4941\nTrue\n");
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    r["cycles"].clone()
}

#[test]
fn cycles_made_at_the_end_of_a_run_are_drawn_at_every_run() {
    let first = cycles_of("late-cycles-1", LATE_CYCLES);
    let rings = |cycles: &Value| -> Vec<(Value, Value)> {
        cycles["graphs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| {
                g["nodes"].as_array().unwrap().iter().all(|n| {
                    n["type"] == "Node"
                        && n["allocated_at"]["function"] == "ring"
                        && [16, 17].contains(&n["allocated_at"]["line"].as_u64().unwrap())
                })
            })
            .map(|g| (g["objects"].clone(), g["generation"].clone()))
            .collect()
    };
    let found = rings(&first);
    assert_eq!(found.len(), 1, "one ring of two Nodes: {first}");
    assert_eq!(found[0].0, 2);
    assert_eq!(found[0].1, 2, "found by the final gc.collect()");
    // The choice of collections to analyse depends on the program alone, not on time.
    let second = cycles_of("late-cycles-2", LATE_CYCLES);
    assert_eq!(
        first["collections_examined"],
        second["collections_examined"]
    );
    assert_eq!(rings(&second), found);
}

/// Lists made in a generator resumed through `yield from` (line 7), kept alive, and rings
/// made in another generator (line 12): every resume enters the frame trail again.
const GENERATORS: &str = "\
import gc
class Node:
    def __init__(self):
        self.other = None
def inner(n):
    for i in range(n):
        yield [i, i]
def outer(n):
    yield from inner(n)
def rings(n):
    for i in range(n):
        a = Node(); b = Node()
        a.other = b; b.other = a
        yield i
keep = []
for x in outer(30000):
    keep.append(x)
gc.disable()
for _ in rings(50):
    pass
print(len(keep), gc.collect() >= 100)
";

#[test]
fn allocations_in_resumed_generators_name_their_frames() {
    let script = scratch("generators.py");
    std::fs::write(&script, GENERATORS).expect("script written");
    let json = scratch("generators.json");
    let outcome = pymm(&["run", "--report-json", as_str(&json), as_str(&script)]);
    assert_eq!(outcome.ending, Ending::Exited(0), "{}", outcome.stderr);
    assert_eq!(outcome.stdout, "30000 True\n");
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let frame = |f: &Value| (f["function"].clone(), f["line"].as_u64().unwrap());
    let top = &r["sites"]["sites"][0];
    assert_eq!(frame(top), ("inner".into(), 7), "{top}");
    let stack: Vec<_> = top["stacks"][0]["frames"]
        .as_array()
        .unwrap()
        .iter()
        .map(frame)
        .collect();
    assert_eq!(
        stack,
        [
            ("inner".into(), 7),
            ("outer".into(), 9),
            ("<module>".into(), 16)
        ],
        "{top}"
    );
    let rings =
        r["cycles"]["graphs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| {
                g["nodes"].as_array().unwrap().iter().all(|n| {
                    n["type"] == "Node" && frame(&n["allocated_at"]) == ("rings".into(), 12)
                })
            })
            .count();
    assert!(rings >= 1, "{}", r["cycles"]);
}
