//! How egui_graphs paints the view model (`view`): the node and edge displays, in the shapes,
//! colours and sizes `style` defines for the window and the exporters alike, and the one mesh
//! that stands in for them in a big graph seen from afar.
//!
//! egui_graphs only draws and reports clicks and drags here; positions come from
//! `layout::ForceLayout`, and where labels go from `scene::place_labels`, so the picture does
//! not depend on the window or the frame rate.

use std::sync::Arc;

use egui::epaint::TextShape;
use egui::{Color32, FontId, Pos2, Shape, Stroke, Vec2};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, Layout, LayoutState, Node, NodeProps,
};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;
use serde::{Deserialize, Serialize};

use crate::scene::{self, screen_radius};
use crate::style::{self, NodeShape, Outline, Rgb};

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
    /// Position of the entity in the dataset revision the view model was built from (the
    /// view model is rebuilt with every revision; the window's own state holds ids).
    pub entity: usize,
    pub shape: NodeShape,
    pub color: Rgb,
    pub radius: f32,
    pub emphasis: Emphasis,
    pub pinned: bool,
    /// Show the label whatever the zoom (level of detail for big graphs).
    pub always_labelled: bool,
    /// The label shown this frame, as placed for the frame's camera; `None` when it is not
    /// shown. Only labelled nodes carry their name: egui_graphs clones both nodes of every
    /// edge each frame, so the rest stay plain data.
    pub label: Option<Label>,
    /// Drawn with all the others in one mesh (`batch_shapes`), unless it stands out.
    pub batched: bool,
}

/// A node's label as placed for one frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: Arc<str>,
    /// Its box (text and halo) relative to the node's centre, in screen points.
    pub rect: egui::Rect,
}

/// Edges shorter than this on screen are drawn as plain segments.
const FAR_EDGE_POINTS: f32 = 40.0;

/// From this zoom on, every node shows its label.
pub const ZOOM_ALL_LABELS: f32 = 0.9;

/// What the view model keeps of a relation.
#[derive(Clone, Debug)]
pub struct EdgeData {
    /// Position of the relation in the dataset revision the view model was built from.
    pub relation: usize,
    /// Shown on hover and selection: "supports: backs".
    pub label: Arc<str>,
    pub color: Rgb,
    /// Its number of quotes, which sets its width.
    pub quotes: usize,
    pub dashed: bool,
    /// `style::review_opacity` of its review state: faint for a suggestion.
    pub opacity: f32,
    pub emphasis: Emphasis,
    pub hovered: bool,
    /// Drawn with all the others in one mesh (`batch_shapes`), unless it stands out.
    pub batched: bool,
}

/// How far from an edge a click or hover still finds it, in screen points.
pub const EDGE_REACH_POINTS: f32 = 5.0;

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
        color.gamma_multiply(style::DIMMED_OPACITY)
    } else {
        color
    }
}

fn pos([x, y]: [f32; 2]) -> Pos2 {
    Pos2::new(x, y)
}

/// The outline of a node in egui's shapes: filled, stroked, or both.
fn outline_shape(outline: &Outline, fill: Color32, stroke: Stroke) -> Shape {
    match outline {
        Outline::Circle { center, radius } => Shape::Circle(egui::epaint::CircleShape {
            center: pos(*center),
            radius: *radius,
            fill,
            stroke,
        }),
        Outline::Polygon(points) => {
            Shape::convex_polygon(points.iter().map(|&p| pos(p)).collect(), fill, stroke)
        }
        Outline::RoundedRect { min, size, corner } => Shape::Rect(egui::epaint::RectShape::new(
            egui::Rect::from_min_size(pos(*min), Vec2::new(size[0], size[1])),
            *corner,
            fill,
            stroke,
            egui::StrokeKind::Middle,
        )),
    }
}

/// A node as drawn.
#[derive(Clone, Debug)]
pub struct NodeView {
    position: Pos2,
    data: NodeData,
    hovered: bool,
    dragged: bool,
    /// The zoom it was last drawn at: hit tests are in screen points.
    zoom: f32,
}

impl From<NodeProps<NodeData>> for NodeView {
    fn from(props: NodeProps<NodeData>) -> Self {
        Self {
            position: props.location(),
            hovered: props.hovered,
            dragged: props.dragged,
            data: props.payload,
            zoom: 1.0,
        }
    }
}

impl DisplayNode<NodeData, EdgeData, Directed, DefaultIx> for NodeView {
    fn closest_boundary_point(&self, direction: Vec2) -> Pos2 {
        self.position + direction.normalized() * self.data.radius
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        self.zoom = ctx.meta.zoom;
        let center = ctx.meta.canvas_to_screen_pos(self.position);
        let radius = screen_radius(self.data.radius, ctx.meta.zoom);
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
        // Level of detail: a node at its smallest size on screen, unlabelled and not standing
        // out, is a plain dot.
        if !stands_out
            && self.data.label.is_none()
            && !self.data.batched
            && radius <= scene::MIN_NODE_POINTS
        {
            return vec![Shape::circle_filled(center, radius, fill)];
        }
        let mut shapes = Vec::with_capacity(4);
        // In a big graph seen from afar its shape is in the batch mesh: only the label is
        // drawn here.
        if !self.data.batched || stands_out {
            let shape = style::node_outline(self.data.shape, [center.x, center.y], radius);
            shapes.push(outline_shape(&shape, fill, outline));
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
        }
        if let Some(label) = &self.data.label {
            // The text's corner is inside the halo.
            let corner = center + label.rect.min.to_vec2() + Vec2::splat(scene::LABEL_HALO);
            label_shapes(&mut shapes, ctx, &label.text, corner, emphasis);
        }
        shapes
    }

    fn update(&mut self, state: &NodeProps<NodeData>) {
        self.position = state.location();
        self.hovered = state.hovered;
        self.dragged = state.dragged;
        self.data = state.payload.clone();
    }

    /// On the node's shape (at least `NODE_REACH_POINTS` from its centre, whatever the zoom)
    /// or on its label: both name the node, and a click on either selects it.
    fn is_inside(&self, position: Pos2) -> bool {
        let zoom = self.zoom.max(1e-6);
        let reach = scene::node_reach(self.data.radius, zoom) / zoom;
        if (position - self.position).length() <= reach {
            return true;
        }
        // The label's box is in screen points around the node's centre.
        let on_screen = ((position - self.position) * zoom).to_pos2();
        self.data
            .label
            .as_ref()
            .is_some_and(|label| label.rect.contains(on_screen))
    }
}

/// A node's name with its top-left corner at `top_left`, on a halo so edges do not run
/// through the letters.
fn label_shapes(
    shapes: &mut Vec<Shape>,
    ctx: &DrawContext,
    name: &str,
    top_left: Pos2,
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
    let halo = egui::Rect::from_min_size(top_left, galley.size()).expand(scene::LABEL_HALO);
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
    model: &super::view::ViewModel,
    meta: &egui_graphs::MetadataFrame,
    view: egui::Rect,
) -> Shape {
    let graph = &model.graph;
    let mut mesh = egui::Mesh::default();
    let offset = view.min.to_vec2();
    let at = |location: Pos2| meta.canvas_to_screen_pos(location) + offset;
    for edge in &model.batched_edges {
        let (Some(a), Some(b)) = (graph.node(edge.from), graph.node(edge.to)) else {
            continue;
        };
        let (a, b) = (at(a.location()), at(b.location()));
        if !view.intersects(egui::Rect::from_two_pos(a, b)) {
            continue;
        }
        let direction = (b - a).normalized();
        let across = Vec2::new(-direction.y, direction.x) * 0.5;
        let colour = faded(color(edge.color), edge.emphasis).gamma_multiply(0.7 * edge.opacity);
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
        let radius = screen_radius(data.radius, meta.zoom);
        if !view.expand(radius).contains(center) {
            continue;
        }
        let colour = faded(color(data.color), data.emphasis);
        let corners = style::node_outline(data.shape, [center.x, center.y], radius).polygon();
        let base = mesh.vertices.len() as u32;
        mesh.colored_vertex(center, colour);
        for &corner in &corners {
            mesh.colored_vertex(pos(corner), colour);
        }
        let count = corners.len() as u32;
        for i in 0..count {
            mesh.add_triangle(base, base + 1 + i, base + 1 + (i + 1) % count);
        }
    }
    Shape::mesh(mesh)
}

/// An edge as drawn.
#[derive(Clone, Debug)]
pub struct EdgeView {
    rank: usize,
    data: EdgeData,
    /// The zoom it was last drawn at: hit tests are in screen points.
    zoom: f32,
}

impl From<EdgeProps<EdgeData>> for EdgeView {
    fn from(props: EdgeProps<EdgeData>) -> Self {
        Self {
            rank: props.order,
            data: props.payload,
            zoom: 1.0,
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
        self.zoom = ctx.meta.zoom;
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
        let edge_color = faded(color(self.data.color), emphasis).gamma_multiply(self.data.opacity);
        let width = style::edge_screen_width(self.data.quotes, ctx.meta.zoom, highlighted);
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
        let (line, tip) = style::arrowhead(
            points.iter().map(|p| [p.x, p.y]).collect(),
            width,
            start.id() != end.id(),
        );
        let line: Vec<Pos2> = line.into_iter().map(pos).collect();
        if self.data.dashed {
            shapes.extend(Shape::dashed_line(&line, stroke, 6.0, 4.0));
        } else {
            shapes.push(Shape::line(line, stroke));
        }
        if let Some(tip) = tip {
            shapes.push(Shape::convex_polygon(
                tip.into_iter().map(pos).collect(),
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
        let zoom = self.zoom.max(1e-6);
        let reach = (style::edge_screen_width(self.data.quotes, zoom, false) / 2.0
            + EDGE_REACH_POINTS)
            / zoom;
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
