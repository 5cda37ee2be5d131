//! Lexicons: the word lists users edit, checked strictly and compiled into one matcher.
//!
//! A loaded-terms lexicon is a TOML file (see `docs/lexicons.md` for every key):
//!
//! ```toml
//! [lexicon]
//! name = "loaded"
//!
//! [[category]]
//! id = "violence_framing"
//! label = "Violence framing"
//!
//! [[term]]
//! id = "assassination"
//! category = "violence_framing"
//! patterns = ["assassinat*"]
//! match = ["The strike was a blatant assassination."]
//! ```
//!
//! Loading is strict: an unknown key is an error with its line and column, and [`load`]
//! collects every problem it can find (duplicate ids, a pattern in two terms, an empty or
//! never-matching pattern, an unknown category) before it gives up, so a user fixes them all
//! in one pass. [`check_examples`] then runs every term's `match` and `no_match` sentences.
//!
//! Compiled, all patterns of all terms become one Aho-Corasick automaton ([`matcher`]) run over
//! the normalized text of each paragraph.

pub mod casualties;
pub mod matcher;
pub mod scan;
mod schema;
pub mod sources;

use crate::diag::{Diagnostic, SourceFile};
use crate::text::normalize::{fold, normalize_str};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use matcher::{Hit, Matcher};

/// How a pattern treats letter case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMode {
    /// Case-sensitive when the pattern has a capital letter, otherwise insensitive.
    Smart,
    /// Always case-sensitive.
    Sensitive,
    /// Never case-sensitive.
    Insensitive,
}

/// A category of terms.
#[derive(Debug, Clone)]
pub struct Category {
    /// Stable id (a column name in the tables).
    pub id: String,
    /// Human label (charts, the HTML page).
    pub label: String,
    /// What belongs here.
    pub description: String,
    /// Optional side.
    pub side: Option<String>,
    /// Sources.
    pub sources: Vec<String>,
}

/// One term: several patterns, one category.
#[derive(Debug, Clone)]
pub struct Term {
    /// Stable id.
    pub id: String,
    /// Index into [`Lexicon::categories`].
    pub category: usize,
    /// Patterns as written.
    pub patterns: Vec<String>,
    /// Weight.
    pub weight: f64,
    /// Case mode.
    pub case: CaseMode,
    /// Phrases in which the term does not count.
    pub unless: Vec<String>,
    /// Why it is loaded.
    pub note: Option<String>,
    /// Where from.
    pub source: Option<String>,
    /// Sentences that must produce a hit.
    pub examples_match: Vec<String>,
    /// Sentences that must not.
    pub examples_no_match: Vec<String>,
    /// File and line the term is defined at.
    pub defined_at: (PathBuf, usize),
}

/// All loaded-term lexicons of a run, merged: categories in file order, then terms.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Categories, in table order.
    pub categories: Vec<Category>,
    /// Terms.
    pub terms: Vec<Term>,
    /// The files it was read from.
    pub files: Vec<PathBuf>,
}

/// Names of files in a lexicon folder that are not loaded-term lexicons.
pub const SPECIAL_FILES: &[&str] = &[
    "layout.toml",
    "speech.toml",
    "groups.toml",
    "casualties.toml",
    "config.toml",
];

/// The loaded-term lexicon files in a folder (every `*.toml` but the special ones), sorted.
pub fn lexicon_files(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let rd = std::fs::read_dir(dir).map_err(|e| {
        let mut d = Diagnostic::file_error(
            dir,
            format!(
                "cannot read lexicon folder: {}",
                crate::corpus::io_reason(&e)
            ),
        );
        // The usual cause: slant was started outside a study folder (its default is
        // `lexicons`, relative to where it runs).
        if e.kind() == std::io::ErrorKind::NotFound && dir.is_relative() {
            d.hint = Some(crate::diag::relative_path_hint());
        }
        d
    })?;
    let mut files: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "toml")
                && p.file_name()
                    .is_some_and(|n| !SPECIAL_FILES.contains(&n.to_string_lossy().as_ref()))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Load and merge lexicon files, collecting every problem.
pub fn load(files: &[PathBuf]) -> Result<Lexicon, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut sources = Vec::new();
    for f in files {
        match std::fs::read_to_string(f) {
            Ok(s) => sources.push((f.clone(), s)),
            Err(e) => {
                let mut d = Diagnostic::file_error(
                    f,
                    format!("cannot read lexicon: {}", crate::corpus::io_reason(&e)),
                );
                // As for a missing lexicon folder: a relative path is read from where slant
                // runs, and the hint says to run it in a study folder. Not when it runs in one
                // (a `lexicons` folder is here): `lexicons/nope.toml` or `lexicon.toml` there
                // is a misspelt name, not slant started in the wrong place.
                if e.kind() == std::io::ErrorKind::NotFound
                    && f.is_relative()
                    && !Path::new("lexicons").is_dir()
                {
                    d.hint = Some(crate::diag::relative_path_hint());
                }
                diags.push(d);
            }
        }
    }
    // A file that could not be read is the story: "no categories defined" after it would
    // only repeat it.
    match merge(&sources, diags.is_empty()) {
        Ok(lex) if diags.is_empty() => Ok(lex),
        Ok(_) => Err(diags),
        Err(more) => {
            diags.extend(more);
            Err(diags)
        }
    }
}

/// Load and merge lexicons from their texts (path, text), collecting every problem.
pub fn load_sources(sources: &[(PathBuf, String)]) -> Result<Lexicon, Vec<Diagnostic>> {
    merge(sources, true)
}

/// [`load_sources`], asking for at least one category only when `require_categories`.
fn merge(
    sources: &[(PathBuf, String)],
    require_categories: bool,
) -> Result<Lexicon, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut lex = Lexicon::default();
    let files: Vec<PathBuf> = sources.iter().map(|(p, _)| p.clone()).collect();
    let files = files.as_slice();
    for (path, src) in sources {
        schema::parse_into(path, src, &mut lex, &mut diags);
    }
    lex.files = files.to_vec();
    if require_categories && lex.categories.is_empty() && diags.is_empty() {
        let what = files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(Diagnostic::file_error(
            files
                .first()
                .map(|p| p.as_path())
                .unwrap_or(Path::new("lexicons")),
            format!("no categories defined (read: {what})"),
        ));
    }
    // Same pattern in two terms (compared as matched: normalized).
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (ti, t) in lex.terms.iter().enumerate() {
        for p in &t.patterns {
            let key = pattern_key(p, t.case);
            if let Some(&other) = seen.get(&key) {
                if other != ti {
                    let o = &lex.terms[other];
                    let src = sources.iter().find(|(p2, _)| *p2 == t.defined_at.0);
                    let at = src.and_then(|(path, s)| {
                        let sf = SourceFile::new(path, s);
                        let from = line_offset(s, t.defined_at.1);
                        sf.find_value_from("patterns", p, from).map(|o| {
                            (
                                sf.line_col(o),
                                sf.error_at(Some(o), String::new(), None).source_line,
                            )
                        })
                    });
                    let ((line, col), src_line) = at.unwrap_or(((t.defined_at.1, 1), None));
                    diags.push(Diagnostic {
                        severity: crate::diag::Severity::Error,
                        file: t.defined_at.0.clone(),
                        line,
                        col,
                        source_line: src_line,
                        message: format!(
                            "pattern `{p}` of term `{}` is also a pattern of term `{}` ({}:{})",
                            t.id,
                            o.id,
                            o.defined_at.0.display(),
                            o.defined_at.1
                        ),
                        hint: Some("keep it in one term; a term can have several patterns".into()),
                    });
                }
            } else {
                seen.insert(key, ti);
            }
        }
    }
    if diags.iter().any(|d| d.is_error()) {
        Err(diags)
    } else {
        Ok(lex)
    }
}

fn line_offset(src: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    src.match_indices('\n')
        .nth(line - 2)
        .map(|(i, _)| i + 1)
        .unwrap_or(0)
}

/// The form two patterns are compared in to find duplicates.
fn pattern_key(p: &str, case: CaseMode) -> String {
    let sensitive = is_sensitive(p, case);
    let base = if sensitive { fold(p) } else { normalize_str(p) };
    let collapsed = base.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{}{}", if sensitive { "S:" } else { "I:" }, collapsed)
}

/// Is this pattern matched case-sensitively?
pub fn is_sensitive(p: &str, case: CaseMode) -> bool {
    match case {
        CaseMode::Sensitive => true,
        CaseMode::Insensitive => false,
        CaseMode::Smart => p.chars().any(|c| c.is_uppercase()),
    }
}

/// Why a pattern can never match, if it cannot.
pub fn never_matches(p: &str) -> Option<String> {
    let n = normalize_str(p);
    let trimmed = n.trim();
    if trimmed.is_empty() {
        return Some("the pattern is empty (or only spaces)".into());
    }
    if let Some(i) = trimmed.find('*') {
        if i + 1 != trimmed.len() {
            return Some("`*` is only allowed at the end of a pattern (a suffix wildcard)".into());
        }
        if i == 0 {
            return Some("a pattern cannot be only `*`".into());
        }
    }
    let core = trimmed.trim_end_matches('*');
    if !core.chars().any(|c| c.is_alphanumeric()) {
        return Some("the pattern has no letter or digit, so it can never be a whole word".into());
    }
    if !core.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return Some(format!(
            "the pattern starts with `{}`: matches must start at a word, so it can never match",
            core.chars().next().unwrap()
        ));
    }
    if n != p.to_lowercase()
        && p.chars()
            .any(|c| matches!(c, '\u{200B}' | '\u{00AD}' | '\u{FEFF}'))
    {
        return Some("the pattern holds invisible characters that normalization removes".into());
    }
    None
}

/// A failed example.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    /// Term id.
    pub term: String,
    /// Where the term is defined.
    pub defined_at: (PathBuf, usize),
    /// True for a `match` example that did not match; false for a `no_match` that did.
    pub expected_match: bool,
    /// The sentence.
    pub sentence: String,
    /// What matched instead (for no_match failures: the matched text).
    pub matched: Vec<String>,
}

/// Run every term's examples through the compiled matcher.
pub fn check_examples(lex: &Lexicon, m: &Matcher) -> Vec<ExampleFailure> {
    let mut out = Vec::new();
    for (ti, t) in lex.terms.iter().enumerate() {
        for (expected, list) in [(true, &t.examples_match), (false, &t.examples_no_match)] {
            for s in list {
                let hits = m.find_in_text(s);
                let mine: Vec<String> = hits
                    .iter()
                    .filter(|h| h.term == ti)
                    .map(|h| s[h.start..h.end].to_owned())
                    .collect();
                if mine.is_empty() == expected {
                    out.push(ExampleFailure {
                        term: t.id.clone(),
                        defined_at: t.defined_at.clone(),
                        expected_match: expected,
                        sentence: s.clone(),
                        matched: mine,
                    });
                }
            }
        }
    }
    out
}
