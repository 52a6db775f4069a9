//! Any bytes as `extract --jsonl` input: for every non-blank input line, in order, one output
//! line: an error object naming that line's number, or a valid dataset whose one document is
//! that line's article (its text byte for byte, its id and date); never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stakegraph::batch;

fuzz_target!(|bytes: &[u8]| {
    let mut output = Vec::new();
    let summary = batch::extract_lines(bytes, &mut output).expect("writing to memory cannot fail");
    let text = String::from_utf8(output).expect("the output is UTF-8 JSON");
    let outputs: Vec<&str> = text.lines().collect();
    assert_eq!(outputs.len(), summary.extracted + summary.failed);

    // The input's lines as the batch reads them: split at \n, a \r before it dropped,
    // numbered from 1, blank ones skipped.
    let mut inputs = Vec::new();
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if bytes.ends_with(b"\n") || bytes.is_empty() {
        lines.pop();
    }
    for (index, line) in lines.into_iter().enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            inputs.push((index + 1, line));
        }
    }
    assert_eq!(outputs.len(), inputs.len(), "one output line an input line");

    for ((number, input), output) in inputs.into_iter().zip(outputs) {
        let value: serde_json::Value = serde_json::from_str(output).expect("each line is JSON");
        if let Some(error) = value.get("error") {
            assert_eq!(value["line"], number, "the error names its line: {output}");
            assert!(
                !error
                    .as_str()
                    .unwrap_or("")
                    .contains("the extracted dataset is invalid"),
                "the extractor made an invalid dataset: {output}"
            );
            continue;
        }
        // A dataset: the line was an article object, and the dataset is that article's.
        let article: serde_json::Value =
            serde_json::from_slice(input).expect("an extracted line was JSON");
        let loaded = stakegraph::format::parse_str(output).expect("a valid dataset");
        assert_eq!(loaded.dataset.documents.len(), 1);
        let document = &loaded.dataset.documents[0];
        assert_eq!(Some(document.text.as_str()), article["text"].as_str());
        if let Some(date) = article.get("date").or_else(|| article.get("published")) {
            assert_eq!(document.published.as_deref(), date.as_str());
        }
        if article.get("id").and_then(|id| id.as_str()).is_none() {
            assert_eq!(document.id, format!("line-{number}"));
        }
    }
});
