//! The view model: which entities and relations are drawn and how much each stands out, as an
//! egui_graphs graph built from the workspace, the filters and the selection. Plain data in, a
//! graph out, so it can be built on a loading thread as well as in a frame. It is derived:
//! rebuilt when what is shown changes, restyled in place when only emphasis does, never edited
//! as a source of truth.

use egui::Pos2;
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap;

use super::display::{EdgeData, Emphasis, NodeData, ViewGraph};
use super::workspace::Workspace;
use super::{Filters, Selection};
use crate::scene::{self, Resolved};
use crate::style;

/// The view model and how to find its nodes.
pub struct ViewModel {
    pub graph: ViewGraph,
    /// The node of each shown entity, by id.
    pub node_of: FxHashMap<String, NodeIndex>,
    /// The nodes whose label was placed for the last frame drawn.
    pub labelled: Vec<NodeIndex>,
    /// The names of the shown entities, in the order of their nodes, shared with the labels
    /// drawn.
    pub names: Vec<std::sync::Arc<str>>,
    /// The zoom of the last frame drawn.
    pub zoom: f32,
    /// The layout's count of moves when positions were last copied in.
    pub synced: Option<u64>,
    /// In a big graph seen from afar, the ordinary relations: drawn in the batch mesh and
    /// kept out of egui_graphs, which would otherwise visit (and clone both ends of) every
    /// one of them every frame.
    pub batched_edges: Vec<BatchedEdge>,
}

/// A relation drawn only in the batch mesh.
#[derive(Clone, Copy, Debug)]
pub struct BatchedEdge {
    pub from: NodeIndex,
    pub to: NodeIndex,
    /// Position of the relation in the dataset revision the view model was built from.
    pub relation: usize,
    pub color: crate::style::Rgb,
    /// Faint for a suggestion (`style::review_opacity`).
    pub opacity: f32,
    pub emphasis: Emphasis,
}

impl Default for ViewModel {
    fn default() -> Self {
        Self {
            graph: ViewGraph::new(),
            node_of: FxHashMap::default(),
            labelled: Vec::new(),
            names: Vec::new(),
            zoom: 1.0,
            synced: None,
            batched_edges: Vec::new(),
        }
    }
}

/// What the view model is built from.
pub struct ViewInputs<'a> {
    pub workspace: &'a Workspace,
    pub filters: &'a Filters,
    pub selection: &'a Selection,
    /// The relation under the pointer, by id.
    pub hovered: Option<&'a str>,
    /// Draw ordinary nodes and edges in one mesh (big graphs seen from afar).
    pub batched: bool,
}

impl ViewInputs<'_> {
    /// The selection resolved to positions in the dataset.
    fn resolved(&self) -> Resolved {
        self.selection.highlight().resolve(&self.workspace.derived)
    }

    /// Entities shown under the current filters and selection, by position in the dataset.
    pub fn visible_entity_set(&self) -> Vec<bool> {
        let dataset = &self.workspace.dataset;
        let derived = &self.workspace.derived;
        let mut visible: Vec<bool> = dataset
            .entities
            .iter()
            .map(|e| !self.filters.hidden_entity_kinds.contains(&e.kind))
            .collect();
        if !self.filters.focus {
            return visible;
        }
        let seeds: Vec<usize> = match self.resolved() {
            Resolved::Entity(index) => vec![index],
            Resolved::Relation(index) => derived
                .ends
                .get(index)
                .copied()
                .flatten()
                .map(|(a, b)| vec![a, b])
                .unwrap_or_default(),
            Resolved::None => Vec::new(),
        };
        if seeds.is_empty() {
            return visible;
        }
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
            for (relation, ends) in derived.ends.iter().enumerate() {
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
        visible
    }

    /// Builds the egui_graphs view model from the dataset, filters and selection.
    pub fn build(&self) -> ViewModel {
        let dataset = &self.workspace.dataset;
        let derived = &self.workspace.derived;
        let visible = self.visible_entity_set();
        let resolved = self.resolved();
        let related = resolved.related_entities(derived);
        let labelled = scene::labelled_entities(&visible, &derived.degree);
        let mut model = ViewModel::default();
        let positions = self.workspace.layout.positions();
        for (entity_index, entity) in dataset.entities.iter().enumerate() {
            if !visible[entity_index] {
                continue;
            }
            let (shape, color) = style::entity_look(entity.kind);
            let data = NodeData {
                entity: entity_index,
                shape,
                color,
                radius: style::node_radius(derived.degree_of(entity_index)),
                emphasis: node_emphasis(resolved, entity_index, &related),
                pinned: self.workspace.layout.is_pinned(entity_index),
                always_labelled: labelled[entity_index],
                label: None,
                batched: self.batched,
            };
            let [x, y] = positions[entity_index];
            // egui_graphs' own label stays empty: our display draws the name.
            let node = model.graph.add_node_custom(data, |node| {
                node.set_label(String::new());
                node.set_location(Pos2::new(x, y));
            });
            model.node_of.insert(entity.id.clone(), node);
            model.names.push(entity.name.as_str().into());
        }
        for (relation_index, relation) in dataset.relations.iter().enumerate() {
            if self.filters.hidden_relation_kinds.contains(&relation.kind) {
                continue;
            }
            let Some((source, target)) = derived.ends[relation_index] else {
                continue;
            };
            let (Some(&from), Some(&to)) = (
                model.node_of.get(dataset.entities[source].id.as_str()),
                model.node_of.get(dataset.entities[target].id.as_str()),
            ) else {
                continue;
            };
            let mut label = relation.kind.verb().to_owned();
            if let Some(text) = &relation.label {
                label = format!("{label}: {text}");
            }
            if let Some(status) = relation.status {
                label = format!("{label} ({})", status.as_str());
            }
            let emphasis = edge_emphasis(resolved, derived.ends[relation_index], relation_index);
            let hovered = self.hovered == Some(relation.id.as_str());
            let stands_out = hovered || matches!(emphasis, Emphasis::Selected | Emphasis::Related);
            if self.batched && !stands_out {
                model.batched_edges.push(BatchedEdge {
                    from,
                    to,
                    relation: relation_index,
                    color: style::polarity_color(relation.kind.polarity()),
                    opacity: style::review_opacity(relation.review()),
                    emphasis,
                });
                continue;
            }
            let data = EdgeData {
                relation: relation_index,
                label: label.into(),
                color: style::polarity_color(relation.kind.polarity()),
                quotes: relation.evidence.len(),
                dashed: style::is_dashed(relation.status),
                opacity: style::review_opacity(relation.review()),
                emphasis,
                hovered,
                batched: self.batched,
            };
            model
                .graph
                .add_edge_custom(from, to, data, |edge| edge.set_label(String::new()));
        }
        model
    }

    /// Updates emphasis, pins, hover and batching in place, keeping egui_graphs' own state
    /// (hover, drag) that a rebuild would lose.
    pub fn restyle(&self, model: &mut ViewModel) {
        let derived = &self.workspace.derived;
        let resolved = self.resolved();
        let related = resolved.related_entities(derived);
        let hovered = self.hovered.and_then(|id| derived.relation(id));
        let nodes: Vec<NodeIndex> = model.graph.g().node_indices().collect();
        for node in nodes {
            if let Some(view_node) = model.graph.node_mut(node) {
                let data = view_node.payload_mut();
                data.emphasis = node_emphasis(resolved, data.entity, &related);
                data.pinned = self.workspace.layout.is_pinned(data.entity);
                data.batched = self.batched;
            }
        }
        let edges: Vec<_> = model.graph.g().edge_indices().collect();
        for edge in edges {
            if let Some(view_edge) = model.graph.edge_mut(edge) {
                let data = view_edge.payload_mut();
                let ends = derived.ends.get(data.relation).copied().flatten();
                data.emphasis = edge_emphasis(resolved, ends, data.relation);
                data.hovered = hovered == Some(data.relation);
                data.batched = self.batched;
            }
        }
    }
}

fn node_emphasis(selection: Resolved, entity: usize, related: &[bool]) -> Emphasis {
    match selection {
        Resolved::None => Emphasis::Normal,
        Resolved::Entity(selected) if selected == entity => Emphasis::Selected,
        _ if related.get(entity).copied().unwrap_or(false) => Emphasis::Related,
        _ => Emphasis::Dimmed,
    }
}

fn edge_emphasis(selection: Resolved, ends: Option<(usize, usize)>, relation: usize) -> Emphasis {
    match (selection, ends) {
        (Resolved::None, _) => Emphasis::Normal,
        (Resolved::Relation(selected), _) if selected == relation => Emphasis::Selected,
        (Resolved::Entity(selected), Some((source, target)))
            if selected == source || selected == target =>
        {
            Emphasis::Related
        }
        _ => Emphasis::Dimmed,
    }
}

/// Copies the layout's positions into the view model.
pub fn sync_positions(model: &mut ViewModel, positions: &[[f32; 2]]) {
    let nodes: Vec<NodeIndex> = model.graph.g().node_indices().collect();
    for node in nodes {
        if let Some(view_node) = model.graph.node_mut(node)
            && let Some(&[x, y]) = positions.get(view_node.payload().entity)
        {
            view_node.set_location(Pos2::new(x, y));
        }
    }
}
