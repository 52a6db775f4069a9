//! Search entities by name or alias: results ranked by how well they match, Down and Up move
//! through them, Enter picks the highlighted one, a click picks any.

use egui::{Key, Modifiers};

use crate::model::Dataset;
use crate::ui::Command;

/// The search field's state: what is typed and which result is highlighted.
#[derive(Clone, Debug, Default)]
pub struct SearchPanel {
    pub query: String,
    /// The highlighted result, counted from the top.
    highlighted: usize,
    /// Give the field keyboard focus when next drawn.
    focus: bool,
}

/// One search result: the entity and the text of it that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub id: String,
    pub name: String,
    /// The name or alias that matched.
    pub matched: String,
}

/// How well a text matches the query, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    ExactName,
    NamePrefix,
    NameWordPrefix,
    ExactAlias,
    AliasPrefix,
    Substring,
}

fn rank_of(text: &str, query: &str, is_name: bool) -> Option<Rank> {
    let lower = text.to_lowercase();
    let word_prefix = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word.starts_with(query));
    match (
        is_name,
        lower == query,
        lower.starts_with(query),
        word_prefix,
    ) {
        (true, true, _, _) => Some(Rank::ExactName),
        (true, _, true, _) => Some(Rank::NamePrefix),
        (true, _, _, true) => Some(Rank::NameWordPrefix),
        (false, true, _, _) => Some(Rank::ExactAlias),
        (false, _, true, _) | (false, _, _, true) => Some(Rank::AliasPrefix),
        _ if lower.contains(query) => Some(Rank::Substring),
        _ => None,
    }
}

/// Entities whose name or an alias contains `query` (any case), best matches first: the name
/// itself, then names that start with it (or have a word that does), then aliases, then any
/// other substring; ties by name, then id.
pub fn search_matches(dataset: &Dataset, query: &str) -> Vec<Match> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(Rank, &str, &str, &str)> = dataset
        .entities
        .iter()
        .filter_map(|entity| {
            let name = rank_of(&entity.name, &query, true).map(|rank| (rank, &entity.name));
            let alias = entity
                .aliases
                .iter()
                .filter_map(|alias| Some((rank_of(alias, &query, false)?, alias)))
                .min();
            let (rank, matched) = [name, alias].into_iter().flatten().min()?;
            Some((
                rank,
                entity.name.as_str(),
                entity.id.as_str(),
                matched.as_str(),
            ))
        })
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .map(|(_, name, id, matched)| Match {
            id: id.to_owned(),
            name: name.to_owned(),
            matched: matched.to_owned(),
        })
        .collect()
}

impl SearchPanel {
    /// Gives the field keyboard focus when it is next drawn (Ctrl+F).
    pub fn request_focus(&mut self) {
        self.focus = true;
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.highlighted = 0;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, dataset: &Dataset) -> Option<Command> {
        let id = egui::Id::new("search");
        let focused = ui.memory(|memory| memory.has_focus(id));
        let matches = search_matches(dataset, &self.query);
        // Arrows move through the results; taken before the field sees them.
        if focused && !matches.is_empty() {
            let (down, up) = ui.input_mut(|input| {
                (
                    input.consume_key(Modifiers::NONE, Key::ArrowDown),
                    input.consume_key(Modifiers::NONE, Key::ArrowUp),
                )
            });
            if down {
                self.highlighted = (self.highlighted + 1).min(matches.len() - 1);
            }
            if up {
                self.highlighted = self.highlighted.saturating_sub(1);
            }
        }
        let before = self.query.clone();
        let response = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text("Search entities (Ctrl+F)")
                .desired_width(200.0)
                .id(id),
        );
        if std::mem::take(&mut self.focus) {
            response.request_focus();
        }
        if self.query != before {
            self.highlighted = 0;
        }
        if response.has_focus() && ui.input(|input| input.key_pressed(Key::Escape)) {
            self.clear();
        }
        if self.query.trim().is_empty() {
            return None;
        }
        let matches = search_matches(dataset, &self.query);
        self.highlighted = self.highlighted.min(matches.len().saturating_sub(1));
        let enter = response.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter));
        if enter && let Some(picked) = matches.get(self.highlighted) {
            let command = Command::SelectAndCenter(picked.id.clone());
            self.clear();
            return Some(command);
        }
        let mut picked = None;
        egui::Popup::from_response(&response)
            .open(true)
            .close_behavior(egui::PopupCloseBehavior::IgnoreClicks)
            .show(|ui| {
                ui.set_min_width(220.0);
                if matches.is_empty() {
                    ui.weak("No entity matches");
                }
                for (index, found) in matches.iter().enumerate() {
                    let text = if found.matched == found.name {
                        found.name.clone()
                    } else {
                        format!("{} ({})", found.name, found.matched)
                    };
                    if ui
                        .selectable_label(index == self.highlighted, text)
                        .clicked()
                    {
                        picked = Some(found.id.clone());
                    }
                }
            });
        let picked = picked?;
        self.clear();
        Some(Command::SelectAndCenter(picked))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, expected_first: &[&str]) {
        let dataset = crate::bundled::dataset().expect("bundled").dataset;
        let found: Vec<String> = search_matches(&dataset, query)
            .into_iter()
            .map(|m| m.id)
            .collect();
        let first: Vec<&str> = found
            .iter()
            .take(expected_first.len())
            .map(String::as_str)
            .collect();
        assert_eq!(first, expected_first, "for {query:?}: {found:?}");
    }

    #[test]
    fn names_rank_before_aliases_and_substrings() {
        check("hif", &["hifter"]);
        check("Turkey", &["turkey"]);
        check("erdo", &["erdogan"]);
        check("TURK", &["turkey"]);
        check("putin", &["putin"]);
        check("zzz", &[]);
    }
}
