//! Bad input and faults: the fuzz seeds (with every input the fuzzers found) replayed through
//! the fuzz targets' checks, and one test for each class of bad input in ARCHITECTURE.md.

use std::path::{Path, PathBuf};

use stakegraph::export::{self, PictureOptions};
use stakegraph::files::{self, Source};
use stakegraph::{batch, extract, format};

fn seeds(target: &str) -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("{}: {error}", directory.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seeds in {}", directory.display());
    paths
}

/// What `fuzz/fuzz_targets/dataset.rs` checks.
#[test]
fn dataset_seeds_load_round_trip_and_render() {
    for path in seeds("dataset") {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(loaded) = format::parse_bytes(&bytes) else {
            continue;
        };
        let json = format::to_canonical_json(&loaded.dataset);
        let again = format::parse_str(&json).unwrap();
        let json_again = format::to_canonical_json(&again.dataset);
        assert_eq!(json_again, json, "{}", path.display());
        let scene = export::picture(&loaded.dataset, &PictureOptions::default()).unwrap();
        assert!(
            export::to_svg(&scene).contains("</svg>"),
            "{}",
            path.display()
        );
    }
}

/// What `fuzz/fuzz_targets/article.rs` checks.
#[test]
fn article_seeds_extract_to_valid_datasets() {
    for path in seeds("article") {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(article) = files::article_from_bytes(&Source::Stdin, bytes) else {
            continue;
        };
        let dataset = extract::extract(std::slice::from_ref(&article), None);
        if let Err(invalid) = files::checked(dataset) {
            panic!("{}: {:?}", path.display(), invalid.errors);
        }
    }
}

/// What `fuzz/fuzz_targets/jsonl.rs` checks.
#[test]
fn jsonl_seeds_give_a_line_for_every_line() {
    for path in seeds("jsonl") {
        let bytes = std::fs::read(&path).unwrap();
        let mut output = Vec::new();
        let summary = batch::extract_lines(bytes.as_slice(), &mut output).unwrap();
        let text = String::from_utf8(output).unwrap();
        assert_eq!(text.lines().count(), summary.extracted + summary.failed);
        assert!(!text.contains("the extracted dataset is invalid"), "{text}");
    }
}
