//! Any bytes as `extract --jsonl` input: one output line for every non-blank input line (a
//! dataset or an error object), never an invalid extracted dataset, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stakegraph::batch;

fuzz_target!(|bytes: &[u8]| {
    let mut output = Vec::new();
    let summary = batch::extract_lines(bytes, &mut output).expect("writing to memory cannot fail");
    let text = String::from_utf8(output).expect("the output is UTF-8 JSON");
    assert_eq!(text.lines().count(), summary.extracted + summary.failed);
    assert!(
        !text.contains("the extracted dataset is invalid"),
        "the extractor made an invalid dataset: {text}"
    );
});
