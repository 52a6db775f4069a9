//! The real app, driven headless through egui_kittest: click nodes and edges, search, filter,
//! and read what the panels say.

use std::path::PathBuf;

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stakegraph::bundled;
use stakegraph::files::Source;
use stakegraph::layout::LayoutStatus;
use stakegraph::model::EntityKind;
use stakegraph::ui::{Selection, Settings, StakegraphApp};

fn app() -> Harness<'static, StakegraphApp> {
    let loaded = bundled::dataset().unwrap();
    Harness::builder()
        .with_size([1280.0, 800.0])
        // Real frame timing, so two quick clicks make a double click.
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_| {
            StakegraphApp::with_settings(Settings::default(), &Source::Bundled, loaded)
        })
}

/// Runs frames until the layout has settled (and the view has re-fitted to it).
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

/// Opens a dataset (on the app's loading thread) and runs frames until it is in.
fn open_and_wait(harness: &mut Harness<'_, StakegraphApp>, source: &Source) {
    harness.state_mut().open(source);
    wait_until_open(harness);
}

fn wait_until_open(harness: &mut Harness<'_, StakegraphApp>) {
    let started = std::time::Instant::now();
    while harness.state().is_opening() {
        assert!(started.elapsed().as_secs() < 30, "opening never finished");
        harness.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    harness.run_steps(2);
}

fn entity(harness: &Harness<'_, StakegraphApp>, id: &str) -> usize {
    harness
        .state()
        .dataset()
        .entities
        .iter()
        .position(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

fn screen_position(harness: &Harness<'_, StakegraphApp>, entity: usize) -> Pos2 {
    let app = harness.state();
    let rect = app.graph_rect(&harness.ctx).expect("the graph was drawn");
    let position = app
        .entity_screen_position(&harness.ctx, rect, entity)
        .expect("the entity is visible");
    assert!(
        rect.contains(position),
        "{position:?} is outside the graph view {rect:?}"
    );
    position
}

fn click_at(harness: &mut Harness<'_, StakegraphApp>, position: Pos2) {
    harness.hover_at(position);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: position,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run_steps(1);
    }
    harness.run_steps(2);
}

#[test]
fn clicking_turkey_lists_its_relations_with_verbatim_quotes() {
    let mut harness = app();
    settle(&mut harness);
    let turkey = entity(&harness, "turkey");
    let position = screen_position(&harness, turkey);
    click_at(&mut harness, position);

    assert_eq!(harness.state().selection(), Selection::Entity(turkey));
    harness.get_by_label("15 relations");
    harness.get_by_label("Also: Turkish, Ankara");
    // Quotes are shown verbatim, in quotation marks.
    let quote = "Turkey is supporting the embattled U.N.-recognized government in Tripoli";
    assert!(bundled::ARTICLE.contains(quote));
    harness.get_by_label_contains(quote);
    harness.get_by_label_contains("Turkey supports Tripoli government");
    harness.get_by_label_contains("Britain opposes Turkey");
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    (a + ab * t).distance(p)
}

/// A relation drawn as a straight edge (the only one between its pair) and a point on it well
/// clear of every node and every other edge.
fn clear_point_on_an_edge(harness: &Harness<'_, StakegraphApp>) -> (usize, Pos2) {
    let app = harness.state();
    let dataset = app.dataset();
    let index_of = |id: &str| dataset.entities.iter().position(|e| e.id == id).unwrap();
    let visible = app.visible_relations();
    let ends: Vec<(usize, Pos2, Pos2)> = visible
        .iter()
        .map(|&r| {
            let relation = &dataset.relations[r];
            let a = screen_position(harness, index_of(&relation.source));
            let b = screen_position(harness, index_of(&relation.target));
            (r, a, b)
        })
        .collect();
    let nodes: Vec<Pos2> = app
        .visible_entities()
        .into_iter()
        .map(|i| screen_position(harness, i))
        .collect();
    for &(relation, a, b) in &ends {
        let pair = |r: usize| {
            let relation = &dataset.relations[r];
            let mut pair = [relation.source.clone(), relation.target.clone()];
            pair.sort();
            pair
        };
        if ends
            .iter()
            .filter(|(other, ..)| pair(*other) == pair(relation))
            .count()
            > 1
        {
            continue;
        }
        for t in 25..=75 {
            let point = a + (b - a) * (t as f32 / 100.0);
            let near_node = nodes.iter().any(|n| n.distance(point) < 30.0);
            let near_edge = ends
                .iter()
                .filter(|(other, ..)| *other != relation)
                .any(|&(_, c, d)| distance_to_segment(point, c, d) < 15.0);
            if !near_node && !near_edge {
                return (relation, point);
            }
        }
    }
    panic!("no edge has a clear point to click");
}

#[test]
fn clicking_an_edge_shows_that_relations_quotes() {
    let mut harness = app();
    settle(&mut harness);
    let (relation, point) = clear_point_on_an_edge(&harness);
    click_at(&mut harness, point);

    assert_eq!(harness.state().selection(), Selection::Relation(relation));
    let shown = harness.state().dataset().relations[relation].clone();
    let name = |id: &str| harness.state().dataset().entity(id).unwrap().name.clone();
    harness.get_by_label(&format!(
        "from {} to {}",
        name(&shown.source),
        name(&shown.target)
    ));
    harness.get_by_label(&format!(
        "{} ({})",
        shown.kind.as_str(),
        shown.kind.polarity().as_str()
    ));
    for evidence in &shown.evidence {
        assert!(bundled::ARTICLE.contains(&evidence.quote));
        harness.get_by_label_contains(&evidence.quote);
    }

    // Esc clears the selection.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().selection(), Selection::None);
    harness.get_by_label("Click a node or an edge to read the evidence behind it.");
}

#[test]
fn dragging_a_node_pins_it_and_a_double_click_unpins_it() {
    let mut harness = app();
    settle(&mut harness);
    let turkey = entity(&harness, "turkey");
    let start = screen_position(&harness, turkey);
    let drop = start + egui::vec2(60.0, 40.0);
    harness.hover_at(start);
    harness.run_steps(1);
    harness.event(Event::PointerButton {
        pos: start,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(1);
    for step in 1..=6 {
        harness.hover_at(start + (drop - start) * (step as f32 / 6.0));
        harness.run_steps(1);
    }
    harness.event(Event::PointerButton {
        pos: drop,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(1);
    assert!(harness.state().is_pinned(turkey));
    // The others move around it; it stays where it was dropped.
    settle(&mut harness);
    let now = screen_position(&harness, turkey);
    assert!(
        now.distance(drop) < 2.0,
        "{now:?} is not where it was dropped, {drop:?}"
    );
    click_at(&mut harness, now);
    assert_eq!(harness.state().selection(), Selection::Entity(turkey));
    harness.get_by_label("📌 Unpin");

    click_at(&mut harness, now);
    assert!(!harness.state().is_pinned(turkey), "a double click unpins");
}

#[test]
fn searching_hifter_selects_him() {
    let mut harness = app();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(1);
    harness.event(Event::Text("hifT".to_owned()));
    harness.run_steps(2);
    harness.get_by_label("Khalifa Hifter").click();
    harness.run_steps(3);
    let hifter = entity(&harness, "hifter");
    assert_eq!(harness.state().selection(), Selection::Entity(hifter));
    harness.get_by_label("General, commander of Eastern forces");
}

#[test]
fn a_filter_switched_off_removes_its_kind_from_the_view_model() {
    let mut harness = app();
    harness.run_steps(2);
    let people: Vec<usize> = harness
        .state()
        .dataset()
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .map(|(i, _)| i)
        .collect();
    assert!(
        people
            .iter()
            .all(|p| harness.state().visible_entities().contains(p))
    );

    harness.get_by_label("Filters").click();
    harness.run_steps(2);
    harness.get_by_label("Person").click();
    harness.run_steps(2);

    let visible = harness.state().visible_entities();
    assert!(!visible.is_empty());
    assert!(
        people.iter().all(|p| !visible.contains(p)),
        "people still shown"
    );
    // Their relations went with them.
    let dataset = harness.state().dataset();
    for relation in harness.state().visible_relations() {
        let relation = &dataset.relations[relation];
        for end in [&relation.source, &relation.target] {
            assert_ne!(dataset.entity(end).unwrap().kind, EntityKind::Person);
        }
    }
}

#[test]
fn focus_mode_shows_only_the_neighbourhood() {
    let mut harness = app();
    harness.run_steps(2);
    let sassoli = entity(&harness, "sassoli");
    harness.state_mut().filters_mut().focus = true;
    harness.key_press(Key::Escape);
    harness.run_steps(1);
    // Select through the search, as a user would.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.event(Event::Text("Sassoli".to_owned()));
    harness.run_steps(2);
    harness.get_by_label("David Sassoli").click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection(), Selection::Entity(sassoli));
    let mut shown: Vec<String> = harness
        .state()
        .visible_entities()
        .into_iter()
        .map(|i| harness.state().dataset().entities[i].id.clone())
        .collect();
    shown.sort();
    assert_eq!(shown, ["european-parliament", "sarraj", "sassoli"]);
}

#[test]
fn an_invalid_file_shows_every_error_and_keeps_the_graph() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("bad.json");
    std::fs::write(&path, "{\"format\": \"stakegraph/9\", \"title\": 3}").unwrap();
    let mut harness = app();
    harness.run_steps(2);
    open_and_wait(&mut harness, &Source::File(path));
    assert_eq!(harness.state().origin(), bundled::ORIGIN);
    let error = harness.state().open_error().expect("an error is shown");
    assert_eq!(error.lines.len(), 5, "{:#?}", error.lines);
    harness.get_by_label_contains("unknown format version \"stakegraph/9\"");
    harness.get_by_label_contains("the current graph is unchanged");
}

/// Every kind of bad file in the app: an error panel naming it, and the graph as it was.
#[test]
fn no_bad_file_of_any_kind_replaces_the_graph() {
    let directory = tempfile::tempdir().unwrap();
    let too_big = directory.path().join("too-big.json");
    std::fs::File::create(&too_big)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (directory.path().join("missing.json"), "cannot read"),
        (too_big, "is too large to open"),
        (write(&directory, "empty.txt", b""), "it is empty"),
        (
            write(&directory, "binary.txt", b"\x89PNG\r\n\x1a\n\0\0"),
            "binary data",
        ),
        (
            write(&directory, "latin1.txt", b"caf\xE9 Turkey"),
            "not UTF-8",
        ),
        (
            write(&directory, "truncated.json", b"{\"format\": \"stak"),
            "invalid JSON",
        ),
        (
            write(&directory, "list.json", b"[1, 2]"),
            "must be a JSON object",
        ),
    ];
    let mut harness = app();
    harness.run_steps(2);
    for (path, message) in cases {
        open_and_wait(&mut harness, &Source::File(path.clone()));
        assert_eq!(
            harness.state().origin(),
            bundled::ORIGIN,
            "{}",
            path.display()
        );
        let error = harness.state().open_error().expect("an error is shown");
        assert!(
            error.lines.iter().any(|line| line.contains(message)),
            "{}: {:?}",
            path.display(),
            error.lines
        );
        harness.get_by_label_contains("the current graph is unchanged");
    }
}

fn write(directory: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = directory.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_valid_file_replaces_the_graph_and_is_remembered() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("example.json");
    let example = include_str!("../docs/FORMAT.md")
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    std::fs::write(&path, example).unwrap();
    let mut harness = app();
    harness.run_steps(2);
    open_and_wait(&mut harness, &Source::File(path.clone()));
    assert_eq!(harness.state().dataset().entities.len(), 4);
    assert_eq!(
        harness.state().title(),
        "stakegraph — Ruritania backs Elbonia's government"
    );
    harness.get_by_label("Open recent: example.json");
}

#[test]
fn exporting_at_2x_draws_the_view_at_double_density() {
    let loaded = bundled::dataset().unwrap();
    let settings = Settings {
        export_density: 2,
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_| StakegraphApp::with_settings(settings, &Source::Bundled, loaded));
    settle(&mut harness);
    let turkey = entity(&harness, "turkey");
    let position = screen_position(&harness, turkey);
    click_at(&mut harness, position);
    let directory = tempfile::tempdir().unwrap();
    let out = directory.path().join("view.png");
    harness.state_mut().request_export(out.clone());
    harness.run_steps(2);
    let rect = harness.state().graph_rect(&harness.ctx).unwrap();
    let image = image::open(&out).expect("a PNG was written").to_rgba8();
    assert_eq!(
        image.dimensions(),
        (
            (rect.width() * 2.0).round() as u32,
            (rect.height() * 2.0).round() as u32
        )
    );
    harness.get_by_label_contains(&format!("Exported {}", out.display()));
}

#[test]
fn the_help_lists_the_shortcuts() {
    let mut harness = app();
    harness.run_steps(2);
    harness.get_by_label("?").click();
    harness.run_steps(2);
    harness.get_by_label("Keyboard shortcuts");
    harness.get_by_label("Ctrl+F");
    harness.get_by_label("Clear the selection");
}

/// One small picture of the settled graph, to catch a change in how it looks. Needs a graphics
/// adapter (Mesa's lavapipe will do); without one it says so and skips, except under `CI=true`.
#[test]
fn the_settled_bundled_graph_looks_as_before() {
    let loaded = bundled::dataset().unwrap();
    let mut harness = Harness::builder()
        .with_size([1024.0, 720.0])
        .wgpu()
        .build_eframe(move |_| {
            StakegraphApp::with_settings(Settings::default(), &Source::Bundled, loaded)
        });
    settle(&mut harness);
    if let Err(error) = harness.render() {
        let why = format!("no graphics adapter to render with: {error}");
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
        eprintln!("skipping the snapshot: {why}");
        return;
    }
    harness.snapshot("bundled_graph_settled");
}

#[test]
fn a_big_dataset_loads_off_the_ui_thread_while_the_graph_stays() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("big.json");
    let big = stakegraph::generate::generate(stakegraph::generate::GenerateOptions {
        entities: 20_000,
        relations: 40_000,
        seed: 3,
    });
    std::fs::write(&path, stakegraph::format::to_canonical_json(&big)).unwrap();
    let mut harness = app();
    harness.run_steps(2);
    harness.state_mut().open(&Source::File(path.clone()));
    // `open` returned at once: frames go on with the bundled graph while the file loads.
    harness.run_steps(1);
    assert!(harness.state().is_opening());
    assert_eq!(harness.state().origin(), bundled::ORIGIN);
    harness.get_by_label_contains("Opening");
    wait_until_open(&mut harness);
    assert_eq!(harness.state().dataset().entities.len(), 20_000);
    assert_eq!(harness.state().visible_entities().len(), 20_000);
    assert_eq!(harness.state().visible_relations().len(), 40_000);
}

#[test]
fn the_mouse_wheel_zooms_around_the_pointer() {
    let mut harness = app();
    settle(&mut harness);
    let (turkey, libya) = (entity(&harness, "turkey"), entity(&harness, "libya"));
    let (a, b) = (
        screen_position(&harness, turkey),
        screen_position(&harness, libya),
    );
    harness.hover_at(a);
    harness.run_steps(1);
    harness.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
    });
    harness.run_steps(20);
    let (a2, b2) = (
        screen_position(&harness, turkey),
        screen_position(&harness, libya),
    );
    assert!(
        a2.distance(b2) > a.distance(b) * 1.1,
        "no zoom in: {} → {}",
        a.distance(b),
        a2.distance(b2)
    );
    assert!(
        a2.distance(a) < 3.0,
        "the point under the pointer moved: {a:?} → {a2:?}"
    );
}

/// A dataset from JSON text, for the edge cases below.
fn app_on(json: serde_json::Value) -> Harness<'static, StakegraphApp> {
    let loaded = stakegraph::format::parse_str(&json.to_string()).expect("a valid dataset");
    Harness::builder()
        .with_size([1000.0, 700.0])
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_| {
            StakegraphApp::with_settings(Settings::default(), &Source::Bundled, loaded)
        })
}

#[test]
fn empty_tiny_and_odd_datasets_work_without_panics() {
    let text = "Alpha met Alpha. Alpha backs Beta. Gamma news.";
    let datasets = [
        serde_json::json!({"format": "stakegraph/1", "title": "", "documents": [], "entities": [], "relations": []}),
        serde_json::json!({"format": "stakegraph/1", "title": "One", "documents": [],
            "entities": [{"id": "a", "name": "Alpha", "kind": "person"}], "relations": []}),
        serde_json::json!({"format": "stakegraph/1", "title": "Odd",
        "documents": [{"id": "d1", "text": text}, {"id": "d2", "text": "Unquoted."}],
        "entities": [
            {"id": "a", "name": "Alpha", "kind": "country"},
            {"id": "b", "name": "Beta", "kind": "organization"},
            {"id": "c", "name": "Gamma", "kind": "person"}
        ],
        "relations": [
            {"id": "self", "source": "a", "target": "a", "kind": "meets",
             "evidence": [{"document": "d1", "start": 0, "end": 15, "quote": "Alpha met Alpha"}]},
            {"id": "ab", "source": "a", "target": "b", "kind": "supports", "status": "expected",
             "evidence": [{"document": "d1", "start": 17, "end": 33, "quote": "Alpha backs Beta"}]},
            {"id": "ba", "source": "b", "target": "a", "kind": "opposes",
             "evidence": [{"document": "d1", "start": 17, "end": 33, "quote": "Alpha backs Beta"}]}
        ]}),
    ];
    for dataset in datasets {
        let mut harness = app_on(dataset);
        settle(&mut harness);
        let count = harness.state().dataset().entities.len();
        for entity in 0..count {
            let position = screen_position(&harness, entity);
            click_at(&mut harness, position);
            assert_eq!(harness.state().selection(), Selection::Entity(entity));
        }
        for key in [Key::F, Key::R, Key::Escape, Key::F1] {
            harness.key_press(key);
            harness.run_steps(2);
        }
        harness.get_by_label("Filters").click();
        harness.run_steps(2);
        for label in [
            "Country",
            "Person",
            "Organization",
            "Focus on the selection",
            "Show everything",
        ] {
            harness.get_by_label(label).click();
            harness.run_steps(2);
        }
        let directory = tempfile::tempdir().unwrap();
        harness
            .state_mut()
            .request_export(directory.path().join("view.png"));
        harness.run_steps(3);
        settle(&mut harness);
    }
}

#[test]
fn an_article_opens_as_an_extracted_graph_whose_edges_say_why() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("talks.txt");
    std::fs::write(
        &path,
        "ANKARA, Turkey – Greek Prime Minister Kyriakos Mitsotakis met with Turkish President \
         Recep Tayyip Erdogan on Monday. Cyprus condemned the meeting's outcome, and Egypt \
         backed Greece.\n",
    )
    .unwrap();
    let mut harness = app();
    harness.run_steps(2);
    open_and_wait(&mut harness, &Source::File(path.clone()));
    let dataset = harness.state().dataset();
    assert!(dataset.entity("kyriakos-mitsotakis").is_some());
    assert!(
        dataset
            .relations
            .iter()
            .all(|r| r.rule.is_some() && !r.evidence.is_empty())
    );
    let backs = dataset
        .relations
        .iter()
        .position(|r| r.source == "egypt" && r.target == "greece")
        .expect("Egypt backed Greece");
    assert_eq!(harness.state().title(), "stakegraph — talks.txt");
    // The relation's panel says which rule drew the edge.
    harness
        .state_mut()
        .select(stakegraph::ui::Selection::Relation(backs));
    harness.run_steps(3);
    harness.get_by_label_contains("Extracted from the text by rule supports.verb");
}

/// The labels of every button, checkbox, combo box and link on screen, in tree order.
fn clickable_labels(harness: &Harness<'_, StakegraphApp>) -> Vec<String> {
    use egui::accesskit::Role;
    use egui_kittest::kittest::{NodeT, by};
    let clickable = |role: Role| {
        matches!(
            role,
            Role::Button | Role::CheckBox | Role::ComboBox | Role::Link | Role::RadioButton
        )
    };
    harness
        .query_all(by().predicate(move |node| clickable(node.role())))
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| !label.is_empty())
        .collect()
}

/// Clicks every control on screen, including those a click shows (the path field, the
/// help), with no panic, on the bundled dataset, an empty one and a one-entity one.
#[test]
fn every_button_and_filter_can_be_clicked_on_any_dataset() {
    use egui_kittest::kittest::by;
    let bundled = serde_json::from_str(bundled::DATASET_JSON).unwrap();
    let datasets = [
        bundled,
        serde_json::json!({"format": "stakegraph/1", "title": "Empty", "documents": [],
            "entities": [], "relations": []}),
        serde_json::json!({"format": "stakegraph/1", "title": "One", "documents": [],
            "entities": [{"id": "a", "name": "Alpha", "kind": "person"}], "relations": []}),
    ];
    for dataset in datasets {
        let mut harness = app_on(dataset);
        settle(&mut harness);
        // With an entity selected, its panel's controls are on screen too.
        if !harness.state().dataset().entities.is_empty() {
            let position = screen_position(&harness, 0);
            click_at(&mut harness, position);
        }
        harness.get_by_label("Filters").click();
        harness.run_steps(2);
        // The last control not clicked yet, again and again: side panels come after the
        // toolbar, so their controls are clicked before the toolbar buttons that hide them.
        let mut clicked: Vec<String> = Vec::new();
        for _ in 0..200 {
            let labels = clickable_labels(&harness);
            let Some(label) = labels.into_iter().rev().find(|l| !clicked.contains(l)) else {
                break;
            };
            let found = harness.query_all(by().label(&label)).next();
            if let Some(node) = found {
                node.click();
            }
            harness.run_steps(2);
            clicked.push(label);
        }
        for wanted in [
            "Open…",
            "Export PNG…",
            "Fit",
            "Re-run layout",
            "Filters",
            "?",
        ] {
            assert!(
                clicked.iter().any(|l| l == wanted),
                "{wanted} not in {clicked:?}"
            );
        }
        harness.key_press(Key::Escape);
        harness.run_steps(2);
    }
}
