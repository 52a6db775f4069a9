//! What a picture of the graph contains, as plain shapes: nodes, edges, labels, the legend and
//! a caption, in image points. Built from the dataset, layout positions, what is shown, the
//! selection and a camera; turned into SVG and PNG by `export`.
//!
//! Pure: no egui, no I/O. The window and the command line build the same scene, so their
//! pictures look alike.

use strum::IntoEnumIterator;

use crate::model::{Dataset, EntityKind, Polarity, capitalized};
use crate::style::{self, NodeShape, Rgb};

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

/// What stands out: as a click in the app would make it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Highlight {
    #[default]
    None,
    Entity(usize),
    Relation(usize),
}

/// The width of the legend column, kept clear when fitting.
pub const LEGEND_WIDTH: f32 = 170.0;

/// The smallest zoom a fit picks: the layout keeps room for labels drawn at about this zoom.
pub const MIN_FIT_ZOOM: f32 = 0.33;

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
    by_degree.sort_by_key(|&i| (std::cmp::Reverse(degree.get(i).copied().unwrap_or(0)), i));
    let mut labelled = vec![false; visible.len()];
    for &entity in by_degree.iter().take(LABELLED_HUBS) {
        labelled[entity] = true;
    }
    labelled
}

/// A camera that frames nodes (centre, radius, label length in characters) in an image of
/// `size` points, leaving the legend's column at the left and room for labels.
pub fn fit_camera(nodes: &[([f32; 2], f32, usize)], size: [f32; 2], top_reserve: f32) -> Camera {
    let mut min = [f32::INFINITY; 2];
    let mut max = [f32::NEG_INFINITY; 2];
    let mut widest_label = 0usize;
    for &([x, y], radius, label) in nodes {
        min = [min[0].min(x - radius), min[1].min(y - radius)];
        max = [max[0].max(x + radius), max[1].max(y + radius)];
        widest_label = widest_label.max(label);
    }
    if !min[0].is_finite() {
        return Camera {
            zoom: 1.0,
            pan: [size[0] / 2.0, size[1] / 2.0],
        };
    }
    // Labels keep their size in points, so they take a margin in points, not canvas units.
    let label_points = style::label_size(1.0);
    let margin = [
        (widest_label as f32 * label_points * 0.32).clamp(24.0, 160.0),
        label_points * 2.5,
    ];
    let room = [
        (size[0] - LEGEND_WIDTH - margin[0] * 2.0).max(40.0),
        (size[1] - top_reserve - margin[1] * 2.0).max(40.0),
    ];
    let extent = [(max[0] - min[0]).max(1.0), (max[1] - min[1]).max(1.0)];
    // Below MIN_FIT_ZOOM labels would crowd each other: then the fit centres the graph and
    // leaves the rest to panning. Big graphs label only their hubs, so they may shrink further.
    let min_zoom = if nodes.len() <= LABEL_ALL_UP_TO {
        MIN_FIT_ZOOM
    } else {
        0.01
    };
    let zoom = (room[0] / extent[0])
        .min(room[1] / extent[1])
        .clamp(min_zoom, 2.5);
    let center = [min[0] + extent[0] / 2.0, min[1] + extent[1] / 2.0];
    Camera {
        zoom,
        pan: [
            (size[0] + LEGEND_WIDTH) / 2.0 - center[0] * zoom,
            (size[1] + top_reserve) / 2.0 - center[1] * zoom - label_points * 0.6,
        ],
    }
}

/// The app's layout of `dataset`: every entity, linked by its relations, with room for its
/// shape and label. The window and the exporters both start from this.
pub fn layout_of(dataset: &Dataset) -> crate::layout::ForceLayout {
    let (ends, degree) = ends_and_degree(dataset);
    let links: Vec<(usize, usize)> = ends.iter().flatten().copied().collect();
    let room: Vec<[f32; 2]> = dataset
        .entities
        .iter()
        .zip(&degree)
        .map(|(entity, &degree)| style::node_room(&entity.name, degree))
        .collect();
    crate::layout::ForceLayout::new(
        dataset.entities.len(),
        &links,
        crate::layout::LayoutParams::default(),
    )
    .with_room(&room)
}

/// Each relation's `(source, target)` entity indices (`None` when dangling), and each
/// entity's number of relations.
pub fn ends_and_degree(dataset: &Dataset) -> (Vec<Option<(usize, usize)>>, Vec<usize>) {
    let index: std::collections::BTreeMap<&str, usize> = dataset
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let ends: Vec<Option<(usize, usize)>> = dataset
        .relations
        .iter()
        .map(|r| {
            Some((
                *index.get(r.source.as_str())?,
                *index.get(r.target.as_str())?,
            ))
        })
        .collect();
    let mut degree = vec![0usize; dataset.entities.len()];
    for &(a, b) in ends.iter().flatten() {
        degree[a] += 1;
        if a != b {
            degree[b] += 1;
        }
    }
    (ends, degree)
}

/// What `fit_camera` needs of each entity: position, radius, label length.
pub fn node_extents(dataset: &Dataset, positions: &[[f32; 2]]) -> Vec<([f32; 2], f32, usize)> {
    let (_, degree) = ends_and_degree(dataset);
    dataset
        .entities
        .iter()
        .zip(positions)
        .zip(degree)
        .map(|((entity, &position), degree)| {
            (
                position,
                style::node_radius(degree),
                entity.name.chars().count(),
            )
        })
        .collect()
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
}

/// Everything a scene is built from.
pub struct SceneInput<'a> {
    pub dataset: &'a Dataset,
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

/// The approximate width of `text` at `size` points in the bundled proportional font.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * 0.5
}

const DIMMED: f32 = 0.18;

/// Builds the picture.
pub fn build(input: &SceneInput<'_>) -> Scene {
    let dataset = input.dataset;
    let palette = input.theme.palette();
    let (ends, degree) = ends_and_degree(dataset);
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
    let mut related = vec![false; dataset.entities.len()];
    match input.highlight {
        Highlight::Entity(selected) => {
            if let Some(slot) = related.get_mut(selected) {
                *slot = true;
            }
            for &(a, b) in ends.iter().flatten() {
                if a == selected || b == selected {
                    related[a] = true;
                    related[b] = true;
                }
            }
        }
        Highlight::Relation(selected) => {
            if let Some(Some((a, b))) = ends.get(selected) {
                related[*a] = true;
                related[*b] = true;
            }
        }
        Highlight::None => {}
    }
    let node_opacity = |entity: usize| match input.highlight {
        Highlight::None => 1.0,
        _ if related[entity] => 1.0,
        _ => DIMMED,
    };
    let zoom = input.camera.zoom;
    let radius_of = |entity: usize| style::node_radius(degree[entity]);

    let mut items = Vec::new();
    for (relation, rank) in ranks(&ends, &shown) {
        let Some((a, b)) = ends[relation] else {
            continue;
        };
        let kind = dataset.relations[relation].kind;
        let selected = input.highlight == Highlight::Relation(relation);
        let opacity = match input.highlight {
            Highlight::None => 1.0,
            Highlight::Relation(r) if r == relation => 1.0,
            Highlight::Entity(e) if e == a || e == b => 1.0,
            _ => DIMMED,
        };
        let path = style::edge_path(
            input.positions[a],
            input.positions[b],
            [radius_of(a), radius_of(b)],
            rank,
        );
        let points: Vec<[f32; 2]> = path.iter().map(|&p| input.camera.apply(p)).collect();
        let color = style::polarity_color(kind.polarity());
        let width = (style::edge_width(dataset.relations[relation].evidence.len()) * zoom)
            .clamp(1.0, 8.0)
            + if selected { 1.5 } else { 0.0 };
        let (line, tip) = arrow(points, width, a != b);
        items.push(Item::Line {
            points: line,
            width,
            color,
            opacity,
            dashed: style::is_dashed(dataset.relations[relation].status),
        });
        if let Some(tip) = tip {
            items.push(Item::Polygon {
                points: tip,
                fill: color,
                opacity,
                stroke: None,
            });
        }
    }
    let mut labels = Vec::new();
    let labelled = labelled_entities(input.visible_entities, &degree);
    for (entity, data) in dataset.entities.iter().enumerate() {
        if !input.visible_entities.get(entity).copied().unwrap_or(false) {
            continue;
        }
        let center = input.camera.apply(input.positions[entity]);
        let radius = (radius_of(entity) * zoom).max(3.0);
        let (shape, fill) = style::entity_look(data.kind);
        let opacity = node_opacity(entity);
        let selected = input.highlight == Highlight::Entity(entity);
        let stroke = if selected {
            Some((2.5, palette.strong_text))
        } else {
            Some((1.0, palette.background))
        };
        items.push(node_item(shape, center, radius, fill, opacity, stroke));
        let highlighted = input.highlight != Highlight::None && related[entity];
        if !(labelled[entity] || highlighted) {
            continue;
        }
        let size = style::label_size(zoom);
        let width = text_width(&data.name, size);
        let top = center[1] + radius * 1.2 + 2.0;
        labels.push(Item::Rect {
            min: [center[0] - width / 2.0 - 1.5, top - 1.5],
            size: [width + 3.0, size * 1.25 + 3.0],
            corner: 3.0,
            fill: palette.background,
            opacity: 0.8 * opacity,
            stroke: None,
        });
        labels.push(Item::Text {
            x: center[0],
            top,
            text: data.name.clone(),
            size,
            color: if selected {
                palette.strong_text
            } else {
                palette.text
            },
            opacity,
            centered: true,
        });
    }
    items.extend(labels);
    if input.legend {
        legend(&mut items, input.size, palette);
    }
    if input.caption {
        caption(&mut items, dataset, palette);
    }
    Scene {
        size: input.size,
        background: palette.background,
        items,
    }
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
    let [x, y] = center;
    match shape {
        NodeShape::Circle => Item::Circle {
            center,
            radius,
            fill,
            opacity,
            stroke,
        },
        NodeShape::Diamond => {
            let r = radius * 1.2;
            Item::Polygon {
                points: vec![[x, y - r], [x + r, y], [x, y + r], [x - r, y]],
                fill,
                opacity,
                stroke,
            }
        }
        NodeShape::Square => Item::Rect {
            min: [x - radius * 0.9, y - radius * 0.9],
            size: [radius * 1.8, radius * 1.8],
            corner: radius * 0.25,
            fill,
            opacity,
            stroke,
        },
    }
}

/// Shortens the line so it ends at the base of an arrowhead, and the arrowhead.
fn arrow(
    mut points: Vec<[f32; 2]>,
    width: f32,
    directed: bool,
) -> (Vec<[f32; 2]>, Option<Vec<[f32; 2]>>) {
    let count = points.len();
    if !directed || count < 2 {
        return (points, None);
    }
    let tip = points[count - 1];
    let before = points[count - 2];
    let (dx, dy) = (tip[0] - before[0], tip[1] - before[1]);
    let length = (dx * dx + dy * dy).sqrt().max(1e-3);
    let (ux, uy) = (dx / length, dy / length);
    let tip_length = (6.0 + width * 2.0).min(16.0);
    points[count - 1] = [
        tip[0] - ux * tip_length * 0.8,
        tip[1] - uy * tip_length * 0.8,
    ];
    let base = [tip[0] - ux * tip_length, tip[1] - uy * tip_length];
    let (nx, ny) = (-uy * tip_length * 0.45, ux * tip_length * 0.45);
    let head = vec![
        tip,
        [base[0] + nx, base[1] + ny],
        [base[0] - nx, base[1] - ny],
    ];
    (points, Some(head))
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

/// The legend, in the lower left corner: what the shapes, colours and dashes mean.
pub fn legend(items: &mut Vec<Item>, size: [f32; 2], palette: Palette) {
    let row = 18.0;
    let rows = EntityKind::iter().count() + Polarity::iter().count() + 1;
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

    #[test]
    fn ranks_follow_egui_graphs_rules() {
        let ends = vec![Some((0, 1)), Some((0, 1)), Some((1, 0)), Some((2, 3)), None];
        let ranks = ranks(&ends, &|_| true);
        assert_eq!(ranks, [(0, 1), (1, 2), (2, 1), (3, 0)]);
    }

    #[test]
    fn fit_frames_the_nodes_inside_the_image() {
        let nodes = [([-100.0, -50.0], 10.0, 6), ([300.0, 200.0], 10.0, 6)];
        let camera = fit_camera(&nodes, [1200.0, 800.0], CAPTION_HEIGHT);
        for (position, _, _) in nodes {
            let [x, y] = camera.apply(position);
            assert!((LEGEND_WIDTH..1200.0).contains(&x) && (CAPTION_HEIGHT..800.0).contains(&y));
        }
    }
}
