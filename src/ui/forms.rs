//! The small windows that make an edit: a new relation (from a quote selected in the article,
//! or from a drag between two nodes), a new or changed entity, a merge with its preview, the
//! confirmation of deleting an entity, and the offer to restore unsaved work. Each is a struct
//! whose `ui` returns the commands it produced; none changes the dataset itself.

use egui::{RichText, TextEdit};
use strum::IntoEnumIterator;

use crate::edit::{Edit, MergePreview, fresh_id, quote_of};
use crate::model::{
    Dataset, Entity, EntityKind, Relation, RelationKind, Review, Status, capitalized, plural,
};
use crate::ui::editing::Offered;
use crate::ui::panels::search::search_matches;
use crate::ui::{Command, Selection};

/// A span of a document's text the user selected in the article panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextSelection {
    pub document: String,
    pub start: usize,
    pub end: usize,
}

impl TextSelection {
    /// The selected text.
    pub fn text<'a>(&self, dataset: &'a Dataset) -> Option<&'a str> {
        dataset
            .document(&self.document)?
            .text
            .get(self.start..self.end)
    }
}

/// Entities named in `text` by name or alias (whole words, any case), in the order they are
/// first named.
pub fn entities_named_in(dataset: &Dataset, text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let is_word_edge = |at: usize| {
        lower[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    let mut found: Vec<(usize, String)> = dataset
        .entities
        .iter()
        .filter_map(|entity| {
            std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .filter_map(|name| {
                    let name = name.to_lowercase();
                    if name.trim().is_empty() {
                        return None;
                    }
                    lower.match_indices(&name).find_map(|(at, _)| {
                        let end = at + name.len();
                        let after_ok = lower[end..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric());
                        (is_word_edge(at) && after_ok).then_some(at)
                    })
                })
                .min()
                .map(|at| (at, entity.id.clone()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// A field that picks an entity by typing part of its name or an alias.
#[derive(Clone, Debug, Default)]
pub struct EntityPicker {
    pub query: String,
    pub chosen: Option<String>,
}

impl EntityPicker {
    fn with(dataset: &Dataset, id: Option<String>) -> Self {
        let query = id
            .as_deref()
            .and_then(|id| dataset.entity(id))
            .map(|e| e.name.clone())
            .unwrap_or_default();
        Self { query, chosen: id }
    }

    /// The field and, while typing, the entities that match; Enter picks the first. Returns
    /// whether this frame's Enter was taken to pick one.
    fn ui(&mut self, ui: &mut egui::Ui, dataset: &Dataset, salt: &str, focus: bool) -> bool {
        let response = ui.add(
            TextEdit::singleline(&mut self.query)
                .id_salt(salt)
                .hint_text("type a name or alias")
                .desired_width(220.0),
        );
        if focus {
            response.request_focus();
        }
        let chosen_name = self
            .chosen
            .as_deref()
            .and_then(|id| dataset.entity(id))
            .map(|e| e.name.clone());
        if response.changed() && chosen_name.as_deref() != Some(self.query.as_str()) {
            self.chosen = None;
        }
        if self.chosen.is_some() {
            return false;
        }
        let matches = search_matches(dataset, &self.query);
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter && let Some(first) = matches.first() {
            self.chosen = Some(first.id.clone());
            self.query = first.name.clone();
            return true;
        }
        for found in matches.iter().take(6) {
            let text = if found.matched == found.name {
                found.name.clone()
            } else {
                format!("{} ({})", found.name, found.matched)
            };
            if ui.selectable_label(false, text).clicked() {
                self.chosen = Some(found.id.clone());
                self.query = found.name.clone();
            }
        }
        enter
    }
}

/// The new-relation form.
#[derive(Clone, Debug)]
pub struct RelationForm {
    pub quote: Option<TextSelection>,
    pub source: EntityPicker,
    pub target: EntityPicker,
    pub kind: RelationKind,
    pub status: Option<Status>,
    pub label: String,
    focus: bool,
}

impl RelationForm {
    /// A form on `quote`, its ends given or else the first two entities the quote names.
    pub fn new(
        dataset: &Dataset,
        quote: Option<TextSelection>,
        source: Option<String>,
        target: Option<String>,
    ) -> Self {
        let named = quote
            .as_ref()
            .and_then(|q| q.text(dataset))
            .map(|text| entities_named_in(dataset, text))
            .unwrap_or_default();
        let mut named = named.into_iter();
        let source = source.or_else(|| named.next());
        let target = target.or_else(|| named.find(|id| Some(id) != source.as_ref()));
        Self {
            quote,
            source: EntityPicker::with(dataset, source),
            target: EntityPicker::with(dataset, target),
            kind: RelationKind::Supports,
            status: None,
            label: String::new(),
            focus: true,
        }
    }

    /// The relation the form describes, when it is complete.
    pub fn relation(&self, dataset: &Dataset) -> Result<Relation, String> {
        let quote = self
            .quote
            .as_ref()
            .ok_or("select the quote in the article first")?;
        let document = dataset
            .document(&quote.document)
            .ok_or("the quote's document is gone")?;
        let evidence = quote_of(document, quote.start, quote.end, Review::Accepted)
            .map_err(|refused| refused.0)?;
        let source = self.source.chosen.clone().ok_or("pick the source")?;
        let target = self.target.chosen.clone().ok_or("pick the target")?;
        if source == target {
            return Err("the source and the target are the same".to_owned());
        }
        let id = fresh_id(&format!("{source} {} {target}", self.kind.as_str()), |id| {
            dataset.relation(id).is_some()
        });
        let label = self.label.trim();
        Ok(Relation {
            id,
            source,
            target,
            kind: self.kind,
            status: self.status,
            label: (!label.is_empty()).then(|| label.to_owned()),
            rule: None,
            evidence: vec![evidence],
        })
    }

    /// Draws the form; `Some(commands)` when it is done (created or cancelled).
    fn ui(
        &mut self,
        ctx: &egui::Context,
        dataset: &Dataset,
        text_selection: Option<&TextSelection>,
    ) -> Option<Vec<Command>> {
        let mut done = None;
        let mut open = true;
        egui::Window::new("New relation")
            .id(egui::Id::new("new-relation"))
            .open(&mut open)
            .collapsible(false)
            .default_width(360.0)
            .show(ctx, |ui| {
                ui.weak("Quote");
                match self.quote.as_ref().and_then(|q| q.text(dataset)) {
                    Some(text) => {
                        ui.label(RichText::new(format!("“{text}”")).strong());
                    }
                    None => {
                        ui.label("Select the quote in the article below.");
                    }
                }
                if let Some(selection) = text_selection
                    && Some(selection) != self.quote.as_ref()
                    && ui
                        .button("Use the article's selection as the quote")
                        .clicked()
                {
                    self.quote = Some(selection.clone());
                }
                ui.separator();
                let focus = std::mem::take(&mut self.focus);
                let mut picked = false;
                egui::Grid::new("new-relation-grid")
                    .num_columns(2)
                    .show(ui, |ui| {
                        ui.label("Source");
                        ui.vertical(|ui| {
                            let focus_source = focus && self.source.chosen.is_none();
                            picked |= self.source.ui(ui, dataset, "relation-source", focus_source);
                        });
                        ui.end_row();
                        ui.label("Kind");
                        kind_combo(ui, "new-relation-kind", &mut self.kind);
                        ui.end_row();
                        ui.label("Target");
                        ui.vertical(|ui| {
                            let focus_target = focus
                                && self.source.chosen.is_some()
                                && self.target.chosen.is_none();
                            picked |= self.target.ui(ui, dataset, "relation-target", focus_target);
                        });
                        ui.end_row();
                        ui.label("Status");
                        status_combo(ui, "new-relation-status", &mut self.status);
                        ui.end_row();
                        ui.label("Label");
                        ui.add(
                            TextEdit::singleline(&mut self.label)
                                .id_salt("relation-label")
                                .hint_text("optional: what happened")
                                .desired_width(220.0),
                        );
                        ui.end_row();
                    });
                if ui.button("Swap source and target").clicked() {
                    std::mem::swap(&mut self.source, &mut self.target);
                }
                ui.separator();
                let relation = self.relation(dataset);
                // Enter creates it once it is complete (an Enter that picked an end only
                // picks).
                let enter = !picked && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let create = ui
                        .add_enabled(relation.is_ok(), egui::Button::new("Create"))
                        .on_hover_text("Enter");
                    if (create.clicked() || enter)
                        && let Ok(relation) = &relation
                    {
                        let select = Some(Selection::Relation(relation.id.clone()));
                        done = Some(vec![Command::Edit {
                            edit: Edit::AddRelation {
                                relation: relation.clone(),
                                at: None,
                            },
                            select,
                        }]);
                    }
                    if ui.button("Cancel").clicked() {
                        done = Some(Vec::new());
                    }
                    if let Err(missing) = &relation {
                        ui.weak(capitalized(missing));
                    }
                });
            });
        if !open {
            done = Some(Vec::new());
        }
        done
    }
}

fn kind_combo(ui: &mut egui::Ui, salt: &str, kind: &mut RelationKind) {
    egui::ComboBox::from_id_salt(salt)
        .selected_text(kind.verb())
        .show_ui(ui, |ui| {
            for (n, choice) in RelationKind::iter().enumerate() {
                ui.selectable_value(kind, choice, format!("{} {}", n + 1, choice.verb()));
            }
        });
}

fn status_combo(ui: &mut egui::Ui, salt: &str, status: &mut Option<Status>) {
    egui::ComboBox::from_id_salt(salt)
        .selected_text(status.map_or("stated as fact", |s| s.as_str()))
        .show_ui(ui, |ui| {
            ui.selectable_value(status, None, "stated as fact");
            for choice in Status::iter() {
                ui.selectable_value(status, Some(choice), choice.as_str());
            }
        });
}

/// The form for a new entity, or for changing one.
#[derive(Clone, Debug)]
pub struct EntityForm {
    /// The entity changed; `None` for a new one.
    pub editing: Option<String>,
    pub name: String,
    pub kind: EntityKind,
    pub subtype: String,
    /// Comma-separated.
    pub aliases: String,
    pub description: String,
    focus: bool,
}

impl EntityForm {
    /// A form for a new entity named `name`.
    pub fn new(name: &str) -> Self {
        // The name as selected, without the punctuation a selection takes along.
        let name = name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_matches(|c: char| {
                matches!(c, '.' | ',' | ';' | ':' | '"' | '“' | '”' | '(' | ')')
            })
            .to_owned();
        let kind = crate::extract::known_kind(&name).unwrap_or(EntityKind::Person);
        Self {
            editing: None,
            name,
            kind,
            subtype: String::new(),
            aliases: String::new(),
            description: String::new(),
            focus: true,
        }
    }

    /// A form to change `entity`.
    pub fn editing(entity: &Entity) -> Self {
        Self {
            editing: Some(entity.id.clone()),
            name: entity.name.clone(),
            kind: entity.kind,
            subtype: entity.subtype.clone().unwrap_or_default(),
            aliases: entity.aliases.join(", "),
            description: entity.description.clone().unwrap_or_default(),
            focus: true,
        }
    }

    /// The entity the form describes.
    pub fn entity(&self, dataset: &Dataset) -> Entity {
        let id = self
            .editing
            .clone()
            .unwrap_or_else(|| fresh_id(&self.name, |id| dataset.entity(id).is_some()));
        let optional = |text: &str| {
            let text = text.trim();
            (!text.is_empty()).then(|| text.to_owned())
        };
        Entity {
            id,
            name: self.name.trim().to_owned(),
            kind: self.kind,
            subtype: optional(&self.subtype),
            aliases: self
                .aliases
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect(),
            description: optional(&self.description),
        }
    }

    fn ui(&mut self, ctx: &egui::Context, dataset: &Dataset) -> Option<Vec<Command>> {
        let mut done = None;
        let mut open = true;
        let title = if self.editing.is_some() {
            "Edit entity"
        } else {
            "New entity"
        };
        egui::Window::new(title)
            .id(egui::Id::new("entity-form"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("entity-grid")
                    .num_columns(2)
                    .show(ui, |ui| {
                        ui.label("Name");
                        let name = ui.add(
                            TextEdit::singleline(&mut self.name)
                                .id_salt("entity-name")
                                .desired_width(240.0),
                        );
                        if std::mem::take(&mut self.focus) {
                            name.request_focus();
                        }
                        ui.end_row();
                        ui.label("Kind");
                        egui::ComboBox::from_id_salt("entity-kind")
                            .selected_text(capitalized(self.kind.as_str()))
                            .show_ui(ui, |ui| {
                                for kind in EntityKind::iter() {
                                    ui.selectable_value(
                                        &mut self.kind,
                                        kind,
                                        capitalized(kind.as_str()),
                                    );
                                }
                            });
                        ui.end_row();
                        for (label, text, hint, salt) in [
                            (
                                "Subtype",
                                &mut self.subtype,
                                "government, armed group…",
                                "subtype",
                            ),
                            ("Aliases", &mut self.aliases, "comma-separated", "aliases"),
                            (
                                "Description",
                                &mut self.description,
                                "optional",
                                "description",
                            ),
                        ] {
                            ui.label(label);
                            ui.add(
                                TextEdit::singleline(text)
                                    .id_salt(salt)
                                    .hint_text(hint)
                                    .desired_width(240.0),
                            );
                            ui.end_row();
                        }
                    });
                let entity = self.entity(dataset);
                let existing = search_matches(dataset, &entity.name)
                    .into_iter()
                    .find(|m| m.matched.eq_ignore_ascii_case(&entity.name))
                    .filter(|m| Some(&m.id) != self.editing.as_ref());
                if let Some(existing) = &existing {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(format!("{} is already an entity.", existing.name));
                        if ui.button("Select it").clicked() {
                            done = Some(vec![Command::Select(Selection::Entity(
                                existing.id.clone(),
                            ))]);
                        }
                    });
                }
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let ready = !entity.name.is_empty() && existing.is_none();
                    let action = if self.editing.is_some() {
                        "Apply"
                    } else {
                        "Create"
                    };
                    let clicked = ui.add_enabled(ready, egui::Button::new(action)).clicked();
                    if ready && (clicked || enter) {
                        let select = Some(Selection::Entity(entity.id.clone()));
                        let edit = match self.editing {
                            Some(_) => Edit::UpdateEntity(entity.clone()),
                            None => Edit::AddEntity {
                                entity: entity.clone(),
                                at: None,
                            },
                        };
                        done = Some(vec![Command::Edit { edit, select }]);
                    }
                    if ui.button("Cancel").clicked() {
                        done = Some(Vec::new());
                    }
                });
            });
        if !open {
            done = Some(Vec::new());
        }
        done
    }
}

/// The merge form: the entity to fold in, the one it goes into, and what will change.
#[derive(Clone, Debug)]
pub struct MergeForm {
    pub from: String,
    pub into: EntityPicker,
    focus: bool,
}

impl MergeForm {
    fn ui(&mut self, ctx: &egui::Context, dataset: &Dataset) -> Option<Vec<Command>> {
        let from_name = dataset.entity(&self.from)?.name.clone();
        let mut done = None;
        let mut open = true;
        egui::Window::new(format!("Merge {from_name} into…"))
            .id(egui::Id::new("merge-form"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(format!(
                    "Two names for one actor? {from_name} goes, and the entity you pick keeps \
                     its names as aliases, its relations and its quotes."
                ));
                let focus = std::mem::take(&mut self.focus);
                let picked = self.into.ui(ui, dataset, "merge-into", focus);
                let preview = self
                    .into
                    .chosen
                    .as_deref()
                    .map(|into| MergePreview::of(dataset, &self.from, into));
                match &preview {
                    Some(Ok(preview)) => {
                        let into_name = self
                            .into
                            .chosen
                            .as_deref()
                            .and_then(|id| dataset.entity(id))
                            .map_or(String::new(), |e| e.name.clone());
                        ui.label(preview.describe(&from_name, &into_name));
                    }
                    Some(Err(refused)) => {
                        ui.colored_label(ui.visuals().warn_fg_color, capitalized(&refused.0));
                    }
                    None => {
                        ui.weak("Pick the entity to merge into.");
                    }
                }
                let enter = !picked && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let ready = matches!(preview, Some(Ok(_)));
                    let merge = ui
                        .add_enabled(ready, egui::Button::new("Merge"))
                        .on_hover_text("Enter");
                    if (merge.clicked() || (ready && enter))
                        && let Some(into) = self.into.chosen.clone()
                    {
                        done = Some(vec![Command::Edit {
                            edit: Edit::Merge {
                                from: self.from.clone(),
                                into: into.clone(),
                            },
                            select: Some(Selection::Entity(into)),
                        }]);
                    }
                    if ui.button("Cancel").clicked() {
                        done = Some(Vec::new());
                    }
                });
            });
        if !open {
            done = Some(Vec::new());
        }
        done
    }
}

/// The open forms.
#[derive(Default)]
pub struct Forms {
    pub relation: Option<RelationForm>,
    pub entity: Option<EntityForm>,
    pub merge: Option<MergeForm>,
    /// The entity whose deletion waits for confirmation.
    pub delete: Option<String>,
}

impl Forms {
    pub fn open_merge(&mut self, from: String) {
        self.merge = Some(MergeForm {
            from,
            into: EntityPicker::default(),
            focus: true,
        });
    }

    /// Whether a form is open.
    pub fn any_open(&self) -> bool {
        self.relation.is_some()
            || self.entity.is_some()
            || self.merge.is_some()
            || self.delete.is_some()
    }

    /// Closes every form, as Esc does.
    pub fn close(&mut self) {
        *self = Self::default();
    }

    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        dataset: &Dataset,
        text_selection: Option<&TextSelection>,
        recovery: Option<&Offered>,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(form) = &mut self.relation
            && let Some(done) = form.ui(ctx, dataset, text_selection)
        {
            commands.extend(done);
            self.relation = None;
        }
        if let Some(form) = &mut self.entity
            && let Some(done) = form.ui(ctx, dataset)
        {
            commands.extend(done);
            self.entity = None;
        }
        if let Some(form) = &mut self.merge {
            match form.ui(ctx, dataset) {
                Some(done) => {
                    commands.extend(done);
                    self.merge = None;
                }
                None if dataset.entity(&form.from).is_none() => self.merge = None,
                None => {}
            }
        }
        if let Some(id) = &self.delete {
            match delete_ui(ctx, dataset, id) {
                Some(done) => {
                    commands.extend(done);
                    self.delete = None;
                }
                None if dataset.entity(id).is_none() => self.delete = None,
                None => {}
            }
        }
        if let Some(offered) = recovery {
            commands.extend(recovery_ui(ctx, offered));
        }
        commands
    }
}

/// The confirmation of deleting entity `id`, listing the relations that go with it.
fn delete_ui(ctx: &egui::Context, dataset: &Dataset, id: &str) -> Option<Vec<Command>> {
    let entity = dataset.entity(id)?;
    let relations: Vec<&Relation> = dataset.relations_of(id).collect();
    let name_of = |id: &str| dataset.entity(id).map_or(id.to_owned(), |e| e.name.clone());
    let mut done = None;
    let mut open = true;
    egui::Window::new(format!("Delete {}?", entity.name))
        .id(egui::Id::new("delete-entity"))
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            if relations.is_empty() {
                ui.label(format!("{} has no relations.", entity.name));
            } else {
                ui.label(format!(
                    "Its {} go with it:",
                    plural(relations.len(), "relation")
                ));
                egui::ScrollArea::vertical()
                    .max_height(200.0)
                    .show(ui, |ui| {
                        for relation in &relations {
                            ui.label(format!(
                                "• {} {} {}",
                                name_of(&relation.source),
                                relation.kind.verb(),
                                name_of(&relation.target)
                            ));
                        }
                    });
            }
            ui.weak("Ctrl+Z brings everything back.");
            ui.horizontal(|ui| {
                if ui.button("Delete").clicked() {
                    done = Some(vec![Command::Edit {
                        edit: Edit::RemoveEntity(id.to_owned()),
                        select: Some(Selection::None),
                    }]);
                }
                if ui.button("Cancel").clicked() {
                    done = Some(Vec::new());
                }
            });
        });
    if !open {
        done = Some(Vec::new());
    }
    done
}

/// The offer to restore unsaved work found at start.
fn recovery_ui(ctx: &egui::Context, offered: &Offered) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Window::new("Restore unsaved work?")
        .id(egui::Id::new("recovery"))
        .collapsible(false)
        .show(ctx, |ui| {
            let dataset = &offered.loaded.dataset;
            ui.label(format!(
                "stakegraph closed before changes to “{}” were saved ({}, {}).",
                dataset.title,
                plural(dataset.entities.len(), "entity"),
                plural(dataset.relations.len(), "relation")
            ));
            if let Some(file) = &offered.file {
                ui.weak(format!("From {}", file.display()));
            }
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    commands.push(Command::RestoreRecovery);
                }
                if ui.button("Discard").clicked() {
                    commands.push(Command::DiscardRecovery);
                }
            });
        });
    commands
}
