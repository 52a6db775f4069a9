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
        }
    }
}

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: io::Error },
    #[error("{origin} is not a valid dataset: {invalid}")]
    Invalid { origin: String, invalid: Invalid },
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
        if let Source::Bundled = source {
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

/// `load`, telling `on_progress(stage, done, in all)` as a file is read and, for an article,
/// as relations are extracted from it, for progress bars.
pub fn load_reporting(
    source: &Source,
    on_progress: &dyn Fn(Stage, u64, u64),
) -> Result<Loaded, LoadError> {
    let on_read = |done, total| on_progress(Stage::Reading, done, total);
    let invalid = |invalid| LoadError::Invalid {
        origin: source.name(),
        invalid,
    };
    let bytes = match source {
        Source::Bundled => return bundled::dataset().map_err(invalid),
        Source::Stdin | Source::File(_) => read_bytes(source, &on_read)?,
    };
    if Content::of(source, &bytes) == Content::Dataset {
        return format::parse_bytes(&bytes).map_err(invalid);
    }
    let article = article_from_bytes(source, bytes)?;
    let on_extract =
        |done: usize, total: usize| on_progress(Stage::Extracting, done as u64, total as u64);
    let dataset = extract::extract_reporting(std::slice::from_ref(&article), None, &on_extract);
    checked(dataset).map_err(invalid)
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
        Source::Stdin | Source::File(_) => read_bytes(source, &|_, _| {})?,
    };
    article_from_bytes(source, bytes)
}

/// The bytes of standard input or of a file (with progress); the bundle has none.
fn read_bytes(source: &Source, on_read: &dyn Fn(u64, u64)) -> Result<Vec<u8>, LoadError> {
    let read = match source {
        Source::Bundled => Ok(Vec::new()),
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes).map(|_| bytes)
        }
        Source::File(path) => read_reporting(path, on_read),
    };
    read.map_err(|error| LoadError::Read {
        path: source.name(),
        source: error,
    })
}

/// An article from the bytes of a file: UTF-8 text (a byte order mark is dropped), not
/// binary data, not empty. Its id and title come from the file name.
pub fn article_from_bytes(source: &Source, bytes: Vec<u8>) -> Result<Article, LoadError> {
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
    let (id, title) = match source {
        Source::Bundled => ("article".to_owned(), None),
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
    Ok(Article {
        id,
        title,
        published: None,
        text,
    })
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

fn read_reporting(path: &Path, on_read: &dyn Fn(u64, u64)) -> io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let total = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let read = file.read(&mut chunk)?;
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
    temporary.write_all(bytes).map_err(io_error)?;
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
    fn atomic_write_into_missing_directory_says_which() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("missing").join("out.json");
        let error = write_atomically(&path, b"x").unwrap_err();
        assert!(matches!(error, WriteError::MissingDirectory { .. }));
        assert!(error.to_string().contains("does not exist"), "{error}");
        assert!(!path.exists());
    }
}
