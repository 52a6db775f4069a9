//! Reading datasets from files or standard input, and writing files atomically (a temporary
//! file in the same directory, then a rename), so a failed write never leaves half a file.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::bundled;
use crate::extract::{self, Article};
use crate::format::{self, Invalid, Loaded};
use crate::validate;

/// Where a dataset comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The dataset embedded in the binary.
    Bundled,
    /// Standard input, named `-` on the command line.
    Stdin,
    File(PathBuf),
    /// Nothing read: an empty dataset, such as the window shows while it opens a file a
    /// desktop launcher gave it. Saved, it asks where.
    Empty,
}

impl Source {
    /// The source a command-line argument names: none is the bundled dataset, `-` is stdin.
    pub fn from_arg(arg: Option<&Path>) -> Self {
        match arg {
            None => Self::Bundled,
            Some(path) if path.as_os_str() == "-" => Self::Stdin,
            Some(path) => Self::File(path.to_owned()),
        }
    }

    /// How messages name this source.
    pub fn name(&self) -> String {
        match self {
            Self::Bundled => bundled::ORIGIN.to_owned(),
            Self::Stdin => "<stdin>".to_owned(),
            Self::File(path) => path.display().to_string(),
            Self::Empty => "<new dataset>".to_owned(),
        }
    }
}

/// The largest file (or standard input) stakegraph reads: larger ones are refused before
/// they are read, so no file can take the memory of the machine.
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// The most text one extraction reads (one article, or all those extracted into one
/// dataset): a news article is tens of kilobytes, and extraction takes about 20 bytes of
/// memory a byte of text, so this keeps it well under a gigabyte.
pub const MAX_ARTICLE_BYTES: usize = 32 << 20;

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: io::Error },
    #[error("{origin} is too large to open: {size}, over the limit of {} MiB", limit >> 20)]
    TooLarge {
        origin: String,
        /// The size, as "300.0 MiB", or "more than 256 MiB" when it is not known ahead.
        size: String,
        limit: u64,
    },
    #[error("{origin} is not a valid dataset: {invalid}")]
    Invalid { origin: String, invalid: Invalid },
    #[error(
        "{origin} is too much text to extract from at once: {} MiB, over the limit of {} MiB; \
         split it into articles (`stakegraph extract --jsonl` takes one a line)",
        mebibytes(*size), MAX_ARTICLE_BYTES >> 20
    )]
    TooMuchText { origin: String, size: usize },
    #[error("{origin} cannot be read as an article: {reason}")]
    NotText { origin: String, reason: String },
}

/// What a file holds: a dataset to show, or an article to extract a dataset from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    Dataset,
    Article,
}

impl Content {
    /// Judged by the file's extension (`.json`; `.txt`, `.text`, `.md`), else by its first
    /// character: JSON starts with `{` or `[`, an article with anything else.
    pub fn of(source: &Source, bytes: &[u8]) -> Self {
        if let Source::File(path) = source {
            let extension = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            match extension.as_deref() {
                Some("json") => return Self::Dataset,
                Some("txt" | "text" | "md") => return Self::Article,
                _ => {}
            }
        }
        if let Source::Bundled | Source::Empty = source {
            return Self::Dataset;
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{' | b'[') => Self::Dataset,
            // An empty input is judged as a dataset, whose reader says what is missing.
            None => Self::Dataset,
            Some(_) => Self::Article,
        }
    }
}

/// A dataset with nothing in it but its title.
pub fn empty_dataset(title: &str) -> crate::model::Dataset {
    crate::model::Dataset {
        title: title.to_owned(),
        documents: Vec::new(),
        entities: Vec::new(),
        relations: Vec::new(),
        rejected: Vec::new(),
    }
}

/// The file that saving a dataset read from `source` as `content` writes back to: the file
/// itself when it held a dataset; `None` for the bundle, standard input and an article, whose
/// graph is saved under a new name.
pub fn save_target(source: &Source, content: Content) -> Option<PathBuf> {
    match (source, content) {
        (Source::File(path), Content::Dataset) => Some(path.clone()),
        _ => None,
    }
}

/// What `source` holds, judged as `Content::of` does from its name or, for a file, its first
/// bytes (read again; standard input cannot be, and counts as an article).
pub fn content_of(source: &Source) -> Content {
    match source {
        Source::Bundled | Source::Empty => Content::Dataset,
        Source::Stdin => Content::Article,
        Source::File(path) => {
            let mut start = Vec::new();
            if let Ok(file) = std::fs::File::open(path) {
                let _ = file.take(4096).read_to_end(&mut start);
            }
            Content::of(source, &start)
        }
    }
}

/// How far `load_reporting` has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Extracting,
}

/// Reads and checks the dataset from `source`.
pub fn load(source: &Source) -> Result<Loaded, LoadError> {
    load_reporting(source, &|_, _, _| {})
}

/// `load`, also saying whether `source` held a dataset or an article the dataset was
/// extracted from, for messages that should tell which.
pub fn load_content(source: &Source) -> Result<(Loaded, Content), LoadError> {
    load_content_reporting(source, &|_, _, _| {})
}

/// `load`, telling `on_progress(stage, done, in all)` as a file is read and, for an article,
/// as relations are extracted from it, for progress bars.
pub fn load_reporting(
    source: &Source,
    on_progress: &dyn Fn(Stage, u64, u64),
) -> Result<Loaded, LoadError> {
    load_content_reporting(source, on_progress).map(|(loaded, _)| loaded)
}

pub fn load_content_reporting(
    source: &Source,
    on_progress: &dyn Fn(Stage, u64, u64),
) -> Result<(Loaded, Content), LoadError> {
    let on_read = |done, total| on_progress(Stage::Reading, done, total);
    let invalid = |invalid| LoadError::Invalid {
        origin: source.name(),
        invalid,
    };
    let bytes = match source {
        Source::Bundled => {
            let loaded = bundled::dataset().map_err(invalid)?;
            return Ok((loaded, Content::Dataset));
        }
        Source::Empty => {
            let loaded = checked(empty_dataset("New dataset")).map_err(invalid)?;
            return Ok((loaded, Content::Dataset));
        }
        Source::Stdin | Source::File(_) => read_bytes(source, &on_read)?,
    };
    if Content::of(source, &bytes) == Content::Dataset {
        let loaded = format::parse_bytes(&bytes).map_err(invalid)?;
        return Ok((loaded, Content::Dataset));
    }
    let article = article_from_bytes(source, bytes)?;
    let on_extract =
        |done: usize, total: usize| on_progress(Stage::Extracting, done as u64, total as u64);
    let dataset = extract::extract_reporting(std::slice::from_ref(&article), None, &on_extract);
    let loaded = checked(dataset).map_err(invalid)?;
    Ok((loaded, Content::Article))
}

/// The extracted dataset with its warnings; errors would be the extractor's bug, and are
/// reported like those of a file rather than shown as a broken graph.
pub fn checked(dataset: crate::model::Dataset) -> Result<Loaded, Invalid> {
    let (errors, warnings): (Vec<_>, Vec<_>) = validate::validate(&dataset)
        .into_iter()
        .partition(|problem| problem.is_error());
    if errors.is_empty() {
        Ok(Loaded { dataset, warnings })
    } else {
        Err(Invalid { errors, warnings })
    }
}

/// Reads the article at `source`.
pub fn read_article(source: &Source) -> Result<Article, LoadError> {
    let bytes = match source {
        Source::Bundled => bundled::ARTICLE.as_bytes().to_vec(),
        Source::Empty => Vec::new(),
        Source::Stdin | Source::File(_) => read_bytes(source, &|_, _| {})?,
    };
    article_from_bytes(source, bytes)
}

/// The bytes of standard input or of a file (with progress); the bundle has none.
fn read_bytes(source: &Source, on_read: &dyn Fn(u64, u64)) -> Result<Vec<u8>, LoadError> {
    read_bytes_within(source, MAX_INPUT_BYTES, on_read)
}

/// `read_bytes`, refusing more than `limit` bytes: a file by its size before reading, and
/// standard input or a file that grows (or a device) once `limit` bytes have come.
fn read_bytes_within(
    source: &Source,
    limit: u64,
    on_read: &dyn Fn(u64, u64),
) -> Result<Vec<u8>, LoadError> {
    let too_large = |size: String| LoadError::TooLarge {
        origin: source.name(),
        size,
        limit,
    };
    let read_error = |error| LoadError::Read {
        path: source.name(),
        source: error,
    };
    let (reader, size): (Box<dyn Read>, u64) = match source {
        Source::Bundled | Source::Empty => return Ok(Vec::new()),
        Source::Stdin => (Box::new(io::stdin().lock()), 0),
        Source::File(path) => {
            let file = std::fs::File::open(path).map_err(read_error)?;
            let size = file.metadata().map_or(0, |m| m.len());
            if size > limit {
                let size = usize::try_from(size).unwrap_or(usize::MAX);
                return Err(too_large(format!("{} MiB", mebibytes(size))));
            }
            (Box::new(file), size)
        }
    };
    let bytes = read_reporting(reader.take(limit + 1), size, on_read).map_err(read_error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(format!("more than {} MiB", limit >> 20)));
    }
    Ok(bytes)
}

/// An article from the bytes of a file: UTF-8 text (a byte order mark is dropped), not
/// binary data, not empty. Its id comes from the file name, its title from its headline
/// (`extract::headline`), else from the file name.
pub fn article_from_bytes(source: &Source, bytes: Vec<u8>) -> Result<Article, LoadError> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(LoadError::TooMuchText {
            origin: source.name(),
            size: bytes.len(),
        });
    }
    let not_text = |reason: String| LoadError::NotText {
        origin: source.name(),
        reason,
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let bytes = error.as_bytes();
            let at = error.utf8_error().valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(not_text(if looks_binary(bytes) {
                "it looks like binary data, not text".to_owned()
            } else {
                format!(
                    "it is not UTF-8 text (byte 0x{:02X} at offset {at}, line {line})",
                    bytes[at]
                )
            }));
        }
    };
    if looks_binary(text.as_bytes()) {
        return Err(not_text("it looks like binary data, not text".to_owned()));
    }
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    if text.trim().is_empty() {
        return Err(not_text(
            "it is empty: there is no text to extract from".to_owned(),
        ));
    }
    let (id, name) = match source {
        Source::Bundled | Source::Empty => ("article".to_owned(), None),
        Source::Stdin => ("stdin".to_owned(), None),
        Source::File(path) => {
            let stem = path.file_stem().map_or_else(
                || "article".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            let name = path.file_name().map(|s| s.to_string_lossy().into_owned());
            (extract::slug(&stem), name)
        }
    };
    let title = extract::headline(&text).map(str::to_owned).or(name);
    Ok(Article {
        id,
        title,
        published: None,
        text,
    })
}

/// A size in mebibytes with one decimal: `300.0`.
pub fn mebibytes(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / f64::from(1 << 20))
}

/// NUL bytes or many control characters in the first kilobytes: not a text file.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    head.contains(&0) || controls * 20 > head.len().max(1)
}

/// All of `reader`, telling `on_read(done, total)` after each mebibyte; `total` is the size
/// expected, 0 when unknown.
fn read_reporting(
    mut reader: impl Read,
    total: u64,
    on_read: &dyn Fn(u64, u64),
) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let read = match reader.read(&mut chunk) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            read => read?,
        };
        if read == 0 {
            return Ok(bytes);
        }
        bytes.extend_from_slice(&chunk[..read]);
        on_read(bytes.len() as u64, total);
    }
}

/// Why a file could not be written. Whatever the cause, the destination is untouched.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {}: the directory {} does not exist", path.display(), directory.display())]
    MissingDirectory { path: PathBuf, directory: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// Writes `bytes` to `path` atomically: readers see the old file or the whole new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// Writes to `path` atomically what `write` writes: into a temporary file in the same
/// folder, renamed over `path` only once all of it is written and flushed to disk. If
/// anything fails, `path` is as it was and the temporary file is gone.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !directory.is_dir() {
        return Err(WriteError::MissingDirectory {
            path: path.to_owned(),
            directory: directory.to_owned(),
        });
    }
    let io_error = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".stakegraph-")
        .tempfile_in(directory)
        .map_err(io_error)?;
    write(&mut temporary).map_err(io_error)?;
    // The temporary file is private (0600); the result should have the permissions the old
    // file had, or those of an ordinary new file.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => ordinary_permissions(temporary.as_file()).map_err(io_error)?,
    };
    temporary
        .as_file()
        .set_permissions(permissions)
        .map_err(io_error)?;
    temporary.as_file().sync_all().map_err(io_error)?;
    temporary
        .persist(path)
        .map_err(|error| io_error(error.error))?;
    Ok(())
}

#[cfg(unix)]
fn ordinary_permissions(file: &std::fs::File) -> io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = file.metadata()?.permissions();
    permissions.set_mode(0o644);
    Ok(permissions)
}

#[cfg(not(unix))]
fn ordinary_permissions(file: &std::fs::File) -> io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// Where the app keeps its settings: `$XDG_CONFIG_HOME/stakegraph` (else
/// `~/.config/stakegraph`) on Linux, `~/Library/Application Support/stakegraph` on macOS,
/// `%APPDATA%\\stakegraph` on Windows.
pub fn settings_path() -> Option<PathBuf> {
    let absolute = |path: std::ffi::OsString| Some(PathBuf::from(path)).filter(|p| p.is_absolute());
    let folder = if cfg!(windows) {
        std::env::var_os("APPDATA").and_then(absolute)
    } else if cfg!(target_os = "macos") {
        std::env::home_dir().map(|home| home.join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_CONFIG_HOME")
            .and_then(absolute)
            .or_else(|| std::env::home_dir().map(|home| home.join(".config")))
    };
    folder.map(|folder| folder.join("stakegraph").join("settings.json"))
}

/// Settings read from the JSON file at `path`: the defaults when there is none, and the
/// defaults with a message saying why when it cannot be read (the file is left as it is).
pub fn read_settings<T: serde::de::DeserializeOwned + Default>(path: &Path) -> (T, Option<String>) {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return (T::default(), None),
        Err(error) => {
            let message = format!(
                "cannot read {}: {error}; using the defaults",
                path.display()
            );
            return (T::default(), Some(message));
        }
    };
    match serde_json::from_slice(&bytes) {
        Ok(settings) => (settings, None),
        Err(error) => {
            let message = format!(
                "{} is not a settings file ({error}); using the defaults",
                path.display()
            );
            (T::default(), Some(message))
        }
    }
}

/// Writes settings to `path` as JSON, atomically, making its folder if need be.
pub fn write_settings<T: serde::Serialize>(path: &Path, settings: &T) -> Result<(), String> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("cannot make {}: {error}", folder.display()))?;
    }
    let json = serde_json::to_string_pretty(settings).map_err(|error| error.to_string())?;
    write_atomically(path, json.as_bytes()).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_is_stdin_and_nothing_is_bundled() {
        assert_eq!(Source::from_arg(None), Source::Bundled);
        assert_eq!(Source::from_arg(Some(Path::new("-"))), Source::Stdin);
        assert_eq!(
            Source::from_arg(Some(Path::new("a.json"))),
            Source::File(PathBuf::from("a.json"))
        );
    }

    #[test]
    fn files_over_the_limit_are_refused_before_reading_and_growing_ones_once_over() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("big.json");
        std::fs::write(&path, vec![b' '; 3 << 20]).unwrap();
        let source = Source::File(path);
        let read = std::cell::Cell::new(0);
        let error = read_bytes_within(&source, 1 << 20, &|done, _| read.set(done)).unwrap_err();
        assert_eq!(read.get(), 0, "the file was read");
        assert!(
            error
                .to_string()
                .ends_with("is too large to open: 3.0 MiB, over the limit of 1 MiB"),
            "{error}"
        );
        let all = read_bytes_within(&source, 3 << 20, &|_, _| {}).unwrap();
        assert_eq!(all.len(), 3 << 20);

        // A device has no size ahead: it is read up to the limit and no further.
        #[cfg(unix)]
        {
            let zero = Source::File(PathBuf::from("/dev/zero"));
            let error = read_bytes_within(&zero, 4 << 20, &|_, _| {}).unwrap_err();
            assert_eq!(
                error.to_string(),
                "/dev/zero is too large to open: more than 4 MiB, over the limit of 4 MiB"
            );
        }
    }

    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temporary() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("out.json");
        std::fs::write(&path, "old contents that are longer").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(directory.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "a temporary file was left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let fresh = directory.path().join("fresh.json");
            write_atomically(&fresh, b"x").unwrap();
            let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
            assert_eq!(
                mode, 0o644,
                "a new file is readable by others, like any other"
            );
        }
    }

    #[test]
    fn a_writer_failing_half_way_leaves_the_old_file_and_no_temporary() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("out.png");
        std::fs::write(&path, "the old picture").unwrap();
        let error = write_atomically_with(&path, |file| {
            file.write_all(b"half of a new")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"))
        })
        .unwrap_err();
        assert!(error.to_string().contains("no space left"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old picture");
        let names: Vec<_> = std::fs::read_dir(directory.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "a temporary file was left behind");
    }

    #[test]
    fn atomic_write_into_missing_directory_says_which() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("missing").join("out.json");
        let error = write_atomically(&path, b"x").unwrap_err();
        assert!(matches!(error, WriteError::MissingDirectory { .. }));
        assert!(error.to_string().contains("does not exist"), "{error}");
        assert!(!path.exists());
    }
}
