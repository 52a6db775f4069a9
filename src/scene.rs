//! What a picture of the graph contains, as plain shapes: nodes, edges, labels, the legend and
//! a caption, in image points. Built from the dataset, layout positions, what is shown, the
//! selection and a camera; turned into SVG and PNG by `export`.
//!
//! Pure: no egui, no I/O. The window and the command line build the same scene, so their
//! pictures look alike.

use strum::IntoEnumIterator;

use crate::derived::Derived;
use crate::model::{Dataset, EntityKind, Polarity, capitalized};
use crate::style::{self, NodeShape, Outline, Rgb};

/// Dark or light picture.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// The colours of the picture around the graph, close to egui's light and dark visuals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: Rgb,
    pub text: Rgb,
    pub strong_text: Rgb,
    pub weak_text: Rgb,
    pub panel: Rgb,
    pub border: Rgb,
}

impl Theme {
    pub fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: Rgb(0xf8, 0xf8, 0xf8),
                text: Rgb(0x3c, 0x3c, 0x3c),
                strong_text: Rgb(0x00, 0x00, 0x00),
                weak_text: Rgb(0x80, 0x80, 0x80),
                panel: Rgb(0xff, 0xff, 0xff),
                border: Rgb(0xbe, 0xbe, 0xbe),
            },
            Theme::Dark => Palette {
                background: Rgb(0x1b, 0x1b, 0x1b),
                text: Rgb(0xb4, 0xb4, 0xb4),
                strong_text: Rgb(0xff, 0xff, 0xff),
                weak_text: Rgb(0x80, 0x80, 0x80),
                panel: Rgb(0x0a, 0x0a, 0x0a),
                border: Rgb(0x3c, 0x3c, 0x3c),
            },
        }
    }
}

/// Canvas to image: `image = canvas * zoom + pan`, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub zoom: f32,
    pub pan: [f32; 2],
}

impl Camera {
    pub fn apply(&self, [x, y]: [f32; 2]) -> [f32; 2] {
        [x * self.zoom + self.pan[0], y * self.zoom + self.pan[1]]
    }
}

/// What stands out: as a click in the app would make it, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Highlight {
    #[default]
    None,
    Entity(String),
    Relation(String),
}

/// A highlight resolved to positions in one revision of the dataset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Resolved {
    #[default]
    None,
    Entity(usize),
    Relation(usize),
}

impl Highlight {
    /// Where the highlighted item is in the dataset `derived` was made from; an id that is no
    /// longer there highlights nothing.
    pub fn resolve(&self, derived: &Derived) -> Resolved {
        match self {
            Highlight::None => Resolved::None,
            Highlight::Entity(id) => derived.entity(id).map_or(Resolved::None, Resolved::Entity),
            Highlight::Relation(id) => derived
                .relation(id)
                .map_or(Resolved::None, Resolved::Relation),
        }
    }
}

impl Resolved {
    /// Which entities touch the highlight (its own ends included); all `false` for none.
    pub fn related_entities(self, derived: &Derived) -> Vec<bool> {
        let mut related = vec![false; derived.degree.len()];
        match self {
            Resolved::None => {}
            Resolved::Entity(selected) => {
                if let Some(slot) = related.get_mut(selected) {
                    *slot = true;
                }
                for &(a, b) in derived.ends.iter().flatten() {
                    if a == selected || b == selected {
                        related[a] = true;
                        related[b] = true;
                    }
                }
            }
            Resolved::Relation(selected) => {
                if let Some(Some((a, b))) = derived.ends.get(selected) {
                    related[*a] = true;
                    related[*b] = true;
                }
            }
        }
        related
    }
}

/// The width of the legend column, kept clear when fitting.
pub const LEGEND_WIDTH: f32 = 170.0;

/// What a fit keeps clear at the left (the legend's column), at the top (a caption) and at
/// the bottom (a folded legend), in points.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reserve {
    pub left: f32,
    pub top: f32,
    pub bottom: f32,
}

/// Graphs up to this many shown nodes label every node; bigger ones label their
/// `LABELLED_HUBS` most connected (and, in the window, what is selected or zoomed into).
pub const LABEL_ALL_UP_TO: usize = 300;
pub const LABELLED_HUBS: usize = 60;

/// Which entities of those `visible` always show their label: all of a small graph, else the
/// most connected (ties by index).
pub fn labelled_entities(visible: &[bool], degree: &[usize]) -> Vec<bool> {
    let shown = visible.iter().filter(|&&v| v).count();
    if shown <= LABEL_ALL_UP_TO {
        return visible.to_vec();
    }
    let mut by_degree: Vec<usize> = (0..visible.len()).filter(|&i| visible[i]).collect();
    // The hubs as a set: a partial selection (linear time) finds the same ones a sort would,
    // the order being total.
    let key = |&i: &usize| (std::cmp::Reverse(degree.get(i).copied().unwrap_or(0)), i);
    if by_degree.len() > LABELLED_HUBS {
        by_degree.select_nth_unstable_by_key(LABELLED_HUBS, key);
    }
    let mut labelled = vec![false; visible.len()];
    for &entity in by_degree.iter().take(LABELLED_HUBS) {
        labelled[entity] = true;
    }
    labelled
}

/// Room kept between the picture's edge and what it frames, in points.
const FIT_PADDING: f32 = 8.0;

/// The camera of a picture with nothing to frame: the canvas origin in the middle of the room.
fn centred_camera(size: [f32; 2], reserve: Reserve) -> Camera {
    Camera {
        zoom: 1.0,
        pan: [
            (size[0] + reserve.left) / 2.0,
            (size[1] + reserve.top - reserve.bottom) / 2.0,
        ],
    }
}

/// What a fitted picture shows of one node: its position on the canvas, its radius there, and
/// whether its label is shown (with its text).
#[derive(Clone, Debug, PartialEq)]
pub struct FitNode<'a> {
    pub entity: usize,
    pub position: [f32; 2],
    pub radius: f32,
    pub label: Option<&'a str>,
    pub priority: (u8, std::cmp::Reverse<usize>),
}

/// The shown nodes of a picture, with the labels it shows: every label of a small graph, the
/// hubs' of a big one, and whatever touches the highlight. The window, its fit and the
/// exporters all ask this.
pub fn fit_nodes<'a>(
    dataset: &'a Dataset,
    derived: &Derived,
    positions: &[[f32; 2]],
    visible: &[bool],
    highlight: Resolved,
) -> Vec<FitNode<'a>> {
    let related = highlight.related_entities(derived);
    let labelled = labelled_entities(visible, &derived.degree);
    dataset
        .entities
        .iter()
        .enumerate()
        .filter(|&(entity, _)| visible.get(entity).copied().unwrap_or(false))
        .filter_map(|(entity, data)| {
            let highlighted = highlight != Resolved::None && related[entity];
            let selected = highlight == Resolved::Entity(entity);
            let degree = derived.degree_of(entity);
            Some(FitNode {
                entity,
                position: *positions.get(entity)?,
                radius: style::node_radius(degree),
                label: (labelled[entity] || highlighted).then_some(data.name.as_str()),
                priority: label_priority(selected, highlighted, degree),
            })
        })
        .collect()
}

/// The nodes of a picture as seen through `camera`, for placing labels. In a big graph the
/// labels of ordinary hubs are left out where they find no free spot; a small graph's, and
/// what touches the highlight, are always shown.
pub fn on_screen(nodes: &[FitNode<'_>], camera: Camera) -> Vec<LabelledNode> {
    let big = nodes.len() > LABEL_ALL_UP_TO;
    nodes
        .iter()
        .map(|node| LabelledNode {
            entity: node.entity,
            center: camera.apply(node.position),
            radius: screen_radius(node.radius, camera.zoom),
            label: node.label.is_some(),
            priority: node.priority,
            optional: big && node.priority.0 >= 2,
        })
        .collect()
}

/// The box (min and max corners, in points) that the nodes and their labels, placed by
/// `place_labels`, take through `camera`.
pub fn drawn_bounds(nodes: &[FitNode<'_>], camera: Camera) -> Option<([f32; 2], [f32; 2])> {
    let screen = on_screen(nodes, camera);
    let size = style::label_size(camera.zoom);
    let text: rustc_hash::FxHashMap<usize, &str> = nodes
        .iter()
        .filter_map(|node| Some((node.entity, node.label?)))
        .collect();
    // Where labels go when nothing holds them in: how much room the picture needs.
    let placed = place_labels(
        &screen,
        |entity| {
            let name = text.get(&entity).copied().unwrap_or("");
            [text_width(name, size), text_height(size)]
        },
        None,
    );
    let mut min = [f32::INFINITY; 2];
    let mut max = [f32::NEG_INFINITY; 2];
    for node in &screen {
        let reach = node.radius * 1.2;
        min = [
            min[0].min(node.center[0] - reach),
            min[1].min(node.center[1] - reach),
        ];
        max = [
            max[0].max(node.center[0] + reach),
            max[1].max(node.center[1] + reach),
        ];
    }
    for (_, [x0, y0, x1, y1]) in placed {
        min = [min[0].min(x0), min[1].min(y0)];
        max = [max[0].max(x1), max[1].max(y1)];
    }
    min[0].is_finite().then_some((min, max))
}

/// A camera that shows every node of `nodes` and every label shown, as `place_labels` places
/// them, inside an image of `size` points, clear of `reserve`: the fit of the window and of
/// the exporters. Labels keep their size in points while the nodes' spread follows the zoom,
/// so the largest zoom at which everything fits is searched for (placement does not depend
/// on the pan), and what is drawn is then centred in the room.
pub fn fit_view(nodes: &[FitNode<'_>], size: [f32; 2], reserve: Reserve) -> Camera {
    let room_min = [reserve.left + FIT_PADDING, reserve.top + FIT_PADDING];
    let room_max = [
        size[0] - FIT_PADDING,
        size[1] - reserve.bottom - FIT_PADDING,
    ];
    let room = [
        (room_max[0] - room_min[0]).max(1.0),
        (room_max[1] - room_min[1]).max(1.0),
    ];
    let at_zoom = |zoom: f32| Camera {
        zoom,
        pan: [0.0, 0.0],
    };
    if nodes.is_empty() {
        return centred_camera(size, reserve);
    }
    let fits = |zoom: f32| {
        drawn_bounds(nodes, at_zoom(zoom)).is_none_or(|(min, max)| {
            max[0] - min[0] <= room[0] + 0.5 && max[1] - min[1] <= room[1] + 0.5
        })
    };
    // The nodes alone, without labels, bound the zoom from above.
    let mut spread = [0.0f32; 2];
    let (mut low, mut high) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for node in nodes {
        low = [low[0].min(node.position[0]), low[1].min(node.position[1])];
        high = [high[0].max(node.position[0]), high[1].max(node.position[1])];
    }
    for axis in 0..2 {
        spread[axis] = (high[axis] - low[axis]).max(1e-3);
    }
    let most = (room[0] / spread[0])
        .min(room[1] / spread[1])
        .clamp(MIN_ZOOM, MAX_ZOOM);
    let zoom = if fits(most) {
        most
    } else {
        // Geometric bisection between a zoom that fits and one that does not.
        let (mut good, mut bad) = (MIN_ZOOM, most);
        for _ in 0..14 {
            let middle = (good * bad).sqrt();
            if fits(middle) {
                good = middle;
            } else {
                bad = middle;
            }
        }
        good
    };
    let Some((min, max)) = drawn_bounds(nodes, at_zoom(zoom)) else {
        return centred_camera(size, reserve);
    };
    // Centre what is drawn in the room.
    Camera {
        zoom,
        pan: [
            (room_min[0] + room_max[0]) / 2.0 - (min[0] + max[0]) / 2.0,
            (room_min[1] + room_max[1]) / 2.0 - (min[1] + max[1]) / 2.0,
        ],
    }
}

/// The zooms a fit chooses between.
const MIN_ZOOM: f32 = 0.005;
const MAX_ZOOM: f32 = 2.5;

/// The app's layout of `dataset`: every entity, linked by its relations, with room for its
/// shape and label. The window and the exporters both start from this.
pub fn layout_of(dataset: &Dataset, derived: &Derived) -> crate::layout::ForceLayout {
    layout_with_room(derived, &rooms_of(dataset, derived))
}

/// The room each entity's node and label need in the layout (`style::node_room`).
pub fn rooms_of(dataset: &Dataset, derived: &Derived) -> Vec<[f32; 2]> {
    dataset
        .entities
        .iter()
        .zip(&derived.degree)
        .map(|(entity, &degree)| style::node_room(&entity.name, degree))
        .collect()
}

/// `layout_of`, with each entity's room already worked out (the window keeps them between
/// edits, so an edit measures only the names it touched).
pub fn layout_with_room(derived: &Derived, room: &[[f32; 2]]) -> crate::layout::ForceLayout {
    let links: Vec<(usize, usize)> = derived.ends.iter().flatten().copied().collect();
    crate::layout::ForceLayout::new(
        derived.degree.len(),
        &links,
        crate::layout::LayoutParams::default(),
    )
    .with_room(room)
}

/// One shape of the picture, in image points.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Line {
        points: Vec<[f32; 2]>,
        width: f32,
        color: Rgb,
        opacity: f32,
        dashed: bool,
    },
    Polygon {
        points: Vec<[f32; 2]>,
        fill: Rgb,
        opacity: f32,
        stroke: Option<(f32, Rgb)>,
    },
    Circle {
        center: [f32; 2],
        radius: f32,
        fill: Rgb,
        opacity: f32,
        stroke: Option<(f32, Rgb)>,
    },
    Rect {
        min: [f32; 2],
        size: [f32; 2],
        corner: f32,
        fill: Rgb,
        opacity: f32,
        stroke: Option<(f32, Rgb)>,
    },
    /// Text whose top edge is at `top`; `centered` centres it on `x`, else it starts there.
    Text {
        x: f32,
        top: f32,
        text: String,
        size: f32,
        color: Rgb,
        opacity: f32,
        centered: bool,
    },
}

/// A picture: its size in points, background and shapes in painting order.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub size: [f32; 2],
    pub background: Rgb,
    pub items: Vec<Item>,
    /// Where each shown node is (the square its shape fits in) and each shown label (its text
    /// with the halo), as min and max corners, by entity position: what a reader of the
    /// picture can point at.
    pub node_boxes: Vec<(usize, [f32; 4])>,
    pub label_boxes: Vec<(usize, [f32; 4])>,
}

/// Everything a scene is built from.
pub struct SceneInput<'a> {
    pub dataset: &'a Dataset,
    pub derived: &'a Derived,
    /// Layout positions by entity index.
    pub positions: &'a [[f32; 2]],
    /// Whether each entity is shown; a relation is shown when its kind is and both ends are.
    pub visible_entities: &'a [bool],
    pub visible_relations: &'a [bool],
    pub highlight: Highlight,
    pub camera: Camera,
    pub size: [f32; 2],
    pub theme: Theme,
    /// Draw the legend and the caption (the window shows the legend itself).
    pub legend: bool,
    pub caption: bool,
}

/// The width of `text` at `size` points in the bundled proportional font (egui's own, Ubuntu
/// Light), from the font's advance widths: what the window and the exporters draw.
pub fn text_width(text: &str, size: f32) -> f32 {
    static FONT: std::sync::OnceLock<Option<(ttf_parser::Face<'static>, f32)>> =
        std::sync::OnceLock::new();
    let face = FONT.get_or_init(|| {
        let face = ttf_parser::Face::parse(epaint_default_fonts::UBUNTU_LIGHT, 0).ok()?;
        let units = f32::from(face.units_per_em());
        Some((face, units))
    });
    let Some((face, units_per_em)) = face else {
        return text.chars().count() as f32 * size * 0.5;
    };
    let units: f32 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|glyph| face.glyph_hor_advance(glyph))
                .map_or(*units_per_em * 0.5, f32::from)
        })
        .sum();
    units / units_per_em * size
}

/// The height of a line of label text at `size` points.
pub fn text_height(size: f32) -> f32 {
    size * 1.25
}

/// Builds the picture.
pub fn build(input: &SceneInput<'_>) -> Scene {
    let dataset = input.dataset;
    let derived = input.derived;
    let ends = &derived.ends;
    let palette = input.theme.palette();
    let shown = |relation: usize| {
        input
            .visible_relations
            .get(relation)
            .copied()
            .unwrap_or(false)
            && ends[relation].is_some_and(|(a, b)| {
                input.visible_entities.get(a).copied().unwrap_or(false)
                    && input.visible_entities.get(b).copied().unwrap_or(false)
            })
    };
    let highlight = input.highlight.resolve(derived);
    let related = highlight.related_entities(derived);
    let node_opacity = |entity: usize| match highlight {
        Resolved::None => 1.0,
        _ if related[entity] => 1.0,
        _ => style::DIMMED_OPACITY,
    };
    let zoom = input.camera.zoom;
    let radius_of = |entity: usize| style::node_radius(derived.degree_of(entity));

    let mut items = Vec::new();
    for (relation, rank) in ranks(ends, &shown) {
        let Some((a, b)) = ends[relation] else {
            continue;
        };
        let kind = dataset.relations[relation].kind;
        let selected = highlight == Resolved::Relation(relation);
        let opacity = match highlight {
            Resolved::None => 1.0,
            Resolved::Relation(r) if r == relation => 1.0,
            Resolved::Entity(e) if e == a || e == b => 1.0,
            _ => style::DIMMED_OPACITY,
        } * style::review_opacity(dataset.relations[relation].review());
        let path = style::edge_path(
            input.positions[a],
            input.positions[b],
            [radius_of(a), radius_of(b)],
            rank,
        );
        let points: Vec<[f32; 2]> = path.iter().map(|&p| input.camera.apply(p)).collect();
        let color = style::polarity_color(kind.polarity());
        let width =
            style::edge_screen_width(dataset.relations[relation].evidence.len(), zoom, selected);
        let (line, tip) = style::arrowhead(points, width, a != b);
        items.push(Item::Line {
            points: line,
            width,
            color,
            opacity,
            dashed: style::is_dashed(dataset.relations[relation].status),
        });
        if let Some(tip) = tip {
            items.push(Item::Polygon {
                points: tip.to_vec(),
                fill: color,
                opacity,
                stroke: None,
            });
        }
    }
    let fit = fit_nodes(
        dataset,
        derived,
        input.positions,
        input.visible_entities,
        highlight,
    );
    let screen = on_screen(&fit, input.camera);
    let mut node_boxes = Vec::with_capacity(screen.len());
    let mut label_boxes = Vec::new();
    for node in &screen {
        let [x, y] = node.center;
        let half = node.radius * 1.2;
        node_boxes.push((node.entity, [x - half, y - half, x + half, y + half]));
        let entity = node.entity;
        let (shape, fill) = style::entity_look(dataset.entities[entity].kind);
        let stroke = if highlight == Resolved::Entity(entity) {
            Some((2.5, palette.strong_text))
        } else {
            Some((1.0, palette.background))
        };
        items.push(node_item(
            shape,
            node.center,
            node.radius,
            fill,
            node_opacity(entity),
            stroke,
        ));
    }
    let size = style::label_size(zoom);
    let placed = place_labels(
        &screen,
        |entity| {
            [
                text_width(&dataset.entities[entity].name, size),
                text_height(size),
            ]
        },
        Some(([0.0, 0.0], input.size)),
    );
    for (entity, halo @ [x0, y0, x1, y1]) in placed {
        let data = &dataset.entities[entity];
        let opacity = node_opacity(entity);
        let selected = highlight == Resolved::Entity(entity);
        label_boxes.push((entity, halo));
        items.push(Item::Rect {
            min: [x0, y0],
            size: [x1 - x0, y1 - y0],
            corner: 3.0,
            fill: palette.background,
            opacity: 0.8 * opacity,
            stroke: None,
        });
        items.push(Item::Text {
            x: x0 + LABEL_HALO,
            top: y0 + LABEL_HALO,
            text: data.name.clone(),
            size,
            color: if selected {
                palette.strong_text
            } else {
                palette.text
            },
            opacity,
            centered: false,
        });
    }
    if input.legend {
        let suggestions = dataset.relations.iter().any(|r| r.has_suggestions());
        legend(&mut items, input.size, palette, suggestions);
    }
    if input.caption {
        caption(&mut items, dataset, palette);
    }
    Scene {
        size: input.size,
        background: palette.background,
        items,
        node_boxes,
        label_boxes,
    }
}

/// The margin of the halo behind a label's text, in points.
pub const LABEL_HALO: f32 = 1.5;

/// A node's radius on screen: it follows the zoom but never shrinks below a few points, so
/// it stays visible and clickable in a dense graph.
pub fn screen_radius(canvas_radius: f32, zoom: f32) -> f32 {
    (canvas_radius * zoom).max(MIN_NODE_POINTS)
}

/// The smallest radius a node is drawn with, in points.
pub const MIN_NODE_POINTS: f32 = 3.5;

/// How far from its centre a node is found by a click or hover at the least, in points: more
/// than it is drawn, so a small node is easy to hit.
pub const NODE_REACH_POINTS: f32 = 6.0;

/// How far from its centre, in points, a click or hover finds a node of `canvas_radius` at
/// `zoom`.
pub fn node_reach(canvas_radius: f32, zoom: f32) -> f32 {
    (screen_radius(canvas_radius, zoom) * 1.2).max(NODE_REACH_POINTS)
}

/// Up to this many nodes in view, labels keep clear of every node; beyond, of the labelled
/// ones only.
pub const NODES_LABELS_AVOID: usize = 1_500;

/// A node shown on a picture, for placing labels: where it is on screen and whether it is
/// labelled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelledNode {
    /// Position of the entity in the dataset.
    pub entity: usize,
    pub center: [f32; 2],
    /// Radius on screen.
    pub radius: f32,
    pub label: bool,
    /// Labels with a lower value are placed first and get the best spots.
    pub priority: (u8, std::cmp::Reverse<usize>),
    /// Its label may be left out when it finds no free spot: a big graph's ordinary labels.
    pub optional: bool,
}

/// The order labels are placed in: the selection, then what touches it, then by number of
/// relations (hubs first).
pub fn label_priority(
    selected: bool,
    highlighted: bool,
    degree: usize,
) -> (u8, std::cmp::Reverse<usize>) {
    let rank = if selected {
        0
    } else if highlighted {
        1
    } else {
        2
    };
    (rank, std::cmp::Reverse(degree))
}

/// Where each labelled node's label goes, clear of the other labels and nodes, and inside
/// `area` (min and max corners) when given: the one placement the window and the exporters
/// use. `size_of` gives the text's size for an entity. Returns each placed label's box, its
/// text and halo (min x, min y, max x, max y, in screen points; the text starts `LABEL_HALO`
/// inside), in order of entity.
pub fn place_labels(
    nodes: &[LabelledNode],
    size_of: impl Fn(usize) -> [f32; 2],
    area: Option<([f32; 2], [f32; 2])>,
) -> Vec<(usize, [f32; 4])> {
    // A big graph seen whole has nodes everywhere: its labels keep clear of each other and
    // of the labelled nodes only, which also keeps this near linear in the labels.
    let obstacle = |node: &LabelledNode| node.label || nodes.len() <= NODES_LABELS_AVOID;
    let mut slot_of = vec![usize::MAX; nodes.len()];
    let mut boxes: Vec<crate::labels::NodeBox> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if obstacle(node) {
            slot_of[i] = boxes.len();
            boxes.push(crate::labels::NodeBox {
                center: node.center,
                // Diamonds reach furthest: 1.2 radii.
                half: node.radius * 1.2,
            });
        }
    }
    let mut order: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].label).collect();
    order.sort_by_key(|&i| (nodes[i].priority, nodes[i].entity));
    let requests: Vec<crate::labels::LabelBox> = order
        .iter()
        .map(|&i| {
            let [w, h] = size_of(nodes[i].entity);
            crate::labels::LabelBox {
                node: slot_of[i],
                size: [w + 2.0 * LABEL_HALO, h + 2.0 * LABEL_HALO],
                optional: nodes[i].optional,
            }
        })
        .collect();
    let corners = crate::labels::place(&boxes, &requests, area);
    let mut placed: Vec<(usize, [f32; 4])> = order
        .iter()
        .zip(&requests)
        .zip(corners)
        .filter_map(|((&i, request), corner)| {
            let [x, y] = corner?;
            let [w, h] = request.size;
            Some((nodes[i].entity, [x, y, x + w, y + h]))
        })
        .collect();
    placed.sort_unstable_by_key(|&(entity, _)| entity);
    placed
}

/// The height a caption takes at the top of a picture.
pub const CAPTION_HEIGHT: f32 = 48.0;

fn node_item(
    shape: NodeShape,
    center: [f32; 2],
    radius: f32,
    fill: Rgb,
    opacity: f32,
    stroke: Option<(f32, Rgb)>,
) -> Item {
    match style::node_outline(shape, center, radius) {
        Outline::Circle { center, radius } => Item::Circle {
            center,
            radius,
            fill,
            opacity,
            stroke,
        },
        Outline::Polygon(points) => Item::Polygon {
            points,
            fill,
            opacity,
            stroke,
        },
        Outline::RoundedRect { min, size, corner } => Item::Rect {
            min,
            size,
            corner,
            fill,
            opacity,
            stroke,
        },
    }
}

/// The rank of each shown relation among those between the same pair, as egui_graphs orders
/// them: by direction in dataset order, all shifted by one when both directions are present.
fn ranks(ends: &[Option<(usize, usize)>], shown: &dyn Fn(usize) -> bool) -> Vec<(usize, usize)> {
    use std::collections::BTreeMap;
    let mut by_pair: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (relation, end) in ends.iter().enumerate() {
        if let Some((a, b)) = *end
            && shown(relation)
        {
            by_pair
                .entry((a.min(b), a.max(b)))
                .or_default()
                .push(relation);
        }
    }
    let mut ranked = Vec::new();
    for relations in by_pair.values() {
        let direction = |r: usize| ends[r].map(|(a, b)| a <= b);
        let both = relations.iter().any(|&r| direction(r) == Some(true))
            && relations.iter().any(|&r| direction(r) == Some(false));
        let mut seen = [0usize; 2];
        for &relation in relations {
            let side = usize::from(direction(relation) == Some(true));
            ranked.push((relation, seen[side] + usize::from(both)));
            seen[side] += 1;
        }
    }
    ranked.sort_unstable();
    ranked
}

/// The legend, in the lower left corner: what the shapes, colours and dashes mean, and how a
/// suggestion looks when the picture has any.
pub fn legend(items: &mut Vec<Item>, size: [f32; 2], palette: Palette, suggestions: bool) {
    let row = 18.0;
    let rows = EntityKind::iter().count() + Polarity::iter().count() + 1 + usize::from(suggestions);
    let height = row * rows as f32 + 12.0;
    let min = [10.0, size[1] - height - 10.0];
    items.push(Item::Rect {
        min,
        size: [LEGEND_WIDTH - 20.0, height],
        corner: 6.0,
        fill: palette.panel,
        opacity: 0.9,
        stroke: Some((1.0, palette.border)),
    });
    let x = min[0] + 16.0;
    let mut y = min[1] + 6.0 + row / 2.0;
    let text = |items: &mut Vec<Item>, y: f32, label: &str| {
        items.push(Item::Text {
            x: x + 16.0,
            top: y - 7.5,
            text: label.to_owned(),
            size: 12.0,
            color: palette.text,
            opacity: 1.0,
            centered: false,
        });
    };
    for kind in EntityKind::iter() {
        let (shape, fill) = style::entity_look(kind);
        let radius = if shape == NodeShape::Circle { 6.0 } else { 5.8 };
        items.push(node_item(shape, [x, y], radius, fill, 1.0, None));
        text(items, y, &capitalized(kind.as_str()));
        y += row;
    }
    for polarity in Polarity::iter() {
        items.push(Item::Line {
            points: vec![[x - 8.0, y], [x + 8.0, y]],
            width: 2.5,
            color: style::polarity_color(polarity),
            opacity: 1.0,
            dashed: false,
        });
        text(items, y, &capitalized(polarity.as_str()));
        y += row;
    }
    items.push(Item::Line {
        points: vec![[x - 8.0, y], [x + 8.0, y]],
        width: 2.0,
        color: palette.text,
        opacity: 1.0,
        dashed: true,
    });
    text(items, y, "Scheduled, expected");
    if suggestions {
        y += row;
        items.push(Item::Line {
            points: vec![[x - 8.0, y], [x + 8.0, y]],
            width: 2.5,
            color: palette.text,
            opacity: style::SUGGESTED_OPACITY,
            dashed: false,
        });
        text(items, y, "Not reviewed yet");
    }
}

/// The caption, in the upper left corner: the dataset's title, then source and date.
pub fn caption(items: &mut Vec<Item>, dataset: &Dataset, palette: Palette) {
    items.push(Item::Text {
        x: 12.0,
        top: 10.0,
        text: dataset.title.clone(),
        size: 16.0,
        color: palette.strong_text,
        opacity: 1.0,
        centered: false,
    });
    let mut about: Vec<&str> = Vec::new();
    for document in &dataset.documents {
        about.extend(document.source.as_deref());
        about.extend(document.published.as_deref());
    }
    about.dedup();
    let mut line = about.join(", ");
    if line.is_empty() {
        line = "stakegraph".to_owned();
    } else {
        line.push_str(" · stakegraph");
    }
    items.push(Item::Text {
        x: 12.0,
        top: 31.0,
        text: line,
        size: 12.0,
        color: palette.weak_text,
        opacity: 1.0,
        centered: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlap(a: &[f32; 4], b: &[f32; 4]) -> bool {
        a[0].max(b[0]) + 0.5 < a[2].min(b[2]) && a[1].max(b[1]) + 0.5 < a[3].min(b[3])
    }

    #[test]
    fn the_bundled_export_shows_every_label_clear_of_the_others_and_of_other_nodes() {
        let dataset = crate::bundled::dataset().expect("bundled").dataset;
        for focus in [None, Some("turkey".to_owned())] {
            let options = crate::export::PictureOptions {
                focus,
                ..crate::export::PictureOptions::default()
            };
            let scene = crate::export::picture(&dataset, &options).expect("a picture");
            assert_eq!(scene.size, [1600.0, 1000.0]);
            assert_eq!(
                scene.label_boxes.len(),
                dataset.entities.len(),
                "every label shown"
            );
            for (i, (a, first)) in scene.label_boxes.iter().enumerate() {
                for (b, second) in &scene.label_boxes[i + 1..] {
                    assert!(!overlap(first, second), "labels {a} and {b} overlap");
                }
                for (node, square) in &scene.node_boxes {
                    assert!(
                        node == a || !overlap(first, square),
                        "the label of {a} covers node {node}"
                    );
                }
                let inside = first[0] >= LEGEND_WIDTH
                    && first[1] >= CAPTION_HEIGHT
                    && first[2] <= scene.size[0]
                    && first[3] <= scene.size[1];
                assert!(inside, "label {a} at {first:?} is outside the room");
            }
        }
    }

    #[test]
    fn ranks_follow_egui_graphs_rules() {
        let ends = vec![Some((0, 1)), Some((0, 1)), Some((1, 0)), Some((2, 3)), None];
        let ranks = ranks(&ends, &|_| true);
        assert_eq!(ranks, [(0, 1), (1, 2), (2, 1), (3, 0)]);
    }

    #[test]
    fn fit_frames_the_nodes_inside_the_image() {
        let nodes = [
            FitNode {
                entity: 0,
                position: [-100.0, -50.0],
                radius: 10.0,
                label: Some("Alpha"),
                priority: (2, std::cmp::Reverse(1)),
            },
            FitNode {
                entity: 1,
                position: [300.0, 200.0],
                radius: 10.0,
                label: Some("Beta"),
                priority: (2, std::cmp::Reverse(1)),
            },
        ];
        let reserve = Reserve {
            left: LEGEND_WIDTH,
            top: CAPTION_HEIGHT,
            bottom: 0.0,
        };
        let camera = fit_view(&nodes, [1200.0, 800.0], reserve);
        for node in &nodes {
            let [x, y] = camera.apply(node.position);
            assert!((LEGEND_WIDTH..1200.0).contains(&x) && (CAPTION_HEIGHT..800.0).contains(&y));
        }
    }
}
