//! Who "he", "both men" and a quotation's "we" stand for: the mentions the first pass cannot
//! see, added once every name of the document is resolved.
//!
//! Rule-based and local, in the way wire copy is written:
//! - "he", "she" (and "him", "her" as an object) are the person a recent sentence names first,
//!   its subject as a rule ("Erdogan flew to Moscow. He met Putin"); "he" after a person in its
//!   own sentence is that person ("Erdogan said he would meet Putin").
//! - "it" after "X said" is X ("Mali said it would"); another "it" stays unresolved.
//! - "they" is the list its sentence opens with ("Yoon and Kishida said they condemned").
//! - "both men", "the two leaders" are the two people just named; "both countries", "the two
//!   sides" the two states or sides the sentence before names, when no actor comes before
//!   them in their own sentence.
//! - "the kingdom" is the latest kingdom named; "the bloc", "the 15-nation bloc", "the
//!   council", "the rebels" the body named before that the noun describes (the gazetteer's
//!   descriptions, else the last word of its name), the one named most often; "his
//!   government" the state of his title, "its government" the latest state.
//! - Inside quotation marks, "we", "us", "I" and "me" are the speaker: the actor that a
//!   reporting verb next to the quotation names ("'We call on Israel,' the minister said";
//!   `Erdogan said: "We will not..."`), across the quotation's sentences. The annotation guide
//!   makes the speaker the source of what they say, not the speaker's state.
//!
//! Each added mention has `Role::Anaphor` and keeps its own words as its span, so the evidence
//! quote is still verbatim text ("He met Putin") and `--explain` shows whom it stands for.

use std::ops::Range;

use crate::model::EntityKind;

use super::actors::{Mention, Role, Sentence};
use super::lexicon;
use super::registry::Registry;
use super::tokens::{Lower, Token};

/// How many sentences back "he" or "both men" looks for its people.
const SENTENCES_BACK: usize = 2;

/// Words that say a quotation is someone's ("'…,' the minister said").
const SAYS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "wrote", "writes", "stated", "declared",
    "insisted", "warned", "noted", "argued", "urged", "asked", "replied",
];

/// Plural descriptions of the two people just named: "both men", "the two leaders",
/// "Sudan's two rival generals": an opening ("both", "the two", "two" after a possessive),
/// at most one of these qualifiers, then one of these nouns.
const TWO_PEOPLE_QUALIFIERS: &[&str] = &["rival", "warring", "top", "former", "feuding"];
const TWO_PEOPLE_NOUNS: &[&str] = &[
    "men",
    "women",
    "leaders",
    "presidents",
    "ministers",
    "diplomats",
    "generals",
    "commanders",
];

/// The length of a description of two people at token `i`, if one starts there.
fn two_people_at<'a>(word: &impl Fn(usize) -> &'a str, i: usize) -> Option<usize> {
    let opening = match (word(i), word(i + 1)) {
        ("both", _) => 1,
        ("the", "two") => 2,
        ("two", _) if i > 0 && word(i - 1) == "'s" => 1,
        _ => return None,
    };
    let qualified = usize::from(TWO_PEOPLE_QUALIFIERS.contains(&word(i + opening)));
    TWO_PEOPLE_NOUNS
        .contains(&word(i + opening + qualified))
        .then_some(opening + qualified + 1)
}

/// Plural descriptions of the two states or sides just named.
const TWO_SIDES: &[&[&str]] = &[
    &["both", "countries"],
    &["both", "nations"],
    &["both", "governments"],
    &["both", "sides"],
    &["the", "two", "countries"],
    &["the", "two", "nations"],
    &["the", "two", "governments"],
    &["the", "two", "neighbours"],
    &["the", "two", "neighbors"],
    &["the", "two", "sides"],
    &["both", "neighbours"],
    &["both", "neighbors"],
    &["both", "camps"],
    &["the", "two", "camps"],
    &["both", "parties"],
    &["the", "two", "parties"],
    &["both", "capitals"],
    &["the", "two", "capitals"],
    &["the", "two", "rivals"],
];

/// The spans inside quotation marks of a normalised text: marks paired within a paragraph
/// (a line), an unpaired last mark running to the paragraph's end. Sorted, disjoint.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut quotations = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut open = None;
        for (at, _) in line.match_indices('"') {
            match open.take() {
                None => open = Some(line_start + at + 1),
                Some(start) => quotations.push(start..line_start + at),
            }
        }
        if let Some(start) = open {
            quotations.push(start..line_start + line.trim_end().len());
        }
        line_start += line.len();
    }
    quotations
}

/// The people named in the sentences read so far, for "he" and "both men".
#[derive(Default)]
pub struct Referents {
    /// For each of the last few sentences, its people and its states or sides in the order
    /// named (anaphors included).
    recent: std::collections::VecDeque<Named>,
    /// The states named so far in the document, the latest last, each once.
    states: Vec<usize>,
    /// The organisations named so far, the latest last, each once, with how many times each
    /// was named.
    bodies: Vec<usize>,
    times_named: rustc_hash::FxHashMap<usize, u32>,
    /// For each pair of states named in one sentence: in how many sentences, and the latest.
    pairs: rustc_hash::FxHashMap<(usize, usize), (u32, u32)>,
    sentences: u32,
}

#[derive(Default)]
struct Named {
    people: Vec<usize>,
    sides: Vec<usize>,
}

impl Referents {
    /// Adds the sentence's anaphors as mentions, then remembers whom it named.
    pub fn read(
        &mut self,
        lower: &Lower,
        tokens: &[Token],
        sentence: &mut Sentence,
        registry: &Registry,
        quotations: &[Range<usize>],
    ) {
        let word = |i: usize| tokens.get(i).map_or("", |t| &lower[t.span.clone()]);
        let covered =
            |sentence: &Sentence, i: usize| sentence.mentions.iter().any(|m| m.tokens.contains(&i));
        let is_person = |id: &usize| registry.drafts[*id].kind == EntityKind::Person;
        let mut i = 0;
        while i < tokens.len() {
            let candidate = matches!(
                word(i),
                "he" | "she"
                    | "him"
                    | "it"
                    | "they"
                    | "both"
                    | "the"
                    | "two"
                    | "his"
                    | "her"
                    | "its"
            );
            if !candidate || covered(sentence, i) {
                i += 1;
                continue;
            }
            let before = || sentence.mentions.iter().filter(move |m| m.tokens.end <= i);
            // People the sentence names before, not as a possessor ("Sheinbaum's predecessor,
            // López Obrador, ... when he called": he is López Obrador).
            let people_before = || {
                before()
                    .filter(|m| word(m.tokens.end) != "'s")
                    .filter(|m| m.entities.len() == 1 && m.entities.iter().all(is_person))
                    .map(|m| m.entities[0])
            };
            // The actors of a kind the sentence names before, in order.
            let own_of = |kind: EntityKind| -> Vec<usize> {
                before()
                    .flat_map(|m| m.entities.iter().copied())
                    .filter(|&id| registry.drafts[id].kind == kind)
                    .collect()
            };
            let phrase = |list: &[&[&str]]| {
                list.iter()
                    .find(|phrase| phrase.iter().enumerate().all(|(k, w)| word(i + k) == *w))
                    .map(|phrase| phrase.len())
            };
            let meant = match word(i) {
                // "Erdogan said he would": the sentence's own first person.
                "he" | "she" => people_before()
                    .next()
                    .or_else(|| self.first_person())
                    .map(|id| (vec![id], 1)),
                // "Putin called him": not the sentence's subject (its first person); the
                // last other person it names, else the last person named before.
                "him" => {
                    let own: Vec<usize> = people_before().collect();
                    match own.as_slice() {
                        [_, .., last] => Some(*last),
                        subject => self.last_person_not_in(subject),
                    }
                    .map(|id| (vec![id], 1))
                }
                // "Mali said it would", "CARICOM said in a statement that it stood with
                // Guyana": the actor just before the reporting verb, when no other actor
                // comes between the verb and "it".
                "it" => {
                    let verb = (i.saturating_sub(7)..i)
                        .rev()
                        .find(|&v| SAYS.contains(&word(v)));
                    verb.and_then(|verb| {
                        let between = before().any(|m| m.tokens.start > verb);
                        before()
                            .find(|m| m.tokens.end == verb)
                            .filter(|m| !between && m.entities.len() == 1)
                            .filter(|m| !is_person(&m.entities[0]))
                            .map(|m| (m.entities.to_vec(), 1))
                    })
                }
                // "Yoon and Kishida said that they condemned": the sentence's first list.
                "they" => {
                    let listed = first_list(&before().collect::<Vec<_>>(), &word);
                    (listed.len() >= 2).then_some((listed, 1))
                }
                // "the two countries" opening its sentence: a sentence that names another
                // actor first is often about other pairs ("Ethiopia hosted talks between the
                // two sides", "Rubio congratulated Lee on the alliance between the two
                // countries").
                // After a call ("urged the two sides", "called on both countries") they are the
                // two named before, when neither is the caller.
                _ if before().next().is_some() && phrase(TWO_SIDES).is_some() => {
                    let called = matches!(word(i.wrapping_sub(1)), "urged" | "pressed" | "asked")
                        || (word(i.wrapping_sub(1)) == "on"
                            && matches!(word(i.wrapping_sub(2)), "called" | "calls" | "call"));
                    let own: Vec<usize> =
                        before().flat_map(|m| m.entities.iter().copied()).collect();
                    // The caller: an actor before, not after a preposition ("Its ambassador
                    // to Niger ... urged the two neighbours": not Niger).
                    let callers: Vec<usize> = before()
                        .filter(|m| {
                            m.tokens.start == 0
                                || !lexicon::contains(
                                    lexicon::PREPOSITIONS,
                                    word(m.tokens.start - 1),
                                )
                        })
                        .flat_map(|m| m.entities.iter().copied())
                        .collect();
                    called
                        .then(|| {
                            self.the_two(|n| &n.sides)
                                .filter(|two| !two.iter().any(|id| own.contains(id)))
                                .or_else(|| self.main_pair(&callers))
                        })
                        .flatten()
                        .zip(phrase(TWO_SIDES))
                }
                // "his government", "her country": the state of the person "he" would be.
                "his" | "her" if STATE_NOUNS.contains(&word(i + 1)) => people_before()
                    .next_back()
                    .or_else(|| self.first_person())
                    .and_then(|person| state_of(registry, person))
                    .map(|state| (vec![state], 2)),
                // "its government": the state "it" would be, the latest named.
                "its" if STATE_NOUNS.contains(&word(i + 1)) => own_of(EntityKind::Country)
                    .last()
                    .copied()
                    .or_else(|| self.states.last().copied())
                    .map(|state| (vec![state], 2)),
                // "the bloc", "the 15-nation bloc", "the council": the latest body named that
                // the noun describes.
                "the"
                    if description_at(&word, i).is_some_and(|(len, _)| {
                        !(i + 1..i + len).any(|k| covered(sentence, k))
                    }) =>
                {
                    let (len, noun) = description_at(&word, i).unwrap_or_default();
                    own_of(EntityKind::Organization)
                        .iter()
                        .rev()
                        .copied()
                        .find(|&id| describes(&noun, &registry.drafts[id]))
                        .or_else(|| self.salient_body(&noun, registry))
                        .map(|id| (vec![id], len))
                }
                // "the kingdom", "the sultanate": the latest state named that is one.
                "the" if MONARCHY_NOUNS.contains(&word(i + 1)) => {
                    let noun = word(i + 1);
                    own_of(EntityKind::Country)
                        .iter()
                        .rev()
                        .chain(self.states.iter().rev())
                        .copied()
                        .find(|&id| is_monarchy(noun, &registry.drafts[id].name))
                        .map(|id| (vec![id], 2))
                }
                _ => {
                    if let Some(len) = two_people_at(&word, i) {
                        let own: Vec<usize> = before()
                            .flat_map(|m| m.entities.iter().copied())
                            .filter(is_person)
                            .collect();
                        let own = distinct(&own);
                        let noun = word(i + len - 1);
                        // Two named before it in its sentence, else the only two with that
                        // title, else (opening its sentence) the two the last one names.
                        match own.len() {
                            2 => Some(own),
                            n => titled_two(registry, noun).or_else(|| {
                                (n == 0).then(|| self.the_two(|n| &n.people)).flatten()
                            }),
                        }
                        .map(|two| (two, len))
                    } else if let Some(len) = phrase(TWO_SIDES) {
                        // The sides are named before their sentence: in it, states before
                        // "both sides" are most often the speaker's ("the UN envoy for
                        // Libya urged both sides").
                        self.the_two(|n| &n.sides).map(|two| (two, len))
                    } else {
                        None
                    }
                }
            };
            let Some((entities, len)) = meant else {
                i += 1;
                continue;
            };
            let span = tokens[i].span.start..tokens[i + len - 1].span.end;
            let mention = Mention::resolved(i..i + len, span, entities, Role::Anaphor);
            // Later anaphors of the sentence see the earlier ones.
            let at = sentence.mentions.partition_point(|m| m.tokens.start < i);
            sentence.mentions.insert(at, mention);
            i += len;
        }
        // Whom the sentence names, those inside a quotation last: after `"...Trump's
        // terms...," Leavitt said.`, "She said" is the speaker.
        let quoted = |m: &Mention| inside(quotations, m.span.start);
        let mut named = Named::default();
        let outside = sentence.mentions.iter().filter(|m| !quoted(m));
        for mention in outside.chain(sentence.mentions.iter().filter(|m| quoted(m))) {
            for &id in &mention.entities {
                let list = if is_person(&id) {
                    &mut named.people
                } else {
                    &mut named.sides
                };
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
        for mention in &sentence.mentions {
            for &id in &mention.entities {
                let list = match registry.drafts[id].kind {
                    EntityKind::Country => &mut self.states,
                    EntityKind::Organization => &mut self.bodies,
                    EntityKind::Person => continue,
                };
                list.retain(|&s| s != id);
                list.push(id);
                *self.times_named.entry(id).or_default() += 1;
            }
        }
        let mut states: Vec<usize> = sentence
            .mentions
            .iter()
            .flat_map(|m| m.entities.iter().copied())
            .filter(|&id| registry.drafts[id].kind == EntityKind::Country)
            .collect();
        states.sort_unstable();
        states.dedup();
        self.sentences += 1;
        for (k, &a) in states.iter().enumerate() {
            for &b in &states[k + 1..] {
                let entry = self.pairs.entry((a, b)).or_default();
                *entry = (entry.0 + 1, self.sentences);
            }
        }
        if self.recent.len() == SENTENCES_BACK {
            self.recent.pop_front();
        }
        self.recent.push_back(named);
    }

    /// The body named so far that "the `noun`" stands for: the one named most often (in a
    /// report on a council vote, "the council" is the Security Council, not another council
    /// named once), the latest of those; for an armed group's noun ("the rebels", "the
    /// group"), one known by its own name ("the RSF") before one known by a description
    /// ("Dagalo's forces").
    fn salient_body(&self, noun: &str, registry: &Registry) -> Option<usize> {
        let armed = ARMED_NOUNS.contains(&noun);
        self.bodies
            .iter()
            .enumerate()
            .filter(|&(_, &id)| describes(noun, &registry.drafts[id]))
            .max_by_key(|&(recency, &id)| {
                let draft = &registry.drafts[id];
                let named = armed && (draft.gazetteer.is_some() || draft.subtype.is_none());
                (
                    named,
                    self.times_named.get(&id).copied().unwrap_or(0),
                    recency,
                )
            })
            .map(|(_, &id)| id)
    }

    /// The two states the document so far names together most often (the latest pair of
    /// those), neither of them one of `callers`: "the two neighbours" a third party urges in
    /// a report on their dispute.
    fn main_pair(&self, callers: &[usize]) -> Option<Vec<usize>> {
        self.pairs
            .iter()
            .filter(|((a, b), _)| !callers.contains(a) && !callers.contains(b))
            .max_by_key(|&(&pair, &(count, latest))| (count, latest, std::cmp::Reverse(pair)))
            .filter(|(_, (count, _))| *count >= 2)
            .map(|(&(a, b), _)| vec![a, b])
    }

    /// The first person of the latest sentence that names one.
    fn first_person(&self) -> Option<usize> {
        self.recent
            .iter()
            .rev()
            .find_map(|n| n.people.first().copied())
    }

    /// The person named last before this sentence who is not one of `own`.
    fn last_person_not_in(&self, own: &[usize]) -> Option<usize> {
        self.recent
            .iter()
            .rev()
            .flat_map(|n| n.people.iter().rev())
            .find(|id| !own.contains(id))
            .copied()
    }

    /// The two actors of `list` that the latest sentence naming any of them names, when it
    /// names exactly two.
    fn the_two(&self, list: impl Fn(&Named) -> &Vec<usize>) -> Option<Vec<usize>> {
        let latest = self.recent.iter().rev().map(list).find(|l| !l.is_empty())?;
        (latest.len() == 2).then(|| latest.clone())
    }
}

/// The two people the text gives a title of this kind ("the two generals": the only two
/// with a military rank or command), when there are exactly two.
fn titled_two(registry: &Registry, noun: &str) -> Option<Vec<usize>> {
    let military = |title: &str| {
        matches!(
            title,
            "general"
                | "gen."
                | "commander"
                | "army chief"
                | "field marshal"
                | "marshal"
                | "colonel"
                | "col."
                | "admiral"
                | "adm."
        )
    };
    let fits = |title: &str| match noun {
        "generals" | "commanders" => military(title),
        "presidents" => title == "president",
        "ministers" => title.ends_with("minister") && !title.ends_with("prime minister"),
        _ => false,
    };
    let mut people = Vec::new();
    for fact in &registry.titles {
        if fits(fact.title) && !people.contains(&fact.person) {
            people.push(fact.person);
        }
    }
    (people.len() == 2).then_some(people)
}

/// The actors of the first list of `mentions` ("A and B", "A, B and C"), each once; one
/// actor when the first mention stands alone.
fn first_list<'a>(mentions: &[&Mention], word: &impl Fn(usize) -> &'a str) -> Vec<usize> {
    let Some(first) = mentions.first() else {
        return Vec::new();
    };
    let mut ids = first.entities.to_vec();
    let mut end = first.tokens.end;
    for mention in &mentions[1..] {
        let joined = match mention.tokens.start - end {
            1 => matches!(word(end), "and" | ","),
            2 => word(end) == "," && word(end + 1) == "and",
            _ => false,
        };
        if !joined {
            break;
        }
        ids.extend(&mention.entities);
        end = mention.tokens.end;
    }
    distinct(&ids)
}

/// Nouns after "his", "her" or "its" that stand for a state ("his government").
const STATE_NOUNS: &[&str] = &["government", "country", "administration"];

/// The state whose title `person` holds ("Turkish President X": Turkey), if one.
fn state_of(registry: &Registry, person: usize) -> Option<usize> {
    registry
        .titles
        .iter()
        .filter(|fact| fact.person == person)
        .filter_map(|fact| fact.affiliation)
        .find(|&id| registry.drafts[id].kind == EntityKind::Country)
}

/// The nouns that may name an organisation by what it is ("the council": an organisation
/// whose name ends in "Council").
const BODY_NOUNS: &[&str] = &[
    "council",
    "court",
    "commission",
    "party",
    "army",
    "navy",
    "parliament",
    "assembly",
    "movement",
    "front",
    "alliance",
    "coalition",
    "agency",
    "committee",
    "tribunal",
    "forum",
    "league",
    "mission",
];

/// Nouns for an armed group: an organisation with no other kind whose name is one word
/// ("Hamas", "M23") or ends in a word like these.
const ARMED_NOUNS: &[&str] = &[
    "group",
    "rebels",
    "militia",
    "insurgents",
    "militants",
    "paramilitaries",
    "paramilitary",
    "movement",
];
const ARMED_HEADS: &[&str] = &[
    "group", "movement", "front", "forces", "army", "militia", "brigades", "brigade", "rebels",
];

/// Words between "the" and a description's noun: "the 15-nation bloc", "the regional bloc".
const DESCRIPTION_MODIFIERS: &[&str] = &[
    "regional",
    "military",
    "western",
    "transatlantic",
    "armed",
    "rebel",
    "militant",
    "paramilitary",
    "continental",
];

/// Whether `w` may end a description of an organisation ("the bloc", "the world body").
pub fn is_description_noun(w: &str) -> bool {
    static NOUNS: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    NOUNS
        .get_or_init(|| {
            let gazetteer = super::gazetteer();
            BODY_NOUNS
                .iter()
                .chain(ARMED_NOUNS)
                .map(|n| (*n).to_owned())
                .chain(gazetteer.actors.iter().flat_map(|a| {
                    a.descriptions
                        .iter()
                        .filter_map(|d| d.rsplit(' ').next().map(str::to_owned))
                }))
                .collect()
        })
        .contains(w)
}

/// The length and noun of a description of an organisation starting with "the" at token `i`:
/// "the" (a number of members or an adjective), then one or two words of a noun, not followed by
/// "of" or a name ("the council of ministers", "the Council Chamber").
fn description_at<'a>(word: &impl Fn(usize) -> &'a str, i: usize) -> Option<(usize, String)> {
    if word(i) != "the" {
        return None;
    }
    let modifier = word(i + 1);
    let skip = usize::from(
        DESCRIPTION_MODIFIERS.contains(&modifier)
            || (modifier.contains('-') && modifier.starts_with(|c: char| c.is_ascii_digit())),
    );
    let first = i + 1 + skip;
    let (len, noun) =
        if is_description_noun(word(first + 1)) && described_two(word(first), word(first + 1)) {
            (2, format!("{} {}", word(first), word(first + 1)))
        } else if is_description_noun(word(first)) {
            (1, word(first).to_owned())
        } else {
            return None;
        };
    let after = word(first + len);
    (after != "of" && after != "-").then_some((1 + skip + len, noun))
}

/// Whether `first second` is a two-word description of the gazetteer ("world body").
fn described_two(first: &str, second: &str) -> bool {
    super::gazetteer().actors.iter().any(|a| {
        a.descriptions
            .iter()
            .any(|d| d.split_once(' ') == Some((first, second)))
    })
}

/// Whether the organisation `draft` may be called "the `noun`".
fn describes(noun: &str, draft: &super::registry::Draft) -> bool {
    if draft.kind != EntityKind::Organization {
        return false;
    }
    if let Some(index) = draft.gazetteer {
        return super::gazetteer().actors[index]
            .descriptions
            .iter()
            .any(|d| d == noun);
    }
    let head = draft.name.rsplit(' ').next().unwrap_or("").to_lowercase();
    if head == noun {
        return true;
    }
    let armed = draft.subtype == Some("armed group")
        || (draft.subtype.is_none()
            && (!draft.name.contains(' ') || ARMED_HEADS.contains(&head.as_str())));
    armed && ARMED_NOUNS.contains(&noun)
}

/// Nouns for a state by its form of government ("the kingdom").
const MONARCHY_NOUNS: &[&str] = &["kingdom", "sultanate", "emirate"];

/// Whether the state called `name` (the gazetteer's name) is what `noun` says: the kingdoms,
/// sultanates and emirates of today (reference knowledge, as the gazetteer is).
fn is_monarchy(noun: &str, name: &str) -> bool {
    let list: &[&str] = match noun {
        "kingdom" => &[
            "Saudi Arabia",
            "Jordan",
            "Morocco",
            "Bahrain",
            "United Kingdom",
            "Spain",
            "Netherlands",
            "Belgium",
            "Sweden",
            "Norway",
            "Denmark",
            "Thailand",
            "Cambodia",
            "Bhutan",
            "Eswatini",
            "Lesotho",
            "Tonga",
        ],
        "sultanate" => &["Oman", "Brunei"],
        "emirate" => &["Qatar", "Kuwait"],
        _ => &[],
    };
    list.contains(&name)
}

/// Whether byte `at` is inside one of `quotations`.
fn inside(quotations: &[Range<usize>], at: usize) -> bool {
    let n = quotations.partition_point(|r| r.end <= at);
    quotations.get(n).is_some_and(|r| r.start <= at)
}

/// `ids` without repeats, in order.
fn distinct(ids: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Records the speaker of each quotation this sentence attributes: the actor a reporting verb
/// names right after its closing mark (`"…," said X`, `"…," X said`) or right before its
/// opening one (`X said: "…"`).
pub fn attribute(
    lower: &Lower,
    tokens: &[Token],
    sentence: &Sentence,
    quotations: &[Range<usize>],
    speakers: &mut [Option<Vec<usize>>],
) {
    let word = |i: usize| tokens.get(i).map_or("", |t| &lower[t.span.clone()]);
    let mention_at = |i: usize| sentence.mentions.iter().find(|m| m.tokens.start == i);
    let mention_ending = |i: usize| sentence.mentions.iter().find(|m| m.tokens.end == i);
    for (q, token) in tokens.iter().enumerate() {
        if word(q) != "\"" {
            continue;
        }
        let mark = token.span.start;
        // A closing mark ends a quotation at its own byte; an opening one starts one after it.
        if let Ok(n) = quotations.binary_search_by_key(&mark, |r| r.end) {
            let mut after = q + 1;
            while matches!(word(after), "," | ".") {
                after += 1;
            }
            let speaker = if SAYS.contains(&word(after)) {
                mention_at(after + 1)
            } else {
                mention_at(after).filter(|m| SAYS.contains(&word(m.tokens.end)))
            };
            if let Some(speaker) = speaker
                && speakers[n].is_none()
            {
                speakers[n] = Some(speaker.entities.to_vec());
            }
        }
        if let Ok(n) = quotations.binary_search_by_key(&(mark + 1), |r| r.start) {
            let mut before = q;
            while before > 0 && matches!(word(before - 1), "," | ":") {
                before -= 1;
            }
            // "X said:", "X told reporters:"
            let verb = (before.saturating_sub(2)..before).find(|&v| SAYS.contains(&word(v)));
            if let Some(speaker) = verb.and_then(mention_ending)
                && speakers[n].is_none()
            {
                speakers[n] = Some(speaker.entities.to_vec());
            }
        }
    }
}

/// Adds a mention of the speaker for each "we", "us", "I" or "me" inside a quotation whose
/// speaker is known (the sentence's tokens cut).
pub fn speakers_in(
    lower: &Lower,
    sentence: &mut Sentence,
    quotations: &[Range<usize>],
    speakers: &[Option<Vec<usize>>],
) {
    let mut added = Vec::new();
    for (i, token) in sentence.tokens.iter().enumerate() {
        if !matches!(&lower[token.span.clone()], "we" | "us" | "i" | "me")
            || sentence.mentions.iter().any(|m| m.tokens.contains(&i))
        {
            continue;
        }
        let at = token.span.start;
        let n = quotations.partition_point(|r| r.end <= at);
        if inside(quotations, at)
            && let Some(Some(speaker)) = speakers.get(n)
        {
            added.push(Mention::resolved(
                i..i + 1,
                token.span.clone(),
                speaker.clone(),
                Role::Anaphor,
            ));
        }
    }
    if !added.is_empty() {
        sentence.mentions.append(&mut added);
        sentence.mentions.sort_by_key(|m| m.tokens.start);
    }
}
