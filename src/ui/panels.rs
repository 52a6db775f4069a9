//! The panels around the graph: toolbar, evidence, source article, legend, and the windows
//! (errors, path field, help). Each reads the app and pushes `Command`s; none changes the
//! selection or the dataset directly.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Panel, Rect, RichText, ScrollArea, Sense, Stroke, Vec2};
use strum::IntoEnumIterator;

use super::graph::color;
use super::{Command, PathPurpose, Selection, StakegraphApp, Theme};
use crate::evidence;
use crate::layout::LayoutStatus;
use crate::model::{EntityKind, Evidence, Polarity, RelationKind, capitalized, plural};
use crate::scene;
use crate::style;

/// The keyboard shortcuts, as listed in the help window.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "Open a dataset…"),
    ("Ctrl+E", "Export the graph view as PNG…"),
    ("Ctrl+F", "Search entities"),
    ("Esc", "Clear the selection"),
    ("F", "Fit the graph to the view"),
    ("R", "Re-run the layout"),
    ("F1 or ?", "Show or hide this help"),
    ("Drag a node", "Pin it where you drop it"),
    ("Double-click a node", "Unpin it"),
    ("Scroll, drag the background", "Zoom and pan"),
];

pub fn toolbar_ui(app: &mut StakegraphApp, ui: &mut egui::Ui) {
    Panel::top("toolbar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            if ui.button("Open…").on_hover_text("Ctrl+O").clicked() {
                app.commands.push_back(Command::OpenDialog);
            }
            if let Some(recent) = app.settings.recent_file.clone() {
                let name = recent.file_name().map_or_else(
                    || recent.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if ui
                    .button(format!("Open recent: {name}"))
                    .on_hover_text(recent.display().to_string())
                    .clicked()
                {
                    app.commands.push_back(Command::Open(recent));
                }
            }
            if ui
                .button("Export PNG…")
                .on_hover_text("Ctrl+E: the graph view as you see it, with legend and caption")
                .clicked()
            {
                app.commands.push_back(Command::ExportDialog);
            }
            egui::ComboBox::from_id_salt("export-density")
                .width(44.0)
                .selected_text(format!("{}×", app.settings.export_density))
                .show_ui(ui, |ui| {
                    for density in [1, 2] {
                        ui.selectable_value(
                            &mut app.settings.export_density,
                            density,
                            format!("{density}× pixels"),
                        );
                    }
                })
                .response
                .on_hover_text("Pixel density of exported pictures");
            if let Some(opening) = &app.opening {
                ui.spinner();
                let progress = &opening.progress;
                let read = progress.read.load(std::sync::atomic::Ordering::Relaxed);
                let total = progress.total.load(std::sync::atomic::Ordering::Relaxed);
                let stage = progress.stage.load(std::sync::atomic::Ordering::Relaxed);
                let stage = if stage == super::STAGE_PREPARING {
                    "preparing the graph".to_owned()
                } else if stage == super::STAGE_EXTRACTING {
                    format!(
                        "extracting relations {:.0}%",
                        read as f64 * 100.0 / total.max(1) as f64
                    )
                } else if total > 0 && read < total {
                    format!(
                        "reading {:.1} of {:.1} MB",
                        read as f64 / 1e6,
                        total as f64 / 1e6
                    )
                } else {
                    "checking".to_owned()
                };
                ui.label(format!("Opening {}: {stage}…", opening.source.name()));
            }
            ui.separator();
            search_ui(app, ui);
            ui.separator();
            filters_ui(app, ui);
            ui.separator();
            let layout = &app.workspace.layout;
            let (dot, text) = match layout.status() {
                LayoutStatus::Running => (
                    Color32::from_rgb(0xe0, 0xa0, 0x20),
                    format!("Layout running {:.0}%", layout.progress() * 100.0),
                ),
                LayoutStatus::Settled => (
                    Color32::from_rgb(0x2f, 0xa8, 0x4f),
                    "Layout settled".to_owned(),
                ),
            };
            let (dot_rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
            ui.painter().circle_filled(dot_rect.center(), 4.5, dot);
            ui.label(text);
            if ui
                .button("Re-run layout")
                .on_hover_text("R: start again from the seeded arrangement; pinned nodes stay")
                .clicked()
            {
                app.commands.push_back(Command::RerunLayout);
            }
            if ui
                .button("Fit")
                .on_hover_text("F: fit the graph to the view")
                .clicked()
            {
                app.commands.push_back(Command::FitView);
            }
            ui.separator();
            let dark = app.settings.theme == Theme::Dark;
            if ui
                .button(if dark { "☀ Light" } else { "🌙 Dark" })
                .on_hover_text("Switch the colour theme")
                .clicked()
            {
                app.commands.push_back(Command::SetTheme(if dark {
                    Theme::Light
                } else {
                    Theme::Dark
                }));
            }
            if ui
                .button("?")
                .on_hover_text("Keyboard shortcuts (F1)")
                .clicked()
            {
                app.help_open = !app.help_open;
            }
        });
    });
}

fn search_ui(app: &mut StakegraphApp, ui: &mut egui::Ui) {
    let response = ui.add(
        egui::TextEdit::singleline(&mut app.search)
            .hint_text("Search entities (Ctrl+F)")
            .desired_width(200.0)
            .id(egui::Id::new("search")),
    );
    if std::mem::take(&mut app.search_focus) {
        response.request_focus();
    }
    if response.has_focus() && ui.input(|input| input.key_pressed(egui::Key::Escape)) {
        app.search.clear();
    }
    let query = app.search.trim().to_lowercase();
    if query.is_empty() {
        return;
    }
    let matches = search_matches(app, &query);
    let enter = response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
    if enter && let Some(&(index, _)) = matches.first() {
        app.commands.push_back(Command::SelectAndCenter(index));
        app.search.clear();
        return;
    }
    egui::Popup::from_response(&response)
        .open(true)
        .close_behavior(egui::PopupCloseBehavior::IgnoreClicks)
        .show(|ui| {
            ui.set_min_width(220.0);
            if matches.is_empty() {
                ui.weak("No entity matches");
            }
            for (index, matched) in matches {
                let entity = &app.workspace.dataset.entities[index];
                let text = if matched == entity.name {
                    entity.name.clone()
                } else {
                    format!("{} ({matched})", entity.name)
                };
                if ui.selectable_label(false, text).clicked() {
                    app.commands.push_back(Command::SelectAndCenter(index));
                    app.search.clear();
                }
            }
        });
}

/// Entities whose name or an alias contains `query` (lower case), with the text that matched;
/// names that start with the query first, then by name.
pub fn search_matches(app: &StakegraphApp, query: &str) -> Vec<(usize, String)> {
    let mut found: Vec<(bool, String, usize, String)> = app
        .workspace
        .dataset
        .entities
        .iter()
        .enumerate()
        .filter_map(|(index, entity)| {
            std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .find(|text| text.to_lowercase().contains(query))
                .map(|text| {
                    let prefix = !text.to_lowercase().starts_with(query);
                    (prefix, entity.name.clone(), index, text.clone())
                })
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(_, _, index, text)| (index, text))
        .collect()
}

fn filters_ui(app: &mut StakegraphApp, ui: &mut egui::Ui) {
    // Stays open while filters are toggled; a click outside closes it.
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::containers::menu::MenuButton::new("Filters")
        .config(config)
        .ui(ui, |ui| {
            let mut changed = false;
            ui.label(RichText::new("Entities").strong());
            for kind in EntityKind::iter() {
                let mut shown = !app.filters.hidden_entity_kinds.contains(&kind);
                if ui
                    .checkbox(&mut shown, capitalized(kind.as_str()))
                    .changed()
                {
                    toggle(&mut app.filters.hidden_entity_kinds, kind, shown);
                    changed = true;
                }
            }
            ui.separator();
            ui.label(RichText::new("Relations").strong());
            for polarity in Polarity::iter() {
                let kinds: Vec<RelationKind> = RelationKind::iter()
                    .filter(|k| k.polarity() == polarity)
                    .collect();
                let shown_count = kinds
                    .iter()
                    .filter(|k| !app.filters.hidden_relation_kinds.contains(k))
                    .count();
                let mut all = shown_count == kinds.len();
                let label = RichText::new(capitalized(polarity.as_str()))
                    .color(color(style::polarity_color(polarity)));
                if ui
                    .add(
                        egui::Checkbox::new(&mut all, label)
                            .indeterminate(shown_count > 0 && shown_count < kinds.len()),
                    )
                    .changed()
                {
                    for kind in &kinds {
                        toggle(&mut app.filters.hidden_relation_kinds, *kind, all);
                    }
                    changed = true;
                }
                ui.indent(polarity.as_str(), |ui| {
                    for kind in kinds {
                        let mut shown = !app.filters.hidden_relation_kinds.contains(&kind);
                        if ui.checkbox(&mut shown, kind.verb()).changed() {
                            toggle(&mut app.filters.hidden_relation_kinds, kind, shown);
                            changed = true;
                        }
                    }
                });
            }
            ui.separator();
            changed |= ui
                .checkbox(&mut app.filters.focus, "Focus on the selection")
                .on_hover_text("Show only the selection and its neighbours")
                .changed();
            ui.add_enabled_ui(app.filters.focus, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Within");
                    changed |= ui
                        .add(egui::DragValue::new(&mut app.filters.hops).range(1..=5))
                        .changed();
                    ui.label(if app.filters.hops == 1 { "hop" } else { "hops" });
                });
            });
            if ui.button("Show everything").clicked() {
                app.filters = super::Filters::default();
                changed = true;
            }
            if changed {
                app.refresh(super::Refresh::Structure);
            }
        });
}

fn toggle<T: Ord>(hidden: &mut std::collections::BTreeSet<T>, value: T, shown: bool) {
    if shown {
        hidden.remove(&value);
    } else {
        hidden.insert(value);
    }
}

pub fn evidence_panel_ui(app: &mut StakegraphApp, ui: &mut egui::Ui) {
    Panel::right("evidence")
        .resizable(true)
        .default_size(380.0)
        .min_size(240.0)
        .show(ui, |ui| {
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| match app.selection {
                    Selection::None => overview_ui(app, ui),
                    Selection::Entity(index) => entity_ui(app, ui, index),
                    Selection::Relation(index) => relation_ui(app, ui, index),
                });
        });
}

fn overview_ui(app: &mut StakegraphApp, ui: &mut egui::Ui) {
    let dataset = &app.workspace.dataset;
    ui.heading(&dataset.title);
    ui.label(format!(
        "{}, {}, {}",
        plural(dataset.entities.len(), "entity"),
        plural(dataset.relations.len(), "relation"),
        plural(dataset.quote_count(), "quote")
    ));
    ui.weak(&app.workspace.origin);
    if !app.workspace.warnings.is_empty() {
        ui.collapsing(plural(app.workspace.warnings.len(), "warning"), |ui| {
            for warning in &app.workspace.warnings {
                ui.label(warning.to_string());
            }
        });
    }
    ui.add_space(12.0);
    ui.label("Click a node or an edge to read the evidence behind it.");
}

fn entity_ui(app: &mut StakegraphApp, ui: &mut egui::Ui, index: usize) {
    let dataset = &app.workspace.dataset;
    let Some(entity) = dataset.entities.get(index) else {
        return;
    };
    ui.heading(&entity.name);
    let mut kind = capitalized(entity.kind.as_str());
    if let Some(subtype) = &entity.subtype {
        kind = format!("{kind} · {subtype}");
    }
    ui.label(RichText::new(kind).color(color(style::entity_look(entity.kind).1)));
    for role in evidence::roles(dataset, &entity.id) {
        ui.label(RichText::new(role).strong());
    }
    if !entity.aliases.is_empty() {
        ui.label(format!("Also: {}", entity.aliases.join(", ")));
    }
    if let Some(description) = &entity.description {
        ui.label(description);
    }
    if app.workspace.layout.is_pinned(index)
        && ui
            .button("📌 Unpin")
            .on_hover_text("Or double-click the node")
            .clicked()
    {
        app.commands.push_back(Command::Unpin(index));
    }
    ui.separator();
    let groups = evidence::relations_by_counterpart(dataset, &entity.id);
    let count: usize = groups.iter().map(|(_, relations)| relations.len()).sum();
    ui.label(RichText::new(plural(count, "relation")).strong());
    for (counterpart, relations) in groups {
        ui.add_space(6.0);
        let other = app.workspace.entity_index.get(&counterpart).copied();
        let name = other.map_or(counterpart.as_str(), |i| dataset.entities[i].name.as_str());
        if ui
            .link(RichText::new(name).heading().size(15.0))
            .on_hover_text("Select this entity")
            .clicked()
            && let Some(other) = other
        {
            app.commands
                .push_back(Command::Select(Selection::Entity(other)));
        }
        for relation_index in relations {
            let relation = &dataset.relations[relation_index];
            // A sentence reads better than an arrow, and every font has the letters.
            let name_of = |id: &str| dataset.entity(id).map_or(id.to_owned(), |e| e.name.clone());
            let mut header = format!(
                "{} {} {}",
                name_of(&relation.source),
                relation.kind.verb(),
                name_of(&relation.target)
            );
            if let Some(status) = relation.status {
                header.push_str(&format!(" ({})", status.as_str()));
            }
            if let Some(label) = &relation.label {
                header.push_str(&format!(" · {label}"));
            }
            let polarity_color = color(style::polarity_color(relation.kind.polarity()));
            ui.horizontal_wrapped(|ui| {
                if ui
                    .link(RichText::new(header).color(polarity_color))
                    .on_hover_text("Select this relation")
                    .clicked()
                {
                    app.commands
                        .push_back(Command::Select(Selection::Relation(relation_index)));
                }
            });
            for evidence in &relation.evidence {
                quote_ui(app, ui, evidence);
            }
        }
    }
}

fn relation_ui(app: &mut StakegraphApp, ui: &mut egui::Ui, index: usize) {
    let dataset = &app.workspace.dataset;
    let Some(relation) = dataset.relations.get(index) else {
        return;
    };
    let name_of = |id: &str| dataset.entity(id).map_or(id.to_owned(), |e| e.name.clone());
    let ends = app.workspace.ends[index];
    ui.horizontal_wrapped(|ui| {
        if ui
            .link(RichText::new(name_of(&relation.source)).heading())
            .clicked()
            && let Some((source, _)) = ends
        {
            app.commands
                .push_back(Command::Select(Selection::Entity(source)));
        }
        ui.label(
            RichText::new(relation.kind.verb())
                .heading()
                .color(color(style::polarity_color(relation.kind.polarity()))),
        );
        if ui
            .link(RichText::new(name_of(&relation.target)).heading())
            .clicked()
            && let Some((_, target)) = ends
        {
            app.commands
                .push_back(Command::Select(Selection::Entity(target)));
        }
    });
    egui::Grid::new("relation-facts")
        .num_columns(2)
        .show(ui, |ui| {
            ui.weak("Kind");
            ui.label(format!(
                "{} ({})",
                relation.kind.as_str(),
                relation.kind.polarity().as_str()
            ));
            ui.end_row();
            ui.weak("Direction");
            ui.label(format!(
                "from {} to {}",
                name_of(&relation.source),
                name_of(&relation.target)
            ));
            ui.end_row();
            ui.weak("Status");
            ui.label(relation.status.map_or("stated as fact", |s| s.as_str()));
            ui.end_row();
            if let Some(label) = &relation.label {
                ui.weak("Label");
                ui.label(label);
                ui.end_row();
            }
            if let Some(rule) = &relation.rule {
                ui.weak("Why");
                let reason = crate::extract::describe_rule(rule)
                    .map_or_else(|| format!("rule {rule}"), |d| format!("rule {rule}: {d}"));
                ui.label(format!("Extracted from the text by {reason}"));
                ui.end_row();
            }
        });
    ui.separator();
    ui.label(RichText::new(plural(relation.evidence.len(), "quote")).strong());
    for evidence in &relation.evidence {
        quote_ui(app, ui, evidence);
    }
}

/// A quote in quotation marks, strong, with its surrounding words weak when it is short.
fn quote_ui(app: &StakegraphApp, ui: &mut egui::Ui, evidence: &Evidence) {
    let Some(document) = app.workspace.dataset.document(&evidence.document) else {
        return;
    };
    let Some(context) = evidence::in_context(&document.text, evidence.start, evidence.end) else {
        return;
    };
    let visuals = ui.visuals();
    let font = FontId::proportional(14.0);
    let weak = TextFormat::simple(font.clone(), visuals.weak_text_color());
    let strong = TextFormat::simple(font, visuals.strong_text_color());
    let mut job = LayoutJob::default();
    job.append("“", 0.0, weak.clone());
    if !context.before.is_empty() {
        job.append(&format!("…{}", context.before), 0.0, weak.clone());
    }
    job.append(context.quote, 0.0, strong);
    if !context.after.is_empty() {
        job.append(&format!("{}…", context.after), 0.0, weak.clone());
    }
    job.append("”", 0.0, weak);
    job.wrap.max_width = ui.available_width() - 16.0;
    ui.indent(
        ("quote", &evidence.document, evidence.start, evidence.end),
        |ui| {
            ui.label(job).on_hover_text(format!(
                "{}, bytes {}..{}",
                evidence.document, evidence.start, evidence.end
            ));
        },
    );
}

/// The article as laid out for the source panel, kept while its inputs stay the same: laying
/// out a long article with thousands of marks every frame would cost more than the graph.
pub struct SourceView {
    key: (String, Selection, bool, u32),
    galley: std::sync::Arc<egui::Galley>,
    /// `(start, end, relation, strong)` of every quote in the article.
    marks: Vec<(usize, usize, usize, bool)>,
    first_strong: Option<usize>,
    /// The byte range of the text shown: all of it, or a window around the selection's first
    /// quote when the text is long. Marks are relative to its start.
    shown: std::ops::Range<usize>,
}

/// Texts longer than this (in bytes) show a window of it around the selection, so laying it
/// out never holds up a frame.
const LONG_TEXT: usize = 60_000;

pub fn source_panel_ui(app: &mut StakegraphApp, ui: &mut egui::Ui) {
    Panel::bottom("source")
        .resizable(true)
        .default_size(200.0)
        .min_size(80.0)
        .show(ui, |ui| {
            let dataset = &app.workspace.dataset;
            let document_id = match app.selection {
                Selection::Relation(index) => dataset
                    .relations
                    .get(index)
                    .and_then(|r| r.evidence.first())
                    .map(|e| e.document.clone()),
                Selection::Entity(index) => dataset.entities.get(index).and_then(|entity| {
                    dataset
                        .relations_of(&entity.id)
                        .flat_map(|r| r.evidence.first())
                        .map(|e| e.document.clone())
                        .next()
                }),
                Selection::None => None,
            }
            .or_else(|| dataset.documents.first().map(|d| d.id.clone()));
            let Some(document) = document_id.and_then(|id| dataset.document(&id)) else {
                ui.weak("No source text.");
                return;
            };
            ui.horizontal(|ui| {
                ui.label(RichText::new(document.title.as_deref().unwrap_or("Source")).strong());
                let mut about = Vec::new();
                about.extend(document.source.as_deref());
                about.extend(document.published.as_deref());
                ui.weak(about.join(", "));
            });
            let key = (
                document.id.clone(),
                app.selection,
                ui.visuals().dark_mode,
                ui.available_width().round() as u32,
            );
            if app.source_view.as_ref().is_none_or(|view| view.key != key) {
                app.source_view = Some(source_view(app, ui, document, key));
            }
            let Some(view) = &app.source_view else {
                return;
            };
            let text = &document.text[view.shown.clone()];
            if view.shown.len() < document.text.len() {
                ui.weak(format!(
                    "A long text: showing bytes {}..{} of {}, around the selection.",
                    view.shown.start,
                    view.shown.end,
                    document.text.len()
                ));
            }
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let galley = view.galley.clone();
                    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::click());
                    ui.painter()
                        .galley(rect.min, galley.clone(), ui.visuals().text_color());
                    if app.scroll_source
                        && let Some(start) = view.first_strong
                    {
                        let char_index =
                            text.get(..start).map_or(0, |before| before.chars().count());
                        let span = galley
                            .pos_from_cursor(CCursor::new(char_index))
                            .translate(rect.min.to_vec2());
                        ui.scroll_to_rect(span.expand(40.0), Some(Align::Center));
                    }
                    if response.clicked()
                        && let Some(pointer) = response.interact_pointer_pos()
                    {
                        let cursor = galley.cursor_from_pos(pointer - rect.min);
                        let byte = text
                            .char_indices()
                            .nth(cursor.index.0)
                            .map_or(text.len(), |(at, _)| at);
                        // The innermost (shortest) span under the pointer names the relation.
                        if let Some(&(_, _, relation, _)) = view
                            .marks
                            .iter()
                            .filter(|(start, end, _, _)| *start <= byte && byte < *end)
                            .min_by_key(|(start, end, _, strong)| (!strong, end - start))
                        {
                            app.commands
                                .push_back(Command::Select(Selection::Relation(relation)));
                        }
                    }
                });
            app.scroll_source = false;
        });
}

/// Lays out `document` with its quotes marked: strongly those of the selection, lightly the rest.
fn source_view(
    app: &StakegraphApp,
    ui: &egui::Ui,
    document: &crate::model::Document,
    key: (String, Selection, bool, u32),
) -> SourceView {
    let dataset = &app.workspace.dataset;
    let selected_relation = |relation: usize| match app.selection {
        Selection::None => false,
        Selection::Relation(index) => index == relation,
        Selection::Entity(index) => dataset.entities.get(index).is_some_and(|entity| {
            let r = &dataset.relations[relation];
            r.source == entity.id || r.target == entity.id
        }),
    };
    let mut marks: Vec<(usize, usize, usize, bool)> = Vec::new();
    for (relation_index, relation) in dataset.relations.iter().enumerate() {
        let strong = selected_relation(relation_index);
        for e in relation
            .evidence
            .iter()
            .filter(|e| e.document == document.id)
        {
            marks.push((e.start, e.end, relation_index, strong));
        }
    }
    let text = &document.text;
    let shown = if text.len() <= LONG_TEXT {
        0..text.len()
    } else {
        let around = marks.iter().filter(|m| m.3).map(|m| m.0).min().unwrap_or(0);
        let mut start = around.saturating_sub(LONG_TEXT / 2);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + LONG_TEXT).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        start..end
    };
    let marks: Vec<(usize, usize, usize, bool)> = marks
        .into_iter()
        .filter(|&(start, end, _, _)| start >= shown.start && end <= shown.end)
        .map(|(start, end, relation, strong)| {
            (start - shown.start, end - shown.start, relation, strong)
        })
        .collect();
    let job = highlighted_job(ui, &text[shown.clone()], &marks);
    let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
    let first_strong = marks.iter().filter(|m| m.3).map(|m| m.0).min();
    SourceView {
        key,
        galley,
        marks,
        first_strong,
        shown,
    }
}

/// The article with quote spans marked: `(start, end, relation, strong)`.
fn highlighted_job(ui: &egui::Ui, text: &str, marks: &[(usize, usize, usize, bool)]) -> LayoutJob {
    let visuals = ui.visuals();
    let font = FontId::proportional(14.0);
    let dark = visuals.dark_mode;
    let light_fill = if dark {
        Color32::from_rgba_unmultiplied(255, 210, 80, 28)
    } else {
        Color32::from_rgba_unmultiplied(255, 200, 0, 45)
    };
    let strong_fill = if dark {
        Color32::from_rgba_unmultiplied(255, 200, 40, 110)
    } else {
        Color32::from_rgba_unmultiplied(255, 190, 0, 150)
    };
    // Each byte's highlight level: 0 none, 1 some quote, 2 a selected quote.
    let mut level = vec![0u8; text.len() + 1];
    for &(start, end, _, strong) in marks {
        if let Some(span) = level.get_mut(start..end.min(text.len())) {
            for value in span {
                *value = (*value).max(if strong { 2 } else { 1 });
            }
        }
    }
    let mut job = LayoutJob::default();
    let mut run_start = 0;
    for at in 1..=text.len() {
        if at == text.len() || (level[at] != level[run_start] && text.is_char_boundary(at)) {
            let mut format = TextFormat::simple(font.clone(), visuals.text_color());
            match level[run_start] {
                2 => {
                    format.background = strong_fill;
                    format.color = visuals.strong_text_color();
                }
                1 => format.background = light_fill,
                _ => {}
            }
            job.append(&text[run_start..at], 0.0, format);
            run_start = at;
        }
    }
    job.wrap.max_width = ui.available_width();
    job
}

/// Shapes and colours of the graph, in the lower left corner of the graph view: the very
/// legend the exported pictures carry.
pub fn legend_ui(ui: &mut egui::Ui, graph_rect: Rect) {
    let theme = if ui.visuals().dark_mode {
        Theme::Dark
    } else {
        Theme::Light
    };
    let mut items = Vec::new();
    scene::legend(
        &mut items,
        [graph_rect.width(), graph_rect.height()],
        theme.palette(),
    );
    let painter = ui.painter_at(graph_rect);
    for item in &items {
        paint_item(&painter, item, graph_rect.min.to_vec2());
    }
}

/// The caption exported pictures carry (title, source, date), in the upper left corner.
pub fn caption_ui(ui: &mut egui::Ui, graph_rect: Rect, dataset: &crate::model::Dataset) {
    let theme = if ui.visuals().dark_mode {
        Theme::Dark
    } else {
        Theme::Light
    };
    let mut items = Vec::new();
    scene::caption(&mut items, dataset, theme.palette());
    let painter = ui.painter_at(graph_rect);
    for item in &items {
        paint_item(&painter, item, graph_rect.min.to_vec2());
    }
}

/// Paints one scene item with egui, moved by `offset`.
fn paint_item(painter: &egui::Painter, item: &scene::Item, offset: Vec2) {
    let at = |[x, y]: [f32; 2]| egui::pos2(x, y) + offset;
    let tint = |rgb, opacity: f32| color(rgb).gamma_multiply(opacity);
    let stroke_of = |stroke: &Option<(f32, crate::style::Rgb)>| {
        stroke.map_or(Stroke::NONE, |(width, rgb)| Stroke::new(width, color(rgb)))
    };
    match item {
        scene::Item::Line {
            points,
            width,
            color: rgb,
            opacity,
            dashed,
        } => {
            let points: Vec<egui::Pos2> = points.iter().map(|&p| at(p)).collect();
            let stroke = Stroke::new(*width, tint(*rgb, *opacity));
            if *dashed {
                painter.extend(egui::Shape::dashed_line(&points, stroke, 4.0, 3.0));
            } else {
                painter.add(egui::Shape::line(points, stroke));
            }
        }
        scene::Item::Polygon {
            points,
            fill,
            opacity,
            stroke,
        } => {
            let points = points.iter().map(|&p| at(p)).collect();
            painter.add(egui::Shape::convex_polygon(
                points,
                tint(*fill, *opacity),
                stroke_of(stroke),
            ));
        }
        scene::Item::Circle {
            center,
            radius,
            fill,
            opacity,
            stroke,
        } => {
            painter.circle(
                at(*center),
                *radius,
                tint(*fill, *opacity),
                stroke_of(stroke),
            );
        }
        scene::Item::Rect {
            min,
            size,
            corner,
            fill,
            opacity,
            stroke,
        } => {
            let rect = Rect::from_min_size(at(*min), Vec2::new(size[0], size[1]));
            painter.rect(
                rect,
                *corner,
                tint(*fill, *opacity),
                stroke_of(stroke),
                egui::StrokeKind::Inside,
            );
        }
        scene::Item::Text {
            x,
            top,
            text,
            size,
            color: rgb,
            opacity,
            centered,
        } => {
            let anchor = if *centered {
                egui::Align2::CENTER_TOP
            } else {
                egui::Align2::LEFT_TOP
            };
            painter.text(
                at([*x, *top]),
                anchor,
                text,
                FontId::proportional(*size),
                tint(*rgb, *opacity),
            );
        }
    }
}

pub fn windows_ui(app: &mut StakegraphApp, ctx: &egui::Context) {
    if let Some(error) = &app.error {
        let mut open = true;
        egui::Window::new(format!("Could not open {}", error.origin))
            .id(egui::Id::new("open-error"))
            .open(&mut open)
            .default_size([640.0, 320.0])
            .show(ctx, |ui| {
                ui.label(format!(
                    "{} — the current graph is unchanged.",
                    plural(error.lines.len(), "problem")
                ));
                ui.separator();
                ScrollArea::vertical().max_height(400.0).show(ui, |ui| {
                    for line in &error.lines {
                        ui.label(RichText::new(line).monospace());
                    }
                });
            });
        if !open {
            app.error = None;
        }
    }
    if let Some(field) = &mut app.path_field {
        let mut open = true;
        let mut submitted = None;
        let (title, prompt, hint, action) = match field.purpose {
            PathPurpose::Open => (
                "Open a dataset",
                "Type the path of a dataset file:",
                "/path/to/dataset.json",
                "Open",
            ),
            PathPurpose::ExportPng => (
                "Export PNG",
                "Type the path of the PNG file to write:",
                "/path/to/graph.png",
                "Export",
            ),
        };
        egui::Window::new(title)
            .id(egui::Id::new("path-field"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(format!("No file dialog is available here. {prompt}"));
                let response = ui.add(
                    egui::TextEdit::singleline(&mut field.text)
                        .hint_text(hint)
                        .desired_width(420.0),
                );
                if std::mem::take(&mut field.focus) {
                    response.request_focus();
                }
                let enter =
                    response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                if (ui.button(action).clicked() || enter) && !field.text.trim().is_empty() {
                    submitted = Some(std::path::PathBuf::from(field.text.trim()));
                }
            });
        if let Some(path) = submitted {
            app.commands.push_back(match field.purpose {
                PathPurpose::Open => Command::Open(path),
                PathPurpose::ExportPng => Command::ExportPng(path),
            });
            app.path_field = None;
        } else if !open {
            app.path_field = None;
        }
    }
    if app.help_open {
        egui::Window::new("Keyboard shortcuts")
            .id(egui::Id::new("help"))
            .open(&mut app.help_open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for (keys, action) in SHORTCUTS {
                            ui.label(RichText::new(*keys).monospace().strong());
                            ui.label(*action);
                            ui.end_row();
                        }
                    });
            });
    }
    if let Some((message, shown)) = &app.toast {
        if shown.elapsed().as_secs_f32() > 4.0 {
            app.toast = None;
        } else {
            egui::Area::new(egui::Id::new("toast"))
                .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -24.0])
                .show(ctx, |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| ui.label(message.as_str()));
                });
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
    }
}
