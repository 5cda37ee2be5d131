//! Comparing two bundles: what a lexicon edit (or a corpus edit) changed.
//!
//! [`compare`] looks at three things, and nothing else (the manifest's times are never
//! compared, so two runs of the same input differ in nothing):
//!
//! 1. **the lexicons**, from the copies inside each bundle (`lexicons/*.toml`), parsed as
//!    plain TOML: files added or removed; entries of arrays of tables added, removed or changed,
//!    matched by their `id` (or `name`) — terms, categories, layout rules, speakers —; strings
//!    added to or removed from a list (a term's `patterns`, `unless`, examples); and any other
//!    value changed. Comments and formatting are not changes.
//! 2. **`articles.csv`**: articles added or removed (by `article_id`), and for every article in
//!    both, every column whose value differs: old, new, and for numbers the delta. A column in
//!    only one bundle (a category added or removed) is one `column_added`/`column_removed` row,
//!    plus a row for each article where its value is not empty or zero.
//! 3. **`loaded_terms.csv`**: hits gained and lost, keyed by (article_id, term_id, char_start,
//!    char_end), each with its sentence; a hit present in both whose category or voice changed
//!    is `hit_changed`.
//!
//! The result is a list of [`DiffRow`]s, written as `diff.csv` by [`BundleDiff::write_csv`] and
//! summarised for a terminal by [`BundleDiff::render`].

use super::csv::{Cell, CsvOptions, Table};
use super::explain::{Painter, Style};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Columns of `diff.csv`.
pub const DIFF_COLUMNS: [&str; 7] = [
    "kind",
    "article_id",
    "column_or_term",
    "old",
    "new",
    "delta",
    "sentence",
];

/// Which part of the bundles a change is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// The lexicon copies.
    Lexicon,
    /// Articles added or removed.
    Article,
    /// Columns of articles.csv added or removed.
    Column,
    /// A value of articles.csv.
    Value,
    /// A loaded-term hit.
    Hit,
}

/// One change.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffRow {
    /// Part of the bundle.
    pub section: Section,
    /// `value_changed`, `hit_gained`, `term_removed`, `pattern_added`, ...
    pub kind: String,
    /// Article id (empty for lexicon and column rows).
    pub article_id: String,
    /// Column of articles.csv, term id, or lexicon entry.
    pub column_or_term: String,
    /// Old value (empty when added).
    pub old: String,
    /// New value (empty when removed).
    pub new: String,
    /// new − old, for numbers, as text with the places of the inputs.
    pub delta: Option<String>,
    /// For hits, the sentence; for lexicon rows, the change in words with its file.
    pub sentence: String,
    /// For hits, which appearance of the matched words in `sentence` the hit is (0 = the
    /// first), told by the order of the bundle's hits with the same words in that sentence.
    pub occurrence: usize,
    /// For hits, the words matched (a changed hit's old and new values are its category
    /// and voice, so they cannot be read from there).
    pub matched: String,
}

/// The changes between two bundles.
#[derive(Debug, Clone)]
pub struct BundleDiff {
    /// The older bundle.
    pub old: PathBuf,
    /// The newer bundle.
    pub new: PathBuf,
    /// Every change, lexicon first, then articles, columns, values, hits.
    pub rows: Vec<DiffRow>,
}

/// One row of `loaded_terms.csv`, as needed for the diff.
#[derive(Debug, Clone, PartialEq)]
struct HitRec {
    category: String,
    voice: String,
    matched: String,
    sentence: String,
    /// The sentence number (0 when the table has no `sentence` column).
    sentence_no: usize,
}

type HitKey = (String, String, usize, usize);

/// What a bundle holds that the diff compares, read into memory.
#[derive(Debug, Clone)]
pub struct BundleData {
    /// Where it was read from.
    pub path: PathBuf,
    header: Vec<String>,
    articles: Vec<(String, Vec<String>)>,
    hits: BTreeMap<HitKey, HitRec>,
    lexicons: BTreeMap<String, String>,
}

fn read_table(path: &Path, delimiter: u8) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "cannot read {}: {}",
            path.display(),
            crate::corpus::io_reason(&e)
        )
    })?;
    let bytes = bytes
        .strip_prefix("\u{FEFF}".as_bytes())
        .unwrap_or(&bytes[..]);
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(bytes);
    let header: Vec<String> = r
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| format!("{}: {e}", path.display()))?;
        rows.push(rec.iter().map(str::to_owned).collect());
    }
    Ok((header, rows))
}

fn col(header: &[String], name: &str, file: &Path) -> Result<usize, String> {
    header
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| format!("{}: no `{name}` column", file.display()))
}

impl BundleData {
    /// Read a bundle folder: `articles.csv`, `loaded_terms.csv`, `lexicons/*.toml`, and the
    /// CSV delimiter from `manifest.json`.
    pub fn load(dir: &Path) -> Result<BundleData, String> {
        if !dir.is_dir() {
            return Err(format!(
                "{}: {}",
                dir.display(),
                if dir.exists() {
                    "not a folder"
                } else {
                    "no such folder"
                }
            ));
        }
        let articles_path = dir.join("articles.csv");
        if !articles_path.is_file() {
            return Err(format!(
                "{}: not a slant bundle (no articles.csv)",
                dir.display()
            ));
        }
        let delimiter = std::fs::read_to_string(dir.join("manifest.json"))
            .ok()
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
            .and_then(|m| {
                m["csv"]["delimiter"]
                    .as_str()
                    .and_then(|d| d.bytes().next())
            })
            .unwrap_or(b',');
        let (header, rows) = read_table(&articles_path, delimiter)?;
        let id = col(&header, "article_id", &articles_path)?;
        let articles = rows
            .into_iter()
            .map(|r| (r.get(id).cloned().unwrap_or_default(), r))
            .collect();
        let mut hits = BTreeMap::new();
        let hits_path = dir.join("loaded_terms.csv");
        if hits_path.is_file() {
            let (h, rows) = read_table(&hits_path, delimiter)?;
            let c = |n: &str| col(&h, n, &hits_path);
            let (ia, it, is, ie) = (
                c("article_id")?,
                c("term_id")?,
                c("char_start")?,
                c("char_end")?,
            );
            let (ic, iv, im, iss) = (
                c("category")?,
                c("voice")?,
                c("matched_text")?,
                c("sentence_text")?,
            );
            let isn = h.iter().position(|x| x == "sentence");
            let get = |r: &Vec<String>, i: usize| r.get(i).cloned().unwrap_or_default();
            for r in rows {
                let num = |i: usize| get(&r, i).parse::<usize>().unwrap_or(0);
                hits.insert(
                    (get(&r, ia), get(&r, it), num(is), num(ie)),
                    HitRec {
                        category: get(&r, ic),
                        voice: get(&r, iv),
                        matched: get(&r, im),
                        sentence: get(&r, iss),
                        sentence_no: isn.map_or(0, num),
                    },
                );
            }
        }
        let mut lexicons = BTreeMap::new();
        if let Ok(rd) = std::fs::read_dir(dir.join("lexicons")) {
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "toml") {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let text = std::fs::read_to_string(&p)
                        .map_err(|err| format!("cannot read {}: {err}", p.display()))?;
                    lexicons.insert(name, text);
                }
            }
        }
        Ok(BundleData {
            path: dir.to_owned(),
            header,
            articles,
            hits,
            lexicons,
        })
    }
}

/// Compare two bundle folders.
pub fn diff_bundles(old: &Path, new: &Path) -> Result<BundleDiff, String> {
    let a = BundleData::load(old)?;
    let b = BundleData::load(new)?;
    Ok(compare(&a, &b))
}

fn row(section: Section, kind: &str) -> DiffRow {
    DiffRow {
        section,
        kind: kind.to_owned(),
        article_id: String::new(),
        column_or_term: String::new(),
        old: String::new(),
        new: String::new(),
        delta: None,
        sentence: String::new(),
        occurrence: 0,
        matched: String::new(),
    }
}

/// For each hit of a bundle, its rank among the hits of the same article, sentence number
/// and matched words (by offset; hits of several terms at one offset share a rank), so that
/// a sentence holding the words twice shows the right one. (A sentence is told by its number,
/// not its text: with `--context` each hit's text is its own window, and an article may
/// repeat a sentence word for word.)
fn occurrences(hits: &BTreeMap<HitKey, HitRec>) -> BTreeMap<&HitKey, usize> {
    let mut starts: BTreeMap<(&str, usize, &str), Vec<usize>> = BTreeMap::new();
    for (k, h) in hits {
        starts
            .entry((k.0.as_str(), h.sentence_no, h.matched.as_str()))
            .or_default()
            .push(k.2);
    }
    for v in starts.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    hits.iter()
        .map(|(k, h)| {
            let v = &starts[&(k.0.as_str(), h.sentence_no, h.matched.as_str())];
            (k, v.partition_point(|&x| x < k.2))
        })
        .collect()
}

fn decimals(s: &str) -> usize {
    s.split_once('.').map(|(_, f)| f.len()).unwrap_or(0)
}

fn number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b"+-.".contains(&b)) {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// new − old with the places of the inputs and a sign, when both are numbers.
fn delta(old: &str, new: &str) -> Option<String> {
    let (a, b) = (number(old)?, number(new)?);
    let places = decimals(old).max(decimals(new));
    let d = super::csv::fixed(b - a, places);
    Some(if b - a > 0.0 && !d.starts_with('-') {
        format!("+{d}")
    } else {
        d
    })
}

fn same_value(a: &str, b: &str) -> bool {
    a == b || matches!((number(a), number(b)), (Some(x), Some(y)) if x == y)
}

fn zeroish(s: &str) -> bool {
    s.is_empty() || number(s) == Some(0.0) || s == "false"
}

/// Compare two bundles read into memory.
pub fn compare(old: &BundleData, new: &BundleData) -> BundleDiff {
    let mut rows = Vec::new();

    // 1. Lexicons.
    let names: BTreeSet<&String> = old.lexicons.keys().chain(new.lexicons.keys()).collect();
    for name in names {
        lexicon_changes(
            name,
            old.lexicons.get(name).map(String::as_str),
            new.lexicons.get(name).map(String::as_str),
            &mut rows,
        );
    }

    // 2. Articles and their values.
    let old_ids: BTreeMap<&str, &Vec<String>> = old
        .articles
        .iter()
        .map(|(id, r)| (id.as_str(), r))
        .collect();
    let new_ids: BTreeMap<&str, &Vec<String>> = new
        .articles
        .iter()
        .map(|(id, r)| (id.as_str(), r))
        .collect();
    let title = |h: &[String], r: &Vec<String>| {
        h.iter()
            .position(|c| c == "title")
            .and_then(|i| r.get(i).cloned())
            .unwrap_or_default()
    };
    for (id, r) in &new.articles {
        if !old_ids.contains_key(id.as_str()) {
            let mut d = row(Section::Article, "article_added");
            d.article_id = id.clone();
            d.new = title(&new.header, r);
            rows.push(d);
        }
    }
    for (id, r) in &old.articles {
        if !new_ids.contains_key(id.as_str()) {
            let mut d = row(Section::Article, "article_removed");
            d.article_id = id.clone();
            d.old = title(&old.header, r);
            rows.push(d);
        }
    }
    let old_col: BTreeMap<&str, usize> = old
        .header
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let new_col: BTreeMap<&str, usize> = new
        .header
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    for c in &new.header {
        if !old_col.contains_key(c.as_str()) {
            let mut d = row(Section::Column, "column_added");
            d.column_or_term = c.clone();
            rows.push(d);
        }
    }
    for c in &old.header {
        if !new_col.contains_key(c.as_str()) {
            let mut d = row(Section::Column, "column_removed");
            d.column_or_term = c.clone();
            rows.push(d);
        }
    }
    // Columns in new order, then those only in the old bundle.
    let mut columns: Vec<&str> = new.header.iter().map(String::as_str).collect();
    columns.extend(
        old.header
            .iter()
            .map(String::as_str)
            .filter(|c| !new_col.contains_key(c)),
    );
    for (id, nr) in &new.articles {
        let Some(or) = old_ids.get(id.as_str()) else {
            continue;
        };
        for &c in &columns {
            if c == "article_id" {
                continue;
            }
            let ov = old_col.get(c).and_then(|&i| or.get(i));
            let nv = new_col.get(c).and_then(|&i| nr.get(i));
            let (o, n) = match (ov, nv) {
                (Some(o), Some(n)) => (o.as_str(), n.as_str()),
                (None, Some(n)) if !zeroish(n) => ("", n.as_str()),
                (Some(o), None) if !zeroish(o) => (o.as_str(), ""),
                _ => continue,
            };
            if same_value(o, n) {
                continue;
            }
            let mut d = row(Section::Value, "value_changed");
            d.article_id = id.clone();
            d.column_or_term = c.to_owned();
            d.old = o.to_owned();
            d.new = n.to_owned();
            d.delta = delta(o, n);
            rows.push(d);
        }
    }

    // 3. Hits.
    let (old_rank, new_rank) = (occurrences(&old.hits), occurrences(&new.hits));
    let hit_row = |kind: &str, k: &HitKey, h: &HitRec| {
        let mut d = row(Section::Hit, kind);
        d.article_id = k.0.clone();
        d.column_or_term = k.1.clone();
        d.sentence = h.sentence.clone();
        d.occurrence = new_rank
            .get(k)
            .or_else(|| old_rank.get(k))
            .copied()
            .unwrap_or(0);
        d.matched = h.matched.clone();
        (d, format!("{} @{}-{}", h.matched, k.2, k.3))
    };
    for (k, h) in &old.hits {
        if !new.hits.contains_key(k) {
            let (mut d, what) = hit_row("hit_lost", k, h);
            d.old = what;
            rows.push(d);
        }
    }
    for (k, h) in &new.hits {
        match old.hits.get(k) {
            None => {
                let (mut d, what) = hit_row("hit_gained", k, h);
                d.new = what;
                rows.push(d);
            }
            Some(o) if o.category != h.category || o.voice != h.voice => {
                let (mut d, _) = hit_row("hit_changed", k, h);
                d.old = format!("{} {}", o.category, o.voice);
                d.new = format!("{} {}", h.category, h.voice);
                rows.push(d);
            }
            Some(_) => {}
        }
    }
    // Hits in article order, then by offset, lost before gained.
    let mut order: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, (id, _)) in new.articles.iter().chain(old.articles.iter()).enumerate() {
        order.entry(id.as_str()).or_insert(i);
    }
    let first_hit = rows
        .iter()
        .position(|r| r.section == Section::Hit)
        .unwrap_or(rows.len());
    let mut hit_rows = rows.split_off(first_hit);
    let start_of = |r: &DiffRow| {
        let s = if r.old.is_empty() { &r.new } else { &r.old };
        s.rsplit_once('@')
            .and_then(|(_, o)| o.split('-').next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    hit_rows.sort_by_key(|r| {
        (
            order
                .get(r.article_id.as_str())
                .copied()
                .unwrap_or(usize::MAX),
            start_of(r),
            r.column_or_term.clone(),
            r.kind.clone(),
        )
    });
    rows.extend(hit_rows);
    BundleDiff {
        old: old.path.clone(),
        new: new.path.clone(),
        rows,
    }
}

// ------------------------------------------------------------------------------ lexicons

/// The identity of an entry of an array of tables: its `id`, else its `name`.
fn entry_key(v: &toml::Value) -> Option<String> {
    let t = v.as_table()?;
    ["id", "name"]
        .iter()
        .find_map(|k| t.get(*k).and_then(|x| x.as_str()).map(str::to_owned))
}

fn compact(v: &toml::Value) -> String {
    let s = match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(a) if a.iter().all(|x| x.is_str()) => a
            .iter()
            .filter_map(|x| x.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    };
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 100 {
        let mut t: String = s.chars().take(99).collect();
        t.push('…');
        t
    } else {
        s
    }
}

/// Singular name of a list key, for row kinds (`patterns` → `pattern`).
fn singular(key: &str) -> String {
    match key {
        "unless" => "unless_phrase".into(),
        "match" => "match_example".into(),
        "no_match" => "no_match_example".into(),
        "aliases" => "alias".into(),
        "categories" => "category".into(),
        k if k.len() > 3 && k.ends_with('s') && !k.ends_with("ss") => k[..k.len() - 1].into(),
        k => k.into(),
    }
}

struct LexCtx<'a> {
    file: &'a str,
    /// The entry being compared: (array name, key), e.g. ("term", "militia").
    owner: Option<(String, String)>,
}

impl LexCtx<'_> {
    fn subject(&self, path: &str) -> String {
        match (&self.owner, path.is_empty()) {
            (Some((_, id)), true) => id.clone(),
            (Some((_, id)), false) => format!("{id}.{path}"),
            (None, _) => path.to_owned(),
        }
    }

    /// Subject of an element added to or removed from a list: the entry's id (the kind names
    /// the list), or the list's path outside entries.
    fn list_subject(&self, path: &str) -> String {
        match &self.owner {
            Some((_, id)) => id.clone(),
            None => path.to_owned(),
        }
    }

    fn owner_words(&self) -> String {
        match &self.owner {
            Some((kind, id)) => format!("{kind} `{id}`: "),
            None => String::new(),
        }
    }

    fn push(
        &self,
        out: &mut Vec<DiffRow>,
        kind: String,
        subject: String,
        old: String,
        new: String,
        words: String,
    ) {
        let mut d = row(Section::Lexicon, &kind);
        d.column_or_term = subject;
        d.old = old;
        d.new = new;
        d.sentence = format!("{}: {}{words}", self.file, self.owner_words());
        out.push(d);
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn last_segment(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

fn is_keyed_array(v: &[toml::Value]) -> bool {
    !v.is_empty() && v.iter().all(|e| entry_key(e).is_some())
}

/// An entry added (`added` true) or removed at `path`.
fn entry_presence(cx: &LexCtx, path: &str, v: &toml::Value, added: bool, out: &mut Vec<DiffRow>) {
    let verb = if added { "added" } else { "removed" };
    match v {
        toml::Value::Array(items) if is_keyed_array(items) => {
            let kind = last_segment(path);
            for e in items {
                let key = entry_key(e).unwrap_or_default();
                let (o, n) = side(compact_entry(e), added);
                cx.push(
                    out,
                    format!("{kind}_{verb}"),
                    key.clone(),
                    o,
                    n,
                    format!("{kind} `{key}` {verb}"),
                );
            }
        }
        toml::Value::Array(items) if !items.is_empty() => {
            let kind = singular(last_segment(path));
            for e in items {
                let (o, n) = side(compact(e), added);
                cx.push(
                    out,
                    format!("{kind}_{verb}"),
                    cx.list_subject(path),
                    o,
                    n,
                    format!("{} `{}` {verb}", kind.replace('_', " "), compact(e)),
                );
            }
        }
        _ => {
            let kind = match &cx.owner {
                Some((k, _)) => format!("{k}_changed"),
                None => "setting_changed".into(),
            };
            let (o, n) = side(compact(v), added);
            cx.push(
                out,
                kind,
                cx.subject(path),
                o,
                n,
                format!("`{path}` {verb} ({})", compact(v)),
            );
        }
    }
}

fn compact_entry(e: &toml::Value) -> String {
    // The entry's main content: patterns for a term, the pattern of a rule, the label of a
    // category, else the whole entry (its key alone when it has nothing else).
    let t = e.as_table();
    for k in ["patterns", "pattern", "label", "group"] {
        if let Some(v) = t.and_then(|t| t.get(k)) {
            return compact(v);
        }
    }
    match (t, entry_key(e)) {
        (Some(t), Some(key)) if t.len() == 1 => key,
        _ => compact(e),
    }
}

fn walk(cx: &LexCtx, path: &str, old: &toml::Value, new: &toml::Value, out: &mut Vec<DiffRow>) {
    use toml::Value;
    match (old, new) {
        (Value::Table(a), Value::Table(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for k in keys {
                let sub = join(path, k);
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => walk(cx, &sub, x, y, out),
                    (None, Some(y)) => entry_presence(cx, &sub, y, true, out),
                    (Some(x), None) => entry_presence(cx, &sub, x, false, out),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if is_keyed_array(a) || is_keyed_array(b) => {
            let kind = last_segment(path).to_owned();
            let index = |v: &[Value]| -> BTreeMap<String, Value> {
                v.iter()
                    .filter_map(|e| entry_key(e).map(|k| (k, e.clone())))
                    .collect()
            };
            let (ia, ib) = (index(a), index(b));
            // Removed and added in file order.
            for e in a {
                let k = entry_key(e).unwrap_or_default();
                if !ib.contains_key(&k) {
                    cx.push(
                        out,
                        format!("{kind}_removed"),
                        k.clone(),
                        compact_entry(e),
                        String::new(),
                        format!("{kind} `{k}` removed"),
                    );
                }
            }
            for e in b {
                let k = entry_key(e).unwrap_or_default();
                match ia.get(&k) {
                    None => {
                        cx.push(
                            out,
                            format!("{kind}_added"),
                            k.clone(),
                            String::new(),
                            compact_entry(e),
                            format!("{kind} `{k}` added"),
                        );
                    }
                    Some(o) => {
                        let inner = LexCtx {
                            file: cx.file,
                            owner: Some((kind.clone(), k.clone())),
                        };
                        walk(&inner, "", o, e, out);
                    }
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            let kind = singular(last_segment(path));
            let sa: Vec<String> = a.iter().map(|v| v.to_string()).collect();
            let sb: Vec<String> = b.iter().map(|v| v.to_string()).collect();
            for (v, s) in a.iter().zip(&sa) {
                if !sb.contains(s) {
                    cx.push(
                        out,
                        format!("{kind}_removed"),
                        cx.list_subject(path),
                        compact(v),
                        String::new(),
                        format!("{} `{}` removed", kind.replace('_', " "), compact(v)),
                    );
                }
            }
            for (v, s) in b.iter().zip(&sb) {
                if !sa.contains(s) {
                    cx.push(
                        out,
                        format!("{kind}_added"),
                        cx.list_subject(path),
                        String::new(),
                        compact(v),
                        format!("{} `{}` added", kind.replace('_', " "), compact(v)),
                    );
                }
            }
        }
        (x, y) => {
            if x != y {
                let kind = match &cx.owner {
                    Some((k, _)) => format!("{k}_changed"),
                    None => "setting_changed".into(),
                };
                cx.push(
                    out,
                    kind,
                    cx.subject(path),
                    compact(x),
                    compact(y),
                    format!("`{path}` {} → {}", compact(x), compact(y)),
                );
            }
        }
    }
}

/// (old, new) for a value added or removed.
fn side(s: String, added: bool) -> (String, String) {
    if added {
        (String::new(), s)
    } else {
        (s, String::new())
    }
}

/// The changes between two versions of one lexicon file (either may be missing).
fn lexicon_changes(file: &str, old: Option<&str>, new: Option<&str>, out: &mut Vec<DiffRow>) {
    let cx = LexCtx { file, owner: None };
    match (old, new) {
        (None, Some(_)) => cx.push(
            out,
            "lexicon_file_added".into(),
            file.into(),
            String::new(),
            file.into(),
            "file added".into(),
        ),
        (Some(_), None) => cx.push(
            out,
            "lexicon_file_removed".into(),
            file.into(),
            file.into(),
            String::new(),
            "file removed".into(),
        ),
        (Some(a), Some(b)) if a != b => {
            match (
                toml::from_str::<toml::Table>(a),
                toml::from_str::<toml::Table>(b),
            ) {
                (Ok(x), Ok(y)) => {
                    walk(&cx, "", &toml::Value::Table(x), &toml::Value::Table(y), out)
                }
                _ => cx.push(
                    out,
                    "lexicon_file_changed".into(),
                    file.into(),
                    String::new(),
                    String::new(),
                    "changed (not valid TOML, so not compared in detail)".into(),
                ),
            }
        }
        _ => {}
    }
}

// ------------------------------------------------------------------------------ output

/// The matched words of a hit emphasised in its sentence.
fn hit_sentence(p: &mut Painter, sentence: &str, matched: &str, nth: usize, fg: u8) {
    let s = sentence.replace('\n', " ");
    let m = matched.replace('\n', " ");
    // Past the last appearance (a `--context` window that cut earlier ones off), the hit is
    // the last one shown.
    let at = |k: usize| s.match_indices(m.as_str()).nth(k).map(|(i, _)| i);
    let last = || s.rmatch_indices(m.as_str()).next().map(|(i, _)| i);
    match (!m.is_empty()).then(|| at(nth).or_else(last)).flatten() {
        Some(i) => {
            p.plain(&s[..i]);
            if p.color() {
                p.push(
                    &m,
                    Style {
                        bold: true,
                        fg: Some(fg),
                        ..Style::default()
                    },
                );
            } else {
                p.plain(&format!("[{m}]"));
            }
            p.plain(&s[i + m.len()..]);
        }
        None => p.plain(&s),
    }
}

impl BundleDiff {
    /// Nothing changed?
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn of(&self, s: Section) -> impl Iterator<Item = &DiffRow> {
        self.rows.iter().filter(move |r| r.section == s)
    }

    /// Write `diff.csv` (a header row only when nothing changed).
    pub fn write_csv(&self, path: &Path) -> std::io::Result<()> {
        let mut t = Table::create(path, &DIFF_COLUMNS, CsvOptions::default())?;
        let cell = |s: &str| -> Cell {
            if s.is_empty() {
                Cell::Na
            } else if let Ok(n) = s.parse::<i64>() {
                if n.to_string() == s {
                    Cell::Int(n)
                } else {
                    Cell::Text(s.to_owned().into())
                }
            } else if let Some(x) = number(s) {
                if super::csv::fixed(x, decimals(s)) == s {
                    Cell::Num(x, decimals(s))
                } else {
                    Cell::Text(s.to_owned().into())
                }
            } else {
                Cell::Text(s.to_owned().into())
            }
        };
        for r in &self.rows {
            let delta = match &r.delta {
                Some(d) => match number(d) {
                    Some(x) => Cell::Num(x, decimals(d)),
                    None => Cell::Text(d.clone().into()),
                },
                None => Cell::Na,
            };
            t.row(&[
                Cell::from(r.kind.as_str()),
                Cell::from(r.article_id.as_str()),
                Cell::from(r.column_or_term.as_str()),
                cell(&r.old),
                cell(&r.new),
                delta,
                Cell::from(r.sentence.as_str()),
            ])?;
        }
        t.finish()?;
        Ok(())
    }

    /// A readable summary. `compact` (for `slant watch`) lists lexicon changes and values
    /// changed, and only counts hits; at most `limit` lines per section.
    pub fn render(&self, color: bool, compact: bool) -> String {
        let mut p = Painter::new(color);
        let red = Style {
            fg: Some(31),
            ..Style::default()
        };
        let green = Style {
            fg: Some(32),
            ..Style::default()
        };
        let bold = Style {
            bold: true,
            ..Style::default()
        };
        let dim = Style {
            dim: true,
            ..Style::default()
        };
        let limit = if compact { 30 } else { usize::MAX };
        if !compact {
            p.plain(&format!(
                "comparing {} → {}",
                self.old.display(),
                self.new.display()
            ));
            p.nl();
        }
        if self.is_empty() {
            p.plain(if compact {
                "  no changes"
            } else {
                "no changes"
            });
            p.nl();
            return p.finish();
        }
        let indent = if compact { "  " } else { "" };
        let more = |p: &mut Painter, n: usize| {
            if n > limit {
                p.push(
                    &format!(
                        "{indent}    … and {} more (slant diff shows all)",
                        n - limit
                    ),
                    dim,
                );
                p.nl();
            }
        };

        let lex: Vec<&DiffRow> = self.of(Section::Lexicon).collect();
        if !lex.is_empty() {
            p.push(&format!("{indent}lexicons: {} change(s)", lex.len()), bold);
            p.nl();
            for r in lex.iter().take(limit) {
                let st = if r.kind.ends_with("_added") {
                    green
                } else if r.kind.ends_with("_removed") {
                    red
                } else {
                    Style::default()
                };
                let mark = if r.kind.ends_with("_added") {
                    "+"
                } else if r.kind.ends_with("_removed") {
                    "-"
                } else {
                    "~"
                };
                p.push(&format!("{indent}  {mark} {}", r.sentence), st);
                p.nl();
            }
            more(&mut p, lex.len());
        }

        let added: Vec<&DiffRow> = self
            .of(Section::Article)
            .filter(|r| r.kind == "article_added")
            .collect();
        let removed: Vec<&DiffRow> = self
            .of(Section::Article)
            .filter(|r| r.kind == "article_removed")
            .collect();
        if !added.is_empty() || !removed.is_empty() {
            p.push(
                &format!(
                    "{indent}articles: {} added, {} removed",
                    added.len(),
                    removed.len()
                ),
                bold,
            );
            p.nl();
            for r in &added {
                p.push(&format!("{indent}  + {}  {}", r.article_id, r.new), green);
                p.nl();
            }
            for r in &removed {
                p.push(&format!("{indent}  - {}  {}", r.article_id, r.old), red);
                p.nl();
            }
        }
        let cols: Vec<&DiffRow> = self.of(Section::Column).collect();
        if !cols.is_empty() {
            let a: Vec<&str> = cols
                .iter()
                .filter(|r| r.kind == "column_added")
                .map(|r| r.column_or_term.as_str())
                .collect();
            let d: Vec<&str> = cols
                .iter()
                .filter(|r| r.kind == "column_removed")
                .map(|r| r.column_or_term.as_str())
                .collect();
            p.push(&format!("{indent}columns of articles.csv"), bold);
            p.nl();
            if !a.is_empty() {
                p.push(&format!("{indent}  + {}", a.join(", ")), green);
                p.nl();
            }
            if !d.is_empty() {
                p.push(&format!("{indent}  - {}", d.join(", ")), red);
                p.nl();
            }
        }

        let values: Vec<&DiffRow> = self.of(Section::Value).collect();
        if !values.is_empty() {
            let arts: BTreeSet<&str> = values.iter().map(|r| r.article_id.as_str()).collect();
            p.push(
                &format!(
                    "{indent}scores: {} value(s) changed in {} article(s)",
                    values.len(),
                    arts.len()
                ),
                bold,
            );
            p.nl();
            let w = values
                .iter()
                .map(|r| r.column_or_term.chars().count())
                .max()
                .unwrap_or(0);
            let mut last = "";
            for r in values.iter().take(limit) {
                if r.article_id != last {
                    p.push(&format!("{indent}  {}", r.article_id), bold);
                    p.nl();
                    last = &r.article_id;
                }
                let show = |s: &str| {
                    if s.is_empty() {
                        "NA".to_owned()
                    } else {
                        s.to_owned()
                    }
                };
                p.plain(&format!(
                    "{indent}    {:<w$}  {} → {}",
                    r.column_or_term,
                    show(&r.old),
                    show(&r.new)
                ));
                if let Some(d) = &r.delta {
                    let st = if d.starts_with('-') { red } else { green };
                    p.plain("  (");
                    p.push(d, st);
                    p.plain(")");
                }
                p.nl();
            }
            more(&mut p, values.len());
        }

        if self.of(Section::Value).next().is_none() && self.of(Section::Hit).next().is_none() {
            p.plain(&format!("{indent}scores and loaded-term hits: unchanged"));
            p.nl();
        }
        let lost = self.rows.iter().filter(|r| r.kind == "hit_lost").count();
        let gained = self.rows.iter().filter(|r| r.kind == "hit_gained").count();
        let changed = self.rows.iter().filter(|r| r.kind == "hit_changed").count();
        if lost + gained + changed > 0 {
            p.push(
                &format!(
                    "{indent}loaded-term hits: {lost} lost, {gained} gained{}",
                    if changed > 0 {
                        format!(", {changed} changed category or voice")
                    } else {
                        String::new()
                    }
                ),
                bold,
            );
            p.nl();
            let hits: Vec<&DiffRow> = self.of(Section::Hit).collect();
            let wa = hits
                .iter()
                .map(|r| r.article_id.chars().count())
                .max()
                .unwrap_or(0);
            let wt = hits
                .iter()
                .map(|r| r.column_or_term.chars().count())
                .max()
                .unwrap_or(0);
            let hl = if compact { 10 } else { usize::MAX };
            for r in hits.iter().take(hl) {
                let (mark, st) = match r.kind.as_str() {
                    "hit_lost" => ("-", red),
                    "hit_gained" => ("+", green),
                    _ => ("~", Style::default()),
                };
                p.push(&format!("{indent}  {mark} "), st);
                p.push(
                    &format!("{:<wa$}  {:<wt$}", r.article_id, r.column_or_term),
                    st,
                );
                p.plain("  ");
                if r.kind == "hit_changed" {
                    p.plain(&format!("{} → {}: ", r.old, r.new));
                }
                hit_sentence(
                    &mut p,
                    &r.sentence,
                    &r.matched,
                    r.occurrence,
                    st.fg.unwrap_or(33),
                );
                p.nl();
            }
            if hits.len() > hl {
                p.push(
                    &format!(
                        "{indent}    … and {} more (slant diff shows all)",
                        hits.len() - hl
                    ),
                    dim,
                );
                p.nl();
            }
        }
        p.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (found by a new-user trial): a sentence holding the matched words twice
    /// bracketed the first appearance for both hits.
    #[test]
    fn a_second_hit_in_a_sentence_brackets_its_own_words() {
        let sentence = "We are concerned about this escalation and the risk of further escalation.";
        let rec = |c: &str| HitRec {
            category: c.into(),
            voice: "quoted".into(),
            matched: "escalation".into(),
            sentence: sentence.into(),
            sentence_no: 7,
        };
        let key = |t: &str, s: usize| ("rudaw".to_string(), t.to_string(), s, s + 10);
        let mut hits = BTreeMap::new();
        hits.insert(key("escalation", 4281), rec("violence_framing"));
        hits.insert(key("escalation", 4227), rec("violence_framing"));
        // A second term at the same offset shares the rank.
        hits.insert(key("other", 4281), rec("general_loaded"));
        let rank = occurrences(&hits);
        assert_eq!(rank[&key("escalation", 4227)], 0);
        assert_eq!(rank[&key("escalation", 4281)], 1);
        assert_eq!(rank[&key("other", 4281)], 1);
        let shown = |nth: usize| {
            let mut p = Painter::new(false);
            hit_sentence(&mut p, sentence, "escalation", nth, 33);
            p.finish()
        };
        assert!(shown(0).contains("this [escalation] and"), "{}", shown(0));
        assert!(shown(1).contains("further [escalation]."), "{}", shown(1));
        // With --context the second hit's text is its own window, yet it ranks second.
        let mut windowed = rec("violence_framing");
        windowed.sentence = "\u{2026}this escalation and the risk of further escalation.".into();
        hits.insert(key("escalation", 4281), windowed);
        assert_eq!(occurrences(&hits)[&key("escalation", 4281)], 1);
        // A hit whose category changed keeps its words for the view (regression: the view
        // read them from old/new, which hold category and voice, and bracketed nothing).
        let bundle = |cat: &str| {
            let mut h = BTreeMap::new();
            h.insert(key("escalation", 4227), rec(cat));
            BundleData {
                path: PathBuf::new(),
                header: Vec::new(),
                articles: Vec::new(),
                hits: h,
                lexicons: BTreeMap::new(),
            }
        };
        let d = compare(&bundle("violence_framing"), &bundle("emotive_intensifier"));
        let changed: Vec<&DiffRow> = d.rows.iter().filter(|r| r.kind == "hit_changed").collect();
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].matched, "escalation");
        // More hits than appearances (a window cut earlier ones off): the last one shown.
        assert!(shown(5).contains("further [escalation]."), "{}", shown(5));
    }

    fn lex_rows(a: &str, b: &str) -> Vec<DiffRow> {
        let mut out = Vec::new();
        lexicon_changes("loaded.toml", Some(a), Some(b), &mut out);
        out
    }

    #[test]
    fn lexicon_terms_patterns_and_categories() {
        let a = r#"
[[category]]
id = "a"
[[term]]
id = "militia"
category = "a"
patterns = ["militia", "militias"]
weight = 1.0
[[term]]
id = "gone"
category = "a"
patterns = ["gone"]
"#;
        let b = r#"
# a comment
[[category]]
id = "a"
[[category]]
id = "b"
[[term]]
id = "militia"
category = "a"
patterns = ["militia", "militiamen"]
weight = 2.0
"#;
        let rows = lex_rows(a, b);
        let kinds: Vec<(&str, &str, &str, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r.kind.as_str(),
                    r.column_or_term.as_str(),
                    r.old.as_str(),
                    r.new.as_str(),
                )
            })
            .collect();
        assert!(
            kinds.contains(&("category_added", "b", "", "b")),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("term_removed", "gone", "gone", "")),
            "{kinds:?}"
        );
        assert!(kinds.contains(&("pattern_removed", "militia", "militias", "")));
        assert!(kinds.contains(&("pattern_added", "militia", "", "militiamen")));
        assert!(kinds.contains(&("term_changed", "militia.weight", "1.0", "2.0")));
        assert_eq!(rows.len(), 5);
        assert!(lex_rows(a, &format!("# only a comment\n{a}")).is_empty());
    }

    #[test]
    fn deltas_keep_places_and_sign() {
        assert_eq!(delta("1.50", "2.25").as_deref(), Some("+0.75"));
        assert_eq!(delta("3", "1").as_deref(), Some("-2"));
        assert_eq!(delta("", "1"), None);
        assert_eq!(delta("true", "false"), None);
        assert!(same_value("0.50", "0.5"));
    }
}
