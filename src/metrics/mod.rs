//! The three measures, each computed per document from the text model and the lexicons.
//!
//! - [`loaded`]: loaded terms by category, zone and voice;
//! - [`speech`]: reported speech, which gives loaded terms their `paraphrase` voice.
//!
//! Formulas and a worked example on the seed corpus are in `docs/metrics.md`.

pub mod loaded;
pub mod speech;
