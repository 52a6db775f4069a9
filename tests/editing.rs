//! Curation in the real app, driven headless through egui_kittest with the mouse and the
//! keyboard: delete, retype, reverse, relabel, quotes, new relations and entities from text
//! selected in the article, merge, review of suggestions, undo and redo, save, the guard
//! before unsaved work is lost, and the recovery file.

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stakegraph::bundled;
use stakegraph::files::Source;
use stakegraph::format::{Loaded, parse_str, to_canonical_json};
use stakegraph::layout::LayoutStatus;
use stakegraph::model::{Entity, EntityKind, RelationKind, RelationReview, Review};
use stakegraph::ui::{Selection, Settings, StakegraphApp};

fn harness_on(source: Source, loaded: Loaded) -> Harness<'static, StakegraphApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_| StakegraphApp::with_settings(Settings::default(), &source, loaded))
}

fn app() -> Harness<'static, StakegraphApp> {
    harness_on(Source::Bundled, bundled::dataset().unwrap())
}

/// The app on an article of the gold set, extracted as opening it does: every relation a
/// suggestion.
fn draft(name: &str) -> Harness<'static, StakegraphApp> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gold")
        .join(name);
    let source = Source::File(path);
    let loaded = stakegraph::files::load(&source).expect("the article extracts");
    harness_on(source, loaded)
}

fn settle(harness: &mut Harness<'_, StakegraphApp>) {
    for _ in 0..400 {
        harness.run_steps(1);
        if harness.state().layout_status() == LayoutStatus::Settled {
            harness.run_steps(3);
            return;
        }
    }
    panic!("the layout did not settle within 400 frames");
}

fn key(harness: &mut Harness<'_, StakegraphApp>, modifiers: Modifiers, key: Key) {
    for pressed in [true, false] {
        harness.event(Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers,
        });
    }
    harness.run_steps(3);
}

fn press(harness: &mut Harness<'_, StakegraphApp>, at: Pos2, pressed: bool, modifiers: Modifiers) {
    harness.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
    harness.run_steps(1);
}

fn drag(harness: &mut Harness<'_, StakegraphApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    harness.event(Event::ModifiersChanged(modifiers));
    harness.event(Event::PointerMoved(from));
    harness.run_steps(1);
    press(harness, from, true, modifiers);
    for step in 1..=8 {
        let at = from + (to - from) * (step as f32 / 8.0);
        harness.event(Event::PointerMoved(at));
        harness.run_steps(1);
    }
    press(harness, to, false, modifiers);
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(2);
}

fn click_label(harness: &mut Harness<'_, StakegraphApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(3);
}

/// Opens the combo box that shows `selected` and picks `choice` from it.
fn pick_in_combo(harness: &mut Harness<'_, StakegraphApp>, selected: &str, choice: &str) {
    let combo = harness
        .get_all_by_role(egui::accesskit::Role::ComboBox)
        .find(|node| node.value().as_deref() == Some(selected))
        .unwrap_or_else(|| panic!("no combo box shows {selected:?}"));
    combo.click();
    harness.run_steps(3);
    click_label(harness, choice);
}

/// Types `path` over whatever the path field (the last text field) holds.
fn fill_path_field(harness: &mut Harness<'_, StakegraphApp>, path: &Path) {
    let field = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .last()
        .expect("the path field");
    field.click();
    harness.run_steps(1);
    key(harness, Modifiers::COMMAND, Key::A);
    type_text(harness, &path.display().to_string());
}

fn type_text(harness: &mut Harness<'_, StakegraphApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run_steps(2);
}

/// Selects the text `start..end` of the document shown in the article panel by dragging over
/// it (the span must be on screen there).
fn select_text(harness: &mut Harness<'_, StakegraphApp>, start: usize, end: usize) {
    let app = harness.state();
    let from = app.source_screen_position(start).expect("start on screen") + egui::vec2(0.5, 6.0);
    let to = app.source_screen_position(end).expect("end on screen") + egui::vec2(0.5, 6.0);
    drag(harness, from, to, Modifiers::NONE);
}

fn screen_position(harness: &Harness<'_, StakegraphApp>, entity: &str) -> Pos2 {
    let app = harness.state();
    let rect = app.graph_rect(&harness.ctx).expect("the graph was drawn");
    app.entity_screen_position(&harness.ctx, rect, entity)
        .expect("the entity is visible")
}

fn canonical(harness: &Harness<'_, StakegraphApp>) -> String {
    to_canonical_json(harness.state().dataset())
}

fn selected_relation(harness: &Harness<'_, StakegraphApp>) -> stakegraph::model::Relation {
    let Selection::Relation(id) = harness.state().selection() else {
        panic!("no relation selected: {:?}", harness.state().selection());
    };
    harness
        .state()
        .dataset()
        .relation(id)
        .expect("exists")
        .clone()
}

fn select(harness: &mut Harness<'_, StakegraphApp>, selection: Selection) {
    harness.state_mut().select(selection);
    harness.run_steps(3);
}

#[test]
fn delete_retype_reverse_and_undo_each_from_the_keyboard() {
    let mut harness = app();
    settle(&mut harness);
    let original = canonical(&harness);
    let relation = harness.state().dataset().relations[0].clone();
    select(&mut harness, Selection::Relation(relation.id.clone()));

    // Alt+3 is the third kind; Alt+S swaps the direction; the id stays.
    key(&mut harness, Modifiers::ALT, Key::Num3);
    let third = <RelationKind as strum::IntoEnumIterator>::iter()
        .nth(2)
        .unwrap();
    assert_eq!(selected_relation(&harness).kind, third);
    assert!(
        harness.state().title().contains('•'),
        "the title says unsaved"
    );
    key(&mut harness, Modifiers::ALT, Key::S);
    let reversed = selected_relation(&harness);
    assert_eq!(reversed.id, relation.id);
    assert_eq!(
        (reversed.source.as_str(), reversed.target.as_str()),
        (relation.target.as_str(), relation.source.as_str())
    );
    // Delete takes it out; the undo names what it undoes.
    key(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(harness.state().dataset().relation(&relation.id).is_none());
    assert_eq!(harness.state().selection(), &Selection::None);
    let (undo, _) = harness.state().undo_redo_names();
    assert!(undo.unwrap().starts_with("delete "), "{undo:?}");

    for _ in 0..3 {
        key(&mut harness, Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(canonical(&harness), original);
    assert!(!harness.state().is_dirty());
    assert!(!harness.state().title().contains('•'));
    // The selection follows the edited relation back.
    assert_eq!(
        harness.state().selection(),
        &Selection::Relation(relation.id.clone())
    );
    // Redo, with Ctrl+Shift+Z and with Ctrl+Y.
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(selected_relation(&harness).kind, third);
    key(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(selected_relation(&harness).source, relation.target);
    // Undo from the toolbar button too.
    click_label(&mut harness, "⟲");
    assert_eq!(selected_relation(&harness).source, relation.source);
}

#[test]
fn the_evidence_panel_sets_status_and_label_and_removes_a_quote() {
    let mut harness = app();
    settle(&mut harness);
    let relation = harness
        .state()
        .dataset()
        .relations
        .iter()
        .find(|r| r.evidence.len() >= 2 && r.status.is_none())
        .expect("a relation with two quotes")
        .clone();
    let label = relation.label.clone().unwrap_or_default();
    select(&mut harness, Selection::Relation(relation.id.clone()));

    // Remove the first quote with its button.
    harness.get_all_by_label("Remove").next().unwrap().click();
    harness.run_steps(3);
    assert_eq!(
        selected_relation(&harness).evidence.len(),
        relation.evidence.len() - 1
    );
    // Type a label over the old one and press Enter.
    let field = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|node| node.value().as_deref() == Some(label.as_str()))
        .expect("the label field");
    field.click();
    harness.run_steps(2);
    key(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "pledged support");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        selected_relation(&harness).label.as_deref(),
        Some("pledged support")
    );
    // Set a status from its menu.
    pick_in_combo(&mut harness, "stated as fact", "planned");
    assert_eq!(
        selected_relation(&harness).status,
        Some(stakegraph::model::Status::Planned)
    );
    // Each was one edit: three undos give the relation back.
    for _ in 0..3 {
        key(&mut harness, Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(selected_relation(&harness), relation);
}

#[test]
fn a_relation_drawn_from_selected_text_keeps_the_exact_quote() {
    let mut harness = app();
    settle(&mut harness);
    let text = bundled::ARTICLE;
    // The headline names Turkey and Russia: select a span of the first paragraph.
    let quote = "Turkey and Russia";
    let start = text.find(quote).expect("the article names them");
    let end = start + quote.len();
    select_text(&mut harness, start, end);
    let selection = harness
        .state()
        .text_selection()
        .expect("text selected")
        .clone();
    assert_eq!((selection.start, selection.end), (start, end));

    // Esc closes the form; Ctrl+N opens it again.
    key(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label("New relation");
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("New relation").is_none());
    key(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label("New relation");
    // The ends are filled in from the entities the quote names, in order.
    click_label(&mut harness, "Create");
    let relation = selected_relation(&harness);
    assert_eq!(relation.source, "turkey");
    assert_eq!(relation.target, "russia");
    assert_eq!(relation.rule, None);
    assert_eq!(relation.evidence.len(), 1);
    let evidence = &relation.evidence[0];
    assert_eq!((evidence.start, evidence.end), (start, end));
    assert_eq!(evidence.quote, quote);
    assert_eq!(evidence.review, Review::Accepted);
    assert!(
        stakegraph::validate::validate(harness.state().dataset())
            .iter()
            .all(|p| !p.is_error())
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().dataset().relation(&relation.id).is_none());
}

#[test]
fn the_new_relation_form_picks_ends_by_typing_and_a_double_click_selects_a_sentence() {
    let mut harness = app();
    settle(&mut harness);
    let text = bundled::ARTICLE;
    let inside = text.find("Russia").expect("Russia") + 2;
    let at = harness
        .state()
        .source_screen_position(inside)
        .expect("on screen")
        + egui::vec2(0.5, 6.0);
    harness.event(Event::PointerMoved(at));
    harness.run_steps(1);
    for _ in 0..2 {
        press(&mut harness, at, true, Modifiers::NONE);
        press(&mut harness, at, false, Modifiers::NONE);
    }
    harness.run_steps(2);
    let selection = harness
        .state()
        .text_selection()
        .expect("a sentence")
        .clone();
    let sentence = &text[selection.start..selection.end];
    assert!(sentence.contains("Russia"), "{sentence:?}");
    assert!(
        sentence.ends_with('.') || sentence.ends_with('"') || !sentence.contains('\n'),
        "{sentence:?}"
    );

    key(&mut harness, Modifiers::COMMAND, Key::N);
    // Clear the source and pick another by typing part of an alias.
    click_label(&mut harness, "Swap source and target");
    let fields: Vec<_> = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .filter(|node| node.value().as_deref().is_some_and(|v| !v.is_empty()))
        .collect();
    assert!(fields.len() >= 2, "both ends are filled in");
    click_label(&mut harness, "Create");
    let relation = selected_relation(&harness);
    assert_eq!(relation.evidence[0].quote, sentence);
}

#[test]
fn shift_dragging_from_a_node_to_another_starts_a_relation_between_them() {
    let mut harness = app();
    settle(&mut harness);
    let from = screen_position(&harness, "turkey");
    let to = screen_position(&harness, "russia");
    drag(&mut harness, from, to, Modifiers::SHIFT);
    harness.get_by_label("New relation");
    assert!(
        !harness.state().is_pinned("turkey"),
        "the node did not move"
    );
    // The form waits for a quote: select one and use it.
    let text = bundled::ARTICLE;
    let start = text.find("Turkey and Russia").unwrap();
    select_text(&mut harness, start, start + "Turkey and Russia".len());
    click_label(&mut harness, "Use the article's selection as the quote");
    click_label(&mut harness, "Create");
    let relation = selected_relation(&harness);
    assert_eq!(
        (relation.source.as_str(), relation.target.as_str()),
        ("turkey", "russia")
    );
}

#[test]
fn a_new_entity_from_a_selected_name_and_an_entity_edited_in_its_form() {
    let mut harness = app();
    settle(&mut harness);
    let text = bundled::ARTICLE;
    // The photographer, named in the caption, is no entity yet.
    let name = "Lefteris Pitarakis";
    let start = text.find(name).expect("the article has the word");
    select_text(&mut harness, start, start + name.len());
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    harness.get_by_label("New entity");
    click_label(&mut harness, "Create");
    let Selection::Entity(id) = harness.state().selection().clone() else {
        panic!("the new entity is selected");
    };
    let entity = harness.state().dataset().entity(&id).unwrap().clone();
    assert_eq!(entity.name, name);

    // Edit it: F2 opens the form with its fields.
    key(&mut harness, Modifiers::NONE, Key::F2);
    harness.get_by_label("Edit entity");
    pick_in_combo(&mut harness, "Person", "Organization");
    click_label(&mut harness, "Apply");
    assert_eq!(
        harness.state().dataset().entity(&id).unwrap().kind,
        EntityKind::Organization
    );
    let (undo, _) = harness.state().undo_redo_names();
    assert_eq!(undo, Some("make Lefteris Pitarakis a organization"));
}

/// The bundled dataset with a second spelling of Sarraj's name, who met Turkey by one quote.
fn with_misspelling() -> Loaded {
    let mut loaded = bundled::dataset().unwrap();
    let dataset = &mut loaded.dataset;
    dataset.entities.push(Entity {
        id: "serraj".to_owned(),
        name: "Fayez Serraj".to_owned(),
        kind: EntityKind::Person,
        subtype: None,
        aliases: Vec::new(),
        description: None,
    });
    let mut relation = dataset
        .relations
        .iter()
        .find(|r| r.source == "sarraj" || r.target == "sarraj")
        .unwrap()
        .clone();
    relation.id = "serraj-copy".to_owned();
    for end in [&mut relation.source, &mut relation.target] {
        if end == "sarraj" {
            *end = "serraj".to_owned();
        }
    }
    dataset.relations.push(relation);
    loaded
}

#[test]
fn merging_two_spellings_previews_the_change_and_undo_brings_both_back() {
    let mut harness = harness_on(Source::Bundled, with_misspelling());
    settle(&mut harness);
    let original = canonical(&harness);
    select(&mut harness, Selection::Entity("serraj".to_owned()));
    key(&mut harness, Modifiers::COMMAND, Key::M);
    harness.get_by_label("Merge Fayez Serraj into…");
    type_text(&mut harness, "sarraj");
    click_label(&mut harness, "Fayez Sarraj");
    harness.get_by_label_contains("Fayez Sarraj takes over 1 relation of Fayez Serraj");
    harness.get_by_label_contains("combined with it");
    click_label(&mut harness, "Merge");
    let dataset = harness.state().dataset().clone();
    assert!(dataset.entity("serraj").is_none());
    assert!(
        dataset
            .entity("sarraj")
            .unwrap()
            .aliases
            .contains(&"Fayez Serraj".to_owned())
    );
    assert_eq!(
        harness.state().selection(),
        &Selection::Entity("sarraj".to_owned())
    );
    assert_eq!(
        harness.state().undo_redo_names().0,
        Some("merge Fayez Serraj into Fayez Sarraj")
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(canonical(&harness), original);
}

#[test]
fn deleting_an_entity_lists_its_relations_first() {
    let mut harness = app();
    settle(&mut harness);
    let original = canonical(&harness);
    let count = harness.state().dataset().relations_of("hifter").count();
    assert!(count > 1);
    select(&mut harness, Selection::Entity("hifter".to_owned()));
    key(&mut harness, Modifiers::NONE, Key::Delete);
    harness.get_by_label_contains(&format!("Its {count} relations go with it"));
    click_label(&mut harness, "Delete");
    assert!(harness.state().dataset().entity("hifter").is_none());
    assert_eq!(harness.state().dataset().relations_of("hifter").count(), 0);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(canonical(&harness), original);
}

#[test]
fn review_mode_walks_the_suggestions_in_reading_order_one_key_each() {
    let mut harness = draft("sahel-talks.txt");
    settle(&mut harness);
    let order = harness.state().suggestions();
    assert!(order.len() >= 4, "{order:?}");
    // Outside review, a plain letter does nothing.
    select(&mut harness, Selection::Relation(order[0].clone()));
    let before = canonical(&harness);
    key(&mut harness, Modifiers::NONE, Key::A);
    assert_eq!(canonical(&harness), before);

    key(&mut harness, Modifiers::COMMAND, Key::R);
    assert!(harness.state().is_reviewing());
    harness.get_by_label_contains(&format!("suggestion 1 of {}", order.len()));
    // N and P move; → and ← too.
    key(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(selected_relation(&harness).id, order[1]);
    key(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(selected_relation(&harness).id, order[0]);
    // A accepts and moves on.
    key(&mut harness, Modifiers::NONE, Key::A);
    let accepted = harness
        .state()
        .dataset()
        .relation(&order[0])
        .unwrap()
        .clone();
    assert_eq!(accepted.review(), RelationReview::Accepted);
    assert_eq!(selected_relation(&harness).id, order[1]);
    // 5 retypes (the fifth kind), S swaps, X rejects and remembers it.
    key(&mut harness, Modifiers::NONE, Key::Num5);
    let fifth = <RelationKind as strum::IntoEnumIterator>::iter()
        .nth(4)
        .unwrap();
    assert_eq!(selected_relation(&harness).kind, fifth);
    let before_swap = selected_relation(&harness);
    key(&mut harness, Modifiers::NONE, Key::S);
    assert_eq!(selected_relation(&harness).source, before_swap.target);
    key(&mut harness, Modifiers::NONE, Key::X);
    assert!(harness.state().dataset().relation(&order[1]).is_none());
    let rejected = &harness.state().dataset().rejected;
    assert!(
        rejected
            .iter()
            .any(|r| r.kind == fifth && r.source == before_swap.target)
    );
    assert_eq!(selected_relation(&harness).id, order[2]);
    // Esc leaves review.
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().is_reviewing());
    // Accept all shown: nothing is left to review.
    key(&mut harness, Modifiers::COMMAND, Key::R);
    let visible = harness.state().visible_relations();
    click_label(&mut harness, "Accept all shown");
    assert!(
        harness.state().suggestions().is_empty(),
        "{:?} left; shown {visible:?}",
        harness.state().suggestions()
    );
    assert!(!harness.state().is_reviewing());
}

#[test]
fn no_key_edits_while_a_text_field_has_the_keyboard() {
    let mut harness = app();
    settle(&mut harness);
    let relation = harness.state().dataset().relations[0].id.clone();
    select(&mut harness, Selection::Relation(relation.clone()));
    let before = canonical(&harness);
    key(&mut harness, Modifiers::COMMAND, Key::F);
    for (modifiers, pressed) in [
        (Modifiers::NONE, Key::Delete),
        (Modifiers::ALT, Key::Num2),
        (Modifiers::ALT, Key::S),
        (Modifiers::COMMAND, Key::Z),
    ] {
        key(&mut harness, modifiers, pressed);
    }
    type_text(&mut harness, "a1");
    assert_eq!(canonical(&harness), before);
    assert!(harness.state().dataset().relation(&relation).is_some());
}

fn wait_for_save(harness: &mut Harness<'_, StakegraphApp>) {
    for _ in 0..2_000 {
        harness.run_steps(1);
        if !harness.state().is_saving() {
            harness.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    panic!("the save never finished");
}

fn dataset_file(directory: &Path) -> PathBuf {
    let path = directory.join("libya.json");
    std::fs::write(
        &path,
        to_canonical_json(&bundled::dataset().unwrap().dataset),
    )
    .unwrap();
    path
}

#[test]
fn ctrl_s_saves_to_the_file_and_reopening_it_gives_the_edits() {
    let directory = tempfile::tempdir().unwrap();
    let path = dataset_file(directory.path());
    let source = Source::File(path.clone());
    let mut harness = harness_on(source.clone(), stakegraph::files::load(&source).unwrap());
    settle(&mut harness);
    assert_eq!(harness.state().save_path(), Some(path.as_path()));
    let relation = harness.state().dataset().relations[0].id.clone();
    select(&mut harness, Selection::Relation(relation.clone()));
    key(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(harness.state().is_dirty());
    key(&mut harness, Modifiers::COMMAND, Key::S);
    wait_for_save(&mut harness);
    assert!(!harness.state().is_dirty());
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(saved, canonical(&harness), "canonical form");
    assert!(
        parse_str(&saved)
            .unwrap()
            .dataset
            .relation(&relation)
            .is_none()
    );
    // Undo after saving: unsaved again.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().is_dirty());
}

#[test]
fn a_draft_asks_where_to_save_and_then_saves_there() {
    let directory = tempfile::tempdir().unwrap();
    let mut harness = draft("sahel-talks.txt");
    settle(&mut harness);
    assert_eq!(harness.state().save_path(), None);
    assert!(
        !harness.state().is_dirty(),
        "nothing is lost yet: it can be extracted again"
    );
    key(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("Save the dataset");
    // Over a file that exists: the first Save warns, the second replaces it.
    let target = directory.path().join("sahel.json");
    std::fs::write(&target, "an older file").unwrap();
    fill_path_field(&mut harness, &target);
    click_label(&mut harness, "Save here");
    harness.get_by_label_contains("exists. Replace it?");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "an older file");
    click_label(&mut harness, "Replace");
    wait_for_save(&mut harness);
    assert_eq!(harness.state().save_path(), Some(target.as_path()));
    assert!(!harness.state().is_dirty());
    let saved = parse_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(to_canonical_json(&saved.dataset), canonical(&harness));
}

#[test]
fn quitting_or_opening_with_unsaved_changes_asks_first() {
    let mut harness = app();
    settle(&mut harness);
    let relation = harness.state().dataset().relations[0].id.clone();
    select(&mut harness, Selection::Relation(relation));
    key(&mut harness, Modifiers::NONE, Key::Delete);
    key(&mut harness, Modifiers::COMMAND, Key::Q);
    assert_eq!(harness.state().guard().as_deref(), Some("closing"));
    harness.get_by_label_contains("has changes that are not saved");
    click_label(&mut harness, "Cancel");
    assert_eq!(harness.state().guard(), None);
    assert!(harness.state().is_dirty(), "the work is still there");

    let directory = tempfile::tempdir().unwrap();
    let other = dataset_file(directory.path());
    harness.state_mut().open_guarded(other.clone());
    harness.run_steps(3);
    assert!(harness.state().guard().unwrap().starts_with("opening"));
    assert!(!harness.state().is_opening());
    click_label(&mut harness, "Discard");
    for _ in 0..1_000 {
        if !harness.state().is_opening() {
            break;
        }
        harness.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run_steps(2);
    assert_eq!(
        harness.state().origin(),
        other.display().to_string(),
        "discarding goes on"
    );
    assert!(!harness.state().is_dirty());
}

#[test]
fn unsaved_work_is_kept_in_a_recovery_file_and_offered_at_the_next_start() {
    let directory = tempfile::tempdir().unwrap();
    let settings = directory.path().join("settings.json");
    let start = |settings: &Path| {
        let settings = settings.to_path_buf();
        Harness::builder()
            .with_size([1280.0, 800.0])
            .with_step_dt(1.0 / 60.0)
            .build_eframe(move |_| {
                StakegraphApp::with_settings_file(
                    settings,
                    &Source::Bundled,
                    bundled::dataset().unwrap(),
                )
            })
    };
    let mut harness = start(&settings);
    settle(&mut harness);
    assert!(!harness.state().recovery_offered());
    let relation = harness.state().dataset().relations[0].id.clone();
    select(&mut harness, Selection::Relation(relation.clone()));
    key(&mut harness, Modifiers::NONE, Key::Delete);
    let edited = canonical(&harness);
    let recovery = directory.path().join("recovery.json");
    assert!(
        !recovery.exists(),
        "not at once: a few seconds after the last edit"
    );
    std::thread::sleep(stakegraph::ui::RECOVERY_AFTER + std::time::Duration::from_millis(200));
    harness.run_steps(2);
    assert_eq!(std::fs::read_to_string(&recovery).unwrap(), edited);
    // The window is killed: no save, no exit. The next start offers the work back.
    drop(harness);
    let mut harness = start(&settings);
    harness.run_steps(3);
    assert!(harness.state().recovery_offered());
    harness.get_by_label("Restore unsaved work?");
    click_label(&mut harness, "Restore");
    assert_eq!(canonical(&harness), edited);
    assert!(
        harness.state().is_dirty(),
        "restored work still needs saving"
    );
}

/// The whole round of curation on an article of our own: delete a wrong edge, add a missing
/// relation from a selected sentence (and the entity it needs), merge two spellings of one
/// man's name, accept the rest, save; undo walks every step back; reopened, the file has it all.
#[test]
fn a_draft_is_curated_saved_and_reopened_with_everything_in_it() {
    let article =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/curation/red-sea-talks.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    let source = Source::File(article.clone());
    let loaded = stakegraph::files::load(&source).unwrap();
    let draft = to_canonical_json(&loaded.dataset);
    let mut harness = Harness::builder()
        .with_size([1280.0, 1000.0])
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_| StakegraphApp::with_settings(Settings::default(), &source, loaded));
    settle(&mut harness);
    let dataset = harness.state().dataset().clone();
    assert!(dataset.entity("abdel-fattah-burhan").is_some());
    assert!(
        dataset.entity("abdel-fattah-burhaan").is_some(),
        "the misspelling is its own entity"
    );
    assert!(
        dataset.relations_of("egypt").next().is_none(),
        "the extractor named Egypt and found none of its relations"
    );

    // 1. The headline's "Sudan meets Saudi Arabia" is wrong: delete it (a suggestion, so the
    // rejection is remembered).
    let wrong = dataset
        .relations
        .iter()
        .find(|r| r.source == "sudan" && r.target == "saudi-arabia")
        .expect("the wrong edge")
        .clone();
    select(&mut harness, Selection::Relation(wrong.id.clone()));
    key(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(harness.state().dataset().relation(&wrong.id).is_none());
    assert_eq!(harness.state().dataset().rejected.len(), 1);

    // 2. The sentence that says Egypt backs the army, a relation the extractor missed.
    let egypt = text.find("Egypt backs").unwrap();
    select(&mut harness, Selection::None);
    assert_eq!(
        harness.state().dataset().entity("egypt").unwrap().kind,
        EntityKind::Country
    );
    let inside = harness
        .state()
        .source_screen_position(egypt + 8)
        .expect("on screen")
        + egui::vec2(0.5, 6.0);
    // Half a second after the last click, so the two that follow are a double click.
    harness.run_steps(30);
    harness.event(Event::PointerMoved(inside));
    harness.run_steps(1);
    for _ in 0..2 {
        press(&mut harness, inside, true, Modifiers::NONE);
        press(&mut harness, inside, false, Modifiers::NONE);
    }
    harness.run_steps(2);
    let sentence = "Egypt backs the army, according to diplomats.";
    let selection = harness
        .state()
        .text_selection()
        .expect("the sentence")
        .clone();
    assert_eq!(&text[selection.start..selection.end], sentence);
    key(&mut harness, Modifiers::COMMAND, Key::N);
    // Egypt is named in it: the source is filled in, and the target field has the keyboard.
    type_text(&mut harness, "Sudanese army");
    // Enter picks the match; a second Enter creates the relation.
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(
        harness.query_by_label("New relation").is_some(),
        "picking does not create"
    );
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let added = selected_relation(&harness);
    assert_eq!(
        (added.source.as_str(), added.kind, added.target.as_str()),
        ("egypt", RelationKind::Supports, "sudanese-army")
    );
    assert_eq!(added.evidence[0].quote, sentence);

    // 3. Burhaan is Burhan misspelt (a spelling the extractor does not merge by itself).
    select(
        &mut harness,
        Selection::Entity("abdel-fattah-burhaan".to_owned()),
    );
    key(&mut harness, Modifiers::COMMAND, Key::M);
    type_text(&mut harness, "Burhan");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(
        harness
            .state()
            .dataset()
            .entity("abdel-fattah-burhaan")
            .is_none()
    );

    // 4. The rest is right: accept it all.
    key(&mut harness, Modifiers::COMMAND, Key::R);
    click_label(&mut harness, "Accept all shown");
    assert!(harness.state().suggestions().is_empty());
    let curated = canonical(&harness);

    // 5. Save: a draft asks where.
    let directory = tempfile::tempdir().unwrap();
    let saved = directory.path().join("red-sea-talks.json");
    key(&mut harness, Modifiers::COMMAND, Key::S);
    fill_path_field(&mut harness, &saved);
    click_label(&mut harness, "Save here");
    wait_for_save(&mut harness);
    assert!(!harness.state().is_dirty());

    // Undo walks every step back to the draft.
    let steps = [
        "accept 4 suggestions",
        "merge Abdel Fattah Burhaan into Abdel Fattah Burhan",
        "add Egypt supports Sudanese army",
        "reject Sudan meets Saudi Arabia",
    ];
    for step in steps {
        assert_eq!(harness.state().undo_redo_names().0, Some(step));
        key(&mut harness, Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(harness.state().undo_redo_names().0, None);
    assert_eq!(canonical(&harness), draft);
    drop(harness);

    // 6. Reopened, the file has it all.
    let source = Source::File(saved.clone());
    let reopened = stakegraph::files::load(&source).unwrap();
    assert_eq!(to_canonical_json(&reopened.dataset), curated);
    let mut harness = harness_on(source, reopened);
    settle(&mut harness);
    let dataset = harness.state().dataset();
    assert!(dataset.relation(&wrong.id).is_none());
    assert_eq!(dataset.rejected.len(), 1);
    assert!(dataset.relation(&added.id).is_some());
    assert!(
        dataset
            .entity("abdel-fattah-burhan")
            .unwrap()
            .aliases
            .contains(&"Abdel Fattah Burhaan".to_owned())
    );
    assert!(harness.state().suggestions().is_empty());
    assert_eq!(harness.state().save_path(), Some(saved.as_path()));
}

#[test]
fn adding_an_article_again_brings_back_nothing_curated_or_rejected() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/gold/sahel-talks.txt");
    let mut harness = draft("sahel-talks.txt");
    settle(&mut harness);
    let order = harness.state().suggestions();
    // Reject one suggestion, accept another.
    select(&mut harness, Selection::Relation(order[0].clone()));
    key(&mut harness, Modifiers::ALT, Key::X);
    select(&mut harness, Selection::Relation(order[1].clone()));
    key(&mut harness, Modifiers::ALT, Key::A);
    let curated = canonical(&harness);

    // The same article again, through Ctrl+Shift+O and the path field.
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    harness.get_by_label("Add an article");
    type_text(&mut harness, &path.display().to_string());
    click_label(&mut harness, "Add");
    assert_eq!(canonical(&harness), curated, "nothing new, nothing back");
    assert!(
        harness
            .state()
            .notice()
            .unwrap()
            .contains("adds nothing new")
    );

    // Another article adds its suggestions as one edit, which undo takes back.
    let other = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/gold/gulf-pact.txt");
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    fill_path_field(&mut harness, &other);
    click_label(&mut harness, "Add");
    let dataset = harness.state().dataset();
    assert_eq!(dataset.documents.len(), 2);
    assert!(harness.state().notice().unwrap().starts_with("Added"));
    assert!(dataset.relation(&order[1]).unwrap().review() == RelationReview::Accepted);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(canonical(&harness), curated);
}

#[test]
fn a_save_that_fails_says_so_and_keeps_the_edits_unsaved() {
    let mut harness = app();
    settle(&mut harness);
    let relation = harness.state().dataset().relations[0].id.clone();
    select(&mut harness, Selection::Relation(relation.clone()));
    key(&mut harness, Modifiers::NONE, Key::Delete);
    let missing = tempfile::tempdir()
        .unwrap()
        .path()
        .join("gone/dataset.json");
    harness.state_mut().save_as_path(missing.clone());
    wait_for_save(&mut harness);
    let failure = harness.state().failure().expect("the save failed");
    assert_eq!(failure.kind, stakegraph::ui::FailureKind::Save);
    harness.get_by_label_contains("your edits are still here, unsaved");
    assert!(harness.state().is_dirty());
    assert!(harness.state().dataset().relation(&relation).is_none());
    assert!(!missing.exists());
}

#[test]
fn selected_text_becomes_a_quote_of_the_selected_relation() {
    let mut harness = app();
    settle(&mut harness);
    let text = bundled::ARTICLE;
    let relation = harness
        .state()
        .dataset()
        .relations
        .iter()
        .find(|r| r.source == "turkey" || r.target == "turkey")
        .unwrap()
        .clone();
    // Select a span near the top of the article, then the relation.
    let quote = "Turkey and Russia called for a cease-fire";
    let start = text.find(quote).unwrap();
    select_text(&mut harness, start, start + quote.len());
    select(&mut harness, Selection::Relation(relation.id.clone()));
    assert!(
        harness.state().text_selection().is_some(),
        "selecting a relation keeps the text"
    );
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    let now = selected_relation(&harness);
    assert_eq!(now.evidence.len(), relation.evidence.len() + 1);
    let added = now
        .evidence
        .iter()
        .find(|e| e.start == start)
        .expect("the new quote");
    assert_eq!(
        (added.end, added.quote.as_str()),
        (start + quote.len(), quote)
    );
    // The same span again is refused: the relation has it. (The edit cleared the text
    // selection; the article has scrolled to the relation, so the span is set directly.)
    harness
        .state_mut()
        .select_text_span(start, start + quote.len());
    harness.run_steps(2);
    click_label(&mut harness, "+ Add the selected text");
    assert_eq!(
        selected_relation(&harness).evidence.len(),
        relation.evidence.len() + 1
    );
    assert!(
        harness
            .state()
            .notice()
            .unwrap()
            .starts_with("Cannot add a quote")
    );
}

#[test]
fn an_entity_is_renamed_with_aliases_in_its_form() {
    let mut harness = app();
    settle(&mut harness);
    select(&mut harness, Selection::Entity("hifter".to_owned()));
    key(&mut harness, Modifiers::NONE, Key::F2);
    // The name field has the keyboard: replace the name.
    key(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Khalifa Haftar");
    let aliases = harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|node| node.value().is_some_and(|v| v.contains("Hifter")))
        .expect("the aliases field");
    aliases.click();
    harness.run_steps(1);
    key(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Hifter, Khalifa Hifter");
    click_label(&mut harness, "Apply");
    let entity = harness.state().dataset().entity("hifter").unwrap().clone();
    assert_eq!(entity.name, "Khalifa Haftar");
    assert_eq!(entity.aliases, ["Hifter", "Khalifa Hifter"]);
    assert_eq!(
        harness.state().undo_redo_names().0,
        Some("rename Khalifa Hifter to Khalifa Haftar")
    );
    assert_eq!(
        harness.state().selection(),
        &Selection::Entity("hifter".to_owned())
    );
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_or_the_close_button_with_unsaved_changes_ask_first() {
    let mut harness = app();
    settle(&mut harness);
    let relation = harness.state().dataset().relations[0].id.clone();
    select(&mut harness, Selection::Relation(relation));
    key(&mut harness, Modifiers::NONE, Key::Delete);

    let directory = tempfile::tempdir().unwrap();
    let other = dataset_file(directory.path());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(other.clone())));
    harness.run_steps(3);
    assert!(harness.state().guard().unwrap().starts_with("opening"));
    click_label(&mut harness, "Cancel");
    assert!(harness.state().is_dirty());

    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run_steps(2);
    assert_eq!(harness.state().guard().as_deref(), Some("closing"));
    harness.get_by_label_contains("has changes that are not saved");
}

#[test]
fn the_overview_warnings_follow_edits_and_esc_closes_the_help() {
    let article =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/curation/red-sea-talks.txt");
    let source = Source::File(article);
    let loaded = stakegraph::files::load(&source).unwrap();
    let mut harness = harness_on(source, loaded);
    settle(&mut harness);
    let lonely = "abdel-fattah-burhaan";
    assert!(
        harness
            .state()
            .dataset()
            .relations_of(lonely)
            .next()
            .is_none()
    );
    // One warning an entity without relations (the extractor shows every actor it names).
    let warnings = |harness: &Harness<'_, StakegraphApp>| {
        stakegraph::validate::validate(harness.state().dataset())
            .iter()
            .filter(|p| !p.is_error())
            .count()
    };
    let before = warnings(&harness);
    assert!(before >= 1);
    let label = |n: usize| stakegraph::model::plural(n, "warning");
    harness.get_by_label(&label(before));
    // Merged away, the entity without relations and its warning go.
    select(&mut harness, Selection::Entity(lonely.to_owned()));
    key(&mut harness, Modifiers::COMMAND, Key::M);
    type_text(&mut harness, "Burhan");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(harness.state().dataset().entity(lonely).is_none());
    select(&mut harness, Selection::None);
    assert_eq!(warnings(&harness), before - 1);
    assert!(harness.query_by_label(&label(before)).is_none());
    if before > 1 {
        harness.get_by_label(&label(before - 1));
    }
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    select(&mut harness, Selection::None);
    harness.get_by_label(&label(before));

    key(&mut harness, Modifiers::NONE, Key::F1);
    harness.get_by_label("Keyboard shortcuts");
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("Keyboard shortcuts").is_none());
}

#[test]
fn review_brings_the_suggestion_under_review_into_view() {
    let mut harness = draft("sahel-talks.txt");
    settle(&mut harness);
    // Pan the view far off the graph: every node leaves the screen.
    let rect = harness.state().graph_rect(&harness.ctx).unwrap();
    let empty = rect.left_top() + egui::vec2(20.0, 20.0);
    for _ in 0..3 {
        drag(
            &mut harness,
            empty + egui::vec2(600.0, 500.0),
            empty,
            Modifiers::NONE,
        );
    }
    let order = harness.state().suggestions();
    let source = harness
        .state()
        .dataset()
        .relation(&order[1])
        .unwrap()
        .source
        .clone();
    let off = harness
        .state()
        .entity_screen_position(&harness.ctx, rect, &source)
        .unwrap();
    assert!(!rect.contains(off), "panned away: {off:?} in {rect:?}");
    key(&mut harness, Modifiers::COMMAND, Key::R);
    key(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(selected_relation(&harness).id, order[1]);
    harness.run_steps(2);
    let now = harness
        .state()
        .entity_screen_position(&harness.ctx, rect, &source)
        .unwrap();
    assert!(rect.contains(now), "{now:?} is in view again");
}

#[test]
fn a_big_datasets_warnings_are_found_again_off_the_frame() {
    let dataset = stakegraph::generate::generate(stakegraph::generate::GenerateOptions {
        entities: 2_500,
        relations: 2_500,
        seed: 3,
    });
    let warnings = |dataset: &stakegraph::model::Dataset| {
        stakegraph::validate::validate(dataset)
            .iter()
            .filter(|p| !p.is_error())
            .count()
    };
    let before = warnings(&dataset);
    let loaded = Loaded {
        dataset,
        warnings: Vec::new(),
    };
    let mut harness = harness_on(Source::Bundled, loaded);
    harness.run_steps(3);
    // An entity with one relation: deleting that relation leaves it alone, a warning more.
    let dataset = harness.state().dataset().clone();
    let lonely = dataset
        .entities
        .iter()
        .find(|e| dataset.relations_of(&e.id).count() == 1)
        .expect("an entity with one relation");
    let relation = dataset.relations_of(&lonely.id).next().unwrap().id.clone();
    select(&mut harness, Selection::Relation(relation));
    key(&mut harness, Modifiers::NONE, Key::Delete);
    let after = warnings(harness.state().dataset());
    assert!(after > before);
    let label = stakegraph::model::plural(after, "warning");
    for _ in 0..2_000 {
        harness.run_steps(1);
        if harness.query_by_label(&label).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the overview never said {label}");
}

#[test]
fn save_as_writes_a_new_file_and_saves_go_there_from_then_on() {
    let directory = tempfile::tempdir().unwrap();
    let path = dataset_file(directory.path());
    let source = Source::File(path.clone());
    let mut harness = harness_on(source.clone(), stakegraph::files::load(&source).unwrap());
    settle(&mut harness);
    let relation = harness.state().dataset().relations[0].id.clone();
    select(&mut harness, Selection::Relation(relation));
    key(&mut harness, Modifiers::NONE, Key::Delete);
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    let copy = directory.path().join("copy.json");
    fill_path_field(&mut harness, &copy);
    click_label(&mut harness, "Save here");
    wait_for_save(&mut harness);
    assert_eq!(harness.state().save_path(), Some(copy.as_path()));
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), canonical(&harness));
    assert_ne!(
        std::fs::read_to_string(&path).unwrap(),
        canonical(&harness),
        "the original stays"
    );
    // The Save button's menu offers Save as… too.
    harness.get_by_label("Save").click_secondary();
    harness.run_steps(3);
    click_label(&mut harness, "Save as…");
    harness.get_by_label("Save the dataset");
}
