//! `cargo bench --bench export`: how long a PNG of the bundled graph takes without a window
//! (load, lay out until settled, frame, draw, encode), as `stakegraph export-png` does it.
//! One line a figure, for scripts: `export_png entities=30 relations=56 width=1600 height=1000 scale=1 ms=…`.

use std::time::Instant;

use stakegraph::export::{self, PictureOptions};

fn median_ms(runs: usize, mut work: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn main() {
    let dataset = stakegraph::bundled::dataset()
        .expect("the bundled dataset loads")
        .dataset;
    for scale in [1.0, 2.0] {
        let options = PictureOptions {
            scale,
            ..PictureOptions::default()
        };
        let total = median_ms(9, || {
            let dataset = stakegraph::bundled::dataset().unwrap().dataset;
            let scene = export::picture(&dataset, &options).unwrap();
            std::hint::black_box(export::to_png(&scene, options.scale).unwrap());
        });
        let layout = median_ms(9, || {
            std::hint::black_box(export::picture(&dataset, &options).unwrap());
        });
        let scene = export::picture(&dataset, &options).unwrap();
        let render = median_ms(9, || {
            std::hint::black_box(export::to_png(&scene, options.scale).unwrap());
        });
        println!(
            "export_png entities={} relations={} width={} height={} scale={scale} ms={total:.1} layout_ms={layout:.1} render_ms={render:.1}",
            dataset.entities.len(),
            dataset.relations.len(),
            options.width,
            options.height,
        );
    }
}
