//! Synthetic datasets for benchmarks and tests: a scale-free network of made-up stakeholders,
//! like real news networks (a few hubs, many leaves), with one generated article whose
//! sentences are the verbatim evidence of each relation.
//!
//! Pure and seeded: the same counts and seed give the same bytes.

use std::collections::BTreeSet;

use crate::random::SplitMix64;

use crate::model::{
    Dataset, Document, Entity, EntityKind, Evidence, Relation, RelationKind, Review, Status,
};

/// How big a dataset to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GenerateOptions {
    pub entities: usize,
    pub relations: usize,
    pub seed: u64,
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "ri", "van", "sto", "mel", "ara", "bel", "dor", "est", "fal", "gor", "hal", "ist",
    "jun", "ker", "lum", "mor", "nor", "osk", "pel", "quin", "ros", "sal", "tor", "ul", "ver",
    "wen", "yar", "zan",
];
const GIVEN: &[&str] = &[
    "Ana", "Jon", "Mira", "Tomas", "Leila", "Omar", "Ines", "Pavel", "Sara", "Yusuf", "Elena",
    "Karim", "Nadia", "Viktor", "Lina", "Rafael",
];
const BODIES: &[&str] = &[
    "Council", "Union", "Assembly", "Front", "Ministry", "Alliance", "Agency",
];

fn word(random: &mut SplitMix64, syllables: usize) -> String {
    let mut text: String = (0..syllables)
        .map(|_| SYLLABLES[random.below(SYLLABLES.len())])
        .collect();
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text
}

/// A dataset with `entities` entities (at least 1) and `relations` relations (at least
/// `entities - 1`, so none is left alone), built by preferential attachment.
pub fn generate(options: GenerateOptions) -> Dataset {
    let count = options.entities.max(1);
    let mut random = SplitMix64(options.seed);
    let mut entities = Vec::with_capacity(count);
    let mut names = BTreeSet::new();
    for index in 0..count {
        let kind = match random.below(10) {
            0..=3 => EntityKind::Country,
            4..=7 => EntityKind::Person,
            _ => EntityKind::Organization,
        };
        let mut name = match kind {
            EntityKind::Country => format!("{}ia", word(&mut random, 2)),
            EntityKind::Person => format!(
                "{} {}",
                GIVEN[random.below(GIVEN.len())],
                word(&mut random, 2)
            ),
            EntityKind::Organization => format!(
                "{} {}",
                word(&mut random, 2),
                BODIES[random.below(BODIES.len())]
            ),
        };
        if !names.insert(name.clone()) {
            name = format!("{name} {index}");
            names.insert(name.clone());
        }
        entities.push(Entity {
            id: format!("e{index}"),
            name,
            kind,
            subtype: None,
            aliases: Vec::new(),
            description: None,
        });
    }

    // Preferential attachment: an endpoint is drawn from this list, where each entity appears
    // once per relation it has (plus once), so hubs attract more relations.
    let mut ends: Vec<usize> = vec![0];
    let mut pairs = BTreeSet::new();
    let mut planned: Vec<(usize, usize, RelationKind)> = Vec::new();
    let kinds = [
        RelationKind::Supports,
        RelationKind::Opposes,
        RelationKind::Meets,
        RelationKind::CallsFor,
        RelationKind::AgreesWith,
        RelationKind::Fights,
        RelationKind::Leads,
        RelationKind::MemberOf,
    ];
    for newcomer in 1..count {
        let other = ends[random.below(ends.len())];
        let kind = kinds[random.below(kinds.len())];
        planned.push((newcomer, other, kind));
        pairs.insert((newcomer, other, kind));
        ends.extend([newcomer, other, newcomer]);
    }
    let wanted = options.relations.max(count - 1);
    let mut attempts = 0usize;
    while planned.len() < wanted && attempts < wanted * 20 && count > 1 {
        attempts += 1;
        let source = random.below(count);
        let target = ends[random.below(ends.len())];
        let kind = kinds[random.below(kinds.len())];
        if source == target || !pairs.insert((source, target, kind)) {
            continue;
        }
        planned.push((source, target, kind));
        ends.extend([source, target]);
    }

    let mut text = String::from("A generated report of who does what to whom.\n\n");
    let mut relations = Vec::with_capacity(planned.len());
    for (index, &(source, target, kind)) in planned.iter().enumerate() {
        let scheduled = kind == RelationKind::Meets && random.below(4) == 0;
        let verb = match kind {
            RelationKind::Supports => "backs",
            RelationKind::Opposes => "condemned",
            RelationKind::Meets if scheduled => "will meet",
            RelationKind::Meets => "met with",
            RelationKind::CallsFor => "called on",
            RelationKind::AgreesWith => "signed a deal with",
            RelationKind::Fights => "attacked",
            RelationKind::Leads => "leads",
            RelationKind::MemberOf => "is part of",
        };
        let sentence = format!("{} {verb} {}", entities[source].name, entities[target].name);
        let start = text.len();
        text.push_str(&sentence);
        let end = text.len();
        text.push_str(if index % 6 == 5 { ".\n\n" } else { ". " });
        relations.push(Relation {
            id: format!("r{index}"),
            source: entities[source].id.clone(),
            target: entities[target].id.clone(),
            kind,
            status: scheduled.then_some(Status::Scheduled),
            label: None,
            rule: None,
            evidence: vec![Evidence {
                document: "generated".to_owned(),
                start,
                end,
                quote: sentence,
                review: Review::Accepted,
            }],
        });
    }
    Dataset {
        title: format!(
            "Generated network: {} entities, {} relations (seed {})",
            entities.len(),
            relations.len(),
            options.seed
        ),
        documents: vec![Document {
            id: "generated".to_owned(),
            title: Some("A generated report".to_owned()),
            source: Some("stakegraph generate".to_owned()),
            published: None,
            url: None,
            text,
        }],
        entities,
        relations,
        rejected: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_datasets_are_valid_clean_scale_free_and_reproducible() {
        let options = GenerateOptions {
            entities: 500,
            relations: 1000,
            seed: 7,
        };
        let dataset = generate(options);
        assert_eq!(dataset.entities.len(), 500);
        assert_eq!(dataset.relations.len(), 1000);
        let problems = crate::validate::validate(&dataset);
        assert!(
            problems.is_empty(),
            "{:#?}",
            &problems[..problems.len().min(5)]
        );
        let json = crate::format::to_canonical_json(&dataset);
        assert!(crate::format::parse_str(&json).is_ok());
        assert_eq!(json, crate::format::to_canonical_json(&generate(options)));
        // A few hubs: the best connected entity has many times the median's relations.
        let stats = crate::stats::stats(&dataset);
        let top = stats.most_connected[0].relations;
        let median = stats.most_connected[250].relations;
        assert!(top >= 8 * median.max(1), "top {top}, median {median}");
    }

    #[test]
    fn tiny_requests_still_give_valid_datasets() {
        for (entities, relations) in [(0, 0), (1, 5), (2, 0)] {
            let dataset = generate(GenerateOptions {
                entities,
                relations,
                seed: 1,
            });
            let errors: Vec<_> = crate::validate::validate(&dataset)
                .into_iter()
                .filter(|p| p.is_error())
                .collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
    }
}
