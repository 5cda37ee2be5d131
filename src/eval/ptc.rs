//! `slant eval ptc`: loaded-language lexicon against the Propaganda Techniques Corpus.
//!
//! The PTC (SemEval-2020 Task 11) marks spans of propaganda techniques in news articles with
//! character offsets. Loaded_Language and Name_Calling,Labeling are the techniques a loaded-term
//! lexicon should find. Scoring is by overlap, because most gold spans are phrases and a
//! lexicon finds words: a hit is right if it overlaps a gold span, and a gold span is found
//! if any hit overlaps it. Reported per label and over both labels together.
//!
//! The articles are analysed like any corpus, with the first line as the headline and no
//! layout rules (PTC texts carry no page debris).

use crate::corpus::{Article, Origin};
use crate::lexicon::{Lexicon, Matcher};
use crate::text::{Document, Layout};
use std::collections::HashMap;
use std::path::Path;

/// Labels scored.
pub const LABELS: [&str; 2] = ["Loaded_Language", "Name_Calling,Labeling"];

/// Precision and recall for one label (or overall).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    /// Label name, or "overall".
    pub label: String,
    /// Hits overlapping a span of this label.
    pub hits_right: usize,
    /// All hits.
    pub hits: usize,
    /// Gold spans overlapped by a hit.
    pub spans_found: usize,
    /// Gold spans.
    pub spans: usize,
}

impl Score {
    /// Precision.
    pub fn precision(&self) -> f64 {
        if self.hits == 0 {
            0.0
        } else {
            self.hits_right as f64 / self.hits as f64
        }
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        if self.spans == 0 {
            0.0
        } else {
            self.spans_found as f64 / self.spans as f64
        }
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Result of the evaluation.
#[derive(Debug, Clone)]
pub struct Report {
    /// Articles scored.
    pub articles: usize,
    /// Scores per label, then overall.
    pub scores: Vec<Score>,
    /// Most frequent false-positive matched words, for tuning the general list by hand.
    pub top_false: Vec<(String, usize)>,
    /// Most frequent true-positive matched words.
    pub top_true: Vec<(String, usize)>,
}

/// Evaluate the categories `cats` of a lexicon on the PTC folder `dir` (holding
/// `train-articles/` and `train-task2-TC.labels`).
pub fn evaluate(dir: &Path, lex: &Lexicon, m: &Matcher, cats: &[usize]) -> Result<Report, String> {
    let art_dir = dir.join("train-articles");
    let labels_path = dir.join("train-task2-TC.labels");
    let labels = std::fs::read_to_string(&labels_path).map_err(|e| {
        format!(
            "{}: {}",
            labels_path.display(),
            crate::corpus::io_reason(&e)
        )
    })?;
    let mut gold: HashMap<String, Vec<(usize, usize, usize)>> = HashMap::new();
    for (i, line) in labels.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 4 {
            return Err(format!(
                "{}:{}: expected 4 tab-separated fields",
                labels_path.display(),
                i + 1
            ));
        }
        let Some(li) = LABELS.iter().position(|l| *l == f[1]) else {
            continue;
        };
        let (s, e) = (f[2].parse::<usize>(), f[3].parse::<usize>());
        let (Ok(s), Ok(e)) = (s, e) else {
            return Err(format!("{}:{}: bad offsets", labels_path.display(), i + 1));
        };
        gold.entry(f[0].to_owned()).or_default().push((li, s, e));
    }
    let mut files: Vec<_> = std::fs::read_dir(&art_dir)
        .map_err(|e| format!("{}: {}", art_dir.display(), crate::corpus::io_reason(&e)))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let layout = Layout::empty();
    let mut per_label: Vec<Score> = LABELS
        .iter()
        .map(|l| Score {
            label: (*l).to_owned(),
            ..Default::default()
        })
        .collect();
    let mut overall = Score {
        label: "overall".into(),
        ..Default::default()
    };
    let mut fp: HashMap<String, usize> = HashMap::new();
    let mut tp: HashMap<String, usize> = HashMap::new();
    let mut n = 0;
    for f in &files {
        let id = f
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .trim_start_matches("article")
            .to_owned();
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let article = Article::from_record(
            id.clone(),
            "ptc".into(),
            None,
            text,
            Origin {
                file: f.clone(),
                line: None,
            },
        );
        let doc = Document::build(&article, &layout);
        let spans = gold.get(&id).cloned().unwrap_or_default();
        let mut hits: Vec<(usize, usize, String)> = Vec::new();
        let mut buf = Vec::new();
        for (pi, p) in doc.paragraphs.iter().enumerate() {
            buf.clear();
            m.find(&doc.norms[pi], &article.text[p.start..p.end], &mut buf);
            for h in &buf {
                if cats.contains(&h.category) {
                    let (s, e) = (p.start + h.start, p.start + h.end);
                    hits.push((
                        doc.char_offset(s),
                        doc.char_offset(e),
                        article.text[s..e].to_lowercase(),
                    ));
                }
            }
        }
        // The same span may be hit by two categories: score it once.
        hits.sort();
        hits.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for (s, e, w) in &hits {
            let mut any = false;
            for (li, sc) in per_label.iter_mut().enumerate() {
                sc.hits += 1;
                if spans
                    .iter()
                    .any(|&(l, gs, ge)| l == li && overlaps((*s, *e), (gs, ge)))
                {
                    sc.hits_right += 1;
                    any = true;
                }
            }
            overall.hits += 1;
            if any {
                overall.hits_right += 1;
                *tp.entry(w.clone()).or_default() += 1;
            } else {
                *fp.entry(w.clone()).or_default() += 1;
            }
        }
        for &(li, gs, ge) in &spans {
            let found = hits.iter().any(|(s, e, _)| overlaps((*s, *e), (gs, ge)));
            per_label[li].spans += 1;
            overall.spans += 1;
            if found {
                per_label[li].spans_found += 1;
                overall.spans_found += 1;
            }
        }
        n += 1;
    }
    let _ = lex;
    let top = |m: HashMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(25);
        v
    };
    per_label.push(overall);
    Ok(Report {
        articles: n,
        scores: per_label,
        top_false: top(fp),
        top_true: top(tp),
    })
}
