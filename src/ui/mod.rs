//! The desktop app: the graph in the middle, the evidence on the right, the article below.
//!
//! The only module that draws with egui. Per frame: read input into `Command`s, advance the
//! layout, draw the panels (which may push more commands), then run the commands in one place,
//! so no panel changes state behind another's back.

mod graph;
mod panels;
mod runner;
mod view;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers, Pos2, Rect, Vec2};
use egui_graphs::{
    GraphChange, MetadataFrame, SettingsInteraction, SettingsNavigation, SettingsStyle,
};
use serde::{Deserialize, Serialize};

use crate::files::{self, LoadError, Source};
use crate::format::Loaded;
use crate::layout::LayoutStatus;
use crate::model::{Dataset, EntityKind, RelationKind};
use crate::scene;
use crate::validate::Problem;
use runner::LayoutRunner;
use view::ViewInputs;

pub use graph::{Emphasis, VIEW_ID};
use graph::{Index, View, ViewGraph};

/// What is selected. The evidence panel, the highlights and the dimming all follow it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    None,
    /// An entity, by index in the dataset.
    Entity(usize),
    /// A relation, by index in the dataset.
    Relation(usize),
}

/// What is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filters {
    pub hidden_entity_kinds: BTreeSet<EntityKind>,
    pub hidden_relation_kinds: BTreeSet<RelationKind>,
    /// Show only the selection and its neighbours within `hops` relations.
    pub focus: bool,
    pub hops: usize,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            hidden_entity_kinds: BTreeSet::new(),
            hidden_relation_kinds: BTreeSet::new(),
            focus: false,
            hops: 1,
        }
    }
}

pub use crate::scene::Theme;

/// With more nodes than this on screen, ordinary nodes and edges are drawn as one mesh.
const BATCH_FROM: usize = 1_500;

/// What survives a restart, kept in `settings.json` in the user's configuration folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The window's inner size in points, as it was when the app was last closed.
    pub window_size: Option<[f32; 2]>,
    pub theme: Theme,
    /// The last dataset opened from a file, offered under "Open recent".
    pub recent_file: Option<PathBuf>,
    /// Pixels a point in exported pictures: 1 or 2.
    pub export_density: u8,
    /// Where the last picture was exported, to start the next save dialog there.
    pub export_directory: Option<PathBuf>,
}

impl Settings {
    /// Where the settings are kept: `$XDG_CONFIG_HOME/stakegraph` (else `~/.config/stakegraph`)
    /// on Linux, `~/Library/Application Support/stakegraph` on macOS, `%APPDATA%\stakegraph`
    /// on Windows.
    pub fn default_path() -> Option<PathBuf> {
        let absolute =
            |path: std::ffi::OsString| Some(PathBuf::from(path)).filter(|p| p.is_absolute());
        let folder = if cfg!(windows) {
            std::env::var_os("APPDATA").and_then(absolute)
        } else if cfg!(target_os = "macos") {
            std::env::home_dir().map(|home| home.join("Library/Application Support"))
        } else {
            std::env::var_os("XDG_CONFIG_HOME")
                .and_then(absolute)
                .or_else(|| std::env::home_dir().map(|home| home.join(".config")))
        };
        folder.map(|folder| folder.join("stakegraph").join("settings.json"))
    }

    /// The settings in the file at `path`: the defaults when there is none, and the defaults
    /// with a message saying why when it cannot be read (the file is left as it is until the
    /// settings next change).
    pub fn load(path: &Path) -> (Self, Option<String>) {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return (Self::default(), None);
            }
            Err(error) => {
                let message = format!(
                    "cannot read {}: {error}; using the defaults",
                    path.display()
                );
                return (Self::default(), Some(message));
            }
        };
        match serde_json::from_slice(&bytes) {
            Ok(settings) => (settings, None),
            Err(error) => {
                let message = format!(
                    "{} is not a settings file ({error}); using the defaults",
                    path.display()
                );
                (Self::default(), Some(message))
            }
        }
    }

    /// Writes the settings to `path` atomically, making its folder if need be.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|error| format!("cannot make {}: {error}", folder.display()))?;
        }
        let json = serde_json::to_string_pretty(self).map_err(|error| error.to_string())?;
        files::write_atomically(path, json.as_bytes()).map_err(|error| error.to_string())
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            window_size: None,
            theme: Theme::Dark,
            recent_file: None,
            export_density: 1,
            export_directory: None,
        }
    }
}

/// How much of the view model is out of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Refresh {
    Nothing,
    /// Emphasis, pins or hover changed: update the elements in place.
    Style,
    /// What is visible changed: rebuild the graph.
    Structure,
}

/// Side effects requested during a frame, run together at its end.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Select(Selection),
    /// Select an entity and move the view so it is in the middle.
    SelectAndCenter(usize),
    OpenDialog,
    Open(PathBuf),
    FitView,
    RerunLayout,
    Unpin(usize),
    SetTheme(Theme),
    /// Ask where to export a PNG of the graph view, then export it.
    ExportDialog,
    ExportPng(PathBuf),
}

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    ExportPng,
}

/// The path field shown where no file dialog is available.
#[derive(Clone, Debug)]
pub struct PathField {
    pub purpose: PathPurpose,
    pub text: String,
    /// Give the field keyboard focus when it is first drawn.
    pub focus: bool,
}

impl PathField {
    fn new(purpose: PathPurpose) -> Self {
        Self {
            purpose,
            text: String::new(),
            focus: true,
        }
    }
}

/// A dataset being opened on a loading thread.
struct Opening {
    source: Source,
    progress: Arc<LoadProgress>,
    result: std::sync::mpsc::Receiver<Result<Box<Opened>, OpenError>>,
}

/// How far a loading thread has got.
#[derive(Default)]
pub struct LoadProgress {
    pub read: AtomicU64,
    pub total: AtomicU64,
    pub stage: AtomicU8,
}

const STAGE_PREPARING: u8 = 1;
const STAGE_EXTRACTING: u8 = 2;

/// What a loading thread hands over: everything the window needs to show the new dataset.
struct Opened {
    workspace: Workspace,
    graph: ViewGraph,
    index: Index,
    warnings: usize,
}

/// A file that could not be opened, with every problem found in it.
#[derive(Clone, Debug)]
pub struct OpenError {
    pub origin: String,
    pub lines: Vec<String>,
}

/// The dataset on screen and everything derived from it.
struct Workspace {
    origin: String,
    dataset: Dataset,
    warnings: Vec<Problem>,
    entity_index: BTreeMap<String, usize>,
    /// `(source, target)` entity indices of each relation; `None` for a dangling one.
    ends: Vec<Option<(usize, usize)>>,
    degree: Vec<usize>,
    layout: LayoutRunner,
}

impl Workspace {
    fn new(origin: String, loaded: Loaded) -> Self {
        let Loaded { dataset, warnings } = loaded;
        let entity_index: BTreeMap<String, usize> = dataset
            .entities
            .iter()
            .enumerate()
            .map(|(index, entity)| (entity.id.clone(), index))
            .collect();
        let (ends, degree) = scene::ends_and_degree(&dataset);
        let layout = LayoutRunner::new(scene::layout_of(&dataset));
        Self {
            origin,
            dataset,
            warnings,
            entity_index,
            ends,
            degree,
            layout,
        }
    }
}

/// The stakegraph window.
pub struct StakegraphApp {
    settings: Settings,
    /// Where the settings are saved, and what was saved there last.
    settings_file: Option<(PathBuf, Settings)>,
    /// The window's inner size in the last frame, saved on exit.
    window_size: Option<[f32; 2]>,
    /// Ask with the system's file dialogs; without, the path field is offered at once (tests
    /// never open a dialog).
    file_dialogs: bool,
    workspace: Workspace,
    graph: ViewGraph,
    index: Index,
    selection: Selection,
    filters: Filters,
    /// How much of the view model to bring up to date before drawing.
    refresh: Refresh,
    /// Fit the view to the graph before drawing.
    fit_pending: bool,
    /// The user zoomed or panned since the last fit: do not re-fit on settling.
    camera_moved: bool,
    /// Centre the view on this entity before drawing.
    center_pending: Option<usize>,
    hovered_relation: Option<usize>,
    search: String,
    search_focus: bool,
    error: Option<OpenError>,
    /// The path field shown when no file dialog can be opened.
    path_field: Option<PathField>,
    toast: Option<(String, Instant)>,
    help_open: bool,
    commands: VecDeque<Command>,
    /// Scroll the article to the first highlight on the next frame.
    scroll_source: bool,
    frames: u64,
    exit_after_frames: Option<u64>,
    /// A dataset being opened, if any.
    opening: Option<Opening>,
    /// Ordinary nodes and edges are drawn as one mesh (many on screen).
    batched: bool,
    /// The article as last laid out in the source panel.
    source_view: Option<panels::SourceView>,
    /// Exporting the graph view to this file through a screenshot; `true` once requested.
    capture: Option<(PathBuf, bool)>,
    /// From the environment: export the view to this file once the layout settles (smoke test).
    export_when_settled: Option<PathBuf>,
}

impl StakegraphApp {
    /// The app on `loaded`, read from `source`, with the settings kept from the last run.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        source: &Source,
        loaded: Loaded,
        settings: Settings,
        settings_path: Option<PathBuf>,
    ) -> Self {
        let mut app = Self::with_settings(settings, source, loaded);
        app.settings_file = settings_path.map(|path| (path, app.settings.clone()));
        app.file_dialogs = true;
        // For the smoke test of the real binary: quit after N frames, export once settled.
        app.exit_after_frames = std::env::var("STAKEGRAPH_EXIT_AFTER_FRAMES")
            .ok()
            .and_then(|value| value.parse().ok());
        app.export_when_settled = std::env::var_os("STAKEGRAPH_EXPORT_PNG").map(PathBuf::from);
        app.apply_theme(&cc.egui_ctx);
        app
    }

    /// The app with `settings`, saving nothing and opening no file dialog, as in tests.
    pub fn with_settings(settings: Settings, source: &Source, loaded: Loaded) -> Self {
        let workspace = Workspace::new(source.name(), loaded);
        let mut app = Self {
            settings,
            settings_file: None,
            window_size: None,
            file_dialogs: false,
            workspace,
            graph: ViewGraph::new(),
            index: Index::default(),
            selection: Selection::None,
            filters: Filters::default(),
            refresh: Refresh::Structure,
            fit_pending: true,
            camera_moved: false,
            center_pending: None,
            hovered_relation: None,
            search: String::new(),
            search_focus: false,
            error: None,
            path_field: None,
            toast: None,
            help_open: false,
            commands: VecDeque::new(),
            scroll_source: false,
            frames: 0,
            exit_after_frames: None,
            opening: None,
            source_view: None,
            batched: false,
            capture: None,
            export_when_settled: None,
        };
        app.rebuild_view();
        app
    }

    /// The dataset on screen.
    pub fn dataset(&self) -> &Dataset {
        &self.workspace.dataset
    }

    /// Where the dataset on screen came from.
    pub fn origin(&self) -> &str {
        &self.workspace.origin
    }

    /// Selects an entity or relation, as a click on it does.
    pub fn select(&mut self, selection: Selection) {
        self.commands.push_back(Command::Select(selection));
    }

    pub fn selection(&self) -> Selection {
        self.selection
    }

    pub fn filters_mut(&mut self) -> &mut Filters {
        self.refresh(Refresh::Structure);
        &mut self.filters
    }

    /// The problems of the last file that failed to open.
    pub fn open_error(&self) -> Option<&OpenError> {
        self.error.as_ref()
    }

    /// Whether the layout is at rest.
    pub fn layout_status(&self) -> LayoutStatus {
        self.workspace.layout.status()
    }

    /// Whether the user pinned entity `index` by dragging it.
    pub fn is_pinned(&self, index: usize) -> bool {
        self.workspace.layout.is_pinned(index)
    }

    /// Layout positions by entity index.
    pub fn layout_positions(&self) -> &[[f32; 2]] {
        self.workspace.layout.positions()
    }

    /// Entity indices in the view model (what is drawn), sorted.
    pub fn visible_entities(&self) -> Vec<usize> {
        let mut visible: Vec<usize> = self
            .graph
            .g()
            .node_weights()
            .map(|n| n.payload().entity)
            .collect();
        visible.sort_unstable();
        visible
    }

    /// Relation indices in the view model, sorted.
    pub fn visible_relations(&self) -> Vec<usize> {
        let mut visible: Vec<usize> = self
            .graph
            .g()
            .edge_weights()
            .map(|e| e.payload().relation)
            .collect();
        visible.sort_unstable();
        visible
    }

    /// Where entity `index` is drawn, in screen points, for the view of `ctx`; `None` when hidden.
    pub fn entity_screen_position(
        &self,
        ctx: &egui::Context,
        graph_rect: Rect,
        index: usize,
    ) -> Option<Pos2> {
        let node = self.index.node_of_entity.get(index).copied().flatten()?;
        let location = self.graph.node(node)?.location();
        let meta = ctx.data_mut(|data| data.get_persisted::<MetadataFrame>(meta_key()))?;
        Some(meta.canvas_to_screen_pos(location) + graph_rect.min.to_vec2())
    }

    /// The rectangle of the graph view in the last frame.
    pub fn graph_rect(&self, ctx: &egui::Context) -> Option<Rect> {
        ctx.data(|data| data.get_temp::<Rect>(egui::Id::new("stakegraph-graph-rect")))
    }

    /// Starts opening `source` on a loading thread; the current graph stays on screen, with
    /// progress in the toolbar, until the new one is ready (then it replaces it) or fails (then
    /// every problem is shown and it stays).
    pub fn open(&mut self, source: &Source) {
        let progress = Arc::new(LoadProgress::default());
        let (send, receive) = std::sync::mpsc::channel();
        let thread_source = source.clone();
        let thread_progress = progress.clone();
        std::thread::spawn(move || {
            let on_progress = |stage: files::Stage, read: u64, total: u64| {
                if stage == files::Stage::Extracting {
                    thread_progress
                        .stage
                        .store(STAGE_EXTRACTING, Ordering::Relaxed);
                }
                thread_progress.read.store(read, Ordering::Relaxed);
                thread_progress.total.store(total, Ordering::Relaxed);
            };
            let result = match files::load_reporting(&thread_source, &on_progress) {
                Ok(loaded) => {
                    thread_progress
                        .stage
                        .store(STAGE_PREPARING, Ordering::Relaxed);
                    let warnings = loaded.warnings.len();
                    let workspace = Workspace::new(thread_source.name(), loaded);
                    let filters = Filters::default();
                    let (graph, index) = ViewInputs {
                        workspace: &workspace,
                        filters: &filters,
                        selection: Selection::None,
                        hovered: None,
                        batched: false,
                    }
                    .build();
                    Ok(Box::new(Opened {
                        workspace,
                        graph,
                        index,
                        warnings,
                    }))
                }
                Err(error) => Err(open_error(&thread_source, &error)),
            };
            // The window may have closed meanwhile; then nobody needs the result.
            let _ = send.send(result);
        });
        self.opening = Some(Opening {
            source: source.clone(),
            progress,
            result: receive,
        });
    }

    /// Whether a dataset is being opened.
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// Takes in a dataset that finished loading.
    fn receive_opened(&mut self, ctx: &egui::Context) {
        let Some(opening) = &self.opening else {
            return;
        };
        let result = match opening.result.try_recv() {
            Ok(result) => result,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(OpenError {
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
                    graph,
                    index,
                    warnings,
                } = *opened;
                if let Source::File(path) = &source {
                    self.settings.recent_file = Some(path.clone());
                }
                self.workspace = workspace;
                self.source_view = None;
                self.graph = graph;
                self.index = index;
                self.refresh = Refresh::Nothing;
                self.selection = Selection::None;
                self.hovered_relation = None;
                self.filters = Filters::default();
                self.error = None;
                self.search.clear();
                self.fit_pending = true;
                self.camera_moved = false;
                self.toast = Some((
                    format!(
                        "Opened {} ({})",
                        source.name(),
                        crate::model::plural(warnings, "warning")
                    ),
                    Instant::now(),
                ));
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            }
            Err(error) => self.error = Some(error),
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.settings.theme {
            Theme::Dark => egui::Theme::Dark,
            Theme::Light => egui::Theme::Light,
        });
    }

    fn inputs(&self) -> ViewInputs<'_> {
        ViewInputs {
            workspace: &self.workspace,
            filters: &self.filters,
            selection: self.selection,
            hovered: self.hovered_relation,
            batched: self.batched,
        }
    }

    /// Rebuilds the egui_graphs view model from the dataset, filters and selection.
    fn rebuild_view(&mut self) {
        let (graph, index) = self.inputs().build();
        self.graph = graph;
        self.index = index;
        self.refresh = Refresh::Nothing;
    }

    /// Updates emphasis, pins and hover in place, keeping egui_graphs' own state (hover, drag).
    fn restyle(&mut self) {
        let inputs = self.inputs();
        let related = inputs.related_entities();
        let node_styles: Vec<_> = self
            .graph
            .g()
            .node_indices()
            .filter_map(|node| {
                let entity = self.graph.node(node)?.payload().entity;
                let pinned = self.workspace.layout.is_pinned(entity);
                Some((node, inputs.node_emphasis(entity, &related), pinned))
            })
            .collect();
        let edge_styles: Vec<_> = self
            .graph
            .g()
            .edge_indices()
            .filter_map(|edge| {
                let relation = self.graph.edge(edge)?.payload().relation;
                let hovered = self.hovered_relation == Some(relation);
                Some((edge, inputs.edge_emphasis(relation), hovered))
            })
            .collect();
        for (node, emphasis, pinned) in node_styles {
            if let Some(view_node) = self.graph.node_mut(node) {
                let data = view_node.payload_mut();
                data.emphasis = emphasis;
                data.pinned = pinned;
                data.batched = self.batched;
            }
        }
        for (edge, emphasis, hovered) in edge_styles {
            if let Some(view_edge) = self.graph.edge_mut(edge) {
                let data = view_edge.payload_mut();
                data.emphasis = emphasis;
                data.hovered = hovered;
                data.batched = self.batched;
            }
        }
        self.refresh = Refresh::Nothing;
    }

    /// Asks for the view model to be brought up to date before the next drawing.
    fn refresh(&mut self, level: Refresh) {
        self.refresh = self.refresh.max(level);
    }

    /// What a new selection makes out of date: in focus mode it changes what is shown.
    fn selection_refresh(&self) -> Refresh {
        if self.filters.focus {
            Refresh::Structure
        } else {
            Refresh::Style
        }
    }

    /// Copies the layout's positions into the view model.
    fn sync_positions(&mut self) {
        let positions = self.workspace.layout.positions();
        for (entity, node) in self.index.node_of_entity.iter().enumerate() {
            if let Some(node) = node
                && let Some(view_node) = self.graph.node_mut(*node)
            {
                let [x, y] = positions[entity];
                view_node.set_location(Pos2::new(x, y));
            }
        }
    }

    fn read_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.text_edit_focused();
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        ctx.input_mut(|input| {
            if input.consume_shortcut(&command(Key::O)) {
                self.commands.push_back(Command::OpenDialog);
            }
            if input.consume_shortcut(&command(Key::E)) {
                self.commands.push_back(Command::ExportDialog);
            }
            if input.consume_shortcut(&command(Key::F)) {
                self.search_focus = true;
            }
            if typing {
                return;
            }
            if input.consume_key(Modifiers::NONE, Key::Escape) {
                self.commands.push_back(Command::Select(Selection::None));
            }
            if input.consume_key(Modifiers::NONE, Key::F) {
                self.commands.push_back(Command::FitView);
            }
            if input.consume_key(Modifiers::NONE, Key::R) {
                self.commands.push_back(Command::RerunLayout);
            }
            if input.consume_key(Modifiers::NONE, Key::F1)
                || input.consume_key(Modifiers::SHIFT, Key::Questionmark)
                || input.consume_key(Modifiers::NONE, Key::Questionmark)
            {
                self.help_open = !self.help_open;
            }
        });
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .filter(|path| !path.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.commands.push_back(Command::Open(path));
        }
    }

    fn run_commands(&mut self, ctx: &egui::Context) {
        while let Some(command) = self.commands.pop_front() {
            match command {
                Command::Select(selection) => {
                    if selection != self.selection {
                        self.selection = selection;
                        self.refresh(self.selection_refresh());
                        self.scroll_source = true;
                    }
                }
                Command::SelectAndCenter(entity) => {
                    self.selection = Selection::Entity(entity);
                    self.refresh(self.selection_refresh());
                    self.scroll_source = true;
                    self.center_pending = Some(entity);
                }
                Command::OpenDialog => self.open_dialog(),
                Command::Open(path) => self.open(&Source::File(path)),
                Command::FitView => {
                    self.fit_pending = true;
                    self.camera_moved = false;
                }
                Command::RerunLayout => {
                    self.workspace.layout.restart();
                    self.fit_pending = true;
                    self.camera_moved = false;
                }
                Command::Unpin(entity) => {
                    self.workspace.layout.unpin(entity);
                    self.refresh(Refresh::Style);
                }
                Command::SetTheme(theme) => {
                    self.settings.theme = theme;
                    self.apply_theme(ctx);
                }
                Command::ExportDialog => self.export_dialog(),
                Command::ExportPng(path) => self.export_png(ctx, path),
            }
        }
    }

    /// Asks for a file with the system dialog. rfd answers `None` both when the user cancels
    /// and when there is no dialog service; an answer faster than a person could cancel means
    /// the latter, and then a path field takes the dialog's place.
    fn open_dialog(&mut self) {
        if !self.file_dialogs {
            self.path_field = Some(PathField::new(PathPurpose::Open));
            return;
        }
        let mut dialog = rfd::FileDialog::new()
            .set_title("Open a dataset or an article")
            .add_filter("Dataset or article", &["json", "txt", "text", "md"])
            .add_filter("stakegraph dataset", &["json"])
            .add_filter("Article text", &["txt", "text", "md"]);
        if let Some(directory) = self.settings.recent_file.as_deref().and_then(Path::parent) {
            dialog = dialog.set_directory(directory);
        }
        let asked = Instant::now();
        match dialog.pick_file() {
            Some(path) => self.commands.push_back(Command::Open(path)),
            None if asked.elapsed() < Duration::from_millis(150) => {
                self.path_field = Some(PathField::new(PathPurpose::Open));
            }
            None => {}
        }
    }

    /// Exports the graph view to `path` at the chosen density, as `Export PNG…` does once a
    /// file is chosen.
    pub fn request_export(&mut self, path: PathBuf) {
        self.commands.push_back(Command::ExportPng(path));
    }

    /// Asks where to save the PNG; without a dialog service, offers a path field instead.
    fn export_dialog(&mut self) {
        if !self.file_dialogs {
            self.path_field = Some(PathField::new(PathPurpose::ExportPng));
            return;
        }
        let stem = self
            .settings
            .recent_file
            .as_deref()
            .and_then(Path::file_stem)
            .map_or_else(
                || "stakegraph".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export the graph as PNG")
            .add_filter("PNG image", &["png"])
            .set_file_name(format!("{stem}.png"));
        if let Some(directory) = &self.settings.export_directory {
            dialog = dialog.set_directory(directory);
        }
        let asked = Instant::now();
        match dialog.save_file() {
            Some(path) => self.commands.push_back(Command::ExportPng(path)),
            None if asked.elapsed() < Duration::from_millis(150) => {
                self.path_field = Some(PathField::new(PathPurpose::ExportPng));
            }
            None => {}
        }
    }

    /// Exports the graph view as seen. At 1× through a real screenshot of the window, cropped
    /// to the graph (finished in `receive_screenshot`); at 2× the same view drawn again at
    /// double density by the picture exporter, since a screenshot has the screen's pixels only.
    fn export_png(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.settings.export_density <= 1 {
            // Requested at the end of the next frame, which shows the caption.
            self.capture = Some((path, false));
            return;
        }
        let result = self
            .view_scene(ctx)
            .ok_or_else(|| "the graph has not been drawn yet".to_owned())
            .and_then(|scene| {
                crate::export::to_png(&scene, f32::from(self.settings.export_density))
                    .map_err(|error| error.to_string())
            })
            .and_then(|png| {
                files::write_atomically(&path, &png).map_err(|error| error.to_string())
            });
        self.report_export(&path, result);
    }

    /// The graph view as a picture scene: same camera, filters, selection and theme, with the
    /// legend and a caption.
    pub fn view_scene(&self, ctx: &egui::Context) -> Option<scene::Scene> {
        let rect = self.graph_rect(ctx)?;
        let meta = ctx.data_mut(|data| data.get_persisted::<MetadataFrame>(meta_key()))?;
        let dataset = &self.workspace.dataset;
        let mut visible_entities = vec![false; dataset.entities.len()];
        for entity in self.visible_entities() {
            visible_entities[entity] = true;
        }
        let mut visible_relations = vec![false; dataset.relations.len()];
        for relation in self.visible_relations() {
            visible_relations[relation] = true;
        }
        let highlight = match self.selection {
            Selection::None => scene::Highlight::None,
            Selection::Entity(entity) => scene::Highlight::Entity(entity),
            Selection::Relation(relation) => scene::Highlight::Relation(relation),
        };
        Some(scene::build(&scene::SceneInput {
            dataset,
            positions: self.workspace.layout.positions(),
            visible_entities: &visible_entities,
            visible_relations: &visible_relations,
            highlight,
            camera: scene::Camera {
                zoom: meta.zoom,
                pan: [meta.pan.x, meta.pan.y],
            },
            size: [rect.width(), rect.height()],
            theme: if ctx.global_style().visuals.dark_mode {
                Theme::Dark
            } else {
                Theme::Light
            },
            legend: true,
            caption: true,
        }))
    }

    /// Finishes a 1× export when the screenshot arrives: crop to the graph view, write.
    fn receive_screenshot(&mut self, ctx: &egui::Context) {
        if self.capture.is_none() {
            return;
        }
        let image = ctx.input(|input| {
            input.events.iter().find_map(|event| match event {
                egui::Event::Screenshot { image, .. } => Some(image.clone()),
                _ => None,
            })
        });
        let (Some(image), Some((path, true))) = (image, self.capture.clone()) else {
            return;
        };
        self.capture = None;
        let result = match self.graph_rect(ctx) {
            Some(rect) => crop_to_png(&image, rect, ctx.pixels_per_point()).and_then(|png| {
                files::write_atomically(&path, &png).map_err(|error| error.to_string())
            }),
            None => Err("the graph has not been drawn yet".to_owned()),
        };
        self.report_export(&path, result);
    }

    /// Saves the settings when they changed since last saved. A failure is said once, in the
    /// error panel, and not retried until they change again.
    fn save_settings(&mut self) {
        let Some((path, saved)) = &mut self.settings_file else {
            return;
        };
        if *saved == self.settings {
            return;
        }
        *saved = self.settings.clone();
        if let Err(message) = self.settings.save(path) {
            self.error = Some(OpenError {
                origin: path.display().to_string(),
                lines: vec![format!("the settings could not be saved: {message}")],
            });
        }
    }

    fn report_export(&mut self, path: &Path, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.settings.export_directory = path.parent().map(Path::to_path_buf);
                self.toast = Some((format!("Exported {}", path.display()), Instant::now()));
            }
            Err(message) => {
                self.error = Some(OpenError {
                    origin: path.display().to_string(),
                    lines: vec![message],
                });
            }
        }
    }

    /// `stakegraph — <dataset title>`.
    pub fn title(&self) -> String {
        format!("stakegraph — {}", self.workspace.dataset.title)
    }

    /// Frames the visible graph in `size`, leaving room for labels and the legend, as the
    /// exporters frame their pictures.
    fn fit(&self, size: Vec2, meta: &mut MetadataFrame) {
        let extents =
            scene::node_extents(&self.workspace.dataset, self.workspace.layout.positions());
        let visible: Vec<([f32; 2], f32, usize)> = self
            .graph
            .g()
            .node_weights()
            .filter_map(|node| extents.get(node.payload().entity).copied())
            .collect();
        let camera = scene::fit_camera(&visible, [size.x, size.y], 0.0);
        meta.zoom = camera.zoom;
        meta.pan = Vec2::new(camera.pan[0], camera.pan[1]);
    }

    fn graph_ui(&mut self, ui: &mut egui::Ui) {
        let rect = ui.available_rect_before_wrap();
        ui.ctx()
            .data_mut(|data| data.insert_temp(egui::Id::new("stakegraph-graph-rect"), rect));
        let key = meta_key();
        let mut meta = ui
            .ctx()
            .data_mut(|data| data.get_persisted::<MetadataFrame>(key))
            .unwrap_or_else(|| MetadataFrame::new(Some(VIEW_ID.to_owned())));
        let mut meta_changed = false;
        if self.fit_pending || self.frames < 2 {
            self.fit(rect.size(), &mut meta);
            self.fit_pending = false;
            meta_changed = true;
        }
        if let Some(entity) = self.center_pending.take()
            && let Some(&[x, y]) = self.workspace.layout.positions().get(entity)
        {
            meta.pan = rect.size() / 2.0 - Vec2::new(x, y) * meta.zoom;
            meta_changed = true;
            self.camera_moved = true;
        }
        // The mouse wheel zooms around the pointer (egui_graphs zooms only with Ctrl or a pinch).
        let (scroll, pinch) = ui.input(|input| (input.smooth_scroll_delta.y, input.zoom_delta()));
        if scroll != 0.0
            && pinch == 1.0
            && ui.rect_contains_pointer(rect)
            && let Some(pointer) = ui.input(|input| input.pointer.hover_pos())
        {
            let local = pointer - rect.min;
            let zoom = (meta.zoom * (scroll * 0.002).exp()).clamp(0.01, 10.0);
            meta.pan = local - (local - meta.pan) * (zoom / meta.zoom);
            meta.zoom = zoom;
            meta_changed = true;
            self.camera_moved = true;
        }
        if meta_changed {
            ui.ctx()
                .data_mut(|data| data.insert_persisted(key, meta.clone()));
        }

        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(true)
            .with_hover_enabled(true)
            .with_node_clicking_enabled(true)
            .with_edge_clicking_enabled(true);
        let navigation = SettingsNavigation::new()
            .with_fit_to_screen_enabled(false)
            .with_zoom_and_pan_enabled(true);
        // Many nodes on screen: draw the ordinary ones as one mesh, under what stands out.
        let on_screen = self
            .graph
            .g()
            .node_weights()
            .filter(|node| {
                rect.contains(meta.canvas_to_screen_pos(node.location()) + rect.min.to_vec2())
            })
            .count();
        let batched = on_screen > BATCH_FROM;
        if batched != self.batched {
            self.batched = batched;
            self.restyle();
        }
        let batch_slot = ui.painter().add(egui::Shape::Noop);
        let response = View::new()
            .with_id(Some(VIEW_ID.to_owned()))
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .with_styles(&SettingsStyle::new())
            .show(ui, &mut self.graph);

        if self.batched
            && let Some(meta) = ui
                .ctx()
                .data_mut(|data| data.get_persisted::<MetadataFrame>(key))
        {
            let mesh = graph::batch_shapes(&self.graph, &meta, response.response.rect);
            ui.painter().set(batch_slot, mesh);
        }
        let mut clicked_anything = false;
        for change in &response.changes {
            match *change {
                GraphChange::NodeClicked { node } => {
                    clicked_anything = true;
                    if let Some(view_node) = self.graph.node(node) {
                        let entity = view_node.payload().entity;
                        self.commands
                            .push_back(Command::Select(Selection::Entity(entity)));
                    }
                }
                GraphChange::EdgeClicked { edge } => {
                    clicked_anything = true;
                    if let Some(view_edge) = self.graph.edge(edge) {
                        let relation = view_edge.payload().relation;
                        self.commands
                            .push_back(Command::Select(Selection::Relation(relation)));
                    }
                }
                GraphChange::NodeDoubleClicked { node } => {
                    clicked_anything = true;
                    if let Some(view_node) = self.graph.node(node) {
                        self.commands
                            .push_back(Command::Unpin(view_node.payload().entity));
                    }
                }
                // A press on a node reports a move by nothing: only a real drag pins.
                GraphChange::NodeMoved {
                    node,
                    new_position,
                    delta,
                } if delta != Vec2::ZERO => {
                    if let Some(view_node) = self.graph.node(node) {
                        let entity = view_node.payload().entity;
                        let was_pinned = self.workspace.layout.is_pinned(entity);
                        // The user is arranging the graph: leave the view where they have it.
                        self.camera_moved = true;
                        self.workspace
                            .layout
                            .pin(entity, [new_position.x, new_position.y]);
                        if !was_pinned {
                            self.refresh(Refresh::Style);
                        }
                    }
                }
                // egui_graphs fits the view itself on its first frame; only later moves are the user's.
                GraphChange::Panned { .. } | GraphChange::Zoomed { .. } if self.frames > 1 => {
                    self.camera_moved = true;
                }
                _ => {}
            }
        }
        if response.response.clicked() && !clicked_anything {
            self.commands.push_back(Command::Select(Selection::None));
        }

        // Edge hover, for its label: egui_graphs tracks hovered nodes only.
        let hovered = response.response.hover_pos().and_then(|pointer| {
            let meta = ui
                .ctx()
                .data_mut(|data| data.get_persisted::<MetadataFrame>(key))?;
            let local = (pointer - response.response.rect.min).to_pos2();
            if self.graph.node_by_screen_pos(&meta, local).is_some() {
                return None;
            }
            let edge = self.graph.edge_by_screen_pos(&meta, local)?;
            Some(self.graph.edge(edge)?.payload().relation)
        });
        if hovered != self.hovered_relation {
            self.hovered_relation = hovered;
            self.refresh(Refresh::Style);
        }

        panels::legend_ui(ui, response.response.rect);
        if self.capture.is_some() {
            panels::caption_ui(ui, response.response.rect, &self.workspace.dataset);
        }
    }
}

/// The key egui_graphs stores this view's zoom and pan (`MetadataFrame`) under.
fn meta_key() -> egui::Id {
    egui::Id::new(MetadataFrame::new(Some(VIEW_ID.to_owned())).get_id())
}

/// The part of a screenshot under `rect` (in points), as PNG bytes.
fn crop_to_png(
    image: &egui::ColorImage,
    rect: Rect,
    pixels_per_point: f32,
) -> Result<Vec<u8>, String> {
    let [width, height] = image.size;
    let scale = |value: f32, limit: usize| {
        ((value * pixels_per_point).round().max(0.0) as usize).min(limit)
    };
    let (x0, x1) = (scale(rect.min.x, width), scale(rect.max.x, width));
    let (y0, y1) = (scale(rect.min.y, height), scale(rect.max.y, height));
    if x1 <= x0 || y1 <= y0 {
        return Err("the graph view is empty".to_owned());
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for pixel in &image.pixels[y * width + x0..y * width + x1] {
            rgba.extend_from_slice(&pixel.to_srgba_unmultiplied());
        }
    }
    crate::export::rgba_to_png((x1 - x0) as u32, (y1 - y0) as u32, rgba)
        .map_err(|error| error.to_string())
}

fn open_error(source: &Source, error: &LoadError) -> OpenError {
    let origin = source.name();
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
    OpenError { origin, lines }
}

impl eframe::App for StakegraphApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.receive_screenshot(&ctx);
        self.receive_opened(&ctx);
        self.read_shortcuts(&ctx);

        let was_running = self.workspace.layout.status() == LayoutStatus::Running;
        self.workspace.layout.advance();
        if was_running
            && self.workspace.layout.status() == LayoutStatus::Settled
            && !self.camera_moved
        {
            self.fit_pending = true;
        }
        if self.workspace.layout.status() == LayoutStatus::Settled
            && self.frames > 10
            && let Some(path) = self.export_when_settled.take()
        {
            self.commands.push_back(Command::ExportPng(path));
        }
        match self.refresh {
            Refresh::Structure => self.rebuild_view(),
            Refresh::Style => {
                self.restyle();
                self.sync_positions();
            }
            Refresh::Nothing => self.sync_positions(),
        }

        panels::toolbar_ui(self, ui);
        panels::evidence_panel_ui(self, ui);
        panels::source_panel_ui(self, ui);
        egui::CentralPanel::default().show(ui, |ui| self.graph_ui(ui));
        panels::windows_ui(self, &ctx);

        self.run_commands(&ctx);
        if let Some((_, requested @ false)) = &mut self.capture {
            *requested = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::UserData::default()));
        }
        self.frames += 1;
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            self.window_size = Some([rect.width(), rect.height()]);
        }
        self.save_settings();
        if self
            .exit_after_frames
            .is_some_and(|limit| self.frames >= limit)
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn on_exit(&mut self) {
        self.settings.window_size = self.window_size.or(self.settings.window_size);
        self.save_settings();
    }
}

/// Opens the window on `loaded` and runs until it is closed.
pub fn run(source: &Source, loaded: Loaded) -> eframe::Result {
    let title = format!("stakegraph — {}", loaded.dataset.title);
    let settings_path = Settings::default_path();
    let (settings, settings_problem) = settings_path
        .as_deref()
        .map_or_else(|| (Settings::default(), None), Settings::load);
    if let Some(problem) = &settings_problem {
        eprintln!("warning: {problem}");
    }
    let size = settings
        .window_size
        .filter(|[w, h]| w.is_finite() && h.is_finite() && *w >= 640.0 && *h >= 400.0)
        .unwrap_or([1280.0, 800.0]);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size(size)
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let source = source.clone();
    eframe::run_native(
        "stakegraph",
        options,
        Box::new(move |cc| {
            let mut app = StakegraphApp::new(cc, &source, loaded, settings, settings_path);
            app.toast = settings_problem.map(|problem| (problem, Instant::now()));
            Ok(Box::new(app))
        }),
    )
}
