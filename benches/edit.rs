//! `cargo bench --bench edit`: milliseconds to apply one edit, undo it, and bring what the
//! window shows up to date after each (the tables, the layout, the view model), on the bundled
//! dataset and on a generated 10,000-entity one. One line per dataset and kind of edit: the
//! median and the slowest of many rounds, in wall-clock time and in CPU time of the thread
//! that edits (the window's), which is what a frame waits for; the layout's worker, restarted
//! warm by an edit that changes the graph's shape, runs beside it on the other core.

use std::time::Instant;

use stakegraph::edit::Edit;
use stakegraph::files::Source;
use stakegraph::format::Loaded;
use stakegraph::generate::{GenerateOptions, generate};
use stakegraph::model::{Dataset, RelationKind};
use stakegraph::ui::{Settings, StakegraphApp};

/// Makes the edit of a round from the dataset as it is.
type EditOf = dyn Fn(&Dataset, usize) -> Edit;

fn main() {
    let bundled = stakegraph::bundled::dataset().expect("the bundled dataset loads");
    let generated = generate(GenerateOptions {
        entities: 10_000,
        relations: 20_000,
        seed: 1,
    });
    for (name, dataset) in [("bundled", bundled.dataset), ("generated-10000", generated)] {
        let edits: Vec<(&str, Box<EditOf>)> = vec![
            (
                "retype",
                Box::new(|d: &Dataset, n| {
                    let mut relation = d.relations[n % d.relations.len()].clone();
                    relation.kind = if relation.kind == RelationKind::Opposes {
                        RelationKind::Supports
                    } else {
                        RelationKind::Opposes
                    };
                    Edit::UpdateRelation(relation)
                }),
            ),
            (
                "delete-relation",
                Box::new(|d: &Dataset, n| {
                    Edit::RemoveRelation(d.relations[n % d.relations.len()].id.clone())
                }),
            ),
            (
                "merge",
                Box::new(|d: &Dataset, n| {
                    let count = d.entities.len();
                    Edit::Merge {
                        from: d.entities[(n * 7 + 1) % count].id.clone(),
                        into: d.entities[(n * 13 + 2) % count].id.clone(),
                    }
                }),
            ),
        ];
        let mut app = StakegraphApp::with_settings(
            Settings::default(),
            &Source::Bundled,
            Loaded {
                dataset,
                warnings: Vec::new(),
            },
        );
        for (kind, edit_of) in &edits {
            let rounds = 60;
            let mut wall = Vec::with_capacity(rounds);
            let mut cpu = Vec::with_capacity(rounds);
            for round in 0..rounds {
                let edit = edit_of(app.dataset(), round);
                let started = Instant::now();
                let started_cpu = thread_cpu_ms();
                let applied = app.apply_and_refresh(edit);
                app.undo_and_refresh();
                cpu.push(thread_cpu_ms() - started_cpu);
                wall.push(started.elapsed().as_secs_f64() * 1000.0);
                assert!(applied, "the {kind} edit was refused");
            }
            wall.sort_by(f64::total_cmp);
            cpu.sort_by(f64::total_cmp);
            println!(
                "edit case={name} edit={kind} apply_undo_refresh_ms_median={:.2} max={:.2} \
                 thread_cpu_ms_median={:.2} max={:.2}",
                wall[wall.len() / 2],
                wall[wall.len() - 1],
                cpu[cpu.len() / 2],
                cpu[cpu.len() - 1]
            );
        }
    }
}

/// The CPU time this thread has used, in milliseconds.
fn thread_cpu_ms() -> f64 {
    let mut time = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `time` is a valid timespec to write to; the clock exists on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
    time.tv_sec as f64 * 1000.0 + time.tv_nsec as f64 / 1e6
}
