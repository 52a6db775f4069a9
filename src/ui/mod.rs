//! The desktop app: the graph in the middle, the evidence on the right, the article below.
//!
//! The only module that draws with egui. This file holds the app's state and the frame loop:
//! read input into `Command`s, advance the layout, bring the view model up to date, draw the
//! panels (each returns the commands its controls produced), then run every command in one
//! place (`commands.rs`), so no panel changes state behind another's back.
//!
//! Where the rest lives: `workspace` (the dataset and everything derived from it), `view` (the
//! egui_graphs view model), `display` (how nodes and edges are painted), `graph` (the graph
//! area: camera, clicks, drags, hover, labels), `camera` (fit and centre requests), `loading`
//! (opening files on a thread), `export` (PNG from the window), `settings` (what is kept
//! between runs), `runner` (the layout in the frame or on a worker) and `panels/` (toolbar,
//! search, filters, evidence, source, legend, windows).

mod camera;
mod commands;
mod display;
mod editing;
mod export;
mod forms;
mod graph;
mod loading;
mod panels;
mod review;
mod runner;
mod settings;
mod view;
mod workspace;

use std::collections::{BTreeSet, VecDeque};
use std::path::PathBuf;
use std::time::Duration;

use egui::{Pos2, Rect};

use crate::files::Source;
use crate::format::Loaded;
use crate::layout::LayoutStatus;
use crate::model::{Dataset, EntityKind, RelationKind};
use crate::scene;

pub use camera::Camera;
pub use commands::{Command, GuardAnswer};
pub use display::{Emphasis, VIEW_ID};
pub use editing::RECOVERY_AFTER;
pub use forms::TextSelection;
pub use loading::{Failure, FailureKind};
pub use panels::search::{Match, search_matches};
pub use panels::windows::PathPurpose;
pub use settings::Settings;

pub use crate::scene::Theme;

use editing::{Pending, Recovery, Saving};
use export::Capture;
use forms::Forms;
use loading::Opening;
use panels::legend::LegendPanel;
use panels::search::SearchPanel;
use panels::source::SourcePanel;
use panels::windows::Windows;
use review::ReviewMode;
use view::{ViewInputs, ViewModel};
use workspace::Workspace;

/// What is selected, by id: the evidence panel, the highlights and the dimming follow it, and
/// it survives changes to the dataset as long as its item does.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Selection {
    #[default]
    None,
    /// An entity, by id.
    Entity(String),
    /// A relation, by id.
    Relation(String),
}

impl Selection {
    /// The selection as a picture highlights it.
    pub fn highlight(&self) -> scene::Highlight {
        match self {
            Selection::None => scene::Highlight::None,
            Selection::Entity(id) => scene::Highlight::Entity(id.clone()),
            Selection::Relation(id) => scene::Highlight::Relation(id.clone()),
        }
    }
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

/// The article as the source panel shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceMarks {
    /// The byte range of the document shown: all of it, or a window of a long text.
    pub shown: std::ops::Range<usize>,
    pub marks: Vec<MarkedQuote>,
}

/// A quote marked in the article: its bytes relative to the start of what is shown, its
/// relation, and whether it belongs to the selection (marked strongly).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkedQuote {
    pub start: usize,
    pub end: usize,
    pub relation: String,
    pub strong: bool,
}

/// With more nodes than this on screen, ordinary nodes and edges are drawn as one mesh: they
/// are a few points across, and curves, dashes and arrowheads would not show.
const BATCH_FROM: usize = 800;

/// How much of the view model is out of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Refresh {
    Nothing,
    /// Emphasis, pins or hover changed: update the elements in place.
    Style,
    /// Edits changed what `StakegraphApp::edited` names: update those elements.
    Edited,
    /// What is visible changed: rebuild the graph.
    Structure,
}

/// For the smoke test of the real binary, from the environment: quit after so many frames,
/// export the view once the layout settles.
#[derive(Clone, Debug, Default)]
struct Automation {
    exit_after_frames: Option<u64>,
    export_when_settled: Option<PathBuf>,
    /// Say on standard error when the layout first settles (the idle benchmark waits for it).
    say_settled: bool,
    /// Say on standard error when the first frame is on screen (the start-up benchmark waits
    /// for it): at the start of the second frame, which this asks for.
    say_first_frame: bool,
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
    view: ViewModel,
    selection: Selection,
    filters: Filters,
    /// How much of the view model to bring up to date before drawing.
    refresh: Refresh,
    camera: Camera,
    /// The relation under the pointer, by id.
    hovered_relation: Option<String>,
    search: SearchPanel,
    source: SourcePanel,
    legend: LegendPanel,
    windows: Windows,
    commands: VecDeque<Command>,
    frames: u64,
    automation: Automation,
    /// A dataset being opened, if any.
    opening: Option<Opening>,
    /// Ordinary nodes and edges are drawn as one mesh (many on screen).
    batched: bool,
    /// How many nodes were on screen in the last frame.
    on_screen: usize,
    capture: Capture,
    forms: Forms,
    /// The review mode, when on.
    review: Option<ReviewMode>,
    /// A save running on its thread.
    saving: Option<Saving>,
    /// What to do once the save asked for (by path) is done.
    after_save: Option<Pending>,
    recovery: Recovery,
    /// The user agreed to close: the close button no longer asks.
    quitting: bool,
    /// The window title last sent.
    shown_title: String,
    /// The label being typed in the evidence panel: the relation's id and the text.
    label_draft: Option<(String, String)>,
    /// The entity a Shift+drag to make a relation started from.
    connect: Option<String>,
    /// What the edits since the view was last brought up to date touched.
    edited: crate::edit::Touched,
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
        if let Some(path) = &settings_path {
            app.recovery = Recovery::beside(path);
        }
        app.settings_file = settings_path.map(|path| (path, app.settings.clone()));
        app.file_dialogs = true;
        app.automation = Automation {
            exit_after_frames: std::env::var("STAKEGRAPH_EXIT_AFTER_FRAMES")
                .ok()
                .and_then(|value| value.parse().ok()),
            export_when_settled: std::env::var_os("STAKEGRAPH_EXPORT_PNG").map(PathBuf::from),
            say_settled: std::env::var_os("STAKEGRAPH_SAY_SETTLED").is_some(),
            say_first_frame: std::env::var_os("STAKEGRAPH_SAY_FIRST_FRAME").is_some(),
        };
        app.apply_theme(&cc.egui_ctx);
        app
    }

    /// The app with `settings`, saving nothing and opening no file dialog, as in tests.
    pub fn with_settings(settings: Settings, source: &Source, loaded: Loaded) -> Self {
        let file = crate::files::save_target(source, crate::files::content_of(source));
        let workspace = Workspace::new(source.name(), loaded, file);
        let mut app = Self {
            settings,
            settings_file: None,
            window_size: None,
            file_dialogs: false,
            workspace,
            view: ViewModel::default(),
            selection: Selection::None,
            filters: Filters::default(),
            refresh: Refresh::Structure,
            camera: Camera::default(),
            hovered_relation: None,
            search: SearchPanel::default(),
            source: SourcePanel::default(),
            legend: LegendPanel::default(),
            windows: Windows::default(),
            commands: VecDeque::new(),
            frames: 0,
            automation: Automation::default(),
            opening: None,
            batched: false,
            on_screen: 0,
            capture: Capture::None,
            forms: Forms::default(),
            review: None,
            saving: None,
            after_save: None,
            recovery: Recovery::default(),
            quitting: false,
            shown_title: String::new(),
            label_draft: None,
            connect: None,
            edited: crate::edit::Touched::default(),
        };
        app.shown_title = app.title();
        app.rebuild_view();
        app
    }

    /// The app with the settings kept in the file at `path`: read now (the defaults, and a
    /// notice, if it cannot be), written atomically whenever they change and on exit. Opens no
    /// file dialog: this is how a test restarts the app.
    pub fn with_settings_file(path: PathBuf, source: &Source, loaded: Loaded) -> Self {
        let (settings, problem) = Settings::load(&path);
        let mut app = Self::with_settings(settings, source, loaded);
        app.recovery = Recovery::beside(&path);
        app.settings_file = Some((path, app.settings.clone()));
        if let Some(problem) = problem {
            app.windows.toast(problem);
        }
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

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// Sets the filters, as the Filters menu does.
    pub fn set_filters(&mut self, filters: Filters) {
        self.commands.push_back(Command::SetFilters(filters));
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// What failed last (opening a file, exporting, saving the settings), if it is still shown.
    pub fn failure(&self) -> Option<&Failure> {
        self.windows.failure.as_ref()
    }

    /// The notice shown at the bottom of the window ("Exported …"), if any.
    pub fn notice(&self) -> Option<&str> {
        self.windows.notice()
    }

    /// The article as the source panel last laid it out: the byte range of the document shown
    /// and every quote marked in it.
    pub fn source_marks(&self) -> Option<SourceMarks> {
        let view = self.source.view()?;
        let marks = view
            .marks
            .iter()
            .filter_map(|mark| {
                let relation = self.workspace.dataset.relations.get(mark.relation)?;
                Some(MarkedQuote {
                    start: mark.start,
                    end: mark.end,
                    relation: relation.id.clone(),
                    strong: mark.strong,
                })
            })
            .collect();
        Some(SourceMarks {
            shown: view.shown.clone(),
            marks,
        })
    }

    /// Where byte `at` of the article shown in the source panel was drawn, in screen points.
    pub fn source_screen_position(&self, at: usize) -> Option<Pos2> {
        let view = self.source.view()?;
        let document = self.workspace.dataset.document(view.document_id())?;
        view.screen_position(at, &document.text)
    }

    /// Whether the layout is at rest.
    pub fn layout_status(&self) -> LayoutStatus {
        self.workspace.layout.status()
    }

    /// Whether the user pinned the entity with this id by dragging it.
    pub fn is_pinned(&self, id: &str) -> bool {
        self.workspace
            .entity_position(id)
            .is_some_and(|index| self.workspace.layout.is_pinned(index))
    }

    /// Where the layout has the entity with this id.
    pub fn layout_position(&self, id: &str) -> Option<[f32; 2]> {
        self.workspace.layout_position(id)
    }

    /// Ids of the entities in the view model (what is drawn), sorted.
    pub fn visible_entities(&self) -> Vec<String> {
        let mut visible: Vec<String> = self
            .view
            .graph
            .g()
            .node_weights()
            .filter_map(|n| self.entity_id(n.payload().entity))
            .collect();
        visible.sort_unstable();
        visible
    }

    /// Ids of the relations in the view model, sorted.
    pub fn visible_relations(&self) -> Vec<String> {
        let mut visible: Vec<String> = self
            .view
            .graph
            .g()
            .edge_weights()
            .map(|e| e.payload().relation)
            .chain(self.view.batched_edges.iter().map(|e| e.relation))
            .filter_map(|relation| self.relation_id(relation))
            .collect();
        visible.sort_unstable();
        visible
    }

    /// Where the entity with this id is drawn, in screen points, for the view of `ctx`;
    /// `None` when hidden.
    pub fn entity_screen_position(
        &self,
        ctx: &egui::Context,
        graph_rect: Rect,
        id: &str,
    ) -> Option<Pos2> {
        let node = self.view.node_of.get(id)?;
        let location = self.view.graph.node(*node)?.location();
        let meta = camera::load_meta(ctx)?;
        Some(meta.canvas_to_screen_pos(location) + graph_rect.min.to_vec2())
    }

    /// The screen box (in points) of each label drawn in the last frame, by entity id, sorted.
    pub fn label_boxes(&self, ctx: &egui::Context, graph_rect: Rect) -> Vec<(String, Rect)> {
        self.screen_boxes(ctx, graph_rect, |node, center, _| {
            Some(node.label.as_ref()?.rect.translate(center.to_vec2()))
        })
    }

    /// The screen box of every node drawn in the last frame (its shape), by entity id, sorted.
    pub fn node_boxes(&self, ctx: &egui::Context, graph_rect: Rect) -> Vec<(String, Rect)> {
        self.screen_boxes(ctx, graph_rect, |node, center, zoom| {
            let half = scene::screen_radius(node.radius, zoom) * 1.2;
            Some(Rect::from_center_size(
                center,
                egui::Vec2::splat(half * 2.0),
            ))
        })
    }

    /// A box on screen for each node of the view model, from its data, its centre on screen
    /// and the zoom; sorted by entity id.
    fn screen_boxes(
        &self,
        ctx: &egui::Context,
        graph_rect: Rect,
        box_of: impl Fn(&display::NodeData, Pos2, f32) -> Option<Rect>,
    ) -> Vec<(String, Rect)> {
        let Some(meta) = camera::load_meta(ctx) else {
            return Vec::new();
        };
        let mut boxes: Vec<(String, Rect)> = self
            .view
            .graph
            .g()
            .node_weights()
            .filter_map(|node| {
                let center = meta.canvas_to_screen_pos(node.location()) + graph_rect.min.to_vec2();
                let shape = box_of(node.payload(), center, meta.zoom)?;
                Some((self.entity_id(node.payload().entity)?, shape))
            })
            .collect();
        boxes.sort_by(|a, b| a.0.cmp(&b.0));
        boxes
    }

    /// The rectangle of the graph view in the last frame.
    pub fn graph_rect(&self, ctx: &egui::Context) -> Option<Rect> {
        graph::last_rect(ctx)
    }

    /// The rectangle the legend took in the last frame (folded or not), if drawn.
    pub fn legend_rect(&self) -> Option<Rect> {
        self.legend.last_rect()
    }

    /// Starts opening `source` on a loading thread; the current graph stays on screen, with
    /// progress in the toolbar, until the new one is ready (then it replaces it) or fails (then
    /// every problem is shown and it stays).
    pub fn open(&mut self, source: &Source) {
        self.opening = Some(Opening::start(source));
    }

    /// Applies `edit` as the window does, and brings what is shown up to date at once (the
    /// window does that before drawing the next frame). For the edit benchmark; `false` when
    /// the edit was refused.
    pub fn apply_and_refresh(&mut self, edit: crate::edit::Edit) -> bool {
        let done = self.workspace.history.len();
        self.apply_edit(edit, None);
        self.update_view();
        self.workspace.history.len() > done
    }

    /// Saves the dataset to `path`, as Save as… does once a path is chosen.
    pub fn save_as_path(&mut self, path: PathBuf) {
        self.commands.push_back(Command::SaveTo(path));
    }

    /// Undoes the last edit and brings what is shown up to date at once.
    pub fn undo_and_refresh(&mut self) {
        self.undo();
        self.update_view();
    }

    /// Opens `path` as Open… does: first asking about unsaved changes, if there are any.
    pub fn open_guarded(&mut self, path: PathBuf) {
        self.commands.push_back(Command::Open(path));
    }

    /// Whether a dataset is being opened.
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// Puts a changed version of the dataset on screen: everything derived from it is
    /// recomputed, the layout carries on warm from where each entity was, and the selection,
    /// pins and hover, held by id, survive as long as their items do.
    pub fn replace_dataset(&mut self, dataset: Dataset) {
        self.workspace.replace_dataset(dataset);
        let derived = &self.workspace.derived;
        let gone = match &self.selection {
            Selection::None => false,
            Selection::Entity(id) => derived.entity(id).is_none(),
            Selection::Relation(id) => derived.relation(id).is_none(),
        };
        if gone {
            self.selection = Selection::None;
        }
        if self
            .hovered_relation
            .as_deref()
            .is_some_and(|id| derived.relation(id).is_none())
        {
            self.hovered_relation = None;
        }
        self.source.forget();
        self.refresh(Refresh::Structure);
    }

    /// Exports the graph view to `path` at the chosen density, as `Export PNG…` does once a
    /// file is chosen.
    pub fn request_export(&mut self, path: PathBuf) {
        self.commands.push_back(Command::ExportPng(path));
    }

    /// The id of the entity at `position` in the dataset on screen.
    fn entity_id(&self, position: usize) -> Option<String> {
        Some(self.workspace.dataset.entities.get(position)?.id.clone())
    }

    /// The id of the relation at `position` in the dataset on screen.
    fn relation_id(&self, position: usize) -> Option<String> {
        Some(self.workspace.dataset.relations.get(position)?.id.clone())
    }

    /// Offers `path` under "Open recent" from now on (saved with the settings).
    fn remember_file(&mut self, path: &std::path::Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.settings.recent_file = Some(path);
    }

    /// `stakegraph — <dataset title>`, with a `•` before the title while there are unsaved
    /// changes.
    pub fn title(&self) -> String {
        let unsaved = if self.workspace.history.is_dirty() {
            "• "
        } else {
            ""
        };
        format!("stakegraph — {unsaved}{}", self.workspace.dataset.title)
    }

    /// Whether the dataset has changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.workspace.history.is_dirty()
    }

    /// The name of the edit Undo would undo, and of the one Redo would redo.
    pub fn undo_redo_names(&self) -> (Option<&str>, Option<&str>) {
        let history = &self.workspace.history;
        (history.undo_name(), history.redo_name())
    }

    /// The file Save writes, if the dataset has one.
    pub fn save_path(&self) -> Option<&std::path::Path> {
        self.workspace.file.as_deref()
    }

    /// The text selected in the article panel.
    pub fn text_selection(&self) -> Option<&TextSelection> {
        self.source.text_selection()
    }

    /// Selects `start..end` of the document the article panel shows, as a drag over it does.
    pub fn select_text_span(&mut self, start: usize, end: usize) {
        if let Some(view) = self.source.view() {
            let document = view.document_id().to_owned();
            self.source.set_text_selection(TextSelection {
                document,
                start,
                end,
            });
        }
    }

    /// What waits for the answer about unsaved changes, if the question is shown.
    pub fn guard(&self) -> Option<String> {
        self.windows.guard.as_ref().map(Pending::describe)
    }

    /// Whether unsaved work from an earlier run is offered for restoring.
    pub fn recovery_offered(&self) -> bool {
        self.recovery.offered.is_some()
    }

    /// Puts a workspace on screen in place of the current one: a file opened, work restored.
    fn install_workspace(&mut self, workspace: Workspace) {
        self.workspace = workspace;
        self.source.forget();
        self.source.clear_text_selection();
        self.selection = Selection::None;
        self.hovered_relation = None;
        self.filters = Filters::default();
        self.review = None;
        self.forms = Forms::default();
        self.search.clear();
        self.camera = Camera::default();
        self.refresh(Refresh::Structure);
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
            selection: &self.selection,
            hovered: self.hovered_relation.as_deref(),
            batched: self.batched,
        }
    }

    /// Rebuilds the egui_graphs view model from the dataset, filters and selection.
    fn rebuild_view(&mut self) {
        self.view = self.inputs().build();
        self.view.synced = Some(self.workspace.layout.moves());
        self.refresh = Refresh::Nothing;
    }

    /// Updates emphasis, pins, hover and batching in the view model in place.
    fn restyle_view(&mut self) {
        let mut view = std::mem::take(&mut self.view);
        self.inputs().restyle(&mut view);
        self.view = view;
        self.refresh = Refresh::Nothing;
    }

    /// Asks for the view model to be brought up to date before the next drawing.
    fn refresh(&mut self, level: Refresh) {
        self.refresh = self.refresh.max(level);
    }

    /// Brings the view model up to date: rebuilt, restyled, and the layout's positions in.
    fn update_view(&mut self) {
        match self.refresh {
            Refresh::Structure => self.rebuild_view(),
            Refresh::Edited => {
                let touched = std::mem::take(&mut self.edited);
                let mut view = std::mem::take(&mut self.view);
                let updated = self.inputs().update(&mut view, &touched);
                self.view = view;
                if updated {
                    // The layout may have restarted: take its positions whatever it counts.
                    self.view.synced = None;
                    self.refresh = Refresh::Nothing;
                } else {
                    self.rebuild_view();
                }
            }
            Refresh::Style => self.restyle_view(),
            Refresh::Nothing => {}
        }
        self.edited = crate::edit::Touched::default();
        let moves = self.workspace.layout.moves();
        if self.view.synced != Some(moves) {
            view::sync_positions(&mut self.view, self.workspace.layout.positions());
            self.view.synced = Some(moves);
        }
    }

    /// Asks egui for the next frame only while something moves or waits: the layout, a file
    /// being opened, an export in progress, work queued for the next frame. Otherwise egui
    /// sleeps until input arrives, and an idle window uses no CPU.
    fn request_frames(&self, ctx: &egui::Context) {
        let busy = self.workspace.layout.status() == LayoutStatus::Running
            || self.saving.is_some()
            || self.capture != Capture::None
            || !self.commands.is_empty()
            || self.camera.has_request()
            || self.refresh != Refresh::Nothing
            || self.automation.exit_after_frames.is_some()
            || self.automation.export_when_settled.is_some()
            || self.automation.say_first_frame;
        if busy {
            ctx.request_repaint();
        } else if self.opening.is_some() {
            // The loading thread has no handle on the window: look for its result now and then.
            ctx.request_repaint_after(Duration::from_millis(50));
        } else if let Some(due) = self.recovery.due_in() {
            // One frame when the recovery file is due, then none.
            ctx.request_repaint_after(due);
        }
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
            self.windows.failure = Some(Failure {
                kind: FailureKind::SaveSettings,
                origin: path.display().to_string(),
                lines: vec![message],
            });
        }
    }

    /// Moves the layout on, and notes what its settling asks for.
    fn advance_layout(&mut self) {
        let was_running = self.workspace.layout.status() == LayoutStatus::Running;
        self.workspace.layout.advance();
        if was_running && self.workspace.layout.status() == LayoutStatus::Settled {
            self.camera.settled();
            if std::mem::take(&mut self.automation.say_settled) {
                eprintln!(
                    "stakegraph: the layout settled after {} frames",
                    self.frames
                );
            }
        }
        if self.workspace.layout.status() == LayoutStatus::Settled
            && self.frames > 10
            && let Some(path) = self.automation.export_when_settled.take()
        {
            self.commands.push_back(Command::ExportPng(path));
        }
    }
}

impl eframe::App for StakegraphApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.frames == 0 {
            self.apply_theme(&ctx);
        }
        if self.frames == 1 && std::mem::take(&mut self.automation.say_first_frame) {
            eprintln!("stakegraph: first frame drawn");
        }
        self.receive_screenshot(&ctx);
        self.receive_opened(&ctx);
        self.receive_saved();
        self.read_shortcuts(&ctx);
        self.advance_layout();
        self.update_view();

        let commands = self.panels_ui(ui);
        self.commands.extend(commands);
        if self.review.is_some() {
            let commands = self.review_bar_ui(ui);
            self.commands.extend(commands);
        }
        egui::CentralPanel::default().show(ui, |ui| self.graph_ui(ui));
        let commands = self.forms.ui(
            &ctx,
            &self.workspace.dataset,
            self.source.text_selection(),
            self.recovery.offered.as_ref(),
        );
        self.commands.extend(commands);
        let title = self.workspace.dataset.title.clone();
        let commands = self.windows.ui(&ctx, &title);
        self.commands.extend(commands);

        self.run_commands(&ctx);
        self.write_recovery();
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        self.capture.request(&ctx);
        self.frames += 1;
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            self.window_size = Some([rect.width(), rect.height()]);
        }
        self.save_settings();
        self.request_frames(&ctx);
        if self
            .automation
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

/// The size the window's icon is drawn at, in pixels: a desktop scales it down for title bars
/// and task switchers.
const WINDOW_ICON_SIZE: u32 = 128;

/// Opens the window on `loaded` and runs until it is closed; `then`, if any, is opened in it at
/// once, as Open… would, so that its progress and problems show in the window.
pub fn run(source: &Source, loaded: Loaded, then: Option<Source>) -> eframe::Result {
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
            .with_drag_and_drop(true)
            .with_app_id(crate::desktop::APP_ID)
            .with_icon(std::sync::Arc::new(egui::IconData {
                rgba: crate::desktop::icon_rgba(WINDOW_ICON_SIZE),
                width: WINDOW_ICON_SIZE,
                height: WINDOW_ICON_SIZE,
            })),
        ..Default::default()
    };
    let source = source.clone();
    eframe::run_native(
        crate::desktop::APP_ID,
        options,
        Box::new(move |cc| {
            let mut app = StakegraphApp::new(cc, &source, loaded, settings, settings_path);
            // `stakegraph open FILE` is a file opened like any other: offered again next time.
            if let Source::File(path) = &source {
                app.remember_file(path);
            }
            if let Some(problem) = settings_problem {
                app.windows.toast(problem);
            }
            if let Some(then) = &then {
                app.open(then);
            }
            Ok(Box::new(app))
        }),
    )
}
