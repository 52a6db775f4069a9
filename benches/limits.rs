//! `cargo bench --bench limits`: the worst inputs each limit allows, and what reading them
//! costs: seconds and peak memory, each case in a process of its own (this binary again, with
//! the case's name), so one case's peak is not another's. One line a case:
//! `limits case=tiny-entities bytes=… seconds=… peak_mb=… outcome=refused`.
//! Peak memory (with the input itself, which takes its size) is read from /proc (Linux);
//! elsewhere it prints `peak_mb=n/a`.

use std::process::Command;
use std::time::Instant;

use stakegraph::extract;
use stakegraph::files::{self, MAX_ARTICLE_BYTES, MAX_INPUT_BYTES, Source};
use stakegraph::format;

/// Just under the file limit, so a case is read, not refused by its size.
const FILE_BYTES: usize = MAX_INPUT_BYTES as usize - (1 << 20);

/// A dataset of `items` repeated until the file is nearly `FILE_BYTES`, in list `key`.
fn dataset_of(key: &str, item: &str, count: usize) -> String {
    let lists = ["documents", "entities", "relations"]
        .map(|list| format!("\"{list}\": {}", if list == key { "ITEMS" } else { "[]" }));
    let top = format!(
        r#"{{"format": "stakegraph/1", "title": "t", {}}}"#,
        lists.join(", ")
    );
    let mut items = String::with_capacity(count * (item.len() + 1) + 2);
    items.push('[');
    for i in 0..count {
        if i > 0 {
            items.push(',');
        }
        items.push_str(&item.replace("{i}", &i.to_string()));
    }
    items.push(']');
    top.replace("ITEMS", &items)
}

/// How many of `item` fill a file, its `{i}` numbered up to 7 digits.
fn fill(item: &str) -> usize {
    FILE_BYTES / (item.len() + 8)
}

/// The input of each case: (name, bytes, read as an article).
fn case(name: &str) -> (Vec<u8>, bool) {
    match name {
        "tiny-entities" => {
            let item = r#"{"id": "e{i}", "name": "E", "kind": "country"}"#;
            (dataset_of("entities", item, fill(item)).into_bytes(), false)
        }
        "empty-objects" => (
            dataset_of("entities", "{}", FILE_BYTES / 3).into_bytes(),
            false,
        ),
        "most-entities-and-relations" => {
            let entities = (0..100_000)
                .map(|i| format!(r#"{{"id": "e{i}", "name": "Entity {i}", "kind": "country"}}"#));
            let text = "Turkey backs Libya.";
            let relations = (0..200_000).map(|i| {
                format!(
                    r#"{{"id": "r{i}", "source": "e{}", "target": "e{}", "kind": "supports", "evidence": [{{"document": "d", "start": 0, "end": 19, "quote": "{text}"}}]}}"#,
                    i % 100_000,
                    (i * 7 + 1) % 100_000
                )
            });
            let json = format!(
                r#"{{"format": "stakegraph/1", "title": "t", "documents": [{{"id": "d", "text": "{text}"}}], "entities": [{}], "relations": [{}]}}"#,
                entities.collect::<Vec<_>>().join(","),
                relations.collect::<Vec<_>>().join(",")
            );
            (json.into_bytes(), false)
        }
        "most-quotes" => {
            let quote = r#"{"document": "d", "start": 0, "end": 1, "quote": "a"}"#;
            let evidence = vec![quote; 1_600].join(",");
            let item = format!(
                r#"{{"id": "r{{i}}", "source": "a", "target": "a", "kind": "meets", "evidence": [{evidence}]}}"#
            );
            (
                dataset_of("relations", &item, fill(&item)).into_bytes(),
                false,
            )
        }
        "many-fields" => {
            let fields: Vec<String> = (0..1_000).map(|f| format!("\"k{f}\": 0")).collect();
            let item = format!("{{{}}}", fields.join(","));
            (
                dataset_of("entities", &item, fill(&item)).into_bytes(),
                false,
            )
        }
        "huge-string" => {
            let item = format!(
                r#"{{"id": "d", "text": "{}"}}"#,
                "a".repeat(FILE_BYTES - 200)
            );
            (dataset_of("documents", &item, 1).into_bytes(), false)
        }
        "deep-nesting" => {
            let half = FILE_BYTES / 2 - 100;
            let deep = format!("{}{}", "[".repeat(half), "]".repeat(half));
            (dataset_of("entities", &deep, 1).into_bytes(), false)
        }
        "largest-article" => {
            let gold = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold"))
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .filter(|path| path.extension().is_some_and(|e| e == "txt"))
                .map(|path| std::fs::read_to_string(path).unwrap())
                .collect::<Vec<_>>()
                .join("\n\n");
            let mut text = gold.repeat(MAX_ARTICLE_BYTES / gold.len() + 1);
            let mut end = MAX_ARTICLE_BYTES;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
            (text.into_bytes(), true)
        }
        _ => panic!("no case {name}"),
    }
}

const CASES: &[&str] = &[
    "tiny-entities",
    "empty-objects",
    "most-entities-and-relations",
    "most-quotes",
    "many-fields",
    "huge-string",
    "deep-nesting",
    "largest-article",
];

/// Runs one case in this process and prints its line.
fn run(name: &str) {
    let (bytes, article) = case(name);
    let size = bytes.len();
    assert!(
        size <= MAX_INPUT_BYTES as usize,
        "{name} is over the file limit"
    );
    // The peak from here on: what reading costs, with the input itself held (Linux 4.0+).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let started = Instant::now();
    let outcome = if article {
        let article = files::article_from_bytes(&Source::Stdin, bytes).expect("an article");
        let dataset = extract::extract(std::slice::from_ref(&article), None);
        match files::checked(dataset) {
            Ok(_) => "extracted",
            Err(_) => "invalid",
        }
    } else {
        match format::parse_bytes(&bytes) {
            Ok(_) => "loaded",
            Err(_) => "refused",
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.0}", kb / 1024.0))
        })
        .unwrap_or_else(|| "n/a".to_owned());
    println!(
        "limits case={name} bytes={size} seconds={seconds:.2} peak_mb={peak} outcome={outcome}"
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--case") {
        run(&args[at + 1]);
        return;
    }
    let wanted: Vec<&String> = args[1..].iter().filter(|a| !a.starts_with('-')).collect();
    let me = std::env::current_exe().unwrap();
    for name in CASES {
        if !wanted.is_empty() && !wanted.iter().any(|w| name.contains(w.as_str())) {
            continue;
        }
        let status = Command::new(&me).args(["--case", name]).status().unwrap();
        assert!(status.success(), "case {name} failed");
    }
}
