//! `slant init DIR`: start a new study folder.
//!
//! Creates DIR with `corpus/` (one short fictional sample article, marked as a sample, to be
//! replaced by real ones), `lexicons/` (copies of the lexicons bundled with slant, built into
//! the binary so `init` works anywhere), `reports/` (where bundles go) and a `README.md` naming
//! the commands to run next from inside DIR. Refuses (exit 1) when DIR exists and is not empty,
//! so nothing is ever overwritten.

use anyhow::Context as _;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The folder to create (it may exist if it is empty).
    pub dir: PathBuf,
}

/// The bundled lexicons, as shipped in the crate's `lexicons/` folder.
pub const LEXICONS: [(&str, &str); 5] = [
    ("loaded.toml", include_str!("../../lexicons/loaded.toml")),
    ("layout.toml", include_str!("../../lexicons/layout.toml")),
    ("speech.toml", include_str!("../../lexicons/speech.toml")),
    ("groups.toml", include_str!("../../lexicons/groups.toml")),
    (
        "casualties.toml",
        include_str!("../../lexicons/casualties.toml"),
    ),
];

/// A short fictional article, so a new study has something to run on.
const SAMPLE_ARTICLE: &str = r#"+++
id = "sample"
outlet = "Sample Gazette"
title = "Drone strike on a convoy near Port Varen kills two"
date = "2031-03-14"
language = "en"
source = "SAMPLE written for `slant init`: a fictional article about an invented event, town, outlet and people. Delete it and put your own articles in corpus/."
[meta]
sample = "true"
+++
Drone strike on a convoy near Port Varen kills two

Sample article: everything in it is invented, to show what slant reports. Replace it with real articles.

By A. Writer, Sample Gazette staff

PORT VAREN - A drone strike hit a convoy on the coast road outside Port Varen on Tuesday night, killing two members of the Coastal Brigades militia and wounding three civilians, the regional health office said.

The Northern Alliance said it had carried out "a precise, targeted strike" against commanders who had planned attacks on its patrols, and accused the regime in the provincial capital of sheltering them.

Governor Lena Osk called the strike "a blatant assassination and a violation of our sovereignty" and said the province would file a complaint.

The Coastal Brigades, which their supporters call a resistance movement, vowed to respond. "This aggression will not go unanswered," a spokesman for the group said.

Residents said the explosions shook windows across the harbour district.

Support independent journalism: donate today to keep the Sample Gazette free.
"#;

const README: &str = r#"# A slant study

This folder was made by `slant init`. It holds:

- `corpus/`: the articles to analyse, one `.txt` or `.md` file each with TOML front matter
  (a `.jsonl` or `.csv` file works too). `corpus/sample.txt` is a fictional sample: replace it
  with your own articles.
- `lexicons/`: the lexicons slant matches against, copied from the ones bundled with slant.
  `loaded.toml` holds the loaded terms; `layout.toml` the rules that find headlines and page
  debris; `speech.toml`, `groups.toml` and `casualties.toml` the reporting verbs, source groups
  and casualty words. Edit them: they are yours.
- `reports/`: every run writes a bundle here.

Next, from inside this folder:

```sh
slant corpus check      # what slant reads from corpus/: articles, zones, dropped lines
slant lexicon check     # validate lexicons/ and run every example sentence
slant run               # analyse corpus/ with lexicons/, write a bundle under reports/
```

Then the edit-and-rerun loop:

```sh
slant explain sample                 # the article with every hit, quotation and casualty marked
slant explain --term assassination   # one term: its patterns, examples and every hit
slant watch                          # rerun on every save of a lexicon or an article
slant diff reports/OLD reports/NEW   # what an edit changed between two bundles
```
"#;

const REPORTS_README: &str =
    "Report bundles written by `slant run` (one folder per run) and `slant watch` (reports/watch).\n";

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

pub fn run(a: InitArgs) -> anyhow::Result<u8> {
    let dir = &a.dir;
    if dir.exists() {
        if !dir.is_dir() {
            eprintln!(
                "error: {} exists and is not a folder: nothing was created",
                dir.display()
            );
            return Ok(1);
        }
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            eprintln!(
                "error: {} exists and is not empty: nothing was created (choose a new folder name, or empty it)",
                dir.display()
            );
            return Ok(1);
        }
    }
    for sub in ["corpus", "lexicons", "reports"] {
        let p = dir.join(sub);
        std::fs::create_dir_all(&p).with_context(|| format!("cannot create {}", p.display()))?;
    }
    write(&dir.join("corpus").join("sample.txt"), SAMPLE_ARTICLE)?;
    for (name, text) in LEXICONS {
        write(&dir.join("lexicons").join(name), text)?;
    }
    write(&dir.join("reports").join("README.md"), REPORTS_README)?;
    write(&dir.join("README.md"), README)?;
    println!("created {}:", dir.display());
    println!("  corpus/sample.txt    a fictional sample article (replace it with yours)");
    println!(
        "  lexicons/            {}",
        LEXICONS.map(|(n, _)| n).join(", ")
    );
    println!("  reports/             where bundles go");
    println!("  README.md            what to do next");
    println!("next:");
    println!("  cd {}", dir.display());
    println!("  slant corpus check && slant lexicon check && slant run");
    Ok(0)
}
