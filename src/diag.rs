//! Diagnostics for files users write: lexicons and layout rules.
//!
//! A diagnostic names the file, line and column, shows the offending line with a caret under
//! the column, and may carry a hint:
//!
//! ```text
//! error: lexicons/loaded.toml:12:1: unknown key `patern`
//!    |
//! 12 | patern = ["militia"]
//!    | ^
//!    = hint: did you mean `patterns`? expected one of `id`, `category`, `patterns`, ...
//! ```
//!
//! Checks collect every diagnostic they can before stopping, so one run shows every problem.

use std::fmt;
use std::path::{Path, PathBuf};

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Stops the run.
    Error,
    /// Reported, does not stop.
    Warning,
}

/// A problem located in a user-written file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file.
    pub file: PathBuf,
    /// 1-based line, 0 when the problem is the whole file.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// The text of the offending line.
    pub source_line: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn file_error(file: &Path, message: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            line: 0,
            col: 0,
            source_line: None,
            message,
            hint: None,
        }
    }

    /// Is this an error?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line == 0 {
            write!(f, "{level}: {}: {}", self.file.display(), self.message)?;
        } else {
            write!(
                f,
                "{level}: {}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.col,
                self.message
            )?;
        }
        if let Some(src) = &self.source_line {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            let caret_pad: String = src
                .chars()
                .take(self.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{pad} |\n{num} | {src}\n{pad} | {caret_pad}^")?;
        }
        if let Some(h) = &self.hint {
            let pad = if self.source_line.is_some() {
                " ".repeat(self.line.to_string().len())
            } else {
                String::new()
            };
            write!(f, "\n{pad} = hint: {h}")?;
        }
        Ok(())
    }
}

/// Read a user-written file, or the diagnostic saying why it cannot be read.
pub fn read_source(path: &Path) -> Result<String, Vec<Diagnostic>> {
    std::fs::read_to_string(path).map_err(|e| {
        vec![Diagnostic::file_error(
            path,
            format!("cannot read: {}", crate::corpus::io_reason(&e)),
        )]
    })
}

/// A user-written source file, for locating positions.
pub struct SourceFile<'a> {
    path: &'a Path,
    src: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceFile<'a> {
    /// Wrap a file's text.
    pub fn new(path: &'a Path, src: &'a str) -> SourceFile<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path,
            src,
            line_starts,
        }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self.src[start..offset].chars().count() + 1;
        (line, col)
    }

    fn line_text(&self, line: usize) -> String {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.src.len());
        self.src[start..end]
            .trim_end_matches(['\n', '\r'])
            .to_owned()
    }

    /// An error at a byte offset (or the whole file when `None`).
    pub fn error_at(
        &self,
        offset: Option<usize>,
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        match offset {
            Some(o) => {
                let (line, col) = self.line_col(o);
                Diagnostic {
                    severity: Severity::Error,
                    file: self.path.to_owned(),
                    line,
                    col,
                    source_line: Some(self.line_text(line)),
                    message,
                    hint,
                }
            }
            None => Diagnostic {
                severity: Severity::Error,
                file: self.path.to_owned(),
                line: 0,
                col: 0,
                source_line: None,
                message,
                hint,
            },
        }
    }

    /// A TOML parse or shape error, with line and column and a hint for unknown keys: the
    /// key it probably meant, when one is close, and every key expected there.
    pub fn toml_error(&self, e: &toml::de::Error) -> Diagnostic {
        let msg = e.message().trim();
        let (message, hint) = match unknown_key_parts(msg) {
            Some((head, Some(k), rest)) => {
                (head, Some(format!("did you mean `{k}`? expected{rest}")))
            }
            Some((head, None, rest)) => (head, Some(format!("expected{rest}"))),
            None => (msg.to_owned(), None),
        };
        self.error_at(e.span().map(|s| s.start), message, hint)
    }

    /// Byte offset of `key = "value"` (the value's first occurrence after the key), to point a
    /// diagnostic at a parsed value. Falls back to any occurrence of the value.
    pub fn find_value(&self, key: &str, value: &str) -> Option<usize> {
        self.find_value_from(key, value, 0)
    }

    /// Like [`SourceFile::find_value`], searching from byte `from`.
    pub fn find_value_from(&self, key: &str, value: &str, from: usize) -> Option<usize> {
        let quoted = [format!("\"{value}\""), format!("'{value}'")];
        let hay = &self.src[from.min(self.src.len())..];
        let mut best: Option<usize> = None;
        for q in &quoted {
            let mut search = 0;
            while let Some(i) = hay[search..].find(q.as_str()) {
                let at = search + i;
                let line_start = hay[..at].rfind('\n').map(|x| x + 1).unwrap_or(0);
                let prefix = hay[line_start..at].trim_start();
                if prefix.starts_with(key)
                    || prefix.starts_with('[')
                    || prefix.starts_with(',')
                    || prefix.is_empty()
                {
                    best = Some(best.map_or(at, |b: usize| b.min(at)));
                    break;
                }
                search = at + q.len();
            }
        }
        if best.is_none() {
            for q in &quoted {
                if let Some(i) = hay.find(q.as_str()) {
                    best = Some(best.map_or(i, |b: usize| b.min(i)));
                }
            }
        }
        best.map(|b| b + from)
    }
}

/// The hint for a relative path that is not there: slant was probably started outside the
/// study folder. It names no option: the commands that take such a path differ in how.
pub fn relative_path_hint() -> String {
    format!(
        "the path is relative to the current folder, {}; run slant in a study folder \
         (`slant init DIR` makes one), or give the path in full",
        std::env::current_dir()
            .map(|c| c.display().to_string())
            .unwrap_or_else(|_| "(unknown)".into())
    )
}

/// serde's "unknown field `x`, expected ..." in slant's words, on one line: "unknown key `x`
/// (did you mean `y`?), expected ...", the suggestion only when a key is close. Other messages
/// pass through.
pub fn unknown_key_message(msg: &str) -> String {
    match unknown_key_parts(msg) {
        Some((head, Some(k), rest)) => format!("{head} (did you mean `{k}`?), expected{rest}"),
        Some((head, None, rest)) => format!("{head}, expected{rest}"),
        None => msg.to_owned(),
    }
}

/// serde's "unknown field `x`, expected ..." taken apart: "unknown key `x`", the expected key
/// nearest `x` if one is close, and the text after "expected".
fn unknown_key_parts(msg: &str) -> Option<(String, Option<&str>, &str)> {
    let (head, rest) = msg.split_once(", expected")?;
    if !head.starts_with("unknown field") {
        return None;
    }
    Some((
        head.replacen("unknown field", "unknown key", 1),
        closest_key(head, rest),
        rest,
    ))
}

/// The expected key nearest the unknown one, when it is near enough to be a typo: at most two
/// edits, and fewer than half the key's letters. `head` is serde's "unknown field `x`" (or
/// "unknown key `x`"), `expected` the rest of its message (" one of `a`, `b`" or " `a`").
fn closest_key<'e>(head: &str, expected: &'e str) -> Option<&'e str> {
    let unknown = head.split('`').nth(1)?;
    let limit = 2.min(unknown.chars().count().saturating_sub(1) / 2);
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|k| (levenshtein(unknown, k), k))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Edit distance between two strings, in characters (insertions, deletions, substitutions).
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_close_key_is_suggested_and_a_far_one_is_not() {
        let expected = " one of `id`, `category`, `patterns`, `term`";
        assert_eq!(
            closest_key("unknown field `paterns`", expected),
            Some("patterns")
        );
        assert_eq!(closest_key("unknown field `terms`", expected), Some("term"));
        assert_eq!(
            closest_key("unknown field `catgory`", expected),
            Some("category")
        );
        assert_eq!(closest_key("unknown field `zzz`", expected), None);
        // Too short to call anything a typo of `id`.
        assert_eq!(closest_key("unknown field `ix`", expected), None);
        assert_eq!(
            closest_key("unknown field `patrns`", " `patterns`"),
            Some("patterns")
        );
    }
}
