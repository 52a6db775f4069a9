//! From article text to an evidence-backed graph (issue 5, in progress): so far the text
//! groundwork (normalisation that keeps byte offsets, sentence segmentation) and the actor
//! gazetteer.

pub mod gazetteer;
pub mod text;
