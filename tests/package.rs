//! What the Debian package installs besides the binary, read by the tools a desktop reads it
//! with: the desktop entry by `desktop-file-validate`, the MIME type by shared-mime-info and
//! GLib's `gio` (what GNOME's file manager asks), the man pages by `groff`, the completions by
//! bash, zsh and fish; and the licences of everything compiled into the binary, by `cargo tree`
//! and the `spdx` crate. A tool that is missing is said and its check skipped, except under
//! `CI=true`, where `.ci/run` installs them all and a missing one fails.
//!
//! The package itself is built, installed, run and removed by `packaging/check-deb`, which CI
//! runs after the tests.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use stakegraph::desktop::{APP_ID, MIME_TYPE};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The path of `tool`, or `None` (after saying so) when it is not installed outside CI.
fn tool(tool: &str, package: &str) -> Option<PathBuf> {
    let found = support::find(tool);
    if found.is_none() {
        let why = format!("{tool} is not installed (apt-get install {package})");
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
        eprintln!("skipping: {why}");
    }
    found
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("the tool starts");
    assert!(
        output.status.success(),
        "{command:?}: {}\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The files `stakegraph package-files` writes, in a temporary folder.
fn package_files() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    run(Command::new(env!("CARGO_BIN_EXE_stakegraph"))
        .arg("package-files")
        .arg(folder.path()));
    folder
}

fn desktop_entry() -> String {
    let path = Path::new(ROOT).join(format!("assets/linux/{APP_ID}.desktop"));
    std::fs::read_to_string(path).expect("the desktop entry is named after the app id")
}

fn entry_value<'a>(entry: &'a str, key: &str) -> &'a str {
    entry
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("the desktop entry has no {key}"))
}

#[test]
fn the_desktop_entry_names_the_app_its_icon_and_its_mime_type() {
    let entry = desktop_entry();
    assert_eq!(entry_value(&entry, "Icon"), APP_ID);
    assert_eq!(entry_value(&entry, "StartupWMClass"), APP_ID);
    assert_eq!(
        entry_value(&entry, "MimeType"),
        format!("{MIME_TYPE};"),
        "its own type only, never application/json or text/plain"
    );
    // The command it runs exists and opens a file in the window, or the bundled article
    // when a launcher gives no file.
    let exec = entry_value(&entry, "Exec");
    assert_eq!(exec, "stakegraph open --report-in-window %f");
    let help = run(Command::new(env!("CARGO_BIN_EXE_stakegraph")).args(["open", "--help"]));
    assert!(String::from_utf8_lossy(&help.stdout).contains("--report-in-window"));
    let Some(validate) = tool("desktop-file-validate", "desktop-file-utils") else {
        return;
    };
    let output =
        run(Command::new(validate).arg(Path::new(ROOT).join("assets/linux/stakegraph.desktop")));
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(said.trim().is_empty(), "desktop-file-validate says: {said}");
}

/// `gio`'s content type of `file` with the MIME database `data` (an XDG data folder).
fn content_type(gio: &Path, data: &Path, file: &Path) -> String {
    let output = run(Command::new(gio)
        .args(["info", "-a", "standard::content-type"])
        .arg(file)
        .env("XDG_DATA_HOME", data)
        .env("XDG_DATA_DIRS", "/usr/share"));
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .find_map(|line| line.trim().strip_prefix("standard::content-type: "))
        .unwrap_or_else(|| panic!("no content type in {text}"))
        .to_owned()
}

#[test]
fn a_dataset_is_recognised_by_its_format_field_and_other_json_is_not() {
    let (Some(update), Some(gio)) = (
        tool("update-mime-database", "shared-mime-info"),
        tool("gio", "libglib2.0-bin"),
    ) else {
        return;
    };
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let packages = data.join("mime/packages");
    std::fs::create_dir_all(&packages).unwrap();
    std::fs::copy(
        Path::new(ROOT).join("assets/linux/stakegraph.xml"),
        packages.join("stakegraph.xml"),
    )
    .unwrap();
    run(Command::new(update).arg(data.join("mime")));
    let write = |name: &str, bytes: &[u8]| {
        let path = folder.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    // The bundled dataset as the app writes it (the format field first), and a compact one
    // with the field second under another name: the type is found by content. A desktop
    // sniffs a file's first 4 KiB (GLib reads no more), so that is where it must be; every
    // file stakegraph writes starts with it.
    let bundled = stakegraph::bundled::dataset().unwrap().dataset;
    let canonical = stakegraph::format::to_canonical_json(&bundled);
    assert!(canonical.starts_with("{\n  \"format\": \"stakegraph/1\""));
    let short =
        br#"{"title":"t","format":"stakegraph/1","documents":[],"entities":[],"relations":[]}"#;
    for (name, bytes) in [
        ("libya.json", canonical.as_bytes()),
        ("renamed.data", &short[..]),
    ] {
        let path = write(name, bytes);
        assert_eq!(content_type(&gio, &data, &path), MIME_TYPE, "{name}");
    }
    let other = write("other.json", br#"{"format": "geojson", "features": []}"#);
    assert_eq!(content_type(&gio, &data, &other), "application/json");
    let article = write("article.txt", stakegraph::bundled::ARTICLE.as_bytes());
    assert_eq!(content_type(&gio, &data, &article), "text/plain");
}

#[test]
fn the_man_pages_cover_every_command_and_render_without_warnings() {
    let folder = package_files();
    let man = folder.path().join("man");
    let mut pages: Vec<String> = std::fs::read_dir(&man)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for command in [
        "open",
        "validate",
        "export-json",
        "export-png",
        "export-svg",
        "generate",
        "extract",
        "stats",
        "completions",
    ] {
        assert!(
            pages.contains(&format!("stakegraph-{command}.1")),
            "{command}: {pages:?}"
        );
    }
    assert!(pages.contains(&"stakegraph.1".to_owned()));
    assert!(
        !pages.iter().any(|page| page.contains("package-files")),
        "{pages:?}"
    );
    let Some(groff) = tool("groff", "groff-base") else {
        return;
    };
    for page in &pages {
        let output = run(Command::new(&groff)
            .args(["-man", "-Tutf8", "-ww"])
            .arg(man.join(page)));
        let warnings = String::from_utf8_lossy(&output.stderr);
        assert!(warnings.trim().is_empty(), "{page}: {warnings}");
        // groff writes bold as a letter, a backspace and the letter again.
        let mut text = String::new();
        for c in String::from_utf8_lossy(&output.stdout).chars() {
            if c == '\u{8}' {
                text.pop();
            } else {
                text.push(c);
            }
        }
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION"] {
            assert!(text.contains(section), "{page} has no {section}");
        }
    }
    let main = std::fs::read_to_string(man.join("stakegraph.1")).unwrap();
    // roff writes a hyphen as "\-".
    assert!(
        main.replace("\\-", "-").contains(stakegraph::cli::VERSION),
        "the page names its version and commit"
    );
}

#[test]
fn the_completions_complete_commands_in_bash_zsh_and_fish() {
    let folder = package_files();
    let completions = folder.path().join("completions");
    if let Some(bash) = tool("bash", "bash") {
        let script = completions.join("stakegraph.bash");
        // What bash offers after `stakegraph export-`.
        let output = run(Command::new(bash).arg("-c").arg(format!(
            "source {}; COMP_WORDS=(stakegraph export-); COMP_CWORD=1; \
             _stakegraph stakegraph export- stakegraph; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        )));
        let offered = String::from_utf8_lossy(&output.stdout);
        let mut offered: Vec<&str> = offered.lines().collect();
        offered.sort();
        assert_eq!(offered, ["export-json", "export-png", "export-svg"]);
    }
    if let Some(fish) = tool("fish", "fish") {
        let script = completions.join("stakegraph.fish");
        let output = run(Command::new(fish).arg("-c").arg(format!(
            "source {}; complete -C'stakegraph export-'",
            script.display()
        )));
        let offered = String::from_utf8_lossy(&output.stdout);
        let names: Vec<&str> = offered
            .lines()
            .filter_map(|line| line.split('\t').next())
            .collect();
        for command in ["export-json", "export-png", "export-svg"] {
            assert!(names.contains(&command), "{offered}");
        }
    }
    if let Some(zsh) = tool("zsh", "zsh") {
        // zsh loads it as its completion system does, from a folder on fpath.
        let output = run(Command::new(zsh).args(["-f", "-c"]).arg(format!(
            "fpath=({} $fpath); autoload -Uz compinit; compinit -u -D; \
                 print -r -- $_comps[stakegraph]",
            completions.display()
        )));
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            "_stakegraph"
        );
    }
}

/// The licences under which this package is offered, and those its dependencies may have:
/// each dependency's licence expression must be satisfiable with these.
const ALLOWED: [&str; 13] = [
    "MIT",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Zlib",
    "0BSD",
    "Unlicense",
    "Unicode-3.0",
    "BSL-1.0",
    // egui's default fonts: the Ubuntu font and Noto Emoji.
    "OFL-1.1",
    "Ubuntu-font-1.0",
    "CC0-1.0",
];

#[test]
fn every_crate_in_the_binary_has_a_licence_compatible_with_ours() {
    let manifest = std::fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap();
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    for file in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(Path::new(ROOT).join(file).is_file(), "{file}");
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = run(Command::new(cargo)
        .args([
            "tree",
            "--edges",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}\t{l}",
            "--locked",
            "--offline",
        ])
        .current_dir(ROOT));
    let tree = String::from_utf8_lossy(&output.stdout);
    let mut crates = 0;
    for line in tree.lines().filter(|line| !line.trim().is_empty()) {
        let (name, licence) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("no licence field in {line:?}"));
        let licence = licence.trim_end_matches(" (*)").trim();
        assert!(!licence.is_empty(), "{name} states no licence");
        let expression = spdx::Expression::parse_mode(licence, spdx::ParseMode::LAX)
            .unwrap_or_else(|error| panic!("{name}: {licence:?}: {error}"));
        assert!(
            expression.evaluate(|requirement| {
                requirement
                    .license
                    .id()
                    .is_some_and(|id| ALLOWED.contains(&id.name))
            }),
            "{name} is under {licence}, which is not among {ALLOWED:?}"
        );
        crates += 1;
    }
    assert!(crates > 100, "only {crates} crates in\n{tree}");
}
