//! `slant lexicon check [FILES]`: validate lexicons and run their examples.
//!
//! With no FILES, checks every lexicon in `lexicons/` (and `lexicons/layout.toml`). Every
//! problem is reported before stopping, each as `file:line:col` with the offending line and a
//! hint. Then every term's `match` and `no_match` examples are run.
//!
//! Exit codes: 0 clean; 1 some examples failed; 78 the lexicon is invalid (nothing else ran).

use clap::{Args, Subcommand};
use slant::lexicon::{self, Matcher};
use slant::text::Layout;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum LexiconCmd {
    /// Check lexicon files: schema, duplicates, patterns, then every example sentence.
    Check(CheckArgs),
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Lexicon files (default: every .toml in --dir); one folder checks that folder.
    pub files: Vec<PathBuf>,
    /// Folder of lexicons used when no FILES are given [default: lexicons].
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

pub fn run(cmd: LexiconCmd) -> anyhow::Result<u8> {
    match cmd {
        LexiconCmd::Check(a) => check(a),
    }
}

/// Load the loaded-term lexicons of a folder (or the given files); print diagnostics.
pub fn load_checked(files: &[PathBuf]) -> Result<(lexicon::Lexicon, Matcher), u8> {
    match lexicon::load(files) {
        Ok(lex) => {
            let m = Matcher::new(&lex);
            Ok((lex, m))
        }
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}\n");
            }
            let n = diags.iter().filter(|d| d.is_error()).count();
            eprintln!("{n} error(s) in lexicons: nothing was run");
            Err(super::EXIT_CONFIG)
        }
    }
}

/// Print diagnostics for invalid rule files; the exit code.
pub fn report_invalid(diags: &[slant::diag::Diagnostic]) -> u8 {
    for d in diags {
        eprintln!("{d}\n");
    }
    let n = diags.iter().filter(|d| d.is_error()).count();
    eprintln!("{n} error(s) in lexicons: nothing was run");
    super::EXIT_CONFIG
}

/// The loaded-term lexicon files of a folder, or an error message.
pub fn folder_files(dir: &std::path::Path) -> Result<Vec<PathBuf>, u8> {
    match lexicon::lexicon_files(dir) {
        Ok(f) if !f.is_empty() => Ok(f),
        Ok(_) => {
            eprintln!(
                "error: {}: no lexicon files (*.toml other than {})",
                dir.display(),
                lexicon::SPECIAL_FILES.join(", ")
            );
            Err(super::EXIT_CONFIG)
        }
        Err(d) => {
            eprintln!("{d}");
            Err(super::EXIT_CONFIG)
        }
    }
}

/// Parse one of the special files (layout, speech, groups, casualties) by its name.
fn check_special(path: &std::path::Path) -> Result<(), Vec<slant::diag::Diagnostic>> {
    use slant::lexicon::casualties::CasualtyLexicon;
    use slant::lexicon::sources::{GroupsLexicon, SpeechLexicon};
    let src = slant::diag::read_source(path)?;
    match path.file_name().and_then(|n| n.to_str()) {
        Some("layout.toml") => Layout::parse(path, &src).map(drop),
        Some("speech.toml") => SpeechLexicon::parse(path, &src).map(drop),
        Some("groups.toml") => GroupsLexicon::parse(path, &src).map(drop),
        Some("casualties.toml") => CasualtyLexicon::parse(path, &src).map(drop),
        _ => Ok(()),
    }
}

fn check(mut a: CheckArgs) -> anyhow::Result<u8> {
    // `slant lexicon check lexicons/` means the folder, as `--lexicons` does for `run`
    // (from a new-user trial: it said only "it is a folder, not a file").
    if a.files.len() == 1 && a.files[0].is_dir() {
        if let Some(d) = &a.dir {
            eprintln!(
                "error: two folders to check, {} and --dir {}: give one",
                a.files[0].display(),
                d.display()
            );
            return Ok(super::EXIT_USAGE);
        }
        a.dir = Some(a.files.remove(0));
    }
    let dir = a.dir.clone().unwrap_or_else(|| PathBuf::from("lexicons"));
    // With no FILES, the whole folder: every special file (layout, speech, groups,
    // casualties) is validated along with the loaded-term lexicons.
    let (lex, m, shown) = if a.files.is_empty() {
        match slant::pipeline::Context::load(&dir, None) {
            Ok(ctx) => {
                let shown = ctx.files(&dir);
                (ctx.lexicon, ctx.matcher, shown)
            }
            Err(diags) => return Ok(report_invalid(&diags)),
        }
    } else {
        // The special files by their names, each with its own parser: `groups.toml` given
        // alone was read as a loaded-term lexicon and refused for its `[[group]]` tables
        // (found by a new-user trial, session 11).
        let (specials, files): (Vec<PathBuf>, Vec<PathBuf>) =
            a.files.iter().cloned().partition(|f| {
                f.file_name()
                    .is_some_and(|n| lexicon::SPECIAL_FILES.iter().any(|s| n == *s))
            });
        let mut diags = Vec::new();
        for f in &specials {
            if let Err(d) = check_special(f) {
                diags.extend(d);
            }
        }
        if !diags.is_empty() {
            return Ok(report_invalid(&diags));
        }
        if files.is_empty() {
            // (config.toml is reserved and read by nothing yet: it is not called OK.)
            let names: Vec<String> = specials
                .iter()
                .filter(|f| f.file_name().is_none_or(|n| n != "config.toml"))
                .map(|f| f.display().to_string())
                .collect();
            println!("{}: OK", names.join(", "));
            return Ok(0);
        }
        let (lex, m) = match load_checked(&files) {
            Ok(x) => x,
            Err(code) => return Ok(code),
        };
        (lex, m, a.files.clone())
    };
    let failures = lexicon::check_examples(&lex, &m);
    let examples: usize = lex
        .terms
        .iter()
        .map(|t| t.examples_match.len() + t.examples_no_match.len())
        .sum();
    for f in &failures {
        let what = if f.expected_match {
            "should match but does not".to_string()
        } else {
            format!("should not match but matches `{}`", f.matched.join("`, `"))
        };
        eprintln!(
            "example failed: {}:{}: term `{}`: {what}\n    {}\n",
            f.defined_at.0.display(),
            f.defined_at.1,
            f.term,
            f.sentence
        );
    }
    let patterns: usize = lex.terms.iter().map(|t| t.patterns.len()).sum();
    println!(
        "{}: {} categories, {} terms, {} patterns; {} of {} examples passed",
        shown
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        lex.categories.len(),
        lex.terms.len(),
        patterns,
        examples - failures.len(),
        examples
    );
    Ok(if failures.is_empty() { 0 } else { 1 })
}
