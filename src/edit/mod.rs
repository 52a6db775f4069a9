//! Changes to a dataset, as values. Every change the app makes (add, update or remove an
//! entity, a relation, a quote or a document; merge two entities; accept or reject a
//! suggestion) is an `Edit`. Applying one checks what it touches, changes the dataset and
//! returns the edit that undoes it, so `history` can walk back and forth.
//!
//! The dataset stays valid: an edit that would leave a relation without a quote, a quote that
//! does not match its span, or a reference to something that is not there is refused with a
//! message, and the dataset is left as it was. Only what the edit touches is checked, so an
//! edit costs the same on a graph of ten entities and of ten thousand.
//!
//! Ids are identity: retyping or reversing a relation, renaming an entity or merging one into
//! another keeps the ids of what survives, so anything that refers to them from outside (a
//! selection, a pin, another file) stays good.
//!
//! Pure: no egui, no I/O.

pub mod history;

use std::collections::{BTreeMap, BTreeSet};

use crate::derived::Derived;
use crate::model::{Dataset, Document, Entity, Evidence, Rejection, Relation, Review, plural};
use crate::validate::{self, Place, Problem};

/// One change to a dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Adds an entity, at `at` in the list or at its end.
    AddEntity {
        entity: Entity,
        at: Option<usize>,
    },
    /// Replaces the entity with the same id (rename, kind, subtype, aliases, description).
    UpdateEntity(Entity),
    /// Removes an entity with its relations and the rejections that name it.
    RemoveEntity(String),
    /// Adds a relation, at `at` in the list or at its end.
    AddRelation {
        relation: Relation,
        at: Option<usize>,
    },
    /// Replaces the relation with the same id (kind, direction, status, label, quotes).
    UpdateRelation(Relation),
    RemoveRelation(String),
    /// Adds a quote to a relation.
    AddQuote {
        relation: String,
        evidence: Evidence,
    },
    /// Removes the quote of this span from a relation; a relation's last quote cannot go (the
    /// relation would say nothing): remove the relation instead.
    RemoveQuote {
        relation: String,
        document: String,
        start: usize,
        end: usize,
    },
    /// Folds entity `from` into `into`: `into` keeps its id and gains every name of `from` as
    /// an alias and every relation and quote; relations that become the same are combined.
    Merge {
        from: String,
        into: String,
    },
    /// Accepts every suggested quote of a relation.
    Accept(String),
    /// Rejects every suggested quote of a relation: each is remembered in `rejected`, and the
    /// relation goes when no accepted quote is left.
    Reject(String),
    AddRejection(Rejection),
    RemoveRejection(Rejection),
    /// Adds a document, at `at` in the list or at its end.
    AddDocument {
        document: Document,
        at: Option<usize>,
    },
    /// Removes a document nothing quotes.
    RemoveDocument(String),
    /// Several edits as one, applied in order and undone together.
    Batch {
        name: String,
        edits: Vec<Edit>,
    },
}

/// What applying an edit did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The edit that undoes it.
    pub inverse: Edit,
    pub touched: Touched,
}

/// What an edit changed, for refreshing only that.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    /// Ids of the entities added, changed or removed.
    pub entities: BTreeSet<String>,
    /// Ids of the relations added, changed or removed.
    pub relations: BTreeSet<String>,
    /// Something was added or removed, or a relation's ends changed: the graph's shape.
    pub structure: bool,
    /// A document was added or removed.
    pub documents: bool,
    /// Where entities and relations came and went in the dataset's lists, in the order it
    /// happened, so tables by position (`Derived`, the layout) can follow without being
    /// rebuilt.
    pub moves: Vec<Moved>,
}

/// One change of what is at a position of the dataset's lists of entities and relations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moved {
    /// An entity was put at `at`; those from `at` on moved one place up.
    EntityInserted { at: usize, id: String },
    /// The entity at `at` went; those after it moved one place down.
    EntityRemoved { at: usize, id: String },
    /// A relation between these entity ids was put at `at`.
    RelationInserted {
        at: usize,
        id: String,
        source: String,
        target: String,
    },
    /// The relation at `at`, between these entity ids, went.
    RelationRemoved {
        at: usize,
        id: String,
        source: String,
        target: String,
    },
    /// The relation at `at` was replaced by one (of the same id) between these entities.
    RelationReplaced {
        at: usize,
        source: String,
        target: String,
    },
}

/// Why an edit was refused; the dataset is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

fn refuse<T>(message: impl Into<String>) -> Result<T, Refused> {
    Err(Refused(message.into()))
}

impl Edit {
    /// Applies the edit to `dataset` and returns the edit that undoes it. When refused, the
    /// dataset is as it was.
    pub fn apply(&self, dataset: &mut Dataset) -> Result<Applied, Refused> {
        let mut derived = Derived::of(dataset);
        self.apply_with(dataset, &mut derived)
    }

    /// `apply`, with the dataset's tables at hand and kept up to date step by step: every
    /// look-up is by id in them, so an edit costs the same on ten entities and ten thousand.
    /// `derived` must be the tables of `dataset`; after the call it is again, applied or not.
    pub fn apply_with(
        &self,
        dataset: &mut Dataset,
        derived: &mut Derived,
    ) -> Result<Applied, Refused> {
        let mut change = Change::new(dataset, derived);
        match change.edit(self) {
            Ok(()) => Ok(change.finish(self)),
            Err(refused) => {
                change.roll_back();
                Err(refused)
            }
        }
    }

    /// What the edit does, in words, for the Undo menu ("merge Serraj into Sarraj"), named in
    /// terms of `dataset` before it is applied.
    pub fn name(&self, dataset: &Dataset) -> String {
        let entity = |id: &str| {
            dataset
                .entity(id)
                .map_or_else(|| id.to_owned(), |entity| entity.name.clone())
        };
        let relation = |id: &str| {
            dataset.relation(id).map_or_else(
                || id.to_owned(),
                |r| {
                    format!(
                        "{} {} {}",
                        entity(&r.source),
                        r.kind.verb(),
                        entity(&r.target)
                    )
                },
            )
        };
        match self {
            Edit::AddEntity { entity, .. } => format!("add {}", entity.name),
            Edit::UpdateEntity(new) => match dataset.entity(&new.id) {
                Some(old) if old.name != new.name => {
                    format!("rename {} to {}", old.name, new.name)
                }
                Some(old) if old.kind != new.kind => {
                    format!("make {} a {}", new.name, new.kind.as_str())
                }
                _ => format!("edit {}", new.name),
            },
            Edit::RemoveEntity(id) => format!("delete {}", entity(id)),
            Edit::AddRelation { relation: new, .. } => format!(
                "add {} {} {}",
                entity(&new.source),
                new.kind.verb(),
                entity(&new.target)
            ),
            Edit::UpdateRelation(new) => match dataset.relation(&new.id) {
                Some(old) if old.kind != new.kind => {
                    format!("retype {} as {}", relation(&new.id), new.kind.verb())
                }
                Some(old) if old.source != new.source || old.target != new.target => {
                    format!("reverse {}", relation(&new.id))
                }
                Some(old) if old.status != new.status => match new.status {
                    Some(status) => format!("mark {} {}", relation(&new.id), status.as_str()),
                    None => format!("clear the status of {}", relation(&new.id)),
                },
                Some(old) if old.label != new.label => {
                    format!("edit the label of {}", relation(&new.id))
                }
                _ => format!("edit {}", relation(&new.id)),
            },
            Edit::RemoveRelation(id) => format!("delete {}", relation(id)),
            Edit::AddQuote { relation: id, .. } => format!("add a quote to {}", relation(id)),
            Edit::RemoveQuote { relation: id, .. } => {
                format!("remove a quote from {}", relation(id))
            }
            Edit::Merge { from, into } => format!("merge {} into {}", entity(from), entity(into)),
            Edit::Accept(id) => format!("accept {}", relation(id)),
            Edit::Reject(id) => format!("reject {}", relation(id)),
            Edit::AddRejection(_) => "remember a rejection".to_owned(),
            Edit::RemoveRejection(_) => "forget a rejection".to_owned(),
            Edit::AddDocument { document, .. } => {
                format!("add {}", document.title.as_deref().unwrap_or(&document.id))
            }
            Edit::RemoveDocument(id) => format!("remove document {id}"),
            Edit::Batch { name, .. } => name.clone(),
        }
    }
}

/// One elementary step, as recorded for rolling back and for the inverse.
#[derive(Clone, Debug)]
enum Step {
    InsertEntity(usize, Entity),
    ReplaceEntity(usize, Entity),
    /// The item at this index, with the id it has (kept so the inverse can name it).
    RemoveEntity(usize, String),
    InsertRelation(usize, Relation),
    ReplaceRelation(usize, Relation),
    RemoveRelation(usize, String),
    InsertRejection(usize, Rejection),
    RemoveRejection(usize, Rejection),
    InsertDocument(usize, Document),
    RemoveDocument(usize, String),
}

/// Where `step`, about to be taken on `dataset`, puts or takes an entity or a relation, if it
/// does.
fn moved_of(step: &Step, dataset: &Dataset) -> Option<Moved> {
    Some(match step {
        Step::InsertEntity(at, entity) => Moved::EntityInserted {
            at: *at,
            id: entity.id.clone(),
        },
        Step::RemoveEntity(at, id) => Moved::EntityRemoved {
            at: *at,
            id: id.clone(),
        },
        Step::InsertRelation(at, relation) => Moved::RelationInserted {
            at: *at,
            id: relation.id.clone(),
            source: relation.source.clone(),
            target: relation.target.clone(),
        },
        Step::RemoveRelation(at, id) => {
            let relation = dataset.relations.get(*at)?;
            Moved::RelationRemoved {
                at: *at,
                id: id.clone(),
                source: relation.source.clone(),
                target: relation.target.clone(),
            }
        }
        Step::ReplaceRelation(at, relation) => Moved::RelationReplaced {
            at: *at,
            source: relation.source.clone(),
            target: relation.target.clone(),
        },
        _ => return None,
    })
}

/// An edit being applied: the dataset, and the steps that undo what was done so far.
struct Change<'a> {
    dataset: &'a mut Dataset,
    /// The dataset's tables, followed step by step.
    derived: &'a mut Derived,
    /// Steps that undo the steps taken, in the order they were taken.
    undo: Vec<Step>,
    touched: Touched,
    /// What the last step moved, on its way into `touched`.
    moves: Vec<Moved>,
}

impl<'a> Change<'a> {
    fn new(dataset: &'a mut Dataset, derived: &'a mut Derived) -> Self {
        Self {
            dataset,
            derived,
            undo: Vec::new(),
            touched: Touched::default(),
            moves: Vec::new(),
        }
    }

    /// Undoes every step taken.
    fn roll_back(mut self) {
        while let Some(step) = self.undo.pop() {
            self.raw(step);
        }
    }

    /// The inverse of everything done: the undo steps in reverse, as edits.
    fn finish(self, edit: &Edit) -> Applied {
        let mut edits: Vec<Edit> = Vec::with_capacity(self.undo.len());
        for step in self.undo.into_iter().rev() {
            edits.push(match step {
                Step::InsertEntity(at, entity) => Edit::AddEntity {
                    entity,
                    at: Some(at),
                },
                Step::ReplaceEntity(_, entity) => Edit::UpdateEntity(entity),
                Step::RemoveEntity(_, id) => Edit::RemoveEntity(id),
                Step::InsertRelation(at, relation) => Edit::AddRelation {
                    relation,
                    at: Some(at),
                },
                Step::ReplaceRelation(_, relation) => Edit::UpdateRelation(relation),
                Step::RemoveRelation(_, id) => Edit::RemoveRelation(id),
                Step::InsertRejection(_, rejection) => Edit::AddRejection(rejection),
                Step::RemoveRejection(_, rejection) => Edit::RemoveRejection(rejection),
                Step::InsertDocument(at, document) => Edit::AddDocument {
                    document,
                    at: Some(at),
                },
                Step::RemoveDocument(_, id) => Edit::RemoveDocument(id),
            });
        }
        let inverse = match edits.len() {
            1 => edits.remove(0),
            _ => Edit::Batch {
                name: match edit {
                    Edit::Batch { name, .. } => name.clone(),
                    _ => String::new(),
                },
                edits,
            },
        };
        Applied {
            inverse,
            touched: self.touched,
        }
    }

    /// Takes one step without checks, and the tables with it; returns the step that undoes
    /// it.
    fn raw(&mut self, step: Step) -> Step {
        if let Some(moved) = moved_of(&step, self.dataset) {
            self.derived.follow(std::slice::from_ref(&moved));
            self.moves.push(moved);
        }
        let dataset = &mut *self.dataset;
        match step {
            Step::InsertEntity(at, entity) => {
                let id = entity.id.clone();
                dataset.entities.insert(at, entity);
                Step::RemoveEntity(at, id)
            }
            Step::ReplaceEntity(at, entity) => {
                Step::ReplaceEntity(at, std::mem::replace(&mut dataset.entities[at], entity))
            }
            Step::RemoveEntity(at, _) => Step::InsertEntity(at, dataset.entities.remove(at)),
            Step::InsertRelation(at, relation) => {
                let id = relation.id.clone();
                dataset.relations.insert(at, relation);
                Step::RemoveRelation(at, id)
            }
            Step::ReplaceRelation(at, relation) => {
                Step::ReplaceRelation(at, std::mem::replace(&mut dataset.relations[at], relation))
            }
            Step::RemoveRelation(at, _) => Step::InsertRelation(at, dataset.relations.remove(at)),
            Step::InsertRejection(at, rejection) => {
                dataset.rejected.insert(at, rejection.clone());
                Step::RemoveRejection(at, rejection)
            }
            Step::RemoveRejection(at, _) => Step::InsertRejection(at, dataset.rejected.remove(at)),
            Step::InsertDocument(at, document) => {
                let id = document.id.clone();
                dataset.documents.insert(at, document);
                Step::RemoveDocument(at, id)
            }
            Step::RemoveDocument(at, _) => Step::InsertDocument(at, dataset.documents.remove(at)),
        }
    }

    fn take(&mut self, step: Step) {
        let undo = self.raw(step);
        self.touched.moves.append(&mut self.moves);
        self.undo.push(undo);
    }

    fn entity_at(&self, id: &str) -> Result<usize, Refused> {
        match self.derived.entity(id) {
            Some(at) if self.dataset.entities.get(at).is_some_and(|e| e.id == id) => Ok(at),
            _ => refuse(format!("there is no entity {id:?}")),
        }
    }

    fn relation_at(&self, id: &str) -> Result<usize, Refused> {
        match self.derived.relation(id) {
            Some(at) if self.dataset.relations.get(at).is_some_and(|r| r.id == id) => Ok(at),
            _ => refuse(format!("there is no relation {id:?}")),
        }
    }

    fn has_entity(&self, id: &str) -> bool {
        self.entity_at(id).is_ok()
    }

    /// The ids of the relations of the entity at `at`, in dataset order.
    fn relations_of(&self, at: usize) -> Vec<String> {
        self.derived
            .ends
            .iter()
            .enumerate()
            .filter(|(_, ends)| ends.is_some_and(|(a, b)| a == at || b == at))
            .map(|(index, _)| self.dataset.relations[index].id.clone())
            .collect()
    }

    fn edit(&mut self, edit: &Edit) -> Result<(), Refused> {
        match edit {
            Edit::AddEntity { entity, at } => self.add_entity(entity.clone(), *at),
            Edit::UpdateEntity(entity) => self.update_entity(entity.clone()),
            Edit::RemoveEntity(id) => self.remove_entity(id),
            Edit::AddRelation { relation, at } => self.add_relation(relation.clone(), *at),
            Edit::UpdateRelation(relation) => self.update_relation(relation.clone()),
            Edit::RemoveRelation(id) => self.remove_relation(id),
            Edit::AddQuote { relation, evidence } => {
                let at = self.relation_at(relation)?;
                let mut changed = self.dataset.relations[at].clone();
                changed.evidence.push(evidence.clone());
                self.update_relation(changed)
            }
            Edit::RemoveQuote {
                relation,
                document,
                start,
                end,
            } => {
                let at = self.relation_at(relation)?;
                let mut changed = self.dataset.relations[at].clone();
                let before = changed.evidence.len();
                changed
                    .evidence
                    .retain(|e| !(e.document == *document && e.start == *start && e.end == *end));
                if changed.evidence.len() == before {
                    return refuse(format!(
                        "relation {relation:?} has no quote at {start}..{end}"
                    ));
                }
                if changed.evidence.is_empty() {
                    return refuse(
                        "this is the relation's only quote, and a relation needs one: delete \
                         the relation instead",
                    );
                }
                self.update_relation(changed)
            }
            Edit::Merge { from, into } => self.merge(from, into),
            Edit::Accept(id) => {
                let at = self.relation_at(id)?;
                let mut changed = self.dataset.relations[at].clone();
                if !changed.has_suggestions() {
                    return refuse("every quote of this relation is accepted already");
                }
                for evidence in &mut changed.evidence {
                    evidence.review = Review::Accepted;
                }
                self.update_relation(changed)
            }
            Edit::Reject(id) => self.reject(id),
            Edit::AddRejection(rejection) => self.add_rejection(rejection.clone()),
            Edit::RemoveRejection(rejection) => {
                let Some(at) = self.dataset.rejected.iter().position(|r| r == rejection) else {
                    return refuse("that rejection is not in the dataset");
                };
                self.take(Step::RemoveRejection(at, rejection.clone()));
                Ok(())
            }
            Edit::AddDocument { document, at } => {
                if document.id.trim().is_empty() {
                    return refuse("a document needs an id");
                }
                if self.dataset.document(&document.id).is_some() {
                    return refuse(format!("there is a document {:?} already", document.id));
                }
                let at = at.unwrap_or(self.dataset.documents.len());
                if at > self.dataset.documents.len() {
                    return refuse("no such place in the list of documents");
                }
                self.take(Step::InsertDocument(at, document.clone()));
                self.touched.documents = true;
                Ok(())
            }
            Edit::RemoveDocument(id) => {
                let Some(at) = self.dataset.documents.iter().position(|d| d.id == *id) else {
                    return refuse(format!("there is no document {id:?}"));
                };
                let quoted = self
                    .dataset
                    .relations
                    .iter()
                    .any(|r| r.evidence.iter().any(|e| e.document == *id))
                    || self.dataset.rejected.iter().any(|r| r.document == *id);
                if quoted {
                    return refuse(format!("document {id:?} is quoted"));
                }
                self.take(Step::RemoveDocument(at, id.clone()));
                self.touched.documents = true;
                Ok(())
            }
            Edit::Batch { edits, .. } => {
                for edit in edits {
                    self.edit(edit)?;
                }
                Ok(())
            }
        }
    }

    fn add_entity(&mut self, entity: Entity, at: Option<usize>) -> Result<(), Refused> {
        if entity.id.trim().is_empty() {
            return refuse("an entity needs an id");
        }
        if self.has_entity(&entity.id) {
            return refuse(format!("there is an entity {:?} already", entity.id));
        }
        check_entity(&entity)?;
        let at = at.unwrap_or(self.dataset.entities.len());
        if at > self.dataset.entities.len() {
            return refuse("no such place in the list of entities");
        }
        self.touched.entities.insert(entity.id.clone());
        self.touched.structure = true;
        self.take(Step::InsertEntity(at, entity));
        Ok(())
    }

    fn update_entity(&mut self, entity: Entity) -> Result<(), Refused> {
        let at = self.entity_at(&entity.id)?;
        check_entity(&entity)?;
        self.touched.entities.insert(entity.id.clone());
        self.take(Step::ReplaceEntity(at, entity));
        Ok(())
    }

    fn remove_entity(&mut self, id: &str) -> Result<(), Refused> {
        let at = self.entity_at(id)?;
        let relations = self.relations_of(at);
        for relation in relations {
            self.remove_relation(&relation)?;
        }
        while let Some(rejection) = self
            .dataset
            .rejected
            .iter()
            .position(|r| r.source == id || r.target == id)
        {
            let gone = self.dataset.rejected[rejection].clone();
            self.take(Step::RemoveRejection(rejection, gone));
        }
        self.touched.entities.insert(id.to_owned());
        self.touched.structure = true;
        self.take(Step::RemoveEntity(at, id.to_owned()));
        Ok(())
    }

    fn add_relation(&mut self, relation: Relation, at: Option<usize>) -> Result<(), Refused> {
        if relation.id.trim().is_empty() {
            return refuse("a relation needs an id");
        }
        if self.relation_at(&relation.id).is_ok() {
            return refuse(format!("there is a relation {:?} already", relation.id));
        }
        self.check_relation(&relation)?;
        let at = at.unwrap_or(self.dataset.relations.len());
        if at > self.dataset.relations.len() {
            return refuse("no such place in the list of relations");
        }
        self.touched.relations.insert(relation.id.clone());
        self.touched.structure = true;
        self.take(Step::InsertRelation(at, relation));
        Ok(())
    }

    fn update_relation(&mut self, relation: Relation) -> Result<(), Refused> {
        let at = self.relation_at(&relation.id)?;
        self.check_relation(&relation)?;
        let old = &self.dataset.relations[at];
        if old.source != relation.source || old.target != relation.target {
            self.touched.structure = true;
        }
        self.touched.relations.insert(relation.id.clone());
        self.take(Step::ReplaceRelation(at, relation));
        Ok(())
    }

    fn remove_relation(&mut self, id: &str) -> Result<(), Refused> {
        let at = self.relation_at(id)?;
        self.touched.relations.insert(id.to_owned());
        self.touched.structure = true;
        self.take(Step::RemoveRelation(at, id.to_owned()));
        Ok(())
    }

    fn add_rejection(&mut self, rejection: Rejection) -> Result<(), Refused> {
        if self.dataset.rejected.contains(&rejection) {
            return Ok(());
        }
        let mut problems = Vec::new();
        let has_entity = |id: &str| self.has_entity(id);
        validate::check_rejection(
            self.dataset,
            self.dataset.rejected.len(),
            &rejection,
            has_entity,
            &mut problems,
        );
        refuse_errors(&problems)?;
        let at = self.dataset.rejected.len();
        self.take(Step::InsertRejection(at, rejection));
        Ok(())
    }

    /// Refuses a relation that names a missing entity, has no quote, or has a quote that is
    /// not its document's text at its span.
    fn check_relation(&self, relation: &Relation) -> Result<(), Refused> {
        for (role, id) in [("source", &relation.source), ("target", &relation.target)] {
            if !self.has_entity(id) {
                return refuse(format!("the {role} {id:?} is not an entity"));
            }
        }
        if relation.evidence.is_empty() {
            return refuse("a relation needs at least one quote");
        }
        let mut spans = BTreeSet::new();
        let mut problems = Vec::new();
        for (index, evidence) in relation.evidence.iter().enumerate() {
            let Some(document) = self.dataset.document(&evidence.document) else {
                return refuse(format!("{:?} is not a document", evidence.document));
            };
            let place = Place::top(&format!("evidence[{index}]"));
            validate::check_span(evidence, &document.text, &place, &mut problems);
            if !spans.insert((&evidence.document, evidence.start, evidence.end)) {
                return refuse("the relation has that quote already");
            }
        }
        refuse_errors(&problems)
    }

    fn merge(&mut self, from: &str, into: &str) -> Result<(), Refused> {
        if from == into {
            return refuse("an entity cannot be merged into itself");
        }
        let from_at = self.entity_at(from)?;
        let into_at = self.entity_at(into)?;
        let gone = self.dataset.entities[from_at].clone();
        let mut kept = self.dataset.entities[into_at].clone();
        merge_names(&mut kept, &gone);
        self.update_entity(kept)?;

        // Every relation of either, in dataset order, with `from` replaced by `into`; the
        // first of each set of relations that now say the same thing takes the others' quotes.
        let mut first: BTreeMap<RelationKey, String> = BTreeMap::new();
        let ids: Vec<String> = self
            .derived
            .ends
            .iter()
            .enumerate()
            .filter(|(_, ends)| {
                ends.is_some_and(|(a, b)| {
                    [a, b].iter().any(|&end| end == from_at || end == into_at)
                })
            })
            .map(|(index, _)| self.dataset.relations[index].id.clone())
            .collect();
        for id in ids {
            let at = self.relation_at(&id)?;
            let mut moved = self.dataset.relations[at].clone();
            for end in [&mut moved.source, &mut moved.target] {
                if end == from {
                    *end = into.to_owned();
                }
            }
            let key = RelationKey::of(&moved);
            match first.get(&key) {
                Some(survivor) => {
                    let survivor_at = self.relation_at(survivor)?;
                    let mut combined = self.dataset.relations[survivor_at].clone();
                    combine_quotes(&mut combined, moved.evidence);
                    self.remove_relation(&id)?;
                    self.update_relation(combined)?;
                }
                None => {
                    first.insert(key, id.clone());
                    if moved != self.dataset.relations[at] {
                        self.update_relation(moved)?;
                    }
                }
            }
        }
        while let Some(at) = self
            .dataset
            .rejected
            .iter()
            .position(|r| r.source == from || r.target == from)
        {
            let mut moved = self.dataset.rejected[at].clone();
            for end in [&mut moved.source, &mut moved.target] {
                if end == from {
                    *end = into.to_owned();
                }
            }
            self.take(Step::RemoveRejection(at, self.dataset.rejected[at].clone()));
            if !self.dataset.rejected.contains(&moved) {
                self.take(Step::InsertRejection(at, moved));
            }
        }
        self.remove_entity(from)
    }

    fn reject(&mut self, id: &str) -> Result<(), Refused> {
        let at = self.relation_at(id)?;
        let relation = self.dataset.relations[at].clone();
        let (suggested, accepted): (Vec<Evidence>, Vec<Evidence>) = relation
            .evidence
            .iter()
            .cloned()
            .partition(|e| e.review == Review::Suggested);
        if suggested.is_empty() {
            return refuse(
                "no quote of this relation is a suggestion: delete the relation to remove it",
            );
        }
        for evidence in &suggested {
            self.add_rejection(Rejection::of(&relation, evidence))?;
        }
        if accepted.is_empty() {
            self.remove_relation(id)
        } else {
            self.update_relation(Relation {
                evidence: accepted,
                ..relation
            })
        }
    }
}

/// What makes two relations say the same thing (as `validate` counts repeats).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct RelationKey {
    source: String,
    target: String,
    kind: crate::model::RelationKind,
    status: Option<crate::model::Status>,
    label: Option<String>,
}

impl RelationKey {
    pub(crate) fn of(relation: &Relation) -> Self {
        Self {
            source: relation.source.clone(),
            target: relation.target.clone(),
            kind: relation.kind,
            status: relation.status,
            label: relation.label.clone(),
        }
    }
}

/// Adds `quotes` to `relation`, each span once; a span quoted by both is accepted if either
/// copy was.
pub(crate) fn combine_quotes(relation: &mut Relation, quotes: Vec<Evidence>) {
    for quote in quotes {
        match relation
            .evidence
            .iter_mut()
            .find(|e| e.document == quote.document && e.start == quote.start && e.end == quote.end)
        {
            Some(existing) => {
                if quote.review == Review::Accepted {
                    existing.review = Review::Accepted;
                }
            }
            None => relation.evidence.push(quote),
        }
    }
}

/// Gives `kept` every name of `gone` as an alias (each spelling once, ignoring case), and
/// the subtype and description it lacks.
fn merge_names(kept: &mut Entity, gone: &Entity) {
    let mut known: BTreeSet<String> = std::iter::once(&kept.name)
        .chain(&kept.aliases)
        .map(|name| name.to_lowercase())
        .collect();
    for name in std::iter::once(&gone.name).chain(&gone.aliases) {
        if known.insert(name.to_lowercase()) {
            kept.aliases.push(name.clone());
        }
    }
    if kept.subtype.is_none() {
        kept.subtype.clone_from(&gone.subtype);
    }
    if kept.description.is_none() {
        kept.description.clone_from(&gone.description);
    }
}

/// Refuses an entity with an empty name or alias, or an alias repeated.
fn check_entity(entity: &Entity) -> Result<(), Refused> {
    if entity.name.trim().is_empty() {
        return refuse("an entity needs a name");
    }
    let mut seen = BTreeSet::from([entity.name.to_lowercase()]);
    for alias in &entity.aliases {
        if alias.trim().is_empty() {
            return refuse("an alias cannot be empty");
        }
        if !seen.insert(alias.to_lowercase()) {
            return refuse(format!("{alias:?} is the name or another alias already"));
        }
    }
    Ok(())
}

fn refuse_errors(problems: &[Problem]) -> Result<(), Refused> {
    match problems.iter().find(|p| p.is_error()) {
        Some(problem) => refuse(problem.message.clone()),
        None => Ok(()),
    }
}

/// What merging `from` into `into` will change, for the confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergePreview {
    /// Names `into` gains as aliases.
    pub new_aliases: Vec<String>,
    /// Relations of `from` that move to `into`.
    pub moved: usize,
    /// Relations that say the same as another once merged, and are combined with it.
    pub combined: usize,
    /// Quotes over all relations of both, which all stay.
    pub quotes: usize,
}

impl MergePreview {
    /// The preview, by applying the merge to a copy of the relations and entities that matter.
    pub fn of(dataset: &Dataset, from: &str, into: &str) -> Result<Self, Refused> {
        let (Some(gone), Some(kept)) = (dataset.entity(from), dataset.entity(into)) else {
            return refuse("both entities must exist");
        };
        if from == into {
            return refuse("an entity cannot be merged into itself");
        }
        let mut merged = kept.clone();
        merge_names(&mut merged, gone);
        let new_aliases = merged.aliases[kept.aliases.len()..].to_vec();
        let mut keys = BTreeSet::new();
        let (mut moved, mut combined, mut quotes) = (0, 0, 0);
        for relation in &dataset.relations {
            let touches = |id: &str| relation.source == id || relation.target == id;
            if !touches(from) && !touches(into) {
                continue;
            }
            quotes += relation.evidence.len();
            let mut after = relation.clone();
            for end in [&mut after.source, &mut after.target] {
                if end == from {
                    *end = into.to_owned();
                }
            }
            if touches(from) {
                moved += 1;
            }
            if !keys.insert(RelationKey::of(&after)) {
                combined += 1;
            }
        }
        Ok(Self {
            new_aliases,
            moved,
            combined,
            quotes,
        })
    }

    /// The preview in a sentence.
    pub fn describe(&self, from: &str, into: &str) -> String {
        let mut text = format!(
            "{into} takes over {} of {from}",
            plural(self.moved, "relation")
        );
        if self.combined > 0 {
            text.push_str(&format!(
                "; {} that would repeat another {} combined with it",
                plural(self.combined, "relation"),
                if self.combined == 1 { "is" } else { "are" }
            ));
        }
        if !self.new_aliases.is_empty() {
            text.push_str(&format!("; new aliases: {}", self.new_aliases.join(", ")));
        }
        text.push_str(&format!(
            ". Every one of the {} is kept.",
            plural(self.quotes, "quote")
        ));
        text
    }
}

/// An id for a new item made from `name` (`Fayez al-Sarraj` gives `fayez-al-sarraj`), with
/// `-2`, `-3`… added until `taken` says it is free.
pub fn fresh_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base = String::new();
    for character in name.chars().flat_map(char::to_lowercase) {
        if character.is_alphanumeric() {
            base.push(character);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let base = base.trim_end_matches('-');
    let base = if base.is_empty() { "item" } else { base };
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// A quote of `document`'s text at `start..end`, or why there cannot be one.
pub fn quote_of(
    document: &Document,
    start: usize,
    end: usize,
    review: Review,
) -> Result<Evidence, Refused> {
    let text = &document.text;
    if start >= end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return refuse(format!("{start}..{end} is not a span of the text"));
    }
    Ok(Evidence {
        document: document.id.clone(),
        start,
        end,
        quote: text[start..end].to_owned(),
        review,
    })
}

#[cfg(test)]
pub(crate) mod tests;
