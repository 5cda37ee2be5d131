//! Reported speech: the words an outlet attributes to someone without quote marks.
//!
//! A loaded term inside reported speech ("Rasool said the strike was a blatant assassination")
//! is the `paraphrase` voice, not the outlet's own editorial word. A sentence holds reported
//! speech when it has a reporting verb (said, warned, told, accused, ...) or "according to":
//!
//! - `X said (that) CLAUSE`: the words after the verb, to the end of the sentence;
//! - `CLAUSE, X said.`: the words before the comma, when the verb closes the sentence;
//! - `according to X, CLAUSE` or `CLAUSE, according to X`: the whole sentence.
//!
//! Words inside quotation marks are left to the quotation (they are `quoted`). The verb list
//! is built in for now; the quotations work makes it an editable lexicon.

use crate::text::normalize::Normalized;
use crate::text::Document;

/// Reporting verbs (normalized, whole words).
pub const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "added",
    "adding",
    "warned",
    "warns",
    "warning",
    "stated",
    "states",
    "announced",
    "announces",
    "claimed",
    "claims",
    "claiming",
    "accused",
    "accuses",
    "accusing",
    "condemned",
    "condemns",
    "condemning",
    "confirmed",
    "confirms",
    "noted",
    "notes",
    "insisted",
    "insists",
    "argued",
    "argues",
    "explained",
    "reported",
    "reports",
    "wrote",
    "writes",
    "alleged",
    "alleges",
    "denied",
    "denies",
    "admitted",
    "admits",
    "called",
    "calls",
    "calling",
    "described",
    "describes",
    "describing",
    "urged",
    "urges",
    "demanded",
    "demands",
    "asserted",
    "asserts",
    "declared",
    "declares",
    "blamed",
    "blames",
    "blaming",
    "emphasized",
    "emphasised",
    "stressed",
    "pledged",
    "vowed",
    "believes",
    "believed",
    "suggested",
    "suggests",
    "acknowledged",
    "estimated",
    "predicted",
    "cautioned",
    "contended",
    "maintained",
    "observed",
    "recalled",
    "replied",
    "responded",
    "tweeted",
    "posted",
    "identifying",
    "stating",
];

/// Reported-speech spans of one document (byte offsets, sorted).
#[derive(Debug, Clone, Default)]
pub struct Speech {
    /// Spans `(start, end, cue_start, cue_end)`.
    pub spans: Vec<(usize, usize, usize, usize)>,
}

impl Speech {
    /// Is `[s, e)` inside reported speech?
    pub fn covers(&self, s: usize, e: usize) -> bool {
        self.spans
            .iter()
            .any(|&(a, b, cs, ce)| a <= s && e <= b && !(cs <= s && e <= ce))
    }
}

fn word_at(t: &str, s: usize, e: usize) -> bool {
    let before = t[..s].chars().next_back();
    let after = t[e..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
}

/// Find reported speech in a document's counted sentences.
pub fn find(doc: &Document) -> Speech {
    let text = doc.text();
    let mut spans = Vec::new();
    for s in &doc.sentences {
        let p = &doc.paragraphs[s.paragraph];
        if !p.zone.counted() {
            continue;
        }
        let st = &text[s.start..s.end];
        let norm = Normalized::new(st);
        let t = norm.text.as_str();
        // according to
        if let Some(i) = t.find("according to") {
            if word_at(t, i, i + 12) {
                spans.push((
                    s.start,
                    s.end,
                    s.start + norm.to_orig(i),
                    s.start + norm.to_orig_end(i + 12),
                ));
                continue;
            }
        }
        // first reporting verb outside quotes
        let mut found: Option<(usize, usize)> = None;
        let mut pos = 0;
        for w in t.split(|c: char| !c.is_alphanumeric()) {
            let start = pos;
            pos += w.len() + 1;
            if w.is_empty() || !VERBS.contains(&w) {
                continue;
            }
            let (os, oe) = (
                s.start + norm.to_orig(start),
                s.start + norm.to_orig_end(start + w.len()),
            );
            if doc.quote_at(os, oe).is_some() {
                continue;
            }
            found = Some((start, start + w.len()));
            break;
        }
        let Some((vs, ve)) = found else { continue };
        let (ovs, ove) = (s.start + norm.to_orig(vs), s.start + norm.to_orig_end(ve));
        // Verb near the end after a comma: the clause before the comma is the speech.
        let tail_words = t[ve..].split_whitespace().count();
        let before = &t[..vs];
        if tail_words <= 8 {
            if let Some(ci) = before.rfind(',') {
                let between = before[ci + 1..].split_whitespace().count();
                if between <= 6 {
                    spans.push((s.start, s.start + norm.to_orig(ci), ovs, ove));
                    continue;
                }
            }
        }
        spans.push((ove, s.end, ovs, ove));
    }
    spans.sort();
    Speech { spans }
}
