//! The stakeholder dataset: documents, the entities named in them, and the typed, directed
//! relations between entities, each backed by verbatim evidence from a document.
//!
//! Pure data: no I/O, no egui. Reading and writing JSON lives in `format`, checking in
//! `validate`.

use serde::{Deserialize, Serialize};
use strum::{EnumIter, EnumString, IntoStaticStr};

/// The `format` value of every file this version reads and writes.
pub const FORMAT_VERSION: &str = "stakegraph/1";

/// One dataset: the source documents and the graph drawn from them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dataset {
    /// A short title shown in the window title and in captions.
    pub title: String,
    pub documents: Vec<Document>,
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
    /// Suggestions the analyst rejected, so extracting the same text again does not bring
    /// them back.
    pub rejected: Vec<Rejection>,
}

/// A source text that quotes point into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who published it ("AP").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Publication date, ideally `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The full text; evidence offsets are UTF-8 byte offsets into it.
    pub text: String,
}

/// A stakeholder: a country, a person or an organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// A refinement of `kind`: government, armed group, international body, legislature...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    /// Other names and spellings the entity goes by (demonyms, acronyms, variants).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A typed, directed relation: `source` acts on `target`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: String,
    /// The id of the acting entity.
    pub source: String,
    /// The id of the entity acted upon.
    pub target: String,
    pub kind: RelationKind,
    /// Absent when the text states the relation as fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// A short phrase saying what happened ("condemned plans to deploy troops"), or the role for
    /// `leads` and `member_of` ("President").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Why the relation exists when a program drew it from the text: the id of the extraction
    /// rule ("opposes.verb"). Absent for relations a person wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The quotes that state the relation; never empty in a valid dataset.
    pub evidence: Vec<Evidence>,
}

/// A verbatim quote: the span `start..end` (UTF-8 byte offsets) of a document's text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// The id of the quoted document.
    pub document: String,
    pub start: usize,
    pub end: usize,
    /// Must equal `text[start..end]` of that document.
    pub quote: String,
    /// Whether a person has accepted the quote as evidence of its relation, or a rule
    /// suggested it and nobody has looked yet.
    #[serde(default, skip_serializing_if = "Review::is_accepted")]
    pub review: Review,
}

/// The review state of one quote. It belongs to the quote, not the relation, so a suggestion
/// added later to an accepted relation is not taken as reviewed.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Review {
    /// A person wrote or accepted it (and every quote of a file from before review existed).
    #[default]
    Accepted,
    /// An extraction rule drew it; it waits for the analyst.
    Suggested,
}

impl Review {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn is_accepted(&self) -> bool {
        *self == Self::Accepted
    }
}

/// A suggestion the analyst rejected: a relation of `kind` from `source` to `target`, drawn
/// from the span `start..end` of a document. Extraction into the dataset leaves out any
/// suggestion that matches one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rejection {
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub kind: RelationKind,
    /// Entity ids, in this dataset.
    pub source: String,
    pub target: String,
}

impl Rejection {
    /// The rejection of the suggestion `relation` drew from `evidence`.
    pub fn of(relation: &Relation, evidence: &Evidence) -> Self {
        Self {
            document: evidence.document.clone(),
            start: evidence.start,
            end: evidence.end,
            kind: relation.kind,
            source: relation.source.clone(),
            target: relation.target.clone(),
        }
    }
}

/// How far a relation is through review, from the states of its quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationReview {
    /// Every quote is accepted.
    Accepted,
    /// Some quotes are accepted, some wait.
    Partly,
    /// No quote is accepted yet: the whole relation is a suggestion.
    Suggested,
}

/// What an entity is.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EntityKind {
    Country,
    Person,
    Organization,
}

/// The relation vocabulary, after CAMEO/PLOVER event coding (each kind's polarity and
/// meaning: docs/FORMAT.md, "Relation kinds and their polarity").
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RelationKind {
    /// Backs, aids, recognises, sends troops to help.
    Supports,
    /// Joint statement, deal, pact, alliance.
    AgreesWith,
    /// Condemns, objects to, rejects, criticises.
    Opposes,
    /// Offensive, attack.
    Fights,
    /// Met, talks, visit; realised or scheduled (see `Status`).
    Meets,
    /// Calls on, urges, appeals to.
    CallsFor,
    /// Heads a state, government, institution or armed force.
    Leads,
    /// Minister, spokesperson or envoy of; a body that is part of another.
    MemberOf,
}

/// The colour family of a relation, so the graph can be read at a glance.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Polarity {
    Cooperative,
    Conflictual,
    Diplomatic,
    Appeal,
    Structural,
}

/// How far a relation is from an accomplished fact.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    EnumString,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Status {
    /// Fixed in a calendar ("is scheduled to", "will travel on Saturday").
    Scheduled,
    /// Anticipated by someone ("was expected to meet").
    Expected,
    /// Intended ("plans to").
    Planned,
    /// Attributed to a source and not confirmed ("reportedly").
    Reported,
    /// True once, no longer ("longtime dictator ... ousted in 2011").
    Former,
}

impl EntityKind {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl RelationKind {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The colour family this kind belongs to.
    pub fn polarity(self) -> Polarity {
        match self {
            Self::Supports | Self::AgreesWith => Polarity::Cooperative,
            Self::Opposes | Self::Fights => Polarity::Conflictual,
            Self::Meets => Polarity::Diplomatic,
            Self::CallsFor => Polarity::Appeal,
            Self::Leads | Self::MemberOf => Polarity::Structural,
        }
    }

    /// The kind as a verb phrase for sentences ("Turkey supports Tripoli government").
    pub fn verb(self) -> &'static str {
        match self {
            Self::Supports => "supports",
            Self::AgreesWith => "agrees with",
            Self::Opposes => "opposes",
            Self::Fights => "fights",
            Self::Meets => "meets",
            Self::CallsFor => "calls for",
            Self::Leads => "leads",
            Self::MemberOf => "is a member of",
        }
    }
}

impl Polarity {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Status {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Relation {
    /// How far the relation is through review.
    pub fn review(&self) -> RelationReview {
        let suggested = self
            .evidence
            .iter()
            .filter(|evidence| evidence.review == Review::Suggested)
            .count();
        match suggested {
            0 => RelationReview::Accepted,
            n if n == self.evidence.len() => RelationReview::Suggested,
            _ => RelationReview::Partly,
        }
    }

    /// Whether any quote waits for review.
    pub fn has_suggestions(&self) -> bool {
        self.review() != RelationReview::Accepted
    }
}

impl Dataset {
    /// The relation with this id, if any.
    pub fn relation(&self, id: &str) -> Option<&Relation> {
        self.relations.iter().find(|relation| relation.id == id)
    }

    /// The entity with this id, if any.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|entity| entity.id == id)
    }

    /// The document with this id, if any.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|document| document.id == id)
    }

    /// The relations that have this entity as source or target, in dataset order.
    pub fn relations_of<'a>(&'a self, entity_id: &'a str) -> impl Iterator<Item = &'a Relation> {
        self.relations
            .iter()
            .filter(move |relation| relation.source == entity_id || relation.target == entity_id)
    }

    /// The number of evidence items over all relations.
    pub fn quote_count(&self) -> usize {
        self.relations
            .iter()
            .map(|relation| relation.evidence.len())
            .sum()
    }
}

/// Writes a count with thousands separated: `5,500,000`.
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Writes `count noun` in English: `1 entity`, `3 entities`, `2 quotes`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{count} {stem}ies")
    } else {
        format!("{count} {noun}s")
    }
}

/// A name or phrase with its first letter in upper case, underscores as spaces: `agrees_with`
/// as `Agrees with`, `foreign minister` as `Foreign minister`.
pub fn capitalized(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut characters = spaced.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(characters).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in RelationKind::iter() {
            assert_eq!(kind.as_str().parse::<RelationKind>(), Ok(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        for kind in EntityKind::iter() {
            assert_eq!(kind.as_str().parse::<EntityKind>(), Ok(kind));
        }
        for status in Status::iter() {
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
        }
    }

    #[test]
    fn every_polarity_has_a_kind() {
        for polarity in Polarity::iter() {
            assert!(RelationKind::iter().any(|kind| kind.polarity() == polarity));
        }
        assert_eq!(RelationKind::CallsFor.as_str(), "calls_for");
        assert_eq!(RelationKind::CallsFor.polarity(), Polarity::Appeal);
    }

    #[test]
    fn plural_counts() {
        assert_eq!(plural(1, "quote"), "1 quote");
        assert_eq!(plural(0, "quote"), "0 quotes");
        assert_eq!(plural(12, "entity"), "12 entities");
        assert_eq!(plural(1, "entity"), "1 entity");
    }
}
