//! Record formats: JSON Lines and CSV, one article per line or row, read as a stream.
//!
//! Both name their fields the same way: `id`, `outlet`, `title`, `date`, `url`, `text`. News
//! datasets often say `ID` for the id and `source` for the outlet, so those are accepted too
//! (the first one present wins, in the order listed). Every other field is kept as metadata.
//! Problems are per line: a line that is not JSON is reported with its line number and the
//! lines after it are read as usual.

use super::{check_text, decode, decode_slice, human_bytes, io_reason, open_stream};
use super::{Article, Item, Origin, Problem, ReadOptions};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::PathBuf;

const ID_KEYS: &[&str] = &["id", "ID", "Id"];
const OUTLET_KEYS: &[&str] = &["outlet", "source", "publisher"];

fn file_problem(path: &std::path::Path, message: String) -> Item {
    Item::Problem(Problem {
        origin: Origin {
            file: path.to_owned(),
            line: None,
        },
        message,
        skipped: true,
    })
}

fn stem_of(path: &std::path::Path) -> String {
    let n = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    n.split('.').next().unwrap_or("").to_owned()
}

/// Fields of one record, before they become an article.
struct Fields {
    id: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    text: Option<String>,
    meta: BTreeMap<String, String>,
}

impl Fields {
    fn from_pairs(pairs: impl Iterator<Item = (String, String)>) -> Fields {
        let mut all: BTreeMap<String, String> = pairs.collect();
        let mut take_first = |keys: &[&str]| {
            let k = keys.iter().find(|k| all.contains_key(**k))?;
            all.remove(*k)
        };
        let id = take_first(ID_KEYS);
        let outlet = take_first(OUTLET_KEYS);
        let title = take_first(&["title", "headline"]);
        let date = take_first(&["date"]);
        let url = take_first(&["url"]);
        let text = take_first(&["text", "body", "content"]);
        Fields {
            id,
            outlet,
            title,
            date,
            url,
            text,
            meta: all,
        }
    }

    fn into_item(
        self,
        origin: Origin,
        stem: &str,
        opts: &ReadOptions,
        mut warnings: Vec<Problem>,
    ) -> Item {
        let line = origin.line.unwrap_or(0);
        let Some(text) = self.text else {
            return Item::Problem(Problem {
                origin,
                message: "record has no `text` field".into(),
                skipped: true,
            });
        };
        let id = match self.id.filter(|s| !s.trim().is_empty()) {
            Some(id) => id,
            None => {
                let id = format!("{stem}-{line}");
                warnings.push(Problem {
                    origin: origin.clone(),
                    message: format!("record has no id: using `{id}`"),
                    skipped: false,
                });
                id
            }
        };
        if let Some(msg) = check_text(&text, opts) {
            return Item::Problem(Problem {
                origin,
                message: format!("article `{id}`: {msg}"),
                skipped: true,
            });
        }
        let mut a = Article::from_record_within(
            id,
            self.outlet.unwrap_or_else(|| "unknown".into()),
            self.title,
            text,
            origin,
            opts.title_paragraphs,
        );
        a.date = self.date.filter(|s| !s.is_empty());
        a.url = self.url.filter(|s| !s.is_empty());
        if let Some(lang) = self.meta.get("language") {
            a.language = lang.clone();
        }
        a.meta = self.meta;
        Item::Article(Box::new(a), warnings)
    }
}

/// Read one line of at most `limit` bytes into `buf`. Returns `Ok(None)` at end of input,
/// otherwise the full length of the line (which may exceed what was kept).
fn read_line_limited(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0usize;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(if total == 0 { None } else { Some(total) });
        }
        let (used, done) = match memchr_newline(chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let keep = used.min(limit.saturating_sub(buf.len()));
        buf.extend_from_slice(&chunk[..keep]);
        total += used;
        r.consume(used);
        if done {
            return Ok(Some(total));
        }
    }
}

/// A NUL byte in the first 8 KiB means a binary file: the message, if so. Looks without
/// consuming (the reader's buffer holds at least that much).
fn sniff_binary(r: &mut dyn BufRead, what: &str) -> Option<String> {
    let head = r.fill_buf().ok()?;
    let pos = head.iter().take(8192).position(|&b| b == 0)?;
    Some(format!(
        "binary file (NUL byte at offset {pos}), not {what}"
    ))
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    // (memchr's SIMD search: the byte-by-byte one was about 2% of a whole run, on the
    // thread that also writes the tables.)
    memchr::memchr(b'\n', b)
}

fn json_string(v: serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Stream a JSON Lines file.
pub(super) fn jsonl(
    path: PathBuf,
    gz: bool,
    opts: ReadOptions,
    consumed: &super::Consumed,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let mut reader = match open_stream(&path, gz, consumed) {
        Ok(r) => r,
        Err(e) => {
            return Box::new(std::iter::once(file_problem(
                &path,
                format!("cannot read file: {}", io_reason(&e)),
            )))
        }
    };
    if let Some(msg) = sniff_binary(&mut *reader, "JSON Lines") {
        return Box::new(std::iter::once(file_problem(&path, msg)));
    }
    let stem = stem_of(&path);
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    let mut saw_any = false;
    let mut done = false;
    let limit = opts.max_article_bytes + 64 * 1024;
    Box::new(std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        let origin = |l: u64| Origin {
            file: path.clone(),
            line: Some(l),
        };
        match read_line_limited(&mut *reader, &mut buf, limit) {
            Err(e) => {
                done = true;
                return Some(Item::Problem(Problem {
                    origin: origin(line_no + 1),
                    message: format!("cannot read file: {}", io_reason(&e)),
                    skipped: true,
                }));
            }
            Ok(None) => {
                done = true;
                if !saw_any {
                    return Some(file_problem(&path, "file is empty".into()));
                }
                return None;
            }
            Ok(Some(total)) => {
                line_no += 1;
                if buf.iter().all(|b| b.is_ascii_whitespace()) && total == buf.len() {
                    continue;
                }
                saw_any = true;
                if total > limit {
                    return Some(Item::Problem(Problem {
                        origin: origin(line_no),
                        message: format!(
                            "line is {}, over the article size limit of {} (raise it with --max-article-mb)",
                            human_bytes(total),
                            human_bytes(opts.max_article_bytes)
                        ),
                        skipped: true,
                    }));
                }
                // (A line far longer than most leaves the buffer that large: give it back.)
                if buf.capacity() > 4 << 20 && buf.len() < 1 << 20 {
                    buf.shrink_to(1 << 20);
                }
                let (text, warn) = decode_slice(&buf);
                let mut warnings = Vec::new();
                if let Some(w) = warn {
                    warnings.push(Problem {
                        origin: origin(line_no),
                        message: w,
                        skipped: false,
                    });
                }
                let value: serde_json::Value = match serde_json::from_str(text.trim_end()) {
                    Ok(v) => v,
                    Err(e) => {
                        return Some(Item::Problem(Problem {
                            origin: origin(line_no),
                            message: json_reason(&e),
                            skipped: true,
                        }))
                    }
                };
                let serde_json::Value::Object(map) = value else {
                    return Some(Item::Problem(Problem {
                        origin: origin(line_no),
                        message: "line is JSON but not an object with a `text` field".into(),
                        skipped: true,
                    }));
                };
                let fields = Fields::from_pairs(map.into_iter().map(|(k, v)| (k, json_string(v))));
                return Some(fields.into_item(origin(line_no), &stem, &opts, warnings));
            }
        }
    }))
}

/// Stream a CSV file with a header row.
pub(super) fn csv(
    path: PathBuf,
    gz: bool,
    opts: ReadOptions,
    consumed: &super::Consumed,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let mut reader = match open_stream(&path, gz, consumed) {
        Ok(r) => r,
        Err(e) => {
            return Box::new(std::iter::once(file_problem(
                &path,
                format!("cannot read file: {}", io_reason(&e)),
            )))
        }
    };
    if let Some(msg) = sniff_binary(&mut *reader, "CSV") {
        return Box::new(std::iter::once(file_problem(&path, msg)));
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(reader);
    let headers: Vec<String> = match rdr.byte_headers() {
        Ok(h) => h
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let s = String::from_utf8_lossy(b).into_owned();
                if i == 0 {
                    s.trim_start_matches('\u{FEFF}').to_owned()
                } else {
                    s
                }
            })
            .collect(),
        Err(e) => {
            return Box::new(std::iter::once(file_problem(
                &path,
                format!("cannot read the CSV header row: {e}"),
            )))
        }
    };
    if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
        return Box::new(std::iter::once(file_problem(&path, "file is empty".into())));
    }
    if !headers
        .iter()
        .any(|h| matches!(h.as_str(), "text" | "body" | "content"))
    {
        return Box::new(std::iter::once(file_problem(
            &path,
            format!(
                "no `text` column (columns: {}); the article text must be in a column named `text`",
                headers.join(", ")
            ),
        )));
    }
    let stem = stem_of(&path);
    let mut records = rdr.into_byte_records();
    let mut any = false;
    let mut done = false;
    Box::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        match records.next() {
            None => {
                done = true;
                if !any {
                    return Some(file_problem(&path, "CSV has a header but no rows".into()));
                }
                None
            }
            Some(Err(e)) => {
                let line = e.position().map(|p| p.line());
                any = true;
                // A structural CSV error leaves the reader at the next record.
                Some(Item::Problem(Problem {
                    origin: Origin {
                        file: path.clone(),
                        line,
                    },
                    message: format!("malformed CSV row: {}", csv_reason(&e)),
                    skipped: true,
                }))
            }
            Some(Ok(rec)) => {
                any = true;
                let line = rec.position().map(|p| p.line());
                let origin = Origin {
                    file: path.clone(),
                    line,
                };
                let mut warnings = Vec::new();
                let pairs: Vec<(String, String)> = headers
                    .iter()
                    .zip(rec.iter())
                    .map(|(h, v)| {
                        let (s, w) = decode(v.to_vec());
                        if let Some(w) = w {
                            warnings.push(Problem {
                                origin: origin.clone(),
                                message: format!("column `{h}`: {w}"),
                                skipped: false,
                            });
                        }
                        (h.clone(), s)
                    })
                    .collect();
                Some(
                    Fields::from_pairs(pairs.into_iter()).into_item(origin, &stem, &opts, warnings),
                )
            }
        }
    }))
}

/// Why a line is not JSON, with the column: serde_json's own "at line 1 column N" would
/// contradict the file line number the problem is reported at.
fn json_reason(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let what = full.strip_suffix(&position).unwrap_or(&full);
    format!("not valid JSON (column {}): {what}", e.column())
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => e.to_string(),
    }
}
