//! Reading a corpus: every supported format becomes the same [`Article`].
//!
//! A corpus is a path. A folder holds one article per `.txt` or `.md` file, each optionally
//! opening with a TOML front-matter block between `+++` lines; a file is JSON Lines (`.jsonl`)
//! or CSV (`.csv`), one article per line or row; any of those may be gzip-compressed (`.gz`).
//!
//! Readers stream. A JSONL or CSV file is read a record at a time, so a 2 GB file is never held
//! in memory whole; [`CorpusReader`] is an iterator of [`Item`]s, each either an article or a
//! problem with one input (a file, or a line of a file). A problem never stops the reading:
//! the caller reports it, skips that input and goes on, and the exit status says so.
//!
//! What counts as bad input, and what happens to it, is decided here and nowhere else:
//! - invalid UTF-8 is decoded lossily (U+FFFD) with a warning naming the byte offset;
//! - a UTF-8 byte-order mark is dropped silently; CRLF line ends are kept (the text model
//!   treats `\r\n` as a line end);
//! - an empty file, a binary file (a NUL byte in its first 8 KiB), malformed front matter, a
//!   JSONL line that is not a JSON object, an article with no text, an article larger than
//!   the size limit, and a second article with an id already seen are each skipped with an
//!   error naming the file and, for JSONL and CSV, the line;
//! - a CSV without a `text` column is one error for the whole file.

mod records;
mod textfile;

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use textfile::parse_text_file;

/// Default largest article accepted, in bytes of text (16 MiB).
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 16 * 1024 * 1024;

/// One news article, as loaded from any corpus format.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Stable identifier, unique within a corpus.
    pub id: String,
    /// Outlet name (publisher).
    pub outlet: String,
    /// Headline as the page shows it; `None` when the page has none.
    pub title: Option<String>,
    /// Publication date, as given (ISO `YYYY-MM-DD` where known).
    pub date: Option<String>,
    /// Address of the page.
    pub url: Option<String>,
    /// Language code, `en` unless stated.
    pub language: String,
    /// Where the text came from (provenance note).
    pub source: Option<String>,
    /// The article text, never changed after loading. For records whose headline is not among
    /// the first paragraphs of their text, the title and a blank line are prepended (see
    /// [`Article::from_record_within`]).
    pub text: String,
    /// Any other metadata, kept as strings.
    pub meta: BTreeMap<String, String>,
    /// Where it was read from.
    pub origin: Origin,
}

/// The file (and line, for JSONL and CSV) an article or problem comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    /// The file path as given.
    pub file: PathBuf,
    /// 1-based line number (JSONL) or record line (CSV); `None` for a whole file.
    pub line: Option<u64>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}", self.file.display(), l),
            None => write!(f, "{}", self.file.display()),
        }
    }
}

/// A problem with one input. `skipped` says whether the article was dropped (an error) or
/// kept with a caveat (a warning).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// File and line.
    pub origin: Origin,
    /// What went wrong, in words a user can act on.
    pub message: String,
    /// True when the input was skipped.
    pub skipped: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = if self.skipped { "error" } else { "warning" };
        write!(f, "{level}: {}: {}", self.origin, self.message)?;
        if self.skipped {
            write!(f, " (skipped)")?;
        }
        Ok(())
    }
}

/// What a reader yields: an article (with any warnings about it) or a problem.
#[derive(Debug)]
pub enum Item {
    /// A loaded article and the warnings raised while loading it.
    Article(Box<Article>, Vec<Problem>),
    /// An input that could not be loaded.
    Problem(Problem),
}

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Articles with more bytes of text than this are skipped.
    pub max_article_bytes: usize,
    /// How many of a record's first paragraphs are searched for its title before it is
    /// prepended (see [`Article::from_record_within`]): the layout's `top_paragraphs`, how far
    /// down it looks for the headline.
    pub title_paragraphs: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            title_paragraphs: crate::text::layout::Settings::default().top_paragraphs,
        }
    }
}

impl ReadOptions {
    /// The defaults, with titles looked for as far down as `layout` looks for the headline.
    pub fn for_layout(layout: &crate::text::Layout) -> ReadOptions {
        ReadOptions {
            title_paragraphs: layout.settings.top_paragraphs,
            ..ReadOptions::default()
        }
    }
}

/// The formats slant reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A `.txt` or `.md` file, one article.
    Text,
    /// JSON Lines, one article a line.
    Jsonl,
    /// CSV with a header row, one article a row.
    Csv,
}

/// Decide a file's format (and whether it is gzip-compressed) from its name.
pub fn format_of(path: &Path) -> Option<(Format, bool)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(s) => (s.to_owned(), true),
        None => (name, false),
    };
    let fmt = if stem.ends_with(".jsonl") || stem.ends_with(".ndjson") {
        Format::Jsonl
    } else if stem.ends_with(".csv") {
        Format::Csv
    } else if stem.ends_with(".txt") || stem.ends_with(".md") {
        Format::Text
    } else {
        return None;
    };
    Some((fmt, gz))
}

/// List the corpus files under `path` (itself if it is a file), sorted by name so that runs are
/// deterministic. Hidden files and unknown extensions in a folder are ignored.
pub fn corpus_files(path: &Path) -> Result<Vec<PathBuf>, Problem> {
    let origin = Origin {
        file: path.to_owned(),
        line: None,
    };
    let meta = std::fs::metadata(path).map_err(|e| Problem {
        origin: origin.clone(),
        message: format!("cannot read corpus: {}", io_reason(&e)),
        skipped: true,
    })?;
    if meta.is_file() {
        if format_of(path).is_none() {
            return Err(Problem {
                origin,
                message:
                    "unknown corpus format: expected .txt, .md, .jsonl or .csv (optionally .gz)"
                        .into(),
                skipped: true,
            });
        }
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    let rd = std::fs::read_dir(path).map_err(|e| Problem {
        origin: origin.clone(),
        message: format!("cannot list corpus folder: {}", io_reason(&e)),
        skipped: true,
    })?;
    for entry in rd.flatten() {
        let p = entry.path();
        let hidden = p
            .file_name()
            .map(|n| n.to_string_lossy().starts_with('.'))
            .unwrap_or(true);
        if hidden || !p.is_file() || format_of(&p).is_none() {
            continue;
        }
        // A README in a corpus folder documents it; it is not an article.
        let lower = p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_ascii_lowercase();
        if lower.starts_with("readme") {
            continue;
        }
        files.push(p);
    }
    files.sort();
    if files.is_empty() {
        return Err(Problem {
            origin,
            message: "corpus folder holds no articles (.txt, .md, .jsonl, .csv, optionally .gz)"
                .into(),
            skipped: true,
        });
    }
    Ok(files)
}

/// Turn an I/O error into a short reason, in words rather than an OS error number.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or folder".into(),
        K::PermissionDenied => "permission denied".into(),
        K::NotADirectory => "a part of the path is a file, not a folder".into(),
        K::IsADirectory => "it is a folder, not a file".into(),
        K::StorageFull => "no space left on the device".into(),
        K::ReadOnlyFilesystem => "the file system is read-only".into(),
        _ => e.to_string(),
    }
}

/// The two bytes every gzip stream starts with.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// A gzip decoder whose errors say the compressed data is at fault: a truncated or damaged
/// `.gz` file otherwise reports a bare "unexpected end of file".
struct GzipData<R>(R);

impl<R: Read> Read for GzipData<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            std::io::Error::new(e.kind(), format!("damaged or truncated gzip data ({e})"))
        })
    }
}

/// Bytes of the corpus files read so far (compressed bytes for a `.gz` file), shared between
/// a [`CorpusReader`] and the streams it opens: how far through its input a run is.
pub(crate) type Consumed = std::sync::Arc<std::sync::atomic::AtomicU64>;

/// A file that adds every byte read from it to a [`Consumed`] count.
struct Counted {
    file: File,
    consumed: Consumed,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        self.consumed
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Open a file for streaming, through gzip when its name ends in `.gz`, counting the bytes
/// read from it into `consumed`. A `.gz` file that does not start with the gzip signature is
/// an error here, not an empty stream.
pub(crate) fn open_stream(
    path: &Path,
    gz: bool,
    consumed: &Consumed,
) -> std::io::Result<Box<dyn BufRead + Send>> {
    let f = Counted {
        file: File::open(path)?,
        consumed: consumed.clone(),
    };
    if gz {
        let mut raw = BufReader::new(f);
        let head = raw.fill_buf()?;
        let signed = head.is_empty() || GZIP_MAGIC.starts_with(&head[..head.len().min(2)]);
        if !signed {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not gzip-compressed, though the name ends in .gz",
            ));
        }
        Ok(Box::new(BufReader::with_capacity(
            256 * 1024,
            GzipData(flate2::read::MultiGzDecoder::new(raw)),
        )))
    } else {
        Ok(Box::new(BufReader::with_capacity(256 * 1024, f)))
    }
}

/// Streaming reader over all files of a corpus. Checks ids for duplicates across files.
pub struct CorpusReader {
    files: std::vec::IntoIter<PathBuf>,
    current: Option<Box<dyn Iterator<Item = Item> + Send>>,
    /// Ids seen so far, for duplicates: the first 128 bits of each id's SHA-256 (a collision
    /// is out of reach at any corpus size), with where it was first seen: an index into
    /// `seen_files` and the line (0 for none, or for a line past `u32::MAX`, which is then
    /// not named). This map is what grows with the corpus, so its entries are kept to 24
    /// bytes (two `u64` halves, not a `u128`, whose 16-byte alignment padded each entry to
    /// 48): on 150,000 articles it holds 6.5 MB, and 9.8 MB while it doubles, instead of 12.8
    /// and 19 MB. Holding every id and its full origin grew a run by about 200 bytes an
    /// article.
    seen: rustc_hash::FxHashMap<[u64; 2], (u32, u32)>,
    /// The files ids were seen in, each once (consecutive articles share their file).
    seen_files: Vec<PathBuf>,
    opts: ReadOptions,
    pending: Option<Problem>,
    /// Bytes of the corpus files read so far, and their total size.
    consumed: Consumed,
    total: u64,
}

impl CorpusReader {
    /// A reader over the corpus at `path` (a folder or one file).
    pub fn open(path: &Path, opts: ReadOptions) -> CorpusReader {
        let (files, pending) = match corpus_files(path) {
            Ok(f) => (f, None),
            Err(p) => (Vec::new(), Some(p)),
        };
        let total = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        CorpusReader {
            files: files.into_iter(),
            current: None,
            seen: Default::default(),
            seen_files: Vec::new(),
            opts,
            pending,
            consumed: Default::default(),
            total,
        }
    }

    /// How far through its input the reader is: bytes of the corpus files read so far (for a
    /// gzipped file, compressed bytes) and their total size. Reading runs ahead of the articles
    /// handed out by up to the streams' buffers (256 KB a file).
    pub fn input_position(&self) -> (u64, u64) {
        let read = self.consumed.load(std::sync::atomic::Ordering::Relaxed);
        (read.min(self.total), self.total)
    }

    fn open_file(&self, path: PathBuf) -> Box<dyn Iterator<Item = Item> + Send> {
        let (fmt, gz) = format_of(&path).expect("listed files have a known format");
        let c = &self.consumed;
        match fmt {
            Format::Text => Box::new(std::iter::once(textfile::read_text_file(
                &path, gz, &self.opts, c,
            ))),
            Format::Jsonl => records::jsonl(path, gz, self.opts.clone(), c),
            Format::Csv => records::csv(path, gz, self.opts.clone(), c),
        }
    }

    /// Check an article's id against those seen; returns the problem when it is a duplicate.
    fn check_duplicate(&mut self, a: &Article) -> Option<Problem> {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(a.id.as_bytes());
        let half = |i: usize| u64::from_le_bytes(digest[i..i + 8].try_into().expect("8 bytes"));
        let key = [half(0), half(8)];
        if let Some(&(file, line)) = self.seen.get(&key) {
            let first = Origin {
                file: self.seen_files[file as usize].clone(),
                line: (line > 0).then_some(u64::from(line)),
            };
            return Some(Problem {
                origin: a.origin.clone(),
                message: format!("duplicate id `{}` (first seen at {})", a.id, first),
                skipped: true,
            });
        }
        if self.seen_files.last() != Some(&a.origin.file) {
            self.seen_files.push(a.origin.file.clone());
        }
        let line = a
            .origin
            .line
            .and_then(|l| u32::try_from(l).ok())
            .unwrap_or(0);
        let file = u32::try_from(self.seen_files.len() - 1).expect("fewer than 2^32 corpus files");
        self.seen.insert(key, (file, line));
        None
    }
}

impl Iterator for CorpusReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(p) = self.pending.take() {
            return Some(Item::Problem(p));
        }
        loop {
            if let Some(cur) = self.current.as_mut() {
                match cur.next() {
                    Some(Item::Article(a, w)) => {
                        if let Some(p) = self.check_duplicate(&a) {
                            return Some(Item::Problem(p));
                        }
                        return Some(Item::Article(a, w));
                    }
                    Some(other) => return Some(other),
                    None => self.current = None,
                }
            }
            let next = self.files.next()?;
            self.current = Some(self.open_file(next));
        }
    }
}

/// Read a whole corpus into memory (for small corpora and tests): articles and problems.
pub fn read_all(path: &Path) -> (Vec<Article>, Vec<Problem>) {
    let mut arts = Vec::new();
    let mut probs = Vec::new();
    for item in CorpusReader::open(path, ReadOptions::default()) {
        match item {
            Item::Article(a, w) => {
                arts.push(*a);
                probs.extend(w);
            }
            Item::Problem(p) => probs.push(p),
        }
    }
    (arts, probs)
}

/// Decode bytes as UTF-8: strip a BOM, and decode invalid sequences lossily with a warning.
/// Returns the text and the warning, if any.
pub(crate) fn decode(mut bytes: Vec<u8>) -> (String, Option<String>) {
    if let (std::borrow::Cow::Owned(lossy), warning) = decode_slice(&bytes) {
        return (lossy, warning);
    }
    // Valid UTF-8: the bytes themselves, without a BOM, and no copy.
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    (
        String::from_utf8(bytes).expect("decode_slice found the bytes valid UTF-8"),
        None,
    )
}

/// [`decode`] of bytes the caller keeps (a line buffer used again for the next line):
/// borrowed when they are valid UTF-8, as nearly every line is.
pub(crate) fn decode_slice(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<String>) {
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let body = if bom { &bytes[3..] } else { bytes };
    match std::str::from_utf8(body) {
        Ok(s) => (s.into(), None),
        Err(e) => {
            // Offsets count from the start of the input, BOM included.
            let at = e.valid_up_to() + if bom { 3 } else { 0 };
            (
                String::from_utf8_lossy(body).into_owned().into(),
                Some(format!(
                    "invalid UTF-8 at byte {at}: decoded lossily, bad bytes shown as U+FFFD"
                )),
            )
        }
    }
}

/// Read at most `limit + 1` bytes of a stream, so that an oversized input is detected without
/// holding more than the limit.
pub(crate) fn read_limited(r: &mut dyn Read, limit: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    r.take(limit as u64 + 1).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Bytes as a human size in binary units: "47.7 MiB" (the unit `--max-article-mb` counts in).
pub(crate) fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

impl Article {
    /// Build an article from a record's fields (JSONL or CSV), looking for the title in as
    /// many paragraphs as the layout's default `top_paragraphs`; see
    /// [`Article::from_record_within`].
    pub fn from_record(
        id: String,
        outlet: String,
        title: Option<String>,
        text: String,
        origin: Origin,
    ) -> Article {
        let n = crate::text::layout::Settings::default().top_paragraphs;
        Article::from_record_within(id, outlet, title, text, origin, n)
    }

    /// Build an article from a record's fields. `title` is prepended to the text, followed by
    /// a blank line, when none of the text's first `title_paragraphs` paragraphs (as the
    /// layout cuts them) is the title, so that the headline is part of the text every offset
    /// refers to. A scraped page often has debris above its headline ("Skip to content",
    /// "clear"); such a text holds its headline already, and prepending it again would count
    /// the headline's words twice. Paragraphs as the layout cuts them, with a title that a
    /// hard-wrapped page runs into the debris above it cut out as a paragraph of its own
    /// ([`crate::text::segment::paragraphs_with_title`], which `Document::build` uses too): the
    /// reader and the layout then agree on whether the text holds its headline.
    pub fn from_record_within(
        id: String,
        outlet: String,
        title: Option<String>,
        text: String,
        origin: Origin,
        title_paragraphs: usize,
    ) -> Article {
        let title = title.filter(|t| !t.trim().is_empty());
        let text = match &title {
            Some(t) if !holds_title(&text, t, title_paragraphs) => {
                format!("{}\n\n{}", t.trim(), text)
            }
            _ => text,
        };
        Article {
            id,
            outlet,
            title,
            date: None,
            url: None,
            language: "en".into(),
            source: None,
            text,
            meta: BTreeMap::new(),
            origin,
        }
    }
}

/// Is one of the text's first `n` paragraphs (as the layout cuts them, a title held among
/// other lines cut out: [`crate::text::segment::paragraphs_with_title`]) the title, compared
/// normalized (case, curly quotes and spacing aside)?
pub(crate) fn holds_title(text: &str, title: &str, n: usize) -> bool {
    let title = crate::text::normalize::normalize_str(title.trim());
    crate::text::segment::paragraphs_with_title(text, Some(&title), n)
        .1
        .is_some()
}

/// Check the article size and emptiness; the problem message when it must be skipped.
pub(crate) fn check_text(text: &str, opts: &ReadOptions) -> Option<String> {
    if text.len() > opts.max_article_bytes {
        return Some(format!(
            "article is {} of text, over the article size limit of {} (raise it with --max-article-mb)",
            human_bytes(text.len()),
            human_bytes(opts.max_article_bytes)
        ));
    }
    if text.trim().is_empty() {
        return Some("article has no text".into());
    }
    None
}
