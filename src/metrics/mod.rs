//! The three measures, each computed per document from the text model and the lexicons.
//!
//! - [`loaded`]: loaded terms by category, zone and voice;
//! - [`quotes`]: who each quotation is attributed to, and sourcing balance;
//! - [`speech`]: reported speech, which gives loaded terms their `paraphrase` voice.
//!
//! Formulas and a worked example on the seed corpus are in `docs/metrics.md`.

pub mod casualties;
pub mod loaded;
pub mod quotes;
pub mod speech;
