//! `cargo bench --bench idle`: CPU time the real window uses while nothing moves. Starts the
//! release binary under Xvfb on the bundled graph and on a generated 10,000-entity graph,
//! waits until its layout has settled (the app says so on standard error), then reads the
//! process's CPU time (user + system, from /proc) over 20 idle seconds. One line a graph.
//! Linux only; needs Xvfb and a graphics adapter (Mesa's lavapipe will do).

#[path = "../tests/support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const IDLE: Duration = Duration::from_secs(20);

fn main() {
    let display = ":97";
    let Some(mut server) = support::bench_xvfb("idle", display, "1600x1000") else {
        return;
    };
    let folder = tempfile::tempdir().expect("a temporary folder");
    let big = folder.path().join("big.json");
    let dataset = stakegraph::generate::generate(stakegraph::generate::GenerateOptions {
        entities: 10_000,
        relations: 20_000,
        seed: 1,
    });
    std::fs::write(&big, stakegraph::format::to_canonical_json(&dataset)).expect("written");
    for (case, file) in [("bundled", None), ("generated-10000", Some(big.as_path()))] {
        measure(case, file, display, folder.path());
    }
    let _ = server.kill();
    let _ = server.wait();
}

fn measure(case: &str, file: Option<&Path>, display: &str, home: &Path) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stakegraph"));
    if let Some(file) = file {
        command.arg("open").arg(file);
    }
    let mut app = command
        .env("DISPLAY", display)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(case))
        .env_remove("WAYLAND_DISPLAY")
        .env("STAKEGRAPH_SAY_SETTLED", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let started = Instant::now();
    let settled = wait_until_settled(&mut app);
    let settle_seconds = started.elapsed().as_secs_f64();
    // A moment for the fit and the last frames after settling.
    std::thread::sleep(Duration::from_secs(2));
    let before = cpu_seconds(app.id());
    std::thread::sleep(IDLE);
    let after = cpu_seconds(app.id());
    let _ = app.kill();
    let _ = app.wait();
    match (settled, before, after) {
        (true, Some(before), Some(after)) => println!(
            "idle case={case} settle_seconds={settle_seconds:.1} idle_seconds={} cpu_seconds={:.2}",
            IDLE.as_secs(),
            after - before
        ),
        _ => println!("idle case={case} failed: the app did not settle or could not be measured"),
    }
}

/// Reads the app's standard error until it says the layout settled (at most two minutes).
fn wait_until_settled(app: &mut Child) -> bool {
    let Some(stderr) = app.stderr.take() else {
        return false;
    };
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("layout settled") {
                let _ = send.send(());
            }
        }
    });
    receive.recv_timeout(Duration::from_secs(120)).is_ok()
}

/// User plus system CPU time of process `pid` so far, in seconds.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    let per_second = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse::<f64>().ok())
        .unwrap_or(100.0);
    Some(ticks / per_second)
}
