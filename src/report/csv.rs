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
use std::io::{BufWriter, Write};
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
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: b',',
            bom: false,
            raw: false,
        }
    }
}

/// One cell: text (guarded) or a number (never guarded).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Free text.
    Text(String),
    /// An integer.
    Int(i64),
    /// A decimal with a fixed number of places.
    Num(f64, usize),
    /// Not available: an empty cell.
    Na,
}

impl Cell {
    /// A decimal or NA.
    pub fn opt(v: Option<f64>, places: usize) -> Cell {
        match v {
            Some(x) if x.is_finite() => Cell::Num(x, places),
            _ => Cell::Na,
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<&String> for Cell {
    fn from(s: &String) -> Cell {
        Cell::Text(s.clone())
    }
}
impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(n as i64)
    }
}
impl From<Option<&str>> for Cell {
    fn from(s: Option<&str>) -> Cell {
        match s {
            Some(s) => Cell::Text(s.to_owned()),
            None => Cell::Na,
        }
    }
}
impl From<bool> for Cell {
    fn from(b: bool) -> Cell {
        Cell::Text(if b { "true" } else { "false" }.into())
    }
}

/// A decimal with `places` places; a value that rounds to zero never prints as "-0.000"
/// (the entropy of a single group is -0.0, for one).
pub fn fixed(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
        _ => s,
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
    w: csv::Writer<BufWriter<File>>,
    opts: CsvOptions,
    buf: Vec<String>,
    /// Rows written (not counting the header).
    pub rows: usize,
}

impl Table {
    /// Create `path` and write the header.
    pub fn create(path: &Path, header: &[&str], opts: CsvOptions) -> std::io::Result<Table> {
        let mut f = BufWriter::with_capacity(256 * 1024, File::create(path)?);
        if opts.bom {
            f.write_all("\u{FEFF}".as_bytes())?;
        }
        let mut w = csv::WriterBuilder::new()
            .delimiter(opts.delimiter)
            .from_writer(f);
        w.write_record(header)?;
        Ok(Table {
            w,
            opts,
            buf: Vec::new(),
            rows: 0,
        })
    }

    /// Write one row.
    pub fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        self.buf.clear();
        for c in cells {
            self.buf.push(match c {
                Cell::Text(s) => {
                    if self.opts.raw {
                        s.clone()
                    } else {
                        guard(s).into_owned()
                    }
                }
                Cell::Int(n) => n.to_string(),
                Cell::Num(x, p) => fixed(*x, *p),
                Cell::Na => String::new(),
            });
        }
        self.w.write_record(&self.buf)?;
        self.rows += 1;
        Ok(())
    }

    /// Flush to disk.
    pub fn finish(mut self) -> std::io::Result<usize> {
        self.w.flush()?;
        let inner = self.w.into_inner().map_err(|e| e.into_error())?;
        inner.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
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
