//! What the user asked for in a frame, as values: shortcuts and panels produce `Command`s, and
//! `run_commands` carries them out at the end of the frame, in one place.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::editing::Pending;
use super::{Filters, Refresh, Selection, StakegraphApp, Theme};
use crate::edit::Edit;
use crate::model::RelationKind;
use strum::IntoEnumIterator;

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
    /// Close the window, asking first about unsaved changes.
    Quit,
    /// Close the window now (the user has answered about unsaved changes).
    CloseNow,
    /// Apply an edit, then select `select` (else the selection follows the edited item).
    Edit {
        edit: Edit,
        select: Option<Selection>,
    },
    Undo,
    Redo,
    /// Save to the dataset's file, or ask where.
    Save,
    SaveAs,
    SaveTo(PathBuf),
    /// The answer to "save changes before …?".
    Guard(GuardAnswer),
    RestoreRecovery,
    DiscardRecovery,
    /// Open the new-relation form, its quote the article's text selection, with these ends.
    NewRelation {
        source: Option<String>,
        target: Option<String>,
    },
    /// Open the new-entity form, named by the article's text selection.
    NewEntity,
    /// Add the article's text selection as a quote of the selected relation.
    AddQuoteFromText,
    /// Delete the selected relation, or ask about deleting the selected entity.
    DeleteSelection,
    /// Open the merge form for the selected entity.
    MergeSelection,
    /// Open the form that changes this entity.
    EditEntity(String),
    RetypeSelection(RelationKind),
    ReverseSelection,
    AcceptSelection,
    RejectSelection,
    ToggleReview,
    /// Move through the suggestions in review: +1 next, -1 previous.
    ReviewStep(isize),
    /// Accept every suggestion the graph shows.
    AcceptAllShown,
    /// Ask for an article whose suggestions go into the dataset on screen.
    AddArticleDialog,
    /// Close the open forms without doing what they offer.
    CloseForms,
    /// Extract the article at this path into the dataset on screen, as one edit.
    AddArticle(PathBuf),
}

/// What the user answered when asked about unsaved changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardAnswer {
    Save,
    Discard,
    Cancel,
}

/// The keyboard shortcuts, as listed in the help window.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "Open a dataset or an article…"),
    ("Ctrl+S", "Save (asks where for a draft)"),
    ("Ctrl+Shift+S", "Save as…"),
    (
        "Ctrl+Shift+O",
        "Add an article's suggestions to this dataset…",
    ),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
    (
        "Drag over the article",
        "Select text (double-click: a sentence)",
    ),
    ("Ctrl+N", "New relation from the selected text…"),
    ("Ctrl+Shift+N", "New entity from the selected text…"),
    (
        "Ctrl+Shift+A",
        "Add the selected text as a quote of the selected relation",
    ),
    ("Shift+drag node to node", "New relation between them"),
    ("Delete", "Delete the selected relation or entity"),
    ("Ctrl+M", "Merge the selected entity into another…"),
    ("F2", "Edit the selected entity…"),
    ("Alt+1 … Alt+8", "Change the selected relation's kind"),
    ("Alt+S", "Swap the selected relation's direction"),
    ("Alt+A, Alt+X", "Accept, reject the selected suggestion"),
    ("Ctrl+R", "Review the suggestions, one key each:"),
    (
        "  A, X, 1…8, S",
        "  accept, reject, change kind, swap direction",
    ),
    ("  N or →, P or ←", "  next, previous suggestion"),
    ("  Esc", "  leave review"),
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
        let reviewing = self.review.is_some();
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let mut commands = Vec::new();
        let forms_open = self.forms.any_open();
        let help_open = self.windows.help_open;
        ctx.input_mut(|input| {
            // Esc closes an open form (even from one of its fields), or the help, first.
            if forms_open && input.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::CloseForms);
                return;
            }
            if help_open && input.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::ToggleHelp);
                return;
            }
            // With Shift first: a shortcut without Shift also matches with it held.
            let shift_command = Modifiers::COMMAND | Modifiers::SHIFT;
            for (key, wanted) in [
                (Key::S, Command::SaveAs),
                (Key::O, Command::AddArticleDialog),
            ] {
                if input.consume_shortcut(&KeyboardShortcut::new(shift_command, key)) {
                    commands.push(wanted);
                }
            }
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
            if input.consume_shortcut(&command(Key::S)) {
                commands.push(Command::Save);
            }
            // Nothing below acts while a text field has the keyboard: its keys are its own
            // (Ctrl+Z undoes typing there, digits and letters are text).
            if typing {
                return;
            }
            if input.consume_shortcut(&KeyboardShortcut::new(shift_command, Key::Z))
                || input.consume_shortcut(&command(Key::Y))
            {
                commands.push(Command::Redo);
            }
            if input.consume_shortcut(&KeyboardShortcut::new(shift_command, Key::A)) {
                commands.push(Command::AddQuoteFromText);
            }
            if input.consume_shortcut(&KeyboardShortcut::new(shift_command, Key::N)) {
                commands.push(Command::NewEntity);
            }
            for (key, wanted) in [
                (Key::Z, Command::Undo),
                (
                    Key::N,
                    Command::NewRelation {
                        source: None,
                        target: None,
                    },
                ),
                (Key::M, Command::MergeSelection),
                (Key::R, Command::ToggleReview),
            ] {
                if input.consume_shortcut(&command(key)) {
                    commands.push(wanted);
                }
            }
            if input.consume_key(Modifiers::NONE, Key::Delete) {
                commands.push(Command::DeleteSelection);
            }
            if input.consume_key(Modifiers::NONE, Key::F2)
                && let Selection::Entity(id) = &self.selection
            {
                commands.push(Command::EditEntity(id.clone()));
            }
            // The review keys: alone in review mode, with Alt outside it.
            let review_modifiers = if reviewing {
                Modifiers::NONE
            } else {
                Modifiers::ALT
            };
            let digits = [
                Key::Num1,
                Key::Num2,
                Key::Num3,
                Key::Num4,
                Key::Num5,
                Key::Num6,
                Key::Num7,
                Key::Num8,
            ];
            for (key, kind) in digits.into_iter().zip(RelationKind::iter()) {
                if input.consume_key(review_modifiers, key) {
                    commands.push(Command::RetypeSelection(kind));
                }
            }
            for (key, wanted) in [
                (Key::A, Command::AcceptSelection),
                (Key::X, Command::RejectSelection),
                (Key::S, Command::ReverseSelection),
            ] {
                if input.consume_key(review_modifiers, key) {
                    commands.push(wanted);
                }
            }
            if reviewing {
                for (key, step) in [
                    (Key::N, 1),
                    (Key::ArrowRight, 1),
                    (Key::P, -1),
                    (Key::ArrowLeft, -1),
                ] {
                    if input.consume_key(Modifiers::NONE, key) {
                        commands.push(Command::ReviewStep(step));
                    }
                }
                if input.consume_key(Modifiers::NONE, Key::Escape) {
                    commands.push(Command::ToggleReview);
                }
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
        // The window's close button: ask first when there is unsaved work.
        if ctx.input(|input| input.viewport().close_requested())
            && !self.quitting
            && self.workspace.history.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.windows.guard = Some(Pending::Quit);
        }
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
                Command::OpenDialog => self.guarded(Pending::OpenDialog),
                Command::Open(path) => self.guarded(Pending::Open(path)),
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
                Command::Quit => self.guarded(Pending::Quit),
                Command::CloseNow => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Command::Edit { edit, select } => self.apply_edit(edit, select),
                Command::Undo => self.undo(),
                Command::Redo => self.redo(),
                Command::Save => self.save(None),
                Command::SaveAs => self.save_as(None),
                Command::SaveTo(path) => self.save_to(path, None),
                Command::Guard(answer) => {
                    let Some(pending) = self.windows.guard.take() else {
                        continue;
                    };
                    match answer {
                        GuardAnswer::Save => self.save(Some(pending)),
                        GuardAnswer::Discard => self.discard_and(pending),
                        GuardAnswer::Cancel => {}
                    }
                }
                Command::RestoreRecovery => self.restore_recovery(),
                Command::DiscardRecovery => self.discard_recovery(),
                Command::NewRelation { source, target } => self.new_relation_form(source, target),
                Command::NewEntity => self.new_entity_form(),
                Command::AddQuoteFromText => self.add_quote_from_text(),
                Command::DeleteSelection => self.delete_selection(),
                Command::MergeSelection => {
                    if let Selection::Entity(id) = &self.selection {
                        self.forms.open_merge(id.clone());
                    }
                }
                Command::EditEntity(id) => self.edit_entity_form(&id),
                Command::RetypeSelection(kind) => match &mut self.forms.relation {
                    // With the new-relation form open, the kind keys set its kind.
                    Some(form) => form.kind = kind,
                    None => self.edit_selected_relation(|relation| {
                        relation.kind = kind;
                        // The extractor's label is the phrase that made it its old kind.
                        if relation.rule.is_some() {
                            relation.label = None;
                        }
                    }),
                },
                Command::ReverseSelection => self.edit_selected_relation(|relation| {
                    std::mem::swap(&mut relation.source, &mut relation.target)
                }),
                Command::AcceptSelection => {
                    if let Selection::Relation(id) = &self.selection {
                        let edit = Edit::Accept(id.clone());
                        self.apply_edit(edit, None);
                        self.after_review_verdict();
                    }
                }
                Command::RejectSelection => {
                    if let Selection::Relation(id) = &self.selection {
                        let edit = Edit::Reject(id.clone());
                        let next = self.review_neighbour(1);
                        self.apply_edit(edit, next.map(Selection::Relation));
                        self.after_review_verdict();
                    }
                }
                Command::ToggleReview => self.toggle_review(),
                Command::ReviewStep(step) => self.review_step(step),
                Command::AcceptAllShown => self.accept_all_shown(),
                Command::AddArticleDialog => self.add_article_dialog(),
                Command::CloseForms => self.forms.close(),
                Command::AddArticle(path) => self.add_article(path),
            }
        }
    }

    pub(super) fn set_selection(&mut self, selection: Selection) {
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
