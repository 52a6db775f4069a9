//! The first steps of extraction: a normalised copy of an article that remembers where each of
//! its bytes came from, and sentence boundaries that news abbreviations, quotations and
//! datelines do not fool.
//!
//! Rules run on the normalised text (one kind of quote, dash and space, `\n` line ends);
//! evidence is reported in the original's byte offsets, so quotes stay verbatim.

use std::ops::Range;

/// A normalised copy of a text, with the original byte offset of each of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    origin: Origin,
}

/// Where each byte of the normalised text came from, kept as the points where the mapping
/// stops being a plain shift: byte `n` came from `o + (n - m)` for the last anchor `(m, o)`
/// at or before `n`. A text that needs no replacement has one anchor, however long it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Origin {
    anchors: Vec<(usize, usize)>,
}

impl Origin {
    /// Byte `normalized` (the next one) came from byte `original`.
    fn push(&mut self, normalized: usize, original: usize) {
        let shifted = self.anchors.last().map(|&(m, o)| o + (normalized - m));
        if shifted != Some(original) {
            self.anchors.push((normalized, original));
        }
    }

    fn of(&self, normalized: usize) -> usize {
        let after = self.anchors.partition_point(|&(m, _)| m <= normalized);
        match after.checked_sub(1).map(|i| self.anchors[i]) {
            Some((m, o)) => o + (normalized - m),
            None => normalized,
        }
    }
}

impl Normalized {
    /// Straightens curly quotes, turns dashes into `-`, odd spaces into ` `, an ellipsis
    /// character into `...`, and CRLF or CR line ends into `\n`.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Origin::default();
        let mut characters = original.char_indices().peekable();
        while let Some((at, character)) = characters.next() {
            // Most of a text is plain ASCII, kept as it is.
            if character.is_ascii() && !matches!(character, '\r' | '\t') {
                origin.push(text.len(), at);
                text.push(character);
                continue;
            }
            let replacement: &str = match character {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
                | '\u{00BB}' => "\"",
                '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
                '\u{00A0}'
                | '\u{2000}'..='\u{200A}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\t' => " ",
                '\u{2026}' => "...",
                '\r' => {
                    if characters.peek().is_some_and(|&(_, next)| next == '\n') {
                        // The `\n` that follows stands for both.
                        continue;
                    }
                    "\n"
                }
                _ => {
                    for i in 0..character.len_utf8() {
                        origin.push(text.len() + i, at + i);
                    }
                    text.push(character);
                    continue;
                }
            };
            for i in 0..replacement.len() {
                origin.push(text.len() + i, at);
            }
            text.push_str(replacement);
        }
        origin.push(text.len(), original.len());
        Self { text, origin }
    }

    /// The original byte range of `span` of the normalised text. Spans end where the next
    /// character starts in the original, so a replaced character is taken whole.
    pub fn original_span(&self, span: Range<usize>) -> Range<usize> {
        let end = self.text.len();
        let at = |offset: usize| self.origin.of(offset.min(end));
        at(span.start)..at(span.end)
    }
}

/// Words that end with a period without ending a sentence ("Gen. Hifter", "Jan. 12").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "brig", "cpl", "gov", "sen", "rep", "rev", "st", "sr", "jr", "no", "vs", "etc", "inc", "ltd",
    "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "ft", "mt", "approx",
];

/// The sentences of `text`, as byte ranges, trimmed of surrounding spaces, in order.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets after it) when the
/// next word starts a new sentence, and always at a line break. A period after a known
/// abbreviation, a single initial or a dotted acronym ("U.N.") ends nothing unless a line
/// break follows. A dateline opening a paragraph ("BRUSSELS - ") is not part of the sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    let mut at = 0;
    let push = |found: &mut Vec<Range<usize>>, from: usize, to: usize| {
        let piece = &text[from..to];
        let trimmed_start = from + (piece.len() - piece.trim_start().len());
        let trimmed_end = from + piece.trim_end().len();
        if trimmed_start < trimmed_end {
            let from = skip_dateline(text, trimmed_start, trimmed_end);
            found.push(from..trimmed_end);
        }
    };
    while at < bytes.len() {
        match bytes[at] {
            b'\n' => {
                push(&mut found, start, at);
                start = at + 1;
            }
            b'.' | b'!' | b'?' => {
                let mut end = at + 1;
                while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
                    end += 1;
                }
                while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                    end += 1;
                }
                if ends_sentence(text, start, at, end) {
                    push(&mut found, start, end);
                    start = end;
                }
                at = end;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    push(&mut found, start, bytes.len());
    found
}

/// Whether the mark at `mark` (closing quotes up to `end`) ends the sentence begun at `start`.
fn ends_sentence(text: &str, start: usize, mark: usize, end: usize) -> bool {
    let after = &text[end..];
    let next = after.trim_start_matches(' ');
    if next.is_empty() || next.starts_with('\n') {
        return true;
    }
    // Glued to what follows ("3.5", "U.N.-backed", "example.com"): not an end.
    if after.len() == next.len() {
        return false;
    }
    let next_starts_sentence = next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '('));
    if !next_starts_sentence {
        return false;
    }
    if text.as_bytes()[mark] != b'.' {
        return true;
    }
    let word_start = text[start..mark]
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
        .map_or(start, |(i, c)| start + i + c.len_utf8());
    let word = &text[word_start..mark];
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted_acronym = word.contains('.');
    let abbreviation = is_abbreviation(word);
    !(single_initial || dotted_acronym || abbreviation)
}

/// Whether `word` (without its period) is a known abbreviation ("Gen", "Jan").
pub(crate) fn is_abbreviation(word: &str) -> bool {
    word.len() <= 6
        && ABBREVIATIONS
            .iter()
            .any(|abbreviation| abbreviation.eq_ignore_ascii_case(word))
}

/// The dateline opening `text` ("MEXICO CITY (AP)", "NAIROBI, Kenya"), if it has one: the
/// place a report was written.
pub fn dateline(text: &str) -> Option<&str> {
    let first = text.lines().find(|line| !line.trim().is_empty())?;
    let start = first.len() - first.trim_start().len();
    let after = skip_dateline(first, start, first.len());
    (after > start).then(|| {
        first[start..after]
            .trim_end()
            .trim_end_matches('-')
            .trim_end()
    })
}

/// The first dash that ends a dateline in `piece`: " - " or, in copy sent as plain ASCII,
/// " -- "; where it starts and how long it is.
fn dateline_dash(piece: &str) -> Option<(usize, usize)> {
    let single = piece.find(" - ").map(|at| (at, 3));
    let double = piece.find(" -- ").map(|at| (at, 4));
    match (single, double) {
        (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Where the sentence starts once a dateline ("BRUSSELS - ", "UNITED NATIONS (AP) - ",
/// "NAIROBI, Kenya (AP) - ", "NIAMEY, Niger (Reuters) -- ") is skipped: a place in capitals,
/// then maybe its region or country and the agency.
fn skip_dateline(text: &str, start: usize, end: usize) -> usize {
    let piece = &text[start..end];
    let Some((dash, dash_len)) = dateline_dash(piece) else {
        return start;
    };
    let head = &piece[..dash];
    let place = head.split(',').next().unwrap_or(head);
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    let is_dateline = letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && head.len() <= 60
        && head
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | ',' | '.' | '(' | ')' | '\''));
    if is_dateline {
        start + dash + dash_len
    } else {
        start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: &[&str]) {
        let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_period_after_wide_whitespace_is_not_cut_inside_it() {
        // Found by fuzzing: U+2029 is whitespace three bytes long.
        check("\u{2029}. C", &[".", "C"]);
        check("Gen.\u{2003}Haftar. Next", &["Gen.\u{2003}Haftar.", "Next"]);
    }

    #[test]
    fn normalisation_keeps_the_way_back_to_the_original() {
        let original = "Turkey’s “plan” – a\u{a0}deal…\r\nNext";
        let normalized = Normalized::new(original);
        assert_eq!(normalized.text, "Turkey's \"plan\" - a deal...\nNext");
        let quote = normalized.text.find("'s \"plan\"").unwrap();
        let span = normalized.original_span(quote..quote + "'s \"plan\"".len());
        assert_eq!(&original[span], "’s “plan”");
        let next = normalized.text.find("Next").unwrap();
        assert_eq!(
            &original[normalized.original_span(next..normalized.text.len())],
            "Next"
        );
        let whole = normalized.original_span(0..normalized.text.len());
        assert_eq!(&original[whole], original);
    }

    #[test]
    fn abbreviations_initials_and_acronyms_do_not_end_sentences() {
        check(
            "Russia backed Gen. Khalifa Hifter. The U.N. envoy met Dr. Smith on Jan. 12. He left.",
            &[
                "Russia backed Gen. Khalifa Hifter.",
                "The U.N. envoy met Dr. Smith on Jan. 12.",
                "He left.",
            ],
        );
        check(
            "John F. Kennedy spoke. Growth was 3.5 percent.",
            &["John F. Kennedy spoke.", "Growth was 3.5 percent."],
        );
        check(
            "It cost $5 in the U.S.\nThen more.",
            &["It cost $5 in the U.S.", "Then more."],
        );
    }

    #[test]
    fn quotations_and_datelines() {
        check(
            "\"We are ready.\" Erdogan said. \"Is it over?\" she asked.",
            &[
                "\"We are ready.\"",
                "Erdogan said.",
                "\"Is it over?\" she asked.",
            ],
        );
        check(
            "BRUSSELS - Turkey and Russia called for a cease-fire.\n\nUNITED NATIONS (AP) - The council met.",
            &[
                "Turkey and Russia called for a cease-fire.",
                "The council met.",
            ],
        );
        check(
            "NAIROBI, Kenya (AP) - Pirates hijacked a ship.\n\nKYIV, Ukraine - Drones struck.",
            &["Pirates hijacked a ship.", "Drones struck."],
        );
        check(
            "NIAMEY, Niger (Reuters) -- Niger said it would sell uranium.",
            &["Niger said it would sell uranium."],
        );
        assert_eq!(
            dateline("NIAMEY, Niger (Reuters) -- Niger said it."),
            Some("NIAMEY, Niger (Reuters)")
        );
        check("A - B is not a dateline.", &["A - B is not a dateline."]);
        check(
            "Kenya, Uganda - and Tanzania - met.",
            &["Kenya, Uganda - and Tanzania - met."],
        );
    }

    #[test]
    fn the_seed_article_splits_where_a_reader_would() {
        let article = Normalized::new(crate::bundled::ARTICLE);
        let found: Vec<&str> = sentences(&article.text)
            .into_iter()
            .map(|r| &article.text[r])
            .collect();
        assert!(found.contains(
            &"Following a meeting in Istanbul, the Turkish and Russian presidents called for the cease-fire to start at midnight on Jan. 12."
        ));
        assert!(
            found
                .iter()
                .any(|s| s.starts_with("Turkey and Russia called for a cease-fire"))
        );
        assert!(
            found
                .iter()
                .any(|s| s.starts_with("Turkey is supporting")
                    && s.ends_with("Gen. Khalifa Hifter."))
        );
        assert!(found.iter().all(|s| !s.starts_with("BRUSSELS")));
    }

    #[test]
    fn odd_inputs_do_not_break_it() {
        for text in [
            "", ".", "...", "\n\n", "a.b.c.", "Ü. Ö.", "\"", " - ", "ÀÀ - x",
        ] {
            for range in sentences(text) {
                assert!(text.get(range).is_some());
            }
            let normalized = Normalized::new(text);
            let span = normalized.original_span(0..normalized.text.len());
            assert_eq!(&text[span], text);
        }
    }
}
