//! What the tests and benches that run system tools share (`mod support;` in a test,
//! `#[path = "../tests/support/mod.rs"] mod support;` in a bench).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The path of `tool` on PATH, if it is installed.
pub fn find(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .map(|directory| directory.join(tool))
        .find(|candidate| candidate.is_file())
}

/// An X server of a benchmark's own on `display` with a screen of `size` ("1280x800"), given
/// a second to start; `None`, after saying why on stdout as `name skipped: …`, without Xvfb.
pub fn bench_xvfb(name: &str, display: &str, size: &str) -> Option<Child> {
    let Some(xvfb) = find("Xvfb") else {
        println!(
            "{name} skipped: Xvfb is not installed (apt-get install xvfb mesa-vulkan-drivers)"
        );
        return None;
    };
    let server = Command::new(xvfb)
        .args([
            display,
            "-screen",
            "0",
            &format!("{size}x24"),
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    std::thread::sleep(Duration::from_secs(1));
    Some(server)
}
