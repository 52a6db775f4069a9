//! The bundled part-of-speech tagger against spaCy's tags on the texts it was not trained on
//! (`training/tagger/held-out.txt`, chosen by `examples/train_tagger.rs`).

use std::path::Path;

use stakegraph::extract::tagger::{self, Model};

/// What the bundled model reaches on the held-out texts, a little below (training/tagger/README.md).
const HELD_OUT_ACCURACY_FLOOR: f64 = 0.965;

#[test]
fn the_tagger_agrees_with_spacy_on_texts_it_was_not_trained_on() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let names = std::fs::read_to_string(root.join("training/tagger/held-out.txt")).unwrap();
    let mut examples = Vec::new();
    for name in names.lines() {
        let text = tagger::tagged_text(root, name).unwrap_or_else(|| panic!("no text {name}"));
        let text = std::fs::read_to_string(text).unwrap();
        let tags =
            std::fs::read_to_string(root.join(format!("training/tagger/tagged/{name}.tags")))
                .unwrap();
        examples.extend(tagger::examples(&text, &tagger::read_tags(&tags).unwrap()));
    }
    assert!(
        examples.len() > 100,
        "{} sentences held out",
        examples.len()
    );
    let (all, open) = tagger::accuracy(Model::bundled(), &examples);
    println!("held-out accuracy {all:.4}, words not in the dictionary {open:.4}");
    assert!(all >= HELD_OUT_ACCURACY_FLOOR, "held-out accuracy {all:.4}");
}
