//! Measuring slant against annotated corpora (`slant eval ...`).
//!
//! - [`ptc`]: the general loaded-language category against the Propaganda Techniques Corpus.

pub mod ptc;
