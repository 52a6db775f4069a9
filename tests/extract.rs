//! The extractor measured against gold annotations (docs/ANNOTATION.md), strictly:
//!
//! - an extracted entity is right when it shares a name with a gold entity that no earlier
//!   extracted entity has claimed (two extracted entities for one gold actor: one is wrong);
//! - a relation is right when its ends are right entities, its kind the gold's and its
//!   direction the gold's (`meets`, `agrees_with` and `fights` are symmetric: either order);
//! - of the right relations, the share whose status (fact, scheduled, expected...) is the
//!   gold's is reported and has its own floor.
//!
//! Two splits. The development split: the bundled article (its hand-made dataset is the gold),
//! the eight short texts of `tests/gold/` and the texts of `tests/corpus/dev/`. The blind split:
//! `tests/corpus/blind-*/`, texts written and annotated by sessions that have not seen the
//! rules; it is scored once a round of rule work is done (`cargo test --test extract --
//! --ignored blind`), and the batch then joins `tests/corpus/dev/`.
//!
//! `SHOW_ERRORS=1` lists, under each text's row, the extra and missed entities and the wrong,
//! missing and mis-dated relations.
//!
//! Floors: overall ones at what the development split reaches, and one a text, a little below
//! what it reaches, in `tests/corpus/floors.txt`, an alarm for a text that collapses. They only
//! rise: `UPDATE_FLOORS=1 cargo test --test extract` raises each to what is reached (less the
//! margin for a text) and never lowers one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use stakegraph::extract::{Article, extract};
use stakegraph::model::{Dataset, RelationKind, Status};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Floors over the whole development split: what it reaches. They rise with the rules; when a
/// scored blind batch joins the split (texts the rules were not written against), the split's
/// figure is that of a different set of texts and these are set to what the grown split
/// reaches, while every text's own floor stays (docs/EXTRACTION.md keeps each round's figures).
/// Set when blind-13 joined (196 texts and the bundled article).
const DEV_ENTITY_RECALL_FLOOR: f64 = 0.86;
const DEV_ENTITY_PRECISION_FLOOR: f64 = 0.90;
const DEV_RELATION_RECALL_FLOOR: f64 = 0.41;
const DEV_RELATION_PRECISION_FLOOR: f64 = 0.85;
const DEV_STATUS_FLOOR: f64 = 0.98;
/// On the bundled article: no worse than the extractor before the structural work (all 30
/// entities, 47 of 56 relations, none wrong).
const SEED_ENTITY_RECALL_FLOOR: f64 = 1.0;
const SEED_RELATION_RECALL_FLOOR: f64 = 0.83;
const SEED_RELATION_PRECISION_FLOOR: f64 = 1.0;
/// How far below what a text reaches its own floors sit.
const TEXT_MARGIN: f64 = 0.1;

/// The relation kinds whose direction means nothing.
fn symmetric(kind: RelationKind) -> bool {
    matches!(
        kind,
        RelationKind::Meets | RelationKind::AgreesWith | RelationKind::Fights
    )
}

/// A relation as scored: ends by gold entity index, the pair ordered for a symmetric kind.
fn key(source: usize, kind: RelationKind, target: usize) -> (usize, RelationKind, usize) {
    if symmetric(kind) && target < source {
        (target, kind, source)
    } else {
        (source, kind, target)
    }
}

/// Gold entities (each a set of lowercase names) and relations between their indices, with
/// their status.
struct Gold {
    entities: Vec<BTreeSet<String>>,
    relations: BTreeMap<(usize, RelationKind, usize), Option<Status>>,
}

#[derive(Default, Clone, Copy)]
struct Score {
    gold_entities: usize,
    found_entities: usize,
    extracted_entities: usize,
    right_entities: usize,
    gold_relations: usize,
    extracted_relations: usize,
    right_relations: usize,
    right_status: usize,
}

impl Score {
    fn add(&mut self, other: Score) {
        self.gold_entities += other.gold_entities;
        self.found_entities += other.found_entities;
        self.extracted_entities += other.extracted_entities;
        self.right_entities += other.right_entities;
        self.gold_relations += other.gold_relations;
        self.extracted_relations += other.extracted_relations;
        self.right_relations += other.right_relations;
        self.right_status += other.right_status;
    }
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 { 1.0 } else { a as f64 / b as f64 }
    }
    fn entity_recall(&self) -> f64 {
        Self::ratio(self.found_entities, self.gold_entities)
    }
    fn entity_precision(&self) -> f64 {
        Self::ratio(self.right_entities, self.extracted_entities)
    }
    fn relation_recall(&self) -> f64 {
        Self::ratio(self.right_relations, self.gold_relations)
    }
    fn relation_precision(&self) -> f64 {
        Self::ratio(self.right_relations, self.extracted_relations)
    }
    fn status(&self) -> f64 {
        Self::ratio(self.right_status, self.right_relations)
    }
    /// The figures a text's floors are kept for, by name.
    fn figures(&self) -> [(&'static str, f64); 4] {
        [
            ("entity_recall", self.entity_recall()),
            ("entity_precision", self.entity_precision()),
            ("relation_recall", self.relation_recall()),
            ("relation_precision", self.relation_precision()),
        ]
    }
}

/// A name as compared: lowercase, without a leading "the" ("the Tripoli government" and
/// "Tripoli government" are one name).
fn compared(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    lower
        .strip_prefix("the ")
        .map_or(lower.clone(), str::to_owned)
}

fn names(name: &str, aliases: &[String]) -> BTreeSet<String> {
    std::iter::once(name)
        .chain(aliases.iter().map(String::as_str))
        .map(compared)
        .collect()
}

fn gold_of_dataset(dataset: &Dataset) -> Gold {
    let index = |id: &str| dataset.entities.iter().position(|e| e.id == id).unwrap();
    Gold {
        entities: dataset
            .entities
            .iter()
            .map(|e| names(&e.name, &e.aliases))
            .collect(),
        relations: dataset
            .relations
            .iter()
            .map(|r| (key(index(&r.source), r.kind, index(&r.target)), r.status))
            .collect(),
    }
}

/// `entity NAME | ALIAS...` and `relation SOURCE | KIND | TARGET [| STATUS]` lines, and `#`
/// comments (docs/ANNOTATION.md).
fn gold_of_file(text: &str, origin: &Path) -> Gold {
    let mut entities: Vec<BTreeSet<String>> = Vec::new();
    let mut relations = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let place = format!("{}:{}", origin.display(), number + 1);
        let (keyword, rest) = line
            .split_once(' ')
            .unwrap_or_else(|| panic!("{place}: no keyword"));
        let fields: Vec<&str> = rest.split('|').map(str::trim).collect();
        match keyword {
            "entity" => {
                let entity: BTreeSet<String> = fields.iter().map(|f| compared(f)).collect();
                for other in &entities {
                    assert!(
                        other.is_disjoint(&entity),
                        "{place}: a name of two entities"
                    );
                }
                entities.push(entity);
            }
            "relation" => {
                let find = |name: &str| {
                    entities
                        .iter()
                        .position(|e| e.contains(&compared(name)))
                        .unwrap_or_else(|| panic!("{place}: no entity {name:?}"))
                };
                let kind: RelationKind = fields[1]
                    .parse()
                    .unwrap_or_else(|_| panic!("{place}: kind {:?}", fields[1]));
                let status = fields.get(3).map(|status| {
                    status
                        .parse::<Status>()
                        .unwrap_or_else(|_| panic!("{place}: status {status:?}"))
                });
                relations.insert(key(find(fields[0]), kind, find(fields[2])), status);
            }
            other => panic!("{place}: unknown gold line {other:?}"),
        }
    }
    Gold {
        entities,
        relations,
    }
}

/// The score of `extracted` against `gold`, and with SHOW_ERRORS what it got wrong, a line each.
fn score(gold: &Gold, extracted: &Dataset) -> (Score, Vec<String>) {
    let mut claimed = vec![false; gold.entities.len()];
    let matched: Vec<Option<usize>> = extracted
        .entities
        .iter()
        .map(|e| {
            let names = names(&e.name, &e.aliases);
            let found = (0..gold.entities.len())
                .find(|&g| !claimed[g] && !gold.entities[g].is_disjoint(&names))?;
            claimed[found] = true;
            Some(found)
        })
        .collect();
    let index = |id: &str| extracted.entities.iter().position(|e| e.id == id).unwrap();
    let mut relations: BTreeMap<(Option<usize>, RelationKind, Option<usize>), Option<Status>> =
        BTreeMap::new();
    for relation in &extracted.relations {
        let (source, target) = (
            matched[index(&relation.source)],
            matched[index(&relation.target)],
        );
        let scored = match (source, target) {
            (Some(s), Some(t)) => {
                let (s, k, t) = key(s, relation.kind, t);
                (Some(s), k, Some(t))
            }
            _ => (source, relation.kind, target),
        };
        relations.entry(scored).or_insert(relation.status);
    }
    let mut right = 0;
    let mut right_status = 0;
    let show = std::env::var_os("SHOW_ERRORS").is_some();
    let mut errors = Vec::new();
    let gold_name = |g: &usize| gold.entities[*g].first().cloned().unwrap_or_default();
    let side = |end: &Option<usize>| end.as_ref().map_or("?".to_owned(), gold_name);
    let mut found = BTreeSet::new();
    for ((source, kind, target), status) in &relations {
        if let (Some(s), Some(t)) = (source, target)
            && let Some(gold_status) = gold.relations.get(&(*s, *kind, *t))
        {
            right += 1;
            right_status += usize::from(gold_status == status);
            found.insert((*s, *kind, *t));
            if show && gold_status != status {
                println!(
                    "  status   {} {kind:?} {}: {status:?}, gold {gold_status:?}",
                    side(source),
                    side(target)
                );
            }
        } else if show {
            errors.push(format!(
                "  wrong    {} {kind:?} {}",
                side(source),
                side(target)
            ));
        }
    }
    if show {
        for (e, m) in extracted.entities.iter().zip(&matched) {
            if m.is_none() {
                errors.push(format!("  extra    {:?} ({:?})", e.name, e.kind));
            }
        }
        for (g, names) in gold.entities.iter().enumerate() {
            if !claimed[g] {
                errors.push(format!("  missed   {names:?}"));
            }
        }
        for (s, kind, t) in gold.relations.keys() {
            if !found.contains(&(*s, *kind, *t)) {
                // Whether the extractor found both actors: then only the relation is missed.
                let ends = if claimed[*s] && claimed[*t] {
                    "  (both actors found)"
                } else {
                    ""
                };
                errors.push(format!(
                    "  missing  {} {kind:?} {}{ends}",
                    gold_name(s),
                    gold_name(t)
                ));
            }
        }
    }
    let score = Score {
        gold_entities: gold.entities.len(),
        found_entities: claimed.iter().filter(|c| **c).count(),
        extracted_entities: extracted.entities.len(),
        right_entities: matched.iter().flatten().count(),
        gold_relations: gold.relations.len(),
        extracted_relations: relations.len(),
        right_relations: right,
        right_status,
    };
    (score, errors)
}

fn print_header() {
    println!(
        "{:<36} {:>6} {:>6}   {:>6} {:>6}   {:>6}",
        "text", "ent R", "ent P", "rel R", "rel P", "status"
    );
}

fn print_row(name: &str, score: &Score) {
    println!(
        "{name:<36} {:>5.1}% {:>5.1}%   {:>5.1}% {:>5.1}%   {:>5.1}%   ({}/{} entities, {}/{} relations, {} extracted)",
        score.entity_recall() * 100.0,
        score.entity_precision() * 100.0,
        score.relation_recall() * 100.0,
        score.relation_precision() * 100.0,
        score.status() * 100.0,
        score.found_entities,
        score.gold_entities,
        score.right_relations,
        score.gold_relations,
        score.extracted_relations,
    );
}

/// The `.txt` files of `folder`, sorted, each with its gold.
fn texts_in(folder: &Path) -> Vec<(String, String, Gold)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let gold_path = path.with_extension("gold");
            let gold = std::fs::read_to_string(&gold_path)
                .unwrap_or_else(|error| panic!("{}: {error}", gold_path.display()));
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, text, gold_of_file(&gold, &gold_path))
        })
        .collect()
}

/// Extracts each text and scores it; prints a row a text and the total.
fn measure(texts: &[(String, String, Gold)]) -> (Vec<(String, Score)>, Score) {
    print_header();
    let mut scores = Vec::new();
    let mut total = Score::default();
    for (name, text, gold) in texts {
        let article = Article {
            id: "article".to_owned(),
            text: text.clone(),
            ..Article::default()
        };
        let dataset = extract(&[article], None);
        let problems = stakegraph::validate::validate(&dataset);
        assert!(
            problems.iter().all(|p| !p.is_error()),
            "{name}: {problems:?}"
        );
        let (score, errors) = score(gold, &dataset);
        print_row(name, &score);
        for error in errors {
            println!("{error}");
        }
        total.add(score);
        scores.push((name.clone(), score));
    }
    print_row("overall", &total);
    (scores, total)
}

/// `text figure floor` lines.
fn read_floors(path: &Path) -> BTreeMap<(String, String), f64> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(fields.len(), 3, "{}: {line:?}", path.display());
            (
                (fields[0].to_owned(), fields[1].to_owned()),
                fields[2].parse().unwrap(),
            )
        })
        .collect()
}

fn write_floors(path: &Path, floors: &BTreeMap<(String, String), f64>) {
    let mut text = String::from(
        "# Per-text floors of tests/extract.rs: each a little below what the text reaches.\n\
         # Raised by UPDATE_FLOORS=1 cargo test --test extract, never lowered.\n",
    );
    for ((name, figure), floor) in floors {
        text.push_str(&format!("{name} {figure} {floor:.2}\n"));
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn extraction_reaches_its_floors_on_the_development_split() {
    let seed = stakegraph::bundled::dataset().unwrap().dataset;
    let mut texts = vec![(
        "seed (bundled)".to_owned(),
        stakegraph::bundled::ARTICLE.to_owned(),
        gold_of_dataset(&seed),
    )];
    texts.extend(texts_in(&Path::new(ROOT).join("tests/gold")));
    texts.extend(texts_in(&Path::new(ROOT).join("tests/corpus/dev")));
    assert!(
        texts.len() >= 41,
        "the development split has 40 texts and the seed"
    );
    let (scores, total) = measure(&texts);

    let seed_score = scores[0].1;
    assert!(seed_score.entity_recall() >= SEED_ENTITY_RECALL_FLOOR);
    assert!(seed_score.relation_recall() >= SEED_RELATION_RECALL_FLOOR);
    assert!(seed_score.relation_precision() >= SEED_RELATION_PRECISION_FLOOR);
    assert!(total.entity_recall() >= DEV_ENTITY_RECALL_FLOOR);
    assert!(total.entity_precision() >= DEV_ENTITY_PRECISION_FLOOR);
    assert!(total.relation_recall() >= DEV_RELATION_RECALL_FLOOR);
    assert!(total.relation_precision() >= DEV_RELATION_PRECISION_FLOOR);
    assert!(total.status() >= DEV_STATUS_FLOOR);

    let path = Path::new(ROOT).join("tests/corpus/floors.txt");
    let mut floors = read_floors(&path);
    let update = std::env::var_os("UPDATE_FLOORS").is_some();
    let mut collapsed = Vec::new();
    for (name, score) in &scores {
        for (figure, reached) in score.figures() {
            let slot = (name.replace(' ', "_"), figure.to_owned());
            let floor = floors.get(&slot).copied().unwrap_or(0.0);
            if reached + 1e-9 < floor {
                collapsed.push(format!("{name}: {figure} {reached:.2} < floor {floor:.2}"));
            }
            if update {
                let raised = ((reached - TEXT_MARGIN) * 100.0).floor() / 100.0;
                floors.insert(slot, floor.max(raised).max(0.0));
            }
        }
    }
    if update {
        write_floors(&path, &floors);
    }
    assert!(collapsed.is_empty(), "{}", collapsed.join("\n"));
}

/// A batch of the blind split, named by BLIND (`BLIND=blind-1 cargo test --test extract --
/// --ignored blind`): run once, when a round of rule work is done; the batch then moves into
/// `tests/corpus/dev/` and its figures go in the round's note.
#[test]
#[ignore = "scored once a round of rule work is done"]
fn blind() {
    let batch = std::env::var("BLIND").expect("BLIND names the batch, such as blind-1");
    measure(&texts_in(&Path::new(ROOT).join("tests/corpus").join(batch)));
}
