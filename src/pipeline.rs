//! Running the analysis over a whole corpus: streaming, parallel, deterministic.
//!
//! Articles are read a chunk at a time from the corpus stream, analysed in parallel with
//! rayon, and handed to the sink in corpus order. So memory holds one chunk, not the corpus,
//! and the output is the same whatever the thread count: parallelism only changes when a
//! result is computed, never the order in which it is written.

use crate::corpus::{Article, CorpusReader, Item, Problem, ReadOptions};
use crate::text::{Document, Layout, Zone};
use rayon::prelude::*;
use std::path::Path;

/// Articles analysed per parallel chunk.
pub const CHUNK: usize = 512;

/// Receives what happens during a run (the CLI prints it; the library never does).
pub trait Observer {
    /// An input was skipped, or loaded with a warning.
    fn problem(&mut self, p: &Problem);
    /// Progress: articles done so far and bytes of text read.
    fn progress(&mut self, _articles: usize, _bytes: u64) {}
    /// How far through the input reading is: bytes of the corpus files read and their total
    /// (see [`CorpusReader::input_position`]); told after each chunk is read, before `progress`.
    fn input(&mut self, _read: u64, _total: u64) {}
}

/// An observer that collects problems.
#[derive(Debug, Default)]
pub struct Collect {
    /// Problems seen, in order.
    pub problems: Vec<Problem>,
}

impl Observer for Collect {
    fn problem(&mut self, p: &Problem) {
        self.problems.push(p.clone());
    }
}

/// Counts at the end of a run.
#[derive(Debug, Default, Clone, Copy)]
pub struct RunCounts {
    /// Articles analysed.
    pub articles: usize,
    /// Inputs skipped.
    pub skipped: usize,
    /// Warnings.
    pub warnings: usize,
    /// Bytes of article text.
    pub bytes: u64,
}

/// Read the corpus at `path` and call `sink` with `analyse(doc)` for each article, in corpus
/// order. Problems go to `obs`.
pub fn for_each_document<R, F, S>(
    path: &Path,
    read: &ReadOptions,
    layout: &Layout,
    obs: &mut dyn Observer,
    analyse: F,
    mut sink: S,
) -> Result<RunCounts, String>
where
    R: Send,
    F: Fn(&Document) -> R + Sync,
    S: FnMut(&Article, R) -> Result<(), String>,
{
    let mut counts = RunCounts::default();
    let mut reader = CorpusReader::open(path, read.clone());
    // Three stages overlap: while the worker threads analyse chunk n, this thread writes the
    // results of chunk n - 1 and reads chunk n + 1, so reading (decompression, JSON) and
    // writing (the tables) no longer leave the cores idle. Results still reach `sink` in
    // corpus order, so the output does not depend on timing.
    let an = &analyse;
    let mut cur = read_chunk(&mut reader, &mut counts, obs);
    let mut prev: Option<Analysed<R>> = None;
    loop {
        let last = cur.len() < CHUNK;
        let work = std::mem::take(&mut cur);
        let (analysed, next, sunk) = std::thread::scope(|s| {
            let worker = s.spawn(move || {
                let results = analyse_chunk(&work, layout, an);
                (work, results)
            });
            let sunk = match prev.take() {
                Some((arts, res)) => deliver(&arts, res, &mut sink, &mut counts, obs),
                None => Ok(()),
            };
            let next = if last || sunk.is_err() {
                Vec::new()
            } else {
                read_chunk(&mut reader, &mut counts, obs)
            };
            let analysed = worker
                .join()
                .map_err(|_| "internal error: the analysis thread stopped".to_string());
            (analysed, next, sunk)
        });
        sunk?;
        prev = Some(analysed?);
        if last {
            break;
        }
        cur = next;
    }
    if let Some((arts, res)) = prev {
        deliver(&arts, res, &mut sink, &mut counts, obs)?;
    }
    Ok(counts)
}

/// A chunk of articles with the result of each one's analysis (or its panic message).
type Analysed<R> = (Vec<Article>, Vec<Result<R, String>>);

/// Read up to [`CHUNK`] articles, reporting problems as they come.
fn read_chunk(
    reader: &mut CorpusReader,
    counts: &mut RunCounts,
    obs: &mut dyn Observer,
) -> Vec<Article> {
    let mut chunk: Vec<Article> = Vec::with_capacity(CHUNK);
    for item in reader.by_ref() {
        match item {
            Item::Article(a, warnings) => {
                for w in &warnings {
                    counts.warnings += 1;
                    obs.problem(w);
                }
                counts.bytes += a.text.len() as u64;
                chunk.push(*a);
                if chunk.len() == CHUNK {
                    break;
                }
            }
            Item::Problem(p) => {
                if p.skipped {
                    counts.skipped += 1;
                } else {
                    counts.warnings += 1;
                }
                obs.problem(&p);
            }
        }
    }
    let (read, total) = reader.input_position();
    obs.input(read, total);
    chunk
}

/// Analyse a chunk on the worker threads. A bug that panics on one article's text skips that
/// article with a message instead of ending the run: the rest of the corpus still gets
/// analysed.
fn analyse_chunk<R, F>(chunk: &[Article], layout: &Layout, analyse: &F) -> Vec<Result<R, String>>
where
    R: Send,
    F: Fn(&Document) -> R + Sync,
{
    chunk
        .par_iter()
        .map(|a| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let doc = Document::build(a, layout);
                analyse(&doc)
            }))
            .map_err(|e| {
                e.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "unknown panic".into())
            })
        })
        .collect()
}

/// Hand a chunk's results to the sink in order; an article whose analysis panicked is
/// reported and skipped.
fn deliver<R, S>(
    chunk: &[Article],
    results: Vec<Result<R, String>>,
    sink: &mut S,
    counts: &mut RunCounts,
    obs: &mut dyn Observer,
) -> Result<(), String>
where
    S: FnMut(&Article, R) -> Result<(), String>,
{
    for (a, r) in chunk.iter().zip(results) {
        match r {
            Ok(r) => {
                sink(a, r)?;
                counts.articles += 1;
            }
            Err(msg) => {
                counts.skipped += 1;
                obs.problem(&Problem {
                    origin: a.origin.clone(),
                    message: format!(
                        "article `{}`: internal error, please report it: {}",
                        a.id,
                        msg.lines().next().unwrap_or("")
                    ),
                    skipped: true,
                });
            }
        }
    }
    obs.progress(counts.articles, counts.bytes);
    Ok(())
}

/// What `slant corpus check` shows of one article.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Article id.
    pub id: String,
    /// Outlet.
    pub outlet: String,
    /// Title, if any.
    pub title: Option<String>,
    /// Date, if any.
    pub date: Option<String>,
    /// Words in counted zones.
    pub words: usize,
    /// Words inside quotations.
    pub quoted_words: usize,
    /// Paragraphs per zone, in [`Zone::ALL`] order.
    pub zones: [usize; 9],
    /// Lines dropped (byline and boilerplate).
    pub dropped: usize,
    /// Quotations found.
    pub quotations: usize,
    /// Quote marks that could not be paired.
    pub malformed: usize,
    /// Every line with its zone and rule.
    pub lines: Vec<LineRecord>,
}

/// One line's zone, for the audit (`dropped.csv`, `corpus check --lines`).
#[derive(Debug, Clone)]
pub struct LineRecord {
    /// 1-based line number in the article text.
    pub line: usize,
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// Zone.
    pub zone: Zone,
    /// Rule id.
    pub rule: String,
    /// Character offsets of the line.
    pub char_start: usize,
    /// End (exclusive).
    pub char_end: usize,
    /// The line's text. In a run's [`Analysis`] only dropped lines (not counted) carry it:
    /// `dropped.csv` is the one table that prints lines, and copying every counted line of
    /// every article cost a run a second copy of the corpus. [`summarise`] keeps every line's.
    pub text: String,
}

/// Summarise a document, with the text of every line.
pub fn summarise(doc: &Document) -> Summary {
    summary(doc, true)
}

/// Summarise a document; the lines that are counted carry their text only when `all_text`.
fn summary(doc: &Document, all_text: bool) -> Summary {
    let a = doc.article;
    let mut zones = [0usize; 9];
    let mut lines = Vec::with_capacity(doc.paragraphs.len());
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let zi = Zone::ALL.iter().position(|z| *z == p.zone).unwrap();
        zones[zi] += 1;
        lines.push(LineRecord {
            line: p.line,
            paragraph: i + 1,
            zone: p.zone,
            rule: p.rule.clone(),
            char_start: doc.char_offset(p.start),
            char_end: doc.char_offset(p.end),
            text: if all_text || !p.zone.counted() {
                a.text[p.start..p.end].to_owned()
            } else {
                String::new()
            },
        });
    }
    Summary {
        id: a.id.clone(),
        outlet: a.outlet.clone(),
        title: a.title.clone(),
        date: a.date.clone(),
        words: doc.words,
        quoted_words: doc.quoted_words,
        zones,
        dropped: doc.paragraphs.iter().filter(|p| !p.zone.counted()).count(),
        quotations: doc.quotes.len(),
        malformed: doc.malformed.len(),
        lines,
    }
}

/// Everything a run needs besides the corpus: compiled once, shared by all threads.
pub struct Context {
    /// Layout rules.
    pub layout: Layout,
    /// Loaded-term lexicon.
    pub lexicon: crate::lexicon::Lexicon,
    /// Its compiled matcher.
    pub matcher: crate::lexicon::Matcher,
    /// Reporting verbs and cues.
    pub speech: crate::lexicon::sources::SpeechLexicon,
    /// Source groups, known speakers, roles.
    pub groups: crate::lexicon::sources::GroupsLexicon,
    /// Their compiled search.
    pub sources: crate::metrics::quotes::SourceMatcher,
    /// Every list the paragraphs are searched for, in one automaton (see
    /// [`crate::lexicon::scan`]). Built from `matcher`, `groups`, `speech` and `casualties`:
    /// after changing one of those, call [`Context::recompile`].
    pub scanner: crate::lexicon::scan::Scanner,
    /// Casualty lexicon.
    pub casualties: crate::lexicon::casualties::CasualtyLexicon,
    /// The text of every rule file read (path, text): what the bundle keeps a copy of.
    pub texts: Vec<(std::path::PathBuf, String)>,
}

/// One loaded-term hit, ready for the hit table.
#[derive(Debug, Clone)]
pub struct HitRow {
    /// Term index.
    pub term: usize,
    /// Category index.
    pub category: usize,
    /// Matched text as in the original.
    pub matched: String,
    /// Voice.
    pub voice: crate::metrics::loaded::Voice,
    /// Zone.
    pub zone: Zone,
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// 1-based sentence number.
    pub sentence: usize,
    /// Character offsets in the article text.
    pub char_start: usize,
    /// End (exclusive).
    pub char_end: usize,
    /// Quotation number (1-based) holding the hit.
    pub quote: Option<usize>,
    /// Group of that quotation's speaker.
    pub speaker_group: Option<usize>,
    /// The sentence.
    pub sentence_text: String,
    /// Byte span of the hit within `sentence_text` (for a keyword-in-context cut).
    pub in_sentence: (usize, usize),
}

/// The full analysis of one article, owned (no borrows of the document).
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Corpus-check summary (its counted lines without their text: see [`LineRecord::text`]).
    pub summary: Summary,
    /// Loaded-term scores.
    pub loaded: crate::metrics::loaded::Loaded,
    /// Loaded-term hit rows.
    pub hits: Vec<HitRow>,
    /// Quotation rows.
    pub quotes: Vec<QuoteRow>,
    /// Quotation stats.
    pub quote_stats: crate::metrics::quotes::QuoteStats,
    /// Casualty mention rows.
    pub casualties: Vec<CasualtyRow>,
    /// Casualty stats.
    pub casualty_stats: crate::metrics::casualties::CasualtyStats,
    /// Reported-speech rows.
    pub reported: Vec<ReportedRow>,
}

/// One stretch of reported speech, ready for `speech.csv`.
#[derive(Debug, Clone)]
pub struct ReportedRow {
    /// Cue as written.
    pub cue: String,
    /// Speaker as named.
    pub speaker: Option<String>,
    /// Resolved speaker.
    pub resolved: Option<String>,
    /// Group index (None = unattributed).
    pub group: Option<usize>,
    /// Words reported.
    pub words: usize,
    /// Zone.
    pub zone: Zone,
    /// 1-based paragraph.
    pub paragraph: usize,
    /// Character offsets of the reported words.
    pub char_start: usize,
    /// End.
    pub char_end: usize,
    /// The reported words.
    pub text: String,
}

impl ReportedRow {
    /// The speaker to show: as resolved, else as named.
    pub fn who(&self) -> Option<&str> {
        self.resolved.as_deref().or(self.speaker.as_deref())
    }
}

/// One casualty mention, ready for the casualty table.
#[derive(Debug, Clone)]
pub struct CasualtyRow {
    /// The mention.
    pub m: crate::metrics::casualties::Mention,
    /// Group of the quotation's speaker, when inside a quotation.
    pub speaker_group: Option<usize>,
    /// Character offsets of the trigger.
    pub char_start: usize,
    /// End.
    pub char_end: usize,
    /// The sentence.
    pub sentence_text: String,
    /// Byte span of the mention within `sentence_text`.
    pub in_sentence: (usize, usize),
}

/// One quotation, ready for the quote table.
#[derive(Debug, Clone)]
pub struct QuoteRow {
    /// 1-based number in the article.
    pub id: usize,
    /// Kind.
    pub kind: crate::text::QuoteKind,
    /// Speaker as named.
    pub speaker: Option<String>,
    /// Resolved speaker.
    pub resolved: Option<String>,
    /// Group index (None = unattributed).
    pub group: Option<usize>,
    /// Cue.
    pub cue: Option<String>,
    /// How attributed.
    pub attribution: crate::metrics::quotes::Attribution,
    /// Relay.
    pub relay: Option<String>,
    /// Words inside.
    pub words: usize,
    /// Zone.
    pub zone: Zone,
    /// 1-based paragraph.
    pub paragraph: usize,
    /// Character offsets (of the marks).
    pub char_start: usize,
    /// End.
    pub char_end: usize,
    /// The quoted words.
    pub text: String,
}

impl QuoteRow {
    /// The speaker to show: as resolved, else as named.
    pub fn who(&self) -> Option<&str> {
        self.resolved.as_deref().or(self.speaker.as_deref())
    }
}

/// The searches a [`Context`] derives from its lexicons.
fn compile(
    lexicon: &crate::lexicon::Lexicon,
    groups: &crate::lexicon::sources::GroupsLexicon,
    speech: &crate::lexicon::sources::SpeechLexicon,
    casualties: &crate::lexicon::casualties::CasualtyLexicon,
) -> (
    crate::lexicon::Matcher,
    crate::metrics::quotes::SourceMatcher,
    crate::lexicon::scan::Scanner,
) {
    let matcher = crate::lexicon::Matcher::new(lexicon);
    let sources = crate::metrics::quotes::SourceMatcher::new(groups);
    let scanner = crate::lexicon::scan::Scanner::new(&matcher, groups, speech, casualties);
    (matcher, sources, scanner)
}

/// Analyse one document with every metric.
pub fn analyse(doc: &Document, ctx: &Context) -> Analysis {
    // One scan of each counted paragraph for the loaded terms, the speakers' names and roles,
    // the speech cues and the casualty words, shared by the four metrics below.
    let scanned = ctx.scanner.scan(doc);
    let scan = scanned.as_ref();
    let speech = crate::metrics::speech::find(doc, &ctx.speech, scan);
    let loaded = crate::metrics::loaded::analyse(doc, &ctx.lexicon, &ctx.matcher, &speech, scan);
    let text = doc.text();
    let (att, reported) = crate::metrics::quotes::attribute_all(
        doc,
        &ctx.groups,
        &ctx.sources,
        &ctx.speech,
        &speech,
        scan,
    );
    let quote_stats = crate::metrics::quotes::stats(doc, &att, &ctx.groups);
    let quotes = att
        .iter()
        .map(|a| {
            let q = &doc.quotes[a.quote];
            QuoteRow {
                id: a.quote + 1,
                kind: q.kind,
                speaker: a.speaker.clone(),
                resolved: a.resolved.clone(),
                group: a.group,
                cue: a.cue.clone(),
                attribution: a.attribution,
                relay: a.relay.clone(),
                words: q.words,
                zone: doc.paragraphs[q.paragraph].zone,
                paragraph: q.paragraph + 1,
                char_start: doc.char_offset(q.start),
                char_end: doc.char_offset(q.end),
                text: text[q.content_start..q.content_end].to_owned(),
            }
        })
        .collect();
    let hits = loaded
        .hits
        .iter()
        .map(|h| HitRow {
            term: h.term,
            category: h.category,
            matched: text[h.start..h.end].to_owned(),
            voice: h.voice,
            zone: h.zone,
            paragraph: h.paragraph + 1,
            sentence: h.sentence + 1,
            char_start: doc.char_offset(h.start),
            char_end: doc.char_offset(h.end),
            quote: h.quote.map(|q| q + 1),
            speaker_group: h.quote.and_then(|q| att[q].group),
            sentence_text: doc.sentence_text(h.sentence).to_owned(),
            in_sentence: (
                h.start - doc.sentences[h.sentence].start,
                h.end - doc.sentences[h.sentence].start,
            ),
        })
        .collect();
    let ms = crate::metrics::casualties::find(doc, &ctx.casualties, scan);
    let casualty_stats = crate::metrics::casualties::stats(doc, &ms, &ctx.casualties);
    let casualties = ms
        .into_iter()
        .map(|m| CasualtyRow {
            speaker_group: m.quote.and_then(|q| att[q].group),
            char_start: doc.char_offset(m.start),
            char_end: doc.char_offset(m.end),
            sentence_text: doc.sentence_text(m.sentence).to_owned(),
            in_sentence: (
                m.start.saturating_sub(doc.sentences[m.sentence].start),
                m.end.saturating_sub(doc.sentences[m.sentence].start),
            ),
            m,
        })
        .collect();
    let reported = reported
        .into_iter()
        .map(|r| {
            // The row's offsets span exactly its text: the reported words without the comma
            // or space the span opens with ("..., officials said, the strike ..."), so that
            // slicing the article at them gives the `text` cell.
            let raw = &text[r.start..r.end];
            let body =
                raw.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
            let shown = body.trim_end();
            let start = r.start + raw.len() - body.len();
            let end = start + shown.len();
            let para = doc.paragraph_at(start);
            let words = doc.words_within(start, end);
            ReportedRow {
                cue: r.cue,
                speaker: r.speaker,
                resolved: r.resolved,
                group: r.group,
                words,
                zone: doc.paragraphs[para].zone,
                paragraph: para + 1,
                char_start: doc.char_offset(start),
                char_end: doc.char_offset(end),
                text: shown.to_owned(),
            }
        })
        .collect();
    Analysis {
        summary: summary(doc, false),
        loaded,
        hits,
        quotes,
        quote_stats,
        casualties,
        casualty_stats,
        reported,
    }
}

impl Context {
    /// Load everything from a lexicon folder: `layout.toml`, `speech.toml` (both optional:
    /// built-in defaults stand in) and the loaded-term lexicons. Every problem in every file is
    /// collected before failing. `files` overrides the loaded-term files.
    pub fn load(
        dir: &Path,
        files: Option<&[std::path::PathBuf]>,
    ) -> Result<Context, Vec<crate::diag::Diagnostic>> {
        use crate::lexicon::casualties::CasualtyLexicon;
        use crate::lexicon::sources::{GroupsLexicon, SpeechLexicon};
        let mut diags = Vec::new();
        // Every file is read once; the texts parsed are the texts a bundle keeps, even if a
        // file is saved again while the run goes on.
        let mut texts: Vec<(std::path::PathBuf, String)> = Vec::new();
        let mut read = |p: &Path, diags: &mut Vec<crate::diag::Diagnostic>| -> Option<String> {
            if !p.exists() {
                return None;
            }
            match crate::diag::read_source(p) {
                Ok(t) => {
                    texts.push((p.to_owned(), t.clone()));
                    Some(t)
                }
                Err(d) => {
                    diags.extend(d);
                    None
                }
            }
        };
        let files = match files {
            Some(f) => f.to_vec(),
            None => match crate::lexicon::lexicon_files(dir) {
                Ok(f) => f,
                Err(d) => {
                    diags.push(d);
                    Vec::new()
                }
            },
        };
        let lexicon_texts: Vec<(std::path::PathBuf, String)> = files
            .iter()
            .filter_map(|f| read(f, &mut diags).map(|t| (f.clone(), t)))
            .collect();
        // An absent special file means its defaults; an invalid one is reported.
        type Diags = Vec<crate::diag::Diagnostic>;
        fn special<T>(
            path: &Path,
            read: &mut dyn FnMut(&Path, &mut Diags) -> Option<String>,
            parse: fn(&Path, &str) -> Result<T, Diags>,
            default: fn() -> T,
            diags: &mut Diags,
        ) -> T {
            match read(path, diags).map(|t| parse(path, &t)) {
                Some(Ok(v)) => v,
                Some(Err(d)) => {
                    diags.extend(d);
                    default()
                }
                None => default(),
            }
        }
        let d = &mut diags;
        let layout = special(
            &dir.join("layout.toml"),
            &mut read,
            Layout::parse,
            Layout::empty,
            d,
        );
        let speech = special(
            &dir.join("speech.toml"),
            &mut read,
            SpeechLexicon::parse,
            SpeechLexicon::builtin,
            d,
        );
        let groups = special(
            &dir.join("groups.toml"),
            &mut read,
            GroupsLexicon::parse,
            GroupsLexicon::builtin,
            d,
        );
        let casualties = special(
            &dir.join("casualties.toml"),
            &mut read,
            CasualtyLexicon::parse,
            CasualtyLexicon::empty,
            d,
        );
        if files.is_empty() && diags.is_empty() {
            diags.push(crate::diag::Diagnostic::file_error(
                dir,
                format!(
                    "no loaded-term lexicon files (*.toml other than {})",
                    crate::lexicon::SPECIAL_FILES.join(", ")
                ),
            ));
        }
        let lexicon = if lexicon_texts.is_empty() {
            crate::lexicon::Lexicon::default()
        } else {
            crate::lexicon::load_sources(&lexicon_texts).unwrap_or_else(|d| {
                diags.extend(d);
                crate::lexicon::Lexicon::default()
            })
        };
        if !diags.is_empty() {
            return Err(diags);
        }
        let (matcher, sources, scanner) = compile(&lexicon, &groups, &speech, &casualties);
        Ok(Context {
            scanner,
            layout,
            lexicon,
            matcher,
            speech,
            groups,
            sources,
            casualties,
            texts,
        })
    }

    /// Compile the searches again from `lexicon`, `groups`, `speech` and `casualties`, after
    /// a change to any of them: the matcher, the speaker search and the shared scanner.
    pub fn recompile(&mut self) {
        (self.matcher, self.sources, self.scanner) =
            compile(&self.lexicon, &self.groups, &self.speech, &self.casualties);
    }

    /// The files a run read its rules from (copied into the bundle).
    pub fn files(&self, dir: &Path) -> Vec<std::path::PathBuf> {
        let mut v = self.lexicon.files.clone();
        for special in [
            "layout.toml",
            "speech.toml",
            "groups.toml",
            "casualties.toml",
        ] {
            let p = dir.join(special);
            if p.exists() {
                v.push(p);
            }
        }
        v
    }
}
