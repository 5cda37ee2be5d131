//! `slant corpus check [PATH]`: what slant reads from a corpus, before any metric.
//!
//! Prints a table of the articles it loaded (id, outlet, title, date, words, the zones it
//! found, how many lines it dropped as debris, warnings), then every problem. With `--lines`,
//! also every line of every article with its zone and the rule that zoned it, so a user can
//! audit the layout rules. Exit status 3 when an input was skipped.

use anyhow::Context;
use clap::{Args, Subcommand};
use slant::corpus::{Problem, ReadOptions};
use slant::pipeline::{self, Observer, Summary};
use slant::text::{Layout, Zone};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum CorpusCmd {
    /// Load a corpus and show what was read: articles, zones, dropped lines, problems.
    Check(CheckArgs),
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Corpus: a folder of .txt/.md files, or a .jsonl/.csv file (optionally .gz).
    #[arg(default_value = "corpus")]
    pub path: PathBuf,
    /// Layout rules file.
    #[arg(long, default_value = "lexicons/layout.toml")]
    pub layout: PathBuf,
    /// Also print every line with its zone and rule.
    #[arg(long)]
    pub lines: bool,
    /// Largest article accepted, in MB.
    #[arg(
        long,
        default_value_t = 16,
        value_parser = super::parse_article_mb,
        allow_negative_numbers = true
    )]
    pub max_article_mb: usize,
}

struct Gather {
    problems: Vec<Problem>,
}
impl Observer for Gather {
    fn problem(&mut self, p: &Problem) {
        self.problems.push(p.clone());
    }
}

/// Load the layout rules, printing diagnostics on failure.
pub fn load_layout(path: &std::path::Path) -> Result<Layout, u8> {
    if !path.exists() {
        eprintln!(
            "warning: {}: no layout rules file; using the defaults only (no debris removed)",
            path.display()
        );
        return Ok(Layout::empty());
    }
    Layout::load(path).map_err(|diags| {
        for d in &diags {
            eprintln!("{d}");
        }
        eprintln!("{} error(s) in layout rules: nothing was done", diags.len());
        super::EXIT_CONFIG
    })
}

pub fn run(cmd: CorpusCmd) -> anyhow::Result<u8> {
    match cmd {
        CorpusCmd::Check(a) => check(a),
    }
}

fn zones_text(s: &Summary) -> String {
    let mut parts = Vec::new();
    for (i, z) in Zone::ALL.iter().enumerate() {
        if matches!(z, Zone::Boilerplate | Zone::Byline) || s.zones[i] == 0 {
            continue;
        }
        let short = match z {
            Zone::Headline => "H",
            Zone::Standfirst => "S",
            Zone::Caption => "C",
            Zone::Lead => "L",
            Zone::Body => "B",
            Zone::Crosshead => "X",
            Zone::Embed => "E",
            _ => "?",
        };
        if s.zones[i] == 1 {
            parts.push(short.to_string());
        } else {
            parts.push(format!("{short}{}", s.zones[i]));
        }
    }
    parts.join(" ")
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn check(a: CheckArgs) -> anyhow::Result<u8> {
    let layout = match load_layout(&a.layout) {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let read = ReadOptions {
        max_article_bytes: a.max_article_mb * 1024 * 1024,
        ..ReadOptions::for_layout(&layout)
    };
    if let Some(msg) = super::unreadable_corpus(&a.path, "") {
        eprintln!("error: {msg}");
        return Ok(1);
    }
    let mut obs = Gather {
        problems: Vec::new(),
    };
    let mut rows: Vec<(Summary, slant::corpus::Origin)> = Vec::new();
    let show_lines = a.lines;
    let counts = pipeline::for_each_document(
        &a.path,
        &read,
        &layout,
        &mut obs,
        pipeline::summarise,
        |art, mut s| {
            // Keep every line only when they will be printed: a big corpus would hold
            // its whole text otherwise.
            if !show_lines {
                s.lines = Vec::new();
            }
            rows.push((s, art.origin.clone()));
            Ok(())
        },
    )
    .map_err(anyhow::Error::msg)
    .with_context(|| format!("reading corpus {}", a.path.display()))?;
    if counts.articles == 0 {
        // Like `slant run`: with nothing read there is no table to show, and it is a failure,
        // not a run that finished with some inputs skipped.
        for p in &obs.problems {
            eprintln!("{p}");
        }
        eprintln!("error: no article could be read from {}", a.path.display());
        return Ok(1);
    }
    let mut out = String::new();
    let header = [
        "id",
        "outlet",
        "title",
        "date",
        "words",
        "zones",
        "dropped",
        "quotes",
        "malformed",
        "warnings",
    ];
    let table: Vec<[String; 10]> = rows
        .iter()
        .map(|(s, origin)| {
            let warnings = obs
                .problems
                .iter()
                .filter(|p| {
                    !p.skipped
                        && p.origin.file == origin.file
                        && (p.origin.line.is_none() || p.origin.line == origin.line)
                })
                .count();
            [
                clip(&s.id, 28),
                clip(&s.outlet, 22),
                clip(s.title.as_deref().unwrap_or("(none)"), 44),
                s.date.clone().unwrap_or_else(|| "-".into()),
                s.words.to_string(),
                zones_text(s),
                s.dropped.to_string(),
                s.quotations.to_string(),
                s.malformed.to_string(),
                warnings.to_string(),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &table {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let fmt_row = |cells: Vec<&str>| -> String {
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i] - c.chars().count();
            let numeric = matches!(i, 4 | 6 | 7 | 8 | 9);
            if numeric {
                line.push_str(&" ".repeat(pad));
                line.push_str(c);
            } else {
                line.push_str(c);
                if i + 1 < cells.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
            if i + 1 < cells.len() {
                line.push_str("  ");
            }
        }
        line.trim_end().to_owned()
    };
    out.push_str(&fmt_row(header.to_vec()));
    out.push('\n');
    for r in &table {
        out.push_str(&fmt_row(r.iter().map(|s| s.as_str()).collect()));
        out.push('\n');
    }
    out.push_str(&format!(
        "\n{} article(s), {} word(s); {} skipped, {} warning(s)\nzones: H headline, S standfirst, C caption, L lead, B body, X crosshead, E embed (byline and boilerplate lines are counted under `dropped`)\n",
        counts.articles,
        rows.iter().map(|(s, _)| s.words).sum::<usize>(),
        counts.skipped,
        counts.warnings
    ));
    if a.lines {
        for (s, _) in &rows {
            out.push_str(&format!("\n== {}\n", s.id));
            for l in &s.lines {
                out.push_str(&format!(
                    "{:>4}  {:<11} {:<26} {}\n",
                    l.line,
                    l.zone.as_str(),
                    clip(&l.rule, 26),
                    // A hard-wrapped paragraph is one line of the listing: its line breaks
                    // shown as spaces, so the columns hold.
                    clip(&l.text.replace(['\r', '\n'], " "), 90)
                ));
            }
        }
    }
    use std::io::Write;
    std::io::stdout().write_all(out.as_bytes())?;
    for p in &obs.problems {
        eprintln!("{p}");
    }
    Ok(if counts.skipped > 0 {
        super::EXIT_SKIPPED
    } else {
        0
    })
}
