//! A seeded force-directed layout that settles and stops by itself.
//!
//! After d3-force: links pull connected nodes to a rest length, every pair of nodes repels, a
//! weak gravity keeps the graph centred, and a cooling factor (`alpha`) decays on a fixed
//! schedule, so the simulation always stops after a known number of steps. The start is a
//! phyllotaxis spiral in an order shuffled by the seed: the same graph and seed always give the
//! same positions, whatever the window size or frame rate. Pinned nodes stay where they are put
//! and the rest arrange around them.
//!
//! Pure: no egui, no I/O. The window runs a few steps a frame; the exporters run it to the end.

use crate::random::SplitMix64;

/// A point or vector in layout (canvas) units.
pub type Vec2 = [f32; 2];

/// The knobs of the simulation. The defaults suit news graphs of a few dozen to a few hundred
/// nodes drawn with labels.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutParams {
    /// Rest length of a link.
    pub link_distance: f32,
    /// Repulsion between every pair of nodes (d3's many-body strength, negative repels).
    pub charge: f32,
    /// Pull of every node towards the origin, per unit of distance.
    pub gravity: f32,
    /// Fraction of velocity kept from one step to the next.
    pub velocity_keep: f32,
    /// The simulation settles when `alpha` falls below this.
    pub alpha_min: f32,
    /// Steps from a cold start to settled.
    pub steps_to_settle: u32,
    /// Shuffles the starting arrangement.
    pub seed: u64,
}

impl Default for LayoutParams {
    fn default() -> Self {
        Self {
            link_distance: 130.0,
            charge: -3000.0,
            gravity: 0.04,
            velocity_keep: 0.6,
            alpha_min: 0.001,
            steps_to_settle: 300,
            seed: 0x5eed,
        }
    }
}

/// Whether the layout still moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutStatus {
    /// Moving; `step` has work to do.
    Running,
    /// At rest; `step` does nothing until something reheats it.
    Settled,
}

/// The simulation state of one graph.
#[derive(Clone, Debug)]
pub struct ForceLayout {
    params: LayoutParams,
    positions: Vec<Vec2>,
    velocities: Vec<Vec2>,
    pinned: Vec<bool>,
    /// Distinct undirected links, each once, with the smaller index first.
    links: Vec<(usize, usize)>,
    degree: Vec<usize>,
    /// Half the width and height of the box each node needs (its shape and label), kept free
    /// by a collision force.
    room: Vec<Vec2>,
    alpha: f32,
    alpha_decay: f32,
    /// Threads for the many-body force; `None` for as many as there are cores.
    threads: Option<usize>,
    /// The Barnes-Hut tree, kept between steps to reuse its memory.
    tree: QuadTree,
    steps: u32,
}

/// How hot a layout restarted after a change is: enough to make room, not to reshuffle.
const WARM_ALPHA: f32 = 0.1;

/// How hot pinning or unpinning a node makes a settled layout: the rest moves only a little.
const PIN_ALPHA: f32 = 0.05;

/// Links act only when they are this close to at rest, to keep hubs from collapsing.
const MIN_DISTANCE: f32 = 1.0;

impl ForceLayout {
    /// A layout of `node_count` nodes joined by `links` (pairs of node indices; repeats,
    /// self-links and out-of-range indices are ignored), started cold.
    pub fn new(node_count: usize, links: &[(usize, usize)], params: LayoutParams) -> Self {
        let mut unique: Vec<(usize, usize)> = links
            .iter()
            .filter(|&&(a, b)| a != b && a < node_count && b < node_count)
            .map(|&(a, b)| (a.min(b), a.max(b)))
            .collect();
        unique.sort_unstable();
        unique.dedup();
        let mut degree = vec![0; node_count];
        for &(a, b) in &unique {
            degree[a] += 1;
            degree[b] += 1;
        }
        let steps = params.steps_to_settle.max(1) as f32;
        let alpha_decay = 1.0 - params.alpha_min.powf(1.0 / steps);
        let mut layout = Self {
            positions: Vec::new(),
            velocities: vec![[0.0; 2]; node_count],
            pinned: vec![false; node_count],
            links: unique,
            degree,
            room: vec![[0.0; 2]; node_count],
            alpha: 1.0,
            alpha_decay,
            threads: None,
            tree: QuadTree::default(),
            steps: 0,
            params,
        };
        layout.positions = layout.initial_positions();
        layout
    }

    /// Limits the threads the many-body force uses (at least one), to leave cores to others.
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads.max(1));
        self
    }

    /// The threads the many-body force may use (`with_threads`; every core when not set).
    pub fn threads(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
    }

    /// Sets the half width and half height of the box each node needs around its position
    /// (by index; extra values are ignored), which a collision force keeps free, so labels do
    /// not sit on top of each other.
    pub fn with_room(mut self, room: &[Vec2]) -> Self {
        for (slot, &[w, h]) in self.room.iter_mut().zip(room) {
            *slot = [w.max(0.0), h.max(0.0)];
        }
        self
    }

    /// Starts from where an earlier layout of the same graph left off, after a change to the
    /// graph: `known[i]` is node `i`'s earlier position, `None` for a new node, which starts
    /// beside the nodes it links to (or where a cold start would put it, if none is known).
    /// With anything known the layout starts warm, so the picture only adjusts.
    pub fn with_start(mut self, known: &[Option<Vec2>]) -> Self {
        if !known.iter().any(Option::is_some) {
            return self;
        }
        let placed = warm_start(
            self.positions.len(),
            &self.links,
            known,
            self.params.link_distance,
        );
        for (position, placed) in self.positions.iter_mut().zip(placed) {
            if let Some(placed) = placed {
                *position = placed;
            }
        }
        self.alpha = WARM_ALPHA;
        self
    }

    /// The positions of the nodes, by index.
    pub fn positions(&self) -> &[Vec2] {
        &self.positions
    }

    /// Whether the layout still moves.
    pub fn status(&self) -> LayoutStatus {
        if self.alpha < self.params.alpha_min {
            LayoutStatus::Settled
        } else {
            LayoutStatus::Running
        }
    }

    /// How many steps a cold start takes to settle.
    pub fn steps_to_settle(&self) -> u32 {
        self.params.steps_to_settle.max(1)
    }

    /// Steps run since the last (re)start.
    pub fn steps(&self) -> u32 {
        self.steps
    }

    /// How far the layout has got towards settled, from 0 (cold start) up to 1 (settled).
    pub fn progress(&self) -> f32 {
        let span = (1.0f32).ln() - self.params.alpha_min.ln();
        (1.0 - (self.alpha.max(self.params.alpha_min).ln() - self.params.alpha_min.ln()) / span)
            .clamp(0.0, 1.0)
    }

    /// Whether node `index` is pinned.
    pub fn is_pinned(&self, index: usize) -> bool {
        self.pinned.get(index).copied().unwrap_or(false)
    }

    /// Pins node `index` at `position`, and lets the others rearrange around it.
    pub fn pin(&mut self, index: usize, position: Vec2) {
        if index >= self.positions.len() || !position.iter().all(|v| v.is_finite()) {
            return;
        }
        self.pinned[index] = true;
        self.positions[index] = position;
        self.velocities[index] = [0.0; 2];
        self.reheat(PIN_ALPHA);
    }

    /// Releases node `index`.
    pub fn unpin(&mut self, index: usize) {
        if let Some(pinned) = self.pinned.get_mut(index)
            && *pinned
        {
            *pinned = false;
            self.reheat(PIN_ALPHA);
        }
    }

    /// Starts again from the seeded arrangement; pinned nodes keep their place.
    pub fn restart(&mut self) {
        let initial = self.initial_positions();
        for (index, position) in initial.into_iter().enumerate() {
            if !self.pinned[index] {
                self.positions[index] = position;
            }
        }
        self.velocities.fill([0.0; 2]);
        self.alpha = 1.0;
        self.steps = 0;
    }

    /// Makes a settled layout move again, at temperature `alpha` (0 to 1).
    pub fn reheat(&mut self, alpha: f32) {
        self.alpha = self.alpha.max(alpha);
    }

    /// Runs steps until settled, at most `max_steps`; returns the number run.
    pub fn run_until_settled(&mut self, max_steps: u32) -> u32 {
        let mut run = 0;
        while run < max_steps && self.step() {
            run += 1;
        }
        run
    }

    /// Advances the simulation one step; `false` when already settled.
    pub fn step(&mut self) -> bool {
        if self.status() == LayoutStatus::Settled {
            return false;
        }
        self.alpha += -self.alpha * self.alpha_decay;
        self.steps += 1;
        let alpha = self.alpha;
        self.apply_links(alpha);
        self.apply_charge(alpha);
        self.apply_collisions();
        let gravity = self.params.gravity * alpha;
        let keep = self.params.velocity_keep;
        for index in 0..self.positions.len() {
            if self.pinned[index] {
                self.velocities[index] = [0.0; 2];
                continue;
            }
            let [x, y] = self.positions[index];
            let [vx, vy] = self.velocities[index];
            let (vx, vy) = ((vx - x * gravity) * keep, (vy - y * gravity) * keep);
            // A bound keeps a pathological input from running off to infinity.
            let next = [(x + vx).clamp(-1e6, 1e6), (y + vy).clamp(-1e6, 1e6)];
            self.velocities[index] = [vx, vy];
            self.positions[index] = if next.iter().all(|v| v.is_finite()) {
                next
            } else {
                [x, y]
            };
        }
        true
    }

    /// Springs along links, stronger for links between nodes of few links (as in d3).
    fn apply_links(&mut self, alpha: f32) {
        for &(a, b) in &self.links {
            let (da, db) = (self.degree[a] as f32, self.degree[b] as f32);
            let strength = 1.0 / da.min(db).max(1.0);
            let bias = da / (da + db);
            let [pa, pb] = [self.positions[a], self.positions[b]];
            let [va, vb] = [self.velocities[a], self.velocities[b]];
            let mut dx = pb[0] + vb[0] - pa[0] - va[0];
            let mut dy = pb[1] + vb[1] - pa[1] - va[1];
            if dx == 0.0 && dy == 0.0 {
                [dx, dy] = jiggle(a, b);
            }
            let length = (dx * dx + dy * dy).sqrt().max(MIN_DISTANCE);
            let pull = (length - self.params.link_distance) / length * alpha * strength;
            let (fx, fy) = (dx * pull, dy * pull);
            self.velocities[b][0] -= fx * bias;
            self.velocities[b][1] -= fy * bias;
            self.velocities[a][0] += fx * (1.0 - bias);
            self.velocities[a][1] += fy * (1.0 - bias);
        }
    }

    /// Repulsion between every pair: exact below `BARNES_HUT_FROM` nodes, else approximated
    /// with a Barnes-Hut quadtree.
    fn apply_charge(&mut self, alpha: f32) {
        let count = self.positions.len();
        if count >= BARNES_HUT_FROM {
            self.apply_charge_barnes_hut(alpha);
            return;
        }
        let charge = self.params.charge * alpha;
        let min_square = (self.params.link_distance * 0.1).powi(2);
        for i in 0..count {
            for j in (i + 1)..count {
                let [pi, pj] = [self.positions[i], self.positions[j]];
                let mut dx = pj[0] - pi[0];
                let mut dy = pj[1] - pi[1];
                if dx == 0.0 && dy == 0.0 {
                    [dx, dy] = jiggle(i, j);
                }
                let square = (dx * dx + dy * dy).max(min_square);
                let weight = charge / square;
                self.velocities[i][0] += dx * weight;
                self.velocities[i][1] += dy * weight;
                self.velocities[j][0] -= dx * weight;
                self.velocities[j][1] -= dy * weight;
            }
        }
    }

    /// Repulsion in O(n log n): distant groups of nodes act as one body at their centre of
    /// mass when they look small from where the force is felt (width / distance < theta).
    fn apply_charge_barnes_hut(&mut self, alpha: f32) {
        let mut tree = std::mem::take(&mut self.tree);
        tree.rebuild(&self.positions);
        let charge = self.params.charge * alpha;
        let min_square = (self.params.link_distance * 0.1).powi(2);
        let positions = &self.positions;
        // Each node's force depends only on the tree, so the nodes can be shared out among
        // threads without changing the result.
        let threads = self
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
            .min(positions.len() / PARALLEL_CHUNK)
            .max(1);
        let chunk = positions.len().div_ceil(threads);
        std::thread::scope(|scope| {
            for (part, velocities) in self.velocities.chunks_mut(chunk).enumerate() {
                let tree = &tree;
                let mut work = move || {
                    for (offset, velocity) in velocities.iter_mut().enumerate() {
                        let i = part * chunk + offset;
                        let force = tree.force_on(i, positions[i], charge, min_square);
                        velocity[0] += force[0];
                        velocity[1] += force[1];
                    }
                };
                if part + 1 == threads {
                    work();
                } else {
                    scope.spawn(work);
                }
            }
        });
        self.tree = tree;
    }

    /// Pushes apart nodes whose boxes (shape and label) overlap, along the axis where they
    /// overlap least: labels are wide and short, so round collision shapes waste room. Only
    /// neighbours in a grid of cells as large as the largest box are compared.
    fn apply_collisions(&mut self) {
        const STRENGTH: f32 = 0.5;
        let count = self.positions.len();
        // Label room matters where labels are all drawn; big graphs draw few labels, and there
        // the many-body force alone keeps nodes apart at a fraction of the cost.
        if count > COLLISIONS_UP_TO {
            return;
        }
        let cell = self
            .room
            .iter()
            .map(|[w, h]| w.max(*h) * 2.0)
            .fold(0.0f32, f32::max);
        if cell <= 0.0 {
            return;
        }
        let key = |[x, y]: Vec2| ((x / cell).floor() as i64, (y / cell).floor() as i64);
        let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> =
            std::collections::HashMap::new();
        for (index, &position) in self.positions.iter().enumerate() {
            grid.entry(key(position)).or_default().push(index);
        }
        let mut neighbours = Vec::new();
        for i in 0..count {
            let (kx, ky) = key(self.positions[i]);
            neighbours.clear();
            for dx in -1..=1 {
                for dy in -1..=1 {
                    if let Some(cell) = grid.get(&(kx + dx, ky + dy)) {
                        neighbours.extend(cell.iter().copied().filter(|&j| j > i));
                    }
                }
            }
            // Cells are visited in a fixed order, but sort anyway: the result must not
            // depend on how the map is laid out.
            neighbours.sort_unstable();
            for &j in &neighbours {
                let ([wi, hi], [wj, hj]) = (self.room[i], self.room[j]);
                let next = |k: usize| {
                    [
                        self.positions[k][0] + self.velocities[k][0],
                        self.positions[k][1] + self.velocities[k][1],
                    ]
                };
                let (pi, pj) = (next(i), next(j));
                let (mut dx, mut dy) = (pj[0] - pi[0], pj[1] - pi[1]);
                if dx == 0.0 && dy == 0.0 {
                    [dx, dy] = jiggle(i, j);
                }
                let overlap_x = wi + wj - dx.abs();
                let overlap_y = hi + hj - dy.abs();
                if overlap_x <= 0.0 || overlap_y <= 0.0 {
                    continue;
                }
                let push = if overlap_x < overlap_y {
                    [overlap_x * dx.signum() * STRENGTH / 2.0, 0.0]
                } else {
                    [0.0, overlap_y * dy.signum() * STRENGTH / 2.0]
                };
                let (share_i, share_j) = match (self.pinned[i], self.pinned[j]) {
                    (true, true) => (0.0, 0.0),
                    (true, false) => (0.0, 2.0),
                    (false, true) => (2.0, 0.0),
                    (false, false) => (1.0, 1.0),
                };
                self.velocities[i][0] -= push[0] * share_i;
                self.velocities[i][1] -= push[1] * share_i;
                self.velocities[j][0] += push[0] * share_j;
                self.velocities[j][1] += push[1] * share_j;
            }
        }
    }

    /// A phyllotaxis spiral (evenly spread, no two nodes together), in seeded order.
    fn initial_positions(&self) -> Vec<Vec2> {
        let count = self.positions.len().max(self.pinned.len());
        let mut order: Vec<usize> = (0..count).collect();
        let mut random = SplitMix64(self.params.seed);
        for i in (1..count).rev() {
            let j = (random.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let golden_angle = std::f32::consts::PI * (3.0 - 5.0f32.sqrt());
        let spacing = self.params.link_distance * 0.5;
        let mut positions = vec![[0.0; 2]; count];
        for (rank, &index) in order.iter().enumerate() {
            let radius = spacing * (0.5 + rank as f32).sqrt();
            let angle = rank as f32 * golden_angle;
            positions[index] = [radius * angle.cos(), radius * angle.sin()];
        }
        positions
    }
}

/// Where a warm start puts each of `node_count` nodes: where it was (`known`, when finite),
/// else beside its known neighbours at a seeded angle, a short link away; `None` for a node
/// with neither, which keeps its seeded place.
pub fn warm_start(
    node_count: usize,
    links: &[(usize, usize)],
    known: &[Option<Vec2>],
    link_distance: f32,
) -> Vec<Option<Vec2>> {
    let mut sums = vec![([0.0f32; 2], 0usize); node_count];
    for &(a, b) in links {
        for (from, to) in [(a, b), (b, a)] {
            if let (Some(Some([x, y])), Some((sum, count))) = (known.get(from), sums.get_mut(to)) {
                *sum = [sum[0] + x, sum[1] + y];
                *count += 1;
            }
        }
    }
    (0..node_count)
        .map(|index| match known.get(index).copied().flatten() {
            Some(earlier) if earlier.iter().all(|v| v.is_finite()) => Some(earlier),
            _ => {
                let (sum, count) = sums[index];
                (count > 0).then(|| {
                    let angle = index as f32 * 2.399_963;
                    let reach = link_distance * 0.5;
                    [
                        sum[0] / count as f32 + reach * angle.cos(),
                        sum[1] / count as f32 + reach * angle.sin(),
                    ]
                })
            }
        })
        .collect()
}

/// A layout to build, warm, off the window's thread: everything `ForceLayout::new`,
/// `with_room`, `with_start` and `pin` take.
#[derive(Clone, Debug)]
pub struct Plan {
    pub node_count: usize,
    pub links: Vec<(usize, usize)>,
    pub room: Vec<[f32; 2]>,
    pub known: Vec<Option<Vec2>>,
    pub pins: Vec<(usize, Vec2)>,
}

impl Plan {
    /// The layout planned, with the default parameters.
    pub fn build(&self) -> ForceLayout {
        let mut layout = ForceLayout::new(self.node_count, &self.links, LayoutParams::default())
            .with_room(&self.room)
            .with_start(&self.known);
        for &(index, position) in &self.pins {
            layout.pin(index, position);
        }
        layout
    }

    /// Where the nodes are to be drawn until the layout is built: where they were, or beside
    /// their neighbours (the layout puts the others where it starts them).
    pub fn first_positions(&self) -> Vec<Vec2> {
        let params = LayoutParams::default();
        let mut positions: Vec<Vec2> = warm_start(
            self.node_count,
            &self.links,
            &self.known,
            params.link_distance,
        )
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();
        for &(index, position) in &self.pins {
            if let Some(slot) = positions.get_mut(index) {
                *slot = position;
            }
        }
        positions
    }
}

/// Above this many nodes, the collision force is left out (see `apply_collisions`).
const COLLISIONS_UP_TO: usize = 2_000;

/// From this many nodes on, repulsion uses Barnes-Hut instead of every pair.
const BARNES_HUT_FROM: usize = 400;

/// Below this many nodes per thread, threads cost more than they save.
const PARALLEL_CHUNK: usize = 2_000;

/// "No child" in `Quad::children` (the root, 0, is nobody's child).
const NO_QUAD: u32 = 0;

/// A quadtree of node positions with the mass (node count) and centre of mass of each quad.
#[derive(Clone, Debug, Default)]
struct QuadTree {
    quads: Vec<Quad>,
}

#[derive(Clone, Debug)]
struct Quad {
    min: Vec2,
    size: f32,
    mass: f32,
    /// While building, the sum of the positions below; then their centre of mass.
    center: Vec2,
    /// The node in a leaf (a leaf at the depth limit may also hold others on the same spot);
    /// `u32::MAX` for none.
    body: u32,
    children: [u32; 4],
}

impl QuadTree {
    const MAX_DEPTH: usize = 32;

    /// The repulsion on node `i` at `[x, y]` from all others: distant quads act as one body at
    /// their centre of mass when they look small from there (width / distance < theta).
    fn force_on(&self, i: usize, [x, y]: Vec2, charge: f32, min_square: f32) -> Vec2 {
        const THETA_SQUARE: f32 = 1.0;
        let mut force = [0.0f32; 2];
        let mut stack: Vec<u32> = Vec::with_capacity(128);
        stack.push(0);
        while let Some(q) = stack.pop() {
            let quad = &self.quads[q as usize];
            let leaf = quad.children == [NO_QUAD; 4];
            let (mut mass, mut center) = (quad.mass, quad.center);
            if leaf && quad.body == i as u32 {
                // This node itself, perhaps with others on the same spot.
                mass -= 1.0;
                if mass <= 0.0 {
                    continue;
                }
                center = [
                    (quad.center[0] * quad.mass - x) / mass,
                    (quad.center[1] * quad.mass - y) / mass,
                ];
            }
            let mut dx = center[0] - x;
            let mut dy = center[1] - y;
            let square = dx * dx + dy * dy;
            if leaf || quad.size * quad.size < THETA_SQUARE * square {
                if dx == 0.0 && dy == 0.0 {
                    [dx, dy] = jiggle(i, q as usize);
                }
                // `charge` is negative: the force points away from the others.
                let weight = charge * mass / (dx * dx + dy * dy).max(min_square);
                force[0] += dx * weight;
                force[1] += dy * weight;
            } else {
                stack.extend(quad.children.iter().copied().filter(|&c| c != NO_QUAD));
            }
        }
        force
    }

    /// Rebuilds the tree for `positions`, reusing its memory.
    fn rebuild(&mut self, positions: &[Vec2]) {
        let mut min = [f32::INFINITY; 2];
        let mut max = [f32::NEG_INFINITY; 2];
        for &[x, y] in positions {
            min = [min[0].min(x), min[1].min(y)];
            max = [max[0].max(x), max[1].max(y)];
        }
        let size = (max[0] - min[0]).max(max[1] - min[1]).max(1.0) * 1.001;
        self.quads.clear();
        self.quads.push(Quad::empty(min, size));
        for (index, &position) in positions.iter().enumerate() {
            self.insert(index as u32, position, positions);
        }
        for quad in &mut self.quads {
            if quad.mass > 0.0 {
                quad.center = [quad.center[0] / quad.mass, quad.center[1] / quad.mass];
            }
        }
    }

    fn insert(&mut self, index: u32, position: Vec2, positions: &[Vec2]) {
        let mut q = 0;
        for depth in 0.. {
            let quad = &mut self.quads[q];
            quad.mass += 1.0;
            quad.center = [quad.center[0] + position[0], quad.center[1] + position[1]];
            let leaf = quad.children == [NO_QUAD; 4];
            if quad.mass == 1.0 && leaf {
                quad.body = index;
                return;
            }
            if depth >= Self::MAX_DEPTH {
                return;
            }
            if leaf {
                // Split the leaf: its node moves down a level.
                let resident = std::mem::replace(&mut quad.body, u32::MAX);
                if resident != u32::MAX {
                    let at = positions[resident as usize];
                    let child = self.child(q, at);
                    let quad = &mut self.quads[child];
                    quad.mass += 1.0;
                    quad.center = [quad.center[0] + at[0], quad.center[1] + at[1]];
                    quad.body = resident;
                }
            }
            q = self.child(q, position);
        }
    }

    /// The child of `q` where `position` belongs, created if needed.
    fn child(&mut self, q: usize, position: Vec2) -> usize {
        let (min, half) = (self.quads[q].min, self.quads[q].size / 2.0);
        let right = usize::from(position[0] >= min[0] + half);
        let lower = usize::from(position[1] >= min[1] + half);
        let slot = right + 2 * lower;
        let existing = self.quads[q].children[slot];
        if existing != NO_QUAD {
            return existing as usize;
        }
        let child_min = [min[0] + half * right as f32, min[1] + half * lower as f32];
        self.quads.push(Quad::empty(child_min, half));
        let created = self.quads.len() - 1;
        self.quads[q].children[slot] = created as u32;
        created
    }
}

impl Quad {
    fn empty(min: Vec2, size: f32) -> Self {
        Self {
            min,
            size,
            mass: 0.0,
            center: [0.0; 2],
            body: u32::MAX,
            children: [NO_QUAD; 4],
        }
    }
}

/// A tiny deterministic offset for two nodes that sit on the same spot.
fn jiggle(a: usize, b: usize) -> Vec2 {
    let mut random = SplitMix64((a as u64) << 32 | b as u64);
    let unit = |value: u64| (value % 1000) as f32 / 1000.0 - 0.5;
    [unit(random.next()) * 1e-3, unit(random.next()) * 1e-3]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn star_and_chain() -> (usize, Vec<(usize, usize)>) {
        let mut links: Vec<(usize, usize)> = (1..12).map(|i| (0, i)).collect();
        links.extend((12..30).map(|i| (i - 1, i)));
        links.push((3, 3));
        links.push((0, 1));
        links.push((1, 0));
        (31, links)
    }

    fn settled(seed: u64) -> ForceLayout {
        let (count, links) = star_and_chain();
        let mut layout = ForceLayout::new(
            count,
            &links,
            LayoutParams {
                seed,
                ..LayoutParams::default()
            },
        );
        layout.run_until_settled(10_000);
        layout
    }

    #[test]
    fn settles_within_its_step_budget_and_then_stops() {
        let mut layout = settled(1);
        assert_eq!(layout.status(), LayoutStatus::Settled);
        assert!(layout.steps() <= LayoutParams::default().steps_to_settle + 1);
        let before = layout.positions().to_vec();
        assert!(!layout.step());
        assert_eq!(layout.positions(), before.as_slice());
        assert_eq!(layout.progress(), 1.0);
    }

    #[test]
    fn progress_rises_from_0_at_a_cold_start_to_1_when_settled() {
        let (count, links) = star_and_chain();
        let mut layout = ForceLayout::new(count, &links, LayoutParams::default());
        assert_eq!(layout.progress(), 0.0);
        let mut last = 0.0;
        while layout.step() {
            assert!(layout.progress() >= last, "progress went down");
            last = layout.progress();
        }
        assert_eq!(layout.progress(), 1.0);
    }

    #[test]
    fn positions_are_finite_bounded_and_spread() {
        let layout = settled(2);
        for (i, [x, y]) in layout.positions().iter().copied().enumerate() {
            assert!(x.is_finite() && y.is_finite(), "node {i}: {x}, {y}");
            assert!(x.abs() < 5_000.0 && y.abs() < 5_000.0, "node {i}: {x}, {y}");
        }
        for (i, a) in layout.positions().iter().enumerate() {
            for b in &layout.positions()[i + 1..] {
                let distance = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
                assert!(distance > 10.0, "two nodes overlap: {a:?} {b:?}");
            }
        }
    }

    #[test]
    fn linked_nodes_end_up_nearer_than_unlinked_ones() {
        let layout = settled(3);
        let p = layout.positions();
        let distance =
            |a: usize, b: usize| ((p[a][0] - p[b][0]).powi(2) + (p[a][1] - p[b][1]).powi(2)).sqrt();
        assert!(distance(28, 29) < distance(1, 29));
    }

    #[test]
    fn the_same_seed_gives_the_same_positions_and_another_seed_does_not() {
        assert_eq!(settled(7).positions(), settled(7).positions());
        assert_ne!(settled(7).positions(), settled(8).positions());
    }

    #[test]
    fn pinned_nodes_stay_put_and_others_move_around_them() {
        let mut layout = settled(4);
        let before = layout.positions().to_vec();
        layout.pin(5, [400.0, -300.0]);
        assert_eq!(layout.status(), LayoutStatus::Running);
        layout.run_until_settled(10_000);
        assert_eq!(layout.positions()[5], [400.0, -300.0]);
        assert!(layout.is_pinned(5));
        assert_ne!(
            layout.positions()[0],
            before[0],
            "the hub follows its pinned neighbour"
        );
        layout.restart();
        assert_eq!(layout.positions()[5], [400.0, -300.0]);
        layout.unpin(5);
        assert!(!layout.is_pinned(5));
    }

    #[test]
    fn barnes_hut_repulsion_is_close_to_the_exact_one() {
        let count = BARNES_HUT_FROM + 100;
        let links: Vec<(usize, usize)> = (1..count).map(|i| (i, (i * 7) % i)).collect();
        let layout = ForceLayout::new(count, &links, LayoutParams::default());
        let mut exact = layout.clone();
        let mut approximate = layout.clone();
        exact.velocities.fill([0.0; 2]);
        approximate.velocities.fill([0.0; 2]);
        // Run the exact sum by hand, through the small-graph path.
        let count_all = exact.positions.len();
        let charge = exact.params.charge;
        let min_square = (exact.params.link_distance * 0.1).powi(2);
        for i in 0..count_all {
            for j in (i + 1)..count_all {
                let (pi, pj) = (exact.positions[i], exact.positions[j]);
                let (dx, dy) = (pj[0] - pi[0], pj[1] - pi[1]);
                let weight = charge / (dx * dx + dy * dy).max(min_square);
                exact.velocities[i][0] += dx * weight;
                exact.velocities[i][1] += dy * weight;
                exact.velocities[j][0] -= dx * weight;
                exact.velocities[j][1] -= dy * weight;
            }
        }
        approximate.apply_charge_barnes_hut(1.0);
        let mut error = 0.0;
        let mut total = 0.0;
        for (a, e) in approximate.velocities.iter().zip(&exact.velocities) {
            error += ((a[0] - e[0]).powi(2) + (a[1] - e[1]).powi(2)).sqrt();
            total += (e[0].powi(2) + e[1].powi(2)).sqrt();
        }
        assert!(error / total < 0.05, "relative error {}", error / total);
    }

    #[test]
    fn big_graphs_settle_finite_and_reproducibly() {
        let count = 1200;
        let links: Vec<(usize, usize)> = (1..count).map(|i| (i, (i * 31) % i)).collect();
        let run = || {
            let mut layout = ForceLayout::new(count, &links, LayoutParams::default())
                .with_room(&vec![[30.0, 20.0]; count]);
            layout.run_until_settled(10_000);
            layout
        };
        let layout = run();
        assert_eq!(layout.status(), LayoutStatus::Settled);
        assert!(
            layout
                .positions()
                .iter()
                .flatten()
                .all(|v| v.is_finite() && v.abs() < 1e6)
        );
        assert_eq!(layout.positions(), run().positions());
    }

    #[test]
    fn degenerate_graphs_do_not_break_it() {
        for count in [0, 1, 2] {
            let mut layout = ForceLayout::new(count, &[(0, 1), (5, 9)], LayoutParams::default());
            layout.run_until_settled(10_000);
            assert_eq!(layout.status(), LayoutStatus::Settled);
            assert!(layout.positions().iter().flatten().all(|v| v.is_finite()));
        }
        let mut layout = ForceLayout::new(3, &[], LayoutParams::default());
        layout.pin(0, [f32::NAN, 0.0]);
        assert!(!layout.is_pinned(0));
    }
}
