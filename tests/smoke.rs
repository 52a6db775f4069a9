//! The real binary in a real window: start it under Xvfb on the bundled dataset, let it draw
//! frames and settle, and check that it closes cleanly.
//!
//! It also exports the graph view through the window's screenshot path and checks the PNG.
//! Needs `Xvfb` and a graphics adapter (Mesa's lavapipe or llvmpipe will do). Where Xvfb is
//! missing the test says so and skips, except under `CI=true`, where it fails.

mod support;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Xvfb {
    child: Child,
    display: String,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl Drop for Xvfb {
    /// Asks the server to end, so it removes its lock and socket (killed, it leaves them and
    /// holds the display number for anyone who derives one), then kills it if it has not
    /// after a second.
    fn drop(&mut self) {
        let asked = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .is_ok_and(|status| status.success());
        let started = Instant::now();
        while asked && started.elapsed() < Duration::from_secs(1) {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The tests of this file take turns: each starts its own X server, and two picking a free
/// display number at the same moment would pick the same one.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn start_xvfb() -> Option<Xvfb> {
    let Some(xvfb) = support::find("Xvfb") else {
        let why = "Xvfb is not installed (apt-get install xvfb mesa-vulkan-drivers)";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
        eprintln!("skipping the smoke test: {why}");
        return None;
    };
    // A failed test poisons the lock; the next one may still run.
    let turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // A display number of our own, so parallel runs do not collide.
    for attempt in 0..20 {
        let number = 90 + (std::process::id() as usize + attempt * 7) % 400;
        if PathBuf::from(format!("/tmp/.X11-unix/X{number}")).exists() {
            continue;
        }
        let display = format!(":{number}");
        let mut child = Command::new(&xvfb)
            .args([
                display.as_str(),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts");
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if socket.exists() {
                return Some(Xvfb {
                    child,
                    display,
                    _turn: turn,
                });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("Xvfb did not start");
}

/// Runs the real binary with `args` in a window on `xvfb` until it closes by itself, with
/// `home` as its home and configuration folder; returns its standard error.
fn run_app(xvfb: &Xvfb, home: &std::path::Path, args: &[&std::ffi::OsStr], frames: u32) -> String {
    let mut app = Command::new(env!("CARGO_BIN_EXE_stakegraph"))
        .args(args)
        .env("DISPLAY", &xvfb.display)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("WAYLAND_DISPLAY")
        .env("STAKEGRAPH_EXIT_AFTER_FRAMES", frames.to_string())
        // Exports the graph view through the window's real screenshot path once settled.
        .env("STAKEGRAPH_EXPORT_PNG", home.join("view.png"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = app.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = app.kill();
            panic!("the app did not close by itself within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = app.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(status.success(), "exit {status}; stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn the_window_opens_on_the_bundled_article_draws_frames_and_closes_cleanly() {
    let Some(xvfb) = start_xvfb() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    // Enough frames for the layout to settle (within 20) and the export after it.
    run_app(&xvfb, home.path(), &[], 80);
    // The exported view: a real PNG of the graph, not blank, with the entity colours.
    let image = image::open(home.path().join("view.png"))
        .expect("the view was exported as a PNG")
        .to_rgba8();
    let (width, height) = image.dimensions();
    assert!(width > 300 && height > 200, "{width}×{height}");
    let colours: std::collections::HashSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 100, "only {} colours", colours.len());
    for kind in [
        stakegraph::model::EntityKind::Country,
        stakegraph::model::EntityKind::Person,
        stakegraph::model::EntityKind::Organization,
    ] {
        let stakegraph::style::Rgb(r, g, b) = stakegraph::style::entity_look(kind).1;
        assert!(
            colours.contains(&[r, g, b, 255]),
            "no {kind:?} colour in the exported view"
        );
    }
    // The settings were saved, whole, where the next run will find them, with the window
    // size and the folder of the export; no temporary file is left beside them.
    let folder = home.path().join("config").join("stakegraph");
    let files = walk(&folder);
    assert_eq!(files, vec![folder.join("settings.json")], "{files:?}");
    let (settings, problem) = stakegraph::ui::Settings::load(&files[0]);
    assert_eq!(problem, None);
    assert!(settings.window_size.is_some(), "{settings:?}");
    assert_eq!(settings.export_directory.as_deref(), Some(home.path()));
}

#[test]
fn opening_a_file_from_the_command_line_offers_it_again_next_time() {
    let Some(xvfb) = start_xvfb() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let article = sahel_talks(home.path());
    run_app(
        &xvfb,
        home.path(),
        &["open".as_ref(), article.as_os_str()],
        40,
    );
    let path = home
        .path()
        .join("config")
        .join("stakegraph")
        .join("settings.json");
    let (settings, problem) = stakegraph::ui::Settings::load(&path);
    assert_eq!(problem, None);
    assert_eq!(settings.recent_file.as_deref(), Some(article.as_path()));
}

/// A copy of a gold text in `home`, to open as a user's file.
fn sahel_talks(home: &std::path::Path) -> PathBuf {
    let article = home.join("sahel-talks.txt");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gold/sahel-talks.txt"),
        &article,
    )
    .unwrap();
    article
}

fn walk(directory: &std::path::Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(directory).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn the_desktop_entrys_command_opens_a_file_in_the_window_and_reports_a_bad_one_there() {
    let Some(xvfb) = start_xvfb() else {
        return;
    };
    // A good file: opened through the window's own loading, then offered again next time.
    let home = tempfile::tempdir().unwrap();
    let article = sahel_talks(home.path());
    let flag: &std::ffi::OsStr = "--report-in-window".as_ref();
    // From the menu, the launcher's %f is no file at all: the bundled article opens.
    let menu = tempfile::tempdir().unwrap();
    run_app(&xvfb, menu.path(), &["open".as_ref(), flag], 20);
    run_app(
        &xvfb,
        home.path(),
        &["open".as_ref(), flag, article.as_os_str()],
        60,
    );
    let settings = home.path().join("config/stakegraph/settings.json");
    let (settings, problem) = stakegraph::ui::Settings::load(&settings);
    assert_eq!(problem, None);
    assert_eq!(settings.recent_file.as_deref(), Some(article.as_path()));

    // A bad file: the window opens all the same, on an empty graph named after the file (where
    // a launcher's user can see the problem), nothing is said on standard error, and the file
    // is not offered again.
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.json");
    std::fs::write(&bad, r#"{"format": "stakegraph/1", "title": 3}"#).unwrap();
    let stderr = run_app(
        &xvfb,
        home.path(),
        &["open".as_ref(), flag, bad.as_os_str()],
        40,
    );
    // (The system's libraries may say things of their own, such as libwayland-client's
    // XDG_RUNTIME_DIR; what stakegraph would say names the file.)
    assert!(!stderr.contains("bad.json"), "{stderr}");
    let settings = home.path().join("config/stakegraph/settings.json");
    let (settings, _) = stakegraph::ui::Settings::load(&settings);
    assert_eq!(settings.recent_file, None);
}
