//! The `stakegraph/1` format: every class of problem is reported with what and where, the
//! canonical form round-trips, and no input makes the reader panic.

use proptest::prelude::*;
use serde_json::{Value, json};
use stakegraph::format::{Invalid, parse_bytes, parse_str, to_canonical_json};
use stakegraph::validate::Problem;

const TEXT: &str = "Ankara backs Tripoli. Café talks were held.";

/// A small valid dataset; each case below breaks one thing in it.
fn base() -> Value {
    json!({
        "format": "stakegraph/1",
        "title": "A test",
        "documents": [{"id": "d", "title": "Doc", "text": TEXT}],
        "entities": [
            {"id": "a", "name": "Ankara", "kind": "country"},
            {"id": "b", "name": "Tripoli", "kind": "organization", "subtype": "government"}
        ],
        "relations": [{
            "id": "r", "source": "a", "target": "b", "kind": "supports",
            "evidence": [{"document": "d", "start": 0, "end": 20, "quote": "Ankara backs Tripoli"}]
        }]
    })
}

fn with(edit: impl FnOnce(&mut Value)) -> String {
    let mut value = base();
    edit(&mut value);
    serde_json::to_string_pretty(&value).unwrap()
}

fn line(problem: &Problem) -> String {
    match problem.position {
        Some(position) => format!("{problem} @{position}"),
        None => problem.to_string(),
    }
}

fn invalid(input: &str) -> Invalid {
    match parse_str(input) {
        Ok(_) => panic!("expected errors in:\n{input}"),
        Err(invalid) => invalid,
    }
}

/// Asserts that loading `input` fails with exactly `expected.len()` errors, each containing the
/// matching fragment (in file order), and that each error names a line and column.
#[track_caller]
fn check(input: &str, expected: &[&str]) {
    let invalid = invalid(input);
    let errors: Vec<String> = invalid.errors.iter().map(line).collect();
    assert_eq!(
        errors.len(),
        expected.len(),
        "errors were:\n{}",
        errors.join("\n")
    );
    for (error, fragment) in errors.iter().zip(expected) {
        assert!(
            error.contains(fragment),
            "{error:?} should contain {fragment:?}"
        );
        assert!(error.contains(" @"), "{error:?} has no line:column");
    }
}

/// Asserts that `input` loads, with warnings containing the fragments.
#[track_caller]
fn check_warnings(input: &str, expected: &[&str]) {
    let loaded = parse_str(input).unwrap_or_else(|invalid| panic!("{:#?}", invalid.errors));
    let warnings: Vec<String> = loaded.warnings.iter().map(line).collect();
    assert_eq!(
        warnings.len(),
        expected.len(),
        "warnings were:\n{}",
        warnings.join("\n")
    );
    for (warning, fragment) in warnings.iter().zip(expected) {
        assert!(warning.contains(fragment), "{warning:?} lacks {fragment:?}");
    }
}

#[test]
fn the_base_case_is_valid_and_clean() {
    check_warnings(&with(|_| {}), &[]);
}

#[test]
fn syntax_errors_name_line_and_column() {
    check(
        "{\n  \"format\": \"stakegraph/1\",\n  oops\n}",
        &["invalid JSON: key must be a string @3:3"],
    );
    check("", &["invalid JSON: EOF"]);
    check(
        "{\"format\": \"stakegraph/1\",}",
        &["invalid JSON: trailing comma"],
    );
    check(
        "[1, 2]",
        &["the top level must be a JSON object, found a list"],
    );
    check(
        "\"text\"",
        &["top level must be a JSON object, found a string"],
    );
    // Deep nesting is neither a stack overflow nor a problem beyond its type.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let input = with(|v| v["title"] = json!("DEEP")).replace("\"DEEP\"", &deep);
    check(&input, &["title: expected a string, found a list"]);
}

#[test]
fn not_utf8_is_reported_with_its_position() {
    let mut bytes = b"{\n\"title\": \"".to_vec();
    bytes.extend([0xFF, b'"', b'}']);
    let invalid = parse_bytes(&bytes).unwrap_err();
    assert_eq!(invalid.errors.len(), 1);
    assert_eq!(
        line(&invalid.errors[0]),
        "the file is not UTF-8 text (byte 0xFF at offset 12) @2:11"
    );
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(with(|_| {}).as_bytes());
    assert!(parse_bytes(&bytes).is_ok());
}

#[test]
fn format_version_must_be_known() {
    check(
        &with(|v| v["format"] = json!("stakegraph/2")),
        &["format: unknown format version \"stakegraph/2\""],
    );
    check(
        &with(|v| {
            v.as_object_mut().unwrap().remove("format");
        }),
        &["format: is missing: expected a string"],
    );
}

#[test]
fn wrong_types_name_the_field_and_what_was_found() {
    check(
        &with(|v| v["title"] = json!(7)),
        &["title: expected a string, found a number (7)"],
    );
    check(
        &with(|v| v["entities"] = json!({})),
        &["entities: expected a list, found an object"],
    );
    check(
        &with(|v| v["entities"][1] = json!("b")),
        &[
            "entities[1]: expected an object, found a string (\"b\")",
            "relation \"r\" target: \"b\" is not the id of an entity",
        ],
    );
    check(
        &with(|v| v["entities"][0]["aliases"] = json!("Ank")),
        &["entity \"a\" aliases: expected a list of strings, found a string"],
    );
    check(
        &with(|v| v["entities"][0]["aliases"] = json!(["Ank", 3])),
        &["entity \"a\" aliases: expected a list of strings, found a list"],
    );
    check(
        &with(|v| v["relations"][0]["evidence"][0]["start"] = json!("0")),
        &[
            "relation \"r\" evidence[0].start: expected a byte offset (a whole number, 0 or more), found a string (\"0\")",
        ],
    );
    check(
        &with(|v| v["relations"][0]["evidence"][0]["end"] = json!(-20)),
        &["relation \"r\" evidence[0].end: expected a byte offset"],
    );
    check(
        &with(|v| v["relations"][0]["evidence"][0]["end"] = json!(2.5)),
        &["found a number (2.5)"],
    );
    check(
        &with(|v| v["relations"][0]["evidence"][0]["end"] = json!(1e300)),
        &["found a number (1e+300)"],
    );
    check(
        &with(|v| v["relations"][0]["id"] = json!(null)),
        &["relations[0].id: is null: expected a string"],
    );
}

#[test]
fn missing_fields_are_named() {
    check(
        &with(|v| {
            v["entities"][0].as_object_mut().unwrap().remove("name");
            v["documents"][0].as_object_mut().unwrap().remove("text");
            v["relations"][0]["evidence"][0]
                .as_object_mut()
                .unwrap()
                .remove("quote");
        }),
        &[
            "document \"d\" text: is missing: expected a string",
            "entity \"a\" name: is missing",
            "relation \"r\" evidence[0].quote: is missing",
        ],
    );
    check(
        &with(|v| {
            v["relations"][0].as_object_mut().unwrap().remove("kind");
        }),
        &["relation \"r\" kind: is missing: expected a relation kind"],
    );
}

#[test]
fn unknown_kinds_list_the_known_ones() {
    check(
        &with(|v| v["entities"][0]["kind"] = json!("nation")),
        &[
            "entity \"a\" kind: unknown entity kind \"nation\" (expected one of: country, person, organization)",
        ],
    );
    check(
        &with(|v| v["relations"][0]["kind"] = json!("backs")),
        &[
            "relation \"r\" kind: unknown relation kind \"backs\" (expected one of: supports, agrees_with, opposes, fights, meets, calls_for, leads, member_of)",
        ],
    );
    check(
        &with(|v| v["relations"][0]["status"] = json!("rumoured")),
        &["relation \"r\" status: unknown status \"rumoured\""],
    );
}

#[test]
fn ids_must_be_unique_and_not_empty() {
    check(
        &with(|v| {
            let copy = v["entities"][0].clone();
            v["entities"].as_array_mut().unwrap().push(copy);
        }),
        &["entities[2].id: duplicate id \"a\": an earlier entity has the same id"],
    );
    check(
        &with(|v| {
            let copy = v["relations"][0].clone();
            v["relations"].as_array_mut().unwrap().push(copy);
        }),
        &["relations[1].id: duplicate id \"r\""],
    );
    check(
        &with(|v| {
            let copy = v["documents"][0].clone();
            v["documents"].as_array_mut().unwrap().push(copy);
        }),
        &["documents[1].id: duplicate id \"d\""],
    );
    check(
        &with(|v| v["entities"][0]["id"] = json!(" ")),
        &[
            "entities[0].id: the id is empty",
            "relation \"r\" source: \"a\" is not the id of an entity",
        ],
    );
}

#[test]
fn a_key_given_twice_is_an_error() {
    let input = with(|_| {}).replacen(
        "\"title\": \"A test\"",
        "\"title\": \"A\", \"title\": \"B\"",
        1,
    );
    check(&input, &["title: field \"title\" appears more than once"]);
}

#[test]
fn relations_must_name_existing_entities_and_documents() {
    check(
        &with(|v| {
            v["relations"][0]["source"] = json!("ankara");
            v["relations"][0]["target"] = json!("tripoli");
            v["relations"][0]["evidence"][0]["document"] = json!("ap");
        }),
        // In file order: the test writes keys sorted.
        &[
            "relation \"r\" evidence[0].document: \"ap\" is not the id of a document",
            "relation \"r\" source: \"ankara\" is not the id of an entity",
            "relation \"r\" target: \"tripoli\" is not the id of an entity",
        ],
    );
}

#[test]
fn offsets_must_lie_within_the_text_on_character_boundaries() {
    let evidence = |start: usize, end: usize, quote: &str| {
        with(|v| {
            v["relations"][0]["evidence"][0] =
                json!({"document": "d", "start": start, "end": end, "quote": quote})
        })
    };
    check(
        &evidence(0, 500, "x"),
        &[&format!(
            "evidence[0].end: end 500 is past the end of document \"d\" ({} bytes)",
            TEXT.len()
        )],
    );
    check(
        &evidence(10, 5, "x"),
        &["evidence[0].start: start 10 is after end 5"],
    );
    check(
        &evidence(5, 5, ""),
        &["evidence[0].end: the span 5..5 is empty"],
    );
    let cafe = TEXT.find('é').unwrap();
    check(
        &evidence(cafe + 1, cafe + 6, "x"),
        &[&format!(
            "evidence[0].start: start {} is inside a multi-byte UTF-8 character",
            cafe + 1
        )],
    );
    check(
        &evidence(cafe - 3, cafe + 1, "x"),
        &[&format!(
            "evidence[0].end: end {} is inside a multi-byte UTF-8 character",
            cafe + 1
        )],
    );
}

#[test]
fn the_quote_must_be_the_spanned_text_and_a_misplaced_quote_is_located() {
    check(
        &with(|v| v["relations"][0]["evidence"][0]["quote"] = json!("Ankara backs Tripoly")),
        &[
            "evidence[0].quote: the quote does not match the text at 0..20, which reads \"Ankara backs Tripoli\"",
        ],
    );
    let cafe = TEXT.find("Café").unwrap();
    check(
        &with(|v| {
            v["relations"][0]["evidence"][0] =
                json!({"document": "d", "start": cafe - 1, "end": cafe + 9, "quote": "Café talks"})
        }),
        &[&format!(
            "the quote is found at {cafe}..{}",
            cafe + "Café talks".len()
        )],
    );
}

#[test]
fn a_relation_needs_evidence() {
    check(
        &with(|v| v["relations"][0]["evidence"] = json!([])),
        &[
            "relation \"r\" evidence: the relation has no evidence: every relation needs at least one quote",
        ],
    );
    check(
        &with(|v| {
            v["relations"][0]
                .as_object_mut()
                .unwrap()
                .remove("evidence");
        }),
        &["relation \"r\" evidence: is missing: expected a list"],
    );
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let input = with(|v| {
        v["format"] = json!("stakegraph/9");
        v["entities"][0]["kind"] = json!("nation");
        v["relations"][0]["kind"] = json!("backs");
        v["relations"][0]["evidence"][0]["end"] = json!(21);
    });
    let invalid = invalid(&input);
    let lines: Vec<usize> = invalid
        .errors
        .iter()
        .map(|p| p.position.unwrap().line)
        .collect();
    assert_eq!(invalid.errors.len(), 4, "{:#?}", invalid.errors);
    assert!(lines.is_sorted(), "{lines:?}");
}

#[test]
fn positions_point_at_the_offending_value() {
    let input = "{\n  \"format\": \"stakegraph/1\",\n  \"title\": \"T\",\n  \"documents\": [],\n  \"entities\": [\n    {\"id\": \"a\", \"name\": \"A\", \"kind\": \"nation\"}\n  ],\n  \"relations\": []\n}";
    check(
        input,
        &["unknown entity kind \"nation\" (expected one of: country, person, organization) @6:38"],
    );
}

#[test]
fn soft_problems_are_warnings() {
    check_warnings(
        &with(|v| {
            v["entities"]
                .as_array_mut()
                .unwrap()
                .push(json!({"id": "c", "name": "Cairo", "kind": "country"}))
        }),
        &["entity \"c\": the entity has no relations"],
    );
    check_warnings(
        &with(|v| {
            let mut copy = v["relations"][0].clone();
            copy["id"] = json!("r2");
            v["relations"].as_array_mut().unwrap().push(copy);
        }),
        &["relation \"r2\": repeats relation \"r\" (same source, target, kind, status and label)"],
    );
    check_warnings(
        &with(|v| v["relations"][0]["colour"] = json!("red")),
        &["relation \"r\" colour: unknown field, ignored"],
    );
    check_warnings(
        &with(|v| {
            let copy = v["relations"][0]["evidence"][0].clone();
            v["relations"][0]["evidence"]
                .as_array_mut()
                .unwrap()
                .push(copy);
        }),
        &["relation \"r\" evidence[1]: the same quote appears twice in this relation"],
    );
    check_warnings(
        &with(|v| {
            v["relations"][0]["target"] = json!("a");
            v["entities"].as_array_mut().unwrap().pop();
        }),
        &["relation \"r\" target: the relation goes from an entity to itself"],
    );
}

#[test]
fn optional_fields_may_be_null() {
    check_warnings(
        &with(|v| {
            v["relations"][0]["status"] = json!(null);
            v["entities"][0]["aliases"] = json!(null);
        }),
        &[],
    );
}

#[test]
fn canonical_export_sorts_and_is_stable() {
    let input = with(|v| {
        v["entities"].as_array_mut().unwrap().reverse();
        v["relations"][0]["evidence"]
            .as_array_mut()
            .unwrap()
            .insert(
                0,
                json!({"document": "d", "start": 22, "end": 33, "quote": "Café talks"}),
            );
    });
    let dataset = parse_str(&input).unwrap().dataset;
    let canonical = to_canonical_json(&dataset);
    assert!(canonical.starts_with("{\n  \"format\": \"stakegraph/1\",\n  \"title\": \"A test\","));
    assert!(canonical.ends_with("}\n"));
    assert!(canonical.find("\"id\": \"a\"").unwrap() < canonical.find("\"id\": \"b\"").unwrap());
    assert!(canonical.find("\"start\": 0").unwrap() < canonical.find("\"start\": 22").unwrap());
    let reread = parse_str(&canonical).unwrap().dataset;
    assert_eq!(to_canonical_json(&reread), canonical);
}

#[test]
fn round_trip_keeps_every_field() {
    let input = with(|v| {
        v["documents"][0]["source"] = json!("AP");
        v["documents"][0]["published"] = json!("2020-01-08");
        v["documents"][0]["url"] = json!("https://example.org/a");
        v["entities"][0]["aliases"] = json!(["Turkish", "Türkiye"]);
        v["entities"][0]["description"] = json!("A \"quoted\" <name> & more");
        v["relations"][0]["status"] = json!("expected");
        v["relations"][0]["label"] = json!("backs");
    });
    let dataset = parse_str(&input).unwrap().dataset;
    let again = parse_str(&to_canonical_json(&dataset)).unwrap().dataset;
    assert_eq!(again, dataset);
    assert_eq!(again.entities[0].aliases, ["Turkish", "Türkiye"]);
    assert_eq!(again.relations[0].label.as_deref(), Some("backs"));
}

#[test]
fn an_unknown_review_state_lists_the_known_ones() {
    check(
        &with(|v| v["relations"][0]["evidence"][0]["review"] = json!("maybe")),
        &[
            "relation \"r\" evidence[0].review: unknown review state \"maybe\" (expected one of: accepted, suggested)",
        ],
    );
    check(
        &with(|v| v["relations"][0]["evidence"][0]["review"] = json!(true)),
        &["relation \"r\" evidence[0].review: expected a review state, found a boolean (true)"],
    );
}

/// A rejected suggestion of `base()`: Ankara backs Tripoli, at 0..20 of "d".
fn rejection() -> Value {
    json!({"document": "d", "start": 0, "end": 20, "kind": "supports", "source": "a", "target": "b"})
}

/// `base()` with the rejected suggestions `rejected`.
fn with_rejected(rejected: Value) -> String {
    with(|v| v["rejected"] = rejected)
}

/// `base()` with one rejected suggestion, `rejection()` changed by `edit`.
fn with_rejection(edit: impl FnOnce(&mut Value)) -> String {
    let mut item = rejection();
    edit(&mut item);
    with_rejected(json!([item]))
}

#[test]
fn rejected_must_be_a_list_of_objects_with_every_field_of_its_type() {
    check_warnings(&with_rejected(json!([rejection()])), &[]);
    check(
        &with_rejected(json!({})),
        &["rejected: expected a list, found an object"],
    );
    check(
        &with_rejected(json!([5])),
        &["rejected[0]: expected an object, found a number (5)"],
    );
    check(
        &with_rejection(|r| {
            r.as_object_mut().unwrap().remove("kind");
        }),
        &["rejected[0].kind: is missing: expected a relation kind"],
    );
    check(
        &with_rejection(|r| {
            r.as_object_mut().unwrap().remove("target");
        }),
        &["rejected[0].target: is missing: expected an entity id (a string)"],
    );
    check(
        &with_rejection(|r| r["start"] = json!("0")),
        &[
            "rejected[0].start: expected a byte offset (a whole number, 0 or more), found a string (\"0\")",
        ],
    );
    check(
        &with_rejection(|r| r["kind"] = json!("backs")),
        &["rejected[0].kind: unknown relation kind \"backs\" (expected one of: supports,"],
    );
    check(
        &with_rejection(|r| r["document"] = json!(7)),
        &["rejected[0].document: expected a document id (a string), found a number (7)"],
    );
    check_warnings(
        &with_rejection(|r| r["why"] = json!("wrong")),
        &["rejected[0].why: unknown field, ignored"],
    );
}

#[test]
fn a_damaged_rejection_is_reported_alone_at_its_own_index() {
    // An item that is not an object is left out, so those after it are no longer at their
    // index in the file: rather than blame the wrong one (rejected[1] is the good one here),
    // none is checked until it is fixed.
    let mut unknown_document = rejection();
    unknown_document["document"] = json!("ap");
    check(
        &with_rejected(json!([5, rejection(), unknown_document])),
        &["rejected[0]: expected an object, found a number (5)"],
    );
}

#[test]
fn a_rejection_must_name_a_document_a_span_of_it_and_two_entities() {
    check(
        &with_rejection(|r| r["document"] = json!("ap")),
        &["rejected[0].document: \"ap\" is not the id of a document"],
    );
    check(
        &with_rejection(|r| r["end"] = json!(500)),
        &[&format!(
            "rejected[0].end: end 500 is past the end of document \"d\" ({} bytes)",
            TEXT.len()
        )],
    );
    check(
        &with_rejection(|r| {
            r["start"] = json!(10);
            r["end"] = json!(5);
        }),
        &["rejected[0].start: start 10 is after end 5"],
    );
    check(
        &with_rejection(|r| {
            r["start"] = json!(5);
            r["end"] = json!(5);
        }),
        &["rejected[0].end: the span 5..5 is empty"],
    );
    let cafe = TEXT.find('é').unwrap();
    check(
        &with_rejection(|r| {
            r["start"] = json!(cafe + 1);
            r["end"] = json!(cafe + 6);
        }),
        &[&format!(
            "rejected[0].start: start {} is inside a multi-byte UTF-8 character",
            cafe + 1
        )],
    );
    check(
        &with_rejection(|r| r["source"] = json!("ankara")),
        &["rejected[0].source: \"ankara\" is not the id of an entity"],
    );
    check(
        &with_rejection(|r| r["target"] = json!("tripoli")),
        &["rejected[0].target: \"tripoli\" is not the id of an entity"],
    );
}

#[test]
fn review_and_rejected_round_trip_byte_for_byte() {
    let input = with(|v| {
        v["relations"][0]["evidence"].as_array_mut().unwrap().push(
            json!({"document": "d", "start": 22, "end": 33, "quote": "Café talks", "review": "suggested"}),
        );
        let later = json!({"document": "d", "start": 22, "end": 33, "kind": "meets", "source": "a", "target": "b"});
        v["rejected"] = json!([later, rejection(), later]);
    });
    let dataset = parse_str(&input).unwrap().dataset;
    let canonical = to_canonical_json(&dataset);
    assert_eq!(
        to_canonical_json(&parse_str(&canonical).unwrap().dataset),
        canonical
    );
    assert!(
        canonical.contains("\"quote\": \"Café talks\",\n          \"review\": \"suggested\"\n"),
        "{canonical}"
    );
    // Accepted, the default, is not written; rejections are sorted, each once.
    assert_eq!(canonical.matches("\"review\"").count(), 1, "{canonical}");
    let rejected = &canonical[canonical.find("\"rejected\": [").expect("a rejected list")..];
    assert_eq!(rejected.matches("\"document\"").count(), 2, "{rejected}");
    assert!(rejected.find("\"supports\"").unwrap() < rejected.find("\"meets\"").unwrap());
}

#[test]
fn a_file_from_before_review_reads_as_reviewed_and_writes_back_unchanged() {
    let old = stakegraph::bundled::DATASET_JSON;
    assert!(!old.contains("\"review\"") && !old.contains("\"rejected\""));
    let dataset = parse_str(old).unwrap().dataset;
    assert!(
        dataset
            .relations
            .iter()
            .all(|r| r.review() == stakegraph::model::RelationReview::Accepted)
    );
    assert!(dataset.rejected.is_empty());
    assert_eq!(to_canonical_json(&dataset), old);
    // "accepted" written out is read as the default.
    let explicit = with(|v| v["relations"][0]["evidence"][0]["review"] = json!("accepted"));
    let dataset = parse_str(&explicit).unwrap().dataset;
    assert_eq!(
        to_canonical_json(&dataset),
        to_canonical_json(&parse_str(&with(|_| {})).unwrap().dataset)
    );
}

/// Replaces leaf number `pick` (modulo the number of leaves) of `value` with `replacement`.
fn replace_leaf(value: &mut Value, pick: usize, replacement: Value) {
    fn count(value: &Value) -> usize {
        match value {
            Value::Array(items) => items.iter().map(count).sum(),
            Value::Object(map) => map.values().map(count).sum(),
            _ => 1,
        }
    }
    fn visit(value: &mut Value, remaining: &mut usize, replacement: &mut Option<Value>) {
        match value {
            Value::Array(items) => items
                .iter_mut()
                .for_each(|v| visit(v, remaining, replacement)),
            Value::Object(map) => map
                .values_mut()
                .for_each(|v| visit(v, remaining, replacement)),
            leaf => {
                if *remaining == 0
                    && let Some(new) = replacement.take()
                {
                    *leaf = new;
                }
                *remaining = remaining.wrapping_sub(1);
            }
        }
    }
    let mut remaining = pick % count(value).max(1);
    visit(value, &mut remaining, &mut Some(replacement));
}

fn any_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (0usize..6000).prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::from),
        prop_oneof![
            Just("country"),
            Just("meets"),
            Just("stakegraph/1"),
            Just("turkey"),
            Just("ap-2020-01-08"),
            Just("")
        ]
        .prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
    ]
}

fn assert_loaded_round_trips(result: Result<stakegraph::format::Loaded, Invalid>) {
    if let Ok(loaded) = result {
        let canonical = to_canonical_json(&loaded.dataset);
        let again = parse_str(&canonical).expect("a loaded dataset exports to a valid file");
        assert_eq!(to_canonical_json(&again.dataset), canonical);
    }
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        assert_loaded_round_trips(parse_bytes(&bytes));
    }

    #[test]
    fn byte_mutations_of_the_bundled_dataset_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)
    ) {
        let mut bytes = stakegraph::bundled::DATASET_JSON.as_bytes().to_vec();
        for (at, byte, action) in edits {
            let at = at.index(bytes.len());
            match action {
                0 => bytes[at] = byte,
                1 => { bytes.remove(at); }
                _ => bytes.insert(at, byte),
            }
        }
        assert_loaded_round_trips(parse_bytes(&bytes));
    }

    #[test]
    fn value_mutations_of_the_bundled_dataset_never_panic(
        edits in proptest::collection::vec((any::<usize>(), any_json()), 1..6)
    ) {
        let mut value: Value = serde_json::from_str(stakegraph::bundled::DATASET_JSON).unwrap();
        for (pick, replacement) in edits {
            replace_leaf(&mut value, pick, replacement);
        }
        let input = serde_json::to_string(&value).unwrap();
        let result = parse_str(&input);
        if let Err(invalid) = &result {
            for problem in &invalid.errors {
                prop_assert!(problem.position.is_some(), "{problem} has no position");
            }
        }
        assert_loaded_round_trips(result);
    }
}

/// The JSON examples of docs/FORMAT.md, in order.
fn documented_examples() -> Vec<&'static str> {
    let doc = include_str!("../docs/FORMAT.md");
    doc.split("```json\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .collect()
}

#[test]
fn the_documented_example_is_valid_clean_and_canonical() {
    let examples = documented_examples();
    let example = *examples.first().expect("docs/FORMAT.md has a json example");
    let loaded = parse_str(example).unwrap_or_else(|invalid| panic!("{:#?}", invalid.errors));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert_eq!(to_canonical_json(&loaded.dataset), example);
}

#[test]
fn the_documented_rejected_list_fits_the_complete_example() {
    let examples = documented_examples();
    let [example, rejected] = examples[..] else {
        panic!(
            "docs/FORMAT.md should have two json examples, has {}",
            examples.len()
        );
    };
    let mut dataset: Value = serde_json::from_str(example).unwrap();
    dataset["rejected"] = serde_json::from_str(rejected).unwrap();
    let loaded =
        parse_str(&dataset.to_string()).unwrap_or_else(|invalid| panic!("{:#?}", invalid.errors));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert_eq!(loaded.dataset.rejected.len(), 1);
}
