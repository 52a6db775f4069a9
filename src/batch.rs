//! JSON Lines batch extraction: one article a line in, one dataset a line out, streaming, so
//! it runs under any batch engine with memory bounded by the longest line.

use std::fmt;
use std::io::{self, BufRead, Write};

use serde::Deserialize;

use crate::extract::{self, Article};
use crate::format;

/// Lines longer than this are refused (and skipped) rather than read into memory.
pub const LONGEST_LINE_BYTES: usize = 256 << 20;

/// What a batch did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub extracted: usize,
    pub failed: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of {} lines could not be extracted (see their error objects)",
            self.failed,
            self.extracted + self.failed
        )
    }
}

/// One input line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    text: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, alias = "published")]
    date: Option<String>,
}

/// Reads articles from `input`, one JSON object a line, and writes a dataset (or an error
/// object) a line to `output`, in input order. Blank lines are skipped.
pub fn extract_lines(mut input: impl BufRead, output: &mut dyn Write) -> io::Result<Summary> {
    extract_lines_within(&mut input, output, LONGEST_LINE_BYTES)
}

fn extract_lines_within(
    input: &mut impl BufRead,
    output: &mut dyn Write,
    limit: usize,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut buffer = Vec::new();
    let mut number = 0;
    loop {
        buffer.clear();
        let Some(complete) = read_line(input, &mut buffer, limit)? else {
            break;
        };
        number += 1;
        if complete && buffer.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = if complete {
            dataset_of_line(&buffer, number)
        } else {
            Err(format!("the line is longer than {} MiB", limit >> 20))
        };
        match result {
            Ok(json) => {
                summary.extracted += 1;
                output.write_all(json.as_bytes())?;
            }
            Err(error) => {
                summary.failed += 1;
                let object = serde_json::json!({ "line": number, "error": error });
                writeln!(output, "{object}")?;
            }
        }
    }
    output.flush()?;
    Ok(summary)
}

/// The dataset of one line, as one line of canonical JSON.
fn dataset_of_line(bytes: &[u8], number: usize) -> Result<String, String> {
    let line: Line = serde_json::from_slice(bytes)
        .map_err(|error| format!("not an article object ({{\"text\": ...}}): {error}"))?;
    if line.text.trim().is_empty() {
        return Err("the text is empty: there is nothing to extract from".to_owned());
    }
    if line.text.len() > crate::files::MAX_ARTICLE_BYTES {
        return Err(format!(
            "the text is {} MiB, over the limit of {} MiB for one article",
            crate::files::mebibytes(line.text.len()),
            crate::files::MAX_ARTICLE_BYTES >> 20
        ));
    }
    let article = Article {
        id: line
            .id
            .as_deref()
            .map(extract::slug)
            .unwrap_or_else(|| format!("line-{number}")),
        // Without a title, the headline names the dataset, as for an article file.
        title: line
            .title
            .or_else(|| extract::headline(&line.text).map(str::to_owned)),
        published: line.date,
        text: line.text,
    };
    let dataset = extract::extract(std::slice::from_ref(&article), None);
    let loaded = crate::files::checked(dataset)
        .map_err(|invalid| format!("the extracted dataset is invalid: {invalid}"))?;
    Ok(format::to_canonical_json_line(&loaded.dataset))
}

/// Reads one line into `buffer`, without its line end, keeping at most `limit` bytes; the
/// rest of a longer line is skipped. `None` at the end of input, else whether it fit.
fn read_line(
    input: &mut impl BufRead,
    buffer: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<bool>> {
    let mut read_any = false;
    let mut fits = true;
    loop {
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok(read_any.then_some(fits));
        }
        read_any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(end) => (&available[..end], Some(end + 1)),
            None => (available, None),
        };
        if fits {
            if buffer.len() + chunk.len() > limit {
                fits = false;
                buffer.clear();
            } else {
                buffer.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(chunk.len());
        input.consume(used);
        if done.is_some() {
            if buffer.last() == Some(&b'\r') {
                buffer.pop();
            }
            return Ok(Some(fits));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, limit: usize) -> (Summary, Vec<serde_json::Value>) {
        let mut output = Vec::new();
        let summary =
            extract_lines_within(&mut io::Cursor::new(input), &mut output, limit).unwrap();
        let lines = String::from_utf8(output)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        (summary, lines)
    }

    #[test]
    fn one_dataset_a_line_and_errors_in_place() {
        let input = concat!(
            r#"{"id": "a", "text": "Turkey condemned Greece."}"#,
            "\n\n",
            "not json\n",
            r#"{"text": "   "}"#,
            "\n",
            r#"{"text": "Egypt backed France.", "date": "2020-01-08"}"#,
        );
        let (summary, lines) = run(input, 1 << 20);
        assert_eq!(
            summary,
            Summary {
                extracted: 2,
                failed: 2
            }
        );
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0]["format"], "stakegraph/1");
        assert_eq!(lines[0]["relations"][0]["kind"], "opposes");
        assert_eq!(lines[1]["line"], 3);
        assert!(lines[2]["error"].as_str().unwrap().contains("empty"));
        assert_eq!(lines[3]["documents"][0]["id"], "line-5");
        assert_eq!(lines[3]["documents"][0]["published"], "2020-01-08");
    }

    #[test]
    fn a_line_without_a_title_is_titled_by_its_headline() {
        let headline = r#"{"text": "Egypt backs France\n\nEgypt backed France."}"#;
        let titled = r#"{"title": "T", "text": "Egypt backs France\n\nEgypt backed France."}"#;
        let plain = r#"{"text": "Egypt backed France."}"#;
        let (_, lines) = run(&format!("{headline}\n{titled}\n{plain}\n"), 1 << 20);
        assert_eq!(lines[0]["title"], "Egypt backs France");
        assert_eq!(lines[1]["title"], "T");
        assert_eq!(lines[2]["title"], "Extracted from line-3");
    }

    #[test]
    fn a_text_over_the_article_limit_is_refused_in_place_and_the_next_still_read() {
        let sentence = "Turkey backs the government in Tripoli. ";
        let text = sentence.repeat(crate::files::MAX_ARTICLE_BYTES / sentence.len() + 1);
        assert!(text.len() > crate::files::MAX_ARTICLE_BYTES);
        let big = serde_json::json!({ "text": text }).to_string();
        let input = format!("{big}\n{}\n", r#"{"text": "Russia backed Egypt."}"#);
        let (summary, lines) = run(&input, crate::batch::LONGEST_LINE_BYTES);
        assert_eq!(
            summary,
            Summary {
                extracted: 1,
                failed: 1
            }
        );
        assert_eq!(lines[0]["line"], 1);
        let error = lines[0]["error"].as_str().unwrap();
        assert!(
            error.contains("the text is 32.0 MiB, over the limit of 32 MiB for one article"),
            "{error}"
        );
        assert_eq!(lines[1]["relations"][0]["kind"], "supports");
    }

    #[test]
    fn an_overlong_line_is_refused_and_the_next_still_read() {
        let long = format!(r#"{{"text": "{}"}}"#, "x".repeat(5000));
        let input = format!("{long}\n{}\n", r#"{"text": "Russia backed Egypt."}"#);
        let (summary, lines) = run(&input, 1000);
        assert_eq!(summary.failed, 1);
        assert!(lines[0]["error"].as_str().unwrap().contains("longer than"));
        assert_eq!(lines[1]["relations"][0]["kind"], "supports");
    }
}
