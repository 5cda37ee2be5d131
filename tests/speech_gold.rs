//! Reported speech (speech.csv) on the seed corpus against `tests/gold/speech.toml`: every
//! stretch of indirect speech a reader marked in the five articles, with its cue, speaker and
//! group, written by reading them (see the file's header for the rules).
//!
//! Each program row *meets* the gold span it overlaps most, in characters. The scores:
//! - recall: gold spans (not marked doubtful) met by some row;
//! - precision: rows that meet some gold span (a doubtful one counts): a row that overlaps
//!   none is not reported speech by the reader's rules (an act, a subject, a quotation
//!   repeated);
//! - start and end: of the met pairs, how many rows begin at the gold start (a leading "that"
//!   either way) and end at the gold end (a final period either way);
//! - group: of the met pairs, how many give the speaker the gold group.
//!
//! When the gold was written (session 8) the program found 46 of the 60 spans not marked
//! doubtful, 50 of its 53 rows met one, and of those 72% started and 82% ended right and 80%
//! had the right group. The floors sit just under what it reaches now (54 of 60; 58 of 59;
//! 93%, 90%, 88%), to keep what works from getting worse; the misses
//! printed with `--nocapture` are the list of what is still wrong.

mod common;

use common::clip;
use serde::Deserialize;
use slant::pipeline::{self, Context};
use slant::text::Document;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Gold {
    speech: Vec<GoldSpeech>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct GoldSpeech {
    article: String,
    starts: String,
    ends: String,
    cue: String,
    speaker: String,
    group: String,
    note: Option<String>,
    #[serde(default)]
    doubtful: bool,
}

/// A gold span located in the article: character offsets, as speech.csv gives them.
struct Span<'g> {
    gold: &'g GoldSpeech,
    start: usize,
    end: usize,
}

/// Scores of the program against the gold, with a line for each miss.
struct Score {
    gold: usize,
    recalled: usize,
    rows: usize,
    precise: usize,
    met: usize,
    start_ok: usize,
    end_ok: usize,
    group_ok: usize,
    misses: Vec<String>,
}

fn chars(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

/// Where `g` lies in `text`: its `starts` (which the gold keeps unique) and the first `ends`
/// at or after it.
fn locate<'g>(text: &str, g: &'g GoldSpeech) -> Span<'g> {
    let s = text
        .find(&g.starts)
        .unwrap_or_else(|| panic!("{}: gold start not in the text: {}", g.article, g.starts));
    assert!(
        text[s + g.starts.len()..].find(&g.starts).is_none(),
        "{}: gold start is not unique: {}",
        g.article,
        g.starts
    );
    let e = text[s..]
        .find(&g.ends)
        .map(|k| s + k + g.ends.len())
        .unwrap_or_else(|| panic!("{}: gold end not after its start: {}", g.article, g.ends));
    Span {
        gold: g,
        start: chars(text, s),
        end: chars(text, e),
    }
}

/// The text between two character offsets.
fn slice(text: &str, a: usize, b: usize) -> String {
    text.chars().skip(a).take(b.saturating_sub(a)).collect()
}

fn score() -> Score {
    let (articles, _) = slant::corpus::read_all(&common::seed_corpus());
    let ctx = Context::load(&common::crate_root().join("lexicons"), None).expect("lexicons");
    let gold: Gold = toml::from_str(
        &std::fs::read_to_string(common::crate_root().join("tests/gold/speech.toml")).unwrap(),
    )
    .expect("tests/gold/speech.toml");
    let ids = slant::report::tables::group_ids(&ctx);
    let mut sc = Score {
        gold: 0,
        recalled: 0,
        rows: 0,
        precise: 0,
        met: 0,
        start_ok: 0,
        end_ok: 0,
        group_ok: 0,
        misses: Vec::new(),
    };
    for art in &articles {
        let doc = Document::build(art, &ctx.layout);
        let text = doc.text();
        let an = pipeline::analyse(&doc, &ctx);
        let spans: Vec<Span> = gold
            .speech
            .iter()
            .filter(|g| g.article == art.id)
            .map(|g| locate(text, g))
            .collect();
        assert!(!spans.is_empty(), "no gold speech for {}", art.id);
        // Each row goes to the gold span it overlaps most (the first of equals), so that a
        // row running on into the next speaker's words does not also count as finding that
        // speaker's span (a new-user trial found three such in session 8).
        let overlap = |r: &pipeline::ReportedRow, g: &Span| {
            r.char_end
                .min(g.end)
                .saturating_sub(r.char_start.max(g.start))
        };
        let assigned: Vec<Option<usize>> = an
            .reported
            .iter()
            .map(|r| {
                (0..spans.len())
                    .filter(|&k| overlap(r, &spans[k]) > 0)
                    .max_by_key(|&k| (overlap(r, &spans[k]), std::cmp::Reverse(k)))
            })
            .collect();
        for (k, g) in spans.iter().enumerate() {
            if g.gold.doubtful {
                continue;
            }
            sc.gold += 1;
            if assigned.contains(&Some(k)) {
                sc.recalled += 1;
            } else {
                sc.misses.push(format!(
                    "{} missed: {} `{}`",
                    art.id,
                    g.gold.cue,
                    clip(&slice(text, g.start, g.end), 60)
                ));
            }
        }
        for (r, k) in an.reported.iter().zip(&assigned) {
            sc.rows += 1;
            let Some(g) = k.map(|k| &spans[k]) else {
                sc.misses.push(format!(
                    "{} not speech: {} `{}`",
                    art.id,
                    r.cue,
                    clip(&r.text, 60)
                ));
                continue;
            };
            sc.precise += 1;
            sc.met += 1;
            let got = slice(text, r.char_start, r.char_end);
            let want = slice(text, g.start, g.end);
            // Either way: a leading "that", an opening quote mark, the final period and
            // closing quote marks.
            let bare = |s: &str| {
                let s = s.trim();
                let s = s.strip_prefix("that ").unwrap_or(s);
                let s = s.trim_start_matches(['"', '\u{201C}', '\u{2018}']);
                s.trim_end_matches(['.', ',', '"', '\u{201D}', '\u{2019}', '\''])
                    .to_owned()
            };
            let (got_b, want_b) = (bare(&got), bare(&want));
            // A right start or end counts; a wrong one is listed as `what: got for wanted`.
            let mut tally = |ok: bool, count: &mut usize, what: &str, got: String, want: String| {
                if ok {
                    *count += 1;
                } else {
                    sc.misses
                        .push(format!("{} {what}: `{got}` for `{want}`", art.id));
                }
            };
            let head = |s: &str| s.chars().take(12).collect::<String>();
            let tail = |s: &str| {
                let t: Vec<char> = s.chars().rev().take(12).collect();
                t.into_iter().rev().collect::<String>()
            };
            tally(
                head(&got_b) == head(&want_b),
                &mut sc.start_ok,
                "start",
                clip(&got_b, 40),
                clip(&want_b, 40),
            );
            tally(
                tail(&got_b) == tail(&want_b),
                &mut sc.end_ok,
                "end",
                format!("…{}", tail(&got_b)),
                format!("…{}", tail(&want_b)),
            );
            let group = ids[r.group.unwrap_or(ids.len() - 1)].as_str();
            if group == g.gold.group {
                sc.group_ok += 1;
            } else {
                sc.misses.push(format!(
                    "{} group: {} ({:?}) for {} ({}) `{}`",
                    art.id,
                    group,
                    r.speaker,
                    g.gold.group,
                    g.gold.speaker,
                    clip(&want, 30)
                ));
            }
        }
    }
    sc
}

#[test]
fn seed_reported_speech_against_the_gold() {
    let sc = score();
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    eprintln!(
        "seed reported speech: recall {}/{} ({:.0}%), precision {}/{} ({:.0}%), of {} met: start {} ({:.0}%), end {} ({:.0}%), group {} ({:.0}%)",
        sc.recalled,
        sc.gold,
        pct(sc.recalled, sc.gold),
        sc.precise,
        sc.rows,
        pct(sc.precise, sc.rows),
        sc.met,
        sc.start_ok,
        pct(sc.start_ok, sc.met),
        sc.end_ok,
        pct(sc.end_ok, sc.met),
        sc.group_ok,
        pct(sc.group_ok, sc.met)
    );
    for m in &sc.misses {
        eprintln!("  {m}");
    }
    let floor = |name: &str, a: usize, b: usize, min: f64| {
        assert!(
            a as f64 >= min * b as f64,
            "{name} {a}/{b} under {:.0}%",
            100.0 * min
        )
    };
    floor("recall", sc.recalled, sc.gold, 0.88);
    floor("precision", sc.precise, sc.rows, 0.95);
    floor("start", sc.start_ok, sc.met, 0.90);
    floor("end", sc.end_ok, sc.met, 0.85);
    floor("group", sc.group_ok, sc.met, 0.93);
}
