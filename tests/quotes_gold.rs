//! Quotation attribution on the seed corpus against `tests/gold/quotes.toml`, which gives
//! every quotation's speaker and source group as a reader of the articles resolved them.
//! Targets (from the quotations issue): all but at most one quotation found, at least 95%
//! with the right group.

mod common;

use common::clip;
use serde::Deserialize;
use slant::pipeline::{self, Context};
use slant::text::normalize::fold;
use slant::text::Document;

#[derive(Deserialize)]
struct Gold {
    quote: Vec<GoldQuote>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct GoldQuote {
    article: String,
    starts: String,
    ends: String,
    kind: String,
    speaker: String,
    group: String,
    attribution: String,
    note: Option<String>,
}

#[test]
fn seed_quotations_have_the_right_group() {
    let (articles, _) = slant::corpus::read_all(&common::seed_corpus());
    let ctx = Context::load(&common::crate_root().join("lexicons"), None).expect("lexicons");
    let gold: Gold = toml::from_str(
        &std::fs::read_to_string(common::crate_root().join("tests/gold/quotes.toml")).unwrap(),
    )
    .unwrap();
    let ids = slant::report::tables::group_ids(&ctx);
    let (mut found, mut group_ok, mut speaker_ok) = (0, 0, 0);
    let mut problems = Vec::new();
    // Gold quotes are in reading order: match each to the next program quotation (in the same
    // article) whose content starts and ends the same way, so repeated short quotes pair up.
    let mut cursor: std::collections::HashMap<String, usize> = Default::default();
    let mut analysed: std::collections::HashMap<String, slant::pipeline::Analysis> =
        Default::default();
    for g in &gold.quote {
        let art = articles.iter().find(|a| a.id == g.article).unwrap();
        let an = analysed.entry(g.article.clone()).or_insert_with(|| {
            let doc = Document::build(art, &ctx.layout);
            pipeline::analyse(&doc, &ctx)
        });
        let from = cursor.get(&g.article).copied().unwrap_or(0);
        let pos = an.quotes[from..].iter().position(|q| {
            let content = fold(&q.text);
            content.starts_with(&fold(&g.starts)) && content.ends_with(&fold(&g.ends))
        });
        let Some(pos) = pos else {
            problems.push(format!("{} not found: {}", g.article, clip(&g.starts, 50)));
            continue;
        };
        cursor.insert(g.article.clone(), from + pos + 1);
        let q = &an.quotes[from + pos];
        found += 1;
        let got = ids[q.group.unwrap_or(ids.len() - 1)].as_str();
        if got == g.group {
            group_ok += 1;
        } else {
            problems.push(format!(
                "{} `{}`: gold {} ({}), got {} ({:?} via {})",
                g.article,
                clip(&g.starts, 40),
                g.group,
                g.speaker,
                got,
                q.speaker,
                q.attribution.as_str()
            ));
        }
        let want = g.speaker.to_lowercase();
        let surname = want.split_whitespace().last().unwrap_or("").to_owned();
        let names = [q.speaker.as_deref(), q.resolved.as_deref()];
        if names
            .iter()
            .flatten()
            .any(|s| !surname.is_empty() && s.to_lowercase().contains(&surname))
            || (want.is_empty() && q.group.is_none())
        {
            speaker_ok += 1;
        } else {
            problems.push(format!(
                "{} `{}`: speaker gold `{}`, got {:?} / {:?}",
                g.article,
                clip(&g.starts, 30),
                g.speaker,
                q.speaker,
                q.resolved
            ));
        }
    }
    let n = gold.quote.len();
    eprintln!(
        "seed quotations: found {found}/{n}, group right {group_ok}/{n}, speaker right {speaker_ok}/{n}"
    );
    for p in &problems {
        eprintln!("  {p}");
    }
    assert!(found + 1 >= n, "more than one gold quotation missed");
    assert!(
        group_ok as f64 >= 0.95 * n as f64,
        "group accuracy {group_ok}/{n} under 95%"
    );
}
