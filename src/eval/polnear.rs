//! `slant eval polnear`: quotation detection and speaker attribution against PolNeAR.
//!
//! PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution relation in US
//! political news of 2015-2016: a Source, a Cue and a Content span, in brat standoff files
//! with character offsets (end exclusive; a span may be split in pieces). A split (`train/`,
//! `dev/`) holds `text/<article>.txt` and `attributions/<article>_<annotator>.ann`; some
//! articles were annotated by several annotators, and the evaluation reads **one file per
//! article: the first `.ann` file name in sorted order** (so the lowest annotator id).
//!
//! **Gold direct quotes.** An attribution (`Attribution` or `Attribution-no-source`) is a
//! direct quote when its Content holds a passage of **three words or more between double
//! quote marks** (`"`, `“ ”`, `„`, `« »`, and two apostrophes `''` as the New York Times
//! archive writes them; a `“` opens, a `”` closes, a straight `"` or `''` toggles).
//! A Content whose only quoted passages have one or two words ("called them “deplorables”",
//! a title like “Shark Tank”) is not a direct quote on either side: slant treats those as
//! scare quotes. They are counted and shown as `gold_short`, and a second recall figure
//! counts them in.
//!
//! **Predicted quotations.** slant's quotations of three words or more (full and partial,
//! not scare) that are not nested inside another of its quotations.
//!
//! **Matching.** A predicted quotation and a gold quote are candidates when the quotation's
//! span (from its opening to its closing mark) overlaps a piece of the gold Content by at
//! least one character. Candidates are matched one-to-one, greedily by the number of
//! overlapping characters (ties: earlier gold, then earlier quotation), so no gold quote and
//! no quotation is counted twice. A reporter often breaks one attributed quote with its cue
//! (`“A,” he said. “B.”`), which PolNeAR annotates as one Content: a quotation left unmatched
//! that overlaps a matched gold Content is a **fragment** of that quote. Fragments are
//! listed apart and left out of `predicted` (they are neither a quote the gold lacks nor a
//! wrong one); `precision_strict` counts them as false positives.
//!
//! precision = matched / predicted, recall = matched / gold, F1 their harmonic mean.
//!
//! **Speaker accuracy**, over matched pairs whose gold attribution has a Source: the
//! speaker is right when the span of the mention slant used
//! ([`Attributed::speaker_span`](crate::metrics::quotes::Attributed::speaker_span)) overlaps
//! the gold Source, or names the same person as it. "Names the same person": the gold
//! Source's **key name** (cut at its first comma, bracket or dash, then the last word of its
//! last run of capitalised words, titles such as Mr. or Sen. and a possessive 's dropped:
//! "Clinton campaign chairman John Podesta" → Podesta) is one of the capitalised words of the
//! text slant used. A gold Source that is a pronoun (he, she, they, I, we, ...) takes the key
//! name of the nearest gold Source before it, in the same file, that has one. A gold Source
//! with no name ("a spokesman") counts only by overlap. A quotation slant left unattributed
//! is a wrong speaker.
//!
//! Articles are read as they are (UTF-8, the title line first) with no layout rules, like
//! any corpus: the first line is the headline.

use crate::corpus::{Article, Origin};
use crate::lexicon::sources::{GroupsLexicon, SpeechLexicon};
use crate::metrics::quotes::{attribute, SourceMatcher};
use crate::text::segment::count_words;
use crate::text::{Document, Layout};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The lexicons attribution needs, compiled once.
pub struct Lexicons {
    /// Reporting verbs and cues.
    pub speech: SpeechLexicon,
    /// Groups, known speakers, roles.
    pub groups: GroupsLexicon,
    /// Their compiled search.
    pub sources: SourceMatcher,
}

impl Lexicons {
    /// Load `speech.toml` and `groups.toml` from a lexicon folder (built-in defaults stand in
    /// for a missing file, as in a run).
    pub fn load(dir: &Path) -> Result<Lexicons, Vec<crate::diag::Diagnostic>> {
        let sp = dir.join("speech.toml");
        let speech = if sp.exists() {
            SpeechLexicon::load(&sp)?
        } else {
            SpeechLexicon::builtin()
        };
        let gp = dir.join("groups.toml");
        let groups = if gp.exists() {
            GroupsLexicon::load(&gp)?
        } else {
            GroupsLexicon::builtin()
        };
        let sources = SourceMatcher::new(&groups);
        Ok(Lexicons {
            speech,
            groups,
            sources,
        })
    }
}

/// What kind of error an [`ErrorCase`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A gold direct quote no quotation matched.
    Missed,
    /// A quotation no gold direct quote matched (and not a fragment).
    Spurious,
    /// A matched quotation with the wrong speaker (or none).
    Speaker,
    /// A quotation inside a gold Content another quotation matched.
    Fragment,
}

impl ErrorKind {
    /// Name in listings.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
            ErrorKind::Speaker => "speaker",
            ErrorKind::Fragment => "fragment",
        }
    }
}

/// One error, for tuning.
#[derive(Debug, Clone)]
pub struct ErrorCase {
    /// Kind.
    pub kind: ErrorKind,
    /// Article (file stem).
    pub article: String,
    /// Character offset in the article.
    pub offset: usize,
    /// The quotation or gold Content (whitespace collapsed).
    pub text: String,
    /// What went wrong.
    pub detail: String,
    /// The text around it: from the start of the sentence before to the end of the sentence
    /// after (whitespace collapsed, clipped).
    pub context: String,
}

/// Scores of one split.
#[derive(Debug, Clone, Default)]
pub struct SplitScore {
    /// Split name (folder name).
    pub split: String,
    /// Articles read.
    pub articles: usize,
    /// Gold direct quotes.
    pub gold: usize,
    /// Gold attributions whose Content holds quote marks around at most two words.
    pub gold_short: usize,
    /// Predicted quotations (fragments excluded).
    pub predicted: usize,
    /// Matched one-to-one.
    pub matched: usize,
    /// Quotations overlapping a gold Content already matched.
    pub fragments: usize,
    /// Gold quotes with quote marks of any length (`gold + gold_short`) overlapped by a
    /// quotation, for the lenient recall.
    pub any_found: usize,
    /// Matched pairs whose gold has a Source.
    pub speaker_scored: usize,
    /// Of those, the speaker right.
    pub speaker_right: usize,
    /// Matched pairs whose gold Source is a pronoun.
    pub pronoun_scored: usize,
    /// Of those, the speaker right.
    pub pronoun_right: usize,
    /// Speakers right only because slant's cue used the gold Source itself as an anaphor (a
    /// pronoun or description), whose antecedent is then slant's own resolution.
    pub same_mention: usize,
    /// Gold Content or Source offsets that do not match their annotated text (a check on
    /// reading the files; expected 0).
    pub offset_mismatches: usize,
    /// Reported speech: slant's spans (`speech.csv` rows).
    pub speech_predicted: usize,
    /// Of those, the spans at least half inside the Content of a gold attribution whose Cue
    /// their cue overlaps.
    pub speech_inside: usize,
    /// Gold indirect attributions: a Content with no quote marks at all.
    pub speech_gold: usize,
    /// Of those, the ones that slant's spans with a cue on their Cue cover at least half of.
    pub speech_found: usize,
    /// Every error, in article order.
    pub errors: Vec<ErrorCase>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl SplitScore {
    /// matched / predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    /// matched / (predicted + fragments).
    pub fn precision_strict(&self) -> f64 {
        ratio(self.matched, self.predicted + self.fragments)
    }
    /// matched / gold.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    /// Gold Contents with quote marks of any length that a quotation overlaps.
    pub fn recall_any(&self) -> f64 {
        ratio(self.any_found, self.gold + self.gold_short)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// speaker_right / speaker_scored.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.speaker_scored)
    }
    /// Speaker accuracy without the same-mention credit.
    pub fn speaker_accuracy_strict(&self) -> f64 {
        ratio(self.speaker_right - self.same_mention, self.speaker_scored)
    }
    /// Reported speech: spans at least half inside a gold Content / spans.
    pub fn speech_precision(&self) -> f64 {
        ratio(self.speech_inside, self.speech_predicted)
    }
    /// Reported speech: gold indirect Contents at least half covered / gold indirect.
    pub fn speech_recall(&self) -> f64 {
        ratio(self.speech_found, self.speech_gold)
    }
    /// Speaker accuracy over gold Sources that are not pronouns.
    pub fn speaker_accuracy_named(&self) -> f64 {
        ratio(
            self.speaker_right - self.pronoun_right,
            self.speaker_scored - self.pronoun_scored,
        )
    }
}

/// A text-bound annotation: label and pieces (character offsets).
#[derive(Debug, Clone)]
struct TextBound {
    label: String,
    pieces: Vec<(usize, usize)>,
    text: String,
}

/// Character spans of an annotation, in pieces.
type Pieces = Vec<(usize, usize)>;

/// One attribution relation.
#[derive(Debug, Clone, Default)]
struct Relation {
    label: String,
    content: Vec<String>,
    cue: Vec<String>,
    source: Option<String>,
}

/// Parse a brat `.ann` file: text-bound annotations by id, and the relations in order.
fn parse_ann(src: &str) -> (BTreeMap<String, TextBound>, Vec<Relation>) {
    let mut tb: BTreeMap<String, TextBound> = BTreeMap::new();
    let mut rel = Vec::new();
    let mut last_t: Option<String> = None;
    for line in src.lines() {
        let mut f = line.splitn(3, '\t');
        let (Some(id), Some(mid)) = (f.next(), f.next()) else {
            // A text-bound annotation whose text runs over a line break goes on here.
            if let Some(t) = last_t.as_ref().and_then(|k| tb.get_mut(k)) {
                t.text.push('\n');
                t.text.push_str(line);
            }
            continue;
        };
        let known_id = id.len() > 1
            && id[1..].chars().all(|c| c.is_ascii_digit())
            && matches!(&id[..1], "T" | "E" | "R" | "A" | "M" | "N" | "#");
        if !known_id && !id.starts_with('#') {
            if let Some(t) = last_t.as_ref().and_then(|k| tb.get_mut(k)) {
                t.text.push('\n');
                t.text.push_str(line);
            }
            continue;
        }
        last_t = None;
        let rest = f.next().unwrap_or("");
        if id.starts_with('T') && id[1..].chars().all(|c| c.is_ascii_digit()) {
            let Some((label, offs)) = mid.split_once(' ') else {
                continue;
            };
            let mut pieces = Vec::new();
            for p in offs.split(';') {
                let mut n = p.split_whitespace().map(str::parse::<usize>);
                if let (Some(Ok(a)), Some(Ok(b))) = (n.next(), n.next()) {
                    pieces.push((a, b));
                }
            }
            if !pieces.is_empty() {
                last_t = Some(id.to_owned());
                tb.insert(
                    id.to_owned(),
                    TextBound {
                        label: label.to_owned(),
                        pieces,
                        text: rest.to_owned(),
                    },
                );
            }
        } else if id.starts_with('E') {
            let mut r = Relation::default();
            for (i, kv) in mid.split_whitespace().enumerate() {
                let Some((k, v)) = kv.split_once(':') else {
                    continue;
                };
                if i == 0 {
                    r.label = k.to_owned();
                } else if k.starts_with("Content") {
                    r.content.push(v.to_owned());
                } else if k.starts_with("Cue") {
                    r.cue.push(v.to_owned());
                } else if k == "Source" {
                    r.source = Some(v.to_owned());
                }
            }
            rel.push(r);
        }
    }
    (tb, rel)
}

/// Character offsets → byte offsets of a text (one entry per char, plus the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

fn is_double_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
    )
}

/// Words of the longest passage between double quote marks in `s` (0 without marks). Two
/// apostrophes are a double mark, as in the New York Times archive's `''...,'' he said`.
fn longest_quoted(s: &str) -> usize {
    if s.contains("''") {
        return longest_quoted(&s.replace("''", "\""));
    }
    if !s.chars().any(is_double_mark) {
        return 0;
    }
    let mut best = 0;
    let mut open: Option<usize> = None;
    let mut last_close = 0;
    for (i, c) in s.char_indices() {
        let opening = match c {
            '\u{201C}' | '\u{201E}' | '\u{00AB}' => true,
            '\u{201D}' | '\u{00BB}' => false,
            '"' => open.is_none(),
            _ => continue,
        };
        if opening {
            open = Some(i + c.len_utf8());
        } else {
            // A close with nothing open: the Content began inside the quotation.
            let from = open.take().unwrap_or(last_close);
            best = best.max(count_words(&s[from..i]));
            last_close = i + c.len_utf8();
        }
    }
    if let Some(o) = open {
        best = best.max(count_words(&s[o..]));
    }
    best
}

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "their", "its", "me",
    "us", "our", "who", "whom", "which", "that", "this", "himself", "herself",
];

const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sen",
    "Senator",
    "Rep",
    "Gov",
    "Governor",
    "President",
    "Gen",
    "Lt",
    "Col",
    "Sgt",
    "Rev",
    "Prof",
    "Judge",
    "Justice",
    "Secretary",
    "Speaker",
    "The",
    "A",
    "An",
    "Former",
    "Democratic",
    "Republican",
    "Presidential",
    "Vice",
    "Chairman",
    "First",
    "Lady",
];

/// Capitalised words of `s` (possessive dropped, titles kept), in order, with a flag for
/// runs: `None` separates runs.
fn name_words(s: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    for w in s.split(|c: char| c.is_whitespace() || c == '/') {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        let core = core
            .strip_suffix("\u{2019}s")
            .or_else(|| core.strip_suffix("'s"))
            .unwrap_or(core);
        let cap = core.chars().next().is_some_and(|c| c.is_uppercase())
            && core.chars().count() >= 2
            && !TITLES.contains(&core);
        if cap {
            out.push(Some(core.to_owned()));
        } else {
            out.push(None);
        }
        // Punctuation after a word ends the run ("Trump, Clinton").
        if w.ends_with([',', ';', ':']) {
            out.push(None);
        }
    }
    out
}

/// The key name of a gold Source: see the module documentation.
fn key_name(s: &str) -> Option<String> {
    let cut = s
        .find([',', '(', '\u{2014}', '\u{2013}', ';'])
        .map(|i| &s[..i])
        .unwrap_or(s);
    let words = name_words(cut);
    words.iter().rev().flatten().next().cloned()
}

fn is_pronoun(s: &str) -> bool {
    let t = s.trim().to_lowercase();
    PRONOUNS.contains(&t.as_str())
}

fn overlap(a: (usize, usize), pieces: &[(usize, usize)]) -> usize {
    pieces
        .iter()
        .map(|&(s, e)| e.min(a.1).saturating_sub(s.max(a.0)))
        .sum()
}

fn collapse(s: &str, n: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[derive(Debug)]
struct GoldQuote {
    content: Vec<(usize, usize)>,
    /// Longest quoted passage, in words.
    quoted: usize,
    /// The gold Source.
    source: Option<GoldSource>,
}

#[derive(Debug)]
struct GoldSource {
    pieces: Vec<(usize, usize)>,
    text: String,
    /// Key name (the resolved one when the Source is a pronoun).
    key: Option<String>,
}

/// Articles of a split: (stem, text path, chosen .ann path), sorted by stem.
pub fn articles(split: &Path) -> Result<Vec<(String, PathBuf, Option<PathBuf>)>, String> {
    let list = |d: &Path| -> Result<Vec<PathBuf>, String> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map_err(|e| format!("{}: {}", d.display(), crate::corpus::io_reason(&e)))?
            .flatten()
            .map(|e| e.path())
            .collect();
        v.sort();
        Ok(v)
    };
    let mut anns: BTreeMap<String, PathBuf> = BTreeMap::new();
    for p in list(&split.join("attributions"))? {
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".ann") else {
            continue;
        };
        let Some((article, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        // Sorted order: the first file name of an article is kept.
        anns.entry(article.to_owned()).or_insert(p);
    }
    let mut out = Vec::new();
    for p in list(&split.join("text"))? {
        let Some(stem) = p
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".txt"))
        else {
            continue;
        };
        let ann = anns.get(stem).cloned();
        out.push((stem.to_owned(), p, ann));
    }
    Ok(out)
}

/// Evaluate one split folder (holding `text/` and `attributions/`). `limit` keeps the first
/// `limit` articles in sorted order.
pub fn evaluate_split(
    split: &Path,
    lex: &Lexicons,
    limit: Option<usize>,
) -> Result<SplitScore, String> {
    let mut sc = SplitScore {
        split: split
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ..Default::default()
    };
    let layout = Layout::empty();
    let mut list = articles(split)?;
    if let Some(n) = limit {
        list.truncate(n);
    }
    for (stem, text_path, ann_path) in list {
        let Some(ann_path) = ann_path else {
            continue;
        };
        let bytes = std::fs::read(&text_path)
            .map_err(|e| format!("{}: {}", text_path.display(), crate::corpus::io_reason(&e)))?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let ann = std::fs::read_to_string(&ann_path)
            .map_err(|e| format!("{}: {}", ann_path.display(), crate::corpus::io_reason(&e)))?;
        sc.articles += 1;
        let c2b = char_to_byte(&text);
        let nchars = c2b.len() - 1;
        let slice = |pieces: &[(usize, usize)]| -> String {
            pieces
                .iter()
                .map(|&(a, b)| &text[c2b[a.min(nchars)]..c2b[b.min(nchars)]])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (tb, rels) = parse_ann(&ann);
        for t in tb.values() {
            let got: String = slice(&t.pieces).split_whitespace().collect();
            let want: String = t.text.split_whitespace().collect();
            if t.pieces.iter().any(|&(_, b)| b > nchars) || (!want.is_empty() && got != want) {
                sc.offset_mismatches += 1;
            }
        }
        // Key names of every gold Source in text order, for pronoun resolution.
        let mut sources: Vec<(usize, Option<String>)> = tb
            .values()
            .filter(|t| t.label == "Source")
            .map(|t| {
                let s = slice(&t.pieces);
                let first = s.split_whitespace().next().unwrap_or("").to_lowercase();
                let described = matches!(
                    first.as_str(),
                    "the" | "a" | "an" | "this" | "that" | "these" | "those" | "one" | "some"
                );
                let key = if is_pronoun(&s) || described {
                    None
                } else {
                    key_name(&s)
                };
                (t.pieces[0].0, key)
            })
            .collect();
        sources.sort_by_key(|s| s.0);
        let resolve_key = |at: usize| -> Option<String> {
            sources
                .iter()
                .rev()
                .filter(|s| s.0 < at)
                .find_map(|s| s.1.clone())
        };
        let mut gold: Vec<GoldQuote> = Vec::new();
        // Every attribution's Content and Cue pieces, and which Contents hold no quote mark
        // (indirect speech), for the reported-speech scores.
        let mut with_cue: Vec<(Pieces, Pieces, bool)> = Vec::new();
        for r in &rels {
            if r.label != "Attribution" && r.label != "Attribution-no-source" {
                continue;
            }
            let mut content: Vec<(usize, usize)> = r
                .content
                .iter()
                .filter_map(|id| tb.get(id))
                .flat_map(|t| t.pieces.iter().copied())
                .collect();
            if content.is_empty() {
                continue;
            }
            content.sort();
            let cue: Vec<(usize, usize)> = r
                .cue
                .iter()
                .filter_map(|id| tb.get(id))
                .flat_map(|t| t.pieces.iter().copied())
                .collect();
            let unmarked = {
                let c = slice(&content);
                !c.contains(is_double_mark) && !c.contains("''")
            };
            with_cue.push((content.clone(), cue, unmarked));
            let quoted = content
                .iter()
                .map(|&p| longest_quoted(&slice(&[p])))
                .max()
                .unwrap_or(0)
                .max(longest_quoted(&slice(&content)));
            if quoted == 0 {
                continue;
            }
            let source = r.source.as_ref().and_then(|id| tb.get(id)).map(|t| {
                let s = slice(&t.pieces);
                let key = if is_pronoun(&s) {
                    resolve_key(t.pieces[0].0)
                } else {
                    key_name(&s)
                };
                GoldSource {
                    pieces: t.pieces.clone(),
                    text: s,
                    key,
                }
            });
            gold.push(GoldQuote {
                content,
                quoted,
                source,
            });
        }
        gold.sort_by_key(|g| g.content[0]);
        // slant's side.
        let title = text.lines().next().map(str::to_owned);
        let article = Article::from_record(
            stem.clone(),
            stem.split('_').next().unwrap_or("polnear").to_owned(),
            title,
            text.clone(),
            Origin {
                file: text_path.clone(),
                line: None,
            },
        );
        debug_assert_eq!(article.text, text);
        let doc = Document::build(&article, &layout);
        let att = attribute(&doc, &lex.groups, &lex.sources, &lex.speech);
        // Reported speech. A span is right when at least half of it lies inside the Content
        // of a gold attribution (quoted or not) whose Cue its cue overlaps; a gold Content
        // with no quote marks is found when the spans with a cue on its Cue cover at least
        // half of it.
        let spans: Vec<((usize, usize), (usize, usize))> =
            crate::metrics::speech::find(&doc, &lex.speech, None)
                .spans
                .iter()
                .map(|&(a, b, ca, cb)| {
                    (
                        (doc.char_offset(a), doc.char_offset(b)),
                        (doc.char_offset(ca), doc.char_offset(cb)),
                    )
                })
                .filter(|&((a, b), _)| b > a)
                .collect();
        sc.speech_predicted += spans.len();
        sc.speech_inside += spans
            .iter()
            .filter(|&&(p, c)| {
                with_cue.iter().any(|(content, cue, _)| {
                    2 * overlap(p, content) >= p.1 - p.0 && overlap(c, cue) > 0
                })
            })
            .count();
        for (content, cue, _) in with_cue.iter().filter(|g| g.2) {
            sc.speech_gold += 1;
            let len: usize = content.iter().map(|&(a, b)| b - a).sum();
            let covered: usize = spans
                .iter()
                .filter(|&&(_, c)| overlap(c, cue) > 0)
                .map(|&(p, _)| overlap(p, content))
                .sum();
            if len > 0 && 2 * covered >= len {
                sc.speech_found += 1;
            }
        }
        let mut preds: Vec<usize> = Vec::new(); // indices into doc.quotes
        for (qi, q) in doc.quotes.iter().enumerate() {
            let nested = doc.quotes[..qi]
                .iter()
                .any(|p| p.start < q.start && q.end <= p.end);
            if q.words >= 3 && !nested {
                preds.push(qi);
            }
        }
        let pspan = |qi: usize| {
            let q = &doc.quotes[qi];
            (doc.char_offset(q.start), doc.char_offset(q.end))
        };
        // Lenient recall: any gold with quote marks overlapped by any quotation.
        for g in &gold {
            if preds.iter().any(|&p| overlap(pspan(p), &g.content) > 0) {
                sc.any_found += 1;
            }
        }
        let long: Vec<&GoldQuote> = gold.iter().filter(|g| g.quoted >= 3).collect();
        sc.gold_short += gold.len() - long.len();
        // Candidate pairs, matched greedily by overlap.
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new(); // (overlap, gold, pred)
        for (gi, g) in long.iter().enumerate() {
            for (pi, &p) in preds.iter().enumerate() {
                let o = overlap(pspan(p), &g.content);
                if o > 0 {
                    pairs.push((o, gi, pi));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut g_match: Vec<Option<usize>> = vec![None; long.len()];
        let mut p_match: Vec<Option<usize>> = vec![None; preds.len()];
        for &(_, gi, pi) in &pairs {
            if g_match[gi].is_none() && p_match[pi].is_none() {
                g_match[gi] = Some(pi);
                p_match[pi] = Some(gi);
            }
        }
        let matched = g_match.iter().flatten().count();
        let fragments: Vec<usize> = (0..preds.len())
            .filter(|&pi| {
                p_match[pi].is_none()
                    && pairs
                        .iter()
                        .any(|&(_, gi, p)| p == pi && g_match[gi].is_some())
            })
            .collect();
        sc.gold += long.len();
        sc.matched += matched;
        sc.fragments += fragments.len();
        sc.predicted += preds.len() - fragments.len();
        let qtext = |qi: usize| {
            let q = &doc.quotes[qi];
            collapse(&text[q.start..q.end], 120)
        };
        let context = |a: usize, b: usize| -> String {
            // a, b: char offsets.
            let (ba, bb) = (c2b[a.min(nchars)], c2b[b.min(nchars)]);
            let si = doc.sentence_at(ba).saturating_sub(1);
            let sj = (doc.sentence_at(bb.saturating_sub(1)) + 1).min(doc.sentences.len() - 1);
            let (cs, ce) = (
                doc.sentences[si].start.min(ba),
                doc.sentences[sj].end.max(bb),
            );
            collapse(&text[cs..ce], 600)
        };
        // Errors and speakers, in text order.
        for (gi, g) in long.iter().enumerate() {
            let Some(pi) = g_match[gi] else {
                let near: Vec<String> = doc
                    .quotes
                    .iter()
                    .filter(|q| {
                        overlap(
                            (doc.char_offset(q.start), doc.char_offset(q.end)),
                            &g.content,
                        ) > 0
                    })
                    .map(|q| format!("{} words", q.words))
                    .collect();
                let detail = if near.is_empty() {
                    let marks = doc
                        .malformed
                        .iter()
                        .filter(|m| {
                            overlap(
                                (doc.char_offset(m.offset), doc.char_offset(m.offset) + 1),
                                &g.content,
                            ) > 0
                        })
                        .map(|m| m.reason)
                        .collect::<Vec<_>>();
                    if marks.is_empty() {
                        "no quotation of slant overlaps it".to_owned()
                    } else {
                        format!("unpaired mark: {}", marks.join("; "))
                    }
                } else {
                    format!("overlapped only by a quotation of {}", near.join(", "))
                };
                sc.errors.push(ErrorCase {
                    kind: ErrorKind::Missed,
                    article: stem.clone(),
                    offset: g.content[0].0,
                    text: collapse(&slice(&g.content), 120),
                    detail,
                    context: context(g.content[0].0, g.content.last().unwrap().1),
                });
                continue;
            };
            let Some(GoldSource {
                pieces: spieces,
                text: stext,
                key,
            }) = &g.source
            else {
                continue;
            };
            sc.speaker_scored += 1;
            let qi = preds[pi];
            let a = &att[qi];
            let used = a
                .speaker_span
                .map(|(s, e)| (doc.char_offset(s), doc.char_offset(e)));
            let pronoun = is_pronoun(stext);
            let mut right = used.is_some_and(|u| overlap(u, spieces) > 0);
            if !right {
                if let (Some(k), Some((s, e))) = (key, a.speaker_span) {
                    let mut said = text[s..e].to_owned();
                    for x in [&a.speaker, &a.resolved].into_iter().flatten() {
                        said.push(' ');
                        said.push_str(x);
                    }
                    right = name_words(&said).iter().flatten().any(|w| w == k);
                }
            }
            let same_mention = a.anaphor_span.is_some_and(|(s, e)| {
                overlap((doc.char_offset(s), doc.char_offset(e)), spieces) > 0
            });
            if !right && same_mention {
                sc.same_mention += 1;
                right = true;
            }
            if pronoun {
                sc.pronoun_scored += 1;
                if right {
                    sc.pronoun_right += 1;
                }
            }
            if right {
                sc.speaker_right += 1;
            } else {
                let got = match (a.speaker_span, &a.speaker) {
                    (Some((s, e)), _) => format!(
                        "`{}` at {} ({})",
                        collapse(&text[s..e], 60),
                        doc.char_offset(s),
                        a.attribution.as_str()
                    ),
                    (None, Some(sp)) => format!("`{sp}` ({})", a.attribution.as_str()),
                    (None, None) => "unattributed".to_owned(),
                };
                sc.errors.push(ErrorCase {
                    kind: ErrorKind::Speaker,
                    article: stem.clone(),
                    offset: pspan(qi).0,
                    text: qtext(qi),
                    detail: format!(
                        "gold `{}` at {}{}; slant {}",
                        collapse(stext, 60),
                        spieces[0].0,
                        key.as_ref()
                            .map(|k| format!(" (key {k})"))
                            .unwrap_or_default(),
                        got
                    ),
                    context: context(pspan(qi).0.min(spieces[0].0), pspan(qi).1),
                });
            }
        }
        for (pi, &qi) in preds.iter().enumerate() {
            if p_match[pi].is_some() {
                continue;
            }
            if fragments.contains(&pi) {
                let gi = pairs
                    .iter()
                    .find(|&&(_, gi, p)| p == pi && g_match[gi].is_some())
                    .map(|x| x.1)
                    .unwrap();
                let mq = preds[g_match[gi].unwrap()];
                sc.errors.push(ErrorCase {
                    kind: ErrorKind::Fragment,
                    article: stem.clone(),
                    offset: pspan(qi).0,
                    text: qtext(qi),
                    detail: format!(
                        "gold Content `{}` matched {}",
                        collapse(&slice(&long[gi].content), 100),
                        qtext(mq)
                    ),
                    context: context(pspan(qi).0, pspan(qi).1),
                });
                continue;
            }
            let short = gold
                .iter()
                .any(|g| g.quoted < 3 && overlap(pspan(qi), &g.content) > 0);
            let other = tb
                .values()
                .any(|t| t.label == "Content" && overlap(pspan(qi), &t.pieces) > 0);
            let detail = if short {
                "overlaps a gold Content whose quoted words are at most two"
            } else if other {
                "overlaps a gold Content without quote marks"
            } else {
                "in no gold attribution"
            };
            sc.errors.push(ErrorCase {
                kind: ErrorKind::Spurious,
                article: stem.clone(),
                offset: pspan(qi).0,
                text: qtext(qi),
                detail: detail.to_owned(),
                context: context(pspan(qi).0, pspan(qi).1),
            });
        }
    }
    Ok(sc)
}

/// Evaluate the `train` and `dev` splits found under `dir` (in that order; a missing split is
/// skipped, none at all is an error).
pub fn evaluate(dir: &Path, lex: &Lexicons) -> Result<Vec<SplitScore>, String> {
    let mut out = Vec::new();
    for split in ["train", "dev"] {
        let p = dir.join(split);
        if p.join("text").is_dir() && p.join("attributions").is_dir() {
            out.push(evaluate_split(&p, lex, None)?);
        }
    }
    if out.is_empty() {
        return Err(format!(
            "{}: no train/ or dev/ folder holding text/ and attributions/",
            dir.display()
        ));
    }
    Ok(out)
}

/// Up to `n` errors of `kind`, spread evenly over the list (deterministic).
pub fn sample(errors: &[ErrorCase], kind: ErrorKind, n: usize) -> Vec<&ErrorCase> {
    let v: Vec<&ErrorCase> = errors.iter().filter(|e| e.kind == kind).collect();
    if v.len() <= n {
        return v;
    }
    (0..n).map(|i| v[i * v.len() / n]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_passages() {
        assert_eq!(
            longest_quoted("called them \u{201C}deplorables.\u{201D}"),
            1
        );
        assert_eq!(
            longest_quoted("\u{201C}We will win,\u{201D} and \u{201C}a lot\u{201D}"),
            3
        );
        assert_eq!(longest_quoted("no marks at all here"), 0);
        assert_eq!(longest_quoted("\"straight quotes are three\" words"), 4);
    }

    #[test]
    fn key_names() {
        assert_eq!(
            key_name("Clinton campaign chairman John Podesta").as_deref(),
            Some("Podesta")
        );
        assert_eq!(key_name("Sen. Ted Cruz (R-Texas)").as_deref(), Some("Cruz"));
        assert_eq!(
            key_name("Hillary Clinton, the Democratic nominee").as_deref(),
            Some("Clinton")
        );
        assert_eq!(
            key_name("Trump\u{2019}s campaign").as_deref(),
            Some("Trump")
        );
        assert_eq!(key_name("a spokesman"), None);
    }

    #[test]
    fn parses_split_spans_and_relations() {
        let ann = "T1\tSource 0 5\tTrump\nT2\tContent 10 20;25 30\tabc def\nT3\tCue 6 9\tsaid\nE1\tAttribution:T4 Content:T2 Cue:T3 Source:T1\n";
        let (tb, rel) = parse_ann(ann);
        assert_eq!(tb["T2"].pieces, vec![(10, 20), (25, 30)]);
        assert_eq!(rel[0].label, "Attribution");
        assert_eq!(rel[0].content, vec!["T2"]);
        assert_eq!(rel[0].source.as_deref(), Some("T1"));
    }
}
