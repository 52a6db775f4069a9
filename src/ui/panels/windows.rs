//! The windows over the graph: what failed (with every problem), the path field offered where
//! no file dialog is available, the keyboard shortcuts, and short notices.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{RichText, ScrollArea};

use crate::ui::Command;
use crate::ui::commands::{GuardAnswer, SHORTCUTS};
use crate::ui::editing::Pending;
use crate::ui::loading::Failure;

/// How long a notice stays.
const TOAST_FOR: Duration = Duration::from_secs(4);

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    ExportPng,
    SaveDataset,
    /// An article whose suggestions go into the dataset on screen.
    AddArticle,
}

/// The path field shown where no file dialog is available.
#[derive(Clone, Debug)]
pub struct PathField {
    pub purpose: PathPurpose,
    pub text: String,
    /// Give the field keyboard focus when it is first drawn.
    focus: bool,
    /// The existing file the user was warned a save would replace; a second Save replaces it.
    replace: Option<PathBuf>,
}

/// The windows' state.
#[derive(Default)]
pub struct Windows {
    /// What failed last, until the user closes it.
    pub failure: Option<Failure>,
    pub path_field: Option<PathField>,
    pub help_open: bool,
    toast: Option<(String, Instant)>,
    /// What waits for the answer to "save the changes first?".
    pub guard: Option<Pending>,
}

impl Windows {
    /// Shows a short notice at the bottom of the window for a few seconds.
    pub fn toast(&mut self, message: String) {
        self.toast = Some((message, Instant::now()));
    }

    /// The notice shown, if any.
    pub fn notice(&self) -> Option<&str> {
        self.toast.as_ref().map(|(message, _)| message.as_str())
    }

    /// Offers the path field for `purpose`, filled with `start` (a folder or file) if given.
    pub fn ask_for_path(&mut self, purpose: PathPurpose, start: Option<&Path>) {
        let mut text = start
            .map(|path| path.display().to_string())
            .unwrap_or_default();
        if matches!(purpose, PathPurpose::Open | PathPurpose::AddArticle)
            && !text.is_empty()
            && !text.ends_with(std::path::MAIN_SEPARATOR)
        {
            text.push(std::path::MAIN_SEPARATOR);
        }
        self.path_field = Some(PathField {
            purpose,
            text,
            focus: true,
            replace: None,
        });
    }

    pub fn ui(&mut self, ctx: &egui::Context, title: &str) -> Vec<Command> {
        let mut commands = Vec::new();
        commands.extend(self.guard_ui(ctx, title));
        self.failure_ui(ctx);
        commands.extend(self.path_field_ui(ctx));
        self.help_ui(ctx);
        self.toast_ui(ctx);
        commands
    }

    fn failure_ui(&mut self, ctx: &egui::Context) {
        let Some(failure) = &self.failure else {
            return;
        };
        let mut open = true;
        egui::Window::new(failure.title())
            .id(egui::Id::new("failure"))
            .open(&mut open)
            .default_size([640.0, 320.0])
            .show(ctx, |ui| {
                ui.label(failure.summary());
                ui.separator();
                ScrollArea::vertical().max_height(400.0).show(ui, |ui| {
                    for line in &failure.lines {
                        ui.label(RichText::new(line).monospace());
                    }
                });
            });
        if !open {
            self.failure = None;
        }
    }

    fn path_field_ui(&mut self, ctx: &egui::Context) -> Option<Command> {
        let field = self.path_field.as_mut()?;
        let mut open = true;
        let mut submitted = None;
        let (title, prompt, hint, action) = match field.purpose {
            PathPurpose::Open => (
                "Open a dataset",
                "Type the path of a dataset or article file:",
                "/path/to/dataset.json",
                "Open",
            ),
            PathPurpose::ExportPng => (
                "Export PNG",
                "Type the path of the PNG file to write:",
                "/path/to/graph.png",
                "Export",
            ),
            PathPurpose::SaveDataset => (
                "Save the dataset",
                "Type the path of the dataset file to write:",
                "/path/to/dataset.json",
                "Save here",
            ),
            PathPurpose::AddArticle => (
                "Add an article",
                "Type the path of the article whose suggestions to add:",
                "/path/to/article.txt",
                "Add",
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
                let path = PathBuf::from(field.text.trim());
                // Saving over a file that exists takes a second, deliberate Save.
                let replacing = field.purpose == PathPurpose::SaveDataset && path.is_file();
                let warned = replacing && field.replace.as_ref() == Some(&path);
                if warned {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{} exists. Replace it?", path.display()),
                    );
                }
                let action = if warned { "Replace" } else { action };
                if (ui.button(action).clicked() || enter) && !field.text.trim().is_empty() {
                    if replacing && !warned {
                        field.replace = Some(path);
                    } else {
                        submitted = Some(path);
                    }
                }
            });
        let purpose = field.purpose;
        if submitted.is_some() || !open {
            self.path_field = None;
        }
        let path = submitted?;
        Some(match purpose {
            PathPurpose::Open => Command::Open(path),
            PathPurpose::ExportPng => Command::ExportPng(path),
            PathPurpose::SaveDataset => Command::SaveTo(path),
            PathPurpose::AddArticle => Command::AddArticle(path),
        })
    }

    /// "Save the changes first?" before unsaved work would be thrown away.
    fn guard_ui(&mut self, ctx: &egui::Context, title: &str) -> Option<Command> {
        let pending = self.guard.as_ref()?;
        let mut answer = None;
        egui::Window::new("Unsaved changes")
            .id(egui::Id::new("guard"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(format!(
                    "“{title}” has changes that are not saved. Save them before {}?",
                    pending.describe()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(GuardAnswer::Save);
                    }
                    if ui.button("Discard").clicked() {
                        answer = Some(GuardAnswer::Discard);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(GuardAnswer::Cancel);
                    }
                });
            });
        answer.map(Command::Guard)
    }

    fn help_ui(&mut self, ctx: &egui::Context) {
        if !self.help_open {
            return;
        }
        egui::Window::new("Keyboard shortcuts")
            .id(egui::Id::new("help"))
            .open(&mut self.help_open)
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

    fn toast_ui(&mut self, ctx: &egui::Context) {
        let Some((message, shown)) = &self.toast else {
            return;
        };
        let left = TOAST_FOR.saturating_sub(shown.elapsed());
        if left.is_zero() {
            self.toast = None;
            return;
        }
        egui::Area::new(egui::Id::new("toast"))
            .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -24.0])
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| ui.label(message.as_str()));
            });
        // One more frame when it is due to go: a bounded wait, not a busy loop.
        ctx.request_repaint_after(left);
    }
}
