//! Runs the force layout for the window: small graphs step inside the frame, big ones step on
//! a worker thread in batches while the window keeps drawing the last positions, so frames
//! stay short whatever the graph's size.
//!
//! The layout travels to the worker and back whole; pins and restarts made meanwhile are
//! applied when it returns, before its next batch. The sequence of steps is the same either
//! way, so without interaction the positions are the same as a run in one go.

use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::layout::{ForceLayout, LayoutStatus, Vec2};

/// From this many nodes on, the layout steps on a worker thread.
const OFF_THREAD_FROM: usize = 2_000;

/// How long a worker batch may run before it hands the layout back for drawing.
const BATCH: Duration = Duration::from_millis(30);

/// The most steps a frame takes for a small graph, and the time it may spend on them.
const STEPS_PER_FRAME: usize = 5;
const FRAME_BUDGET: Duration = Duration::from_millis(6);

enum Change {
    Pin(usize, Vec2),
    Unpin(usize),
    Restart,
}

pub struct LayoutRunner {
    /// `None` while the layout is away on the worker.
    layout: Option<ForceLayout>,
    returning: Option<Receiver<ForceLayout>>,
    shown: Vec<Vec2>,
    pinned: Vec<bool>,
    status: LayoutStatus,
    progress: f32,
    pending: Vec<Change>,
}

impl LayoutRunner {
    pub fn new(layout: ForceLayout) -> Self {
        let count = layout.positions().len();
        Self {
            shown: layout.positions().to_vec(),
            pinned: (0..count).map(|i| layout.is_pinned(i)).collect(),
            status: layout.status(),
            progress: layout.progress(),
            layout: Some(layout),
            returning: None,
            pending: Vec::new(),
        }
    }

    /// The positions to draw, by entity index.
    pub fn positions(&self) -> &[Vec2] {
        &self.shown
    }

    pub fn status(&self) -> LayoutStatus {
        if self.pending.is_empty() {
            self.status
        } else {
            LayoutStatus::Running
        }
    }

    pub fn progress(&self) -> f32 {
        self.progress
    }

    pub fn is_pinned(&self, index: usize) -> bool {
        self.pinned.get(index).copied().unwrap_or(false)
    }

    /// Pins node `index` at `position` (shown there at once).
    pub fn pin(&mut self, index: usize, position: Vec2) {
        if index >= self.shown.len() || !position.iter().all(|v| v.is_finite()) {
            return;
        }
        self.pinned[index] = true;
        self.shown[index] = position;
        self.change(Change::Pin(index, position));
    }

    pub fn unpin(&mut self, index: usize) {
        if let Some(pinned) = self.pinned.get_mut(index) {
            *pinned = false;
            self.change(Change::Unpin(index));
        }
    }

    /// Starts again from the seeded arrangement; pinned nodes keep their place.
    pub fn restart(&mut self) {
        self.change(Change::Restart);
    }

    fn change(&mut self, change: Change) {
        match &mut self.layout {
            Some(layout) => {
                apply(layout, change);
                self.status = layout.status();
                self.shown = layout.positions().to_vec();
            }
            None => self.pending.push(change),
        }
    }

    /// Moves the layout on: a few steps now for a small graph, else a batch on the worker.
    pub fn advance(&mut self) {
        if let Some(returning) = &self.returning {
            match returning.try_recv() {
                Ok(layout) => {
                    self.layout = Some(layout);
                    self.returning = None;
                }
                Err(TryRecvError::Empty) => return,
                // The worker cannot fail short of a bug; keep the last positions, settled.
                Err(TryRecvError::Disconnected) => {
                    self.returning = None;
                    self.status = LayoutStatus::Settled;
                    return;
                }
            }
        }
        let Some(mut layout) = self.layout.take() else {
            return;
        };
        for change in self.pending.drain(..) {
            apply(&mut layout, change);
        }
        if layout.status() == LayoutStatus::Running && layout.positions().len() < OFF_THREAD_FROM {
            let started = Instant::now();
            for _ in 0..STEPS_PER_FRAME {
                if !layout.step() || started.elapsed() > FRAME_BUDGET {
                    break;
                }
            }
        }
        self.shown.clear();
        self.shown.extend_from_slice(layout.positions());
        self.status = layout.status();
        self.progress = layout.progress();
        if layout.status() == LayoutStatus::Running && layout.positions().len() >= OFF_THREAD_FROM {
            let (send, receive) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let started = Instant::now();
                while layout.step() && started.elapsed() < BATCH {}
                // The window may be gone by now; then the layout is simply dropped.
                let _ = send.send(layout);
            });
            self.returning = Some(receive);
        } else {
            self.layout = Some(layout);
        }
    }
}

fn apply(layout: &mut ForceLayout, change: Change) {
    match change {
        Change::Pin(index, position) => layout.pin(index, position),
        Change::Unpin(index) => layout.unpin(index),
        Change::Restart => layout.restart(),
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
