//! Records the commit the binary is built from, for `stakegraph --version` and the man pages.
//!
//! `STAKEGRAPH_COMMIT` and `STAKEGRAPH_COMMIT_DATE` are the short hash and the commit's date
//! (YYYY-MM-DD), from git when the source is a git checkout, else from the variables of the
//! same names in the build's environment (a source tarball built by a packager), else
//! "unknown". Hand-written rather than vergen or built: two git calls do not need a dependency
//! tree of their own in every build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(arguments: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(arguments)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_owned())
}

/// Runs this script again when `path` changes; a path that does not exist is left out, as cargo
/// would otherwise run the script on every build.
fn watch(path: &Path) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=STAKEGRAPH_COMMIT");
    println!("cargo:rerun-if-env-changed=STAKEGRAPH_COMMIT_DATE");
    // Only a checkout of this package counts, not a repository that happens to contain it.
    let top = git(&["rev-parse", "--show-toplevel"]).map(PathBuf::from);
    let ours = top.is_some_and(|top| {
        top.canonicalize().ok() == Path::new(env!("CARGO_MANIFEST_DIR")).canonicalize().ok()
    });
    let from_git = if ours {
        git(&["rev-parse", "--short=10", "HEAD"]).zip(git(&["show", "-s", "--format=%cs", "HEAD"]))
    } else {
        None
    };
    let (commit, date) = from_git.unwrap_or_else(|| {
        (
            std::env::var("STAKEGRAPH_COMMIT").unwrap_or_else(|_| "unknown".to_owned()),
            std::env::var("STAKEGRAPH_COMMIT_DATE").unwrap_or_else(|_| "unknown".to_owned()),
        )
    });
    println!("cargo:rustc-env=STAKEGRAPH_COMMIT={commit}");
    println!("cargo:rustc-env=STAKEGRAPH_COMMIT_DATE={date}");
    if ours {
        // A new commit or a checkout moves HEAD or the branch it names (a file under
        // refs/heads, or a line of packed-refs); a linked worktree keeps its HEAD in its own git
        // directory and the branches in the common one. Cargo scans a directory whole.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        if let Some(directory) = git(&["rev-parse", "--git-dir"]) {
            watch(&root.join(directory).join("HEAD"));
        }
        if let Some(common) = git(&["rev-parse", "--git-common-dir"]) {
            watch(&root.join(&common).join("packed-refs"));
            watch(&root.join(&common).join("refs").join("heads"));
        }
    }
}
