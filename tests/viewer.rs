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
use stakegraph::ui::{Filters, Selection, Settings, SourceMarks, StakegraphApp};

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

/// Runs frames until the loading thread is done. The bound only guards against a hang (it is
/// minutes, whatever the machine); how fast files open is measured in `benches/`.
fn wait_until_open(harness: &mut Harness<'_, StakegraphApp>) {
    for _ in 0..100_000 {
        if !harness.state().is_opening() {
            harness.run_steps(2);
            return;
        }
        harness.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("opening never finished");
}

/// The ids of the entities of the dataset on screen, in its order.
fn entity_ids(harness: &Harness<'_, StakegraphApp>) -> Vec<String> {
    let entities = &harness.state().dataset().entities;
    entities.iter().map(|e| e.id.clone()).collect()
}

/// The id of an entity of the dataset on screen, checked to be there.
fn entity(harness: &Harness<'_, StakegraphApp>, id: &str) -> String {
    assert!(
        harness.state().dataset().entity(id).is_some(),
        "no entity {id}"
    );
    id.to_owned()
}

fn screen_position(harness: &Harness<'_, StakegraphApp>, entity: &str) -> Pos2 {
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
    let position = screen_position(&harness, &turkey);
    click_at(&mut harness, position);

    assert_eq!(harness.state().selection(), &Selection::Entity(turkey));
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
    let visible = app.visible_relations();
    let ends: Vec<(usize, Pos2, Pos2)> = visible
        .iter()
        .map(|id| {
            let r = dataset.relations.iter().position(|r| r.id == *id).unwrap();
            let relation = &dataset.relations[r];
            let a = screen_position(harness, &relation.source);
            let b = screen_position(harness, &relation.target);
            (r, a, b)
        })
        .collect();
    let nodes: Vec<Pos2> = app
        .visible_entities()
        .iter()
        .map(|id| screen_position(harness, id))
        .collect();
    let rect = app.graph_rect(&harness.ctx).expect("the graph was drawn");
    let labels = app.label_boxes(&harness.ctx, rect);
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
            // Labels name their node: a click on one selects the node, not the edge.
            let on_label = labels
                .iter()
                .any(|(_, label)| label.expand(6.0).contains(point));
            let near_node = on_label || nodes.iter().any(|n| n.distance(point) < 30.0);
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

    let shown = harness.state().dataset().relations[relation].clone();
    assert_eq!(
        harness.state().selection(),
        &Selection::Relation(shown.id.clone())
    );
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
    assert_eq!(harness.state().selection(), &Selection::None);
    harness.get_by_label("Click a node or an edge to read the evidence behind it.");
}

#[test]
fn dragging_a_node_pins_it_and_a_double_click_unpins_it() {
    let mut harness = app();
    settle(&mut harness);
    let turkey = entity(&harness, "turkey");
    let start = screen_position(&harness, &turkey);
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
    assert!(harness.state().is_pinned(&turkey));
    // The others move around it; it stays where it was dropped.
    settle(&mut harness);
    let now = screen_position(&harness, &turkey);
    assert!(
        now.distance(drop) < 2.0,
        "{now:?} is not where it was dropped, {drop:?}"
    );
    click_at(&mut harness, now);
    assert_eq!(
        harness.state().selection(),
        &Selection::Entity(turkey.clone())
    );
    harness.get_by_label("📌 Unpin");

    click_at(&mut harness, now);
    assert!(!harness.state().is_pinned(&turkey), "a double click unpins");
}

/// Ctrl+F, then `text` typed into the search field.
fn type_in_search(harness: &mut Harness<'_, StakegraphApp>, text: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(1);
    harness.event(Event::Text(text.to_owned()));
    harness.run_steps(2);
}

#[test]
fn searching_hifter_selects_him() {
    let mut harness = app();
    harness.run_steps(2);
    type_in_search(&mut harness, "hifT");
    harness.get_by_label("Khalifa Hifter").click();
    harness.run_steps(3);
    let hifter = entity(&harness, "hifter");
    assert_eq!(harness.state().selection(), &Selection::Entity(hifter));
    harness.get_by_label("General, commander of Eastern forces");
}

#[test]
fn a_filter_switched_off_removes_its_kind_from_the_view_model() {
    let mut harness = app();
    harness.run_steps(2);
    let people: Vec<String> = harness
        .state()
        .dataset()
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.id.clone())
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
        let relation = dataset.relations.iter().find(|r| r.id == relation).unwrap();
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
    harness.state_mut().set_filters(Filters {
        focus: true,
        ..Filters::default()
    });
    harness.key_press(Key::Escape);
    harness.run_steps(1);
    // Select through the search, as a user would.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.event(Event::Text("Sassoli".to_owned()));
    harness.run_steps(2);
    harness.get_by_label("David Sassoli").click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection(), &Selection::Entity(sassoli));
    let shown = harness.state().visible_entities();
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
    let error = harness.state().failure().expect("an error is shown");
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
        let error = harness.state().failure().expect("an error is shown");
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
    let position = screen_position(&harness, &turkey);
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

/// A harness that renders with wgpu, or `None` (having said why) where there is no graphics
/// adapter: egui_kittest panics when it finds none, so the build is tried and caught. Under
/// `CI=true` a missing adapter fails the test instead.
fn rendering_app(size: [f32; 2], settings: Settings) -> Option<Harness<'static, StakegraphApp>> {
    let build = move || {
        let loaded = bundled::dataset().unwrap();
        Harness::builder()
            .with_size(size)
            .with_step_dt(1.0 / 60.0)
            .wgpu()
            .build_eframe(move |_| StakegraphApp::with_settings(settings, &Source::Bundled, loaded))
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(build)) {
        Ok(harness) => Some(harness),
        Err(_) => {
            let why = "no graphics adapter to render with (apt-get install mesa-vulkan-drivers)";
            assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
            eprintln!("skipping: {why}");
            None
        }
    }
}

/// One small picture of the settled graph, to catch a change in how it looks. Needs a graphics
/// adapter (Mesa's lavapipe will do); without one it says so and skips, except under `CI=true`.
#[test]
fn the_settled_bundled_graph_looks_as_before() {
    let Some(mut harness) = rendering_app([1024.0, 720.0], Settings::default()) else {
        return;
    };
    settle(&mut harness);
    harness.snapshot("bundled_graph_settled");
}

/// Export PNG at 1× from the window: a real screenshot cropped to the graph area, with the
/// selection's highlight in it. Needs a graphics adapter, as the snapshot does.
#[test]
fn exporting_at_1x_writes_the_graph_area_as_seen_with_the_selection() {
    let Some(mut harness) = rendering_app([1280.0, 800.0], Settings::default()) else {
        return;
    };
    settle(&mut harness);
    let position = screen_position(&harness, "turkey");
    click_at(&mut harness, position);
    assert_eq!(
        harness.state().selection(),
        &Selection::Entity("turkey".to_owned())
    );
    let directory = tempfile::tempdir().unwrap();
    let out = directory.path().join("view.png");
    harness.state_mut().request_export(out.clone());
    for _ in 0..20 {
        harness.step();
        if out.exists() {
            break;
        }
    }
    let image = image::open(&out).expect("a PNG was written").to_rgba8();
    let rect = harness.state().graph_rect(&harness.ctx).unwrap();
    let ppp = harness.ctx.pixels_per_point();
    assert_eq!(
        image.dimensions(),
        (
            (rect.width() * ppp).round() as u32,
            (rect.height() * ppp).round() as u32
        ),
        "the crop is the graph area"
    );
    // Turkey, selected, is drawn in full colour; a country unrelated to it is dimmed.
    let pixel = |at: Pos2| {
        let local = (at - rect.min) * ppp;
        image
            .get_pixel(local.x.round() as u32, local.y.round() as u32)
            .0
    };
    let stakegraph::style::Rgb(r, g, b) = stakegraph::style::entity_look(EntityKind::Country).1;
    let close = |p: [u8; 4], q: [u8; 3]| {
        p[..3]
            .iter()
            .zip(q)
            .all(|(&a, b)| (i32::from(a) - i32::from(b)).abs() <= 6)
    };
    assert!(
        close(pixel(position), [r, g, b]),
        "Turkey's centre is {:?}",
        pixel(position)
    );
    let dataset = harness.state().dataset().clone();
    let unrelated = dataset
        .entities
        .iter()
        .find(|e| {
            e.kind == EntityKind::Country
                && e.id != "turkey"
                && dataset
                    .relations_of(&e.id)
                    .all(|r| r.source != "turkey" && r.target != "turkey")
        })
        .expect("a country unrelated to Turkey");
    let other = screen_position(&harness, &unrelated.id);
    assert!(
        !close(pixel(other), [r, g, b]),
        "{} is dimmed, not {:?}",
        unrelated.name,
        pixel(other)
    );
    harness.get_by_label_contains(&format!("Exported {}", out.display()));
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
        screen_position(&harness, &turkey),
        screen_position(&harness, &libya),
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
        screen_position(&harness, &turkey),
        screen_position(&harness, &libya),
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

fn ids_empty(harness: &Harness<'_, StakegraphApp>) -> bool {
    harness.state().dataset().entities.is_empty()
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
        let ids = entity_ids(&harness);
        for entity in ids {
            let position = screen_position(&harness, &entity);
            click_at(&mut harness, position);
            assert_eq!(harness.state().selection(), &Selection::Entity(entity));
        }
        // R starts the layout again; F fits what it settles to; Esc clears the selection;
        // F1 shows the shortcuts and hides them again.
        harness.key_press(Key::R);
        harness.step();
        if !ids_empty(&harness) {
            assert_eq!(harness.state().layout_status(), LayoutStatus::Running);
        }
        settle(&mut harness);
        harness.key_press(Key::F);
        harness.run_steps(2);
        assert_everything_in_view(&harness, "after F");
        harness.key_press(Key::Escape);
        harness.run_steps(2);
        assert_eq!(harness.state().selection(), &Selection::None);
        harness.key_press(Key::F1);
        harness.run_steps(2);
        harness.get_by_label("Keyboard shortcuts");
        harness.key_press(Key::F1);
        harness.run_steps(2);
        assert!(harness.query_by_label("Keyboard shortcuts").is_none());
        harness.get_by_label("Filters").click();
        harness.run_steps(2);
        for label in ["Country", "Person", "Organization"] {
            harness.get_by_label(label).click();
            harness.run_steps(2);
        }
        assert!(
            harness.state().visible_entities().is_empty(),
            "every kind hidden"
        );
        for label in ["Focus on the selection", "Show everything"] {
            harness.get_by_label(label).click();
            harness.run_steps(2);
        }
        assert_eq!(harness.state().filters(), &Filters::default());
        assert_eq!(
            harness.state().visible_entities().len(),
            harness.state().dataset().entities.len()
        );
        // A screenshot comes if the harness can render; if not, the export gives up with a
        // message instead of waiting for ever. Either way the window comes to rest.
        let directory = tempfile::tempdir().unwrap();
        let out = directory.path().join("view.png");
        harness.state_mut().request_export(out.clone());
        harness.run_steps(80);
        match harness.state().failure() {
            Some(failure) => {
                assert!(
                    failure.title().starts_with("Could not export"),
                    "{}",
                    failure.title()
                );
                assert!(!out.exists());
            }
            None => {
                image::open(&out).expect("the view was exported");
            }
        }
        harness.try_run().expect("the window rests after an export");
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
        .find(|r| r.source == "egypt" && r.target == "greece")
        .expect("Egypt backed Greece")
        .clone();
    assert_eq!(harness.state().title(), "stakegraph — talks.txt");
    // The relation's panel says which rule drew the edge.
    harness
        .state_mut()
        .select(stakegraph::ui::Selection::Relation(backs.id.clone()));
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
        if let Some(first) = harness
            .state()
            .dataset()
            .entities
            .first()
            .map(|e| e.id.clone())
        {
            let position = screen_position(&harness, &first);
            click_at(&mut harness, position);
            assert_eq!(harness.state().selection(), &Selection::Entity(first));
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

/// Whether the last frame asked egui for another one at once (what keeps a window busy).
fn asks_for_a_frame(harness: &Harness<'_, StakegraphApp>) -> bool {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|viewport| viewport.repaint_delay.is_zero())
}

#[test]
fn a_settled_window_asks_for_no_frames_until_the_pointer_moves() {
    let mut harness = app();
    settle(&mut harness);
    // A few frames may still finish work (the fit after settling); then the window rests.
    let steps = harness
        .try_run()
        .expect("a settled window stops asking for frames");
    assert!(steps < 10, "{steps} frames to come to rest after settling");
    harness.step();
    assert!(
        !asks_for_a_frame(&harness),
        "an idle frame asked for another"
    );
    assert!(!harness.ctx.has_requested_repaint());

    // Moving onto a node redraws (it is outlined and labelled), then rests again.
    let turkey = entity(&harness, "turkey");
    let position = screen_position(&harness, &turkey);
    harness.hover_at(position);
    let steps = harness
        .try_run()
        .expect("hovering a node settles down again");
    assert!(
        (1..10).contains(&steps),
        "{steps} frames for one pointer move"
    );
    harness.step();
    assert!(!asks_for_a_frame(&harness));
}

/// The app on `loaded` in a window of `size`.
fn app_sized(
    loaded: stakegraph::format::Loaded,
    size: [f32; 2],
) -> Harness<'static, StakegraphApp> {
    Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_| {
            StakegraphApp::with_settings(Settings::default(), &Source::Bundled, loaded)
        })
}

/// An article of the gold set, extracted as the app would open it.
fn extracted(name: &str) -> stakegraph::format::Loaded {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gold")
        .join(name);
    stakegraph::files::load(&Source::File(path)).expect("the article extracts")
}

/// Whether two screen boxes overlap by more than a hair.
fn overlap(a: &egui::Rect, b: &egui::Rect) -> bool {
    let inner = a.intersect(*b);
    inner.width() > 0.5 && inner.height() > 0.5
}

/// After a fit: every node and every label is inside the graph area and clear of the legend.
fn assert_everything_in_view(harness: &Harness<'_, StakegraphApp>, what: &str) {
    let app = harness.state();
    let rect = app.graph_rect(&harness.ctx).expect("drawn");
    let legend = app
        .legend_rect()
        .expect("the legend (or its button) is drawn");
    let nodes = app.node_boxes(&harness.ctx, rect);
    let labels = app.label_boxes(&harness.ctx, rect);
    assert_eq!(nodes.len(), app.visible_entities().len());
    for (id, shape) in nodes.iter().chain(&labels) {
        assert!(
            rect.expand(0.5).contains_rect(*shape),
            "{what}: {id} at {shape:?} is outside the graph area {rect:?}"
        );
        assert!(
            !overlap(shape, &legend),
            "{what}: {id} at {shape:?} is under the legend {legend:?}"
        );
    }
}

/// No two labels overlap, and no label covers a node other than its own.
fn assert_labels_clear(harness: &Harness<'_, StakegraphApp>, what: &str) {
    let app = harness.state();
    let rect = app.graph_rect(&harness.ctx).expect("drawn");
    let nodes = app.node_boxes(&harness.ctx, rect);
    let labels = app.label_boxes(&harness.ctx, rect);
    for (i, (a, first)) in labels.iter().enumerate() {
        for (b, second) in &labels[i + 1..] {
            assert!(
                !overlap(first, second),
                "{what}: labels {a} and {b} overlap"
            );
        }
        for (node, shape) in &nodes {
            assert!(
                node == a || !overlap(first, shape),
                "{what}: the label of {a} covers {node}"
            );
        }
    }
}

#[test]
fn a_fit_shows_every_node_and_label_inside_the_graph_area_at_any_window_size() {
    for size in [
        [800.0, 600.0],
        [1024.0, 720.0],
        [1280.0, 800.0],
        [1600.0, 1000.0],
    ] {
        for (what, loaded) in [
            ("the bundled article", bundled::dataset().unwrap()),
            ("an extracted article", extracted("sahel-talks.txt")),
        ] {
            let mut harness = app_sized(loaded, size);
            settle(&mut harness);
            let what = format!("{what} at {}×{}", size[0], size[1]);
            assert_everything_in_view(&harness, &what);
            // After panning away, F brings everything back.
            harness.hover_at(Pos2::new(size[0] * 0.3, size[1] * 0.4));
            harness.event(Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, 400.0),
                modifiers: Modifiers::NONE,
                phase: egui::TouchPhase::Move,
            });
            // Smooth scrolling goes on for a few frames; F comes after it.
            harness.run_steps(40);
            harness.key_press(Key::F);
            harness.run_steps(3);
            assert_everything_in_view(&harness, &format!("{what}, after F"));
        }
    }
}

#[test]
fn every_label_of_the_bundled_graph_is_shown_clear_of_the_others() {
    for size in [[1280.0, 800.0], [800.0, 600.0], [1600.0, 1000.0]] {
        let mut harness = app_sized(bundled::dataset().unwrap(), size);
        settle(&mut harness);
        let rect = harness.state().graph_rect(&harness.ctx).unwrap();
        let labels = harness.state().label_boxes(&harness.ctx, rect);
        assert_eq!(labels.len(), 30, "every label is shown");
        assert_labels_clear(&harness, &format!("{}×{}", size[0], size[1]));
    }
}

#[test]
fn a_small_window_keeps_most_of_itself_for_the_graph() {
    let mut harness = app_sized(bundled::dataset().unwrap(), [800.0, 600.0]);
    settle(&mut harness);
    let rect = harness.state().graph_rect(&harness.ctx).unwrap();
    assert!(rect.width() >= 800.0 * 0.6, "the graph gets {rect:?}");
    assert!(rect.height() >= 600.0 * 0.55, "the graph gets {rect:?}");
    // The legend folds to a button.
    let legend = harness.state().legend_rect().unwrap();
    assert!(
        legend.area() < rect.area() * 0.02,
        "the legend {legend:?} takes too much of {rect:?}"
    );
    harness.get_by_label("Legend").click();
    harness.run_steps(2);
    let legend = harness.state().legend_rect().unwrap();
    assert!(legend.height() > 100.0, "the legend opens: {legend:?}");
}

#[test]
fn an_extracted_relation_keeps_the_side_panel_as_wide_as_it_was() {
    let mut harness = app_sized(extracted("sahel-talks.txt"), [1280.0, 800.0]);
    settle(&mut harness);
    let before = harness.state().graph_rect(&harness.ctx).unwrap();
    let relation = harness.state().dataset().relations[0].id.clone();
    harness.state_mut().select(Selection::Relation(relation));
    harness.run_steps(3);
    harness.get_by_label_contains("Extracted from the text by rule");
    let during = harness.state().graph_rect(&harness.ctx).unwrap();
    assert!(
        (during.width() - before.width()).abs() < 1.0,
        "the graph went from {before:?} to {during:?}"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    let after = harness.state().graph_rect(&harness.ctx).unwrap();
    assert!((after.width() - before.width()).abs() < 1.0, "{after:?}");
}

#[test]
fn search_ranks_names_first_and_the_arrows_pick_a_result() {
    let mut harness = app();
    harness.run_steps(2);
    type_in_search(&mut harness, "hif");
    // Enter takes the best match: Hifter by name, not Eastern forces by an alias.
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(
        harness.state().selection(),
        &Selection::Entity("hifter".to_owned())
    );

    let dataset = harness.state().dataset().clone();
    let ranked = stakegraph::ui::search_matches(&dataset, "an");
    assert!(ranked.len() >= 3, "{ranked:?}");
    type_in_search(&mut harness, "an");
    for key in [Key::ArrowDown, Key::ArrowDown, Key::ArrowDown, Key::ArrowUp] {
        harness.key_press(key);
        harness.run_steps(1);
    }
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(
        harness.state().selection(),
        &Selection::Entity(ranked[2].id.clone()),
        "down, down, down, up is the third result"
    );
}

#[test]
fn a_click_on_a_label_or_a_tiny_node_selects_the_node() {
    let mut harness = app();
    settle(&mut harness);
    let rect = harness.state().graph_rect(&harness.ctx).unwrap();
    let (id, label) = harness
        .state()
        .label_boxes(&harness.ctx, rect)
        .into_iter()
        .find(|(id, _)| id == "sassoli")
        .expect("Sassoli's label");
    click_at(&mut harness, label.center());
    assert_eq!(harness.state().selection(), &Selection::Entity(id));

    // Zoomed out, nodes keep a size that can be hit, and a click on one (off its drawn
    // shape's canvas size, within its size on screen) is the node, not an edge into it.
    harness.key_press(Key::Escape);
    harness.hover_at(rect.center());
    for _ in 0..4 {
        harness.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -200.0),
            modifiers: Modifiers::NONE,
            phase: egui::TouchPhase::Move,
        });
        harness.run_steps(2);
    }
    harness.run_steps(40);
    let boxes = harness.state().node_boxes(&harness.ctx, rect);
    // The node furthest from any other, so the click can only mean it.
    let (id, shape) = boxes
        .iter()
        .max_by(|(_, a), (_, b)| {
            let nearest = |me: &egui::Rect| {
                boxes
                    .iter()
                    .filter(|(_, other)| other != me)
                    .map(|(_, other)| other.center().distance(me.center()))
                    .fold(f32::INFINITY, f32::min)
            };
            nearest(a).total_cmp(&nearest(b))
        })
        .cloned()
        .unwrap();
    assert!(
        shape.width() >= 8.0,
        "a node is {} points across",
        shape.width()
    );
    click_at(
        &mut harness,
        shape.center() + egui::vec2(shape.width() * 0.3, 0.0),
    );
    assert_eq!(harness.state().selection(), &Selection::Entity(id));
}

#[test]
fn pinning_a_node_leaves_the_rest_of_the_picture_nearly_where_it_was() {
    let mut harness = app();
    settle(&mut harness);
    let ids = entity_ids(&harness);
    let before: Vec<[f32; 2]> = ids
        .iter()
        .map(|id| harness.state().layout_position(id).unwrap())
        .collect();
    let extent = before
        .iter()
        .flat_map(|p| before.iter().map(move |q| (p[0] - q[0]).hypot(p[1] - q[1])))
        .fold(0.0f32, f32::max);
    let start = screen_position(&harness, "turkey");
    harness.drag_at(start);
    harness.run_steps(1);
    for step in 1..=6 {
        harness.hover_at(start + egui::vec2(15.0, 10.0) * step as f32);
        harness.run_steps(1);
    }
    harness.drop_at(start + egui::vec2(90.0, 60.0));
    harness.run_steps(1);
    assert!(harness.state().is_pinned("turkey"));
    settle(&mut harness);
    let mut moved: Vec<f32> = ids
        .iter()
        .zip(&before)
        .filter(|(id, _)| *id != "turkey")
        .map(|(id, [x, y])| {
            let [nx, ny] = harness.state().layout_position(id).unwrap();
            (nx - x).hypot(ny - y)
        })
        .collect();
    moved.sort_by(f32::total_cmp);
    let median = moved[moved.len() / 2];
    assert!(
        median < extent * 0.05,
        "the median node moved {median:.1} in a graph {extent:.0} across"
    );
}

#[test]
fn the_bundled_graph_settles_within_thirty_frames() {
    let mut harness = app();
    let mut frames = 0;
    while harness.state().layout_status() == LayoutStatus::Running {
        harness.step();
        frames += 1;
        assert!(frames <= 30, "still moving after {frames} frames");
    }
}

#[test]
fn a_failed_export_says_the_export_failed() {
    let mut harness = app();
    harness.run_steps(2);
    let directory = tempfile::tempdir().unwrap();
    let out = directory.path().join("missing-folder").join("view.png");
    harness.state_mut().request_export(out.clone());
    harness.run_steps(4);
    let failure = harness.state().failure().expect("the failure is shown");
    assert_eq!(
        failure.title(),
        format!("Could not export {}", out.display())
    );
    harness.get_by_label(&failure.title());
    harness.get_by_label_contains("no file was written");
    assert!(
        harness
            .query_by_label_contains("the current graph is unchanged")
            .is_none()
    );
}

#[test]
fn a_settings_file_that_cannot_be_written_says_so() {
    let directory = tempfile::tempdir().unwrap();
    // A file where the settings folder should be: the folder cannot be made.
    let blocker = directory.path().join("config");
    std::fs::write(&blocker, "not a folder").unwrap();
    let path = blocker.join("stakegraph").join("settings.json");
    let loaded = bundled::dataset().unwrap();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |_| StakegraphApp::with_settings_file(path, &Source::Bundled, loaded));
    harness.run_steps(2);
    harness.get_by_label("☀ Light").click();
    harness.run_steps(3);
    let failure = harness.state().failure().expect("the failure is shown");
    assert!(
        failure.title().starts_with("Could not save the settings"),
        "{}",
        failure.title()
    );
    assert!(
        harness
            .query_by_label_contains("the current graph is unchanged")
            .is_none()
    );
}

#[test]
fn settings_survive_a_restart_through_the_real_file() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("stakegraph").join("settings.json");
    let article = directory.path().join("example.json");
    std::fs::write(
        &article,
        stakegraph::format::to_canonical_json(&bundled::dataset().unwrap().dataset),
    )
    .unwrap();
    {
        let path = path.clone();
        let mut harness = Harness::builder()
            .with_size([1280.0, 800.0])
            .build_eframe(move |_| {
                StakegraphApp::with_settings_file(
                    path,
                    &Source::Bundled,
                    bundled::dataset().unwrap(),
                )
            });
        harness.run_steps(2);
        harness.get_by_label("☀ Light").click();
        harness.run_steps(2);
        harness.state_mut().open(&Source::File(article.clone()));
        wait_until_open(&mut harness);
        harness.get_by_role(egui::accesskit::Role::ComboBox).click();
        harness.run_steps(2);
        harness.get_by_label("2× pixels").click();
        harness.run_steps(3);
    }
    let (saved, problem) = Settings::load(&path);
    assert_eq!(problem, None);
    assert_eq!(saved.theme, stakegraph::ui::Theme::Light);
    assert_eq!(saved.export_density, 2);
    assert_eq!(saved.recent_file.as_deref(), Some(article.as_path()));

    // A restart reads them back: the theme, the recent file, the density and panel sizes.
    let mut sized = saved.clone();
    sized.panel_sizes = Some([300.0, 150.0]);
    stakegraph::files::write_settings(&path, &sized).unwrap();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |_| {
            StakegraphApp::with_settings_file(path, &Source::Bundled, bundled::dataset().unwrap())
        });
    harness.run_steps(3);
    assert!(
        !harness.ctx.global_style().visuals.dark_mode,
        "the light theme is back"
    );
    harness.get_by_label("Open recent: example.json");
    assert_eq!(harness.state().settings().export_density, 2);
    // The graph area ends where the side panel starts, less the central panel's margin.
    let rect = harness.state().graph_rect(&harness.ctx).unwrap();
    let side = 1280.0 - rect.max.x;
    assert!(
        (side - 300.0).abs() <= 10.0,
        "the side panel is {side} wide, not the 300 it was given (the default is 380)"
    );
    assert_eq!(harness.state().settings().panel_sizes, Some([300.0, 150.0]));
}

#[test]
fn the_export_path_field_starts_in_the_last_export_folder() {
    let mut harness = app();
    harness.run_steps(2);
    let directory = tempfile::tempdir().unwrap();
    let out = directory.path().join("first.png");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(2);
    harness.event(Event::Text(out.display().to_string()));
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    assert!(out.exists() || harness.state().failure().is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(2);
    let expected = directory.path().join("stakegraph.png");
    assert!(
        harness
            .query_all_by_value(&expected.display().to_string())
            .next()
            .is_some(),
        "the path field holds {}",
        expected.display()
    );
}

#[test]
fn the_help_lists_quit() {
    let mut harness = app();
    harness.run_steps(2);
    harness.key_press(Key::F1);
    harness.run_steps(2);
    harness.get_by_label("Ctrl+Q");
    harness.get_by_label("Quit");
    harness.key_press(Key::F1);
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Keyboard shortcuts").is_none(),
        "F1 hides it again"
    );
}

#[test]
fn switching_conflictual_off_hides_every_opposes_and_fights_relation() {
    let mut harness = app();
    harness.run_steps(2);
    let kinds = |harness: &Harness<'_, StakegraphApp>| {
        let app = harness.state();
        app.visible_relations()
            .iter()
            .map(|id| {
                app.dataset()
                    .relations
                    .iter()
                    .find(|r| r.id == *id)
                    .unwrap()
                    .kind
            })
            .collect::<Vec<_>>()
    };
    use stakegraph::model::RelationKind;
    assert!(kinds(&harness).contains(&RelationKind::Opposes));
    harness.get_by_label("Filters").click();
    harness.run_steps(2);
    harness.get_by_label("Conflictual").click();
    harness.run_steps(2);
    let shown = kinds(&harness);
    assert!(!shown.is_empty());
    assert!(
        !shown
            .iter()
            .any(|k| matches!(k, RelationKind::Opposes | RelationKind::Fights)),
        "{shown:?}"
    );
    // One kind back on its own: opposes only.
    harness.get_by_label("opposes").click();
    harness.run_steps(2);
    let shown = kinds(&harness);
    assert!(shown.contains(&RelationKind::Opposes));
    assert!(!shown.contains(&RelationKind::Fights));
}

#[test]
fn the_article_marks_exactly_the_selections_quotes_and_a_click_in_one_selects_it() {
    let mut harness = app();
    settle(&mut harness);
    harness
        .state_mut()
        .select(Selection::Entity("sassoli".to_owned()));
    harness.run_steps(3);
    let dataset = harness.state().dataset().clone();
    let SourceMarks { shown, marks } = harness
        .state()
        .source_marks()
        .expect("the article is laid out");
    assert_eq!(shown, 0..dataset.documents[0].text.len());
    let mut strong: Vec<(usize, usize, String)> = marks
        .iter()
        .filter(|m| m.strong)
        .map(|m| (m.start, m.end, m.relation.clone()))
        .collect();
    strong.sort();
    let mut expected: Vec<(usize, usize, String)> = dataset
        .relations
        .iter()
        .filter(|r| r.source == "sassoli" || r.target == "sassoli")
        .flat_map(|r| r.evidence.iter().map(|e| (e.start, e.end, r.id.clone())))
        .collect();
    expected.sort();
    assert_eq!(strong, expected);
    // Every quote of the article is marked, the rest lightly.
    assert_eq!(marks.len(), dataset.quote_count());

    // A click inside a quote that overlaps no other selects its relation.
    let (start, end, relation) = marks
        .iter()
        .find(|q| {
            marks
                .iter()
                .filter(|m| m.start < q.end && q.start < m.end)
                .count()
                == 1
        })
        .map(|q| (q.start, q.end, q.relation.clone()))
        .expect("a quote of its own");
    harness.state_mut().select(Selection::None);
    harness.run_steps(3);
    let middle = start + (end - start) / 2;
    let at = harness
        .state()
        .source_screen_position(middle)
        .expect("the quote is on screen");
    click_at(&mut harness, at + egui::vec2(2.0, 4.0));
    assert_eq!(harness.state().selection(), &Selection::Relation(relation));
}

#[test]
fn a_long_article_shows_a_window_around_the_selection() {
    // A generated dataset's article is long; its last relation is quoted near the end.
    let big = stakegraph::generate::generate(stakegraph::generate::GenerateOptions {
        entities: 3_000,
        relations: 6_000,
        seed: 5,
    });
    let text_len = big.documents[0].text.len();
    assert!(text_len > 60_000, "the article is long: {text_len}");
    let last = big
        .relations
        .iter()
        .max_by_key(|r| r.evidence[0].start)
        .unwrap()
        .clone();
    let loaded = stakegraph::format::Loaded {
        dataset: big,
        warnings: Vec::new(),
    };
    let mut harness = app_sized(loaded, [1280.0, 800.0]);
    harness.run_steps(2);
    let shown = harness.state().source_marks().unwrap().shown;
    assert_eq!(shown.start, 0, "without a selection, the start of the text");
    assert!(shown.len() < text_len);
    harness
        .state_mut()
        .select(Selection::Relation(last.id.clone()));
    harness.run_steps(3);
    let SourceMarks { shown, marks } = harness.state().source_marks().unwrap();
    let quote = &last.evidence[0];
    assert!(
        shown.start <= quote.start && quote.end <= shown.end,
        "{shown:?} holds the selected quote at {}..{}",
        quote.start,
        quote.end
    );
    assert!(shown.len() < text_len);
    assert!(marks.iter().any(|m| m.strong && m.relation == last.id));
    harness.get_by_label_contains("A long text: showing bytes");
}

#[test]
fn the_selection_and_the_picture_survive_removing_another_entity() {
    let mut harness = app();
    settle(&mut harness);
    harness
        .state_mut()
        .select(Selection::Entity("turkey".to_owned()));
    harness.run_steps(2);
    let before = screen_position(&harness, "turkey");
    let cyprus = screen_position(&harness, "cyprus");
    // Take out the first entity of the list, and its relations: every later one moves up.
    let mut dataset = harness.state().dataset().clone();
    let gone = dataset.entities.remove(0).id;
    assert_ne!(gone, "turkey");
    dataset
        .relations
        .retain(|r| r.source != gone && r.target != gone);
    harness.state_mut().replace_dataset(dataset);
    harness.run_steps(2);
    assert_eq!(
        harness.state().selection(),
        &Selection::Entity("turkey".to_owned())
    );
    harness.get_by_label("Also: Turkish, Ankara");
    assert!(!harness.state().visible_entities().contains(&gone));
    // The layout went on from where everyone was.
    assert!(screen_position(&harness, "turkey").distance(before) < 25.0);
    assert!(screen_position(&harness, "cyprus").distance(cyprus) < 25.0);
}
