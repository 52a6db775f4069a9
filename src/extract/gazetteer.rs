//! The actor dictionary shipped in `assets/gazetteer/`: every country with its demonyms,
//! capital and short forms, and the major international bodies with their acronyms and seats.
//! Data, not code, so it can grow without touching the rules.

use std::collections::BTreeMap;

use crate::model::EntityKind;

const COUNTRIES: &str = include_str!("../../assets/gazetteer/countries.tsv");
const BODIES: &str = include_str!("../../assets/gazetteer/bodies.tsv");

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
}

/// The gazetteer, with a lookup from every name to its actors.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    pub actors: Vec<Actor>,
    by_name: BTreeMap<String, Vec<(usize, NameRole)>>,
}

impl Gazetteer {
    /// The gazetteer built into the binary.
    pub fn bundled() -> Self {
        let mut actors = Vec::new();
        for line in data_lines(COUNTRIES) {
            let fields: Vec<&str> = line.split('\t').collect();
            let field = |i: usize| fields.get(i).copied().unwrap_or("");
            let mut names = vec![(field(0).to_owned(), NameRole::Name)];
            names.extend(split(field(1)).map(|n| (n, NameRole::Demonym)));
            names.extend(split(field(2)).map(|n| (n, NameRole::Seat)));
            names.extend(split(field(3)).map(|n| (n, NameRole::Name)));
            actors.push(Actor {
                name: field(0).to_owned(),
                kind: EntityKind::Country,
                names,
            });
        }
        for line in data_lines(BODIES) {
            let fields: Vec<&str> = line.split('\t').collect();
            let field = |i: usize| fields.get(i).copied().unwrap_or("");
            let mut names = vec![(field(0).to_owned(), NameRole::Name)];
            names.extend(split(field(1)).map(|n| (n, NameRole::Name)));
            names.extend(split(field(2)).map(|n| (n, NameRole::Seat)));
            actors.push(Actor {
                name: field(0).to_owned(),
                kind: EntityKind::Organization,
                names,
            });
        }
        let mut by_name: BTreeMap<String, Vec<(usize, NameRole)>> = BTreeMap::new();
        for (index, actor) in actors.iter().enumerate() {
            for (name, role) in &actor.names {
                let entry = by_name.entry(name.clone()).or_default();
                if !entry.iter().any(|(i, _)| *i == index) {
                    entry.push((index, *role));
                }
            }
        }
        Self { actors, by_name }
    }

    /// The actors a name can mean (exact, case-sensitive: "US" the country, not "us").
    pub fn lookup(&self, name: &str) -> &[(usize, NameRole)] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }
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
        for (data, columns) in [(COUNTRIES, 4), (BODIES, 3)] {
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
        assert_eq!(name_of("Congolese").len(), 2);
        assert!(name_of("us").is_empty());
    }
}
