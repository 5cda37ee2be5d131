//! Paragraphs, sentences and tokens, found on the original text.
//!
//! A paragraph is a non-blank line (a line holding only spaces, tabs or NBSPs is blank);
//! `\r\n` ends a line like `\n`. News pages put one paragraph on a line, with or without a
//! blank line between, so that is the one rule.
//!
//! A **word** (token) is a maximal run of letters and digits, joined across a single `-`,
//! `'`, `’` or `.` between two letters or digits (Iran-backed, Kata’ib, U.S), and across `,`,
//! `:` or `.` between two digits (27,800, 9:30, 3.5). This is the one definition of a word
//! in slant: every density is per 1,000 such words, counted in the zones that count (every
//! zone but byline and boilerplate). It is close to LIWC's and to the regex
//! `\w+(?:[’'\-.,]\w+)*` of the framing literature.
//!
//! Sentences end at `.`, `!`, `?` or `…` (after any closing quotes or brackets) when
//! whitespace and then a capital, a digit or an opening quote follow, and at the end of a
//! paragraph. A period does not end a sentence after a known abbreviation (Mr., Gen., U.S.,
//! p.m., Feb., ...) or one or two capital initials (W., J.B.); three or more are an acronym
//! (F.B.I.), which may close a sentence.

/// Is this character part of a word?
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[inline]
fn joins_letters(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}' | '.' | '\u{2010}' | '\u{2011}')
}

#[inline]
fn joins_digits(c: char) -> bool {
    matches!(c, ',' | ':' | '.')
}

/// Call `f(start, end)` for each word in `s` (byte offsets relative to `s`).
pub fn for_each_token(s: &str, mut f: impl FnMut(usize, usize)) {
    let b = s.as_bytes();
    if s.is_ascii() {
        let n = b.len();
        let mut i = 0;
        while i < n {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            loop {
                while i < n && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                if i + 1 < n && b[i + 1].is_ascii_alphanumeric() {
                    let j = b[i];
                    let prev_digit = b[i - 1].is_ascii_digit();
                    let next_digit = b[i + 1].is_ascii_digit();
                    if matches!(j, b'-' | b'\'' | b'.')
                        || (prev_digit && next_digit && matches!(j, b',' | b':'))
                    {
                        i += 1;
                        continue;
                    }
                }
                break;
            }
            f(start, i);
        }
        return;
    }
    // Text with some non-ASCII: the same walk on bytes, decoding only the characters that
    // are not ASCII (a curly quote is enough to send a paragraph here).
    let n = b.len();
    // The character at byte `i` and its length: ASCII without decoding.
    let char_at = |i: usize| -> (char, usize) {
        let x = b[i];
        if x < 0x80 {
            (x as char, 1)
        } else {
            let c = s[i..].chars().next().expect("a character starts here");
            (c, c.len_utf8())
        }
    };
    let mut i = 0;
    while i < n {
        let (c, l) = char_at(i);
        i += l;
        if !is_word_char(c) {
            continue;
        }
        let start = i - l;
        loop {
            // The rest of the word, then what follows it: a joiner between two words joins
            // them.
            let (mut c, mut l) = ('\0', 0);
            while i < n {
                (c, l) = char_at(i);
                if !is_word_char(c) {
                    break;
                }
                i += l;
            }
            if i >= n {
                break;
            }
            let j = i + l;
            if j < n && is_word_char(char_at(j).0) {
                let digits = b[i - 1].is_ascii_digit() && b[j].is_ascii_digit();
                if joins_letters(c) || (digits && joins_digits(c)) {
                    i = j;
                    continue;
                }
            }
            break;
        }
        f(start, i);
    }
}

/// Number of words in `s`.
pub fn count_words(s: &str) -> usize {
    let mut n = 0;
    for_each_token(s, |_, _| n += 1);
    n
}

/// Spans `(start, end)` of the non-blank lines of `text`, trimmed of surrounding whitespace.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        let lead = l.len() - l.trim_start_matches(is_space).len();
        let body = l.trim_matches(is_space);
        if body.is_empty() {
            out.push((usize::MAX, usize::MAX));
            continue;
        }
        out.push((start + lead, start + lead + body.len()));
    }
    out
}

/// Paragraph spans of `text`. Normally a paragraph is a non-blank line. A text that is
/// hard-wrapped (nine lines in ten shorter than 100 characters, and at least a third of the
/// non-blank lines followed by another non-blank line) instead has paragraphs separated by
/// blank lines, and the line breaks inside a paragraph are just wrapping.
pub fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let ls = lines(text);
    let nonblank: Vec<&(usize, usize)> = ls.iter().filter(|l| l.0 != usize::MAX).collect();
    let n = nonblank.len();
    // At most 100 characters: sure from the byte length alone at 100 bytes or fewer, and ruled
    // out beyond 400 (a character is at most four bytes); counted only in between.
    let short = nonblank
        .iter()
        .filter(|&&&(a, b)| b - a <= 100 || (b - a <= 400 && text[a..b].chars().count() <= 100))
        .count();
    let followed = ls
        .windows(2)
        .filter(|w| w[0].0 != usize::MAX && w[1].0 != usize::MAX)
        .count();
    let wrapped = n >= 4 && short * 10 >= n * 9 && followed * 3 >= n;
    if !wrapped {
        return nonblank.into_iter().copied().collect();
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for &(a, b) in &ls {
        if a == usize::MAX {
            if let Some(c) = cur.take() {
                out.push(c);
            }
            continue;
        }
        cur = Some(match cur {
            Some((s, _)) => (s, b),
            None => (a, b),
        });
    }
    if let Some(c) = cur {
        out.push(c);
    }
    out
}

/// [`paragraphs`], with a record's title cut out as a paragraph of its own when one of the
/// first `top` paragraphs holds it among other lines. A hard-wrapped page joins a debris line
/// right above its headline ("Menu") to the headline, and the layout, which looks for a
/// paragraph that is the title, would miss the headline. `title` is the normalized title
/// ([`crate::text::normalize::normalize_str`]); the lines that make it up (a wrapped title
/// spans several) are cut out, and what is before and after them stays a paragraph each.
/// Returns the paragraphs and the index of the first that is the title, if one of the first
/// `top` is.
pub fn paragraphs_with_title(
    text: &str,
    title: Option<&str>,
    top: usize,
) -> (Vec<(usize, usize)>, Option<usize>) {
    use crate::text::normalize::normalizes_to;
    let mut ps = paragraphs(text);
    let Some(title) = title.filter(|t| !t.is_empty()) else {
        return (ps, None);
    };
    let n = ps.len().min(top);
    if let Some(k) = ps[..n]
        .iter()
        .position(|&(a, b)| normalizes_to(&text[a..b], title))
    {
        return (ps, Some(k));
    }
    for k in 0..n {
        let (a, b) = ps[k];
        if !text[a..b].contains('\n') {
            continue;
        }
        // The paragraph's lines, trimmed, and a run of them that is the title.
        let ls: Vec<(usize, usize)> = lines(&text[a..b])
            .into_iter()
            .filter(|l| l.0 != usize::MAX)
            .map(|(s, e)| (a + s, a + e))
            .collect();
        for i in 0..ls.len() {
            for j in i..ls.len() {
                let (s, e) = (ls[i].0, ls[j].1);
                // Runs far longer than the title (four times its bytes, and room for spacing)
                // are not tried.
                if e - s > 4 * title.len() + 64 {
                    break;
                }
                if normalizes_to(&text[s..e], title) {
                    let mut cut = Vec::with_capacity(3);
                    if i > 0 {
                        cut.push((a, ls[i - 1].1));
                    }
                    cut.push((s, e));
                    if j + 1 < ls.len() {
                        cut.push((ls[j + 1].0, b));
                    }
                    let at = k + usize::from(i > 0);
                    ps.splice(k..=k, cut);
                    // The cut may push the title just past `top`: then it is not the headline.
                    return (ps, (at < top).then_some(at));
                }
            }
        }
    }
    (ps, None)
}

/// Whitespace for layout purposes, including NBSP and the other Unicode spaces.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00A0}' || c == '\u{FEFF}' || c == '\u{200B}'
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "maj", "lt", "col", "capt", "cpt", "sgt", "cpl", "pvt", "adm",
    "cmdr", "st", "jr", "sr", "prof", "sen", "rep", "gov", "pres", "rev", "hon", "no", "nos", "vs",
    "etc", "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "approx", "dept",
    "est", "fig", "mt", "ft", "gov't", "atty", "supt", "brig", "gens", "reps", "sens", "d.c",
    "u.s.a", "n.y", "l.a",
];

const ABBREVIATION_MAX: usize = 6;

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() {
        return false;
    }
    // One or two capital initials: "J.", "J.B." (not "F.B.I.").
    if short_initials(w) && w.chars().all(|c| c == '.' || c.is_uppercase()) {
        return true;
    }
    is_listed_abbreviation(w)
}

/// One or two initials ("W", "J.B"): a person's; three or more are an acronym ("F.B.I").
fn short_initials(w: &str) -> bool {
    is_initials(w) && w.split('.').count() <= 2
}

/// Does the period of "a.m." or "p.m." (`word` without it) end a sentence, the next word
/// (in `rest`, after the period) opening one? It does unless that word belongs to the time:
/// a day, a month, a time zone, or a place before "time" ("4 p.m. Friday", "9:30 p.m.
/// February 7", "3 p.m. ET", "9 p.m. Baghdad time"). A new-user trial found "shortly after
/// 4 p.m. She was pronounced dead" read as one sentence, "4 p.m. She" as its victim.
fn time_then_sentence(word: &str, rest: &str) -> bool {
    // (Lower case only: "the P.M. Boris Johnson" is a prime minister.)
    if !(word == "p.m" || word == "a.m") {
        return false;
    }
    let mut words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let Some(next) = words.next() else {
        return false;
    };
    if !next.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    const TIME_WORDS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "et",
        "est",
        "edt",
        "ct",
        "cst",
        "cdt",
        "mt",
        "mst",
        "mdt",
        "pt",
        "pst",
        "pdt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "eastern",
        "central",
        "mountain",
        "pacific",
        "local",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    let lower = next.to_ascii_lowercase();
    // A time zone in capitals (AEDT, IST), or a place of up to three words before "time"
    // ("8 p.m. New York time").
    let zone = next.len() <= 5 && next.chars().all(|c| c.is_ascii_uppercase());
    !TIME_WORDS.contains(&lower.as_str()) && !zone && !words.take(3).any(|w| w == "time")
}

/// Is `word` one of the abbreviations slant knows (Mr, Gen, U.S, a.m, ...), in any case?
pub fn is_listed_abbreviation(word: &str) -> bool {
    // Every entry is ASCII and at most ABBREVIATION_MAX bytes long.
    word.len() <= ABBREVIATION_MAX && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Is the period at byte `dot` of `text` the end of a known abbreviation (Mr., Sen., U.S.,
/// Inc.) or of initials (George W. Bush, J.B. Pritzker, F.B.I.), which stand inside a name or
/// a phrase more often than at its end? Any letter case: the normalized view is lower-cased.
/// (Reading on 10,000 AllSides articles: "Comcast Corp. Executive Brian Roberts", "former
/// F.B.I. agent Asha Rangappa", "No. 3 Senate Democrat Chuck Schumer" lose their speaker
/// when "Corp.", "F.B.I." or "No." end the phrase.)
pub fn abbreviation_period(text: &str, dot: usize) -> bool {
    if text.as_bytes().get(dot) != Some(&b'.') {
        return false;
    }
    let before = &text[..dot];
    let word = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map_or(before, |i| {
            &before[i + before[i..].chars().next().map_or(1, char::len_utf8)..]
        });
    is_initials(word) || is_listed_abbreviation(word)
}

/// Is `word` an initial or initials joined by periods, without the last period ("W", "J.B",
/// "H.L")?
pub fn is_initials(word: &str) -> bool {
    word.split('.').all(|w| {
        let mut chars = w.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
    })
}

#[inline]
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\u{00BB}'
    )
}

#[inline]
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '\u{00AB}'
    )
}

/// Sentence spans `(start, end)` within the paragraph `p` (offsets relative to `p`).
pub fn sentences(p: &str) -> Vec<(usize, usize)> {
    let found = split(p);
    if found.iter().all(|&(a, b)| b - a <= MAX_SENTENCE_BYTES) {
        return found;
    }
    let mut out = Vec::with_capacity(found.len());
    for (a, b) in found {
        split_long(p, a, b, &mut out);
    }
    out
}

/// Is `t[s..e]` whole words: no letter or digit just before `s` or just after `e`?
pub fn is_whole_word(t: &str, s: usize, e: usize) -> bool {
    !t[..s]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && !t[e..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Longest sentence, in bytes. Text without sentence punctuation (a scraped list, a page of
/// one line) would otherwise be one sentence of any length, and everything measured per
/// sentence (a hit's context, a clause's agent, reported speech) would grow with it.
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// Cut `p[a..b]` into pieces of at most [`MAX_SENTENCE_BYTES`], at spaces where there are
/// any.
fn split_long(p: &str, mut a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    while b - a > MAX_SENTENCE_BYTES {
        let mut cut = a + MAX_SENTENCE_BYTES;
        while !p.is_char_boundary(cut) {
            cut -= 1;
        }
        let piece = &p[a..cut];
        let end = match piece.rfind(is_space) {
            Some(i) if i > 0 => a + i,
            _ => cut,
        };
        out.push((a, end));
        a = end + p[end..b].len() - p[end..b].trim_start_matches(is_space).len();
        if a >= b {
            return;
        }
    }
    out.push((a, b));
}

#[inline]
fn is_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

/// The first character of `p` at or after byte `i` that passes `f`, as (offset, character);
/// `None` at the end.
#[inline]
fn first_from(p: &str, i: usize, f: impl Fn(char) -> bool) -> Option<(usize, char)> {
    p[i..]
        .char_indices()
        .find(|&(_, c)| f(c))
        .map(|(k, c)| (i + k, c))
}

/// The sentences of `p` before any cut for length. A sentence ends at a mark (`.`, `!`, `?`,
/// `…`) that is not the period of an abbreviation or inside a number, with any further marks
/// and closing quotes or brackets, when whitespace follows and then a capital, a digit, or an
/// opening quote or bracket that is not followed by a lower-case letter.
///
/// Everything works on byte offsets, stepping by characters only near a mark: nothing happens
/// between marks, so the search jumps from one to the next (with memchr when the paragraph
/// holds no ellipsis, the one mark of more than a byte), and no table of characters is built,
/// even for a paragraph that is not ASCII.
fn split(p: &str) -> Vec<(usize, usize)> {
    let b = p.as_bytes();
    let n = b.len();
    let ellipsis = memchr::memmem::find(b, "\u{2026}".as_bytes()).is_some();
    let next_mark = |i: usize| {
        if ellipsis {
            first_from(p, i, is_mark).map(|(k, _)| k)
        } else {
            memchr::memchr3(b'.', b'!', b'?', &b[i..]).map(|k| i + k)
        }
    };
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0;
    while let Some(m) = next_mark(i) {
        let c = p[m..].chars().next().expect("a mark is a character");
        let after = m + c.len_utf8();
        if c == '.' {
            // The word before the period: an abbreviation ("Mr.", "U.S.") does not end one.
            let w = p[..m]
                .char_indices()
                .rev()
                .find(|&(_, x)| is_space(x))
                .map_or(0, |(k, x)| k + x.len_utf8());
            if is_abbreviation(&p[w..m]) && !time_then_sentence(&p[w..m], &p[after..]) {
                i = after;
                continue;
            }
            // Nor does a decimal point or the dot inside a name or number ("3.5", "t.co").
            if p[after..].chars().next().is_some_and(char::is_alphanumeric) {
                i = after;
                continue;
            }
        }
        // Further marks and closers belong to this sentence.
        let end = first_from(p, after, |x| !(is_mark(x) || is_closer(x))).map_or(n, |(k, _)| k);
        // Then whitespace, and what opens the next sentence.
        let Some((k, nc)) = first_from(p, end, |x| !is_space(x)) else {
            break;
        };
        if k > end {
            let nc2 = if is_opener(nc) {
                p[k + nc.len_utf8()..].chars().next().unwrap_or(nc)
            } else {
                nc
            };
            if nc.is_uppercase() || nc.is_numeric() || (is_opener(nc) && !nc2.is_lowercase()) {
                out.push((start, end));
                start = k;
                i = k;
                continue;
            }
        }
        i = end;
    }
    if start < n {
        let t = p[start..].trim_end_matches(is_space);
        if !t.is_empty() {
            out.push((start, start + t.len()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The splitter as first written, over a table of the paragraph's characters and one
    /// character at a time: the reference the faster one must agree with.
    fn reference(p: &str) -> Vec<(usize, usize)> {
        let chars: Vec<(usize, char)> = p.char_indices().collect();
        let n = chars.len();
        let at = |i: usize| chars[i];
        let mut out = Vec::new();
        let mut start = 0usize;
        let mut i = 0;
        while i < n {
            let (bi, c) = at(i);
            if is_mark(c) {
                if c == '.' {
                    let mut k = i;
                    while k > 0 && !is_space(at(k - 1).1) {
                        k -= 1;
                    }
                    if is_abbreviation(&p[at(k).0..bi])
                        && !time_then_sentence(&p[at(k).0..bi], &p[bi + 1..])
                    {
                        i += 1;
                        continue;
                    }
                    if i + 1 < n && at(i + 1).1.is_alphanumeric() {
                        i += 1;
                        continue;
                    }
                }
                let mut j = i + 1;
                while j < n && (is_mark(at(j).1) || is_closer(at(j).1)) {
                    j += 1;
                }
                let end_b = if j < n { at(j).0 } else { p.len() };
                let mut k = j;
                while k < n && is_space(at(k).1) {
                    k += 1;
                }
                if k == n {
                    break;
                }
                if k > j {
                    let nc = at(k).1;
                    let nc2 = if is_opener(nc) && k + 1 < n {
                        at(k + 1).1
                    } else {
                        nc
                    };
                    if nc.is_uppercase()
                        || nc.is_numeric()
                        || (is_opener(nc) && !nc2.is_lowercase())
                    {
                        out.push((start, end_b));
                        start = at(k).0;
                        i = k;
                        continue;
                    }
                }
                i = j.max(i + 1);
                continue;
            }
            i += 1;
        }
        if start < p.len() {
            let t = p[start..].trim_end_matches(is_space);
            if !t.is_empty() {
                out.push((start, start + t.len()));
            }
        }
        out
    }

    /// The tokenizer before it walked bytes: a peekable iterator over every character. The
    /// byte walk must find the same words.
    fn tokens_by_chars(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut it = s.char_indices().peekable();
        let mut start: Option<usize> = None;
        let mut prev: Option<char> = None;
        while let Some((i, c)) = it.next() {
            if is_word_char(c) {
                if start.is_none() {
                    start = Some(i);
                }
                prev = Some(c);
                continue;
            }
            if let (Some(st), Some(p)) = (start, prev) {
                if let Some(&(_, n)) = it.peek() {
                    let ok = is_word_char(n)
                        && (joins_letters(c)
                            || (p.is_ascii_digit() && n.is_ascii_digit() && joins_digits(c)));
                    if ok {
                        prev = Some(c);
                        continue;
                    }
                }
                out.push((st, i));
            }
            start = None;
            prev = Some(c);
        }
        if let Some(st) = start {
            out.push((st, s.len()));
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        // Words in text that is not all ASCII are found on bytes, decoding only what is not
        // ASCII; they must be the words stepping through every character finds.
        #[test]
        fn tokens_agree_with_stepping_through_every_character(
            parts in prop::collection::vec(prop::sample::select(vec![
                "a", "Z", "7", "3", ".", ",", ":", "-", "'", " ", "\u{2019}", "\u{2010}",
                "\u{2011}", "\u{e9}", "\u{c9}", "\u{664}", "\u{2460}", "\u{a0}", "\u{201C}",
                "\u{2014}", "\u{fb03}", "\u{b2}", "27,800", "U.S", "Kata\u{2019}ib", "\u{1d400}",
            ]), 0..40)
        ) {
            let p: String = parts.concat();
            let mut got = Vec::new();
            for_each_token(&p, |a, b| got.push((a, b)));
            prop_assert_eq!(got, tokens_by_chars(&p), "{:?}", p);
        }

        // The splitter jumps from mark to mark on byte offsets; it must cut exactly where
        // stepping through a table of characters does, ASCII or not.
        #[test]
        fn splitting_agrees_with_stepping_through_every_character(
            parts in prop::collection::vec(prop::sample::select(vec![
                "a", "Z", "7", ".", "!", "?", " ", "\n", "\"", "'", ")", "(", "Mr", "U.S", "3.5",
                "...", "?!", "e.g", "Dr.", " A", " a", "\u{2026}", "\u{201C}", "\u{201D}", "\u{2019}",
                "\u{a0}", "\u{c9}", "\u{e9}", "\u{bb}", "\u{ab}", "\u{664}", "\u{2003}",
            ]), 0..40)
        ) {
            let p: String = parts.concat();
            prop_assert_eq!(split(&p), reference(&p), "{:?}", p);
        }
    }

    #[test]
    fn over_long_sentences_are_cut_at_spaces() {
        let p = "word ".repeat(1000) + "end.";
        let s = sentences(&p);
        assert!(s.len() >= 3, "{}", s.len());
        for w in s.windows(2) {
            assert!(w[0].1 <= w[1].0);
        }
        for &(a, b) in &s {
            assert!(b - a <= MAX_SENTENCE_BYTES);
            assert!(!p[a..b].starts_with(' ') && !p[a..b].ends_with(' '));
        }
        assert_eq!(s.last().unwrap().1, p.len());
        // No space at all: cut anywhere, on character boundaries.
        let q = "\u{00E9}".repeat(3000);
        let s = sentences(&q);
        assert_eq!(
            s.iter()
                .map(|&(a, b)| q[a..b].chars().count())
                .sum::<usize>(),
            3000
        );
    }

    #[test]
    fn abbreviation_bound_covers_the_list() {
        for a in ABBREVIATIONS {
            assert!(a.is_ascii() && a.len() <= ABBREVIATION_MAX, "{a}");
        }
        assert!(is_abbreviation("Gov") && is_abbreviation("(U.S") && !is_abbreviation("Governor"));
        assert!(is_abbreviation("J") && is_abbreviation("J.B") && !is_abbreviation("a.b"));
        assert!(!is_abbreviation("F.B.I"));
        let t = "said ms. harper of the u.s. army, george w. bush. then rep. kim. j.b. pritzker. \
                 the f.b.i. apple inc. then";
        let dots: Vec<usize> = t.match_indices('.').map(|(i, _)| i).collect();
        let ends: Vec<bool> = dots.iter().map(|&d| abbreviation_period(t, d)).collect();
        // ms. | u.s. (two) | w. | bush. | rep. | kim. | j.b. (two) | pritzker. | f.b.i.
        // (three) | inc.
        assert_eq!(
            ends,
            vec![
                true, true, true, true, false, true, false, true, true, false, true, true, true,
                true
            ]
        );
        // Three initials close a sentence; one or two do not.
        assert_eq!(
            sentences("He told the F.B.I. The bureau declined.").len(),
            2
        );
        assert_eq!(sentences("He met J.B. Pritzker on Monday.").len(), 1);
    }

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        for_each_token(s, |a, b| v.push(&s[a..b]));
        v
    }

    #[test]
    fn tokens_keep_compounds_whole() {
        assert_eq!(
            toks("Iran-backed U.S. forces: 27,800 at 9:30 pm, Kata\u{2019}ib's"),
            vec![
                "Iran-backed",
                "U.S",
                "forces",
                "27,800",
                "at",
                "9:30",
                "pm",
                "Kata\u{2019}ib's"
            ]
        );
        assert_eq!(toks("a, b"), vec!["a", "b"]);
        assert_eq!(toks("— dash –"), vec!["dash"]);
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        let s = "The U.S.-led coalition's 2,500 troops - and 900 more (in Syria).";
        let mut with_nbsp = s.replace(' ', "\u{00A0}");
        with_nbsp.push('\u{00E9}');
        assert_eq!(count_words(s) + 1, count_words(&with_nbsp));
    }

    fn sents(p: &str) -> Vec<&str> {
        sentences(p).into_iter().map(|(a, b)| &p[a..b]).collect()
    }

    #[test]
    fn a_time_ends_a_sentence_when_a_new_one_follows() {
        let sents = |p: &str| -> Vec<String> {
            sentences(p)
                .iter()
                .map(|&(a, b)| p[a..b].to_owned())
                .collect()
        };
        assert_eq!(
            sents("Police arrived shortly after 4 p.m. She was pronounced dead at 5."),
            vec![
                "Police arrived shortly after 4 p.m.",
                "She was pronounced dead at 5."
            ]
        );
        for one in [
            "The vote closes at 4 p.m. Friday in Ohio.",
            "It began at 9:30 p.m. February 7 in Baghdad.",
            "The polls close at 8 p.m. ET across the state.",
            "It struck at 9 p.m. Baghdad time on Wednesday.",
            "It ends at 3 a.m. on Sunday.",
            "The polls close at 8 p.m. New York time, officials said.",
            "The strike hit at 9 p.m. AEDT, killing 12 people.",
            "The polls open at 7 a.m. Tues. and close at 8.",
            "\"We will leave,\" the P.M. Boris Johnson said.",
        ] {
            assert_eq!(sents(one), vec![one.to_owned()]);
        }
    }

    #[test]
    fn sentences_respect_abbreviations_and_quotes() {
        assert_eq!(
            sents("\"At 9:30 p.m. February 7, U.S. Central Command forces struck,\" said Maj. Gen. Smith. He left."),
            vec![
                "\"At 9:30 p.m. February 7, U.S. Central Command forces struck,\" said Maj. Gen. Smith.",
                "He left."
            ]
        );
        assert_eq!(
            sents("\u{201C}By this act, we act,\u{201D} said Rasool. \u{201C}Even more.\u{201D}"),
            vec![
                "\u{201C}By this act, we act,\u{201D} said Rasool.",
                "\u{201C}Even more.\u{201D}"
            ]
        );
        assert_eq!(
            sents("Mr. Rahami won 27,800 votes. Then."),
            vec!["Mr. Rahami won 27,800 votes.", "Then."]
        );
    }

    #[test]
    fn paragraphs_skip_blank_and_nbsp_lines() {
        let t = "One\r\n\r\n\u{00A0} \nTwo two\n";
        let ps = paragraphs(t);
        assert_eq!(ps.len(), 2);
        assert_eq!(&t[ps[0].0..ps[0].1], "One");
        assert_eq!(&t[ps[1].0..ps[1].1], "Two two");
    }

    #[test]
    fn hard_wrapped_text_joins_lines() {
        let t = "First paragraph is wrapped\nover two lines here.\n\nSecond one\nalso wrapped.\n\nThird\nwrapped.\n\nFourth\nwrapped.\n";
        let ps = paragraphs(t);
        assert_eq!(ps.len(), 4);
        assert_eq!(
            &t[ps[0].0..ps[0].1],
            "First paragraph is wrapped\nover two lines here."
        );
    }
}
