//! Zones and page debris, by rules a user can read and edit (`lexicons/layout.toml`).
//!
//! Articles scraped from the web carry the page around them: navigation ("Skip to content"),
//! taglines, photo credits and captions, "Read: ..." links, embedded tweets and their footers,
//! update stamps, donation appeals. Each paragraph gets one zone:
//!
//! | zone | counted | what |
//! |---|---|---|
//! | headline | yes | the title line (matched against the article's title) |
//! | standfirst | yes | the summary under the headline, before a byline or caption |
//! | byline | no | author, date and outlet lines |
//! | caption | yes | a photo caption |
//! | lead | yes | the first body paragraph |
//! | body | yes | the rest of the story |
//! | crosshead | yes | a short heading inside the body |
//! | embed | yes | the outlet's own embedded post (tweet) |
//! | boilerplate | no | page debris, dropped from every metric |
//!
//! Zoning runs in three passes. First the pattern rules of the layout file, in file order (the
//! first rule that matches a paragraph wins; a `to_end` rule zones everything after it too).
//! Then the headline: the first early paragraph equal to the title. Then position: rules with
//! `after` or `first`, then the defaults — an early paragraph followed by a byline or caption
//! is the standfirst, the first other paragraph is the lead, a short unpunctuated paragraph in
//! the body is a crosshead, and the rest is body. Every zone records the rule that set it, so
//! a user can see why a line was dropped (`dropped.csv`, `slant corpus check`).

use crate::diag::{Diagnostic, SourceFile};
use crate::text::normalize::normalizes_to;
use crate::text::segment::count_words;
use regex::Regex;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// Where in the article a paragraph stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// The title line.
    Headline,
    /// Summary under the headline.
    Standfirst,
    /// Author/date/outlet line (not counted).
    Byline,
    /// Photo caption.
    Caption,
    /// First body paragraph.
    Lead,
    /// Body text.
    Body,
    /// Heading inside the body.
    Crosshead,
    /// The outlet's own embedded post.
    Embed,
    /// Page debris (not counted).
    Boilerplate,
}

impl Zone {
    /// All zones, in table order.
    pub const ALL: [Zone; 9] = [
        Zone::Headline,
        Zone::Standfirst,
        Zone::Byline,
        Zone::Caption,
        Zone::Lead,
        Zone::Body,
        Zone::Crosshead,
        Zone::Embed,
        Zone::Boilerplate,
    ];

    /// Name as used in tables and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Headline => "headline",
            Zone::Standfirst => "standfirst",
            Zone::Byline => "byline",
            Zone::Caption => "caption",
            Zone::Lead => "lead",
            Zone::Body => "body",
            Zone::Crosshead => "crosshead",
            Zone::Embed => "embed",
            Zone::Boilerplate => "boilerplate",
        }
    }

    /// Does text in this zone count towards metrics?
    pub fn counted(self) -> bool {
        !matches!(self, Zone::Byline | Zone::Boilerplate)
    }

    /// Parse a zone name.
    pub fn parse(s: &str) -> Option<Zone> {
        Zone::ALL.iter().copied().find(|z| z.as_str() == s)
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutFile {
    #[serde(default)]
    settings: Settings,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleDef>,
}

/// Numbers that steer the default zoning.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// How many paragraphs from the top may hold the headline, standfirst, byline, caption.
    pub top_paragraphs: usize,
    /// A standfirst has at most this many words.
    pub standfirst_max_words: usize,
    /// A crosshead has at most this many words.
    pub crosshead_max_words: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            top_paragraphs: 8,
            standfirst_max_words: 70,
            crosshead_max_words: 8,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    id: String,
    zone: String,
    pattern: Option<String>,
    outlet: Option<String>,
    #[serde(default)]
    top: bool,
    after: Option<String>,
    first: Option<usize>,
    #[serde(default)]
    to_end: bool,
    #[allow(dead_code)]
    note: Option<String>,
}

/// One compiled layout rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id, reported with every zoned line.
    pub id: String,
    /// Zone it assigns.
    pub zone: Zone,
    pattern: Option<Regex>,
    /// For a pattern anchored at the start of the line: the bytes every match can begin
    /// with. A line that begins with none of them cannot match, and is not searched.
    first_bytes: Option<Box<[bool; 256]>>,
    outlet: Option<String>,
    top: bool,
    after: Option<Zone>,
    first: Option<usize>,
    to_end: bool,
}

/// The bytes a match of `pattern` can begin with, when it is anchored at the start of the
/// text (`^` without multi-line mode) and every match begins with one of a known set of
/// literals; `None` otherwise.
///
/// Every line is tried against every pattern rule, and most lines match none; each failed
/// search still costs the regex engine's set-up. Looking at the first byte first costs one
/// load. The literals come from regex-syntax's own extractor (what the regex crate builds its
/// prefilters with), so the check is a necessary condition of a match and never changes which
/// rule wins.
fn first_bytes(pattern: &str) -> Option<Box<[bool; 256]>> {
    use regex_syntax::hir::{literal::Extractor, Look};
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    let seq = Extractor::new().extract(&hir);
    let mut set = Box::new([false; 256]);
    for lit in seq.literals()? {
        set[*lit.as_bytes().first()? as usize] = true;
    }
    Some(set)
}

impl Rule {
    /// Can the rule's pattern match `line`? False only when the line does not begin with a
    /// byte any match begins with; true when that is not known.
    #[inline]
    fn may_match(&self, line: &str) -> bool {
        self.first_bytes
            .as_ref()
            .is_none_or(|set| line.as_bytes().first().is_some_and(|&b| set[b as usize]))
    }

    /// Does the rule's pattern match `line` (false when it has none)?
    #[inline]
    fn matches(&self, line: &str) -> bool {
        self.may_match(line) && self.pattern.as_ref().is_some_and(|p| p.is_match(line))
    }
}

/// Compiled layout rules.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Settings for the defaults.
    pub settings: Settings,
    /// Rules in file order.
    pub rules: Vec<Rule>,
}

/// The zone given to one paragraph and the rule that gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Zoned {
    /// Zone.
    pub zone: Zone,
    /// Id of the rule, or of the default ("title", "standfirst-before-byline", "first-paragraph",
    /// "short-heading", "default").
    pub rule: String,
}

impl Layout {
    /// Read and compile a layout file; every problem is collected before failing.
    pub fn load(path: &Path) -> Result<Layout, Vec<Diagnostic>> {
        let src = std::fs::read_to_string(path).map_err(|e| {
            vec![Diagnostic::file_error(
                path,
                format!("cannot read layout rules: {}", crate::corpus::io_reason(&e)),
            )]
        })?;
        Layout::parse(path, &src)
    }

    /// Compile layout rules from source text.
    pub fn parse(path: &Path, src: &str) -> Result<Layout, Vec<Diagnostic>> {
        let file = SourceFile::new(path, src);
        let def: LayoutFile = toml::from_str(src).map_err(|e| vec![file.toml_error(&e)])?;
        let mut diags = Vec::new();
        let mut rules = Vec::new();
        let mut ids = std::collections::HashSet::new();
        // Compiling the patterns (Unicode classes, bounded repeats) is most of a run's
        // start-up: done side by side, with each pattern's first bytes, then taken in rule
        // order below.
        type Compiled = Option<(Result<Regex, regex::Error>, Option<Box<[bool; 256]>>)>;
        let compiled: Vec<Compiled> = {
            use rayon::prelude::*;
            def.rules
                .par_iter()
                .map(|r| {
                    r.pattern
                        .as_deref()
                        .map(|p| (Regex::new(p), first_bytes(p)))
                })
                .collect()
        };
        for (r, compiled) in def.rules.into_iter().zip(compiled) {
            let at = file.find_value("id", &r.id);
            if !ids.insert(r.id.clone()) {
                diags.push(file.error_at(at, format!("duplicate rule id `{}`", r.id), None));
            }
            let zone = match Zone::parse(&r.zone) {
                Some(z) => z,
                None => {
                    diags.push(file.error_at(
                        file.find_value("zone", &r.zone),
                        format!("rule `{}`: unknown zone `{}`", r.id, r.zone),
                        Some(format!(
                            "zones are: {}",
                            Zone::ALL.map(|z| z.as_str()).join(", ")
                        )),
                    ));
                    continue;
                }
            };
            let after = match r.after.as_deref().map(|a| (a, Zone::parse(a))) {
                None => None,
                Some((_, Some(z))) => Some(z),
                Some((a, None)) => {
                    diags.push(file.error_at(
                        file.find_value("after", a),
                        format!("rule `{}`: unknown zone `{a}` in `after`", r.id),
                        None,
                    ));
                    continue;
                }
            };
            let (pattern, first_bytes) = match (r.pattern.as_deref(), compiled) {
                (Some(p), Some((re, first))) => match re {
                    Ok(re) => (Some(re), first),
                    Err(e) => {
                        diags.push(file.error_at(
                            file.find_value("pattern", p),
                            format!(
                                "rule `{}`: invalid pattern: {}",
                                r.id,
                                one_line(&e.to_string())
                            ),
                            None,
                        ));
                        continue;
                    }
                },
                _ => (None, None),
            };
            if pattern.is_none() && after.is_none() && r.first.is_none() {
                diags.push(file.error_at(
                    at,
                    format!(
                        "rule `{}` has no `pattern`, `after` or `first`: it would match every line",
                        r.id
                    ),
                    None,
                ));
                continue;
            }
            rules.push(Rule {
                id: r.id,
                zone,
                first_bytes,
                pattern,
                outlet: r.outlet,
                top: r.top,
                after,
                first: r.first,
                to_end: r.to_end,
            });
        }
        if diags.is_empty() {
            Ok(Layout {
                settings: def.settings,
                rules,
            })
        } else {
            Err(diags)
        }
    }

    /// Built-in layout with no rules: only the defaults (for tests and bare use).
    pub fn empty() -> Layout {
        Layout {
            settings: Settings::default(),
            rules: Vec::new(),
        }
    }

    /// Zone every paragraph of `text` (spans in `paras`) of an article from `outlet`.
    /// `title` is the article's title already normalized (`normalize_str` of it trimmed), as
    /// [`crate::text::Document::build`] has it for cutting paragraphs.
    pub fn assign(
        &self,
        text: &str,
        paras: &[(usize, usize)],
        outlet: &str,
        title: Option<&str>,
    ) -> Vec<Zoned> {
        let n = paras.len();
        let mut out: Vec<Option<Zoned>> = vec![None; n];
        let applies = |r: &Rule| r.outlet.as_deref().is_none_or(|o| o == outlet);
        let top = self.settings.top_paragraphs;
        // Pass 1: pattern rules.
        let mut rest: Option<Zoned> = None;
        for (i, &(s, e)) in paras.iter().enumerate() {
            if let Some(z) = &rest {
                out[i] = Some(z.clone());
                continue;
            }
            let line = &text[s..e];
            for r in &self.rules {
                if r.after.is_some() || r.first.is_some() || !applies(r) || (r.top && i >= top) {
                    continue;
                }
                if r.matches(line) {
                    let z = Zoned {
                        zone: r.zone,
                        rule: r.id.clone(),
                    };
                    if r.to_end {
                        rest = Some(z.clone());
                    }
                    out[i] = Some(z);
                    break;
                }
            }
        }
        // Pass 2: the headline.
        if let Some(nt) = title {
            for (i, &(s, e)) in paras.iter().enumerate().take(top) {
                if out[i].is_none() && normalizes_to(&text[s..e], nt) {
                    out[i] = Some(Zoned {
                        zone: Zone::Headline,
                        rule: "title".into(),
                    });
                    break;
                }
            }
        }
        // Pass 3: position.
        let mut lead_seen = false;
        let mut content_idx = 0usize;
        let mut prev_zone: Option<Zone> = None;
        for i in 0..n {
            if let Some(z) = &out[i] {
                if z.zone == Zone::Lead {
                    lead_seen = true;
                }
                if z.zone != Zone::Boilerplate {
                    prev_zone = Some(z.zone);
                }
                continue;
            }
            let (s, e) = paras[i];
            let line = &text[s..e];
            let mut zoned: Option<Zoned> = None;
            for r in &self.rules {
                if (r.after.is_none() && r.first.is_none()) || !applies(r) {
                    continue;
                }
                if r.after.is_some_and(|a| prev_zone != Some(a)) {
                    continue;
                }
                if r.first.is_some_and(|f| content_idx >= f) {
                    continue;
                }
                if r.pattern.is_some() && !r.matches(line) {
                    continue;
                }
                zoned = Some(Zoned {
                    zone: r.zone,
                    rule: r.id.clone(),
                });
                break;
            }
            let zoned = zoned.unwrap_or_else(|| {
                if !lead_seen {
                    let next = (i + 1..n)
                        .filter_map(|j| out[j].as_ref())
                        .find(|z| z.zone != Zone::Boilerplate)
                        .map(|z| z.zone);
                    let before_front = matches!(next, Some(Zone::Byline | Zone::Caption));
                    if i < top
                        && before_front
                        && count_words(line) <= self.settings.standfirst_max_words
                    {
                        return Zoned {
                            zone: Zone::Standfirst,
                            rule: "standfirst-before-byline".into(),
                        };
                    }
                    return Zoned {
                        zone: Zone::Lead,
                        rule: "first-paragraph".into(),
                    };
                }
                let last_char = line.chars().last().unwrap_or('.');
                let later_body =
                    (i + 1..n).any(|j| out[j].as_ref().is_none_or(|z| z.zone.counted()));
                // Cheapest test first: most body paragraphs end in a full stop.
                if !matches!(
                    last_char,
                    '.' | '!' | '?' | ':' | ';' | ',' | '"' | '\u{201D}'
                ) && later_body
                    && count_words(line) <= self.settings.crosshead_max_words
                {
                    return Zoned {
                        zone: Zone::Crosshead,
                        rule: "short-heading".into(),
                    };
                }
                Zoned {
                    zone: Zone::Body,
                    rule: "default".into(),
                }
            });
            if zoned.zone == Zone::Lead {
                lead_seen = true;
            }
            content_idx += 1;
            prev_zone = Some(zoned.zone);
            out[i] = Some(zoned);
        }
        out.into_iter()
            .map(|z| z.expect("every paragraph zoned"))
            .collect()
    }
}

/// A regex error on one line: the reason, and where in the pattern. The regex crate draws a
/// caret under the pattern on lines of their own, which squashed onto one line pointed at
/// nothing ("regex parse error: (?i)^(photo: (.*$ ^ error: unclosed group", from a
/// new-user trial).
fn one_line(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let reason = lines
        .iter()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map(str::trim);
    // The caret line ("    ^" or "    ^~~~^"), under the pattern line before it.
    let caret = lines.iter().enumerate().find_map(|(i, l)| {
        let t = l.trim();
        (i > 0 && !t.is_empty() && t.chars().all(|c| c == '^' || c == '~'))
            .then(|| l.chars().take_while(|&c| c == ' ').count())
            .map(|col| (lines[i - 1], col))
    });
    match (reason, caret) {
        (Some(r), Some((pattern_line, col))) => {
            let indent = pattern_line.chars().take_while(|&c| c == ' ').count();
            let at = col.saturating_sub(indent);
            let shown: String = pattern_line
                .trim_start()
                .chars()
                .skip(at)
                .take(12)
                .collect();
            format!("{r} at character {} (`{shown}`...)", at + 1)
        }
        (Some(r), None) => r.to_string(),
        _ => s.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regex crate's caret drawing becomes a reason and a place on one line.
    #[test]
    fn a_regex_error_names_its_reason_and_place() {
        // (Built at run time: clippy refuses an invalid regex literal.)
        let pattern = ["(?i)^(photo", "|picture: x"].concat();
        let e = Regex::new(&pattern).unwrap_err().to_string();
        assert!(e.contains('\n'), "{e}");
        let got = one_line(&e);
        assert_eq!(got, "unclosed group at character 6 (`(photo|pictu`...)");
        // A message with no caret keeps its reason.
        assert_eq!(one_line("regex parse error:\nerror: too big"), "too big");
    }

    /// The first-byte check may only skip lines the pattern cannot match: for every shipped
    /// rule and lines written to match each of them (in both cases where the rule ignores
    /// case) plus every line of the bundled corpus, a match implies `may_match`.
    #[test]
    fn the_first_byte_check_never_skips_a_match() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let layout = Layout::load(&root.join("lexicons/layout.toml")).expect("shipped layout");
        let mut lines: Vec<String> = [
            "Skip to main content",
            "SKIP TO CONTENT",
            "Menu",
            "share",
            "Creating new perspectives since 2009",
            "Photo: Reuters",
            "above photo: a protest in Baghdad",
            "[Smoke rises - Baghdad, 2024]",
            "People gather in Baghdad on January 5, 2024.",
            "January 5, 2024",
            "February 10, 2024 by Staff",
            "By Jane Doe",
            "By Jane Doe and John Roe, Reuters",
            "Updated: 3pm",
            "LAST UPDATED 12:00",
            "Read more: the strike",
            "READ MORE: earlier",
            "\u{2014} Someone (@someone) January 3, 2024",
            "- Someone (@someone) January 3, 2024",
            "pic.twitter.com/abc",
            "Countdown is on: 3 days",
            "Please donate today",
            "",
            " By Jane Doe",
            "\u{c9}dition: January 5, 2024",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for f in std::fs::read_dir(root.join("corpus")).unwrap() {
            let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
            lines.extend(text.lines().map(str::to_owned));
        }
        let (mut matched, mut skipped) = (0, 0);
        for r in &layout.rules {
            let Some(p) = &r.pattern else { continue };
            for l in &lines {
                if p.is_match(l) {
                    matched += 1;
                    assert!(r.may_match(l), "rule {} skips {l:?}", r.id);
                }
                skipped += usize::from(!r.may_match(l));
            }
        }
        // The lines do exercise the rules, and the check does skip: most lines begin with a
        // byte most anchored rules cannot.
        assert!(matched >= 20, "only {matched} matches");
        assert!(
            skipped > lines.len(),
            "{skipped} skips over {} lines",
            lines.len()
        );
    }
}
