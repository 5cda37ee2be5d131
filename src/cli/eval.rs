//! `slant eval ptc DIR`: precision and recall of a lexicon category against the Propaganda
//! Techniques Corpus (SemEval-2020 Task 11), scored by overlap. DIR holds `train-articles/`
//! and `train-task2-TC.labels`.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum EvalCmd {
    /// Loaded-language lexicon vs the PTC Loaded_Language and Name_Calling,Labeling spans.
    Ptc(PtcArgs),
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
    }
}

fn ptc(a: PtcArgs) -> anyhow::Result<u8> {
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
