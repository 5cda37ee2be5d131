//! Helpers shared by the integration tests.
#![allow(dead_code)]

use slant::text::normalize::{fold, push_folded};
use std::path::{Path, PathBuf};

/// The crate root (where `corpus/` and `lexicons/` live).
pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled seed corpus.
pub fn seed_corpus() -> PathBuf {
    crate_root().join("corpus")
}

/// The AllSides corpus beside the repository, for the optional real-data tests; `None`, with
/// a message saying the test is skipped, when it is not there.
pub fn allsides() -> Option<PathBuf> {
    let path = crate_root().join("../shared/corpora/allsides/articles.jsonl.gz");
    if !path.exists() {
        eprintln!(
            "skipped: {} is not present (optional real-data test)",
            path.display()
        );
        return None;
    }
    Some(path)
}

/// The bundled layout rules.
pub fn layout_path() -> PathBuf {
    crate_root().join("lexicons").join("layout.toml")
}

/// A text folded for matching (curly quotes to straight, NBSP to a space, no lower-casing),
/// with the original byte offset of every folded byte, to locate folded matches in the original.
pub struct Folded<'a> {
    orig: &'a str,
    /// The folded text.
    pub text: String,
    map: Vec<usize>,
}

impl<'a> Folded<'a> {
    pub fn new(orig: &'a str) -> Folded<'a> {
        let mut text = String::with_capacity(orig.len());
        let mut map = Vec::with_capacity(orig.len());
        for (i, c) in orig.char_indices() {
            let before = text.len();
            push_folded(c, &mut text);
            map.extend(std::iter::repeat_n(i, text.len() - before));
        }
        Folded { orig, text, map }
    }

    fn orig_at(&self, folded: usize) -> usize {
        self.map.get(folded).copied().unwrap_or(self.orig.len())
    }

    /// Original byte span `[start, end)` of the first occurrence of `needle` (compared folded).
    pub fn locate(&self, needle: &str) -> Option<(usize, usize)> {
        let n = fold(needle);
        let a = self.text.find(&n)?;
        Some((self.orig_at(a), self.orig_at(a + n.len())))
    }
}

/// Shorten a string for messages.
pub fn clip(s: &str, n: usize) -> String {
    let s = s.replace('\n', "\\n").replace('\r', "\\r");
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// `path` displayed as the library displays paths in messages.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Copy the shipped lexicons (every file of `lexicons/`) into `dest`, creating it: a study
/// folder whose rule files a test may then edit.
pub fn copy_lexicons(dest: &Path) {
    std::fs::create_dir_all(dest).unwrap();
    for e in std::fs::read_dir(crate_root().join("lexicons")).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dest.join(p.file_name().unwrap())).unwrap();
        }
    }
}

/// Every file of a folder, recursively (relative path → bytes).
#[allow(dead_code)]
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}
