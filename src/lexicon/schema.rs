//! The lexicon file's shape, read with serde (`deny_unknown_fields` everywhere), and the
//! checks that need positions in the file.

use super::{never_matches, CaseMode, Category, Lexicon, Term};
use crate::diag::{Diagnostic, SourceFile};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    lexicon: Option<Header>,
    #[serde(default)]
    category: Vec<CategoryDef>,
    #[serde(default)]
    term: Vec<TermDef>,
}

/// The optional `[lexicon]` header every lexicon file may carry (read, checked, not used).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(super) struct Header {
    name: Option<String>,
    version: Option<String>,
    language: Option<String>,
    description: Option<String>,
    sources: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryDef {
    id: Spanned<String>,
    label: Option<String>,
    #[serde(default)]
    description: String,
    side: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermDef {
    id: Spanned<String>,
    category: Spanned<String>,
    patterns: Spanned<Vec<Spanned<String>>>,
    weight: Option<f64>,
    case: Option<Spanned<String>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    note: Option<String>,
    source: Option<String>,
    #[serde(default, rename = "match")]
    examples_match: Vec<String>,
    #[serde(default)]
    no_match: Vec<String>,
}

pub(super) fn parse_into(path: &Path, src: &str, lex: &mut Lexicon, diags: &mut Vec<Diagnostic>) {
    let sf = SourceFile::new(path, src);
    let file: File = match toml::from_str(src) {
        Ok(f) => f,
        Err(e) => {
            diags.push(sf.toml_error(&e));
            return;
        }
    };
    let _ = file.lexicon;
    let mut cat_index: HashMap<String, usize> = lex
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    for c in file.category {
        let id = c.id.get_ref().clone();
        if !is_id(&id) {
            diags.push(sf.error_at(
                Some(c.id.span().start),
                format!("category id `{id}` must be snake_case letters, digits and `_`"),
                Some("ids become column names in the tables".into()),
            ));
            continue;
        }
        if cat_index.contains_key(&id) {
            diags.push(sf.error_at(
                Some(c.id.span().start),
                format!("duplicate category id `{id}`"),
                None,
            ));
            continue;
        }
        cat_index.insert(id.clone(), lex.categories.len());
        lex.categories.push(Category {
            label: c.label.unwrap_or_else(|| id.replace('_', " ")),
            id,
            description: c.description,
            side: c.side,
            sources: c.sources,
        });
    }
    let mut term_ids: HashMap<String, (std::path::PathBuf, usize)> = lex
        .terms
        .iter()
        .map(|t| (t.id.clone(), t.defined_at.clone()))
        .collect();
    for t in file.term {
        let id = t.id.get_ref().clone();
        let (line, _) = sf.line_col(t.id.span().start);
        let mut ok = true;
        if !is_id(&id) {
            diags.push(sf.error_at(
                Some(t.id.span().start),
                format!("term id `{id}` must be snake_case letters, digits and `_`"),
                None,
            ));
            ok = false;
        }
        if let Some((f, l)) = term_ids.get(&id) {
            diags.push(sf.error_at(
                Some(t.id.span().start),
                format!(
                    "duplicate term id `{id}` (first defined at {}:{l})",
                    f.display()
                ),
                Some("term ids must be unique across all lexicon files".into()),
            ));
            ok = false;
        } else {
            term_ids.insert(id.clone(), (path.to_owned(), line));
        }
        let cat = t.category.get_ref();
        let category = match cat_index.get(cat) {
            Some(&i) => Some(i),
            None => {
                let known: Vec<&str> = lex.categories.iter().map(|c| c.id.as_str()).collect();
                diags.push(sf.error_at(
                    Some(t.category.span().start),
                    format!("term `{id}`: unknown category `{cat}`"),
                    Some(format!("categories are: {}", known.join(", "))),
                ));
                None
            }
        };
        let case = match t.case.as_ref().map(|c| c.get_ref().as_str()) {
            None | Some("smart") => CaseMode::Smart,
            Some("sensitive") => CaseMode::Sensitive,
            Some("insensitive") => CaseMode::Insensitive,
            Some(other) => {
                diags.push(sf.error_at(
                    Some(t.case.as_ref().unwrap().span().start),
                    format!("term `{id}`: unknown case `{other}`"),
                    Some("case is one of: smart, sensitive, insensitive".into()),
                ));
                ok = false;
                CaseMode::Smart
            }
        };
        if t.patterns.get_ref().is_empty() {
            diags.push(sf.error_at(
                Some(t.patterns.span().start),
                format!("term `{id}` has no patterns"),
                None,
            ));
            ok = false;
        }
        for p in t.patterns.get_ref().iter().chain(t.unless.iter()) {
            if let Some(why) = never_matches(p.get_ref()) {
                diags.push(sf.error_at(
                    Some(p.span().start),
                    format!(
                        "term `{id}`: pattern `{}` can never match: {why}",
                        p.get_ref()
                    ),
                    None,
                ));
                ok = false;
            }
        }
        if let Some(w) = t.weight {
            if !w.is_finite() || w < 0.0 {
                diags.push(sf.error_at(
                    Some(t.id.span().start),
                    format!("term `{id}`: weight must be a number >= 0, got {w}"),
                    None,
                ));
                ok = false;
            }
        }
        if !ok {
            continue;
        }
        let Some(category) = category else { continue };
        lex.terms.push(Term {
            id,
            category,
            patterns: t
                .patterns
                .into_inner()
                .into_iter()
                .map(|p| p.into_inner())
                .collect(),
            weight: t.weight.unwrap_or(1.0),
            case,
            unless: t.unless.into_iter().map(|p| p.into_inner()).collect(),
            note: t.note,
            source: t.source,
            examples_match: t.examples_match,
            examples_no_match: t.no_match,
            defined_at: (path.to_owned(), line),
        });
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
}
