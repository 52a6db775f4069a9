//! What follows from a dataset and is needed again and again: where each id is in the
//! dataset's lists, the two ends of every relation and how many relations each entity has.
//!
//! Computed in one place: whole by `Derived::of`, or, after an edit, by `Derived::follow`,
//! which replays where the edit put and took items (a pass over integers, no allocation, so an
//! edit of a 10,000-entity graph stays within a frame); a property test holds the two equal.
//! No table outlives the revision it was made for. The
//! positions it hands out are only good for that revision: anything kept across a change (a
//! selection, a pin, a highlight) holds ids instead.
//!
//! Pure: no egui, no I/O.

use rustc_hash::FxHashMap;

use crate::edit::Moved;
use crate::model::Dataset;

/// Moves the positions from `at` on one place up (`up`), or those after `at` one down.
fn shift(positions: &mut FxHashMap<String, usize>, at: usize, up: bool) {
    for position in positions.values_mut() {
        if up && *position >= at {
            *position += 1;
        } else if !up && *position > at {
            *position -= 1;
        }
    }
}

/// The tables derived from one revision of a dataset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Derived {
    entity_by_id: FxHashMap<String, usize>,
    relation_by_id: FxHashMap<String, usize>,
    /// `(source, target)` entity positions of each relation; `None` for a dangling one.
    pub ends: Vec<Option<(usize, usize)>>,
    /// Each entity's number of relations (a self-relation counts once).
    pub degree: Vec<usize>,
}

impl Derived {
    /// The tables of `dataset`. Ids given twice (an invalid dataset) resolve to the first.
    pub fn of(dataset: &Dataset) -> Self {
        let mut entity_by_id = FxHashMap::default();
        entity_by_id.reserve(dataset.entities.len());
        for (position, entity) in dataset.entities.iter().enumerate() {
            entity_by_id.entry(entity.id.clone()).or_insert(position);
        }
        let mut relation_by_id = FxHashMap::default();
        relation_by_id.reserve(dataset.relations.len());
        for (position, relation) in dataset.relations.iter().enumerate() {
            relation_by_id
                .entry(relation.id.clone())
                .or_insert(position);
        }
        let ends: Vec<Option<(usize, usize)>> = dataset
            .relations
            .iter()
            .map(|relation| {
                Some((
                    *entity_by_id.get(relation.source.as_str())?,
                    *entity_by_id.get(relation.target.as_str())?,
                ))
            })
            .collect();
        let mut degree = vec![0usize; dataset.entities.len()];
        for &(a, b) in ends.iter().flatten() {
            degree[a] += 1;
            if a != b {
                degree[b] += 1;
            }
        }
        Self {
            entity_by_id,
            relation_by_id,
            ends,
            degree,
        }
    }

    /// Brings the tables of the dataset before an edit up to date with the dataset after it,
    /// from where the edit put and took entities and relations (`Touched::moves`).
    pub fn follow(&mut self, moves: &[Moved]) {
        for moved in moves {
            match moved {
                Moved::EntityInserted { at, id } => {
                    let at = *at;
                    shift(&mut self.entity_by_id, at, true);
                    self.entity_by_id.insert(id.clone(), at);
                    self.degree.insert(at.min(self.degree.len()), 0);
                    for (a, b) in self.ends.iter_mut().flatten() {
                        for end in [a, b] {
                            if *end >= at {
                                *end += 1;
                            }
                        }
                    }
                }
                Moved::EntityRemoved { at, id } => {
                    let at = *at;
                    self.entity_by_id.remove(id.as_str());
                    shift(&mut self.entity_by_id, at, false);
                    if at < self.degree.len() {
                        self.degree.remove(at);
                    }
                    for ends in &mut self.ends {
                        if let Some((a, b)) = ends {
                            if *a == at || *b == at {
                                *ends = None;
                                continue;
                            }
                            for end in [a, b] {
                                if *end > at {
                                    *end -= 1;
                                }
                            }
                        }
                    }
                }
                Moved::RelationInserted {
                    at,
                    id,
                    source,
                    target,
                } => {
                    let at = (*at).min(self.ends.len());
                    shift(&mut self.relation_by_id, at, true);
                    self.relation_by_id.insert(id.clone(), at);
                    let ends = self.ends_of(source, target);
                    self.count(ends, true);
                    self.ends.insert(at, ends);
                }
                Moved::RelationRemoved { at, id, .. } => {
                    let at = *at;
                    self.relation_by_id.remove(id.as_str());
                    shift(&mut self.relation_by_id, at, false);
                    if at < self.ends.len() {
                        let ends = self.ends.remove(at);
                        self.count(ends, false);
                    }
                }
                Moved::RelationReplaced { at, source, target } => {
                    let ends = self.ends_of(source, target);
                    if let Some(slot) = self.ends.get(*at).copied() {
                        self.count(slot, false);
                        self.count(ends, true);
                        self.ends[*at] = ends;
                    }
                }
            }
        }
    }

    fn ends_of(&self, source: &str, target: &str) -> Option<(usize, usize)> {
        Some((self.entity(source)?, self.entity(target)?))
    }

    /// Counts a relation between `ends` in (or out of) the degrees.
    fn count(&mut self, ends: Option<(usize, usize)>, add: bool) {
        let Some((a, b)) = ends else {
            return;
        };
        let ends = [a, b];
        for &end in &ends[..if a == b { 1 } else { 2 }] {
            if let Some(degree) = self.degree.get_mut(end) {
                *degree = if add {
                    *degree + 1
                } else {
                    degree.saturating_sub(1)
                };
            }
        }
    }

    /// The id of the entity at each position of the dataset's list (`None` for a position
    /// whose id was given twice), for finding by position what an older revision had there.
    pub fn ids_by_position(&self) -> Vec<Option<String>> {
        let mut ids = vec![None; self.degree.len()];
        for (id, &position) in &self.entity_by_id {
            if let Some(slot) = ids.get_mut(position) {
                *slot = Some(id.clone());
            }
        }
        ids
    }

    /// Where the entity with this id is in the dataset's list.
    pub fn entity(&self, id: &str) -> Option<usize> {
        self.entity_by_id.get(id).copied()
    }

    /// Where the relation with this id is in the dataset's list.
    pub fn relation(&self, id: &str) -> Option<usize> {
        self.relation_by_id.get(id).copied()
    }

    /// The number of relations of the entity at `position`.
    pub fn degree_of(&self, position: usize) -> usize {
        self.degree.get(position).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_ends_and_degrees_follow_the_dataset() {
        let dataset = crate::bundled::dataset()
            .expect("the bundled dataset loads")
            .dataset;
        let derived = Derived::of(&dataset);
        let turkey = derived.entity("turkey").expect("turkey is in the dataset");
        assert_eq!(dataset.entities[turkey].id, "turkey");
        assert_eq!(derived.degree_of(turkey), 15);
        for (position, relation) in dataset.relations.iter().enumerate() {
            assert_eq!(derived.relation(&relation.id), Some(position));
            let (a, b) = derived.ends[position].expect("no relation of the bundle dangles");
            assert_eq!(dataset.entities[a].id, relation.source);
            assert_eq!(dataset.entities[b].id, relation.target);
        }
        assert_eq!(derived.entity("atlantis"), None);
    }
}
