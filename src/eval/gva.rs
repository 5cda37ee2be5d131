//! `slant eval gva DIR`: stated killed counts against the Gun Violence Archive.
//!
//! The GVA set pairs local news articles on shootings with the incident each reports, whose
//! record gives how many people were killed. The incident's count is not an annotation of the
//! text: an article may state another number (an early report) or none. So the measure is:
//! among articles in which slant finds at least one stated count of people killed, how often
//! the largest such count equals the incident's `num_killed`.
//!
//! Each GVA article reports one incident, so the event cues of the casualty lexicon (which
//! describe the bundled corpus's event) are cleared and every mention counts as the main event.

use crate::corpus::{Article, Origin};
use crate::lexicon::casualties::{CasualtyLexicon, Harm};
use crate::metrics::casualties;
use crate::text::{Document, Layout};
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// Result of the evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Articles read.
    pub articles: usize,
    /// Articles whose incident is known.
    pub with_incident: usize,
    /// Articles where slant found a stated killed count.
    pub stated: usize,
    /// ... whose largest count equals the incident's.
    pub equal: usize,
    /// ... larger than the incident's.
    pub over: usize,
    /// ... smaller.
    pub under: usize,
    /// Articles with no stated count whose incident killed nobody.
    pub none_and_zero: usize,
    /// The articles whose largest count differs from the incident's, in corpus order, up to
    /// the number asked for.
    pub errors: Vec<Disagreement>,
}

/// An article whose largest stated killed count is not the incident's.
#[derive(Debug, Clone)]
pub struct Disagreement {
    /// 1-based line of the article in `articles.jsonl.gz`.
    pub line: usize,
    /// The incident's `num_killed`.
    pub incident: u64,
    /// The largest count slant found.
    pub stated: u64,
    /// The count as written.
    pub count_text: String,
    /// The trigger word.
    pub trigger: String,
    /// The sentence that states it.
    pub sentence: String,
}

fn open(path: &Path) -> Result<Box<dyn BufRead>, String> {
    let f = std::fs::File::open(path)
        .map_err(|e| format!("{}: {}", path.display(), crate::corpus::io_reason(&e)))?;
    Ok(Box::new(std::io::BufReader::new(
        flate2::read::MultiGzDecoder::new(f),
    )))
}

/// Evaluate on the GVA folder (holding `articles.jsonl.gz` and `incidents.jsonl.gz`).
/// `limit` caps the articles read (for quick runs); `None` reads all. Up to `errors`
/// disagreements are kept in the report.
pub fn evaluate(
    dir: &Path,
    layout: &Layout,
    lex: &CasualtyLexicon,
    limit: Option<usize>,
    errors: usize,
) -> Result<Report, String> {
    let mut killed: HashMap<String, u64> = HashMap::new();
    let ip = dir.join("incidents.jsonl.gz");
    for (i, line) in open(&ip)?.lines().enumerate() {
        let line = line.map_err(|e| format!("{}: {e}", ip.display()))?;
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{}:{}: {e}", ip.display(), i + 1))?;
        let id = match &v["incident_uri"] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if let Some(n) = v["num_killed"].as_u64() {
            killed.insert(id, n);
        }
    }
    let mut lex = lex.clone();
    lex.event.main.clear();
    lex.event.context.clear();
    let ap = dir.join("articles.jsonl.gz");
    let mut r = Report::default();
    for (i, line) in open(&ap)?.lines().enumerate() {
        if limit.is_some_and(|l| r.articles >= l) {
            break;
        }
        let line = line.map_err(|e| format!("{}: {e}", ap.display()))?;
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{}:{}: {e}", ap.display(), i + 1))?;
        r.articles += 1;
        let inc = match &v["incident_id"] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let Some(&truth) = killed.get(&inc) else {
            continue;
        };
        r.with_incident += 1;
        let text = v["text"].as_str().unwrap_or("").to_owned();
        let title = v["title"].as_str().map(str::to_owned);
        let art = Article::from_record(
            format!("gva-{}", i + 1),
            "gva".into(),
            title,
            text,
            Origin {
                file: ap.clone(),
                line: Some(i as u64 + 1),
            },
        );
        let doc = Document::build(&art, layout);
        let ms = casualties::find(&doc, &lex, None);
        // The mention with the largest count (the first of equals).
        let best = ms
            .iter()
            .filter(|m| m.harm == Harm::Killed && m.count.is_some())
            .fold(None::<&casualties::Mention>, |b, m| match b {
                Some(b) if b.count >= m.count => Some(b),
                _ => Some(m),
            });
        match best {
            Some(m) => {
                let c = m.count.unwrap_or_default();
                r.stated += 1;
                match c.cmp(&truth) {
                    std::cmp::Ordering::Equal => r.equal += 1,
                    std::cmp::Ordering::Greater => r.over += 1,
                    std::cmp::Ordering::Less => r.under += 1,
                }
                if c != truth && r.errors.len() < errors {
                    let sent = doc.sentences[m.sentence];
                    r.errors.push(Disagreement {
                        line: i + 1,
                        incident: truth,
                        stated: c,
                        count_text: m.count_text.clone().unwrap_or_default(),
                        trigger: m.trigger.clone(),
                        sentence: doc.text()[sent.start..sent.end].to_owned(),
                    });
                }
            }
            None if truth == 0 => r.none_and_zero += 1,
            None => {}
        }
    }
    Ok(r)
}

impl Report {
    /// Share of articles with a stated count whose largest count equals the incident's.
    pub fn rate(&self) -> f64 {
        if self.stated == 0 {
            0.0
        } else {
            self.equal as f64 / self.stated as f64
        }
    }
}
