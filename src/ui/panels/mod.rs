//! The panels around the graph. Each is a struct or function with a `ui` method that draws it
//! and returns the commands its controls produced; none changes the app's state itself.
//! `toolbar` (with `search` and `filters`), `evidence` (the side panel), `source` (the
//! article), `legend` (and the caption of screenshot exports), `windows` (errors, the path
//! field, help, notices).

pub mod evidence;
pub mod filters;
pub mod legend;
pub mod search;
pub mod source;
pub mod toolbar;
pub mod windows;

use egui::Panel;

use super::{Command, Selection, StakegraphApp};

/// The side panel's width and the article panel's height when the user has not set them.
const DEFAULT_PANEL_SIZES: [f32; 2] = [380.0, 200.0];

/// The share of the window the side panels may take at most, so that a small window keeps
/// most of itself for the graph.
const MOST_OF_WIDTH: f32 = 0.32;
const MOST_OF_HEIGHT: f32 = 0.26;

impl StakegraphApp {
    /// Draws the toolbar, the evidence panel and the article panel; returns their commands.
    /// Remembers the panel sizes the user gave them, for the next run.
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = toolbar::Toolbar {
            settings: &self.settings,
            opening: self.opening.as_ref(),
            layout: &self.workspace.layout,
            filters: &self.filters,
            search: &mut self.search,
            dataset: &self.workspace.dataset,
            history: &self.workspace.history,
            reviewing: self.review.is_some(),
            suggestions: self.workspace.suggestion_count(),
        }
        .ui(ui);

        let available = ui.available_rect_before_wrap().size();
        let [width, height] = self.settings.panel_sizes.unwrap_or(DEFAULT_PANEL_SIZES);
        let most_width = (available.x * MOST_OF_WIDTH).max(200.0);
        let most_height = (available.y * MOST_OF_HEIGHT).max(80.0);
        if self.selection == Selection::None && self.workspace.refresh_warnings() {
            // The check of a big dataset runs on a thread: look for it in the next frames.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
        }
        let side = Panel::right("evidence")
            .resizable(true)
            .default_size(width.clamp(200.0, most_width))
            .size_range(200.0..=most_width)
            .show(ui, |ui| {
                evidence::EvidencePanel {
                    workspace: &self.workspace,
                    selection: &self.selection,
                    text_selection: self.source.text_selection(),
                    label_draft: &mut self.label_draft,
                }
                .ui(ui)
            });
        commands.extend(side.inner);
        let bottom = Panel::bottom("source")
            .resizable(true)
            .default_size(height.clamp(80.0, most_height))
            .size_range(80.0..=most_height)
            .show(ui, |ui| {
                self.source.ui(ui, &self.workspace, &self.selection)
            });
        commands.extend(bottom.inner);

        // Keep what the user dragged the panels to (not what a small window squeezed them to).
        let dragging = ui.input(|input| input.pointer.any_down());
        let sizes = [side.response.rect.width(), bottom.response.rect.height()];
        let squeezed = sizes[0] >= most_width - 1.0 || sizes[1] >= most_height - 1.0;
        if !dragging && !squeezed && self.frames > 2 {
            let rounded = sizes.map(f32::round);
            if rounded != self.settings.panel_sizes.unwrap_or(DEFAULT_PANEL_SIZES) {
                self.settings.panel_sizes = Some(rounded);
            }
        }
        commands
    }
}
