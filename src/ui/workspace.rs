//! The dataset on screen, its history of edits, where it is saved, and everything derived
//! from it: the look-up tables (`Derived`) and the running layout. Every change goes through
//! `apply`, `undo`, `redo` or `replace_dataset`, which recompute the tables in one place; when
//! the graph's shape changed, the layout restarts warm from where each entity was (by id), so
//! the picture adjusts instead of starting over, and otherwise it is left alone.

use std::path::PathBuf;

use crate::derived::Derived;
use crate::edit::history::History;
use crate::edit::{Edit, Moved, Refused, Touched};
use crate::format::Loaded;
use crate::layout::Vec2;
use crate::model::Dataset;
use crate::scene;
use crate::validate::Problem;

use super::runner::LayoutRunner;

/// How many relations of `dataset` have a quote waiting for review.
fn count_suggestions(dataset: &Dataset) -> usize {
    dataset
        .relations
        .iter()
        .filter(|relation| relation.has_suggestions())
        .count()
}

/// Up to this many entities and relations, the warnings are found again within the frame.
const WARNINGS_IN_FRAME: usize = 3_000;

/// The dataset on screen and what is derived from it.
pub struct Workspace {
    /// Where the dataset came from, as shown to the user.
    pub origin: String,
    pub dataset: Dataset,
    pub warnings: Vec<Problem>,
    /// The history's revision `warnings` were found for.
    warnings_for: u64,
    /// A big dataset's warnings being found on a thread, for that revision.
    warnings_job: Option<(u64, std::sync::mpsc::Receiver<Vec<Problem>>)>,
    pub derived: Derived,
    pub layout: LayoutRunner,
    pub history: History,
    /// The room each entity needs in the layout, by position (`scene::rooms_of`), kept so
    /// an edit measures only the names it touched.
    rooms: Vec<[f32; 2]>,
    /// How many relations have a quote waiting for review; counted once per change, as the
    /// toolbar, the legend and the overview show it every frame.
    suggestions: usize,
    /// The dataset file that Save writes; `None` for the bundle and for an article's draft,
    /// which Save asks a path for.
    pub file: Option<PathBuf>,
}

impl Workspace {
    /// A workspace on a freshly loaded dataset, its layout started cold. `file` is the
    /// dataset file it was read from, if it was one, where Save writes.
    pub fn new(origin: String, loaded: Loaded, file: Option<PathBuf>) -> Self {
        let Loaded { dataset, warnings } = loaded;
        let derived = Derived::of(&dataset);
        let rooms = scene::rooms_of(&dataset, &derived);
        let layout = LayoutRunner::new(scene::layout_with_room(&derived, &rooms));
        let suggestions = count_suggestions(&dataset);
        Self {
            suggestions,
            rooms,
            origin,
            dataset,
            warnings,
            warnings_for: 0,
            warnings_job: None,
            derived,
            layout,
            // Nothing is lost yet: a draft can be extracted again, the bundle is built in.
            history: History::new(true),
            file,
        }
    }

    /// Applies `edit` and brings what is derived up to date; a refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit) -> Result<Touched, Refused> {
        let touched = self
            .history
            .apply(edit, &mut self.dataset, &mut self.derived)?;
        self.changed(&touched);
        Ok(touched)
    }

    /// Finds the dataset's warnings again if it was edited since they were found (the
    /// overview lists them; an edit often settles one, such as an entity with no relations).
    /// A big dataset is checked on a thread (a whole check takes longer than a frame there);
    /// `true` while that runs, so the window asks for frames until it is in.
    pub fn refresh_warnings(&mut self) -> bool {
        let revision = self.history.revision();
        if let Some((job_revision, result)) = &self.warnings_job {
            match result.try_recv() {
                Ok(warnings) => {
                    self.warnings = warnings;
                    self.warnings_for = *job_revision;
                    self.warnings_job = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) if *job_revision == revision => {
                    return true;
                }
                Err(_) => self.warnings_job = None,
            }
        }
        if revision == self.warnings_for {
            return false;
        }
        let check = |dataset: &Dataset| -> Vec<Problem> {
            crate::validate::validate(dataset)
                .into_iter()
                .filter(|problem| !problem.is_error())
                .collect()
        };
        if self.dataset.entities.len() + self.dataset.relations.len() <= WARNINGS_IN_FRAME {
            self.warnings = check(&self.dataset);
            self.warnings_for = revision;
            return false;
        }
        let dataset = self.dataset.clone();
        let (send, result) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = send.send(check(&dataset));
        });
        self.warnings_job = Some((revision, result));
        true
    }

    /// Undoes the last edit; `None` when there is none.
    pub fn undo(&mut self) -> Option<Result<Touched, Refused>> {
        let result = self.history.undo(&mut self.dataset, &mut self.derived)?;
        if let Ok(touched) = &result {
            self.changed(touched);
        }
        Some(result)
    }

    /// Does the last undone edit again; `None` when there is none.
    pub fn redo(&mut self) -> Option<Result<Touched, Refused>> {
        let result = self.history.redo(&mut self.dataset, &mut self.derived)?;
        if let Ok(touched) = &result {
            self.changed(touched);
        }
        Some(result)
    }

    /// After an edit (whose steps the tables followed as it went): the layout restarts warm
    /// when the graph's shape changed (an edit of names, kinds or quotes leaves it be), from
    /// positions and pins moved as the edit moved the entities.
    fn changed(&mut self, touched: &Touched) {
        self.suggestions = count_suggestions(&self.dataset);
        if !touched.structure {
            return;
        }
        // Each entity's earlier position and pin, moved as the edit moved the entities.
        let mut known: Vec<Option<Vec2>> =
            self.layout.positions().iter().copied().map(Some).collect();
        let mut pinned = vec![false; known.len()];
        for (index, _) in self.layout.pins() {
            if let Some(pin) = pinned.get_mut(index) {
                *pin = true;
            }
        }
        // The entities whose room changed: renamed, or with a relation more or less.
        let mut measure: Vec<&str> = touched.entities.iter().map(String::as_str).collect();
        for moved in &touched.moves {
            match moved {
                &Moved::EntityInserted { at, .. } if at <= known.len() => {
                    known.insert(at, None);
                    pinned.insert(at, false);
                    self.rooms.insert(at.min(self.rooms.len()), [0.0; 2]);
                }
                &Moved::EntityRemoved { at, .. } if at < known.len() => {
                    known.remove(at);
                    pinned.remove(at);
                    if at < self.rooms.len() {
                        self.rooms.remove(at);
                    }
                }
                Moved::RelationInserted { source, target, .. }
                | Moved::RelationRemoved { source, target, .. }
                | Moved::RelationReplaced { source, target, .. } => {
                    measure.extend([source.as_str(), target.as_str()]);
                }
                _ => {}
            }
        }
        if self.rooms.len() == self.dataset.entities.len() {
            for at in measure.into_iter().filter_map(|id| self.derived.entity(id)) {
                let entity = &self.dataset.entities[at];
                self.rooms[at] = crate::style::node_room(&entity.name, self.derived.degree[at]);
            }
        }
        let pins: Vec<(usize, Vec2)> = known
            .iter()
            .zip(&pinned)
            .enumerate()
            .filter_map(|(index, (position, &pinned))| {
                Some((index, (*position)?)).filter(|_| pinned)
            })
            .collect();
        self.restart_layout(&known, &pins);
    }

    /// Puts `dataset` (a changed version of the one shown) in place: the tables are derived
    /// again, and the layout restarts warm from each surviving entity's position, pins kept,
    /// new entities beside their neighbours. The history stays; this is for changes that are
    /// not edits (tests, a reload).
    pub fn replace_dataset(&mut self, dataset: Dataset) {
        self.suggestions = count_suggestions(&dataset);
        self.dataset = dataset;
        let before = std::mem::replace(&mut self.derived, Derived::of(&self.dataset));
        self.rooms = scene::rooms_of(&self.dataset, &self.derived);
        let positions = self.layout.positions();
        let earlier = |id: &str| -> Option<Vec2> { positions.get(before.entity(id)?).copied() };
        let known: Vec<Option<Vec2>> = self
            .dataset
            .entities
            .iter()
            .map(|entity| earlier(&entity.id))
            .collect();
        let id_at = before.ids_by_position();
        let pins: Vec<(usize, Vec2)> = self
            .layout
            .pins()
            .filter_map(|(index, position)| {
                let id = id_at.get(index)?.as_deref()?;
                Some((self.derived.entity(id)?, position))
            })
            .collect();
        self.restart_layout(&known, &pins);
    }

    /// Restarts the layout on the current dataset from `known` positions (by entity
    /// position; new ones beside their neighbours), with `pins`.
    fn restart_layout(&mut self, known: &[Option<Vec2>], pins: &[(usize, Vec2)]) {
        if self.rooms.len() != self.dataset.entities.len() {
            self.rooms = scene::rooms_of(&self.dataset, &self.derived);
        }
        self.layout.rebuild(crate::layout::Plan {
            node_count: self.dataset.entities.len(),
            links: self.derived.ends.iter().flatten().copied().collect(),
            room: self.rooms.clone(),
            known: known.to_vec(),
            pins: pins.to_vec(),
        });
    }

    /// How many relations have a quote waiting for review.
    pub fn suggestion_count(&self) -> usize {
        self.suggestions
    }

    /// The position in the dataset of the entity with this id.
    pub fn entity_position(&self, id: &str) -> Option<usize> {
        self.derived.entity(id)
    }

    /// Where the entity with this id is in the layout.
    pub fn layout_position(&self, id: &str) -> Option<Vec2> {
        self.layout
            .positions()
            .get(self.derived.entity(id)?)
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutStatus;

    fn settled_bundle() -> Workspace {
        let mut workspace = Workspace::new(
            "bundle".to_owned(),
            crate::bundled::dataset().expect("the bundled dataset loads"),
            None,
        );
        while workspace.layout.status() == LayoutStatus::Running {
            workspace.layout.advance();
        }
        workspace
    }

    #[test]
    fn removing_an_entity_keeps_the_others_where_they_were_and_their_pins() {
        let mut workspace = settled_bundle();
        let turkey = workspace.entity_position("turkey").expect("turkey");
        workspace.layout.pin(turkey, [40.0, -30.0]);
        while workspace.layout.status() == LayoutStatus::Running {
            workspace.layout.advance();
        }
        let before: Vec<(String, Vec2)> = workspace
            .dataset
            .entities
            .iter()
            .map(|e| {
                (
                    e.id.clone(),
                    workspace.layout_position(&e.id).expect("laid out"),
                )
            })
            .collect();
        let extent = before
            .iter()
            .map(|(_, [x, y])| x.abs().max(y.abs()))
            .fold(0.0f32, f32::max);

        // Take out the first entity (and its relations): every position in the lists shifts.
        let mut dataset = workspace.dataset.clone();
        let gone = dataset.entities.remove(0).id;
        dataset
            .relations
            .retain(|r| r.source != gone && r.target != gone);
        workspace.replace_dataset(dataset);
        assert_eq!(workspace.entity_position(&gone), None);
        let turkey = workspace.entity_position("turkey").expect("turkey stays");
        assert!(workspace.layout.is_pinned(turkey), "the pin follows the id");
        assert_eq!(workspace.layout_position("turkey"), Some([40.0, -30.0]));
        // At the warm start, everyone who stayed is where they were.
        for (id, position) in &before {
            if *id != gone {
                assert_eq!(workspace.layout_position(id), Some(*position), "{id}");
            }
        }
        while workspace.layout.status() == LayoutStatus::Running {
            workspace.layout.advance();
        }
        // After it settles again, the picture has adjusted, not reshuffled.
        let mut moved: Vec<f32> = before
            .iter()
            .filter(|(id, _)| *id != gone)
            .map(|(id, [x, y])| {
                let [nx, ny] = workspace.layout_position(id).expect("laid out");
                ((nx - x).powi(2) + (ny - y).powi(2)).sqrt()
            })
            .collect();
        moved.sort_by(f32::total_cmp);
        let median = moved[moved.len() / 2];
        assert!(
            median < extent * 0.1,
            "the median entity moved {median} in a graph {extent} across"
        );
    }
}
