//! slant measures how news outlets frame the same event.
//!
//! Point it at a corpus of articles and it reports, per article and per outlet, with every
//! number traceable to hits at character offsets in the original text:
//!
//! 1. **loaded terms** from editable lexicons, by category, zone and voice;
//! 2. **quotation balance**: who is quoted, for which group, with how many words;
//! 3. **casualty emphasis**: who is said to have been killed or hurt, by whom, how prominently.
//!
//! The pipeline is visible in the modules, in the order data flows through them:
//!
//! - [`corpus`] reads folders, JSON Lines and CSV (optionally gzipped) into [`corpus::Article`]s;
//! - [`text`] builds the text model: zones, paragraphs, sentences, words and quotations, and a
//!   normalized view that maps back to the original;
//! - [`lexicon`] loads and checks the user's lexicons and compiles them into one matcher;
//! - [`metrics`] computes the three measures on each document;
//! - [`report`] writes the bundle: CSV tables, charts, an HTML page, a manifest;
//! - [`pipeline`] runs all of it over a corpus, in parallel, with deterministic output.
//!
//! The library never prints; the `slant` binary is a thin command-line front end.

#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod corpus;
pub mod diag;
pub mod eval;
pub mod lexicon;
pub mod metrics;
pub mod pipeline;
pub mod report;
pub mod text;

/// Version of slant, written into every bundle's manifest.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
