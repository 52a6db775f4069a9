//! The view model: which entities and relations are drawn and how much each stands out, as an
//! egui_graphs graph built from the workspace, the filters and the selection. Plain data in, a
//! graph out, so it can be built on a loading thread as well as in a frame. It is derived:
//! rebuilt when what is shown changes, restyled in place when only emphasis does, never edited
//! as a source of truth.

use egui::Pos2;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use rustc_hash::FxHashMap;

use super::display::{EdgeData, Emphasis, NodeData, ViewGraph};
use super::workspace::Workspace;
use super::{Filters, Selection};
use crate::edit::Touched;
use crate::scene::{self, Resolved};
use crate::style;

/// The view model and how to find its nodes.
pub struct ViewModel {
    pub graph: ViewGraph,
    /// The node of each shown entity, by id.
    pub node_of: FxHashMap<String, NodeIndex>,
    /// The egui_graphs edge of each relation drawn by egui_graphs, by id.
    pub edge_of: FxHashMap<String, EdgeIndex>,
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
#[derive(Clone, Debug)]
pub struct BatchedEdge {
    /// The relation's id, to follow it through edits.
    pub id: std::sync::Arc<str>,
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
            edge_of: FxHashMap::default(),
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
        for (entity_index, _) in dataset.entities.iter().enumerate() {
            if visible[entity_index] {
                self.add_node(&mut model, entity_index, resolved, &related, &labelled);
            }
        }
        for relation_index in 0..dataset.relations.len() {
            self.add_edge(&mut model, relation_index, resolved);
        }
        model
    }

    /// Adds the node of the entity at `entity_index` to `model`.
    fn add_node(
        &self,
        model: &mut ViewModel,
        entity_index: usize,
        resolved: Resolved,
        related: &[bool],
        labelled: &[bool],
    ) {
        let entity = &self.workspace.dataset.entities[entity_index];
        let derived = &self.workspace.derived;
        let (shape, color) = style::entity_look(entity.kind);
        let data = NodeData {
            entity: entity_index,
            shape,
            color,
            radius: style::node_radius(derived.degree_of(entity_index)),
            emphasis: node_emphasis(resolved, entity_index, related),
            pinned: self.workspace.layout.is_pinned(entity_index),
            always_labelled: labelled.get(entity_index).copied().unwrap_or(false),
            label: None,
            batched: self.batched,
        };
        let [x, y] = self
            .workspace
            .layout
            .positions()
            .get(entity_index)
            .copied()
            .unwrap_or_default();
        // egui_graphs' own label stays empty: our display draws the name.
        let node = model.graph.add_node_custom(data, |node| {
            node.set_label(String::new());
            node.set_location(Pos2::new(x, y));
        });
        model.node_of.insert(entity.id.clone(), node);
        if model.names.len() <= node.index() {
            model
                .names
                .resize(node.index() + 1, std::sync::Arc::from(""));
        }
        model.names[node.index()] = entity.name.as_str().into();
    }

    /// Adds the relation at `relation_index` to `model` (to egui_graphs, or to the batch when
    /// it does not stand out in a batched view), if its kind and both its ends are shown.
    fn add_edge(&self, model: &mut ViewModel, relation_index: usize, resolved: Resolved) {
        let dataset = &self.workspace.dataset;
        let derived = &self.workspace.derived;
        let relation = &dataset.relations[relation_index];
        if self.filters.hidden_relation_kinds.contains(&relation.kind) {
            return;
        }
        let Some((source, target)) = derived.ends[relation_index] else {
            return;
        };
        let (Some(&from), Some(&to)) = (
            model.node_of.get(dataset.entities[source].id.as_str()),
            model.node_of.get(dataset.entities[target].id.as_str()),
        ) else {
            return;
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
                id: relation.id.as_str().into(),
                from,
                to,
                relation: relation_index,
                color: style::polarity_color(relation.kind.polarity()),
                opacity: style::review_opacity(relation.review()),
                emphasis,
            });
            return;
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
        let edge = model
            .graph
            .add_edge_custom(from, to, data, |edge| edge.set_label(String::new()));
        model.edge_of.insert(relation.id.clone(), edge);
    }

    /// Brings `model` up to date after an edit that touched these entities and relations,
    /// changing only their nodes and edges, then one pass over the rest for what follows
    /// from positions and degrees. `false` when the view must be rebuilt instead (in focus
    /// mode, what is shown depends on the whole graph).
    pub fn update(&self, model: &mut ViewModel, touched: &Touched) -> bool {
        if self.filters.focus {
            return false;
        }
        let dataset = &self.workspace.dataset;
        let derived = &self.workspace.derived;
        // The relations drawn again: those touched, and those of a touched entity, whose node
        // is made again.
        let mut again: std::collections::BTreeSet<&str> =
            touched.relations.iter().map(String::as_str).collect();
        for id in &touched.entities {
            if let Some(at) = derived.entity(id) {
                for (index, ends) in derived.ends.iter().enumerate() {
                    if ends.is_some_and(|(a, b)| a == at || b == at) {
                        again.insert(&dataset.relations[index].id);
                    }
                }
            }
        }
        // They leave first, then the touched entities' nodes (which then have no edges), all
        // before anything is added, so no index held is one egui_graphs has given out again.
        for id in &again {
            if let Some(edge) = model.edge_of.remove(*id) {
                model.graph.remove_edge(edge);
            }
        }
        if !again.is_empty() && !model.batched_edges.is_empty() {
            model
                .batched_edges
                .retain(|edge| !again.contains(&*edge.id));
        }
        for id in &touched.entities {
            if let Some(node) = model.node_of.remove(id) {
                model.graph.remove_node(node);
            }
        }
        // What stays was not touched: its positions move as the edit moved the lists.
        follow_positions(model, &touched.moves);
        let visible = self.visible_entity_set();
        let resolved = self.resolved();
        let related = resolved.related_entities(derived);
        let labelled = scene::labelled_entities(&visible, &derived.degree);
        for id in &touched.entities {
            if let Some(at) = derived.entity(id).filter(|&at| visible[at]) {
                self.add_node(model, at, resolved, &related, &labelled);
            }
        }
        for id in again {
            if let Some(at) = derived.relation(id) {
                self.add_edge(model, at, resolved);
            }
        }
        // Degrees changed, and with them sizes and which nodes are always labelled.
        self.restyle_with(model, Some(&labelled));
        true
    }

    /// Updates emphasis, pins, hover and batching in place, keeping egui_graphs' own state
    /// (hover, drag) that a rebuild would lose.
    pub fn restyle(&self, model: &mut ViewModel) {
        self.restyle_with(model, None);
    }

    /// `restyle`, and with `labelled` (after an edit) each node's size and whether it is
    /// always labelled too, in the same pass.
    fn restyle_with(&self, model: &mut ViewModel, labelled: Option<&[bool]>) {
        let derived = &self.workspace.derived;
        let resolved = self.resolved();
        let related = resolved.related_entities(derived);
        let hovered = self.hovered.and_then(|id| derived.relation(id));
        let layout = &self.workspace.layout;
        let any_pinned = layout.pins().next().is_some();
        for view_node in model.graph.g_mut().node_weights_mut() {
            let data = view_node.payload_mut();
            data.emphasis = node_emphasis(resolved, data.entity, &related);
            data.pinned = any_pinned && layout.is_pinned(data.entity);
            data.batched = self.batched;
            if let Some(labelled) = labelled {
                data.radius = style::node_radius(derived.degree_of(data.entity));
                data.always_labelled = labelled.get(data.entity).copied().unwrap_or(false);
            }
        }
        for view_edge in model.graph.g_mut().edge_weights_mut() {
            let data = view_edge.payload_mut();
            let ends = derived.ends.get(data.relation).copied().flatten();
            data.emphasis = edge_emphasis(resolved, ends, data.relation);
            data.hovered = hovered == Some(data.relation);
            data.batched = self.batched;
        }
        // Relations in the batch mesh fade with the rest (one that comes to stand out makes
        // the app rebuild the view, which takes it out of the batch).
        for edge in &mut model.batched_edges {
            let ends = derived.ends.get(edge.relation).copied().flatten();
            edge.emphasis = edge_emphasis(resolved, ends, edge.relation);
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

/// Moves the dataset positions that nodes and edges of `model` hold as `moves` moved the
/// dataset's lists: each list's moves are replayed once on a table of old positions, then one
/// pass renumbers what is drawn (integers only: no id is looked up).
fn follow_positions(model: &mut ViewModel, moves: &[crate::edit::Moved]) {
    use crate::edit::Moved;
    let entities = renumbering(moves.iter().filter_map(|moved| match *moved {
        Moved::EntityInserted { at, .. } => Some((at, true)),
        Moved::EntityRemoved { at, .. } => Some((at, false)),
        _ => None,
    }));
    let relations = renumbering(moves.iter().filter_map(|moved| match *moved {
        Moved::RelationInserted { at, .. } => Some((at, true)),
        Moved::RelationRemoved { at, .. } => Some((at, false)),
        _ => None,
    }));
    if let Some(new_of) = entities {
        for view_node in model.graph.g_mut().node_weights_mut() {
            let data = view_node.payload_mut();
            data.entity = new_of(data.entity);
        }
    }
    if let Some(new_of) = relations {
        for view_edge in model.graph.g_mut().edge_weights_mut() {
            let data = view_edge.payload_mut();
            data.relation = new_of(data.relation);
        }
        for edge in &mut model.batched_edges {
            edge.relation = new_of(edge.relation);
        }
    }
}

/// For a list in which items were inserted (`true`) and removed at these positions, in this
/// order, the new position of each item that stayed, by its old one; `None` when nothing moved.
fn renumbering(moves: impl Iterator<Item = (usize, bool)>) -> Option<impl Fn(usize) -> usize> {
    let moves: Vec<(usize, bool)> = moves.collect();
    if moves.is_empty() {
        return None;
    }
    // `order[now]` is the old position of what is at `now` (`usize::MAX` if it is new).
    // Big enough that every position a move names, before or after earlier moves, is in it.
    let largest = moves.iter().map(|&(at, _)| at + 1).max().unwrap_or(0) + moves.len();
    let mut order: Vec<usize> = (0..largest).collect();
    for (at, inserted) in moves {
        if inserted {
            order.insert(at.min(order.len()), usize::MAX);
        } else if at < order.len() {
            order.remove(at);
        }
    }
    // Past the end of the table, every item moved by the same amount.
    let shift = order.len() as isize - largest as isize;
    let mut new_of = vec![usize::MAX; largest];
    for (now, &old) in order.iter().enumerate() {
        if old != usize::MAX {
            new_of[old] = now;
        }
    }
    Some(move |old: usize| match new_of.get(old) {
        Some(&now) => now,
        None => (old as isize + shift) as usize,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type NodeSummary = (String, usize, u32, bool, Emphasis, String);
    type EdgeSummary = (String, String, String, String, u32, bool, usize, Emphasis);

    /// What a view model shows, by id, to compare an updated one with one built afresh.
    fn summary(model: &ViewModel, workspace: &Workspace) -> (Vec<NodeSummary>, Vec<EdgeSummary>) {
        let dataset = &workspace.dataset;
        let mut nodes: Vec<NodeSummary> = model
            .node_of
            .iter()
            .map(|(id, &node)| {
                let data = model.graph.node(node).expect("a node").payload();
                (
                    id.clone(),
                    data.entity,
                    data.radius.to_bits(),
                    data.always_labelled,
                    data.emphasis,
                    model.names[node.index()].to_string(),
                )
            })
            .collect();
        nodes.sort_by(|a, b| a.0.cmp(&b.0));
        let entity_of = |node: NodeIndex| {
            let position = model.graph.node(node).expect("an end").payload().entity;
            dataset.entities[position].id.clone()
        };
        let mut edges: Vec<EdgeSummary> = model
            .graph
            .g()
            .edge_indices()
            .map(|edge| {
                let (from, to) = model.graph.edge_endpoints(edge).expect("ends");
                let data = model.graph.edge(edge).expect("an edge").payload();
                (
                    dataset.relations[data.relation].id.clone(),
                    entity_of(from),
                    entity_of(to),
                    data.label.to_string(),
                    data.opacity.to_bits(),
                    data.dashed,
                    data.quotes,
                    data.emphasis,
                )
            })
            .chain(model.batched_edges.iter().map(|edge| {
                (
                    dataset.relations[edge.relation].id.clone(),
                    entity_of(edge.from),
                    entity_of(edge.to),
                    format!("batched {}", edge.id),
                    edge.opacity.to_bits(),
                    false,
                    0,
                    edge.emphasis,
                )
            }))
            .collect();
        edges.sort_by(|a, b| (&a.0, &a.3).cmp(&(&b.0, &b.3)));
        (nodes, edges)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// After any sequence of edits and undos, the view model brought up to date edit by
        /// edit shows what one built afresh shows.
        #[test]
        fn an_updated_view_is_the_view_built_afresh(
            picks in proptest::collection::vec(
                (any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()), 1..12),
            from_draft in any::<bool>(),
            batched in any::<bool>(),
            select in any::<bool>(),
        ) {
            let dataset = if from_draft {
                crate::edit::tests::draft()
            } else {
                crate::bundled::dataset().expect("bundled").dataset
            };
            let loaded = crate::format::Loaded { dataset, warnings: Vec::new() };
            let mut workspace = Workspace::new("test".to_owned(), loaded, None);
            let selection = match (select, workspace.dataset.relations.first()) {
                (true, Some(relation)) => Selection::Relation(relation.id.clone()),
                _ => Selection::None,
            };
            let filters = Filters::default();
            let inputs = |workspace: &Workspace| -> ViewModel {
                ViewInputs { workspace, filters: &filters, selection: &selection, hovered: None, batched }
                    .build()
            };
            let mut model = inputs(&workspace);
            let mut steps = Vec::new();
            for pick in picks {
                let Some(edit) = crate::edit::tests::random_edit(&workspace.dataset, pick) else {
                    continue;
                };
                steps.push(edit);
            }
            let mut undo = false;
            for edit in steps.into_iter().map(Some).chain([None, None]) {
                let touched = match edit {
                    Some(edit) => workspace.apply(edit),
                    None => {
                        undo = true;
                        match workspace.undo() {
                            Some(result) => result,
                            None => continue,
                        }
                    }
                };
                let Ok(touched) = touched else { continue };
                let updated = ViewInputs {
                    workspace: &workspace,
                    filters: &filters,
                    selection: &selection,
                    hovered: None,
                    batched,
                }
                .update(&mut model, &touched);
                prop_assert!(updated);
                prop_assert_eq!(summary(&model, &workspace), summary(&inputs(&workspace), &workspace));
            }
            prop_assert!(undo);
        }
    }
}
