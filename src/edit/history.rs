//! Undo and redo over `Edit`s, and which revision was saved.
//!
//! Each edit, once applied, is kept as the edit that undoes it; undoing applies that and keeps
//! what it returns (the edit that redoes it), so one list of values walks both ways and no
//! snapshot of the dataset (whose article texts may be megabytes) is ever taken. Should an undo
//! be refused (it cannot be while the dataset changes only through here), the dataset is left
//! as it was, the refusal is returned and the step is dropped.
//!
//! Hand-written rather than the `undo` crate: its `Record` wants an infallible undo and its own
//! edit trait, while ours are values that can be refused, and the rest (a saved marker and
//! names) is a few lines. egui's `Undoer` snapshots the whole state, a poor fit for datasets
//! that carry their texts.

use super::{Applied, Edit, Refused, Touched};
use crate::derived::Derived;
use crate::model::Dataset;

/// One edit that can be walked over: its name and the edit that goes the other way.
#[derive(Clone, Debug)]
struct Step {
    name: String,
    /// Applying this goes back over the step (undo) or forward again (redo).
    reverse: Edit,
    /// A number no other step has, to know whether the saved revision is the current one.
    revision: u64,
}

/// The edits done and undone on one dataset.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    next_revision: u64,
    /// The revision last saved; `Some(0)` is the dataset as opened, `None` never saved.
    saved: Option<u64>,
}

impl History {
    /// A history for a dataset that is in its file as it is (`saved` true), or one that has
    /// never been saved (an extracted draft).
    pub fn new(saved: bool) -> Self {
        Self {
            done: Vec::new(),
            undone: Vec::new(),
            next_revision: 1,
            saved: saved.then_some(0),
        }
    }

    /// Applies `edit` to `dataset`; once applied it can be undone, and what was undone can no
    /// longer be redone.
    /// `derived`, the tables of `dataset`, are kept up to date with it.
    pub fn apply(
        &mut self,
        edit: Edit,
        dataset: &mut Dataset,
        derived: &mut Derived,
    ) -> Result<Touched, Refused> {
        let name = edit.name(dataset);
        let Applied { inverse, touched } = edit.apply_with(dataset, derived)?;
        self.undone.clear();
        let revision = self.next_revision;
        self.next_revision += 1;
        self.done.push(Step {
            name,
            reverse: inverse,
            revision,
        });
        Ok(touched)
    }

    /// Undoes the last edit; `None` when there is none.
    pub fn undo(
        &mut self,
        dataset: &mut Dataset,
        derived: &mut Derived,
    ) -> Option<Result<Touched, Refused>> {
        let step = self.done.pop()?;
        Some(self.walk(step, dataset, derived, true))
    }

    /// Does again the last edit undone; `None` when there is none.
    pub fn redo(
        &mut self,
        dataset: &mut Dataset,
        derived: &mut Derived,
    ) -> Option<Result<Touched, Refused>> {
        let step = self.undone.pop()?;
        Some(self.walk(step, dataset, derived, false))
    }

    fn walk(
        &mut self,
        step: Step,
        dataset: &mut Dataset,
        derived: &mut Derived,
        back: bool,
    ) -> Result<Touched, Refused> {
        let Applied { inverse, touched } = step.reverse.apply_with(dataset, derived)?;
        let step = Step {
            reverse: inverse,
            ..step
        };
        if back {
            self.undone.push(step);
        } else {
            self.done.push(step);
        }
        Ok(touched)
    }

    /// The name of the edit Undo would undo ("merge Serraj into Sarraj").
    pub fn undo_name(&self) -> Option<&str> {
        self.done.last().map(|step| step.name.as_str())
    }

    /// The name of the edit Redo would do again.
    pub fn redo_name(&self) -> Option<&str> {
        self.undone.last().map(|step| step.name.as_str())
    }

    /// A number for the dataset as it is now: it changes with every edit, undo and redo,
    /// and comes back when undo or redo come back to the same state.
    pub fn revision(&self) -> u64 {
        self.done.last().map_or(0, |step| step.revision)
    }

    /// Whether the dataset differs from what was last saved (or was never saved).
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.revision())
    }

    /// Notes that the dataset as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.revision());
    }

    /// Notes that the dataset as it was at `revision` has been saved (a save that ran while
    /// the user went on editing).
    pub fn mark_saved_at(&mut self, revision: u64) {
        self.saved = Some(revision);
    }

    /// How many edits can be undone.
    pub fn len(&self) -> usize {
        self.done.len()
    }

    pub fn is_empty(&self) -> bool {
        self.done.is_empty()
    }
}
