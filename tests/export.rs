//! `stakegraph export-png` and `export-svg`: real files from the real binary, with no display.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

use stakegraph::model::EntityKind;
use stakegraph::style;

fn stakegraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stakegraph"))
        .args(args)
        // Proves that no display is needed.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn export_png_draws_a_crisp_picture_of_the_requested_size() {
    let directory = tempfile::tempdir().unwrap();
    let out = directory.path().join("graph.png");
    let output = stakegraph(&[
        "export-png",
        "-o",
        path_str(&out),
        "--width",
        "800",
        "--height",
        "500",
        "--scale",
        "2",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let image = image::open(&out).expect("a valid PNG").to_rgba8();
    assert_eq!(image.dimensions(), (1600, 1000));
    let colours: HashSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    assert!(
        colours.len() > 200,
        "only {} colours: blank?",
        colours.len()
    );
    for kind in [
        EntityKind::Country,
        EntityKind::Person,
        EntityKind::Organization,
    ] {
        let style::Rgb(r, g, b) = style::entity_look(kind).1;
        assert!(
            colours.contains(&[r, g, b, 255]),
            "no {kind:?} colour in the picture"
        );
    }
}

#[test]
fn the_same_input_gives_byte_identical_pictures() {
    let directory = tempfile::tempdir().unwrap();
    let (first, second) = (
        directory.path().join("a.png"),
        directory.path().join("b.png"),
    );
    for out in [&first, &second] {
        let output = stakegraph(&[
            "export-png",
            "-o",
            path_str(out),
            "--focus",
            "Turkey",
            "--theme",
            "dark",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let png = std::fs::read(&first).unwrap();
    let image = image::load_from_memory(&png).expect("a valid PNG");
    assert_eq!((image.width(), image.height()), (1600, 1000));
    assert_eq!(png, std::fs::read(&second).unwrap());
    let svg = |out: &Path| {
        let output = stakegraph(&["export-svg", "-o", path_str(out)]);
        assert!(output.status.success(), "{}", stderr(&output));
        std::fs::read_to_string(out).unwrap()
    };
    let first_svg = svg(&directory.path().join("a.svg"));
    assert!(first_svg.starts_with("<svg"), "{first_svg}");
    assert!(first_svg.trim_end().ends_with("</svg>"), "{first_svg}");
    assert!(
        first_svg.contains(">Turkey and Russia call for a cease-fire in Libya</text>"),
        "the caption is missing: {first_svg}"
    );
    assert_eq!(first_svg, svg(&directory.path().join("b.svg")));
}

#[test]
fn export_svg_keeps_text_as_escaped_text() {
    let directory = tempfile::tempdir().unwrap();
    let dataset = directory.path().join("tricky.json");
    let text = "Acme & <Sons> back \"Bob\".";
    let end = "Acme & <Sons> back \"Bob\"".len();
    let json = serde_json::json!({
        "format": "stakegraph/1", "title": "Tags <b> & \"quotes\"",
        "documents": [{"id": "d", "text": text}],
        "entities": [
            {"id": "acme", "name": "Acme & <Sons>", "kind": "organization"},
            {"id": "bob", "name": "\"Bob\"", "kind": "person"}
        ],
        "relations": [{"id": "r", "source": "acme", "target": "bob", "kind": "supports",
            "evidence": [{"document": "d", "start": 0, "end": end, "quote": &text[..end]}]}]
    });
    std::fs::write(&dataset, json.to_string()).unwrap();
    let output = stakegraph(&["export-svg", path_str(&dataset)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = String::from_utf8(output.stdout).unwrap();
    assert!(svg.contains(">Acme &amp; &lt;Sons&gt;</text>"), "{svg}");
    assert!(svg.contains(">&quot;Bob&quot;</text>"));
    assert!(svg.contains(">Tags &lt;b&gt; &amp; &quot;quotes&quot;</text>"));
    assert!(!svg.contains("<Sons>") && !svg.contains("<b>"));
    // And it renders.
    let out = directory.path().join("tricky.png");
    assert!(
        stakegraph(&["export-png", path_str(&dataset), "-o", path_str(&out)])
            .status
            .success()
    );
}

#[test]
fn a_bad_dataset_gives_exit_2_and_writes_nothing() {
    let directory = tempfile::tempdir().unwrap();
    let bad = directory.path().join("bad.json");
    std::fs::write(&bad, "{\"format\": \"stakegraph/1\", \"title\": []}").unwrap();
    let out = directory.path().join("out.png");
    let output = stakegraph(&["export-png", path_str(&bad), "-o", path_str(&out)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("title: expected a string"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
    let output = stakegraph(&["export-png", "-o", path_str(&out), "--focus", "Atlantis"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no entity \"Atlantis\""));
    let output = stakegraph(&["export-png", "-o", path_str(&out), "--width", "100000"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("too large"));
    assert!(!out.exists());
    let output = stakegraph(&["export-png"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("needs an output file"));
}

#[test]
fn an_output_in_a_missing_directory_is_a_clear_error() {
    let directory = tempfile::tempdir().unwrap();
    let out = directory.path().join("no/such/dir/graph.png");
    let output = stakegraph(&["export-png", "-o", path_str(&out)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("does not exist"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}
