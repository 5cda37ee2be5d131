//! One pass over each paragraph for every word list that is looked for everywhere.
//!
//! Every metric searches the normalized text of every counted paragraph for word lists:
//! loaded terms (and their `unless` phrases), speaker aliases and roles, reporting verbs and
//! "according to" phrases, casualty words and risk phrases. Each list has its own
//! Aho-Corasick automaton, and a metric used alone (in a test, the PolNeAR or GVA evaluation,
//! a `lexicon check` example) still scans with it. A corpus run does better: the patterns of
//! all the lists go into one automaton, each paragraph is scanned once, overlapping, and
//! every match is handed to the list it came from, by pattern index. The automata are large
//! (the loaded terms' alone is about 2 MB), so one walk per list over the same bytes, through
//! tables that do not fit in a core's cache, cost far more than one walk through their union.
//!
//! What each list receives is what its own overlapping scan of the paragraph would give: every
//! occurrence of every one of its patterns, in order of their end, the longest first where
//! several end together. The alias and role lists want leftmost-longest matches among the
//! whole-word ones, not all of them; [`keep_leftmost_longest`] picks those from the overlapping
//! ones exactly as a leftmost-longest search would. `tests/scan.rs` checks the whole
//! pipeline's output both ways on the bundled corpus.
//!
//! The walk itself is bound by memory, not by instructions: its tables (about 5 MB) do not
//! fit in a core's cache, and each byte's step waits for the load of the step before. So a
//! document's counted paragraphs are cut into four runs of about equal bytes, and the four
//! runs are walked in lock step (`walk_lanes`): four independent chains of loads let the
//! processor wait for four cache misses at once. Each lane reports what aho-corasick's own
//! overlapping search reports for each paragraph, in the same order (a unit test holds it to
//! that search).

use super::casualties::CasualtyLexicon;
use super::sources::{GroupsLexicon, SpeechLexicon};
use super::Matcher;
use crate::text::{Document, NormView};
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

/// The word lists a [`Scanner`] looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Loaded-term patterns ([`Matcher`]'s main automaton).
    Loaded = 0,
    /// Their `unless` phrases.
    Unless = 1,
    /// Speaker aliases ([`GroupsLexicon::aliases`]).
    Aliases = 2,
    /// Speaker roles ([`GroupsLexicon::roles`]).
    Roles = 3,
    /// Reporting-verb forms ([`SpeechLexicon::verbs`]).
    Verbs = 4,
    /// "according to" phrases ([`SpeechLexicon::cues`]).
    According = 5,
    /// Casualty harm words ([`CasualtyLexicon::harm`]), only to know whether a paragraph
    /// holds any.
    Harm = 6,
    /// Casualty risk phrases ([`CasualtyLexicon::risk`]).
    Risk = 7,
}

const LISTS: usize = 8;

/// Every list's patterns in one automaton.
#[derive(Debug, Clone)]
pub struct Scanner {
    /// The union; `None` when it cannot stand in for the lists' own searches: a list holds
    /// an empty pattern (it matches at every position, and the searches treat such matches by
    /// rules of their own), or the union did not compile.
    dfa: Option<DFA>,
    /// For each pattern of the automaton: its list and its index in that list.
    owner: Vec<(u8, u32)>,
}

/// A match `(pattern in its list, start, end)`, byte offsets into a paragraph's normalized text.
pub type Found = (usize, usize, usize);

/// One document's matches: for each list, the matches of every counted paragraph.
#[derive(Debug, Default)]
pub struct Scanned {
    found: [Vec<Found>; LISTS],
    /// For each list, where each paragraph's matches begin in `found` (one more entry than
    /// there are paragraphs).
    starts: [Vec<usize>; LISTS],
}

impl Scanner {
    /// One automaton for the loaded terms, the speaker and speech lists and the casualty
    /// lists. Pattern indexes are the ones each list's own automaton uses.
    pub fn new(
        m: &Matcher,
        groups: &GroupsLexicon,
        speech: &SpeechLexicon,
        casualties: &CasualtyLexicon,
    ) -> Scanner {
        let (loaded, unless) = m.patterns();
        let lists: [Vec<&str>; LISTS] = [
            loaded.iter().map(String::as_str).collect(),
            unless.iter().map(String::as_str).collect(),
            groups.aliases.iter().map(|(a, _)| a.as_str()).collect(),
            groups.roles.iter().map(|(r, _)| r.as_str()).collect(),
            speech.verb_forms().collect(),
            speech
                .cues
                .according_to
                .iter()
                .map(String::as_str)
                .collect(),
            casualties.harm.keys().map(String::as_str).collect(),
            casualties.risk.iter().map(String::as_str).collect(),
        ];
        let mut pats = Vec::new();
        let mut owner = Vec::new();
        for (li, list) in lists.iter().enumerate() {
            for (pi, p) in list.iter().enumerate() {
                pats.push(*p);
                owner.push((li as u8, pi as u32));
            }
        }
        // An empty pattern, or a union that does not compile, leaves the lists to their own
        // searches.
        let dfa = if pats.iter().any(|p| p.is_empty()) {
            None
        } else {
            DFA::builder()
                .match_kind(MatchKind::Standard)
                .build(&pats)
                .ok()
        };
        Scanner { dfa, owner }
    }

    /// Scan every counted paragraph of `doc` once; `None` when the shared scan cannot be
    /// used (see [`Scanner`]), and each metric must search with its own automata.
    pub fn scan(&self, doc: &Document) -> Option<Scanned> {
        let dfa = self.dfa.as_ref()?;
        let counted: Vec<usize> = (0..doc.paragraphs.len())
            .filter(|&i| doc.paragraphs[i].zone.counted())
            .collect();
        let texts: Vec<&[u8]> = counted
            .iter()
            .map(|&i| doc.norms[i].text.as_bytes())
            .collect();
        // Four lanes, each a run of consecutive counted paragraphs holding about a quarter of
        // the bytes: the lanes then run side by side for four bytes in five. (Four paragraphs
        // at a time, one per lane, ran side by side for two bytes in five: each lane waited
        // out the longest of the four; on 5,000 articles the scan took 200-230 ms, not 121.)
        let total: usize = texts.iter().map(|t| t.len()).sum();
        let mut cut = [0usize; LANES + 1];
        let mut run = 0;
        let mut j = 0;
        for (g, c) in cut.iter_mut().enumerate().skip(1) {
            while j < texts.len() && run * LANES < g * total {
                run += texts[j].len();
                j += 1;
            }
            *c = if g == LANES { texts.len() } else { j };
        }
        let groups: [&[&[u8]]; LANES] = std::array::from_fn(|g| &texts[cut[g]..cut[g + 1]]);
        let mut lanes: [Vec<Raw>; LANES] = Default::default();
        let mut starts: [Vec<usize>; LANES] = Default::default();
        walk_lanes(dfa, groups, &mut lanes, &mut starts);
        let mut out = Scanned::default();
        // The next paragraph whose matches are not in `out` yet; the lanes' paragraphs follow
        // one another, lane by lane.
        let mut next = 0;
        for g in 0..LANES {
            for (k, &pi) in counted[cut[g]..cut[g + 1]].iter().enumerate() {
                out.open_until(pi + 1, &mut next);
                let to = starts[g].get(k + 1).copied().unwrap_or(lanes[g].len());
                for &(pid, start, end) in &lanes[g][starts[g][k]..to] {
                    let (li, pat) = self.owner[pid as usize];
                    out.found[li as usize].push((pat as usize, start as usize, end as usize));
                }
            }
        }
        // The paragraphs after the last counted one, and the end of the last.
        out.open_until(doc.paragraphs.len() + 1, &mut next);
        Some(out)
    }
}

/// Lanes walked side by side (on 5,000 AllSides articles the scan took 121 ms with four,
/// 126 ms with six, 151 ms with eight).
const LANES: usize = 4;

/// A raw match of the union: (pattern, start, end), offsets into one paragraph's text.
type Raw = (u32, u32, u32);

/// Walk `K` lanes through the unanchored DFA in lock step. Lane `l` walks the texts
/// `lanes[l]` one after another, each from the start state, and appends each one's matches
/// to `outs[l]`: every occurrence of every pattern, in order of their end, and where several
/// end together in the order the state lists them (the longest first), as aho-corasick's
/// overlapping search gives them. `starts[l]` gets where each text's matches begin in
/// `outs[l]`. Texts are paragraphs, far shorter than 4 GB.
// One index steps every lane: the loops over `0..common` and `0..K` are the lock step.
#[allow(clippy::needless_range_loop)]
fn walk_lanes<const K: usize>(
    dfa: &DFA,
    lanes: [&[&[u8]]; K],
    outs: &mut [Vec<Raw>; K],
    starts: &mut [Vec<usize>; K],
) {
    #[inline(always)]
    fn report(dfa: &DFA, sid: StateID, end: usize, out: &mut Vec<Raw>) {
        for i in 0..dfa.match_len(sid) {
            let pid = dfa.match_pattern(sid, i);
            out.push((
                pid.as_u32(),
                (end - dfa.pattern_len(pid)) as u32,
                end as u32,
            ));
        }
    }
    let start = dfa
        .start_state(Anchored::No)
        .expect("the DFA is built for unanchored searches");
    // Lane `l` is at byte `pos[l]` of its text `ti[l]` (it has walked them all when that is
    // `lanes[l].len()`), in state `sid[l]`.
    let mut ti = [0usize; K];
    let mut pos = [0usize; K];
    let mut sid = [start; K];
    // Say where the lane's texts from `*ti` on begin in its matches (`found` so far), up to
    // the first with bytes to walk.
    fn open(texts: &[&[u8]], ti: &mut usize, found: usize, starts: &mut Vec<usize>) {
        while *ti < texts.len() {
            starts.push(found);
            if !texts[*ti].is_empty() {
                return;
            }
            *ti += 1;
        }
    }
    for l in 0..K {
        open(lanes[l], &mut ti[l], 0, &mut starts[l]);
    }
    // Side by side while every lane has bytes left, as far as the nearest end of a text.
    while (0..K).all(|l| ti[l] < lanes[l].len()) {
        let texts: [&[u8]; K] = std::array::from_fn(|l| &lanes[l][ti[l]][pos[l]..]);
        let common = texts.iter().map(|t| t.len()).min().unwrap_or(0);
        for i in 0..common {
            for l in 0..K {
                sid[l] = dfa.next_state(Anchored::No, sid[l], texts[l][i]);
            }
            for l in 0..K {
                if dfa.is_match(sid[l]) {
                    report(dfa, sid[l], pos[l] + i + 1, &mut outs[l]);
                }
            }
        }
        for l in 0..K {
            pos[l] += common;
            if pos[l] == lanes[l][ti[l]].len() {
                (ti[l], pos[l], sid[l]) = (ti[l] + 1, 0, start);
                open(lanes[l], &mut ti[l], outs[l].len(), &mut starts[l]);
            }
        }
    }
    // What is left of the other lanes, one at a time.
    for l in 0..K {
        while ti[l] < lanes[l].len() {
            let mut s = sid[l];
            for (i, &b) in lanes[l][ti[l]].iter().enumerate().skip(pos[l]) {
                s = dfa.next_state(Anchored::No, s, b);
                if dfa.is_match(s) {
                    report(dfa, s, i + 1, &mut outs[l]);
                }
            }
            (ti[l], pos[l], sid[l]) = (ti[l] + 1, 0, start);
            open(lanes[l], &mut ti[l], outs[l].len(), &mut starts[l]);
        }
    }
}

impl Scanned {
    /// Start every paragraph from `*next` up to (not including) `upto` at the matches found
    /// so far: their matches, if any, come next.
    fn open_until(&mut self, upto: usize, next: &mut usize) {
        for _ in *next..upto {
            for (s, f) in self.starts.iter_mut().zip(&self.found) {
                s.push(f.len());
            }
        }
        *next = (*next).max(upto);
    }

    /// The matches of `list` in paragraph `pi` (none for a paragraph that is not counted).
    pub fn get(&self, list: List, pi: usize) -> &[Found] {
        let (f, s) = (&self.found[list as usize], &self.starts[list as usize]);
        match (s.get(pi), s.get(pi + 1)) {
            (Some(&a), Some(&b)) => &f[a..b],
            _ => &[],
        }
    }

    /// The matches of `list` inside `view`, a window on paragraph `pi`'s normalized text (a
    /// sentence's view), with offsets relative to the view: what an overlapping scan of the
    /// view's text finds. `None` when the view is not a window on that paragraph, and must be
    /// searched by itself.
    pub fn in_view<'s>(
        &'s self,
        list: List,
        doc: &Document,
        pi: usize,
        view: &NormView,
    ) -> Option<impl Iterator<Item = Found> + 's> {
        let from = view.offset_in(doc.norms.get(pi)?)?;
        Some(hits_within(
            self.get(list, pi),
            from,
            from + view.text().len(),
        ))
    }
}

/// The hits of an overlapping scan of a text (in order of their end) that lie wholly inside its window `[from,
/// to)`, as `(pattern, start, end)` relative to `from`: what an overlapping scan of the window
/// alone finds, in the same order (the matches ending at one place come longest first either
/// way, and a window only loses those that start before it).
fn hits_within(
    hits: &[(usize, usize, usize)],
    from: usize,
    to: usize,
) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    // An empty match at `from` belongs to the window; a longer one ending there does not
    // (it starts before `from`).
    let a = hits.partition_point(|h| h.2 < from);
    let b = hits.partition_point(|h| h.2 <= to);
    hits[a.min(b)..b]
        .iter()
        .filter(move |h| h.1 >= from)
        .map(move |&(p, s, e)| (p, s - from, e - from))
}

/// Keep, in order, the matches a leftmost-longest search finds, from all the overlapping ones
/// in `found` (in any order): from the left, the longest match that starts first (the lowest
/// pattern index among equals), then the same again from its end.
pub fn keep_leftmost_longest(found: &mut Vec<Found>) {
    found.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    let mut at = 0;
    found.retain(|m| {
        let keep = m.1 >= at;
        if keep {
            at = m.2;
        }
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasickBuilder;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        // Four lanes of texts of different lengths (and numbers, none or empty ones among
        // them) walked in lock step, and each lane alone, find exactly what aho-corasick's
        // overlapping search finds in each text, in the same order, and say where each text's
        // matches begin: patterns that share starts and ends, nest, repeat (the same pattern
        // twice) and overlap.
        #[test]
        fn lanes_find_what_the_overlapping_search_finds(
            lanes in prop::collection::vec(
                prop::collection::vec(
                    prop::collection::vec(prop::sample::select(vec![
                        "a", "b", "c", "ab", "bc", "abc", " ", "d", "cab", "\u{e9}",
                    ]), 0..30).prop_map(|p| p.concat()),
                    0..5,
                ),
                4,
            )
        ) {
            let pats = ["ab", "abc", "bc", "c", "b", "ab", "cab c", "a b", "\u{e9}a", "abcab"];
            let ac = AhoCorasickBuilder::new().build(pats).unwrap();
            let dfa = DFA::builder().match_kind(MatchKind::Standard).build(pats).unwrap();
            // Each lane's matches, text after text, and where each text's begin.
            let want: Vec<(Vec<Raw>, Vec<usize>)> = lanes
                .iter()
                .map(|texts| {
                    let mut all = Vec::new();
                    let mut starts = Vec::new();
                    for t in texts {
                        starts.push(all.len());
                        all.extend(ac.find_overlapping_iter(t.as_str()).map(|m| {
                            (m.pattern().as_u32(), m.start() as u32, m.end() as u32)
                        }));
                    }
                    (all, starts)
                })
                .collect();
            let bytes: Vec<Vec<&[u8]>> = lanes
                .iter()
                .map(|texts| texts.iter().map(|t| t.as_bytes()).collect())
                .collect();
            let mut outs: [Vec<Raw>; 4] = Default::default();
            let mut starts: [Vec<usize>; 4] = Default::default();
            walk_lanes(&dfa, std::array::from_fn(|i| &bytes[i][..]), &mut outs, &mut starts);
            for l in 0..4 {
                prop_assert_eq!(&outs[l], &want[l].0);
                prop_assert_eq!(&starts[l], &want[l].1);
            }
            for (b, w) in bytes.iter().zip(&want) {
                let mut one: [Vec<Raw>; 1] = Default::default();
                let mut st: [Vec<usize>; 1] = Default::default();
                walk_lanes(&dfa, [&b[..]], &mut one, &mut st);
                prop_assert_eq!(&one[0], &w.0);
                prop_assert_eq!(&st[0], &w.1);
            }
        }
    }

    /// A window keeps what lies wholly inside it, an empty match at its start included, and
    /// drops a match that ends where it starts.
    #[test]
    fn hits_within_keeps_what_lies_inside_the_window() {
        let hits = [(0, 1, 5), (1, 5, 5), (2, 5, 8), (3, 6, 10), (4, 9, 12)];
        let got: Vec<_> = hits_within(&hits, 5, 10).collect();
        assert_eq!(got, [(1, 0, 0), (2, 0, 3), (3, 1, 5)]);
    }

    /// The rule above against the search it stands in for, on text built to trip it:
    /// patterns that share starts, nest, overlap and repeat.
    #[test]
    fn leftmost_longest_agrees_with_the_search() {
        let pats = ["ab", "abc", "bcd", "c", "cd", "d", "abcde", "e", "bc", "ab"];
        let texts = [
            "abcd abcde xabcdx",
            "bcd cd c d e abc",
            "",
            "aaaa abab abcabc",
            "zzz",
        ];
        let all = AhoCorasickBuilder::new().build(pats).unwrap();
        let ll = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .unwrap();
        for t in texts {
            let found: Vec<Found> = all
                .find_overlapping_iter(t)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let want: Vec<Found> = ll
                .find_iter(t)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let mut kept = found.clone();
            keep_leftmost_longest(&mut kept);
            assert_eq!(kept, want, "{t:?}");
        }
    }
}
