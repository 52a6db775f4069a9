//! The actors found so far across all articles of one extraction, and the facts about them
//! that later rules need: who holds which title for whom, and the relations already found.
//! One actor is one entry however it is named ("Turkey", "Turkish", "Ankara").

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use crate::model::{EntityKind, RelationKind, Status};

use super::gazetteer::Gazetteer;
use super::lexicon;

/// An actor as the extractor knows it.
#[derive(Clone, Debug)]
pub struct Draft {
    pub name: String,
    pub kind: EntityKind,
    pub subtype: Option<&'static str>,
    /// The ways the articles named it, other than `name`.
    pub aliases: BTreeSet<String>,
    /// The gazetteer actor it is, if any.
    pub gazetteer: Option<usize>,
    /// Named with a title: worth showing even without relations.
    pub titled: bool,
    /// A person named again by the surname alone ("Moraes, 56, has become"): a person, not a
    /// capitalised name of a thing, and worth showing even without relations.
    pub named_by_surname: bool,
}

/// A relation found in a text, before entities get their ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub source: usize,
    pub target: usize,
    pub kind: RelationKind,
    pub status: Option<Status>,
    pub label: String,
    pub rule: &'static str,
    pub document: usize,
    /// Byte range in the normalised text of the document.
    pub span: Range<usize>,
}

/// "`person` is `title` of `affiliation`".
#[derive(Clone, Debug)]
pub struct TitleFact {
    pub person: usize,
    pub title: &'static str,
    pub kind: Option<RelationKind>,
    pub affiliation: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Actor(usize),
    Person(String),
    Institution(usize, &'static str),
    Named(String),
    CampPlace(String),
    CampLeader(usize),
}

/// Every actor and fact of one extraction.
#[derive(Debug, Default)]
pub struct Registry {
    pub drafts: Vec<Draft>,
    pub found: Vec<Found>,
    pub titles: Vec<TitleFact>,
    keys: HashMap<Key, usize>,
    /// Person ids by surname (last name word, also without a particle: "el-Sissi", "Sissi").
    surnames: HashMap<String, Vec<usize>>,
    /// The (person, title, affiliation) of each title fact, so each is recorded once.
    title_keys: rustc_hash::FxHashSet<(usize, &'static str, Option<usize>)>,
    /// The surname keys by first letter and length, where a spelling variant can only be.
    surnames_by_shape: HashMap<(char, usize), Vec<String>>,
}

/// What a spelling variant shares with the name it varies: its first letter and its length.
fn shape(key: &str) -> Option<(char, usize)> {
    Some((key.chars().next()?, key.chars().count()))
}

impl Registry {
    fn add(&mut self, key: Key, draft: Draft) -> usize {
        if let Some(&id) = self.keys.get(&key) {
            return id;
        }
        let id = self.drafts.len();
        self.drafts.push(draft);
        self.keys.insert(key, id);
        id
    }

    /// The entry of gazetteer actor `index`, if the text has named it.
    pub fn known_actor(&self, index: usize) -> Option<usize> {
        self.keys.get(&Key::Actor(index)).copied()
    }

    /// The entry of gazetteer actor `index`.
    pub fn actor(&mut self, gazetteer: &Gazetteer, index: usize) -> usize {
        let actor = &gazetteer.actors[index];
        self.add(
            Key::Actor(index),
            Draft {
                name: actor.name.clone(),
                kind: actor.kind,
                subtype: actor.subtype,
                aliases: BTreeSet::new(),
                gazetteer: Some(index),
                titled: false,
                named_by_surname: false,
            },
        )
    }

    /// The entry of an institution of a state ("Turkish parliament").
    pub fn institution(&mut self, state: usize, noun: &'static str, name: String) -> usize {
        let subtype = match noun {
            "parliament" | "senate" | "congress" | "national assembly" => "legislature",
            "military" | "army" | "navy" | "air force" | "coast guard" => "armed forces",
            _ => "state institution",
        };
        self.add(
            Key::Institution(state, noun),
            Draft {
                name,
                kind: EntityKind::Organization,
                subtype: Some(subtype),
                aliases: BTreeSet::new(),
                gazetteer: None,
                titled: false,
                named_by_surname: false,
            },
        )
    }

    /// The entry of an organisation known only by its capitalised name.
    pub fn named_organization(&mut self, name: &str) -> usize {
        self.add(
            Key::Named(name.to_owned()),
            Draft {
                name: name.to_owned(),
                kind: EntityKind::Organization,
                subtype: None,
                aliases: BTreeSet::new(),
                gazetteer: None,
                titled: false,
                named_by_surname: false,
            },
        )
    }

    /// The entry of a government or armed camp, found by its place or leader if known.
    pub fn camp(&mut self, place: Option<&str>, leader: Option<usize>, name: String) -> usize {
        let known = place
            .and_then(|place| self.keys.get(&Key::CampPlace(place.to_owned())))
            .or_else(|| leader.and_then(|leader| self.keys.get(&Key::CampLeader(leader))))
            .copied();
        let id = known.unwrap_or_else(|| {
            self.drafts.push(Draft {
                name,
                kind: EntityKind::Organization,
                subtype: Some(if place.is_some() {
                    "government"
                } else {
                    "armed group"
                }),
                aliases: BTreeSet::new(),
                gazetteer: None,
                titled: false,
                named_by_surname: false,
            });
            self.drafts.len() - 1
        });
        if let Some(place) = place {
            self.keys
                .entry(Key::CampPlace(place.to_owned()))
                .or_insert(id);
        }
        if let Some(leader) = leader {
            self.keys.entry(Key::CampLeader(leader)).or_insert(id);
        }
        id
    }

    /// The entry of the person called `name` ("Recep Tayyip Erdogan"), merged with a person
    /// already known under a spelling variant of the same name ("Fayez al-Serraj").
    pub fn person(&mut self, name: &str, titled: bool) -> usize {
        let words: Vec<&str> = name.split(' ').collect();
        let known = self
            .keys
            .get(&Key::Person(name.to_owned()))
            .copied()
            .or_else(|| {
                let surname = *words.last()?;
                let candidates = self.surname_candidates(surname);
                candidates.into_iter().find(|&id| {
                    let other = &self.drafts[id].name;
                    let other_first = other.split(' ').next().unwrap_or("");
                    // A lone surname ("Gen. Hifter") is the person with that surname; a full name
                    // must agree on the first name too, or be the end of the other's ("De
                    // Moraes" opening a sentence, "Lula da Silva").
                    let tail = || {
                        let (mine, theirs) = (name.to_lowercase(), other.to_lowercase());
                        theirs.len() > mine.len()
                            && theirs.ends_with(&mine)
                            && theirs[..theirs.len() - mine.len()].ends_with(' ')
                    };
                    words.len() == 1 || other_first == words[0] || tail()
                })
            });
        let id = known.unwrap_or_else(|| {
            self.drafts.push(Draft {
                name: name.to_owned(),
                kind: EntityKind::Person,
                subtype: None,
                aliases: BTreeSet::new(),
                gazetteer: None,
                titled,
                named_by_surname: false,
            });
            let id = self.drafts.len() - 1;
            self.keys.insert(Key::Person(name.to_owned()), id);
            // "Xi Jinping", "Yoon Suk Yeol": the family name comes first.
            let family_first = words.first().filter(|first| {
                words.len() > 1 && lexicon::contains(lexicon::FAMILY_NAMES_FIRST, first)
            });
            for surname in words.last().into_iter().chain(family_first) {
                for key in surname_keys(surname) {
                    let ids = self.surnames.entry(key.clone()).or_default();
                    if ids.is_empty()
                        && let Some(shape) = shape(&key)
                    {
                        self.surnames_by_shape.entry(shape).or_default().push(key);
                    }
                    ids.push(id);
                }
            }
            id
        });
        self.drafts[id].titled |= titled;
        if self.drafts[id].name != name {
            self.drafts[id].aliases.insert(name.to_owned());
        }
        if let Some(surname) = words.last()
            && words.len() > 1
        {
            self.drafts[id].aliases.insert((*surname).to_owned());
        }
        id
    }

    /// The people a lone surname can mean: same surname, or a one-letter spelling variant of
    /// it ("Serraj" for "Sarraj") when it is long enough not to be another name.
    pub fn surname_candidates(&self, word: &str) -> Vec<usize> {
        for key in surname_keys(word) {
            if let Some(ids) = self.surnames.get(&key) {
                return ids.clone();
            }
        }
        let keys = surname_keys(word);
        let mut found: Vec<usize> = keys
            .iter()
            .filter_map(|key| Some((key, self.surnames_by_shape.get(&shape(key)?)?)))
            .flat_map(|(key, known)| {
                known
                    .iter()
                    .filter(move |known| is_spelling_variant(known, key))
            })
            .flat_map(|known| self.surnames[known].iter().copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Records that a person holds a title, once.
    pub fn add_title(&mut self, fact: TitleFact) {
        if self
            .title_keys
            .insert((fact.person, fact.title, fact.affiliation))
        {
            self.titles.push(fact);
        }
    }

    /// Records `alias` as a way the text named entity `id`.
    pub fn alias(&mut self, id: usize, alias: &str) {
        let alias = alias.trim();
        let draft = &mut self.drafts[id];
        if !alias.is_empty() && alias != draft.name {
            draft.aliases.insert(alias.to_owned());
        }
    }
}

/// The keys a surname is found under: itself, and without a particle ("el-Sissi": "Sissi").
fn surname_keys(surname: &str) -> Vec<String> {
    let mut keys = vec![surname.to_owned()];
    if let Some((particle, rest)) = surname.split_once('-')
        && super::lexicon::contains(super::lexicon::NAME_PARTICLES, particle)
        && !rest.is_empty()
    {
        keys.push(rest.to_owned());
    }
    keys
}

/// Same length, same first letter, and one letter different or two neighbours swapped
/// ("Serraj" for "Sarraj", "Dbeibah" for "Dbeibha").
fn is_spelling_variant(known: &str, word: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (known.chars().collect(), word.chars().collect());
    if a.len() != b.len() || a.len() < 5 || a[0] != b[0] {
        return false;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    match differ.as_slice() {
        [_] => true,
        [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_merge_by_full_name_surname_and_spelling_variant() {
        let mut registry = Registry::default();
        let sarraj = registry.person("Fayez Sarraj", true);
        assert_eq!(registry.person("Fayez Sarraj", false), sarraj);
        assert_eq!(registry.person("Sarraj", false), sarraj);
        assert_eq!(registry.surname_candidates("Serraj"), [sarraj]);
        let sissi = registry.person("Abdel Fattah el-Sissi", true);
        assert_eq!(registry.surname_candidates("Sissi"), [sissi]);
        // Another first name with the same surname is another person.
        let other = registry.person("Ahmed Sarraj", true);
        assert_ne!(other, sarraj);
        assert_eq!(registry.surname_candidates("Sarraj"), [sarraj, other]);
        // Two neighbouring letters swapped.
        let dbeibah = registry.person("Abdul Hamid Dbeibah", true);
        assert_eq!(registry.surname_candidates("Dbeibha"), [dbeibah]);
        assert!(registry.surname_candidates("Dbiebha").is_empty());
        // A family name written first is a surname too.
        let xi = registry.person("Xi Jinping", true);
        assert_eq!(registry.surname_candidates("Xi"), [xi]);
        assert_eq!(registry.surname_candidates("Jinping"), [xi]);
        // Short names are not fuzzily matched.
        registry.person("Ali Khan", true);
        assert!(registry.surname_candidates("Kahn").is_empty());
    }
}
