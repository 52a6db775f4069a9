//! Extraction into a dataset someone has curated: the suggestions of more text (or of the same
//! text again), as one edit that adds only what the dataset lacks, so what the analyst
//! accepted, rejected, corrected or wrote by hand stays as it is.
//!
//! The articles are extracted as usual, then matched to the curated dataset: an article with
//! the text of a document is that document, an extracted entity that shares a name with a
//! curated one is that entity, a relation with the same ends, kind, status and label is that
//! relation. What matches gains only the quotes it lacks, as suggestions; a quote the analyst
//! rejected is left out. Nothing curated is changed or removed, which is why the edit is never
//! refused on a valid dataset, and why extracting the same text twice adds nothing the second
//! time.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::{Article, extract};
use crate::edit::{Edit, RelationKey, combine_quotes, fresh_id};
use crate::model::{
    Dataset, Document, Entity, EntityKind, Evidence, Rejection, Relation, Review, plural,
};

/// The suggestions of some articles for a curated dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestions {
    /// One `Edit::Batch` ("extract 2 articles") that adds them. Applied to the dataset it was
    /// made for, it is never refused.
    pub edit: Edit,
    pub counts: SuggestionCounts,
}

/// What the edit adds and what it leaves out. A suggestion is one quote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SuggestionCounts {
    /// Articles whose text no document of the dataset has.
    pub documents: usize,
    /// Entities that match no curated entity and that a new relation needs.
    pub entities: usize,
    pub relations: usize,
    /// Suggestions on the new relations.
    pub quotes_on_new: usize,
    /// Suggestions added to relations the dataset has.
    pub quotes_on_existing: usize,
    /// Suggestions left out because the analyst rejected them.
    pub rejected: usize,
    /// Suggestions left out because the dataset quotes their span already for a relation
    /// between the same two entities.
    pub already_there: usize,
}

impl SuggestionCounts {
    /// The quotes added, on new relations and on those the dataset has.
    pub fn suggestions(&self) -> usize {
        self.quotes_on_new + self.quotes_on_existing
    }

    /// The counts in one line, saying where they went: `added 9 suggestions to curated.json:
    /// 1 document, 3 entities, 7 relations, 2 quotes on existing relations; 2 left out as
    /// rejected, 5 already there`.
    pub fn describe(&self, dataset: &str) -> String {
        format!(
            "added {} to {dataset}: {}, {}, {}, {} on existing relations; {} left out as \
             rejected, {} already there",
            plural(self.suggestions(), "suggestion"),
            plural(self.documents, "document"),
            plural(self.entities, "entity"),
            plural(self.relations, "relation"),
            plural(self.quotes_on_existing, "quote"),
            self.rejected,
            self.already_there,
        )
    }
}

/// The suggestions the extractor draws from `articles` that `curated` lacks, as one edit that
/// adds them, with what it adds and leaves out.
///
/// - An article with the text of a document is that document; any other becomes a new
///   document with an id of its own.
/// - An extracted entity is the curated entity that shares a name or alias with it (ignoring
///   case and surrounding spaces), else the one with its id and kind; any other is added, with
///   an id of its own, when a new relation needs it. Curated entities are never changed.
/// - A quote that matches a rejection is left out, and so is one whose span the dataset
///   quotes already for a relation between the same two entities (however the analyst has
///   since retyped, reversed or relabelled that relation). The others are added, as
///   suggestions, to the relation with the same source, target, kind, status and label, or to
///   a new relation that keeps the extractor's rule.
pub fn suggestions_into(curated: &Dataset, articles: &[Article]) -> Suggestions {
    let mut counts = SuggestionCounts::default();
    let (documents, to_extract) = documents_of(curated, articles);
    counts.documents = documents.len();
    let extracted = extract(&to_extract, None);
    let entities = Entities::matched(curated, &extracted);
    let mut planned = Planned::new(curated);
    for relation in &extracted.relations {
        planned.add(&entities, relation, &mut counts);
    }
    counts.entities = planned.entities.len();
    counts.relations = planned.relations.len();

    let mut edits: Vec<Edit> = documents
        .into_iter()
        .map(|document| Edit::AddDocument { document, at: None })
        .collect();
    edits.extend(planned.entities.iter().map(|&index| Edit::AddEntity {
        entity: entities.new_entity(&extracted.entities[index]),
        at: None,
    }));
    edits.extend(
        planned
            .relations
            .into_iter()
            .map(|relation| Edit::AddRelation { relation, at: None }),
    );
    for (at, quotes) in planned.quotes {
        let mut relation = curated.relations[at].clone();
        // The edit refuses a relation that quotes a span twice, which a valid file may do (it
        // is only warned about): each span is kept once, accepted if any copy was.
        let quotes_before = std::mem::take(&mut relation.evidence);
        combine_quotes(&mut relation, quotes_before);
        combine_quotes(&mut relation, quotes);
        edits.push(Edit::UpdateRelation(relation));
    }
    Suggestions {
        edit: Edit::Batch {
            name: format!("extract {}", plural(articles.len(), "article")),
            edits,
        },
        counts,
    }
}

/// The new documents, and the articles to extract, each with the id of its document (an
/// article whose text is repeated is extracted once).
fn documents_of(curated: &Dataset, articles: &[Article]) -> (Vec<Document>, Vec<Article>) {
    let mut document_of_text: HashMap<&str, String> = HashMap::new();
    for document in &curated.documents {
        document_of_text
            .entry(document.text.as_str())
            .or_insert_with(|| document.id.clone());
    }
    let taken: HashSet<&str> = curated.documents.iter().map(|d| d.id.as_str()).collect();
    let mut documents: Vec<Document> = Vec::new();
    let mut to_extract: Vec<Article> = Vec::new();
    for article in articles {
        let id = match document_of_text.get(article.text.as_str()) {
            Some(id) if to_extract.iter().any(|a| a.id == *id) => continue,
            Some(id) => id.clone(),
            None => {
                let id = fresh_id(&article.id, |id| {
                    taken.contains(id) || documents.iter().any(|d| d.id == id)
                });
                document_of_text.insert(&article.text, id.clone());
                documents.push(Document {
                    id: id.clone(),
                    title: article.title.clone(),
                    source: None,
                    published: article.published.clone(),
                    url: None,
                    text: article.text.clone(),
                });
                id
            }
        };
        to_extract.push(Article {
            id,
            ..article.clone()
        });
    }
    (documents, to_extract)
}

/// Where each extracted entity goes: its id in the dataset once the edit is applied.
struct Entities {
    /// By extracted id.
    ids: HashMap<String, String>,
    /// The extracted entities (by index) that match no curated one, by their new ids.
    new: HashMap<String, usize>,
}

impl Entities {
    fn matched(curated: &Dataset, extracted: &Dataset) -> Self {
        let mut by_name: HashMap<String, Vec<(usize, bool)>> = HashMap::new();
        for (index, entity) in curated.entities.iter().enumerate() {
            for (is_name, name) in names(entity) {
                by_name
                    .entry(name_key(name))
                    .or_default()
                    .push((index, is_name));
            }
        }
        let mut ids = HashMap::new();
        let mut new = HashMap::new();
        let curated_ids: HashSet<&str> = curated.entities.iter().map(|e| e.id.as_str()).collect();
        let extracted_ids: HashSet<&str> =
            extracted.entities.iter().map(|e| e.id.as_str()).collect();
        for (index, entity) in extracted.entities.iter().enumerate() {
            let id = match matching(curated, &by_name, entity) {
                Some(at) => curated.entities[at].id.clone(),
                None => {
                    // Not the id of another extracted entity either, so that extracting again
                    // cannot take that one for this one by its id.
                    let id = fresh_id(&entity.id, |id| {
                        curated_ids.contains(id)
                            || new.contains_key(id)
                            || (id != entity.id && extracted_ids.contains(id))
                    });
                    new.insert(id.clone(), index);
                    id
                }
            };
            ids.insert(entity.id.clone(), id);
        }
        Self { ids, new }
    }

    /// The id in the dataset of the extracted entity `id`.
    fn id(&self, id: &str) -> Option<&str> {
        self.ids.get(id).map(String::as_str)
    }

    /// The entity to add for the extracted entity `extracted`: under its new id, without the
    /// blank or repeated names the edit would refuse.
    fn new_entity(&self, extracted: &Entity) -> Entity {
        let id = self.id(&extracted.id).unwrap_or(&extracted.id).to_owned();
        let name = if extracted.name.trim().is_empty() {
            id.clone()
        } else {
            extracted.name.clone()
        };
        let mut seen = BTreeSet::from([name.to_lowercase()]);
        let aliases = extracted
            .aliases
            .iter()
            .filter(|alias| !alias.trim().is_empty() && seen.insert(alias.to_lowercase()))
            .cloned()
            .collect();
        Entity {
            id,
            name,
            aliases,
            ..extracted.clone()
        }
    }
}

/// An entity's name (`true`) and aliases (`false`).
fn names(entity: &Entity) -> impl Iterator<Item = (bool, &String)> {
    std::iter::once((true, &entity.name)).chain(entity.aliases.iter().map(|alias| (false, alias)))
}

/// How names are compared: trimmed, ignoring case.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The index of the curated entity `entity` is, if any: one that shares a name or alias with
/// it, else one with its id and kind.
///
/// Of several that share a name, the best match wins: name to name, then its name to an
/// alias, then an alias to a name, then alias to alias; then one of the same kind; then the
/// first. Two people who share only an alias are not taken for one: a person's alias is
/// mostly a surname, which others have too (Imran Khan and Ayesha Khan are both "Khan"). A
/// country's or organization's alias (a demonym, an acronym) is its own.
fn matching(
    curated: &Dataset,
    by_name: &HashMap<String, Vec<(usize, bool)>>,
    entity: &Entity,
) -> Option<usize> {
    let mut best: Option<(u8, bool, usize)> = None;
    for (is_name, name) in names(entity) {
        let key = name_key(name);
        if key.is_empty() {
            continue;
        }
        for &(index, is_curated_name) in by_name.get(&key).into_iter().flatten() {
            let other = &curated.entities[index];
            let rank = match (is_name, is_curated_name) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => {
                    if other.kind != entity.kind || entity.kind == EntityKind::Person {
                        continue;
                    }
                    3
                }
            };
            let candidate = (rank, other.kind != entity.kind, index);
            if best.is_none_or(|best| candidate < best) {
                best = Some(candidate);
            }
        }
    }
    best.map(|(_, _, index)| index).or_else(|| {
        curated
            .entities
            .iter()
            .position(|other| other.id == entity.id && other.kind == entity.kind)
    })
}

/// What the edit will add, gathered relation by relation.
struct Planned<'a> {
    rejected: HashSet<&'a Rejection>,
    /// The first curated relation (by index) of each key.
    curated_relations: HashMap<RelationKey, usize>,
    /// Every span quoted for a relation between two entities: the ids in order, the document,
    /// start and end.
    quoted: HashSet<(&'a str, &'a str, &'a str, usize, usize)>,
    /// Extracted entities (by index) to add.
    entities: BTreeSet<usize>,
    relations: Vec<Relation>,
    /// The ids of the curated and the new relations.
    relation_ids: HashSet<String>,
    /// The index in `relations` of each key.
    new_relations: HashMap<RelationKey, usize>,
    /// Suggestions for curated relations, by index.
    quotes: BTreeMap<usize, Vec<Evidence>>,
}

impl<'a> Planned<'a> {
    fn new(curated: &'a Dataset) -> Self {
        let mut curated_relations = HashMap::new();
        let mut quoted = HashSet::new();
        for (index, relation) in curated.relations.iter().enumerate() {
            curated_relations
                .entry(RelationKey::of(relation))
                .or_insert(index);
            let (low, high) = pair(&relation.source, &relation.target);
            for quote in &relation.evidence {
                quoted.insert((low, high, quote.document.as_str(), quote.start, quote.end));
            }
        }
        Self {
            rejected: curated.rejected.iter().collect(),
            curated_relations,
            quoted,
            entities: BTreeSet::new(),
            relations: Vec::new(),
            relation_ids: curated.relations.iter().map(|r| r.id.clone()).collect(),
            new_relations: HashMap::new(),
            quotes: BTreeMap::new(),
        }
    }

    /// Plans the quotes of extracted relation `relation` that the dataset lacks.
    fn add(&mut self, entities: &Entities, relation: &Relation, counts: &mut SuggestionCounts) {
        let (Some(source), Some(target)) =
            (entities.id(&relation.source), entities.id(&relation.target))
        else {
            return;
        };
        // Two extracted entities that are one curated entity: a relation of it with itself,
        // which the extractor never draws either.
        if source == target {
            return;
        }
        let mapped = Relation {
            source: source.to_owned(),
            target: target.to_owned(),
            ..relation.clone()
        };
        let key = RelationKey::of(&mapped);
        let (low, high) = pair(source, target);
        for quote in &relation.evidence {
            if self.rejected.contains(&Rejection::of(&mapped, quote)) {
                counts.rejected += 1;
                continue;
            }
            let span = (low, high, quote.document.as_str(), quote.start, quote.end);
            if self.quoted.contains(&span) {
                counts.already_there += 1;
                continue;
            }
            let suggestion = Evidence {
                review: Review::Suggested,
                ..quote.clone()
            };
            let existing = self.curated_relations.get(&key).copied();
            let quotes = match existing {
                Some(at) => self.quotes.entry(at).or_default(),
                None => {
                    let at = self.new_relation(entities, &mapped, &key);
                    &mut self.relations[at].evidence
                }
            };
            // Two extracted relations become one when their entities do, with the quotes of
            // both, which may share one.
            if quotes.iter().any(|q| same_span(q, &suggestion)) {
                counts.already_there += 1;
                continue;
            }
            quotes.push(suggestion);
            match existing {
                Some(_) => counts.quotes_on_existing += 1,
                None => counts.quotes_on_new += 1,
            }
        }
    }

    /// The index in `relations` of the new relation `mapped` stands for, planned now if it
    /// is not yet, with the entities it needs.
    fn new_relation(&mut self, entities: &Entities, mapped: &Relation, key: &RelationKey) -> usize {
        if let Some(&at) = self.new_relations.get(key) {
            return at;
        }
        for end in [&mapped.source, &mapped.target] {
            if let Some(&index) = entities.new.get(end) {
                self.entities.insert(index);
            }
        }
        let name = format!(
            "{} {} {}",
            mapped.source,
            mapped.kind.as_str(),
            mapped.target
        );
        let id = fresh_id(&name, |id| self.relation_ids.contains(id));
        self.relation_ids.insert(id.clone());
        self.relations.push(Relation {
            id,
            evidence: Vec::new(),
            ..mapped.clone()
        });
        let at = self.relations.len() - 1;
        self.new_relations.insert(key.clone(), at);
        at
    }
}

/// Two entity ids in a fixed order, so that a relation and its reverse have the same pair.
fn pair<'s>(one: &'s str, other: &'s str) -> (&'s str, &'s str) {
    if one <= other {
        (one, other)
    } else {
        (other, one)
    }
}

fn same_span(one: &Evidence, other: &Evidence) -> bool {
    one.document == other.document && one.start == other.start && one.end == other.end
}

#[cfg(test)]
mod tests;
