//! `Export PNG…` from the window: the graph view exactly as seen (zoom, pan, selection,
//! filters, theme), without the side panels, with the legend and a caption. At 1× through a
//! real screenshot of the window cropped to the graph; at 2× the same view drawn again at
//! double density by the picture exporter, since a screenshot has the screen's pixels only.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::Rect;

use super::loading::{Failure, FailureKind};
use super::{Command, PathPurpose, StakegraphApp, Theme, camera, graph};
use crate::files;
use crate::scene;

/// Where a 1× export through a screenshot has got.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Capture {
    #[default]
    None,
    /// Waiting for a frame that shows the caption; `caption_drawn` once one has.
    Pending { path: PathBuf, caption_drawn: bool },
    /// The screenshot is asked for; it arrives with a later frame's input. Counts the frames
    /// waited, to give up on a window that cannot take screenshots.
    Requested { path: PathBuf, frames: u32 },
}

/// Frames to wait for a screenshot before saying the export failed.
const SCREENSHOT_FRAMES: u32 = 60;

impl Capture {
    /// Whether the graph view draws the caption this frame (for the screenshot).
    pub fn shows_caption(&self) -> bool {
        *self != Capture::None
    }

    /// Notes that this frame drew the caption.
    pub fn caption_drawn(&mut self) {
        if let Capture::Pending { caption_drawn, .. } = self {
            *caption_drawn = true;
        }
    }

    /// At the end of a frame that showed the caption, asks for the screenshot of it.
    pub fn request(&mut self, ctx: &egui::Context) {
        if let Capture::Pending {
            path,
            caption_drawn: true,
        } = self
        {
            let path = std::mem::take(path);
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::UserData::default()));
            *self = Capture::Requested { path, frames: 0 };
        }
    }
}

impl StakegraphApp {
    /// Asks where to save the PNG, starting in the last export folder; without a dialog
    /// service, offers a path field there instead.
    pub(super) fn export_dialog(&mut self) {
        let stem = self
            .settings
            .recent_file
            .as_deref()
            .and_then(Path::file_stem)
            .map_or_else(
                || "stakegraph".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
        let file_name = format!("{stem}.png");
        let directory = self.settings.export_directory.clone();
        if !self.file_dialogs {
            let start = directory.map(|folder| folder.join(&file_name));
            self.windows
                .ask_for_path(PathPurpose::ExportPng, start.as_deref());
            return;
        }
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export the graph as PNG")
            .add_filter("PNG image", &["png"])
            .set_file_name(&file_name);
        if let Some(directory) = &directory {
            dialog = dialog.set_directory(directory);
        }
        let asked = Instant::now();
        match dialog.save_file() {
            Some(path) => self.commands.push_back(Command::ExportPng(path)),
            None if asked.elapsed() < Duration::from_millis(150) => {
                let start = directory.map(|folder| folder.join(&file_name));
                self.windows
                    .ask_for_path(PathPurpose::ExportPng, start.as_deref());
            }
            None => {}
        }
    }

    /// Exports the graph view as seen to `path` (finished in `receive_screenshot` at 1×).
    pub(super) fn export_png(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.settings.export_density <= 1 {
            self.capture = Capture::Pending {
                path,
                caption_drawn: false,
            };
            return;
        }
        let result = self
            .view_scene(ctx)
            .ok_or_else(|| "the graph has not been drawn yet".to_owned())
            .and_then(|scene| {
                crate::export::to_png(&scene, f32::from(self.settings.export_density))
                    .map_err(|error| error.to_string())
            })
            .and_then(|png| {
                files::write_atomically(&path, &png).map_err(|error| error.to_string())
            });
        self.report_export(&path, result);
    }

    /// The graph view as a picture scene: same camera, filters, selection and theme, with the
    /// legend and a caption.
    pub fn view_scene(&self, ctx: &egui::Context) -> Option<scene::Scene> {
        let rect = graph::last_rect(ctx)?;
        let meta = camera::load_meta(ctx)?;
        let dataset = &self.workspace.dataset;
        let mut visible_entities = vec![false; dataset.entities.len()];
        let mut visible_relations = vec![false; dataset.relations.len()];
        for node in self.view.graph.g().node_weights() {
            if let Some(slot) = visible_entities.get_mut(node.payload().entity) {
                *slot = true;
            }
        }
        let edges = self
            .view
            .graph
            .g()
            .edge_weights()
            .map(|e| e.payload().relation);
        for relation in edges.chain(self.view.batched_edges.iter().map(|e| e.relation)) {
            if let Some(slot) = visible_relations.get_mut(relation) {
                *slot = true;
            }
        }
        Some(scene::build(&scene::SceneInput {
            dataset,
            derived: &self.workspace.derived,
            positions: self.workspace.layout.positions(),
            visible_entities: &visible_entities,
            visible_relations: &visible_relations,
            highlight: self.selection.highlight(),
            camera: scene::Camera {
                zoom: meta.zoom,
                pan: [meta.pan.x, meta.pan.y],
            },
            size: [rect.width(), rect.height()],
            theme: if ctx.global_style().visuals.dark_mode {
                Theme::Dark
            } else {
                Theme::Light
            },
            legend: true,
            caption: true,
        }))
    }

    /// Finishes a 1× export when the screenshot arrives: crop to the graph view, write.
    pub(super) fn receive_screenshot(&mut self, ctx: &egui::Context) {
        let Capture::Requested { path, frames } = &mut self.capture else {
            return;
        };
        let image = ctx.input(|input| {
            input.events.iter().find_map(|event| match event {
                egui::Event::Screenshot { image, .. } => Some(image.clone()),
                _ => None,
            })
        });
        let Some(image) = image else {
            *frames += 1;
            if *frames > SCREENSHOT_FRAMES {
                let path = path.clone();
                self.capture = Capture::None;
                let message = "the window gave no screenshot to export (try the 2× density, \
                               which draws the picture itself)";
                self.report_export(&path, Err(message.to_owned()));
            }
            return;
        };
        let path = path.clone();
        self.capture = Capture::None;
        let result = match graph::last_rect(ctx) {
            Some(rect) => crop_to_png(&image, rect, ctx.pixels_per_point()).and_then(|png| {
                files::write_atomically(&path, &png).map_err(|error| error.to_string())
            }),
            None => Err("the graph has not been drawn yet".to_owned()),
        };
        self.report_export(&path, result);
    }

    fn report_export(&mut self, path: &Path, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.settings.export_directory = path.parent().map(Path::to_path_buf);
                self.windows.toast(format!("Exported {}", path.display()));
            }
            Err(message) => {
                self.windows.failure = Some(Failure {
                    kind: FailureKind::Export,
                    origin: path.display().to_string(),
                    lines: vec![message],
                });
            }
        }
    }
}

/// The part of a screenshot under `rect` (in points), as PNG bytes.
fn crop_to_png(
    image: &egui::ColorImage,
    rect: Rect,
    pixels_per_point: f32,
) -> Result<Vec<u8>, String> {
    let [width, height] = image.size;
    let scale = |value: f32, limit: usize| {
        ((value * pixels_per_point).round().max(0.0) as usize).min(limit)
    };
    let (x0, x1) = (scale(rect.min.x, width), scale(rect.max.x, width));
    let (y0, y1) = (scale(rect.min.y, height), scale(rect.max.y, height));
    if x1 <= x0 || y1 <= y0 {
        return Err("the graph view is empty".to_owned());
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for pixel in &image.pixels[y * width + x0..y * width + x1] {
            rgba.extend_from_slice(&pixel.to_srgba_unmultiplied());
        }
    }
    crate::export::rgba_to_png((x1 - x0) as u32, (y1 - y0) as u32, rgba)
        .map_err(|error| error.to_string())
}
