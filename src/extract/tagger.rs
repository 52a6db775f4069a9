//! Part-of-speech tags for the words of a sentence, so rules can tell a verb from a noun
//! ("they talks" is not "held talks", "sanctions against" is not "sanctioned") and find
//! where a noun phrase ends.
//!
//! A greedy averaged perceptron (Collins 2002, in the form of Honnibal's "A good
//! part-of-speech tagger in about 200 lines of Python"): each word is tagged left to right
//! from features of itself, its neighbours and the two tags before it, and words that have
//! almost always had one tag take it from a dictionary. The model is small (the weights of
//! `assets/tagger/model.bin`, compiled into the binary) and was trained offline on this
//! project's own texts tagged by spaCy's small English pipeline: `training/tagger/README.md`
//! says how, with its accuracy and its licences. Pure Rust, deterministic, no download.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use super::text::{self, Normalized};
use super::tokens;

/// A word's part of speech: Penn Treebank's tags, merged where the rules need no difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Tag {
    /// NN: "talks" is not one, "deal" is.
    Noun,
    /// NNS: "talks", "sanctions".
    Plural,
    /// NNP, NNPS.
    Proper,
    /// VB: "to back", "will meet".
    Verb,
    /// VBD: "backed" as a past tense.
    Past,
    /// VBN: "backed" in "is backed by", "has met".
    Participle,
    /// VBG.
    Gerund,
    /// VBZ, VBP.
    Present,
    /// MD.
    Modal,
    /// JJ, JJR, JJS.
    Adjective,
    /// RB, RBR, RBS.
    Adverb,
    /// IN.
    Preposition,
    /// DT, PDT.
    Determiner,
    /// PRP: "he", "they", "it".
    Pronoun,
    /// PRP$: "its", "their".
    PossessivePronoun,
    /// POS: the possessive "'s".
    Possessive,
    /// CC.
    Conjunction,
    /// CD.
    Number,
    /// TO.
    To,
    /// WDT, WP, WP$, WRB.
    Wh,
    /// RP.
    Particle,
    /// Punctuation and symbols.
    Punct,
    /// EX, FW, UH, LS and the rest.
    Other,
}

impl Tag {
    pub const ALL: [Tag; 23] = [
        Tag::Noun,
        Tag::Plural,
        Tag::Proper,
        Tag::Verb,
        Tag::Past,
        Tag::Participle,
        Tag::Gerund,
        Tag::Present,
        Tag::Modal,
        Tag::Adjective,
        Tag::Adverb,
        Tag::Preposition,
        Tag::Determiner,
        Tag::Pronoun,
        Tag::PossessivePronoun,
        Tag::Possessive,
        Tag::Conjunction,
        Tag::Number,
        Tag::To,
        Tag::Wh,
        Tag::Particle,
        Tag::Punct,
        Tag::Other,
    ];
    const COUNT: usize = Tag::ALL.len();

    /// The tag a Penn Treebank tag (spaCy's `tag_`) falls in.
    pub fn from_penn(penn: &str) -> Tag {
        match penn {
            "NN" => Tag::Noun,
            "NNS" => Tag::Plural,
            "NNP" | "NNPS" => Tag::Proper,
            "VB" => Tag::Verb,
            "VBD" => Tag::Past,
            "VBN" => Tag::Participle,
            "VBG" => Tag::Gerund,
            "VBZ" | "VBP" => Tag::Present,
            "MD" => Tag::Modal,
            "JJ" | "JJR" | "JJS" => Tag::Adjective,
            "RB" | "RBR" | "RBS" => Tag::Adverb,
            "IN" => Tag::Preposition,
            "DT" | "PDT" => Tag::Determiner,
            "PRP" => Tag::Pronoun,
            "PRP$" => Tag::PossessivePronoun,
            "POS" => Tag::Possessive,
            "CC" => Tag::Conjunction,
            "CD" => Tag::Number,
            "TO" => Tag::To,
            "WDT" | "WP" | "WP$" | "WRB" => Tag::Wh,
            "RP" => Tag::Particle,
            "," | "." | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "HYPH" | "NFP" | "$" | "#"
            | "SYM" => Tag::Punct,
            _ => Tag::Other,
        }
    }

    /// A verb form, finite or not.
    pub fn is_verb(self) -> bool {
        matches!(
            self,
            Tag::Verb | Tag::Past | Tag::Participle | Tag::Gerund | Tag::Present
        )
    }

    /// A noun, common or proper.
    pub fn is_noun(self) -> bool {
        matches!(self, Tag::Noun | Tag::Plural | Tag::Proper)
    }

    fn from_index(index: u8) -> Option<Tag> {
        Tag::ALL.get(usize::from(index)).copied()
    }
}

/// The weights of a trained tagger.
pub struct Model {
    /// Words that have (nearly) always had one tag.
    dictionary: HashMap<String, Tag>,
    /// Feature hash to its row in `weights`.
    rows: HashMap<u64, Row>,
    /// Each row's weights that are not zero (four or five of the 23, as a rule), in
    /// sixteenths as in the file, summed in whole numbers. Kept sparse, the model takes
    /// about 700 KB and stays in a core's cache; a dense row per feature would not.
    weights: Vec<Weight>,
}

/// Where a feature's weights are in `Model::weights`.
#[derive(Clone, Copy, Debug)]
struct Row {
    start: u32,
    len: u8,
}

#[derive(Clone, Copy, Debug)]
struct Weight {
    tag: u8,
    value: i16,
}

impl Model {
    fn push_row(&mut self, hash: u64, row: &[i16; Tag::COUNT]) {
        let start = self.weights.len() as u32;
        for (tag, &value) in row.iter().enumerate() {
            if value != 0 {
                self.weights.push(Weight {
                    tag: tag as u8,
                    value,
                });
            }
        }
        let len = (self.weights.len() as u32 - start) as u8;
        self.rows.insert(hash, Row { start, len });
    }
}

const MAGIC: &[u8] = b"stakegraph-tagger/1\n";
/// Weights are kept in the file as sixteenths.
const WEIGHT_SCALE: f32 = 16.0;

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the tagger's model is damaged at byte {0}")]
pub struct Damaged(usize);

impl Model {
    /// The model compiled into the binary.
    pub fn bundled() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            Model::from_bytes(include_bytes!("../../assets/tagger/model.bin"))
                .expect("the bundled tagger model is checked by a test")
        })
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Damaged> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(MAGIC.len())? != MAGIC {
            return Err(Damaged(0));
        }
        let tags = reader.u32()? as usize;
        if tags != Tag::COUNT {
            return Err(Damaged(reader.at));
        }
        let words = reader.u32()? as usize;
        let mut dictionary = HashMap::default();
        for _ in 0..words {
            let length = usize::from(reader.u8()?);
            let at = reader.at;
            let word = std::str::from_utf8(reader.take(length)?).map_err(|_| Damaged(at))?;
            let tag = reader.tag()?;
            dictionary.insert(word.to_owned(), tag);
        }
        let features = reader.u32()? as usize;
        let mut model = Model {
            dictionary,
            rows: HashMap::default(),
            weights: Vec::with_capacity(features * 5),
        };
        model.rows.reserve(features);
        for _ in 0..features {
            let hash = reader.u64()?;
            let mut row = [0; Tag::COUNT];
            for _ in 0..reader.u8()? {
                let tag = reader.tag()?;
                row[tag as usize] = reader.i16()?;
            }
            model.push_row(hash, &row);
        }
        if reader.at != bytes.len() {
            return Err(Damaged(reader.at));
        }
        Ok(model)
    }

    /// The model as bytes, in a fixed order: the same model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend((Tag::COUNT as u32).to_le_bytes());
        let mut words: Vec<(&String, &Tag)> = self.dictionary.iter().collect();
        words.sort();
        out.extend((words.len() as u32).to_le_bytes());
        for (word, tag) in words {
            out.push(word.len() as u8);
            out.extend(word.as_bytes());
            out.push(*tag as u8);
        }
        let mut rows: Vec<(u64, Row)> = self.rows.iter().map(|(&h, &r)| (h, r)).collect();
        rows.sort_by_key(|&(hash, _)| hash);
        out.extend((rows.len() as u32).to_le_bytes());
        for (hash, row) in rows {
            out.extend(hash.to_le_bytes());
            let start = row.start as usize;
            let kept: Vec<(usize, i16)> = self.weights[start..start + usize::from(row.len)]
                .iter()
                .map(|w| (usize::from(w.tag), w.value))
                .collect();
            out.push(kept.len() as u8);
            for (tag, weight) in kept {
                out.push(tag as u8);
                out.extend(weight.to_le_bytes());
            }
        }
        out
    }

    /// The tags of a sentence's tokens; `words` are the tokens' text as written.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        self.tag_context(words, Context::new(words, None))
    }

    /// `tag`, given each word in ASCII lower case too (`lowered[i]` is
    /// `words[i].to_ascii_lowercase()`, as a slice of a lower-cased copy of the text): an
    /// ASCII word then needs no copy of its own. The tags are `tag`'s.
    pub fn tag_lowered(&self, words: &[&str], lowered: &[&str]) -> Vec<Tag> {
        self.tag_context(words, Context::new(words, Some(lowered)))
    }

    fn tag_context(&self, words: &[&str], context: Context) -> Vec<Tag> {
        let mut tags = Vec::with_capacity(words.len());
        let mut features = Vec::with_capacity(FEATURES);
        for (i, word) in words.iter().enumerate() {
            let tag = if let Some(&tag) = self.dictionary.get(*word) {
                tag
            } else if context.punctuation[i] {
                Tag::Punct
            } else {
                context.features(i, &tags, &mut features);
                self.best(&features)
            };
            tags.push(tag);
        }
        tags
    }

    /// The highest-scoring tag. Whole sixteenths add up exactly, so this is the tag the
    /// unquantised sums of training's `best_of` would pick for these weights.
    fn best(&self, features: &[u64]) -> Tag {
        let mut scores = [0i32; Tag::COUNT];
        for feature in features {
            if let Some(&row) = self.rows.get(feature) {
                let start = row.start as usize;
                for weight in &self.weights[start..start + usize::from(row.len)] {
                    scores[usize::from(weight.tag)] += i32::from(weight.value);
                }
            }
        }
        first_highest(&scores)
    }
}

fn quantize(weight: f32) -> i16 {
    (weight * WEIGHT_SCALE)
        .round()
        .clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16
}

/// Training's guess from its unquantised weights: the highest score's tag, the first in
/// `Tag::ALL` order on a tie (as `Model::best`).
fn best_unquantised(
    rows: &HashMap<u64, u32>,
    weights: &[[f32; Tag::COUNT]],
    features: &[u64],
) -> Tag {
    let mut scores = [0.0f32; Tag::COUNT];
    for feature in features {
        if let Some(&row) = rows.get(feature) {
            for (score, weight) in scores.iter_mut().zip(&weights[row as usize]) {
                *score += weight;
            }
        }
    }
    first_highest(&scores)
}

/// The tag of the highest score, the first in `Tag::ALL` order on a tie.
fn first_highest<T: PartialOrd + Copy>(scores: &[T; Tag::COUNT]) -> Tag {
    let mut best = 0;
    for (i, &score) in scores.iter().enumerate() {
        if score > scores[best] {
            best = i;
        }
    }
    Tag::ALL[best]
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Damaged> {
        let slice = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or(Damaged(self.at))?;
        self.at += n;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8, Damaged> {
        Ok(self.take(1)?[0])
    }
    fn tag(&mut self) -> Result<Tag, Damaged> {
        let at = self.at;
        Tag::from_index(self.u8()?).ok_or(Damaged(at))
    }
    fn u32(&mut self) -> Result<u32, Damaged> {
        let mut b = [0; 4];
        b.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(b))
    }
    fn u64(&mut self) -> Result<u64, Damaged> {
        let mut b = [0; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }
    fn i16(&mut self) -> Result<i16, Damaged> {
        let mut b = [0; 2];
        b.copy_from_slice(self.take(2)?);
        Ok(i16::from_le_bytes(b))
    }
}

/// How many features a word has.
const FEATURES: usize = 17;

/// A sentence's words as the features see them.
struct Context<'a> {
    words: &'a [&'a str],
    lower: Vec<Cow<'a, str>>,
    punctuation: Vec<bool>,
}

/// FNV-1a, 64 bits: a hash that never changes with a crate's version, so a trained model
/// stays valid.
fn hash(template: u8, parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |byte: u8| {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(template);
    for part in parts {
        for &byte in *part {
            eat(byte);
        }
        eat(0xff);
    }
    h
}

/// The last `n` characters of a word.
fn suffix(word: &str, n: usize) -> &str {
    let start = word.char_indices().rev().nth(n - 1).map_or(0, |(at, _)| at);
    &word[start..]
}

/// A word's form: case, digits, hyphens.
fn shape(word: &str) -> &'static str {
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    let hyphen = word.contains('-');
    if word.chars().any(|c| c.is_ascii_digit()) {
        if word.chars().all(|c| c.is_ascii_digit()) {
            if word.len() == 4 { "dddd" } else { "d" }
        } else {
            "d-mixed"
        }
    } else if first.is_uppercase() {
        let rest_upper = word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        match (rest_upper, hyphen) {
            (true, _) if word.chars().count() > 1 => "XX",
            (_, true) => "Xx-x",
            _ => "Xx",
        }
    } else if hyphen {
        "x-x"
    } else {
        "x"
    }
}

impl<'a> Context<'a> {
    fn new(words: &'a [&'a str], lowered: Option<&'a [&'a str]>) -> Self {
        let lower = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if w.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                    && w.chars().any(|c| c.is_ascii_digit())
                {
                    Cow::Borrowed("!digits")
                } else if w.chars().any(char::is_uppercase) {
                    // For an ASCII word, Unicode and ASCII lower case are the same.
                    match lowered.and_then(|l| l.get(i)) {
                        Some(&l) if w.is_ascii() => Cow::Borrowed(l),
                        _ => Cow::Owned(w.to_lowercase()),
                    }
                } else {
                    Cow::Borrowed(*w)
                }
            })
            .collect();
        let punctuation = words
            .iter()
            .map(|w| !w.chars().any(char::is_alphanumeric))
            .collect();
        Self {
            words,
            lower,
            punctuation,
        }
    }

    fn word(&self, i: isize) -> &str {
        if i < 0 {
            return if i == -1 { "-start-" } else { "-start2-" };
        }
        self.lower.get(i as usize).map_or(
            if i as usize == self.lower.len() {
                "-end-"
            } else {
                "-end2-"
            },
            |w| w.as_ref(),
        )
    }

    /// The features of word `i`, given the tags before it.
    fn features(&self, i: usize, tags: &[Tag], out: &mut Vec<u64>) {
        out.clear();
        let at = i as isize;
        let tag = |back: usize| -> [u8; 1] {
            [i.checked_sub(back)
                .and_then(|j| tags.get(j))
                .map_or(0xfe - back as u8, |&t| t as u8)]
        };
        let word = self.word(at);
        let original = self.words[i];
        let (t1, t2) = (tag(1), tag(2));
        let first = &original[..original.chars().next().map_or(0, char::len_utf8)];
        out.push(hash(0, &[]));
        out.push(hash(1, &[suffix(word, 3).as_bytes()]));
        out.push(hash(2, &[first.as_bytes()]));
        out.push(hash(3, &[&t1]));
        out.push(hash(4, &[&t2]));
        out.push(hash(5, &[&t1, &t2]));
        out.push(hash(6, &[word.as_bytes()]));
        out.push(hash(7, &[&t1, word.as_bytes()]));
        out.push(hash(8, &[self.word(at - 1).as_bytes()]));
        out.push(hash(9, &[suffix(self.word(at - 1), 3).as_bytes()]));
        out.push(hash(10, &[self.word(at - 2).as_bytes()]));
        out.push(hash(11, &[self.word(at + 1).as_bytes()]));
        out.push(hash(12, &[suffix(self.word(at + 1), 3).as_bytes()]));
        out.push(hash(13, &[self.word(at + 2).as_bytes()]));
        out.push(hash(14, &[shape(original).as_bytes(), &[u8::from(i == 0)]]));
        out.push(hash(15, &[suffix(word, 2).as_bytes()]));
        let next_shape = self.words.get(i + 1).map_or("-end-", |w| shape(w));
        out.push(hash(16, &[next_shape.as_bytes()]));
    }
}

/// Where the texts tagged for training are (`training/tagger/tagged/NAME.tags` is the tagging
/// of `NAME.txt` in one of these folders of the repository).
pub const TAGGED_TEXT_FOLDERS: &[&str] = &[
    "training/tagger/texts",
    "tests/corpus/dev",
    "tests/gold",
    "assets",
];

/// The text a `.tags` file of that name tags, under the repository at `root`.
pub fn tagged_text(root: &std::path::Path, name: &str) -> Option<std::path::PathBuf> {
    TAGGED_TEXT_FOLDERS
        .iter()
        .map(|folder| root.join(folder).join(format!("{name}.txt")))
        .find(|path| path.exists())
}

/// A sentence for training: its tokens' text and the tag each should get.
pub struct Example {
    pub words: Vec<String>,
    pub tags: Vec<Tag>,
}

/// The training sentences of an article tagged elsewhere: the article read as extraction
/// reads it (normalised, cut into sentences and tokens), each token given the tag of the
/// tagged token (`penn`: byte spans in `original` and Penn tags, in order) it overlaps: the
/// last one for a hyphenated word ("cease-fire": its head), else the first ("didn't": did).
pub fn examples(original: &str, penn: &[(Range<usize>, String)]) -> Vec<Example> {
    let normalized = Normalized::new(original);
    let mut examples = Vec::new();
    for sentence in text::sentences(&normalized.text) {
        let mut example = Example {
            words: Vec::new(),
            tags: Vec::new(),
        };
        for token in tokens::tokenize(&normalized.text, sentence) {
            let word = &normalized.text[token.span.clone()];
            let span = normalized.original_span(token.span);
            let first = penn.partition_point(|(s, _)| s.end <= span.start);
            let overlapping = penn[first..].iter().take_while(|(s, _)| s.start < span.end);
            let chosen = if word.contains('-') {
                overlapping.last()
            } else {
                overlapping.into_iter().next()
            };
            example.words.push(word.to_owned());
            example
                .tags
                .push(chosen.map_or(Tag::Punct, |(_, tag)| Tag::from_penn(tag)));
        }
        if !example.words.is_empty() {
            examples.push(example);
        }
    }
    examples
}

/// Reads a `.tags` file of `training/tagger/tagged/`: a line a token, `START END TAG`.
pub fn read_tags(text: &str) -> Option<Vec<(Range<usize>, String)>> {
    text.lines()
        .map(|line| {
            let mut parts = line.split(' ');
            let start = parts.next()?.parse().ok()?;
            let end = parts.next()?.parse().ok()?;
            let tag = parts.next()?.to_owned();
            Some((start..end, tag))
        })
        .collect()
}

/// The share of `examples`' tokens `model` tags as they are tagged there, over all tokens
/// and over the words not in the model's dictionary.
pub fn accuracy(model: &Model, examples: &[Example]) -> (f64, f64) {
    let (mut right, mut all, mut open_right, mut open_all) = (0u32, 0u32, 0u32, 0u32);
    for example in examples {
        let words: Vec<&str> = example.words.iter().map(String::as_str).collect();
        for ((word, guess), truth) in words.iter().zip(model.tag(&words)).zip(&example.tags) {
            all += 1;
            right += u32::from(guess == *truth);
            if !model.dictionary.contains_key(*word) {
                open_all += 1;
                open_right += u32::from(guess == *truth);
            }
        }
    }
    let share = |a: u32, b: u32| f64::from(a) / f64::from(b.max(1));
    (share(right, all), share(open_right, open_all))
}

/// Trains a model: `iterations` passes of the averaged perceptron over `examples`, shuffled
/// between passes by a fixed seed, so the same examples give the same model.
pub fn train(examples: &[Example], iterations: usize) -> Model {
    // Words seen often enough with one tag nearly always.
    let mut counts: HashMap<&str, HashMap<Tag, u32>> = HashMap::default();
    for example in examples {
        for (word, &tag) in example.words.iter().zip(&example.tags) {
            *counts.entry(word).or_default().entry(tag).or_default() += 1;
        }
    }
    let mut dictionary = HashMap::default();
    for (word, tags) in &counts {
        let total: u32 = tags.values().sum();
        let (tag, most) = tags
            .iter()
            .max_by_key(|&(tag, n)| (*n, std::cmp::Reverse(*tag)))
            .map(|(t, n)| (*t, *n))
            .unwrap_or((Tag::Other, 0));
        if total >= 20 && f64::from(most) / f64::from(total) >= 0.97 {
            dictionary.insert((*word).to_owned(), tag);
        }
    }
    // The weights while training: whole steps, unquantised.
    let mut rows: HashMap<u64, u32> = HashMap::default();
    let mut weights: Vec<[f32; Tag::COUNT]> = Vec::new();
    // Averaging: each weight's running total and the step it last changed at.
    let mut totals: Vec<[f32; Tag::COUNT]> = Vec::new();
    let mut stamps: Vec<[u32; Tag::COUNT]> = Vec::new();
    let mut step: u32 = 0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed: u64 = 0x5eed;
    let mut features = Vec::new();
    for _ in 0..iterations {
        for &e in &order {
            let example = &examples[e];
            let words: Vec<&str> = example.words.iter().map(String::as_str).collect();
            let context = Context::new(&words, None);
            let mut tags = Vec::with_capacity(words.len());
            for (i, &truth) in example.tags.iter().enumerate() {
                if dictionary.contains_key(words[i]) || context.punctuation[i] {
                    tags.push(truth);
                    continue;
                }
                context.features(i, &tags, &mut features);
                let guess = best_unquantised(&rows, &weights, &features);
                step += 1;
                if guess != truth {
                    for &feature in &features {
                        let row = *rows.entry(feature).or_insert_with(|| {
                            weights.push([0.0; Tag::COUNT]);
                            totals.push([0.0; Tag::COUNT]);
                            stamps.push([0; Tag::COUNT]);
                            (weights.len() - 1) as u32
                        }) as usize;
                        for (tag, change) in [(truth as usize, 1.0), (guess as usize, -1.0)] {
                            let weight = &mut weights[row][tag];
                            totals[row][tag] += (step - stamps[row][tag]) as f32 * *weight;
                            stamps[row][tag] = step;
                            *weight += change;
                        }
                    }
                }
                // Training sees its own guesses before, as tagging will.
                tags.push(guess);
            }
        }
        // Fisher–Yates with a fixed xorshift seed.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
    }
    // The averaged weights; features whose weights all round to nothing are dropped.
    let mut model = Model {
        dictionary,
        rows: HashMap::default(),
        weights: Vec::new(),
    };
    let mut features: Vec<(u64, u32)> = rows.into_iter().collect();
    features.sort_unstable();
    for (feature, row) in features {
        let row = row as usize;
        let mut averaged = [0; Tag::COUNT];
        for tag in 0..Tag::COUNT {
            let total = totals[row][tag] + (step - stamps[row][tag]) as f32 * weights[row][tag];
            averaged[tag] = quantize(total / step.max(1) as f32);
        }
        if averaged.iter().any(|&w| w != 0) {
            model.push_row(feature, &averaged);
        }
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(sentence: &str) -> Vec<(String, Tag)> {
        let example = examples(sentence, &[]).remove(0);
        let words: Vec<&str> = example.words.iter().map(String::as_str).collect();
        let tags = Model::bundled().tag(&words);
        words.iter().map(|w| w.to_string()).zip(tags).collect()
    }

    fn tag_of(sentence: &str, word: &str) -> Tag {
        tags(sentence)
            .into_iter()
            .find(|(w, _)| w == word)
            .map(|(_, t)| t)
            .unwrap_or_else(|| panic!("{word} is not a word of {sentence}"))
    }

    #[test]
    fn the_bundled_model_reads_and_writes_back_the_same_bytes() {
        let bytes = include_bytes!("../../assets/tagger/model.bin");
        let model = Model::from_bytes(bytes).expect("the bundled model reads");
        assert_eq!(model.to_bytes(), bytes.to_vec());
    }

    #[test]
    fn a_damaged_model_is_an_error_not_a_panic() {
        let bytes = include_bytes!("../../assets/tagger/model.bin");
        for cut in [0, 5, MAGIC.len() + 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut extra = bytes.to_vec();
        extra.push(0);
        assert_eq!(Model::from_bytes(&extra).err(), Some(Damaged(bytes.len())));
    }

    #[test]
    fn verbs_and_nouns_of_the_same_word() {
        assert!(tag_of("Turkey and Russia held talks in Ankara.", "talks").is_noun());
        assert!(tag_of("The president talks to Putin every week.", "talks").is_verb());
        assert!(tag_of("The EU imposed sanctions against Iran.", "sanctions").is_noun());
        assert!(tag_of("Egypt backed the plan.", "backed").is_verb());
        assert_eq!(
            tag_of("The force is backed by Egypt.", "backed"),
            Tag::Participle
        );
        assert!(tag_of("Qatar made an appeal to both sides.", "appeal").is_noun());
        assert!(
            tag_of(
                "Both sides said they would appeal to the council.",
                "appeal"
            )
            .is_verb()
        );
    }

    #[test]
    fn pronouns_and_names() {
        assert_eq!(tag_of("He met Erdogan on Monday.", "He"), Tag::Pronoun);
        assert_eq!(tag_of("He met Erdogan on Monday.", "Erdogan"), Tag::Proper);
        assert_eq!(
            tag_of("Ankara said its troops would stay.", "its"),
            Tag::PossessivePronoun
        );
    }

    #[test]
    fn words_given_lower_cased_get_the_same_tags() {
        let text = "ÉLYSÉE Palace: French President Emmanuel Macron and Élisabeth Borne MET Putin.";
        let lower = text.to_ascii_lowercase();
        let spans: Vec<_> = tokens::tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| t.span)
            .collect();
        let words: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
        let lowered: Vec<&str> = spans.iter().map(|s| &lower[s.clone()]).collect();
        let model = Model::bundled();
        assert_eq!(model.tag_lowered(&words, &lowered), model.tag(&words));
    }

    #[test]
    fn the_same_words_always_get_the_same_tags() {
        let sentence =
            "Kenyan President William Ruto, who hosted the talks, urged both sides to sign.";
        assert_eq!(tags(sentence), tags(sentence));
    }
}
