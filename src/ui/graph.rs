//! The graph area: carries out camera requests (fit, centre), zooms with the wheel around the
//! pointer, places this frame's labels for this frame's camera (`scene::place_labels`, as the
//! exporters do), lets egui_graphs draw and report clicks, drags and hover, and turns what it
//! reports into commands. Draws the legend (and, for a screenshot export, the caption) on top.

use egui::{Pos2, Rect, Vec2};
use egui_graphs::{
    GraphChange, MetadataFrame, SettingsInteraction, SettingsNavigation, SettingsStyle,
};
use petgraph::stable_graph::NodeIndex;

use super::camera::{self, CameraRequest};
use super::display::{Emphasis, Label, View, ZOOM_ALL_LABELS, batch_shapes};
use super::{BATCH_FROM, Command, Refresh, Selection, StakegraphApp, panels};
use crate::scene::{self, LabelledNode};
use crate::style;

/// Where the graph area's rectangle of the last frame is kept in egui's memory.
fn rect_key() -> egui::Id {
    egui::Id::new("stakegraph-graph-rect")
}

/// The graph area's rectangle in the last frame.
pub fn last_rect(ctx: &egui::Context) -> Option<Rect> {
    ctx.data(|data| data.get_temp::<Rect>(rect_key()))
}

impl StakegraphApp {
    pub(super) fn graph_ui(&mut self, ui: &mut egui::Ui) {
        let rect = ui.available_rect_before_wrap();
        let ctx = ui.ctx().clone();
        ctx.data_mut(|data| data.insert_temp(rect_key(), rect));
        let mut meta = camera::meta_or_new(&ctx);
        let mut meta_changed = false;
        // egui_graphs settles its own idea of the view in its first frames: fit over it.
        if self.frames < 2 && !self.camera.has_request() {
            self.camera.fit();
        }
        let reserve = self.legend.reserve(rect.size());
        match self.camera.take() {
            CameraRequest::None => {}
            CameraRequest::Fit => {
                self.fit(rect.size(), reserve, &mut meta);
                meta_changed = true;
            }
            CameraRequest::Center(id) => {
                if let Some([x, y]) = self.workspace.layout_position(&id) {
                    meta.pan = rect.size() / 2.0 - Vec2::new(x, y) * meta.zoom;
                    meta_changed = true;
                }
            }
            CameraRequest::Reveal(id) => {
                if let Some([x, y]) = self.workspace.layout_position(&id) {
                    let on_screen = Vec2::new(x, y) * meta.zoom + meta.pan;
                    let room = Rect::from_min_size(Pos2::ZERO, rect.size()).shrink(40.0);
                    if !room.contains(on_screen.to_pos2()) {
                        meta.pan = rect.size() / 2.0 - Vec2::new(x, y) * meta.zoom;
                        meta_changed = true;
                    }
                }
            }
        }
        // The mouse wheel zooms around the pointer (egui_graphs zooms only with Ctrl or a pinch).
        let (scroll, pinch) = ui.input(|input| (input.smooth_scroll_delta.y, input.zoom_delta()));
        if scroll != 0.0
            && pinch == 1.0
            && ui.rect_contains_pointer(rect)
            && let Some(pointer) = ui.input(|input| input.pointer.hover_pos())
        {
            let local = pointer - rect.min;
            let zoom = (meta.zoom * (scroll * 0.002).exp()).clamp(0.005, 10.0);
            meta.pan = local - (local - meta.pan) * (zoom / meta.zoom);
            meta.zoom = zoom;
            meta_changed = true;
            self.camera.user_moved();
        }
        if meta_changed {
            camera::store_meta(&ctx, meta.clone());
        }

        // Many nodes on screen (in the last frame): draw the ordinary ones as one mesh, under
        // what stands out. Ordinary relations then leave the view model.
        let batched = self.on_screen > BATCH_FROM;
        if batched != self.batched {
            self.batched = batched;
            self.rebuild_view();
        }
        let (placed_for, on_screen) = self.place_labels(&meta, rect);
        if (on_screen > BATCH_FROM) != self.batched {
            ctx.request_repaint();
        }
        self.on_screen = on_screen;

        // Shift and a drag from one node to another starts a relation between them; then the
        // drag neither moves the node nor pans the view.
        let shift = ui.input(|input| input.modifiers.shift);
        let connecting = shift || self.connect.is_some();
        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(!connecting)
            .with_hover_enabled(true)
            .with_node_clicking_enabled(true)
            .with_edge_clicking_enabled(true);
        let navigation = SettingsNavigation::new()
            .with_fit_to_screen_enabled(false)
            .with_zoom_and_pan_enabled(!connecting);
        let batch_slot = ui.painter().add(egui::Shape::Noop);
        let response = View::new()
            .with_id(Some(super::VIEW_ID.to_owned()))
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .with_styles(&SettingsStyle::new())
            // Frames are asked for by `request_frames`: none once nothing moves.
            .with_continuous_repaint(false)
            .show(ui, &mut self.view.graph);
        // Labels were placed for the hover and drag state before this frame's input: if that
        // changed, draw once more with the labels placed for the new state.
        if placed_for != self.pointer_state() {
            ctx.request_repaint();
        }

        if self.batched
            && let Some(meta) = camera::load_meta(&ctx)
        {
            let mesh = batch_shapes(&self.view, &meta, response.response.rect);
            ui.painter().set(batch_slot, mesh);
        }
        let pointer = response.response.hover_pos().and_then(|at| {
            let meta = camera::load_meta(&ctx)?;
            Some(meta.screen_to_canvas_pos((at - response.response.rect.min).to_pos2()))
        });
        self.graph_changes(&response.changes, pointer);
        self.connect_ui(ui, &response.response, pointer, shift);
        if response.response.clicked()
            && !response.changes.iter().any(|change| {
                matches!(
                    change,
                    GraphChange::NodeClicked { .. }
                        | GraphChange::EdgeClicked { .. }
                        | GraphChange::NodeDoubleClicked { .. }
                )
            })
        {
            self.commands.push_back(Command::Select(Selection::None));
        }
        self.hover_edge(&ctx, &response.response);

        let suggestions = self.workspace.suggestion_count() > 0;
        self.legend.ui(ui, response.response.rect, suggestions);
        if self.capture.shows_caption() {
            panels::legend::caption_ui(ui, response.response.rect, &self.workspace.dataset);
            self.capture.caption_drawn();
        }
    }

    /// Frames the visible graph and its labels in `size`, clear of the legend, as the
    /// exporters frame their pictures.
    fn fit(&self, size: Vec2, reserve: scene::Reserve, meta: &mut MetadataFrame) {
        let mut visible = vec![false; self.workspace.dataset.entities.len()];
        for node in self.view.graph.g().node_weights() {
            if let Some(slot) = visible.get_mut(node.payload().entity) {
                *slot = true;
            }
        }
        let nodes = scene::fit_nodes(
            &self.workspace.dataset,
            &self.workspace.derived,
            self.workspace.layout.positions(),
            &visible,
            self.selection.highlight().resolve(&self.workspace.derived),
        );
        let camera = scene::fit_view(&nodes, [size.x, size.y], reserve);
        meta.zoom = camera.zoom;
        meta.pan = Vec2::new(camera.pan[0], camera.pan[1]);
    }

    /// The node under the pointer and the one being dragged, as egui_graphs last saw them.
    fn pointer_state(&self) -> (Option<NodeIndex>, Option<NodeIndex>) {
        (
            self.view.graph.hovered_node(),
            self.view.graph.dragged_node(),
        )
    }

    /// Decides which labels this frame shows and where, for this frame's camera, and tells
    /// each node. Returns the hover and drag state it placed them for, and how many nodes
    /// are on screen.
    fn place_labels(
        &mut self,
        meta: &MetadataFrame,
        rect: Rect,
    ) -> ((Option<NodeIndex>, Option<NodeIndex>), usize) {
        let pointer = self.pointer_state();
        let zoom = meta.zoom;
        self.view.zoom = zoom;
        let all = zoom >= ZOOM_ALL_LABELS;
        // Only what is near the screen takes part: what is far off is not drawn. In a big
        // graph labels keep clear of labelled nodes only (`scene::place_labels`), so the
        // others need not take part at all.
        let near = Rect::from_min_size(Pos2::ZERO, rect.size()).expand(200.0);
        let big = self.view.graph.node_count() > scene::NODES_LABELS_AVOID;
        // In a graph too big to label whole, labels that find no free spot are left out.
        let many = self.view.graph.node_count() > scene::LABEL_ALL_UP_TO;
        let screen = Rect::from_min_size(Pos2::ZERO, rect.size());
        let mut on_screen = 0;
        let mut nodes: Vec<(NodeIndex, LabelledNode)> = Vec::new();
        for node in self.view.graph.g().node_indices() {
            let Some(view_node) = self.view.graph.node(node) else {
                continue;
            };
            let center = meta.canvas_to_screen_pos(view_node.location());
            if !near.contains(center) {
                continue;
            }
            on_screen += usize::from(screen.contains(center));
            let data = view_node.payload();
            let pointed = pointer.0 == Some(node) || pointer.1 == Some(node);
            let highlighted = matches!(data.emphasis, Emphasis::Selected | Emphasis::Related);
            let shown = data.always_labelled || all || highlighted || pointed;
            if big && !shown {
                continue;
            }
            // The exporters' order, with what the pointer is on before everything.
            let (rank, by_degree) = scene::label_priority(
                data.emphasis == Emphasis::Selected,
                highlighted,
                self.workspace.derived.degree_of(data.entity),
            );
            let rank = if pointed { 0 } else { rank + 1 };
            nodes.push((
                node,
                LabelledNode {
                    entity: data.entity,
                    center: [center.x, center.y],
                    radius: scene::screen_radius(data.radius, zoom),
                    label: shown,
                    priority: (rank, by_degree),
                    optional: many && !pointed && !highlighted,
                },
            ));
        }
        let size = style::label_size(zoom);
        let entities = &self.workspace.dataset.entities;
        let screen: Vec<LabelledNode> = nodes.iter().map(|(_, node)| *node).collect();
        // Clear of the legend, as a fit leaves them.
        let reserve = self.legend.reserve(rect.size());
        let area = (
            [reserve.left, reserve.top],
            [rect.width(), rect.height() - reserve.bottom],
        );
        let placed = scene::place_labels(
            &screen,
            |entity| {
                [
                    scene::text_width(&entities[entity].name, size),
                    scene::text_height(size),
                ]
            },
            Some(area),
        );
        // Labels drawn last frame and not this one are taken off; then this frame's are set.
        for node in std::mem::take(&mut self.view.labelled) {
            if let Some(view_node) = self.view.graph.node_mut(node) {
                view_node.payload_mut().label = None;
            }
        }
        let node_of_entity: rustc_hash::FxHashMap<usize, (NodeIndex, [f32; 2])> = nodes
            .iter()
            .map(|(node, labelled)| (labelled.entity, (*node, labelled.center)))
            .collect();
        for (entity, [x0, y0, x1, y1]) in placed {
            let Some(&(node, [cx, cy])) = node_of_entity.get(&entity) else {
                continue;
            };
            // Relative to the node's centre, so it stays put while the view pans.
            let label =
                Rect::from_min_max(Pos2::new(x0 - cx, y0 - cy), Pos2::new(x1 - cx, y1 - cy));
            let Some(text) = self.view.names.get(node.index()).cloned() else {
                continue;
            };
            if let Some(view_node) = self.view.graph.node_mut(node) {
                view_node.payload_mut().label = Some(Label { text, rect: label });
                self.view.labelled.push(node);
            }
        }
        (pointer, on_screen)
    }

    /// The node under `pointer` (canvas units): one whose shape is there before one whose
    /// label is, since in a crowded picture a label may lie over another node.
    fn node_under_pointer(&self, pointer: Option<Pos2>) -> Option<NodeIndex> {
        let pointer = pointer?;
        let zoom = self.view.zoom;
        let mut on_label = None;
        for node in self.view.graph.g().node_indices() {
            let data = self.view.graph.node(node)?;
            let offset = pointer - data.location();
            let reach = scene::node_reach(data.payload().radius, zoom) / zoom;
            if offset.length() <= reach {
                return Some(node);
            }
            let on_screen = (offset * zoom).to_pos2();
            if on_label.is_none()
                && data
                    .payload()
                    .label
                    .as_ref()
                    .is_some_and(|label| label.rect.contains(on_screen))
            {
                on_label = Some(node);
            }
        }
        on_label
    }

    /// A Shift+drag from a node: the line follows the pointer, and a release over another
    /// node opens the new-relation form between the two.
    fn connect_ui(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        pointer: Option<Pos2>,
        shift: bool,
    ) {
        let (pressed, down, latest) = ui.input(|input| {
            (
                input.pointer.primary_pressed(),
                input.pointer.primary_down(),
                input.pointer.latest_pos(),
            )
        });
        let entity_at = |app: &Self, canvas: Option<Pos2>| {
            let node = app.node_under_pointer(canvas)?;
            app.entity_id(app.view.graph.node(node)?.payload().entity)
        };
        if pressed && shift && response.hovered() {
            self.connect = entity_at(self, pointer);
        }
        let Some(source) = self.connect.clone() else {
            return;
        };
        if down {
            let ctx = ui.ctx();
            if let (Some(from), Some(to)) = (
                self.entity_screen_position(ctx, response.rect, &source),
                latest,
            ) {
                let stroke = egui::Stroke::new(2.0, ui.visuals().selection.bg_fill);
                ui.painter().line_segment([from, to], stroke);
                ui.painter().circle_filled(to, 3.0, stroke.color);
            }
            return;
        }
        self.connect = None;
        let canvas = latest.and_then(|at| {
            let meta = camera::load_meta(ui.ctx())?;
            Some(meta.screen_to_canvas_pos((at - response.rect.min).to_pos2()))
        });
        if let Some(target) = entity_at(self, canvas)
            && target != source
        {
            self.commands.push_back(Command::NewRelation {
                source: Some(source),
                target: Some(target),
            });
        }
    }

    /// Turns what egui_graphs reports (clicks, double clicks, drags, pans) into commands.
    /// `pointer` is where the pointer is, in canvas units.
    fn graph_changes(&mut self, changes: &[GraphChange], pointer: Option<Pos2>) {
        for change in changes {
            match *change {
                GraphChange::NodeClicked { node } => {
                    let node = self.node_under_pointer(pointer).unwrap_or(node);
                    if let Some(view_node) = self.view.graph.node(node) {
                        let entity = view_node.payload().entity;
                        if let Some(id) = self.entity_id(entity) {
                            self.commands
                                .push_back(Command::Select(Selection::Entity(id)));
                        }
                    }
                }
                GraphChange::EdgeClicked { edge } => {
                    if let Some(view_edge) = self.view.graph.edge(edge) {
                        let relation = view_edge.payload().relation;
                        if let Some(id) = self.relation_id(relation) {
                            self.commands
                                .push_back(Command::Select(Selection::Relation(id)));
                        }
                    }
                }
                GraphChange::NodeDoubleClicked { node } => {
                    let node = self.node_under_pointer(pointer).unwrap_or(node);
                    if let Some(view_node) = self.view.graph.node(node)
                        && let Some(id) = self.entity_id(view_node.payload().entity)
                    {
                        self.commands.push_back(Command::Unpin(id));
                    }
                }
                // A press on a node reports a move by nothing: only a real drag pins.
                GraphChange::NodeMoved {
                    node,
                    new_position,
                    delta,
                } if delta != Vec2::ZERO => {
                    if let Some(view_node) = self.view.graph.node(node) {
                        let entity = view_node.payload().entity;
                        let was_pinned = self.workspace.layout.is_pinned(entity);
                        // The user is arranging the graph: leave the view where they have it.
                        self.camera.user_moved();
                        self.workspace
                            .layout
                            .pin(entity, [new_position.x, new_position.y]);
                        if !was_pinned {
                            self.refresh(Refresh::Style);
                        }
                    }
                }
                // egui_graphs frames the view itself on its first frame; only later moves are
                // the user's.
                GraphChange::Panned { .. } | GraphChange::Zoomed { .. } if self.frames > 1 => {
                    self.camera.user_moved();
                }
                _ => {}
            }
        }
    }

    /// Edge hover, for its label: egui_graphs tracks hovered nodes only.
    fn hover_edge(&mut self, ctx: &egui::Context, response: &egui::Response) {
        let hovered = response.hover_pos().and_then(|pointer| {
            let meta = camera::load_meta(ctx)?;
            let local = (pointer - response.rect.min).to_pos2();
            if self.view.graph.node_by_screen_pos(&meta, local).is_some() {
                return None;
            }
            let edge = self.view.graph.edge_by_screen_pos(&meta, local)?;
            self.relation_id(self.view.graph.edge(edge)?.payload().relation)
        });
        if hovered != self.hovered_relation {
            self.hovered_relation = hovered;
            self.refresh(Refresh::Style);
        }
    }
}
