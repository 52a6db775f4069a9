//! The side panel: an overview of the dataset, or the selected entity with every relation it
//! has (grouped by counterpart, each with its quotes), or the selected relation with its facts
//! and quotes, each with the controls that edit it (kind, status, direction, label, quotes,
//! review). All its text wraps, so it keeps the width the user gave it.

use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, RichText, ScrollArea};

use strum::IntoEnumIterator;

use crate::edit::Edit;
use crate::evidence;
use crate::model::{Evidence, RelationKind, RelationReview, Review, Status, capitalized, plural};
use crate::style;
use crate::ui::display::color;
use crate::ui::forms::TextSelection;
use crate::ui::workspace::Workspace;
use crate::ui::{Command, Selection};

/// What the side panel shows.
pub struct EvidencePanel<'a> {
    pub workspace: &'a Workspace,
    pub selection: &'a Selection,
    /// The text selected in the article, which can become a quote.
    pub text_selection: Option<&'a TextSelection>,
    /// The label being typed for the selected relation: its id and the text so far.
    pub label_draft: &'a mut Option<(String, String)>,
}

impl EvidencePanel<'_> {
    pub fn ui(mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| match self.selection {
                Selection::None => self.overview_ui(ui, &mut commands),
                Selection::Entity(id) => self.entity_ui(ui, id, &mut commands),
                Selection::Relation(id) => self.relation_ui(ui, id, &mut commands),
            });
        commands
    }

    fn overview_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let dataset = &self.workspace.dataset;
        ui.heading(&dataset.title);
        ui.label(format!(
            "{}, {}, {}",
            plural(dataset.entities.len(), "entity"),
            plural(dataset.relations.len(), "relation"),
            plural(dataset.quote_count(), "quote")
        ));
        ui.weak(&self.workspace.origin);
        if !self.workspace.warnings.is_empty() {
            ui.collapsing(plural(self.workspace.warnings.len(), "warning"), |ui| {
                for warning in &self.workspace.warnings {
                    ui.label(warning.to_string());
                }
            });
        }
        let waiting = self.workspace.suggestion_count();
        if waiting > 0 {
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{} drawn by the extractor {} for review.",
                    plural(waiting, "relation"),
                    if waiting == 1 { "waits" } else { "wait" }
                ));
                if ui.button("Review (Ctrl+R)").clicked() {
                    commands.push(Command::ToggleReview);
                }
            });
        }
        if ui
            .button("Add an article's suggestions…")
            .on_hover_text(
                "Ctrl+Shift+O: extract another article (or this one again) into this dataset; \
                 what you accepted, rejected or wrote stays as it is",
            )
            .clicked()
        {
            commands.push(Command::AddArticleDialog);
        }
        ui.add_space(12.0);
        ui.label("Click a node or an edge to read the evidence behind it.");
        ui.label(
            "To add a relation, select its sentence in the article below (drag, or \
             double-click a sentence), then New relation (Ctrl+N).",
        );
    }

    fn entity_ui(&self, ui: &mut egui::Ui, id: &str, commands: &mut Vec<Command>) {
        let dataset = &self.workspace.dataset;
        let Some(entity) = dataset.entity(id) else {
            return;
        };
        ui.heading(&entity.name);
        let mut kind = capitalized(entity.kind.as_str());
        if let Some(subtype) = &entity.subtype {
            kind = format!("{kind} · {subtype}");
        }
        ui.label(RichText::new(kind).color(color(style::entity_look(entity.kind).1)));
        for role in evidence::roles(dataset, &entity.id) {
            ui.label(RichText::new(role).strong());
        }
        if !entity.aliases.is_empty() {
            ui.label(format!("Also: {}", entity.aliases.join(", ")));
        }
        if let Some(description) = &entity.description {
            ui.label(description);
        }
        let pinned = self
            .workspace
            .entity_position(id)
            .is_some_and(|index| self.workspace.layout.is_pinned(index));
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("✏ Edit…")
                .on_hover_text("Name, kind, subtype, aliases, description")
                .clicked()
            {
                commands.push(Command::EditEntity(id.to_owned()));
            }
            if ui
                .button("Merge into…")
                .on_hover_text("Ctrl+M: two names for one actor")
                .clicked()
            {
                commands.push(Command::MergeSelection);
            }
            if ui
                .button("🗑 Delete…")
                .on_hover_text("Delete: the entity and its relations")
                .clicked()
            {
                commands.push(Command::DeleteSelection);
            }
            if pinned
                && ui
                    .button("📌 Unpin")
                    .on_hover_text("Or double-click the node")
                    .clicked()
            {
                commands.push(Command::Unpin(id.to_owned()));
            }
        });
        ui.separator();
        let groups = evidence::relations_by_counterpart(dataset, &entity.id);
        let count: usize = groups.iter().map(|(_, relations)| relations.len()).sum();
        ui.label(RichText::new(plural(count, "relation")).strong());
        for (counterpart, relations) in groups {
            ui.add_space(6.0);
            let other = dataset.entity(&counterpart);
            let name = other.map_or(counterpart.as_str(), |e| e.name.as_str());
            if ui
                .link(RichText::new(name).heading().size(15.0))
                .on_hover_text("Select this entity")
                .clicked()
                && other.is_some()
            {
                commands.push(Command::Select(Selection::Entity(counterpart.clone())));
            }
            for relation_index in relations {
                let relation = &dataset.relations[relation_index];
                // A sentence reads better than an arrow, and every font has the letters.
                let name_of =
                    |id: &str| dataset.entity(id).map_or(id.to_owned(), |e| e.name.clone());
                let mut header = format!(
                    "{} {} {}",
                    name_of(&relation.source),
                    relation.kind.verb(),
                    name_of(&relation.target)
                );
                if let Some(status) = relation.status {
                    header.push_str(&format!(" ({})", status.as_str()));
                }
                if let Some(label) = &relation.label {
                    header.push_str(&format!(" · {label}"));
                }
                if relation.has_suggestions() {
                    header.push_str(" · suggested");
                }
                let polarity_color = color(style::polarity_color(relation.kind.polarity()));
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .link(RichText::new(header).color(polarity_color))
                        .on_hover_text("Select this relation")
                        .clicked()
                    {
                        commands.push(Command::Select(Selection::Relation(relation.id.clone())));
                    }
                });
                for evidence in &relation.evidence {
                    self.quote_ui(ui, evidence);
                }
            }
        }
    }

    fn relation_ui(&mut self, ui: &mut egui::Ui, id: &str, commands: &mut Vec<Command>) {
        let dataset = &self.workspace.dataset;
        let Some(relation) = self
            .workspace
            .derived
            .relation(id)
            .and_then(|index| dataset.relations.get(index))
        else {
            return;
        };
        let name_of = |id: &str| dataset.entity(id).map_or(id.to_owned(), |e| e.name.clone());
        ui.horizontal_wrapped(|ui| {
            if ui
                .link(RichText::new(name_of(&relation.source)).heading())
                .clicked()
                && dataset.entity(&relation.source).is_some()
            {
                commands.push(Command::Select(Selection::Entity(relation.source.clone())));
            }
            ui.label(
                RichText::new(relation.kind.verb())
                    .heading()
                    .color(color(style::polarity_color(relation.kind.polarity()))),
            );
            if ui
                .link(RichText::new(name_of(&relation.target)).heading())
                .clicked()
                && dataset.entity(&relation.target).is_some()
            {
                commands.push(Command::Select(Selection::Entity(relation.target.clone())));
            }
        });
        match relation.review() {
            RelationReview::Accepted => {}
            review => {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        if review == RelationReview::Suggested {
                            "Suggested by the extractor, not reviewed yet"
                        } else {
                            "Some quotes are suggestions, not reviewed yet"
                        },
                    );
                    if ui
                        .button("✔ Accept")
                        .on_hover_text("Alt+A (A in review)")
                        .clicked()
                    {
                        commands.push(Command::AcceptSelection);
                    }
                    if ui
                        .button("✖ Reject")
                        .on_hover_text("Alt+X (X in review)")
                        .clicked()
                    {
                        commands.push(Command::RejectSelection);
                    }
                });
            }
        }
        ui.horizontal_wrapped(|ui| {
            let mut kind = relation.kind;
            egui::ComboBox::from_id_salt("relation-kind")
                .selected_text(kind.verb())
                .show_ui(ui, |ui| {
                    for (n, choice) in RelationKind::iter().enumerate() {
                        ui.selectable_value(
                            &mut kind,
                            choice,
                            format!("{} {}", n + 1, choice.verb()),
                        );
                    }
                })
                .response
                .on_hover_text("The kind (Alt+1 … Alt+8)");
            if kind != relation.kind {
                commands.push(Command::RetypeSelection(kind));
            }
            let mut status = relation.status;
            egui::ComboBox::from_id_salt("relation-status")
                .selected_text(status.map_or("stated as fact", |s| s.as_str()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut status, None, "stated as fact");
                    for choice in Status::iter() {
                        ui.selectable_value(&mut status, Some(choice), choice.as_str());
                    }
                });
            if status != relation.status {
                commands.push(Command::Edit {
                    edit: Edit::UpdateRelation(crate::model::Relation {
                        status,
                        ..relation.clone()
                    }),
                    select: None,
                });
            }
            if ui
                .button("Reverse")
                .on_hover_text("Alt+S: swap source and target")
                .clicked()
            {
                commands.push(Command::ReverseSelection);
            }
            if ui
                .button("🗑 Delete")
                .on_hover_text("Delete (Ctrl+Z brings it back)")
                .clicked()
            {
                commands.push(Command::DeleteSelection);
            }
        });
        let saved_label = relation.label.clone().unwrap_or_default();
        let draft = match self.label_draft {
            Some((draft_id, text)) if draft_id == id => text,
            _ => {
                *self.label_draft = Some((id.to_owned(), saved_label.clone()));
                &mut self.label_draft.as_mut().expect("just set").1
            }
        };
        ui.horizontal(|ui| {
            ui.weak("Label");
            let response = ui.add(
                egui::TextEdit::singleline(draft)
                    .id_salt("relation-label-edit")
                    .hint_text("what happened, or the role")
                    .desired_width(f32::INFINITY),
            );
            if response.lost_focus() && draft.trim() != saved_label {
                let label = draft.trim();
                commands.push(Command::Edit {
                    edit: Edit::UpdateRelation(crate::model::Relation {
                        label: (!label.is_empty()).then(|| label.to_owned()),
                        ..relation.clone()
                    }),
                    select: None,
                });
            }
        });
        // Facts as wrapped lines, not a grid: a grid's columns grow with their longest
        // text, and with them the panel.
        let fact = |ui: &mut egui::Ui, name: &str, value: String| {
            ui.horizontal_wrapped(|ui| {
                ui.weak(name);
                ui.label(value);
            });
        };
        fact(
            ui,
            "Kind",
            format!(
                "{} ({})",
                relation.kind.as_str(),
                relation.kind.polarity().as_str()
            ),
        );
        fact(
            ui,
            "Direction",
            format!(
                "from {} to {}",
                name_of(&relation.source),
                name_of(&relation.target)
            ),
        );
        fact(
            ui,
            "Status",
            relation
                .status
                .map_or("stated as fact", |s| s.as_str())
                .to_owned(),
        );
        if let Some(rule) = &relation.rule {
            let reason = crate::extract::describe_rule(rule)
                .map_or_else(|| format!("rule {rule}"), |d| format!("rule {rule}: {d}"));
            fact(ui, "Why", format!("Extracted from the text by {reason}"));
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(plural(relation.evidence.len(), "quote")).strong());
            let add = ui
                .add_enabled(
                    self.text_selection.is_some(),
                    egui::Button::new("+ Add the selected text"),
                )
                .on_hover_text("Ctrl+Shift+A")
                .on_disabled_hover_text("Select the quote in the article first");
            if add.clicked() {
                commands.push(Command::AddQuoteFromText);
            }
        });
        let only_one = relation.evidence.len() == 1;
        for evidence in &relation.evidence {
            ui.horizontal(|ui| {
                let remove = ui
                    .add_enabled(!only_one, egui::Button::new("Remove").small())
                    .on_hover_text("Remove this quote")
                    .on_disabled_hover_text(
                        "A relation needs a quote: delete the relation instead",
                    );
                if remove.clicked() {
                    commands.push(Command::Edit {
                        edit: Edit::RemoveQuote {
                            relation: relation.id.clone(),
                            document: evidence.document.clone(),
                            start: evidence.start,
                            end: evidence.end,
                        },
                        select: None,
                    });
                }
                if evidence.review == Review::Suggested {
                    ui.weak("suggested");
                }
            });
            self.quote_ui(ui, evidence);
        }
    }

    /// A quote in quotation marks, strong, with its surrounding words weak when it is short.
    fn quote_ui(&self, ui: &mut egui::Ui, evidence: &Evidence) {
        let Some(document) = self.workspace.dataset.document(&evidence.document) else {
            return;
        };
        let Some(context) = evidence::in_context(&document.text, evidence.start, evidence.end)
        else {
            return;
        };
        let visuals = ui.visuals();
        let font = FontId::proportional(14.0);
        let weak = TextFormat::simple(font.clone(), visuals.weak_text_color());
        let strong = TextFormat::simple(font, visuals.strong_text_color());
        let mut job = LayoutJob::default();
        job.append("“", 0.0, weak.clone());
        if !context.before.is_empty() {
            job.append(&format!("…{}", context.before), 0.0, weak.clone());
        }
        job.append(context.quote, 0.0, strong);
        if !context.after.is_empty() {
            job.append(&format!("{}…", context.after), 0.0, weak.clone());
        }
        job.append("”", 0.0, weak);
        job.wrap.max_width = ui.available_width() - 16.0;
        ui.indent(
            ("quote", &evidence.document, evidence.start, evidence.end),
            |ui| {
                ui.label(job).on_hover_text(format!(
                    "{}, bytes {}..{}",
                    evidence.document, evidence.start, evidence.end
                ));
            },
        );
    }
}
