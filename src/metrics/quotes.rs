//! Quotations: who said each one, which group they speak for, and the article's balance.
//!
//! The text model already knows where each quotation is. Attribution looks at the reporter's
//! words around it, in the sentence that holds it, in this order:
//!
//! 1. **after** the quotation: `..." said X`, `..." X said`, `..." X added`, `...", X's
//!    statement read`, `...", according to X`;
//! 2. **before** it: the last reporting verb and its subject, `X said (that) "..."`, `X
//!    accused Y of "..."`, or `according to X, "..."`; a participle after a comma (`, adding
//!    that "..."`) takes the subject of the verb before it;
//! 3. **floating**: a full quotation with no cue in its sentence inherits the speaker of the
//!    quotation before it in the same paragraph.
//!
//! The subject phrase is resolved against `lexicons/groups.toml`: a known speaker's name or
//! alias in it (a person before an organisation before a metonym such as "Baghdad"), else a role
//! phrase ("a spokesperson for the Iraqi military"), else a capitalised name (group `other`).
//! A pronoun (he, she, it, they) resolves to the last speaker named before the quotation (a
//! person for he/she, an organisation for it/they). `..., Iraqi News Agency reported` at the end
//! of a sentence whose speaker is named elsewhere is recorded as the relay. What cannot be
//! resolved stays `unattributed`: never invented, and counted.
//!
//! Balance is computed over full and partial quotations (scare quotes are listed but carry too
//! few words to weigh): word shares per group, Pielou's J over the side groups with K fixed by
//! the lexicon, and the dyad balance B between two configured sets of groups.

use crate::lexicon::sources::{GroupsLexicon, SpeakerKind, SpeechLexicon};
use crate::metrics::speech::verbs_in;
use crate::text::normalize::Normalized;
use crate::text::{Document, QuoteKind};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// How a quotation was attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribution {
    /// Cue before the quotation.
    Before,
    /// Cue after it.
    After,
    /// Inherited from the quotation before it.
    Floating,
    /// "according to X".
    AccordingTo,
    /// "X's statement read".
    Statement,
    /// Inside another quotation: its speaker.
    Nested,
    /// Not attributed.
    None,
}

impl Attribution {
    /// Name in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Attribution::Before => "before",
            Attribution::After => "after",
            Attribution::Floating => "floating",
            Attribution::AccordingTo => "according_to",
            Attribution::Statement => "statement",
            Attribution::Nested => "nested",
            Attribution::None => "none",
        }
    }
}

/// The attribution of one quotation.
#[derive(Debug, Clone)]
pub struct Attributed {
    /// Index in `doc.quotes`.
    pub quote: usize,
    /// Speaker as named nearest the quotation (a pronoun stays as written in `speaker_text`).
    pub speaker: Option<String>,
    /// Resolved speaker (canonical name when known).
    pub resolved: Option<String>,
    /// Group index; `None` = unattributed.
    pub group: Option<usize>,
    /// The cue word(s).
    pub cue: Option<String>,
    /// How.
    pub attribution: Attribution,
    /// Relay ("Iraqi News Agency").
    pub relay: Option<String>,
}

/// Compiled alias and role search.
#[derive(Debug, Clone)]
pub struct SourceMatcher {
    aliases: Option<AhoCorasick>,
    roles: Option<AhoCorasick>,
}

impl SourceMatcher {
    /// Compile from a groups lexicon.
    pub fn new(g: &GroupsLexicon) -> SourceMatcher {
        let build = |pats: Vec<&str>| {
            (!pats.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(pats)
                    .expect("aliases compile")
            })
        };
        SourceMatcher {
            aliases: build(g.aliases.iter().map(|(a, _)| a.as_str()).collect()),
            roles: build(g.roles.iter().map(|(a, _)| a.as_str()).collect()),
        }
    }
}

fn bounded(t: &str, s: usize, e: usize) -> bool {
    !t[..s]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
        && !t[e..].chars().next().is_some_and(|c| c.is_alphanumeric())
}

/// A named mention of a known speaker, outside quotations.
#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    speaker: usize,
}

/// Result of resolving a subject phrase.
#[derive(Debug, Clone)]
struct Resolved {
    named: String,
    resolved: String,
    group: usize,
}

const PRONOUNS: &[(&str, bool)] = &[
    ("he", true),
    ("she", true),
    ("it", false),
    ("they", false),
    ("him", true),
    ("her", true),
];

const LEADING_NOISE: &[&str] = &[
    "and",
    "but",
    "with",
    "while",
    "as",
    "then",
    "also",
    "later",
    "earlier",
    "meanwhile",
    "when",
    "where",
    "which",
    "who",
    "after",
    "before",
    "since",
    "because",
    "though",
    "although",
];

struct Ctx<'a> {
    doc: &'a Document<'a>,
    groups: &'a GroupsLexicon,
    speech: &'a SpeechLexicon,
    sm: &'a SourceMatcher,
    mentions: Vec<Mention>,
}

impl<'a> Ctx<'a> {
    /// Resolve the phrase in original byte span `[s, e)`.
    fn resolve(&self, s: usize, e: usize, before_quote: usize) -> Option<Resolved> {
        if s >= e {
            return None;
        }
        let text = self.doc.text();
        let phrase = &text[s..e];
        let norm = Normalized::new(phrase);
        let t = norm.text.as_str();
        let words: Vec<&str> = t
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let content: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !LEADING_NOISE.contains(w))
            .collect();
        // Pronoun subject.
        if content.len() <= 2 {
            if let Some(&(p, person)) = content
                .first()
                .and_then(|w| PRONOUNS.iter().find(|(p, _)| p == w))
            {
                // The antecedent comes before the pronoun itself.
                let _ = before_quote;
                return self.pronoun(p, person, s);
            }
        }
        // Known speakers named inside the phrase: person, then organisation, then metonym.
        let mut best: Option<(u8, usize, usize)> = None; // (rank, pos, speaker)
        for m in self.mentions.iter().filter(|m| m.start >= s && m.end <= e) {
            let sp = &self.groups.speakers[m.speaker];
            let rank = match sp.kind {
                SpeakerKind::Person => 0,
                SpeakerKind::Organisation => 1,
                SpeakerKind::Metonym => 2,
            };
            if best.is_none_or(|(r, p, _)| (rank, m.start) < (r, p)) {
                best = Some((rank, m.start, m.speaker));
            }
        }
        if let Some((_, pos, si)) = best {
            let m = self.mentions.iter().find(|m| m.start == pos).unwrap();
            let sp = &self.groups.speakers[si];
            return Some(Resolved {
                named: text[m.start..m.end].to_owned(),
                resolved: sp.name.clone(),
                group: sp.group,
            });
        }
        // A role phrase.
        if let Some(ac) = &self.sm.roles {
            for m in ac.find_iter(t) {
                if bounded(t, m.start(), m.end()) {
                    let g = self.groups.roles[m.pattern().as_usize()].1;
                    let named = clean_phrase(phrase);
                    return Some(Resolved {
                        resolved: named.clone(),
                        named,
                        group: g,
                    });
                }
            }
        }
        // A capitalised name.
        let name = capitalised_run(phrase)?;
        Some(Resolved {
            named: name.clone(),
            resolved: name,
            group: self.groups.other,
        })
    }

    fn pronoun(&self, p: &str, person: bool, before: usize) -> Option<Resolved> {
        let text = self.doc.text();
        let m = self
            .mentions
            .iter()
            .rev()
            .filter(|m| m.end <= before)
            .find(|m| {
                let k = self.groups.speakers[m.speaker].kind;
                if person {
                    k == SpeakerKind::Person
                } else {
                    k != SpeakerKind::Person
                }
            })?;
        let sp = &self.groups.speakers[m.speaker];
        let _ = p;
        Some(Resolved {
            named: text[m.start..m.end].to_owned(),
            resolved: sp.name.clone(),
            group: sp.group,
        })
    }
}

/// Trim a subject phrase to something readable.
fn clean_phrase(s: &str) -> String {
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '"' | '\u{201C}' | '\u{201D}')
    });
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words
        .first()
        .is_some_and(|w| LEADING_NOISE.contains(&w.to_lowercase().as_str()))
    {
        words.remove(0);
    }
    words.join(" ")
}

/// The first run of capitalised words (a name), if any; single common sentence-openers are not
/// names.
fn capitalised_run(s: &str) -> Option<String> {
    let mut best: Vec<&str> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for w in s.split(|c: char| c.is_whitespace() || c == ',') {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '.');
        let cap = core.chars().next().is_some_and(|c| c.is_uppercase());
        let joiner = matches!(
            core,
            "al" | "bin" | "de" | "van" | "von" | "al-" | "ibn" | "la" | "du"
        );
        if (cap || (joiner && !cur.is_empty())) && !core.is_empty() {
            cur.push(core);
        } else {
            if cur.len() > best.len() {
                best = std::mem::take(&mut cur);
            }
            cur.clear();
        }
    }
    if cur.len() > best.len() {
        best = cur;
    }
    const NOT_NAMES: &[&str] = &[
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "In",
        "On",
        "At",
        "But",
        "And",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "Officials",
        "Sources",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Today",
        "Tonight",
        "Yesterday",
    ];
    while best.first().is_some_and(|w| NOT_NAMES.contains(w)) {
        best.remove(0);
    }
    (!best.is_empty()).then(|| best.join(" "))
}

/// Attribute every quotation of a document.
pub fn attribute(
    doc: &Document,
    groups: &GroupsLexicon,
    sm: &SourceMatcher,
    speech: &SpeechLexicon,
) -> Vec<Attributed> {
    let text = doc.text();
    // Mentions of known speakers, outside quotations, in counted paragraphs.
    let mut mentions = Vec::new();
    if let Some(ac) = &sm.aliases {
        for (pi, p) in doc.paragraphs.iter().enumerate() {
            if !p.zone.counted() {
                continue;
            }
            let n = &doc.norms[pi];
            let t = n.text.as_str();
            for m in ac.find_iter(t) {
                if !bounded(t, m.start(), m.end()) {
                    continue;
                }
                let (s, e) = (
                    p.start + n.to_orig(m.start()),
                    p.start + n.to_orig_end(m.end()),
                );
                if doc.quote_at(s, e).is_some() {
                    continue;
                }
                mentions.push(Mention {
                    start: s,
                    end: e,
                    speaker: groups.aliases[m.pattern().as_usize()].1,
                });
            }
        }
    }
    let cx = Ctx {
        doc,
        groups,
        speech,
        sm,
        mentions,
    };
    let mut out: Vec<Attributed> = Vec::with_capacity(doc.quotes.len());
    for (qi, q) in doc.quotes.iter().enumerate() {
        // Nested inside an earlier quotation: its speaker.
        if let Some(parent) = out
            .iter()
            .rev()
            .find(|a| {
                let pq = &doc.quotes[a.quote];
                pq.start < q.start && q.end <= pq.end
            })
            .cloned()
        {
            out.push(Attributed {
                quote: qi,
                attribution: Attribution::Nested,
                ..parent
            });
            continue;
        }
        let s_first = doc.sentence_at(q.start);
        let s_last = doc.sentence_at(q.end.saturating_sub(1));
        let sent_a = doc.sentences[s_first];
        let sent_b = doc.sentences[s_last];
        // Regions of reporter text, cut at neighbouring quotations.
        let prev_end = doc.quotes[..qi]
            .iter()
            .filter(|p| p.end <= q.start)
            .map(|p| p.end)
            .max()
            .unwrap_or(0)
            .max(sent_a.start);
        let next_start = doc.quotes[qi + 1..]
            .iter()
            .filter(|n| n.start >= q.end)
            .map(|n| n.start)
            .min()
            .unwrap_or(usize::MAX)
            .min(sent_b.end);
        let after = cue_after(&cx, q.end, next_start.max(q.end));
        // Before the quotation: from the sentence start (verbs inside other quotations are
        // skipped), so `X told reporters that Y had "a" and "b"` attributes both.
        let before = cue_before(&cx, sent_a.start.min(q.start), q.start);
        let resolved = |c: &Option<Cue>| c.as_ref().is_some_and(|c| c.speaker.is_some());
        let chosen = match (after, before) {
            (Some(a), b) if a.relay_only && resolved(&b) => Some(Attributed {
                relay: a.speaker.map(|r| r.named),
                ..b.unwrap().into_attr(qi)
            }),
            (Some(a), _) if !a.relay_only && a.speaker.is_some() => Some(a.into_attr(qi)),
            (_, Some(b)) if b.speaker.is_some() => Some(b.into_attr(qi)),
            (Some(a), _) if a.speaker.is_some() => Some(a.into_attr(qi)),
            _ => None,
        };
        let _ = prev_end;
        let chosen = chosen.filter(|c| c.group.is_some()).or_else(|| {
            // Floating: a full quotation in the same paragraph after an attributed one.
            if q.kind != QuoteKind::Full {
                return None;
            }
            let prev = out
                .iter()
                .rev()
                .find(|a| doc.quotes[a.quote].paragraph == q.paragraph && a.group.is_some())?;
            Some(Attributed {
                quote: qi,
                attribution: Attribution::Floating,
                cue: None,
                relay: None,
                ..prev.clone()
            })
        });
        out.push(chosen.unwrap_or(Attributed {
            quote: qi,
            speaker: None,
            resolved: None,
            group: None,
            cue: None,
            attribution: Attribution::None,
            relay: None,
        }));
    }
    let _ = text;
    out
}

struct Cue {
    speaker: Option<Resolved>,
    cue: String,
    how: Attribution,
    relay_only: bool,
}

impl Cue {
    fn into_attr(self, qi: usize) -> Attributed {
        let (speaker, resolved, group) = match self.speaker {
            Some(r) => (Some(r.named), Some(r.resolved), Some(r.group)),
            None => (None, None, None),
        };
        Attributed {
            quote: qi,
            speaker,
            resolved,
            group,
            cue: Some(self.cue),
            attribution: self.how,
            relay: None,
        }
    }
}

/// Words of a normalized region with their normalized spans.
fn words(t: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices() {
        let w = c.is_alphanumeric() || c == '\'' || c == '-';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                v.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        v.push((s, t.len()));
    }
    v
}

/// A cue in the reporter's text after a quotation, `[s, e)` in the original.
fn cue_after(cx: &Ctx, s: usize, e: usize) -> Option<Cue> {
    if s >= e {
        return None;
    }
    let text = cx.doc.text();
    let region = &text[s..e];
    let norm = Normalized::new(region);
    let t = norm.text.as_str();
    let o = |i: usize| s + norm.to_orig(i);
    let oe = |i: usize| s + norm.to_orig_end(i);
    // according to X
    for phrase in &cx.speech.cues.according_to {
        if let Some(i) = t.find(phrase.as_str()) {
            if t[..i].split_whitespace().count() <= 2 && bounded(t, i, i + phrase.len()) {
                let xe = t[i + phrase.len()..]
                    .find([',', '.', ';'])
                    .map(|k| i + phrase.len() + k)
                    .unwrap_or(t.len());
                return Some(Cue {
                    speaker: cx.resolve(o(i + phrase.len()), oe(xe), s),
                    cue: phrase.clone(),
                    how: Attribution::AccordingTo,
                    relay_only: false,
                });
            }
        }
    }
    // X's statement read
    for phrase in &cx.speech.cues.statement {
        if let Some(i) = t.find(phrase.as_str()) {
            if t[..i].split_whitespace().count() <= 6 && bounded(t, i, i + phrase.len()) {
                return Some(Cue {
                    speaker: cx.resolve(s, o(i), s),
                    cue: phrase.clone(),
                    how: Attribution::Statement,
                    relay_only: false,
                });
            }
        }
    }
    let ws = words(t);
    // The first reporting verb within the first eight words.
    let vi = ws.iter().take(8).position(|&(a, b)| {
        let w = &t[a..b];
        cx.speech.is_verb(w) && !text[o(a)..].starts_with(|c: char| c.is_uppercase())
    })?;
    let (va, vb) = ws[vi];
    let verb = t[va..vb].to_owned();
    let relay_only = cx.speech.cues.relay.contains(&verb);
    if verb.ends_with("ing") {
        // ", adding that ...", ", identifying him as ...": a participle continues the
        // sentence's own attribution; it names no speaker here.
        return None;
    }
    if vi == 0 {
        // said X ...: the speaker follows the verb, up to a comma or a preposition.
        let mut end = vb;
        for &(a, b) in ws.iter().skip(1).take(8) {
            if t[vb..a].contains([',', '.', ';']) {
                break;
            }
            let w = &t[a..b];
            if matches!(
                w,
                "in" | "on"
                    | "at"
                    | "during"
                    | "after"
                    | "before"
                    | "to"
                    | "from"
                    | "hours"
                    | "late"
                    | "early"
                    | "earlier"
                    | "last"
                    | "this"
                    | "while"
                    | "without"
                    | "adding"
                    | "saying"
                    | "when"
                    | "who"
            ) {
                break;
            }
            end = b;
        }
        return Some(Cue {
            speaker: cx.resolve(oe(vb), oe(end), s),
            cue: verb,
            how: Attribution::After,
            relay_only,
        });
    }
    // X said: the subject sits between the quotation and the verb.
    Some(Cue {
        speaker: cx.resolve(s, o(va), s),
        cue: verb,
        how: Attribution::After,
        relay_only,
    })
}

/// A cue in the reporter's text before a quotation, `[s, e)` in the original.
fn cue_before(cx: &Ctx, s: usize, e: usize) -> Option<Cue> {
    if s >= e {
        return None;
    }
    let text = cx.doc.text();
    let region = &text[s..e];
    let norm = Normalized::new(region);
    let t = norm.text.as_str();
    let o = |i: usize| s + norm.to_orig(i);
    let oe = |i: usize| s + norm.to_orig_end(i);
    // according to X, "..."
    for phrase in &cx.speech.cues.according_to {
        if let Some(i) = t.rfind(phrase.as_str()) {
            if bounded(t, i, i + phrase.len()) {
                let xe = t[i + phrase.len()..]
                    .find([',', ';'])
                    .map(|k| i + phrase.len() + k)
                    .unwrap_or(t.len());
                return Some(Cue {
                    speaker: cx.resolve(o(i + phrase.len()), oe(xe), e),
                    cue: phrase.clone(),
                    how: Attribution::AccordingTo,
                    relay_only: false,
                });
            }
        }
    }
    let verbs = verbs_in(cx.doc, cx.speech, s, &norm, region);
    verbs.last()?;
    // Walk back from the last verb: a participle after a comma (", adding that") has no
    // subject of its own, and a verb whose subject names nobody gives way to the one before.
    for (k, v) in verbs.iter().enumerate().rev() {
        let seg_start = if k == 0 { 0 } else { verbs[k - 1].ne };
        let seg = &t[seg_start..v.ns];
        let after_comma = seg.rfind(',').map(|i| &seg[i + 1..]).unwrap_or(seg);
        let bare = after_comma.chars().all(|c| !c.is_alphanumeric());
        if bare && k > 0 {
            continue;
        }
        // The subject: from the last clause break (";" or the region start) to the verb; the
        // part after the last comma first ("..., with Baghdad warning"), then all of it
        // ("Yehia Rasool, a spokesperson for the Iraqi military, said").
        let sub_start = seg
            .rfind(';')
            .map(|i| seg_start + i + 1)
            .unwrap_or(seg_start);
        let near = seg
            .rfind(',')
            .map(|i| seg_start + i + 1)
            .filter(|&i| i > sub_start);
        let speaker = near
            .and_then(|n| cx.resolve(o(n), o(v.ns), e))
            .or_else(|| cx.resolve(o(sub_start), o(v.ns), e));
        if speaker.is_none() {
            continue;
        }
        return Some(Cue {
            speaker,
            cue: t[v.ns..v.ne].to_owned(),
            how: Attribution::Before,
            relay_only: false,
        });
    }
    None
}

/// Per-article quotation metrics over full and partial quotations.
#[derive(Debug, Clone, Default)]
pub struct QuoteStats {
    /// Per group (lexicon order, then unattributed): quotations.
    pub quotes: Vec<usize>,
    /// Per group: quoted words.
    pub words: Vec<usize>,
    /// Per group: distinct speakers.
    pub speakers: Vec<usize>,
    /// Balance J over side groups; NA without side quotations.
    pub balance_j: Option<f64>,
    /// Dyad balance B; NA when both sides are 0.
    pub dyad: Option<f64>,
    /// Group (index) of the first quotation; `Some(n_groups)` = unattributed.
    pub first_group: Option<usize>,
    /// Full + partial quotations.
    pub n: usize,
    /// Scare quotes.
    pub scare: usize,
    /// Unattributed / all (full + partial); NA with none.
    pub unattributed_rate: Option<f64>,
}

/// Compute the stats.
pub fn stats(doc: &Document, att: &[Attributed], g: &GroupsLexicon) -> QuoteStats {
    let ng = g.groups.len();
    let mut st = QuoteStats {
        quotes: vec![0; ng + 1],
        words: vec![0; ng + 1],
        speakers: vec![0; ng + 1],
        ..Default::default()
    };
    let mut names: Vec<std::collections::BTreeSet<String>> = vec![Default::default(); ng + 1];
    for a in att {
        let q = &doc.quotes[a.quote];
        if q.kind == QuoteKind::Scare {
            st.scare += 1;
            continue;
        }
        if a.attribution == Attribution::Nested {
            continue;
        }
        let gi = a.group.unwrap_or(ng);
        if st.first_group.is_none() {
            st.first_group = Some(gi);
        }
        st.n += 1;
        st.quotes[gi] += 1;
        st.words[gi] += q.words;
        if let Some(r) = &a.resolved {
            names[gi].insert(r.to_lowercase());
        }
    }
    for (i, n) in names.iter().enumerate() {
        st.speakers[i] = n.len();
    }
    let side_total: usize = g.side_groups.iter().map(|&i| st.words[i]).sum();
    if side_total > 0 && g.side_groups.len() > 1 {
        let k = g.side_groups.len() as f64;
        let h: f64 = g
            .side_groups
            .iter()
            .map(|&i| st.words[i] as f64 / side_total as f64)
            .filter(|&p| p > 0.0)
            .map(|p| -p * p.ln())
            .sum();
        st.balance_j = Some(h / k.ln());
    }
    let wa: usize = g.dyad_a.iter().map(|&i| st.words[i]).sum();
    let wb: usize = g.dyad_b.iter().map(|&i| st.words[i]).sum();
    if wa + wb > 0 {
        st.dyad = Some(1.0 - (wa as f64 - wb as f64).abs() / (wa + wb) as f64);
    }
    if st.n > 0 {
        st.unattributed_rate = Some(st.quotes[ng] as f64 / st.n as f64);
    }
    st
}
