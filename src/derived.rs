//! What follows from a dataset and is needed again and again: where each id is in the
//! dataset's lists, the two ends of every relation and how many relations each entity has.
//!
//! Computed in one place (`Derived::of`) and recomputed whole after any change to the dataset,
//! so no table is ever patched by hand and none outlives the revision it was made from. The
//! positions it hands out are only good for that revision: anything kept across a change (a
//! selection, a pin, a highlight) holds ids instead.
//!
//! Pure: no egui, no I/O.

use rustc_hash::FxHashMap;

use crate::model::Dataset;

/// The tables derived from one revision of a dataset.
#[derive(Clone, Debug, Default)]
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
