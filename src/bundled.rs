//! The seed article (AP, 8 January 2020: Turkey and Russia call for a cease-fire in Libya) and
//! its hand-checked dataset, embedded in the binary so the app and the CLI work with no files
//! around them.

use crate::format::{self, Invalid, Loaded};

/// The article, byte for byte as received.
pub const ARTICLE: &str = include_str!("../assets/libya-ceasefire-2020-01-08.txt");

/// The article's dataset in canonical `stakegraph/1` form.
pub const DATASET_JSON: &str = include_str!("../assets/libya-ceasefire-2020-01-08.json");

/// What names the bundled dataset in messages, where a file would have its path.
pub const ORIGIN: &str = "<bundled dataset>";

/// Reads the bundled dataset. Tests prove it valid, so this fails only on a broken build.
pub fn dataset() -> Result<Loaded, Invalid> {
    format::parse_str(DATASET_JSON)
}
