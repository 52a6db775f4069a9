use super::history::History;
use super::*;
use crate::derived::Derived;
use crate::format::to_canonical_json;
use crate::model::{EntityKind, RelationKind, RelationReview, Status};
use proptest::prelude::*;

fn bundled() -> Dataset {
    crate::bundled::dataset()
        .expect("the bundled dataset loads")
        .dataset
}

/// The bundled article extracted: every quote a suggestion.
pub(crate) fn draft() -> Dataset {
    let article = crate::extract::Article {
        id: "ap".to_owned(),
        title: None,
        published: None,
        text: crate::bundled::ARTICLE.to_owned(),
    };
    crate::extract::extract(&[article], None)
}

fn errors(dataset: &Dataset) -> Vec<String> {
    crate::validate::validate(dataset)
        .into_iter()
        .filter(Problem::is_error)
        .map(|p| p.to_string())
        .collect()
}

fn person(id: &str, name: &str) -> Entity {
    Entity {
        id: id.to_owned(),
        name: name.to_owned(),
        kind: EntityKind::Person,
        subtype: None,
        aliases: Vec::new(),
        description: None,
    }
}

#[test]
fn an_edit_and_its_inverse_give_back_the_dataset() {
    let mut dataset = bundled();
    let before = to_canonical_json(&dataset);
    let id = dataset.relations[0].id.clone();
    let applied = Edit::RemoveRelation(id.clone())
        .apply(&mut dataset)
        .unwrap();
    assert!(dataset.relation(&id).is_none());
    assert!(applied.touched.structure);
    applied.inverse.apply(&mut dataset).unwrap();
    assert_eq!(to_canonical_json(&dataset), before);
    assert_eq!(dataset.relations[0].id, id, "back in its place");
}

#[test]
fn edits_that_would_break_the_dataset_are_refused_and_change_nothing() {
    let mut dataset = bundled();
    let before = dataset.clone();
    let relation = dataset.relations[0].clone();
    let quote = relation.evidence[0].clone();
    let cases = [
        Edit::UpdateRelation(Relation {
            evidence: Vec::new(),
            ..relation.clone()
        }),
        Edit::UpdateRelation(Relation {
            target: "atlantis".to_owned(),
            ..relation.clone()
        }),
        Edit::AddQuote {
            relation: relation.id.clone(),
            evidence: Evidence {
                quote: "not the text".to_owned(),
                start: quote.start + 1,
                ..quote.clone()
            },
        },
        Edit::AddQuote {
            relation: relation.id.clone(),
            evidence: quote.clone(),
        },
        Edit::AddRelation {
            relation: relation.clone(),
            at: None,
        },
        Edit::AddEntity {
            entity: person("turkey", "Another Turkey"),
            at: None,
        },
        Edit::UpdateEntity(person("turkey", " ")),
        Edit::Merge {
            from: "turkey".to_owned(),
            into: "turkey".to_owned(),
        },
        Edit::RemoveDocument(quote.document.clone()),
        Edit::AddRejection(Rejection {
            document: quote.document.clone(),
            start: 0,
            end: 1 << 30,
            kind: RelationKind::Meets,
            source: "turkey".to_owned(),
            target: "russia".to_owned(),
        }),
        // A batch that fails half way leaves nothing of its first half.
        Edit::Batch {
            name: "two".to_owned(),
            edits: vec![
                Edit::RemoveRelation(relation.id.clone()),
                Edit::RemoveRelation("no-such-relation".to_owned()),
            ],
        },
    ];
    for edit in cases {
        let refused = edit.apply(&mut dataset);
        assert!(refused.is_err(), "{edit:?} was applied");
        assert!(!refused.unwrap_err().0.is_empty());
        assert_eq!(dataset, before, "{edit:?} changed the dataset");
    }
}

#[test]
fn removing_a_relations_last_quote_is_refused_with_a_way_out() {
    let mut dataset = bundled();
    let relation = dataset
        .relations
        .iter()
        .find(|r| r.evidence.len() == 1)
        .expect("a relation with one quote")
        .clone();
    let quote = &relation.evidence[0];
    let refused = Edit::RemoveQuote {
        relation: relation.id.clone(),
        document: quote.document.clone(),
        start: quote.start,
        end: quote.end,
    }
    .apply(&mut dataset)
    .unwrap_err();
    assert!(refused.0.contains("delete the relation"), "{refused}");
}

#[test]
fn retyping_and_reversing_keep_the_relation_id() {
    let mut dataset = bundled();
    let mut relation = dataset.relations[0].clone();
    let id = relation.id.clone();
    relation.kind = RelationKind::Opposes;
    std::mem::swap(&mut relation.source, &mut relation.target);
    Edit::UpdateRelation(relation.clone())
        .apply(&mut dataset)
        .unwrap();
    let now = dataset.relation(&id).unwrap();
    assert_eq!(now.kind, RelationKind::Opposes);
    assert_eq!(now.source, relation.source);
}

#[test]
fn merging_two_spellings_keeps_every_name_relation_and_quote() {
    let mut dataset = bundled();
    let into = dataset.entity("sarraj").expect("sarraj").clone();
    // A second spelling of the same man, with a relation of its own and one that repeats one
    // of Sarraj's.
    let sarraj_relation = dataset.relations_of("sarraj").next().unwrap().clone();
    let repeated_quotes = sarraj_relation.evidence.len();
    let mut repeat = sarraj_relation.clone();
    repeat.id = "repeat".to_owned();
    for end in [&mut repeat.source, &mut repeat.target] {
        if end == "sarraj" {
            *end = "serraj".to_owned();
        }
    }
    let own_quote = dataset.relations[0].evidence[0].clone();
    let own = Relation {
        id: "serraj-meets-turkey".to_owned(),
        source: "serraj".to_owned(),
        target: "turkey".to_owned(),
        kind: RelationKind::Meets,
        status: Some(Status::Expected),
        label: None,
        rule: None,
        evidence: vec![own_quote],
    };
    let mut serraj = person("serraj", "Fayez Serraj");
    serraj.aliases = vec!["F. Serraj".to_owned(), into.name.to_uppercase()];
    for edit in [
        Edit::AddEntity {
            entity: serraj,
            at: None,
        },
        Edit::AddRelation {
            relation: repeat,
            at: None,
        },
        Edit::AddRelation {
            relation: own,
            at: None,
        },
    ] {
        edit.apply(&mut dataset).unwrap();
    }
    let before = to_canonical_json(&dataset);
    let quotes = dataset.quote_count();
    let preview = MergePreview::of(&dataset, "serraj", "sarraj").unwrap();
    assert_eq!(preview.moved, 2);
    assert_eq!(preview.combined, 1);
    assert_eq!(preview.new_aliases, ["Fayez Serraj", "F. Serraj"]);

    let merge = Edit::Merge {
        from: "serraj".to_owned(),
        into: "sarraj".to_owned(),
    };
    assert_eq!(merge.name(&dataset), "merge Fayez Serraj into Fayez Sarraj");
    let applied = merge.apply(&mut dataset).unwrap();
    assert!(dataset.entity("serraj").is_none());
    let kept = dataset.entity("sarraj").unwrap();
    assert!(kept.aliases.contains(&"Fayez Serraj".to_owned()));
    assert!(kept.aliases.contains(&"F. Serraj".to_owned()));
    assert!(
        dataset.relation("repeat").is_none(),
        "combined with its twin"
    );
    assert_eq!(
        dataset.relation("serraj-meets-turkey").unwrap().source,
        "sarraj"
    );
    // The twin's quotes were the same spans as the survivor's: each is kept once.
    assert_eq!(dataset.quote_count(), quotes - repeated_quotes);
    assert!(errors(&dataset).is_empty(), "{:?}", errors(&dataset));

    applied.inverse.apply(&mut dataset).unwrap();
    assert_eq!(to_canonical_json(&dataset), before);
}

#[test]
fn rejecting_a_suggestion_remembers_it_and_accepting_marks_every_quote() {
    let mut dataset = draft();
    let relation = dataset.relations[0].clone();
    assert_eq!(relation.review(), RelationReview::Suggested);
    Edit::Accept(relation.id.clone())
        .apply(&mut dataset)
        .unwrap();
    assert_eq!(
        dataset.relation(&relation.id).unwrap().review(),
        RelationReview::Accepted
    );
    assert!(
        Edit::Accept(relation.id.clone())
            .apply(&mut dataset)
            .is_err()
    );

    let other = dataset.relations[1].clone();
    Edit::Reject(other.id.clone()).apply(&mut dataset).unwrap();
    assert!(dataset.relation(&other.id).is_none());
    assert_eq!(dataset.rejected.len(), other.evidence.len());
    assert_eq!(
        dataset.rejected[0],
        Rejection::of(&other, &other.evidence[0])
    );
    assert!(errors(&dataset).is_empty());
    // The rejection is saved and read back.
    let json = to_canonical_json(&dataset);
    let read = crate::format::parse_str(&json).unwrap().dataset;
    assert_eq!(read.rejected, dataset.rejected);
    assert_eq!(to_canonical_json(&read), json);
}

#[test]
fn deleting_an_entity_takes_its_relations_and_rejections_and_undo_brings_them_back() {
    let mut dataset = draft();
    let relation = dataset.relations_of("turkey").next().unwrap().id.clone();
    Edit::Reject(relation).apply(&mut dataset).unwrap();
    let before = to_canonical_json(&dataset);
    let applied = Edit::RemoveEntity("turkey".to_owned())
        .apply(&mut dataset)
        .unwrap();
    assert!(dataset.relations_of("turkey").next().is_none());
    assert!(
        dataset
            .rejected
            .iter()
            .all(|r| r.source != "turkey" && r.target != "turkey")
    );
    assert!(errors(&dataset).is_empty());
    applied.inverse.apply(&mut dataset).unwrap();
    assert_eq!(to_canonical_json(&dataset), before);
}

#[test]
fn the_history_names_its_steps_and_knows_what_was_saved() {
    let mut dataset = bundled();
    let mut history = History::new(true);
    let mut derived = Derived::of(&dataset);
    assert!(!history.is_dirty());
    let id = dataset.relations[0].id.clone();
    history
        .apply(Edit::RemoveRelation(id.clone()), &mut dataset, &mut derived)
        .unwrap();
    assert!(history.is_dirty());
    assert!(history.undo_name().unwrap().starts_with("delete "));
    history.mark_saved();
    assert!(!history.is_dirty());
    history.undo(&mut dataset, &mut derived).unwrap().unwrap();
    assert!(
        history.is_dirty(),
        "the saved file has the relation deleted"
    );
    assert!(dataset.relation(&id).is_some());
    assert!(history.redo_name().unwrap().starts_with("delete "));
    history.redo(&mut dataset, &mut derived).unwrap().unwrap();
    assert!(!history.is_dirty());
    assert!(history.redo(&mut dataset, &mut derived).is_none());
    // A refused edit is not a step.
    let refused = history.apply(Edit::RemoveRelation(id), &mut dataset, &mut derived);
    assert!(refused.is_err());
    assert_eq!(history.len(), 1);
}

#[test]
fn fresh_ids_are_slugs_that_are_not_taken() {
    assert_eq!(fresh_id("Fayez al-Sarraj", |_| false), "fayez-al-sarraj");
    assert_eq!(fresh_id("  ", |_| false), "item");
    assert_eq!(fresh_id("Turkey", |id| id == "turkey"), "turkey-2");
    assert_eq!(
        fresh_id("Turkey", |id| id == "turkey" || id == "turkey-2"),
        "turkey-3"
    );
}

/// One random edit, chosen by `pick` numbers against the dataset as it is now; `None` when the
/// dataset offers nothing for that kind of edit. Also what `extract`'s tests curate with.
pub(crate) fn random_edit(
    dataset: &Dataset,
    (op, a, b, c): (u8, usize, usize, usize),
) -> Option<Edit> {
    let entity = |n: usize| dataset.entities.get(n % dataset.entities.len().max(1));
    let relation = |n: usize| dataset.relations.get(n % dataset.relations.len().max(1));
    let document = dataset.documents.first()?;
    Some(match op % 12 {
        0 => Edit::RemoveRelation(relation(a)?.id.clone()),
        1 => {
            let mut changed = relation(a)?.clone();
            changed.kind = RelationKind::iter_all()[b % 8];
            Edit::UpdateRelation(changed)
        }
        2 => {
            let mut changed = relation(a)?.clone();
            std::mem::swap(&mut changed.source, &mut changed.target);
            changed.status = [None, Some(Status::Planned)][b % 2];
            changed.label = Some(format!("label {c}"));
            Edit::UpdateRelation(changed)
        }
        3 => Edit::RemoveEntity(entity(a)?.id.clone()),
        4 => Edit::Merge {
            from: entity(a)?.id.clone(),
            into: entity(b)?.id.clone(),
        },
        5 | 6 => {
            let start = c % document.text.len().saturating_sub(40).max(1);
            let start = (start..).find(|&at| document.text.is_char_boundary(at))?;
            let end = (start + 1 + b % 40..)
                .find(|&at| document.text.is_char_boundary(at))?
                .min(document.text.len());
            let evidence = quote_of(document, start, end, Review::Accepted).ok()?;
            if op % 12 == 5 {
                Edit::AddQuote {
                    relation: relation(a)?.id.clone(),
                    evidence,
                }
            } else {
                let source = entity(a)?.id.clone();
                let target = entity(b)?.id.clone();
                Edit::AddRelation {
                    relation: Relation {
                        id: fresh_id(&format!("{source} meets {target}"), |id| {
                            dataset.relation(id).is_some()
                        }),
                        source,
                        target,
                        kind: RelationKind::Meets,
                        status: None,
                        label: None,
                        rule: None,
                        evidence: vec![evidence],
                    },
                    at: Some(c % (dataset.relations.len() + 1)),
                }
            }
        }
        7 => {
            let relation = relation(a)?;
            let quote = &relation.evidence[b % relation.evidence.len()];
            Edit::RemoveQuote {
                relation: relation.id.clone(),
                document: quote.document.clone(),
                start: quote.start,
                end: quote.end,
            }
        }
        8 => Edit::Accept(relation(a)?.id.clone()),
        9 => Edit::Reject(relation(a)?.id.clone()),
        10 => {
            let name = format!("Person {c}");
            Edit::AddEntity {
                entity: person(&fresh_id(&name, |id| dataset.entity(id).is_some()), &name),
                at: Some(b % (dataset.entities.len() + 1)),
            }
        }
        _ => {
            let mut changed = entity(a)?.clone();
            changed.name = format!("{} {b}", changed.name);
            changed.aliases.push(format!("alias {c}"));
            changed.aliases.dedup();
            Edit::UpdateEntity(changed)
        }
    })
}

impl RelationKind {
    fn iter_all() -> Vec<RelationKind> {
        use strum::IntoEnumIterator;
        RelationKind::iter().collect()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any sequence of edits, then as many undos, gives back the dataset byte for byte in
    /// canonical form; redoing them all gives what the edits gave; and after every edit the
    /// dataset is valid.
    #[test]
    fn undo_gives_back_the_original_and_redo_the_result(
        picks in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()), 1..24),
        start_from_draft in any::<bool>(),
    ) {
        let mut dataset = if start_from_draft { draft() } else { bundled() };
        let original = to_canonical_json(&dataset);
        let mut history = History::new(true);
        // The tables kept up to date edit by edit stay those of the dataset as it is.
        let mut derived = Derived::of(&dataset);
        for pick in picks {
            let Some(edit) = random_edit(&dataset, pick) else { continue };
            let before = dataset.clone();
            match history.apply(edit, &mut dataset, &mut derived) {
                Ok(_) => {
                    let errors = errors(&dataset);
                    prop_assert!(errors.is_empty(), "{:?}", errors);
                }
                Err(_) => prop_assert_eq!(&dataset, &before),
            }
            prop_assert_eq!(&derived, &Derived::of(&dataset));
        }
        let edited = to_canonical_json(&dataset);
        let steps = history.len();
        for _ in 0..steps {
            history.undo(&mut dataset, &mut derived).expect("a step").expect("undone");
            prop_assert_eq!(&derived, &Derived::of(&dataset));
        }
        prop_assert_eq!(to_canonical_json(&dataset), original);
        prop_assert!(!history.is_dirty());
        for _ in 0..steps {
            history.redo(&mut dataset, &mut derived).expect("a step").expect("redone");
        }
        prop_assert_eq!(&derived, &Derived::of(&dataset));
        prop_assert_eq!(to_canonical_json(&dataset), edited);
    }
}
