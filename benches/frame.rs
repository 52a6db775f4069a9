//! `cargo bench --bench frame`: milliseconds per full frame of the real app (egui's
//! `Context::run` of the whole UI, then tessellation of what it painted) on generated
//! scale-free graphs, with the layout running and labels as the app shows them. One line a size.

use std::time::Instant;

use egui_kittest::Harness;
use stakegraph::files::Source;
use stakegraph::format::Loaded;
use stakegraph::generate::{GenerateOptions, generate};
use stakegraph::layout::LayoutStatus;
use stakegraph::ui::{Settings, StakegraphApp};

fn main() {
    // `STAKEGRAPH_BENCH_SIZES=5000` measures one size, for profiling.
    let sizes: Vec<usize> = std::env::var("STAKEGRAPH_BENCH_SIZES")
        .ok()
        .map(|list| {
            list.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![100, 1_000, 5_000, 20_000]);
    for nodes in sizes {
        let dataset = generate(GenerateOptions {
            entities: nodes,
            relations: nodes * 2,
            seed: 1,
        });
        let loaded = Loaded {
            dataset,
            warnings: Vec::new(),
        };
        let mut harness = Harness::builder()
            .with_size([1280.0, 800.0])
            .with_step_dt(1.0 / 60.0)
            .build_eframe(move |_| {
                StakegraphApp::with_settings(Settings::default(), &Source::Bundled, loaded)
            });
        // The first frames fit the view and warm the font caches.
        for _ in 0..3 {
            harness.step();
        }
        // `STAKEGRAPH_BENCH_SETTLED=1`: measure with the layout at rest, the drawing alone.
        if std::env::var_os("STAKEGRAPH_BENCH_SETTLED").is_some() {
            while harness.state().layout_status() == LayoutStatus::Running {
                harness.step();
            }
        }
        // `STAKEGRAPH_BENCH_FRAMES=300`: more frames, for profiling the drawing alone.
        let frames = std::env::var("STAKEGRAPH_BENCH_FRAMES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(if nodes >= 20_000 { 10 } else { 30 });
        let mut times = Vec::with_capacity(frames);
        for _ in 0..frames {
            let started = Instant::now();
            harness.step();
            let shapes = harness.output().shapes.clone();
            std::hint::black_box(harness.ctx.tessellate(shapes, 1.0));
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let running = harness.state().layout_status() == LayoutStatus::Running;
        println!(
            "frame n={nodes} m={} ms={:.1} layout_running={running}",
            nodes * 2,
            times[frames / 2]
        );
    }
}
