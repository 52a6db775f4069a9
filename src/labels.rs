//! Where node labels go on a picture: beside their node, clear of every other label and every
//! other node.
//!
//! Label sizes are in screen points while positions scale with the zoom, so no placement on
//! the canvas serves every zoom: the window and the exporters each run this for their own
//! camera, in screen (image) points, with the same code. Greedy, in the order given (the most
//! important labels first): each label takes the first of a ring of spots around its node
//! (below, above, right, left, the corners, then the same a little further out) that is free;
//! when none is, the spot that overlaps least. A grid of buckets keeps it near linear.
//!
//! Pure: no egui, no I/O.

/// A node on screen, as far as labels are concerned: the box it covers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeBox {
    pub center: [f32; 2],
    /// Half the side of the square the node's shape fits in.
    pub half: f32,
}

/// A label to place: the node it names (an index into the nodes) and its size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelBox {
    pub node: usize,
    pub size: [f32; 2],
    /// May be left out when no spot is free (level of detail in a big graph); otherwise it
    /// takes the spot that overlaps least.
    pub optional: bool,
}

/// The gap between a node and its label, in points.
const GAP: f32 = 2.0;

/// Bucket size of the grid, in points.
const CELL: f32 = 64.0;

/// Rings of spots tried around a node, each a little further out.
const RINGS: usize = 5;

/// An axis-aligned box: min x, min y, max x, max y.
type Rect = [f32; 4];

fn overlap(a: &Rect, b: &Rect) -> f32 {
    let width = a[2].min(b[2]) - a[0].max(b[0]);
    let height = a[3].min(b[3]) - a[1].max(b[1]);
    if width > 0.0 && height > 0.0 {
        width * height
    } else {
        0.0
    }
}

/// Boxes bucketed by the grid cells they touch.
struct Grid {
    cells: rustc_hash::FxHashMap<(i32, i32), Vec<usize>>,
    boxes: Vec<(Rect, Owner)>,
    /// The query that last counted each box, so a box in several cells counts once.
    counted: Vec<u32>,
    query: u32,
}

#[derive(Clone, Copy, PartialEq)]
enum Owner {
    Node(usize),
    Label,
}

impl Grid {
    fn cells_of(rect: &Rect) -> impl Iterator<Item = (i32, i32)> {
        let cell = |v: f32| (v / CELL).floor().clamp(-1e6, 1e6) as i32;
        let (x0, y0, x1, y1) = (cell(rect[0]), cell(rect[1]), cell(rect[2]), cell(rect[3]));
        // A box larger than a screen (a giant label) is looked up in a bounded number of cells.
        let (x1, y1) = (x1.min(x0 + 64), y1.min(y0 + 64));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn insert(&mut self, rect: Rect, owner: Owner) {
        let index = self.boxes.len();
        self.boxes.push((rect, owner));
        self.counted.push(0);
        for cell in Self::cells_of(&rect) {
            self.cells.entry(cell).or_default().push(index);
        }
    }

    /// How much `rect` overlaps what is there already, leaving out node `own`, counted up
    /// to `enough` (past which the spot has lost anyway). Nodes weigh more than labels: a
    /// label over a node hides the node.
    fn cost(&mut self, rect: &Rect, own: usize, enough: f32) -> f32 {
        self.query = self.query.wrapping_add(1);
        let mut cost = 0.0;
        for cell in Self::cells_of(rect) {
            let Some(indices) = self.cells.get(&cell) else {
                continue;
            };
            for &index in indices {
                if self.counted[index] == self.query {
                    continue;
                }
                self.counted[index] = self.query;
                let (other, owner) = &self.boxes[index];
                cost += match owner {
                    Owner::Node(node) if *node == own => 0.0,
                    Owner::Node(_) => overlap(rect, other) * 2.0,
                    Owner::Label => overlap(rect, other),
                };
                if cost >= enough {
                    return cost;
                }
            }
        }
        cost
    }
}

/// The top-left corner of each label, in the order given, or `None` for an optional label
/// that found no free spot. `area` (min and max corners), when given, is where labels should
/// stay: spots outside it cost as much as overlaps.
pub fn place(
    nodes: &[NodeBox],
    labels: &[LabelBox],
    area: Option<([f32; 2], [f32; 2])>,
) -> Vec<Option<[f32; 2]>> {
    let mut grid = Grid {
        cells: rustc_hash::FxHashMap::default(),
        boxes: Vec::with_capacity(nodes.len() + labels.len()),
        counted: Vec::with_capacity(nodes.len() + labels.len()),
        query: 0,
    };
    for (index, node) in nodes.iter().enumerate() {
        let [x, y] = node.center;
        let h = node.half;
        grid.insert([x - h, y - h, x + h, y + h], Owner::Node(index));
    }
    let mut placed = Vec::with_capacity(labels.len());
    for label in labels {
        let Some(node) = nodes.get(label.node) else {
            placed.push(None);
            continue;
        };
        let [w, h] = label.size;
        let mut best: Option<(f32, Rect)> = None;
        'rings: for ring in 0..RINGS {
            for [x, y] in spots(node, [w, h], ring as f32 * h * 0.8) {
                let rect = [x, y, x + w, y + h];
                let mut cost = 0.0;
                if let Some((min, max)) = area {
                    let inside = [min[0], min[1], max[0], max[1]];
                    cost += w * h - overlap(&rect, &inside);
                }
                let enough = best.map_or(f32::INFINITY, |(least, _)| least);
                if cost < enough {
                    cost += grid.cost(&rect, label.node, enough - cost);
                }
                if best.is_none_or(|(least, _)| cost < least) {
                    best = Some((cost, rect));
                }
                if cost <= 0.0 {
                    break 'rings;
                }
            }
        }
        let Some((cost, rect)) = best else {
            placed.push(None);
            continue;
        };
        if label.optional && cost > 0.0 {
            placed.push(None);
            continue;
        }
        grid.insert(rect, Owner::Label);
        placed.push(Some([rect[0], rect[1]]));
    }
    placed
}

/// The spots tried around `node` for a label of `size`, `further` points out: below first
/// (where a reader looks for a name), then above, right, left and the four corners.
fn spots(node: &NodeBox, [w, h]: [f32; 2], further: f32) -> [[f32; 2]; 12] {
    let [x, y] = node.center;
    let reach = node.half + GAP + further;
    [
        [x - w / 2.0, y + reach],
        [x - w / 2.0, y - reach - h],
        [x + reach, y - h / 2.0],
        [x - reach - w, y - h / 2.0],
        [x + node.half * 0.5, y + reach],
        [x - node.half * 0.5 - w, y + reach],
        [x + node.half * 0.5, y - reach - h],
        [x - node.half * 0.5 - w, y - reach - h],
        [x + reach, y + node.half * 0.5],
        [x + reach, y - node.half * 0.5 - h],
        [x - reach - w, y + node.half * 0.5],
        [x - reach - w, y - node.half * 0.5 - h],
    ]
}

/// Pairs of boxes (min corner, size) that overlap by more than a hair, for tests and checks.
pub fn overlapping_pairs(boxes: &[([f32; 2], [f32; 2])]) -> Vec<(usize, usize)> {
    let rect = |&([x, y], [w, h]): &([f32; 2], [f32; 2])| [x, y, x + w, y + h];
    let mut pairs = Vec::new();
    for i in 0..boxes.len() {
        for j in i + 1..boxes.len() {
            if overlap(&rect(&boxes[i]), &rect(&boxes[j])) > 0.5 {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_label_goes_below_its_node() {
        let nodes = [NodeBox {
            center: [100.0, 100.0],
            half: 10.0,
        }];
        let placed = place(
            &nodes,
            &[LabelBox {
                node: 0,
                size: [40.0, 14.0],
                optional: false,
            }],
            None,
        );
        assert_eq!(placed, [Some([80.0, 112.0])]);
    }

    #[test]
    fn crowded_labels_move_apart_and_off_other_nodes() {
        // Three nodes in a row, close enough that labels below would run into each other.
        let nodes: Vec<NodeBox> = (0..3)
            .map(|i| NodeBox {
                center: [100.0 + 40.0 * i as f32, 100.0],
                half: 8.0,
            })
            .collect();
        let labels: Vec<LabelBox> = (0..3)
            .map(|node| LabelBox {
                node,
                size: [60.0, 14.0],
                optional: false,
            })
            .collect();
        let placed = place(&nodes, &labels, None);
        let boxes: Vec<([f32; 2], [f32; 2])> = placed
            .iter()
            .zip(&labels)
            .map(|(&min, label)| (min.expect("every label is placed"), label.size))
            .collect();
        assert_eq!(overlapping_pairs(&boxes), []);
        for (label, &([x, y], [w, h])) in labels.iter().zip(&boxes) {
            for (index, node) in nodes.iter().enumerate() {
                if index == label.node {
                    continue;
                }
                let [cx, cy] = node.center;
                let r = node.half;
                let apart = x + w <= cx - r || x >= cx + r || y + h <= cy - r || y >= cy + r;
                assert!(apart, "label {} covers node {index}", label.node);
            }
        }
    }

    #[test]
    fn an_optional_label_with_no_free_spot_is_left_out() {
        // Labels far larger than the area they must stay in: no spot is free for either.
        let nodes = [
            NodeBox {
                center: [100.0, 100.0],
                half: 10.0,
            },
            NodeBox {
                center: [300.0, 100.0],
                half: 10.0,
            },
        ];
        let label = |node, optional| LabelBox {
            node,
            size: [400.0, 400.0],
            optional,
        };
        let area = Some(([0.0, 0.0], [400.0, 200.0]));
        let placed = place(&nodes, &[label(0, false), label(1, true)], area);
        assert!(placed[0].is_some());
        assert_eq!(placed[1], None);
        let placed = place(&nodes, &[label(0, false), label(1, false)], area);
        assert!(
            placed.iter().all(Option::is_some),
            "a required label always gets a spot"
        );
    }
}
