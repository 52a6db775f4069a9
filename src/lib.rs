//! stakegraph: a graph of who does what to whom in a news article, where every relation
//! carries the verbatim quotes that support it.
//!
//! The dataset model (`model`) is pure data, and `derived` its look-up tables (ids, relation
//! ends, degrees), recomputed whole after a change; `validate` holds it to the rules of the
//! format, `format` reads and writes it as `stakegraph/1` JSON, `files` does the file I/O,
//! `bundled` embeds the seed article and its dataset, `stats` counts, and `cli` is the command
//! line. `extract` draws a dataset from article text, `batch` does so for JSON Lines, one
//! article a line, and `generate` makes synthetic datasets for benchmarks and tests. `layout`
//! places the nodes, `labels` their names, `style` says how they look, `scene` turns a dataset
//! into plain shapes that `export` writes as SVG or PNG, `evidence` says what the panels say,
//! and `ui` (the only module that uses egui, behind the default `gui` feature) is the window.
//! `random` is the seeded generator behind the layout's start and `generate`; `desktop` is what
//! a desktop knows the app by (app id, MIME type, icon).

pub mod batch;
pub mod bundled;
pub mod cli;
pub mod derived;
pub mod desktop;
pub mod edit;
pub mod evidence;
pub mod export;
pub mod extract;
pub mod files;
pub mod format;
pub mod generate;
pub mod labels;
pub mod layout;
pub mod model;
mod random;
pub mod scene;
pub mod stats;
pub mod style;
#[cfg(feature = "gui")]
pub mod ui;
pub mod validate;
