//! The view model: which entities and relations are drawn and how much each stands out, built
//! from the workspace, the filters and the selection. Plain data in, an egui_graphs graph out,
//! so it can be built on a loading thread as well as in a frame.

use egui::Pos2;

use super::graph::{EdgeData, Emphasis, Index, NodeData, ViewGraph};
use super::{Filters, Selection, Workspace};
use crate::{scene, style};

/// What the view model is built from.
pub(super) struct ViewInputs<'a> {
    pub workspace: &'a Workspace,
    pub filters: &'a Filters,
    pub selection: Selection,
    pub hovered: Option<usize>,
    /// Draw ordinary nodes and edges in one mesh (big graphs seen from afar).
    pub batched: bool,
}

impl ViewInputs<'_> {
    /// Entities shown under the current filters and selection, by index.
    pub(super) fn visible_entity_set(&self) -> Vec<bool> {
        let dataset = &self.workspace.dataset;
        let mut visible: Vec<bool> = dataset
            .entities
            .iter()
            .map(|e| !self.filters.hidden_entity_kinds.contains(&e.kind))
            .collect();
        if self.filters.focus {
            let seeds: Vec<usize> = match self.selection {
                Selection::Entity(index) => vec![index],
                Selection::Relation(index) => self
                    .workspace
                    .ends
                    .get(index)
                    .copied()
                    .flatten()
                    .map(|(a, b)| vec![a, b])
                    .unwrap_or_default(),
                Selection::None => Vec::new(),
            };
            if !seeds.is_empty() {
                let mut reached = vec![false; visible.len()];
                let mut frontier = seeds;
                for &seed in &frontier {
                    reached[seed] = true;
                }
                let mut in_frontier = vec![false; visible.len()];
                for _ in 0..self.filters.hops {
                    in_frontier.fill(false);
                    for &node in &frontier {
                        in_frontier[node] = true;
                    }
                    let mut next = Vec::new();
                    for (relation, ends) in self.workspace.ends.iter().enumerate() {
                        let Some((a, b)) = *ends else { continue };
                        if self
                            .filters
                            .hidden_relation_kinds
                            .contains(&dataset.relations[relation].kind)
                        {
                            continue;
                        }
                        for (from, to) in [(a, b), (b, a)] {
                            if in_frontier[from] && !reached[to] && visible[to] {
                                reached[to] = true;
                                next.push(to);
                            }
                        }
                    }
                    frontier = next;
                }
                for (shown, reached) in visible.iter_mut().zip(reached) {
                    *shown &= reached;
                }
            }
        }
        visible
    }

    /// Builds the egui_graphs view model from the dataset, filters and selection.
    pub(super) fn build(&self) -> (ViewGraph, Index) {
        let dataset = &self.workspace.dataset;
        let visible = self.visible_entity_set();
        let related = self.related_entities();
        let labelled = scene::labelled_entities(&visible, &self.workspace.degree);
        let mut graph = ViewGraph::new();
        let mut index = Index {
            node_of_entity: vec![None; dataset.entities.len()],
        };
        let positions = self.workspace.layout.positions();
        for (entity_index, entity) in dataset.entities.iter().enumerate() {
            if !visible[entity_index] {
                continue;
            }
            let (shape, color) = style::entity_look(entity.kind);
            let emphasis = self.node_emphasis(entity_index, &related);
            let data = NodeData {
                entity: entity_index,
                name: entity.name.as_str().into(),
                shape,
                color,
                radius: style::node_radius(self.workspace.degree[entity_index]),
                emphasis,
                pinned: self.workspace.layout.is_pinned(entity_index),
                label: labelled[entity_index],
                batched: self.batched,
            };
            let [x, y] = positions[entity_index];
            // egui_graphs' own label stays empty: our display draws the name.
            let node = graph.add_node_custom(data, |node| {
                node.set_label(String::new());
                node.set_location(Pos2::new(x, y));
            });
            index.node_of_entity[entity_index] = Some(node);
        }
        for (relation_index, relation) in dataset.relations.iter().enumerate() {
            if self.filters.hidden_relation_kinds.contains(&relation.kind) {
                continue;
            }
            let Some((source, target)) = self.workspace.ends[relation_index] else {
                continue;
            };
            let (Some(from), Some(to)) =
                (index.node_of_entity[source], index.node_of_entity[target])
            else {
                continue;
            };
            let emphasis = self.edge_emphasis(relation_index);
            let mut label = relation.kind.verb().to_owned();
            if let Some(text) = &relation.label {
                label = format!("{label}: {text}");
            }
            if let Some(status) = relation.status {
                label = format!("{label} ({})", status.as_str());
            }
            let data = EdgeData {
                relation: relation_index,
                label: label.into(),
                color: style::polarity_color(relation.kind.polarity()),
                width: style::edge_width(relation.evidence.len()),
                dashed: style::is_dashed(relation.status),
                emphasis,
                hovered: self.hovered == Some(relation_index),
                batched: self.batched,
            };
            graph.add_edge_custom(from, to, data, |edge| edge.set_label(String::new()));
        }
        (graph, index)
    }

    pub(super) fn node_emphasis(&self, entity: usize, related: &[bool]) -> Emphasis {
        match self.selection {
            Selection::None => Emphasis::Normal,
            Selection::Entity(selected) if selected == entity => Emphasis::Selected,
            _ if related[entity] => Emphasis::Related,
            _ => Emphasis::Dimmed,
        }
    }

    pub(super) fn edge_emphasis(&self, relation: usize) -> Emphasis {
        let ends = self.workspace.ends.get(relation).copied().flatten();
        match (self.selection, ends) {
            (Selection::None, _) => Emphasis::Normal,
            (Selection::Relation(selected), _) if selected == relation => Emphasis::Selected,
            (Selection::Entity(selected), Some((source, target)))
                if selected == source || selected == target =>
            {
                Emphasis::Related
            }
            _ => Emphasis::Dimmed,
        }
    }

    /// Entities touching the selection (the selection's own ends included).
    pub(super) fn related_entities(&self) -> Vec<bool> {
        let mut related = vec![false; self.workspace.dataset.entities.len()];
        match self.selection {
            Selection::None => {}
            Selection::Entity(selected) => {
                related[selected] = true;
                for &(a, b) in self.workspace.ends.iter().flatten() {
                    if a == selected || b == selected {
                        related[a] = true;
                        related[b] = true;
                    }
                }
            }
            Selection::Relation(selected) => {
                if let Some(Some((a, b))) = self.workspace.ends.get(selected) {
                    related[*a] = true;
                    related[*b] = true;
                }
            }
        }
        related
    }
}
