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
use crate::text::normalize::normalize_str;
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
    outlet: Option<String>,
    top: bool,
    after: Option<Zone>,
    first: Option<usize>,
    to_end: bool,
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
        for r in def.rules {
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
            let pattern = match r.pattern.as_deref() {
                None => None,
                Some(p) => match Regex::new(p) {
                    Ok(re) => Some(re),
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
                if r.pattern.as_ref().is_some_and(|p| p.is_match(line)) {
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
        if let Some(t) = title {
            let nt = normalize_str(t.trim());
            for (i, &(s, e)) in paras.iter().enumerate().take(top) {
                if out[i].is_none() && normalize_str(&text[s..e]) == nt {
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
                if r.pattern.as_ref().is_some_and(|p| !p.is_match(line)) {
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

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
