//! What the window keeps between runs. The file itself is read and written by `files`
//! (atomically, as every write); this is only what is in it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files;
use crate::scene::Theme;

/// What survives a restart, kept in `settings.json` in the user's configuration folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The window's inner size in points, as it was when the app was last closed.
    pub window_size: Option<[f32; 2]>,
    pub theme: Theme,
    /// The last dataset opened from a file, offered under "Open recent".
    pub recent_file: Option<PathBuf>,
    /// Pixels a point in exported pictures: 1 or 2.
    pub export_density: u8,
    /// Where the last picture was exported, to start the next save dialog there.
    pub export_directory: Option<PathBuf>,
    /// The width of the evidence panel and the height of the article panel, in points, as the
    /// user left them.
    pub panel_sizes: Option<[f32; 2]>,
}

impl Settings {
    /// Where the settings are kept (see `files::settings_path`).
    pub fn default_path() -> Option<PathBuf> {
        files::settings_path()
    }

    /// The settings in the file at `path`: the defaults when there is none, and the defaults
    /// with a message saying why when it cannot be read.
    pub fn load(path: &Path) -> (Self, Option<String>) {
        files::read_settings(path)
    }

    /// Writes the settings to `path` atomically, making its folder if need be.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        files::write_settings(path, self)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            window_size: None,
            theme: Theme::Dark,
            recent_file: None,
            export_density: 1,
            export_directory: None,
            panel_sizes: None,
        }
    }
}
