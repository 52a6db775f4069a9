//! The graph as egui_graphs draws it: a view model rebuilt from the dataset, the filters and the
//! selection, and the node and edge displays that paint it in the shared style.
//!
//! egui_graphs only draws and reports clicks and drags here; positions come from
//! `layout::ForceLayout`, so the picture does not depend on the window or the frame rate.

use std::sync::Arc;

use egui::epaint::TextShape;
use egui::{Color32, FontId, Pos2, Shape, Stroke, Vec2};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, Layout, LayoutState, Node, NodeProps,
};
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::style::{self, NodeShape, Rgb};

/// How much an element stands out, given the selection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Emphasis {
    /// Nothing is selected.
    #[default]
    Normal,
    /// The selection itself.
    Selected,
    /// Touches the selection.
    Related,
    /// Unrelated to the selection: drawn faint.
    Dimmed,
}

/// What the view model keeps of an entity.
#[derive(Clone, Debug)]
pub struct NodeData {
    /// Index of the entity in the dataset.
    pub entity: usize,
    /// Shared, because egui_graphs clones both nodes of every edge each frame.
    pub name: Arc<str>,
    pub shape: NodeShape,
    pub color: Rgb,
    pub radius: f32,
    pub emphasis: Emphasis,
    pub pinned: bool,
    /// Show the label whatever the zoom (level of detail for big graphs).
    pub label: bool,
    /// Drawn with all the others in one mesh (`batch_shapes`), unless it stands out.
    pub batched: bool,
}

/// Edges shorter than this on screen are drawn as plain segments.
const FAR_EDGE_POINTS: f32 = 40.0;

/// From this zoom on, every node shows its label.
pub const ZOOM_ALL_LABELS: f32 = 0.9;

/// What the view model keeps of a relation.
#[derive(Clone, Debug)]
pub struct EdgeData {
    /// Index of the relation in the dataset.
    pub relation: usize,
    /// Shown on hover and selection: "supports: backs".
    pub label: Arc<str>,
    pub color: Rgb,
    pub width: f32,
    pub dashed: bool,
    pub emphasis: Emphasis,
    pub hovered: bool,
    /// Drawn with all the others in one mesh (`batch_shapes`), unless it stands out.
    pub batched: bool,
}

/// The egui_graphs graph of the stakeholders.
pub type ViewGraph =
    egui_graphs::Graph<NodeData, EdgeData, Directed, DefaultIx, NodeView, EdgeView>;

/// The id under which egui_graphs keeps this view's zoom and pan.
pub const VIEW_ID: &str = "stakegraph";

pub fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

fn faded(color: Color32, emphasis: Emphasis) -> Color32 {
    if emphasis == Emphasis::Dimmed {
        color.gamma_multiply(0.18)
    } else {
        color
    }
}

/// A node as drawn.
#[derive(Clone, Debug)]
pub struct NodeView {
    position: Pos2,
    data: NodeData,
    hovered: bool,
    dragged: bool,
}

impl From<NodeProps<NodeData>> for NodeView {
    fn from(props: NodeProps<NodeData>) -> Self {
        Self {
            position: props.location(),
            hovered: props.hovered,
            dragged: props.dragged,
            data: props.payload,
        }
    }
}

impl DisplayNode<NodeData, EdgeData, Directed, DefaultIx> for NodeView {
    fn closest_boundary_point(&self, direction: Vec2) -> Pos2 {
        self.position + direction.normalized() * self.data.radius
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let center = ctx.meta.canvas_to_screen_pos(self.position);
        let radius = ctx.meta.canvas_to_screen_size(self.data.radius).max(3.0);
        // Off screen: nothing to draw (the margin leaves room for the label).
        if !ctx
            .painter
            .clip_rect()
            .expand(radius + 120.0)
            .contains(center)
        {
            return Vec::new();
        }
        let visuals = &ctx.ctx.global_style().visuals;
        let emphasis = self.data.emphasis;
        let fill = faded(color(self.data.color), emphasis);
        let outline = if emphasis == Emphasis::Selected || self.hovered || self.dragged {
            Stroke::new(2.5, visuals.strong_text_color())
        } else {
            Stroke::new(1.0, faded(visuals.panel_fill, emphasis))
        };
        let stands_out = self.hovered
            || self.dragged
            || matches!(emphasis, Emphasis::Selected | Emphasis::Related);
        if self.data.batched && !stands_out {
            // Its shape is in the batch mesh; only its label, if any, is drawn here.
            let mut shapes = Vec::new();
            if self.data.label || ctx.meta.zoom >= ZOOM_ALL_LABELS {
                label_shapes(&mut shapes, ctx, &self.data.name, center, radius, emphasis);
            }
            return shapes;
        }
        // Level of detail: a node a few points across is a dot.
        if radius <= 3.0 && !self.hovered && emphasis != Emphasis::Selected && !self.data.label {
            return vec![Shape::circle_filled(center, radius, fill)];
        }
        let mut shapes = Vec::with_capacity(4);
        match self.data.shape {
            NodeShape::Circle => shapes.push(Shape::circle_filled(center, radius, fill)),
            NodeShape::Diamond => {
                let r = radius * 1.2;
                let points = vec![
                    center + Vec2::new(0.0, -r),
                    center + Vec2::new(r, 0.0),
                    center + Vec2::new(0.0, r),
                    center + Vec2::new(-r, 0.0),
                ];
                shapes.push(Shape::convex_polygon(points, fill, Stroke::NONE));
            }
            NodeShape::Square => {
                let rect = egui::Rect::from_center_size(center, Vec2::splat(radius * 1.8));
                shapes.push(Shape::rect_filled(rect, radius * 0.25, fill));
            }
        }
        shapes.push(outline_shape(self.data.shape, center, radius, outline));
        if self.data.pinned {
            // A pin head on the upper right rim.
            let head = center + Vec2::new(radius * 0.75, -radius * 0.75);
            shapes.push(Shape::circle_filled(head, 3.5, visuals.strong_text_color()));
            shapes.push(Shape::circle_stroke(
                head,
                3.5,
                Stroke::new(1.0, visuals.panel_fill),
            ));
        }
        let show_label = self.data.label
            || self.hovered
            || self.dragged
            || matches!(emphasis, Emphasis::Selected | Emphasis::Related)
            || ctx.meta.zoom >= ZOOM_ALL_LABELS;
        if !show_label {
            return shapes;
        }
        label_shapes(&mut shapes, ctx, &self.data.name, center, radius, emphasis);
        shapes
    }

    fn update(&mut self, state: &NodeProps<NodeData>) {
        self.position = state.location();
        self.hovered = state.hovered;
        self.dragged = state.dragged;
        self.data = state.payload.clone();
    }

    fn is_inside(&self, position: Pos2) -> bool {
        (position - self.position).length() <= self.data.radius * 1.2
    }
}

/// A node's name below it, on a halo so edges do not run through the letters.
fn label_shapes(
    shapes: &mut Vec<Shape>,
    ctx: &DrawContext,
    name: &str,
    center: Pos2,
    radius: f32,
    emphasis: Emphasis,
) {
    let visuals = &ctx.ctx.global_style().visuals;
    let size = style::label_size(ctx.meta.zoom);
    let text_color = faded(
        if emphasis == Emphasis::Selected {
            visuals.strong_text_color()
        } else {
            visuals.text_color()
        },
        emphasis,
    );
    let galley = ctx.ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap(name.to_owned(), FontId::proportional(size), text_color)
    });
    let top_left = center + Vec2::new(-galley.size().x / 2.0, radius * 1.2 + 2.0);
    let halo = egui::Rect::from_min_size(top_left, galley.size()).expand(1.5);
    shapes.push(Shape::rect_filled(
        halo,
        3.0,
        faded(visuals.panel_fill.gamma_multiply(0.8), emphasis),
    ));
    shapes.push(TextShape::new(top_left, galley, text_color).into());
}

/// The nodes and edges of a big graph seen from afar as one mesh: one shape instead of tens
/// of thousands keeps frames short. Straight 1-point edges and small polygons: at this
/// distance curves, dashes and arrowheads would not show. `offset` moves canvas-derived screen
/// positions into the graph view.
pub fn batch_shapes(
    graph: &ViewGraph,
    meta: &egui_graphs::MetadataFrame,
    view: egui::Rect,
) -> Shape {
    let mut mesh = egui::Mesh::default();
    let offset = view.min.to_vec2();
    let at = |location: Pos2| meta.canvas_to_screen_pos(location) + offset;
    for edge in graph.g().edge_indices() {
        let (Some((from, to)), Some(view_edge)) = (graph.edge_endpoints(edge), graph.edge(edge))
        else {
            continue;
        };
        let data = view_edge.payload();
        if !data.batched
            || data.emphasis == Emphasis::Selected
            || data.emphasis == Emphasis::Related
        {
            continue;
        }
        let (Some(a), Some(b)) = (graph.node(from), graph.node(to)) else {
            continue;
        };
        let (a, b) = (at(a.location()), at(b.location()));
        if !view.intersects(egui::Rect::from_two_pos(a, b)) {
            continue;
        }
        let direction = (b - a).normalized();
        let across = Vec2::new(-direction.y, direction.x) * 0.5;
        let colour = faded(color(data.color), data.emphasis).gamma_multiply(0.7);
        let base = mesh.vertices.len() as u32;
        for point in [a + across, a - across, b - across, b + across] {
            mesh.colored_vertex(point, colour);
        }
        mesh.add_triangle(base, base + 1, base + 2);
        mesh.add_triangle(base, base + 2, base + 3);
    }
    for node in graph.g().node_weights() {
        let data = node.payload();
        if !data.batched || matches!(data.emphasis, Emphasis::Selected | Emphasis::Related) {
            continue;
        }
        let center = at(node.location());
        let radius = meta.canvas_to_screen_size(data.radius).max(1.5);
        if !view.expand(radius).contains(center) {
            continue;
        }
        let colour = faded(color(data.color), data.emphasis);
        let corners: &[(f32, f32)] = match data.shape {
            NodeShape::Circle => &[
                (1.0, 0.0),
                (0.707, 0.707),
                (0.0, 1.0),
                (-0.707, 0.707),
                (-1.0, 0.0),
                (-0.707, -0.707),
                (0.0, -1.0),
                (0.707, -0.707),
            ],
            NodeShape::Diamond => &[(1.2, 0.0), (0.0, 1.2), (-1.2, 0.0), (0.0, -1.2)],
            NodeShape::Square => &[(0.9, 0.9), (-0.9, 0.9), (-0.9, -0.9), (0.9, -0.9)],
        };
        let base = mesh.vertices.len() as u32;
        mesh.colored_vertex(center, colour);
        for &(x, y) in corners {
            mesh.colored_vertex(center + Vec2::new(x, y) * radius, colour);
        }
        let count = corners.len() as u32;
        for i in 0..count {
            mesh.add_triangle(base, base + 1 + i, base + 1 + (i + 1) % count);
        }
    }
    Shape::mesh(mesh)
}

fn outline_shape(shape: NodeShape, center: Pos2, radius: f32, stroke: Stroke) -> Shape {
    match shape {
        NodeShape::Circle => Shape::circle_stroke(center, radius, stroke),
        NodeShape::Diamond => {
            let r = radius * 1.2;
            Shape::closed_line(
                vec![
                    center + Vec2::new(0.0, -r),
                    center + Vec2::new(r, 0.0),
                    center + Vec2::new(0.0, r),
                    center + Vec2::new(-r, 0.0),
                ],
                stroke,
            )
        }
        NodeShape::Square => {
            let rect = egui::Rect::from_center_size(center, Vec2::splat(radius * 1.8));
            Shape::rect_stroke(rect, radius * 0.25, stroke, egui::StrokeKind::Middle)
        }
    }
}

/// An edge as drawn.
#[derive(Clone, Debug)]
pub struct EdgeView {
    rank: usize,
    data: EdgeData,
}

impl From<EdgeProps<EdgeData>> for EdgeView {
    fn from(props: EdgeProps<EdgeData>) -> Self {
        Self {
            rank: props.order,
            data: props.payload,
        }
    }
}

impl EdgeView {
    fn path(
        &self,
        start: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeView>,
        end: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeView>,
    ) -> Vec<[f32; 2]> {
        let (a, b) = (start.location(), end.location());
        style::edge_path(
            [a.x, a.y],
            [b.x, b.y],
            [start.payload().radius, end.payload().radius],
            self.rank,
        )
    }
}

impl DisplayEdge<NodeData, EdgeData, Directed, DefaultIx, NodeView> for EdgeView {
    fn shapes(
        &mut self,
        start: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeView>,
        end: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeView>,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        let emphasis = self.data.emphasis;
        let highlighted = emphasis == Emphasis::Selected || self.data.hovered;
        if self.data.batched && !highlighted && emphasis != Emphasis::Related {
            return Vec::new();
        }
        // Off screen: nothing to draw. Curves bow out by at most a few ranks of CURVE_STEP.
        let (a, b) = (
            ctx.meta.canvas_to_screen_pos(start.location()),
            ctx.meta.canvas_to_screen_pos(end.location()),
        );
        let bow = ctx
            .meta
            .canvas_to_screen_size(style::CURVE_STEP * (self.rank as f32 + 2.0));
        if !ctx
            .painter
            .clip_rect()
            .intersects(egui::Rect::from_two_pos(a, b).expand(bow))
        {
            return Vec::new();
        }
        let edge_color = faded(color(self.data.color), emphasis);
        let width = ctx
            .meta
            .canvas_to_screen_size(self.data.width)
            .clamp(1.0, 8.0)
            + if highlighted { 1.5 } else { 0.0 };
        let stroke = Stroke::new(width, edge_color);
        // Level of detail: an edge a few points long, seen from far away, is a plain segment;
        // its curve, dashes and arrowhead would not show.
        if a.distance(b) < FAR_EDGE_POINTS && !highlighted {
            return vec![Shape::line_segment([a, b], Stroke::new(1.0, edge_color))];
        }
        let points: Vec<Pos2> = self
            .path(start, end)
            .into_iter()
            .map(|[x, y]| ctx.meta.canvas_to_screen_pos(Pos2::new(x, y)))
            .collect();
        let mut shapes = Vec::new();
        if points.len() < 2 {
            return shapes;
        }
        // Stop the line at the arrow's base so its end does not poke through the tip.
        let tip = points[points.len() - 1];
        let before = points[points.len() - 2];
        let direction = (tip - before).normalized();
        let tip_length = (6.0 + width * 2.0).min(16.0);
        let mut line = points.clone();
        if let Some(last) = line.last_mut() {
            *last = tip - direction * tip_length * 0.8;
        }
        if self.data.dashed {
            shapes.extend(Shape::dashed_line(&line, stroke, 6.0, 4.0));
        } else {
            shapes.push(Shape::line(line, stroke));
        }
        if start.id() != end.id() {
            let normal = Vec2::new(-direction.y, direction.x) * tip_length * 0.45;
            let base = tip - direction * tip_length;
            shapes.push(Shape::convex_polygon(
                vec![tip, base + normal, base - normal],
                edge_color,
                Stroke::NONE,
            ));
        }
        if highlighted && !self.data.label.is_empty() {
            let visuals = &ctx.ctx.global_style().visuals;
            let galley = ctx.ctx.fonts_mut(|fonts| {
                fonts.layout_no_wrap(
                    self.data.label.to_string(),
                    FontId::proportional(12.0),
                    visuals.strong_text_color(),
                )
            });
            let middle = points[points.len() / 2];
            let top_left = middle - galley.size() / 2.0;
            let rect = egui::Rect::from_min_size(top_left, galley.size()).expand(3.0);
            shapes.push(Shape::rect_filled(rect, 3.0, visuals.extreme_bg_color));
            shapes.push(Shape::rect_stroke(
                rect,
                3.0,
                Stroke::new(1.0, edge_color),
                egui::StrokeKind::Middle,
            ));
            shapes.push(TextShape::new(top_left, galley, visuals.strong_text_color()).into());
        }
        shapes
    }

    fn update(&mut self, state: &EdgeProps<EdgeData>) {
        self.rank = state.order;
        self.data = state.payload.clone();
    }

    fn is_inside(
        &self,
        start: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeView>,
        end: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeView>,
        position: Pos2,
    ) -> bool {
        // egui_graphs asks every edge on each click and hover: rule out the far ones before
        // working out a curve.
        let reach = self.data.width / 2.0 + 4.0;
        let (a, b) = (start.location(), end.location());
        let radii = [start.payload().radius, end.payload().radius];
        let ([x0, y0], [x1, y1]) = style::edge_bounds([a.x, a.y], [b.x, b.y], radii, self.rank);
        if position.x < x0 - reach
            || position.x > x1 + reach
            || position.y < y0 - reach
            || position.y > y1 + reach
        {
            return false;
        }
        let path = self.path(start, end);
        style::distance_to_path([position.x, position.y], &path) <= reach
    }
}

/// egui_graphs' layout hook, left empty: `ForceLayout` places the nodes.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NoLayoutState;

impl LayoutState for NoLayoutState {}

#[derive(Debug, Default)]
pub struct NoLayout;

impl Layout<NoLayoutState> for NoLayout {
    fn from_state(_: NoLayoutState) -> impl Layout<NoLayoutState> {
        NoLayout
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: petgraph::EdgeType,
        Ix: petgraph::stable_graph::IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> NoLayoutState {
        NoLayoutState
    }
}

/// The graph widget type.
pub type View = egui_graphs::GraphView<NoLayoutState, NoLayout>;

/// Maps dataset entity indices to view-model nodes.
#[derive(Clone, Debug, Default)]
pub struct Index {
    pub node_of_entity: Vec<Option<NodeIndex>>,
}
