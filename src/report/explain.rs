//! What `slant explain` shows, rendered to a string (the library never prints).
//!
//! Two views:
//!
//! - [`render_article`]: an article as the analysis saw it. Every line with its zone; loaded-term
//!   hits in their category's colour (`[brackets]` without colour) with the term, category and
//!   voice listed under the line; quotations in italics followed by `[speaker · group]`;
//!   casualty harm words underlined (`_underscores_` without colour) with their harm class and
//!   victim group listed under the line; each stretch of reported speech listed under the line
//!   where it starts, with its cue, speaker, group and words; dropped lines (byline, boilerplate) dimmed with the
//!   layout rule that dropped them; and a legend.
//! - [`render_term`]: one lexicon term: its category, weight, case mode, patterns and the
//!   variants the automaton really searches ([`crate::lexicon::matcher::variants`]), its
//!   `unless` phrases, its examples with PASS or FAIL, and every hit of it in a corpus
//!   ([`term_hits`]).
//!
//! Colour is ANSI SGR codes, on or off as a whole: [`color_enabled`] decides, from the user's
//! choice, whether standard output is a terminal and the `NO_COLOR` convention.

use crate::lexicon::{is_sensitive, matcher::variants, CaseMode};
use crate::metrics::loaded::Voice;
use crate::pipeline::{Analysis, Context};
use crate::text::{Document, QuoteKind, Zone};
use std::collections::BTreeMap;

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour (even with `NO_COLOR`).
    Always,
    /// Never colour.
    Never,
}

/// Whether to colour: `Always` always, `Never` never, `Auto` only on a terminal and when the
/// `NO_COLOR` environment variable is unset or empty (<https://no-color.org>).
pub fn color_enabled(choice: ColorChoice, is_terminal: bool, no_color: Option<&str>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

/// A text style: ANSI foreground colour and attributes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// SGR foreground colour code (31-37, 90-97).
    pub fg: Option<u8>,
    /// Bold.
    pub bold: bool,
    /// Dim.
    pub dim: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
}

impl Style {
    const PLAIN: Style = Style {
        fg: None,
        bold: false,
        dim: false,
        italic: false,
        underline: false,
    };

    fn dim() -> Style {
        Style {
            dim: true,
            ..Style::PLAIN
        }
    }

    fn bold() -> Style {
        Style {
            bold: true,
            ..Style::PLAIN
        }
    }

    fn fg(c: u8) -> Style {
        Style {
            fg: Some(c),
            ..Style::PLAIN
        }
    }

    fn sgr(&self) -> String {
        let mut codes: Vec<String> = Vec::new();
        if self.bold {
            codes.push("1".into());
        }
        if self.dim {
            codes.push("2".into());
        }
        if self.italic {
            codes.push("3".into());
        }
        if self.underline {
            codes.push("4".into());
        }
        if let Some(c) = self.fg {
            codes.push(c.to_string());
        }
        format!("\x1b[{}m", codes.join(";"))
    }
}

/// Colours given to categories, in lexicon order (cycled when there are more categories).
pub const PALETTE: [u8; 12] = [31, 33, 32, 35, 34, 36, 91, 92, 93, 95, 94, 96];

/// The colour code of category `i`.
pub fn category_color(i: usize) -> u8 {
    PALETTE[i % PALETTE.len()]
}

/// Builds styled text; with colour off, styles are dropped and only the text remains.
pub struct Painter {
    color: bool,
    out: String,
    cur: Style,
}

impl Painter {
    /// A painter with colour on or off.
    pub fn new(color: bool) -> Painter {
        Painter {
            color,
            out: String::new(),
            cur: Style::PLAIN,
        }
    }

    /// Is colour on?
    pub fn color(&self) -> bool {
        self.color
    }

    /// Append text in a style.
    pub fn push(&mut self, s: &str, st: Style) {
        if s.is_empty() {
            return;
        }
        if self.color && st != self.cur {
            if self.cur != Style::PLAIN {
                self.out.push_str("\x1b[0m");
            }
            if st != Style::PLAIN {
                self.out.push_str(&st.sgr());
            }
            self.cur = st;
        }
        self.out.push_str(s);
    }

    /// Append unstyled text.
    pub fn plain(&mut self, s: &str) {
        self.push(s, Style::PLAIN);
    }

    /// End the line (styles never run over a line end).
    pub fn nl(&mut self) {
        self.reset();
        self.out.push('\n');
    }

    fn reset(&mut self) {
        if self.color && self.cur != Style::PLAIN {
            self.out.push_str("\x1b[0m");
        }
        self.cur = Style::PLAIN;
    }

    /// The text.
    pub fn finish(mut self) -> String {
        self.reset();
        self.out
    }
}

/// Names close to `query` among `candidates`, best first (at most five): the same apart from
/// case, one containing the other, or a few edits apart.
pub fn close_matches<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let q = query.to_lowercase();
    let limit = (q.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, String)> = candidates
        .into_iter()
        .filter_map(|c| {
            let l = c.to_lowercase();
            let score = if l == q {
                0
            } else if l.contains(&q) || (q.contains(&l) && l.chars().count() >= 3) {
                1
            } else {
                let d = crate::diag::levenshtein(&q, &l);
                if d > limit {
                    return None;
                }
                1 + d
            };
            Some((score, c.to_owned()))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(5).map(|(_, c)| c).collect()
}

const GUTTER: usize = 11;

fn gutter(p: &mut Painter, label: &str) {
    p.push(&format!("{label:>GUTTER$} │ "), Style::dim());
}

/// A group of overlapping hits, drawn as one span in the colour of its first category.
struct Cluster {
    start: usize,
    end: usize,
    category: usize,
    hits: Vec<usize>,
}

fn clusters(a: &Analysis) -> Vec<Cluster> {
    let mut order: Vec<usize> = (0..a.hits.len()).collect();
    order.sort_by_key(|&i| (a.hits[i].char_start, a.hits[i].char_end));
    let mut out: Vec<Cluster> = Vec::new();
    for i in order {
        let h = &a.hits[i];
        match out.last_mut() {
            Some(c) if h.char_start < c.end => {
                c.end = c.end.max(h.char_end);
                c.category = c.category.min(h.category);
                c.hits.push(i);
            }
            _ => out.push(Cluster {
                start: h.char_start,
                end: h.char_end,
                category: h.category,
                hits: vec![i],
            }),
        }
    }
    out
}

/// Speaker label of a quotation: `[speaker · group]`.
fn quote_label(q: &crate::pipeline::QuoteRow, group_ids: &[String]) -> String {
    if q.kind == QuoteKind::Scare {
        return "[scare quote]".into();
    }
    let who = q.who();
    match (who, q.group) {
        (Some(w), Some(g)) => format!("[{w} · {}]", group_ids[g]),
        (Some(w), None) => format!("[{w} · unattributed]"),
        (None, Some(g)) => format!("[{}]", group_ids[g]),
        (None, None) => "[unattributed]".into(),
    }
}

/// Speaker of a reported-speech row: `speaker (group)`.
fn reported_label(r: &crate::pipeline::ReportedRow, group_ids: &[String]) -> String {
    let g = r.group.map_or("unattributed", |g| group_ids[g].as_str());
    match r.who() {
        Some(w) => format!("{w} ({g})"),
        None => g.to_owned(),
    }
}

/// `s` cut to at most `n` characters by dropping its middle: the start and the end of a
/// span say where it runs.
fn clip_middle(s: &str, n: usize) -> String {
    let len = s.chars().count();
    if len <= n {
        return s.to_owned();
    }
    // Head and tail with " … " between them: n characters in all.
    let head: String = s.chars().take(n * 2 / 3).collect();
    let tail: String = s.chars().skip(len - (n - n * 2 / 3 - 3)).collect();
    format!("{} … {}", head.trim_end(), tail.trim_start())
}

/// Render an article's analysis: `text` is the article text the analysis was made from.
pub fn render_article(text: &str, a: &Analysis, ctx: &Context, color: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let lex = &ctx.lexicon;
    let group_ids = super::tables::group_ids(ctx);
    let s = &a.summary;
    let mut p = Painter::new(color);

    // Header.
    let mut head = s.id.clone();
    if !s.outlet.is_empty() {
        head.push_str(&format!(" · {}", s.outlet));
    }
    if let Some(d) = &s.date {
        head.push_str(&format!(" · {d}"));
    }
    p.push(&head, Style::bold());
    p.nl();
    match &s.title {
        Some(t) => p.plain(t),
        None => p.push("(no title)", Style::dim()),
    }
    p.nl();
    let harm = a.casualties.iter().filter(|c| c.m.harm.is_harm()).count();
    p.push(
        &format!(
            "{} words · {} loaded-term hit(s) · {} quotation(s) · {} reported-speech span(s) · {} casualty mention(s) · {} line(s) dropped",
            s.words,
            a.hits.len(),
            a.quotes.len(),
            a.reported.len(),
            harm,
            s.dropped
        ),
        Style::dim(),
    );
    p.nl();
    p.nl();

    // Events at character positions.
    let cl = clusters(a);
    let mut opens: BTreeMap<usize, Vec<(String, Style)>> = BTreeMap::new();
    let mut closes: BTreeMap<usize, Vec<(String, Style)>> = BTreeMap::new();
    if !color {
        for c in &cl {
            opens
                .entry(c.start)
                .or_default()
                .push(("[".into(), Style::PLAIN));
            closes
                .entry(c.end)
                .or_default()
                .push(("]".into(), Style::PLAIN));
        }
        for c in &a.casualties {
            opens
                .entry(c.char_start)
                .or_default()
                .push(("_".into(), Style::PLAIN));
            closes
                .entry(c.char_end)
                .or_default()
                .insert(0, ("_".into(), Style::PLAIN));
        }
    }
    for q in &a.quotes {
        let st = Style {
            dim: true,
            italic: true,
            ..Style::PLAIN
        };
        closes
            .entry(q.char_end)
            .or_default()
            .push((format!(" {}", quote_label(q, &group_ids)), st));
    }

    // The style of every character.
    let mut styles = vec![Style::PLAIN; chars.len()];
    let clamp = |a: usize, b: usize| (a.min(chars.len()), b.min(chars.len()));
    for q in &a.quotes {
        let (x, y) = clamp(q.char_start, q.char_end);
        for st in &mut styles[x..y] {
            st.italic = true;
        }
    }
    for c in &cl {
        let (x, y) = clamp(c.start, c.end);
        for st in &mut styles[x..y] {
            st.fg = Some(category_color(c.category));
            st.bold = true;
        }
    }
    for c in &a.casualties {
        let (x, y) = clamp(c.char_start, c.char_end);
        for st in &mut styles[x..y] {
            st.underline = true;
        }
    }

    for l in &s.lines {
        let (cs, ce) = (l.char_start.min(chars.len()), l.char_end.min(chars.len()));
        if !l.zone.counted() {
            gutter(&mut p, "dropped");
            let line: String = chars[cs..ce].iter().collect();
            p.push(&line, Style::dim());
            p.push(
                &format!("  [{} · rule {}]", l.zone.as_str(), l.rule),
                Style::dim(),
            );
            p.nl();
            continue;
        }
        gutter(&mut p, l.zone.as_str());
        for i in cs..=ce {
            if let Some(v) = closes.get(&i) {
                for (t, st) in v {
                    p.push(t, *st);
                }
            }
            if i == ce {
                break;
            }
            if let Some(v) = opens.get(&i) {
                for (t, st) in v {
                    p.push(t, *st);
                }
            }
            let mut buf = [0u8; 4];
            p.push(chars[i].encode_utf8(&mut buf), styles[i]);
        }
        p.nl();
        // Notes: the hits and casualty mentions that start on this line.
        for c in cl.iter().filter(|c| cs <= c.start && c.start < ce) {
            for &hi in &c.hits {
                let h = &a.hits[hi];
                gutter(&mut p, "");
                p.push("  ↳ ", Style::dim());
                p.push(&lex.terms[h.term].id, Style::fg(category_color(h.category)));
                p.push(
                    &format!(
                        " ({}, {}) \"{}\"",
                        lex.categories[h.category].id,
                        h.voice.as_str(),
                        h.matched.replace('\n', " ")
                    ),
                    Style::dim(),
                );
                p.nl();
            }
        }
        for c in a
            .casualties
            .iter()
            .filter(|c| cs <= c.char_start && c.char_start < ce)
        {
            let m = &c.m;
            gutter(&mut p, "");
            p.push("  ↳ ", Style::dim());
            p.push(
                &format!("casualty: {}", m.harm.as_str()),
                Style {
                    underline: true,
                    ..Style::PLAIN
                },
            );
            let mut note = format!(
                " \"{}\" · victim group {}",
                m.trigger,
                ctx.casualties
                    .groups
                    .get(m.group)
                    .map(String::as_str)
                    .unwrap_or("?")
            );
            if !m.victim.is_empty() {
                note.push_str(&format!(" (\"{}\")", m.victim));
            }
            if let Some(n) = &m.count_text {
                note.push_str(&format!(" · count {n}"));
            }
            note.push_str(&format!(" · agent {}", m.agent.as_str()));
            if !m.main_event {
                note.push_str(" · another event");
            }
            p.push(&note, Style::dim());
            p.nl();
        }
        // Reported speech that starts on this line: how far it runs, so that a reader sees
        // why a hit in it is `paraphrase`.
        for r in a
            .reported
            .iter()
            .filter(|r| cs <= r.char_start && r.char_start < ce)
        {
            gutter(&mut p, "");
            p.push("  ↳ ", Style::dim());
            p.plain("reported speech");
            let who = reported_label(r, &group_ids);
            p.push(
                &format!(
                    " \"{}\" · {who} · {} word(s): \"{}\"",
                    r.cue.replace('\n', " "),
                    r.words,
                    clip_middle(&r.text.replace('\n', " "), 90)
                ),
                Style::dim(),
            );
            p.nl();
        }
    }

    // Legend.
    p.nl();
    p.push("Legend", Style::bold());
    p.nl();
    if color {
        p.plain("  Loaded terms, in the colour of their category (bold); each hit is listed under its line as");
    } else {
        p.plain("  Loaded terms in [brackets]; each hit is listed under its line as");
    }
    p.nl();
    p.plain("  ↳ term (category, voice) \"matched words\". Categories, with hits in this article:");
    p.nl();
    let width = lex
        .categories
        .iter()
        .map(|c| c.id.chars().count())
        .max()
        .unwrap_or(0);
    for (ci, c) in lex.categories.iter().enumerate() {
        let n = a.hits.iter().filter(|h| h.category == ci).count();
        p.plain("    ");
        if color {
            p.push("■ ", Style::fg(category_color(ci)));
        }
        p.push(
            &format!("{:<width$}", c.id),
            Style {
                bold: n > 0,
                ..Style::fg(category_color(ci))
            },
        );
        p.plain(&format!("  {} — {n} hit(s)", c.label));
        p.nl();
    }
    p.plain("  Voices of hits: editorial = the outlet's own words; paraphrase = reported speech");
    p.nl();
    p.plain("  without quote marks; quoted = inside a quotation; scare = a quoted fragment of at");
    p.nl();
    p.plain("  most two words. Each stretch of reported speech is listed under the line where it");
    p.nl();
    p.plain("  starts as ↳ reported speech \"cue\" · speaker (group) · words: \"its text\".");
    p.nl();
    p.plain(&format!(
        "  Quotations{} end with [speaker · group]. Voices quoted in this article:",
        if color { " (italic)" } else { "" }
    ));
    p.nl();
    let mut voices: Vec<(String, usize, usize)> = Vec::new();
    for q in a.quotes.iter().filter(|q| q.kind != QuoteKind::Scare) {
        let label = quote_label(q, &group_ids);
        let label = label
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        match voices.iter_mut().find(|v| v.0 == label) {
            Some(v) => {
                v.1 += 1;
                v.2 += q.words;
            }
            None => voices.push((label, 1, q.words)),
        }
    }
    if voices.is_empty() {
        p.plain("    (none)");
        p.nl();
    }
    for (label, n, w) in voices {
        p.plain(&format!("    {label}: {n} quotation(s), {w} words"));
        p.nl();
    }
    let scare = a
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Scare)
        .count();
    if scare > 0 {
        p.plain(&format!("    and {scare} scare quote(s)"));
        p.nl();
    }
    if color {
        p.push(
            "  Underlined",
            Style {
                underline: true,
                ..Style::PLAIN
            },
        );
        p.plain(": a casualty mention's harm word;");
    } else {
        p.plain("  _Underscored_: a casualty mention's harm word;");
    }
    p.plain(" its harm class and victim group are listed");
    p.nl();
    p.plain("  under its line (negated and risk mentions are listed but not counted as harm).");
    p.nl();
    p.push("  dropped", Style::dim());
    p.plain(": page debris (byline, boilerplate), left out of every metric; [zone · rule id]");
    p.nl();
    p.plain("  names the rule of lexicons/layout.toml that dropped the line.");
    p.nl();
    p.finish()
}

/// One hit of a term in a corpus, for [`render_term`].
#[derive(Debug, Clone)]
pub struct TermHit {
    /// Article id.
    pub article_id: String,
    /// Voice.
    pub voice: Voice,
    /// Zone.
    pub zone: Zone,
    /// The sentence holding the hit.
    pub sentence: String,
    /// The matched words: byte offsets into `sentence`.
    pub span: (usize, usize),
}

/// The hits of term `term` in an analysed document, with their sentences.
pub fn term_hits(doc: &Document, a: &Analysis, term: usize) -> Vec<TermHit> {
    a.hits
        .iter()
        .filter(|h| h.term == term)
        .map(|h| {
            let sent = &h.sentence_text;
            let sent_char = doc
                .sentences
                .get(h.sentence.saturating_sub(1))
                .map(|s| doc.char_offset(s.start))
                .unwrap_or(0);
            let byte_at = |c: usize| {
                sent.char_indices()
                    .nth(c)
                    .map(|(b, _)| b)
                    .unwrap_or(sent.len())
            };
            let s = byte_at(h.char_start.saturating_sub(sent_char));
            let e = byte_at(h.char_end.saturating_sub(sent_char)).max(s);
            TermHit {
                article_id: a.summary.id.clone(),
                voice: h.voice,
                zone: h.zone,
                sentence: sent.clone(),
                span: (s, e),
            }
        })
        .collect()
}

/// Push `s` with the byte spans in `marks` emphasised (bold, in colour `fg`; `[brackets]`
/// without colour). Spans must be sorted and not overlap.
fn emphasised(p: &mut Painter, s: &str, marks: &[(usize, usize)], fg: u8) {
    let s = s.replace('\n', " ");
    let mut at = 0;
    for &(a, b) in marks {
        if a < at || b > s.len() || !s.is_char_boundary(a) || !s.is_char_boundary(b) {
            continue;
        }
        p.plain(&s[at..a]);
        if p.color() {
            p.push(
                &s[a..b],
                Style {
                    bold: true,
                    ..Style::fg(fg)
                },
            );
        } else {
            p.plain(&format!("[{}]", &s[a..b]));
        }
        at = b;
    }
    p.plain(&s[at..]);
}

fn quoted_list(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Render term `term` of the context's lexicon with its hits in a corpus.
pub fn render_term(ctx: &Context, term: usize, hits: &[TermHit], color: bool) -> String {
    let lex = &ctx.lexicon;
    let t = &lex.terms[term];
    let cat = &lex.categories[t.category];
    let fg = category_color(t.category);
    let mut p = Painter::new(color);
    p.plain("term ");
    p.push(
        &t.id,
        Style {
            bold: true,
            ..Style::fg(fg)
        },
    );
    p.push(
        &format!("  ({}:{})", t.defined_at.0.display(), t.defined_at.1),
        Style::dim(),
    );
    p.nl();
    let field = |p: &mut Painter, k: &str, v: &str| {
        p.push(&format!("  {k:<9}"), Style::bold());
        p.plain(v);
        p.nl();
    };
    field(&mut p, "category", &format!("{} ({})", cat.id, cat.label));
    field(&mut p, "weight", &format!("{}", t.weight));
    let case = match t.case {
        CaseMode::Smart => "smart (a pattern with a capital letter is case-sensitive)",
        CaseMode::Sensitive => "sensitive",
        CaseMode::Insensitive => "insensitive",
    };
    field(&mut p, "case", case);
    if let Some(n) = &t.note {
        field(&mut p, "note", n);
    }
    if let Some(s) = &t.source {
        field(&mut p, "source", s);
    }

    let describe = |p: &mut Painter, pat: &str| {
        let (vars, wildcard) = variants(pat);
        let vars: Vec<String> = vars.into_iter().filter(|v| !v.is_empty()).collect();
        p.plain(&format!("    {pat}"));
        p.nl();
        p.push("      searches ", Style::dim());
        p.plain(&quoted_list(&vars));
        let mut how = Vec::new();
        if wildcard {
            how.push("then the rest of the word");
        }
        how.push(if is_sensitive(pat, t.case) {
            "case-sensitive"
        } else {
            "any case"
        });
        how.push("whole words");
        p.push(&format!("  ({})", how.join(", ")), Style::dim());
        p.nl();
    };
    p.push("  patterns", Style::bold());
    p.push(
        "  (normalized variants the automaton searches: folded, lower case, a hyphen as - or space)",
        Style::dim(),
    );
    p.nl();
    for pat in &t.patterns {
        describe(&mut p, pat);
    }
    if !t.unless.is_empty() {
        p.push("  unless", Style::bold());
        p.push(
            "  (a hit inside one of these phrases does not count)",
            Style::dim(),
        );
        p.nl();
        for u in &t.unless {
            describe(&mut p, u);
        }
    }

    // Examples, run through the compiled matcher as `slant lexicon check` does.
    let n_examples = t.examples_match.len() + t.examples_no_match.len();
    p.push(&format!("  examples ({n_examples})"), Style::bold());
    p.nl();
    let mut failed = 0;
    for (expected, list) in [(true, &t.examples_match), (false, &t.examples_no_match)] {
        for s in list {
            let mine: Vec<(usize, usize)> = ctx
                .matcher
                .find_in_text(s)
                .iter()
                .filter(|h| h.term == term)
                .map(|h| (h.start, h.end))
                .collect();
            let pass = mine.is_empty() != expected;
            if !pass {
                failed += 1;
            }
            p.plain("    ");
            if pass {
                p.push("PASS", Style::fg(32));
            } else {
                p.push(
                    "FAIL",
                    Style {
                        bold: true,
                        ..Style::fg(31)
                    },
                );
            }
            p.push(
                if expected { " match    " } else { " no_match " },
                Style::dim(),
            );
            emphasised(&mut p, s, &mine, fg);
            p.nl();
        }
    }
    if n_examples == 0 {
        p.push(
            "    (none: add `match` and `no_match` sentences so `slant lexicon check` tests the term)",
            Style::dim(),
        );
        p.nl();
    } else if failed > 0 {
        p.push(&format!("    {failed} example(s) failed"), Style::fg(31));
        p.nl();
    }

    // Hits in the corpus.
    let articles: std::collections::BTreeSet<&str> =
        hits.iter().map(|h| h.article_id.as_str()).collect();
    p.push(
        &format!(
            "  hits in the corpus: {} in {} article(s)",
            hits.len(),
            articles.len()
        ),
        Style::bold(),
    );
    p.nl();
    if !hits.is_empty() {
        let by_voice: Vec<String> = Voice::ALL
            .iter()
            .map(|v| (v, hits.iter().filter(|h| h.voice == *v).count()))
            .filter(|(_, n)| *n > 0)
            .map(|(v, n)| format!("{} {n}", v.as_str()))
            .collect();
        p.push(
            &format!("    by voice: {}", by_voice.join(", ")),
            Style::dim(),
        );
        p.nl();
    }
    let idw = hits
        .iter()
        .map(|h| h.article_id.chars().count())
        .max()
        .unwrap_or(0);
    for h in hits {
        p.plain("    ");
        p.push(&format!("{:<idw$}", h.article_id), Style::bold());
        p.push(
            &format!("  {:<10} {:<10} ", h.voice.as_str(), h.zone.as_str()),
            Style::dim(),
        );
        emphasised(&mut p, &h.sentence, &[h.span], fg);
        p.nl();
    }
    p.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_choice_and_no_color() {
        assert!(color_enabled(ColorChoice::Always, false, Some("1")));
        assert!(!color_enabled(ColorChoice::Never, true, None));
        assert!(color_enabled(ColorChoice::Auto, true, None));
        assert!(color_enabled(ColorChoice::Auto, true, Some("")));
        assert!(!color_enabled(ColorChoice::Auto, true, Some("1")));
        assert!(!color_enabled(ColorChoice::Auto, false, None));
    }

    #[test]
    fn painter_drops_styles_without_colour() {
        let mut p = Painter::new(false);
        p.push("a", Style::bold());
        p.nl();
        assert_eq!(p.finish(), "a\n");
        let mut p = Painter::new(true);
        p.push("a", Style::bold());
        p.plain("b");
        assert_eq!(p.finish(), "\x1b[1ma\x1b[0mb");
    }

    #[test]
    fn close_matches_ranks_near_names() {
        let c = ["rudaw", "the-cradle", "truthout", "middle-east-monitor"];
        assert_eq!(close_matches("rudow", c), vec!["rudaw"]);
        assert_eq!(close_matches("cradle", c), vec!["the-cradle"]);
        assert!(close_matches("zzzzzzzz", c).is_empty());
        assert_eq!(crate::diag::levenshtein("kitten", "sitting"), 3);
    }
}
