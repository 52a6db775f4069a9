//! The actor dictionary shipped in `assets/gazetteer/`: every country with its demonyms,
//! capital and short forms, and the major international bodies with their acronyms and seats.
//! Data, not code, so it can grow without touching the rules.

use rustc_hash::FxHashMap as HashMap;

use crate::model::EntityKind;

const COUNTRIES: &str = include_str!("../../assets/gazetteer/countries.tsv");
const BODIES: &str = include_str!("../../assets/gazetteer/bodies.tsv");
const GROUPS: &str = include_str!("../../assets/gazetteer/groups.tsv");

/// How a gazetteer name refers to its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameRole {
    /// The actor's own name or a short form ("Turkey", "U.S.", "NATO").
    Name,
    /// An adjective or demonym ("Turkish", "Russians").
    Demonym,
    /// A capital or seat standing for the government or body ("Ankara", "Brussels").
    Seat,
}

/// One actor of the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub kind: EntityKind,
    /// Every other way to name it, with how.
    pub names: Vec<(String, NameRole)>,
    /// What "the NOUN" may stand for it in a later sentence ("the bloc", "the world body"):
    /// lower-case, one or two words. Bodies and groups only.
    pub descriptions: Vec<String>,
    /// What kind of organisation it is ("international body", "armed group").
    pub subtype: Option<&'static str>,
    /// The body it is part of ("U.N. Security Council": the United Nations). Bodies only.
    pub part_of: Option<usize>,
}

/// The gazetteer, with a lookup from every name to its actors.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    pub actors: Vec<Actor>,
    by_name: HashMap<String, Vec<(usize, NameRole)>>,
    /// The most words of a name, by the name's first word: a quick "no" for most words.
    longest_from: HashMap<String, usize>,
}

impl Gazetteer {
    /// The gazetteer built into the binary.
    pub fn bundled() -> Self {
        use NameRole::{Demonym, Name, Seat};
        let mut actors = read_actors(COUNTRIES, EntityKind::Country, &[Demonym, Seat, Name]);
        let mut bodies = read_actors(BODIES, EntityKind::Organization, &[Name, Seat]);
        let mut groups = read_actors(GROUPS, EntityKind::Organization, &[Name, Seat]);
        for body in &mut bodies {
            body.subtype = Some("international body");
        }
        for group in &mut groups {
            group.subtype = Some("armed group");
        }
        let parents: Vec<Option<String>> = data_lines(BODIES)
            .map(|line| {
                line.split('\t')
                    .nth(4)
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned)
            })
            .collect();
        let first_body = actors.len();
        let body_names: Vec<String> = bodies.iter().map(|b| b.name.clone()).collect();
        for (body, parent) in bodies.iter_mut().zip(parents) {
            body.part_of = parent.map(|parent| {
                let index = body_names.iter().position(|name| *name == parent);
                first_body + index.unwrap_or_else(|| panic!("no body named {parent:?}"))
            });
        }
        actors.extend(bodies);
        actors.extend(groups);
        let mut by_name: HashMap<String, Vec<(usize, NameRole)>> = HashMap::default();
        for (index, actor) in actors.iter().enumerate() {
            for (name, role) in &actor.names {
                let entry = by_name.entry(name.clone()).or_default();
                if !entry.iter().any(|(i, _)| *i == index) {
                    entry.push((index, *role));
                }
            }
        }
        let mut longest_from: HashMap<String, usize> = HashMap::default();
        for name in by_name.keys() {
            let first = name.split(' ').next().unwrap_or(name);
            let words = name.split(' ').count();
            let entry = longest_from.entry(first.to_owned()).or_default();
            *entry = (*entry).max(words);
        }
        Self {
            actors,
            by_name,
            longest_from,
        }
    }

    /// The actors a name can mean (exact, case-sensitive: "US" the country, not "us").
    pub fn lookup(&self, name: &str) -> &[(usize, NameRole)] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }
}

/// The actors of one gazetteer file: a name, then one column of `|`-separated names for each
/// of `roles`.
fn read_actors(data: &str, kind: EntityKind, roles: &[NameRole]) -> Vec<Actor> {
    data_lines(data)
        .map(|line| {
            let mut fields = line.split('\t');
            let name = fields.next().unwrap_or("").to_owned();
            let mut names = vec![(name.clone(), NameRole::Name)];
            // The roles first: a zip takes from its first iterator before it finds the
            // second one ended.
            for (&role, field) in roles.iter().zip(fields.by_ref()) {
                names.extend(split(field).map(|n| (n, role)));
            }
            let descriptions = fields
                .next()
                .map(|f| split(f).collect())
                .unwrap_or_default();
            Actor {
                name,
                kind,
                names,
                descriptions,
                subtype: None,
                part_of: None,
            }
        })
        .collect()
}

fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

fn split(field: &str) -> impl Iterator<Item = String> + '_ {
    field
        .split('|')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_gazetteer_is_well_formed() {
        for (data, columns) in [(COUNTRIES, 4), (BODIES, 5), (GROUPS, 4)] {
            for line in data_lines(data) {
                assert_eq!(line.split('\t').count(), columns, "{line:?}");
            }
        }
        let gazetteer = Gazetteer::bundled();
        assert!(gazetteer.actors.len() > 220);
        let mut names: Vec<&str> = gazetteer.actors.iter().map(|a| a.name.as_str()).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "an actor is listed twice");
    }

    #[test]
    fn names_demonyms_capitals_and_acronyms_resolve() {
        let gazetteer = Gazetteer::bundled();
        let name_of = |name: &str| -> Vec<(&str, NameRole)> {
            gazetteer
                .lookup(name)
                .iter()
                .map(|&(i, role)| (gazetteer.actors[i].name.as_str(), role))
                .collect()
        };
        assert_eq!(name_of("Turkish"), [("Turkey", NameRole::Demonym)]);
        assert_eq!(name_of("Ankara"), [("Turkey", NameRole::Seat)]);
        assert_eq!(name_of("U.S."), [("United States", NameRole::Name)]);
        assert_eq!(name_of("Britain"), [("United Kingdom", NameRole::Name)]);
        assert_eq!(name_of("EU"), [("European Union", NameRole::Name)]);
        assert_eq!(name_of("Brussels"), [("European Union", NameRole::Seat)]);
        assert_eq!(name_of("Tripoli"), [("Libya", NameRole::Seat)]);
        // One word, two countries: both are offered, the rules choose.
        assert_eq!(name_of("Dominican").len(), 2);
        assert!(name_of("us").is_empty());
    }
}

/// A gazetteer name found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the (normalised) text.
    pub span: std::ops::Range<usize>,
    /// The actors it can mean, with how it names them.
    pub actors: Vec<(usize, NameRole)>,
}

impl Gazetteer {
    /// Every gazetteer name in `text`, longest first where names overlap ("European Council"
    /// over "European"), on word boundaries, allowing a plural or possessive ending
    /// ("Libyans", "Turkey's"). In text order.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let words = word_starts(text);
        let mut found = Vec::new();
        let mut covered_until = 0;
        for (w, &start) in words.iter().enumerate() {
            // Every name starts with a capital ("the Gambia" is also found as "Gambia").
            if start < covered_until || !text[start..].starts_with(char::is_uppercase) {
                continue;
            }
            let first = &text[start..word_end(text, start)];
            let first = first.find('-').map_or(first, |hyphen| &first[..hyphen]);
            let longest = [
                first,
                first.trim_end_matches("'s"),
                first.trim_end_matches('\''),
                first.trim_end_matches('s'),
            ]
            .iter()
            .filter_map(|word| self.longest_from.get(*word))
            .max()
            .copied();
            let Some(longest) = longest else {
                continue;
            };
            // Try the longest run of words first.
            for count in (1..=longest.min(words.len() - w)).rev() {
                let end_word = w + count - 1;
                let end = word_end(text, words[end_word]);
                let candidate = &text[start..end];
                // "U.N.-recognized", "Tripoli-based": the name before the hyphen.
                let candidate = match candidate.find('-') {
                    // Not "Guinea-Bissau's", a name with its ending.
                    Some(hyphen) if count == 1 && self.strip_ending(candidate).is_none() => {
                        &candidate[..hyphen]
                    }
                    _ => candidate,
                };
                let Some(name) = self.strip_ending(candidate) else {
                    continue;
                };
                if let Some(actors) = self.by_name.get(name) {
                    found.push(Mention {
                        span: start..start + name.len(),
                        actors: actors.clone(),
                    });
                    covered_until = end;
                    break;
                }
            }
        }
        found
    }

    /// `candidate` itself if it is a name, else without a plural or possessive ending.
    fn strip_ending<'a>(&self, candidate: &'a str) -> Option<&'a str> {
        if self.by_name.contains_key(candidate) {
            return Some(candidate);
        }
        // "Turkey's", "Libyans'", "Honduras'", "Libyans".
        ["'s", "s'", "'", "s"]
            .iter()
            .filter_map(|ending| candidate.strip_suffix(ending))
            .find(|stem| self.by_name.contains_key(*stem))
    }
}

/// Byte offsets where words start: after a space, a line break, an opening quote or bracket.
fn word_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut previous: Option<char> = None;
    for (at, character) in text.char_indices() {
        let boundary =
            previous.is_none_or(|p| p.is_whitespace() || matches!(p, '"' | '(' | '[' | '-' | '/'));
        if boundary && character.is_alphanumeric() {
            starts.push(at);
        }
        previous = Some(character);
    }
    starts
}

/// Where the word starting at `start` ends: before a space, a line break or punctuation that
/// cannot be part of a name (periods stay, for "U.N.", and are trimmed when they end a
/// sentence).
fn word_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let end = rest
        .find(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '"' | ')' | ']' | '?' | '!')
        })
        .unwrap_or(rest.len());
    let word = &rest[..end];
    // Keep the periods of dotted acronyms ("U.N."), drop a sentence's final period ("Libya.").
    let keep = if word.trim_end_matches('.').contains('.') {
        word.len()
    } else {
        word.trim_end_matches('.').len()
    };
    start + keep
}

#[cfg(test)]
mod mention_tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String)> {
        let gazetteer = Gazetteer::bundled();
        gazetteer
            .mentions(text)
            .into_iter()
            .map(|m| {
                let actor = &gazetteer.actors[m.actors[0].0].name;
                (text[m.span].to_owned(), actor.clone())
            })
            .collect()
    }

    #[test]
    fn finds_countries_bodies_demonyms_and_acronyms() {
        let found = names(
            "Turkey's parliament and the European Council met U.N. envoys in Brussels, with Libyans and the Turkish president.",
        );
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Turkey", "Turkey"),
                ("European Council", "European Council"),
                ("U.N.", "United Nations"),
                ("Brussels", "European Union"),
                ("Libyan", "Libya"),
                ("Turkish", "Turkey"),
            ]
        );
    }

    #[test]
    fn longer_names_win_and_words_inside_words_do_not_count() {
        let pairs =
            names("The United Arab Emirates backed Nigeria, not Niger. Chadwick is a person.");
        let texts: Vec<&str> = pairs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["United Arab Emirates", "Nigeria", "Niger"]);
    }

    #[test]
    fn the_seed_article_names_its_countries() {
        let article = super::super::text::Normalized::new(crate::bundled::ARTICLE);
        let found: std::collections::BTreeSet<String> = names(&article.text)
            .into_iter()
            .map(|(_, actor)| actor)
            .collect();
        for country in [
            "Turkey",
            "Russia",
            "Libya",
            "Italy",
            "Egypt",
            "France",
            "Germany",
            "United Kingdom",
            "United Arab Emirates",
            "Qatar",
            "Greece",
            "Cyprus",
            "European Union",
            "European Council",
            "European Parliament",
            "United Nations",
        ] {
            assert!(found.contains(country), "{country} not found in {found:?}");
        }
    }
}
