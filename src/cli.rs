//! The command line: `stakegraph [open | validate | export-json | export-png | export-svg |
//! generate | extract | stats | completions | help]`; with no command, the app on the bundled
//! dataset. `man-pages`, hidden, writes the package's man pages from these same definitions.
//!
//! A FILE is a `stakegraph/1` dataset or an article, which is extracted first (`files` tells
//! which); `extract` and `generate` make datasets (`extract --into` adds to a curated one), the
//! others read one.
//!
//! Every command writes its results to stdout and its messages to stderr, and ends with an exit
//! code: 0 when all went well, 2 on bad input (an unreadable or invalid dataset, a wrong
//! argument), 1 on any other failure (an output that cannot be written).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::export::{self, ExportError, PictureOptions};
use crate::extract::Article;
use crate::files::{self, Content, LoadError, Source, WriteError};
use crate::format::{self, Loaded};
use crate::model::{Dataset, plural};
use crate::scene::Theme;
use crate::stats::stats;
use crate::validate::Problem;

/// The version and the commit it was built from (see `build.rs`), for `--version` and the man
/// pages: "0.1.0 (commit 1a2b3c4d5e, 2026-12-01)".
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("STAKEGRAPH_COMMIT"),
    ", ",
    env!("STAKEGRAPH_COMMIT_DATE"),
    ")"
);

/// Exit code for bad input.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code for any other failure.
pub const EXIT_FAILURE: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "stakegraph",
    version = VERSION,
    about = "Who does what to whom in a news article, with the quotes that say so.",
    long_about = "Who does what to whom in a news article, with the quotes that say so.\n\n\
                  With no command, opens the app on the bundled article (AP, 8 January 2020: \
                  Turkey and Russia call for a cease-fire in Libya). The commands open the \
                  app (open), check and count (validate, stats), draw (export-png, \
                  export-svg), rewrite (export-json) and make datasets (extract from \
                  articles, or into a dataset you curate; generate synthetic ones).",
    after_help = "FILE is a stakegraph/1 JSON dataset or a news article (.txt, .md, or any \
                  other file that does not start with `{` or `[`), which is extracted first; \
                  `-` reads standard input; without FILE the bundled dataset is used.\n\
                  Exit codes: 0 success, 1 failure (such as an unwritable output), 2 bad input \
                  (an unreadable or invalid dataset, a wrong argument)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Open the app on a dataset, or on an article (extracted first).
    Open {
        /// The dataset or article to open (default: the bundled dataset, as a desktop
        /// launcher's `stakegraph open %f` gives with no file).
        file: Option<PathBuf>,
        /// Open the window at once and the file in it, so that a file that cannot be opened is
        /// reported in the window, over an empty graph, not on standard error (the desktop
        /// entry's way: launched from a file manager, nobody reads standard error). Without it
        /// such a file ends the command with exit code 2 before any window opens.
        #[arg(long)]
        report_in_window: bool,
    },
    /// Check a dataset, or extract one from an article and check it: one summary line when
    /// valid, every problem on stderr when not.
    Validate {
        /// The dataset or article to check (default: the bundled dataset).
        file: Option<PathBuf>,
    },
    /// Write a dataset in canonical form: stable key order, items sorted by id, pretty-printed.
    ExportJson {
        /// The dataset or article to export (default: the bundled dataset).
        file: Option<PathBuf>,
        /// Where to write it, atomically (default: standard output).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Draw the graph to a PNG file, laid out and framed as the app does, with no display or GPU.
    ExportPng {
        #[command(flatten)]
        picture: PictureArgs,
        /// Where to write the PNG, atomically (required).
        #[arg(short, long, value_name = "OUT.png")]
        output: Option<PathBuf>,
    },
    /// Draw the graph to an SVG file (text kept as text), the same picture as export-png.
    ExportSvg {
        #[command(flatten)]
        picture: PictureArgs,
        /// Where to write the SVG, atomically (default: standard output).
        #[arg(short, long, value_name = "OUT.svg")]
        output: Option<PathBuf>,
    },
    /// Write a synthetic, valid, scale-free dataset, with a generated article as its evidence.
    Generate {
        /// Number of entities.
        #[arg(long, default_value_t = 1000)]
        entities: usize,
        /// Number of relations (at least entities - 1, so every entity has one).
        #[arg(long, default_value_t = 2000)]
        relations: usize,
        /// Seed: the same counts and seed give the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write it, atomically (default: standard output).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Extract a dataset from news article text: actors, typed relations, and the quotes that
    /// state them, each with the rule that found it.
    ///
    /// With --into, the suggestions go into a dataset you have curated instead: only what it
    /// lacks is added, as suggestions to review; nothing in it changes, and what you rejected
    /// stays out, so extracting the same text again adds nothing. One line on stderr says what
    /// was added and what was left out.
    Extract {
        /// UTF-8 article text files; `-` reads standard input. Several make one dataset.
        #[arg(required_unless_present = "jsonl")]
        articles: Vec<PathBuf>,
        /// Where to write the dataset, atomically (default: standard output; with --into, the
        /// DATASET file).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Add the suggestions to this stakegraph/1 dataset and write it back in canonical
        /// form, atomically (or to --output). An article with the text of one of its documents
        /// is that document; an entity with a name or alias of one of its entities is that
        /// entity.
        #[arg(long, value_name = "DATASET", conflicts_with_all = ["jsonl", "title"])]
        into: Option<PathBuf>,
        /// The dataset's title (default: the first article's headline, its first line, else
        /// its file name).
        #[arg(long)]
        title: Option<String>,
        /// The articles' publication date, ideally YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// Batch mode: read JSON Lines from standard input, one article a line
        /// ({"text": ..., "id": ..., "title": ..., "date": ...}), and write one dataset a line to
        /// standard output; a bad line gives {"line": N, "error": ...} and the rest go on.
        #[arg(long, conflicts_with_all = ["articles", "output"])]
        jsonl: bool,
        /// Instead of the dataset, say how each article is read: for each sentence, the actors
        /// and whom each mention stands for, the relations drawn with the rule that drew them,
        /// and each rule whose words matched but drew nothing, with the reason (why an edge is
        /// missing); then the entities without relations.
        #[arg(long, conflicts_with_all = ["jsonl", "into", "title"])]
        explain: bool,
    },
    /// Count entities and relations by kind and list the most connected entities.
    Stats {
        /// The dataset or article to count (default: the bundled dataset).
        file: Option<PathBuf>,
    },
    /// Print the completion script of a shell, for instance
    /// `stakegraph completions bash > ~/.local/share/bash-completion/completions/stakegraph`,
    /// `stakegraph completions zsh > ~/.zfunc/_stakegraph` or
    /// `stakegraph completions fish > ~/.config/fish/completions/stakegraph.fish`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write what a package installs besides the binary and the files in assets/linux into
    /// FOLDER, made from this binary's own definitions: man pages (man/stakegraph.1 and one
    /// for each command), shell completions (completions/) and the PNG icons
    /// (icons/SIZExSIZE/stakegraph.png). For packagers; see `packaging/build-deb`.
    #[command(hide = true)]
    PackageFiles {
        /// Where to write them; created if missing.
        #[arg(value_name = "FOLDER")]
        folder: PathBuf,
    },
}

/// What a picture shows and how, for export-png and export-svg (each has its own output).
#[derive(Debug, clap::Args)]
struct PictureArgs {
    /// The dataset or article to draw (default: the bundled dataset).
    file: Option<PathBuf>,
    /// Width in points.
    #[arg(long, default_value_t = 1600)]
    width: u32,
    /// Height in points.
    #[arg(long, default_value_t = 1000)]
    height: u32,
    /// Pixels a point: 2 for a sharp picture on high-density screens and in print.
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
    /// Highlight this entity (id, name or alias) as a click in the app would.
    #[arg(long, value_name = "ENTITY")]
    focus: Option<String>,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    theme: ThemeArg,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ThemeArg {
    Light,
    Dark,
}

impl PictureArgs {
    fn options(&self) -> PictureOptions {
        PictureOptions {
            width: self.width,
            height: self.height,
            scale: self.scale,
            focus: self.focus.clone(),
            theme: match self.theme {
                ThemeArg::Light => Theme::Light,
                ThemeArg::Dark => Theme::Dark,
            },
        }
    }
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot write to standard output: {0}")]
    Stdout(#[from] io::Error),
    #[error("cannot open the window: {0}")]
    Window(String),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("export-png needs an output file: -o OUT.png")]
    NoOutput,
    #[error("{}", .0)]
    BadLines(crate::batch::Summary),
    #[error("{0} holds an article, not a dataset: --into takes the stakegraph/1 dataset to add to")]
    IntoArticle(String),
    #[error("cannot add the suggestions to {origin}: {refused}")]
    Refused {
        origin: String,
        refused: crate::edit::Refused,
    },
}

/// Runs the command line of this process.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout, usage errors to stderr (exit code 2).
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(EXIT_BAD_INPUT));
        }
    };
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr().lock();
    let result = run(cli.command, &mut stdout, &mut stderr);
    ExitCode::from(finish(result, &mut stderr))
}

/// Turns the outcome of a command into messages and an exit code.
fn finish(result: Result<(), CliError>, stderr: &mut dyn Write) -> u8 {
    let error = match result {
        Ok(()) => return 0,
        Err(error) => error,
    };
    // A closed pipe (`stakegraph stats | head -1`) is the reader's choice, not a failure.
    if let CliError::Stdout(io_error) = &error
        && io_error.kind() == io::ErrorKind::BrokenPipe
    {
        return 0;
    }
    let code = match &error {
        CliError::Load(LoadError::Invalid { origin, invalid }) => {
            let _ = report(origin, &invalid.errors, stderr);
            let _ = report(origin, &invalid.warnings, stderr);
            let _ = writeln!(
                stderr,
                "{origin}: {}, {}",
                plural(invalid.errors.len(), "error"),
                plural(invalid.warnings.len(), "warning")
            );
            return EXIT_BAD_INPUT;
        }
        CliError::Load(
            LoadError::Read { .. }
            | LoadError::NotText { .. }
            | LoadError::TooLarge { .. }
            | LoadError::TooMuchText { .. },
        )
        | CliError::NoOutput
        | CliError::BadLines(_)
        | CliError::IntoArticle(_) => EXIT_BAD_INPUT,
        CliError::Export(ExportError::Render(_)) => EXIT_FAILURE,
        CliError::Export(_) => EXIT_BAD_INPUT,
        // A refused edit would be a bug in `suggestions_into`, not a problem of the input.
        CliError::Write(_)
        | CliError::Stdout(_)
        | CliError::Window(_)
        | CliError::Refused { .. } => EXIT_FAILURE,
    };
    let _ = writeln!(stderr, "error: {error}");
    code
}

fn run(command: Option<Command>, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), CliError> {
    match command {
        None => open(&Source::Bundled, err),
        Some(Command::Open {
            file,
            report_in_window: false,
        }) => open(&Source::from_arg(file.as_deref()), err),
        Some(Command::Open {
            file: Some(file),
            report_in_window: true,
        }) => open_in_window(&file),
        // A launcher's `%f` with no file: the bundled article, as from the menu.
        Some(Command::Open {
            file: None,
            report_in_window: true,
        }) => open(&Source::Bundled, err),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut completed_command(), "stakegraph", out);
            Ok(())
        }
        Some(Command::PackageFiles { folder }) => write_package_files(&folder),
        Some(Command::Validate { file }) => {
            let source = Source::from_arg(file.as_deref());
            let (loaded, content) = load_content(&source, err)?;
            let extracted = match content {
                Content::Dataset => "",
                Content::Article => "extracted from article text: ",
            };
            writeln!(
                out,
                "{}: {extracted}valid: {}, {}",
                source.name(),
                summary(&loaded.dataset),
                plural(loaded.warnings.len(), "warning")
            )?;
            Ok(())
        }
        Some(Command::ExportJson { file, output }) => {
            let loaded = load(&Source::from_arg(file.as_deref()), err)?;
            let json = format::to_canonical_json(&loaded.dataset);
            match output {
                Some(path) => files::write_atomically(&path, json.as_bytes())?,
                None => out.write_all(json.as_bytes())?,
            }
            Ok(())
        }
        Some(Command::ExportPng { picture, output }) => {
            let Some(output) = output else {
                return Err(CliError::NoOutput);
            };
            let loaded = load(&Source::from_arg(picture.file.as_deref()), err)?;
            let options = picture.options();
            let scene = export::picture(&loaded.dataset, &options)?;
            let png = export::to_png(&scene, options.scale)?;
            files::write_atomically(&output, &png)?;
            Ok(())
        }
        Some(Command::ExportSvg { picture, output }) => {
            let loaded = load(&Source::from_arg(picture.file.as_deref()), err)?;
            let svg = export::to_svg(&export::picture(&loaded.dataset, &picture.options())?);
            match output {
                Some(path) => files::write_atomically(&path, svg.as_bytes())?,
                None => out.write_all(svg.as_bytes())?,
            }
            Ok(())
        }
        Some(Command::Generate {
            entities,
            relations,
            seed,
            output,
        }) => {
            let dataset = crate::generate::generate(crate::generate::GenerateOptions {
                entities,
                relations,
                seed,
            });
            let json = format::to_canonical_json(&dataset);
            match output {
                Some(path) => files::write_atomically(&path, json.as_bytes())?,
                None => out.write_all(json.as_bytes())?,
            }
            Ok(())
        }
        Some(Command::Extract {
            articles,
            output,
            into,
            title,
            date,
            jsonl,
            explain,
        }) => {
            if jsonl {
                let stdin = io::stdin().lock();
                let summary = crate::batch::extract_lines(stdin, out)?;
                if summary.failed > 0 {
                    return Err(CliError::BadLines(summary));
                }
                return Ok(());
            }
            let read = read_articles(&articles, date.as_deref())?;
            if explain {
                let mut text = String::new();
                for article in &read {
                    if read.len() > 1 {
                        text.push_str(&format!("== {}\n", article.id));
                    }
                    text.push_str(&crate::extract::explain(article));
                }
                match output {
                    Some(path) => files::write_atomically(&path, text.as_bytes())?,
                    None => out.write_all(text.as_bytes())?,
                }
                return Ok(());
            }
            if let Some(dataset) = into {
                return extract_into(&dataset, &read, output.as_deref(), err);
            }
            let dataset = crate::extract::extract(&read, title.as_deref());
            let loaded = files::checked(dataset).map_err(|invalid| LoadError::Invalid {
                origin: "the extracted dataset".to_owned(),
                invalid,
            })?;
            let json = format::to_canonical_json(&loaded.dataset);
            match output {
                Some(path) => files::write_atomically(&path, json.as_bytes())?,
                None => out.write_all(json.as_bytes())?,
            }
            writeln!(err, "extracted {}", summary(&loaded.dataset))?;
            Ok(())
        }
        Some(Command::Stats { file }) => {
            let loaded = load(&Source::from_arg(file.as_deref()), err)?;
            write_stats(&loaded.dataset, out)?;
            Ok(())
        }
    }
}

/// The articles at `paths`, each with an id of its own, dated `date`; refused when they are
/// more text than one extraction reads.
fn read_articles(paths: &[PathBuf], date: Option<&str>) -> Result<Vec<Article>, CliError> {
    let mut read: Vec<Article> = Vec::with_capacity(paths.len());
    for path in paths {
        let mut article = files::read_article(&Source::from_arg(Some(path)))?;
        article.published = date.map(str::to_owned);
        let base = article.id.clone();
        let mut n = 2;
        while read.iter().any(|a| a.id == article.id) {
            article.id = format!("{base}-{n}");
            n += 1;
        }
        read.push(article);
    }
    let size = read.iter().map(|article| article.text.len()).sum();
    if size > files::MAX_ARTICLE_BYTES {
        let origin = format!("the {}", plural(read.len(), "article"));
        return Err(LoadError::TooMuchText { origin, size }.into());
    }
    Ok(read)
}

/// `extract --into`: adds the suggestions of `articles` to the dataset at `path` and writes
/// the result to `output`, else back to `path`, and says on `err` what was added.
fn extract_into(
    path: &Path,
    articles: &[Article],
    output: Option<&Path>,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    let source = Source::File(path.to_owned());
    let (loaded, content) = files::load_content(&source)?;
    if content == Content::Article {
        return Err(CliError::IntoArticle(source.name()));
    }
    report(&source.name(), &loaded.warnings, err)?;
    let mut dataset = loaded.dataset;
    let suggestions = crate::extract::suggestions_into(&dataset, articles);
    suggestions
        .edit
        .apply(&mut dataset)
        .map_err(|refused| CliError::Refused {
            origin: source.name(),
            refused,
        })?;
    // The edit keeps the dataset valid; checked again all the same, since the file it
    // replaces is the analyst's work.
    let loaded = files::checked(dataset).map_err(|invalid| LoadError::Invalid {
        origin: format!("{} with the suggestions", source.name()),
        invalid,
    })?;
    let written = output.unwrap_or(path);
    let json = format::to_canonical_json(&loaded.dataset);
    files::write_atomically(written, json.as_bytes())?;
    let name = written.display().to_string();
    writeln!(err, "{}", suggestions.counts.describe(&name))?;
    Ok(())
}

/// The command line as shells complete it: without the hidden commands, which the shells'
/// generators would offer all the same.
fn completed_command() -> clap::Command {
    let full = Cli::command();
    let mut command = clap::Command::new("stakegraph")
        .version(VERSION)
        .about(full.get_about().cloned().unwrap_or_default());
    for sub in full.get_subcommands().filter(|s| !s.is_hide_set()) {
        command = command.subcommand(sub.clone());
    }
    command
}

/// Writes the package's generated files into `folder` (see `Command::PackageFiles`). The same
/// source gives the same files: the man pages are dated by the commit, not by the clock.
fn write_package_files(folder: &Path) -> Result<(), CliError> {
    let directory = |name: &str| -> Result<PathBuf, CliError> {
        let path = folder.join(name);
        std::fs::create_dir_all(&path).map_err(|error| {
            CliError::Write(WriteError::Io {
                path: path.clone(),
                source: error,
            })
        })?;
        Ok(path)
    };
    let man = directory("man")?;
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    write_man_pages(command, &man)?;
    let completions = directory("completions")?;
    for (shell, file) in [
        (clap_complete::Shell::Bash, "stakegraph.bash"),
        (clap_complete::Shell::Zsh, "_stakegraph"),
        (clap_complete::Shell::Fish, "stakegraph.fish"),
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut completed_command(), "stakegraph", &mut script);
        files::write_atomically(&completions.join(file), &script)?;
    }
    for size in crate::desktop::ICON_SIZES {
        let icons = directory(&format!("icons/{size}x{size}"))?;
        let png = crate::desktop::icon_png(size);
        files::write_atomically(&icons.join("stakegraph.png"), &png)?;
    }
    Ok(())
}

/// Writes the man page of `command` and of each of its visible commands into `folder`:
/// `stakegraph.1`, `stakegraph-open.1` and so on.
fn write_man_pages(command: clap::Command, folder: &Path) -> Result<(), CliError> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_man_pages(sub.clone(), folder)?;
    }
    // The footer names the version only: with the commit too it runs into the date at 80
    // columns. The VERSION section of the page names the commit.
    let page = clap_mangen::Man::new(command)
        .date(env!("STAKEGRAPH_COMMIT_DATE"))
        .source(concat!("stakegraph ", env!("CARGO_PKG_VERSION")))
        .manual("stakegraph manual");
    let mut roff = Vec::new();
    page.render(&mut roff)
        .expect("writing into memory cannot fail");
    files::write_atomically(&folder.join(page.get_filename()), &roff)?;
    Ok(())
}

/// Opens the window on the dataset from `source`, once it has loaded without errors.
fn open(source: &Source, err: &mut dyn Write) -> Result<(), CliError> {
    let loaded = load(source, err)?;
    window(source, loaded, None)
}

/// Opens the window on an empty graph named after `path` and starts opening the file in it,
/// as the window's Open… does: its progress, and any problem, are shown in the window, over
/// nothing that could be taken for the file's graph.
fn open_in_window(path: &Path) -> Result<(), CliError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let loaded =
        files::checked(files::empty_dataset(&name)).map_err(|invalid| LoadError::Invalid {
            origin: Source::Empty.name(),
            invalid,
        })?;
    window(&Source::Empty, loaded, Some(Source::from_arg(Some(path))))
}

/// The window on `loaded`, from `source`, then opening `then` in it.
fn window(source: &Source, loaded: Loaded, then: Option<Source>) -> Result<(), CliError> {
    // Said plainly rather than as winit's error, which names its own source files.
    let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    if cfg!(all(unix, not(target_os = "macos"))) && !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
        return Err(CliError::Window(
            "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set); the commands \
             without a window (validate, stats, export-png, export-svg, export-json, extract) \
             work without one"
                .to_owned(),
        ));
    }
    #[cfg(feature = "gui")]
    return crate::ui::run(source, loaded, then)
        .map_err(|error| CliError::Window(error.to_string()));
    #[cfg(not(feature = "gui"))]
    {
        let _ = (source, loaded, then);
        Err(CliError::Window(
            "this build has no window (built without the `gui` feature)".to_owned(),
        ))
    }
}

/// Loads a dataset (from an article, extracted first) and prints its warnings.
fn load(source: &Source, err: &mut dyn Write) -> Result<Loaded, CliError> {
    load_content(source, err).map(|(loaded, _)| loaded)
}

/// `load`, also saying whether the source held a dataset or an article.
fn load_content(source: &Source, err: &mut dyn Write) -> Result<(Loaded, Content), CliError> {
    let (loaded, content) = files::load_content(source)?;
    report(&source.name(), &loaded.warnings, err)?;
    Ok((loaded, content))
}

/// One line a problem: `error: entity "x" kind: unknown ... (at data.json:3:15)`.
fn report(origin: &str, problems: &[Problem], err: &mut dyn Write) -> io::Result<()> {
    for problem in problems {
        let severity = if problem.is_error() {
            "error"
        } else {
            "warning"
        };
        match problem.position {
            Some(position) => writeln!(err, "{severity}: {problem} (at {origin}:{position})")?,
            None => writeln!(err, "{severity}: {problem} (in {origin})")?,
        }
    }
    Ok(())
}

/// `1 document, 30 entities, 57 relations, 80 quotes`.
fn summary(dataset: &Dataset) -> String {
    format!(
        "{}, {}, {}, {}",
        plural(dataset.documents.len(), "document"),
        plural(dataset.entities.len(), "entity"),
        plural(dataset.relations.len(), "relation"),
        plural(dataset.quote_count(), "quote")
    )
}

fn write_stats(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    const SHOWN: usize = 10;
    let stats = stats(dataset);
    writeln!(out, "{}", dataset.title)?;
    writeln!(out, "{}", summary(dataset))?;
    writeln!(out)?;
    writeln!(out, "Entities by kind")?;
    for (kind, count) in &stats.entities_by_kind {
        writeln!(out, "  {:<14}{count:>5}", kind.as_str())?;
    }
    writeln!(out)?;
    writeln!(out, "Relations by kind")?;
    for (kind, count) in &stats.relations_by_kind {
        let polarity = kind.polarity().as_str();
        writeln!(out, "  {:<14}{count:>5}  {polarity}", kind.as_str())?;
    }
    writeln!(out)?;
    writeln!(out, "Most connected")?;
    let shown = &stats.most_connected[..stats.most_connected.len().min(SHOWN)];
    let name_width = shown
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(0);
    for connected in shown {
        writeln!(
            out,
            "  {:<name_width$}  {:>3}  ({})",
            connected.name, connected.relations, connected.id
        )?;
    }
    Ok(())
}
