//! Runs the force layout for the window: small graphs step inside the frame, big ones step on
//! a worker thread of their own that publishes positions as it goes, while the window keeps
//! drawing the latest, so frames stay short whatever the graph's size.
//!
//! A small graph takes a fixed share of its steps each frame, so it settles within
//! `SETTLE_FRAMES` frames whatever the frame rate (it needs a few milliseconds of compute in
//! all); the steps are few enough that the frame stays short.
//!
//! Pins, unpins and restarts reach the worker through a channel and apply between two steps.
//! Without them the sequence of steps is the same as a run in one go, and so are the positions.

use std::sync::mpsc::{Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::layout::{ForceLayout, LayoutStatus, Plan, Vec2};

/// From this many nodes on, the layout steps on a worker thread.
const OFF_THREAD_FROM: usize = 300;

/// A small graph settles within this many frames of a cold start.
pub const SETTLE_FRAMES: u32 = 20;

enum Change {
    Pin(usize, Vec2),
    Unpin(usize),
    Restart,
    /// Build this layout and go on with it instead (the graph was edited), marking what is
    /// published from it with this epoch.
    Rebuild(Box<Plan>, u64),
}

/// What the worker last published.
struct Snapshot {
    generation: u64,
    /// Which layout it is of: snapshots of a layout since replaced are not shown.
    epoch: u64,
    positions: Vec<Vec2>,
    status: LayoutStatus,
    progress: f32,
}

/// The worker thread of a big graph: it owns the layout and steps it until settled,
/// publishing positions every `PUBLISH_EVERY`; changes reach it through a channel.
struct Worker {
    changes: Sender<Change>,
    latest: Arc<Mutex<Snapshot>>,
    seen: u64,
    /// The epoch of the layout last handed to the worker.
    epoch: u64,
}

pub struct LayoutRunner {
    /// Small graphs: the layout itself, stepped in the frame.
    layout: Option<ForceLayout>,
    /// Big graphs: the worker that owns it.
    worker: Option<Worker>,
    shown: Vec<Vec2>,
    /// Pinned nodes and where; the window's word on them wins over a lagging worker snapshot.
    pins: std::collections::BTreeMap<usize, Vec2>,
    status: LayoutStatus,
    progress: f32,
    /// Counts the changes of `shown`, so the window copies positions only when they moved.
    moves: u64,
}

impl LayoutRunner {
    pub fn new(layout: ForceLayout) -> Self {
        let count = layout.positions().len();
        let mut runner = Self {
            shown: layout.positions().to_vec(),
            pins: (0..count)
                .filter(|&i| layout.is_pinned(i))
                .map(|i| (i, layout.positions()[i]))
                .collect(),
            status: layout.status(),
            progress: layout.progress(),
            layout: None,
            worker: None,
            moves: 0,
        };
        if count >= OFF_THREAD_FROM {
            // Leave a core to the window, so drawing never waits on the layout.
            let cores = std::thread::available_parallelism().map_or(1, usize::from);
            runner.worker = Some(spawn_worker(layout.with_threads(cores.saturating_sub(1))));
        } else {
            runner.layout = Some(layout);
        }
        runner
    }

    /// The positions to draw, by entity index.
    pub fn positions(&self) -> &[Vec2] {
        &self.shown
    }

    /// How many times the positions have changed: when it is the same, so are they.
    pub fn moves(&self) -> u64 {
        self.moves
    }

    pub fn status(&self) -> LayoutStatus {
        self.status
    }

    pub fn progress(&self) -> f32 {
        self.progress
    }

    pub fn is_pinned(&self, index: usize) -> bool {
        self.pins.contains_key(&index)
    }

    /// The pinned nodes and where they are, by index.
    pub fn pins(&self) -> impl Iterator<Item = (usize, Vec2)> + '_ {
        self.pins
            .iter()
            .map(|(&index, &position)| (index, position))
    }

    /// Pins node `index` at `position` (shown there at once).
    pub fn pin(&mut self, index: usize, position: Vec2) {
        if index >= self.shown.len() || !position.iter().all(|v| v.is_finite()) {
            return;
        }
        self.pins.insert(index, position);
        self.shown[index] = position;
        self.moves += 1;
        self.change(Change::Pin(index, position));
    }

    pub fn unpin(&mut self, index: usize) {
        if self.pins.remove(&index).is_some() {
            self.change(Change::Unpin(index));
        }
    }

    /// Goes on with the layout `plan` describes (of an edited graph, started warm) in place
    /// of the one running. A big graph's is built on its worker, so an edit costs the window
    /// neither a thread nor the layout's set-up; until the worker publishes, the nodes are
    /// drawn where they were, new ones beside their neighbours.
    pub fn rebuild(&mut self, plan: Plan) {
        let count = plan.node_count;
        if count < OFF_THREAD_FROM || self.worker.is_none() {
            let layout = plan.build();
            if (count >= OFF_THREAD_FROM) == self.worker.is_some() && self.layout.is_some() {
                self.take_state(&layout);
                self.layout = Some(layout);
            } else {
                *self = Self::new(layout);
            }
            return;
        }
        self.shown = plan.first_positions();
        self.pins = plan.pins.iter().copied().collect();
        self.status = LayoutStatus::Running;
        self.moves += 1;
        if let Some(worker) = &mut self.worker {
            worker.epoch += 1;
            // A worker that is gone (it cannot fail short of a bug) leaves the picture as is.
            let _ = worker
                .changes
                .send(Change::Rebuild(Box::new(plan), worker.epoch));
        }
    }

    /// Shows `layout`'s positions, pins and state.
    fn take_state(&mut self, layout: &ForceLayout) {
        let count = layout.positions().len();
        self.shown.clear();
        self.shown.extend_from_slice(layout.positions());
        self.pins = (0..count)
            .filter(|&i| layout.is_pinned(i))
            .map(|i| (i, layout.positions()[i]))
            .collect();
        self.status = layout.status();
        self.progress = layout.progress();
        self.moves += 1;
    }

    /// Starts again from the seeded arrangement; pinned nodes keep their place.
    pub fn restart(&mut self) {
        self.change(Change::Restart);
    }

    fn change(&mut self, change: Change) {
        if let Some(layout) = &mut self.layout {
            apply(layout, change);
            self.status = layout.status();
            self.shown.clear();
            self.shown.extend_from_slice(layout.positions());
            self.moves += 1;
        } else if let Some(worker) = &self.worker {
            // Until the worker publishes again, the layout counts as moving.
            self.status = LayoutStatus::Running;
            // A worker that is gone (it cannot fail short of a bug) leaves the picture as is.
            let _ = worker.changes.send(change);
        }
    }

    /// Moves the layout on: a few steps now for a small graph, else the worker's latest.
    pub fn advance(&mut self) {
        if let Some(layout) = &mut self.layout {
            if layout.status() == LayoutStatus::Running {
                let steps = layout.steps_to_settle().div_ceil(SETTLE_FRAMES);
                for _ in 0..steps {
                    if !layout.step() {
                        break;
                    }
                }
                self.shown.clear();
                self.shown.extend_from_slice(layout.positions());
                self.moves += 1;
            }
            self.status = layout.status();
            self.progress = layout.progress();
        } else if let Some(worker) = &mut self.worker
            && let Ok(snapshot) = worker.latest.lock()
            && snapshot.generation != worker.seen
            && snapshot.epoch == worker.epoch
        {
            worker.seen = snapshot.generation;
            self.shown.clear();
            self.shown.extend_from_slice(&snapshot.positions);
            self.moves += 1;
            // Keep what the user is dragging where the user put it.
            for (&index, &position) in &self.pins {
                if let Some(shown) = self.shown.get_mut(index) {
                    *shown = position;
                }
            }
            self.status = snapshot.status;
            self.progress = snapshot.progress;
        }
    }
}

/// How often the worker publishes positions while it runs.
const PUBLISH_EVERY: Duration = Duration::from_millis(30);

fn spawn_worker(mut layout: ForceLayout) -> Worker {
    let (changes, receive) = std::sync::mpsc::channel::<Change>();
    let latest = Arc::new(Mutex::new(Snapshot {
        generation: 0,
        epoch: 0,
        positions: layout.positions().to_vec(),
        status: layout.status(),
        progress: layout.progress(),
    }));
    let published = latest.clone();
    std::thread::spawn(move || {
        let mut generation = 0;
        let mut epoch = 0;
        let mut last = Instant::now();
        let mut publish_now = false;
        loop {
            // Apply what changed; when at rest, sleep until something does (or the window,
            // and with it the sender, is gone).
            let settled = layout.status() == LayoutStatus::Settled;
            let next = if settled {
                receive.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                receive.try_recv()
            };
            match next {
                Ok(change) => {
                    if let Change::Rebuild(_, new_epoch) = &change {
                        epoch = *new_epoch;
                    }
                    apply(&mut layout, change);
                    // Publish at once, so the window learns the new state even if the
                    // change leaves the layout at rest.
                    publish_now = true;
                    if layout.status() == LayoutStatus::Running {
                        continue;
                    }
                }
                Err(TryRecvError::Disconnected) => return,
                Err(TryRecvError::Empty) => {}
            }
            if layout.status() == LayoutStatus::Running {
                layout.step();
            }
            // Publish every so often, and always the final, settled positions.
            if publish_now
                || layout.status() == LayoutStatus::Settled
                || last.elapsed() >= PUBLISH_EVERY
            {
                publish_now = false;
                last = Instant::now();
                generation += 1;
                let Ok(mut snapshot) = published.lock() else {
                    return;
                };
                snapshot.generation = generation;
                snapshot.epoch = epoch;
                snapshot.positions.clear();
                snapshot.positions.extend_from_slice(layout.positions());
                snapshot.status = layout.status();
                snapshot.progress = layout.progress();
            }
        }
    });
    Worker {
        changes,
        latest,
        seen: 0,
        epoch: 0,
    }
}

fn apply(layout: &mut ForceLayout, change: Change) {
    match change {
        Change::Pin(index, position) => layout.pin(index, position),
        Change::Unpin(index) => layout.unpin(index),
        Change::Restart => layout.restart(),
        Change::Rebuild(plan, _) => {
            let threads = layout.threads();
            *layout = plan.build().with_threads(threads);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutParams;

    fn chain(count: usize) -> ForceLayout {
        let links: Vec<(usize, usize)> = (1..count).map(|i| (i - 1, i)).collect();
        ForceLayout::new(count, &links, LayoutParams::default())
    }

    #[test]
    fn a_big_layout_on_the_worker_ends_where_one_run_in_one_go_ends() {
        let count = OFF_THREAD_FROM + 10;
        let mut alone = chain(count);
        alone.run_until_settled(100_000);
        let mut runner = LayoutRunner::new(chain(count));
        let started = Instant::now();
        while runner.status() == LayoutStatus::Running {
            runner.advance();
            std::thread::sleep(Duration::from_millis(1));
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "never settled"
            );
        }
        assert_eq!(runner.positions(), alone.positions());
    }

    #[test]
    fn pins_made_while_the_layout_is_away_are_kept() {
        let mut runner = LayoutRunner::new(chain(OFF_THREAD_FROM + 10));
        runner.advance();
        runner.pin(3, [500.0, 500.0]);
        assert_eq!(runner.positions()[3], [500.0, 500.0]);
        assert!(runner.is_pinned(3));
        while runner.status() == LayoutStatus::Running {
            runner.advance();
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(runner.positions()[3], [500.0, 500.0]);
    }
}
