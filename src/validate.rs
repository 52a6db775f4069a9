//! The rules a dataset must follow beyond its JSON shape: unique ids, relations that name
//! existing entities and documents, evidence whose offsets and quote match the text.
//!
//! Works on the in-memory `Dataset`, so datasets built by code (the extractor, the app) are held
//! to the same rules as files. The `format` module runs these checks after reading a file and
//! adds the line and column of each problem.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::{Dataset, Evidence, Rejection, Relation};

/// Whether a problem stops the dataset from loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The dataset is unusable until this is fixed.
    Error,
    /// Worth a look, but the dataset loads.
    Warning,
}

/// The three lists of items in a dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Collection {
    Documents,
    Entities,
    Relations,
}

impl Collection {
    /// The key of this list in the file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Documents => "documents",
            Self::Entities => "entities",
            Self::Relations => "relations",
        }
    }

    /// The most items of this list a dataset may hold. A news dataset has tens or hundreds;
    /// these bound the memory and time of reading any file, and no graph larger than this is
    /// readable on a screen.
    pub fn most(self) -> usize {
        match self {
            Self::Documents => 10_000,
            Self::Entities => 100_000,
            Self::Relations => 200_000,
        }
    }

    /// What one item of this list is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Documents => "document",
            Self::Entities => "entity",
            Self::Relations => "relation",
        }
    }
}

/// Where a problem is, in terms of the dataset's structure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Place {
    /// The item the problem is in, by list and index; `None` for the top level.
    pub item: Option<(Collection, usize)>,
    /// The item's id, when it has a usable one.
    pub id: Option<String>,
    /// The field within the item (or the top level), such as `kind` or `evidence[0].end`;
    /// empty when the problem concerns the whole item.
    pub field: String,
}

impl Place {
    /// A place at the top level of the file.
    pub fn top(field: &str) -> Self {
        Self {
            item: None,
            id: None,
            field: field.to_owned(),
        }
    }

    /// A whole item.
    pub fn item(collection: Collection, index: usize, id: Option<&str>) -> Self {
        Self {
            item: Some((collection, index)),
            id: id.map(str::to_owned),
            field: String::new(),
        }
    }

    /// The same item, one field down.
    pub fn field(&self, field: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            ..self.clone()
        }
    }

    /// The JSON path of this place, such as `relations[3].evidence[0].end`.
    pub fn json_path(&self) -> String {
        let mut path = match self.item {
            Some((collection, index)) => format!("{}[{index}]", collection.key()),
            None => String::new(),
        };
        if !self.field.is_empty() {
            if !path.is_empty() && !self.field.starts_with('[') {
                path.push('.');
            }
            path.push_str(&self.field);
        }
        path
    }
}

impl fmt::Display for Place {
    /// `relation "turkey-supports-x" evidence[0].end` when the item has an id, else the JSON
    /// path, else `dataset`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.item, &self.id) {
            (Some((collection, _)), Some(id)) => {
                write!(f, "{} {id:?}", collection.noun())?;
                if !self.field.is_empty() {
                    write!(f, " {}", self.field)?;
                }
                Ok(())
            }
            _ if self.item.is_none() && self.field.is_empty() => f.write_str("dataset"),
            _ => f.write_str(&self.json_path()),
        }
    }
}

/// A line and column in a file, both counted from 1; columns count characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextPosition {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for TextPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One thing wrong with a dataset, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Problem {
    pub severity: Severity,
    pub place: Place,
    /// What is wrong, without the place: `offset 5000 is past the end of document "ap"`.
    pub message: String,
    /// Where in the file, when the dataset was read from one.
    pub position: Option<TextPosition>,
}

impl Problem {
    /// An error at `place`.
    pub fn error(place: Place, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            place,
            message: message.into(),
            position: None,
        }
    }

    /// A warning at `place`.
    pub fn warning(place: Place, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(place, message)
        }
    }

    /// Whether this problem stops the dataset from loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `entity "x" kind: unknown entity kind "nation" ...`; problems of the file as a whole
    /// (invalid JSON) have no place.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place == Place::default() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

/// Parts of a dataset read from a broken file that are placeholders, so checks against them
/// would only repeat what the reader reported.
#[derive(Clone, Debug, Default)]
pub(crate) struct Unreliable {
    /// The `entities` list itself could not be read.
    pub entity_list: bool,
    /// The `documents` list itself could not be read.
    pub document_list: bool,
    /// Ids of documents whose text could not be read.
    pub documents: BTreeSet<String>,
    /// Some rejected suggestion could not be read.
    pub rejections: bool,
}

/// Checks every rule of the format that is not about JSON shape. Errors and warnings come
/// together, in dataset order.
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    check(dataset, &Unreliable::default())
}

/// `validate`, skipping the checks against what `unreliable` names.
pub(crate) fn check(dataset: &Dataset, unreliable: &Unreliable) -> Vec<Problem> {
    let mut problems = Vec::new();
    if dataset.title.trim().is_empty() {
        problems.push(Problem::warning(Place::top("title"), "the title is empty"));
    }

    let document_index = check_ids(
        Collection::Documents,
        dataset
            .documents
            .iter()
            .map(|document| document.id.as_str()),
        &mut problems,
    );
    let entity_index = check_ids(
        Collection::Entities,
        dataset.entities.iter().map(|entity| entity.id.as_str()),
        &mut problems,
    );
    check_ids(
        Collection::Relations,
        dataset
            .relations
            .iter()
            .map(|relation| relation.id.as_str()),
        &mut problems,
    );

    for (index, entity) in dataset.entities.iter().enumerate() {
        let place = Place::item(Collection::Entities, index, Some(&entity.id));
        if entity.name.trim().is_empty() {
            problems.push(Problem::error(place.field("name"), "the name is empty"));
        }
        let mut seen = BTreeSet::from([entity.name.to_lowercase()]);
        for (alias_index, alias) in entity.aliases.iter().enumerate() {
            let alias_place = place.field(format!("aliases[{alias_index}]"));
            if alias.trim().is_empty() {
                problems.push(Problem::error(alias_place, "the alias is empty"));
            } else if !seen.insert(alias.to_lowercase()) {
                problems.push(Problem::warning(
                    alias_place,
                    format!("alias {alias:?} repeats the name or another alias"),
                ));
            }
        }
    }

    let mut first_of_kind: BTreeMap<RelationKey<'_>, &str> = BTreeMap::new();
    for (index, relation) in dataset.relations.iter().enumerate() {
        let place = Place::item(Collection::Relations, index, Some(&relation.id));
        for (field, entity_id) in [("source", &relation.source), ("target", &relation.target)] {
            if !unreliable.entity_list && !entity_index.contains_key(entity_id.as_str()) {
                problems.push(Problem::error(
                    place.field(field),
                    format!("{entity_id:?} is not the id of an entity"),
                ));
            }
        }
        if relation.source == relation.target {
            problems.push(Problem::warning(
                place.field("target"),
                "the relation goes from an entity to itself",
            ));
        }
        if relation.evidence.is_empty() {
            problems.push(Problem::error(
                place.field("evidence"),
                "the relation has no evidence: every relation needs at least one quote",
            ));
        }
        let mut seen_spans = BTreeSet::new();
        for (evidence_index, evidence) in relation.evidence.iter().enumerate() {
            let evidence_place = place.field(format!("evidence[{evidence_index}]"));
            match dataset.document(&evidence.document) {
                _ if unreliable.document_list
                    || unreliable.documents.contains(&evidence.document) => {}
                Some(document) => {
                    check_span(evidence, &document.text, &evidence_place, &mut problems)
                }
                None => problems.push(Problem::error(
                    evidence_place.field(format!("evidence[{evidence_index}].document")),
                    format!("{:?} is not the id of a document", evidence.document),
                )),
            }
            if !seen_spans.insert((&evidence.document, evidence.start, evidence.end)) {
                problems.push(Problem::warning(
                    evidence_place,
                    "the same quote appears twice in this relation",
                ));
            }
        }
        if let Some(first) = first_of_kind.insert(RelationKey::of(relation), &relation.id) {
            // Keep pointing at the first one, so a third copy names the same original.
            first_of_kind.insert(RelationKey::of(relation), first);
            problems.push(Problem::warning(
                place,
                format!(
                    "repeats relation {first:?} (same source, target, kind, status and label); \
                     merge their evidence"
                ),
            ));
        }
    }

    let mut connected = BTreeSet::new();
    let mut quoted = BTreeSet::new();
    for relation in &dataset.relations {
        connected.insert(relation.source.as_str());
        connected.insert(relation.target.as_str());
        quoted.extend(relation.evidence.iter().map(|e| e.document.as_str()));
    }
    for (id, &index) in &entity_index {
        if !connected.contains(id) {
            problems.push(Problem::warning(
                Place::item(Collection::Entities, index, Some(id)),
                "the entity has no relations",
            ));
        }
    }
    if !unreliable.rejections && !unreliable.document_list && !unreliable.entity_list {
        for (index, rejection) in dataset.rejected.iter().enumerate() {
            if unreliable.documents.contains(&rejection.document) {
                continue;
            }
            let has_entity = |id: &str| entity_index.contains_key(id);
            check_rejection(dataset, index, rejection, has_entity, &mut problems);
        }
    }
    for (id, &index) in &document_index {
        if !quoted.contains(id) {
            problems.push(Problem::warning(
                Place::item(Collection::Documents, index, Some(id)),
                "no relation quotes this document",
            ));
        }
    }
    problems
}

/// What makes two relations say the same thing.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct RelationKey<'a> {
    source: &'a str,
    target: &'a str,
    kind: crate::model::RelationKind,
    status: Option<crate::model::Status>,
    label: Option<&'a str>,
}

impl<'a> RelationKey<'a> {
    fn of(relation: &'a Relation) -> Self {
        Self {
            source: &relation.source,
            target: &relation.target,
            kind: relation.kind,
            status: relation.status,
            label: relation.label.as_deref(),
        }
    }
}

/// Reports empty and duplicate ids; returns the index of the first item with each id.
fn check_ids<'a>(
    collection: Collection,
    ids: impl Iterator<Item = &'a str>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<&'a str, usize> {
    let mut first_index = BTreeMap::new();
    for (index, id) in ids.enumerate() {
        let place = Place::item(collection, index, None).field("id");
        if id.trim().is_empty() {
            problems.push(Problem::error(place, "the id is empty"));
        } else if first_index.contains_key(id) {
            problems.push(Problem::error(
                place,
                format!(
                    "duplicate id {id:?}: an earlier {} has the same id",
                    collection.noun()
                ),
            ));
        } else {
            first_index.insert(id, index);
        }
    }
    first_index
}

/// Checks that an evidence span lies within `text`, on character boundaries, and that its quote
/// is exactly the text it spans.
pub(crate) fn check_span(
    evidence: &Evidence,
    text: &str,
    place: &Place,
    problems: &mut Vec<Problem>,
) {
    let &Evidence {
        start,
        end,
        ref quote,
        ref document,
        ..
    } = evidence;
    if !check_offsets(start, end, document, text, place, problems) {
        return;
    }
    let spanned = &text[start..end];
    if spanned != quote {
        let mut message = format!(
            "the quote does not match the text at {start}..{end}, which reads {:?}",
            excerpt(spanned, 60)
        );
        if let Some(found) = text.find(quote.as_str()).filter(|_| !quote.is_empty()) {
            message.push_str(&format!(
                "; the quote is found at {found}..{}",
                found + quote.len()
            ));
        }
        problems.push(Problem::error(
            place.field(format!("{}.quote", place.field)),
            message,
        ));
    }
}

/// Checks that the span `start..end` is not empty and lies within `text` on character
/// boundaries; reports what is wrong (on `place`'s `start` or `end`) and returns whether
/// nothing was.
fn check_offsets(
    start: usize,
    end: usize,
    document: &str,
    text: &str,
    place: &Place,
    problems: &mut Vec<Problem>,
) -> bool {
    let mut error = |field: &str, message: String| {
        problems.push(Problem::error(
            place.field(format!("{}.{field}", place.field)),
            message,
        ));
    };
    if start > end {
        error("start", format!("start {start} is after end {end}"));
        return false;
    }
    if start == end {
        error("end", format!("the span {start}..{end} is empty"));
        return false;
    }
    if end > text.len() {
        error(
            "end",
            format!(
                "end {end} is past the end of document {document:?} ({})",
                crate::model::plural(text.len(), "byte")
            ),
        );
        return false;
    }
    for (field, offset) in [("start", start), ("end", end)] {
        if !text.is_char_boundary(offset) {
            error(
                field,
                format!("{field} {offset} is inside a multi-byte UTF-8 character"),
            );
            return false;
        }
    }
    true
}

/// Checks that a rejected suggestion names a document, a span of it and two entities that
/// exist.
pub(crate) fn check_rejection(
    dataset: &Dataset,
    index: usize,
    rejection: &Rejection,
    has_entity: impl Fn(&str) -> bool,
    problems: &mut Vec<Problem>,
) {
    let place = Place::top(&format!("rejected[{index}]"));
    match dataset.document(&rejection.document) {
        Some(document) => {
            check_offsets(
                rejection.start,
                rejection.end,
                &rejection.document,
                &document.text,
                &place,
                problems,
            );
        }
        None => problems.push(Problem::error(
            place.field(format!("{}.document", place.field)),
            format!("{:?} is not the id of a document", rejection.document),
        )),
    }
    for (field, id) in [("source", &rejection.source), ("target", &rejection.target)] {
        if !has_entity(id) {
            problems.push(Problem::error(
                place.field(format!("{}.{field}", place.field)),
                format!("{id:?} is not the id of an entity"),
            ));
        }
    }
}

/// The first `max_chars` characters of `text`, with an ellipsis when cut.
pub(crate) fn excerpt(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_naturally() {
        let relation = Place::item(Collection::Relations, 3, Some("a-meets-b"));
        assert_eq!(
            relation.field("evidence[0].end").to_string(),
            "relation \"a-meets-b\" evidence[0].end"
        );
        assert_eq!(
            relation.field("evidence[0].end").json_path(),
            "relations[3].evidence[0].end"
        );
        let anonymous = Place::item(Collection::Entities, 2, None).field("kind");
        assert_eq!(anonymous.to_string(), "entities[2].kind");
        assert_eq!(Place::top("format").to_string(), "format");
        assert_eq!(Place::top("").to_string(), "dataset");
    }

    #[test]
    fn excerpt_cuts_on_characters() {
        assert_eq!(excerpt("Turkey’s parliament", 7), "Turkey’…");
        assert_eq!(excerpt("short", 60), "short");
    }
}
