//! The text model: one article, split into what every metric stands on.
//!
//! [`Document::build`] takes an [`Article`] and the layout rules and produces, all as byte
//! offsets into the article's original, unchanged text:
//!
//! - paragraphs (non-blank lines), each with its zone and the rule that zoned it;
//! - sentences within paragraphs;
//! - quotation spans and the quote marks that could not be paired;
//! - the word counts every density divides by (see [`segment`] for what a word is);
//! - the normalized view of each paragraph that every lexicon matches against
//!   ([`normalize`]); a match never crosses a paragraph.
//!
//! Offsets are bytes internally because slicing needs them; every table converts them to
//! character (Unicode code point) offsets with [`Document::char_offset`], which is what users
//! and other tools (PolNeAR, PTC) count in.

pub mod layout;
pub mod normalize;
pub mod quotes;
pub mod segment;

use crate::corpus::Article;
pub use layout::{Layout, Zone, Zoned};
use normalize::Normalized;
pub use quotes::{Malformed, Quotation, QuoteKind};

/// The forms of "be" (and "get") that make a passive: "were killed", "was told", "got hit".
/// Shared by the casualty and reported-speech rules that tell a passive verb from an active one.
pub const BE_FORMS: &[&str] = &[
    "was", "were", "been", "being", "be", "is", "are", "get", "got", "getting",
];

/// One paragraph (a non-blank line).
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Start offset (first non-space character).
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Zone.
    pub zone: Zone,
    /// Rule that set the zone.
    pub rule: String,
    /// Words in the paragraph.
    pub words: usize,
    /// 1-based line number in the text.
    pub line: usize,
}

/// One sentence.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// An analysed article.
#[derive(Debug)]
pub struct Document<'a> {
    /// The article.
    pub article: &'a Article,
    /// Normalized view of each paragraph, for matching (offsets relative to the paragraph).
    pub norms: Vec<Normalized>,
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Quotations in counted zones, in order of their opening marks.
    pub quotes: Vec<Quotation>,
    /// Quote marks that could not be paired.
    pub malformed: Vec<Malformed>,
    /// Words in counted zones.
    pub words: usize,
    /// Words inside quotations, in counted zones.
    pub quoted_words: usize,
    /// Whether the article has a headline.
    pub has_headline: bool,
    /// For offsets: char index at each 256-byte block start (empty when ASCII).
    char_index: Vec<u32>,
    /// Every word of every paragraph, `(start, end)` in the original text, in order: found
    /// once here for the word counts and kept for the metrics that walk words.
    tokens: Vec<(usize, usize)>,
    /// Where each paragraph's words begin in `tokens` (one more entry than paragraphs).
    para_tokens: Vec<usize>,
    /// For each quotation, the furthest content end among it and those before it: where a
    /// look-up walking back can stop, since nothing earlier reaches past that.
    quote_reach: Vec<usize>,
}

impl<'a> Document<'a> {
    /// Analyse an article.
    pub fn build(article: &'a Article, layout: &Layout) -> Document<'a> {
        let text = article.text.as_str();
        // The headline as a paragraph of its own even where a hard-wrapped page joins it to
        // the debris above it (the layout finds the headline by comparing paragraphs with the
        // title, among its first `top_paragraphs`).
        let title = article
            .title
            .as_deref()
            .map(|t| normalize::normalize_str(t.trim()));
        let (spans, _) =
            segment::paragraphs_with_title(text, title.as_deref(), layout.settings.top_paragraphs);
        let zones = layout.assign(text, &spans, &article.outlet, title.as_deref());
        let mut line_starts_iter = text.match_indices('\n').map(|(i, _)| i).peekable();
        let mut line = 1usize;
        let mut paragraphs = Vec::with_capacity(spans.len());
        let mut sentences = Vec::new();
        let mut words = 0;
        let mut tokens = Vec::new();
        let mut para_tokens = Vec::with_capacity(spans.len() + 1);
        for (pi, ((s, e), z)) in spans.iter().copied().zip(zones).enumerate() {
            while let Some(&nl) = line_starts_iter.peek() {
                if nl < s {
                    line += 1;
                    line_starts_iter.next();
                } else {
                    break;
                }
            }
            para_tokens.push(tokens.len());
            segment::for_each_token(&text[s..e], |a, b| tokens.push((s + a, s + b)));
            let w = tokens.len() - para_tokens[pi];
            if z.zone.counted() {
                words += w;
            }
            for (a, b) in segment::sentences(&text[s..e]) {
                sentences.push(Sentence {
                    start: s + a,
                    end: s + b,
                    paragraph: pi,
                });
            }
            paragraphs.push(Paragraph {
                start: s,
                end: e,
                zone: z.zone,
                rule: z.rule,
                words: w,
                line,
            });
        }
        para_tokens.push(tokens.len());
        // Quotations: only in counted paragraphs, and never across a debris line.
        let counted: Vec<(usize, usize)> = paragraphs
            .iter()
            .filter(|p| p.zone.counted())
            .map(|p| (p.start, p.end))
            .collect();
        let counted_idx: Vec<usize> = paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.zone.counted())
            .map(|(i, _)| i)
            .collect();
        let sent_starts: Vec<usize> = sentences.iter().map(|s| s.start).collect();
        let (mut quotes, malformed) = quotes::find(
            text,
            &counted,
            |off| {
                let i = sent_starts.partition_point(|&s| s <= off);
                if i == 0 {
                    0
                } else {
                    sent_starts[i - 1]
                }
            },
            |a, b| words_within(text, &tokens, a, b),
        );
        for q in &mut quotes {
            q.paragraph = counted_idx[q.paragraph];
        }
        let quoted_words = outermost(&quotes).map(|q| q.words).sum();
        let has_headline = paragraphs.iter().any(|p| p.zone == Zone::Headline);
        let char_index = if text.is_ascii() {
            Vec::new()
        } else {
            // Block by block, so the count of characters (bytes that do not continue one)
            // runs as a tight loop the compiler vectorizes.
            let mut idx = Vec::with_capacity(text.len() / 256 + 1);
            let mut chars = 0u32;
            for block in text.as_bytes().chunks(256) {
                idx.push(chars);
                chars += block.iter().filter(|&&x| (x & 0xC0) != 0x80).count() as u32;
            }
            idx
        };
        let quote_reach = quotes
            .iter()
            .scan(0, |reach, q| {
                *reach = q.content_end.max(*reach);
                Some(*reach)
            })
            .collect();
        Document {
            quote_reach,
            article,
            norms: paragraphs
                .iter()
                .map(|p| Normalized::new(&text[p.start..p.end]))
                .collect(),
            paragraphs,
            sentences,
            quotes,
            malformed,
            words,
            quoted_words,
            has_headline,
            char_index,
            tokens,
            para_tokens,
        }
    }

    /// The number of words in `[start, end)` of the text (what counting the words of that
    /// slice finds), from the words found once.
    pub fn words_within(&self, start: usize, end: usize) -> usize {
        words_within(self.text(), &self.tokens, start, end)
    }

    /// Where the first word of `[start, end)` of the text starts and its last word ends, as
    /// finding the words of that slice finds them (`None` when it holds none), from the
    /// words found once.
    pub fn words_span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let (text, toks) = (
            self.text(),
            &self.tokens[overlapping(&self.tokens, start, end)],
        );
        // The first word: the first token's, unless the span cuts it to nothing but joiners
        // ("-" of "state-backed"), when it is the next token's; the last word likewise.
        let from = toks
            .iter()
            .find_map(|&t| pieces(text, t, start, end).first().map(|p| p.0))?;
        let to = toks
            .iter()
            .rev()
            .find_map(|&t| pieces(text, t, start, end).last().map(|p| p.1))?;
        Some((from, to))
    }

    /// The words of paragraph `pi`, `(start, end)` in the original text.
    pub fn paragraph_tokens(&self, pi: usize) -> &[(usize, usize)] {
        &self.tokens[self.para_tokens[pi]..self.para_tokens[pi + 1]]
    }

    /// The original text.
    pub fn text(&self) -> &'a str {
        &self.article.text
    }

    /// Character (code point) offset of byte offset `b` in the original text.
    pub fn char_offset(&self, b: usize) -> usize {
        if self.char_index.is_empty() {
            return b;
        }
        // The end of a text whose length is a multiple of 256 lies past the last block start:
        // count from that last block (the fuzzer found this off-by-a-block).
        let block = (b / 256).min(self.char_index.len() - 1);
        let base = self.char_index[block] as usize;
        let from = block * 256;
        base + self.article.text.as_bytes()[from..b]
            .iter()
            .filter(|&&x| (x & 0xC0) != 0x80)
            .count()
    }

    /// Index of the sentence holding byte offset `b` (the nearest one before it).
    pub fn sentence_at(&self, b: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.start <= b);
        i.saturating_sub(1)
    }

    /// Index of the paragraph holding byte offset `b`.
    pub fn paragraph_at(&self, b: usize) -> usize {
        let i = self.paragraphs.partition_point(|p| p.start <= b);
        i.saturating_sub(1)
    }

    /// The innermost quotation containing the span `[a, b)`, if any.
    pub fn quote_at(&self, a: usize, b: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        let end = self.quotes.partition_point(|q| q.content_start <= a);
        for i in (0..end).rev() {
            // No quotation from here back reaches `b`: none can hold the span.
            if self.quote_reach[i] < b {
                break;
            }
            let q = &self.quotes[i];
            if q.content_start <= a && b <= q.content_end {
                match best {
                    Some(bi) if self.quotes[bi].content_start >= q.content_start => {}
                    _ => best = Some(i),
                }
            }
            // Quotes are short relative to documents; stop after a long way back.
            if end - i > 64 {
                break;
            }
        }
        best
    }

    /// The normalized form of the original span `[s, e)`, borrowed from its paragraph's
    /// normalized view when the span lies inside one paragraph (the usual case: a sentence, a
    /// clause, a name), so nothing is normalized twice; built afresh otherwise.
    pub fn norm_view(&self, s: usize, e: usize) -> NormView<'_> {
        let pi = self.paragraph_at(s);
        if let Some(p) = self.paragraphs.get(pi) {
            if p.start <= s && e <= p.end && s <= e {
                let n = &self.norms[pi];
                let (a, b) = (n.from_orig(s - p.start), n.from_orig(e - p.start));
                return NormView {
                    norm: std::borrow::Cow::Borrowed(n),
                    from: a,
                    to: b,
                    base: p.start,
                    end: e,
                };
            }
        }
        let n = Normalized::new(&self.article.text[s..e]);
        NormView {
            to: n.text.len(),
            norm: std::borrow::Cow::Owned(n),
            from: 0,
            base: s,
            end: e,
        }
    }

    /// Text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &'a str {
        let s = self.sentences[i];
        &self.article.text[s.start..s.end]
    }

    /// Byte span of the body (lead through last counted body paragraph), for positions.
    pub fn body_span(&self) -> Option<(usize, usize)> {
        let first = self
            .paragraphs
            .iter()
            .find(|p| matches!(p.zone, Zone::Lead | Zone::Body))?;
        let last = self
            .paragraphs
            .iter()
            .rev()
            .find(|p| matches!(p.zone, Zone::Lead | Zone::Body | Zone::Crosshead))?;
        Some((first.start, last.end))
    }
}

/// A span of the original in normalized form, with offsets that map back to the original.
#[derive(Debug)]
pub struct NormView<'d> {
    norm: std::borrow::Cow<'d, Normalized>,
    from: usize,
    to: usize,
    base: usize,
    end: usize,
}

impl NormView<'_> {
    /// The normalized text of the span.
    pub fn text(&self) -> &str {
        &self.norm.text[self.from..self.to]
    }

    /// Where this view starts in `n`'s normalized text, when it is a window on `n` (as a
    /// sentence's view is on its paragraph's): then matches found once in `n` serve the view
    /// too, and its text need not be scanned again.
    pub fn offset_in(&self, n: &Normalized) -> Option<usize> {
        match &self.norm {
            std::borrow::Cow::Borrowed(b) if std::ptr::eq(*b, n) => Some(self.from),
            _ => None,
        }
    }

    /// Original (absolute) byte offset of the character that produced normalized byte `i`.
    #[inline]
    pub fn to_orig(&self, i: usize) -> usize {
        self.base + self.norm.to_orig(self.from + i)
    }

    /// Original (absolute) byte offset ending a span that ends at normalized byte `i`.
    #[inline]
    pub fn to_orig_end(&self, i: usize) -> usize {
        (self.base + self.norm.to_orig_end(self.from + i)).min(self.end)
    }
}

/// The range of `tokens` (the document's words, in text order, so ordered by end as well)
/// that overlap `[start, end)`.
fn overlapping(tokens: &[(usize, usize)], start: usize, end: usize) -> std::ops::Range<usize> {
    let first = tokens.partition_point(|t| t.1 <= start);
    let last = tokens.partition_point(|t| t.0 < end);
    first..last.max(first)
}

/// The words of token `t` inside `[start, end)`, in text offsets: the token itself when the
/// span holds it whole, else the words of the piece it cuts ("said.The" is one word of a text
/// that lost a space, "The" one word of a span that starts after "said").
fn pieces(text: &str, t: (usize, usize), start: usize, end: usize) -> Vec<(usize, usize)> {
    if start <= t.0 && t.1 <= end {
        return vec![t];
    }
    let (a, b) = (t.0.max(start), t.1.min(end));
    let mut out = Vec::new();
    segment::for_each_token(&text[a..b], |s, e| out.push((a + s, a + e)));
    out
}

/// The number of words in `text[start..end]`, what [`segment::count_words`] finds there,
/// from the document's words: one for each word wholly inside, and the words of the pieces
/// of the (at most two) it cuts.
fn words_within(text: &str, tokens: &[(usize, usize)], start: usize, end: usize) -> usize {
    let r = overlapping(tokens, start, end);
    match r.len() {
        0 => 0,
        1 => pieces(text, tokens[r.start], start, end).len(),
        n => {
            let edge = |k: usize| pieces(text, tokens[k], start, end).len();
            n - 2 + edge(r.start) + edge(r.end - 1)
        }
    }
}

/// Quotations not nested in another (for word totals).
pub fn outermost(quotes: &[Quotation]) -> impl Iterator<Item = &Quotation> {
    let mut last_end = 0usize;
    quotes.iter().filter(move |q| {
        if q.start >= last_end {
            last_end = q.end;
            true
        } else {
            false
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Origin;
    use proptest::prelude::*;

    /// A one-article corpus of `text`, outlet "o", no title.
    fn article_of(text: &str) -> Article {
        Article::from_record(
            "t".into(),
            "o".into(),
            None,
            text.to_owned(),
            Origin {
                file: "t.txt".into(),
                line: None,
            },
        )
    }

    /// `quote_at` before it could stop early: the walk back over (at most 65) quotations.
    fn quote_at_by_walking(doc: &Document, a: usize, b: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        let end = doc.quotes.partition_point(|q| q.content_start <= a);
        for i in (0..end).rev() {
            let q = &doc.quotes[i];
            if q.content_start <= a && b <= q.content_end {
                match best {
                    Some(bi) if doc.quotes[bi].content_start >= q.content_start => {}
                    _ => best = Some(i),
                }
            }
            if end - i > 64 {
                break;
            }
        }
        best
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        // Quotations nested, side by side and unclosed, and every span of the text asked
        // about: stopping where no earlier quotation reaches the span's end changes nothing.
        #[test]
        fn quote_at_stops_early_without_changing_its_answer(
            parts in prop::collection::vec(prop::sample::select(vec![
                "\"", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "'", " ", "word", "Two words",
                " said. ", "\n", ", ", "a", "B",
            ]), 0..60)
        ) {
            let text: String = parts.concat();
            let article = article_of(&text);
            let doc = Document::build(&article, &Layout::empty());
            for a in 0..=text.len() {
                for b in a..=text.len() {
                    prop_assert_eq!(doc.quote_at(a, b), quote_at_by_walking(&doc, a, b), "{:?} {} {}", text, a, b);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        // Counting a span's words, and finding its first and last, from the document's words
        // give what tokenizing the slice gives, for every span, including spans that cut a
        // word ("said.The", "U.S.-backed", "80,000", "state's") and spans across paragraphs.
        #[test]
        fn span_words_from_the_document_are_the_slice_words(
            parts in prop::collection::vec(prop::sample::select(vec![
                "said", ".", "The", "-", "'", "\u{2019}", "80", ",", "000", " ", "\n\n", "U.S",
                "\u{00E9}t\u{00E9}", "\u{201C}", ":", "a",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            let article = article_of(&text);
            let doc = Document::build(&article, &Layout::empty());
            let t = doc.text();
            let cuts: Vec<usize> = (0..=t.len()).filter(|&b| t.is_char_boundary(b)).collect();
            for &a in &cuts {
                for &b in cuts.iter().filter(|&&b| b >= a) {
                    let mut words: Vec<(usize, usize)> = Vec::new();
                    segment::for_each_token(&t[a..b], |s, e| words.push((a + s, a + e)));
                    prop_assert_eq!(doc.words_within(a, b), words.len(), "{:?} {} {}", t, a, b);
                    let span = words.first().map(|w| (w.0, words[words.len() - 1].1));
                    prop_assert_eq!(doc.words_span(a, b), span, "{:?} {} {}", t, a, b);
                }
            }
        }
    }

    /// Regression (found by `cargo fuzz run text_model`): the character offset of the end of a
    /// non-ASCII text whose byte length is a multiple of 256 came out a whole block short.
    #[test]
    fn char_offsets_at_every_byte_including_the_end() {
        for len in [255usize, 256, 511, 512, 1024, 1030] {
            let mut text = String::from("\u{201C}Quoted\u{201D} words \u{00E9}\u{00E9}.\n\n");
            while text.len() < len {
                text.push('x');
            }
            while text.len() > len {
                text.pop();
            }
            let article = article_of(&text);
            let doc = Document::build(&article, &Layout::empty());
            let t = doc.text();
            for b in (0..=t.len()).filter(|&b| t.is_char_boundary(b)) {
                assert_eq!(
                    doc.char_offset(b),
                    t[..b].chars().count(),
                    "len {len}, byte {b}"
                );
            }
        }
    }
}
