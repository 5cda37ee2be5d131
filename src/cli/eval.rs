//! `slant eval ptc DIR`: precision and recall of a lexicon category against the Propaganda
//! Techniques Corpus (SemEval-2020 Task 11), scored by overlap. DIR holds `train-articles/`
//! and `train-task2-TC.labels`.
//!
//! `slant eval polnear DIR`: quotation detection and speaker attribution against PolNeAR, per
//! split. DIR holds `train/` and `dev/`, each with `text/` and `attributions/`. The matching
//! rules are in `docs/eval.md`.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum EvalCmd {
    /// Loaded-language lexicon vs the PTC Loaded_Language and Name_Calling,Labeling spans.
    Ptc(PtcArgs),
    /// Quotation detection and speaker attribution vs PolNeAR direct quotes (train and dev).
    Polnear(PolnearArgs),
    /// Stated killed counts vs Gun Violence Archive incidents.
    Gva(GvaArgs),
}

#[derive(Args, Debug)]
pub struct GvaArgs {
    /// GVA folder (holding articles.jsonl.gz and incidents.jsonl.gz).
    pub dir: PathBuf,
    /// Folder of lexicons (layout.toml and casualties.toml are read).
    #[arg(long, default_value = "lexicons")]
    pub lexicons: PathBuf,
    /// Read only the first N articles.
    #[arg(long)]
    pub limit: Option<usize>,
    /// List the first N articles whose largest stated count is not the incident's, with the
    /// sentence that states it.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub errors: usize,
}

#[derive(Args, Debug)]
pub struct PolnearArgs {
    /// PolNeAR folder (holding train/ and dev/, each with text/ and attributions/).
    pub dir: PathBuf,
    /// Folder of lexicons (speech.toml and groups.toml are read).
    #[arg(long, default_value = "lexicons")]
    pub lexicons: PathBuf,
    /// List up to N errors of each kind per split (missed, spurious, fragment, speaker).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub errors: usize,
    /// With --errors: also print the sentences around each error.
    #[arg(long)]
    pub context: bool,
    /// Evaluate only this split (train or dev).
    #[arg(long)]
    pub split: Option<String>,
}

#[derive(Args, Debug)]
pub struct PtcArgs {
    /// PTC folder (holding train-articles/ and train-task2-TC.labels).
    pub dir: PathBuf,
    /// Folder of lexicons.
    #[arg(long, default_value = "lexicons")]
    pub lexicons: PathBuf,
    /// Categories scored (repeatable).
    #[arg(long = "category", default_value = "general_loaded")]
    pub categories: Vec<String>,
    /// Also list the most frequent right and wrong matches.
    #[arg(long)]
    pub words: bool,
}

pub fn run(cmd: EvalCmd) -> anyhow::Result<u8> {
    match cmd {
        EvalCmd::Ptc(a) => ptc(a),
        EvalCmd::Polnear(a) => polnear(a),
        EvalCmd::Gva(a) => gva(a),
    }
}

/// `a`, `a` and `b`, ...: names in backticks, joined by "and".
fn ticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Does `dir` hold every one of `wanted`? If not, one message naming the folder and all that
/// is missing from it (it named only the first missing file, so a user fixed them one run at a
/// time; noticed in session 7).
fn expect_in(dir: &std::path::Path, command: &str, wanted: &[&str]) -> Result<(), String> {
    let want = ticked(wanted);
    if !dir.is_dir() {
        let what = if dir.exists() {
            "not a folder"
        } else {
            "no such folder"
        };
        return Err(format!(
            "{}: {what}; `slant eval {command}` reads a folder holding {want} (see docs/eval.md)",
            dir.display()
        ));
    }
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|w| !dir.join(w.trim_end_matches('/')).exists())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}: {} missing; `slant eval {command}` reads a folder holding {want} (see docs/eval.md)",
        dir.display(),
        ticked(&missing)
    ))
}

fn gva(a: GvaArgs) -> anyhow::Result<u8> {
    expect_in(&a.dir, "gva", &["articles.jsonl.gz", "incidents.jsonl.gz"])
        .map_err(anyhow::Error::msg)?;
    let ctx = match slant::pipeline::Context::load(&a.lexicons, None) {
        Ok(c) => c,
        Err(d) => return Ok(super::lexicon::report_invalid(&d)),
    };
    let r = slant::eval::gva::evaluate(&a.dir, &ctx.layout, &ctx.casualties, a.limit, a.errors)
        .map_err(anyhow::Error::msg)?;
    println!(
        "GVA: {} articles, {} linked to an incident; {} state a killed count slant finds",
        r.articles, r.with_incident, r.stated
    );
    println!(
        "largest stated killed count = the incident's num_killed: {} of {} = {:.3} (over: {}, under: {})",
        r.equal,
        r.stated,
        r.rate(),
        r.over,
        r.under
    );
    println!(
        "articles with no stated count whose incident killed nobody: {}",
        r.none_and_zero
    );
    for e in &r.errors {
        println!(
            "\narticles.jsonl.gz line {}: incident killed {}, article states {} (`{}` ... `{}`):\n  {}",
            e.line, e.incident, e.stated, e.count_text, e.trigger, e.sentence
        );
    }
    Ok(0)
}

fn polnear(a: PolnearArgs) -> anyhow::Result<u8> {
    use slant::eval::polnear::{self, ErrorKind};
    let lex = match polnear::Lexicons::load(&a.lexicons) {
        Ok(l) => l,
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            return Ok(super::EXIT_CONFIG);
        }
    };
    let scores = match &a.split {
        Some(s) => {
            vec![polnear::evaluate_split(&a.dir.join(s), &lex, None).map_err(anyhow::Error::msg)?]
        }
        None => polnear::evaluate(&a.dir, &lex).map_err(anyhow::Error::msg)?,
    };
    println!(
        "PolNeAR: one annotator per article (first .ann file name in sorted order); gold = \
         attributions whose Content quotes 3+ words; predicted = slant quotations of 3+ words"
    );
    println!(
        "{:<6} {:>8} {:>6} {:>9} {:>7} {:>9} {:>6} {:>6} {:>7} {:>9}",
        "split",
        "articles",
        "gold",
        "predicted",
        "matched",
        "precision",
        "recall",
        "F1",
        "speaker",
        "(of)"
    );
    for s in &scores {
        println!(
            "{:<6} {:>8} {:>6} {:>9} {:>7} {:>9.3} {:>6.3} {:>6.3} {:>7.3} {:>9}",
            s.split,
            s.articles,
            s.gold,
            s.predicted,
            s.matched,
            s.precision(),
            s.recall(),
            s.f1(),
            s.speaker_accuracy(),
            format!("{}/{}", s.speaker_right, s.speaker_scored)
        );
    }
    println!();
    for s in &scores {
        println!(
            "{}: {} fragments (precision counting them wrong {:.3}); {} gold Contents quote at \
             most 2 words (recall counting them in {:.3}){}",
            s.split,
            s.fragments,
            s.precision_strict(),
            s.gold_short,
            s.recall_any(),
            if s.offset_mismatches > 0 {
                format!(
                    "; {} gold offsets do not match their text",
                    s.offset_mismatches
                )
            } else {
                String::new()
            }
        );
    }
    for s in &scores {
        println!(
            "{}: speaker right {}/{} where the gold Source is a name or description ({:.3}), \
             {}/{} where it is a pronoun; {} right because slant's cue used the gold Source \
             itself as a pronoun or description it resolved (without them {:.3})",
            s.split,
            s.speaker_right - s.pronoun_right,
            s.speaker_scored - s.pronoun_scored,
            s.speaker_accuracy_named(),
            s.pronoun_right,
            s.pronoun_scored,
            s.same_mention,
            s.speaker_accuracy_strict()
        );
    }
    for s in &scores {
        println!(
            "{}: reported speech (speech.csv rows): {}/{} at least half inside a gold Content, \
             cue on its Cue (precision {:.3}); {}/{} gold Contents with no quote marks at least \
             half covered so (recall {:.3})",
            s.split,
            s.speech_inside,
            s.speech_predicted,
            s.speech_precision(),
            s.speech_found,
            s.speech_gold,
            s.speech_recall()
        );
    }
    if a.errors > 0 {
        for s in &scores {
            for kind in [
                ErrorKind::Missed,
                ErrorKind::Spurious,
                ErrorKind::Fragment,
                ErrorKind::Speaker,
            ] {
                let all = s.errors.iter().filter(|e| e.kind == kind).count();
                let v = polnear::sample(&s.errors, kind, a.errors);
                println!("\n{} {} ({} of {}):", s.split, kind.as_str(), v.len(), all);
                for e in v {
                    println!("  {} @{}: {}", e.article, e.offset, e.text);
                    println!("      {}", e.detail);
                    if a.context {
                        println!("      | {}", e.context);
                    }
                }
            }
        }
    }
    Ok(0)
}

fn ptc(a: PtcArgs) -> anyhow::Result<u8> {
    expect_in(&a.dir, "ptc", &["train-articles/", "train-task2-TC.labels"])
        .map_err(anyhow::Error::msg)?;
    let files = match super::lexicon::folder_files(&a.lexicons) {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    let (lex, m) = match super::lexicon::load_checked(&files) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let mut cats = Vec::new();
    for c in &a.categories {
        match lex.categories.iter().position(|x| &x.id == c) {
            Some(i) => cats.push(i),
            None => anyhow::bail!(
                "no category `{c}` in the lexicons (categories: {})",
                lex.categories
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
    let r = slant::eval::ptc::evaluate(&a.dir, &lex, &m, &cats).map_err(anyhow::Error::msg)?;
    println!(
        "PTC: {} articles, categories {}; a hit is right if it overlaps a gold span",
        r.articles,
        a.categories.join(", ")
    );
    println!(
        "{:<24} {:>6} {:>6} {:>9} {:>6} {:>6} {:>6}",
        "label", "hits", "right", "precision", "spans", "found", "recall"
    );
    for s in &r.scores {
        println!(
            "{:<24} {:>6} {:>6} {:>9.3} {:>6} {:>6} {:>6.3}",
            s.label,
            s.hits,
            s.hits_right,
            s.precision(),
            s.spans,
            s.spans_found,
            s.recall()
        );
    }
    if a.words {
        println!("\nmost frequent right matches:");
        for (w, n) in &r.top_true {
            println!("  {n:>5}  {w}");
        }
        println!("\nmost frequent wrong matches:");
        for (w, n) in &r.top_false {
            println!("  {n:>5}  {w}");
        }
    }
    Ok(0)
}
