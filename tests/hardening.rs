//! Bad input and faults: the fuzz seeds (with every input the fuzzers found) replayed through
//! the fuzz targets' checks, and one test for each class of bad input in ARCHITECTURE.md.

use std::path::{Path, PathBuf};

use stakegraph::export::{self, PictureOptions};
use stakegraph::files::{self, Source};
use stakegraph::{batch, extract, format};

/// What a seed must give: `Ok(())` when it loads, `Err(message)` when it is refused with an
/// error that says `message`.
type Expected = Result<(), &'static str>;

/// The seeds of fuzz target `target`, each with its bytes and what it must give, after
/// checking that the folder holds exactly the seeds `expected` names (so a new seed is
/// classified, and a missing one noticed).
fn seeds(target: &str, expected: &[(&str, Expected)]) -> Vec<(PathBuf, Vec<u8>, Expected)> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut names: Vec<String> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("{}: {error}", directory.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut named: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    named.sort_unstable();
    assert_eq!(names, named, "the seeds in {}", directory.display());
    expected
        .iter()
        .map(|&(name, expected)| {
            let path = directory.join(name);
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes, expected)
        })
        .collect()
}

/// What `fuzz/fuzz_targets/dataset.rs` checks, on seeds that must load or be refused.
#[test]
fn dataset_seeds_load_round_trip_and_render() {
    let expected = [
        ("bundled.json", Ok(())),
        ("empty.json", Ok(())),
        ("small.json", Ok(())),
        ("reviewed.json", Ok(())),
        ("invalid.json", Err("unknown entity kind \"government\"")),
    ];
    for (path, bytes, expected) in seeds("dataset", &expected) {
        let name = path.display();
        let loaded = match (format::parse_bytes(&bytes), expected) {
            (Ok(loaded), Ok(())) => loaded,
            (Err(invalid), Err(message)) => {
                let errors: Vec<String> = invalid.errors.iter().map(ToString::to_string).collect();
                assert!(
                    errors.iter().any(|error| error.contains(message)),
                    "{name}: {message:?} not in {errors:?}"
                );
                continue;
            }
            (Ok(_), Err(message)) => panic!("{name} loaded; it should say {message:?}"),
            (Err(invalid), Ok(())) => panic!("{name} did not load: {:?}", invalid.errors),
        };
        let json = format::to_canonical_json(&loaded.dataset);
        let again = format::parse_str(&json).unwrap();
        let json_again = format::to_canonical_json(&again.dataset);
        assert_eq!(json_again, json, "{name}");
        let scene = export::picture(&loaded.dataset, &PictureOptions::default()).unwrap();
        assert!(export::to_svg(&scene).contains("</svg>"), "{name}");
    }
}

/// What `fuzz/fuzz_targets/article.rs` checks: every article seed is read (none is refused)
/// and extracts to a valid dataset.
#[test]
fn article_seeds_extract_to_valid_datasets() {
    let expected = [
        "eu-summit.txt",
        "found-camp-without-name.txt",
        "found-wide-space-before-period.txt",
        "gulf-pact.txt",
        "korea-talks.txt",
        "libya.txt",
        "sahel-talks.txt",
        "short.txt",
        "sudan-fighting.txt",
        "two-khans.txt",
        "ukraine-aid.txt",
        "venezuela-recognition.txt",
    ]
    .map(|name| (name, Ok(())));
    for (path, bytes, _) in seeds("article", &expected) {
        let article = files::article_from_bytes(&Source::Stdin, bytes)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let dataset = extract::extract(std::slice::from_ref(&article), None);
        if let Err(invalid) = files::checked(dataset) {
            panic!("{}: {:?}", path.display(), invalid.errors);
        }
    }
}

/// What `fuzz/fuzz_targets/jsonl.rs` checks: the batch seed's articles extract, and each of
/// its bad lines gives an error object saying why, in its place.
#[test]
fn jsonl_seeds_give_a_line_for_every_line() {
    // By output line: the seed's line 6 is blank and gives none.
    let by_line: [Expected; 6] = [
        Ok(()),
        Ok(()),
        Ok(()),
        Err("the text is empty"),
        Err("not an article object"),
        Ok(()),
    ];
    for (path, bytes, _) in seeds("jsonl", &[("batch.jsonl", Ok(()))]) {
        let mut output = Vec::new();
        let summary = batch::extract_lines(bytes.as_slice(), &mut output).unwrap();
        let text = String::from_utf8(output).unwrap();
        assert!(!text.contains("the extracted dataset is invalid"), "{text}");
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(lines.len(), by_line.len(), "{}: {text}", path.display());
        for (line, expected) in lines.iter().zip(by_line) {
            match expected {
                Ok(()) => assert_eq!(line["format"], "stakegraph/1", "{line}"),
                Err(message) => assert!(
                    line["error"].as_str().is_some_and(|e| e.contains(message)),
                    "{message:?} not in {line}"
                ),
            }
        }
        assert_eq!((summary.extracted, summary.failed), (4, 2));
    }
}

fn stakegraph(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_stakegraph"))
        .args(args)
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap()
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A dataset whose list `key` is `items`, the rest empty.
fn dataset_with(key: &str, items: &str) -> String {
    let mut lists = serde_json::json!({
        "format": "stakegraph/1", "title": "t", "documents": [], "entities": [], "relations": []
    });
    lists[key] = serde_json::json!("ITEMS");
    lists.to_string().replace("\"ITEMS\"", items)
}

/// Reads a dataset whose list `key` is `items` and checks that an error says `message`.
#[track_caller]
fn assert_refused(key: &str, items: &str, message: &str) {
    let errors = errors_of(&dataset_with(key, items));
    let shown = &errors[..errors.len().min(5)];
    assert!(
        errors.iter().any(|e| e.contains(message)),
        "{message:?} not in {shown:?}"
    );
}

fn errors_of(input: &str) -> Vec<String> {
    let invalid = format::parse_str(input).unwrap_err();
    invalid.errors.iter().map(ToString::to_string).collect()
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("huge.json");
    // A sparse file: 300 MiB to the file system, no disk and no time to make.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(300 << 20).unwrap();
    let output = stakegraph(&["validate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("is too large to open: 300.0 MiB, over the limit of 256 MiB"),
        "{stderr}"
    );
    // Refused by its size: the loader reports the bytes it has read after every chunk, and
    // reports none.
    let read = std::cell::Cell::new(0u64);
    let error =
        files::load_reporting(&Source::File(path), &|_, done, _| read.set(done)).unwrap_err();
    assert!(
        matches!(error, files::LoadError::TooLarge { .. }),
        "{error}"
    );
    assert_eq!(read.get(), 0, "bytes were read");
}

#[test]
fn lists_longer_than_the_limits_are_refused_without_reading_their_items() {
    let cases = [
        (
            "entities",
            100_001,
            "100,001 entities: stakegraph reads at most 100,000",
        ),
        (
            "relations",
            200_001,
            "200,001 relations: stakegraph reads at most 200,000",
        ),
        (
            "documents",
            10_001,
            "10,001 documents: stakegraph reads at most 10,000",
        ),
    ];
    for (key, count, message) in cases {
        let items = format!("[{}]", vec!["{}"; count].join(","));
        let errors = errors_of(&dataset_with(key, &items));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains(message), "{errors:?}");
    }
}

#[test]
fn too_many_fields_quotes_or_aliases_are_refused() {
    let fields: Vec<String> = (0..150).map(|i| format!("\"k{i}\": 0")).collect();
    let entity = format!("[{{{}}}]", fields.join(","));
    assert_refused("entities", &entity, "150 fields: an object has at most 100");

    let aliases = vec!["\"a\""; 1_001].join(",");
    let entity =
        format!(r#"[{{"id": "a", "name": "A", "kind": "country", "aliases": [{aliases}]}}]"#);
    assert_refused(
        "entities",
        &entity,
        "1,001 aliases: an entity has at most 1,000",
    );

    let quote = r#"{"document": "d", "start": 0, "end": 1, "quote": "a"}"#;
    let evidence = vec![quote; 10_001].join(",");
    let relation = format!(
        r#"[{{"id": "r", "source": "a", "target": "a", "kind": "meets", "evidence": [{evidence}]}}]"#
    );
    assert_refused(
        "relations",
        &relation,
        "10,001 quotes: a relation has at most 10,000",
    );

    // Within the limit for each entity, over it for the dataset (quotes count the same way).
    let aliases = vec!["\"a\""; 1_000].join(",");
    let entities: Vec<String> = (0..501)
        .map(|i| {
            format!(r#"{{"id": "e{i}", "name": "E", "kind": "country", "aliases": [{aliases}]}}"#)
        })
        .collect();
    let over = "more than 500,000 aliases in all: stakegraph reads at most that many";
    assert_refused("entities", &format!("[{}]", entities.join(",")), over);
}

#[test]
fn hundreds_of_thousands_of_problems_are_counted_not_listed() {
    // 100,000 empty entities: each lacks an id, a name and a kind.
    let items = format!("[{}]", vec!["{}"; 100_000].join(","));
    let invalid = format::parse_str(&dataset_with("entities", &items)).unwrap_err();
    assert_eq!(invalid.errors.len(), format::MOST_PROBLEMS + 1);
    let last = invalid.errors.last().unwrap().to_string();
    let more: usize = last
        .strip_prefix("and ")
        .and_then(|rest| rest.strip_suffix(" more errors, not listed"))
        .map(|count| count.replace(',', "").parse().unwrap())
        .unwrap_or_else(|| panic!("{last}"));
    assert!(more + format::MOST_PROBLEMS >= 300_000, "{last}");
}

#[test]
fn deep_nesting_anywhere_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for key in ["documents", "entities", "relations"] {
        let errors = errors_of(&dataset_with(key, &format!("[{deep}]")));
        assert!(!errors.is_empty());
    }
    let entity = format!(r#"[{{"id": "a", "name": "A", "kind": "country", "aliases": {deep}}}]"#);
    assert!(!errors_of(&dataset_with("entities", &entity)).is_empty());
    // The same as a JSONL line: an error line, not a crash.
    let line = format!("{{\"text\": {deep}}}\n");
    let mut output = Vec::new();
    let summary = batch::extract_lines(line.as_bytes(), &mut output).unwrap();
    assert_eq!((summary.extracted, summary.failed), (0, 1));
}

#[test]
fn a_huge_string_loads_in_bounded_time() {
    let text = "a".repeat(64 << 20);
    let input = dataset_with(
        "documents",
        &format!(r#"[{{"id": "d", "text": "{text}"}}]"#),
    );
    let loaded = format::parse_str(&input).unwrap();
    assert_eq!(loaded.dataset.documents[0].text.len(), 64 << 20);
}

/// A folder this process cannot create files in, for as long as it lives: by its mode, or,
/// for root (whom modes do not stop), by the immutable attribute. `None` where neither can
/// be had, which fails the test under CI.
struct ReadOnlyFolder {
    path: PathBuf,
    immutable: bool,
}

impl ReadOnlyFolder {
    fn new(path: &Path) -> Option<Self> {
        use std::os::unix::fs::PermissionsExt;
        let writable = || {
            let probe = path.join(".probe");
            let created = std::fs::File::create(&probe).is_ok();
            let _ = std::fs::remove_file(&probe);
            created
        };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).unwrap();
        let mut folder = Self {
            path: path.to_owned(),
            immutable: false,
        };
        if !writable() {
            return Some(folder);
        }
        folder.immutable = std::process::Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .is_ok_and(|status| status.success());
        if folder.immutable && !writable() {
            return Some(folder);
        }
        skip("cannot make a read-only folder here (running as root without chattr)");
        None
    }
}

/// Says why a test skips, and fails it instead under `CI=true`, where nothing may skip.
fn skip(why: &str) {
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
    eprintln!("skipped: {why}");
}

impl Drop for ReadOnlyFolder {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.path)
                .status();
        }
        let _ = std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn every_write_into_a_read_only_folder_fails_cleanly_and_keeps_the_old_file() {
    let directory = tempfile::tempdir().unwrap();
    let article = directory.path().join("article.txt");
    std::fs::write(&article, "Turkey backs the government in Tripoli.").unwrap();
    let folder = directory.path().join("reports");
    std::fs::create_dir(&folder).unwrap();
    let outputs = ["graph.json", "graph.png", "graph.svg", "extracted.json"];
    for name in outputs {
        std::fs::write(folder.join(name), format!("the old {name}")).unwrap();
    }
    let Some(_read_only) = ReadOnlyFolder::new(&folder) else {
        return;
    };
    let out = |name: &str| folder.join(name).to_str().unwrap().to_owned();
    let commands: [Vec<String>; 4] = [
        vec!["export-json".into(), "-o".into(), out("graph.json")],
        vec!["export-png".into(), "-o".into(), out("graph.png")],
        vec!["export-svg".into(), "-o".into(), out("graph.svg")],
        vec![
            "extract".into(),
            article.to_str().unwrap().into(),
            "-o".into(),
            out("extracted.json"),
        ],
    ];
    for (command, name) in commands.iter().zip(outputs) {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let output = stakegraph(&args);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{command:?}: {stderr}");
        assert!(stderr.contains("cannot write"), "{command:?}: {stderr}");
        let kept = std::fs::read_to_string(folder.join(name)).unwrap();
        assert_eq!(kept, format!("the old {name}"), "{command:?}");
    }
    let left: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(left.len(), outputs.len(), "files were left behind");
}

#[test]
fn every_write_replaces_an_existing_file_whole() {
    let directory = tempfile::tempdir().unwrap();
    let article = directory.path().join("article.txt");
    std::fs::write(&article, "Turkey backs the government in Tripoli.").unwrap();
    let long = "an old file much longer than anything written over it ".repeat(100_000);
    let cases: [(&str, &[&str]); 4] = [
        ("graph.json", &["export-json"]),
        ("graph.png", &["export-png"]),
        ("graph.svg", &["export-svg"]),
        ("extracted.json", &["extract", article.to_str().unwrap()]),
    ];
    for (name, command) in cases {
        let path = directory.path().join(name);
        std::fs::write(&path, &long).unwrap();
        let mut args = command.to_vec();
        args.extend(["-o", path.to_str().unwrap()]);
        let output = stakegraph(&args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr_of(&output)
        );
        let written = std::fs::read(&path).unwrap();
        assert!(
            written.len() < long.len(),
            "{name} kept a tail of the old file"
        );
        match name.rsplit('.').next() {
            Some("png") => assert!(written.starts_with(b"\x89PNG")),
            Some("svg") => assert!(
                String::from_utf8(written)
                    .unwrap()
                    .trim_end()
                    .ends_with("</svg>")
            ),
            _ => {
                format::parse_bytes(&written).unwrap();
            }
        }
    }
    let names: Vec<_> = std::fs::read_dir(directory.path()).unwrap().collect();
    assert_eq!(
        names.len(),
        cases.len() + 1,
        "a temporary file was left behind"
    );
}

#[test]
fn a_full_disk_on_standard_output_is_an_error_not_a_crash() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        skip("no /dev/full here to fill standard output");
        return;
    };
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_stakegraph"))
        .arg("export-json")
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("No space left on device"), "{stderr}");
}

#[cfg(feature = "gui")]
#[test]
fn settings_are_saved_atomically_and_a_bad_settings_file_gives_the_defaults() {
    use stakegraph::scene::Theme;
    use stakegraph::ui::Settings;

    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("stakegraph").join("settings.json");
    // No file yet: the defaults, silently; saving makes the folder.
    assert_eq!(Settings::load(&path), (Settings::default(), None));
    let settings = Settings {
        theme: Theme::Light,
        window_size: Some([900.0, 700.0]),
        recent_file: Some(PathBuf::from("/data/libya.json")),
        ..Settings::default()
    };
    settings.save(&path).unwrap();
    assert_eq!(Settings::load(&path), (settings.clone(), None));

    // A damaged file: the defaults, and a message naming it.
    std::fs::write(&path, "{\"theme\": \"Light\", \"window_si").unwrap();
    let (loaded, message) = Settings::load(&path);
    assert_eq!(loaded, Settings::default());
    let message = message.unwrap();
    assert!(
        message.contains("settings.json is not a settings file"),
        "{message}"
    );

    // A folder that cannot be written: an error, and the file as it was.
    settings.save(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let Some(_read_only) = ReadOnlyFolder::new(path.parent().unwrap()) else {
        return;
    };
    let changed = Settings {
        theme: Theme::Dark,
        ..settings
    };
    let error = changed.save(&path).unwrap_err();
    assert!(error.contains("cannot write"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Names, ids, titles and URLs are only ever text: exporting a dataset full of paths and
/// shell commands writes the one file asked for and nothing else, anywhere.
#[test]
fn nothing_in_a_dataset_is_taken_as_a_path_or_a_command() {
    let directory = tempfile::tempdir().unwrap();
    let trap = directory.path().join("trap");
    let trap_text = trap.to_str().unwrap();
    let text = format!("{trap_text} backs $(touch {trap_text}).");
    let quote_end = text.len() - 1;
    let json = serde_json::json!({
        "format": "stakegraph/1",
        "title": trap_text,
        "documents": [{"id": "../../d", "text": text, "url": format!("file://{trap_text}"),
            "source": format!("`touch {trap_text}`")}],
        "entities": [
            {"id": "../a", "name": trap_text, "kind": "country"},
            {"id": "/b", "name": format!("$(touch {trap_text})"), "kind": "person"}
        ],
        "relations": [{"id": trap_text, "source": "../a", "target": "/b", "kind": "supports",
            "evidence": [{"document": "../../d", "start": 0, "end": quote_end,
                "quote": &text[..quote_end]}]}]
    });
    let dataset = directory.path().join("dataset.json");
    std::fs::write(&dataset, json.to_string()).unwrap();
    let out = directory.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for (command, name) in [
        ("export-png", "graph.png"),
        ("export-svg", "graph.svg"),
        ("export-json", "graph.json"),
    ] {
        let path = out.join(name);
        let args = [
            command,
            dataset.to_str().unwrap(),
            "-o",
            path.to_str().unwrap(),
        ];
        let output = stakegraph(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    }
    let written: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(written.len(), 3);
    assert!(
        !trap.exists(),
        "something in the dataset was run or written to"
    );
    let listing: Vec<_> = std::fs::read_dir(directory.path()).unwrap().collect();
    assert_eq!(listing.len(), 2, "only the dataset and the output folder");
}
