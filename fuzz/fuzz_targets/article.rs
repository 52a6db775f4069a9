//! Any bytes as an article file: reading never panics, and what the extractor makes of any
//! text is a valid dataset whose quotes are spans of that text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stakegraph::extract;
use stakegraph::files::{self, Source};

fuzz_target!(|bytes: &[u8]| {
    let Ok(article) = files::article_from_bytes(&Source::Stdin, bytes.to_vec()) else {
        return;
    };
    let dataset = extract::extract(std::slice::from_ref(&article), None);
    if let Err(invalid) = files::checked(dataset) {
        panic!(
            "the extractor made an invalid dataset: {:?}",
            invalid.errors
        );
    }
});
