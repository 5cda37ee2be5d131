//! Measuring slant against annotated corpora (`slant eval ...`).
//!
//! - [`gva`]: stated killed counts against Gun Violence Archive incidents;
//! - [`ptc`]: the general loaded-language category against the Propaganda Techniques Corpus.

pub mod gva;
pub mod ptc;
