//! Who is named where: the actor mentions of each sentence of a document.
//!
//! A first pass finds gazetteer names, institutions of states, people introduced by a title
//! ("Turkish President Recep Tayyip Erdogan", "an Italian government spokesman, Rocco
//! Casalino"), governments and armed camps ("the Tripoli-based government", "forces loyal to
//! X"), other capitalised names, and the mentions that can only be resolved once the whole
//! document is read: lone surnames and descriptions ("the Turkish president"). The second
//! step resolves those, merges camps that share a place, region or leader, and leaves every
//! sentence with a sorted list of mentions that each point at registry entries.

use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;
use smallvec::smallvec;

use crate::model::{EntityKind, RelationKind, capitalized};

use super::gazetteer::{Gazetteer, NameRole};
use super::lexicon::{self, contains};
use super::registry::{Found, Registry, TitleFact};
use super::tagger::Tag;
use super::tokens::{Lower, Token};

/// How a mention names its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Name,
    Demonym,
    Seat,
    Person,
    Description,
    Camp,
    Institution,
    /// A pronoun or plural description standing for actors named before ("he", "both men").
    Anaphor,
}

/// Whom a mention stands for: one entity, or two, as a rule, so kept without a heap allocation
/// of its own (a long text has a million mentions).
pub type Ids = smallvec::SmallVec<[usize; 2]>;

/// An actor mention: a run of tokens and the entries it stands for (several for "the Turkish
/// and Russian presidents").
#[derive(Clone, Debug)]
pub struct Mention {
    pub tokens: Range<usize>,
    pub span: Range<usize>,
    pub entities: Ids,
    pub role: Role,
    /// Boxed: most mentions are resolved when found, and a long text has a million of them.
    pending: Option<Box<Pending>>,
}

impl Mention {
    /// A mention whose entities are known.
    pub fn resolved(
        tokens: Range<usize>,
        span: Range<usize>,
        entities: impl Into<Ids>,
        role: Role,
    ) -> Self {
        Self {
            tokens,
            span,
            entities: entities.into(),
            role,
            pending: None,
        }
    }

    /// A mention of `tokens` whose entities are known only once the whole text is read.
    fn pending(words: &Words, tokens: Range<usize>, role: Role, pending: Pending) -> Self {
        Self {
            span: words.span(tokens.clone()),
            tokens,
            entities: Ids::new(),
            role,
            pending: Some(Box::new(pending)),
        }
    }
}

#[derive(Clone, Debug)]
enum Pending {
    Surname(String),
    Description {
        affiliations: Vec<usize>,
        title: &'static str,
    },
    Camp(usize),
}

/// A sentence with its tokens and resolved mentions.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// Bytes of the normalised text.
    pub span: Range<usize>,
    /// Its tokens while it is read (`tokens::tokenize` of `span`; not kept between stages).
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    /// Each token's part of speech, for a sentence that names two actors or more (empty
    /// before tagging, and for other sentences).
    pub tags: Vec<Tag>,
    /// Tokens carrying an actor glued to a participle: "U.N.-recognized", "Turkish-backed".
    pub compounds: Vec<(usize, usize)>,
    /// Words that the later stages look for, noted while the tokens are at hand so a sentence
    /// without them is not cut into tokens again: a pronoun or "both", "two"
    /// (`coref::Referents`); a quotation mark; "we", "us", "I" or "me".
    pub cues: Cues,
}

/// See `Sentence::cues`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cues {
    pub anaphor: bool,
    pub quotation_mark: bool,
    pub first_person: bool,
}

impl Cues {
    pub fn of(lower: &Lower, tokens: &[Token]) -> Self {
        let mut cues = Self::default();
        let word = |i: usize| tokens.get(i).map_or("", |t: &Token| &lower[t.span.clone()]);
        for (i, token) in tokens.iter().enumerate() {
            match &lower[token.span.clone()] {
                "he" | "she" | "him" | "they" | "both" | "kingdom" | "sultanate" | "emirate" => {
                    cues.anaphor = true
                }
                // Only "said it", "said ... that it" and "the two", "X's two" are read
                // (coref).
                "it" if i > 0 => cues.anaphor = true,
                "two" if i > 0 && matches!(word(i - 1), "the" | "'s") => cues.anaphor = true,
                // "his government", "the bloc", "the 15-nation bloc" (coref).
                "government" | "country" | "administration"
                    if i > 0 && matches!(word(i - 1), "his" | "her" | "its") =>
                {
                    cues.anaphor = true
                }
                w if i > 0 && super::coref::is_description_noun(w) => cues.anaphor = true,
                "\"" => cues.quotation_mark = true,
                "we" | "us" | "i" | "me" => cues.first_person = true,
                _ => {}
            }
        }
        cues
    }
}

/// A camp phrase before camps are merged.
#[derive(Clone, Debug)]
struct CampPhrase {
    place: Option<String>,
    region: Option<&'static str>,
    leader: Option<Leader>,
    head: String,
    backers: Vec<usize>,
    span: Range<usize>,
    text: String,
    /// "the Trump administration": named after its leader, the government of the state the
    /// leader heads.
    named_after_leader: bool,
}

#[derive(Clone, Debug)]
enum Leader {
    Known(usize),
    Surname(String),
}

/// Reads words of one sentence.
struct Words<'a> {
    text: &'a str,
    lower: &'a Lower,
    tokens: &'a [Token],
}

impl Words<'_> {
    fn len(&self) -> usize {
        self.tokens.len()
    }
    fn lower(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.lower[t.span.clone()])
    }
    fn word(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.span.clone()])
    }
    fn span(&self, tokens: Range<usize>) -> Range<usize> {
        self.tokens[tokens.start].span.start..self.tokens[tokens.end - 1].span.end
    }
    fn is(&self, i: usize, word: &str) -> bool {
        self.lower(i) == word
    }
}

/// Finds and resolves the mentions of every sentence of one document.
pub struct DocumentActors<'g> {
    gazetteer: &'g Gazetteer,
    document: usize,
    camps: Vec<CampPhrase>,
    /// The state or body the sentence before opens with, its subject: whom "Its spokesman,
    /// X" opening the next one speaks for.
    previous: Option<usize>,
    /// "The U.N. Security Council": a body named with the one it is part of, as (the body's
    /// entity, the part's gazetteer index, the phrase's span and words). Drawn when the whole
    /// is an actor of the text in a mention of its own.
    parts: Vec<(usize, usize, Range<usize>, String)>,
}

/// Tokens and sentences of a document for the mention finder.
pub struct DocumentText<'a> {
    pub text: &'a str,
    pub lower: &'a Lower,
}

impl<'g> DocumentActors<'g> {
    pub fn new(gazetteer: &'g Gazetteer, document: usize) -> Self {
        Self {
            gazetteer,
            document,
            camps: Vec::new(),
            previous: None,
            parts: Vec::new(),
        }
    }

    /// "The U.N. Security Council ... the United Nations": a body named with the one it is
    /// part of is its member, when the whole is named on its own too (an actor of the text,
    /// not only a word of the body's name).
    fn parts_named(&mut self, registry: &mut Registry, sentences: &[Sentence]) {
        let parts = std::mem::take(&mut self.parts);
        if parts.is_empty() {
            return;
        }
        // Read once: a long text may name a body thousands of times.
        let named: rustc_hash::FxHashSet<usize> = sentences
            .iter()
            .flat_map(|s| &s.mentions)
            .flat_map(|m| m.entities.iter().copied())
            .collect();
        for (part, whole, span, label) in parts {
            let Some(whole) = registry.known_actor(whole) else {
                continue;
            };
            if named.contains(&whole) {
                registry.found.push(Found {
                    source: part,
                    target: whole,
                    kind: RelationKind::MemberOf,
                    status: None,
                    label,
                    rule: "member_of.part",
                    document: self.document,
                    span,
                });
            }
        }
    }

    /// The first pass over one sentence.
    pub fn find(
        &mut self,
        registry: &mut Registry,
        doc: &DocumentText,
        span: Range<usize>,
        tokens: Vec<Token>,
    ) -> Sentence {
        let mut sentence = Sentence {
            span,
            cues: Cues::of(doc.lower, &tokens),
            tokens,
            mentions: Vec::new(),
            tags: Vec::new(),
            compounds: Vec::new(),
        };
        if sentence.tokens.is_empty() {
            return sentence;
        }
        let words = Words {
            text: doc.text,
            lower: doc.lower,
            tokens: &sentence.tokens,
        };
        let mut mentions = Vec::new();
        self.gazetteer_names(registry, &words, &mut mentions, &mut sentence.compounds);
        self.institutions(registry, &words, &mut mentions);
        self.titled_people(registry, &words, &mut mentions);
        self.camp_phrases(&words, &mut mentions, &sentence.compounds);
        self.other_names(registry, &words, &mut mentions);
        mentions.sort_by_key(|m| m.tokens.start);
        self.owned_bodies(registry, &words, &mentions);
        // Not a possessor ("NATO's peacekeeping force, KFOR"): the sentence is about what
        // it owns.
        self.previous = mentions
            .first()
            .filter(|m| m.tokens.start == 0 || (m.tokens.start == 1 && words.is(0, "the")))
            .filter(|m| !words.is(m.tokens.end, "'s") && m.entities.len() == 1)
            .map(|m| m.entities[0])
            .filter(|&id| registry.drafts[id].kind != EntityKind::Person);
        // A long text keeps a million mentions until its relations are drawn: no room to spare.
        mentions.shrink_to_fit();
        sentence.compounds.shrink_to_fit();
        sentence.mentions = mentions;
        sentence
    }

    fn gazetteer_names(
        &mut self,
        registry: &mut Registry,
        words: &Words,
        mentions: &mut Vec<Mention>,
        compounds: &mut Vec<(usize, usize)>,
    ) {
        let Some(first) = words.tokens.first() else {
            return;
        };
        let Some(last) = words.tokens.last() else {
            return;
        };
        let from = first.span.start;
        let piece = &words.text[from..last.span.end];
        for found in self.gazetteer.mentions(piece) {
            let span = found.span.start + from..found.span.end + from;
            // "al-Shabab" is found from "Shabab", inside its token.
            let Some(token) = words.tokens.iter().position(|t| {
                t.span.start == span.start
                    || (t.span.contains(&span.start)
                        && matches!(&words.text[t.span.start..span.start], "al-" | "Al-"))
            }) else {
                continue;
            };
            let mut end = token + 1;
            while end < words.len() && words.tokens[end].span.end <= span.end {
                end += 1;
            }
            // A multi-word name may end inside its last token ("Libyans"): take it whole.
            let token_end = words.tokens[end - 1].span.end;
            let (index, role) = found.actors[0];
            // "Kataib Hezbollah": a group's name after another capitalised word is part of a
            // longer name, another group's.
            let longer_name = self.gazetteer.actors[index].subtype == Some("armed group")
                && token > 0
                && is_name_word(words.word(token - 1))
                && !words.word(token - 1).contains('-')
                && mentions
                    .last()
                    .is_none_or(|m: &Mention| m.tokens.end < token);
            // "the ECOWAS Commission": a body's one-word short form ("Commission") after a
            // name is the last word of another body's name.
            let found_text = &words.text[span.clone()];
            let common_noun = found_text.chars().skip(1).all(char::is_lowercase)
                && !found_text.contains(' ')
                && self.gazetteer.actors[index].kind == EntityKind::Organization;
            if longer_name || (common_noun && token > 0 && is_name_word(words.word(token - 1))) {
                continue;
            }
            let entity = registry.actor(self.gazetteer, index);
            if token_end > span.end && words.text[span.end..token_end].starts_with('-') {
                compounds.push((end - 1, entity));
                continue;
            }
            registry.alias(entity, &words.text[span.clone()]);
            // "the U.N. Security Council", "the UN Security Council": a body named with the
            // one it is part of is its member.
            if let Some(parent) = self.gazetteer.actors[index].part_of {
                let named_within =
                    self.gazetteer.actors[parent]
                        .names
                        .iter()
                        .any(|(name, role)| {
                            *role == NameRole::Name
                                && found_text.len() > name.len()
                                && found_text.starts_with(name.as_str())
                                && found_text.as_bytes()[name.len()] == b' '
                        });
                let named_before = mentions
                    .last()
                    .filter(|m| m.tokens.end == token)
                    .filter(|m| {
                        m.entities
                            .first()
                            .is_some_and(|&e| registry.drafts[e].gazetteer == Some(parent))
                    });
                if let Some(before) = named_before {
                    let whole = before.entities[0];
                    let start = before.span.start;
                    registry.alias(entity, &words.text[start..span.end]);
                    registry.found.push(Found {
                        source: entity,
                        target: whole,
                        kind: RelationKind::MemberOf,
                        status: None,
                        label: words.text[start..span.end].to_owned(),
                        rule: "member_of.part",
                        document: self.document,
                        span: start..span.end,
                    });
                } else if named_within {
                    self.parts
                        .push((entity, parent, span.clone(), found_text.to_owned()));
                }
            }
            mentions.push(Mention {
                tokens: token..end,
                span: words.span(token..end),
                entities: smallvec![entity],
                role: match role {
                    NameRole::Name => Role::Name,
                    NameRole::Demonym => Role::Demonym,
                    NameRole::Seat => Role::Seat,
                },
                pending: None,
            });
        }
    }

    /// "Turkey's parliament", "the Russian military": an institution of the state named.
    fn institutions(&self, registry: &mut Registry, words: &Words, mentions: &mut Vec<Mention>) {
        let mut added = Vec::new();
        for mention in mentions.iter() {
            let Some(&state) = mention.entities.first() else {
                continue;
            };
            let Some(gazetteer) = registry.drafts[state].gazetteer else {
                continue;
            };
            if self.gazetteer.actors[gazetteer].kind != EntityKind::Country {
                continue;
            }
            let mut at = mention.tokens.end;
            match mention.role {
                Role::Name if words.is(at, "'s") => at += 1,
                Role::Demonym => {}
                _ => continue,
            }
            let Some((noun, length)) = phrase_at(words, at, lexicon::INSTITUTIONS) else {
                continue;
            };
            // "Burkina Faso's military ruler": a title that starts with the institution's word
            // is the state's.
            if title_at(words, at).is_some_and(|(_, kind, title, _)| {
                title > length && kind == Some(RelationKind::Leads)
            }) {
                continue;
            }
            let id = self.institution(registry, state, gazetteer, noun);
            let tokens = mention.tokens.start..at + length;
            let span = words.span(tokens.clone());
            registry.alias(id, &words.text[span.clone()]);
            registry.found.push(Found {
                source: id,
                target: state,
                kind: RelationKind::MemberOf,
                status: None,
                label: capitalized(noun),
                rule: "member_of.institution",
                document: self.document,
                span: span.clone(),
            });
            added.push(Mention {
                tokens,
                span,
                entities: smallvec![id],
                role: Role::Institution,
                pending: None,
            });
        }
        for mention in added {
            insert(mentions, mention);
        }
    }

    /// The entry of the institution `noun` of `state`, the gazetteer country `gazetteer`
    /// ("Chinese coast guard", however the text names it).
    fn institution(
        &self,
        registry: &mut Registry,
        state: usize,
        gazetteer: usize,
        noun: &'static str,
    ) -> usize {
        let actor = &self.gazetteer.actors[gazetteer];
        let adjective = actor
            .names
            .iter()
            .find(|(_, role)| *role == NameRole::Demonym)
            .map_or(actor.name.as_str(), |(name, _)| name.as_str());
        registry.institution(state, noun, format!("{adjective} {noun}"))
    }

    /// People introduced by a title, and descriptions that name one by title only.
    fn titled_people(&self, registry: &mut Registry, words: &Words, mentions: &mut Vec<Mention>) {
        let mut at = 0;
        while at < words.len() {
            let Some((title, kind, length, plural)) = title_at(words, at) else {
                at += 1;
                continue;
            };
            if covered(mentions, at) {
                at += 1;
                continue;
            }
            let title_end = at + length;
            let (mut affiliations, mut start, remit) = affiliations_before(words, mentions, at);
            // "Egypt's intelligence chief": the head of a part of the state, a member of it.
            let kind = match kind {
                Some(RelationKind::Leads) if remit && !affiliations.is_empty() => {
                    Some(RelationKind::MemberOf)
                }
                other => other,
            };
            // "State Department spokesman Matthew Miller", "a Foreign Ministry spokeswoman":
            // a body the gazetteer does not know, named just before the title.
            if affiliations.is_empty()
                && kind.is_some()
                && let Some((body, body_start)) = self.body_before(registry, words, mentions, at)
            {
                affiliations = vec![body];
                start = body_start;
            }
            // "China abstained. Its deputy ambassador, Geng Shuang, said": the title is of the
            // actor the sentence before opens with.
            if affiliations.is_empty()
                && kind.is_some()
                && start == 1
                && words.is(0, "its")
                && words.is(title_end, ",")
                && let Some(owner) = self.previous
            {
                affiliations = vec![owner];
                start = 0;
            }
            // "In Beijing, foreign ministry spokesman Guo Jiakun": the capital's state.
            if affiliations.is_empty()
                && kind.is_some()
                && let Some(state) = seat_opening(words, mentions, start)
            {
                affiliations = vec![state];
            }
            // "Albanese and his Papua New Guinean counterpart, James Marape": the counterpart
            // holds the title of the person the sentence named before, for their own state.
            let (title, kind) = if title == "counterpart" && !affiliations.is_empty() {
                mentions
                    .iter()
                    .rev()
                    .filter(|m| m.tokens.end <= start && m.role == Role::Person)
                    .find_map(|m| {
                        registry
                            .titles
                            .iter()
                            .find(|f| m.entities.contains(&f.person) && f.kind.is_some())
                    })
                    .map_or((title, kind), |fact| (fact.title, fact.kind))
            } else {
                (title, kind)
            };
            let former = (start.saturating_sub(3)..at).any(|i| {
                contains(
                    lexicon::FORMER_MARKERS,
                    words.lower(i).trim_end_matches('-'),
                )
            });
            // "spokesman, Rocco Casalino," or "President Recep Tayyip Erdogan".
            let comma = words.is(title_end, ",");
            // "Niger's leader, General Abdourahamane Tiani", "Army spokesman Maj. Gen. Winthai
            // Suvaree": a rank between the title and the name is the person's, and the title
            // before it says whose they are. `ranked` gives the rank's own title, where the
            // rank starts and the name after it.
            let ranked = |at: usize| {
                let mut name_start = at;
                let mut rank = None;
                for _ in 0..2 {
                    match title_at(words, name_start) {
                        Some((title, kind, length, false)) if !covered(mentions, name_start) => {
                            rank = rank.or(Some((title, kind)));
                            name_start += length;
                        }
                        _ => break,
                    }
                }
                let (title, kind) = rank?;
                let name = name_after(words, mentions, name_start)?;
                Some((title, kind, at, name))
            };
            let mut rank = None;
            let name = name_after(words, mentions, title_end)
                .or_else(|| {
                    comma
                        .then(|| name_after(words, mentions, title_end + 1))
                        .flatten()
                })
                .or_else(|| {
                    rank = ranked(title_end + usize::from(comma));
                    rank.as_ref().map(|(_, _, _, name)| name.clone())
                })
                .or_else(|| {
                    // "The U.S. envoy for the Western Balkans, Gabriel Escobar,": the name after
                    // the title's remit, between commas, when the remit names no actor.
                    if !matches!(words.lower(title_end), "for" | "to" | "on") {
                        return None;
                    }
                    let end = (title_end + 1..(title_end + 7).min(words.len()))
                        .find(|&i| !words.tokens[i].is_word)?;
                    let remit_is_no_actor = (title_end + 1..end).all(|i| !covered(mentions, i));
                    let name = (remit_is_no_actor && words.is(end, ","))
                        .then(|| name_after(words, mentions, end + 1))
                        .flatten()?;
                    words.is(name.end, ",").then_some(name)
                });
            // "the commander of Aspides, Rear Admiral Vasileios Gryparis,": the body the title
            // is of, then the name between commas.
            let mut name = name;
            if name.is_none() && affiliations.is_empty() && words.is(title_end, "of") {
                let the = usize::from(words.is(title_end + 1, "the"));
                let body = mentions
                    .iter()
                    .find(|m| m.tokens.start == title_end + 1 + the && m.role != Role::Person)
                    .filter(|m| words.is(m.tokens.end, ","))
                    .map(|m| (m.entities.to_vec(), m.tokens.end));
                if let Some((entities, comma)) = body {
                    let found = name_after(words, mentions, comma + 1).or_else(|| {
                        rank = ranked(comma + 1);
                        rank.as_ref().map(|(_, _, _, name)| name.clone())
                    });
                    if let Some(found) = found.filter(|n| words.is(n.end, ",")) {
                        name = Some(found);
                        affiliations = entities;
                    } else {
                        rank = None;
                    }
                }
            }
            // "Its commander, Major General Ozkan Ulutas of Turkey": with no one named
            // before the title, the rank says what the person is of the one named after.
            let (title, kind) = match rank {
                Some((rank_title, rank_kind, _, _)) if affiliations.is_empty() => {
                    (rank_title, rank_kind)
                }
                _ => (title, kind),
            };
            // "Rocco Casalino, the government spokesman" (a name before, after a comma).
            let appositive = || {
                let mut begin = start;
                // "Massad Boulos, the senior US adviser for Africa".
                while begin > 0
                    && contains(lexicon::TITLE_FILLERS, words.lower(begin - 1))
                    && !matches!(words.lower(begin - 1), "former" | "ex" | "late" | "then")
                {
                    begin -= 1;
                }
                if matches!(words.lower(begin.wrapping_sub(1)), "the" | "a" | "an") {
                    begin -= 1;
                }
                (begin >= 2 && words.is(begin - 1, ","))
                    .then(|| name_before(words, mentions, begin - 1))
                    .flatten()
            };
            if !plural && let Some(name) = name.clone().or_else(appositive) {
                let full = name_text(words, name.clone());
                let person = registry.person(&full, true);
                // "Sultan Haitham bin Tarik", "Gen. Abdourahamane Tiani": also by rank.
                if let Some((_, _, rank_start, _)) = rank {
                    registry.alias(person, &words.text[words.span(rank_start..name.end)]);
                }
                // "Prime Minister X of Y": an affiliation after the name.
                // "Matthew Miller, a spokesman for the State Department": after the title.
                let mut end = name.end.max(title_end);
                let mut affiliations = affiliations;
                let of = words.is(end, "of") || (name.end < title_end && words.is(end, "for"));
                let mut the = usize::from(of && words.is(end + 1, "the"));
                // "leader of the opposition Democratic Party": lower-case qualifiers before
                // the body's name.
                if the == 1 {
                    let lower_case = |i: usize| {
                        words.word(i).starts_with(|c: char| c.is_ascii_lowercase())
                            && !covered(mentions, i)
                    };
                    let mut qualifiers = 0;
                    while qualifiers < 2 && lower_case(end + 2 + qualifiers) {
                        qualifiers += 1;
                    }
                    if qualifiers > 0 && is_name_word(words.word(end + 2 + qualifiers)) {
                        the += qualifiers;
                    }
                }
                if affiliations.is_empty()
                    && of
                    && let Some((found, after)) =
                        self.body_after(registry, words, mentions, end + 1 + the)
                {
                    affiliations = found;
                    end = after;
                }
                let tokens = start.min(name.start)..end;
                let span = words.span(tokens.clone());
                if let Some(kind) = kind {
                    for &affiliation in &affiliations {
                        registry.found.push(Found {
                            source: person,
                            target: affiliation,
                            kind,
                            status: former.then_some(crate::model::Status::Former),
                            label: capitalized(title),
                            rule: if kind == RelationKind::Leads {
                                "leads.title"
                            } else {
                                "member_of.title"
                            },
                            document: self.document,
                            span: span.clone(),
                        });
                    }
                }
                registry.add_title(TitleFact {
                    person,
                    title,
                    kind,
                    affiliation: affiliations.first().copied(),
                });
                insert(
                    mentions,
                    Mention {
                        tokens: tokens.clone(),
                        span,
                        entities: smallvec![person],
                        role: Role::Person,
                        pending: None,
                    },
                );
                at = tokens.end;
                continue;
            }
            // A description: "the Turkish president", "the EU's top diplomat", "the Turkish
            // and Russian presidents", "the north African country's prime minister".
            let followed_by_of = words.is(title_end, "of");
            let determiner = (start.saturating_sub(5)..start)
                .rev()
                .take_while(|&i| {
                    words.tokens[i].is_word && !mentions.iter().any(|m| m.tokens.contains(&i))
                })
                .find(|&i| words.is(i, "the"));
            if kind.is_some()
                && !followed_by_of
                && (!affiliations.is_empty() || determiner.is_some())
                && (!plural || !affiliations.is_empty())
            {
                let begin = determiner
                    .filter(|_| affiliations.is_empty())
                    .unwrap_or(start);
                let tokens = begin..title_end;
                insert(
                    mentions,
                    Mention::pending(
                        words,
                        tokens,
                        Role::Description,
                        Pending::Description {
                            affiliations,
                            title,
                        },
                    ),
                );
            }
            at = title_end;
        }
    }

    /// A body the gazetteer does not know, named just before token `end` ("State Department",
    /// "U.S. State Department", "Norwegian Coast Guard"): its entity and first token.
    fn body_before(
        &self,
        registry: &mut Registry,
        words: &Words,
        mentions: &mut Vec<Mention>,
        end: usize,
    ) -> Option<(usize, usize)> {
        let name = name_before(words, mentions, end)?;
        self.unknown_body(registry, words, mentions, name)
    }

    /// The actor named from token `at` on, after "a spokesman for (the)": a known one ("the
    /// U.N."), or a body named after it ("the ECOWAS Commission", "India's Ministry of External
    /// Affairs", "the U.S. State Department"), or one the gazetteer does not know: its
    /// entities and the token after the name.
    fn body_after(
        &self,
        registry: &mut Registry,
        words: &Words,
        mentions: &mut Vec<Mention>,
        at: usize,
    ) -> Option<(Vec<usize>, usize)> {
        let Some(known) = mentions
            .iter()
            .find(|m| m.tokens.start == at && m.role != Role::Person)
            .cloned()
        else {
            let body = body_name(words, at)?;
            let (id, _) = self.unknown_body(registry, words, mentions, body.clone())?;
            return Some((vec![id], body.end));
        };
        // "spokesman for United Nations Secretary-General Antonio Guterres": the body is the
        // titled person's too, so its mention stays theirs.
        if title_at(words, known.tokens.end).is_some() {
            return Some((known.entities.to_vec(), at));
        }
        let possessive = usize::from(words.is(known.tokens.end, "'s"));
        let Some(body) = body_name(words, known.tokens.end + possessive) else {
            return Some((known.entities.to_vec(), known.tokens.end));
        };
        let state = known.entities.len() == 1
            && registry.drafts[known.entities[0]].kind == EntityKind::Country;
        let name = if state || possessive == 1 {
            body.clone()
        } else {
            at..body.end
        };
        let (id, _) = self.unknown_body(registry, words, mentions, name)?;
        Some((vec![id], body.end))
    }

    /// Records the capitalised name `name`, when it ends in an organisation's word, as a body's
    /// mention: its entity and the mention's first token. A state named just before an
    /// official body ("U.S. State Department", "Egypt's State Information Service") is the
    /// body's state; a lone "Army" or "Ministry" with none is a word of a longer name.
    fn unknown_body(
        &self,
        registry: &mut Registry,
        words: &Words,
        mentions: &mut Vec<Mention>,
        name: Range<usize>,
    ) -> Option<(usize, usize)> {
        let head = body_head(words, name.clone())?;
        let official = contains(lexicon::STATE_BODY_WORDS, words.word(head));
        // "African Union Commission", "ECOWAS Commission": a body of a body named in its name.
        let body_of = |m: &Mention| {
            m.role == Role::Name
                && m.entities.len() == 1
                && registry.drafts[m.entities[0]].kind == EntityKind::Organization
        };
        let mut name = name;
        if let Some(whole) = mentions
            .iter()
            .find(|m| m.tokens.end == name.start && body_of(m))
        {
            name.start = whole.tokens.start;
        }
        let whole = mentions
            .iter()
            .find(|m| m.tokens.start == name.start && m.tokens.end < name.end && body_of(m))
            .map(|m| m.entities[0]);
        let state = mentions.iter().find(|m| {
            official
                && m.entities.len() == 1
                && registry.drafts[m.entities[0]].kind == EntityKind::Country
                && match m.role {
                    Role::Demonym | Role::Seat => m.tokens.end == name.start,
                    Role::Name => {
                        m.tokens.end == name.start
                            || (m.tokens.end + 1 == name.start && words.is(m.tokens.end, "'s"))
                    }
                    _ => false,
                }
        });
        if name.len() < 2 && state.is_none() {
            return None;
        }
        // "China Coast Guard" is the "Chinese coast guard" of another sentence.
        let institution = state.and_then(|s| {
            let state = s.entities[0];
            let gazetteer = registry.drafts[state].gazetteer?;
            phrase_at(words, name.start, lexicon::INSTITUTIONS)
                .filter(|&(_, length)| length == name.len())
                .map(|(noun, _)| (state, gazetteer, noun))
        });
        let id = match institution {
            Some((state, gazetteer, noun)) => self.institution(registry, state, gazetteer, noun),
            None => registry.named_organization(&name_text(words, name.clone())),
        };
        let tokens = state.map_or(name.start, |s| s.tokens.start)..name.end;
        let span = words.span(tokens.clone());
        if let Some(whole) = state.map(|s| s.entities[0]).or(whole) {
            registry.found.push(Found {
                source: id,
                target: whole,
                kind: RelationKind::MemberOf,
                status: None,
                label: name_text(words, name),
                rule: "member_of.institution",
                document: self.document,
                span: span.clone(),
            });
        }
        registry.alias(id, &words.text[span.clone()]);
        let start = tokens.start;
        insert(
            mentions,
            Mention::resolved(tokens, span, smallvec![id], Role::Institution),
        );
        Some((id, start))
    }

    /// Governments and armed camps that qualifiers make into actors of their own.
    fn camp_phrases(
        &mut self,
        words: &Words,
        mentions: &mut Vec<Mention>,
        compounds: &[(usize, usize)],
    ) {
        for head in 0..words.len() {
            let word = words.word(head);
            if !lexicon::CAMP_HEADS.contains(&words.lower(head))
                || !word.starts_with(|c: char| c.is_lowercase())
                || covered(mentions, head)
            {
                continue;
            }
            let mut phrase = CampPhrase {
                place: None,
                region: None,
                leader: None,
                head: words.lower(head).to_owned(),
                backers: Vec::new(),
                span: 0..0,
                text: String::new(),
                named_after_leader: false,
            };
            // Qualifiers before the head.
            let mut start = head;
            let mut i = head;
            while i > 0 && head - i < 6 {
                let j = i - 1;
                let lower = words.lower(j);
                if let Some((_, region)) = lexicon::REGIONS.iter().find(|(w, _)| *w == lower) {
                    phrase.region.get_or_insert(region);
                } else if let Some((before, after)) = lower.rsplit_once('-')
                    && matches!(
                        after,
                        "based"
                            | "recognized"
                            | "recognised"
                            | "backed"
                            | "supported"
                            | "sponsored"
                            | "allied"
                            | "led"
                    )
                {
                    if let Some(&(_, backer)) = compounds.iter().find(|(t, _)| *t == j) {
                        if after == "based" {
                            phrase.place = Some(self_place(words, j));
                        } else if after != "led" {
                            phrase.backers.push(backer);
                        }
                    } else if after == "based" {
                        let region = lexicon::REGIONS
                            .iter()
                            .find(|(w, _)| *w == before)
                            .map(|(_, r)| *r);
                        match region {
                            Some(region) => {
                                phrase.region.get_or_insert(region);
                            }
                            None if words.word(j).starts_with(char::is_uppercase) => {
                                phrase.place = Some(self_place(words, j));
                            }
                            None => break,
                        }
                    } else {
                        break;
                    }
                } else if contains(lexicon::CAMP_ADJECTIVES, lower)
                    || (lower == "," && j > 0 && j + 1 < head)
                {
                    // Passing words: "the rival", "the western, Tripoli-based".
                } else if lower == "'s" && j > 0 {
                    // "Sarraj's government": a person's camp; a country's is the country.
                    let owner = j - 1;
                    if mentions
                        .iter()
                        .any(|m| m.tokens.contains(&owner) && m.role != Role::Person)
                    {
                        break;
                    }
                    if let Some(m) = mentions
                        .iter()
                        .find(|m| m.tokens.end == j && m.role == Role::Person)
                    {
                        phrase.leader = Some(Leader::Known(m.entities[0]));
                        start = m.tokens.start;
                    } else if is_name_word(words.word(owner)) {
                        phrase.leader = Some(Leader::Surname(words.word(owner).to_owned()));
                        start = owner;
                    } else {
                        break;
                    }
                    i = start;
                    continue;
                } else if phrase.head == "administration"
                    && j + 1 == head
                    && is_name_word(words.word(j))
                {
                    // "the Trump administration": the government of the one it names.
                    phrase.named_after_leader = true;
                    if let Some(m) = mentions.iter().find(|m| {
                        m.tokens.end == head && m.role == Role::Person && !m.entities.is_empty()
                    }) {
                        phrase.leader = Some(Leader::Known(m.entities[0]));
                        start = m.tokens.start;
                    } else {
                        phrase.leader = Some(Leader::Surname(words.word(j).to_owned()));
                        start = j;
                    }
                    i = start;
                    continue;
                } else {
                    break;
                }
                i = j;
                start = j;
            }
            if words.is(start, ",") {
                start += 1;
            }
            if mentions
                .iter()
                .any(|m| m.tokens.end == start && m.role == Role::Demonym)
            {
                // "Turkish forces" are Turkey's.
                continue;
            }
            // Qualifiers after it: "in Tripoli", "of Gen. X", "loyal to X", "led by X".
            let mut end = head + 1;
            let leader_at = if words.is(end, "of") || words.is(end, "under") {
                Some(end + 1)
            } else if (words.is(end, "loyal") && words.is(end + 1, "to"))
                || (matches!(words.lower(end), "led" | "commanded" | "headed")
                    && words.is(end + 1, "by"))
            {
                Some(end + 2)
            } else {
                None
            };
            if let Some(at) = leader_at {
                if let Some(m) = mentions
                    .iter()
                    .find(|m| m.tokens.start == at && m.role == Role::Person)
                {
                    phrase.leader = Some(Leader::Known(m.entities[0]));
                    end = m.tokens.end;
                } else if is_name_word(words.word(at)) && !covered(mentions, at) {
                    let name = name_after(words, mentions, at).unwrap_or(at..at + 1);
                    phrase.leader = Some(Leader::Surname(words.word(name.end - 1).to_owned()));
                    end = name.end;
                }
            } else if words.is(end, "in") && phrase.head == "government" {
                let at = end + 1;
                let seat = mentions
                    .iter()
                    .find(|m| m.tokens.start == at && m.role == Role::Seat);
                if seat.is_some() || (is_name_word(words.word(at)) && !covered(mentions, at)) {
                    phrase.place = Some(words.word(at).to_owned());
                    end = at + 1;
                }
            }
            if phrase.place.is_none() && phrase.region.is_none() && phrase.leader.is_none() {
                continue;
            }
            let tokens = start..end;
            phrase.span = words.span(tokens.clone());
            phrase.text = words.text[phrase.span.clone()].to_owned();
            self.camps.push(phrase);
            insert(
                mentions,
                Mention::pending(
                    words,
                    tokens,
                    Role::Camp,
                    Pending::Camp(self.camps.len() - 1),
                ),
            );
        }
    }

    /// "Senegal's Constitutional Council", "Iran's Islamic Revolutionary Guard Corps": a body
    /// known by its own name, owned by the state named before it, is an institution of that
    /// state.
    fn owned_bodies(&self, registry: &mut Registry, words: &Words, mentions: &[Mention]) {
        for pair in mentions.windows(2) {
            let [state, body] = pair else { continue };
            let (Some(&state_id), Some(&body_id)) = (state.entities.first(), body.entities.first())
            else {
                continue;
            };
            let owned = matches!(state.role, Role::Name | Role::Seat)
                && state.entities.len() == 1
                && registry.drafts[state_id].kind == EntityKind::Country
                && words.is(state.tokens.end, "'s")
                && body.tokens.start == state.tokens.end + 1
                && body.entities.len() == 1
                && registry.drafts[body_id].kind == EntityKind::Organization
                && registry.drafts[body_id].gazetteer.is_none()
                && registry.drafts[body_id].subtype.is_none();
            if !owned {
                continue;
            }
            let span = state.span.start..body.span.end;
            registry.found.push(Found {
                source: body_id,
                target: state_id,
                kind: RelationKind::MemberOf,
                status: None,
                label: words.text[body.span.clone()].to_owned(),
                rule: "member_of.institution",
                document: self.document,
                span,
            });
        }
    }

    /// Capitalised names without a title: people and organisations of two words or more, and
    /// lone words that may be the surname of someone named elsewhere.
    fn other_names(&self, registry: &mut Registry, words: &Words, mentions: &mut Vec<Mention>) {
        let mut at = 0;
        while at < words.len() {
            if covered(mentions, at)
                || !is_name_word(words.word(at))
                || title_at(words, at).is_some()
            {
                at += 1;
                continue;
            }
            let name = name_after(words, mentions, at).unwrap_or(at..at + 1);
            let organisation = organisation_cue(words, name.clone());
            if name.len() >= 2 || organisation {
                // A body ("Islamic Revolutionary Guard Corps"), else a person.
                // "the Democratic Centre party", "Russian gas giant Gazprom", "Rosatom, the
                // Russian state nuclear corporation": a name a lower-case noun for a body
                // follows or precedes is that body's.
                if organisation {
                    let body = registry.named_organization(&name_text(words, name.clone()));
                    insert(
                        mentions,
                        Mention::resolved(
                            name.clone(),
                            words.span(name.clone()),
                            smallvec![body],
                            Role::Name,
                        ),
                    );
                } else if self
                    .unknown_body(registry, words, mentions, name.clone())
                    .is_none()
                    // "Western Sahara", "Northern Ireland", "Central Java": a region's name is
                    // a place, no one's.
                    && !matches!(
                        words.word(name.start),
                        "Western" | "Eastern" | "Northern" | "Southern" | "Central" | "Upper"
                            | "Lower" | "Greater"
                    )
                {
                    let person = registry.person(&name_text(words, name.clone()), false);
                    insert(
                        mentions,
                        Mention::resolved(
                            name.clone(),
                            words.span(name.clone()),
                            smallvec![person],
                            Role::Person,
                        ),
                    );
                }
            } else {
                insert(
                    mentions,
                    Mention::pending(
                        words,
                        name.clone(),
                        Role::Person,
                        Pending::Surname(words.word(at).to_owned()),
                    ),
                );
            }
            at = name.end;
        }
    }

    /// Resolves what the first pass left open, once the whole document is read.
    pub fn resolve(mut self, registry: &mut Registry, sentences: &mut [Sentence]) {
        self.parts_named(registry, sentences);
        let camp_entities = self.merge_camps(registry);
        // When each person was last named, by the count of person mentions so far: the look-up
        // of a surname is then as long as its candidates, not as the document.
        let mut last_named: rustc_hash::FxHashMap<usize, usize> = Default::default();
        let mut named = 0;
        for sentence in sentences.iter_mut() {
            for mention in &mut sentence.mentions {
                match mention.pending.as_deref() {
                    None => {}
                    Some(Pending::Camp(index)) => {
                        mention.entities = camp_entities[*index].as_slice().into();
                    }
                    Some(Pending::Surname(word)) => {
                        let candidates = registry.surname_candidates(word);
                        // The most recently named of several people with one surname.
                        let chosen = candidates
                            .iter()
                            .filter_map(|id| last_named.get(id).map(|&at| (at, *id)))
                            .max()
                            .map(|(_, id)| id)
                            .or_else(|| candidates.first().copied());
                        if let Some(id) = chosen {
                            registry.alias(id, word);
                            registry.drafts[id].named_by_surname = true;
                            mention.entities = smallvec![id];
                        }
                    }
                    Some(Pending::Description {
                        affiliations,
                        title,
                    }) => {
                        mention.entities = describe(registry, affiliations, title).into();
                    }
                }
                if mention.role == Role::Person {
                    for &id in &mention.entities {
                        named += 1;
                        last_named.insert(id, named);
                    }
                }
            }
            sentence.mentions.retain(|m| !m.entities.is_empty());
        }
    }

    /// Merges camp phrases that share a place, a region or a leader, and gives each group an
    /// entry; returns the entries of each phrase.
    fn merge_camps(&self, registry: &mut Registry) -> Vec<Vec<usize>> {
        let count = self.camps.len();
        let mut parent: Vec<usize> = (0..count).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let leaders: Vec<Option<usize>> = self
            .camps
            .iter()
            .map(|camp| match &camp.leader {
                Some(Leader::Known(id)) => Some(*id),
                Some(Leader::Surname(name)) => registry.surname_candidates(name).first().copied(),
                None => None,
            })
            .collect();
        let known_places: rustc_hash::FxHashSet<&str> = self
            .camps
            .iter()
            .filter_map(|c| c.place.as_deref())
            .collect();
        let places: Vec<Option<String>> = self
            .camps
            .iter()
            .zip(&leaders)
            .map(|(camp, leader)| {
                camp.place.clone().or_else(|| {
                    // The camp of a leader of a country whose capital another camp is in.
                    let seat = self.seat_led_by(registry, (*leader)?)?;
                    known_places.contains(seat).then(|| seat.to_owned())
                })
            })
            .collect();
        // Phrases sharing a place, a region or a leader are one camp: join each phrase to the
        // first that had the same key (linear, however many phrases a long text has).
        let mut first_with: HashMap<(u8, String), usize> = HashMap::default();
        for i in 0..count {
            let keys = [
                places[i].clone().map(|place| (0, place)),
                self.camps[i].region.map(|region| (1, region.to_owned())),
                leaders[i].map(|leader| (2, leader.to_string())),
            ];
            for key in keys.into_iter().flatten() {
                match first_with.get(&key) {
                    Some(&first) => {
                        let (ra, rb) = (root(&mut parent, first), root(&mut parent, i));
                        parent[ra.max(rb)] = ra.min(rb);
                    }
                    None => {
                        first_with.insert(key, i);
                    }
                }
            }
        }
        let mut members_of_root: HashMap<usize, Vec<usize>> = HashMap::default();
        for i in 0..count {
            let r = root(&mut parent, i);
            members_of_root.entry(r).or_default().push(i);
        }
        let mut entity_of_root: Vec<Option<Vec<usize>>> = vec![None; count];
        let mut result = Vec::with_capacity(count);
        for i in 0..count {
            let r = root(&mut parent, i);
            if entity_of_root[r].is_none() {
                let members: Vec<usize> = members_of_root.get(&r).cloned().unwrap_or_default();
                let place = members.iter().find_map(|&j| places[j].clone());
                let region = members.iter().find_map(|&j| self.camps[j].region);
                let leader = members.iter().find_map(|&j| leaders[j]);
                let head = &self.camps[i].head;
                let entities = match (place.as_deref(), region, leader) {
                    // "Erdogan's government", with no rival camp, is the country he leads.
                    (None, None, Some(leader))
                        if head == "government"
                            || members.iter().any(|&j| self.camps[j].named_after_leader) =>
                    {
                        self.country_led_by(registry, leader)
                            .map_or_else(Vec::new, |country| vec![country])
                    }
                    _ => match camp_name(registry, place.as_deref(), region, leader, head) {
                        // A camp with no place, region or leader ("the government") is no one.
                        None => Vec::new(),
                        Some(name) => {
                            let id = registry.camp(place.as_deref(), leader, name);
                            for &j in &members {
                                let camp = &self.camps[j];
                                registry.alias(id, &core_phrase(&camp.text));
                                for &backer in &camp.backers {
                                    registry.found.push(Found {
                                        source: backer,
                                        target: id,
                                        kind: RelationKind::Supports,
                                        status: None,
                                        label: "backs".to_owned(),
                                        rule: "supports.compound",
                                        document: self.document,
                                        span: camp.span.clone(),
                                    });
                                }
                                if let Some(leader) = leaders[j] {
                                    registry.found.push(Found {
                                        source: leader,
                                        target: id,
                                        kind: RelationKind::Leads,
                                        status: None,
                                        label: "leader".to_owned(),
                                        rule: "leads.camp",
                                        document: self.document,
                                        span: camp.span.clone(),
                                    });
                                }
                            }
                            vec![id]
                        }
                    },
                };
                entity_of_root[r] = Some(entities);
            }
            result.push(entity_of_root[r].clone().unwrap_or_default());
        }
        result
    }

    /// The country `person` leads, by a title.
    fn country_led_by(&self, registry: &Registry, person: usize) -> Option<usize> {
        registry.titles.iter().find_map(|fact| {
            let country = fact.affiliation?;
            (fact.person == person
                && fact.kind == Some(RelationKind::Leads)
                && registry.drafts[country].kind == EntityKind::Country)
                .then_some(country)
        })
    }

    /// The capital of the country `person` leads.
    fn seat_led_by(&self, registry: &Registry, person: usize) -> Option<&'g str> {
        let country = self.country_led_by(registry, person)?;
        let index = registry.drafts[country].gazetteer?;
        self.gazetteer.actors[index]
            .names
            .iter()
            .find(|(_, role)| *role == NameRole::Seat)
            .map(|(name, _)| name.as_str())
    }
}

/// Who a description means: the person holding that title for that actor when the text named
/// one ("the EU's top diplomat": the one person titled for the EU), else the actor itself
/// ("the Turkish president", with no president named, stands for Turkey). Without an actor
/// ("the prime minister"), the one person with that title, if there is exactly one.
fn describe(registry: &Registry, affiliations: &[usize], title: &str) -> Vec<usize> {
    let kind = lexicon::TITLES
        .iter()
        .find(|(t, _)| *t == title)
        .and_then(|(_, k)| *k);
    let unique = |candidates: Vec<usize>| -> Option<usize> {
        let mut candidates = candidates;
        candidates.sort_unstable();
        candidates.dedup();
        (candidates.len() == 1).then(|| candidates[0])
    };
    // "EU officials" are the EU's voice, not one person.
    if title == "official" {
        return affiliations.to_vec();
    }
    if affiliations.is_empty() {
        let same_title = registry
            .titles
            .iter()
            .filter(|fact| fact.title == title)
            .map(|fact| fact.person)
            .collect();
        return unique(same_title).into_iter().collect();
    }
    affiliations
        .iter()
        .map(|&affiliation| {
            let titled: Vec<&TitleFact> = registry
                .titles
                .iter()
                .filter(|fact| fact.affiliation == Some(affiliation))
                .collect();
            let pick = |filter: &dyn Fn(&TitleFact) -> bool| {
                unique(
                    titled
                        .iter()
                        .filter(|f| filter(f))
                        .map(|f| f.person)
                        .collect(),
                )
            };
            pick(&|f| f.title == title)
                .or_else(|| pick(&|f| f.kind == kind))
                .unwrap_or(affiliation)
        })
        .collect()
}

/// Lower-case nouns for a body that make the name beside them one: "the Tisza party", "Russian
/// gas giant Gazprom", "the Salvadoran gang MS-13".
const BODY_NOUNS: &[&str] = &[
    "party",
    "movement",
    "coalition",
    "alliance",
    "bloc",
    "militia",
    "gang",
    "group",
    "cartel",
    "faction",
    "company",
    "corporation",
    "firm",
    "giant",
    "operator",
    "conglomerate",
    "utility",
    "broadcaster",
    "airline",
    "lender",
];

/// Whether the capitalised name `name` is a body's by the words around it: a body's noun right
/// after it ("the Tisza party"), right before it ("gas giant Gazprom"; not "the group's"), or
/// closing an apposition after it ("Rosatom, the Russian state nuclear corporation,").
fn organisation_cue(words: &Words, name: Range<usize>) -> bool {
    // One word: not the end of a longer name split at a demonym or "and" ("Georgian Dream",
    // "Liberty and Refoundation"), not a sentence's first word ("Neither party"), not an
    // adjective ("the Kurdish party", "a Serb party", "São Paulo-born").
    if name.len() == 1 {
        let word = words.word(name.start);
        let before = name.start.checked_sub(1).map(|i| words.word(i));
        let adjective = ["ish", "ian", "ese", "ite", "ic", "ist", "born"]
            .iter()
            .any(|end| word.ends_with(end))
            || matches!(
                word,
                "Serb" | "Croat" | "Arab" | "Kurd" | "Sunni" | "Shia" | "Druze"
            );
        if adjective
            || before.is_none_or(|b| {
                b.starts_with(char::is_uppercase) || matches!(b, "and" | "of" | "&" | "\"")
            })
        {
            return false;
        }
    }
    let body_noun = |i: usize| {
        i < words.len()
            && words.word(i).starts_with(|c: char| c.is_lowercase())
            && contains(BODY_NOUNS, words.lower(i))
    };
    // ("the Uyghur group", "the Wagner group": "group" after a name is too often a people's
    // or part of the name.)
    if body_noun(name.end) && words.lower(name.end) != "group" && !words.is(name.end + 1, "'s") {
        return true;
    }
    if name.start > 0 && body_noun(name.start - 1) {
        return true;
    }
    // The apposition: ", the" or ", a", up to four adjectives or nouns, the body's noun, and
    // then the clause goes on.
    if words.is(name.end, ",") && matches!(words.lower(name.end + 1), "the" | "a" | "an") {
        let from = name.end + 2;
        let lower_case =
            |i: usize| i < words.len() && words.word(i).starts_with(|c: char| c.is_lowercase());
        if let Some(noun) = (from..(from + 5).min(words.len())).find(|&i| body_noun(i)) {
            return (from..noun).all(|i| {
                lower_case(i) || is_name_word(words.word(i)) || words.word(i).contains('-')
            }) && matches!(words.word(noun + 1), "," | "." | "")
                || words.lower(noun + 1) == "that";
        }
    }
    false
}

/// Adds `mention`, replacing any it overlaps.
fn insert(mentions: &mut Vec<Mention>, mention: Mention) {
    mentions
        .retain(|m| m.tokens.end <= mention.tokens.start || m.tokens.start >= mention.tokens.end);
    mentions.push(mention);
}

fn covered(mentions: &[Mention], token: usize) -> bool {
    mentions.iter().any(|m| m.tokens.contains(&token))
}

/// The longest phrase of `list` (lowercase, words separated by spaces) at token `at`.
fn phrase_at(words: &Words, at: usize, list: &[&'static str]) -> Option<(&'static str, usize)> {
    list.iter()
        .filter_map(|phrase| {
            let length = phrase.split(' ').count();
            phrase
                .split(' ')
                .enumerate()
                .all(|(k, word)| words.lower(at + k) == word)
                .then_some((*phrase, length))
        })
        .max_by_key(|(_, length)| *length)
}

/// The longest title at token `at`: the title, its relation, its length in tokens, and
/// whether it is plural ("presidents").
fn title_at(words: &Words, at: usize) -> Option<(&'static str, Option<RelationKind>, usize, bool)> {
    let first = words.lower(at);
    if first.is_empty() || !words.tokens[at].is_word {
        return None;
    }
    // "Hassan Sheikh Mohamud": "Sheikh" between two names is part of the name.
    if first == "sheikh"
        && at > 0
        && words.word(at - 1).starts_with(char::is_uppercase)
        && is_name_word(words.word(at - 1))
        && !title_starts().contains(words.lower(at - 1))
        && is_name_word(words.word(at + 1))
    {
        return None;
    }
    // A portfolio of one or two words: "Water Minister", "External Affairs Minister",
    // "Culture Ministers".
    let portfolio_word = |i: usize| {
        let lower = words.lower(i);
        i < words.len()
            && is_name_word(words.word(i))
            && !matches!(lower, "prime" | "deputy")
            && !contains(lexicon::FORMER_MARKERS, lower)
            && !contains(lexicon::TITLE_FILLERS, lower)
    };
    let minister = |i: usize| matches!(words.lower(i), "minister" | "ministers");
    let portfolio = [1, 2].into_iter().find(|&words_before| {
        minister(at + words_before) && (0..words_before).all(|k| portfolio_word(at + k))
    });
    // "Treasury Secretary Scott Bessent", "Homeland Security Secretary": a secretary's
    // portfolio, capitalised as a title is.
    let secretary = |i: usize| i < words.len() && words.word(i) == "Secretary";
    let secretary_portfolio = [1, 2].into_iter().find(|&words_before| {
        secretary(at + words_before)
            && (0..words_before).all(|k| portfolio_word(at + k))
            && !matches!(words.lower(at), "general" | "state" | "party" | "executive")
    });
    if portfolio.is_none()
        && let Some(before) = secretary_portfolio
    {
        return Some(("secretary", Some(RelationKind::MemberOf), before + 1, false));
    }
    if let Some(before) = portfolio {
        let kind = lexicon::TITLES
            .iter()
            .find(|(t, _)| *t == "minister")
            .and_then(|(_, k)| *k);
        let plural = words.lower(at + before) == "ministers";
        return Some(("minister", kind, before + 1, plural));
    }
    let starts = title_starts();
    if !starts.contains(first)
        && !first.strip_suffix('s').is_some_and(|w| starts.contains(w))
        && !first.strip_suffix("es").is_some_and(|w| starts.contains(w))
    {
        return None;
    }
    let mut best: Option<(&'static str, Option<RelationKind>, usize, bool)> = None;
    for (title, kind, parts) in split_titles() {
        let (title, kind) = (*title, *kind);
        if words.lower(at) != parts[0] && !words.lower(at).starts_with(parts[0]) {
            continue;
        }
        let last = parts.len() - 1;
        let mut plural = false;
        let matches = parts.iter().enumerate().all(|(k, part)| {
            let word = words.lower(at + k);
            if word == *part {
                return true;
            }
            if k == last
                && (word.strip_suffix('s') == Some(part) || word.strip_suffix("es") == Some(part))
            {
                plural = true;
                return true;
            }
            false
        });
        if matches && best.is_none_or(|(_, _, length, _)| parts.len() > length) {
            best = Some((title, kind, parts.len(), plural));
        }
    }
    best
}

/// `lexicon::TITLES` with their words split once.
#[allow(clippy::type_complexity)] // A private cache of one table.
fn split_titles() -> &'static [(&'static str, Option<RelationKind>, Vec<&'static str>)] {
    static SPLIT: std::sync::OnceLock<
        Vec<(&'static str, Option<RelationKind>, Vec<&'static str>)>,
    > = std::sync::OnceLock::new();
    SPLIT.get_or_init(|| {
        lexicon::TITLES
            .iter()
            .map(|&(title, kind)| (title, kind, title.split(' ').collect()))
            .collect()
    })
}

/// `lexicon::NOT_NAMES` for fast lookups.
fn not_names() -> &'static rustc_hash::FxHashSet<&'static str> {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| lexicon::NOT_NAMES.iter().copied().collect())
}

/// The first words of all titles.
fn title_starts() -> &'static rustc_hash::FxHashSet<&'static str> {
    static STARTS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    STARTS.get_or_init(|| {
        lexicon::TITLES
            .iter()
            .filter_map(|(title, _)| title.split(' ').next())
            .collect()
    })
}

/// The actors named just before a title, with where the phrase starts: "Turkey's", "Turkish",
/// "Turkish and Russian", "Italian government", "EU top". Empty when none.
/// The state of the capital the sentence's opening phrase names right before the title at
/// token `title` ("In Beijing, foreign ministry spokesman", "At a briefing in Moscow, Foreign
/// Minister"), when the title has no actor of its own. Lower-case words of the body between
/// ("foreign ministry") are let be.
fn seat_opening(words: &Words, mentions: &[Mention], title: usize) -> Option<usize> {
    let mut opening = title;
    while opening + 3 > title
        && opening > 0
        && words
            .word(opening - 1)
            .starts_with(|c: char| c.is_ascii_lowercase())
        && !matches!(
            words.lower(opening - 1),
            "who" | "which" | "where" | "and" | "but"
        )
    {
        opening -= 1;
    }
    if opening < 3 || !words.is(opening - 1, ",") {
        return None;
    }
    let seat = mentions
        .iter()
        .find(|m| m.tokens.end == opening - 1 && m.role == Role::Seat && m.entities.len() == 1)?;
    (words.is(seat.tokens.start.wrapping_sub(1), "in")
        && seat.tokens.start <= 8
        && !mentions.iter().any(|m| m.tokens.start < seat.tokens.start))
    .then_some(seat.entities[0])
}

/// The actors the title at token `title` is of, named before it ("Turkish and Russian",
/// "Egypt's", "Togo, whose"): their entries, where the phrase starts, and whether lower-case
/// words of a remit stood between a possessor and the title ("Egypt's intelligence chief").
fn affiliations_before(
    words: &Words,
    mentions: &[Mention],
    title: usize,
) -> (Vec<usize>, usize, bool) {
    // "Togo, whose president, Faure Gnassingbe": the actor before ", whose".
    if title >= 3 && words.lower(title - 1) == "whose" && words.is(title - 2, ",") {
        let owner = mentions.iter().find(|m| {
            m.tokens.end == title - 2 && m.role != Role::Person && m.role != Role::Description
        });
        if let Some(owner) = owner {
            return (owner.entities.to_vec(), title, false);
        }
    }
    let mut at = title;
    while at > 0
        && contains(
            lexicon::TITLE_FILLERS,
            words.lower(at - 1).trim_end_matches('-'),
        )
    {
        at -= 1;
    }
    // "Egypt's intelligence chief", "the EU's enlargement commissioner": up to two lower-case
    // words of the remit between a possessor and the title.
    let lower_case = |i: usize| {
        let word = words.word(i);
        !word.is_empty() && word.chars().all(|c| c.is_lowercase() || c == '-')
    };
    let mut remit = at;
    while remit > 0 && at - remit < 2 && lower_case(remit - 1) {
        remit -= 1;
    }
    let skipped = remit < at && remit > 0 && words.is(remit - 1, "'s");
    // A remit is a word of its own: "then-acting" qualifies the title, it names no part.
    let remit_skipped = skipped
        && (remit..at).any(|i| {
            let word = words.word(i);
            word.chars().all(char::is_lowercase) && !contains(lexicon::TITLE_FILLERS, word)
        });
    if skipped {
        at = remit;
    }
    let filler_start = at;
    let mut found = Vec::new();
    let mut start = filler_start;
    loop {
        let mut end = at;
        // "Turkey's", and "Honduras'" (a bare apostrophe after a final "s").
        if end > 0
            && (words.is(end - 1, "'s")
                || (words.is(end - 1, "'") && end >= 2 && words.lower(end - 2).ends_with('s')))
        {
            end -= 1;
        }
        let Some(mention) = mentions
            .iter()
            .find(|m| m.tokens.end == end && m.role != Role::Person && m.role != Role::Description)
        else {
            break;
        };
        found.extend(mention.entities.iter().copied());
        start = mention.tokens.start;
        // "Turkish and Russian", "Britain, France and Italy"; not "in Brussels, Libyan".
        let role = mention.role;
        let joins = |i: usize| {
            mentions
                .iter()
                .any(|m| m.tokens.end == i && m.role == role && m.role != Role::Seat)
        };
        if start >= 2
            && (words.is(start - 1, "and") || (words.is(start - 1, ",") && joins(start - 1)))
        {
            at = start - 1;
            if at >= 1 && words.is(at - 1, ",") {
                at -= 1;
            }
            continue;
        }
        break;
    }
    found.reverse();
    // "China's U.N. ambassador", "Russia's EU envoy": the possessor is whom the person serves,
    // the body between is where.
    if !found.is_empty() && start >= 2 && words.is(start - 1, "'s") {
        let possessor = mentions.iter().find(|m| {
            m.tokens.end == start - 1 && m.role != Role::Person && m.role != Role::Description
        });
        if let Some(possessor) = possessor {
            return (
                possessor.entities.to_vec(),
                possessor.tokens.start,
                remit_skipped,
            );
        }
    }
    (found, start, remit_skipped)
}

/// Whether `word` can be part of a name: capitalised, or a particle glued to one
/// ("el-Sissi"), and not a function word, a day or a month.
fn is_name_word(word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    if first.is_uppercase() {
        // "Iran-backed", "Saudi-led": an actor glued to a participle qualifies a name, it is
        // no part of one.
        let qualifier = word.rsplit_once('-').is_some_and(|(_, participle)| {
            lexicon::BACKING_PARTICIPLES.contains(&participle)
                || lexicon::QUALIFYING_PARTICIPLES.contains(&participle)
        });
        return !qualifier
            && !not_names().contains(word)
            && word.chars().any(char::is_lowercase)
            && !word.ends_with('.')
            || (word.len() == 2 && word.ends_with('.'));
    }
    word.split_once('-').is_some_and(|(particle, rest)| {
        contains(lexicon::NAME_PARTICLES, particle) && rest.starts_with(char::is_uppercase)
    })
}

/// The name starting at token `at`: capitalised words and particles, up to five words, not
/// running into a title, a known actor or the next clause.
fn name_after(words: &Words, mentions: &[Mention], at: usize) -> Option<Range<usize>> {
    let mut end = at;
    let mut last_name_word = None;
    while end < words.len() && end - at < 5 {
        // A title ends the name, but not "Sheikh" inside one ("Hassan Sheikh Mohamud").
        let inner_sheikh = words.lower(end) == "sheikh" && is_name_word(words.word(end + 1));
        if covered(mentions, end) || (end > at && title_at(words, end).is_some() && !inner_sheikh) {
            break;
        }
        let word = words.word(end);
        if is_name_word(word) && (end > at || title_at(words, end).is_none()) {
            if !(word.len() == 2 && word.ends_with('.')) {
                last_name_word = Some(end);
            }
            end += 1;
        } else if contains(lexicon::NAME_PARTICLES, word)
            && (is_name_word(words.word(end + 1))
                || (contains(lexicon::NAME_PARTICLES, words.word(end + 1))
                    && is_name_word(words.word(end + 2))))
        {
            // "bin Salman", "von der Leyen"
            end += 1;
        } else {
            break;
        }
    }
    last_name_word.map(|last| at..last + 1)
}

/// The name ending just before token `end`.
fn name_before(words: &Words, mentions: &[Mention], end: usize) -> Option<Range<usize>> {
    let mut start = end;
    while start > 0 && end - start < 5 {
        let word = words.word(start - 1);
        if covered(mentions, start - 1)
            || !(is_name_word(word) || contains(lexicon::NAME_PARTICLES, word))
        {
            break;
        }
        start -= 1;
    }
    while start < end && !is_name_word(words.word(start)) {
        start += 1;
    }
    (start < end).then_some(start..end)
}

/// The organisation's word that makes `name` a body's, its token: its last ("State Department"),
/// or the one before its first "of" or "for" ("Ministry of External Affairs", "State Committee
/// for National Security").
fn body_head(words: &Words, name: Range<usize>) -> Option<usize> {
    if contains(lexicon::ORGANIZATION_WORDS, words.word(name.end - 1)) {
        return Some(name.end - 1);
    }
    let joint = (name.start + 1..name.end - 1).find(|&i| matches!(words.word(i), "of" | "for"))?;
    contains(lexicon::ORGANIZATION_WORDS, words.word(joint - 1)).then_some(joint - 1)
}

/// A body's capitalised name from token `at`, read past the mentions the gazetteer found in
/// it ("ECOWAS *Commission*"): "Coast Guard", "Ministry of External Affairs".
fn body_name(words: &Words, at: usize) -> Option<Range<usize>> {
    let mut end = at;
    let mut purpose = false;
    while end < words.len() && end - at < 10 {
        let word = words.word(end);
        // "Ministry of External Affairs", "State Committee for National Security", and after a
        // purpose its place: "Union for Peace in the Central African Republic".
        let the = usize::from(word == "in" && words.is(end + 1, "the"));
        let joint = end > at
            && (word == "of"
                || (word == "for" && contains(lexicon::ORGANIZATION_WORDS, words.word(end - 1)))
                || (word == "in" && purpose))
            && is_name_word(words.word(end + 1 + the));
        if !is_name_word(word) && !joint {
            break;
        }
        purpose |= word == "for";
        end += 1 + if joint { the } else { 0 };
    }
    (end > at && body_head(words, at..end).is_some()).then_some(at..end)
}

fn name_text(words: &Words, name: Range<usize>) -> String {
    name.map(|i| words.word(i)).collect::<Vec<_>>().join(" ")
}

/// The place of a "Tripoli-based" token: the part before the hyphen.
fn self_place(words: &Words, token: usize) -> String {
    let word = words.word(token);
    word.rsplit_once('-')
        .map_or(word, |(place, _)| place)
        .to_owned()
}

/// A camp phrase without its article and passing adjectives: "the rival eastern-based forces
/// of Gen. Khalifa Hifter" gives "eastern-based forces of Gen. Khalifa Hifter".
fn core_phrase(text: &str) -> String {
    let mut rest = text.trim();
    loop {
        let Some((word, after)) = rest.split_once(' ') else {
            return rest.to_owned();
        };
        let word = word.trim_end_matches(',');
        if contains(&["the", "a", "an", "its", "their"], word)
            || contains(lexicon::CAMP_ADJECTIVES, word)
        {
            rest = after;
        } else {
            return rest.to_owned();
        }
    }
}

/// The name of a camp: by its place ("Tripoli government"), else its region ("Eastern
/// government"), else its leader ("Haftar's forces"); none without any of them.
fn camp_name(
    registry: &Registry,
    place: Option<&str>,
    region: Option<&str>,
    leader: Option<usize>,
    head: &str,
) -> Option<String> {
    Some(match (place, region, leader) {
        (Some(place), _, _) => format!("{place} {head}"),
        (None, Some(region), _) => capitalized(&format!("{region}ern {head}")),
        (None, None, Some(leader)) => {
            let name = &registry.drafts[leader].name;
            let surname = name.rsplit(' ').next().unwrap_or("");
            format!("{surname}'s {head}")
        }
        (None, None, None) => return None,
    })
}
