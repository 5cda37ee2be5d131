//! Casualty emphasis: mentions of people killed or injured, who they were, how many, whether
//! anyone is said to have caused it, and how prominently it stands.
//!
//! A mention starts at a harm word of `lexicons/casualties.toml` (kill, die, wound, death,
//! casualties, deadly, ...) or a risk phrase ("putting civilians at risk"), in a counted zone.
//! For each, in its sentence:
//!
//! - **voice**: a noun or adjective, or an `-ing` form after a determiner or possessive ("the
//!   militias' killing of"), is `nominal`; a past participle after a form of *be* ("were
//!   killed", "being killed") or right after its victim and before "in"/"by" ("three people
//!   killed in") is `passive`; *die* is `intransitive`, never passive; the rest is `active`;
//! - **victim**: the phrase after an active verb or after "of" (nominal), the phrase before a
//!   passive or intransitive verb, a modifier ("civilian casualties"), or the noun after an
//!   adjective ("a deadly attack on American forces"). Its group is the longest victim phrase
//!   of the lexicon inside it; a bare number ("injuring another 36") takes the group of the
//!   mention before it in the sentence. "X including Y" and "X and two others" give a mention
//!   each (counts are never summed);
//! - **count** and **hedge**: the first number in the victim phrase (digits, number words,
//!   "two dozen") that is no age, span, time, date or gallery place ("a 28 year-old man",
//!   "seven or eight weeks", "Image 3 of 10"), and the hedge before it ("at least", "more
//!   than", "over", "another"). Walking back for a victim stops at another harm word that
//!   closes its own phrase ("nine injured and one dead");
//! - **agent**: for active verbs the clause before (for a participle after a comma, the main
//!   clause), otherwise a "by X" or "in a/the ... strike" phrase after; an instrument word and an
//!   actor word make `instrument_with_actor`, one alone `instrument` or `actor`, neither `none`;
//! - **class**: a negation shortly before makes it `negated` ("no indications of civilian
//!   casualties"); a modal before it (will, could, threatens to) makes it speculative, and it is
//!   not counted, nor is an attempt ("attempted murder", "tried to kill"); risk phrases give
//!   `risk`;
//! - **event**: the nearest main-event or context-event cue in the sentence (`main` by default).
//!
//! Formulas of the article metrics are in `docs/metrics.md`.

use crate::lexicon::casualties::{CasualtyLexicon, Harm, Pos};
use crate::lexicon::scan::{List, Scanned};
use crate::lexicon::sources::overlapping_hits;
use crate::text::{Document, Zone};

/// Grammatical voice of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CVoice {
    /// The agent is the subject.
    Active,
    /// Passive, with or without a by-agent.
    Passive,
    /// "died".
    Intransitive,
    /// "the killing of", "deaths", "deadly".
    Nominal,
}

impl CVoice {
    /// Name in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            CVoice::Active => "active",
            CVoice::Passive => "passive",
            CVoice::Intransitive => "intransitive",
            CVoice::Nominal => "nominal",
        }
    }
}

/// Kind of agent named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentType {
    /// A person, state or force.
    Actor,
    /// An instrument tied to an actor ("US drone strike").
    InstrumentWithActor,
    /// An instrument alone ("the explosion").
    Instrument,
    /// Nobody.
    None,
}

impl AgentType {
    /// Name in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            AgentType::Actor => "actor",
            AgentType::InstrumentWithActor => "instrument_with_actor",
            AgentType::Instrument => "instrument",
            AgentType::None => "none",
        }
    }
}

/// One casualty mention.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Harm class.
    pub harm: Harm,
    /// Victim group index (into the lexicon's groups).
    pub group: usize,
    /// Victim phrase as written.
    pub victim: String,
    /// Stated count.
    pub count: Option<u64>,
    /// Count as written.
    pub count_text: Option<String>,
    /// Hedge.
    pub hedge: Option<String>,
    /// Voice.
    pub voice: CVoice,
    /// Agent type.
    pub agent: AgentType,
    /// Agent text.
    pub agent_text: Option<String>,
    /// Quotation holding it.
    pub quote: Option<usize>,
    /// Main event?
    pub main_event: bool,
    /// Zone.
    pub zone: Zone,
    /// Paragraph index.
    pub paragraph: usize,
    /// Sentence index.
    pub sentence: usize,
    /// Position weight.
    pub weight: f64,
    /// Trigger span (bytes).
    pub start: usize,
    /// End.
    pub end: usize,
    /// The trigger word as written.
    pub trigger: String,
}

/// A trigger: first and last word index, and the harm word's class (`None` = a risk phrase).
type Trigger = (usize, usize, Option<(Pos, Harm)>);

#[derive(Debug, Clone, Copy)]
struct W {
    s: usize,
    e: usize,
}

fn words_of(t: &str) -> Vec<W> {
    let mut v = Vec::new();
    let mut start: Option<usize> = None;
    let b = t.as_bytes();
    for (i, c) in t.char_indices() {
        let inner = matches!(c, '\'' | '-' | '.' | ',')
            && start.is_some()
            && t[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|n| n.is_alphanumeric())
            && (c != ',' || (i > 0 && b[i - 1].is_ascii_digit()));
        if c.is_alphanumeric() || inner {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            v.push(W { s, e: i });
        }
    }
    if let Some(s) = start {
        v.push(W { s, e: t.len() });
    }
    v
}

use crate::text::BE_FORMS as BE;
const ADVERBS: &[&str] = &[
    "reportedly",
    "also",
    "later",
    "allegedly",
    "all",
    "both",
    "then",
    "apparently",
    "reported",
    "previously",
    "mistakenly",
    "deliberately",
    "brutally",
    "nearly",
    "almost",
    "subsequently",
    "and",
];
const DETERMINERS: &[&str] = &[
    "the", "its", "their", "his", "her", "our", "a", "an", "this", "that", "of", "those", "these",
];
const AFTER_STOP: &[&str] = &[
    "in",
    "on",
    "at",
    "near",
    "during",
    "while",
    "after",
    "before",
    "when",
    "since",
    "as",
    "with",
    "by",
    "amid",
    "from",
    "across",
    "inside",
    "last",
    "earlier",
    "yesterday",
    "overnight",
    "who",
    "which",
    "that",
    "without",
    "for",
    "to",
];
const BEFORE_STOP: &[&str] = &[
    "that", "which", "who", "whom", "where", "when", "while", "in", "after", "as", "because",
    "said", "says", "told", "and", "but", "if", "than",
];
const HEDGES: &[&str] = &[
    "at least",
    "more than",
    "over",
    "around",
    "about",
    "nearly",
    "almost",
    "up to",
    "some",
    "another",
    "an estimated",
    "roughly",
    "approximately",
    "fewer than",
    "less than",
];
const NUMBER_WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("a dozen", 12),
    ("dozen", 12),
    ("both", 2),
    ("a hundred", 100),
    ("a thousand", 1000),
];

use crate::text::segment::is_whole_word as bounded_at;

fn has_phrase(t: &str, p: &str) -> Option<usize> {
    // The phrase's first byte found with memchr, then the rest compared: the texts are a
    // clause or a few words, too short for a substring searcher's set-up to pay. A match of
    // valid UTF-8 always starts on a character boundary.
    let (tb, pb) = (t.as_bytes(), p.as_bytes());
    let &first = pb.first()?;
    if pb.len() > tb.len() {
        return None;
    }
    let last_start = tb.len() - pb.len();
    let mut a = 0;
    while let Some(i) = memchr::memchr(first, &tb[a..=last_start]) {
        let s = a + i;
        if &tb[s..s + pb.len()] == pb && bounded_at(t, s, s + pb.len()) {
            return Some(s);
        }
        a = s + 1;
        if a > last_start {
            break;
        }
    }
    None
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const UNITS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute",
    "minutes", "seconds", "decade", "decades", "ago", "a.m", "p.m", "am", "pm", "count", "counts",
    "percent", "times", "degree", "block", "blocks", "mile", "miles", "feet", "yards", "mph",
    "shots", "rounds", "o'clock",
];

/// Words before a number that make it a place in a sequence, not a count ("Image 3 of 10",
/// "Photo 2").
const SEQUENCE: &[&str] = &[
    "image", "photo", "slide", "picture", "page", "part", "chapter",
];

/// Kin before "of" and a number: "father of 3", "a mother of two" counts children, not the
/// dead (found in the GVA articles).
const KIN: &[&str] = &[
    "father",
    "mother",
    "parent",
    "dad",
    "mom",
    "mum",
    "grandfather",
    "grandmother",
    "grandparent",
    "grandma",
    "grandpa",
];

/// Verbs between "be" and a predicative harm adjective: in "a man was shot dead" and "two
/// were found dead" the victim stands before "was"/"were", not before "dead".
const PREDICATIVE_VERBS: &[&str] = &[
    "shot",
    "found",
    "beaten",
    "stabbed",
    "pronounced",
    "declared",
    "confirmed",
    "reported",
    "feared",
    "presumed",
    "believed",
    "left",
];

/// Is `w` a number written in digits (with thousands commas) or in words?
fn is_number(w: &str) -> bool {
    (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit() || b == b','))
        || NUMBER_WORDS.iter().any(|(nw, _)| *nw == w)
}

/// Is the number at word `k` an age, a time, a date, a citation or another quantity rather
/// than a count of people? ("Eric Whitaker, 52, died", "3 year old", "at 3:04",
/// "May 23", "18 months ago", "[9]", "four counts of assault")
fn not_a_count(t: &str, ws: &[W], k: usize) -> bool {
    let w = ws[k];
    let word = &t[w.s..w.e];
    if word.contains("-year") || word.contains("-month") || word.contains("-day") {
        return true;
    }
    let next = ws.get(k + 1).map(|n| &t[n.s..n.e]).unwrap_or("");
    let prev = if k > 0 {
        &t[ws[k - 1].s..ws[k - 1].e]
    } else {
        ""
    };
    let gap_after = ws.get(k + 1).map(|n| &t[w.e..n.s]).unwrap_or(&t[w.e..]);
    let gap_before = if k > 0 {
        &t[ws[k - 1].e..w.s]
    } else {
        &t[..w.s]
    };
    if UNITS.contains(&next) || MONTHS.contains(&prev) {
        return true;
    }
    // An age or a span written with a hyphen after the number: "28 year-old", "a three
    // -year-old girl" (the number's own "-year" is above).
    if next
        .split_once('-')
        .is_some_and(|(head, _)| UNITS.contains(&head))
    {
        return true;
    }
    // A range of units: "seven or eight weeks", "two to three years".
    if matches!(next, "or" | "to")
        && ws.get(k + 2).is_some_and(|n| is_number(&t[n.s..n.e]))
        && ws.get(k + 3).is_some_and(|n| UNITS.contains(&&t[n.s..n.e]))
    {
        return true;
    }
    // A place in a sequence: "Image 3 of 10" (both numbers).
    let before_prev = if k > 1 {
        &t[ws[k - 2].s..ws[k - 2].e]
    } else {
        ""
    };
    let third = if k > 2 {
        &t[ws[k - 3].s..ws[k - 3].e]
    } else {
        ""
    };
    if SEQUENCE.contains(&prev)
        || (prev == "of" && is_number(before_prev) && SEQUENCE.contains(&third))
        || (prev == "of" && KIN.contains(&before_prev))
    {
        return true;
    }
    // "One person, age 19, was killed"; a clock or video time's second half ("at 7:15",
    // "0:50"); a suspended hyphen ("his 12- and 10-year-old sons"); the emergency number ("a
    // 911 call"); charges ("three felony counts"); a TV channel ("Cleveland 19 News", "FOX 8",
    // "Channel 4").
    // "No one was killed": nobody, not one.
    if word == "one" && prev == "no" {
        return true;
    }
    if matches!(prev, "age" | "aged" | "ages")
        || (gap_before == ":" && prev.bytes().all(|b| b.is_ascii_digit()))
        || (gap_after.starts_with('-') && !gap_after.starts_with("--"))
        || word == "911"
        || (gap_after.trim().is_empty()
            && ws.get(k + 2).is_some_and(|n| {
                matches!(&t[n.s..n.e], "count" | "counts" | "charges")
                    && t[ws[k + 1].e..n.s].trim().is_empty()
            }))
        || next == "news"
        || matches!(prev, "channel" | "fox" | "cbs" | "abc" | "nbc" | "news")
    {
        return true;
    }
    if gap_after.starts_with(':') || gap_before.ends_with('[') || gap_after.starts_with(']') {
        return true;
    }
    // ", 52," right after a name: an age; also closed by a dash or a parenthesis
    // ("William R. Williams, 51 — appeared to have died"), or after "Jr." ("David Trahan Jr.,
    // 17, was pronounced dead").
    if gap_before.trim().trim_start_matches('.') == ","
        && gap_after
            .trim_start()
            .starts_with([',', '\u{2014}', '\u{2013}', ')'])
        && k > 0
    {
        return true;
    }
    false
}

/// Parse a count from a normalized phrase: (count, normalized start, end, hedge).
fn count_in(t: &str) -> Option<(Option<u64>, usize, usize, Option<String>)> {
    count_in_unless(t, |_| false)
}

/// [`count_in`], passing over the numbers at whose start (in `t`) `skip` is true: the phrase
/// alone does not show "0:50" is a time, the sentence around it does.
fn count_in_unless(
    t: &str,
    skip: impl Fn(usize) -> bool,
) -> Option<(Option<u64>, usize, usize, Option<String>)> {
    let ws = words_of(t);
    for (k, w) in ws.iter().enumerate() {
        let word = &t[w.s..w.e];
        let digits: String = word.chars().filter(|c| *c != ',').collect();
        let mut val: Option<u64> = None;
        let mut end = w.e;
        if not_a_count(t, &ws, k) || skip(w.s) {
            continue;
        }
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && digits.len() < 10 {
            // A year is not a count.
            let n: u64 = digits.parse().ok()?;
            if (1900..=2100).contains(&n) && !word.contains(',') {
                continue;
            }
            val = Some(n);
        } else if let Some(&(_, n)) = NUMBER_WORDS.iter().find(|(nw, _)| *nw == word) {
            val = Some(n);
            // "two dozen", "three hundred"
            if let Some(nx) = ws.get(k + 1) {
                let next = &t[nx.s..nx.e];
                if next == "dozen" {
                    val = Some(n * 12);
                    end = nx.e;
                } else if next == "hundred" {
                    val = Some(n * 100);
                    end = nx.e;
                }
            }
        } else if word == "several" || word == "dozens" || word == "hundreds" || word == "scores" {
            let hedge = None;
            return Some((None, w.s, w.e, hedge));
        }
        if let Some(v) = val {
            let before = t[..w.s].trim_end();
            let hedge = HEDGES
                .iter()
                .find(|h| {
                    before.ends_with(*h)
                        && !before[..before.len() - h.len()]
                            .ends_with(|c: char| c.is_alphanumeric())
                })
                .map(|h| h.to_string());
            let start = match &hedge {
                Some(h) => before.len() - h.len(),
                None => w.s,
            };
            return Some((Some(v), start, end, hedge));
        }
    }
    None
}

/// Find every casualty mention of a document. `groups_of_quote(q)` gives the source group
/// name of quotation `q`'s speaker (for the table).
///
/// With `scan`, which paragraphs hold a casualty word or risk phrase, and where the risk
/// phrases are, come from the document's shared scan ([`crate::lexicon::scan`]); without,
/// the lexicon's own automata search each paragraph and sentence.
pub fn find(doc: &Document, lex: &CasualtyLexicon, scan: Option<&Scanned>) -> Vec<Mention> {
    let text = doc.text();
    let mut out: Vec<Mention> = Vec::new();
    if lex.harm.is_empty() && lex.risk.is_empty() {
        return out;
    }
    let has_trigger: Vec<bool> = match scan {
        Some(sc) => (0..doc.paragraphs.len())
            .map(|pi| !sc.get(List::Harm, pi).is_empty() || !sc.get(List::Risk, pi).is_empty())
            .collect(),
        None => doc
            .norms
            .iter()
            .map(|n| lex.prefilter.as_ref().is_none_or(|ac| ac.is_match(&n.text)))
            .collect(),
    };
    for (si, sent) in doc.sentences.iter().enumerate() {
        let para = &doc.paragraphs[sent.paragraph];
        if !para.zone.counted() || !has_trigger[sent.paragraph] {
            continue;
        }
        let norm = doc.norm_view(sent.start, sent.end);
        let t = norm.text();
        let ws = words_of(t);
        let o = |i: usize| norm.to_orig(i);
        let oe = |i: usize| norm.to_orig_end(i);
        let first_in_sentence = out.len();
        // Triggers: harm words, then risk phrases.
        let mut triggers: Vec<Trigger> = Vec::new();
        for (k, w) in ws.iter().enumerate() {
            let word = &t[w.s..w.e];
            if let Some(&ph) = lex.harm.get(word) {
                if word == "toll" && k > 0 && &t[ws[k - 1].s..ws[k - 1].e] == "death" {
                    continue;
                }
                triggers.push((k, k, Some(ph)));
            }
        }
        // Risk phrases in lexicon order, each at its whole-word places left to right.
        let shared = scan.and_then(|sc| sc.in_view(List::Risk, doc, sent.paragraph, &norm));
        let mut risks: Vec<(usize, usize, usize)> = match shared {
            Some(found) => found.collect(),
            None => overlapping_hits(lex.risk_ac.as_ref(), t),
        };
        risks.retain(|&(_, a, b)| bounded_at(t, a, b));
        risks.sort_unstable();
        let mut from = (usize::MAX, 0);
        for (ri, a, b) in risks {
            if from.0 == ri && a < from.1 {
                continue;
            }
            from = (ri, b);
            let k0 = ws.iter().position(|w| w.s >= a).unwrap_or(ws.len());
            let k1 = ws.iter().rposition(|w| w.e <= b).unwrap_or(k0);
            if k0 < ws.len() && !triggers.iter().any(|&(x, y, _)| x <= k1 && k0 <= y) {
                triggers.push((k0, k1.max(k0), None));
            }
        }
        triggers.sort_by_key(|x| x.0);
        let word = |k: usize| &t[ws[k].s..ws[k].e];
        for &(k0, k1, ph) in &triggers {
            let trig_s = ws[k0].s;
            let trig_e = ws[k1].e;
            let w0 = word(k0);
            // Speculative: a modal or "threaten(s) to" shortly before.
            let lookback = &t[ws[k0.saturating_sub(3)].s..trig_s];
            if ph.is_some()
                && lex
                    .speculative
                    .iter()
                    .any(|m| has_phrase(lookback, m).is_some())
            {
                continue;
            }
            // An attempt kills nobody: "attempted (first-degree) murder", "tried to kill".
            // (Not the noun right before: "the coup attempt killed 250".)
            let attempted = |w: &str| matches!(w, "attempted" | "attempting" | "tried" | "trying");
            let attempt = |w: &str| attempted(w) || matches!(w, "attempt" | "attempts");
            let before = |n: usize| k0.checked_sub(n).map(word).unwrap_or("");
            if ph.is_some()
                && (attempted(before(1))
                    || (before(1).ends_with("-degree") && attempted(before(2)))
                    || (before(1) == "to" && attempt(before(2))))
            {
                continue;
            }
            // Voice.
            let prev_word = k0.checked_sub(1).map(word);
            let first_real_prev = (0..k0).rev().map(word).find(|w| !ADVERBS.contains(w));
            let voice = match ph {
                None => CVoice::Active,
                Some((Pos::Noun, _)) | Some((Pos::Adjective, _)) => CVoice::Nominal,
                Some((Pos::Verb, _)) => {
                    let lemma_die = matches!(w0, "die" | "dies" | "died" | "dying");
                    let before = t[..trig_s].trim_end();
                    let possessive = before.ends_with('\'') || before.ends_with("'s");
                    if w0.ends_with("ing")
                        && (possessive || prev_word.is_some_and(|p| DETERMINERS.contains(&p)))
                    {
                        CVoice::Nominal
                    } else if lemma_die {
                        CVoice::Intransitive
                    } else if first_real_prev.is_some_and(|p| BE.contains(&p))
                        || ((w0.ends_with("ed") || w0 == "slain")
                            && k0 > 0
                            && ws.get(k1 + 1).is_none_or(|n| {
                                t[ws[k1].e..n.s].contains([',', ';', '.'])
                                    // "left nine injured and one dead"
                                    || (&t[n.s..n.e] == "and" && prev_word.is_some_and(is_number))
                                    || matches!(
                                        &t[n.s..n.e],
                                        "in" | "by"
                                            | "during"
                                            | "when"
                                            | "after"
                                            | "at"
                                            | "near"
                                            | "on"
                                            | "outside"
                                            | "inside"
                                            | "following"
                                    )
                            })
                            && prev_word.is_some_and(|p| {
                                !DETERMINERS.contains(&p) && !BEFORE_STOP.contains(&p)
                            }))
                    {
                        // "were killed", or a reduced relative "three people killed in ..."
                        CVoice::Passive
                    } else {
                        CVoice::Active
                    }
                }
            };
            // A harm word counted only in some voices ("hurt": passive).
            if ph.is_some()
                && lex
                    .harm_voices
                    .get(w0)
                    .is_some_and(|vs| !vs.iter().any(|v| v == voice.as_str()))
            {
                continue;
            }
            // Victim phrase (normalized word range).
            let after_range = |from: usize| -> (usize, usize) {
                let mut end = from;
                let mut k = from;
                // A clause break right after the harm word: what follows is not its victim
                // ("were among those wounded, hospital staff said"; "'It was a massacre,'
                // said Maria Lopez"; found by a new-user trial). A colon introduces one
                // ("Total dead: Two").
                if from > 0
                    && from < ws.len()
                    && t[ws[from - 1].e..ws[from].s].contains([',', ';', '.'])
                    && !word(from).starts_with("including")
                {
                    return (from, from);
                }
                while k < ws.len() && k < from + 14 {
                    let wd = word(k);
                    let gap = &t[ws[k.max(1) - 1].e..ws[k].s];
                    if k > from
                        && gap.contains([',', ';', ':', '.', '(', ')', '"'])
                        && !wd.starts_with("including")
                    {
                        // a parenthesis inside a name is fine: "(PMF)"
                        if !gap.contains('(') && !gap.contains(')') {
                            break;
                        }
                    }
                    if k > from && AFTER_STOP.contains(&wd) {
                        break;
                    }
                    if k > from
                        && wd == "and"
                        && ws
                            .get(k + 1)
                            .is_some_and(|n| lex.harm.contains_key(&t[n.s..n.e]))
                    {
                        break;
                    }
                    end = k + 1;
                    k += 1;
                }
                (from, end)
            };
            let before_range = |to: usize| -> (usize, usize) {
                let mut start = to;
                let mut k = to;
                while k > 0 && to - k < 15 {
                    let wd = word(k - 1);
                    let gap = &t[ws[k - 1].e..ws[k.min(ws.len() - 1)].s];
                    if k < to && gap.contains([';', ':']) {
                        break;
                    }
                    // A dash before a count: "Six were shot -- 2 killed and 4 wounded" (not a
                    // dash pair around an aside: "Three civilians — including a child — were").
                    if k < to
                        && (gap.contains(['\u{2014}', '\u{2013}']) || gap.contains("--"))
                        && is_number(word(k))
                    {
                        break;
                    }
                    // "left nine injured": what was left is the victim (but "two people were
                    // left (seriously) injured" reads on past it).
                    if k < to
                        && matches!(wd, "left" | "leaving" | "leaves")
                        && !(k >= 2 && BE.contains(&word(k - 2)))
                    {
                        break;
                    }
                    if k < to && gap.contains(',') {
                        // Keep ", including X," and appositives "X, a commander of Y," by
                        // continuing only when the chunk so far starts with "including" or an
                        // article ("a", "an", "the") after a name.
                        let chunk_first = word(k);
                        if !(chunk_first == "including"
                            || chunk_first == "a"
                            || chunk_first == "an")
                        {
                            break;
                        }
                    }
                    if BEFORE_STOP.contains(&wd) && !(wd == "and" && to - k <= 1) {
                        break;
                    }
                    // Another harm word closing its own phrase is another mention's: in "left
                    // four men injured and one dead" the dead are "one", not "four men".
                    // (The "and" between them is neither's.) So is a harm word before a comma:
                    // "five people wounded, including a woman whose unborn baby was killed".
                    if (wd == "and" && k >= 2 && lex.harm.contains_key(word(k - 2)))
                        || (k < to && gap.contains(',') && lex.harm.contains_key(wd))
                    {
                        break;
                    }
                    start = k - 1;
                    k -= 1;
                }
                (start, to)
            };
            // Back over adverbs, "be" and the auxiliary before "been" ("Protesters and police
            // have been hurt": the victims, not "... police have").
            let mut prev_k = k0;
            while prev_k > 0
                && (ADVERBS.contains(&word(prev_k - 1))
                    || BE.contains(&word(prev_k - 1))
                    || (matches!(word(prev_k - 1), "have" | "has" | "had")
                        && word(prev_k) == "been"))
            {
                prev_k -= 1;
            }
            let (vs, ve) = match (voice, ph) {
                (CVoice::Passive | CVoice::Intransitive, _) => before_range(prev_k),
                (CVoice::Nominal, Some((Pos::Adjective, _)))
                    if ws.get(k1 + 1).is_none_or(|n| {
                        let nw = &t[n.s..n.e];
                        t[ws[k1].e..n.s].contains([',', ';', '.'])
                            || matches!(
                                nw,
                                "and"
                                    | "at"
                                    | "after"
                                    | "in"
                                    | "on"
                                    | "from"
                                    | "inside"
                                    | "outside"
                                    | "near"
                                    | "following"
                                    | "when"
                                    | "by"
                                    | "as"
                            )
                    }) =>
                {
                    // Predicative: "left one man dead and six others injured", "1 Dead, 6 Hurt",
                    // "was found dead": the victim comes before, and before the verb and
                    // its "be" when there are both ("A man was shot dead": "A man", not "A
                    // man was shot"; a headline's "Man shot dead"). "left" only after "be":
                    // in "the attack left three dead" the victims are "three".
                    let mut k = prev_k;
                    if k == k0 && k0 > 0 && PREDICATIVE_VERBS.contains(&word(k0 - 1)) {
                        let mut j = k0 - 1;
                        while j > 0 && ADVERBS.contains(&word(j - 1)) {
                            j -= 1;
                        }
                        let be = j > 0 && BE.contains(&word(j - 1));
                        let bare = j == k0 - 1 && word(j) != "left";
                        let mut to = j;
                        while to > 0 && BE.contains(&word(to - 1)) {
                            to -= 1;
                        }
                        // Only a verb right after its subject: in "two women, believed to be
                        // 30 and 60, (were) all shot dead" the ages are no victims.
                        let joined =
                            to == 0 || !t[ws[to - 1].e..ws[to].s].contains([',', ';', ':']);
                        if (be || bare) && joined {
                            k = to;
                        }
                    }
                    before_range(k)
                }
                (CVoice::Nominal, Some((Pos::Adjective, _))) => {
                    // "the deceased commander", "a deadly attack on American forces"
                    let n = k1 + 1;
                    let on =
                        (n..(n + 4).min(ws.len())).find(|&j| matches!(word(j), "on" | "against"));
                    match on {
                        Some(j) => after_range(j + 1),
                        None => {
                            let (a, b) = after_range(n);
                            (a, b.min(n + 2))
                        }
                    }
                }
                (CVoice::Nominal, _) => {
                    if ws.get(k1 + 1).is_some_and(|n| &t[n.s..n.e] == "of") {
                        after_range(k1 + 2)
                    } else {
                        // a victim modifier right before ("civilian casualties"), else no victim
                        let m = k0.saturating_sub(1);
                        let modifier = if m < k0 { word(m) } else { "" };
                        if lex.victims.iter().any(|v| v.phrase == modifier) {
                            (m, k0)
                        } else {
                            (k0, k0)
                        }
                    }
                }
                (CVoice::Active, None) => {
                    // risk: "putting civilians at risk" (before) or "risking civilian lives"
                    let (a, b) = after_range(k1 + 1);
                    let after_txt = if a < b && b <= ws.len() {
                        &t[ws[a].s..ws[b - 1].e]
                    } else {
                        ""
                    };
                    if lex
                        .victims
                        .iter()
                        .any(|v| has_phrase(after_txt, &v.phrase).is_some())
                    {
                        (a, b)
                    } else {
                        (k0.saturating_sub(2), k0)
                    }
                }
                (CVoice::Active, _) => after_range(k1 + 1),
            };
            let vtext = |a: usize, b: usize| -> &str {
                if a >= b || a >= ws.len() {
                    ""
                } else {
                    &t[ws[a].s..ws[b - 1].e]
                }
            };
            // Split "X including Y" and "X and two others" into parts.
            let mut parts: Vec<(usize, usize)> = Vec::new();
            let mut cur = vs;
            if ph.is_some() {
                for j in vs..ve {
                    let wd = word(j);
                    let split = wd == "including"
                        || (wd == "and"
                            && j + 1 < ve
                            && (count_in(word(j + 1)).is_some()
                                || matches!(word(j + 1), "others" | "another")));
                    if split && j > cur {
                        parts.push((cur, j));
                        cur = j + 1;
                    }
                }
            }
            parts.push((cur, ve));
            let is_risk = ph.is_none();
            for (pa, pb) in parts {
                let vt = vtext(pa, pb);
                // Group: the longest victim phrase in the part (nearest the trigger on ties).
                let mut best: Option<(usize, usize, usize)> = None; // (len, pos-key, group)
                                                                    // `when` words count in the trigger's clause (between commas or semicolons).
                let cl_start = t[..trig_s].rfind([',', ';']).map(|i| i + 1).unwrap_or(0);
                let cl_end = t[trig_e..]
                    .find([',', ';'])
                    .map(|i| trig_e + i)
                    .unwrap_or(t.len());
                let clause = &t[cl_start..cl_end];
                for v in &lex.victims {
                    if !v.when.is_empty() && !v.when.iter().any(|w| has_phrase(clause, w).is_some())
                    {
                        continue;
                    }
                    if let Some(p) = has_phrase(vt, &v.phrase) {
                        let key = if pb <= k0 { usize::MAX - p } else { p };
                        let cand = (v.phrase.len(), key, v.group);
                        if best.is_none_or(|b| cand.0 > b.0 || (cand.0 == b.0 && cand.1 < b.1)) {
                            best = Some(cand);
                        }
                    }
                }
                // The first number that the sentence around it does not show to be an age, a
                // time or a date ("Eric Whitaker, 52, died"; "0:50 One dead" counts one).
                let cnt = if pa < ws.len() {
                    let base = ws[pa].s;
                    count_in_unless(vt, |at| {
                        (pa..pb)
                            .find(|&j| ws[j].e > base + at)
                            .is_some_and(|k| not_a_count(t, &ws, k))
                    })
                } else {
                    None
                };
                if is_risk && best.is_none() {
                    continue;
                }
                let group = match best {
                    Some((_, _, g)) => g,
                    None => {
                        let bare = cnt.is_some()
                            && vt.split_whitespace().all(|w| {
                                count_in(w).is_some()
                                    || HEDGES.iter().any(|h| h.split(' ').any(|x| x == w))
                            });
                        match out[first_in_sentence..].last() {
                            Some(prev) if bare => prev.group,
                            _ => lex.unspecified(),
                        }
                    }
                };
                // Class.
                let harm = match ph {
                    None => Harm::Risk,
                    Some((_, h)) => {
                        let neg_window = &t[ws[k0.saturating_sub(7)].s..trig_s];
                        let clause = neg_window.rsplit([',', ';']).next().unwrap_or(neg_window);
                        // The negation must govern the harm word: another verb in between
                        // ("without identifying the deceased") takes it.
                        let governs = |n: &String| {
                            has_phrase(clause, n).is_some_and(|p| {
                                !words_of(&clause[p + n.len()..])
                                    .iter()
                                    .any(|w| clause[p + n.len()..][w.s..w.e].ends_with("ing"))
                            })
                        };
                        if lex.negation.iter().any(governs) {
                            Harm::Negated
                        } else {
                            h
                        }
                    }
                };
                // Agent.
                let classify = |seg: &str| -> AgentType {
                    let inst = lex
                        .agents
                        .instruments
                        .iter()
                        .any(|w| has_phrase(seg, w).is_some());
                    let act = lex
                        .agents
                        .actors
                        .iter()
                        .any(|w| has_phrase(seg, w).is_some());
                    match (inst, act) {
                        (true, true) => AgentType::InstrumentWithActor,
                        (true, false) => AgentType::Instrument,
                        (false, true) => AgentType::Actor,
                        (false, false) => AgentType::None,
                    }
                };
                let agent_span: Option<(usize, usize)> = match voice {
                    CVoice::Active if ph.is_some() => {
                        let before = &t[..trig_s];
                        let sent_start = before.rfind(';').map(|i| i + 1).unwrap_or(0);
                        let clause_start = if w0.ends_with("ing") {
                            sent_start
                        } else {
                            before.rfind([';', ',']).map(|i| i + 1).unwrap_or(0)
                        };
                        let seg_end = if w0.ends_with("ing") {
                            before.rfind(',').unwrap_or(trig_s)
                        } else {
                            trig_s
                        };
                        // The clause first; when it names no agent (a date between commas:
                        // "The latest US airstrikes on Wednesday, February 7 killed"), the
                        // sentence up to the verb.
                        if seg_end > clause_start
                            && classify(&t[clause_start..seg_end]) != AgentType::None
                        {
                            Some((clause_start, seg_end))
                        } else {
                            (seg_end > sent_start).then_some((sent_start, seg_end))
                        }
                    }
                    _ => {
                        // "by X" (within the next dozen words) or "in a/the ... strike".
                        let after = ws.get(k1 + 1).map(|w| w.s).unwrap_or(t.len());
                        let window_end = ws.get(k1 + 13).map(|w| w.s).unwrap_or(t.len());
                        let by = has_phrase(&t[after..window_end], "by").map(|i| after + i);
                        let rest = &t[after..];
                        let end = rest
                            .find([',', ';', '.'])
                            .map(|i| after + i)
                            .unwrap_or(t.len());
                        let seg = &t[after..end];
                        if let Some(b) = by {
                            let e = t[b..]
                                .find([',', ';', '.'])
                                .map(|i| b + i)
                                .unwrap_or(t.len());
                            Some((b, e))
                        } else if seg.starts_with("in ") {
                            Some((after, end))
                        } else {
                            // possessive before a nominal: "the militias' killing"
                            let before = t[..trig_s].trim_end();
                            if voice == CVoice::Nominal && before.ends_with('\'')
                                || before.ends_with("'s")
                            {
                                let st = before.rfind([',', ';']).map(|i| i + 1).unwrap_or(0);
                                Some((st, before.len()))
                            } else {
                                None
                            }
                        }
                    }
                };
                let (agent, agent_text) = match agent_span {
                    Some((a, b)) => {
                        let ty = classify(&t[a..b]);
                        let txt =
                            (ty != AgentType::None).then(|| text[o(a)..oe(b)].trim().to_owned());
                        (ty, txt)
                    }
                    None => (AgentType::None, None),
                };
                // Event: the nearest cue, in the trigger's clause first, then the sentence.
                let mut nearest: Option<(usize, bool)> = None;
                for (list, main) in [(&lex.event.main, true), (&lex.event.context, false)] {
                    for c in list.iter() {
                        let mut from = 0;
                        while let Some(p) = has_phrase(&t[from..], c).map(|p| p + from) {
                            let in_clause = p >= cl_start && p < cl_end;
                            let d = p.abs_diff(trig_s) + if in_clause { 0 } else { 100_000 };
                            if nearest.is_none_or(|(nd, _)| d < nd) {
                                nearest = Some((d, main));
                            }
                            from = p + c.len();
                        }
                    }
                }
                let main_event = para.zone == Zone::Headline || nearest.is_none_or(|(_, m)| m);
                let (ts, te) = (o(trig_s), oe(trig_e));
                let (count, count_text, hedge) = match cnt {
                    Some((c, a, b, h)) => {
                        let base = ws[pa].s;
                        let written = if pa < ws.len() {
                            text[o(base + a)..oe(base + b)].to_owned()
                        } else {
                            String::new()
                        };
                        (c, Some(written), h)
                    }
                    None => (None, None, None),
                };
                out.push(Mention {
                    harm,
                    group,
                    victim: if pa < pb {
                        text[o(ws[pa].s)..oe(ws[pb - 1].e)].to_owned()
                    } else {
                        String::new()
                    },
                    count,
                    count_text,
                    hedge,
                    voice,
                    agent,
                    agent_text,
                    quote: doc.quote_at(ts, te),
                    main_event,
                    zone: para.zone,
                    paragraph: sent.paragraph,
                    sentence: si,
                    weight: lex.weight(para.zone),
                    start: ts,
                    end: te,
                    trigger: text[ts..te].to_owned(),
                });
            }
        }
    }
    out
}

/// Article-level casualty metrics.
#[derive(Debug, Clone, Default)]
pub struct CasualtyStats {
    /// Weighted emphasis per victim group (harm mentions only).
    pub emphasis: Vec<f64>,
    /// Mentions per victim group (harm only).
    pub mentions: Vec<usize>,
    /// Harm mentions.
    pub harm_mentions: usize,
    /// Main-event emphasis / all; NA with no harm mention.
    pub event_focus: Option<f64>,
    /// Civilian emphasis / all.
    pub civilian_share: Option<f64>,
    /// Weighted risk mentions.
    pub risk_salience: f64,
    /// Weighted negated mentions.
    pub negated_salience: f64,
    /// Mentions with an actor or instrument-with-actor / all harm mentions.
    pub agency: Option<f64>,
    /// Agency per victim group.
    pub agency_by_group: Vec<Option<f64>>,
    /// Share of harm mentions with a stated count.
    pub count_share: Option<f64>,
    /// Passive share and nominal share of harm mentions.
    pub passive_share: Option<f64>,
    /// Nominal share.
    pub nominal_share: Option<f64>,
    /// Deaths in the headline; NA with no headline.
    pub deaths_in_headline: Option<bool>,
    /// Position of the first harm mention in the body, 0..1.
    pub first_position: Option<f64>,
}

/// Compute the stats.
pub fn stats(doc: &Document, ms: &[Mention], lex: &CasualtyLexicon) -> CasualtyStats {
    let ng = lex.groups.len();
    let mut st = CasualtyStats {
        emphasis: vec![0.0; ng],
        mentions: vec![0; ng],
        agency_by_group: vec![None; ng],
        ..Default::default()
    };
    let harm: Vec<&Mention> = ms.iter().filter(|m| m.harm.is_harm()).collect();
    let mut agent_n = vec![0usize; ng];
    let (mut main, mut total, mut agency, mut counted, mut passive, mut nominal) =
        (0.0, 0.0, 0, 0, 0, 0);
    for m in &harm {
        st.emphasis[m.group] += m.weight;
        st.mentions[m.group] += 1;
        total += m.weight;
        if m.main_event {
            main += m.weight;
        }
        let a = matches!(m.agent, AgentType::Actor | AgentType::InstrumentWithActor);
        if a {
            agency += 1;
            agent_n[m.group] += 1;
        }
        if m.count.is_some() {
            counted += 1;
        }
        match m.voice {
            CVoice::Passive => passive += 1,
            CVoice::Nominal => nominal += 1,
            _ => {}
        }
    }
    for m in ms {
        match m.harm {
            Harm::Risk => st.risk_salience += m.weight,
            Harm::Negated => st.negated_salience += m.weight,
            _ => {}
        }
    }
    let n = harm.len();
    st.harm_mentions = n;
    if n > 0 {
        let nf = n as f64;
        st.event_focus = Some(main / total);
        st.civilian_share = lex
            .groups
            .iter()
            .position(|g| g == "civilian")
            .map(|ci| st.emphasis[ci] / total)
            .or(Some(0.0));
        st.agency = Some(agency as f64 / nf);
        st.count_share = Some(counted as f64 / nf);
        st.passive_share = Some(passive as f64 / nf);
        st.nominal_share = Some(nominal as f64 / nf);
        for (g, (&n, &a)) in st.mentions.iter().zip(&agent_n).enumerate() {
            if n > 0 {
                st.agency_by_group[g] = Some(a as f64 / n as f64);
            }
        }
    }
    if doc.has_headline {
        st.deaths_in_headline = Some(
            harm.iter()
                .any(|m| m.zone == Zone::Headline && m.harm == Harm::Killed),
        );
    }
    if let Some((bs, be)) = doc.body_span() {
        if let Some(first) = harm
            .iter()
            .filter(|m| m.start >= bs && m.start < be)
            .map(|m| m.start)
            .min()
        {
            // In characters, as char_start counts them (and as the measure is defined:
            // (char_start - body_start) / (body_end - body_start)); bytes put a text with
            // curly quotes and dashes before the first mention further down than it reads.
            let (f, s, e) = (
                doc.char_offset(first),
                doc.char_offset(bs),
                doc.char_offset(be),
            );
            st.first_position = Some((f - s) as f64 / (e - s).max(1) as f64);
        }
    }
    st
}

#[cfg(test)]
mod tests {
    use super::has_phrase;

    /// The first whole-word place of `p` in `t`, the obvious way.
    fn by_scan(t: &str, p: &str) -> Option<usize> {
        if p.is_empty() {
            return None;
        }
        (0..=t.len().saturating_sub(p.len()))
            .filter(|&a| t.is_char_boundary(a) && t[a..].starts_with(p))
            .find(|&a| super::bounded_at(t, a, a + p.len()))
    }

    #[test]
    fn has_phrase_is_the_first_whole_word_place() {
        let texts = [
            "",
            "by",
            "killed by a drone, by the way",
            "bystanders killed by",
            "nearby by",
            "é by ébé by",
            "were killed were killed",
            "kill killed",
            "threatened to kill",
        ];
        let phrases = ["by", "killed", "were killed", "kill", "é", "to kill", "x"];
        for t in texts {
            for p in phrases {
                assert_eq!(has_phrase(t, p), by_scan(t, p), "{t:?} {p:?}");
            }
        }
    }
}
