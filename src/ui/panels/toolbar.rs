//! The toolbar: open, save, undo and redo, export, review, search, filters, the layout's
//! state, fit, theme and help.

use egui::{Color32, Panel, Sense, Vec2};

use super::filters::filters_menu_ui;
use super::search::SearchPanel;
use crate::edit::history::History;
use crate::layout::LayoutStatus;
use crate::model::Dataset;
use crate::ui::loading::Opening;
use crate::ui::runner::LayoutRunner;
use crate::ui::{Command, Filters, Settings, Theme};

/// What the toolbar shows, and the search field it holds.
pub struct Toolbar<'a> {
    pub settings: &'a Settings,
    pub opening: Option<&'a Opening>,
    pub layout: &'a LayoutRunner,
    pub filters: &'a Filters,
    pub search: &'a mut SearchPanel,
    pub dataset: &'a Dataset,
    pub history: &'a History,
    pub reviewing: bool,
    /// How many relations wait for review.
    pub suggestions: usize,
}

impl Toolbar<'_> {
    pub fn ui(self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui.button("Open…").on_hover_text("Ctrl+O").clicked() {
                    commands.push(Command::OpenDialog);
                }
                if let Some(recent) = &self.settings.recent_file {
                    let name = recent.file_name().map_or_else(
                        || recent.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .button(format!("Open recent: {name}"))
                        .on_hover_text(recent.display().to_string())
                        .clicked()
                    {
                        commands.push(Command::Open(recent.clone()));
                    }
                }
                let save = if self.history.is_dirty() {
                    "Save •"
                } else {
                    "Save"
                };
                let save = ui
                    .button(save)
                    .on_hover_text("Ctrl+S; right-click or Ctrl+Shift+S: save as…");
                if save.clicked() {
                    commands.push(Command::Save);
                }
                save.context_menu(|ui| {
                    if ui.button("Save as…").clicked() {
                        commands.push(Command::SaveAs);
                        ui.close();
                    }
                });
                let undo = ui
                    .add_enabled(self.history.undo_name().is_some(), egui::Button::new("⟲"))
                    .on_hover_text(self.history.undo_name().map_or_else(
                        || "Nothing to undo".to_owned(),
                        |name| format!("Ctrl+Z: undo {name}"),
                    ));
                if undo.clicked() {
                    commands.push(Command::Undo);
                }
                let redo = ui
                    .add_enabled(self.history.redo_name().is_some(), egui::Button::new("⟳"))
                    .on_hover_text(self.history.redo_name().map_or_else(
                        || "Nothing to redo".to_owned(),
                        |name| format!("Ctrl+Shift+Z: redo {name}"),
                    ));
                if redo.clicked() {
                    commands.push(Command::Redo);
                }
                let suggestions = self.suggestions;
                if (suggestions > 0 || self.reviewing)
                    && ui
                        .selectable_label(self.reviewing, format!("Review ({suggestions})"))
                        .on_hover_text("Ctrl+R: walk the suggestions, one key per verdict")
                        .clicked()
                {
                    commands.push(Command::ToggleReview);
                }
                ui.separator();
                if ui
                    .button("Export PNG…")
                    .on_hover_text("Ctrl+E: the graph view as you see it, with legend and caption")
                    .clicked()
                {
                    commands.push(Command::ExportDialog);
                }
                let mut density = self.settings.export_density;
                egui::ComboBox::from_id_salt("export-density")
                    .width(44.0)
                    .selected_text(format!("{density}×"))
                    .show_ui(ui, |ui| {
                        for choice in [1, 2] {
                            ui.selectable_value(&mut density, choice, format!("{choice}× pixels"));
                        }
                    })
                    .response
                    .on_hover_text("Pixel density of exported pictures");
                if density != self.settings.export_density {
                    commands.push(Command::SetExportDensity(density));
                }
                if let Some(opening) = self.opening {
                    ui.spinner();
                    ui.label(format!(
                        "Opening {}: {}…",
                        opening.source.name(),
                        opening.progress.describe()
                    ));
                }
                ui.separator();
                commands.extend(self.search.ui(ui, self.dataset));
                ui.separator();
                if let Some(filters) = filters_menu_ui(ui, self.filters) {
                    commands.push(Command::SetFilters(filters));
                }
                ui.separator();
                let (dot, text) = match self.layout.status() {
                    LayoutStatus::Running => (
                        Color32::from_rgb(0xe0, 0xa0, 0x20),
                        format!("Layout running {:.0}%", self.layout.progress() * 100.0),
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
                    commands.push(Command::RerunLayout);
                }
                if ui
                    .button("Fit")
                    .on_hover_text("F: fit the graph to the view")
                    .clicked()
                {
                    commands.push(Command::FitView);
                }
                ui.separator();
                let dark = self.settings.theme == Theme::Dark;
                if ui
                    .button(if dark { "☀ Light" } else { "🌙 Dark" })
                    .on_hover_text("Switch the colour theme")
                    .clicked()
                {
                    commands.push(Command::SetTheme(if dark {
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
                    commands.push(Command::ToggleHelp);
                }
            });
        });
        commands
    }
}
