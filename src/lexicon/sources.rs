//! The two lexicons behind quotation attribution: reporting verbs (`lexicons/speech.toml`)
//! and source groups (`lexicons/groups.toml`).
//!
//! `speech.toml` lists reporting verbs by lemma with every inflected form and a category
//! (neutral, assertive, doubt, concession, emphasis, accusation), and the cue phrases
//! "according to", "X's statement read" and relays (", Iraqi News Agency reported").
//!
//! `groups.toml` lists the groups (with a side), the speakers slant knows by name with their
//! aliases and kind (person, organisation, metonym: "Baghdad", "Washington"), and role phrases
//! that place an unknown speaker in a group ("a spokesperson for the Iraqi military"). The
//! settings fix the side groups balance is computed over and the dyad pair.
//!
//! Both are read strictly: an unknown key is an error with line and column.

use crate::diag::{Diagnostic, SourceFile};
use crate::text::normalize::normalize_str;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

use super::schema::Header;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeechFile {
    #[allow(dead_code)]
    lexicon: Option<Header>,
    #[serde(default)]
    verb: Vec<VerbDef>,
    #[serde(default)]
    cues: Cues,
    #[serde(default)]
    homographs: Homographs,
}

/// Verb forms that are more often nouns ("the state", "swing states", "a report").
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Homographs {
    #[serde(default)]
    forms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerbDef {
    forms: Vec<String>,
    category: String,
}

/// Cue phrases besides verbs.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// "according to".
    #[serde(default)]
    pub according_to: Vec<String>,
    /// "statement read".
    #[serde(default)]
    pub statement: Vec<String>,
    /// "reported" as a relay.
    #[serde(default)]
    pub relay: Vec<String>,
}

/// Reporting verbs and cues, normalized.
#[derive(Debug, Clone, Default)]
pub struct SpeechLexicon {
    /// Form → verb category.
    pub verbs: rustc_hash::FxHashMap<String, String>,
    /// Cue phrases, normalized.
    pub cues: Cues,
    /// The `according_to` phrases in one automaton (pattern index = list index), so each
    /// sentence is scanned once for all of them.
    pub according_ac: Option<aho_corasick::AhoCorasick>,
    /// The `statement` phrases in one automaton, likewise.
    pub statement_ac: Option<aho_corasick::AhoCorasick>,
    /// Every verb form in one automaton (a DFA): a sentence is scanned once for all of them
    /// instead of looking up each of its words.
    pub verb_ac: Option<aho_corasick::AhoCorasick>,
    /// Verb forms that are more often nouns: they report speech only where the words around
    /// them show a verb (see [`crate::metrics::speech::verbs_in`]).
    pub homographs: rustc_hash::FxHashSet<String>,
}

fn verb_automaton(
    verbs: &rustc_hash::FxHashMap<String, String>,
) -> Option<aho_corasick::AhoCorasick> {
    if verbs.is_empty() {
        return None;
    }
    aho_corasick::AhoCorasickBuilder::new()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(verbs.keys())
        .ok()
}

/// Where each phrase of `ac` first and last starts in `t`, by pattern index (`None` where it
/// does not occur): what `t.find(phrase)` and `t.rfind(phrase)` give for every phrase, from
/// one overlapping scan instead of one substring search per phrase.
pub fn phrase_positions(
    ac: Option<&aho_corasick::AhoCorasick>,
    t: &str,
) -> Vec<Option<(usize, usize)>> {
    let Some(ac) = ac else {
        return Vec::new();
    };
    let mut out = vec![None; ac.patterns_len()];
    // Matches come in order of their end; for one pattern (one length) that is the order
    // of their starts, so the first seen is the leftmost and the last the rightmost.
    for m in ac.find_overlapping_iter(t) {
        let slot = &mut out[m.pattern().as_usize()];
        *slot = Some(slot.map_or((m.start(), m.start()), |(a, _)| (a, m.start())));
    }
    out
}

/// Every match of `ac` in `t`, overlapping, as `(pattern, start, end)` in order of their end.
pub fn overlapping_hits(
    ac: Option<&aho_corasick::AhoCorasick>,
    t: &str,
) -> Vec<(usize, usize, usize)> {
    let Some(ac) = ac else {
        return Vec::new();
    };
    ac.find_overlapping_iter(t)
        .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
        .collect()
}

fn phrase_automaton(phrases: &[String]) -> Option<aho_corasick::AhoCorasick> {
    if phrases.is_empty() {
        return None;
    }
    aho_corasick::AhoCorasick::new(phrases).ok()
}

impl SpeechLexicon {
    /// Every reporting-verb form, in the order of [`SpeechLexicon::verb_ac`]'s patterns.
    pub fn verb_forms(&self) -> impl Iterator<Item = &str> {
        self.verbs.keys().map(String::as_str)
    }

    /// Is this normalized word a reporting verb?
    pub fn is_verb(&self, w: &str) -> bool {
        self.verbs.contains_key(w)
    }

    /// A small built-in list, for when no speech.toml exists.
    pub fn builtin() -> SpeechLexicon {
        let mut verbs = rustc_hash::FxHashMap::default();
        for v in crate::metrics::speech::VERBS {
            verbs.insert((*v).to_owned(), "neutral".to_owned());
        }
        let according_to = vec!["according to".to_owned()];
        let statement = vec!["statement read".to_owned(), "statement said".to_owned()];
        let homographs = crate::metrics::speech::HOMOGRAPHS
            .iter()
            .filter(|h| verbs.contains_key(**h))
            .map(|h| (*h).to_owned())
            .collect();
        SpeechLexicon {
            verb_ac: verb_automaton(&verbs),
            verbs,
            homographs,
            according_ac: phrase_automaton(&according_to),
            statement_ac: phrase_automaton(&statement),
            cues: Cues {
                according_to,
                statement,
                relay: vec!["reported".into()],
            },
        }
    }

    /// Load `speech.toml`.
    pub fn load(path: &Path) -> Result<SpeechLexicon, Vec<Diagnostic>> {
        let src = crate::diag::read_source(path)?;
        Self::parse(path, &src)
    }

    /// Check and compile the text of the file at `path`.
    pub fn parse(path: &Path, src: &str) -> Result<SpeechLexicon, Vec<Diagnostic>> {
        let sf = SourceFile::new(path, src);
        let f: SpeechFile = toml::from_str(src).map_err(|e| vec![sf.toml_error(&e)])?;
        let mut diags = Vec::new();
        let mut verbs = rustc_hash::FxHashMap::default();
        for v in f.verb {
            for form in v.forms {
                let n = normalize_str(form.trim());
                if n.is_empty() || n.contains(' ') {
                    diags.push(sf.error_at(
                        sf.find_value("forms", &form),
                        format!("verb form `{form}` must be one word"),
                        None,
                    ));
                    continue;
                }
                if verbs.insert(n, v.category.clone()).is_some() {
                    diags.push(sf.error_at(
                        sf.find_value("forms", &form),
                        format!("verb form `{form}` is listed twice"),
                        None,
                    ));
                }
            }
        }
        let mut homographs = rustc_hash::FxHashSet::default();
        for form in f.homographs.forms {
            let n = normalize_str(form.trim());
            if !verbs.contains_key(&n) {
                diags.push(Diagnostic {
                    hint: Some(
                        "list it in a [[verb]] entry's forms too, or leave it out here".into(),
                    ),
                    ..sf.error_at(
                        sf.find_value("forms", &form),
                        format!("homograph `{form}` is not a verb form of this file"),
                        None,
                    )
                });
                continue;
            }
            homographs.insert(n);
        }
        let norm = |v: Vec<String>| v.iter().map(|s| normalize_str(s.trim())).collect();
        let cues = Cues {
            according_to: norm(f.cues.according_to),
            statement: norm(f.cues.statement),
            relay: norm(f.cues.relay),
        };
        if diags.is_empty() {
            Ok(SpeechLexicon {
                verb_ac: verb_automaton(&verbs),
                verbs,
                homographs,
                according_ac: phrase_automaton(&cues.according_to),
                statement_ac: phrase_automaton(&cues.statement),
                cues,
            })
        } else {
            Err(diags)
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupsFile {
    #[allow(dead_code)]
    lexicon: Option<Header>,
    #[serde(default)]
    settings: Option<GroupSettings>,
    #[serde(default)]
    group: Vec<GroupDef>,
    #[serde(default)]
    speaker: Vec<SpeakerDef>,
    #[serde(default)]
    role: Vec<RoleDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupSettings {
    side_groups: Vec<String>,
    dyad_a: Vec<String>,
    dyad_b: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupDef {
    id: String,
    label: Option<String>,
    side: Option<String>,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakerDef {
    name: String,
    group: String,
    kind: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleDef {
    pattern: String,
    group: String,
}

/// A source group.
#[derive(Debug, Clone)]
pub struct Group {
    /// Id (column names).
    pub id: String,
    /// Label.
    pub label: String,
    /// Side label.
    pub side: Option<String>,
    /// Description.
    pub description: String,
}

/// Kind of a known speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerKind {
    /// A person ("he", "she").
    Person,
    /// An organisation ("it", "they").
    Organisation,
    /// A place standing for a government ("Baghdad").
    Metonym,
}

/// A known speaker.
#[derive(Debug, Clone)]
pub struct Speaker {
    /// Canonical name.
    pub name: String,
    /// Group index.
    pub group: usize,
    /// Kind.
    pub kind: SpeakerKind,
}

/// Source groups, known speakers and roles.
#[derive(Debug, Clone)]
pub struct GroupsLexicon {
    /// Groups in table order; `unattributed` is not one of them.
    pub groups: Vec<Group>,
    /// Known speakers.
    pub speakers: Vec<Speaker>,
    /// (normalized alias, speaker index), longest first.
    pub aliases: Vec<(String, usize)>,
    /// For each alias (in the order of `aliases`): is it written in capitals (an acronym,
    /// "US", "UN", "AP")? Such an alias names its speaker only where the text opens it with a
    /// capital: the pronoun "us" is not the United States, "Isis" is still ISIS.
    pub in_capitals: Vec<bool>,
    /// (normalized role phrase, group index), longest first.
    pub roles: Vec<(String, usize)>,
    /// Group indices balance is computed over.
    pub side_groups: Vec<usize>,
    /// Dyad side A.
    pub dyad_a: Vec<usize>,
    /// Dyad side B.
    pub dyad_b: Vec<usize>,
    /// Index of the `other` group.
    pub other: usize,
}

/// Are all the letters of `s` capitals (and is there one)? "US", "U.S.", "IRGC-QF".
pub fn in_capitals(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

impl GroupsLexicon {
    /// Group index by id.
    pub fn group(&self, id: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.id == id)
    }

    /// The default groups with no speakers (for when no groups.toml exists).
    pub fn builtin() -> GroupsLexicon {
        let ids = [
            "us_government",
            "iraqi_government",
            "armed_group",
            "analyst_ngo",
            "un_international",
            "media",
            "other",
        ];
        GroupsLexicon {
            groups: ids
                .iter()
                .map(|i| Group {
                    id: (*i).into(),
                    label: i.replace('_', " "),
                    side: None,
                    description: String::new(),
                })
                .collect(),
            speakers: vec![],
            aliases: vec![],
            in_capitals: vec![],
            roles: vec![],
            side_groups: vec![0, 1, 2, 3, 4],
            dyad_a: vec![0],
            dyad_b: vec![1, 2],
            other: 6,
        }
    }

    /// Load `groups.toml`, collecting every problem.
    pub fn load(path: &Path) -> Result<GroupsLexicon, Vec<Diagnostic>> {
        let src = crate::diag::read_source(path)?;
        Self::parse(path, &src)
    }

    /// Check and compile the text of the file at `path`.
    pub fn parse(path: &Path, src: &str) -> Result<GroupsLexicon, Vec<Diagnostic>> {
        let sf = SourceFile::new(path, src);
        let f: GroupsFile = toml::from_str(src).map_err(|e| vec![sf.toml_error(&e)])?;
        let mut diags = Vec::new();
        let mut groups: Vec<Group> = Vec::new();
        for g in f.group {
            if groups.iter().any(|x| x.id == g.id) {
                diags.push(sf.error_at(
                    sf.find_value("id", &g.id),
                    format!("duplicate group id `{}`", g.id),
                    None,
                ));
                continue;
            }
            groups.push(Group {
                label: g.label.unwrap_or_else(|| g.id.replace('_', " ")),
                id: g.id,
                side: g.side,
                description: g.description,
            });
        }
        if !groups.iter().any(|g| g.id == "other") {
            groups.push(Group {
                id: "other".into(),
                label: "other".into(),
                side: None,
                description: "Speakers in no other group".into(),
            });
        }
        // `at`: where the reference is (the speaker's or role's own `group` line: the first
        // line holding an unknown id was named for every entry that had it, found by a
        // new-user trial in session 11); `what`: whose reference it is.
        // (`at` is asked only for an unknown id: searching the file for every speaker made
        // loading groups.toml ten times slower.)
        let find = |id: &str,
                    at: &dyn Fn() -> Option<usize>,
                    what: &dyn Fn() -> String,
                    diags: &mut Vec<Diagnostic>| {
            let r = groups.iter().position(|g| g.id == id);
            if r.is_none() {
                let what = what();
                diags.push(sf.error_at(
                    at().or_else(|| sf.find_value("group", id)),
                    format!("{what}: unknown group `{id}`"),
                    Some(format!(
                        "groups are: {}",
                        groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>().join(", ")
                    )),
                ));
            }
            r
        };
        let mut speakers = Vec::new();
        let mut aliases: Vec<(String, usize)> = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut capitals: HashMap<String, bool> = HashMap::new();
        for s in f.speaker {
            let at = || {
                sf.find_value("name", &s.name)
                    .and_then(|from| sf.find_value_from("group", &s.group, from))
            };
            let what = || format!("speaker `{}`", s.name);
            let Some(g) = find(&s.group, &at, &what, &mut diags) else {
                continue;
            };
            let kind = match s.kind.as_deref() {
                None | Some("person") => SpeakerKind::Person,
                Some("organisation") | Some("organization") => SpeakerKind::Organisation,
                Some("metonym") => SpeakerKind::Metonym,
                Some(k) => {
                    diags.push(sf.error_at(
                        sf.find_value("kind", k),
                        format!("speaker `{}`: unknown kind `{k}`", s.name),
                        Some("kind is one of: person, organisation, metonym".into()),
                    ));
                    continue;
                }
            };
            let si = speakers.len();
            for a in std::iter::once(&s.name).chain(s.aliases.iter()) {
                let n = normalize_str(a.trim());
                if n.is_empty() {
                    continue;
                }
                if let Some(prev) = seen.get(&n) {
                    if *prev != s.name {
                        diags.push(
                            sf.error_at(
                                sf.find_value("aliases", a)
                                    .or_else(|| sf.find_value("name", a)),
                                format!(
                                    "alias `{a}` of `{}` is also a name or alias of `{prev}`",
                                    s.name
                                ),
                                None,
                            ),
                        );
                    }
                    continue;
                }
                seen.insert(n.clone(), s.name.clone());
                capitals.insert(n.clone(), in_capitals(a));
                aliases.push((n, si));
            }
            speakers.push(Speaker {
                name: s.name,
                group: g,
                kind,
            });
        }
        let mut roles = Vec::new();
        // Each role pattern once: a second entry (a user appending `protester` to give it a
        // group of their own) was silently outranked by the first.
        let mut seen_roles: rustc_hash::FxHashMap<String, (String, Option<usize>)> =
            Default::default();
        for r in f.role {
            let at = || {
                sf.find_value("pattern", &r.pattern)
                    .and_then(|from| sf.find_value_from("group", &r.group, from))
            };
            let what = || format!("role `{}`", r.pattern);
            let Some(g) = find(&r.group, &at, &what, &mut diags) else {
                continue;
            };
            let key = normalize_str(r.pattern.trim());
            if let Some((first_group, first_at)) = seen_roles.get(&key) {
                let again = first_at.and_then(|o| sf.find_value_from("pattern", &r.pattern, o + 1));
                let first_line = first_at.map(|o| sf.line_col(o).0);
                diags.push(Diagnostic {
                    hint: Some(format!(
                        "keep one entry: change the group of the first{}, or delete it",
                        first_line
                            .map(|l| format!(" (line {l})"))
                            .unwrap_or_default()
                    )),
                    ..sf.error_at(
                        again,
                        format!(
                            "role `{}` is listed twice (group `{first_group}`, then `{}`)",
                            r.pattern, r.group
                        ),
                        None,
                    )
                });
                continue;
            }
            seen_roles.insert(
                key.clone(),
                (r.group.clone(), sf.find_value("pattern", &r.pattern)),
            );
            roles.push((key, g));
        }
        aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let in_capitals = aliases.iter().map(|(n, _)| capitals[n]).collect();
        roles.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        // Without `[settings]`, the bundled study's groups that this file has; a file of
        // one's own groups (none of those) balances over all its groups but `other` and has
        // no dyad. Defaults naming groups the file lacks were reported as errors with no line
        // to fix (new-user trial, session 11).
        let default_ids = |v: &[&str]| {
            v.iter()
                .filter(|id| groups.iter().any(|g| g.id == **id))
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
        };
        let settings = f.settings.unwrap_or_else(|| {
            let mut side_groups = default_ids(&[
                "us_government",
                "iraqi_government",
                "armed_group",
                "analyst_ngo",
                "un_international",
            ]);
            if side_groups.is_empty() {
                side_groups = groups
                    .iter()
                    .filter(|g| g.id != "other")
                    .map(|g| g.id.clone())
                    .collect();
            }
            // (A dyad needs both sides: with one missing the balance would read 0.)
            let (mut dyad_a, mut dyad_b) = (
                default_ids(&["us_government"]),
                default_ids(&["iraqi_government", "armed_group"]),
            );
            if dyad_a.is_empty() || dyad_b.is_empty() {
                (dyad_a, dyad_b) = (Vec::new(), Vec::new());
            }
            GroupSettings {
                side_groups,
                dyad_a,
                dyad_b,
            }
        });
        let ids = |key: &str, v: &[String], diags: &mut Vec<Diagnostic>| -> Vec<usize> {
            v.iter()
                .filter_map(|id| {
                    find(
                        id,
                        &|| sf.find_value(key, id),
                        &|| format!("`{key}`"),
                        diags,
                    )
                })
                .collect()
        };
        let side_groups = ids("side_groups", &settings.side_groups, &mut diags);
        let dyad_a = ids("dyad_a", &settings.dyad_a, &mut diags);
        let dyad_b = ids("dyad_b", &settings.dyad_b, &mut diags);
        let other = groups.iter().position(|g| g.id == "other").unwrap();
        if diags.is_empty() {
            Ok(GroupsLexicon {
                groups,
                speakers,
                aliases,
                in_capitals,
                roles,
                side_groups,
                dyad_a,
                dyad_b,
                other,
            })
        } else {
            Err(diags)
        }
    }
}
