//! Any bytes as a dataset file: reading never panics, and whatever loads survives the way out
//! (its canonical JSON reads back to the same canonical JSON, and its picture renders as SVG).
#![no_main]

use libfuzzer_sys::fuzz_target;
use stakegraph::export::{self, PictureOptions};
use stakegraph::format;

fuzz_target!(|bytes: &[u8]| {
    let Ok(loaded) = format::parse_bytes(bytes) else {
        return;
    };
    let json = format::to_canonical_json(&loaded.dataset);
    let again = format::parse_str(&json).expect("canonical JSON of a loaded dataset loads");
    let json_again = format::to_canonical_json(&again.dataset);
    assert_eq!(json_again, json, "canonical JSON is not a fixed point");
    let scene = export::picture(&loaded.dataset, &PictureOptions::default())
        .expect("the default picture options are valid");
    let svg = export::to_svg(&scene);
    // Untrusted text stays text: the SVG parses, whatever the names and quotes hold.
    if let Err(error) = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()) {
        panic!("the exported SVG does not parse: {error}\n{svg}");
    }
});
