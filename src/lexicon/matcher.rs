//! One automaton for every pattern of every term.
//!
//! Patterns are normalized like the text (folded, lower-cased, whitespace runs to one space),
//! and each hyphen becomes two variants, `-` and ` `, so "Iran-backed" also finds "Iran
//! backed". All variants of all terms go into one Aho-Corasick automaton, and a second one
//! holds the `unless` phrases. For each paragraph:
//!
//! 1. every occurrence of every variant is found (overlapping);
//! 2. an occurrence counts only at word boundaries: the character before it and the one after
//!    it are not letters or digits (an apostrophe inside a word, as in Kata'ib, joins; a
//!    possessive 's after the match is allowed). A pattern ending in `*` extends over the rest
//!    of the word's letters and digits;
//! 3. a case-sensitive pattern (smart case: one written with a capital) must also match the
//!    original's letter case;
//! 4. an occurrence inside one of its term's `unless` phrases is dropped;
//! 5. within a category, overlapping occurrences are resolved leftmost-longest: the longest
//!    match wins ("violation of Iraqi sovereignty" over "sovereignty"). Across categories
//!    nothing is resolved: a span in two categories counts in both.
//!
//! In a corpus run, step 1 is not this matcher's own scan: the occurrences come from the one
//! scan per paragraph that serves every metric ([`crate::lexicon::scan`]), through
//! [`Matcher::find_among`]; steps 2 to 5 are the same code either way.

use super::sources::overlapping_hits;
use super::{is_sensitive, Lexicon};
use crate::text::normalize::{fold, Normalized};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// One counted occurrence of a term, with offsets relative to the text matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Term index in the lexicon.
    pub term: usize,
    /// Category index.
    pub category: usize,
    /// Start byte offset in the original text.
    pub start: usize,
    /// End byte offset in the original text.
    pub end: usize,
}

#[derive(Debug, Clone)]
struct Pat {
    term: usize,
    wildcard: bool,
    /// For case-sensitive patterns: the folded pattern core to compare with the original.
    sensitive: Option<String>,
}

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The automata, compiled on first use: a corpus run finds occurrences through the shared
    /// scan ([`crate::lexicon::scan`]) and never needs them.
    ac: std::sync::OnceLock<Option<AhoCorasick>>,
    pats: Vec<Pat>,
    unless_ac: std::sync::OnceLock<Option<AhoCorasick>>,
    unless_pats: Vec<Pat>,
    /// The automata's patterns, by pattern index (for the document scanner, which folds them
    /// into its own automaton).
    strings: Vec<String>,
    unless_strings: Vec<String>,
    term_category: Vec<usize>,
    n_categories: usize,
}

/// Compare form for case-sensitive checks: folded, whitespace collapsed, hyphens as spaces.
fn cmp_form(s: &str) -> String {
    let f = fold(s).replace('-', " ");
    f.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalized variants of a pattern (hyphen as `-` or ` `), and whether it is a wildcard.
pub fn variants(p: &str) -> (Vec<String>, bool) {
    let t = p.trim();
    let (core, wildcard) = match t.strip_suffix('*') {
        Some(c) => (c, true),
        None => (t, false),
    };
    let n = Normalized::new(core).text;
    let n = n.trim().to_owned();
    let hy: Vec<usize> = n.match_indices('-').map(|(i, _)| i).collect();
    let mut out = Vec::new();
    if hy.is_empty() {
        out.push(n);
    } else if hy.len() <= 4 {
        for mask in 0..(1u32 << hy.len()) {
            let mut b = n.clone().into_bytes();
            for (k, &i) in hy.iter().enumerate() {
                if mask & (1 << k) != 0 {
                    b[i] = b' ';
                }
            }
            out.push(String::from_utf8(b).expect("ascii swap keeps utf-8"));
        }
    } else {
        out.push(n.clone());
        out.push(n.replace('-', " "));
    }
    (out, wildcard)
}

fn build(entries: &[String]) -> Option<AhoCorasick> {
    if entries.is_empty() {
        return None;
    }
    Some(
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            // A full DFA: a few hundred KB for a lexicon of this size, and several times
            // faster per byte than the default NFA on every paragraph of a corpus.
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(entries.iter().map(|s| s.as_bytes()))
            .expect("patterns compile"),
    )
}

#[inline]
fn alnum_before(t: &str, i: usize) -> Option<char> {
    t[..i].chars().next_back()
}

#[inline]
fn left_ok(t: &str, s: usize) -> bool {
    match alnum_before(t, s) {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('\'') => !alnum_before(t, s - 1).is_some_and(|c| c.is_alphanumeric()),
        Some(_) => true,
    }
}

#[inline]
fn right_ok(t: &str, e: usize) -> bool {
    let mut it = t[e..].chars();
    match it.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('\'') => match it.next() {
            Some(c) if c.is_alphanumeric() => {
                // possessive 's (and only that) is allowed after a match
                c == 's' && !it.next().is_some_and(|c| c.is_alphanumeric())
            }
            _ => true,
        },
        Some(_) => true,
    }
}

fn extend_word(t: &str, mut e: usize) -> usize {
    for c in t[e..].chars() {
        if c.is_alphanumeric() {
            e += c.len_utf8();
        } else {
            break;
        }
    }
    e
}

impl Matcher {
    /// Compile a lexicon.
    pub fn new(lex: &Lexicon) -> Matcher {
        let mut entries: Vec<(String, Pat)> = Vec::new();
        let mut unless: Vec<(String, Pat)> = Vec::new();
        for (ti, t) in lex.terms.iter().enumerate() {
            for (list, out) in [(&t.patterns, &mut entries), (&t.unless, &mut unless)] {
                for p in list {
                    let (vars, wildcard) = variants(p);
                    let core = p.trim().trim_end_matches('*');
                    let sensitive = is_sensitive(p, t.case).then(|| cmp_form(core));
                    for v in vars {
                        if v.is_empty() {
                            continue;
                        }
                        out.push((
                            v,
                            Pat {
                                term: ti,
                                wildcard,
                                sensitive: sensitive.clone(),
                            },
                        ));
                    }
                }
            }
        }
        let (strings, pats): (Vec<String>, Vec<Pat>) = entries.into_iter().unzip();
        let (unless_strings, unless_pats): (Vec<String>, Vec<Pat>) = unless.into_iter().unzip();
        Matcher {
            ac: std::sync::OnceLock::new(),
            pats,
            unless_ac: std::sync::OnceLock::new(),
            unless_pats,
            strings,
            unless_strings,
            term_category: lex.terms.iter().map(|t| t.category).collect(),
            n_categories: lex.categories.len(),
        }
    }

    /// The main automaton's patterns and the `unless` automaton's, by pattern index.
    pub fn patterns(&self) -> (&[String], &[String]) {
        (&self.strings, &self.unless_strings)
    }

    /// Raw occurrences `(term, norm_start, norm_end)` passing boundary and case checks, from
    /// an automaton's matches `(pattern, start, end)`.
    fn occurrences(
        found: &[(usize, usize, usize)],
        pats: &[Pat],
        norm: &Normalized,
        orig: &str,
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        let t = norm.text.as_str();
        for &(pi, s, e) in found {
            let pat = &pats[pi];
            let mut e = e;
            if !left_ok(t, s) {
                continue;
            }
            if pat.wildcard {
                e = extend_word(t, e);
            }
            if !right_ok(t, e) {
                continue;
            }
            if let Some(want) = &pat.sensitive {
                let o = &orig[norm.to_orig(s)..norm.to_orig_end(e)];
                let got = cmp_form(o);
                let ok = if pat.wildcard {
                    got.starts_with(want.as_str())
                } else {
                    got == *want
                };
                if !ok {
                    continue;
                }
            }
            out.push((pat.term, s, e));
        }
    }

    /// Find hits in one normalized paragraph; offsets are bytes into `orig` (the paragraph).
    pub fn find(&self, norm: &Normalized, orig: &str, out: &mut Vec<Hit>) {
        let Some(ac) = self.ac.get_or_init(|| build(&self.strings)) else {
            return;
        };
        let found = overlapping_hits(Some(ac), &norm.text);
        let unless = || {
            let uac = self.unless_ac.get_or_init(|| build(&self.unless_strings));
            overlapping_hits(uac.as_ref(), &norm.text).into()
        };
        self.find_among(norm, orig, &found, unless, out);
    }

    /// [`Matcher::find`] given the automata's matches in `norm`'s text, `(pattern, start,
    /// end)` in order of their end: `found` for the main automaton, and `unless` called for
    /// the `unless` automaton's only when there is something to drop.
    pub fn find_among<'u>(
        &self,
        norm: &Normalized,
        orig: &str,
        found: &[(usize, usize, usize)],
        unless: impl FnOnce() -> std::borrow::Cow<'u, [(usize, usize, usize)]>,
        out: &mut Vec<Hit>,
    ) {
        let mut occ = Vec::new();
        Self::occurrences(found, &self.pats, norm, orig, &mut occ);
        if occ.is_empty() {
            return;
        }
        if !self.unless_strings.is_empty() {
            let mut un = Vec::new();
            Self::occurrences(&unless(), &self.unless_pats, norm, orig, &mut un);
            if !un.is_empty() {
                occ.retain(|&(term, s, e)| {
                    !un.iter()
                        .any(|&(ut, us, ue)| ut == term && us <= s && e <= ue)
                });
            }
        }
        // Leftmost-longest within each category.
        let mut cands: Vec<(usize, usize, usize, usize)> = occ
            .into_iter()
            .map(|(term, s, e)| (self.term_category[term], s, e, term))
            .collect();
        cands.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.cmp(&b.1))
                .then(b.2.cmp(&a.2))
                .then(a.3.cmp(&b.3))
        });
        let mut last: Option<(usize, usize)> = None; // (category, end)
        let first_new = out.len();
        for (cat, s, e, term) in cands {
            if let Some((lc, le)) = last {
                if lc == cat && s < le {
                    continue;
                }
            }
            last = Some((cat, e));
            out.push(Hit {
                term,
                category: cat,
                start: norm.to_orig(s),
                end: norm.to_orig_end(e),
            });
        }
        out[first_new..].sort_by_key(|h| (h.start, h.category, h.end));
    }

    /// Find hits in a free-standing text (an example sentence), treated as one paragraph.
    pub fn find_in_text(&self, s: &str) -> Vec<Hit> {
        let norm = Normalized::new(s);
        let mut out = Vec::new();
        self.find(&norm, s, &mut out);
        out
    }

    /// Number of categories.
    pub fn n_categories(&self) -> usize {
        self.n_categories
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{CaseMode, Category, Lexicon, Term};

    fn lex(terms: &[(&str, usize, &[&str], &[&str])]) -> Lexicon {
        let cat = |id: &str| Category {
            id: id.into(),
            label: id.into(),
            description: String::new(),
            side: None,
            sources: vec![],
        };
        Lexicon {
            categories: vec![cat("a"), cat("b")],
            terms: terms
                .iter()
                .map(|(id, c, p, u)| Term {
                    id: (*id).into(),
                    category: *c,
                    patterns: p.iter().map(|s| s.to_string()).collect(),
                    weight: 1.0,
                    case: CaseMode::Smart,
                    unless: u.iter().map(|s| s.to_string()).collect(),
                    note: None,
                    source: None,
                    examples_match: vec![],
                    examples_no_match: vec![],
                    defined_at: ("x".into(), 1),
                })
                .collect(),
            files: vec![],
        }
    }

    fn found(m: &Matcher, s: &str) -> Vec<String> {
        m.find_in_text(s)
            .iter()
            .map(|h| s[h.start..h.end].to_owned())
            .collect()
    }

    #[test]
    fn hyphen_space_wildcard_and_boundaries() {
        let m = Matcher::new(&lex(&[
            ("iran_backed", 0, &["Iran-backed"], &[]),
            ("militia", 0, &["militia*"], &[]),
        ]));
        assert_eq!(
            found(&m, "Iran backed militias and Iran-backed militia's men"),
            vec!["Iran backed", "militias", "Iran-backed", "militia"]
        );
        assert_eq!(
            found(&m, "iran-backed antimilitia"),
            Vec::<String>::new(),
            "smart case and word boundary"
        );
    }

    #[test]
    fn longest_wins_within_category_overlap_across() {
        let m = Matcher::new(&lex(&[
            ("sov", 0, &["sovereignty"], &[]),
            ("viol", 0, &["violation of iraqi sovereignty"], &[]),
            ("other", 1, &["iraqi sovereignty"], &[]),
        ]));
        let hits = m.find_in_text("a violation of Iraqi\n sovereignty here");
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].term, 1);
        assert_eq!(hits[1].term, 2);
    }

    #[test]
    fn unless_phrases_suppress() {
        let m = Matcher::new(&lex(&[(
            "res",
            0,
            &["resistance"],
            &["Islamic Resistance"],
        )]));
        assert_eq!(
            found(&m, "the Islamic Resistance and the resistance"),
            vec!["resistance"]
        );
        assert_eq!(found(&m, "Kata\u{2019}ib"), Vec::<String>::new());
    }
}
