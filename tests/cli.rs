//! The real `stakegraph` binary: what each command prints and the exit code it ends with.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use stakegraph::bundled;

fn stakegraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stakegraph"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stakegraph"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// `line:column` (from 1, columns in characters) of the first `needle` in `text`.
fn position_of(text: &str, needle: &str) -> String {
    let at = text.find(needle).expect("needle present");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    format!("{line}:{}", text[line_start..at].chars().count() + 1)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A file in a fresh temporary directory, kept alive with the directory.
fn file(contents: &str) -> (tempfile::TempDir, String) {
    named_file("dataset.json", contents)
}

/// `file`, with a name of its own.
fn named_file(name: &str, contents: &str) -> (tempfile::TempDir, String) {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join(name);
    std::fs::write(&path, contents).unwrap();
    (directory, path.to_str().unwrap().to_owned())
}

#[test]
fn validate_prints_one_summary_line_for_the_bundled_dataset() {
    let output = stakegraph(&["validate"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "<bundled dataset>: valid: 1 document, 30 entities, 56 relations, 73 quotes, 0 warnings\n"
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn validate_reports_every_error_with_file_line_and_column_and_exits_2() {
    let broken = bundled::DATASET_JSON
        .replacen("\"kind\": \"country\"", "\"kind\": \"nation\"", 1)
        .replacen("\"kind\": \"supports\"", "\"kind\": \"backs\"", 1);
    let (_directory, path) = file(&broken);
    let output = stakegraph(&["validate", &path]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let stderr = stderr(&output);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].starts_with("error: entity \"britain\" kind: unknown entity kind \"nation\""));
    let position = position_of(&broken, "\"nation\"");
    assert!(
        lines[0].ends_with(&format!("(at {path}:{position})")),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with(
        "error: relation \"egypt-supports-eastern-forces\" kind: unknown relation kind \"backs\""
    ));
    assert_eq!(lines[2], format!("{path}: 2 errors, 0 warnings"));
}

#[test]
fn validate_says_when_it_extracted_from_an_article_first() {
    let (_directory, path) = named_file("article.txt", "Egypt condemned Turkey.\n");
    let output = stakegraph(&["validate", &path]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "{path}: extracted from article text: valid: 1 document, 2 entities, 1 relation, \
             1 quote, 0 warnings\n"
        )
    );
}

#[test]
fn validate_names_a_missing_file() {
    let output = stakegraph(&["validate", "/no/such/dataset.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: cannot read /no/such/dataset.json: No such file"));
}

#[test]
fn validate_reads_standard_input_as_dash() {
    let output = with_stdin(&["validate", "-"], bundled::DATASET_JSON.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("<stdin>: valid: 1 document"));
    let output = with_stdin(&["validate", "-"], b"{\"format\": ");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .starts_with("error: invalid JSON: EOF while parsing a value (at <stdin>:1:")
    );
}

#[test]
fn warnings_go_to_stderr_and_do_not_fail() {
    let lonely = bundled::DATASET_JSON.replacen(
        "\"entities\": [",
        "\"entities\": [\n    {\"id\": \"malta\", \"name\": \"Malta\", \"kind\": \"country\"},",
        1,
    );
    let (_directory, path) = file(&lonely);
    let output = stakegraph(&["validate", &path]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).ends_with("73 quotes, 1 warning\n"));
    assert_eq!(
        stderr(&output),
        format!(
            "warning: entity \"malta\": the entity has no relations (at {path}:{})\n",
            position_of(&lonely, "{\"id\": \"malta\"")
        )
    );
}

#[test]
fn export_json_writes_the_canonical_form_to_stdout_or_atomically_to_a_file() {
    let output = stakegraph(&["export-json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), bundled::DATASET_JSON);

    let directory = tempfile::tempdir().unwrap();
    let first = directory.path().join("first.json");
    let second = directory.path().join("second.json");
    let first_str = first.to_str().unwrap();
    assert!(
        stakegraph(&["export-json", "-o", first_str])
            .status
            .success()
    );
    assert!(
        stakegraph(&[
            "export-json",
            first_str,
            "--output",
            second.to_str().unwrap()
        ])
        .status
        .success()
    );
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    assert_eq!(
        std::fs::read_dir(directory.path()).unwrap().count(),
        2,
        "no temporary files left"
    );
}

#[test]
fn export_json_of_a_bad_file_writes_nothing() {
    let (directory, path) = file("{\"format\": \"stakegraph/1\"}");
    let out = directory.path().join("out.json");
    let output = stakegraph(&["export-json", &path, "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("title: is missing"));
    assert!(!out.exists());
}

#[test]
fn export_json_into_a_missing_directory_fails_clearly_and_keeps_nothing() {
    let directory = tempfile::tempdir().unwrap();
    let out = directory.path().join("missing/out.json");
    let output = stakegraph(&["export-json", "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("does not exist"),
        "{}",
        stderr(&output)
    );
    assert!(!Path::new(&out).exists());
}

#[test]
fn stats_counts_by_kind_and_ranks_the_most_connected() {
    let output = stakegraph(&["stats"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "Turkey and Russia call for a cease-fire in Libya\n1 document, 30 entities"
        )
    );
    assert!(text.contains("\n  country          12\n"), "{text}");
    assert!(
        text.contains("\n  meets             9  diplomatic\n"),
        "{text}"
    );
    let ranking = text.split("Most connected\n").nth(1).unwrap();
    assert!(
        ranking
            .lines()
            .next()
            .unwrap()
            .trim_start()
            .starts_with("Turkey"),
        "{ranking}"
    );
    assert_eq!(ranking.lines().count(), 10);
}

#[test]
fn every_command_has_help_and_bad_arguments_exit_2() {
    let help = stdout(&stakegraph(&["--help"]));
    assert!(help.contains("Exit codes: 0 success, 1 failure"));
    let commands = [
        "open",
        "validate",
        "export-json",
        "export-png",
        "export-svg",
        "generate",
        "extract",
        "stats",
    ];
    for command in commands {
        assert!(
            help.contains(&format!("\n  {command} ")),
            "{command}: {help}"
        );
        let output = stakegraph(&[command, "--help"]);
        assert_eq!(output.status.code(), Some(0), "{command}");
        assert!(stdout(&output).contains("Usage: stakegraph"), "{command}");
    }
    let output = stakegraph(&["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unrecognized subcommand 'frobnicate'"));
}

#[test]
fn help_says_what_a_file_may_be_and_what_each_export_writes() {
    let help = stdout(&stakegraph(&["--help"]));
    assert!(
        help.contains("FILE is a stakegraph/1 JSON dataset or a news article"),
        "{help}"
    );
    assert!(help.contains("which is extracted first"), "{help}");
    let png = stdout(&stakegraph(&["export-png", "--help"]));
    assert!(png.contains("Where to write the PNG"), "{png}");
    for other in ["SVG", "standard output"] {
        assert!(
            !png.contains(other),
            "export-png --help mentions {other}: {png}"
        );
    }
    let svg = stdout(&stakegraph(&["export-svg", "--help"]));
    assert!(
        svg.contains("Where to write the SVG, atomically (default: standard output)"),
        "{svg}"
    );
}

#[test]
fn open_checks_the_file_first() {
    let (_directory, path) = file("not json");
    let output = stakegraph(&["open", &path]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("invalid JSON"));
}

#[test]
fn extract_explain_says_why_each_relation_is_drawn_or_not() {
    let (_directory, path) = named_file(
        "article.txt",
        "Turkey and Russia met in Moscow on Monday. Turkey did not meet Greece.\n\n\
         Egypt condemned the decision.\n",
    );
    let output = stakegraph(&["extract", "--explain", &path]);
    assert!(output.status.success(), "{}", stderr(&output));
    let explained = stdout(&output);
    let expected = [
        "[1] Turkey and Russia met in Moscow on Monday.",
        "    actors: Turkey; Russia; Moscow = Russia",
        "    drawn: Turkey meets Russia, by meets.mutual on \"met\"",
        "    not drawn: \"met\" matches meets.verb, but no actor after it in the clause",
        "[2] Turkey did not meet Greece.",
        "    not drawn: \"meet\" matches meets.verb, but negated",
        "[3] Egypt condemned the decision.",
        "    one actor: no relation between actors here",
        "4 entities, 1 relation; without relations: Greece, Egypt",
    ];
    for line in expected {
        assert!(
            explained.lines().any(|l| l.starts_with(line)),
            "no line {line:?} in\n{explained}"
        );
    }
    assert_eq!(
        stakegraph(&["extract", "--explain", "--jsonl"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn several_articles_over_the_limit_together_are_refused_with_exit_2() {
    // Each under the limit of one extraction, more than it together.
    let directory = tempfile::tempdir().unwrap();
    let sentence = "Turkey backs the government in Tripoli. ";
    let half = sentence.repeat(stakegraph::files::MAX_ARTICLE_BYTES / 2 / sentence.len() + 1);
    let paths: Vec<String> = ["one.txt", "two.txt"]
        .iter()
        .map(|name| {
            let path = directory.path().join(name);
            std::fs::write(&path, &half).unwrap();
            path.display().to_string()
        })
        .collect();
    let out = directory.path().join("out.json");
    let output = stakegraph(&["extract", &paths[0], &paths[1], "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("the 2 articles") && message.contains("over the limit of 32 MiB"),
        "{message}"
    );
    assert!(!out.exists(), "nothing is written");
    // One of them alone is extracted.
    let output = stakegraph(&["extract", &paths[0], "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn the_window_without_a_display_says_so_plainly() {
    // The desktop entry's command with no file, as a menu launch gives it, is no usage error:
    // it opens the bundled article, here refused only for want of a display.
    for args in [&["open", "--report-in-window"][..], &[], &["open"]] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_stakegraph"))
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            message.contains("cannot open the window: there is no display"),
            "{args:?}: {message}"
        );
        assert!(!message.contains(".rs:"), "{message}");
    }
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let version = stdout(&stakegraph(&["--version"]));
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .ok()
            .filter(|output| output.status.success())
            .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    // As build.rs does: only a checkout of this package names its commit.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .canonicalize()
        .ok();
    let ours = git(&["rev-parse", "--show-toplevel"])
        .is_some_and(|top| std::path::Path::new(&top).canonicalize().ok() == root);
    let commit = ours
        .then(|| git(&["rev-parse", "--short=10", "HEAD"]))
        .flatten();
    let expected = format!(
        "stakegraph {} (commit {}, ",
        env!("CARGO_PKG_VERSION"),
        commit.as_deref().unwrap_or("unknown")
    );
    // Outside a git checkout (a source tarball) the commit is "unknown".
    assert!(
        version.starts_with(&expected),
        "{version:?} ≠ {expected:?}…"
    );
    assert!(version.trim_end().ends_with(')'), "{version:?}");
}

#[test]
fn completions_are_written_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _stakegraph"),
        ("zsh", "#compdef stakegraph"),
        ("fish", "complete -c stakegraph"),
    ] {
        let output = stakegraph(&["completions", shell]);
        assert!(output.status.success(), "{shell}");
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("export-png"), "{shell}");
        assert!(
            !script.contains("package-files"),
            "{shell}: a hidden command offered"
        );
    }
    assert_eq!(stakegraph(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn extract_turns_articles_into_a_valid_dataset_with_rules_and_quotes() {
    let directory = tempfile::tempdir().unwrap();
    let first = directory.path().join("first.txt");
    let second = directory.path().join("second.txt");
    std::fs::write(
        &first,
        "Russian President Vladimir Putin met with Turkish President Recep Tayyip Erdogan.\n",
    )
    .unwrap();
    std::fs::write(
        &second,
        "Putin condemned Ukraine. Erdogan did not meet Zelenskyy.\n",
    )
    .unwrap();
    let out = directory.path().join("out.json");
    let output = stakegraph(&[
        "extract",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--title",
        "Two articles",
        "--date",
        "2020-01-08",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json = std::fs::read_to_string(&out).unwrap();
    let loaded = stakegraph::format::parse_str(&json).unwrap();
    let dataset = loaded.dataset;
    assert_eq!(dataset.title, "Two articles");
    assert_eq!(dataset.documents.len(), 2);
    assert_eq!(
        dataset.documents[0].published.as_deref(),
        Some("2020-01-08")
    );
    // The same Putin across both articles.
    let putins: Vec<_> = dataset
        .entities
        .iter()
        .filter(|e| e.name.contains("Putin"))
        .collect();
    assert_eq!(putins.len(), 1);
    let opposes = dataset
        .relations
        .iter()
        .find(|r| r.kind.as_str() == "opposes")
        .expect("Putin condemned Ukraine");
    assert_eq!(opposes.source, putins[0].id);
    assert_eq!(opposes.rule.as_deref(), Some("opposes.verb"));
    assert_eq!(opposes.evidence[0].quote, "Putin condemned Ukraine");
    assert_eq!(opposes.evidence[0].document, "second");
    // "did not meet" is no meeting.
    let meetings: Vec<_> = dataset
        .relations
        .iter()
        .filter(|r| r.kind.as_str() == "meets")
        .collect();
    assert_eq!(meetings.len(), 1, "{meetings:?}");
}

#[test]
fn an_article_is_titled_by_its_headline_else_by_its_file_name() {
    /// The title `extract` (with `args`) and `stats` give the article `text` in article.txt.
    #[track_caller]
    fn check(text: &str, args: &[&str], expected: &str) {
        let (_directory, path) = named_file("article.txt", text);
        let mut extract = vec!["extract", path.as_str()];
        extract.extend(args);
        let output = stakegraph(&extract);
        assert!(output.status.success(), "{}", stderr(&output));
        let dataset = stakegraph::format::parse_str(&stdout(&output))
            .unwrap()
            .dataset;
        assert_eq!(dataset.title, expected, "extract of {text:?}");
        if args.is_empty() {
            // Opening an article (the app's path too) gives the same title: stats prints it.
            let output = stakegraph(&["stats", &path]);
            assert!(output.status.success(), "{}", stderr(&output));
            let first_line = stdout(&output).lines().next().map(str::to_owned);
            assert_eq!(first_line.as_deref(), Some(expected), "stats of {text:?}");
        }
    }
    let story = "Egypt condemned Turkey on Monday.\nQatar backed Libya.\n";
    let headlined = format!("Egypt condemns Turkey\n\n{story}");
    check(&headlined, &[], "Egypt condemns Turkey");
    check(
        &format!("\n  \r\nEgypt condemns Turkey  \r\n{story}"),
        &[],
        "Egypt condemns Turkey",
    );
    check(&headlined, &["--title", "Chosen"], "Chosen");
    // A first line that is a sentence, the whole text or a paragraph is no headline.
    check(story, &[], "article.txt");
    check("Egypt condemned Turkey\n", &[], "article.txt");
    let paragraph = "Egypt condemned Turkey and Qatar backed Libya, ".repeat(5);
    check(&format!("{paragraph}\n{story}"), &[], "article.txt");
}

#[test]
fn extract_refuses_empty_binary_non_utf8_and_too_long_files_with_exit_2() {
    let directory = tempfile::tempdir().unwrap();
    let sentence = "Turkey backs the government in Tripoli. ";
    let book = sentence.repeat(stakegraph::files::MAX_ARTICLE_BYTES / sentence.len() + 1);
    for (name, bytes, message) in [
        ("empty.txt", &b"  \n\n"[..], "is empty"),
        (
            "book.txt",
            book.as_bytes(),
            "over the limit of 32 MiB; split it into articles (`stakegraph extract --jsonl`",
        ),
        (
            "binary.txt",
            &b"\x7fELF\x02\x01\x01\x00\x00\x00\x00"[..],
            "binary data",
        ),
        (
            "latin1.txt",
            &b"Caf\xe9 talks in Paris\n"[..],
            "not UTF-8 text (byte 0xE9 at offset 3, line 1)",
        ),
    ] {
        let path = directory.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = directory.path().join("out.json");
        let output = stakegraph(&[
            "extract",
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(
            stderr(&output).contains(message),
            "{name}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).contains(name), "the message names the file");
        assert!(!out.exists(), "nothing is written for {name}");
        // `validate` reads .txt as an article too, with the same message.
        let output = stakegraph(&["validate", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{name}");
    }
    let missing = stakegraph(&["extract", "/nonexistent/article.txt"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn extract_handles_a_huge_sentence_without_punctuation() {
    // Two megabytes with no sentence end: cut into pieces, extracted in linear time.
    let text = "Turkey backed Libya and ".repeat(90_000);
    let output = with_stdin(&["extract", "-"], text.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let dataset = stakegraph::format::parse_str(&stdout(&output))
        .unwrap()
        .dataset;
    assert!(
        dataset
            .relations
            .iter()
            .any(|r| r.kind.as_str() == "supports")
    );
}

#[test]
fn extract_jsonl_streams_one_dataset_a_line() {
    let input = concat!(
        r#"{"id": "one", "text": "Egypt condemned Turkey."}"#,
        "\n",
        r#"{"text": 5}"#,
        "\n",
        r#"{"text": "Qatar backed Libya."}"#,
        "\n"
    );
    let output = with_stdin(&["extract", "--jsonl"], input.as_bytes());
    assert_eq!(
        output.status.code(),
        Some(2),
        "a bad line makes the exit code 2"
    );
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["relations"][0]["kind"], "opposes");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[2]["relations"][0]["kind"], "supports");
    assert!(stderr(&output).contains("1 of 3 lines"));
}

/// A folder with the articles of the `extract --into` tests and `curated.json`, the dataset
/// the extractor drew from the first, with the edit `curate` makes to its relation "Egypt
/// condemned Turkey" (given its id), if any.
struct Curated {
    directory: tempfile::TempDir,
}

const FIRST: &str = "Egypt condemned Turkey. Qatar backed Libya.\n";
const SECOND: &str = "Again, Egypt condemned Turkey. Prime Minister Jon Toth met Qatar.\n";

impl Curated {
    fn new(curate: impl FnOnce(String) -> Option<stakegraph::edit::Edit>) -> Self {
        let directory = tempfile::tempdir().unwrap();
        std::fs::write(directory.path().join("first.txt"), FIRST).unwrap();
        std::fs::write(directory.path().join("second.txt"), SECOND).unwrap();
        let curated = Self { directory };
        let output = stakegraph(&["extract", &curated.path("first.txt")]);
        assert!(output.status.success(), "{}", stderr(&output));
        let mut dataset = stakegraph::format::parse_str(&stdout(&output))
            .unwrap()
            .dataset;
        let condemned = relation_between(&dataset, "egypt", "turkey").unwrap();
        if let Some(edit) = curate(condemned.id.clone()) {
            edit.apply(&mut dataset).unwrap();
        }
        let json = stakegraph::format::to_canonical_json(&dataset);
        std::fs::write(curated.path("curated.json"), json).unwrap();
        curated
    }

    fn path(&self, name: &str) -> String {
        self.directory
            .path()
            .join(name)
            .to_str()
            .unwrap()
            .to_owned()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    fn dataset(&self, name: &str) -> stakegraph::model::Dataset {
        stakegraph::format::parse_str(&self.read(name))
            .unwrap()
            .dataset
    }

    /// `stakegraph extract --into curated.json` with `args`, where a name with a dot is a file
    /// in the folder.
    fn extract_into(&self, args: &[&str]) -> Output {
        let mut command = vec![
            "extract".to_owned(),
            "--into".to_owned(),
            self.path("curated.json"),
        ];
        for arg in args {
            command.push(match arg.contains('.') {
                true => self.path(arg),
                false => (*arg).to_owned(),
            });
        }
        let command: Vec<&str> = command.iter().map(String::as_str).collect();
        stakegraph(&command)
    }
}

/// The relation from `source` to `target`.
fn relation_between<'a>(
    dataset: &'a stakegraph::model::Dataset,
    source: &str,
    target: &str,
) -> Option<&'a stakegraph::model::Relation> {
    dataset
        .relations
        .iter()
        .find(|r| r.source == source && r.target == target)
}

#[test]
fn extract_into_adds_what_the_dataset_lacks_and_the_second_time_nothing() {
    let curated = Curated::new(|_| None);
    let path = curated.path("curated.json");
    let output = curated.extract_into(&["first.txt", "second.txt"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        format!(
            "added 2 suggestions to {path}: 1 document, 1 entity, 1 relation, 1 quote on \
             existing relations; 0 left out as rejected, 2 already there\n"
        )
    );
    let once = curated.read("curated.json");
    let output = curated.extract_into(&["first.txt", "second.txt"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "added 0 suggestions to {path}: 0 documents, 0 entities, 0 relations, 0 quotes on \
             existing relations; 0 left out as rejected, 4 already there\n"
        )
    );
    assert_eq!(curated.read("curated.json"), once, "the same bytes");
    assert_eq!(
        std::fs::read_dir(curated.directory.path()).unwrap().count(),
        3,
        "no temporary files left"
    );
}

#[test]
fn extract_into_leaves_a_rejected_suggestion_out() {
    let curated = Curated::new(|id| Some(stakegraph::edit::Edit::Reject(id)));
    let before = curated.read("curated.json");
    let output = curated.extract_into(&["first.txt", "second.txt", "-o", "out.json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("; 1 left out as rejected, 1 already there\n"),
        "{}",
        stderr(&output)
    );
    let out = curated.dataset("out.json");
    let condemned = relation_between(&out, "egypt", "turkey").expect("from the second article");
    let documents: Vec<&str> = condemned
        .evidence
        .iter()
        .map(|e| e.document.as_str())
        .collect();
    assert_eq!(documents, ["second"], "not the rejected quote of the first");
    assert_eq!(out.rejected, curated.dataset("curated.json").rejected);
    assert_eq!(
        curated.read("curated.json"),
        before,
        "--output leaves DATASET alone"
    );
}

#[test]
fn extract_into_keeps_accepted_quotes_accepted_and_adds_new_ones_as_suggestions() {
    use stakegraph::model::Review;
    let curated = Curated::new(|id| Some(stakegraph::edit::Edit::Accept(id)));
    let output = curated.extract_into(&["second.txt"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let dataset = curated.dataset("curated.json");
    let condemned = relation_between(&dataset, "egypt", "turkey").unwrap();
    let reviews: Vec<(&str, Review)> = condemned
        .evidence
        .iter()
        .map(|e| (e.document.as_str(), e.review))
        .collect();
    assert_eq!(
        reviews,
        [("first", Review::Accepted), ("second", Review::Suggested)]
    );
}

#[test]
fn extract_into_a_bad_dataset_exits_2_naming_it_and_writes_nothing() {
    let curated = Curated::new(|_| None);
    let missing = curated.path("missing.json");
    let output = stakegraph(&["extract", "--into", &missing, &curated.path("first.txt")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(&format!("error: cannot read {missing}: No such file")),
        "{}",
        stderr(&output)
    );
    assert!(!Path::new(&missing).exists());

    let broken =
        curated
            .read("curated.json")
            .replacen("\"kind\": \"country\"", "\"kind\": \"nation\"", 1);
    std::fs::write(curated.path("curated.json"), &broken).unwrap();
    let output = curated.extract_into(&["second.txt"]);
    assert_eq!(output.status.code(), Some(2));
    let path = curated.path("curated.json");
    let message = stderr(&output);
    assert!(
        message.contains("unknown entity kind \"nation\""),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "(at {path}:{})",
            position_of(&broken, "\"nation\"")
        )),
        "{message}"
    );
    assert!(
        message.ends_with(&format!("{path}: 1 error, 0 warnings\n")),
        "{message}"
    );
    assert_eq!(curated.read("curated.json"), broken, "left as it was");

    let article = curated.path("first.txt");
    let output = stakegraph(&["extract", "--into", &article, &curated.path("second.txt")]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error: {article} holds an article, not a dataset: --into takes the stakegraph/1 dataset to add to\n"
        )
    );
    assert_eq!(curated.read("first.txt"), FIRST);
}

#[test]
fn extract_into_is_in_the_help_and_not_for_jsonl() {
    let help = stdout(&stakegraph(&["extract", "--help"]));
    assert!(help.contains("--into <DATASET>"), "{help}");
    assert!(help.contains("what you rejected stays out"), "{help}");
    let output = with_stdin(&["extract", "--jsonl", "--into", "curated.json"], b"");
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("cannot be used with"), "{message}");
    assert!(message.contains("'--into <DATASET>'"), "{message}");
}
