//! Reading datasets from files or standard input, and writing files atomically (a temporary
//! file in the same directory, then a rename), so a failed write never leaves half a file.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::bundled;
use crate::format::{self, Invalid, Loaded};

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
}

/// Reads and checks the dataset from `source`.
pub fn load(source: &Source) -> Result<Loaded, LoadError> {
    load_reporting(source, &|_, _| {})
}

/// `load`, telling `on_read(bytes read, bytes in all)` as a file is read, for progress bars.
pub fn load_reporting(source: &Source, on_read: &dyn Fn(u64, u64)) -> Result<Loaded, LoadError> {
    let invalid = |invalid| LoadError::Invalid {
        origin: source.name(),
        invalid,
    };
    let read_error = |error| LoadError::Read {
        path: source.name(),
        source: error,
    };
    let bytes = match source {
        Source::Bundled => return bundled::dataset().map_err(invalid),
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes).map_err(read_error)?;
            bytes
        }
        Source::File(path) => read_reporting(path, on_read).map_err(read_error)?,
    };
    format::parse_bytes(&bytes).map_err(invalid)
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
