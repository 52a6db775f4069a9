//! The article panel: the source text with every quote marked, the selection's strongly;
//! a click in a quote selects its relation. Dragging over the text selects a span of it (a
//! double-click, a sentence), which the forms turn into a quote or an entity name with exact
//! byte offsets. A long text shows a window of it around the selection, so laying it out never
//! holds up a frame.

use std::ops::Range;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, RichText, ScrollArea, Sense};

use crate::model::Document;
use crate::ui::forms::TextSelection;
use crate::ui::workspace::Workspace;
use crate::ui::{Command, Selection};

/// Texts longer than this (in bytes) show a window of it around the selection.
pub const LONG_TEXT: usize = 60_000;

/// A quote marked in the article: its byte range in the text shown, its relation (position in
/// the dataset revision the view was made for) and whether it belongs to the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub relation: usize,
    pub strong: bool,
}

/// The article as last laid out, kept while its inputs stay the same: laying out a long
/// article with thousands of marks every frame would cost more than the graph.
pub struct SourceView {
    key: (String, Selection, bool, u32),
    galley: std::sync::Arc<egui::Galley>,
    pub marks: Vec<Mark>,
    first_strong: Option<usize>,
    /// The byte range of the document shown: all of it, or a window around the selection's
    /// first quote when the text is long. Marks are relative to its start.
    pub shown: Range<usize>,
    /// Where the text was drawn in the last frame, in screen points.
    drawn_at: Option<egui::Pos2>,
}

impl SourceView {
    /// The id of the document shown.
    pub fn document_id(&self) -> &str {
        &self.key.0
    }

    /// Where byte `at` of the document is on screen (the top-left of its character), if it is
    /// in the part shown.
    pub fn screen_position(&self, at: usize, text: &str) -> Option<egui::Pos2> {
        let origin = self.drawn_at?;
        let relative = at.checked_sub(self.shown.start)?;
        let shown = text.get(self.shown.clone())?;
        let before = shown.get(..relative)?;
        let cursor = CCursor::new(before.chars().count());
        Some(self.galley.pos_from_cursor(cursor).min + origin.to_vec2())
    }
}

/// The article panel's state.
#[derive(Default)]
pub struct SourcePanel {
    view: Option<SourceView>,
    /// Scroll to the selection's first quote when next drawn.
    scroll: bool,
    /// The span of text the user selected, in the document's byte offsets.
    text_selection: Option<TextSelection>,
    /// Where the drag that is selecting text started (a byte of the document).
    anchor: Option<usize>,
}

impl SourcePanel {
    /// Scroll to the selection's quotes when next drawn.
    pub fn scroll_to_selection(&mut self) {
        self.scroll = true;
    }

    /// Drops the laid-out text: the dataset changed.
    pub fn forget(&mut self) {
        self.view = None;
    }

    /// The text the user selected in the article.
    pub fn text_selection(&self) -> Option<&TextSelection> {
        self.text_selection.as_ref()
    }

    pub fn set_text_selection(&mut self, selection: TextSelection) {
        self.text_selection = Some(selection);
    }

    pub fn clear_text_selection(&mut self) {
        self.text_selection = None;
        self.anchor = None;
    }

    /// The article as laid out in the last frame.
    pub fn view(&self) -> Option<&SourceView> {
        self.view.as_ref()
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        workspace: &Workspace,
        selection: &Selection,
    ) -> Option<Command> {
        let dataset = &workspace.dataset;
        let document_id = match selection {
            Selection::Relation(id) => workspace
                .derived
                .relation(id)
                .and_then(|index| dataset.relations[index].evidence.first())
                .map(|e| e.document.clone()),
            Selection::Entity(id) => dataset
                .relations_of(id)
                .flat_map(|r| r.evidence.first())
                .map(|e| e.document.clone())
                .next(),
            Selection::None => None,
        }
        .or_else(|| dataset.documents.first().map(|d| d.id.clone()));
        let Some(document) = document_id.and_then(|id| dataset.document(&id)) else {
            ui.weak("No source text.");
            return None;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(document.title.as_deref().unwrap_or("Source")).strong());
            let mut about = Vec::new();
            about.extend(document.source.as_deref());
            about.extend(document.published.as_deref());
            ui.weak(about.join(", "));
        });
        let key = (
            document.id.clone(),
            selection.clone(),
            ui.visuals().dark_mode,
            ui.available_width().round() as u32,
        );
        if self.view.as_ref().is_none_or(|view| view.key != key) {
            self.view = Some(source_view(ui, workspace, selection, document, key));
        }
        let view = self.view.as_mut()?;
        let text = &document.text[view.shown.clone()];
        if view.shown.len() < document.text.len() {
            ui.weak(format!(
                "A long text: showing bytes {}..{} of {}, around the selection.",
                view.shown.start,
                view.shown.end,
                document.text.len()
            ));
        }
        if let Some(selection) = &self.text_selection
            && (selection.document != document.id
                || selection.start < view.shown.start
                || selection.end > view.shown.end)
        {
            self.text_selection = None;
        }
        let scroll = std::mem::take(&mut self.scroll);
        let mut clicked = None;
        let shown_start = view.shown.start;
        let byte_of = |galley: &egui::Galley, at: egui::Vec2| {
            let cursor = galley.cursor_from_pos(at);
            text.char_indices()
                .nth(cursor.index.0)
                .map_or(text.len(), |(at, _)| at)
        };
        let chars_to = |byte: usize| text.get(..byte).map_or(0, |before| before.chars().count());
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut galley = view.galley.clone();
                let (rect, response) =
                    ui.allocate_exact_size(galley.size(), Sense::click_and_drag());
                view.drawn_at = Some(rect.min);
                let pointer = response.interact_pointer_pos();
                if response.drag_started()
                    && let Some(origin) = ui.input(|i| i.pointer.press_origin())
                {
                    self.anchor = Some(byte_of(&galley, origin - rect.min));
                }
                if response.dragged()
                    && let (Some(anchor), Some(pointer)) = (self.anchor, pointer)
                {
                    let head = byte_of(&galley, pointer - rect.min);
                    self.text_selection = whole_words(text, anchor.min(head), anchor.max(head))
                        .map(|(start, end)| TextSelection {
                            document: document.id.clone(),
                            start: start + shown_start,
                            end: end + shown_start,
                        });
                }
                if response.drag_stopped() {
                    self.anchor = None;
                }
                if response.double_clicked()
                    && let Some(pointer) = pointer
                {
                    let (start, end) = sentence_around(text, byte_of(&galley, pointer - rect.min));
                    self.text_selection =
                        trimmed(text, start, end).map(|(start, end)| TextSelection {
                            document: document.id.clone(),
                            start: start + shown_start,
                            end: end + shown_start,
                        });
                }
                if let Some(selection) = &self.text_selection {
                    let range = egui::text::CCursorRange::two(
                        CCursor::new(chars_to(selection.start - shown_start)),
                        CCursor::new(chars_to(selection.end - shown_start)),
                    );
                    egui::text_selection::visuals::paint_text_selection(
                        &mut galley,
                        ui.visuals(),
                        &range,
                        None,
                    );
                }
                ui.painter()
                    .galley(rect.min, galley.clone(), ui.visuals().text_color());
                if scroll && let Some(start) = view.first_strong {
                    let char_index = text.get(..start).map_or(0, |before| before.chars().count());
                    let span = galley
                        .pos_from_cursor(CCursor::new(char_index))
                        .translate(rect.min.to_vec2());
                    ui.scroll_to_rect(span.expand(40.0), Some(Align::Center));
                }
                if response.clicked()
                    && !response.double_clicked()
                    && let Some(pointer) = pointer
                {
                    self.text_selection = None;
                    clicked = relation_at(&view.marks, byte_of(&galley, pointer - rect.min));
                }
            });
        let relation = dataset.relations.get(clicked?)?;
        Some(Command::Select(Selection::Relation(relation.id.clone())))
    }
}

/// The span `start..end` of `text` without the white space at its ends; `None` when nothing
/// else is left.
pub fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let span = text.get(start..end)?;
    let lead = span.len() - span.trim_start().len();
    let trail = span.len() - span.trim_end().len();
    let (start, end) = (start + lead, end - trail);
    (start < end).then_some((start, end))
}

/// The sentence of `text` around byte `at`: from after the previous sentence end (or line
/// break) to its own end mark and any closing quotation marks.
pub fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let is_end = |c: char| matches!(c, '.' | '!' | '?');
    let mut start = 0;
    let mut previous: Option<(usize, char)> = None;
    for (index, c) in text[..at].char_indices() {
        let after_end = previous
            .is_some_and(|(end_at, end)| is_end(end) && !is_abbreviation(text, end_at, end));
        if c == '\n' || (c.is_whitespace() && after_end) {
            start = index + c.len_utf8();
        }
        previous = Some((index, c));
    }
    let mut end = text.len();
    let rest = &text[at..];
    let mut chars = rest.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        if c == '\n' {
            end = at + index;
            break;
        }
        if is_end(c) && !is_abbreviation(text, at + index, c) {
            let mut stop = at + index + c.len_utf8();
            while let Some(&(next_index, next)) = chars.peek() {
                if matches!(next, '"' | '”' | '’' | '\'' | ')') {
                    stop = at + next_index + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek().is_none_or(|&(_, next)| next.is_whitespace()) {
                end = stop;
                break;
            }
        }
    }
    (start, end)
}

/// Whether the `mark` at byte `at` of `text` ends an abbreviation or an initial ("Gen.",
/// "Mr.", "U.S.", "J.") rather than a sentence.
fn is_abbreviation(text: &str, at: usize, mark: char) -> bool {
    const TITLES: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr",
        "sen", "rep", "gov", "pres", "st", "jr", "sr", "mt", "no", "vs", "inc", "corp", "co",
        "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
    ];
    if mark != '.' {
        return false;
    }
    let word: String = text[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let last = word.rsplit('.').next().unwrap_or("");
    // An initial or a dotted acronym ("J.", "U.S."), or a title before a name.
    (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
        || TITLES.contains(&last.to_lowercase().as_str())
}

/// The span `start..end` of `text` grown to whole words at both ends (a drag that starts or
/// stops inside a word takes all of it), then trimmed of white space.
pub fn whole_words(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    let mut start = start.min(text.len());
    let mut end = end.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let inside_start = text[start..].chars().next().is_some_and(is_word);
    if inside_start {
        while let Some(c) = text[..start].chars().next_back().filter(|&c| is_word(c)) {
            start -= c.len_utf8();
        }
    }
    let inside_end = text[..end].chars().next_back().is_some_and(is_word);
    if inside_end {
        while let Some(c) = text[end..].chars().next().filter(|&c| is_word(c)) {
            end += c.len_utf8();
        }
    }
    trimmed(text, start, end)
}

/// The relation whose quote is under byte `at` of the text shown: the innermost (shortest)
/// span, the selection's first.
pub fn relation_at(marks: &[Mark], at: usize) -> Option<usize> {
    marks
        .iter()
        .filter(|mark| mark.start <= at && at < mark.end)
        .min_by_key(|mark| (!mark.strong, mark.end - mark.start))
        .map(|mark| mark.relation)
}

/// The quotes of `document`, marked strongly when they belong to the selection, and the part
/// of the text shown.
pub fn marks_for(
    workspace: &Workspace,
    selection: &Selection,
    document: &Document,
) -> (Vec<Mark>, Range<usize>) {
    let dataset = &workspace.dataset;
    let resolved = selection.highlight().resolve(&workspace.derived);
    let strong_relation = |relation: usize| match resolved {
        crate::scene::Resolved::None => false,
        crate::scene::Resolved::Relation(index) => index == relation,
        crate::scene::Resolved::Entity(index) => workspace.derived.ends[relation]
            .is_some_and(|(source, target)| source == index || target == index),
    };
    let mut marks: Vec<Mark> = Vec::new();
    for (relation_index, relation) in dataset.relations.iter().enumerate() {
        let strong = strong_relation(relation_index);
        for e in relation
            .evidence
            .iter()
            .filter(|e| e.document == document.id)
        {
            marks.push(Mark {
                start: e.start,
                end: e.end,
                relation: relation_index,
                strong,
            });
        }
    }
    let text = &document.text;
    let shown = if text.len() <= LONG_TEXT {
        0..text.len()
    } else {
        let around = marks
            .iter()
            .filter(|m| m.strong)
            .map(|m| m.start)
            .min()
            .unwrap_or(0);
        let mut start = around.saturating_sub(LONG_TEXT / 2);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + LONG_TEXT).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        start..end
    };
    let marks = marks
        .into_iter()
        .filter(|mark| mark.start >= shown.start && mark.end <= shown.end)
        .map(|mark| Mark {
            start: mark.start - shown.start,
            end: mark.end - shown.start,
            ..mark
        })
        .collect();
    (marks, shown)
}

/// Lays out `document` with its quotes marked.
fn source_view(
    ui: &egui::Ui,
    workspace: &Workspace,
    selection: &Selection,
    document: &Document,
    key: (String, Selection, bool, u32),
) -> SourceView {
    let (marks, shown) = marks_for(workspace, selection, document);
    let job = highlighted_job(ui, &document.text[shown.clone()], &marks);
    let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
    let first_strong = marks.iter().filter(|m| m.strong).map(|m| m.start).min();
    SourceView {
        key,
        galley,
        marks,
        first_strong,
        shown,
        drawn_at: None,
    }
}

/// The article with quote spans marked.
fn highlighted_job(ui: &egui::Ui, text: &str, marks: &[Mark]) -> LayoutJob {
    let visuals = ui.visuals();
    let font = FontId::proportional(14.0);
    let dark = visuals.dark_mode;
    let light_fill = if dark {
        Color32::from_rgba_unmultiplied(255, 210, 80, 28)
    } else {
        Color32::from_rgba_unmultiplied(255, 200, 0, 45)
    };
    let strong_fill = if dark {
        Color32::from_rgba_unmultiplied(255, 200, 40, 110)
    } else {
        Color32::from_rgba_unmultiplied(255, 190, 0, 150)
    };
    // Each byte's highlight level: 0 none, 1 some quote, 2 a selected quote.
    let mut level = vec![0u8; text.len() + 1];
    for mark in marks {
        if let Some(span) = level.get_mut(mark.start..mark.end.min(text.len())) {
            for value in span {
                *value = (*value).max(if mark.strong { 2 } else { 1 });
            }
        }
    }
    let mut job = LayoutJob::default();
    let mut run_start = 0;
    for at in 1..=text.len() {
        if at == text.len() || (level[at] != level[run_start] && text.is_char_boundary(at)) {
            let mut format = TextFormat::simple(font.clone(), visuals.text_color());
            match level[run_start] {
                2 => {
                    format.background = strong_fill;
                    format.color = visuals.strong_text_color();
                }
                1 => format.background = light_fill,
                _ => {}
            }
            job.append(&text[run_start..at], 0.0, format);
            run_start = at;
        }
    }
    job.wrap.max_width = ui.available_width();
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str, inside: &str) -> String {
        let (start, end) = sentence_around(text, text.find(inside).unwrap());
        text[start..end].to_owned()
    }

    #[test]
    fn a_sentence_runs_past_titles_initials_and_acronyms() {
        let text = "It began. The army is led by Gen. Abdel Fattah Burhan, the U.S. said. \
                    Then J. Smith left.\nNew line.";
        assert_eq!(
            sentence(text, "army"),
            "The army is led by Gen. Abdel Fattah Burhan, the U.S. said."
        );
        assert_eq!(sentence(text, "Burhan"), sentence(text, "army"));
        assert_eq!(sentence(text, "Smith"), "Then J. Smith left.");
        assert_eq!(sentence(text, "began"), "It began.");
        assert_eq!(sentence(text, "line"), "New line.");
    }

    #[test]
    fn a_drag_inside_words_takes_them_whole() {
        let text = "the army, while the pact held";
        let at = |s: &str| text.find(s).unwrap();
        // From inside "army" to inside "while": both words whole.
        let (start, end) = whole_words(text, at("rmy"), at("hile")).unwrap();
        assert_eq!(&text[start..end], "army, while");
        // Exact word edges stay as they are; spaces are trimmed.
        let (start, end) = whole_words(text, at(" army"), at(",")).unwrap();
        assert_eq!(&text[start..end], "army");
        assert_eq!(whole_words(text, 3, 4), None, "just a space");
    }
}
