//! Loaded terms: lexicon hits by category, zone and voice, and the scores built on them.
//!
//! Every hit gets a **voice**:
//! - `quoted`: inside a quotation;
//! - `scare`: the term is the whole of a quoted fragment of at most two words ('aggression');
//! - `paraphrase`: outside quote marks but inside reported speech (the clause governed by a
//!   reporting verb or "according to X", see [`super::speech`]);
//! - `editorial`: the outlet's own words, everything else.
//!
//! Only counted zones are scored (byline and boilerplate are not). The formulas, with a
//! worked example on the seed corpus, are in `docs/metrics.md`:
//!
//! - density adopted(c) = 1000 · (editorial + paraphrase hits of c) / words outside quotations
//! - density quoted(c) = 1000 · quoted hits of c / words inside quotations, NA under 100 words
//! - adoption(c) = (editorial + paraphrase) / all hits of c, NA without hits
//! - label index = (legitimizing − militia/proxy) / (legitimizing + militia/proxy) over
//!   adopted hits, NA when both are 0

use super::speech::Speech;
use crate::lexicon::scan::{List, Scanned};
use crate::lexicon::{Lexicon, Matcher};
use crate::text::{Document, QuoteKind, Zone};

/// Category ids the label index is computed from.
pub const LEGITIMIZING: &str = "legitimizing_label";
/// See [`LEGITIMIZING`].
pub const MILITIA_PROXY: &str = "militia_proxy_label";
/// Quoted density is NA when fewer words than this are inside quotations.
pub const MIN_QUOTED_WORDS: usize = 100;

/// Voice of a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Voice {
    /// The outlet's own words.
    Editorial,
    /// Reported speech without quote marks.
    Paraphrase,
    /// Inside a quotation.
    Quoted,
    /// The whole of a quoted fragment of at most two words.
    Scare,
}

impl Voice {
    /// All voices in table order.
    pub const ALL: [Voice; 4] = [
        Voice::Editorial,
        Voice::Paraphrase,
        Voice::Quoted,
        Voice::Scare,
    ];

    /// Name as used in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Editorial => "editorial",
            Voice::Paraphrase => "paraphrase",
            Voice::Quoted => "quoted",
            Voice::Scare => "scare",
        }
    }

    /// Adopted voices are the outlet's own or its paraphrase.
    pub fn adopted(self) -> bool {
        matches!(self, Voice::Editorial | Voice::Paraphrase)
    }
}

/// One loaded-term hit in an article.
#[derive(Debug, Clone)]
pub struct LoadedHit {
    /// Term index.
    pub term: usize,
    /// Category index.
    pub category: usize,
    /// Byte offsets in the article text.
    pub start: usize,
    /// End.
    pub end: usize,
    /// Voice.
    pub voice: Voice,
    /// Zone.
    pub zone: Zone,
    /// Paragraph index.
    pub paragraph: usize,
    /// Sentence index.
    pub sentence: usize,
    /// Index of the quotation holding it.
    pub quote: Option<usize>,
}

/// Loaded-term results for one article.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Every hit, in text order.
    pub hits: Vec<LoadedHit>,
    /// Per category and voice: counts (category-major, voices in [`Voice::ALL`] order).
    pub counts: Vec<[usize; 4]>,
    /// Per category: hits in the headline.
    pub headline: Vec<usize>,
    /// Words outside quotations.
    pub words_unquoted: usize,
    /// Words inside quotations.
    pub words_quoted: usize,
    /// Does the article have a headline?
    pub has_headline: bool,
}

/// Find and classify the hits of one document.
/// With `scan`, the paragraphs' matches come from the document's one shared scan
/// ([`crate::lexicon::scan`]); without, the matcher scans each paragraph itself.
pub fn analyse(
    doc: &Document,
    lex: &Lexicon,
    m: &Matcher,
    speech: &Speech,
    scan: Option<&Scanned>,
) -> Loaded {
    let nc = lex.categories.len();
    let mut out = Loaded {
        counts: vec![[0; 4]; nc],
        headline: vec![0; nc],
        words_quoted: doc.quoted_words,
        words_unquoted: doc.words.saturating_sub(doc.quoted_words),
        has_headline: doc.has_headline,
        hits: Vec::new(),
    };
    let text = doc.text();
    let mut buf = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        if !p.zone.counted() {
            continue;
        }
        buf.clear();
        let (norm, orig) = (&doc.norms[pi], &text[p.start..p.end]);
        match scan {
            Some(sc) => m.find_among(
                norm,
                orig,
                sc.get(List::Loaded, pi),
                || sc.get(List::Unless, pi).into(),
                &mut buf,
            ),
            None => m.find(norm, orig, &mut buf),
        }
        for h in &buf {
            let (s, e) = (p.start + h.start, p.start + h.end);
            let quote = doc.quote_at(s, e);
            let voice = match quote {
                Some(qi) => {
                    let q = &doc.quotes[qi];
                    if q.kind == QuoteKind::Scare
                        && covers_content(text, q.content_start, q.content_end, s, e)
                    {
                        Voice::Scare
                    } else {
                        Voice::Quoted
                    }
                }
                None if speech.covers(s, e) => Voice::Paraphrase,
                None => Voice::Editorial,
            };
            let vi = Voice::ALL.iter().position(|v| *v == voice).unwrap();
            out.counts[h.category][vi] += 1;
            if p.zone == Zone::Headline {
                out.headline[h.category] += 1;
            }
            out.hits.push(LoadedHit {
                term: h.term,
                category: h.category,
                start: s,
                end: e,
                voice,
                zone: p.zone,
                paragraph: pi,
                sentence: doc.sentence_at(s),
                quote,
            });
        }
    }
    out
}

/// Does the span `[s, e)` hold every word of the quotation content `[cs, ce)`?
fn covers_content(text: &str, cs: usize, ce: usize, s: usize, e: usize) -> bool {
    let mut first: Option<usize> = None;
    let mut last = 0;
    crate::text::segment::for_each_token(&text[cs..ce], |a, b| {
        if first.is_none() {
            first = Some(cs + a);
        }
        last = cs + b;
    });
    match first {
        Some(f) => s <= f && last <= e,
        None => false,
    }
}

impl Loaded {
    /// Hits of category `c` in adopted voices.
    pub fn adopted(&self, c: usize) -> usize {
        self.counts[c][0] + self.counts[c][1]
    }

    /// All hits of category `c`.
    pub fn total(&self, c: usize) -> usize {
        self.counts[c].iter().sum()
    }

    /// Adopted density per 1,000 words outside quotations.
    pub fn density_adopted(&self, c: usize) -> Option<f64> {
        (self.words_unquoted > 0)
            .then(|| 1000.0 * self.adopted(c) as f64 / self.words_unquoted as f64)
    }

    /// Quoted density per 1,000 words inside quotations; NA under [`MIN_QUOTED_WORDS`].
    pub fn density_quoted(&self, c: usize) -> Option<f64> {
        (self.words_quoted >= MIN_QUOTED_WORDS)
            .then(|| 1000.0 * self.counts[c][2] as f64 / self.words_quoted as f64)
    }

    /// Share of hits in adopted voices; NA without hits.
    pub fn adoption(&self, c: usize) -> Option<f64> {
        let t = self.total(c);
        (t > 0).then(|| self.adopted(c) as f64 / t as f64)
    }

    /// Headline hits; NA when there is no headline.
    pub fn headline_hits(&self, c: usize) -> Option<usize> {
        self.has_headline.then(|| self.headline[c])
    }

    /// Label index over adopted hits; NA when both categories are absent or 0.
    pub fn label_index(&self, lex: &Lexicon) -> Option<f64> {
        let li = lex.categories.iter().position(|c| c.id == LEGITIMIZING)?;
        let mi = lex.categories.iter().position(|c| c.id == MILITIA_PROXY)?;
        let (l, m) = (self.adopted(li) as f64, self.adopted(mi) as f64);
        (l + m > 0.0).then(|| (l - m) / (l + m))
    }
}
