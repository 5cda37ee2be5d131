//! Invariants that must hold for any text, checked on generated articles (proptest):
//! offsets lie on character boundaries of the original text and inside their sentence; the
//! article's counts equal the rows of the hit tables; densities equal 1000·n/words;
//! quotations never overlap unless one is nested in the other; re-wrapping the lines of a
//! paragraph does not change what is found.

mod common;

use proptest::prelude::*;
use slant::corpus::{Article, Origin};
use slant::pipeline::{self, Context};
use slant::text::Document;
use std::sync::OnceLock;

fn ctx() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| Context::load(&common::crate_root().join("lexicons"), None).unwrap())
}

const WORDS: &[&str] = &[
    "the",
    "US",
    "drone",
    "strike",
    "killed",
    "three",
    "people",
    "including",
    "a",
    "commander",
    "of",
    "the",
    "Iran-backed",
    "militia",
    "in",
    "Baghdad",
    "said",
    "Rasool",
    "aggression",
    "blatant",
    "assassination",
    "so-called",
    "resistance",
    "Kata\u{2019}ib",
    "forces\u{2019}",
    "civilians",
    "were",
    "injured",
    "according",
    "to",
    "CENTCOM",
    "deadly",
    "27,800",
    "U.S.",
    "é",
    "\u{00A0}",
    "—",
    "sovereignty",
    "violation",
    "retaliation",
    "he",
    "added",
    // Speaker rules: a name joined by a hyphen to a role ("pro-Iran media", and "media" inside
    // "Trump-media", which once sliced backwards), a passive cue, a role with an adverb.
    "pro-Iran",
    "Trump-media",
    "media",
    "was",
    "declared",
    "reports",
    "also",
];
const MARKS: &[&str] = &[
    "\"", "\u{201C}", "\u{201D}", "'", "\u{2018}", "\u{2019}", "''", ",", ".", "\n", "\n\n",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(WORDS).prop_map(|w| format!("{w} ")),
            1 => prop::sample::select(MARKS).prop_map(|m| m.to_string()),
        ],
        1..120,
    )
    .prop_map(|parts| parts.concat())
}

fn article(text: String) -> Article {
    Article::from_record(
        "gen".into(),
        "Gen".into(),
        Some("A generated headline".into()),
        text,
        Origin {
            file: "generated".into(),
            line: None,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn offsets_counts_and_spans_are_consistent(text in text_strategy()) {
        let a = article(text);
        let doc = Document::build(&a, &ctx().layout);
        let an = pipeline::analyse(&doc, ctx());
        let chars: Vec<(usize, char)> = a.text.char_indices().collect();
        let nchars = chars.len();
        for h in &an.loaded.hits {
            prop_assert!(a.text.is_char_boundary(h.start) && a.text.is_char_boundary(h.end));
            prop_assert!(h.start < h.end);
            let s = doc.sentences[h.sentence];
            prop_assert!(s.start <= h.start && h.end <= s.end, "hit outside its sentence");
        }
        for r in &an.hits {
            prop_assert!(r.char_start < r.char_end && r.char_end <= nchars);
            let text: String = a.text.chars().skip(r.char_start).take(r.char_end - r.char_start).collect();
            prop_assert_eq!(&text, &r.matched);
        }
        // Regression: speech rows' offsets took in the ", " before the reported words, so
        // slicing the article at them did not give the row's text.
        let slice = |s: usize, e: usize| -> String { a.text.chars().skip(s).take(e - s).collect() };
        for r in &an.reported {
            prop_assert!(r.words > 0, "a speech row reports no words: {:?}", r.text);
            // It does not lie inside one quotation (marks included).
            let byte = |c: usize| a.text.char_indices().nth(c).map_or(a.text.len(), |(i, _)| i);
            let (s, e) = (byte(r.char_start), byte(r.char_end));
            prop_assert!(
                !doc.quotes.iter().any(|q| q.start <= s && e <= q.end),
                "a speech row repeats a quotation: {:?}", r.text
            );
            prop_assert!(r.char_start < r.char_end && r.char_end <= nchars);
            prop_assert_eq!(slice(r.char_start, r.char_end), r.text.clone());
        }
        // counts equal rows
        let counted: usize = an.loaded.counts.iter().map(|c| c.iter().sum::<usize>()).sum();
        prop_assert_eq!(counted, an.hits.len());
        prop_assert_eq!(an.quotes.len(), doc.quotes.len());
        // densities
        for c in 0..ctx().lexicon.categories.len() {
            if let Some(d) = an.loaded.density_adopted(c) {
                let want = 1000.0 * an.loaded.adopted(c) as f64 / an.loaded.words_unquoted as f64;
                prop_assert!((d - want).abs() < 1e-9);
            }
        }
        // quotations never overlap unless nested
        for (i, p) in doc.quotes.iter().enumerate() {
            for q in &doc.quotes[i + 1..] {
                let disjoint = p.end <= q.start || q.end <= p.start;
                let nested = (p.start <= q.start && q.end <= p.end) || (q.start <= p.start && p.end <= q.end);
                prop_assert!(disjoint || nested, "quotations overlap");
            }
        }
        for m in &an.casualties {
            prop_assert!(a.text.is_char_boundary(m.m.start) && a.text.is_char_boundary(m.m.end));
        }
    }

    #[test]
    fn rewrapping_lines_does_not_change_phrase_counts(text in text_strategy()) {
        // Paragraphs separated by blank lines, each a single line...
        let paras: Vec<String> = text
            .replace('\n', " ")
            .split('.')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        // Hard-wrapped text wraps every paragraph: keep those long enough to wrap at 40.
        let paras: Vec<String> = paras.into_iter().filter(|p| p.chars().count() > 50).collect();
        if paras.len() < 2 {
            return Ok(());
        }
        let one_line = paras.join(".\n\n");
        // ...and the same paragraphs hard-wrapped at 40 columns.
        let wrapped = paras
            .iter()
            .map(|p| {
                let mut out = String::new();
                let mut col = 0;
                for w in p.split(' ') {
                    if col > 0 && col + w.chars().count() > 40 {
                        out.push('\n');
                        col = 0;
                    } else if col > 0 {
                        out.push(' ');
                        col += 1;
                    }
                    out.push_str(w);
                    col += w.chars().count();
                }
                out
            })
            .collect::<Vec<_>>()
            .join(".\n\n");
        let count = |t: String| {
            let a = article(t);
            let doc = Document::build(&a, &slant::text::Layout::empty());
            let an = pipeline::analyse(&doc, ctx());
            let mut v: Vec<String> = an.hits.iter().map(|h| format!("{}:{}", h.term, h.matched.split_whitespace().collect::<Vec<_>>().join(" "))).collect();
            v.sort();
            v
        };
        prop_assert_eq!(count(one_line), count(wrapped));
    }
}

/// The word definition of `text::segment`, written the slow and obvious way: characters in
/// order, a word a run of letters and digits, joined across one `-`, `'`, `’`, `.`, U+2010 or
/// U+2011 between two of them, and across `,`, `:` or `.` between two digits.
fn words_by_definition(s: &str) -> Vec<(usize, usize)> {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    let word = |k: usize| cs.get(k).is_some_and(|&(_, c)| c.is_alphanumeric());
    let mut out = Vec::new();
    let mut k = 0;
    while k < cs.len() {
        if !word(k) {
            k += 1;
            continue;
        }
        let start = cs[k].0;
        while word(k)
            || (k > 0 && word(k - 1) && word(k + 1) && {
                let (j, p, n) = (cs[k].1, cs[k - 1].1, cs[k + 1].1);
                matches!(j, '-' | '\'' | '\u{2019}' | '.' | '\u{2010}' | '\u{2011}')
                    || (p.is_ascii_digit() && n.is_ascii_digit() && matches!(j, ',' | ':' | '.'))
            })
        {
            k += 1;
        }
        out.push((start, cs.get(k).map_or(s.len(), |&(i, _)| i)));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    // The tokenizer has an all-ASCII byte path beside its character path; either must give
    // exactly the words of the definition, whatever the mix.
    #[test]
    fn tokens_follow_the_word_definition(
        parts in prop::collection::vec(prop::sample::select(vec![
            "a", "Z", "7", "0", "-", "'", "\u{2019}", ".", ",", ":", " ", "\u{a0}", "é", "\u{2010}",
            "\u{2011}", "\u{201C}", "日", "٣", "\n", "!", "ß", "\u{301}",
        ]), 0..40)
    ) {
        let s: String = parts.concat();
        let mut got = Vec::new();
        slant::text::segment::for_each_token(&s, |a, b| got.push((a, b)));
        prop_assert_eq!(got, words_by_definition(&s), "{:?}", s);
    }
}

/// The analysis of a generated article with `text` (after the generated headline).
fn analysed(text: &str) -> pipeline::Analysis {
    let a = article(text.into());
    let doc = Document::build(&a, &ctx().layout);
    pipeline::analyse(&doc, ctx())
}

/// Each speech row's cue, text and speaker as named, in order.
fn cues_texts_and_speakers(an: &pipeline::Analysis) -> Vec<(&str, &str, Option<&str>)> {
    an.reported
        .iter()
        .map(|r| (r.cue.as_str(), r.text.as_str(), r.speaker.as_deref()))
        .collect()
}

/// Each speech row's cue and text, in order.
fn cues_and_texts(an: &pipeline::Analysis) -> Vec<(&str, &str)> {
    an.reported
        .iter()
        .map(|r| (r.cue.as_str(), r.text.as_str()))
        .collect()
}

/// Regression: a cue with nothing after it made a speech row with no words. In "“...,” he
/// said and demanded immediate withdrawal" (Peoples Dispatch) the span after "said" stops at
/// the next reporting verb and is empty; 2,155 of 89,167 speech rows on 5,000 AllSides
/// articles were such rows (text "." or nothing). The quotation before the cue keeps its row,
/// and the verb joined to the cue reports words of its own (session 8: the speech gold).
#[test]
fn a_cue_with_no_words_after_it_makes_no_speech_row() {
    let an = analysed(
        "Sheikh Qais al-Khazali issued a statement. \u{201C}The continued American attacks are \
         evidence of contempt for the Iraqi people,\u{201D} he said and demanded immediate \
         withdrawal of all foreign troops.\n\nThe ministry said the strike violated Iraqi law.",
    );
    let rows = cues_and_texts(&an);
    assert_eq!(
        rows,
        vec![
            ("demanded", "immediate withdrawal of all foreign troops."),
            ("said", "the strike violated Iraqi law.")
        ]
    );
    assert_eq!(an.quotes.len(), 1);
}

/// Found by the session-8 trial: "CLAUSE, said Biden." (no quote marks) made a row of the
/// name, and the clause stayed the outlet's own words; "CLAUSE, Y said, condemning ..." made a
/// row of the participle's words only. Both clauses are the speaker's.
#[test]
fn a_clause_before_an_inverted_or_joined_cue_is_reported_speech() {
    let an = analysed(
        "The strike was a grave violation of sovereignty, said Biden.\n\n\
         The raid was an act of aggression, the Pentagon said, condemning the attack.",
    );
    let rows = cues_and_texts(&an);
    assert_eq!(
        rows,
        vec![
            ("said", "The strike was a grave violation of sovereignty"),
            ("said", "The raid was an act of aggression"),
            ("condemning", "the attack.")
        ]
    );
    // Each clause has its speaker, and the participle's is the verb's.
    assert_eq!(an.reported[0].speaker.as_deref(), Some("Biden"));
    assert_eq!(an.reported[1].speaker.as_deref(), Some("the Pentagon"));
    assert_eq!(an.reported[2].speaker, an.reported[1].speaker);
}

/// Found by the session-8 trial: a second speaker inside a span ("..., the US claimed that
/// ...") was counted as the first one's words, and a relative pronoun's speaker was taken from
/// the start of the sentence ("The U.S. strike drew criticism from Iraqi officials, who
/// warned ..." -> the U.S.).
#[test]
fn a_second_speaker_and_a_relative_pronoun_get_their_own_speakers() {
    let an = analysed(
        "Kataib Hezbollah announced a pause in its attacks, the US claimed that the commander \
         planned the raid.\n\nThe U.S. strike drew swift criticism from Iraqi officials, who \
         warned that the attacks inflame tensions.",
    );
    let rows = cues_texts_and_speakers(&an);
    assert_eq!(rows[0].0, "announced");
    assert_eq!(rows[0].1, "a pause in its attacks");
    assert_eq!(rows[1].0, "claimed");
    assert_eq!(rows[1].1, "that the commander planned the raid.");
    assert_eq!(rows[1].2, Some("the US"));
    assert_eq!(rows[2].0, "warned");
    assert!(
        rows[2].2.is_some_and(|s| s.contains("Iraqi officials")),
        "{:?}",
        rows[2]
    );
}

/// Found by the speech gold (Rudaw, Middle East Monitor): a passive cue took a speaker from
/// its subject ("the Islamic State, which ... was declared territorially defeated" -> Iraq;
/// on 5,000 AllSides articles "Barr has been accused of" -> U.S., "Conway also was asked" ->
/// Conway), though the subject is what is spoken of or to; a name that only modifies a role
/// through a hyphen spoke for it ("pro-Iran media" -> Iran, "Iran-aligned militia groups" ->
/// Iran); "Other reports" was a speaker named "Other".
#[test]
fn passive_cues_hyphenated_names_and_reports() {
    let an = analysed(
        "The Islamic State once held land in Iraq but was declared territorially defeated in \
         2019.\n\nConway also was asked about the comment.\n\nJohn Kirby was quoted as saying \
         the talks had failed.\n\nPro-Iran media reported that the commander was killed.\n\n\
         Iran-aligned militia groups said the strikes would continue.\n\nOther reports also \
         stated that a second man died.\n\nIraq declared that the attack was illegal.\n\nThe \
         new phase of Trump-media relations is unusual, said media experts.",
    );
    // From the review of this rule: a verb joined to a passive one kept the passive's blank
    // speaker; "was reported as saying" lost its subject; "-ly" nouns were cut from role
    // phrases as if adverbs ("Protesters at the rally" -> "Protesters at the").
    let more = analysed(
        "Sanders was asked whether he would run, and replied that he would not.\n\nMr. Smith \
         was reported as saying the deal was off.\n\nProtesters at the rally said the strike \
         was illegal.",
    );
    let who: Vec<(&str, Option<&str>)> = more
        .reported
        .iter()
        .map(|r| (r.cue.as_str(), r.speaker.as_deref()))
        .collect();
    assert_eq!(
        who,
        [
            ("asked", None),
            ("replied", Some("Sanders")),
            ("reported", Some("Smith")),
            ("said", Some("Protesters at the rally"))
        ],
        "{who:?}"
    );
    let rows: Vec<(&str, Option<&str>, Option<usize>)> = an
        .reported
        .iter()
        .map(|r| (r.cue.as_str(), r.speaker.as_deref(), r.group))
        .collect();
    let g = |id: &str| ctx().groups.groups.iter().position(|g| g.id == id);
    let find = |cue: &str| {
        rows.iter()
            .find(|r| r.0 == cue)
            .unwrap_or_else(|| panic!("no `{cue}` row in {rows:?}"))
    };
    // Regression (the 37,554 AllSides articles): a role inside the hyphenated word ("media"
    // of "Trump-media relations") was sliced from the word's end back to its start, and the
    // article was skipped with an internal error.
    assert_eq!(rows.last().unwrap().0, "said", "{rows:?}");
    // A passive reports nothing unless it opens a clause (then nobody is named: "was asked
    // whether", above). Session 12, from the PolNeAR speech score: of 116 such rows on its
    // train split, 25 read, none reported words ("was declared the winner", "was asked
    // about the comment"); "was declared territorially defeated" (a doubtful span of the
    // seed gold) went with them.
    assert!(
        rows.iter()
            .all(|r| r.0 != "asked" && !(r.0 == "declared" && r.1.is_none())),
        "{rows:?}"
    );
    // Active, and "quoted as saying": the subject speaks.
    assert_eq!(rows[rows.len() - 2].1, Some("Iraq"), "{rows:?}");
    assert_eq!(find("saying").1, Some("John Kirby"), "{rows:?}");
    // A hyphenated name modifies the role that speaks.
    assert_eq!(find("reported").2, g("media"), "{rows:?}");
    assert_eq!(find("said").2, g("armed_group"), "{rows:?}");
    // The role phrase without its closing adverb.
    assert_eq!(find("stated").1, Some("Other reports"), "{rows:?}");
    assert_eq!(find("stated").2, g("media"), "{rows:?}");
}

/// Noticed in sessions 8 and 9 on AllSides: the capitalised word opening a sentence was taken
/// for a name when nothing better was found ("If we believe ..." -> "If", "Some insurers said"
/// -> "Some": 4,403 speech rows and 398 quotations of 5,000 articles had such a speaker). A
/// lone opener is no speaker now; a group noun ("Democrats") still is, and so is a name; an
/// unnamed source the opener begins ("Some insurers", "Another commenter") is the speaker.
#[test]
fn a_lone_sentence_opener_is_no_speaker() {
    let an = analysed(
        "If we believe the report, the strike was illegal.\n\nSome insurers said the data \
         falls short.\n\nDemocrats said it was because of the venue.\n\nKelly said the plan \
         would fail.\n\nAnother commenter wrote that the raid was a mistake.\n\nSome people \
         might call that unfair.\n\nSome say the cut is too deep.\n\nTwo officials familiar \
         with the matter said the talks failed.\n\nSeveral Republican senators said the bill \
         is dead.\n\nSome days later, officials said the road was open.\n\nSome\u{a0}legal \
         scholars say the ruling is wrong.",
    );
    let rows = cues_texts_and_speakers(&an);
    let who: Vec<(&str, Option<&str>)> = rows.iter().map(|r| (r.0, r.2)).collect();
    // The phrase a counting determiner opens is the source when its noun is plural ("Some
    // insurers", without the "might" before the verb), or a person after "another"; a
    // determiner alone is nobody.
    assert_eq!(
        who,
        [
            ("believe", None),
            ("said", Some("Some insurers")),
            ("said", Some("Democrats")),
            ("said", Some("Kelly")),
            ("wrote", Some("Another commenter")),
            ("call", Some("Some people")),
            ("say", None),
            // From the review of that rule: a counting word opening a capitalised run
            // ("Two", "Several Republican") was taken for the name; the source's noun comes
            // before "familiar with"; a phrase across a comma is no source (after the comma,
            // the bare plural "officials" is, since session 10); a non-breaking space is a
            // space in the name.
            ("said", Some("Two officials familiar with the matter")),
            ("said", Some("Several Republican senators")),
            ("said", Some("officials")),
            ("say", Some("Some legal scholars"))
        ],
        "{rows:?}"
    );
}

/// Found by the speech gold (Peoples Dispatch): "It has stated that ..." took the US for "It",
/// the organisation named last, in "attacks against the US forces"; a target is not what "it"
/// stands for.
#[test]
fn it_is_not_the_target_named_last() {
    let an = analysed(
        "Kataib Hezbollah has carried out more than 160 attacks against the US forces in the \
         region. It has stated that the attacks will continue.",
    );
    let rows = cues_texts_and_speakers(&an);
    let stated = rows
        .iter()
        .find(|r| r.0 == "stated")
        .expect("a `stated` row");
    assert!(
        an.reported
            .iter()
            .find(|r| r.cue == "stated")
            .and_then(|r| r.resolved.as_deref())
            .is_some_and(|s| s.contains("Hezbollah")),
        "{rows:?} {stated:?}"
    );
}

/// Found by the session-8 review, each a sentence of its own: a span jumped to a relative
/// "that" after "said this was ..."; "On Monday, Kirby said X." reported "On Monday"; a
/// participle after "by" took the speaker "By"; "claims" after "and" was taken as a verb; a
/// second speaker after ", and" stayed in the first one's span; a quotation's tail after a
/// comma outside the marks became a span.
#[test]
fn review_of_session_8_reported_speech_cases() {
    let an = analysed(
        "Biden said this was a mistake that cost many lives.\n\n\
         On Monday, Kirby said the strike hit a depot.\n\n\
         By claiming that the strike was legal, the Pentagon said the matter was closed.\n\n\
         Kirby said the strike and claims by Iran were false.\n\n\
         Kataib Hezbollah announced a pause, and the US claimed that the truce was a ruse.\n\n\
         \u{201C}The strike was illegal\u{201D}, he told a reporter during a long briefing in \
         Baghdad on Monday.",
    );
    let rows = cues_texts_and_speakers(&an);
    assert_eq!(
        rows,
        vec![
            (
                "said",
                "this was a mistake that cost many lives.",
                Some("Biden")
            ),
            ("said", "the strike hit a depot.", Some("Kirby")),
            (
                "claiming",
                "that the strike was legal",
                Some("the Pentagon")
            ),
            ("said", "the matter was closed.", Some("the Pentagon")),
            (
                "said",
                "the strike and claims by Iran were false.",
                Some("Kirby")
            ),
            ("announced", "a pause", Some("Kataib Hezbollah")),
            ("claimed", "that the truce was a ruse.", Some("the US")),
        ]
    );
}

/// Found in review: in "“The attacks must stop now,” he said." the clause before "he said" is
/// the quotation, and it made a speech row too (text "“The attacks must stop now"), repeating
/// the quotation's words as reported speech; 12,820 of 87,012 speech rows on 5,000 AllSides
/// articles were such rows. A span whose words all lie inside one quotation is no speech row;
/// one with words of its own around a quoted phrase still is.
#[test]
fn a_quotation_before_its_cue_is_not_also_reported_speech() {
    let an = analysed(
        "\u{201C}The attacks on our bases must stop now,\u{201D} he said.\n\n\
         The strike was a violation of \u{201C}Iraqi sovereignty\u{201D} and an attack on the \
         country, the statement said.",
    );
    let rows: Vec<&str> = an.reported.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        rows,
        vec!["The strike was a violation of \u{201C}Iraqi sovereignty\u{201D} and an attack on the country"]
    );
    assert_eq!(an.quotes.len(), 2);
}

/// `first_mention_position` is measured in characters, as `char_start` counts them and as the
/// measure is defined ((char_start − body_start) / (body_end − body_start)): it was measured in
/// bytes, so curly quotes and dashes before the first mention (three bytes each) moved it down.
#[test]
fn first_mention_position_counts_characters() {
    let a = article(
        "Officials said \u{201C}drones\u{201D} \u{2014} \u{201C}many drones\u{201D} \u{2014} \
         flew over the city on Tuesday night, and residents \u{201C}heard\u{201D} them.\n\n\
         Two civilians were killed in the strike, the ministry said."
            .into(),
    );
    let doc = Document::build(&a, &ctx().layout);
    let an = pipeline::analyse(&doc, ctx());
    let (bs, be) = doc.body_span().expect("a body");
    let first = an
        .casualties
        .iter()
        .map(|c| c.m.start)
        .filter(|&s| s >= bs && s < be)
        .min()
        .expect("a casualty mention in the body");
    let chars = |s: &str| s.chars().count() as f64;
    let want = chars(&a.text[bs..first]) / chars(&a.text[bs..be]);
    let got = an.casualty_stats.first_position.expect("a position");
    assert!((got - want).abs() < 1e-12, "{got} against {want}");
    // The text is not ASCII before the mention, so bytes would give another answer.
    let bytes = (first - bs) as f64 / (be - bs) as f64;
    assert!((bytes - want).abs() > 0.01, "{bytes} and {want}");
}

/// From a second new-user trial: "the so-called Islamic Resistance, an umbrella organization
/// ..." made a speech row with the cue "called" (speaker "Ever"). Joined to the word before by
/// a hyphen, "called" is part of a compound, not a reporting verb; a hit in what followed was
/// voiced "paraphrase" instead of the outlet's own.
#[test]
fn so_called_is_not_a_reporting_verb() {
    let an = analysed(
        "Ever since, the so-called Islamic Resistance in Iraq, an umbrella organization of \
         armed groups, has carried out attacks on US bases.\n\nThe ministry said the strike \
         violated Iraqi law.",
    );
    let cues: Vec<&str> = an.reported.iter().map(|r| r.cue.as_str()).collect();
    assert_eq!(cues, vec!["said"]);
}

/// Regression: verb forms that are more often nouns reported speech wherever they stood. A
/// new-user trial found "The army post near the border was attacked ..., the defence minister
/// said" cued by "post", with "The army" as its speaker; on 10,000 AllSides articles "state",
/// "states", "report", "point", "comments", ... made about 15,000 speech rows, nearly all
/// nouns ("on state property", "swing states", "a CBO report showing"). With a verb's marks
/// around them they still report.
#[test]
fn homographs_report_only_when_used_as_verbs() {
    let an = analysed(
        "The army post near the border was attacked on Monday night, the defence minister \
         said.\n\n\
         Republicans in swing states are nervous about the bill.\n\n\
         A CBO report showing higher costs came out on Friday.\n\n\
         The report states that costs will rise.\n\n\
         Critics point out the plan was never funded.\n\n\
         They claim the vote was rigged.",
    );
    let cues: Vec<&str> = an.reported.iter().map(|r| r.cue.as_str()).collect();
    assert_eq!(cues, vec!["said", "states", "point", "claim"]);
    assert_eq!(
        an.reported[0].speaker.as_deref(),
        Some("the defence minister")
    );
}

/// Regression: after an inverted cue with a long tail (", says Dante Scala, a political
/// scientist at the University of New Hampshire.") the name and its appositive were taken for
/// what was said, and the clause before the comma was lost. Found by scoring reported speech
/// on PolNeAR.
#[test]
fn an_inverted_cue_with_a_named_appositive_reports_the_clause_before_it() {
    let an = analysed(
        "Super PACs have been setting the table for voters this year, says Dante Scala, a \
         political scientist at the University of New Hampshire.",
    );
    let rows: Vec<(&str, Option<&str>, &str)> = an
        .reported
        .iter()
        .map(|r| (r.cue.as_str(), r.speaker.as_deref(), r.text.as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![(
            "says",
            Some("Dante Scala"),
            "Super PACs have been setting the table for voters this year"
        )]
    );
}

/// Regression: verbs that are seldom speech, and participles after "be", made speech rows.
/// Scoring reported speech on PolNeAR showed "released" right in 22 of 117 spans, "call" 13
/// of 75, "find" 5 of 42, "continued" 6 of 33, and passives such as "He was released one day
/// before" or "Sanders was asked about their case" (read 25 of 116: none reported words).
#[test]
fn passives_and_seldom_speech_verbs_report_nothing() {
    let an = analysed(
        "He was released one day before the guards opened fire.\n\n\
         The ministry released a statement on Monday.\n\n\
         Sanders will find little sympathy for the case.\n\n\
         The protests continued after the primary.\n\n\
         Cruz made an unprompted call for an end to sugar subsidies.\n\n\
         It was reported that the talks had failed.",
    );
    let cues: Vec<&str> = an.reported.iter().map(|r| r.cue.as_str()).collect();
    assert_eq!(cues, vec!["reported"]);
}

/// Regression (new-user trial, session 12): a person named with an organisation the lexicon
/// knows ("Paul Haines of Human Rights Watch told this newspaper") was credited to the
/// organisation, and "He said" after "Jamal Reed of Human Rights Watch" went to it too. The
/// person speaks, in the organisation's group. An organisation's name before "of" and a
/// capital is part of a longer name: "the state Department of Water Resources" is no State
/// Department.
#[test]
fn a_person_of_an_organisation_speaks_in_its_group() {
    let an = analysed(
        "\u{201C}Transparency is not optional,\u{201D} Paul Haines of Human Rights Watch told \
         reporters.\n\n\
         Protest organizer Jamal Reed of Human Rights Watch disputed the police account. He \
         said the crowd had been peaceful.\n\n\
         Chris Orrock, a spokesman for the state Department of Water Resources, said the \
         spillway held.",
    );
    let g = |id: &str| ctx().groups.groups.iter().position(|g| g.id == id);
    let q: Vec<(Option<&str>, Option<usize>)> = an
        .quotes
        .iter()
        .map(|q| (q.resolved.as_deref(), q.group))
        .collect();
    assert_eq!(q, vec![(Some("Paul Haines"), g("analyst_ngo"))]);
    let r: Vec<(&str, Option<&str>, Option<usize>)> = an
        .reported
        .iter()
        .map(|r| (r.cue.as_str(), r.resolved.as_deref(), r.group))
        .collect();
    let said: Vec<_> = r.iter().filter(|x| x.0 == "said").collect();
    assert_eq!(said.len(), 2, "{r:?}");
    assert_eq!(*said[0], ("said", Some("Jamal Reed"), g("analyst_ngo")));
    assert!(said[1].2 != g("us_government"), "{r:?}");
}

/// Regression (new-user trial, session 12): "told this newspaper." after a quotation's cue made
/// a speech row of the two words naming who was told.
#[test]
fn told_and_a_short_addressee_reports_nothing() {
    let an = analysed(
        "\u{201C}We will appeal,\u{201D} Paul Haines of Human Rights Watch told this newspaper.\n\n\
         Haines told reporters the ruling would be appealed.",
    );
    let rows: Vec<(&str, &str)> = an
        .reported
        .iter()
        .map(|r| (r.cue.as_str(), r.text.as_str()))
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "told");
    assert!(
        rows[0].1.contains("the ruling would be appealed"),
        "{rows:?}"
    );
    // Found by the review of these rules: without a quotation before it a short tail is what
    // was told; "be" across a comma is no passive; a time before "that" keeps the passive's
    // clause; "by" and an -ing says how.
    let an = analysed(
        "The minister told reporters Iran lied.\n\n\
         The economy is not as strong as it should be, warned the IMF.\n\n\
         It was reported on Monday that five people died.\n\n\
         Trump responded by attacking the judge as biased.",
    );
    let cues: Vec<&str> = an.reported.iter().map(|r| r.cue.as_str()).collect();
    assert_eq!(cues, vec!["told", "warned", "reported", "responded"]);
}

/// Regression: a known speaker's name followed by "Jr." named the father. A new-user trial
/// found "Donald Trump Jr." counted as Donald Trump, in the US government's group; on 10,000
/// AllSides articles 65 quotations and 72 speech rows were his son's.
#[test]
fn a_name_with_jr_is_not_the_known_speaker_of_that_name() {
    let an = analysed(
        "Donald Trump Jr. said the meeting was a waste of time.\n\n\
         \u{201C}It was nothing,\u{201D} Trump Jr. said.\n\n\
         \u{201C}It was a great meeting,\u{201D} Donald Trump said.",
    );
    let who: Vec<Option<&str>> = an.quotes.iter().map(|q| q.resolved.as_deref()).collect();
    assert_eq!(who, vec![Some("Trump Jr"), Some("Donald Trump")]);
    let reported: Vec<Option<&str>> = an.reported.iter().map(|r| r.speaker.as_deref()).collect();
    assert_eq!(reported, vec![Some("Donald Trump Jr")]);
    // Unless the lexicon names the speaker with the suffix (review: Joe Biden's aliases hold
    // "Joseph R. Biden Jr.").
    let an = analysed("\u{201C}It was wrong,\u{201D} said Joseph R. Biden, Jr., the president.");
    assert_eq!(an.quotes[0].resolved.as_deref(), Some("Joe Biden"));
}

/// Regression: an accusing verb right before "of", "for", "by" or "over" is a passive, and
/// its subject is the accused. A new-user trial found "Senator Smith accused of lying" making
/// Smith the speaker of "of lying about the deal"; on 10,000 AllSides articles 668 speech rows
/// were such passives ("accused of wrongdoing", "was criticized for his treatment of ...").
/// The active verb, with its object first, still reports. Scoring reported speech on PolNeAR
/// found the same for any participle before "by" and its agent: 77 spans on train such as
/// "by MSNBC." for "was first reported by MSNBC".
#[test]
fn accused_of_is_a_passive_not_a_speaker() {
    let an = analysed(
        "Senator Smith accused of lying about the deal.\n\n\
         The strike was condemned by Baghdad within hours.\n\n\
         The mayor was blamed for the delays.\n\n\
         Rasool accused Washington of violating Iraqi sovereignty.",
    );
    let rows: Vec<(&str, Option<&str>)> = an
        .reported
        .iter()
        .map(|r| (r.cue.as_str(), r.speaker.as_deref()))
        .collect();
    assert_eq!(rows, vec![("accused", Some("Rasool"))]);
    // Any participle before "by" and an agent is a passive; "by phone" says how.
    let an = analysed(
        "The meeting was first reported by Politico.\n\n\
         Her death was confirmed by the Eagle Forum on Monday.\n\n\
         The senator said by phone that the vote would fail.\n\n\
         Officials reported by email that the road was closed.",
    );
    let cues: Vec<&str> = an.reported.iter().map(|r| r.cue.as_str()).collect();
    assert_eq!(cues, vec!["said", "reported"]);
}

/// Regression: a reporting-verb form joined by a hyphen or an apostrophe to the word after
/// it was read as a verb. On 10,000 AllSides articles "state-backed", "post-debate",
/// "call-in", "write-ins", "add-ons", "swearing-in" and "the state's" made 420 speech rows
/// whose text opened with the rest of the word ("-backed homophobia in Poland, ..."), and
/// "so-called" gave scare quotes the cue "called" and a speaker.
#[test]
fn verb_forms_inside_compounds_and_possessives_report_nothing() {
    let an = analysed(
        "Poland has seen state-backed homophobia for years.\n\n\
         The post-debate polls were wrong last time.\n\n\
         The loss of the state's six electoral votes is unthinkable.\n\n\
         Callers to the station's call-in program disagreed.\n\n\
         Voters in swing states' suburbs were split.\n\n\
         Officials said the count would include write-ins.",
    );
    let cues: Vec<&str> = an.reported.iter().map(|r| r.cue.as_str()).collect();
    assert_eq!(cues, vec!["said"]);
    let an = analysed("Executives at Google enforce a so-called \u{201C}Googley\u{201D} culture.");
    assert_eq!(an.quotes.len(), 1);
    assert_eq!(an.quotes[0].text, "Googley");
    assert_eq!((&an.quotes[0].cue, &an.quotes[0].speaker), (&None, &None));
}

/// Regression: the comma of a number ("42,000", "5,000") ended a reported clause or the X of
/// "according to X": on 10,000 AllSides articles 116 speech rows stopped or started inside a
/// number ("that 65% of its more than 5", "000 people."). (The first sentence passed before
/// the fix too, as the review noted; the according-to rows and the subject did not.)
#[test]
fn a_comma_inside_a_number_ends_no_clause() {
    let an = analysed(
        "Walmart will require masks, saying that 65% of its more than 5,000 stores already are \
         under local mandates.\n\n\
         Most voters back the plan, according to a survey of 42,000 people, and the margin is \
         growing.\n\n\
         More than 1,500 protesters said they would return on Friday.",
    );
    let rows: Vec<(&str, &str)> = an
        .reported
        .iter()
        .map(|r| (r.cue.as_str(), r.text.as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                "saying",
                "that 65% of its more than 5,000 stores already are under local mandates."
            ),
            (
                "according to a survey of 42,000 people",
                "Most voters back the plan,"
            ),
            (
                "according to a survey of 42,000 people",
                "and the margin is growing."
            ),
            ("said", "they would return on Friday."),
        ]
    );
    // From the review: the subject before the verb ran from the number's comma ("500
    // protesters").
    assert_eq!(
        an.reported.last().and_then(|r| r.speaker.as_deref()),
        Some("More than 1,500 protesters")
    );
}

/// Regression: the period of a title or an initial ended the speaker after the verb. On
/// 10,000 AllSides articles 1,500 quotations had the speaker "Mr", "Sen", "Rep" or "Ms"
/// ("said Ms. Harper"), and "J.B." ended a sentence, so that "Illinois Gov. J.B. Pritzker
/// said." left the quotation before it without a speaker.
#[test]
fn a_title_or_initial_does_not_end_the_speaker() {
    let an = analysed(
        "\u{201C}We have learned that sometimes you go with Republicans,\u{201D} said Ms. \
         Harper, a registered Democrat.\n\n\
         \u{201C}That is fair as long as you add chives,\u{201D} said former state Rep. Jay \
         Phinizy.\n\n\
         \u{201C}We will not wait for Washington,\u{201D} Illinois Gov. J.B. Pritzker said.",
    );
    let speakers: Vec<Option<&str>> = an.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        vec![Some("Harper"), Some("Jay Phinizy"), Some("J.B. Pritzker")]
    );
    // The person's name keeps the initials' period.
    assert_eq!(an.quotes[2].resolved.as_deref(), Some("J.B. Pritzker"));
}

/// Regression: aliases are matched lower-cased, so the pronoun "us" was the alias "US" and
/// "Kim Jong-un" held the alias "UN". On 10,000 AllSides articles 340 quotation and speech
/// rows had the speaker "us" (United States), and 'they' after "told us" resolved to it.
/// An alias written in capitals names its speaker only where the text opens it with a
/// capital (from the review: "Isis", as British papers write it, is still ISIS).
#[test]
fn an_acronym_alias_matches_only_in_capitals() {
    let an = analysed(
        "The researchers told us the results were clear.\n\n\
         They call them \u{201C}superforecasters who predict events well.\u{201D}\n\n\
         The US said the strike was lawful.\n\n\
         Isis said the attack was revenge.",
    );
    let rows: Vec<(&str, Option<&str>)> = an
        .reported
        .iter()
        .map(|r| (r.cue.as_str(), r.resolved.as_deref()))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("told", Some("The researchers")),
            ("call", None),
            ("said", Some("United States")),
            ("said", Some("Islamic State")),
        ]
    );
}

/// Regression: a contraction opening a sentence was a name: "It’s worth mentioning that
/// ..." was reported by "It’s", "That's what critics say" by "That's" (1,288 speech and
/// quotation rows on 10,000 AllSides articles).
#[test]
fn a_contraction_is_no_speaker() {
    let an = analysed(
        "It\u{2019}s worth mentioning that the 1912 election is the most problematic one.\n\n\
         Here's what the report said about the vote.",
    );
    let speakers: Vec<Option<&str>> = an.reported.iter().map(|r| r.speaker.as_deref()).collect();
    assert!(speakers.iter().all(Option::is_none), "{speakers:?}");
    assert!(!speakers.is_empty());
}

/// From a third new-user trial: a source named by a plural noun without a determiner
/// ("..., police said.", "..., said local officials.") left the reported words unattributed,
/// and the inverted form took the source for the reported words; the agent of a passive cue
/// ("was told by aides that") is who spoke, not the one told.
#[test]
fn bare_plural_sources_and_passive_agents_speak() {
    let an = analysed(
        "Three people were killed in the blaze, police said.\n\n\
         The building had no alarms, officials said on Tuesday.\n\n\
         Four people died in the fire, said local officials.\n\n\
         Trump was told by aides that the plan would fail.",
    );
    let rows: Vec<(&str, Option<&str>)> = an
        .reported
        .iter()
        .map(|r| (r.text.as_str(), r.speaker.as_deref()))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Three people were killed in the blaze", Some("police")),
            ("The building had no alarms", Some("officials")),
            ("Four people died in the fire", Some("local officials")),
            ("that the plan would fail.", Some("aides")),
        ]
    );
}

/// The shipped layout's gallery rule (from the review: it had no test): a CNN photo
/// gallery's captions, run together on one line and each closed by "Hide Caption n of N", are
/// captions; the story's paragraphs around it are not.
#[test]
fn a_photo_gallery_line_is_captions() {
    let a = article(
        "Gallery of the week\n\n\
         The storm reached the coast on Monday and flooded the harbour.\n\n\
         Photos: The storm People walk through flood water in Miami. Hide Caption 1 of 12 \
         Photos: The storm A car is stranded on a street. Hide Caption 2 of 12\n\n\
         Officials said the water would recede by Friday."
            .into(),
    );
    let doc = Document::build(&a, &ctx().layout);
    let zones: Vec<(&str, &str)> = doc
        .paragraphs
        .iter()
        .map(|p| (&a.text[p.start..p.start + 12], p.zone.as_str()))
        .collect();
    for (start, zone) in &zones {
        assert_eq!(*start == "Photos: The ", *zone == "caption", "{zones:?}");
    }
    assert!(zones.iter().any(|z| z.1 == "caption"), "{zones:?}");
}

/// Noticed in session 9 and fixed in 10: "Others argued" was reported by a person named
/// "Others" (123 rows on 10,000 AllSides articles), "Some in Washington said" by the US
/// government, and a verb form after "no", "any" or "every" ("no comment", "any say") was a
/// reporting verb.
#[test]
fn vague_subjects_and_nouns_after_no_or_any_name_nobody() {
    let an = analysed(
        "Others argued that the vote was rigged.\n\n\
         Some in Washington said the deal was dead.\n\n\
         The White House had no comment on the report.\n\n\
         Few countries give voters any say in who runs.",
    );
    let rows = cues_texts_and_speakers(&an);
    assert_eq!(
        rows,
        vec![
            ("argued", "that the vote was rigged.", None),
            ("said", "the deal was dead.", None),
        ]
    );
}

/// Page furniture is no speaker: on 10,000 AllSides articles "Hide Caption" (CNN galleries),
/// "Story" (CNN's "Story highlights") and "Story Continued Below" (Politico) were the
/// speakers of about 800 speech rows and quotations.
#[test]
fn page_furniture_is_no_speaker() {
    let an = analysed(
        "Story highlights Pope Benedict surprises the world with his decision\n\n\
         Schweitzer said he would be the best governor he can be. Hide Caption 9 of 10 Photos: \
         Alternatives to Hillary Clinton 2016 Brian Schweitzer: When asked by Time if he would \
         be a better candidate, he said he would.\n\n\
         Story Continued Below said the report was false.",
    );
    let speakers: Vec<Option<&str>> = an.reported.iter().map(|r| r.speaker.as_deref()).collect();
    assert!(!speakers.is_empty());
    for s in speakers.iter().flatten() {
        assert!(
            !["Story", "Hide", "Caption", "Continued"]
                .iter()
                .any(|f| s.contains(f)),
            "{speakers:?}"
        );
    }
}

/// From a second new-user trial: after "told" the span opened with whom was told ("Rudaw
/// that three people were killed ..."), so that name read as reported speech. The reported
/// words start at "that", as after "said that"; past a quotation mark "that" is part of what
/// was said, and the span is left as it was.
#[test]
fn told_someone_that_reports_from_that() {
    let an = analysed(
        "A PMF official told Rudaw on Wednesday that three people were killed in the strike.\n\n\
         The minister told reporters that the attack violated Iraqi sovereignty.\n\n\
         He told the agency the whole truth about that process.",
    );
    let rows: Vec<&str> = an.reported.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        rows,
        vec![
            "that three people were killed in the strike.",
            "that the attack violated Iraqi sovereignty.",
            "the agency the whole truth about that process.",
        ]
    );
}

/// Stated counts read while checking `slant eval gva --errors` (session 11): a number that
/// is an age, a span of time or distance, a place in a photo gallery, a clock time, the
/// emergency number or a TV channel is no count of victims; a harm word with its own count
/// before another ("four men injured and one dead") keeps that count to itself; and an
/// attempted murder is no mention.
#[test]
fn ages_units_galleries_and_a_second_harm_word_give_no_count() {
    // (sentence, the count of the mention whose trigger is the given word)
    let cases: &[(&str, &str, Option<u64>)] = &[
        // (The two killed are not read as the count either: "killed" is taken as active
        // here, with its victim after it. The age must not stand in.)
        (
            "According to police, the two killed were a 28 year-old man and his friend.",
            "killed",
            None,
        ),
        (
            "The victim, a 2 year-old child, died at the scene.",
            "died",
            None,
        ),
        (
            "It has been seven or eight weeks since this young man died, his mother said.",
            "died",
            None,
        ),
        (
            "Image 3 of 10 A man died Thursday morning after being shot inside a home.",
            "died",
            None,
        ),
        (
            "The man, William Williams, 51 \u{2014} appeared to have died of a gunshot wound.",
            "died",
            None,
        ),
        (
            "A shooting at a block party left nine injured and one dead, police said.",
            "dead",
            Some(1),
        ),
        (
            "At least 430 protesters have been killed and thousands injured in the crackdown.",
            "injured",
            None,
        ),
        (
            "Officers responding to a 911 call found the man dead.",
            "dead",
            None,
        ),
        (
            "0:50 One dead after shooting involving officer",
            "dead",
            Some(1),
        ),
        (
            "He shot and killed his 12- and 10-year-old sons on Friday.",
            "killed",
            None,
        ),
        (
            "A man was killed in Memphis - WMC Action News 5",
            "killed",
            None,
        ),
        // (Found by a new-user trial: the injured were read as "and one dead", count 1.)
        (
            "A shelling attack on the market left nine injured and one dead.",
            "injured",
            Some(9),
        ),
        (
            "Six were shot -- 2 killed and 4 wounded -- outside a home.",
            "killed",
            Some(2),
        ),
        (
            "TARGET: 45 killed and approximately 240 wounded at the airport",
            "killed",
            Some(45),
        ),
        // Found by a review of the rules above: each lost its count to a first draft of them.
        (
            "Three civilians \u{2014} including a child \u{2014} were killed in the strike.",
            "killed",
            Some(3),
        ),
        (
            "Two people were left injured after the blast.",
            "injured",
            Some(2),
        ),
        (
            "Three others were left seriously injured.",
            "injured",
            Some(3),
        ),
        (
            "The failed coup attempt killed more than 250 people.",
            "killed",
            Some(250),
        ),
        ("2 dead, charges filed in crash", "dead", Some(2)),
        (
            "Three people were killed, 12 (including two children) were wounded.",
            "wounded",
            Some(12),
        ),
        (
            "The blast killed 14--most of them children.",
            "killed",
            Some(14),
        ),
        // A clause break after the harm word ends its victim (new-user trial); a colon does not.
        (
            "Besides those shot and killed, 41 other people were wounded in the city.",
            "killed",
            None,
        ),
        ("Total dead: Two.", "dead", Some(2)),
        // Kin counts children, not the dead; an age after "Jr." is an age (GVA articles).
        (
            "Father of 5 killed in shooting on Main Street",
            "killed",
            None,
        ),
        (
            "A Flomaton man was charged with the shooting death of a mother of four.",
            "death",
            None,
        ),
        (
            "David Trahan Jr., 17, was pronounced dead at the scene.",
            "dead",
            None,
        ),
        (
            "Two women, believed to be 30 and 60, were all shot dead.",
            "dead",
            None,
        ),
        ("Two men were shot dead outside the bar.", "dead", Some(2)),
        // "No one" is nobody (a new-user trial: a negated row with count 1).
        ("No one was killed, police said.", "killed", None),
    ];
    for &(sentence, trigger, want) in cases {
        let an = analysed(&format!("{sentence}\n\nThe inquiry continues."));
        let m = an
            .casualties
            .iter()
            .map(|c| &c.m)
            .find(|m| m.trigger.eq_ignore_ascii_case(trigger))
            .unwrap_or_else(|| panic!("no mention at `{trigger}` in {sentence:?}"));
        assert_eq!(m.count, want, "{sentence:?}: {m:?}");
    }
    // The victim of a predicative "dead" stands before the verb and its "be" (GVA
    // articles: "A man was shot" was the victim), but "left" with no "be" is the agent's.
    for (sentence, want) in [
        ("A man was shot dead outside the bar.", "A man"),
        (
            "The father of 3 was found dead on Friday.",
            "The father of 3",
        ),
        ("Man shot dead in Dayton", "Man"),
        ("Two people were left dead in the street.", "Two people"),
        ("The attack left three dead.", "three"),
    ] {
        let an = analysed(&format!("{sentence}\n\nThe inquiry continues."));
        let m = an
            .casualties
            .iter()
            .map(|c| &c.m)
            .find(|m| m.trigger == "dead")
            .unwrap_or_else(|| panic!("no mention at `dead` in {sentence:?}"));
        assert_eq!(m.victim, want, "{sentence:?}: {m:?}");
    }
    // "hurt" counts in the passive only, and the victims of "have been hurt" stop before
    // "have" (a new-user trial: "Two police officers were hurt on Saturday" gave nothing).
    let an = analysed(
        "Two police officers were hurt on Saturday.\n\n\
         Protesters and police have been hurt.\n\n\
         The tariffs hurt farmers in the Midwest.",
    );
    let hurt: Vec<(&str, Option<u64>)> = an
        .casualties
        .iter()
        .filter(|c| c.m.trigger == "hurt")
        .map(|c| (c.m.victim.as_str(), c.m.count))
        .collect();
    assert_eq!(
        hurt,
        vec![
            ("Two police officers", Some(2)),
            ("Protesters and police", None)
        ]
    );
    // Who said it is no victim.
    for (sentence, trigger) in [
        (
            "A girl and her grandmother were among those wounded, hospital staff said.",
            "wounded",
        ),
        (
            "\u{201C}It was a massacre,\u{201D} said Maria Lopez.",
            "massacre",
        ),
    ] {
        let an = analysed(&format!("{sentence}\n\nThe inquiry continues."));
        for c in an.casualties.iter().filter(|c| c.m.trigger == trigger) {
            assert!(!c.m.victim.contains("said"), "{sentence:?}: {:?}", c.m);
        }
    }
    // An attempt kills nobody: no mention at all.
    for sentence in [
        "Each man was charged with 25 counts of attempted first-degree murder.",
        "He was charged with attempted murder of two deputies.",
        "Russia used a nerve agent to attempt to murder a British citizen.",
    ] {
        let an = analysed(&format!("{sentence}\n\nThe inquiry continues."));
        assert!(
            !an.casualties.iter().any(|c| c.m.trigger == "murder"),
            "{sentence:?}: {:?}",
            an.casualties
        );
    }
}

/// A person named next to a role phrase takes the role's group in every later mention
/// (new-user trial, session 11: "A spokesman for the Iraqi military, Yehia Rasool, said" gave
/// the speech row its group, but "Rasool said" later stayed in `other`). A role merely before
/// a comma is not enough.
#[test]
fn a_role_next_to_a_name_gives_its_group_to_later_quotes() {
    let group_of_quote = |text: &str| {
        let a = article(text.into());
        let doc = Document::build(&a, &ctx().layout);
        let an = pipeline::analyse(&doc, ctx());
        let q = an.quotes.last().expect("a quotation");
        ctx().groups.groups[q.group.expect("attributed")].id.clone()
    };
    for intro in [
        "A spokesman for the Iraqi military, Tomas Vidal, denied the report.",
        "Tomas Vidal, a spokesman for the Iraqi military, denied the report.",
        "Iraqi military spokesman Tomas Vidal denied the report.",
    ] {
        let text = format!("{intro}\n\n\u{201C}We had nothing to do with it,\u{201D} Vidal said.");
        assert_eq!(group_of_quote(&text), "iraqi_government", "{intro}");
    }
    let text = "After talking to Iraqi military officials, Tomas Vidal left.\n\n\
                \u{201C}We had nothing to do with it,\u{201D} Vidal said.";
    assert_eq!(group_of_quote(text), "other");
}

/// An organisation the text describes speaks (new-user trial, session 11: "The army said
/// dozens of militants were killed" was unattributed); a phrase with its own head does not.
#[test]
fn a_described_organisation_is_a_speaker() {
    let an = analysed(
        "The army said dozens of militants were killed.\n\n\
         The health ministry said two soldiers were killed in the attack.\n\n\
         \u{201C}We will appeal,\u{201D} the company said.",
    );
    let speakers: Vec<Option<&str>> = an.reported.iter().map(|r| r.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        vec![Some("The army"), Some("The health ministry")]
    );
    assert_eq!(an.quotes[0].speaker.as_deref(), Some("the company"));
    let an = analysed("\u{201C}No,\u{201D} the question from the committee said.");
    assert_ne!(
        an.quotes[0].speaker.as_deref(),
        Some("the question from the committee")
    );
}

/// "..., the minister said" with nobody named before the sentence: the description speaks.
/// It took the reported clause's own subject ("Rebels") for the minister (new-user trial,
/// session 11).
#[test]
fn a_description_after_the_reported_clause_is_not_its_subject() {
    let an = analysed("Rebels attacked the post on Monday, the minister said.");
    let rows = cues_texts_and_speakers(&an);
    assert_eq!(
        rows,
        vec![(
            "said",
            "Rebels attacked the post on Monday",
            Some("the minister")
        )]
    );
}

/// A capitalised word the article also writes in lower case is no person: "Rebels seized the
/// post" beside "the rebels" made a person "Rebels", whom a later "the minister said"
/// resolved to (session 11).
#[test]
fn a_common_noun_opening_a_sentence_is_no_person() {
    let an = analysed(
        "Rebels seized the post on Monday, and the rebels fired rockets.\n\n\
         The town was quiet on Tuesday, the minister said.",
    );
    let rows = cues_texts_and_speakers(&an);
    assert_eq!(
        rows,
        vec![(
            "said",
            "The town was quiet on Tuesday",
            Some("the minister")
        )]
    );
}
