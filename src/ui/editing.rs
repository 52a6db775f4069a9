//! Changing the dataset from the window: applying edits, undo and redo, saving (on a thread,
//! atomically), the guard that asks before unsaved work is thrown away, and the recovery file
//! that keeps unsaved work through a crash.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::edit::{Edit, Touched};
use crate::files::Source;
use crate::format::Loaded;

use super::loading::{Failure, FailureKind};
use super::{Command, PathPurpose, Refresh, Selection, StakegraphApp};

/// How long after the last edit the recovery file is written.
pub const RECOVERY_AFTER: Duration = Duration::from_secs(3);

/// What was about to happen when the guard asked about unsaved changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    Quit,
    Open(PathBuf),
    OpenDialog,
}

impl Pending {
    /// The action in words, for the guard's question.
    pub fn describe(&self) -> String {
        match self {
            Pending::Quit => "closing".to_owned(),
            Pending::Open(path) => format!("opening {}", path.display()),
            Pending::OpenDialog => "opening another file".to_owned(),
        }
    }
}

/// A save running on its thread.
pub struct Saving {
    path: PathBuf,
    /// The history's revision that is being written.
    revision: u64,
    result: Receiver<Result<(), String>>,
    /// What to do once it is written.
    then: Option<Pending>,
}

/// The recovery file: where it is, and when it is due to be written.
#[derive(Default)]
pub struct Recovery {
    /// `recovery.json` beside the settings; `None` where there is no settings folder.
    pub path: Option<PathBuf>,
    due: Option<Instant>,
    /// The revision last written there.
    written: Option<u64>,
    /// A recovery file found at start, offered for restoring.
    pub offered: Option<Offered>,
}

/// Unsaved work found at start.
#[derive(Clone, Debug)]
pub struct Offered {
    pub loaded: Loaded,
    pub origin: String,
    pub file: Option<PathBuf>,
}

/// The recovery files: the dataset, and beside it where it came from.
fn recovery_origin_path(path: &Path) -> PathBuf {
    path.with_extension("origin")
}

impl Recovery {
    /// The recovery file beside the settings file `settings`, and what it holds if a run
    /// before ended with unsaved work.
    pub fn beside(settings: &Path) -> Self {
        let path = settings.with_file_name("recovery.json");
        let offered = std::fs::read(&path).ok().and_then(|bytes| {
            let loaded = crate::format::parse_bytes(&bytes).ok()?;
            let origin = std::fs::read_to_string(recovery_origin_path(&path)).unwrap_or_default();
            let mut lines = origin.lines();
            let origin = lines.next().unwrap_or("recovered work").to_owned();
            let file = lines.next().filter(|l| !l.is_empty()).map(PathBuf::from);
            Some(Offered {
                loaded,
                origin,
                file,
            })
        });
        Self {
            path: Some(path),
            due: None,
            written: None,
            offered,
        }
    }

    /// Removes the recovery files: the work is saved or deliberately thrown away.
    fn remove(&mut self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
            let _ = std::fs::remove_file(recovery_origin_path(path));
        }
        self.due = None;
        self.written = None;
    }

    /// How long until the recovery file is due, if it is.
    pub fn due_in(&self) -> Option<Duration> {
        Some(self.due?.saturating_duration_since(Instant::now()))
    }
}

impl StakegraphApp {
    /// Applies `edit` through the history; then selects `select` if given. A refused edit
    /// changes nothing and says why.
    pub(super) fn apply_edit(&mut self, edit: Edit, select: Option<Selection>) {
        let name = edit.name(&self.workspace.dataset);
        match self.workspace.apply(edit) {
            Ok(touched) => self.after_edit(&touched, select),
            Err(refused) => self
                .windows
                .toast(format!("Cannot {name}: {refused}", name = name)),
        }
    }

    pub(super) fn undo(&mut self) {
        let Some(name) = self.workspace.history.undo_name().map(str::to_owned) else {
            self.windows.toast("Nothing to undo".to_owned());
            return;
        };
        match self.workspace.undo() {
            Some(Ok(touched)) => {
                self.after_edit(&touched, None);
                self.windows.toast(format!("Undid {name}"));
            }
            Some(Err(refused)) => self.windows.toast(format!("Cannot undo {name}: {refused}")),
            None => {}
        }
    }

    pub(super) fn redo(&mut self) {
        let Some(name) = self.workspace.history.redo_name().map(str::to_owned) else {
            self.windows.toast("Nothing to redo".to_owned());
            return;
        };
        match self.workspace.redo() {
            Some(Ok(touched)) => {
                self.after_edit(&touched, None);
                self.windows.toast(format!("Redid {name}"));
            }
            Some(Err(refused)) => self.windows.toast(format!("Cannot redo {name}: {refused}")),
            None => {}
        }
    }

    /// After the dataset changed: the view is brought up to date, and the selection follows
    /// the edited item: `select` when given, else what it was if it is still there, else the
    /// first edited item that is.
    fn after_edit(&mut self, touched: &Touched, select: Option<Selection>) {
        let derived = &self.workspace.derived;
        let exists = |selection: &Selection| match selection {
            Selection::None => true,
            Selection::Entity(id) => derived.entity(id).is_some(),
            Selection::Relation(id) => derived.relation(id).is_some(),
        };
        let next = match select {
            Some(selection) if exists(&selection) => selection,
            _ if exists(&self.selection) && self.selection != Selection::None => {
                self.selection.clone()
            }
            _ => touched
                .relations
                .iter()
                .find(|id| derived.relation(id).is_some())
                .map(|id| Selection::Relation(id.clone()))
                .or_else(|| {
                    touched
                        .entities
                        .iter()
                        .find(|id| derived.entity(id).is_some())
                        .map(|id| Selection::Entity(id.clone()))
                })
                .unwrap_or_default(),
        };
        if self
            .hovered_relation
            .as_deref()
            .is_some_and(|id| derived.relation(id).is_none())
        {
            self.hovered_relation = None;
        }
        if self.batched && next != self.selection {
            // Which relations stand out of the batch mesh follows the selection.
            self.refresh(Refresh::Structure);
        }
        // What the edit selects is brought into view if it is out of it.
        match &next {
            Selection::Entity(id) => self.camera.reveal(id.clone()),
            Selection::Relation(id) => {
                if let Some(relation) = self.workspace.dataset.relation(id) {
                    self.camera.reveal(relation.source.clone());
                }
            }
            Selection::None => {}
        }
        self.selection = next;
        self.label_draft = None;
        // The picture stays where it is: the layout goes on warm, and the view does not jump
        // to a new fit when it settles.
        self.camera.user_moved();
        self.source.forget();
        self.source.clear_text_selection();
        self.edited
            .entities
            .extend(touched.entities.iter().cloned());
        self.edited
            .relations
            .extend(touched.relations.iter().cloned());
        self.edited.moves.extend(touched.moves.iter().cloned());
        self.edited.structure |= touched.structure;
        self.refresh(Refresh::Edited);
        self.recovery.due = Some(Instant::now() + RECOVERY_AFTER);
        if !self.workspace.history.is_dirty() {
            self.recovery.remove();
        }
    }

    /// Saves to the dataset's file, or asks where when it has none; `then` runs once saved.
    pub(super) fn save(&mut self, then: Option<Pending>) {
        match self.workspace.file.clone() {
            Some(path) => self.save_to(path, then),
            None => self.save_as(then),
        }
    }

    /// Asks where to save, with the system dialog or the path field.
    pub(super) fn save_as(&mut self, then: Option<Pending>) {
        self.after_save = then;
        // A draft of `article.txt` is offered as `article.json` beside it; else the title.
        let origin = Path::new(&self.workspace.origin);
        let beside_article = origin
            .file_stem()
            .filter(|_| origin.extension().is_some() && origin.is_file())
            .map(|stem| origin.with_file_name(format!("{}.json", stem.to_string_lossy())));
        let name = beside_article
            .as_deref()
            .and_then(Path::file_name)
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                format!(
                    "{}.json",
                    crate::edit::fresh_id(&self.workspace.dataset.title, |_| false)
                )
            });
        let start = self
            .workspace
            .file
            .clone()
            .or(beside_article)
            .or_else(|| {
                let folder = self.settings.recent_file.as_deref()?.parent()?;
                Some(folder.join(&name))
            })
            .unwrap_or_else(|| PathBuf::from(&name));
        if !self.file_dialogs {
            self.windows
                .ask_for_path(PathPurpose::SaveDataset, Some(&start));
            return;
        }
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save the dataset")
            .add_filter("stakegraph dataset", &["json"])
            .set_file_name(&name);
        if let Some(folder) = start.parent().filter(|f| !f.as_os_str().is_empty()) {
            dialog = dialog.set_directory(folder);
        }
        let asked = Instant::now();
        match dialog.save_file() {
            Some(path) => self.commands.push_back(Command::SaveTo(path)),
            None if asked.elapsed() < Duration::from_millis(150) => {
                self.windows
                    .ask_for_path(PathPurpose::SaveDataset, Some(&start));
            }
            None => self.after_save = None,
        }
    }

    /// Writes the dataset to `path` on a thread, atomically and in canonical form.
    pub(super) fn save_to(&mut self, path: PathBuf, then: Option<Pending>) {
        if self.saving.is_some() {
            self.windows.toast("Still saving…".to_owned());
            return;
        }
        let then = then.or_else(|| self.after_save.take());
        let dataset = self.workspace.dataset.clone();
        let revision = self.workspace.history.revision();
        let (send, result) = std::sync::mpsc::channel();
        let thread_path = path.clone();
        std::thread::spawn(move || {
            let json = crate::format::to_canonical_json(&dataset);
            let written = crate::files::write_atomically(&thread_path, json.as_bytes())
                .map_err(|error| error.to_string());
            let _ = send.send(written);
        });
        self.saving = Some(Saving {
            path,
            revision,
            result,
            then,
        });
    }

    /// Takes in the result of a save that finished.
    pub(super) fn receive_saved(&mut self) {
        let Some(saving) = &self.saving else {
            return;
        };
        let result = match saving.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err("saving stopped unexpectedly".to_owned()),
        };
        let Some(saving) = self.saving.take() else {
            return;
        };
        match result {
            Ok(()) => {
                self.workspace.history.mark_saved_at(saving.revision);
                self.workspace.origin = saving.path.display().to_string();
                self.workspace.file = Some(saving.path.clone());
                self.remember_file(&saving.path);
                if !self.workspace.history.is_dirty() {
                    self.recovery.remove();
                }
                self.windows
                    .toast(format!("Saved {}", saving.path.display()));
                if let Some(then) = saving.then {
                    self.proceed(then);
                }
            }
            Err(message) => {
                self.windows.failure = Some(Failure {
                    kind: FailureKind::Save,
                    origin: saving.path.display().to_string(),
                    lines: vec![message],
                });
            }
        }
    }

    /// Whether a save is running.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Runs `action`, or first asks about unsaved changes.
    pub(super) fn guarded(&mut self, action: Pending) {
        if self.workspace.history.is_dirty() {
            self.windows.guard = Some(action);
        } else {
            self.proceed(action);
        }
    }

    /// Runs `action` without asking.
    pub(super) fn proceed(&mut self, action: Pending) {
        match action {
            Pending::Quit => {
                self.quitting = true;
                self.commands.push_back(Command::CloseNow);
            }
            Pending::Open(path) => self.open(&Source::File(path)),
            Pending::OpenDialog => self.open_dialog(),
        }
    }

    /// The user threw the unsaved work away to do `action`.
    pub(super) fn discard_and(&mut self, action: Pending) {
        self.recovery.remove();
        // The edits are gone from the user's point of view: nothing to guard any more.
        self.workspace.history.mark_saved();
        self.proceed(action);
    }

    /// Writes the recovery file when it is due (a few seconds after the last edit, never on a
    /// timer while idle): the dataset beside the settings, and where it came from.
    pub(super) fn write_recovery(&mut self) {
        let Some(due) = self.recovery.due else {
            return;
        };
        if Instant::now() < due {
            return;
        }
        self.recovery.due = None;
        let revision = self.workspace.history.revision();
        let Some(path) = self.recovery.path.clone() else {
            return;
        };
        if !self.workspace.history.is_dirty() || self.recovery.written == Some(revision) {
            return;
        }
        let json = crate::format::to_canonical_json(&self.workspace.dataset);
        let file = self
            .workspace
            .file
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let origin = format!("{}\n{file}\n", self.workspace.origin);
        let written = crate::files::write_atomically(&path, json.as_bytes()).and_then(|()| {
            crate::files::write_atomically(&recovery_origin_path(&path), origin.as_bytes())
        });
        match written {
            Ok(()) => self.recovery.written = Some(revision),
            Err(error) => self
                .windows
                .toast(format!("Could not write the recovery file: {error}")),
        }
    }

    /// Puts the unsaved work found at start on screen, unsaved.
    pub(super) fn restore_recovery(&mut self) {
        let Some(offered) = self.recovery.offered.take() else {
            return;
        };
        let mut workspace = super::workspace::Workspace::new(offered.origin, offered.loaded, None);
        workspace.file = offered.file;
        // What was restored is in no file yet.
        workspace.history = crate::edit::history::History::new(false);
        self.install_workspace(workspace);
        self.windows
            .toast("Restored the unsaved work; save it to keep it".to_owned());
    }

    /// Throws away the unsaved work found at start.
    pub(super) fn discard_recovery(&mut self) {
        self.recovery.offered = None;
        self.recovery.remove();
    }
}

impl StakegraphApp {
    /// Opens the new-relation form on the article's text selection, with these ends.
    pub(super) fn new_relation_form(&mut self, source: Option<String>, target: Option<String>) {
        let quote = self.source.text_selection().cloned();
        if quote.is_none() && source.is_none() {
            self.windows
                .toast("Select the quote in the article first (drag over the text)".to_owned());
            return;
        }
        self.forms.relation = Some(super::forms::RelationForm::new(
            &self.workspace.dataset,
            quote,
            source,
            target,
        ));
    }

    /// Opens the new-entity form, named by the article's text selection.
    pub(super) fn new_entity_form(&mut self) {
        let Some(name) = self
            .source
            .text_selection()
            .and_then(|selection| selection.text(&self.workspace.dataset))
        else {
            self.windows
                .toast("Select the name in the article first (drag over it)".to_owned());
            return;
        };
        self.forms.entity = Some(super::forms::EntityForm::new(name));
    }

    /// Opens the form that changes the selected entity.
    pub(super) fn edit_entity_form(&mut self, id: &str) {
        if let Some(entity) = self.workspace.dataset.entity(id) {
            self.forms.entity = Some(super::forms::EntityForm::editing(entity));
        }
    }

    /// Adds the article's text selection as a quote of the selected relation.
    pub(super) fn add_quote_from_text(&mut self) {
        let Selection::Relation(id) = &self.selection else {
            self.windows
                .toast("Select the relation the quote is for first".to_owned());
            return;
        };
        let Some(selection) = self.source.text_selection() else {
            self.windows
                .toast("Select the quote in the article first (drag over the text)".to_owned());
            return;
        };
        let Some(document) = self.workspace.dataset.document(&selection.document) else {
            return;
        };
        let quote = crate::edit::quote_of(
            document,
            selection.start,
            selection.end,
            crate::model::Review::Accepted,
        );
        match quote {
            Ok(evidence) => {
                let edit = Edit::AddQuote {
                    relation: id.clone(),
                    evidence,
                };
                self.apply_edit(edit, None);
            }
            Err(refused) => self
                .windows
                .toast(format!("Cannot add the quote: {refused}")),
        }
    }

    /// Deletes the selected relation (Ctrl+Z brings it back), or asks about deleting the
    /// selected entity, whose relations go with it.
    pub(super) fn delete_selection(&mut self) {
        match self.selection.clone() {
            Selection::Relation(id) => {
                let Some(relation) = self.workspace.dataset.relation(&id) else {
                    return;
                };
                // A suggestion deleted is a suggestion rejected: remembered, so extracting the
                // text again does not bring it back.
                let edit = match relation.review() {
                    crate::model::RelationReview::Accepted => Edit::RemoveRelation(id),
                    crate::model::RelationReview::Suggested => Edit::Reject(id),
                    crate::model::RelationReview::Partly => Edit::Batch {
                        name: Edit::RemoveRelation(id.clone()).name(&self.workspace.dataset),
                        edits: vec![Edit::Reject(id.clone()), Edit::RemoveRelation(id)],
                    },
                };
                self.apply_edit(edit, Some(Selection::None));
            }
            Selection::Entity(id) => self.forms.delete = Some(id),
            Selection::None => {}
        }
    }
}

impl StakegraphApp {
    /// Asks for an article whose suggestions go into the dataset on screen.
    pub(super) fn add_article_dialog(&mut self) {
        let start = self
            .settings
            .recent_file
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        if !self.file_dialogs {
            self.windows
                .ask_for_path(PathPurpose::AddArticle, start.as_deref());
            return;
        }
        let mut dialog = rfd::FileDialog::new()
            .set_title("Add an article's suggestions to this dataset")
            .add_filter("Article text", &["txt", "text", "md"]);
        if let Some(directory) = &start {
            dialog = dialog.set_directory(directory);
        }
        let asked = Instant::now();
        match dialog.pick_file() {
            Some(path) => self.commands.push_back(Command::AddArticle(path)),
            None if asked.elapsed() < Duration::from_millis(150) => {
                self.windows
                    .ask_for_path(PathPurpose::AddArticle, start.as_deref());
            }
            None => {}
        }
    }

    /// Extracts the article at `path` into the dataset on screen: its new suggestions, as one
    /// edit (what was accepted, rejected or written by hand stays as it is).
    pub(super) fn add_article(&mut self, path: PathBuf) {
        let source = Source::File(path.clone());
        let article = match crate::files::read_article(&source) {
            Ok(article) => article,
            Err(error) => {
                self.windows.failure = Some(super::loading::open_failure(&source, &error));
                return;
            }
        };
        let suggestions = crate::extract::suggestions_into(&self.workspace.dataset, &[article]);
        let counts = suggestions.counts;
        if counts.suggestions() == 0 && counts.documents == 0 {
            self.windows.toast(format!(
                "{} adds nothing new: {} already there, {} rejected before",
                path.display(),
                crate::model::plural(counts.already_there, "suggestion"),
                counts.rejected
            ));
            return;
        }
        self.apply_edit(suggestions.edit, None);
        self.windows
            .toast(crate::model::capitalized(&counts.describe("this dataset")));
    }
}
