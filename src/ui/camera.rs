//! Where the view looks: one-shot requests (fit, centre on an entity) and whether the user has
//! moved the view since the last fit, which decides if the view fits itself again when the
//! layout settles. The zoom and pan themselves are egui_graphs' `MetadataFrame`, kept in
//! egui's memory under the view's id.

use egui_graphs::MetadataFrame;

use super::display::VIEW_ID;

/// What the view should do before it is next drawn.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CameraRequest {
    #[default]
    None,
    /// Frame the whole visible graph.
    Fit,
    /// Put the entity with this id in the middle.
    Center(String),
    /// Put the entity with this id in the middle only if it is out of view (or nearly):
    /// what an edit or a review step selects is never left off screen, and a view that
    /// shows it does not move.
    Reveal(String),
}

/// Who framed the view last.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Framing {
    /// The app: when the layout settles, the view fits itself to the result.
    #[default]
    Fitted,
    /// The user zoomed, panned, dragged or centred: the view stays where they put it.
    User,
}

/// The view's pending request and who framed it last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Camera {
    request: CameraRequest,
    framing: Framing,
}

impl Default for Camera {
    /// A new view fits the graph.
    fn default() -> Self {
        Self {
            request: CameraRequest::Fit,
            framing: Framing::Fitted,
        }
    }
}

impl Camera {
    /// Frame the graph now, and again when the layout settles.
    pub fn fit(&mut self) {
        self.request = CameraRequest::Fit;
        self.framing = Framing::Fitted;
    }

    /// Centre on the entity with this id; the view is then the user's.
    pub fn center_on(&mut self, id: String) {
        self.request = CameraRequest::Center(id);
        self.framing = Framing::User;
    }

    /// Bring the entity with this id into view if it is out of it, unless a fit or a
    /// centring is already asked for.
    pub fn reveal(&mut self, id: String) {
        if self.request == CameraRequest::None {
            self.request = CameraRequest::Reveal(id);
        }
    }

    /// The user moved the view: leave it where they have it.
    pub fn user_moved(&mut self) {
        self.framing = Framing::User;
    }

    /// The layout came to rest: fit to the result, unless the user has framed the view.
    pub fn settled(&mut self) {
        if self.framing == Framing::Fitted {
            self.request = CameraRequest::Fit;
        }
    }

    pub fn has_request(&self) -> bool {
        self.request != CameraRequest::None
    }

    /// The pending request, which is then done.
    pub fn take(&mut self) -> CameraRequest {
        std::mem::take(&mut self.request)
    }
}

/// The key egui_graphs stores this view's zoom and pan under.
fn meta_key() -> egui::Id {
    egui::Id::new(MetadataFrame::new(Some(VIEW_ID.to_owned())).get_id())
}

/// This view's zoom and pan as egui_graphs last stored them.
pub fn load_meta(ctx: &egui::Context) -> Option<MetadataFrame> {
    ctx.data_mut(|data| data.get_persisted::<MetadataFrame>(meta_key()))
}

/// This view's zoom and pan, or a fresh one.
pub fn meta_or_new(ctx: &egui::Context) -> MetadataFrame {
    load_meta(ctx).unwrap_or_else(|| MetadataFrame::new(Some(VIEW_ID.to_owned())))
}

/// Stores the view's zoom and pan where egui_graphs reads them.
pub fn store_meta(ctx: &egui::Context, meta: MetadataFrame) {
    ctx.data_mut(|data| data.insert_persisted(meta_key(), meta));
}
