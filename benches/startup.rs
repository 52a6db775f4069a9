//! `cargo bench --bench startup`: the time from starting the binary to its first frame on
//! screen, in a window under Xvfb on the bundled article (the app says on standard error when
//! its first frame is drawn: STAKEGRAPH_SAY_FIRST_FRAME), the median of 9 starts after one
//! to warm the disk cache; and the binary's size. One line a binary.
//!
//! It measures this build's binary (the bench profile, which is `release`), and
//! STAKEGRAPH_BINARY=PATH another one as well, such as the package's (the `dist` profile):
//! `STAKEGRAPH_BINARY=/usr/bin/stakegraph cargo bench --bench startup`.
//! Linux only; needs Xvfb and a graphics adapter (Mesa's lavapipe will do).

#[path = "../tests/support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const STARTS: usize = 9;

fn main() {
    let display = ":96";
    let Some(mut server) = support::bench_xvfb("startup", display, "1280x800") else {
        return;
    };
    let home = tempfile::tempdir().expect("a temporary folder");
    let mut binaries = vec![PathBuf::from(env!("CARGO_BIN_EXE_stakegraph"))];
    binaries.extend(std::env::var_os("STAKEGRAPH_BINARY").map(PathBuf::from));
    for binary in &binaries {
        measure(binary, display, home.path());
    }
    let _ = server.kill();
    let _ = server.wait();
}

fn measure(binary: &Path, display: &str, home: &Path) {
    let size = std::fs::metadata(binary).map(|m| m.len()).unwrap_or(0);
    let mut times = Vec::new();
    for start in 0..=STARTS {
        match first_frame(binary, display, home) {
            Some(time) if start > 0 => times.push(time),
            Some(_) => {}
            None => {
                println!("startup binary={} failed: no first frame", binary.display());
                return;
            }
        }
    }
    times.sort();
    println!(
        "startup binary={} size_mib={:.1} first_frame_ms_median={:.0} min={:.0} max={:.0} starts={STARTS}",
        binary.display(),
        size as f64 / (1024.0 * 1024.0),
        times[STARTS / 2].as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        times[STARTS - 1].as_secs_f64() * 1000.0,
    );
}

/// Starts `binary` and returns how long it took to say its first frame was drawn (at most a
/// minute); the app is closed after.
fn first_frame(binary: &Path, display: &str, home: &Path) -> Option<Duration> {
    let started = Instant::now();
    let mut app = Command::new(binary)
        .env("DISPLAY", display)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("WAYLAND_DISPLAY")
        .env("STAKEGRAPH_SAY_FIRST_FRAME", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut elapsed = None;
    if let Some(stderr) = app.stderr.take() {
        let mut lines = BufReader::new(stderr).lines();
        while started.elapsed() < Duration::from_secs(60) {
            match lines.next() {
                Some(Ok(line)) if line.contains("first frame drawn") => {
                    elapsed = Some(started.elapsed());
                    break;
                }
                Some(Ok(_)) => {}
                _ => break,
            }
        }
    }
    let _ = app.kill();
    let _ = app.wait();
    elapsed
}
