//! The casualty lexicon (`lexicons/casualties.toml`): harm words, risk phrases, victim
//! phrases with their groups, negation and speculation cues, agent words, event cues and
//! zone weights. Read strictly, like every lexicon; all phrases are stored normalized.

use crate::diag::{Diagnostic, SourceFile};
use crate::text::normalize::normalize_str;
use crate::text::Zone;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)]
    lexicon: Option<toml::Value>,
    #[serde(default)]
    harm: Vec<HarmDef>,
    #[serde(default)]
    risk: Vec<Phrases>,
    #[serde(default)]
    victim: Vec<VictimDef>,
    #[serde(default)]
    negation: Words,
    #[serde(default)]
    speculative: Words,
    #[serde(default)]
    agents: Agents,
    #[serde(default)]
    event: Event,
    #[serde(default)]
    weights: HashMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HarmDef {
    forms: Vec<String>,
    pos: String,
    harm: String,
    /// Count the forms only in these voices ("hurt": passive, as in "two officers were
    /// hurt", not "the tariffs hurt farmers").
    #[serde(default)]
    voices: Vec<String>,
}

/// The voices a `[[harm]]` entry may be limited to.
const VOICES: &[&str] = &["active", "passive", "intransitive", "nominal"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Phrases {
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VictimDef {
    phrases: Vec<String>,
    group: String,
    /// The group's name in charts and on the page ("US military"); one entry per group
    /// is enough.
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    when: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    #[serde(default)]
    words: Vec<String>,
}

/// Agent words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agents {
    /// Instruments (strike, explosion).
    #[serde(default)]
    pub instruments: Vec<String>,
    /// Actors (US, militia).
    #[serde(default)]
    pub actors: Vec<String>,
}

/// Event cues.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Cues of the main event.
    #[serde(default)]
    pub main: Vec<String>,
    /// Cues of other events.
    #[serde(default)]
    pub context: Vec<String>,
}

/// Part of speech of a harm word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// kill, die, wound.
    Verb,
    /// death, casualties.
    Noun,
    /// deadly, dead.
    Adjective,
}

/// Harm class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Harm {
    /// People killed.
    Killed,
    /// People injured.
    Injured,
    /// Either (casualties).
    KilledOrInjured,
    /// Harm said not to have happened.
    Negated,
    /// People put at risk.
    Risk,
}

impl Harm {
    /// Name in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Harm::Killed => "killed",
            Harm::Injured => "injured",
            Harm::KilledOrInjured => "killed_or_injured",
            Harm::Negated => "negated",
            Harm::Risk => "risk",
        }
    }

    /// Is this actual harm (not negated or risk)?
    pub fn is_harm(self) -> bool {
        matches!(self, Harm::Killed | Harm::Injured | Harm::KilledOrInjured)
    }
}

/// A victim phrase.
#[derive(Debug, Clone)]
pub struct Victim {
    /// Normalized phrase.
    pub phrase: String,
    /// Group id index into [`CasualtyLexicon::groups`].
    pub group: usize,
    /// Only in sentences holding one of these (normalized).
    pub when: Vec<String>,
}

/// The compiled casualty lexicon.
#[derive(Debug, Clone)]
pub struct CasualtyLexicon {
    /// Harm word → (pos, harm).
    pub harm: rustc_hash::FxHashMap<String, (Pos, Harm)>,
    /// Harm words counted only in some voices → those voices (as [`crate::metrics::casualties::CVoice::as_str`] names them).
    pub harm_voices: rustc_hash::FxHashMap<String, Vec<String>>,
    /// Risk phrases.
    pub risk: Vec<String>,
    /// The risk phrases in one automaton (pattern index = index in `risk`).
    pub risk_ac: Option<aho_corasick::AhoCorasick>,
    /// Victim phrases, longest first.
    pub victims: Vec<Victim>,
    /// Victim group ids, in first-seen order, `unspecified` included.
    pub groups: Vec<String>,
    /// Each group's label for charts and the page (its `label`, or the id with spaces for
    /// underscores), in the order of `groups`.
    pub labels: Vec<String>,
    /// Negation cues.
    pub negation: Vec<String>,
    /// Speculation cues.
    pub speculative: Vec<String>,
    /// Agent words.
    pub agents: Agents,
    /// Event cues.
    pub event: Event,
    /// Zone weights.
    pub weights: HashMap<Zone, f64>,
    /// Every harm form and risk phrase in one automaton: a paragraph with no match holds no
    /// mention and is skipped without further work.
    pub prefilter: Option<aho_corasick::AhoCorasick>,
}

impl CasualtyLexicon {
    /// Weight of a zone (1 when not set).
    pub fn weight(&self, z: Zone) -> f64 {
        self.weights.get(&z).copied().unwrap_or(1.0)
    }

    /// Index of the `unspecified` group.
    pub fn unspecified(&self) -> usize {
        self.groups
            .iter()
            .position(|g| g == "unspecified")
            .unwrap_or(0)
    }

    /// An empty lexicon (no casualty file): nothing is found.
    pub fn empty() -> CasualtyLexicon {
        CasualtyLexicon {
            harm: Default::default(),
            harm_voices: Default::default(),
            risk: vec![],
            risk_ac: None,
            victims: vec![],
            groups: vec!["unspecified".into()],
            labels: vec!["unspecified".into()],
            negation: vec![],
            speculative: vec![],
            agents: Agents::default(),
            event: Event::default(),
            weights: HashMap::new(),
            prefilter: None,
        }
    }

    /// Load and check the file.
    pub fn load(path: &Path) -> Result<CasualtyLexicon, Vec<Diagnostic>> {
        let src = crate::diag::read_source(path)?;
        Self::parse(path, &src)
    }

    /// Check and compile the text of the file at `path`.
    pub fn parse(path: &Path, src: &str) -> Result<CasualtyLexicon, Vec<Diagnostic>> {
        let sf = SourceFile::new(path, src);
        let f: File = toml::from_str(src).map_err(|e| vec![sf.toml_error(&e)])?;
        let mut diags = Vec::new();
        let norm = |v: &[String]| {
            v.iter()
                .map(|s| normalize_str(s.trim()))
                .collect::<Vec<_>>()
        };
        let mut harm = rustc_hash::FxHashMap::default();
        let mut harm_voices = rustc_hash::FxHashMap::default();
        for h in &f.harm {
            for v in &h.voices {
                if !VOICES.contains(&v.as_str()) {
                    diags.push(sf.error_at(
                        sf.find_value("voices", v),
                        format!("unknown voice `{v}`"),
                        Some(format!("voices are: {}", VOICES.join(", "))),
                    ));
                }
            }
            let pos = match h.pos.as_str() {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                "adjective" => Pos::Adjective,
                other => {
                    diags.push(sf.error_at(
                        sf.find_value("pos", other),
                        format!("unknown pos `{other}`"),
                        Some("pos is one of: verb, noun, adjective".into()),
                    ));
                    continue;
                }
            };
            let hc = match h.harm.as_str() {
                "killed" => Harm::Killed,
                "injured" => Harm::Injured,
                "killed_or_injured" => Harm::KilledOrInjured,
                other => {
                    diags.push(sf.error_at(
                        sf.find_value("harm", other),
                        format!("unknown harm `{other}`"),
                        Some("harm is one of: killed, injured, killed_or_injured".into()),
                    ));
                    continue;
                }
            };
            for form in norm(&h.forms) {
                if form.contains(' ') || form.is_empty() {
                    diags.push(sf.error_at(
                        sf.find_value("forms", &form),
                        format!("harm form `{form}` must be one word"),
                        Some(
                            "list the word of the phrase that carries the harm (\"gunned down\": \
                             \"gunned\"), or leave the phrase to a harm word near it"
                                .into(),
                        ),
                    ));
                    continue;
                }
                if !h.voices.is_empty() {
                    harm_voices.insert(form.clone(), h.voices.clone());
                }
                if harm.insert(form.clone(), (pos, hc)).is_some() {
                    diags.push(sf.error_at(
                        sf.find_value("forms", &form),
                        format!("harm form `{form}` is listed twice"),
                        None,
                    ));
                }
            }
        }
        let mut groups: Vec<String> = Vec::new();
        let mut labels: Vec<Option<String>> = Vec::new();
        let mut victims = Vec::new();
        for v in &f.victim {
            let gi = match groups.iter().position(|g| *g == v.group) {
                Some(i) => i,
                None => {
                    groups.push(v.group.clone());
                    labels.push(None);
                    groups.len() - 1
                }
            };
            if let Some(raw) = &v.label {
                let l = raw.trim();
                match &labels[gi] {
                    _ if l.is_empty() => diags.push(sf.error_at(
                        sf.find_value("label", raw),
                        format!("label of victim group `{}` is empty", v.group),
                        None,
                    )),
                    Some(old) if old != l => diags.push(Diagnostic {
                        hint: Some("give the label once, on one of the group's entries".into()),
                        ..sf.error_at(
                            sf.find_value("label", raw),
                            format!(
                                "victim group `{}` is labelled both `{old}` and `{l}`",
                                v.group
                            ),
                            None,
                        )
                    }),
                    _ => labels[gi] = Some(l.to_string()),
                }
            }
            for p in norm(&v.phrases) {
                victims.push(Victim {
                    phrase: p,
                    group: gi,
                    when: norm(&v.when),
                });
            }
        }
        if !groups.iter().any(|g| g == "unspecified") {
            groups.push("unspecified".into());
            labels.push(None);
        }
        let labels: Vec<String> = groups
            .iter()
            .zip(labels)
            .map(|(g, l)| l.unwrap_or_else(|| g.replace('_', " ")))
            .collect();
        // Longest first; stable so the first listed wins on equal length.
        victims.sort_by_key(|v| std::cmp::Reverse(v.phrase.len()));
        let mut weights = HashMap::new();
        for (k, w) in &f.weights {
            match Zone::parse(k) {
                Some(z) if w.is_finite() && *w >= 0.0 => {
                    weights.insert(z, *w);
                }
                Some(_) => diags.push(sf.error_at(sf.find_value(k, ""), format!("weight of `{k}` must be a number >= 0"), None)),
                None => diags.push(Diagnostic {
                    hint: Some("weights are set per zone: headline, standfirst, lead, crosshead, caption, embed, body".into()),
                    ..sf.error_at(src.find(&format!("{k} =")), format!("unknown zone `{k}` in [weights]"), None)
                }),
            }
        }
        let agents = Agents {
            instruments: norm(&f.agents.instruments),
            actors: norm(&f.agents.actors),
        };
        let event = Event {
            main: norm(&f.event.main),
            context: norm(&f.event.context),
        };
        if !diags.is_empty() {
            return Err(diags);
        }
        let risk: Vec<String> = f.risk.iter().flat_map(|r| norm(&r.phrases)).collect();
        let prefilter = aho_corasick::AhoCorasick::new(harm.keys().chain(risk.iter())).ok();
        let risk_ac = if risk.is_empty() {
            None
        } else {
            aho_corasick::AhoCorasick::new(&risk).ok()
        };
        Ok(CasualtyLexicon {
            prefilter,
            harm,
            harm_voices,
            risk_ac,
            risk,
            victims,
            groups,
            labels,
            negation: norm(&f.negation.words),
            speculative: norm(&f.speculative.words),
            agents,
            event,
            weights,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "[lexicon]\nname = \"casualties\"\nversion = \"1\"\nlanguage = \"en\"\n\n[[harm]]\nforms = [\"killed\"]\npos = \"verb\"\nharm = \"killed\"\n\n";

    fn parse(victims: &str) -> Result<CasualtyLexicon, Vec<Diagnostic>> {
        CasualtyLexicon::parse(Path::new("casualties.toml"), &format!("{HEAD}{victims}"))
    }

    #[test]
    fn a_label_names_its_group_and_the_id_stands_in_without_one() {
        let lex = parse(
            "[[victim]]\nphrases = [\"troops\"]\ngroup = \"us_military\"\n\n\
             [[victim]]\nphrases = [\"soldiers\"]\ngroup = \"us_military\"\nlabel = \"US military\"\n\n\
             [[victim]]\nphrases = [\"fighters\"]\ngroup = \"armed_group\"\n",
        )
        .unwrap();
        assert_eq!(lex.groups, ["us_military", "armed_group", "unspecified"]);
        assert_eq!(lex.labels, ["US military", "armed group", "unspecified"]);
    }

    #[test]
    fn a_harm_entry_may_be_limited_to_voices_it_names() {
        let src = "[[harm]]\nforms = [\"hurt\"]\npos = \"verb\"\nharm = \"injured\"\nvoices = [\"passive\"]\n";
        let lex = CasualtyLexicon::parse(Path::new("casualties.toml"), src).unwrap();
        assert_eq!(
            lex.harm_voices.get("hurt").unwrap(),
            &["passive".to_string()]
        );
        let bad = src.replace("\"passive\"]", "\"pasive\"]");
        let errs = CasualtyLexicon::parse(Path::new("casualties.toml"), &bad).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            (errs[0].line, errs[0].message.as_str()),
            (5, "unknown voice `pasive`")
        );
    }

    #[test]
    fn two_labels_for_one_group_or_an_empty_label_are_errors_at_their_line() {
        let errs = parse(
            "[[victim]]\nphrases = [\"troops\"]\ngroup = \"g\"\nlabel = \"G one\"\n\n\
             [[victim]]\nphrases = [\"soldiers\"]\ngroup = \"g\"\nlabel = \"G two\"\n\n\
             [[victim]]\nphrases = [\"men\"]\ngroup = \"h\"\nlabel = \" \"\n",
        )
        .unwrap_err();
        let msgs: Vec<String> = errs
            .iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect();
        assert_eq!(
            msgs,
            [
                "19: victim group `g` is labelled both `G one` and `G two`",
                "24: label of victim group `h` is empty"
            ]
        );
    }
}
