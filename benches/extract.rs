//! `cargo bench --bench extract`: extraction throughput on a large input, one core.
//! The input is about 50 MB of news text: the bundled article and the development texts
//! (tests/gold, tests/corpus/dev), their paragraphs shuffled by a seeded generator so
//! sentences meet in new orders, as several articles of one dataset. Lines for scripts: first
//! the process's peak memory in one extraction of 32 MiB against the text's size
//! (`extract peak_rss_mb=… text_mb=… times_text=…`, from /proc on Linux), then
//! `extract bytes=… articles=… seconds=… mb_per_s=… entities=… relations=…`, then one line
//! a stage (`extract stage=… seconds=… share=…`).

use std::time::Instant;

use stakegraph::extract::{Article, extract, extract_timed};

/// The process's peak resident memory in bytes (VmHWM), where /proc tells.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

const TARGET_BYTES: usize = 50_000_000;
const ARTICLE_BYTES: usize = 200_000;

fn main() {
    let mut paragraphs: Vec<String> = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![stakegraph::bundled::ARTICLE.to_owned()];
    let mut files: Vec<_> = ["tests/gold", "tests/corpus/dev"]
        .iter()
        .flat_map(|folder| std::fs::read_dir(root.join(folder)).expect("the folder exists"))
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
    // Peak memory of one extraction of 32 MiB, the most one extraction reads, measured first,
    // while the process holds little else: the peak is the process's, so a larger run before
    // it would hide it.
    let size = 32 * 1024 * 1024;
    let mut text = String::with_capacity(size + 4096);
    let mut at = 0;
    while text.len() < size {
        text.push_str(&paragraphs[at % paragraphs.len()]);
        text.push_str("\n\n");
        at += 7;
    }
    let before = peak_rss();
    let article = [Article {
        id: "big".to_owned(),
        text,
        ..Article::default()
    }];
    let relations = extract(&article, None).relations.len();
    if let (Some(before), Some(after)) = (before, peak_rss()) {
        let text_mb = article[0].text.len() as f64 / 1e6;
        println!(
            "extract peak_rss_mb={:.0} before_mb={:.0} text_mb={text_mb:.0} times_text={:.1} relations={}",
            after as f64 / 1e6,
            before as f64 / 1e6,
            after as f64 / 1e6 / text_mb,
            relations
        );
    }
    drop(article);
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
    drop(dataset);
    let (_, times) = extract_timed(&articles, None, &|_, _| {});
    let stages = [
        ("normalise", times.normalise),
        ("actors", times.actors),
        ("resolve", times.resolve),
        ("tags", times.tags),
        ("relations", times.relations),
        ("build", times.build),
    ];
    let all: f64 = stages.iter().map(|(_, d)| d.as_secs_f64()).sum();
    for (stage, time) in stages {
        println!(
            "extract stage={stage} seconds={:.2} share={:.0}%",
            time.as_secs_f64(),
            time.as_secs_f64() / all * 100.0
        );
    }
}
