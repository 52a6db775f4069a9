//! Reading and writing `stakegraph/1` JSON.
//!
//! Reading reports every problem of a file at once, not just the first: each item and each
//! field is decoded on its own from a `RawValue` slice of the input, so a wrong type in one
//! relation does not hide a missing field in the next, and every problem carries the line and
//! column of the value it is about. Writing produces one canonical form (stable key order,
//! items sorted by id), so exporting an exported file gives the same bytes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use strum::IntoEnumIterator;

use crate::model::{
    Dataset, Document, Entity, EntityKind, Evidence, FORMAT_VERSION, Rejection, Relation,
    RelationKind, Review, plural, thousands,
};
use crate::validate::{self, Collection, Place, Problem, TextPosition, Unreliable};

/// A dataset that passed every check, with the warnings found on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub warnings: Vec<Problem>,
}

/// A dataset that failed its checks: every error, in file order, and the warnings.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}", plural(self.errors.len(), "error"))]
pub struct Invalid {
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// Reads a dataset from the bytes of a file.
pub fn parse_bytes(bytes: &[u8]) -> Result<Loaded, Invalid> {
    // Editors on Windows like to start UTF-8 files with a byte order mark; JSON forbids it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(input) => parse_str(input),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // `valid` is UTF-8 by construction; the fallback only keeps this panic-free.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let mut problem = Problem::error(
                Place::top(""),
                format!(
                    "the file is not UTF-8 text (byte 0x{:02X} at offset {})",
                    bytes[error.valid_up_to()],
                    error.valid_up_to()
                ),
            );
            problem.position = Some(LineIndex::new(prefix).position(prefix.len()));
            Err(Invalid {
                errors: vec![problem],
                warnings: Vec::new(),
            })
        }
    }
}

/// Reads a dataset from JSON text.
///
/// ```
/// let loaded = stakegraph::format::parse_str(stakegraph::bundled::DATASET_JSON).unwrap();
/// assert!(loaded.dataset.entity("turkey").is_some());
///
/// let invalid = stakegraph::format::parse_str(r#"{"format": "stakegraph/1"}"#).unwrap_err();
/// assert_eq!(invalid.errors[0].to_string(), "title: is missing: expected a string");
/// ```
pub fn parse_str(input: &str) -> Result<Loaded, Invalid> {
    let mut reader = Reader::new(input);
    let read = reader.dataset();
    if let Some(read) = &read {
        let error_paths: HashSet<String> = reader
            .problems
            .problems
            .iter()
            .filter(|problem| problem.is_error())
            .map(|problem| problem.place.json_path())
            .collect();
        let damaged_items: HashSet<&str> = read.damaged_items.iter().map(String::as_str).collect();
        let damaged_evidence: HashSet<&str> =
            read.damaged_evidence.iter().map(String::as_str).collect();
        for mut problem in validate::check(&read.dataset, &read.unreliable) {
            // Validation counts the items in the dataset; the file may also hold non-objects.
            if let Some((collection, index)) = problem.place.item
                && let Some(&in_file) = read.sources.get(&collection).and_then(|s| s.get(index))
            {
                problem.place.item = Some((collection, in_file));
            }
            // Damaged items were kept with placeholders so the rest of them is still checked;
            // what the placeholders themselves break has been reported already.
            let path = problem.place.json_path();
            let cascade = enclosing_paths(&path).any(|within| {
                error_paths.contains(within)
                    || damaged_evidence.contains(within)
                    || (!problem.is_error() && damaged_items.contains(within))
            });
            if !cascade {
                reader.report_at(problem, |reader, problem| reader.locate(&problem.place));
            }
        }
    }
    let problems = reader.problems;
    if !problems.has_errors()
        && let Some(read) = read
    {
        return Ok(Loaded {
            dataset: read.dataset,
            warnings: problems.sorted(),
        });
    }
    let (errors, warnings) = problems.sorted().into_iter().partition(Problem::is_error);
    Err(Invalid { errors, warnings })
}

/// JSON path `path` and every path that encloses it: `relations[3].evidence[1].start`,
/// `relations[3].evidence[1]`, `relations[3].evidence`, `relations[3]`, `relations`.
fn enclosing_paths(path: &str) -> impl Iterator<Item = &str> {
    let cuts = path.match_indices(['.', '[']).map(|(at, _)| at);
    std::iter::once(path).chain(cuts.rev().map(|at| &path[..at]))
}

/// The dataset in canonical `stakegraph/1` form: keys in a fixed order, documents, entities
/// and relations sorted by id, evidence by position, pretty-printed, ending in a newline.
pub fn to_canonical_json(dataset: &Dataset) -> String {
    canonical(dataset, true)
}

/// The canonical form on one line, for JSON Lines output.
pub fn to_canonical_json_line(dataset: &Dataset) -> String {
    canonical(dataset, false)
}

fn canonical(dataset: &Dataset, pretty: bool) -> String {
    #[derive(Serialize)]
    struct File<'a> {
        format: &'static str,
        title: &'a str,
        documents: Vec<&'a Document>,
        entities: Vec<&'a Entity>,
        relations: Vec<Relation>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        rejected: Vec<&'a Rejection>,
    }
    let mut documents: Vec<&Document> = dataset.documents.iter().collect();
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    let mut entities: Vec<&Entity> = dataset.entities.iter().collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    let mut relations = dataset.relations.clone();
    relations.sort_by(|a, b| a.id.cmp(&b.id));
    for relation in &mut relations {
        relation.evidence.sort();
    }
    let mut rejected: Vec<&Rejection> = dataset.rejected.iter().collect();
    rejected.sort();
    rejected.dedup();
    let file = File {
        format: FORMAT_VERSION,
        title: &dataset.title,
        documents,
        entities,
        relations,
        rejected,
    };
    // Serializing plain structs of strings and integers to a String cannot fail.
    let mut json = if pretty {
        serde_json::to_string_pretty(&file)
    } else {
        serde_json::to_string(&file)
    }
    .unwrap_or_default();
    json.push('\n');
    json
}

/// The first `MOST_PROBLEMS` problems, how many more of each severity there were, and how
/// many errors in all.
#[derive(Default)]
struct Listed {
    problems: Vec<Problem>,
    more_errors: usize,
    more_warnings: usize,
    errors: usize,
}

impl Listed {
    fn report(&mut self, problem: Problem) {
        if problem.is_error() {
            self.errors += 1;
        }
        if self.problems.len() < MOST_PROBLEMS {
            self.problems.push(problem);
        } else if problem.is_error() {
            self.more_errors += 1;
        } else {
            self.more_warnings += 1;
        }
    }

    fn is_full(&self) -> bool {
        self.problems.len() >= MOST_PROBLEMS
    }

    fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Errors first, then warnings; each in file order, problems without a position first,
    /// and last the count of those not listed.
    fn sorted(self) -> Vec<Problem> {
        let mut problems = self.problems;
        problems.sort_by_key(|problem| (problem.severity, problem.position));
        let more =
            |count: usize, noun: &str| format!("and {} more {noun}, not listed", thousands(count));
        let first_warning = problems.partition_point(Problem::is_error);
        if self.more_warnings > 0 {
            let message = more(self.more_warnings, "warnings");
            problems.push(Problem::warning(Place::default(), message));
        }
        if self.more_errors > 0 {
            let message = more(self.more_errors, "errors");
            problems.insert(first_warning, Problem::error(Place::default(), message));
        }
        problems
    }
}

/// Where each line starts, to turn byte offsets into lines and columns.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The number of characters before every `CHUNK`th byte, counted on the first question:
    /// a column is then found in constant time, even on a 256 MiB line.
    chars_before: std::cell::OnceCell<Vec<usize>>,
}

const CHUNK: usize = 4096;

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self {
            text,
            starts,
            chars_before: std::cell::OnceCell::new(),
        }
    }

    fn position(&self, offset: usize) -> TextPosition {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        TextPosition {
            line,
            column: self.chars_up_to(offset) - self.chars_up_to(start) + 1,
        }
    }

    /// The number of characters in the text before byte `offset`.
    fn chars_up_to(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let marks = self.chars_before.get_or_init(|| {
            let mut count = 0;
            let mut marks = vec![0];
            for chunk in bytes.chunks_exact(CHUNK) {
                count += chars_in(chunk);
                marks.push(count);
            }
            marks
        });
        let chunk = offset / CHUNK;
        marks[chunk] + chars_in(&bytes[chunk * CHUNK..offset])
    }
}

/// The characters that start in `bytes`: those that are not UTF-8 continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The most fields an object may have, the most quotes a relation may have, and the most
/// aliases an entity may have: past these a file is refused, as no dataset needs more.
const MOST_FIELDS: usize = 100;
const MOST_QUOTES: usize = 10_000;
const MOST_ALIASES: usize = 1_000;
/// The most quotes, and the most aliases, in a whole dataset.
const MOST_IN_ALL: usize = 500_000;
/// The most rejected suggestions a dataset may remember.
const MOST_REJECTED: usize = 200_000;

/// A list field with a limit in each item and `MOST_IN_ALL` in the whole dataset.
struct ListLimit {
    key: &'static str,
    /// What the list's items are called in messages, and what holds the list.
    noun: &'static str,
    owner: &'static str,
    most: usize,
}

const QUOTES: ListLimit = ListLimit {
    key: "evidence",
    noun: "quotes",
    owner: "a relation",
    most: MOST_QUOTES,
};

const ALIASES: ListLimit = ListLimit {
    key: "aliases",
    noun: "aliases",
    owner: "an entity",
    most: MOST_ALIASES,
};
/// Longer than any list may be, so that a list too long is known to be.
const LONGEST_LIST: usize = 200_001;

/// The most problems listed; the rest are counted in one last problem of each severity.
pub const MOST_PROBLEMS: usize = 1_000;

/// The fields of a JSON object in file order, each value left undecoded; past `MOST_FIELDS`
/// they are only counted.
struct Fields<'a>(Vec<(String, &'a RawValue)>, usize);

/// A JSON list of which the first `MAX` items are kept and the rest only counted, so that no
/// file, however long its lists, takes more memory than the items kept.
struct Capped<T, const MAX: usize> {
    items: Vec<T>,
    total: usize,
}

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for Capped<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CappedVisitor<T, const MAX: usize>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>, const MAX: usize> Visitor<'de> for CappedVisitor<T, MAX> {
            type Value = Capped<T, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                let mut total = 0;
                while total < MAX {
                    match seq.next_element::<T>()? {
                        Some(item) => items.push(item),
                        None => return Ok(Capped { items, total }),
                    }
                    total += 1;
                }
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    total += 1;
                }
                Ok(Capped { items, total })
            }
        }
        deserializer.deserialize_seq(CappedVisitor::<T, MAX>(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                let mut more = 0;
                while let Some(key) = map.next_key::<String>()? {
                    if fields.len() < MOST_FIELDS {
                        fields.push((key, map.next_value::<&'de RawValue>()?));
                    } else {
                        map.next_value::<IgnoredAny>()?;
                        more += 1;
                    }
                }
                Ok(Fields(fields, more))
            }
        }
        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// An object being read: its fields, which of them were used, and where it is.
struct Object<'a> {
    place: Place,
    /// Prepended to field names: `evidence[2].` inside a relation.
    prefix: String,
    at: usize,
    fields: Vec<(String, &'a RawValue)>,
    used: Vec<bool>,
}

/// What the reader made of a file that is a JSON object: a dataset, with placeholders where
/// values could not be read, and what those placeholders stand in for.
#[derive(Default)]
struct Read {
    dataset: Dataset,
    /// Per list, the index in the file of each item of the dataset (items that are not objects
    /// are left out of the dataset).
    sources: BTreeMap<Collection, Vec<usize>>,
    /// JSON paths of the items with errors (`relations[3]`).
    damaged_items: Vec<String>,
    /// JSON paths of the evidence items with errors (`relations[3].evidence[1]`).
    damaged_evidence: Vec<String>,
    /// What validation must not check, since it holds placeholders.
    unreliable: Unreliable,
}

struct Reader<'a> {
    input: &'a str,
    lines: LineIndex<'a>,
    problems: Listed,
    /// Quotes and aliases read so far, against `MOST_IN_ALL`.
    quotes: usize,
    aliases: usize,
    /// JSON path (with file indices) to the byte offset of its value, for locating the
    /// problems found after reading.
    positions: BTreeMap<String, usize>,
    /// Each item of the three lists, by its index in the file, to find the fields inside it
    /// that a problem is about (only for the problems listed, so it costs nothing per field).
    items: HashMap<(Collection, usize), &'a RawValue>,
}

impl<'a> Reader<'a> {
    fn new(input: &'a str) -> Self {
        Self {
            input,
            lines: LineIndex::new(input),
            problems: Listed::default(),
            quotes: 0,
            aliases: 0,
            positions: BTreeMap::new(),
            items: HashMap::new(),
        }
    }

    /// Reads the whole file. `None` when it is not a JSON object at all.
    fn dataset(&mut self) -> Option<Read> {
        let Fields(fields, more) = match serde_json::from_str::<Fields<'a>>(self.input) {
            Ok(fields) => fields,
            Err(error) => {
                let message = if error.is_data() {
                    format!(
                        "the top level must be a JSON object, found {}",
                        describe(self.input.trim_start())
                    )
                } else {
                    // serde_json appends " at line L column C"; the position is shown apart.
                    let text = error.to_string();
                    let suffix = format!(" at line {} column {}", error.line(), error.column());
                    format!(
                        "invalid JSON: {}",
                        text.strip_suffix(&suffix).unwrap_or(&text)
                    )
                };
                let mut problem = Problem::error(Place::default(), message);
                problem.position = Some(TextPosition {
                    line: error.line().max(1),
                    column: error.column().max(1),
                });
                self.problems.report(problem);
                return None;
            }
        };
        let mut top = self.object_from_fields(Place::default(), String::new(), 0, fields, more);

        match self.take::<String>(&mut top, "format", "a string", true) {
            Some(format) if format == FORMAT_VERSION => {}
            Some(format) => {
                let at = self.value_offset(&top, "format");
                self.error_at(
                    Place::top("format"),
                    at,
                    format!(
                        "unknown format version {format:?}: this version of stakegraph reads \
                         {FORMAT_VERSION:?}"
                    ),
                );
            }
            None => {}
        }
        let title = self
            .take::<String>(&mut top, "title", "a string", true)
            .unwrap_or_default();
        let mut read = Read::default();
        let documents = self.list(&mut top, Collection::Documents, &mut read, Self::document);
        let entities = self.list(&mut top, Collection::Entities, &mut read, Self::entity);
        let relations = self.list(&mut top, Collection::Relations, &mut read, Self::relation);
        let rejected = self.rejections(&mut top, &mut read);
        self.finish(top);
        read.dataset = Dataset {
            title,
            documents,
            entities,
            relations,
            rejected,
        };
        Some(read)
    }

    /// Reads the optional `rejected` list. A damaged item is reported and left out, and then
    /// nothing about rejections is checked against the rest of the file.
    fn rejections(&mut self, top: &mut Object<'a>, read: &mut Read) -> Vec<Rejection> {
        let key = "rejected";
        let Some(list) = self.take::<Capped<&'a RawValue, LONGEST_LIST>>(top, key, "a list", false)
        else {
            return Vec::new();
        };
        if list.total > MOST_REJECTED {
            let at = self.value_offset(top, key);
            self.error_at(
                Place::top(key),
                at,
                format!(
                    "{} rejected suggestions: stakegraph reads at most {}",
                    thousands(list.total),
                    thousands(MOST_REJECTED)
                ),
            );
            return Vec::new();
        }
        let mut rejected = Vec::new();
        for (index, raw) in list.items.into_iter().enumerate() {
            let path = format!("{key}[{index}]");
            let at = self.offset(raw);
            self.positions.insert(path.clone(), at);
            let errors_before = self.error_count();
            let Some(mut item) = self.object(raw, Place::top(""), format!("{path}.")) else {
                // Left out, so the indices of the rest are no longer those of the file.
                read.unreliable.rejections = true;
                continue;
            };
            for (field, raw) in &item.fields {
                let at = self.offset(raw);
                self.positions.insert(format!("{path}.{field}"), at);
            }
            let entity_id = "an entity id (a string)";
            let document = self.take(&mut item, "document", "a document id (a string)", true);
            let start = self.take_offset(&mut item, "start");
            let end = self.take_offset(&mut item, "end");
            let kind = self.take_kind(&mut item, "kind", "relation kind", true);
            let source = self.take(&mut item, "source", entity_id, true);
            let target = self.take(&mut item, "target", entity_id, true);
            self.finish(item);
            if let (
                Some(document),
                Some(start),
                Some(end),
                Some(Some(kind)),
                Some(source),
                Some(target),
            ) = (document, start, end, kind, source, target)
                && self.error_count() == errors_before
            {
                rejected.push(Rejection {
                    document,
                    start,
                    end,
                    kind,
                    source,
                    target,
                });
            } else {
                read.unreliable.rejections = true;
            }
        }
        rejected
    }

    /// Reads one of the three lists. Items with problems are kept, with placeholders for
    /// what could not be read, and recorded as damaged.
    fn list<T>(
        &mut self,
        top: &mut Object<'a>,
        collection: Collection,
        read: &mut Read,
        mut item: impl FnMut(&mut Self, &mut Object<'a>, String, &mut Read) -> T,
    ) -> Vec<T> {
        let mut items = Vec::new();
        let raw_items = self
            .take::<Capped<&'a RawValue, LONGEST_LIST>>(top, collection.key(), "a list", true)
            .and_then(|list| {
                let most = collection.most();
                if list.total <= most {
                    return Some(list.items);
                }
                let at = self.value_offset(top, collection.key());
                self.error_at(
                    Place::top(collection.key()),
                    at,
                    format!(
                        "{} {}: stakegraph reads at most {}; split the dataset",
                        thousands(list.total),
                        collection.key(),
                        thousands(most)
                    ),
                );
                None
            });
        match collection {
            Collection::Documents => read.unreliable.document_list = raw_items.is_none(),
            Collection::Entities => read.unreliable.entity_list = raw_items.is_none(),
            Collection::Relations => {}
        }
        let mut kept = Vec::new();
        for (index, raw) in raw_items.into_iter().flatten().enumerate() {
            self.items.insert((collection, index), raw);
            let place = Place::item(collection, index, None);
            let Some(mut object) = self.object(raw, place.clone(), String::new()) else {
                continue;
            };
            let errors_before = self.error_count();
            let id = self.take::<String>(&mut object, "id", "a string", true);
            object.place.id = id.clone().filter(|id| !id.trim().is_empty());
            // Read the rest even without an id, to report every problem of the item.
            let id = id.unwrap_or_default();
            items.push(item(self, &mut object, id.clone(), read));
            self.finish(object);
            kept.push(index);
            if self.error_count() > errors_before {
                read.damaged_items.push(place.json_path());
                if collection == Collection::Documents {
                    read.unreliable.documents.insert(id);
                }
            }
        }
        read.sources.insert(collection, kept);
        items
    }

    fn document(&mut self, object: &mut Object<'a>, id: String, _: &mut Read) -> Document {
        Document {
            id,
            title: self.take(object, "title", "a string", false),
            source: self.take(object, "source", "a string", false),
            published: self.take(object, "published", "a string", false),
            url: self.take(object, "url", "a string", false),
            text: self
                .take(object, "text", "a string", true)
                .unwrap_or_default(),
        }
    }

    fn entity(&mut self, object: &mut Object<'a>, id: String, _: &mut Read) -> Entity {
        Entity {
            id,
            name: self
                .take(object, "name", "a string", true)
                .unwrap_or_default(),
            kind: self
                .take_kind(object, "kind", "entity kind", true)
                .flatten()
                .unwrap_or(EntityKind::Organization),
            subtype: self.take(object, "subtype", "a string", false),
            aliases: self.take_aliases(object),
            description: self.take(object, "description", "a string", false),
        }
    }

    fn take_aliases(&mut self, object: &mut Object<'a>) -> Vec<String> {
        let list = self.take::<Capped<String, MOST_ALIASES>>(
            object,
            ALIASES.key,
            "a list of strings",
            false,
        );
        let Some(list) = list else {
            return Vec::new();
        };
        let in_all = self.aliases + list.total;
        if !self.fits(object, &ALIASES, list.total, in_all) {
            return Vec::new();
        }
        self.aliases = in_all;
        list.items
    }

    /// Whether the list `limit` names in `object` (`count` items, `in_all` in the file so far
    /// with them) is within its limits. Reports it when not.
    fn fits(
        &mut self,
        object: &Object<'a>,
        limit: &ListLimit,
        count: usize,
        in_all: usize,
    ) -> bool {
        let ListLimit {
            key,
            noun,
            owner,
            most,
        } = limit;
        let message = if count > *most {
            format!(
                "{} {noun}: {owner} has at most {}",
                thousands(count),
                thousands(*most)
            )
        } else if in_all > MOST_IN_ALL {
            format!(
                "more than {} {noun} in all: stakegraph reads at most that many",
                thousands(MOST_IN_ALL)
            )
        } else {
            return true;
        };
        let field = object.place.field(*key);
        let at = self.value_offset(object, key);
        self.error_at(field, at, message);
        false
    }

    fn relation(&mut self, object: &mut Object<'a>, id: String, read: &mut Read) -> Relation {
        let entity_id = "an entity id (a string)";
        let source = self.take(object, "source", entity_id, true);
        let target = self.take(object, "target", entity_id, true);
        let kind = self.take_kind(object, "kind", "relation kind", true);
        let status = self.take_kind(object, "status", "status", false);
        let label = self.take(object, "label", "a string", false);
        let rule = self.take(object, "rule", "a string", false);
        let raw_evidence = self
            .take::<Capped<&'a RawValue, MOST_QUOTES>>(object, QUOTES.key, "a list", true)
            .and_then(|list| {
                let in_all = self.quotes + list.total;
                self.fits(object, &QUOTES, list.total, in_all).then(|| {
                    self.quotes = in_all;
                    list.items
                })
            });
        let mut evidence = Vec::new();
        for (index, raw) in raw_evidence.iter().flatten().enumerate() {
            let prefix = format!("evidence[{index}].");
            let errors_before = self.error_count();
            let item = self
                .object(raw, object.place.clone(), prefix)
                .map(|mut item| {
                    let evidence = Evidence {
                        document: self
                            .take(&mut item, "document", "a document id (a string)", true)
                            .unwrap_or_default(),
                        start: self.take_offset(&mut item, "start").unwrap_or_default(),
                        end: self.take_offset(&mut item, "end").unwrap_or_default(),
                        quote: self
                            .take(&mut item, "quote", "a string", true)
                            .unwrap_or_default(),
                        review: self
                            .take_kind(&mut item, "review", "review state", false)
                            .flatten()
                            .unwrap_or_default(),
                    };
                    self.finish(item);
                    evidence
                });
            if self.error_count() > errors_before {
                let place = object.place.field(format!("evidence[{index}]"));
                read.damaged_evidence.push(place.json_path());
            }
            // A placeholder keeps the indices of the following items right.
            evidence.push(item.unwrap_or_else(|| Evidence {
                document: String::new(),
                start: 0,
                end: 0,
                quote: String::new(),
                review: Review::Accepted,
            }));
        }
        Relation {
            id,
            source: source.unwrap_or_default(),
            target: target.unwrap_or_default(),
            kind: kind.flatten().unwrap_or(RelationKind::Supports),
            status: status.flatten(),
            label,
            rule,
            evidence,
        }
    }

    /// Starts reading `raw` as an object; reports it and returns `None` when it is not one.
    fn object(&mut self, raw: &'a RawValue, place: Place, prefix: String) -> Option<Object<'a>> {
        let at = self.offset(raw);
        let path_place = place.field(prefix.trim_end_matches('.'));
        match serde_json::from_str::<Fields<'a>>(raw.get()) {
            Ok(Fields(fields, more)) => {
                Some(self.object_from_fields(place, prefix, at, fields, more))
            }
            Err(_) => {
                self.error_at(
                    path_place,
                    at,
                    format!("expected an object, found {}", describe(raw.get())),
                );
                None
            }
        }
    }

    fn object_from_fields(
        &mut self,
        place: Place,
        prefix: String,
        at: usize,
        fields: Vec<(String, &'a RawValue)>,
        more: usize,
    ) -> Object<'a> {
        if more > 0 {
            let message = format!(
                "{} fields: an object has at most {MOST_FIELDS}",
                thousands(MOST_FIELDS + more)
            );
            let whole = place.field(prefix.trim_end_matches('.'));
            self.error_at(whole, at, message);
        }
        let mut object = Object {
            place,
            prefix,
            at,
            used: vec![false; fields.len()],
            fields,
        };
        let mut seen = BTreeSet::new();
        for index in 0..object.fields.len() {
            let (key, raw) = &object.fields[index];
            if !seen.insert(key.clone()) {
                let field = object.place.field(format!("{}{key}", object.prefix));
                let at = self.offset(raw);
                self.error_at(field, at, format!("field {key:?} appears more than once"));
                object.used[index] = true;
            }
        }
        object
    }

    /// Warns about the fields of `object` that nothing read.
    fn finish(&mut self, object: Object<'a>) {
        for ((key, raw), used) in object.fields.iter().zip(&object.used) {
            if !used {
                let place = object.place.field(format!("{}{key}", object.prefix));
                let at = self.offset(raw);
                let problem = Problem::warning(place, "unknown field, ignored");
                self.report_at(problem, |_, _| Some(at));
            }
        }
    }

    /// Decodes field `key` of `object` as a `T`. Reports a missing required field or a value of
    /// the wrong type (described as `expected`); `null` counts as absent.
    fn take<T: Deserialize<'a>>(
        &mut self,
        object: &mut Object<'a>,
        key: &str,
        expected: &str,
        required: bool,
    ) -> Option<T> {
        let field = object.place.field(format!("{}{key}", object.prefix));
        let found = object.fields.iter().position(|(name, _)| name == key);
        let Some(index) = found.filter(|&i| object.fields[i].1.get() != "null") else {
            if required {
                let what = if found.is_some() {
                    "is null"
                } else {
                    "is missing"
                };
                self.error_at(field, object.at, format!("{what}: expected {expected}"));
            }
            if let Some(index) = found {
                object.used[index] = true;
            }
            return None;
        };
        object.used[index] = true;
        let raw = object.fields[index].1;
        let at = self.offset(raw);
        if field.item.is_none() {
            self.positions.insert(field.json_path(), at);
        }
        match serde_json::from_str::<T>(raw.get()) {
            Ok(value) => Some(value),
            Err(_) => {
                self.error_at(
                    field,
                    at,
                    format!("expected {expected}, found {}", describe(raw.get())),
                );
                None
            }
        }
    }

    /// Reads a string field naming one of the values of enum `T`. `None` after reporting a
    /// problem; `Some(None)` when an optional field is absent or null.
    fn take_kind<T: FromStr + IntoEnumIterator + Into<&'static str>>(
        &mut self,
        object: &mut Object<'a>,
        key: &str,
        what: &str,
        required: bool,
    ) -> Option<Option<T>> {
        let present = object
            .fields
            .iter()
            .any(|(name, raw)| name == key && raw.get() != "null");
        let name = self.take::<String>(object, key, &format!("a {what}"), required);
        if !present && !required {
            return Some(None);
        }
        let name = name?;
        match name.parse::<T>() {
            Ok(value) => Some(Some(value)),
            Err(_) => {
                let expected = T::iter().map(Into::into).collect::<Vec<_>>().join(", ");
                let field = object.place.field(format!("{}{key}", object.prefix));
                let at = self.value_offset(object, key);
                self.error_at(
                    field,
                    at,
                    format!("unknown {what} {name:?} (expected one of: {expected})"),
                );
                None
            }
        }
    }

    fn take_offset(&mut self, object: &mut Object<'a>, key: &str) -> Option<usize> {
        let expected = "a byte offset (a whole number, 0 or more)";
        let offset = self.take::<u64>(object, key, expected, true)?;
        let Ok(offset) = usize::try_from(offset) else {
            let field = object.place.field(format!("{}{key}", object.prefix));
            let at = self.value_offset(object, key);
            self.error_at(field, at, format!("offset {offset} is too large"));
            return None;
        };
        Some(offset)
    }

    fn value_offset(&self, object: &Object<'a>, key: &str) -> usize {
        object
            .fields
            .iter()
            .find(|(name, _)| name == key)
            .map_or(object.at, |(_, raw)| self.offset(raw))
    }

    /// Where `raw` starts in the input. It is always a slice of it, since the input is
    /// borrowed; the fallback only keeps this total.
    fn offset(&self, raw: &RawValue) -> usize {
        let start = self.input.as_ptr() as usize;
        (raw.get().as_ptr() as usize)
            .checked_sub(start)
            .filter(|&offset| offset <= self.input.len())
            .unwrap_or(0)
    }

    /// The byte offset of the value at `place`, or of the nearest enclosing value that has
    /// one: top-level fields by their recorded offsets, fields of items by reading the item
    /// again along the path (`evidence[1].start`).
    fn locate(&self, place: &Place) -> Option<usize> {
        let Some(item) = place.item else {
            return self.positions.get(&place.json_path()).copied();
        };
        let mut raw = *self.items.get(&item)?;
        for segment in place.field.split(['.', '[']).filter(|s| !s.is_empty()) {
            let next = match segment.strip_suffix(']') {
                Some(index) => index.parse::<usize>().ok().and_then(|index| {
                    let list: Capped<&'a RawValue, LONGEST_LIST> =
                        serde_json::from_str(raw.get()).ok()?;
                    list.items.get(index).copied()
                }),
                None => serde_json::from_str::<Fields<'a>>(raw.get()).ok().and_then(
                    |Fields(fields, _)| {
                        fields
                            .into_iter()
                            .find(|(key, _)| key == segment)
                            .map(|(_, raw)| raw)
                    },
                ),
            };
            match next {
                Some(next) => raw = next,
                None => break,
            }
        }
        Some(self.offset(raw))
    }

    fn error_count(&self) -> usize {
        self.problems.errors
    }

    fn error_at(&mut self, place: Place, at: usize, message: String) {
        self.report_at(Problem::error(place, message), |_, _| Some(at));
    }

    /// Lists `problem` at the byte offset `at` gives, or only counts it once `MOST_PROBLEMS`
    /// are listed: its line and column are worked out only for the problems listed.
    fn report_at(
        &mut self,
        mut problem: Problem,
        at: impl FnOnce(&Self, &Problem) -> Option<usize>,
    ) {
        if !self.problems.is_full() {
            problem.position = at(self, &problem).map(|at| self.lines.position(at));
        }
        self.problems.report(problem);
    }
}

/// Names the kind of a raw JSON value for messages, with the value itself when short:
/// `a number (-5)`, `a string ("nation")`, `an object`.
fn describe(raw: &str) -> String {
    let short = validate::excerpt(raw, 40);
    match raw.chars().next() {
        Some('{') => "an object".to_owned(),
        Some('[') => "a list".to_owned(),
        Some('"') => format!("a string ({short})"),
        Some('t' | 'f') => format!("a boolean ({short})"),
        Some('n') => "null".to_owned(),
        Some(_) => format!("a number ({short})"),
        None => "nothing".to_owned(),
    }
}
