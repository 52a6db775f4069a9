//! The Filters menu: entity kinds, relation kinds by polarity, and focus on the selection.

use std::collections::BTreeSet;

use egui::RichText;
use strum::IntoEnumIterator;

use crate::model::{EntityKind, Polarity, RelationKind, capitalized};
use crate::style;
use crate::ui::Filters;
use crate::ui::display::color;

/// Draws the menu; returns the new filters when the user changed any.
pub fn filters_menu_ui(ui: &mut egui::Ui, current: &Filters) -> Option<Filters> {
    let mut filters = current.clone();
    // Stays open while filters are toggled; a click outside closes it.
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::containers::menu::MenuButton::new("Filters")
        .config(config)
        .ui(ui, |ui| {
            ui.label(RichText::new("Entities").strong());
            for kind in EntityKind::iter() {
                let mut shown = !filters.hidden_entity_kinds.contains(&kind);
                if ui
                    .checkbox(&mut shown, capitalized(kind.as_str()))
                    .changed()
                {
                    toggle(&mut filters.hidden_entity_kinds, kind, shown);
                }
            }
            ui.separator();
            ui.label(RichText::new("Relations").strong());
            for polarity in Polarity::iter() {
                let kinds: Vec<RelationKind> = RelationKind::iter()
                    .filter(|k| k.polarity() == polarity)
                    .collect();
                let shown_count = kinds
                    .iter()
                    .filter(|k| !filters.hidden_relation_kinds.contains(k))
                    .count();
                let mut all = shown_count == kinds.len();
                let label = RichText::new(capitalized(polarity.as_str()))
                    .color(color(style::polarity_color(polarity)));
                if ui
                    .add(
                        egui::Checkbox::new(&mut all, label)
                            .indeterminate(shown_count > 0 && shown_count < kinds.len()),
                    )
                    .changed()
                {
                    for kind in &kinds {
                        toggle(&mut filters.hidden_relation_kinds, *kind, all);
                    }
                }
                ui.indent(polarity.as_str(), |ui| {
                    for kind in kinds {
                        let mut shown = !filters.hidden_relation_kinds.contains(&kind);
                        if ui.checkbox(&mut shown, kind.verb()).changed() {
                            toggle(&mut filters.hidden_relation_kinds, kind, shown);
                        }
                    }
                });
            }
            ui.separator();
            ui.checkbox(&mut filters.focus, "Focus on the selection")
                .on_hover_text("Show only the selection and its neighbours");
            ui.add_enabled_ui(filters.focus, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Within");
                    ui.add(egui::DragValue::new(&mut filters.hops).range(1..=5));
                    ui.label(if filters.hops == 1 { "hop" } else { "hops" });
                });
            });
            if ui.button("Show everything").clicked() {
                filters = Filters::default();
            }
        });
    (filters != *current).then_some(filters)
}

fn toggle<T: Ord>(hidden: &mut BTreeSet<T>, value: T, shown: bool) {
    if shown {
        hidden.remove(&value);
    } else {
        hidden.insert(value);
    }
}
