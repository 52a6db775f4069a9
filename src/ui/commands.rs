//! What the user asked for in a frame, as values: shortcuts and panels produce `Command`s, and
//! `run_commands` carries them out at the end of the frame, in one place.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::{Filters, Refresh, Selection, StakegraphApp, Theme};
use crate::files::Source;

/// Side effects requested during a frame, run together at its end.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Select(Selection),
    /// Select an entity (by id) and move the view so it is in the middle.
    SelectAndCenter(String),
    OpenDialog,
    Open(PathBuf),
    FitView,
    RerunLayout,
    /// Release the entity with this id.
    Unpin(String),
    SetTheme(Theme),
    SetExportDensity(u8),
    SetFilters(Filters),
    /// Ask where to export a PNG of the graph view, then export it.
    ExportDialog,
    ExportPng(PathBuf),
    ToggleHelp,
    FocusSearch,
    Quit,
}

/// The keyboard shortcuts, as listed in the help window.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "Open a dataset or an article…"),
    ("Ctrl+E", "Export the graph view as PNG…"),
    ("Ctrl+F", "Search entities"),
    ("↓ ↑, Enter", "Move through the search results, pick one"),
    ("Esc", "Clear the selection"),
    ("F", "Fit the graph to the view"),
    ("R", "Re-run the layout"),
    ("F1 or ?", "Show or hide this help"),
    ("Ctrl+Q", "Quit"),
    ("Drag a node", "Pin it where you drop it"),
    ("Double-click a node", "Unpin it"),
    ("Scroll, drag the background", "Zoom and pan"),
];

impl StakegraphApp {
    /// Turns this frame's shortcuts and dropped files into commands.
    pub(super) fn read_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.text_edit_focused();
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let mut commands = Vec::new();
        ctx.input_mut(|input| {
            for (key, wanted) in [
                (Key::O, Command::OpenDialog),
                (Key::E, Command::ExportDialog),
                (Key::F, Command::FocusSearch),
                (Key::Q, Command::Quit),
            ] {
                if input.consume_shortcut(&command(key)) {
                    commands.push(wanted);
                }
            }
            if typing {
                return;
            }
            if input.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::Select(Selection::None));
            }
            if input.consume_key(Modifiers::NONE, Key::F) {
                commands.push(Command::FitView);
            }
            if input.consume_key(Modifiers::NONE, Key::R) {
                commands.push(Command::RerunLayout);
            }
            if input.consume_key(Modifiers::NONE, Key::F1)
                || input.consume_key(Modifiers::SHIFT, Key::Questionmark)
                || input.consume_key(Modifiers::NONE, Key::Questionmark)
            {
                commands.push(Command::ToggleHelp);
            }
        });
        let dropped = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .find(|path| !path.as_os_str().is_empty())
        });
        commands.extend(dropped.map(Command::Open));
        self.commands.extend(commands);
    }

    /// Carries out the frame's commands, in the order they came.
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        while let Some(command) = self.commands.pop_front() {
            match command {
                Command::Select(selection) => self.set_selection(selection),
                Command::SelectAndCenter(id) => {
                    self.camera.center_on(id.clone());
                    self.set_selection(Selection::Entity(id));
                }
                Command::OpenDialog => self.open_dialog(),
                Command::Open(path) => self.open(&Source::File(path)),
                Command::FitView => self.camera.fit(),
                Command::RerunLayout => {
                    self.workspace.layout.restart();
                    self.camera.fit();
                }
                Command::Unpin(id) => {
                    if let Some(index) = self.workspace.entity_position(&id) {
                        self.workspace.layout.unpin(index);
                        self.refresh(Refresh::Style);
                    }
                }
                Command::SetTheme(theme) => {
                    self.settings.theme = theme;
                    self.apply_theme(ctx);
                }
                Command::SetExportDensity(density) => {
                    self.settings.export_density = density.clamp(1, 2);
                }
                Command::SetFilters(filters) => {
                    if filters != self.filters {
                        self.filters = filters;
                        self.refresh(Refresh::Structure);
                    }
                }
                Command::ExportDialog => self.export_dialog(),
                Command::ExportPng(path) => self.export_png(ctx, path),
                Command::ToggleHelp => self.windows.help_open = !self.windows.help_open,
                Command::FocusSearch => self.search.request_focus(),
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            }
        }
    }

    fn set_selection(&mut self, selection: Selection) {
        if selection == self.selection {
            return;
        }
        self.selection = selection;
        // In focus mode the selection decides what is shown; in a batched view, which
        // relations egui_graphs draws.
        self.refresh(if self.filters.focus || self.batched {
            Refresh::Structure
        } else {
            Refresh::Style
        });
        self.source.scroll_to_selection();
    }
}
