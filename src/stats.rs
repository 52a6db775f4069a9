//! Counts over a dataset: entities by kind, relations by kind, and the most connected
//! entities, for `stakegraph stats`.

use std::collections::BTreeMap;

use strum::IntoEnumIterator;

use crate::model::{Dataset, EntityKind, RelationKind};

/// How many of each, and who has the most relations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Every entity kind, in vocabulary order, with its count (possibly zero).
    pub entities_by_kind: Vec<(EntityKind, usize)>,
    /// Every relation kind, in vocabulary order, with its count (possibly zero).
    pub relations_by_kind: Vec<(RelationKind, usize)>,
    /// All entities by number of relations, most first; ties by name, then id.
    pub most_connected: Vec<Connected>,
}

/// An entity and how many relations it takes part in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connected {
    pub id: String,
    pub name: String,
    pub relations: usize,
}

/// Counts `dataset`.
pub fn stats(dataset: &Dataset) -> Stats {
    let entities_by_kind = EntityKind::iter()
        .map(|kind| {
            let count = dataset.entities.iter().filter(|e| e.kind == kind).count();
            (kind, count)
        })
        .collect();
    let relations_by_kind = RelationKind::iter()
        .map(|kind| {
            let count = dataset.relations.iter().filter(|r| r.kind == kind).count();
            (kind, count)
        })
        .collect();
    let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
    for relation in &dataset.relations {
        *degree.entry(&relation.source).or_default() += 1;
        if relation.target != relation.source {
            *degree.entry(&relation.target).or_default() += 1;
        }
    }
    let mut most_connected: Vec<Connected> = dataset
        .entities
        .iter()
        .map(|entity| Connected {
            id: entity.id.clone(),
            name: entity.name.clone(),
            relations: degree.get(entity.id.as_str()).copied().unwrap_or(0),
        })
        .collect();
    most_connected
        .sort_by(|a, b| (b.relations, &a.name, &a.id).cmp(&(a.relations, &b.name, &b.id)));
    Stats {
        entities_by_kind,
        relations_by_kind,
        most_connected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Evidence, Relation};

    fn entity(id: &str) -> Entity {
        Entity {
            id: id.to_owned(),
            name: id.to_uppercase(),
            kind: EntityKind::Country,
            subtype: None,
            aliases: Vec::new(),
            description: None,
        }
    }

    fn relation(source: &str, target: &str, kind: RelationKind) -> Relation {
        Relation {
            id: format!("{source}-{target}"),
            source: source.to_owned(),
            target: target.to_owned(),
            kind,
            status: None,
            label: None,
            rule: None,
            evidence: vec![Evidence {
                document: "d".to_owned(),
                start: 0,
                end: 1,
                quote: "x".to_owned(),
                review: Default::default(),
            }],
        }
    }

    #[test]
    fn counts_kinds_and_ranks_by_relations_then_name() {
        let dataset = Dataset {
            entities: vec![entity("b"), entity("a"), entity("c")],
            relations: vec![
                relation("a", "b", RelationKind::Meets),
                relation("c", "b", RelationKind::Supports),
                relation("c", "a", RelationKind::Supports),
                relation("a", "c", RelationKind::Fights),
            ],
            ..Dataset::default()
        };
        let stats = stats(&dataset);
        assert_eq!(stats.entities_by_kind[0], (EntityKind::Country, 3));
        assert!(
            stats
                .relations_by_kind
                .contains(&(RelationKind::Supports, 2))
        );
        assert!(stats.relations_by_kind.contains(&(RelationKind::Leads, 0)));
        let ranking: Vec<_> = stats
            .most_connected
            .iter()
            .map(|c| (c.id.as_str(), c.relations))
            .collect();
        assert_eq!(ranking, [("a", 3), ("c", 3), ("b", 2)]);
    }
}
