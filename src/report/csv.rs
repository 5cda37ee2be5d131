//! CSV tables that open cleanly in a spreadsheet.
//!
//! RFC 4180 through the `csv` crate, UTF-8, a header row, snake_case column names, `.`
//! decimals with fixed places, ISO dates, no thousands separators, and NA as an empty cell.
//! Text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading
//! apostrophe so a spreadsheet shows them as text instead of running them as formulas (the
//! OWASP rule); numeric cells are never touched. `raw` turns the guard off, `bom` writes a
//! UTF-8 byte-order mark first (Excel on Windows needs it to read UTF-8), and `delimiter`
//! lets users whose spreadsheets expect `;` have it.

use std::fs::File;
use std::io::Write;
use std::path::Path;

/// How tables are written.
#[derive(Debug, Clone, Copy)]
pub struct CsvOptions {
    /// Field delimiter.
    pub delimiter: u8,
    /// Write a UTF-8 BOM first.
    pub bom: bool,
    /// Turn off the formula-injection guard.
    pub raw: bool,
    /// Characters of context kept either side of a hit in `sentence_text` (and the length
    /// quotation and reported-speech text is cut to, twice this); `None`: whole sentences.
    pub context: Option<usize>,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: b',',
            bom: false,
            raw: false,
            context: None,
        }
    }
}

/// The words of `s` (slant's definition: `Wednesday’s`, `U.S`, `al-Saidi` are one word each).
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    crate::text::segment::for_each_token(s, |a, b| v.push((a, b)));
    v
}

/// The word that byte `i` falls strictly inside, if any, and where the word after it starts.
fn word_around(words: &[(usize, usize)], i: usize) -> Option<((usize, usize), Option<usize>)> {
    let k = words.partition_point(|&(_, e)| e <= i);
    let w = words.get(k).copied().filter(|&(a, _)| a < i)?;
    Some((w, words.get(k + 1).map(|&(a, _)| a)))
}

/// `s` cut to at most `n` characters either side of its byte span `[a, b)` (a keyword in
/// context), with "…" where something was cut; whole when `n` is `None` or nothing needs
/// cutting. A cut never splits a word: it moves back to the nearest word boundary inside the
/// window (so a side may keep fewer than `n` characters, or none), and drops the spaces at
/// the cut.
pub fn window(s: &str, (a, b): (usize, usize), n: Option<usize>) -> std::borrow::Cow<'_, str> {
    let Some(n) = n else {
        return s.into();
    };
    let (a, b) = (a.min(s.len()), b.min(s.len()).max(a.min(s.len())));
    if !s.is_char_boundary(a) || !s.is_char_boundary(b) {
        return s.into();
    }
    let from = s[..a]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i);
    let from = if n == 0 { Some(a) } else { from };
    let to = s[b..].char_indices().nth(n).map(|(i, _)| b + i);
    if from.is_none_or(|f| f == 0) && to.is_none() {
        return s.into();
    }
    let words = word_spans(s);
    // Left: a cut inside a word moves on to the start of the next word; then past spaces.
    let from = from.filter(|&f| f > 0).map(|f| {
        let f = word_around(&words, f).map_or(f, |(_, next)| next.unwrap_or(a).clamp(f, a));
        // Nor does it open on the tail of what it cut: a full stop, a closing mark, a space.
        let rest = s[f..a].trim_start_matches(|c: char| {
            c.is_whitespace() || ".,;:!?)]}\u{201D}\u{2019}".contains(c)
        });
        a - rest.len()
    });
    // Right: a cut inside a word moves back to that word's start; then before the spaces.
    let to = to.map(|t| {
        let t = word_around(&words, t).map_or(t, |((w, _), _)| w.max(b));
        t - (s[b..t].len() - s[b..t].trim_end().len())
    });
    let mut out = String::with_capacity((b - a) + 8 * n + 8);
    match from {
        Some(f) => {
            out.push('\u{2026}');
            out.push_str(&s[f..b]);
        }
        None => out.push_str(&s[..b]),
    }
    match to {
        Some(t) => {
            out.push_str(&s[b..t]);
            out.push('\u{2026}');
        }
        None => out.push_str(&s[b..]),
    }
    out.into()
}

/// `s` cut to at most its first `n` characters and "…", when longer; whole when `n` is
/// `None`. The cut moves back to the start of a word it falls inside, unless the first `n`
/// characters are all one word.
pub fn clip(s: &str, n: Option<usize>) -> std::borrow::Cow<'_, str> {
    let Some((i, _)) = n.and_then(|n| s.char_indices().nth(n)) else {
        return s.into();
    };
    let t = word_around(&word_spans(s), i).map_or(i, |((w, _), _)| w);
    let head = s[..t].trim_end();
    let head = if head.is_empty() { &s[..i] } else { head };
    format!("{head}\u{2026}").into()
}

/// One cell: text (guarded) or a number (never guarded). Text borrows where it can: a hit
/// row's cells point into the analysis instead of copying each sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Free text.
    Text(std::borrow::Cow<'a, str>),
    /// An integer.
    Int(i64),
    /// A decimal with a fixed number of places.
    Num(f64, usize),
    /// Not available: an empty cell.
    Na,
}

impl Cell<'_> {
    /// A decimal or NA.
    pub fn opt(v: Option<f64>, places: usize) -> Cell<'static> {
        match v {
            Some(x) if x.is_finite() => Cell::Num(x, places),
            _ => Cell::Na,
        }
    }
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Cell<'a> {
        Cell::Text(s.into())
    }
}
impl From<String> for Cell<'_> {
    fn from(s: String) -> Self {
        Cell::Text(s.into())
    }
}
impl<'a> From<&'a String> for Cell<'a> {
    fn from(s: &'a String) -> Cell<'a> {
        Cell::Text(s.as_str().into())
    }
}
impl<'a> From<std::borrow::Cow<'a, str>> for Cell<'a> {
    fn from(s: std::borrow::Cow<'a, str>) -> Cell<'a> {
        Cell::Text(s)
    }
}
impl From<usize> for Cell<'_> {
    fn from(n: usize) -> Self {
        Cell::Int(n as i64)
    }
}
impl<'a> From<Option<&'a str>> for Cell<'a> {
    fn from(s: Option<&'a str>) -> Cell<'a> {
        match s {
            Some(s) => Cell::Text(s.into()),
            None => Cell::Na,
        }
    }
}
impl From<bool> for Cell<'_> {
    fn from(b: bool) -> Self {
        Cell::Text(if b { "true" } else { "false" }.into())
    }
}

/// A decimal with `places` places; a value that rounds to zero never prints as "-0.000"
/// (the entropy of a single group is -0.0, for one).
pub fn fixed(x: f64, places: usize) -> String {
    let mut s = String::new();
    fixed_into(&mut s, x, places).to_owned()
}

/// [`fixed`], written into `buf` (cleared first), which it returns: a table writes
/// hundreds of thousands of numbers, each without an allocation of its own.
pub fn fixed_into(buf: &mut String, x: f64, places: usize) -> &str {
    use std::fmt::Write as _;
    buf.clear();
    write!(buf, "{x:.places$}").expect("writing to a String cannot fail");
    match buf.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|c| c == b'0' || c == b'.') => rest,
        _ => buf,
    }
}

/// Guard a text cell against formula injection.
pub fn guard(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

/// A table being written.
pub struct Table {
    w: csv::Writer<File>,
    opts: CsvOptions,
    /// Where each number is formatted.
    num: String,
    /// Rows written (not counting the header).
    pub rows: usize,
}

impl Table {
    /// Create `path` and write the header.
    pub fn create(path: &Path, header: &[&str], opts: CsvOptions) -> std::io::Result<Table> {
        let mut f = File::create(path)?;
        if opts.bom {
            f.write_all("\u{FEFF}".as_bytes())?;
        }
        // The writer's own buffer is the only one: a BufWriter under it copied every byte
        // of the tables a second time.
        let mut w = csv::WriterBuilder::new()
            .delimiter(opts.delimiter)
            .buffer_capacity(256 * 1024)
            .from_writer(f);
        w.write_record(header)?;
        Ok(Table {
            w,
            opts,
            num: String::new(),
            rows: 0,
        })
    }

    /// Write one row.
    pub fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        // Field by field, borrowing each text: no copy of a sentence per cell.
        for c in cells {
            match c {
                Cell::Text(s) if self.opts.raw => self.w.write_field(s.as_bytes())?,
                Cell::Text(s) => self.w.write_field(guard(s).as_bytes())?,
                Cell::Int(n) => self.w.write_field(itoa::Buffer::new().format(*n))?,
                Cell::Num(x, p) => self.w.write_field(fixed_into(&mut self.num, *x, *p))?,
                Cell::Na => self.w.write_field("")?,
            }
        }
        self.w.write_record(None::<&[u8]>)?;
        self.rows += 1;
        Ok(())
    }

    /// Flush to disk.
    pub fn finish(mut self) -> std::io::Result<usize> {
        self.w.flush()?;
        self.w
            .into_inner()
            .map_err(|e| e.into_error())?
            .sync_all()?;
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn window_keeps_n_characters_either_side() {
        let s = "The so-called strike on Tuesday.";
        let (a, b) = (4, 13); // "so-called"
        assert_eq!(window(s, (a, b), None), s);
        assert_eq!(window(s, (a, b), Some(4)), "The so-called\u{2026}");
        assert_eq!(window(s, (a, b), Some(2)), "\u{2026}so-called\u{2026}");
        assert_eq!(window(s, (a, b), Some(0)), "\u{2026}so-called\u{2026}");
        assert_eq!(window(s, (a, b), Some(100)), s);
        let u = "\u{201C}\u{00E9}t\u{00E9}\u{201D} militia";
        let m = u.find("militia").unwrap();
        assert_eq!(window(u, (m, u.len()), Some(2)), "\u{2026}militia");
        assert_eq!(window(u, (m, u.len()), Some(4)), "\u{2026}militia");
        assert_eq!(
            window(u, (m, u.len()), Some(5)),
            "\u{2026}\u{e9}t\u{e9}\u{201D} militia"
        );
        // Regression: the cut fell inside words ("…l Brigades militia and wound…").
        let k = "He said the Coastal Brigades militia and wounding three";
        let m = k.find("militia").unwrap();
        assert_eq!(
            window(k, (m, m + 7), Some(10)),
            "\u{2026}Brigades militia and\u{2026}"
        );
        // A cut that falls between words keeps the whole window.
        assert_eq!(
            window(k, (m, m + 7), Some(9)),
            "\u{2026}Brigades militia and\u{2026}"
        );
        // Regression: words joined by an apostrophe, a hyphen or a period are one word
        // (the cut gave "…in Wednesday…" for "Wednesday’s" and "…S. service" for "U.S.").
        let j = "killed in Wednesday\u{2019}s strike on U.S. service members by al-Saidi";
        let m = j.find("strike").unwrap();
        assert_eq!(window(j, (m, m + 6), Some(4)), "\u{2026}strike on\u{2026}");
        let m = j.find("service").unwrap();
        assert_eq!(window(j, (m, m + 7), Some(3)), "\u{2026}service\u{2026}");
        assert_eq!(window(j, (m, m + 7), Some(2)), "\u{2026}service\u{2026}");
        assert_eq!(
            clip(j, Some(59)),
            "killed in Wednesday\u{2019}s strike on U.S. service members by\u{2026}"
        );
        assert_eq!(clip("abcdef", Some(3)), "abc\u{2026}");
        assert_eq!(clip("one two three", Some(6)), "one\u{2026}");
        assert_eq!(clip("one two three", Some(8)), "one two\u{2026}");
        assert_eq!(clip("abc", Some(3)), "abc");
        assert_eq!(clip("abc", None), "abc");
    }

    use super::*;

    #[test]
    fn negative_zero_prints_as_zero() {
        assert_eq!(fixed(-0.0, 3), "0.000");
        assert_eq!(fixed(-0.0001, 3), "0.000");
        assert_eq!(fixed(-0.5, 1), "-0.5");
    }

    #[test]
    fn guard_prefixes_formula_starts_only() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("-1 dash"), "'-1 dash");
        assert_eq!(guard("@user"), "'@user");
        assert_eq!(guard("plain"), "plain");
        assert_eq!(guard(""), "");
    }
}
