//! Per-outlet totals: the same measures as the article table, over all of an outlet's
//! articles. Counts are summed and the ratios recomputed from the sums (a density over an
//! outlet is its hits over its words, not the mean of its articles' densities).

use super::csv::{Cell, CsvOptions, Table};
use crate::pipeline::{Analysis, Context};
use std::collections::BTreeMap;
use std::path::Path;

/// Totals of one outlet.
#[derive(Debug, Clone, Default)]
pub struct Outlet {
    /// Outlet name.
    pub name: String,
    /// Articles.
    pub articles: usize,
    /// Words in counted zones.
    pub words: usize,
    /// Words inside quotations.
    pub words_quoted: usize,
    /// Per category, per voice (editorial, paraphrase, quoted, scare).
    pub counts: Vec<[usize; 4]>,
    /// Per category, headline hits (over articles with a headline).
    pub headline: Vec<usize>,
    /// Articles with a headline.
    pub with_headline: usize,
    /// Per source group (then unattributed): quotations.
    pub quotes: Vec<usize>,
    /// Per source group: quoted words.
    pub quote_words: Vec<usize>,
    /// Per victim group: weighted casualty emphasis.
    pub emphasis: Vec<f64>,
    /// Harm mentions.
    pub casualty_mentions: usize,
}

impl Outlet {
    /// Adopted density of category `c` per 1,000 unquoted words.
    pub fn density(&self, c: usize) -> Option<f64> {
        let u = self.words.saturating_sub(self.words_quoted);
        (u > 0).then(|| 1000.0 * (self.counts[c][0] + self.counts[c][1]) as f64 / u as f64)
    }

    /// Balance J over the side groups.
    pub fn balance_j(&self, ctx: &Context) -> Option<f64> {
        crate::metrics::quotes::balance_j(&self.quote_words, &ctx.groups)
    }

    /// Dyad balance.
    pub fn dyad(&self, ctx: &Context) -> Option<f64> {
        crate::metrics::quotes::dyad_balance(&self.quote_words, &ctx.groups)
    }

    /// Label index over adopted hits.
    pub fn label_index(&self, ctx: &Context) -> Option<f64> {
        let cats = &ctx.lexicon.categories;
        let li = cats
            .iter()
            .position(|c| c.id == crate::metrics::loaded::LEGITIMIZING)?;
        let mi = cats
            .iter()
            .position(|c| c.id == crate::metrics::loaded::MILITIA_PROXY)?;
        let l = (self.counts[li][0] + self.counts[li][1]) as f64;
        let m = (self.counts[mi][0] + self.counts[mi][1]) as f64;
        (l + m > 0.0).then(|| (l - m) / (l + m))
    }
}

/// Accumulates outlets in first-seen order... sorted by name when written, for determinism.
#[derive(Debug, Default)]
pub struct Outlets {
    /// By name.
    pub map: BTreeMap<String, Outlet>,
}

impl Outlets {
    /// Add one article.
    pub fn add(&mut self, a: &Analysis, ctx: &Context) {
        let nc = ctx.lexicon.categories.len();
        let ng = ctx.groups.groups.len() + 1;
        let nv = ctx.casualties.groups.len();
        let o = self
            .map
            .entry(a.summary.outlet.clone())
            .or_insert_with(|| Outlet {
                name: a.summary.outlet.clone(),
                counts: vec![[0; 4]; nc],
                headline: vec![0; nc],
                quotes: vec![0; ng],
                quote_words: vec![0; ng],
                emphasis: vec![0.0; nv],
                ..Default::default()
            });
        o.articles += 1;
        o.words += a.summary.words;
        o.words_quoted += a.loaded.words_quoted;
        for c in 0..nc {
            for v in 0..4 {
                o.counts[c][v] += a.loaded.counts[c][v];
            }
            o.headline[c] += a.loaded.headline[c];
        }
        if a.loaded.has_headline {
            o.with_headline += 1;
        }
        for g in 0..ng {
            o.quotes[g] += a.quote_stats.quotes[g];
            o.quote_words[g] += a.quote_stats.words[g];
        }
        for g in 0..nv {
            o.emphasis[g] += a.casualty_stats.emphasis[g];
        }
        o.casualty_mentions += a.casualty_stats.harm_mentions;
    }

    /// Outlets by article count (most first), ties by name.
    pub fn by_size(&self) -> Vec<&Outlet> {
        let mut v: Vec<&Outlet> = self.map.values().collect();
        v.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
        v
    }

    /// Column names (and meanings) of `outlets.csv`.
    pub fn columns(ctx: &Context) -> Vec<(String, String, &'static str)> {
        let mut c = vec![
            ("outlet".to_string(), "Outlet".to_string(), "text"),
            ("articles".into(), "Articles".into(), "count"),
            ("words".into(), "Words in counted zones".into(), "words"),
            (
                "words_quoted".into(),
                "Words inside quotations".into(),
                "words",
            ),
        ];
        for cat in &ctx.lexicon.categories {
            let id = &cat.id;
            c.push((
                format!("{id}_hits"),
                format!("{}: hits in any voice", cat.label),
                "count",
            ));
            c.push((
                format!("{id}_density"),
                format!(
                    "{}: adopted hits per 1,000 words outside quotations",
                    cat.label
                ),
                "per 1,000 words",
            ));
            c.push((
                format!("{id}_adoption"),
                format!("{}: adopted hits / all hits", cat.label),
                "ratio 0-1",
            ));
            c.push((
                format!("{id}_headline"),
                format!("{}: headline hits", cat.label),
                "count",
            ));
        }
        c.push((
            "label_index".into(),
            "Label index over adopted hits".into(),
            "index -1..1",
        ));
        c.push((
            "balance_j".into(),
            "Balance J of quoted words over side groups".into(),
            "index 0-1",
        ));
        c.push((
            "dyad_balance".into(),
            "Dyad balance of quoted words".into(),
            "index 0-1",
        ));
        for g in super::tables::group_ids(ctx) {
            c.push((
                format!("quoted_words_{g}"),
                format!("Words quoted from {g}"),
                "words",
            ));
        }
        c.push(("casualty_mentions".into(), "Harm mentions".into(), "count"));
        for g in &ctx.casualties.groups {
            c.push((
                format!("emphasis_{g}"),
                format!("Position-weighted mentions of {g} victims"),
                "weighted count",
            ));
        }
        c
    }

    /// Write `outlets.csv`, outlets sorted by name.
    pub fn write(&self, dir: &Path, ctx: &Context, opts: CsvOptions) -> std::io::Result<usize> {
        let cols = Self::columns(ctx);
        let names: Vec<&str> = cols.iter().map(|c| c.0.as_str()).collect();
        let mut t = Table::create(&dir.join("outlets.csv"), &names, opts)?;
        for o in self.map.values() {
            let mut r = vec![
                Cell::from(&o.name),
                Cell::from(o.articles),
                Cell::from(o.words),
                Cell::from(o.words_quoted),
            ];
            for c in 0..ctx.lexicon.categories.len() {
                let total: usize = o.counts[c].iter().sum();
                r.push(Cell::from(total));
                r.push(Cell::opt(o.density(c), 2));
                r.push(Cell::opt(
                    (total > 0).then(|| (o.counts[c][0] + o.counts[c][1]) as f64 / total as f64),
                    3,
                ));
                r.push(if o.with_headline > 0 {
                    Cell::from(o.headline[c])
                } else {
                    Cell::Na
                });
            }
            r.push(Cell::opt(o.label_index(ctx), 3));
            r.push(Cell::opt(o.balance_j(ctx), 3));
            r.push(Cell::opt(o.dyad(ctx), 3));
            for w in &o.quote_words {
                r.push(Cell::from(*w));
            }
            r.push(Cell::from(o.casualty_mentions));
            for e in &o.emphasis {
                r.push(Cell::Num(*e, 2));
            }
            t.row(&r)?;
        }
        t.finish()
    }
}
