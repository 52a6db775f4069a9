//! The legend in the lower left corner of the graph view (the very legend exported pictures
//! carry, drawn from `scene`), folded to a button when the graph area is small; and the
//! caption a screenshot export carries.

use egui::{FontId, Rect, Stroke, Vec2};

use crate::scene::{self, Reserve};
use crate::ui::Theme;
use crate::ui::display::color;

/// Graph areas narrower or lower than this fold the legend unless the user opened it.
const SMALL_AREA: Vec2 = Vec2::new(640.0, 460.0);

/// The height the folded legend's button takes at the bottom of the graph area.
const FOLDED_HEIGHT: f32 = 34.0;

/// Whether the legend is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum LegendMode {
    /// Shown, unless the graph area is small.
    #[default]
    Auto,
    Shown,
    Folded,
}

/// The legend's state.
#[derive(Clone, Debug, Default)]
pub struct LegendPanel {
    mode: LegendMode,
    last_rect: Option<Rect>,
}

impl LegendPanel {
    fn shown(&self, area: Vec2) -> bool {
        match self.mode {
            LegendMode::Auto => area.x >= SMALL_AREA.x && area.y >= SMALL_AREA.y,
            LegendMode::Shown => true,
            LegendMode::Folded => false,
        }
    }

    /// What a fit of a graph area of `area` keeps clear for the legend.
    pub fn reserve(&self, area: Vec2) -> Reserve {
        if self.shown(area) {
            Reserve {
                left: scene::LEGEND_WIDTH,
                ..Reserve::default()
            }
        } else {
            Reserve {
                bottom: FOLDED_HEIGHT,
                ..Reserve::default()
            }
        }
    }

    /// Where the legend (or its button) was drawn in the last frame.
    pub fn last_rect(&self) -> Option<Rect> {
        self.last_rect
    }

    /// Draws the legend, or its button, in the lower left corner of `graph_rect`.
    pub fn ui(&mut self, ui: &mut egui::Ui, graph_rect: Rect, suggestions: bool) {
        let theme = if ui.visuals().dark_mode {
            Theme::Dark
        } else {
            Theme::Light
        };
        if !self.shown(graph_rect.size()) {
            let at = graph_rect.left_bottom() + Vec2::new(10.0, -30.0);
            let button = ui.put(
                Rect::from_min_size(at, Vec2::new(80.0, 22.0)),
                egui::Button::new("Legend"),
            );
            self.last_rect = Some(button.rect);
            if button
                .on_hover_text("Show what shapes and colours mean")
                .clicked()
            {
                self.mode = LegendMode::Shown;
            }
            return;
        }
        let mut items = Vec::new();
        scene::legend(
            &mut items,
            [graph_rect.width(), graph_rect.height()],
            theme.palette(),
            suggestions,
        );
        let painter = ui.painter_at(graph_rect);
        for item in &items {
            paint_item(&painter, item, graph_rect.min.to_vec2());
        }
        let Some(frame) = items.first().and_then(|item| match item {
            scene::Item::Rect { min, size, .. } => Some(
                Rect::from_min_size(egui::pos2(min[0], min[1]), Vec2::new(size[0], size[1]))
                    .translate(graph_rect.min.to_vec2()),
            ),
            _ => None,
        }) else {
            return;
        };
        self.last_rect = Some(frame);
        let fold =
            Rect::from_min_size(frame.right_top() + Vec2::new(-22.0, 4.0), Vec2::splat(18.0));
        if ui
            .put(fold, egui::Button::new("×").frame(false))
            .on_hover_text("Fold the legend")
            .clicked()
        {
            self.mode = LegendMode::Folded;
        }
    }
}

/// The caption exported pictures carry (title, source, date), in the upper left corner.
pub fn caption_ui(ui: &mut egui::Ui, graph_rect: Rect, dataset: &crate::model::Dataset) {
    let theme = if ui.visuals().dark_mode {
        Theme::Dark
    } else {
        Theme::Light
    };
    let mut items = Vec::new();
    scene::caption(&mut items, dataset, theme.palette());
    let painter = ui.painter_at(graph_rect);
    for item in &items {
        paint_item(&painter, item, graph_rect.min.to_vec2());
    }
}

/// Paints one scene item with egui, moved by `offset`.
fn paint_item(painter: &egui::Painter, item: &scene::Item, offset: Vec2) {
    let at = |[x, y]: [f32; 2]| egui::pos2(x, y) + offset;
    let tint = |rgb, opacity: f32| color(rgb).gamma_multiply(opacity);
    let stroke_of = |stroke: &Option<(f32, crate::style::Rgb)>| {
        stroke.map_or(Stroke::NONE, |(width, rgb)| Stroke::new(width, color(rgb)))
    };
    match item {
        scene::Item::Line {
            points,
            width,
            color: rgb,
            opacity,
            dashed,
        } => {
            let points: Vec<egui::Pos2> = points.iter().map(|&p| at(p)).collect();
            let stroke = Stroke::new(*width, tint(*rgb, *opacity));
            if *dashed {
                painter.extend(egui::Shape::dashed_line(&points, stroke, 4.0, 3.0));
            } else {
                painter.add(egui::Shape::line(points, stroke));
            }
        }
        scene::Item::Polygon {
            points,
            fill,
            opacity,
            stroke,
        } => {
            let points = points.iter().map(|&p| at(p)).collect();
            painter.add(egui::Shape::convex_polygon(
                points,
                tint(*fill, *opacity),
                stroke_of(stroke),
            ));
        }
        scene::Item::Circle {
            center,
            radius,
            fill,
            opacity,
            stroke,
        } => {
            painter.circle(
                at(*center),
                *radius,
                tint(*fill, *opacity),
                stroke_of(stroke),
            );
        }
        scene::Item::Rect {
            min,
            size,
            corner,
            fill,
            opacity,
            stroke,
        } => {
            let rect = Rect::from_min_size(at(*min), Vec2::new(size[0], size[1]));
            painter.rect(
                rect,
                *corner,
                tint(*fill, *opacity),
                stroke_of(stroke),
                egui::StrokeKind::Inside,
            );
        }
        scene::Item::Text {
            x,
            top,
            text,
            size,
            color: rgb,
            opacity,
            centered,
        } => {
            let anchor = if *centered {
                egui::Align2::CENTER_TOP
            } else {
                egui::Align2::LEFT_TOP
            };
            painter.text(
                at([*x, *top]),
                anchor,
                text,
                FontId::proportional(*size),
                tint(*rgb, *opacity),
            );
        }
    }
}
