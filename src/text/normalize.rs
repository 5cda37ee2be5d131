//! The normalized view of an article, used for every match, with a map back to the original.
//!
//! slant never edits an article's text. Everything that *finds* things (lexicon patterns,
//! reporting verbs, victim nouns) runs on a second string, the normalized view, in which:
//!
//! - each character is put in Unicode compatibility form (NFKC, character by character);
//! - curly, prime and low-9 quotation marks fold to `"` and curly apostrophes to `'`;
//! - the dash-like hyphens (U+2010, U+2011) fold to `-`;
//! - NBSP and the other odd spaces fold to a plain space, and any run of whitespace (line
//!   breaks included) becomes one space, so a phrase matches however the text is wrapped;
//! - letters are lower-cased.
//!
//! Each byte of the normalized view records the byte offset of the original character it came
//! from, so a match found at `norm[a..b]` reports `orig[map(a)..map_end(b)]`. Text that is pure
//! ASCII with single spaces needs nothing but lower-casing, keeps its byte offsets, and stores
//! no map at all: on a real news corpus most paragraphs take that path, which is why it exists.

use unicode_normalization::UnicodeNormalization;

/// A normalized copy of a text with the offsets needed to map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized, lower-cased text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original of the character it came from.
    /// `None` when the original was ASCII and offsets are the identity.
    map: Option<Vec<u32>>,
    /// Length of the original text in bytes.
    orig_len: usize,
}

/// Fold one character to its matching form, without lower-casing. Returns `None` when the
/// character passes through NFKC unchanged and needs no folding (the common case).
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        '\u{2010}' | '\u{2011}' => "-",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => "",
        _ => return None,
    })
}

/// Normalize one character into `out` without lower-casing (quotes, spaces and NFKC).
pub fn push_folded(c: char, out: &mut String) {
    if let Some(f) = fold_char(c) {
        out.push_str(f);
    } else if c.is_ascii() {
        out.push(c);
    } else {
        for d in std::iter::once(c).nfkc() {
            match fold_char(d) {
                Some(f) => out.push_str(f),
                None => out.push(d),
            }
        }
    }
}

/// Does `s` normalize to `target` (a string already normalized)? Normalization goes character
/// by character, so the opening of `s` normalizes to the opening of the whole: when its first
/// few characters already disagree with `target`, `s` is not normalized whole. Finding a
/// headline compares it with the first lines of every article, most of them long paragraphs.
pub fn normalizes_to(s: &str, target: &str) -> bool {
    let head = s.char_indices().nth(16).map_or(s, |(i, _)| &s[..i]);
    target.starts_with(&normalize_str(head)) && normalize_str(s) == target
}

/// Normalize a string without lower-casing: the form a case-sensitive pattern is compared in.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Full normalization of a short string (a pattern, an example): folded and lower-cased.
pub fn normalize_str(s: &str) -> String {
    Normalized::new(s).text
}

/// The length of the opening of `b` made of bytes that pass through normalization as they
/// are, but for lower-casing: ASCII letters, digits, punctuation and spaces (not a control
/// character, DEL or a backtick). Block by block, so that the test of each block's bytes is
/// one loop without an exit, which the compiler vectorizes.
fn plain_prefix(b: &[u8]) -> usize {
    let unplain = |c: u8| !(b' '..0x7F).contains(&c) || c == b'`';
    let mut at = 0;
    for block in b.chunks(32) {
        if block.iter().fold(false, |any, &c| any | unplain(c)) {
            return at
                + block
                    .iter()
                    .position(|&c| unplain(c))
                    .unwrap_or(block.len());
        }
        at += block.len();
    }
    at
}

/// A searcher for two spaces, built once: building one costs more than searching a title.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

impl Normalized {
    /// Build the normalized view of `orig`.
    pub fn new(orig: &str) -> Normalized {
        let b = orig.as_bytes();
        let doubles = &*DOUBLE_SPACE;
        if plain_prefix(b) == b.len() && doubles.find(b).is_none() {
            let mut text = orig.to_owned();
            text.make_ascii_lowercase();
            return Normalized {
                text,
                map: None,
                orig_len: orig.len(),
            };
        }
        let mut text = String::with_capacity(orig.len() + 16);
        let mut map: Vec<u32> = Vec::with_capacity(orig.len() + 16);
        let mut buf = String::new();
        let mut last_space = false;
        // Where the plain bytes from `i` on end: found once for a run, not again after each
        // double space inside it (that made a long line with double spaces quadratic).
        let mut plain_end = 0;
        let mut i = 0;
        while i < b.len() {
            // A run of ASCII that passes through as it is (letters, digits, punctuation and
            // single spaces) is copied whole, lower-cased in place, and mapped by a range: in
            // an English text with a curly quote or two, that is nearly every byte.
            // (A space after a space ends it; so does the second space of a pair inside it.)
            let j = if last_space && b[i] == b' ' {
                i
            } else {
                if plain_end <= i {
                    plain_end = i + plain_prefix(&b[i..]);
                }
                let plain = &b[i..plain_end];
                i + doubles.find(plain).map_or(plain.len(), |k| k + 1)
            };
            if j > i {
                let from = text.len();
                text.push_str(&orig[i..j]);
                text[from..].make_ascii_lowercase();
                map.extend(i as u32..j as u32);
                last_space = b[j - 1] == b' ';
                i = j;
                continue;
            }
            // Other ASCII bytes (whitespace to fold) are handled without decoding.
            let byte = b[i];
            if byte < 0x80 && byte != b'`' {
                if byte.is_ascii_whitespace() || byte == 0x0B {
                    if !last_space {
                        last_space = true;
                        text.push(' ');
                        map.push(i as u32);
                    }
                } else {
                    last_space = false;
                    text.push(byte.to_ascii_lowercase() as char);
                    map.push(i as u32);
                }
                i += 1;
                continue;
            }
            let c = orig[i..].chars().next().expect("a character starts here");
            buf.clear();
            push_folded(c, &mut buf);
            for d in buf.chars() {
                if d.is_whitespace() {
                    if last_space {
                        continue;
                    }
                    last_space = true;
                    text.push(' ');
                } else {
                    last_space = false;
                    for l in d.to_lowercase() {
                        text.push(l);
                    }
                }
            }
            map.resize(text.len(), i as u32);
            i += c.len_utf8();
        }
        Normalized {
            text,
            map: Some(map),
            orig_len: orig.len(),
        }
    }

    /// Original byte offset of the character that produced normalized byte `i`
    /// (`i == text.len()` maps to the end of the original).
    #[inline]
    pub fn to_orig(&self, i: usize) -> usize {
        match &self.map {
            None => i,
            Some(m) => {
                if i >= m.len() {
                    self.orig_len
                } else {
                    m[i] as usize
                }
            }
        }
    }

    /// Original byte offset just past the character that produced normalized byte `i - 1`:
    /// the end of a span ending at normalized `i`.
    #[inline]
    pub fn to_orig_end(&self, i: usize) -> usize {
        match &self.map {
            None => i,
            Some(m) => {
                if i >= m.len() {
                    return self.orig_len;
                }
                // The span ends where the next normalized byte's original character starts,
                // unless that byte came from the same original character (a character that
                // expanded to several), in which case the end is that character's start.
                m[i] as usize
            }
        }
    }

    /// Map an original byte offset to the first normalized byte at or after it.
    pub fn from_orig(&self, o: usize) -> usize {
        match &self.map {
            None => o,
            Some(m) => m.partition_point(|&x| (x as usize) < o),
        }
    }

    /// True when offsets are the identity (the original was ASCII).
    pub fn is_identity(&self) -> bool {
        self.map.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The normalizer before ASCII runs were copied whole: every byte on its own. The fast
    /// path must give the same text and the same map.
    fn reference(orig: &str) -> (String, Vec<u32>) {
        let b = orig.as_bytes();
        let (mut text, mut map, mut buf) = (String::new(), Vec::new(), String::new());
        let mut last_space = false;
        let mut i = 0;
        while i < b.len() {
            let byte = b[i];
            if byte < 0x80 && byte != b'`' {
                if byte.is_ascii_whitespace() || byte == 0x0B {
                    if !last_space {
                        last_space = true;
                        text.push(' ');
                        map.push(i as u32);
                    }
                } else {
                    last_space = false;
                    text.push(byte.to_ascii_lowercase() as char);
                    map.push(i as u32);
                }
                i += 1;
                continue;
            }
            let c = orig[i..].chars().next().unwrap();
            buf.clear();
            push_folded(c, &mut buf);
            for d in buf.chars() {
                if d.is_whitespace() {
                    if last_space {
                        continue;
                    }
                    last_space = true;
                    text.push(' ');
                } else {
                    last_space = false;
                    text.extend(d.to_lowercase());
                }
            }
            map.resize(text.len(), i as u32);
            i += c.len_utf8();
        }
        (text, map)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn ascii_runs_agree_with_the_byte_by_byte_normalizer(
            parts in prop::collection::vec(prop::sample::select(vec![
                "a", "Z", "7", ".", " ", "  ", "\n", "\r\n", "\t", "\u{b}", "\u{c}", "\u{1}",
                "\u{7f}", "`", "\"", "'", "Iran-Backed", "U.S.", "\u{2019}", "\u{201C}",
                "\u{a0}", "\u{2003}", "\u{c9}", "\u{fb03}", "\u{ad}", "\u{200b}", "\u{2011}",
                "\u{130}", "\u{bd}", "\u{664}",
            ]), 0..40)
        ) {
            let p: String = parts.concat();
            let n = Normalized::new(&p);
            let (text, map) = reference(&p);
            prop_assert_eq!(&n.text, &text, "{:?}", p);
            if !n.is_identity() {
                for (k, &m) in map.iter().enumerate() {
                    prop_assert_eq!(n.to_orig(k), m as usize, "{:?} at {}", p, k);
                }
            }
        }

        /// The shortcut through a string's opening never changes the answer of normalizing it
        /// whole, for pairs that differ anywhere, including at and around the sixteenth
        /// character and inside sequences that fold to several characters or to none.
        #[test]
        fn normalizes_to_agrees_with_normalizing_whole(
            a in prop::collection::vec(prop::sample::select(vec![
                "a", "A", "b", " ", "  ", "\n", "\u{a0}", "\u{ad}", "\u{200b}", "\u{2019}", "'",
                "\u{201C}", "\"", "\u{fb03}", "ffi", "\u{130}", "i", "\u{2011}", "-", "\u{c9}",
            ]), 0..30),
            edits in prop::collection::vec((0usize..30, prop::sample::select(vec![
                "a", "B", " ", "\u{ad}", "'", "\u{2019}", "\u{fb03}", "",
            ])), 0..3),
        ) {
            let s: String = a.concat();
            let mut b = a.clone();
            for (at, w) in edits {
                if at < b.len() {
                    b[at] = w;
                }
            }
            let t: String = b.concat();
            prop_assert!(normalizes_to(&s, &normalize_str(&s)), "{:?}", s);
            prop_assert_eq!(
                normalizes_to(&s, &normalize_str(&t)),
                normalize_str(&s) == normalize_str(&t),
                "{:?} {:?}", s, t
            );
        }
    }

    #[test]
    fn folds_quotes_spaces_and_case() {
        let n = Normalized::new("Kata\u{2019}ib \u{201C}Aggression\u{201D}\u{00A0}US");
        assert_eq!(n.text, "kata'ib \"aggression\" us");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let orig = "\u{201C}Iran\u{2011}backed\u{201D} militia";
        let n = Normalized::new(orig);
        let a = n.text.find("iran-backed").unwrap();
        let b = a + "iran-backed".len();
        assert_eq!(&orig[n.to_orig(a)..n.to_orig_end(b)], "Iran\u{2011}backed");
        let m = n.text.find("militia").unwrap();
        assert_eq!(
            &orig[n.to_orig(m)..n.to_orig_end(m + 7)],
            "militia",
            "offset after multi-byte characters"
        );
    }

    #[test]
    fn whitespace_runs_collapse() {
        let orig = "so-called\n  Islamic\u{00A0}\u{00A0}Resistance";
        let n = Normalized::new(orig);
        assert_eq!(n.text, "so-called islamic resistance");
        let a = n.text.find("resistance").unwrap();
        assert_eq!(&orig[n.to_orig(a)..n.to_orig_end(a + 10)], "Resistance");
    }

    #[test]
    fn ascii_is_identity() {
        let n = Normalized::new("The U.S. Said");
        assert!(n.is_identity());
        assert_eq!(n.text, "the u.s. said");
    }

    #[test]
    fn nfkc_ligature_expands_and_maps() {
        let orig = "e\u{FB03}cient aid";
        let n = Normalized::new(orig);
        assert_eq!(n.text, "efficient aid");
        let a = n.text.find("aid").unwrap();
        assert_eq!(&orig[n.to_orig(a)..n.to_orig_end(a + 3)], "aid");
        assert_eq!(&orig[n.to_orig(0)..n.to_orig_end(9)], "e\u{FB03}cient");
    }
}
