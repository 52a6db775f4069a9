//! `cargo bench --bench extract`: extraction throughput on a large input, one core.
//! The input is about 50 MB of news text: the bundled article and the gold-set texts
//! (tests/gold), their paragraphs shuffled by a seeded generator so sentences meet in new
//! orders, as several articles of one dataset. One line for scripts:
//! `extract bytes=… articles=… seconds=… mb_per_s=… entities=… relations=…`.

use std::time::Instant;

use stakegraph::extract::{Article, extract};

const TARGET_BYTES: usize = 50_000_000;
const ARTICLE_BYTES: usize = 200_000;

fn main() {
    let mut paragraphs: Vec<String> = Vec::new();
    let gold = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold");
    let mut texts = vec![stakegraph::bundled::ARTICLE.to_owned()];
    let mut files: Vec<_> = std::fs::read_dir(gold)
        .expect("tests/gold exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for path in files {
        texts.push(std::fs::read_to_string(path).expect("a gold text"));
    }
    for text in &texts {
        paragraphs.extend(
            text.split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .map(str::to_owned),
        );
    }
    // SplitMix64, so the input is the same on every run.
    let mut state: u64 = 7;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut articles = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        let mut text = String::with_capacity(ARTICLE_BYTES + 4096);
        while text.len() < ARTICLE_BYTES {
            let pick = (next() % paragraphs.len() as u64) as usize;
            text.push_str(&paragraphs[pick]);
            text.push_str("\n\n");
        }
        total += text.len();
        articles.push(Article {
            id: format!("a{}", articles.len()),
            text,
            ..Article::default()
        });
    }
    // Warm up the word lists once, as a running program would have.
    extract(&articles[..1], None);
    let started = Instant::now();
    let dataset = extract(&articles, None);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "extract bytes={total} articles={} seconds={seconds:.2} mb_per_s={:.1} entities={} relations={}",
        articles.len(),
        total as f64 / 1e6 / seconds,
        dataset.entities.len(),
        dataset.relations.len()
    );
}
