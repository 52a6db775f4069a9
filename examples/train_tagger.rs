//! Trains the part-of-speech tagger (`src/extract/tagger.rs`) on the texts tagged by
//! `training/tagger/tag.py` and writes `assets/tagger/model.bin`.
//!
//! `cargo run --release --example train_tagger` (from the repository's root). Every tenth
//! text, in name order, is held out: the model is trained on the others and its accuracy on
//! the held-out texts printed (and checked by `tests/tagger.rs`); their names go to
//! `training/tagger/held-out.txt`. The same tagged texts always give the same model bytes.

use std::path::{Path, PathBuf};

use stakegraph::extract::tagger::{self, Example};

const ITERATIONS: usize = 8;
fn text_of(root: &Path, stem: &str) -> PathBuf {
    tagger::tagged_text(root, stem).unwrap_or_else(|| panic!("no text for {stem}"))
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut tagged: Vec<PathBuf> = std::fs::read_dir(root.join("training/tagger/tagged"))
        .expect("training/tagger/tagged: run training/tagger/tag.py first")
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.extension().is_some_and(|e| e == "tags"))
        .collect();
    tagged.sort();
    let (mut train, mut held_out, mut held_out_names) = (Vec::new(), Vec::new(), Vec::new());
    let mut tokens = 0;
    for (n, path) in tagged.iter().enumerate() {
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a name");
        let text = std::fs::read_to_string(text_of(root, stem)).expect("a readable text");
        let tags = tagger::read_tags(&std::fs::read_to_string(path).expect("readable tags"))
            .unwrap_or_else(|| panic!("{} is not START END TAG lines", path.display()));
        let examples: Vec<Example> = tagger::examples(&text, &tags);
        tokens += examples.iter().map(|e| e.words.len()).sum::<usize>();
        if n % 10 == 9 {
            held_out.extend(examples);
            held_out_names.push(stem.to_owned());
        } else {
            train.extend(examples);
        }
    }
    let started = std::time::Instant::now();
    let model = tagger::train(&train, ITERATIONS);
    let took = started.elapsed();
    let (all, open) = tagger::accuracy(&model, &held_out);
    let (train_all, _) = tagger::accuracy(&model, &train);
    let bytes = model.to_bytes();
    std::fs::write(root.join("assets/tagger/model.bin"), &bytes).expect("model written");
    let names: String = held_out_names.iter().map(|n| format!("{n}\n")).collect();
    std::fs::write(root.join("training/tagger/held-out.txt"), names).expect("list written");
    println!(
        "texts: {} ({} held out), tokens: {tokens}",
        tagged.len(),
        held_out_names.len()
    );
    println!(
        "held-out accuracy: {:.4} (words not in the dictionary: {open:.4})",
        all
    );
    println!("training accuracy: {train_all:.4}");
    println!(
        "model: {} bytes, trained in {:.1} s",
        bytes.len(),
        took.as_secs_f64()
    );
}
