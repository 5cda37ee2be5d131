//! Reported speech: the words an outlet attributes to someone without quote marks.
//!
//! A loaded term inside reported speech ("Rasool said the strike was a blatant assassination")
//! is the `paraphrase` voice, not the outlet's own editorial word. A sentence holds reported
//! speech when it has a reporting verb (said, warned, told, accused, ...) or "according to":
//!
//! - `X said (that) CLAUSE`: the words after the verb, to the end of the sentence or to the
//!   next verb that reports for someone (a joined verb, a second speaker);
//! - `CLAUSE, X said.`: the words before the comma, when the verb closes the sentence;
//! - `according to X, CLAUSE` or `CLAUSE, according to X`: the clause, not the phrase naming X.
//!
//! A sentence can hold several spans, each with its cue: docs/metrics.md lists the rules.
//!
//! Words inside quotation marks are left to the quotation (they are `quoted`), and the cue
//! itself (the verb, or "according to X") is the outlet's own words. Verbs and cues come from
//! `lexicons/speech.toml`; [`VERBS`] is the fallback when that file is absent.

use crate::lexicon::sources::SpeechLexicon;
use crate::text::{Document, NormView};

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

/// The homographs of the built-in verb list ([`VERBS`]): forms that are more often nouns.
pub const HOMOGRAPHS: &[&str] = &["states", "reports", "claims", "notes"];

/// Reported-speech spans of one document (byte offsets, sorted).
#[derive(Debug, Clone, Default)]
pub struct Speech {
    /// Spans `(start, end, cue_start, cue_end)`.
    pub spans: Vec<(usize, usize, usize, usize)>,
    /// Every cue (verb or "according to X" phrase): its words are not speech.
    pub cues: Vec<(usize, usize)>,
}

impl Speech {
    /// Is `[s, e)` inside reported speech (and not itself a cue)?
    pub fn covers(&self, s: usize, e: usize) -> bool {
        !self.cues.iter().any(|&(a, b)| a < e && s < b)
            && self.spans.iter().any(|&(a, b, _, _)| a <= s && e <= b)
    }
}

use crate::lexicon::scan::{List, Scanned};
use crate::lexicon::sources::overlapping_hits;
use crate::text::segment::is_whole_word as word_at;

const AUXILIARIES: &[&str] = &[
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "are",
    "also",
    "then",
    "later",
    "reportedly",
    "has also",
    "had also",
    "previously",
    "publicly",
    "recently",
    "been",
];

/// Words after which "that" is a determiner or pronoun, not the start of a reported clause.
const PREPOSITIONS: &[&str] = &[
    "about", "of", "on", "in", "with", "for", "at", "to", "from", "by", "like", "after", "before",
];

/// Words that open a circumstance of the saying between a reporting verb and its "that"
/// clause: "said in a statement on Monday that ...", "said Wednesday that ...", "stated last
/// week that ...", "said following the strike that ...". After such a verb the reported words
/// start at that "that", not at the circumstance.
pub(crate) const CIRCUMSTANCE: &[&str] = &[
    "out",
    "in",
    "on",
    "at",
    "during",
    "after",
    "following",
    "before",
    "earlier",
    "later",
    "late",
    "early",
    "last",
    "also",
    "again",
    "hours",
    "days",
    "shortly",
    "previously",
    "repeatedly",
    "separately",
    "publicly",
    "privately",
    "recently",
    "yesterday",
    "today",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The last word of `t` before byte `at` (letters and digits), if any.
pub(crate) fn word_before(t: &str, at: usize) -> Option<&str> {
    t[..at]
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
}

/// Does `clause` open with a relative pronoun ("which the U.S. describes ...", "who sits on
/// the committee")?
pub(crate) fn opens_relative(clause: &str) -> bool {
    matches!(
        clause.split_whitespace().next(),
        Some("which" | "who" | "whom")
    )
}

/// A short subject of a verb of its own: one to six words after a comma, none of them a
/// clause word or an auxiliary (", the US claimed", ", and the US claimed"; not ", which he
/// called", "before the senator announced"). A leading "and" or "but" joins the clauses.
fn short_subject(words: &str) -> bool {
    let mut n = 0;
    for (k, w) in words.split_whitespace().enumerate() {
        if k == 0 && matches!(w, "and" | "but") {
            continue;
        }
        if CLAUSE_WORDS.contains(&w) || AUXILIARIES.contains(&w) {
            return false;
        }
        n += 1;
    }
    (1..=6).contains(&n)
}

/// Is `form` a verb whose object is what was said ("condemned the attack", "denied the
/// allegations")? After "said", "told" or "added" closing a sentence, what follows is where,
/// when or to whom ("..., Reuters said without citing sources"); after these it is the object.
fn takes_object(form: &str) -> bool {
    const STEMS: &[&str] = &[
        "condemn", "critici", "denied", "deny", "denies", "reject", "blam", "accus", "prais",
        "welcom", "demand", "urg", "call", "describ", "castigat", "slam", "denounc", "dismiss",
        "defend", "hail", "applaud", "decr", "lambast",
    ];
    STEMS.iter().any(|s| form.starts_with(s))
}

/// Auxiliaries and copulas that make the words before them a clause of their own.
pub(crate) const FINITE: &[&str] = &[
    "is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "may",
    "might", "must", "should", "did", "does", "do",
];

/// Words that make the words before a verb a clause rather than its subject.
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "or", "which", "who", "that", "when", "while", "before", "after", "because",
    "if", "as", "since", "until", "although", "though",
];

/// Words that open an adverbial clause before a verb ("after announcing the talks, ...").
pub(crate) const ADVERBIAL: &[&str] = &[
    "after", "before", "without", "while", "since", "upon", "when", "by",
];

/// Forms that are also plural nouns: followed by a reporting verb ("Other reports also stated
/// that ...", "the claims said ..."), the form is the subject, and the verb after it is the cue.
const NOUN_FORMS: &[&str] = &[
    "reports",
    "claims",
    "calls",
    "demands",
    "notes",
    "statements",
    "comments",
    "posts",
    "tweets",
    "answers",
    "replies",
    "responses",
    "estimates",
    "states",
    "promises",
];

pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "their", "his", "her", "its", "our", "this", "these", "those", "my", "your",
    "that", "every", "no", "any",
];

/// A reporting verb found in a sentence: normalized span and original span.
#[derive(Debug, Clone, Copy)]
pub struct VerbAt {
    /// Normalized start and end within the sentence's normalized text.
    pub ns: usize,
    /// End.
    pub ne: usize,
    /// Original byte span in the article.
    pub os: usize,
    /// End.
    pub oe: usize,
}

/// Reporting verbs of a sentence that are not inside a quotation, in order. A capitalised
/// form inside a sentence is a name, not a verb ("United States", "Reports"), and a verb
/// followed by "to" is an intention, not speech ("vowed to continue").
///
/// `found` holds the verb automaton's matches in the view's text, `(pattern, start, end)` in
/// order of their end: from the document's shared scan when there is one, else from scanning
/// the view.
pub fn verbs_in(
    doc: &Document,
    lex: &SpeechLexicon,
    norm: &NormView,
    found: impl Iterator<Item = (usize, usize, usize)>,
) -> Vec<VerbAt> {
    let t = norm.text();
    let sent_start = norm.to_orig(0);
    let orig = doc.text();
    let mut out = Vec::new();
    // Whole words only, made of letters and digits (what a word of `word_spans` is); whole
    // words never overlap, so they come out in text order.
    let found =
        found.filter(|&(_, a, b)| word_at(t, a, b) && t[a..b].chars().all(char::is_alphanumeric));
    for (_, start, end) in found {
        let w = &t[start..end];
        let (os, oe) = (norm.to_orig(start), norm.to_orig_end(start + w.len()));
        let first = orig[os..].chars().next().unwrap_or('a');
        let headline =
            doc.paragraphs[doc.paragraph_at(sent_start)].zone == crate::text::Zone::Headline;
        if first.is_uppercase() && os > sent_start && !headline {
            continue;
        }
        if t[start + w.len()..].trim_start().starts_with("to ") {
            continue;
        }
        // An infinitive ("to announce the suspension") reports an intention, not a statement.
        if t[..start].trim_end().ends_with(" to") || t[..start].trim_end() == "to" {
            continue;
        }
        // An accusing verb takes its object first ("accused Iran of ..."): right before "of",
        // "for", "by" or "over" it is a passive, and its subject is the accused, not a
        // speaker ("Senator accused of lying", "was condemned by Baghdad"). Found by a
        // new-user trial: the accused senator was the speaker of "of lying about the deal".
        if w.ends_with("ed")
            && ACCUSING.contains(&w)
            && matches!(
                next_word_at(t, start + w.len()),
                Some("of" | "for" | "by" | "over")
            )
        {
            continue;
        }
        // After "be" a participle is a passive: "He was released one day before", "Sanders
        // was asked about their case". One that opens a clause still reports, with nobody
        // named: "It was reported that ...", "was asked whether he would run", "was
        // reported as saying ...".
        // ("be" right before it, no comma between: in "as it should be, warned the IMF" the
        // verb is no passive; the opener may come after a time: "was reported on Monday
        // that ...".)
        let be_before = t[..start].trim_end().ends_with(char::is_alphanumeric)
            && word_before(t, start).is_some_and(|p| crate::text::BE_FORMS.contains(&p));
        if w.ends_with("ed") && be_before && {
            let rest = &t[start + w.len()..];
            let clause = &rest[..rest.find([',', ';', ':', '.']).unwrap_or(rest.len())];
            !clause
                .split_whitespace()
                .take(4)
                .any(|x| matches!(x, "that" | "whether" | "if" | "what" | "how" | "why" | "as"))
        } {
            continue;
        }
        // Any participle right before "by" and its agent is a passive too ("first reported
        // by the Boston Globe", "as described by FBI Director James Comey"); "by phone" and
        // the like are how something was said.
        if w.ends_with("ed") && next_word_at(t, start + w.len()) == Some("by") {
            let by = start + w.len() + t[start + w.len()..].find("by").unwrap_or(0) + 2;
            // ("responded by attacking the judge", "announced by decree": how, not who.)
            let how = next_word_at(t, by);
            if !how.is_some_and(|h| {
                h.ends_with("ing")
                    || matches!(
                        h,
                        "phone"
                            | "telephone"
                            | "email"
                            | "e"
                            | "text"
                            | "video"
                            | "letter"
                            | "mail"
                            | "decree"
                    )
            }) {
                continue;
            }
        }
        // After a determiner the form is an adjective or noun ("their alleged provocations").
        let prev_word = word_before(t, start);
        // So it is after a number ("his famous 14 points").
        if prev_word
            .is_some_and(|p| DETERMINERS.contains(&p) || p.chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        // Joined by a hyphen or an apostrophe to the words around it, the form is part of a
        // compound or a possessive, not a verb: "the so-called Islamic Resistance",
        // "state-backed homophobia", "the state's delegation" report nothing.
        if joined_to_word(t, start, start + w.len()) {
            continue;
        }
        if lex.homographs.contains(w) && !verb_evidence(t, start, start + w.len()) {
            continue;
        }
        if doc.quote_at(os, oe).is_some() {
            continue;
        }
        out.push(VerbAt {
            ns: start,
            ne: start + w.len(),
            os,
            oe,
        });
    }
    out
}

/// Is the homograph at `t[a..b]` (normalized) used as a verb? Only when the words around it
/// show one: "that", a colon or a quotation mark after it ("the report states that ...",
/// "notes: ..."), "out" after "point(s)", a pronoun before it ("they claim", "he notes"), or,
/// before a bare form, a plural subject ("officials state", "critics point"). On 10,000
/// AllSides articles the rows these forms made were mostly nouns: "on state property",
/// "states like Iowa", "the army post near the border", "a CBO report showing ...".
fn verb_evidence(t: &str, a: usize, b: usize) -> bool {
    let w = &t[a..b];
    let after = t[b..].trim_start();
    if after.starts_with([':', '"']) {
        return true;
    }
    let next = next_word_at(t, b);
    if next == Some("that") || (w.starts_with("point") && next == Some("out")) {
        return true;
    }
    let prev = word_before(t, a).filter(|_| t[..a].trim_end().ends_with(char::is_alphanumeric));
    match prev {
        Some("he" | "she" | "it" | "they" | "we" | "i" | "you" | "who") => true,
        Some(p) => {
            // (A bare form: not "continued", "finding".)
            !w.ends_with('s')
                && !w.ends_with("ed")
                && !w.ends_with("ing")
                && p.len() > 3
                && p.ends_with('s')
                && !p.ends_with("ss")
                && !matches!(p, "this" | "says" | "does" | "was" | "has" | "its" | "his")
        }
        None => false,
    }
}

/// Verbs of accusing, whose object comes right after them when they are active.
const ACCUSING: &[&str] = &[
    "accused",
    "blamed",
    "condemned",
    "criticized",
    "criticised",
    "denounced",
];

/// The word (letters and digits) that starts at or after byte `from` of `t`.
fn next_word_at(t: &str, from: usize) -> Option<&str> {
    t[from..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
}

/// Nouns that, after a comma and "a" or "an", comment on the reported words before them (",
/// an assertion denied by ...", ", a claim the ministry rejected").
const APPOSITIVE_NOUNS: &[&str] = &[
    "assertion",
    "claim",
    "charge",
    "allegation",
    "accusation",
    "contention",
];

/// Plural nouns for the people a news story cites without naming them, which speak without
/// a determiner: "police said", "local officials said", "..., said hospital officials."
pub const BARE_SOURCES: &[&str] = &[
    "officials",
    "police",
    "authorities",
    "investigators",
    "prosecutors",
    "witnesses",
    "residents",
    "sources",
    "analysts",
    "experts",
    "doctors",
    "medics",
    "paramedics",
    "rescuers",
    "researchers",
    "scientists",
    "lawmakers",
    "legislators",
    "critics",
    "activists",
    "organizers",
    "organisers",
    "aides",
    "observers",
    "economists",
    "diplomats",
    "officers",
    "firefighters",
    "negotiators",
    "spokespeople",
    "regulators",
];

/// Is `phrase` (its words, as written) a bare plural source: at most three words, the last
/// one of [`BARE_SOURCES`], the others plain words that qualify it ("local", "hospital",
/// "federal", "Afghan"), not a determiner or a preposition?
pub fn bare_source(phrase: &str) -> bool {
    // (Without allocating: the resolver asks this of most phrases it cannot name.)
    let mut words: [&str; 3] = [""; 3];
    let mut n = 0;
    for w in phrase.split_whitespace() {
        if n == words.len() {
            return false;
        }
        words[n] = w.trim_matches(|c: char| !c.is_alphanumeric());
        n += 1;
    }
    let Some((head, rest)) = words[..n].split_last() else {
        return false;
    };
    let among = |list: &[&str], w: &str| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    among(BARE_SOURCES, head)
        && rest.iter().all(|w| {
            !w.is_empty()
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !among(DETERMINERS, w)
                && !among(PREPOSITIONS, w)
                && !among(
                    &[
                        "and", "or", "but", "the", "their", "our", "its", "his", "her",
                    ],
                    w,
                )
        })
}

/// Is the comma at byte `i` of `s` one that separates thousands ("98,000", "1,700")?
pub(crate) fn in_number(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// The first comma of `s` that ends a clause or a phrase, not one inside a number.
fn first_comma(s: &str) -> Option<usize> {
    s.match_indices(',')
        .map(|(i, _)| i)
        .find(|&i| !in_number(s, i))
}

/// The last comma of `s` that ends a clause or a phrase, not one inside a number.
pub(crate) fn last_comma(s: &str) -> Option<usize> {
    s.rmatch_indices(',')
        .map(|(i, _)| i)
        .find(|&i| !in_number(s, i))
}

/// Is `t[start..end]` joined by a hyphen or an apostrophe to a word before or after it
/// ("so-called", "state-backed", "state's"), or followed by a plural's possessive
/// apostrophe ("states' rights"), part of a longer word or a possessive?
pub(crate) fn joined_to_word(t: &str, start: usize, end: usize) -> bool {
    let joiner = |c: char| matches!(c, '-' | '\'');
    let mut before = t[..start].chars().rev();
    let mut after = t[end..].chars();
    let joined_before =
        before.next().is_some_and(joiner) && before.next().is_some_and(char::is_alphanumeric);
    let next = after.next();
    // (A plural's possessive apostrophe is part of the word too: "swing states' suburbs".)
    let possessive = next == Some('\'')
        && t[start..end].ends_with('s')
        && !t[end + 1..].starts_with(char::is_alphanumeric);
    joined_before
        || possessive
        || (next.is_some_and(joiner) && after.next().is_some_and(char::is_alphanumeric))
}

/// Find reported speech in a document's counted sentences. With `scan`, reporting verbs and
/// according-to phrases come from the document's shared scan ([`crate::lexicon::scan`]);
/// without, each sentence is scanned for them.
pub fn find(doc: &Document, lex: &SpeechLexicon, scan: Option<&Scanned>) -> Speech {
    let mut spans = Vec::new();
    let mut cues = Vec::new();
    for s in &doc.sentences {
        let p = &doc.paragraphs[s.paragraph];
        if !p.zone.counted() {
            continue;
        }
        // A paragraph in which the shared scan found no reporting verb and no "according to"
        // reports nothing; its sentences are skipped before their views are made. (A
        // sentence lies inside its paragraph, so its view is a window on the paragraph's,
        // and `in_view` below never falls back to a scan of its own that could find more.)
        if scan.is_some_and(|sc| {
            sc.get(List::Verbs, s.paragraph).is_empty()
                && sc.get(List::According, s.paragraph).is_empty()
        }) {
            continue;
        }
        let norm = doc.norm_view(s.start, s.end);
        let t = norm.text();
        // according to X, CLAUSE / CLAUSE, according to X: the clause, not the phrase naming X
        // The first phrase of the list that occurs as whole words, at its first such place.
        let shared = |list| scan.and_then(|sc| sc.in_view(list, doc, s.paragraph, &norm));
        let first_whole = |found: &mut dyn Iterator<Item = (usize, usize, usize)>| {
            found
                .filter(|&(_, a, b)| word_at(t, a, b))
                .min_by_key(|&(p, a, _)| (p, a))
                .map(|(_, a, b)| (a, b))
        };
        let according = match shared(List::According) {
            Some(mut found) => first_whole(&mut found),
            None => first_whole(&mut overlapping_hits(lex.according_ac.as_ref(), t).into_iter()),
        };
        let verbs = match shared(List::Verbs) {
            Some(found) => verbs_in(doc, lex, &norm, found),
            None => verbs_in(
                doc,
                lex,
                &norm,
                overlapping_hits(lex.verb_ac.as_ref(), t).into_iter(),
            ),
        };
        let told = |v: &VerbAt| matches!(&t[v.ns..v.ne], "told" | "tell" | "tells" | "telling");
        let next_word = |from: usize| {
            t[from..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
        };
        // A participle joined by a comma to what comes before it, at or after byte `from`
        // ("..., adding that ...", "..., identifying him as ...").
        let participle_after = |from: usize| {
            verbs
                .iter()
                .find(|w| {
                    w.ns >= from
                        && t[w.ns..w.ne].ends_with("ing")
                        && t[..w.ns].trim_end().ends_with(',')
                })
                .copied()
        };
        // The complement of verb `v`: it runs to the sentence end, or to a coordinated
        // predicate of the same subject ("rejected a proposal and vowed to continue ...",
        // "warned that ... and emphasized that ..."), whose words are not the reported ones;
        // when that predicate's verb reports speech too, its own complement follows, as a
        // span of its own. `own` is false when `v`'s own words are no span (see below).
        let complement = |v: VerbAt, own: bool, spans: &mut Vec<(usize, usize, usize, usize)>| {
            let mut v = v;
            let mut own = own;
            loop {
                let mut end = s.end;
                let mut next_verb = None;
                let rest = &t[v.ne..];
                let mut at = 0;
                while let Some(i) = rest[at..].find(" and ") {
                    let j = v.ne + at + i;
                    let next = next_word(j + 5).unwrap_or("");
                    // ("the strike and claims by Iran": a plural noun, not a verb.)
                    if lex.is_verb(next) && !NOUN_FORMS.contains(&next) {
                        end = norm.to_orig(j);
                        next_verb = verbs.iter().find(|w| w.ns == j + 5).copied();
                        break;
                    }
                    at += i + 5;
                }
                // So does a participle after a comma: "said that ..., adding that ...".
                if let Some(w) = participle_after(v.ne + 1).filter(|w| norm.to_orig(w.ns) < end) {
                    let comma = t[..w.ns].trim_end().len() - 1;
                    end = norm.to_orig(comma);
                    next_verb = Some(w);
                }
                // A verb in a clause opened by "after", "before", "without", ... reports as far as
                // the clause's comma; the sentence's own verb comes after it ("Only a day after
                // announcing the new talks, North Korea said it had ...").
                let opener = word_before(t, v.ns);
                // So does a verb in a relative clause set off by commas (", which the U.S.
                // describes as backed by Iran, said last month that ..."): "which" or "who" after
                // the last comma before the verb, at most five words back.
                let last = last_comma(&t[..v.ns]);
                let clause = last.map_or("", |c| &t[c + 1..v.ns]);
                let relative = last.is_some()
                    && clause.split_whitespace().count() <= 5
                    && opens_relative(clause);
                if relative || opener.is_some_and(|w| ADVERBIAL.contains(&w)) {
                    if let Some(c) = first_comma(&t[v.ne..]).map(|c| v.ne + c) {
                        if norm.to_orig(c) < end {
                            end = norm.to_orig(c);
                            next_verb = verbs.iter().find(|w| w.ns > c).copied();
                        }
                    }
                }
                // A verb after a comma and its own short subject ("..., the US claimed that
                // al-Saadi was responsible ...") reports for that subject: the span ends at the
                // comma, and the verb's complement is a span of its own. When the verb closes
                // the sentence (", the country's official news agency reported."), it relays
                // the words before it, and no span follows. The words between the comma and
                // the verb must be a subject, not a clause (", which he called a hoax",
                // "before the senator announced his candidacy").
                if next_verb.is_none() {
                    // (Not a passive: ", an assertion denied by X".)
                    let own_subject = verbs.iter().find(|w| {
                        w.ns > v.ne
                            && next_word(w.ne) != Some("by")
                            && !NOUN_FORMS.contains(&&t[w.ns..w.ne])
                            && !t[w.ne..].starts_with('-')
                            && {
                                let before = &t[v.ne..w.ns];
                                last_comma(before).is_some_and(|c| short_subject(&before[c + 1..]))
                            }
                    });
                    if let Some(w) = own_subject {
                        let c = last_comma(&t[v.ne..w.ns]).map_or(w.ns, |c| v.ne + c);
                        let closes = next_word(w.ne).is_none_or(|x| CIRCUMSTANCE.contains(&x))
                            && t[w.ne..].split_whitespace().count() <= 3;
                        if norm.to_orig(c) < end {
                            end = norm.to_orig(c);
                            if !closes {
                                next_verb = Some(*w);
                            }
                        }
                    }
                }
                // A comma and "an assertion", "a claim", ... comments on the reported words
                // (", an assertion denied by Iraqi government spokesperson Basim al-Awadi"):
                // they end there.
                let appositive = t[v.ne..].match_indices(", a").find_map(|(k, _)| {
                    let mut words = t[v.ne + k + 2..].split(' ');
                    let (det, noun) = (words.next()?, words.next()?);
                    (matches!(det, "a" | "an") && APPOSITIVE_NOUNS.contains(&noun))
                        .then_some(v.ne + k)
                });
                if let Some(c) = appositive.filter(|&c| norm.to_orig(c) < end) {
                    end = norm.to_orig(c);
                    next_verb = None;
                }
                // "told Rudaw that ...", "tells reporters on Monday that ...": the words before
                // "that" name who was told, not what; the reported words start at "that", as
                // after "said that". So do a circumstance of the saying ("said in a statement on
                // Monday that ...") and a second verb (", adding that ...") after any other verb.
                // Only before any quotation mark or colon: past one, "that" belongs to what was
                // said ("told ABC: “I don't make comments that ...”").
                let mut start = v.oe;
                // "describes as backed by Iran", "described it as": the span starts after "as".
                if t[v.ns..v.ne].starts_with("describ") && t[v.ne..].starts_with(" as ") {
                    start = norm.to_orig(v.ne + 4);
                }
                let opens_circumstance =
                    next_word(v.ne).is_some_and(|w| CIRCUMSTANCE.contains(&w) || lex.is_verb(w));
                if told(&v) || opens_circumstance {
                    // The words after the verb with where each starts (the view's spaces are
                    // single).
                    let words = t[v.ne..]
                        .split(' ')
                        .scan(v.ne, |pos, w| {
                            let at = *pos;
                            *pos += w.len() + 1;
                            Some((at, w))
                        })
                        .filter(|(_, w)| !w.is_empty());
                    let mut prev = "";
                    for (at, w) in words.take(10) {
                        // A quotation mark or an apostrophe opening a word; one inside a word
                        // ("wednesday's") is not a quotation.
                        if w.contains(['"', ':', ';']) || w.starts_with('\'') {
                            break;
                        }
                        // Past a finite verb the words are already the reported clause ("said
                        // on Monday the army had destroyed a tunnel that ..."): a "that" after
                        // it opens a relative clause inside it.
                        if FINITE.contains(&w) {
                            break;
                        }
                        // After a preposition "that" points at a thing ("the truth about that
                        // process"), it does not open what was said.
                        if w == "that" && !PREPOSITIONS.contains(&prev) {
                            start = norm.to_orig(at).min(end);
                            break;
                        }
                        prev = w;
                    }
                }
                // "told this newspaper.", "told reporters on Monday.": with no "that" and a
                // short tail, what follows "told" is who was told, not what (a new-user trial:
                // a two-word speech row after a quotation's cue).
                // (Only after a quotation, whose cue the verb is: "The minister told reporters
                // Iran lied." reports what follows.)
                let only_told = told(&v)
                    && start == v.oe
                    && doc.text()[v.oe..end].split_whitespace().count() <= 4
                    && !doc.text()[v.oe..end].contains(['"', '\u{201C}', ':'])
                    && doc.quotes[..doc.quotes.partition_point(|q| q.end <= v.os)]
                        .last()
                        .is_some_and(|q| q.end >= s.start);
                if own && !only_told {
                    spans.push((start, end, v.os, v.oe));
                }
                own = true;
                match next_verb {
                    Some(w) => v = w,
                    None => break,
                }
            }
        };
        if let Some((i, j)) = according {
            // X runs to the next comma (or the sentence end).
            // (Not the sentence's closing period: "according to a spokesman.")
            let x_end = first_comma(&t[j..])
                .map(|k| j + k)
                .unwrap_or_else(|| t.trim_end_matches(['.', ' ']).len().max(j));
            let (pa, pb) = (norm.to_orig(i), norm.to_orig_end(x_end));
            cues.push((pa, pb));
            if i > 0 {
                spans.push((s.start, pa, pa, pb));
            }
            // "According to X, CLAUSE, identifying him as ...": the clause ends at the
            // participle's comma, and the participle reports for X too.
            let joined = participle_after(x_end + 1);
            let clause_end = joined
                .map(|w| norm.to_orig(t[..w.ns].trim_end().len() - 1))
                .unwrap_or(s.end);
            if x_end < t.len() {
                spans.push((pb, clause_end, pa, pb));
            }
            let Some(w) = joined else {
                continue;
            };
            cues.push((w.os, w.oe));
            complement(w, true, &mut spans);
            continue;
        }
        for v in &verbs {
            cues.push((v.os, v.oe));
        }
        // A noun form followed by a reporting verb (with at most an adverb or auxiliary
        // between, and no comma) is that verb's subject: "Other reports also stated that ..."
        // is reported by "stated".
        let first = verbs.iter().position(|v| {
            let next_is_verb = t[v.ne..]
                .split(' ')
                .filter(|w| !w.is_empty())
                .find(|w| !AUXILIARIES.contains(w))
                .is_some_and(|w| lex.is_verb(w));
            !(NOUN_FORMS.contains(&&t[v.ns..v.ne]) && next_is_verb)
        });
        let Some(v) = first.map(|i| verbs[i]) else {
            continue;
        };
        // CLAUSE, X said.: the verb closes the sentence, its subject is short and not just
        // an auxiliary, and the clause before the comma is the speech. What follows the verb
        // must then be a circumstance ("on Wednesday"), a name (", said Kirby"), the one told
        // ("told reporters") or nothing: a lower-case word that opens none of these starts the
        // verb's object, and the object is what was said ("..., Sheikh Qais al-Khazali,
        // issued a statement condemning the attack on Wednesday": the attack, not the name,
        // when the sentence's first verb is "condemning"). After a quotation
        // ("“...,” Dujarric told Rudaw's Sinan Tuncdemir during a press briefing") a longer
        // tail is still the circumstance of the quotation, unless another reporting verb in
        // it says more (", he said and demanded ...", ", adding that ...").
        let tail_words = t[v.ne..].split_whitespace().count();
        let before = &t[..v.ns];
        let capital = doc.text()[v.oe..s.end]
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(char::is_uppercase);
        let tail_ok = next_word(v.ne).is_none_or(|w| {
            CIRCUMSTANCE.contains(&w)
                || AUXILIARIES.contains(&w)
                || PREPOSITIONS.contains(&w)
                || (CLAUSE_WORDS.contains(&w) && w != "that")
        }) || capital
            || told(&v);
        // Another reporting verb joined to this one (", adding ...", "and demanded ..."; not
        // "without identifying the commander").
        let mut quote_tail = false;
        let more_speech = verbs.iter().any(|w| {
            w.ns >= v.ne && {
                let gap = t[..w.ns].trim_end();
                gap.ends_with(',') || gap.ends_with(" and")
            }
        });
        if let Some(ci) = last_comma(before) {
            let subject = before[ci + 1..].trim();
            let between = subject.split_whitespace().count();
            let only_aux = subject.split_whitespace().all(|w| AUXILIARIES.contains(&w));
            // The comma inside the quotation's marks ("...,” he said") or right after its
            // closing mark ("...", he told Rudaw's reporter).
            let comma = norm.to_orig(ci);
            let quoted_before = doc.quote_at(comma, comma).is_some()
                || doc.quotes[..doc.quotes.partition_point(|q| q.start < comma)]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|q| q.end == comma);
            // No subject between the comma and the verb: the subject follows it ("...,” said
            // CENTCOM in a statement"), which only a quotation before the comma makes sure
            // of (", saying the US must leave" has none).
            // Without one, a short tail that names someone ("..., said Biden.", "..., said
            // the official.") is such a subject too; a participle never is.
            let inverted = !t[v.ns..v.ne].ends_with("ing")
                && !takes_object(&t[v.ns..v.ne])
                && tail_words <= 5
                && !t[v.ne..].contains(" that ")
                && (capital
                    || next_word(v.ne).is_some_and(|w| matches!(w, "the" | "a" | "an"))
                    || bare_source(t[v.ne..].trim_end_matches(['.', ' '])));
            // A longer tail is still the subject when it is a name and an appositive: ",
            // says Dante Scala, a political scientist at the University of New Hampshire."
            // (PolNeAR: the appositive was taken for what was said.)
            let named_appositive = !t[v.ns..v.ne].ends_with("ing")
                && !takes_object(&t[v.ns..v.ne])
                && capital
                && first_comma(&t[v.ne..]).is_some_and(|c| {
                    let name = &t[v.ne..v.ne + c];
                    name.split_whitespace().count() <= 5
                        && !name.contains(" that ")
                        && matches!(
                            next_word(v.ne + c + 1),
                            Some("a" | "an" | "the" | "who" | "whose" | "one")
                        )
                });
            // Nor is a relative pronoun (", who warned that ..."), and a verb followed by
            // "that" opens its own clause.
            let relative = matches!(
                subject.split_whitespace().next(),
                Some("who" | "which" | "that")
            );
            let subject_ok = if between == 0 {
                quoted_before || inverted || named_appositive
            } else {
                between <= 6 && !only_aux && !relative
            } && !t[v.ne..].trim_start().starts_with("that ");
            quote_tail = subject_ok && quoted_before;
            // "CLAUSE, Y said, condemning ...": the clause is Y's, and so is what the
            // participle after the verb reports.
            let joined = participle_after(v.ne).filter(|w| {
                let gap: Vec<&str> = t[v.ne..w.ns].split_whitespace().collect();
                gap.len() <= 3 && !gap.iter().any(|x| CLAUSE_WORDS.contains(x))
            });
            if subject_ok
                && ((tail_words <= 5 && (tail_ok || (between == 0 && inverted)))
                    || (between == 0 && named_appositive)
                    || (quoted_before && !more_speech)
                    || joined.is_some())
            {
                spans.push((s.start, norm.to_orig(ci), v.os, v.oe));
                if let Some(w) = joined {
                    complement(w, true, &mut spans);
                }
                continue;
            }
        }
        // After a quotation, the words between its cue and the next verb are where and when
        // it was said ("“...,” he said of the Democrats, pointing out that ..."): no span.
        complement(v, !quote_tail, &mut spans);
    }
    // A span reports words of its own, outside quotation marks. One whose words are all
    // inside one quotation ("“The attacks must stop now,” he said.": the clause before
    // "he said" is the quotation) repeats the quotation, which has a row of its own; one with
    // no words at all ("“...,” he said and demanded ...": the span after "said" stops at the
    // next reporting verb) reports nothing. Both are dropped.
    spans.retain(|&(a, b, _, _)| {
        doc.words_span(a, b)
            .is_some_and(|(first, last)| doc.quote_at(first, last).is_none())
    });
    spans.sort();
    cues.sort();
    Speech { spans, cues }
}
