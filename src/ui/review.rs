//! Review of machine suggestions: a mode that walks the relations with quotes no one has
//! reviewed yet, in reading order, with the quote shown in the article; each verdict is one
//! key (accept, reject, change kind, swap direction, next, previous). The single-key bindings
//! live in this mode only (`commands.rs` reads them); the bar above the graph says what they
//! are.

use egui::{Panel, RichText};

use crate::edit::Edit;
use crate::model::{Dataset, Relation, RelationKind, Review, plural};
use crate::ui::{Command, Selection, StakegraphApp};

/// The review mode's state: nothing but that it is on. The suggestion under review is the
/// selected relation, so the graph, the evidence panel and the article all show it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReviewMode;

/// Where a relation comes in reading order: its first suggested quote (else its first quote)
/// by document, then position.
fn reading_key(dataset: &Dataset, relation: &Relation) -> (usize, usize, String) {
    let quote = relation
        .evidence
        .iter()
        .filter(|e| e.review == Review::Suggested)
        .min_by_key(|e| (document_index(dataset, &e.document), e.start))
        .or_else(|| relation.evidence.first());
    match quote {
        Some(e) => (
            document_index(dataset, &e.document),
            e.start,
            relation.id.clone(),
        ),
        None => (usize::MAX, 0, relation.id.clone()),
    }
}

fn document_index(dataset: &Dataset, id: &str) -> usize {
    dataset
        .documents
        .iter()
        .position(|d| d.id == id)
        .unwrap_or(usize::MAX)
}

impl StakegraphApp {
    /// The relations waiting for review that the kind filters let through, in reading order.
    pub fn suggestions(&self) -> Vec<String> {
        let dataset = &self.workspace.dataset;
        let derived = &self.workspace.derived;
        let mut found: Vec<(usize, usize, String)> = dataset
            .relations
            .iter()
            .enumerate()
            .filter(|(_, relation)| relation.has_suggestions())
            .filter(|(_, relation)| !self.filters.hidden_relation_kinds.contains(&relation.kind))
            .filter(|(index, _)| {
                derived.ends[*index].is_some_and(|(a, b)| {
                    [a, b].iter().all(|&end| {
                        !self
                            .filters
                            .hidden_entity_kinds
                            .contains(&dataset.entities[end].kind)
                    })
                })
            })
            .map(|(_, relation)| reading_key(dataset, relation))
            .collect();
        found.sort();
        found.into_iter().map(|(_, _, id)| id).collect()
    }

    /// Whether the review mode is on.
    pub fn is_reviewing(&self) -> bool {
        self.review.is_some()
    }

    pub(super) fn toggle_review(&mut self) {
        if self.review.take().is_some() {
            return;
        }
        let suggestions = self.suggestions();
        let Some(first) = suggestions.first() else {
            self.windows
                .toast("Nothing to review: no suggestion is shown".to_owned());
            return;
        };
        self.review = Some(ReviewMode);
        let current = match &self.selection {
            Selection::Relation(id) if suggestions.contains(id) => id.clone(),
            _ => first.clone(),
        };
        self.commands
            .push_back(Command::Select(Selection::Relation(current)));
    }

    /// The suggestion `step` places after (or before) the selected relation in reading order.
    pub(super) fn review_neighbour(&self, step: isize) -> Option<String> {
        let dataset = &self.workspace.dataset;
        let suggestions = self.suggestions();
        let current = match &self.selection {
            Selection::Relation(id) => dataset.relation(id).map(|r| reading_key(dataset, r)),
            _ => None,
        };
        let keyed = suggestions.iter().filter_map(|id| {
            let relation = dataset.relation(id)?;
            Some((reading_key(dataset, relation), id))
        });
        let Some(current) = current else {
            return suggestions.first().cloned();
        };
        if step >= 0 {
            keyed
                .filter(|(key, _)| *key > current)
                .map(|(_, id)| id.clone())
                .next()
        } else {
            keyed
                .rev()
                .find(|(key, _)| *key < current)
                .map(|(_, id)| id.clone())
        }
    }

    /// Selects the suggestion `id` under review, brought into view if it is out of it.
    fn review_select(&mut self, id: String) {
        if let Some(relation) = self.workspace.dataset.relation(&id) {
            self.camera.reveal(relation.source.clone());
        }
        self.set_selection(Selection::Relation(id));
    }

    pub(super) fn review_step(&mut self, step: isize) {
        match self.review_neighbour(step) {
            Some(id) => self.review_select(id),
            None => self.windows.toast(
                if step > 0 {
                    "That was the last suggestion"
                } else {
                    "That was the first suggestion"
                }
                .to_owned(),
            ),
        }
    }

    /// After accepting or rejecting in review, on to the next suggestion; the mode ends when
    /// none is left.
    pub(super) fn after_review_verdict(&mut self) {
        if self.review.is_none() {
            return;
        }
        let suggestions = self.suggestions();
        if suggestions.is_empty() {
            self.review = None;
            self.windows
                .toast("Every suggestion shown is reviewed".to_owned());
            return;
        }
        let on_one = matches!(&self.selection, Selection::Relation(id) if suggestions.contains(id));
        if !on_one {
            let next = self
                .review_neighbour(1)
                .or_else(|| self.review_neighbour(-1));
            if let Some(id) = next {
                self.review_select(id);
            }
        }
    }

    /// Accepts every suggestion the graph shows, as one edit.
    pub(super) fn accept_all_shown(&mut self) {
        let shown: std::collections::BTreeSet<String> =
            self.visible_relations().into_iter().collect();
        let edits: Vec<Edit> = self
            .suggestions()
            .into_iter()
            .filter(|id| shown.contains(id))
            .map(Edit::Accept)
            .collect();
        if edits.is_empty() {
            self.windows
                .toast("No suggestion is shown to accept".to_owned());
            return;
        }
        let name = format!("accept {}", plural(edits.len(), "suggestion"));
        self.apply_edit(Edit::Batch { name, edits }, None);
        self.after_review_verdict();
    }

    /// Changes the selected relation with `change`, as one edit.
    pub(super) fn edit_selected_relation(&mut self, change: impl FnOnce(&mut Relation)) {
        let Selection::Relation(id) = &self.selection else {
            self.windows.toast("Select a relation first".to_owned());
            return;
        };
        let Some(mut relation) = self.workspace.dataset.relation(id).cloned() else {
            return;
        };
        let before = relation.clone();
        change(&mut relation);
        if relation != before {
            self.apply_edit(Edit::UpdateRelation(relation), None);
        }
    }

    /// The bar above the graph while reviewing: where in the suggestions, and the keys.
    pub(super) fn review_bar_ui(&self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let suggestions = self.suggestions();
        let position = match &self.selection {
            Selection::Relation(id) => suggestions.iter().position(|s| s == id),
            _ => None,
        };
        Panel::top("review").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Review").strong());
                ui.label(match position {
                    Some(at) => format!("suggestion {} of {}", at + 1, suggestions.len()),
                    None => format!("{} waiting", plural(suggestions.len(), "suggestion")),
                });
                ui.separator();
                let button = |ui: &mut egui::Ui, text: &str, key: &str| {
                    ui.button(text).on_hover_text(key).clicked()
                };
                if button(ui, "Accept (A)", "A") {
                    commands.push(Command::AcceptSelection);
                }
                if button(ui, "Reject (X)", "X") {
                    commands.push(Command::RejectSelection);
                }
                if button(ui, "Swap (S)", "S: swap source and target") {
                    commands.push(Command::ReverseSelection);
                }
                ui.menu_button("Kind (1–8)", |ui| {
                    for (n, kind) in <RelationKind as strum::IntoEnumIterator>::iter().enumerate() {
                        if ui.button(format!("{} {}", n + 1, kind.verb())).clicked() {
                            commands.push(Command::RetypeSelection(kind));
                        }
                    }
                });
                if button(ui, "◀ Previous (P)", "P or ←") {
                    commands.push(Command::ReviewStep(-1));
                }
                if button(ui, "Next (N) ▶", "N or →") {
                    commands.push(Command::ReviewStep(1));
                }
                ui.separator();
                if ui
                    .button("Accept all shown")
                    .on_hover_text("Accept every suggestion the graph shows, as one edit")
                    .clicked()
                {
                    commands.push(Command::AcceptAllShown);
                }
                if button(ui, "Done (Esc)", "Esc") {
                    commands.push(Command::ToggleReview);
                }
            });
        });
        commands
    }
}
