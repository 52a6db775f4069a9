//! Opening a dataset or an article without holding up the window: the file is read, checked
//! (or extracted) and its first view model built on a loading thread that reports progress;
//! the graph on screen stays until the new one is ready, and stays for good if the file
//! cannot be opened. Also what a failure says, for opening and for the other things that can
//! fail in the window.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::view::{ViewInputs, ViewModel};
use super::workspace::Workspace;
use super::{Filters, Refresh, Selection, StakegraphApp};
use crate::files::{self, LoadError, Source};

/// A dataset being opened on a loading thread.
pub struct Opening {
    pub source: Source,
    pub progress: Arc<LoadProgress>,
    result: Receiver<Result<Box<Opened>, Failure>>,
}

/// How far a loading thread has got.
#[derive(Default)]
pub struct LoadProgress {
    read: AtomicU64,
    total: AtomicU64,
    stage: AtomicU8,
}

const STAGE_READING: u8 = 0;
const STAGE_PREPARING: u8 = 1;
const STAGE_EXTRACTING: u8 = 2;

impl LoadProgress {
    /// What the loading thread is doing, as the toolbar says it.
    pub fn describe(&self) -> String {
        let read = self.read.load(Ordering::Relaxed);
        let total = self.total.load(Ordering::Relaxed);
        match self.stage.load(Ordering::Relaxed) {
            STAGE_PREPARING => "preparing the graph".to_owned(),
            STAGE_EXTRACTING => format!(
                "extracting relations {:.0}%",
                read as f64 * 100.0 / total.max(1) as f64
            ),
            _ if total > 0 && read < total => format!(
                "reading {:.1} of {:.1} MB",
                read as f64 / 1e6,
                total as f64 / 1e6
            ),
            _ => "checking".to_owned(),
        }
    }
}

/// What a loading thread hands over: everything the window needs to show the new dataset.
struct Opened {
    workspace: Workspace,
    view: ViewModel,
    warnings: usize,
}

/// What it was that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// A file could not be opened; the graph on screen is unchanged.
    Open,
    /// A picture could not be exported.
    Export,
    /// The settings could not be saved.
    SaveSettings,
    /// The dataset could not be saved; the edits are still in the window.
    Save,
}

/// Something that failed, with every problem found, for the error window.
#[derive(Clone, Debug)]
pub struct Failure {
    pub kind: FailureKind,
    /// The file concerned, as shown to the user.
    pub origin: String,
    pub lines: Vec<String>,
}

impl Failure {
    /// The error window's title.
    pub fn title(&self) -> String {
        match self.kind {
            FailureKind::Open => format!("Could not open {}", self.origin),
            FailureKind::Export => format!("Could not export {}", self.origin),
            FailureKind::SaveSettings => format!("Could not save the settings to {}", self.origin),
            FailureKind::Save => format!("Could not save to {}", self.origin),
        }
    }

    /// The line above the problems: how many, and what it means for the user's work.
    pub fn summary(&self) -> String {
        let problems = crate::model::plural(self.lines.len(), "problem");
        match self.kind {
            FailureKind::Open => format!("{problems} — the current graph is unchanged."),
            FailureKind::Export => format!("{problems} — no file was written."),
            FailureKind::SaveSettings => {
                format!("{problems} — the settings stay as they are for this session.")
            }
            FailureKind::Save => {
                format!("{problems} — nothing was written; your edits are still here, unsaved.")
            }
        }
    }
}

impl Opening {
    /// Starts a loading thread on `source`.
    pub fn start(source: &Source) -> Self {
        let progress = Arc::new(LoadProgress::default());
        let (send, receive) = std::sync::mpsc::channel();
        let thread_source = source.clone();
        let thread_progress = progress.clone();
        std::thread::spawn(move || {
            let on_progress = |stage: files::Stage, read: u64, total: u64| {
                let stage = match stage {
                    files::Stage::Extracting => STAGE_EXTRACTING,
                    _ => STAGE_READING,
                };
                thread_progress.stage.store(stage, Ordering::Relaxed);
                thread_progress.read.store(read, Ordering::Relaxed);
                thread_progress.total.store(total, Ordering::Relaxed);
            };
            let result = match files::load_content_reporting(&thread_source, &on_progress) {
                Ok((loaded, content)) => {
                    thread_progress
                        .stage
                        .store(STAGE_PREPARING, Ordering::Relaxed);
                    let warnings = loaded.warnings.len();
                    let file = files::save_target(&thread_source, content);
                    let workspace = Workspace::new(thread_source.name(), loaded, file);
                    let view = ViewInputs {
                        workspace: &workspace,
                        filters: &Filters::default(),
                        selection: &Selection::None,
                        hovered: None,
                        batched: false,
                    }
                    .build();
                    Ok(Box::new(Opened {
                        workspace,
                        view,
                        warnings,
                    }))
                }
                Err(error) => Err(open_failure(&thread_source, &error)),
            };
            // The window may have closed meanwhile; then nobody needs the result.
            let _ = send.send(result);
        });
        Self {
            source: source.clone(),
            progress,
            result: receive,
        }
    }
}

impl StakegraphApp {
    /// Takes in a dataset that finished loading.
    pub(super) fn receive_opened(&mut self, ctx: &egui::Context) {
        let Some(opening) = &self.opening else {
            return;
        };
        let result = match opening.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(Failure {
                kind: FailureKind::Open,
                origin: opening.source.name(),
                lines: vec!["loading stopped unexpectedly".to_owned()],
            }),
        };
        let source = opening.source.clone();
        self.opening = None;
        match result {
            Ok(opened) => {
                let Opened {
                    workspace,
                    view,
                    warnings,
                } = *opened;
                if let Source::File(path) = &source {
                    self.remember_file(path);
                }
                self.install_workspace(workspace);
                self.view = view;
                self.refresh = Refresh::Nothing;
                self.windows.failure = None;
                self.windows.toast(format!(
                    "Opened {} ({})",
                    source.name(),
                    crate::model::plural(warnings, "warning")
                ));
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            }
            Err(failure) => self.windows.failure = Some(failure),
        }
    }

    /// Asks for a file with the system dialog. rfd answers `None` both when the user cancels
    /// and when there is no dialog service; an answer faster than a person could cancel means
    /// the latter, and then a path field takes the dialog's place.
    pub(super) fn open_dialog(&mut self) {
        let start = self
            .settings
            .recent_file
            .as_deref()
            .and_then(std::path::Path::parent)
            .map(std::path::Path::to_path_buf);
        if !self.file_dialogs {
            self.windows
                .ask_for_path(super::PathPurpose::Open, start.as_deref());
            return;
        }
        let mut dialog = rfd::FileDialog::new()
            .set_title("Open a dataset or an article")
            .add_filter("Dataset or article", &["json", "txt", "text", "md"])
            .add_filter("stakegraph dataset", &["json"])
            .add_filter("Article text", &["txt", "text", "md"]);
        if let Some(directory) = &start {
            dialog = dialog.set_directory(directory);
        }
        let asked = std::time::Instant::now();
        match dialog.pick_file() {
            Some(path) => self.commands.push_back(super::Command::Open(path)),
            None if asked.elapsed() < std::time::Duration::from_millis(150) => {
                self.windows
                    .ask_for_path(super::PathPurpose::Open, start.as_deref());
            }
            None => {}
        }
    }
}

/// What the error window says about a file that could not be opened.
pub fn open_failure(source: &Source, error: &LoadError) -> Failure {
    let lines = match error {
        LoadError::Invalid { invalid, .. } => invalid
            .errors
            .iter()
            .chain(&invalid.warnings)
            .map(|problem| {
                let severity = if problem.is_error() {
                    "error"
                } else {
                    "warning"
                };
                match problem.position {
                    Some(position) => format!(
                        "{severity}: {problem} (line {}, column {})",
                        position.line, position.column
                    ),
                    None => format!("{severity}: {problem}"),
                }
            })
            .collect(),
        LoadError::Read { .. }
        | LoadError::NotText { .. }
        | LoadError::TooLarge { .. }
        | LoadError::TooMuchText { .. } => {
            vec![error.to_string()]
        }
    };
    Failure {
        kind: FailureKind::Open,
        origin: source.name(),
        lines,
    }
}
