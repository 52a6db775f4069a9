use super::*;
use crate::edit::tests::random_edit;
use crate::format::to_canonical_json;
use crate::model::{RelationKind, RelationReview};
use crate::validate::{Problem, validate};
use proptest::prelude::*;

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.to_owned(),
        title: None,
        published: None,
        text: text.to_owned(),
    }
}

/// What the extractor makes of `articles`, as an analyst would start curating it.
fn extracted(articles: &[Article]) -> Dataset {
    extract(articles, Some("curated"))
}

/// `curated` with the suggestions of `articles` added. The edit must apply and leave a valid
/// dataset.
#[track_caller]
fn into(curated: &Dataset, articles: &[Article]) -> (Dataset, SuggestionCounts) {
    let suggestions = suggestions_into(curated, articles);
    let mut dataset = curated.clone();
    if let Err(refused) = suggestions.edit.apply(&mut dataset) {
        panic!("refused: {refused}");
    }
    assert_eq!(errors(&dataset), Vec::<String>::new());
    (dataset, suggestions.counts)
}

fn errors(dataset: &Dataset) -> Vec<String> {
    validate(dataset)
        .into_iter()
        .filter(Problem::is_error)
        .map(|p| p.to_string())
        .collect()
}

#[track_caller]
fn apply(edit: Edit, dataset: &mut Dataset) {
    edit.apply(dataset).expect("the edit applies");
}

fn relation<'a>(dataset: &'a Dataset, source: &str, kind: &str, target: &str) -> &'a Relation {
    dataset
        .relations
        .iter()
        .find(|r| r.source == source && r.kind.as_str() == kind && r.target == target)
        .unwrap_or_else(|| panic!("no {source} {kind} {target} in {:?}", dataset.relations))
}

fn entity(id: &str, name: &str, kind: EntityKind, aliases: &[&str]) -> Entity {
    Entity {
        id: id.to_owned(),
        name: name.to_owned(),
        kind,
        subtype: None,
        aliases: aliases.iter().map(|&a| a.to_owned()).collect(),
        description: None,
    }
}

#[test]
fn an_entity_is_the_curated_one_that_shares_a_name_else_the_one_with_its_id_and_kind() {
    use EntityKind::{Country, Organization, Person};
    /// The id the extracted entity `(id, name, kind, aliases)` has in a dataset of `curated`.
    #[track_caller]
    fn check(curated: &[&Entity], extracted: (&str, &str, EntityKind, &[&str]), expected: &str) {
        let (id, name, kind, aliases) = extracted;
        let curated = Dataset {
            entities: curated.iter().map(|&e| e.clone()).collect(),
            ..Dataset::default()
        };
        let from_text = Dataset {
            entities: vec![entity(id, name, kind, aliases)],
            ..Dataset::default()
        };
        let entities = Entities::matched(&curated, &from_text);
        assert_eq!(entities.id(id), Some(expected), "{extracted:?}");
    }
    let turkey = entity("turkey", "Turkey", Country, &["Turkish"]);
    check(&[&turkey], ("t", " TURKEY ", Country, &[]), "turkey");
    check(&[&turkey], ("t", "turkish", Country, &[]), "turkey");
    check(&[&turkey], ("t", "Türkiye", Country, &["Turkey"]), "turkey");
    check(&[&turkey], ("t", "Ankara", Country, &["Turkish"]), "turkey");
    // The names decide, whatever the kind; without one in common, the id and kind do.
    check(&[&turkey], ("t", "Turkey", Organization, &[]), "turkey");
    check(&[&turkey], ("turkey", "Türkiye", Country, &[]), "turkey");
    check(&[&turkey], ("turkey", "Türkiye", Person, &[]), "turkey-2");
    check(&[&turkey], ("greece", "Greece", Country, &[]), "greece");
    // Alias to alias: only for the same kind, and never for people (a shared surname).
    let un = entity("un", "United Nations", Organization, &["UN"]);
    check(&[&un], ("x", "UN agencies", Organization, &["UN"]), "un");
    check(&[&un], ("x", "Utopia", Country, &["UN"]), "x");
    let imran = entity("imran-khan", "Imran Khan", Person, &["Khan"]);
    check(
        &[&imran],
        ("ayesha", "Ayesha Khan", Person, &["Khan"]),
        "ayesha",
    );
    check(&[&imran], ("k", "Khan", Person, &[]), "imran-khan");
    // Of several, name to name wins, then the same kind, then the first.
    let khan = entity("khan", "Khan", Person, &["Imran Khan"]);
    check(
        &[&khan, &imran],
        ("k", "Imran Khan", Person, &[]),
        "imran-khan",
    );
    check(
        &[&imran, &khan],
        ("k", "Khan", Person, &["Imran Khan"]),
        "khan",
    );
    let michael = entity("michael-jordan", "Jordan", Person, &[]);
    let jordan = entity("jordan", "Jordan", Country, &[]);
    check(
        &[&michael, &jordan],
        ("j", "Jordan", Country, &[]),
        "jordan",
    );
    check(
        &[&michael, &jordan],
        ("j", "Jordan", Organization, &[]),
        "michael-jordan",
    );
}

#[test]
fn curated_entities_are_never_changed_and_new_ones_come_only_with_a_relation() {
    let mut curated = extracted(&[article("a", "Egypt condemned Turkey.")]);
    let mut renamed = curated.entity("turkey").unwrap().clone();
    renamed.name = "Republic of Türkiye".to_owned();
    renamed.aliases = vec![" TURKEY ".to_owned()];
    apply(Edit::UpdateEntity(renamed), &mut curated);
    let text = "Qatar backed Turkey. Prime Minister Jon Toth spoke.";
    assert!(
        extracted(&[article("b", text)])
            .entity("jon-toth")
            .is_some(),
        "the extractor keeps a titled person without relations"
    );
    let (dataset, counts) = into(&curated, &[article("b", text)]);
    assert_eq!(dataset.entities[..2], curated.entities[..]);
    let ids: Vec<&str> = dataset.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["egypt", "turkey", "qatar"]);
    assert_eq!(counts.entities, 1);
    relation(&dataset, "qatar", "supports", "turkey");
}

#[test]
fn an_article_with_the_text_of_a_document_is_that_document() {
    let first = "Egypt condemned Turkey.";
    let second = "Qatar backed Libya.";
    let curated = extracted(&[article("ap", first)]);
    let articles = [
        article("other-name", first),
        article("ap", second),
        article("again", second),
    ];
    let (dataset, counts) = into(&curated, &articles);
    let documents: Vec<(&str, &str)> = dataset
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.text.as_str()))
        .collect();
    assert_eq!(documents, [("ap", first), ("ap-2", second)]);
    assert_eq!(counts.documents, 1);
    assert_eq!(counts.already_there, 1, "Egypt condemned Turkey, in ap");
    let backed = relation(&dataset, "qatar", "supports", "libya");
    assert_eq!(
        backed.evidence.len(),
        1,
        "the repeated article is read once"
    );
    assert_eq!(backed.evidence[0].document, "ap-2");
}

#[test]
fn a_rejected_suggestion_stays_out_in_its_direction_kind_and_span() {
    let text = "Egypt condemned Turkey. Qatar backed Libya.";
    let mut curated = extracted(&[article("ap", text)]);
    let condemned = relation(&curated, "egypt", "opposes", "turkey").clone();
    apply(Edit::Reject(condemned.id.clone()), &mut curated);
    let rejection = curated.rejected[0].clone();
    /// Whether Egypt condemned Turkey comes back when `rejection` is the one remembered.
    #[track_caller]
    fn check(curated: &Dataset, rejection: Rejection, comes_back: bool) {
        let curated = Dataset {
            rejected: vec![rejection],
            ..curated.clone()
        };
        let (dataset, counts) = into(&curated, &[article("ap", &curated.documents[0].text)]);
        let back = dataset.relations.iter().any(|r| r.source == "egypt");
        assert_eq!(back, comes_back, "{:?}", curated.rejected);
        assert_eq!(counts.rejected, usize::from(!comes_back));
        assert_eq!(counts.already_there, 1, "Qatar backed Libya");
    }
    check(&curated, rejection.clone(), false);
    let reversed = Rejection {
        source: rejection.target.clone(),
        target: rejection.source.clone(),
        ..rejection.clone()
    };
    check(&curated, reversed, true);
    let retyped = Rejection {
        kind: RelationKind::Fights,
        ..rejection.clone()
    };
    check(&curated, retyped, true);
    let shorter = Rejection {
        end: rejection.end - 1,
        ..rejection
    };
    check(&curated, shorter, true);
}

#[test]
fn a_relation_the_dataset_has_gains_only_the_quotes_it_lacks_as_suggestions() {
    let mut curated = extracted(&[article("monday", "Egypt condemned Turkey.")]);
    let id = relation(&curated, "egypt", "opposes", "turkey").id.clone();
    apply(Edit::Accept(id.clone()), &mut curated);
    let articles = [
        article("monday", "Egypt condemned Turkey."),
        article("tuesday", "Again, Egypt condemned Turkey."),
    ];
    let (dataset, counts) = into(&curated, &articles);
    let condemned = dataset.relation(&id).unwrap();
    let reviews: Vec<(&str, Review)> = condemned
        .evidence
        .iter()
        .map(|e| (e.document.as_str(), e.review))
        .collect();
    assert_eq!(
        reviews,
        [("monday", Review::Accepted), ("tuesday", Review::Suggested)]
    );
    assert_eq!(condemned.review(), RelationReview::Partly);
    assert_eq!(condemned.rule, curated.relation(&id).unwrap().rule);
    assert_eq!(dataset.relations.len(), 1);
    assert_eq!((counts.quotes_on_existing, counts.already_there), (1, 1));
}

#[test]
fn a_new_relation_keeps_its_rule_and_takes_an_id_of_its_own() {
    let mut curated = extracted(&[article("a", "Egypt condemned Turkey. Qatar backed Libya.")]);
    // A hand-made relation that holds the id the new one would take, with another label.
    let mut hand_made = relation(&curated, "qatar", "supports", "libya").clone();
    apply(Edit::RemoveRelation(hand_made.id.clone()), &mut curated);
    hand_made.id = "qatar-supports-libya".to_owned();
    hand_made.label = Some("funds".to_owned());
    hand_made.rule = None;
    hand_made.evidence[0].review = Review::Accepted;
    apply(
        Edit::AddRelation {
            relation: hand_made.clone(),
            at: None,
        },
        &mut curated,
    );
    let (dataset, counts) = into(&curated, &[article("b", "Qatar backed Libya again.")]);
    assert_eq!(dataset.relation("qatar-supports-libya"), Some(&hand_made));
    let new = dataset
        .relation("qatar-supports-libya-2")
        .expect("a new id");
    assert_eq!(new.rule.as_deref(), Some("supports.verb"));
    assert_eq!(new.label.as_deref(), Some("backed"));
    assert_eq!(new.review(), RelationReview::Suggested);
    assert_eq!(new.evidence[0].document, "b");
    assert_eq!((counts.relations, counts.quotes_on_new), (1, 1));
}

#[test]
fn a_hand_made_relation_of_the_same_kind_gains_the_suggestions_and_stays_hand_made() {
    let text = "Qatar backed Libya.";
    let mut curated = extracted(&[article("a", text)]);
    let mut hand_made = relation(&curated, "qatar", "supports", "libya").clone();
    hand_made.rule = None;
    hand_made.evidence[0].review = Review::Accepted;
    apply(Edit::UpdateRelation(hand_made.clone()), &mut curated);
    let (dataset, counts) = into(&curated, &[article("b", "Later, Qatar backed Libya.")]);
    let now = dataset.relation(&hand_made.id).unwrap();
    assert_eq!(now.rule, None);
    assert_eq!(now.evidence[0], hand_made.evidence[0]);
    assert_eq!(now.evidence[1].review, Review::Suggested);
    assert_eq!(counts.quotes_on_existing, 1);
}

#[test]
fn a_quote_the_analyst_has_retyped_reversed_or_relabelled_is_already_there() {
    let text = "Egypt condemned Turkey.";
    let curated = extracted(&[article("a", text)]);
    let condemned = relation(&curated, "egypt", "opposes", "turkey").clone();
    let corrections = [
        Relation {
            label: Some("denounced".to_owned()),
            ..condemned.clone()
        },
        Relation {
            kind: RelationKind::CallsFor,
            ..condemned.clone()
        },
        Relation {
            source: condemned.target.clone(),
            target: condemned.source.clone(),
            ..condemned.clone()
        },
    ];
    for corrected in corrections {
        let mut curated = curated.clone();
        apply(Edit::UpdateRelation(corrected.clone()), &mut curated);
        let (dataset, counts) = into(&curated, &[article("a", text)]);
        assert_eq!(dataset, curated, "{corrected:?}");
        assert_eq!(counts.already_there, 1);
    }
}

#[test]
fn a_relation_that_quotes_a_span_twice_still_takes_suggestions() {
    let mut curated = extracted(&[article("a", "Egypt condemned Turkey.")]);
    // Only a warning in a file; the edits refuse to make one.
    let repeated = curated.relations[0].evidence[0].clone();
    curated.relations[0].evidence.push(repeated);
    let (dataset, counts) = into(&curated, &[article("b", "Again, Egypt condemned Turkey.")]);
    assert_eq!(dataset.relations[0].evidence.len(), 2);
    assert_eq!(counts.quotes_on_existing, 1);
}

#[test]
fn the_edit_is_named_after_the_articles_and_counted_in_one_line() {
    let suggestions = suggestions_into(
        &Dataset::default(),
        &[
            article("a", "Egypt condemned Turkey."),
            article("b", "Qatar backed Libya."),
        ],
    );
    assert_eq!(
        suggestions.edit.name(&Dataset::default()),
        "extract 2 articles"
    );
    assert_eq!(
        suggestions.counts.describe("curated.json"),
        "added 2 suggestions to curated.json: 2 documents, 4 entities, 2 relations, 0 quotes \
         on existing relations; 0 left out as rejected, 0 already there"
    );
    let one = SuggestionCounts {
        documents: 1,
        entities: 1,
        relations: 1,
        quotes_on_new: 0,
        quotes_on_existing: 1,
        rejected: 1,
        already_there: 1,
    };
    assert_eq!(
        one.describe("x.json"),
        "added 1 suggestion to x.json: 1 document, 1 entity, 1 relation, 1 quote on existing \
         relations; 1 left out as rejected, 1 already there"
    );
}

/// Texts with what the extractor finds hard: a long article, people who share a surname, the
/// same actors in several articles.
const TEXTS: [&str; 6] = [
    crate::bundled::ARTICLE,
    include_str!("../../../fuzz/seeds/article/two-khans.txt"),
    include_str!("../../../fuzz/seeds/article/korea-talks.txt"),
    include_str!("../../../fuzz/seeds/article/ukraine-aid.txt"),
    "Egypt condemned Turkey. Prime Minister Imran Khan met Erdogan.",
    "Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin. Erdogan \
     condemned Greece.",
];

/// Articles of `TEXTS`, with ids unique among them (as the command line gives) that other
/// lists of articles share for other texts.
fn articles(picks: &[usize]) -> Vec<Article> {
    picks
        .iter()
        .enumerate()
        .map(|(n, &pick)| article(&format!("text-{n}-{}", pick % 2), TEXTS[pick % TEXTS.len()]))
        .collect()
}

#[test]
fn the_same_input_gives_the_same_edit() {
    let curated = extracted(&articles(&[0, 1]));
    let more = articles(&[2, 1, 5, 4]);
    assert_eq!(
        suggestions_into(&curated, &more),
        suggestions_into(&curated, &more)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Whatever the analyst has done to a dataset, its suggestions from any texts apply, leave
    /// it valid, and once added are all there: the second time adds nothing.
    #[test]
    fn the_edit_is_never_refused_and_the_second_time_adds_nothing(
        curated_from in proptest::collection::vec(0..TEXTS.len() * 3, 0..3),
        curation in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()), 0..16),
        more in proptest::collection::vec(0..TEXTS.len() * 3, 1..4),
    ) {
        let mut curated = extracted(&articles(&curated_from));
        for pick in curation {
            if let Some(edit) = random_edit(&curated, pick) {
                let _ = edit.apply(&mut curated);
            }
        }
        prop_assert_eq!(errors(&curated), Vec::<String>::new());
        let more = articles(&more);
        let (once, counts) = into(&curated, &more);
        let (twice, again) = into(&once, &more);
        prop_assert_eq!(to_canonical_json(&twice), to_canonical_json(&once));
        prop_assert_eq!(
            again,
            SuggestionCounts {
                rejected: again.rejected,
                already_there: again.already_there,
                ..SuggestionCounts::default()
            }
        );
        // Every quote is counted once: left out as rejected, already there, or added.
        prop_assert_eq!(again.rejected, counts.rejected);
        prop_assert_eq!(again.already_there, counts.already_there + counts.suggestions());
    }
}
