//! The tables of a bundle: their columns, and how an analysis becomes rows.
//!
//! Column lists are built once from the lexicon, so every category appears in every run, in
//! lexicon order, zero-filled: a spreadsheet formula that points at a column keeps working
//! after a rerun. `columns.csv` documents every column of every table.

use super::csv::{clip, window, Cell, CsvOptions, Table};
use crate::metrics::loaded::Voice;
use crate::pipeline::{Analysis, Context};
use std::path::Path;

/// A column: name, meaning, unit.
pub struct Column {
    /// Column name.
    pub name: String,
    /// What it holds.
    pub meaning: String,
    /// Unit.
    pub unit: &'static str,
}

fn col(name: impl Into<String>, meaning: impl Into<String>, unit: &'static str) -> Column {
    Column {
        name: name.into(),
        meaning: meaning.into(),
        unit,
    }
}

/// Group ids in table order, with `unattributed` last.
pub fn group_ids(ctx: &Context) -> Vec<String> {
    let mut v: Vec<String> = ctx.groups.groups.iter().map(|g| g.id.clone()).collect();
    v.push("unattributed".into());
    v
}

/// Columns of `articles.csv`.
pub fn article_columns(ctx: &Context) -> Vec<Column> {
    let lex = &ctx.lexicon;
    let mut c = vec![
        col("article_id", "Article id, unique in the corpus", "text"),
        col("outlet", "Outlet (publisher)", "text"),
        col(
            "title",
            "Headline as the page shows it; empty when it has none",
            "text",
        ),
        col(
            "date",
            "Publication date as given (ISO where known)",
            "date",
        ),
        col(
            "words",
            "Words in counted zones (all but byline and boilerplate)",
            "words",
        ),
        col(
            "words_quoted",
            "Words inside quotations, scare quotes included (quote_groups.png leaves them out)",
            "words",
        ),
        col("words_unquoted", "Words outside quotations", "words"),
        col("quotations", "Quotations found", "count"),
        col(
            "malformed_marks",
            "Quote marks that could not be paired",
            "count",
        ),
        col(
            "has_headline",
            "Whether the article has a headline",
            "true/false",
        ),
    ];
    for v in Voice::ALL {
        c.push(col(
            format!("hits_{}", v.as_str()),
            format!(
                "Loaded-term hits in the {} voice, all categories",
                v.as_str()
            ),
            "count",
        ));
    }
    for cat in &lex.categories {
        let id = &cat.id;
        let l = &cat.label;
        c.push(col(
            format!("{id}_hits"),
            format!("{l}: hits in any voice"),
            "count",
        ));
        c.push(col(
            format!("{id}_density"),
            format!(
                "{l}: adopted (editorial + paraphrase) hits per 1,000 words outside quotations"
            ),
            "per 1,000 words",
        ));
        c.push(col(
            format!("{id}_density_quoted"),
            format!(
                "{l}: quoted hits per 1,000 words inside quotations; empty under 100 quoted words"
            ),
            "per 1,000 words",
        ));
        c.push(col(
            format!("{id}_headline"),
            format!("{l}: hits in the headline; empty when there is no headline"),
            "count",
        ));
        c.push(col(
            format!("{id}_adoption"),
            format!("{l}: adopted hits / all hits; empty with no hits"),
            "ratio 0-1",
        ));
    }
    c.push(col(
        "label_index",
        "(legitimizing - militia/proxy) / (legitimizing + militia/proxy) over adopted hits; empty when both are 0",
        "index -1..1",
    ));
    c.push(col(
        "quotes",
        "Full and partial quotations (scare quotes not counted)",
        "count",
    ));
    c.push(col(
        "scare_quotes",
        "Scare quotes (quoted fragments of at most two words)",
        "count",
    ));
    c.push(col(
        "quoted_share",
        "Share of the article's words inside quotations",
        "ratio 0-1",
    ));
    c.push(col(
        "few_quotes",
        "true when fewer than 3 quotations: shares and balance are fragile",
        "true/false",
    ));
    c.push(col(
        "unattributed_rate",
        "Quotations with no resolved speaker / all quotations; empty with none",
        "ratio 0-1",
    ));
    c.push(col(
        "first_quote_group",
        "Source group of the first quotation",
        "text",
    ));
    c.push(col(
        "balance_j",
        "Pielou evenness of quoted-word shares over the side groups (K fixed by groups.toml); empty with no side quotations",
        "index 0-1",
    ));
    c.push(col(
        "dyad_balance",
        "1 - |W_A - W_B| / (W_A + W_B) for the dyad of groups.toml; empty when both are 0",
        "index 0-1",
    ));
    let cl = &ctx.casualties;
    c.push(col(
        "casualty_mentions",
        "Mentions of people killed or injured (negated and risk mentions not included)",
        "count",
    ));
    c.push(col(
        "event_focus",
        "Weighted emphasis of main-event mentions / all; empty with no mentions",
        "ratio 0-1",
    ));
    c.push(col(
        "civilian_share",
        "Weighted emphasis of civilian victims / all; empty with no mentions",
        "ratio 0-1",
    ));
    c.push(col(
        "risk_salience",
        "Sum of position weights of mentions of people put at risk",
        "weighted count",
    ));
    c.push(col(
        "negated_salience",
        "Sum of position weights of harm said not to have happened",
        "weighted count",
    ));
    c.push(col(
        "agency_ratio",
        "Mentions naming an actor (or an instrument with an actor) / all; empty with none",
        "ratio 0-1",
    ));
    c.push(col(
        "count_share",
        "Mentions stating a number / all; empty with none",
        "ratio 0-1",
    ));
    c.push(col(
        "passive_share",
        "Passive mentions / all; empty with none",
        "ratio 0-1",
    ));
    c.push(col(
        "nominal_share",
        "Nominal mentions (the killing of, deaths) / all; empty with none",
        "ratio 0-1",
    ));
    c.push(col(
        "deaths_in_headline",
        "A death is mentioned in the headline; empty when there is no headline",
        "true/false",
    ));
    c.push(col(
        "first_mention_position",
        "Where the first mention stands in the body, 0 = start, 1 = end",
        "ratio 0-1",
    ));
    for g in &cl.groups {
        c.push(col(
            format!("emphasis_{g}"),
            format!("Position-weighted mentions of {g} victims"),
            "weighted count",
        ));
        c.push(col(
            format!("emphasis_share_{g}"),
            format!("Share of emphasis on {g} victims; empty with no mentions"),
            "ratio 0-1",
        ));
        c.push(col(
            format!("agency_{g}"),
            format!("Agency ratio of mentions of {g} victims; empty with none"),
            "ratio 0-1",
        ));
    }
    for g in group_ids(ctx) {
        c.push(col(
            format!("speech_{g}"),
            format!("Stretches of reported speech (no quote marks) attributed to {g}"),
            "count",
        ));
    }
    for g in group_ids(ctx) {
        c.push(col(
            format!("quotes_{g}"),
            format!("Quotations attributed to {g}"),
            "count",
        ));
        c.push(col(
            format!("quoted_words_{g}"),
            format!("Words quoted from {g}"),
            "words",
        ));
        c.push(col(
            format!("word_share_{g}"),
            format!("Share of quoted words from {g}; empty with no quotations"),
            "ratio 0-1",
        ));
        c.push(col(
            format!("speakers_{g}"),
            format!("Distinct speakers of {g}"),
            "count",
        ));
    }
    c
}

/// Row of `articles.csv` for one analysis.
pub fn article_row<'a>(a: &'a Analysis, ctx: &'a Context) -> Vec<Cell<'a>> {
    let lex = &ctx.lexicon;
    let s = &a.summary;
    let l = &a.loaded;
    let mut r = vec![
        Cell::from(&s.id),
        Cell::from(&s.outlet),
        Cell::from(s.title.as_deref()),
        Cell::from(s.date.as_deref()),
        Cell::from(s.words),
        Cell::from(l.words_quoted),
        Cell::from(l.words_unquoted),
        Cell::from(s.quotations),
        Cell::from(s.malformed),
        Cell::from(l.has_headline),
    ];
    for vi in 0..4 {
        r.push(Cell::from(l.counts.iter().map(|c| c[vi]).sum::<usize>()));
    }
    for ci in 0..lex.categories.len() {
        r.push(Cell::from(l.total(ci)));
        r.push(Cell::opt(l.density_adopted(ci), 2));
        r.push(Cell::opt(l.density_quoted(ci), 2));
        r.push(match l.headline_hits(ci) {
            Some(n) => Cell::from(n),
            None => Cell::Na,
        });
        r.push(Cell::opt(l.adoption(ci), 3));
    }
    r.push(Cell::opt(l.label_index(lex), 3));
    let q = &a.quote_stats;
    let ids = group_ids(ctx);
    r.push(Cell::from(q.n));
    r.push(Cell::from(q.scare));
    r.push(Cell::opt(
        (s.words > 0).then(|| l.words_quoted as f64 / s.words as f64),
        3,
    ));
    r.push(Cell::from(q.n < 3));
    r.push(Cell::opt(q.unattributed_rate, 3));
    r.push(match q.first_group {
        Some(g) => Cell::from(ids[g].clone()),
        None => Cell::Na,
    });
    r.push(Cell::opt(q.balance_j, 3));
    r.push(Cell::opt(q.dyad, 3));
    let cs = &a.casualty_stats;
    r.push(Cell::from(cs.harm_mentions));
    r.push(Cell::opt(cs.event_focus, 3));
    r.push(Cell::opt(cs.civilian_share, 3));
    r.push(Cell::Num(cs.risk_salience, 2));
    r.push(Cell::Num(cs.negated_salience, 2));
    r.push(Cell::opt(cs.agency, 3));
    r.push(Cell::opt(cs.count_share, 3));
    r.push(Cell::opt(cs.passive_share, 3));
    r.push(Cell::opt(cs.nominal_share, 3));
    r.push(match cs.deaths_in_headline {
        Some(b) => Cell::from(b),
        None => Cell::Na,
    });
    r.push(Cell::opt(cs.first_position, 3));
    let etotal: f64 = cs.emphasis.iter().sum();
    for gi in 0..ctx.casualties.groups.len() {
        r.push(Cell::Num(cs.emphasis[gi], 2));
        r.push(Cell::opt(
            (etotal > 0.0).then(|| cs.emphasis[gi] / etotal),
            3,
        ));
        r.push(Cell::opt(cs.agency_by_group[gi], 3));
    }
    for gi in 0..ids.len() {
        let n = a
            .reported
            .iter()
            .filter(|r| r.group.unwrap_or(ids.len() - 1) == gi)
            .count();
        r.push(Cell::from(n));
    }
    let total: usize = q.words.iter().sum();
    for gi in 0..ids.len() {
        r.push(Cell::from(q.quotes[gi]));
        r.push(Cell::from(q.words[gi]));
        r.push(Cell::opt(
            (total > 0).then(|| q.words[gi] as f64 / total as f64),
            3,
        ));
        r.push(Cell::from(q.speakers[gi]));
    }
    r
}

/// Columns of `quotes.csv`.
pub fn quote_columns() -> Vec<Column> {
    vec![
        col("article_id", "Article id", "text"),
        col("outlet", "Outlet", "text"),
        col(
            "quote_id",
            "Quotation number in the article (1-based)",
            "index",
        ),
        col(
            "kind",
            "full (whole clauses), partial (a fragment of 3+ words) or scare (at most 2 words)",
            "text",
        ),
        col("speaker", "Speaker as named nearest the quotation", "text"),
        col(
            "resolved_speaker",
            "Speaker's canonical name (groups.toml), or as named",
            "text",
        ),
        col(
            "speaker_group",
            "Source group; unattributed when no speaker was found",
            "text",
        ),
        col(
            "cue",
            "The reporting verb, 'according to' or 'statement read'",
            "text",
        ),
        col(
            "attribution",
            "before, after, floating, according_to, statement, nested or none",
            "text",
        ),
        col(
            "relay",
            "Who relayed the statement (', Iraqi News Agency reported')",
            "text",
        ),
        col("words", "Words inside the quotation", "words"),
        col("zone", "Zone of the paragraph it opens in", "text"),
        col("paragraph", "Paragraph number (1-based)", "index"),
        col(
            "char_start",
            "Offset of the opening mark (code points)",
            "characters",
        ),
        col(
            "char_end",
            "Offset just past the closing mark",
            "characters",
        ),
        col("text", "The quoted words", "text"),
    ]
}

/// Columns of `loaded_terms.csv`.
pub fn hit_columns() -> Vec<Column> {
    vec![
        col("article_id", "Article id", "text"),
        col("outlet", "Outlet", "text"),
        col("term_id", "Lexicon term id", "text"),
        col("category", "Category id", "text"),
        col(
            "matched_text",
            "The words matched, as in the original text",
            "text",
        ),
        col("voice", "editorial, paraphrase, quoted or scare", "text"),
        col(
            "zone",
            "headline, standfirst, caption, lead, body, crosshead or embed",
            "text",
        ),
        col(
            "paragraph",
            "Paragraph number (1-based, over all non-blank lines)",
            "index",
        ),
        col(
            "sentence",
            "Sentence number in the article (1-based)",
            "index",
        ),
        col(
            "char_start",
            "Offset of the first character in the article text (Unicode code points, from 0)",
            "characters",
        ),
        col(
            "char_end",
            "Offset just past the last character (exclusive)",
            "characters",
        ),
        col(
            "quote_id",
            "Number of the quotation holding the hit (1-based), empty outside quotations",
            "index",
        ),
        col(
            "speaker_group",
            "Source group of the quotation's speaker, when attributed",
            "text",
        ),
        col("sentence_text", "The sentence holding the hit", "text"),
    ]
}

/// Columns of `speech.csv`.
pub fn speech_columns() -> Vec<Column> {
    vec![
        col("article_id", "Article id", "text"),
        col("outlet", "Outlet", "text"),
        col(
            "cue",
            "The reporting verb or 'according to X' that introduces the reported words",
            "text",
        ),
        col("speaker", "Speaker as named", "text"),
        col(
            "resolved_speaker",
            "Speaker's canonical name (groups.toml), or as named",
            "text",
        ),
        col(
            "speaker_group",
            "Source group; unattributed when no speaker was found",
            "text",
        ),
        col(
            "words",
            "Words reported (a quoted phrase inside the stretch counts too)",
            "words",
        ),
        col("zone", "Zone", "text"),
        col("paragraph", "Paragraph number (1-based)", "index"),
        col(
            "char_start",
            "Offset of the first reported character (code points)",
            "characters",
        ),
        col("char_end", "Offset just past the last", "characters"),
        col("text", "The reported words", "text"),
    ]
}

/// Columns of `casualties.csv`.
pub fn casualty_columns() -> Vec<Column> {
    vec![
        col("article_id", "Article id", "text"),
        col("outlet", "Outlet", "text"),
        col(
            "harm",
            "killed, injured, killed_or_injured, negated (said not to have happened) or risk",
            "text",
        ),
        col("victim_group", "Victim group (casualties.toml)", "text"),
        col("victim", "Victim phrase as written", "text"),
        col(
            "count",
            "Stated number of victims; empty when none is stated",
            "count",
        ),
        col(
            "count_text",
            "The number as written (with its hedge)",
            "text",
        ),
        col("hedge", "at least, more than, over, another, ...", "text"),
        col("voice", "active, passive, intransitive or nominal", "text"),
        col(
            "agent_type",
            "actor, instrument_with_actor, instrument or none",
            "text",
        ),
        col("agent_text", "The agent as written", "text"),
        col("in_quote", "Inside a quotation", "true/false"),
        col(
            "speaker_group",
            "Source group of that quotation's speaker",
            "text",
        ),
        col(
            "event",
            "main (the article's event) or context (another event)",
            "text",
        ),
        col("zone", "Zone", "text"),
        col("paragraph", "Paragraph number (1-based)", "index"),
        col("trigger", "The harm word as written", "text"),
        col(
            "weight",
            "Position weight of the zone (casualties.toml [weights])",
            "weight",
        ),
        col(
            "char_start",
            "Offset of the harm word (code points)",
            "characters",
        ),
        col("char_end", "Offset just past it", "characters"),
        col("sentence_text", "The sentence holding the mention", "text"),
    ]
}

/// Columns of `dropped.csv`.
pub fn dropped_columns() -> Vec<Column> {
    vec![
        col("article_id", "Article id", "text"),
        col("outlet", "Outlet", "text"),
        col("line", "Line number in the article text (1-based)", "index"),
        col("paragraph", "Paragraph number (1-based)", "index"),
        col("zone", "byline or boilerplate", "text"),
        col(
            "rule",
            "Id of the layout rule that dropped the line (lexicons/layout.toml)",
            "text",
        ),
        col(
            "char_start",
            "Offset of the line's first character (code points)",
            "characters",
        ),
        col(
            "char_end",
            "Offset just past its last character",
            "characters",
        ),
        col("text", "The dropped line", "text"),
    ]
}

fn names(cols: &[Column]) -> Vec<&str> {
    cols.iter().map(|c| c.name.as_str()).collect()
}

/// The open tables of a bundle being written.
pub struct Tables {
    articles: Table,
    hits: Table,
    quotes: Table,
    casualties: Table,
    speech: Table,
    dropped: Table,
    /// Context width for text cells (see [`CsvOptions::context`]).
    context: Option<usize>,
    /// [`group_ids`], made once for the run rather than once per article.
    group_ids: Vec<String>,
}

impl Tables {
    /// Create the tables in `dir`.
    pub fn create(dir: &Path, ctx: &Context, opts: CsvOptions) -> std::io::Result<Tables> {
        Ok(Tables {
            group_ids: group_ids(ctx),
            articles: Table::create(
                &dir.join("articles.csv"),
                &names(&article_columns(ctx)),
                opts,
            )?,
            hits: Table::create(&dir.join("loaded_terms.csv"), &names(&hit_columns()), opts)?,
            quotes: Table::create(&dir.join("quotes.csv"), &names(&quote_columns()), opts)?,
            speech: Table::create(&dir.join("speech.csv"), &names(&speech_columns()), opts)?,
            casualties: Table::create(
                &dir.join("casualties.csv"),
                &names(&casualty_columns()),
                opts,
            )?,
            dropped: Table::create(&dir.join("dropped.csv"), &names(&dropped_columns()), opts)?,
            context: opts.context,
        })
    }

    /// Append one article's rows.
    pub fn add(&mut self, a: &Analysis, ctx: &Context) -> std::io::Result<()> {
        let lex = &ctx.lexicon;
        self.articles.row(&article_row(a, ctx))?;
        let s = &a.summary;
        let ids = &self.group_ids;
        let group = |g: Option<usize>| Cell::from(ids[g.unwrap_or(ids.len() - 1)].as_str());
        for q in &a.quotes {
            self.quotes.row(&[
                Cell::from(&s.id),
                Cell::from(&s.outlet),
                Cell::from(q.id),
                Cell::from(q.kind.as_str()),
                Cell::from(q.speaker.as_deref()),
                Cell::from(q.resolved.as_deref()),
                group(q.group),
                Cell::from(q.cue.as_deref()),
                Cell::from(q.attribution.as_str()),
                Cell::from(q.relay.as_deref()),
                Cell::from(q.words),
                Cell::from(q.zone.as_str()),
                Cell::from(q.paragraph),
                Cell::from(q.char_start),
                Cell::from(q.char_end),
                Cell::from(clip(&q.text, self.context.map(|n| 2 * n)).as_ref()),
            ])?;
        }
        for h in &a.hits {
            self.hits.row(&[
                Cell::from(&s.id),
                Cell::from(&s.outlet),
                Cell::from(&lex.terms[h.term].id),
                Cell::from(&lex.categories[h.category].id),
                Cell::from(&h.matched),
                Cell::from(h.voice.as_str()),
                Cell::from(h.zone.as_str()),
                Cell::from(h.paragraph),
                Cell::from(h.sentence),
                Cell::from(h.char_start),
                Cell::from(h.char_end),
                match h.quote {
                    Some(q) => Cell::from(q),
                    None => Cell::Na,
                },
                match h.quote {
                    Some(_) => group(h.speaker_group),
                    None => Cell::Na,
                },
                Cell::from(window(&h.sentence_text, h.in_sentence, self.context).as_ref()),
            ])?;
        }
        for r in &a.reported {
            self.speech.row(&[
                Cell::from(&s.id),
                Cell::from(&s.outlet),
                Cell::from(&r.cue),
                Cell::from(r.speaker.as_deref()),
                Cell::from(r.resolved.as_deref()),
                group(r.group),
                Cell::from(r.words),
                Cell::from(r.zone.as_str()),
                Cell::from(r.paragraph),
                Cell::from(r.char_start),
                Cell::from(r.char_end),
                Cell::from(clip(&r.text, self.context.map(|n| 2 * n)).as_ref()),
            ])?;
        }
        for c in &a.casualties {
            let m = &c.m;
            self.casualties.row(&[
                Cell::from(&s.id),
                Cell::from(&s.outlet),
                Cell::from(m.harm.as_str()),
                Cell::from(ctx.casualties.groups[m.group].as_str()),
                Cell::from(&m.victim),
                match m.count {
                    Some(n) => Cell::Int(n as i64),
                    None => Cell::Na,
                },
                Cell::from(m.count_text.as_deref()),
                Cell::from(m.hedge.as_deref()),
                Cell::from(m.voice.as_str()),
                Cell::from(m.agent.as_str()),
                Cell::from(m.agent_text.as_deref()),
                Cell::from(m.quote.is_some()),
                match m.quote {
                    Some(_) => group(c.speaker_group),
                    None => Cell::Na,
                },
                Cell::from(if m.main_event { "main" } else { "context" }),
                Cell::from(m.zone.as_str()),
                Cell::from(m.paragraph + 1),
                Cell::from(&m.trigger),
                Cell::Num(m.weight, 2),
                Cell::from(c.char_start),
                Cell::from(c.char_end),
                Cell::from(window(&c.sentence_text, c.in_sentence, self.context).as_ref()),
            ])?;
        }
        for l in s.lines.iter().filter(|l| !l.zone.counted()) {
            self.dropped.row(&[
                Cell::from(&s.id),
                Cell::from(&s.outlet),
                Cell::from(l.line),
                Cell::from(l.paragraph),
                Cell::from(l.zone.as_str()),
                Cell::from(&l.rule),
                Cell::from(l.char_start),
                Cell::from(l.char_end),
                Cell::from(&l.text),
            ])?;
        }
        Ok(())
    }

    /// Flush every table; returns the row counts (articles, hits, dropped).
    pub fn finish(self) -> std::io::Result<(usize, usize, usize, usize, usize)> {
        Ok((
            self.articles.finish()?,
            self.hits.finish()?,
            self.quotes.finish()?,
            self.casualties.finish()?,
            {
                self.speech.finish()?;
                self.dropped.finish()?
            },
        ))
    }
}

/// Write `columns.csv`, the data dictionary.
pub fn write_columns(dir: &Path, ctx: &Context, opts: CsvOptions) -> std::io::Result<()> {
    let mut t = Table::create(
        &dir.join("columns.csv"),
        &["file", "column", "meaning", "unit"],
        opts,
    )?;
    for (file, cols) in [
        ("articles.csv", article_columns(ctx)),
        ("loaded_terms.csv", hit_columns()),
        ("quotes.csv", quote_columns()),
        ("casualties.csv", casualty_columns()),
        ("speech.csv", speech_columns()),
        ("dropped.csv", dropped_columns()),
    ] {
        for c in cols {
            t.row(&[
                Cell::from(file),
                Cell::from(c.name),
                Cell::from(c.meaning),
                Cell::from(c.unit),
            ])?;
        }
    }
    for (name, meaning, unit) in super::outlets::Outlets::columns(ctx) {
        t.row(&[
            Cell::from("outlets.csv"),
            Cell::from(name),
            Cell::from(meaning),
            Cell::from(unit),
        ])?;
    }
    t.finish()?;
    Ok(())
}
