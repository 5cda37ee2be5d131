//! The tables of a bundle: their columns, and how an analysis becomes rows.
//!
//! Column lists are built once from the lexicon, so every category appears in every run, in
//! lexicon order, zero-filled: a spreadsheet formula that points at a column keeps working
//! after a rerun. `columns.csv` documents every column of every table.

use super::csv::{Cell, CsvOptions, Table};
use crate::lexicon::Lexicon;
use crate::metrics::loaded::Voice;
use crate::pipeline::{Analysis, Context};
use std::path::Path;

/// A column: name, meaning, unit.
pub struct Column {
    /// Column name.
    pub name: String,
    /// What it holds.
    pub meaning: String,
    /// Unit.
    pub unit: &'static str,
}

fn col(name: impl Into<String>, meaning: impl Into<String>, unit: &'static str) -> Column {
    Column {
        name: name.into(),
        meaning: meaning.into(),
        unit,
    }
}

/// Columns of `articles.csv`.
pub fn article_columns(lex: &Lexicon) -> Vec<Column> {
    let mut c = vec![
        col("article_id", "Article id, unique in the corpus", "text"),
        col("outlet", "Outlet (publisher)", "text"),
        col(
            "title",
            "Headline as the page shows it; empty when it has none",
            "text",
        ),
        col(
            "date",
            "Publication date as given (ISO where known)",
            "date",
        ),
        col(
            "words",
            "Words in counted zones (all but byline and boilerplate)",
            "words",
        ),
        col("words_quoted", "Words inside quotations", "words"),
        col("words_unquoted", "Words outside quotations", "words"),
        col("quotations", "Quotations found", "count"),
        col(
            "malformed_marks",
            "Quote marks that could not be paired",
            "count",
        ),
        col(
            "has_headline",
            "Whether the article has a headline",
            "true/false",
        ),
    ];
    for v in Voice::ALL {
        c.push(col(
            format!("hits_{}", v.as_str()),
            format!(
                "Loaded-term hits in the {} voice, all categories",
                v.as_str()
            ),
            "count",
        ));
    }
    for cat in &lex.categories {
        let id = &cat.id;
        let l = &cat.label;
        c.push(col(
            format!("{id}_hits"),
            format!("{l}: hits in any voice"),
            "count",
        ));
        c.push(col(
            format!("{id}_density"),
            format!(
                "{l}: adopted (editorial + paraphrase) hits per 1,000 words outside quotations"
            ),
            "per 1,000 words",
        ));
        c.push(col(
            format!("{id}_density_quoted"),
            format!(
                "{l}: quoted hits per 1,000 words inside quotations; empty under 100 quoted words"
            ),
            "per 1,000 words",
        ));
        c.push(col(
            format!("{id}_headline"),
            format!("{l}: hits in the headline; empty when there is no headline"),
            "count",
        ));
        c.push(col(
            format!("{id}_adoption"),
            format!("{l}: adopted hits / all hits; empty with no hits"),
            "ratio 0-1",
        ));
    }
    c.push(col(
        "label_index",
        "(legitimizing - militia/proxy) / (legitimizing + militia/proxy) over adopted hits; empty when both are 0",
        "index -1..1",
    ));
    c
}

/// Row of `articles.csv` for one analysis.
pub fn article_row(a: &Analysis, lex: &Lexicon) -> Vec<Cell> {
    let s = &a.summary;
    let l = &a.loaded;
    let mut r = vec![
        Cell::from(&s.id),
        Cell::from(&s.outlet),
        Cell::from(s.title.as_deref()),
        Cell::from(s.date.as_deref()),
        Cell::from(s.words),
        Cell::from(l.words_quoted),
        Cell::from(l.words_unquoted),
        Cell::from(s.quotations),
        Cell::from(s.malformed),
        Cell::from(l.has_headline),
    ];
    for vi in 0..4 {
        r.push(Cell::from(l.counts.iter().map(|c| c[vi]).sum::<usize>()));
    }
    for ci in 0..lex.categories.len() {
        r.push(Cell::from(l.total(ci)));
        r.push(Cell::opt(l.density_adopted(ci), 2));
        r.push(Cell::opt(l.density_quoted(ci), 2));
        r.push(match l.headline_hits(ci) {
            Some(n) => Cell::from(n),
            None => Cell::Na,
        });
        r.push(Cell::opt(l.adoption(ci), 3));
    }
    r.push(Cell::opt(l.label_index(lex), 3));
    r
}

/// Columns of `loaded_terms.csv`.
pub fn hit_columns() -> Vec<Column> {
    vec![
        col("article_id", "Article id", "text"),
        col("outlet", "Outlet", "text"),
        col("term_id", "Lexicon term id", "text"),
        col("category", "Category id", "text"),
        col(
            "matched_text",
            "The words matched, as in the original text",
            "text",
        ),
        col("voice", "editorial, paraphrase, quoted or scare", "text"),
        col(
            "zone",
            "headline, standfirst, caption, lead, body, crosshead or embed",
            "text",
        ),
        col(
            "paragraph",
            "Paragraph number (1-based, over all non-blank lines)",
            "index",
        ),
        col(
            "sentence",
            "Sentence number in the article (1-based)",
            "index",
        ),
        col(
            "char_start",
            "Offset of the first character in the article text (Unicode code points, from 0)",
            "characters",
        ),
        col(
            "char_end",
            "Offset just past the last character (exclusive)",
            "characters",
        ),
        col(
            "quote_id",
            "Number of the quotation holding the hit (1-based), empty outside quotations",
            "index",
        ),
        col(
            "speaker_group",
            "Source group of the quotation's speaker, when attributed",
            "text",
        ),
        col("sentence_text", "The sentence holding the hit", "text"),
    ]
}

/// Columns of `dropped.csv`.
pub fn dropped_columns() -> Vec<Column> {
    vec![
        col("article_id", "Article id", "text"),
        col("outlet", "Outlet", "text"),
        col("line", "Line number in the article text (1-based)", "index"),
        col("paragraph", "Paragraph number (1-based)", "index"),
        col("zone", "byline or boilerplate", "text"),
        col(
            "rule",
            "Id of the layout rule that dropped the line (lexicons/layout.toml)",
            "text",
        ),
        col(
            "char_start",
            "Offset of the line's first character (code points)",
            "characters",
        ),
        col(
            "char_end",
            "Offset just past its last character",
            "characters",
        ),
        col("text", "The dropped line", "text"),
    ]
}

fn names(cols: &[Column]) -> Vec<&str> {
    cols.iter().map(|c| c.name.as_str()).collect()
}

/// The open tables of a bundle being written.
pub struct Tables {
    articles: Table,
    hits: Table,
    dropped: Table,
}

impl Tables {
    /// Create the tables in `dir`.
    pub fn create(dir: &Path, lex: &Lexicon, opts: CsvOptions) -> std::io::Result<Tables> {
        Ok(Tables {
            articles: Table::create(
                &dir.join("articles.csv"),
                &names(&article_columns(lex)),
                opts,
            )?,
            hits: Table::create(&dir.join("loaded_terms.csv"), &names(&hit_columns()), opts)?,
            dropped: Table::create(&dir.join("dropped.csv"), &names(&dropped_columns()), opts)?,
        })
    }

    /// Append one article's rows.
    pub fn add(&mut self, a: &Analysis, ctx: &Context) -> std::io::Result<()> {
        let lex = &ctx.lexicon;
        self.articles.row(&article_row(a, lex))?;
        let s = &a.summary;
        for h in &a.hits {
            self.hits.row(&[
                Cell::from(&s.id),
                Cell::from(&s.outlet),
                Cell::from(&lex.terms[h.term].id),
                Cell::from(&lex.categories[h.category].id),
                Cell::from(&h.matched),
                Cell::from(h.voice.as_str()),
                Cell::from(h.zone.as_str()),
                Cell::from(h.paragraph),
                Cell::from(h.sentence),
                Cell::from(h.char_start),
                Cell::from(h.char_end),
                match h.quote {
                    Some(q) => Cell::from(q),
                    None => Cell::Na,
                },
                Cell::Na,
                Cell::from(&h.sentence_text),
            ])?;
        }
        for l in s.lines.iter().filter(|l| !l.zone.counted()) {
            self.dropped.row(&[
                Cell::from(&s.id),
                Cell::from(&s.outlet),
                Cell::from(l.line),
                Cell::from(l.paragraph),
                Cell::from(l.zone.as_str()),
                Cell::from(&l.rule),
                Cell::from(l.char_start),
                Cell::from(l.char_end),
                Cell::from(&l.text),
            ])?;
        }
        Ok(())
    }

    /// Flush every table; returns the row counts (articles, hits, dropped).
    pub fn finish(self) -> std::io::Result<(usize, usize, usize)> {
        Ok((
            self.articles.finish()?,
            self.hits.finish()?,
            self.dropped.finish()?,
        ))
    }
}

/// Write `columns.csv`, the data dictionary.
pub fn write_columns(dir: &Path, lex: &Lexicon, opts: CsvOptions) -> std::io::Result<()> {
    let mut t = Table::create(
        &dir.join("columns.csv"),
        &["file", "column", "meaning", "unit"],
        opts,
    )?;
    for (file, cols) in [
        ("articles.csv", article_columns(lex)),
        ("loaded_terms.csv", hit_columns()),
        ("dropped.csv", dropped_columns()),
    ] {
        for c in cols {
            t.row(&[
                Cell::from(file),
                Cell::from(c.name),
                Cell::from(c.meaning),
                Cell::from(c.unit),
            ])?;
        }
    }
    t.finish()?;
    Ok(())
}
