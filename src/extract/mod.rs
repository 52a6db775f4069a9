//! From article text to an evidence-backed graph: a transparent, rule-based extractor in the
//! tradition of political event coders (actor dictionaries plus verb patterns).
//!
//! The pipeline, per article: normalise the text keeping byte offsets (`text`), cut it into
//! sentences and tokens (`tokens`), find the actors of each sentence and resolve later
//! mentions to earlier ones (`actors`, with the `gazetteer` and `lexicon` word lists), add the
//! pronouns, plural descriptions and quotation speakers (`coref`), tag the parts of speech of
//! the sentences that name two actors (`tagger`), then match relation patterns between them
//! (`relations`). Every relation keeps the smallest span
//! that states it, in the original text's byte offsets, and the id of the rule that found it.
//! Several articles make one dataset: the same actor is one entity across them.
//!
//! `suggestions_into` extracts into a dataset someone has curated instead, adding only the
//! suggestions it lacks (`curated`).

mod actors;
#[cfg(test)]
mod checks;
mod coref;
mod curated;
pub mod gazetteer;
mod lexicon;
mod registry;
mod relations;
pub mod tagger;
pub mod text;
mod tokens;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::OnceLock;

use crate::model::{
    Dataset, Document, Entity, EntityKind, Evidence, Relation, RelationKind, Review,
};

use gazetteer::Gazetteer;
use registry::{Found, Registry};
use text::Normalized;

pub use curated::{SuggestionCounts, Suggestions, suggestions_into};
pub use relations::describe_rule;

/// An article to extract from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// The document id in the dataset ("libya-ceasefire").
    pub id: String,
    pub title: Option<String>,
    /// Publication date, ideally `YYYY-MM-DD`.
    pub published: Option<String>,
    pub text: String,
}

/// Sentences longer than this are cut into pieces, so one enormous "sentence" (a file with no
/// punctuation) costs linear time like any other text.
const LONGEST_SENTENCE_BYTES: usize = 2_000;

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::bundled)
}

/// Extracts one dataset from `articles`, titled `title` (else after the first article).
/// What the built-in gazetteer knows `name` (a country, a capital, a demonym, an international
/// body's name or acronym) to be, if anything.
pub fn known_kind(name: &str) -> Option<EntityKind> {
    let gazetteer = Gazetteer::bundled();
    let (index, _) = gazetteer.lookup(name.trim()).first()?;
    Some(gazetteer.actors.get(*index)?.kind)
}

pub fn extract(articles: &[Article], title: Option<&str>) -> Dataset {
    extract_reporting(articles, title, &|_, _| {})
}

/// `extract`, telling `on_progress(bytes done, bytes in all)` as it goes.
pub fn extract_reporting(
    articles: &[Article],
    title: Option<&str>,
    on_progress: &dyn Fn(usize, usize),
) -> Dataset {
    extract_timed(articles, title, on_progress).0
}

/// Where extraction spends its time, stage by stage (`cargo bench --bench extract` prints it).
#[derive(Clone, Copy, Debug, Default)]
pub struct StageTimes {
    /// Straightening quotes, dashes and spaces, keeping the offsets.
    pub normalise: std::time::Duration,
    /// Sentences, tokens and the actors of each sentence.
    pub actors: std::time::Duration,
    /// Later mentions resolved to earlier ones, camps merged, then pronouns, plural
    /// descriptions and quotation speakers (`coref`).
    pub resolve: std::time::Duration,
    /// The sentences that name two actors or more cut into tokens again, a quotation's "we"
    /// given its speaker, and their parts of speech.
    pub tags: std::time::Duration,
    /// The relation rules.
    pub relations: std::time::Duration,
    /// Entities, relations and evidence spans made into the dataset.
    pub build: std::time::Duration,
}

/// `extract_reporting`, with the time each stage took.
pub fn extract_timed(
    articles: &[Article],
    title: Option<&str>,
    on_progress: &dyn Fn(usize, usize),
) -> (Dataset, StageTimes) {
    let total: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut done = 0;
    let mut registry = Registry::default();
    let mut normalized = Vec::with_capacity(articles.len());
    let mut times = StageTimes::default();
    for (index, article) in articles.iter().enumerate() {
        let started = std::time::Instant::now();
        let text = Normalized::new(&article.text);
        times.normalise += started.elapsed();
        let mut progress = |bytes| on_progress(done + bytes, total);
        read_document(&mut registry, index, &text, &mut progress, None, &mut times);
        done += article.text.len();
        normalized.push(text);
    }
    on_progress(total, total);
    let started = std::time::Instant::now();
    let dataset = build(articles, title, &registry, &normalized);
    times.build = started.elapsed();
    (dataset, times)
}

/// How the extractor reads `article`, for `stakegraph extract --explain`: for each sentence, the
/// actors named in it and whom each mention stands for, the relations drawn there with their
/// rules, and each rule whose words matched but drew nothing, with the reason; then the
/// entities, those without relations apart. Plain text, a line an item.
pub fn explain(article: &Article) -> String {
    use std::fmt::Write as _;
    let text = Normalized::new(&article.text);
    let mut registry = Registry::default();
    let mut trace = Trace::default();
    let mut times = StageTimes::default();
    read_document(
        &mut registry,
        0,
        &text,
        &mut |_| {},
        Some(&mut trace),
        &mut times,
    );
    let dataset = build(
        std::slice::from_ref(article),
        None,
        &registry,
        std::slice::from_ref(&text),
    );
    let quote = |span: &Range<usize>| {
        let original = text.original_span(span.clone());
        article.text[original]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let name = |draft: usize| registry.drafts[draft].name.as_str();
    let mut out = String::new();
    for (n, sentence) in trace.sentences.iter().enumerate() {
        let _ = writeln!(out, "[{}] {}", n + 1, quote(&sentence.span));
        if sentence.mentions.is_empty() {
            let _ = writeln!(out, "    no actor named");
            continue;
        }
        let actors: Vec<String> = sentence
            .mentions
            .iter()
            .map(|(span, drafts)| {
                let said = quote(span);
                let meant: Vec<&str> = drafts.iter().map(|&d| name(d)).collect();
                if meant.len() == 1 && meant[0] == said {
                    said
                } else {
                    format!("{said} = {}", meant.join(" + "))
                }
            })
            .collect();
        let _ = writeln!(out, "    actors: {}", actors.join("; "));
        let inside = |span: &Range<usize>| {
            span.start >= sentence.span.start && span.end <= sentence.span.end
        };
        for found in registry.found.iter().filter(|f| inside(&f.span)) {
            let kind: &str = found.kind.into();
            let status = found.status.map_or(String::new(), |status| {
                let status: &str = status.into();
                format!(" ({status})")
            });
            let same = if found.source == found.target {
                ": not kept, both ends are one actor"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    drawn: {} {kind} {}{status}, by {} on \"{}\"{same}",
                name(found.source),
                name(found.target),
                found.rule,
                found.label
            );
        }
        for attempt in &sentence.attempts {
            if let Err(miss) = attempt.outcome {
                let _ = writeln!(
                    out,
                    "    not drawn: \"{}\" matches {}, but {}",
                    quote(&attempt.span),
                    attempt.rule,
                    miss.describe()
                );
            }
        }
        let actors: usize = sentence.mentions.iter().map(|(_, d)| d.len()).sum();
        if actors < 2 {
            let _ = writeln!(out, "    one actor: no relation between actors here");
        }
    }
    let lonely: Vec<&str> = dataset
        .entities
        .iter()
        .filter(|e| {
            !dataset
                .relations
                .iter()
                .any(|r| r.source == e.id || r.target == e.id)
        })
        .map(|e| e.name.as_str())
        .collect();
    let _ = writeln!(
        out,
        "{}, {}; without relations: {}",
        crate::model::plural(dataset.entities.len(), "entity"),
        crate::model::plural(dataset.relations.len(), "relation"),
        if lonely.is_empty() {
            "none".to_owned()
        } else {
            lonely.join(", ")
        }
    );
    out
}

/// What `explain` records of a document, a sentence at a time.
#[derive(Default)]
struct Trace {
    sentences: Vec<SentenceTrace>,
}

struct SentenceTrace {
    /// Bytes of the normalised text.
    span: Range<usize>,
    /// Each actor mention: its bytes and the drafts it stands for.
    mentions: Vec<(Range<usize>, Vec<usize>)>,
    attempts: Vec<relations::Attempt>,
}

/// "President Irfaan Ali" with no state named for him anywhere: in a report datelined in the
/// state it names most ("GEORGETOWN, Guyana"), a head of state or government, or a minister, is
/// that state's (`leads.home`, `member_of.home`). A report datelined elsewhere, or about another
/// state, gets nothing: "President Donald Trump" in a report from Mexico City is not Mexico's.
fn home_state_titles(
    registry: &mut Registry,
    text: &str,
    document: usize,
    sentences: &[actors::Sentence],
) {
    let Some(home) = text::dateline(text).and_then(dateline_state) else {
        return;
    };
    let mut named: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
    for mention in sentences.iter().flat_map(|s| &s.mentions) {
        for &id in &mention.entities {
            if registry.drafts[id].kind == EntityKind::Country {
                *named.entry(id).or_default() += 1;
            }
        }
    }
    let Some(home) = registry
        .drafts
        .iter()
        .position(|d| d.kind == EntityKind::Country && d.gazetteer == Some(home))
    else {
        return;
    };
    let most = named.get(&home).copied().unwrap_or(0);
    if most == 0 || named.iter().any(|(&id, &n)| id != home && n >= most) {
        return;
    }
    let mut done = Vec::new();
    for mention in sentences.iter().flat_map(|s| &s.mentions) {
        let [person] = mention.entities[..] else {
            continue;
        };
        if mention.role != actors::Role::Person || done.contains(&person) {
            continue;
        }
        let facts = || registry.titles.iter().filter(|f| f.person == person);
        if facts().any(|f| f.affiliation.is_some()) {
            continue;
        }
        // A state's own titles: not "secretary-general", "leader" or "commander", which are
        // as often a body's or a party's.
        let Some((kind, title)) = facts().find_map(|f| match f.title {
            "president" | "prime minister" | "premier" | "king" | "queen" | "emir" | "sultan"
            | "chancellor" => Some((RelationKind::Leads, f.title)),
            title if f.kind == Some(RelationKind::MemberOf) && title.ends_with("minister") => {
                Some((RelationKind::MemberOf, f.title))
            }
            _ => None,
        }) else {
            continue;
        };
        done.push(person);
        // "former President X", "ousted President X".
        let former = text[mention.span.clone()]
            .split(|c: char| c.is_whitespace() || c == '-')
            .any(|w| lexicon::contains(lexicon::FORMER_MARKERS, w));
        registry.found.push(Found {
            source: person,
            target: home,
            kind,
            status: former.then_some(crate::model::Status::Former),
            label: crate::model::capitalized(title),
            rule: if kind == RelationKind::Leads {
                "leads.home"
            } else {
                "member_of.home"
            },
            document,
            span: mention.span.clone(),
        });
    }
}

/// The gazetteer country of a dateline: its country after a comma ("NAIROBI, Kenya"), else its
/// place ("MEXICO CITY": Mexico's capital).
fn dateline_state(dateline: &str) -> Option<usize> {
    let gazetteer = gazetteer();
    let place = dateline.split('(').next().unwrap_or(dateline);
    let title_case = |words: &str| {
        words
            .split_whitespace()
            .map(|w| {
                let mut chars = w.chars();
                chars.next().map_or(String::new(), |c| {
                    c.to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect()
                })
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut parts: Vec<&str> = place.split(',').map(str::trim).collect();
    parts.reverse();
    parts.iter().find_map(|part| {
        [part.to_string(), title_case(part)]
            .iter()
            .find_map(|name| {
                gazetteer
                    .lookup(name)
                    .iter()
                    .map(|&(index, _)| index)
                    .find(|&index| gazetteer.actors[index].kind == EntityKind::Country)
            })
    })
}

/// Finds the actors and relations of one document; with `trace`, records how.
fn read_document(
    registry: &mut Registry,
    index: usize,
    normalized: &Normalized,
    on_progress: &mut dyn FnMut(usize),
    mut trace: Option<&mut Trace>,
    times: &mut StageTimes,
) {
    let started = std::time::Instant::now();
    let text = normalized.text.as_str();
    // The lower case of the sentence at hand: a copy of the whole text would be as large.
    let mut lower = tokens::Lower::default();
    let mut finder = actors::DocumentActors::new(gazetteer(), index);
    let mut sentences = Vec::new();
    // One buffer of tokens, reused sentence after sentence.
    let mut buffer = Vec::new();
    for range in text::sentences(text) {
        for piece in pieces(text, range) {
            tokens::tokenize_into(text, piece.clone(), &mut buffer);
            let tokens = std::mem::take(&mut buffer);
            lower.set(text, piece.clone());
            let document = actors::DocumentText {
                text,
                lower: &lower,
            };
            let mut sentence = finder.find(registry, &document, piece.clone(), tokens);
            // Tokens are cut again where they are needed: kept for every sentence of a long
            // text, they would take more memory than the text.
            buffer = std::mem::take(&mut sentence.tokens);
            sentences.push(sentence);
            if sentences.len() % 1024 == 0 {
                on_progress(piece.end / 3);
            }
        }
    }
    // Large, so given back in place (the spare half of its last doubling).
    sentences.shrink_to_fit();
    times.actors += started.elapsed();
    let started = std::time::Instant::now();
    finder.resolve(registry, &mut sentences);
    // Pronouns and plural descriptions, then who says each quotation.
    let quotations = coref::quotations(text);
    let mut speakers = vec![None; quotations.len()];
    let mut referents = coref::Referents::default();
    for (n, sentence) in sentences.iter_mut().enumerate() {
        let cues = sentence.cues;
        buffer.clear();
        if cues.anaphor || cues.quotation_mark {
            tokens::tokenize_into(text, sentence.span.clone(), &mut buffer);
            lower.set(text, sentence.span.clone());
        }
        referents.read(&lower, &buffer, sentence, registry, &quotations);
        if cues.quotation_mark {
            coref::attribute(&lower, &buffer, sentence, &quotations, &mut speakers);
        }
        if n % 1024 == 0 {
            on_progress(text.len() / 3 + sentence.span.start / 3);
        }
    }
    home_state_titles(registry, text, index, &sentences);
    times.resolve += started.elapsed();
    let model = tagger::Model::bundled();
    let mut words = Vec::new();
    for (n, sentence) in sentences.iter_mut().enumerate() {
        let started = std::time::Instant::now();
        // Only the relation rules read the tokens and tags, and only where two actors are
        // named (a quotation's "we" may make the second).
        let actors = |sentence: &actors::Sentence| -> usize {
            sentence.mentions.iter().map(|m| m.entities.len()).sum()
        };
        let named = actors(sentence);
        if named >= 2
            || (named == 1 && sentence.cues.first_person)
            || !sentence.compounds.is_empty()
        {
            tokens::tokenize_into(text, sentence.span.clone(), &mut buffer);
            sentence.tokens = std::mem::take(&mut buffer);
            lower.set(text, sentence.span.clone());
        }
        if sentence.cues.first_person {
            coref::speakers_in(&lower, sentence, &quotations, &speakers);
        }
        let actors = actors(sentence);
        if actors >= 2 {
            words.clear();
            words.extend(sentence.tokens.iter().map(|t| &text[t.span.clone()]));
            let lowered: Vec<&str> = sentence
                .tokens
                .iter()
                .map(|t| &lower[t.span.clone()])
                .collect();
            sentence.tags = model.tag_lowered(&words, &lowered);
        }
        let tagged = std::time::Instant::now();
        times.tags += tagged - started;
        match trace.as_deref_mut() {
            None => relations::find(text, &lower, sentence, index, &mut registry.found, None),
            Some(trace) => {
                let mut attempts = Vec::new();
                relations::find(
                    text,
                    &lower,
                    sentence,
                    index,
                    &mut registry.found,
                    Some(&mut attempts),
                );
                trace.sentences.push(SentenceTrace {
                    span: sentence.span.clone(),
                    mentions: sentence
                        .mentions
                        .iter()
                        .map(|m| (m.span.clone(), m.entities.to_vec()))
                        .collect(),
                    attempts,
                });
            }
        }
        buffer = std::mem::take(&mut sentence.tokens);
        // Nothing reads a sentence once its relations are drawn: freed here, a long text's
        // mentions do not stay beside the relations they gave.
        sentence.tags = Vec::new();
        sentence.mentions = Vec::new();
        sentence.compounds = Vec::new();
        if n % 1024 == 0 {
            on_progress(text.len() * 2 / 3 + sentence.span.start / 3);
        }
        times.relations += tagged.elapsed();
    }
}

/// `range` cut at spaces into pieces of at most `LONGEST_SENTENCE_BYTES`.
fn pieces(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = range.start;
    while range.end - start > LONGEST_SENTENCE_BYTES {
        let mut cut = start + LONGEST_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[start..cut]
            .rfind(' ')
            .map_or(cut, |space| start + space + 1);
        let cut = if cut <= start { start + 1 } else { cut };
        let mut cut = cut;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        pieces.push(start..cut);
        start = cut;
    }
    pieces.push(start..range.end);
    pieces
}

/// The dataset of everything found.
fn build(
    articles: &[Article],
    title: Option<&str>,
    registry: &Registry,
    normalized: &[Normalized],
) -> Dataset {
    // One relation per (source, target, kind, status), its quotes in text order.
    let mut grouped: BTreeMap<
        (
            usize,
            usize,
            crate::model::RelationKind,
            Option<crate::model::Status>,
        ),
        Vec<&Found>,
    > = BTreeMap::new();
    for found in &registry.found {
        if found.source != found.target {
            grouped
                .entry((found.source, found.target, found.kind, found.status))
                .or_default()
                .push(found);
        }
    }
    let used: BTreeSet<usize> = grouped.keys().flat_map(|&(s, t, _, _)| [s, t]).collect();
    let mut ids: BTreeMap<usize, String> = BTreeMap::new();
    let mut taken = BTreeSet::new();
    let mut entities = Vec::new();
    for (index, draft) in registry.drafts.iter().enumerate() {
        let titled_person =
            (draft.titled || draft.named_by_surname) && draft.kind == EntityKind::Person;
        // Every actor the text names is shown, in a relation or not: a country or body the
        // gazetteer knows, a typed actor (a government, an army, a ministry), a titled person
        // or one named again by the surname alone.
        // A capitalised name that is none of these ("Renaissance Dam") is shown only when a
        // relation needs it.
        let known = draft.gazetteer.is_some() || draft.kind != EntityKind::Person;
        if !(used.contains(&index) || titled_person || known) {
            continue;
        }
        let base = slug(&draft.name);
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.insert(index, id.clone());
        let mut aliases: Vec<String> = draft
            .aliases
            .iter()
            .filter(|alias| **alias != draft.name)
            .cloned()
            .collect();
        aliases.sort();
        entities.push(Entity {
            id,
            name: draft.name.clone(),
            kind: draft.kind,
            subtype: draft.subtype.map(str::to_owned),
            aliases,
            description: None,
        });
    }
    let mut relations = Vec::new();
    for ((source, target, kind, status), founds) in &grouped {
        let (Some(source_id), Some(target_id)) = (ids.get(source), ids.get(target)) else {
            continue;
        };
        let spans: Vec<(usize, Range<usize>)> = founds
            .iter()
            .map(|f| {
                (
                    f.document,
                    normalized[f.document].original_span(f.span.clone()),
                )
            })
            .collect();
        let kept = smallest_spans(spans);
        let first = founds
            .iter()
            .min_by_key(|f| (f.document, f.span.start))
            .copied();
        let evidence = kept
            .into_iter()
            .map(|(document, span)| Evidence {
                document: articles[document].id.clone(),
                quote: articles[document].text[span.clone()].to_owned(),
                start: span.start,
                end: span.end,
                review: Review::Suggested,
            })
            .collect::<Vec<_>>();
        let order = evidence.first().map(|e| (e.document.clone(), e.start));
        relations.push((
            order,
            Relation {
                id: String::new(),
                source: source_id.clone(),
                target: target_id.clone(),
                kind: *kind,
                status: *status,
                label: first.map(|f| f.label.clone()),
                rule: first.map(|f| f.rule.to_owned()),
                evidence,
            },
        ));
    }
    relations.sort_by(|(a, x), (b, y)| {
        (a, &x.source, &x.target, x.kind).cmp(&(b, &y.source, &y.target, y.kind))
    });
    let width = relations.len().to_string().len();
    let relations = relations
        .into_iter()
        .enumerate()
        .map(|(n, (_, mut relation))| {
            relation.id = format!("r{:0width$}", n + 1);
            relation
        })
        .collect();
    let documents = articles
        .iter()
        .map(|article| Document {
            id: article.id.clone(),
            title: article.title.clone(),
            source: None,
            published: article.published.clone(),
            url: None,
            text: article.text.clone(),
        })
        .collect();
    let title = title
        .map(str::to_owned)
        .or_else(|| articles.first().and_then(|a| a.title.clone()))
        .unwrap_or_else(|| match articles {
            [one] => format!("Extracted from {}", one.id),
            _ => format!("Extracted from {} articles", articles.len()),
        });
    Dataset {
        title,
        documents,
        entities,
        relations,
        rejected: Vec::new(),
    }
}

/// The spans that contain no other span (the smallest that state a relation), sorted, each
/// once. Sorted by start, longest first, a span contains another exactly when a later span of
/// its document ends no later than it does: one sweep from the end.
fn smallest_spans(mut spans: Vec<(usize, Range<usize>)>) -> Vec<(usize, Range<usize>)> {
    spans.sort_by_key(|(document, span)| (*document, span.start, std::cmp::Reverse(span.end)));
    spans.dedup();
    let mut kept = Vec::with_capacity(spans.len());
    let mut earliest_end: Option<(usize, usize)> = None;
    for (document, span) in spans.into_iter().rev() {
        let contains_another =
            earliest_end.is_some_and(|(d, end)| d == document && end <= span.end);
        if earliest_end.is_none_or(|(d, end)| d != document || span.end < end) {
            earliest_end = Some((document, span.end));
        }
        if !contains_another {
            kept.push((document, span));
        }
    }
    kept.reverse();
    kept
}

/// The longest first line taken for a headline; a longer one is a paragraph.
const LONGEST_HEADLINE_CHARS: usize = 200;

/// The headline of an article: its first non-blank line, trimmed, when that line is short
/// (at most 200 characters), is not the whole text and does not end with a full stop (which
/// makes it the story's first sentence, not its headline). `None` when there is none.
pub fn headline(text: &str) -> Option<&str> {
    let (line, rest) = text.trim_start().split_once('\n')?;
    let line = line.trim();
    let last = line.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')']);
    let is_headline = !rest.trim().is_empty()
        && line.chars().count() <= LONGEST_HEADLINE_CHARS
        && !last.ends_with('.');
    is_headline.then_some(line)
}

/// A lowercase id made of the name's letters and digits, words joined by `-`.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for character in name.chars() {
        if character.is_alphanumeric() {
            slug.extend(character.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "entity".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("United Arab Emirates"), "united-arab-emirates");
        assert_eq!(slug("Sarraj's government"), "sarraj-s-government");
        assert_eq!(slug("Erdoğan"), "erdoğan");
        assert_eq!(slug("--"), "entity");
    }

    #[test]
    fn the_headline_is_a_short_first_line_that_is_not_a_sentence_of_the_story() {
        #[track_caller]
        fn check(text: &str, expected: Option<&str>) {
            assert_eq!(headline(text), expected, "{text:?}");
        }
        check(
            "Truce in Libya\n\nTurkey met Russia.",
            Some("Truce in Libya"),
        );
        check(
            "\n \n  Truce in Libya \r\nTurkey met Russia.",
            Some("Truce in Libya"),
        );
        check("Will it hold?\nTurkey met Russia.", Some("Will it hold?"));
        check("Turkey met Russia.\nThey talked.", None);
        check("He said \"we agree.\"\nThey talked.", None);
        check("Truce in Libya\n", None);
        check("Truce in Libya", None);
        let long = "Talks ".repeat(40);
        check(&format!("{long}\nTurkey met Russia."), None);
        let longest = long[..200].trim();
        check(&format!("{longest}\nTurkey met Russia."), Some(longest));
    }

    #[test]
    fn only_the_smallest_spans_are_kept() {
        let spans = vec![
            (0, 10..20),
            (0, 12..18),
            (0, 12..30),
            (0, 25..40),
            (1, 0..50),
            (0, 10..20),
            (0, 5..11),
        ];
        assert_eq!(
            smallest_spans(spans),
            [(0, 5..11), (0, 12..18), (0, 25..40), (1, 0..50)]
        );
    }

    #[test]
    fn long_sentences_are_cut_on_spaces() {
        let text = "word ".repeat(1000);
        let found = pieces(&text, 0..text.len());
        assert!(found.len() > 1);
        assert_eq!(found.first().map(|r| r.start), Some(0));
        assert_eq!(found.last().map(|r| r.end), Some(text.len()));
        for pair in found.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(pair[0].len() <= LONGEST_SENTENCE_BYTES);
        }
        let wide = "é".repeat(3000);
        for piece in pieces(&wide, 0..wide.len()) {
            assert!(wide.get(piece).is_some());
        }
    }
}
