//! One article per `.txt`/`.md` file, with an optional TOML front-matter block.
//!
//! ```text
//! +++
//! id = "rudaw"
//! outlet = "Rudaw"
//! title = "US confirms killing top Kataib Hezbollah commander in Baghdad"
//! date = "2024-02-07"
//! [meta]
//! updated = "2024-02-08"
//! +++
//! US confirms killing top Kataib Hezbollah commander in Baghdad
//! ...
//! ```
//!
//! The front matter's keys are fixed (a misspelt key is an error with its line and column);
//! anything else goes under `[meta]`. The article text is everything after the closing `+++`
//! line, and every offset slant reports counts from its first character. Without front matter
//! the id comes from the file name and the title from the first line, with a warning.

use super::{check_text, decode, human_bytes, io_reason, open_stream, read_limited};
use super::{Article, Item, Origin, Problem, ReadOptions};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    date: Option<toml::Value>,
    url: Option<String>,
    language: Option<String>,
    source: Option<String>,
    #[serde(default)]
    meta: BTreeMap<String, toml::Value>,
}

fn value_string(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) => d.to_string(),
        // A bare TOML date seen through an untyped field arrives as serde's private wrapper.
        toml::Value::Table(t) if t.len() == 1 && t.contains_key("$__toml_private_datetime") => {
            value_string(&t["$__toml_private_datetime"])
        }
        other => other.to_string(),
    }
}

pub(super) fn read_text_file(
    path: &Path,
    gz: bool,
    opts: &ReadOptions,
    consumed: &super::Consumed,
) -> Item {
    let origin = Origin {
        file: path.to_owned(),
        line: None,
    };
    let problem = |message: String| {
        Item::Problem(Problem {
            origin: origin.clone(),
            message,
            skipped: true,
        })
    };
    let bytes = match open_stream(path, gz, consumed)
        .and_then(|mut r| read_limited(&mut r, opts.max_article_bytes + 64 * 1024))
    {
        Ok(b) => b,
        Err(e) => return problem(format!("cannot read file: {}", io_reason(&e))),
    };
    if bytes.is_empty() {
        return problem("file is empty".into());
    }
    if let Some(pos) = bytes.iter().take(8192).position(|&b| b == 0) {
        return problem(format!(
            "binary file (NUL byte at offset {pos}), not an article"
        ));
    }
    if bytes.len() > opts.max_article_bytes + 64 * 1024 {
        let size = match std::fs::metadata(path) {
            Ok(m) if !gz => format!("file is {}", human_bytes(m.len() as usize)),
            _ => "file is larger than that".to_owned(),
        };
        return problem(format!(
            "{size}, over the article size limit of {} (raise it with --max-article-mb)",
            human_bytes(opts.max_article_bytes)
        ));
    }
    let (content, warning) = decode(bytes);
    match parse_text_file(path, &content) {
        Ok((article, mut warnings)) => {
            if let Some(w) = warning {
                warnings.insert(
                    0,
                    Problem {
                        origin,
                        message: w,
                        skipped: false,
                    },
                );
            }
            if let Some(msg) = check_text(&article.text, opts) {
                return Item::Problem(Problem {
                    origin: article.origin.clone(),
                    message: msg,
                    skipped: true,
                });
            }
            Item::Article(Box::new(article), warnings)
        }
        Err(p) => Item::Problem(p),
    }
}

/// Split front matter from text and build the article. Public for the fuzz target.
pub fn parse_text_file(path: &Path, content: &str) -> Result<(Article, Vec<Problem>), Problem> {
    let origin = Origin {
        file: path.to_owned(),
        line: None,
    };
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = strip_ext(&stem, ".gz");
    let stem = strip_ext(stem, ".txt");
    let stem = strip_ext(stem, ".md").to_owned();
    let mut warnings = Vec::new();

    let first_line_end = content.find('\n').unwrap_or(content.len());
    let opens = content[..first_line_end].trim_end_matches('\r').trim_end() == "+++";
    if !opens {
        let title = content
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_owned);
        warnings.push(Problem {
            origin: origin.clone(),
            message: format!(
                "no front matter: id `{stem}` taken from the file name, title from the first line"
            ),
            skipped: false,
        });
        let mut a = Article::from_record(stem, "unknown".into(), title, content.to_owned(), origin);
        a.title = a.title.filter(|t| !t.is_empty());
        return Ok((a, warnings));
    }
    // Find the closing +++ line.
    let mut pos = first_line_end + 1;
    let mut close: Option<(usize, usize)> = None; // (start of closing line, start of text)
    while pos <= content.len() {
        let end = content[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(content.len());
        if content[pos..end].trim_end_matches('\r').trim_end() == "+++" {
            close = Some((pos, (end + 1).min(content.len())));
            break;
        }
        if end == content.len() {
            break;
        }
        pos = end + 1;
    }
    let Some((close_at, text_at)) = close else {
        return Err(Problem {
            origin,
            message: "malformed front matter: opening `+++` on line 1 is never closed".into(),
            skipped: true,
        });
    };
    let block = &content[(first_line_end + 1).min(close_at)..close_at];
    let fm: FrontMatter = match toml::from_str(block) {
        Ok(fm) => fm,
        Err(e) => {
            let (line, col) = match e.span() {
                Some(span) => {
                    let before = &block[..span.start.min(block.len())];
                    let line = before.matches('\n').count() + 2; // +1 for `+++`, +1 1-based
                    let col = before[before.rfind('\n').map(|i| i + 1).unwrap_or(0)..]
                        .chars()
                        .count()
                        + 1;
                    (line, col)
                }
                None => (2, 1),
            };
            return Err(Problem {
                origin: Origin {
                    file: path.to_owned(),
                    line: Some(line as u64),
                },
                message: format!(
                    "malformed front matter (column {col}): {}",
                    crate::diag::unknown_key_message(e.message().trim())
                ),
                skipped: true,
            });
        }
    };
    let text = content[text_at..].to_owned();
    let id = match fm.id {
        Some(id) if !id.trim().is_empty() => id,
        _ => stem,
    };
    let mut meta: BTreeMap<String, String> = fm
        .meta
        .iter()
        .map(|(k, v)| (k.clone(), value_string(v)))
        .collect();
    // Warnings a study comparing outlets needs (new-user trial, session 11: both passed in
    // silence): no outlet, and a date that will not sort as a date.
    let at_line = |key: &str| {
        let line = block
            .lines()
            .position(|l| l.trim_start().starts_with(key))
            .map(|i| i as u64 + 2);
        Origin {
            file: path.to_owned(),
            line,
        }
    };
    if fm.outlet.is_none() {
        meta.insert("outlet_missing".into(), "true".into());
        warnings.push(Problem {
            origin: Origin {
                file: path.to_owned(),
                line: Some(1),
            },
            message: "front matter has no `outlet`: the article is counted under outlet `unknown`"
                .into(),
            skipped: false,
        });
    }
    if let Some(d) = fm.date.as_ref().map(value_string) {
        if !is_iso_date(&d) {
            warnings.push(Problem {
                origin: at_line("date"),
                message: format!(
                    "date `{d}` is not YYYY-MM-DD: it is kept as written, and sorts as text"
                ),
                skipped: false,
            });
        }
    }
    Ok((
        Article {
            id,
            outlet: fm.outlet.unwrap_or_else(|| "unknown".into()),
            title: fm.title.filter(|t| !t.trim().is_empty()),
            date: fm.date.as_ref().map(value_string),
            url: fm.url,
            language: fm.language.unwrap_or_else(|| "en".into()),
            source: fm.source,
            text,
            meta,
            origin,
        },
        warnings,
    ))
}

/// Does `d` begin with a date written YYYY-MM-DD (a time may follow)?
fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, &c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' '))
}

/// Strip a file extension, ignoring ASCII case.
fn strip_ext<'a>(name: &'a str, ext: &str) -> &'a str {
    let n = name.len();
    if n > ext.len()
        && name.is_char_boundary(n - ext.len())
        && name[n - ext.len()..].eq_ignore_ascii_case(ext)
    {
        &name[..n - ext.len()]
    } else {
        name
    }
}
