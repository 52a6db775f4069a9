//! Pictures of the graph without a window: a scene (see `scene`) written as SVG, and that SVG
//! rendered to PNG on the CPU by resvg, with egui's own proportional font (Ubuntu Light, from
//! `epaint_default_fonts`) built into the binary, so no display, GPU or system font is needed
//! and the picture matches the window's lettering.

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::derived::Derived;
use crate::layout::ForceLayout;
use crate::model::Dataset;
use crate::scene::{self, Camera, Highlight, Item, Scene, SceneInput, Theme};
use crate::style::Rgb;

/// The family name of the bundled font.
const FONT_FAMILY: &str = "Ubuntu";

/// The largest picture side, in pixels, that export renders.
pub const MAX_PIXELS_PER_SIDE: u32 = 16_384;

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no entity {0:?} to focus on: give an entity id, name or alias")]
    UnknownFocus(String),
    #[error(
        "a {width}×{height} picture at scale {scale} is too large: at most {MAX_PIXELS_PER_SIDE} pixels a side"
    )]
    TooLarge { width: u32, height: u32, scale: f32 },
    #[error("width, height and scale must be positive")]
    Empty,
    #[error("cannot render the picture: {0}")]
    Render(String),
}

/// How to draw a picture from the command line.
#[derive(Clone, Debug, PartialEq)]
pub struct PictureOptions {
    /// Size in points; pixels are these times `scale`.
    pub width: u32,
    pub height: u32,
    pub scale: f32,
    /// An entity id, name or alias to highlight, as a click in the app would.
    pub focus: Option<String>,
    pub theme: Theme,
}

impl Default for PictureOptions {
    fn default() -> Self {
        Self {
            width: 1600,
            height: 1000,
            scale: 1.0,
            focus: None,
            theme: Theme::Light,
        }
    }
}

/// The scene of `dataset` laid out by the app's seeded layout, run until settled, framed like
/// the app frames it, with the legend and a caption.
pub fn picture(dataset: &Dataset, options: &PictureOptions) -> Result<Scene, ExportError> {
    pixel_size(options)?;
    let highlight = match &options.focus {
        None => Highlight::None,
        Some(wanted) => Highlight::Entity(
            find_entity(dataset, wanted)
                .map(|entity| dataset.entities[entity].id.clone())
                .ok_or_else(|| ExportError::UnknownFocus(wanted.clone()))?,
        ),
    };
    let derived = Derived::of(dataset);
    let mut layout = scene::layout_of(dataset, &derived);
    layout.run_until_settled(100_000);
    let size = [options.width as f32, options.height as f32];
    Ok(scene_of(
        dataset,
        &derived,
        &layout,
        highlight,
        size,
        options.theme,
    ))
}

fn scene_of(
    dataset: &Dataset,
    derived: &Derived,
    layout: &ForceLayout,
    highlight: Highlight,
    size: [f32; 2],
    theme: Theme,
) -> Scene {
    let positions = layout.positions();
    let visible_entities = vec![true; dataset.entities.len()];
    let nodes = scene::fit_nodes(
        dataset,
        derived,
        positions,
        &visible_entities,
        highlight.resolve(derived),
    );
    let reserve = scene::Reserve {
        left: scene::LEGEND_WIDTH,
        top: scene::CAPTION_HEIGHT,
        bottom: 0.0,
    };
    let camera: Camera = scene::fit_view(&nodes, size, reserve);
    let visible_relations = vec![true; dataset.relations.len()];
    scene::build(&SceneInput {
        dataset,
        derived,
        positions,
        visible_entities: &visible_entities,
        visible_relations: &visible_relations,
        highlight,
        camera,
        size,
        theme,
        legend: true,
        caption: true,
    })
}

/// The entity `wanted` names: by id, else by name or alias, ignoring case.
pub fn find_entity(dataset: &Dataset, wanted: &str) -> Option<usize> {
    let lower = wanted.to_lowercase();
    dataset
        .entities
        .iter()
        .position(|e| e.id == wanted)
        .or_else(|| {
            dataset.entities.iter().position(|e| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|name| name.to_lowercase() == lower)
            })
        })
}

fn pixel_size(options: &PictureOptions) -> Result<(u32, u32), ExportError> {
    if options.width == 0 || options.height == 0 || options.scale.is_nan() || options.scale <= 0.0 {
        return Err(ExportError::Empty);
    }
    let pixels = |points: u32| (points as f32 * options.scale).round();
    let (width, height) = (pixels(options.width), pixels(options.height));
    if width < 1.0 || height < 1.0 {
        return Err(ExportError::Empty);
    }
    if width > MAX_PIXELS_PER_SIDE as f32 || height > MAX_PIXELS_PER_SIDE as f32 {
        return Err(ExportError::TooLarge {
            width: options.width,
            height: options.height,
            scale: options.scale,
        });
    }
    Ok((width as u32, height as u32))
}

/// The scene as SVG: shapes as shapes, text as text (XML-escaped), in the bundled font.
pub fn to_svg(scene: &Scene) -> String {
    let [width, height] = scene.size;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"{FONT_FAMILY}, sans-serif\">",
        n(width),
        n(height),
        n(width),
        n(height)
    );
    let _ = writeln!(
        svg,
        "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        hex(scene.background)
    );
    for item in &scene.items {
        item_svg(&mut svg, item);
    }
    svg.push_str("</svg>\n");
    svg
}

fn item_svg(svg: &mut String, item: &Item) {
    let stroke_of = |stroke: &Option<(f32, Rgb)>| match stroke {
        Some((width, color)) => {
            format!(" stroke=\"{}\" stroke-width=\"{}\"", hex(*color), n(*width))
        }
        None => String::new(),
    };
    let _ = match item {
        Item::Line {
            points,
            width,
            color,
            opacity,
            dashed,
        } => writeln!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{} stroke-linecap=\"round\" stroke-linejoin=\"round\"{}/>",
            points_attr(points),
            hex(*color),
            n(*width),
            opacity_attr("stroke-opacity", *opacity),
            if *dashed {
                " stroke-dasharray=\"6 4\""
            } else {
                ""
            }
        ),
        Item::Polygon {
            points,
            fill,
            opacity,
            stroke,
        } => writeln!(
            svg,
            "<polygon points=\"{}\" fill=\"{}\"{}{}/>",
            points_attr(points),
            hex(*fill),
            opacity_attr("opacity", *opacity),
            stroke_of(stroke)
        ),
        Item::Circle {
            center,
            radius,
            fill,
            opacity,
            stroke,
        } => writeln!(
            svg,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"{}{}/>",
            n(center[0]),
            n(center[1]),
            n(*radius),
            hex(*fill),
            opacity_attr("opacity", *opacity),
            stroke_of(stroke)
        ),
        Item::Rect {
            min,
            size,
            corner,
            fill,
            opacity,
            stroke,
        } => writeln!(
            svg,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\"{}{}/>",
            n(min[0]),
            n(min[1]),
            n(size[0]),
            n(size[1]),
            n(*corner),
            hex(*fill),
            opacity_attr("opacity", *opacity),
            stroke_of(stroke)
        ),
        Item::Text {
            x,
            top,
            text,
            size,
            color,
            opacity,
            centered,
        } => writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{}{}>{}</text>",
            n(*x),
            // From the top of the line to the baseline, for Ubuntu's ascent.
            n(top + size * 0.93),
            n(*size),
            hex(*color),
            opacity_attr("fill-opacity", *opacity),
            if *centered {
                " text-anchor=\"middle\""
            } else {
                ""
            },
            escape(text)
        ),
    };
}

/// Renders the scene to PNG bytes at `scale` pixels a point.
pub fn to_png(scene: &Scene, scale: f32) -> Result<Vec<u8>, ExportError> {
    let options = PictureOptions {
        width: scene.size[0].round() as u32,
        height: scene.size[1].round() as u32,
        scale,
        ..PictureOptions::default()
    };
    let (width, height) = pixel_size(&options)?;
    let svg = to_svg(scene);
    let tree = usvg::Tree::from_str(&svg, &svg_options())
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(ExportError::Empty)?;
    let fx = width as f32 / scene.size[0];
    let fy = height as f32 / scene.size[1];
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(fx, fy),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}

/// Encodes 8-bit sRGBA pixels, row by row, as PNG.
pub fn rgba_to_png(width: u32, height: u32, rgba: Vec<u8>) -> Result<Vec<u8>, ExportError> {
    let image = image::RgbaImage::from_raw(width, height, rgba)
        .ok_or_else(|| ExportError::Render("pixel count does not match the size".to_owned()))?;
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|error| ExportError::Render(error.to_string()))?;
    Ok(png)
}

/// usvg's options with only the bundled font, loaded once.
fn svg_options() -> usvg::Options<'static> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let mut database = usvg::fontdb::Database::new();
        database.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
        database.set_sans_serif_family(FONT_FAMILY);
        Arc::new(database)
    });
    usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fonts.clone(),
        ..usvg::Options::default()
    }
}

/// A number with at most two decimals and no trailing zeros, so output is compact and stable.
fn n(value: f32) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

fn hex(Rgb(r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn opacity_attr(name: &str, opacity: f32) -> String {
    if opacity >= 1.0 {
        String::new()
    } else {
        format!(" {name}=\"{}\"", n(opacity.max(0.0)))
    }
}

fn points_attr(points: &[[f32; 2]]) -> String {
    points
        .iter()
        .map(|[x, y]| format!("{},{}", n(*x), n(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes text for XML content and attributes; drops characters XML cannot hold.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.256), "1.26");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(f32::NAN), "0");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("A & <B> \"c\" 'd'\u{1}"),
            "A &amp; &lt;B&gt; &quot;c&quot; &apos;d&apos;"
        );
    }

    #[test]
    fn the_bundled_graph_renders_with_text_as_text() {
        let dataset = crate::bundled::dataset().unwrap().dataset;
        let scene = picture(&dataset, &PictureOptions::default()).unwrap();
        let svg = to_svg(&scene);
        assert!(svg.contains(">Recep Tayyip Erdogan</text>"));
        assert!(svg.contains(">Turkey and Russia call for a cease-fire in Libya</text>"));
        let png = to_png(&scene, 1.0).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }

    #[test]
    fn bad_sizes_and_focus_are_refused() {
        let dataset = crate::bundled::dataset().unwrap().dataset;
        let with = |options: PictureOptions| {
            picture(&dataset, &options)
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        assert!(
            with(PictureOptions {
                width: 0,
                ..Default::default()
            })
            .contains("positive")
        );
        assert!(
            with(PictureOptions {
                scale: 100.0,
                ..Default::default()
            })
            .contains("too large")
        );
        assert!(
            with(PictureOptions {
                focus: Some("Atlantis".into()),
                ..Default::default()
            })
            .contains("Atlantis")
        );
        assert_eq!(
            find_entity(&dataset, "hifter"),
            find_entity(&dataset, "haftar")
        );
    }
}
