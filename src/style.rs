//! How the graph looks: colours, shapes and sizes by entity kind, relation polarity and status.
//! One definition, shared by the window and the picture exporters, so both look alike.
//!
//! Pure: colours are plain sRGB triples; the window turns them into egui colours.

use crate::model::{EntityKind, Polarity, Status};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The outline of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeShape {
    Circle,
    Diamond,
    Square,
}

/// Shape and colour of an entity kind: countries are blue circles, people orange diamonds,
/// organizations green squares. The hues are told apart by people with the common forms of
/// colour blindness too, and the shapes say the same thing again.
pub fn entity_look(kind: EntityKind) -> (NodeShape, Rgb) {
    match kind {
        EntityKind::Country => (NodeShape::Circle, Rgb(0x3b, 0x82, 0xc4)),
        EntityKind::Person => (NodeShape::Diamond, Rgb(0xe0, 0x8a, 0x1e)),
        EntityKind::Organization => (NodeShape::Square, Rgb(0x2e, 0x9e, 0x6b)),
    }
}

/// The colour of a relation polarity.
pub fn polarity_color(polarity: Polarity) -> Rgb {
    match polarity {
        Polarity::Cooperative => Rgb(0x2f, 0xa8, 0x4f),
        Polarity::Conflictual => Rgb(0xd6, 0x3b, 0x3b),
        Polarity::Diplomatic => Rgb(0x4a, 0x7f, 0xe0),
        Polarity::Appeal => Rgb(0xb0, 0x5c, 0xd6),
        Polarity::Structural => Rgb(0x8a, 0x8f, 0x98),
    }
}

/// How much an element that does not touch the selection fades: its opacity.
pub const DIMMED_OPACITY: f32 = 0.18;

/// How opaque a relation no one has reviewed yet is drawn, against 1 for accepted ones: a
/// suggestion reads as a pencilled line beside the inked ones.
pub const SUGGESTED_OPACITY: f32 = 0.4;

/// The opacity a relation is drawn with for its review state (before any dimming): faint while
/// every quote is a suggestion.
pub fn review_opacity(review: crate::model::RelationReview) -> f32 {
    match review {
        crate::model::RelationReview::Suggested => SUGGESTED_OPACITY,
        _ => 1.0,
    }
}

/// A node's outline at `center` with `radius`, in whatever space both are in: the one
/// definition of each shape the window, its batch mesh and the exporters all draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Outline {
    Circle {
        center: [f32; 2],
        radius: f32,
    },
    Polygon(Vec<[f32; 2]>),
    RoundedRect {
        min: [f32; 2],
        size: [f32; 2],
        corner: f32,
    },
}

/// The outline of a node of `shape`: circles as they are, diamonds a little larger than the
/// circle so they look as big, squares a little smaller, with rounded corners.
pub fn node_outline(shape: NodeShape, center: [f32; 2], radius: f32) -> Outline {
    let [x, y] = center;
    match shape {
        NodeShape::Circle => Outline::Circle { center, radius },
        NodeShape::Diamond => {
            let r = radius * 1.2;
            Outline::Polygon(vec![[x, y - r], [x + r, y], [x, y + r], [x - r, y]])
        }
        NodeShape::Square => Outline::RoundedRect {
            min: [x - radius * 0.9, y - radius * 0.9],
            size: [radius * 1.8, radius * 1.8],
            corner: radius * 0.25,
        },
    }
}

impl Outline {
    /// The outline as a convex polygon (circles as octagons, corners left square): for meshes
    /// of thousands of nodes seen from afar, where the difference does not show.
    pub fn polygon(&self) -> Vec<[f32; 2]> {
        match self {
            Outline::Circle { center, radius } => (0..8)
                .map(|i| {
                    let angle = std::f32::consts::TAU * i as f32 / 8.0;
                    [
                        center[0] + radius * angle.cos(),
                        center[1] + radius * angle.sin(),
                    ]
                })
                .collect(),
            Outline::Polygon(points) => points.clone(),
            Outline::RoundedRect { min, size, .. } => vec![
                *min,
                [min[0] + size[0], min[1]],
                [min[0] + size[0], min[1] + size[1]],
                [min[0], min[1] + size[1]],
            ],
        }
    }
}

/// The width on screen, in points, of an edge with `quote_count` quotes at `zoom`; wider when
/// it is the selection or hovered.
pub fn edge_screen_width(quote_count: usize, zoom: f32, highlighted: bool) -> f32 {
    (edge_width(quote_count) * zoom).clamp(1.0, 8.0) + if highlighted { 1.5 } else { 0.0 }
}

/// Ends a screen-space edge path at the base of its arrowhead (so the line does not poke
/// through the tip) and gives the arrowhead's triangle; undirected or degenerate paths get
/// none.
pub fn arrowhead(
    mut points: Vec<[f32; 2]>,
    width: f32,
    directed: bool,
) -> (Vec<[f32; 2]>, Option<[[f32; 2]; 3]>) {
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
    (
        points,
        Some([
            tip,
            [base[0] + nx, base[1] + ny],
            [base[0] - nx, base[1] - ny],
        ]),
    )
}

/// Relations that have not happened (yet), or are only hedged, are drawn dashed.
pub fn is_dashed(status: Option<Status>) -> bool {
    matches!(
        status,
        Some(Status::Scheduled | Status::Expected | Status::Planned | Status::Reported)
    )
}

/// Node radius in canvas units, growing with the number of relations.
pub fn node_radius(relation_count: usize) -> f32 {
    10.0 + 4.0 * (relation_count as f32).sqrt()
}

/// Half the width and height of the box a node needs in the layout, in canvas units: its shape
/// and its label below it, as drawn at the zoom a fitted graph of a few dozen nodes gets.
pub fn node_room(name: &str, relation_count: usize) -> [f32; 2] {
    let radius = node_radius(relation_count);
    let half_label = name.chars().count().min(30) as f32 * 5.5;
    [radius.max(half_label) + 6.0, radius + 10.0]
}

/// Edge width in canvas units, growing with the number of quotes.
pub fn edge_width(quote_count: usize) -> f32 {
    (1.0 + 0.8 * quote_count as f32).min(4.5)
}

/// The size of node labels on screen, in points, at canvas zoom `zoom`: it follows the zoom
/// but never gets too small to read or large enough to swamp the graph.
pub fn label_size(zoom: f32) -> f32 {
    // Quantised to whole points so the glyph cache keeps hitting while zooming.
    (13.0 * zoom.sqrt()).clamp(11.0, 18.0).round()
}

/// How far curved edges between the same pair bow out, per rank, in canvas units.
pub const CURVE_STEP: f32 = 22.0;

/// The path of an edge from the rim of its start node to the rim of its end node, in canvas
/// units: straight for `rank` 0, else a quadratic curve bowing out `rank` steps to the left of
/// the direction of travel, so relations between the same pair never sit on top of each other
/// (opposite directions bow to opposite sides). Self-relations get a small loop above the node.
pub fn edge_path(start: [f32; 2], end: [f32; 2], radii: [f32; 2], rank: usize) -> Vec<[f32; 2]> {
    const SAMPLES: usize = 16;
    let (dx, dy) = (end[0] - start[0], end[1] - start[1]);
    let length = (dx * dx + dy * dy).sqrt();
    if length < 1e-3 {
        let radius = radii[0] * (1.0 + 0.4 * rank as f32);
        let center = [start[0], start[1] - radii[0] - radius * 0.6];
        return (0..=SAMPLES * 2)
            .map(|i| {
                let angle = std::f32::consts::TAU * i as f32 / (SAMPLES * 2) as f32 + 1.9;
                [
                    center[0] + radius * angle.cos(),
                    center[1] + radius * angle.sin(),
                ]
            })
            .collect();
    }
    let (ux, uy) = (dx / length, dy / length);
    let bow = CURVE_STEP * rank as f32;
    let control = [
        (start[0] + end[0]) / 2.0 + uy * bow,
        (start[1] + end[1]) / 2.0 - ux * bow,
    ];
    // Leave each node along the tangent at that end, so curved edges meet the rim.
    let rim = |from: [f32; 2], towards: [f32; 2], radius: f32| {
        let (tx, ty) = (towards[0] - from[0], towards[1] - from[1]);
        let norm = (tx * tx + ty * ty).sqrt().max(1e-3);
        [from[0] + tx / norm * radius, from[1] + ty / norm * radius]
    };
    let a = rim(start, control, radii[0]);
    let b = rim(end, control, radii[1]);
    (0..=SAMPLES)
        .map(|i| {
            let t = i as f32 / SAMPLES as f32;
            let u = 1.0 - t;
            [
                u * u * a[0] + 2.0 * u * t * control[0] + t * t * b[0],
                u * u * a[1] + 2.0 * u * t * control[1] + t * t * b[1],
            ]
        })
        .collect()
}

/// A box (min, max corners) that holds the whole of `edge_path` for the same arguments,
/// cheap enough to rule edges out before their curve is worked out.
pub fn edge_bounds(
    start: [f32; 2],
    end: [f32; 2],
    radii: [f32; 2],
    rank: usize,
) -> ([f32; 2], [f32; 2]) {
    // A curve bows out half its control offset; a self-loop reaches about three radii.
    let rank = rank as f32;
    let margin = CURVE_STEP * rank + radii[0].max(radii[1]) * (3.0 + 0.7 * rank);
    (
        [start[0].min(end[0]) - margin, start[1].min(end[1]) - margin],
        [start[0].max(end[0]) + margin, start[1].max(end[1]) + margin],
    )
}

/// The distance from `point` to the polyline `path`.
pub fn distance_to_path(point: [f32; 2], path: &[[f32; 2]]) -> f32 {
    path.windows(2)
        .map(|segment| {
            let [a, b] = [segment[0], segment[1]];
            let (abx, aby) = (b[0] - a[0], b[1] - a[1]);
            let square = abx * abx + aby * aby;
            let t = if square > 0.0 {
                (((point[0] - a[0]) * abx + (point[1] - a[1]) * aby) / square).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (cx, cy) = (a[0] + abx * t - point[0], a[1] + aby * t - point[1]);
            (cx * cx + cy * cy).sqrt()
        })
        .fold(f32::INFINITY, f32::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_start_and_end_on_the_rims_and_ranks_bow_apart() {
        let straight = edge_path([0.0, 0.0], [100.0, 0.0], [10.0, 20.0], 0);
        assert_eq!(straight.first(), Some(&[10.0, 0.0]));
        assert_eq!(straight.last(), Some(&[80.0, 0.0]));
        let first = edge_path([0.0, 0.0], [100.0, 0.0], [10.0, 10.0], 1);
        let back = edge_path([100.0, 0.0], [0.0, 0.0], [10.0, 10.0], 1);
        let middle = |path: &[[f32; 2]]| path[path.len() / 2];
        assert!(middle(&first)[1] < -5.0 && middle(&back)[1] > 5.0);
        assert!(distance_to_path([50.0, 0.0], &straight) < 1e-3);
        assert!(distance_to_path([50.0, 0.0], &first) > 5.0);
    }

    #[test]
    fn edge_bounds_hold_every_path() {
        for rank in 0..5 {
            for (start, end) in [
                ([0.0, 0.0], [100.0, 30.0]),
                ([50.0, 50.0], [50.0, 50.0]),
                ([-20.0, 5.0], [-22.0, 200.0]),
            ] {
                let ([x0, y0], [x1, y1]) = edge_bounds(start, end, [12.0, 25.0], rank);
                for [x, y] in edge_path(start, end, [12.0, 25.0], rank) {
                    assert!(
                        (x0..=x1).contains(&x) && (y0..=y1).contains(&y),
                        "rank {rank}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_self_relation_is_a_loop_beside_its_node() {
        let path = edge_path([5.0, 5.0], [5.0, 5.0], [10.0, 10.0], 0);
        assert!(path.len() > 8);
        assert!(path.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
    }

    #[test]
    fn labels_stay_readable_at_any_zoom() {
        assert_eq!(label_size(0.01), 11.0);
        assert_eq!(label_size(100.0), 18.0);
        assert_eq!(label_size(1.0), 13.0);
    }
}
