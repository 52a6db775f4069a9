//! `cargo bench --bench layout`: milliseconds per layout step of ours (Barnes-Hut above 400
//! nodes) and of egui_graphs' Fruchterman-Reingold on the same scale-free graphs, side by side,
//! with an edge-length spread (coefficient of variation; lower is more even) after the same
//! number of steps where that is affordable. One line a size, for scripts.

use std::time::Instant;

use egui::{Pos2, Rect};
use egui_graphs::{ForceAlgorithm, FruchtermanReingold, FruchtermanReingoldState, Graph};
use petgraph::stable_graph::StableGraph;
use stakegraph::generate::{GenerateOptions, generate};

fn spread(positions: &[[f32; 2]], links: &[(usize, usize)]) -> f32 {
    let lengths: Vec<f32> = links
        .iter()
        .map(|&(a, b)| {
            ((positions[a][0] - positions[b][0]).powi(2)
                + (positions[a][1] - positions[b][1]).powi(2))
            .sqrt()
        })
        .collect();
    let mean = lengths.iter().sum::<f32>() / lengths.len().max(1) as f32;
    let variance =
        lengths.iter().map(|l| (l - mean).powi(2)).sum::<f32>() / lengths.len().max(1) as f32;
    variance.sqrt() / mean.max(1e-6)
}

fn main() {
    for (nodes, timed_steps, quality_steps) in [(1_000, 20, 100), (10_000, 5, 30), (50_000, 2, 0)] {
        let dataset = generate(GenerateOptions {
            entities: nodes,
            relations: nodes * 2,
            seed: 1,
        });
        let index: std::collections::HashMap<&str, usize> = dataset
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let links: Vec<(usize, usize)> = dataset
            .relations
            .iter()
            .map(|r| (index[r.source.as_str()], index[r.target.as_str()]))
            .collect();

        let derived = stakegraph::derived::Derived::of(&dataset);
        let mut ours = stakegraph::scene::layout_of(&dataset, &derived);
        let start = ours.positions().to_vec();
        let started = Instant::now();
        for _ in 0..timed_steps {
            ours.step();
        }
        let ours_ms = started.elapsed().as_secs_f64() * 1000.0 / timed_steps as f64;
        for _ in timed_steps..quality_steps {
            ours.step();
        }
        let ours_spread = spread(ours.positions(), &links);

        let mut petgraph: StableGraph<(), ()> = StableGraph::new();
        let node_indices: Vec<_> = (0..nodes).map(|_| petgraph.add_node(())).collect();
        for &(a, b) in &links {
            petgraph.add_edge(node_indices[a], node_indices[b], ());
        }
        let mut graph: Graph<(), ()> = Graph::from(&petgraph);
        for (i, &[x, y]) in start.iter().enumerate() {
            if let Some(node) = graph.node_mut(node_indices[i]) {
                node.set_location(Pos2::new(x, y));
            }
        }
        let view = Rect::from_min_max(Pos2::new(-1000.0, -1000.0), Pos2::new(1000.0, 1000.0));
        let mut theirs = FruchtermanReingold::from_state(FruchtermanReingoldState::default());
        let started = Instant::now();
        for _ in 0..timed_steps {
            theirs.step(&mut graph, view);
        }
        let theirs_ms = started.elapsed().as_secs_f64() * 1000.0 / timed_steps as f64;
        for _ in timed_steps..quality_steps {
            theirs.step(&mut graph, view);
        }
        let theirs_positions: Vec<[f32; 2]> = node_indices
            .iter()
            .map(|&n| {
                graph
                    .node(n)
                    .map_or([0.0; 2], |node| [node.location().x, node.location().y])
            })
            .collect();
        let quality = if quality_steps > 0 {
            format!(
                " steps={quality_steps} ours_spread={:.2} egui_graphs_fr_spread={:.2}",
                ours_spread,
                spread(&theirs_positions, &links)
            )
        } else {
            String::new()
        };
        println!(
            "layout n={nodes} m={} ours={ours_ms:.1}ms egui_graphs_fr={theirs_ms:.1}ms speedup={:.1}x{quality}",
            links.len(),
            theirs_ms / ours_ms.max(1e-6),
        );
    }
}
