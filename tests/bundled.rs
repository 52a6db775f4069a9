//! The bundled dataset of the seed article: valid, clean, canonical, and saying what a careful
//! reader of the article finds in it.

use stakegraph::bundled;
use stakegraph::format::to_canonical_json;
use stakegraph::model::{Dataset, Entity, EntityKind, RelationKind, Status};

fn dataset() -> Dataset {
    let loaded = bundled::dataset().unwrap_or_else(|invalid| panic!("{:#?}", invalid.errors));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    loaded.dataset
}

/// The entity a reader would call `name`: by name or alias.
fn entity<'a>(dataset: &'a Dataset, name: &str) -> &'a Entity {
    dataset
        .entities
        .iter()
        .find(|e| e.name == name || e.aliases.iter().any(|a| a == name))
        .unwrap_or_else(|| panic!("no entity called {name:?}"))
}

#[test]
fn it_validates_without_errors_or_warnings_and_is_canonical() {
    let dataset = dataset();
    assert_eq!(to_canonical_json(&dataset), bundled::DATASET_JSON);
}

#[test]
fn it_quotes_the_seed_article_byte_for_byte() {
    let dataset = dataset();
    assert_eq!(dataset.documents.len(), 1);
    assert_eq!(dataset.documents[0].text, bundled::ARTICLE);
    assert!(bundled::ARTICLE.starts_with(" date 2020-01-08 Turkey's President"));
    // As received: the seed article (`shared/seed/` beside the repository, which a clone does
    // not have) was 4,810 bytes with this FNV-1a digest. Recorded here, the check needs nothing
    // outside the repository, so it runs everywhere and never skips.
    assert_eq!(bundled::ARTICLE.len(), 4_810);
    assert_eq!(fnv1a(bundled::ARTICLE.as_bytes()), 0x5e1c_aea3_e0af_933a);
    // Where the seed itself is at hand, the bundled copy is the same bytes.
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/libya-ceasefire-2020-01-08.txt"
    );
    if let Ok(text) = std::fs::read_to_string(seed) {
        assert_eq!(text, bundled::ARTICLE);
    }
}

/// The 64-bit FNV-1a hash: enough to notice any change to a file, with no dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[test]
fn the_stakeholders_are_all_there_and_the_reporters_are_not() {
    let dataset = dataset();
    for (name, kind) in [
        ("Turkey", EntityKind::Country),
        ("Russia", EntityKind::Country),
        ("Libya", EntityKind::Country),
        ("Egypt", EntityKind::Country),
        ("United Arab Emirates", EntityKind::Country),
        ("Qatar", EntityKind::Country),
        ("Greece", EntityKind::Country),
        ("Cyprus", EntityKind::Country),
        ("Britain", EntityKind::Country),
        ("Germany", EntityKind::Country),
        ("France", EntityKind::Country),
        ("Italy", EntityKind::Country),
        ("Recep Tayyip Erdogan", EntityKind::Person),
        ("Vladimir Putin", EntityKind::Person),
        ("Fayez Sarraj", EntityKind::Person),
        ("Khalifa Hifter", EntityKind::Person),
        ("Charles Michel", EntityKind::Person),
        ("Josep Borrell", EntityKind::Person),
        ("Giuseppe Conte", EntityKind::Person),
        ("David Sassoli", EntityKind::Person),
        ("Abdel Fattah el-Sissi", EntityKind::Person),
        ("Rocco Casalino", EntityKind::Person),
        ("European Union", EntityKind::Organization),
        ("European Council", EntityKind::Organization),
        ("European Parliament", EntityKind::Organization),
        ("United Nations", EntityKind::Organization),
        ("Turkish parliament", EntityKind::Organization),
    ] {
        assert_eq!(entity(&dataset, name).kind, kind, "{name}");
    }
    // The two rival camps are entities of their own, not Libya the country.
    let tripoli = entity(&dataset, "Tripoli-based government");
    let east = entity(&dataset, "east-based government");
    let libya = entity(&dataset, "Libya");
    assert!(tripoli.id != libya.id && east.id != libya.id && tripoli.id != east.id);
    // Spelling variants are one person.
    assert_eq!(entity(&dataset, "Serraj").id, entity(&dataset, "Sarraj").id);
    for reporter in ["Zeynep Bilginsoy", "Nicole Winfield", "Lefteris Pitarakis"] {
        assert!(
            !dataset.entities.iter().any(|e| e.name.contains(reporter)),
            "{reporter} is not a stakeholder"
        );
    }
}

#[test]
fn it_states_the_relations_a_careful_reader_expects() {
    use RelationKind::*;
    let dataset = dataset();
    let expected: &[(&str, RelationKind, &str, Option<Status>)] = &[
        ("Turkey", Supports, "Tripoli-based government", None),
        ("Russia", Supports, "east-based government", None),
        (
            "United Arab Emirates",
            Supports,
            "east-based government",
            None,
        ),
        ("Egypt", Supports, "east-based government", None),
        ("France", Supports, "east-based government", None),
        ("Qatar", Supports, "Tripoli-based government", None),
        ("Italy", Supports, "Tripoli-based government", None),
        ("United Nations", Supports, "Tripoli-based government", None),
        ("Turkey", CallsFor, "Libya", None),
        ("Russia", CallsFor, "Libya", None),
        ("Erdogan", AgreesWith, "Putin", None),
        ("Erdogan", Meets, "Putin", None),
        ("Erdogan", Leads, "Turkey", None),
        ("Putin", Leads, "Russia", None),
        ("Sarraj", Leads, "Tripoli-based government", None),
        ("Hifter", Leads, "east-based government", None),
        ("Charles Michel", Leads, "European Council", None),
        ("David Sassoli", Leads, "European Parliament", None),
        ("Giuseppe Conte", Leads, "Italy", None),
        ("el-Sissi", Leads, "Egypt", None),
        ("Josep Borrell", MemberOf, "European Union", None),
        ("Sarraj", Meets, "Charles Michel", None),
        ("Sarraj", Meets, "Josep Borrell", None),
        ("European Union", Meets, "Sarraj", None),
        ("Hifter", Meets, "Conte", None),
        ("Sarraj", Meets, "Conte", Some(Status::Expected)),
        ("Sarraj", Meets, "Sassoli", Some(Status::Scheduled)),
        ("Charles Michel", Meets, "Erdogan", Some(Status::Scheduled)),
        ("Charles Michel", Meets, "el-Sissi", Some(Status::Scheduled)),
        ("Josep Borrell", Opposes, "Turkey", None),
        ("Britain", Opposes, "Turkey", None),
        ("Germany", Opposes, "Turkey", None),
        ("Charles Michel", Opposes, "Turkey", None),
        ("Greece", Opposes, "Turkey", None),
        ("Cyprus", Opposes, "Libya", None),
        ("Turkey", AgreesWith, "Libya", None),
        (
            "east-based government",
            Fights,
            "Tripoli-based government",
            None,
        ),
        (
            "Turkish parliament",
            Supports,
            "Tripoli-based government",
            None,
        ),
    ];
    let mut missing = Vec::new();
    for &(source, kind, target, status) in expected {
        let (source_id, target_id) = (&entity(&dataset, source).id, &entity(&dataset, target).id);
        let found = dataset.relations.iter().any(|r| {
            &r.source == source_id && &r.target == target_id && r.kind == kind && r.status == status
        });
        if !found {
            missing.push(format!("{source} {} {target} ({status:?})", kind.verb()));
        }
    }
    assert!(
        missing.is_empty(),
        "missing relations:\n{}",
        missing.join("\n")
    );
}

#[test]
fn quotes_are_short_spans_not_whole_paragraphs() {
    let dataset = dataset();
    for relation in &dataset.relations {
        for evidence in &relation.evidence {
            assert!(
                evidence.quote.len() <= 160 && !evidence.quote.contains('\n'),
                "{}: quote too long: {:?}",
                relation.id,
                evidence.quote
            );
        }
    }
    // One passage supporting one relation several times is several evidence items.
    let turkey = entity(&dataset, "Turkey");
    let tripoli = entity(&dataset, "Tripoli-based government");
    let support = dataset
        .relations
        .iter()
        .find(|r| {
            r.source == turkey.id && r.target == tripoli.id && r.kind == RelationKind::Supports
        })
        .unwrap();
    assert!(support.evidence.len() >= 2);
    assert!(
        support.evidence.iter().any(|e| e.quote
            == "Turkey is supporting the embattled U.N.-recognized government in Tripoli")
    );
}
