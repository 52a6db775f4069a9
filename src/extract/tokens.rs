//! Words and punctuation of a normalised sentence, with their byte spans, so rules can match
//! word sequences and still report exact places.
//!
//! A word keeps its inner hyphens and periods ("U.N.-recognized", "el-Sissi", "cease-fire"),
//! the period of an abbreviation or initial ("Gen.", "F.") and inner apostrophes ("didn't"); a
//! possessive `'s` is a token of its own, so "Turkey's" is "Turkey" then "'s".

use std::ops::{Index, Range};

use super::text::is_abbreviation;

/// The ASCII lower case of one stretch of a text, read with the text's own byte offsets
/// (`&lower[token.span]`), so a long text is not copied whole to be lower-cased.
#[derive(Default)]
pub struct Lower {
    text: String,
    start: usize,
}

impl Lower {
    /// `text[range]` lower-cased in place of what was held, reusing its memory.
    pub fn set(&mut self, text: &str, range: Range<usize>) {
        self.text.clear();
        self.text.push_str(&text[range.clone()]);
        self.text.make_ascii_lowercase();
        self.start = range.start;
    }
}

impl Index<Range<usize>> for Lower {
    type Output = str;

    /// Bytes of the text, which must lie in the stretch held.
    fn index(&self, range: Range<usize>) -> &str {
        &self.text[range.start - self.start..range.end - self.start]
    }
}

/// One token: a word or a punctuation mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the normalised text.
    pub span: Range<usize>,
    pub is_word: bool,
}

/// The tokens of `text[range]`, with spans in `text`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, range, &mut tokens);
    tokens
}

/// `tokenize` into `tokens` (cleared first), reusing its memory.
pub fn tokenize_into(text: &str, range: Range<usize>, tokens: &mut Vec<Token>) {
    tokens.clear();
    let bytes = text.as_bytes();
    let mut at = range.start;
    let end = range.end;
    let is_word_char = |c: char| c.is_alphanumeric();
    while at < end {
        let Some(character) = text[at..end].chars().next() else {
            break;
        };
        if character.is_whitespace() {
            at += character.len_utf8();
            continue;
        }
        if !is_word_char(character) {
            // A possessive `'s` stands alone.
            if character == '\''
                && at + 2 <= end
                && bytes[at + 1] == b's'
                && text[at + 2..end]
                    .chars()
                    .next()
                    .is_none_or(|c| !is_word_char(c))
            {
                tokens.push(Token {
                    span: at..at + 2,
                    is_word: true,
                });
                at += 2;
                continue;
            }
            let width = character.len_utf8();
            tokens.push(Token {
                span: at..at + width,
                is_word: false,
            });
            at += width;
            continue;
        }
        let start = at;
        let mut cursor = at;
        while let Some(c) = text[cursor..end].chars().next() {
            if is_word_char(c) {
                cursor += c.len_utf8();
                continue;
            }
            let next = text[cursor + c.len_utf8()..end].chars().next();
            let next_is_word = next.is_some_and(is_word_char);
            match c {
                '-' | '.' if next_is_word => cursor += 1,
                // "U.N.-recognized": an acronym glued to a participle.
                '.' if next == Some('-')
                    && text[cursor + 2..end]
                        .chars()
                        .next()
                        .is_some_and(is_word_char) =>
                {
                    cursor += 2;
                }
                '\'' if next_is_word && next != Some('s') => cursor += 1,
                '\'' if next_is_word => {
                    // "'s" followed by more letters is part of the word ("Ha'shem").
                    let after = text[cursor + 2..end].chars().next();
                    if after.is_some_and(is_word_char) {
                        cursor += 2;
                    } else {
                        break;
                    }
                }
                '.' => {
                    // Keep the final period of an acronym, abbreviation or initial.
                    let word = &text[start..cursor];
                    let single_initial =
                        word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                    if word.contains('.') || single_initial || is_abbreviation(word) {
                        cursor += 1;
                    }
                    break;
                }
                _ => break,
            }
        }
        tokens.push(Token {
            span: start..cursor,
            is_word: true,
        });
        at = cursor;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stretch_lower_cased_is_read_at_the_texts_offsets() {
        let text = "Turkey's Erdoğan MET Putin.";
        let mut lower = Lower::default();
        lower.set(text, 9..text.len());
        let words: Vec<&str> = tokenize(text, 9..text.len())
            .into_iter()
            .map(|t| &lower[t.span])
            .collect();
        assert_eq!(words, ["erdoğan", "met", "putin", "."]);
        lower.set(text, 0..6);
        assert_eq!(&lower[0..6], "turkey");
    }

    #[track_caller]
    fn check(text: &str, expected: &[&str]) {
        let found: Vec<&str> = tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| &text[t.span])
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn words_punctuation_and_possessives() {
        check(
            "Turkey's U.N.-recognized ally, Gen. Hifter, didn't back el-Sissi.",
            &[
                "Turkey",
                "'s",
                "U.N.-recognized",
                "ally",
                ",",
                "Gen.",
                "Hifter",
                ",",
                "didn't",
                "back",
                "el-Sissi",
                ".",
            ],
        );
        check(
            "John F. Kennedy met the U.S. envoy. Libyans' hopes",
            &[
                "John", "F.", "Kennedy", "met", "the", "U.S.", "envoy", ".", "Libyans", "'",
                "hopes",
            ],
        );
    }

    #[test]
    fn odd_text_does_not_break_it() {
        for text in ["", "'", "'s", "-", "a-", "Ü'ß.", "x'", "..", "'s'"] {
            for token in tokenize(text, 0..text.len()) {
                assert!(text.get(token.span).is_some());
            }
        }
    }
}
