//! What a desktop knows the app by: its app id, which is also the name of its desktop entry
//! (`assets/linux/stakegraph.desktop`), its MIME type, and its icon, one SVG
//! (`assets/icons/stakegraph.svg`) drawn with resvg at any size, for the window and for the
//! package's PNG icons.

use resvg::{tiny_skia, usvg};

/// The app id: the window's (Wayland's app_id, X11's WM_CLASS) and the desktop entry's name,
/// so that a desktop matches the window to its entry and icon.
pub const APP_ID: &str = "stakegraph";

/// The MIME type of a `stakegraph/1` dataset, told apart from other JSON by its format field
/// (`assets/linux/stakegraph.xml`).
pub const MIME_TYPE: &str = "application/x-stakegraph+json";

/// The icon, as drawn.
pub const ICON_SVG: &str = include_str!("../assets/icons/stakegraph.svg");

/// The sizes the package installs the icon at, in pixels, besides the SVG.
pub const ICON_SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

/// The icon drawn `size` pixels square, premultiplied.
fn pixmap(size: u32) -> tiny_skia::Pixmap {
    // The SVG is ours and fixed; `the_icon_draws_at_every_size` checks it parses.
    let tree = usvg::Tree::from_str(ICON_SVG, &usvg::Options::default())
        .expect("the bundled icon is valid SVG");
    let mut pixmap = tiny_skia::Pixmap::new(size, size).expect("an icon is at least 1 pixel");
    let scale = size as f32 / tree.size().width();
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
}

/// The icon `size` pixels square as 8-bit sRGBA, not premultiplied, row by row: the window's.
pub fn icon_rgba(size: u32) -> Vec<u8> {
    pixmap(size)
        .pixels()
        .iter()
        .flat_map(|pixel| {
            let c = pixel.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect()
}

/// The icon `size` pixels square as PNG: the package's.
pub fn icon_png(size: u32) -> Vec<u8> {
    pixmap(size)
        .encode_png()
        .expect("encoding a pixmap in memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_draws_at_every_size() {
        for size in ICON_SIZES {
            let rgba = icon_rgba(size);
            assert_eq!(rgba.len(), (size * size * 4) as usize);
            // Transparent corners, an opaque tile, and the three entity colours at the larger
            // sizes, where the shapes are whole pixels.
            assert_eq!(rgba[3], 0, "{size}: corner");
            let centre = ((size / 2) * size + size / 2) as usize * 4;
            assert_eq!(rgba[centre + 3], 255, "{size}: centre");
            let decoded = image::load_from_memory(&icon_png(size)).unwrap().to_rgba8();
            assert_eq!(decoded.dimensions(), (size, size));
            assert_eq!(
                decoded.into_raw(),
                rgba,
                "{size}: the PNG is the same picture"
            );
        }
        let large = icon_rgba(256);
        for kind in [
            crate::model::EntityKind::Country,
            crate::model::EntityKind::Person,
            crate::model::EntityKind::Organization,
        ] {
            let crate::style::Rgb(r, g, b) = crate::style::entity_look(kind).1;
            assert!(
                large.chunks(4).any(|p| p == [r, g, b, 255]),
                "no {kind:?} colour in the icon"
            );
        }
    }
}
