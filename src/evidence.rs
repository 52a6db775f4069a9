//! What the evidence panels say, worked out from the dataset: an entity's roles, its relations
//! grouped by counterpart, and a short quote's surrounding words.
//!
//! Pure: the window only lays these out.

use std::collections::BTreeMap;

use crate::model::{Dataset, Relation, RelationKind};

/// A quote with a few words of its sentence on either side, for quotes too short to read alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteInContext<'a> {
    pub before: &'a str,
    pub quote: &'a str,
    pub after: &'a str,
}

/// Quotes of fewer words than this get context.
const SHORT_QUOTE_WORDS: usize = 10;
/// At most this many words of context on each side.
const CONTEXT_WORDS: usize = 6;

/// `text[start..end]` with up to a few words before and after it, never crossing a sentence or
/// paragraph end. Long quotes, and spans that are not valid in `text`, get no context.
pub fn in_context(text: &str, start: usize, end: usize) -> Option<QuoteInContext<'_>> {
    let quote = text.get(start..end)?;
    if quote.split_whitespace().count() >= SHORT_QUOTE_WORDS {
        return Some(QuoteInContext {
            before: "",
            quote,
            after: "",
        });
    }
    let before_text = &text[..start];
    let sentence_start = before_text
        .rfind(['\n', '.', '!', '?'])
        .map_or(0, |at| at + 1)
        .max(word_boundary_back(before_text, CONTEXT_WORDS));
    let after_text = &text[end..];
    let sentence_end = after_text
        .find(['\n', '.', '!', '?', ';'])
        .unwrap_or(after_text.len())
        .min(word_boundary_forward(after_text, CONTEXT_WORDS));
    Some(QuoteInContext {
        before: before_text[sentence_start..].trim_start(),
        quote,
        after: after_text[..sentence_end].trim_end(),
    })
}

/// The offset in `text` where its last `words` words begin.
fn word_boundary_back(text: &str, words: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (at, character) in text.char_indices().rev() {
        if character.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == words {
                    return at + character.len_utf8();
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    0
}

/// The offset in `text` where its first `words` words end.
fn word_boundary_forward(text: &str, words: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (at, character) in text.char_indices() {
        if character.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == words {
                    return at;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text.len()
}

/// The roles an entity holds, from its `leads` and `member_of` relations: "President of
/// Turkey", "Member of European Union". Sorted.
pub fn roles(dataset: &Dataset, entity_id: &str) -> Vec<String> {
    let mut roles: Vec<String> = dataset
        .relations
        .iter()
        .filter(|r| r.source == entity_id)
        .filter(|r| matches!(r.kind, RelationKind::Leads | RelationKind::MemberOf))
        .map(|r| {
            let target = dataset
                .entity(&r.target)
                .map_or(r.target.as_str(), |e| &e.name);
            let role = match (r.label.as_deref(), r.kind) {
                (Some(label), _) => label.to_owned(),
                (None, RelationKind::Leads) => "Leader".to_owned(),
                (None, _) => "Member".to_owned(),
            };
            let former = if r.status == Some(crate::model::Status::Former) {
                " (former)"
            } else {
                ""
            };
            format!("{role} of {target}{former}")
        })
        .collect();
    roles.sort();
    roles.dedup();
    roles
}

/// The relations of an entity grouped by the entity on their other end, by counterpart name.
/// Each group lists relation indices in dataset order.
pub fn relations_by_counterpart(dataset: &Dataset, entity_id: &str) -> Vec<(String, Vec<usize>)> {
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (index, relation) in dataset.relations.iter().enumerate() {
        let Some(other) = counterpart(relation, entity_id) else {
            continue;
        };
        let name = dataset.entity(other).map_or(other, |e| &e.name);
        groups
            .entry((name.to_owned(), other.to_owned()))
            .or_default()
            .push(index);
    }
    groups
        .into_iter()
        .map(|((_, id), relations)| (id, relations))
        .collect()
}

/// The other end of `relation` as seen from `entity_id`, if it touches it.
pub fn counterpart<'a>(relation: &'a Relation, entity_id: &str) -> Option<&'a str> {
    if relation.source == entity_id {
        Some(&relation.target)
    } else if relation.target == entity_id {
        Some(&relation.source)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_quotes_get_a_few_words_of_their_sentence() {
        let text = "First sentence here. Later, in Brussels, Libyan Prime Minister Fayez Sarraj met with European Council President Charles Michel and others.";
        let start = text.find("Fayez Sarraj").unwrap();
        let end = start + "Fayez Sarraj".len();
        let context = in_context(text, start, end).unwrap();
        assert_eq!(context.quote, "Fayez Sarraj");
        assert_eq!(context.before, "Later, in Brussels, Libyan Prime Minister ");
        assert_eq!(
            context.after,
            " met with European Council President Charles"
        );
    }

    #[test]
    fn context_stops_at_sentence_ends_and_long_quotes_stand_alone() {
        let text = "One. Two three. Four";
        let start = text.find("Two").unwrap();
        let context = in_context(text, start, start + 3).unwrap();
        assert_eq!((context.before, context.after), ("", " three"));
        let long = "a b c d e f g h i j k l";
        let context = in_context(long, 0, long.len()).unwrap();
        assert_eq!((context.before, context.after), ("", ""));
        assert_eq!(in_context("héllo", 2, 3), None);
    }

    #[test]
    fn roles_and_groups_of_the_bundled_dataset() {
        let dataset = crate::bundled::dataset().unwrap().dataset;
        assert_eq!(roles(&dataset, "erdogan"), ["President of Turkey"]);
        assert_eq!(
            roles(&dataset, "gadhafi"),
            ["Longtime dictator of Libya (former)"]
        );
        let groups = relations_by_counterpart(&dataset, "sarraj");
        let ids: Vec<&str> = groups.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids[0], "michel", "sorted by name: Charles Michel first");
        assert!(ids.contains(&"conte") && ids.contains(&"eu"));
    }
}
