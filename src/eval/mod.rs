//! Measuring slant against annotated corpora (`slant eval ...`).
//!
//! - [`gva`]: stated killed counts against Gun Violence Archive incidents;
//! - [`polnear`]: quotation detection and speaker attribution against PolNeAR;
//! - [`ptc`]: the general loaded-language category against the Propaganda Techniques Corpus.

pub mod gva;
pub mod polnear;
pub mod ptc;
