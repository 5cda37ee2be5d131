//! Charts: five PNG figures drawn from the per-outlet totals, for the reader who looks at a
//! picture before opening a table.
//!
//! Every number in a chart is a number of `outlets.csv` (or a sum of its columns), so a bar can
//! always be checked against the table. The five figures are:
//!
//! 1. `loaded_density.png`: adopted loaded-term density (editorial + paraphrase hits per 1,000
//!    words outside quotations) by category, grouped bars per outlet;
//! 2. `voice_split.png`: the voice of every loaded-term hit (editorial, paraphrase, quoted,
//!    scare), 100% stacked per outlet;
//! 3. `quote_groups.png`: quoted words by the speaker's source group, 100% stacked, with the
//!    balance J of each outlet written above its bar;
//! 4. `casualty_emphasis.png`: position-weighted casualty mentions by victim group, stacked,
//!    absolute;
//! 5. `heatmap.png`: category × outlet adopted density, the value printed in each cell.
//!
//! **Many outlets.** A corpus can hold hundreds of outlets, and a bar chart cannot. The charts
//! show the [`MAX_OUTLETS`] largest outlets by article count ([`Outlets::by_size`]) and merge
//! the rest into one bar, "other (N outlets)", whose counts are the sums of theirs and whose
//! ratios are recomputed from those sums (as in `outlets.csv`: a density over many outlets is
//! their hits over their words, not a mean of densities). The subtitle says when this happens.
//! When merging would leave a single outlet in "other", that outlet is shown under its name.
//!
//! **Colour.** One palette, Okabe–Ito (safe for the common colour-vision deficiencies), then
//! greys; [`colour`] maps an index to a colour, and a category, source group, voice or victim
//! group is always drawn with the colour of its index in the lexicon, so it looks the same in
//! every chart and every run with the same lexicons. The heatmap uses a single-hue blue ramp,
//! whose lightness falls monotonically with the value.
//!
//! **Text.** A fresh machine may have no fonts at all, so DejaVu Sans (see
//! `assets/fonts/LICENSE-DejaVu.txt`) is embedded in the binary and registered with plotters
//! as `sans-serif` before anything is drawn. Layout (axes, ticks, labels, legends) is done here
//! in pixels rather than by plotters' chart builder, so long outlet names can be wrapped onto
//! several lines under their bar and legends never cover the data.
//!
//! **Determinism.** Nothing depends on the clock, the thread count or hash order: the same
//! totals give byte-identical PNG files.

use super::outlets::{Outlet, Outlets};
use crate::metrics::loaded::Voice;
use crate::pipeline::Context;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

/// Chart width in pixels.
pub const WIDTH: u32 = 1600;
/// Chart height in pixels.
pub const HEIGHT: u32 = 900;
/// Outlets shown by name; the rest are merged into one "other" bar.
pub const MAX_OUTLETS: usize = 12;
/// The chart files, in the order they are written.
pub const FILES: [&str; 5] = [
    "loaded_density.png",
    "voice_split.png",
    "quote_groups.png",
    "casualty_emphasis.png",
    "heatmap.png",
];

/// DejaVu Sans, embedded so charts render on machines without fonts.
static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// The family every text is drawn in (also plotters' default family).
const FAMILY: &str = "sans-serif";

type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;
type Res = Result<(), Box<dyn std::error::Error>>;

/// Register the embedded font with plotters, once per process.
fn register_font() -> Result<(), String> {
    static DONE: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    DONE.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, FONT)
            .map_err(|_| "the embedded chart font (DejaVu Sans) could not be loaded".to_string())
    })
    .clone()
}

/// The colour of index `i` (a category, voice, source group or victim group): the eight
/// Okabe–Ito colours, then four greys, then the greys again.
pub fn colour(i: usize) -> RGBColor {
    const OKABE_ITO: [RGBColor; 8] = [
        RGBColor(0xE6, 0x9F, 0x00),
        RGBColor(0x56, 0xB4, 0xE9),
        RGBColor(0x00, 0x9E, 0x73),
        RGBColor(0xF0, 0xE4, 0x42),
        RGBColor(0x00, 0x72, 0xB2),
        RGBColor(0xD5, 0x5E, 0x00),
        RGBColor(0xCC, 0x79, 0xA7),
        RGBColor(0x00, 0x00, 0x00),
    ];
    const GREYS: [RGBColor; 4] = [
        RGBColor(0x99, 0x99, 0x99),
        RGBColor(0x5F, 0x5F, 0x5F),
        RGBColor(0xCC, 0xCC, 0xCC),
        RGBColor(0x33, 0x33, 0x33),
    ];
    match OKABE_ITO.get(i) {
        Some(c) => *c,
        None => GREYS[(i - OKABE_ITO.len()) % GREYS.len()],
    }
}

const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
const AXIS: RGBColor = RGBColor(0x88, 0x88, 0x88);
const NA_FILL: RGBColor = RGBColor(0xEE, 0xEE, 0xEE);

/// Black or white, whichever reads better on `c`.
fn ink_on(c: RGBColor) -> RGBColor {
    let l = 0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64;
    if l > 135.0 {
        RGBColor(0, 0, 0)
    } else {
        RGBColor(0xFF, 0xFF, 0xFF)
    }
}

/// The outlets a chart shows.
#[derive(Debug, Clone)]
pub struct Selection {
    /// One bar per entry: the largest outlets, then possibly the merged rest.
    pub slots: Vec<Outlet>,
    /// Outlets in the corpus.
    pub total: usize,
    /// Outlets merged into the last slot (0 when none are).
    pub merged: usize,
}

impl Selection {
    /// The largest [`MAX_OUTLETS`] outlets by article count, and the rest merged into one
    /// "other (N outlets)" entry (unless that would hold a single outlet). Every entry's vectors
    /// have the lengths `ctx` expects.
    pub fn new(outlets: &Outlets, ctx: &Context) -> Selection {
        let all = outlets.by_size();
        let total = all.len();
        let (shown, rest) = if total > MAX_OUTLETS + 1 {
            all.split_at(MAX_OUTLETS)
        } else {
            (&all[..], &[][..])
        };
        let mut slots: Vec<Outlet> = shown.iter().map(|o| fitted(o, ctx)).collect();
        if !rest.is_empty() {
            let mut m = fitted(&Outlet::default(), ctx);
            m.name = format!("other ({} outlets)", rest.len());
            for o in rest {
                add_into(&mut m, o);
            }
            slots.push(m);
        }
        Selection {
            slots,
            total,
            merged: rest.len(),
        }
    }

    /// The subtitle line saying which outlets are shown.
    fn note(&self) -> String {
        if self.merged > 0 {
            format!(
                "Top {} of {} outlets by article count; the other {} are merged into \"other\", \
                 its values recomputed from their summed totals.",
                self.slots.len() - 1,
                self.total,
                self.merged
            )
        } else if self.total == 0 {
            "No outlets.".to_string()
        } else if self.total == 1 {
            "1 outlet.".to_string()
        } else {
            format!(
                "All {} outlets, largest first (by article count).",
                self.total
            )
        }
    }
}

/// A copy of `o` with its vectors resized to the lexicons of `ctx`.
fn fitted(o: &Outlet, ctx: &Context) -> Outlet {
    let nc = ctx.lexicon.categories.len();
    let ng = ctx.groups.groups.len() + 1;
    let nv = ctx.casualties.groups.len();
    let mut f = o.clone();
    f.counts.resize(nc, [0; 4]);
    f.headline.resize(nc, 0);
    f.quotes.resize(ng, 0);
    f.quote_words.resize(ng, 0);
    f.emphasis.resize(nv, 0.0);
    f
}

/// Add the totals of `o` into `m` (whose vectors are already sized).
fn add_into(m: &mut Outlet, o: &Outlet) {
    m.articles += o.articles;
    m.words += o.words;
    m.words_quoted += o.words_quoted;
    m.with_headline += o.with_headline;
    m.casualty_mentions += o.casualty_mentions;
    for (a, b) in m.counts.iter_mut().zip(&o.counts) {
        for v in 0..4 {
            a[v] += b[v];
        }
    }
    for (a, b) in m.headline.iter_mut().zip(&o.headline) {
        *a += b;
    }
    for (a, b) in m.quotes.iter_mut().zip(&o.quotes) {
        *a += b;
    }
    for (a, b) in m.quote_words.iter_mut().zip(&o.quote_words) {
        *a += b;
    }
    for (a, b) in m.emphasis.iter_mut().zip(&o.emphasis) {
        *a += b;
    }
}

/// Write every chart into `dir` (the bundle's `charts/` folder, created here). Returns the file
/// names written, in order.
pub fn write_charts(dir: &Path, outlets: &Outlets, ctx: &Context) -> Result<Vec<String>, String> {
    register_font()?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let sel = Selection::new(outlets, ctx);
    type Draw = fn(&Area, &Selection, &Context) -> Res;
    let charts: [(&str, Draw); 5] = [
        (FILES[0], loaded_density),
        (FILES[1], voice_split),
        (FILES[2], quote_groups),
        (FILES[3], casualty_emphasis),
        (FILES[4], heatmap),
    ];
    // The charts are independent: drawn side by side on the worker threads (their text
    // rendering is most of the time a small corpus takes), and reported in order, so the
    // first failure named is the same whatever the thread count.
    use rayon::prelude::*;
    let drawn: Vec<Result<String, String>> = charts
        .par_iter()
        .map(|&(name, draw)| {
            let path = dir.join(name);
            let run = || -> Res {
                let area = BitMapBackend::new(&path, (WIDTH, HEIGHT)).into_drawing_area();
                area.fill(&WHITE)?;
                draw(&area, &sel, ctx)?;
                area.present()?;
                Ok(())
            };
            run().map_err(|e| format!("drawing {}: {e}", path.display()))?;
            Ok(name.to_string())
        })
        .collect();
    drawn.into_iter().collect()
}

// ------------------------------------------------------------------------------ drawing kit

/// Draw `s` with its anchor at `(x, y)`: `VPos::Top` puts the top of the capitals at `y`,
/// `VPos::Center` centres the capitals on `y`, `VPos::Bottom` puts the baseline on `y`.
#[allow(clippy::too_many_arguments)]
fn text(area: &Area, s: &str, x: i32, y: i32, size: f64, c: RGBColor, h: HPos, v: VPos) -> Res {
    glyphs(area, s, (x, y), size, c, (h, v), false)
}

/// Draw `s` turned a quarter left (reading upwards), centred on `(x, y)`.
fn text_up(area: &Area, s: &str, x: i32, y: i32, size: f64, c: RGBColor) -> Res {
    glyphs(area, s, (x, y), size, c, (HPos::Center, VPos::Center), true)
}

/// Draw `s` one glyph at a time. plotters 0.3.7 draws each glyph of a string at its pen
/// position but drops the glyph's left side bearing (it places the glyph's ink box, not its
/// origin), so letters come out unevenly spaced ("arti cle"); drawn one by one, each glyph is
/// put where its ink belongs: pen position (from plotters' own advances and kerning, so the
/// widths used for layout stay right) plus its bearing from the font's `hmtx` table. The
/// vertical anchor is done here too, on the capital height, because plotters anchors on a
/// box that sits about an eighth of the size above the glyphs.
fn glyphs(
    area: &Area,
    s: &str,
    (x, y): (i32, i32),
    size: f64,
    c: RGBColor,
    (h, v): (HPos, VPos),
    up: bool,
) -> Res {
    let m = metrics();
    let scale = size / m.height;
    let w = width(area, s, size);
    let ox = match h {
        HPos::Left => 0,
        HPos::Center => -w / 2,
        HPos::Right => -w,
    };
    let cap = CAP_HEIGHT * scale;
    let baseline = match v {
        VPos::Top => cap,
        VPos::Center => cap / 2.0,
        VPos::Bottom => 0.0,
    };
    // plotters puts the baseline half the size below the point a glyph is drawn at.
    let oy = (baseline - size / 2.0).round() as i32;
    let mut style = TextStyle::from((FAMILY, size).into_font())
        .color(&c)
        .pos(Pos::new(HPos::Left, VPos::Top));
    if up {
        style = style.transform(FontTransform::Rotate270);
    }
    let mut end = 0;
    for ch in s.chars() {
        end += ch.len_utf8();
        if ch.is_whitespace() {
            continue;
        }
        let one = ch.to_string();
        let pen = width(area, &s[..end], size) - width(area, &one, size);
        let dx = ox + pen + (m.lsb(ch) as f64 * scale).floor() as i32;
        let at = if up {
            (x + oy, y - dx)
        } else {
            (x + dx, y + oy)
        };
        area.draw(&Text::new(one, at, style.clone()))?;
    }
    Ok(())
}

/// Height of the capitals of DejaVu Sans (the top of `H`), in font units.
const CAP_HEIGHT: f64 = 1493.0;

/// What the glyph placement needs from the embedded font's tables.
struct Metrics {
    /// Ascent minus descent in font units: ab_glyph scales a font of size `s` by `s / height`.
    height: f64,
    /// Offset of the cmap format-4 subtable (Unicode BMP), if any.
    cmap4: Option<usize>,
    /// Offset of `hmtx`, if any.
    hmtx: Option<usize>,
    /// Entries of `hmtx` with an advance.
    num_h: usize,
}

fn metrics() -> &'static Metrics {
    static M: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        Metrics::parse(FONT).unwrap_or(Metrics {
            height: 2384.0,
            cmap4: None,
            hmtx: None,
            num_h: 0,
        })
    })
}

fn be_u16(d: &[u8], o: usize) -> Option<u16> {
    d.get(o..o + 2).map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn be_i16(d: &[u8], o: usize) -> Option<i16> {
    be_u16(d, o).map(|v| v as i16)
}

fn be_u32(d: &[u8], o: usize) -> Option<u32> {
    d.get(o..o + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

impl Metrics {
    fn parse(d: &[u8]) -> Option<Metrics> {
        let n = be_u16(d, 4)? as usize;
        let table = |tag: &[u8; 4]| {
            (0..n).find_map(|i| {
                let r = 12 + 16 * i;
                (d.get(r..r + 4)? == tag)
                    .then(|| be_u32(d, r + 8))
                    .flatten()
                    .map(|o| o as usize)
            })
        };
        let hhea = table(b"hhea")?;
        let (mut asc, mut desc) = (be_i16(d, hhea + 4)?, be_i16(d, hhea + 6)?);
        let num_h = be_u16(d, hhea + 34)? as usize;
        // As ttf-parser: the OS/2 typographic metrics when the font asks for them.
        if let Some(os2) = table(b"OS/2") {
            if be_u16(d, os2 + 62)? & 0x80 != 0 {
                asc = be_i16(d, os2 + 68)?;
                desc = be_i16(d, os2 + 70)?;
            }
        }
        let cmap4 = table(b"cmap").and_then(|cmap| {
            (0..be_u16(d, cmap + 2)? as usize).find_map(|i| {
                let r = cmap + 4 + 8 * i;
                let (p, e) = (be_u16(d, r)?, be_u16(d, r + 2)?);
                let o = cmap + be_u32(d, r + 4)? as usize;
                ((p, e) == (3, 1) || (p, e) == (0, 3))
                    .then_some(o)
                    .filter(|&o| be_u16(d, o) == Some(4))
            })
        });
        Some(Metrics {
            height: (asc as f64 - desc as f64).max(1.0),
            cmap4,
            hmtx: table(b"hmtx"),
            num_h,
        })
    }

    /// Glyph id of `c` (0, the missing glyph, when the font lacks it).
    fn glyph(&self, c: char) -> u16 {
        let d = FONT;
        let (Some(o), Ok(c)) = (self.cmap4, u16::try_from(u32::from(c))) else {
            return 0;
        };
        let find = || -> Option<u16> {
            let seg2 = be_u16(d, o + 6)? as usize;
            let ends = o + 14;
            let starts = ends + seg2 + 2;
            let deltas = starts + seg2;
            let ranges = deltas + seg2;
            for i in 0..seg2 / 2 {
                if be_u16(d, ends + 2 * i)? < c {
                    continue;
                }
                let start = be_u16(d, starts + 2 * i)?;
                if start > c {
                    return None;
                }
                let delta = be_u16(d, deltas + 2 * i)?;
                let ro = be_u16(d, ranges + 2 * i)? as usize;
                if ro == 0 {
                    return Some(c.wrapping_add(delta));
                }
                let g = be_u16(d, ranges + 2 * i + ro + 2 * (c - start) as usize)?;
                return Some(if g == 0 { 0 } else { g.wrapping_add(delta) });
            }
            None
        };
        find().unwrap_or(0)
    }

    /// Left side bearing of `c` in font units.
    fn lsb(&self, c: char) -> i16 {
        let Some(h) = self.hmtx else { return 0 };
        let g = self.glyph(c) as usize;
        let at = if g < self.num_h {
            h + 4 * g + 2
        } else {
            h + 4 * self.num_h + 2 * (g - self.num_h)
        };
        be_i16(FONT, at).unwrap_or(0)
    }
}

/// Width of `s` in pixels.
fn width(area: &Area, s: &str, size: f64) -> i32 {
    area.estimate_text_size(s, &TextStyle::from((FAMILY, size).into_font()))
        .map(|(w, _)| w as i32)
        .unwrap_or(s.chars().count() as i32 * size as i32 / 2)
}

/// Wrap `s` on spaces into at most `max_lines` lines of at most `max_w` pixels; a word too
/// long for a line, or text left over, is cut with an ellipsis.
fn wrap(area: &Area, s: &str, size: f64, max_w: i32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut words = s.split_whitespace().peekable();
    let mut overflow = false;
    while let Some(w) = words.next() {
        let cand = if cur.is_empty() {
            w.to_string()
        } else {
            format!("{cur} {w}")
        };
        if width(area, &cand, size) <= max_w {
            cur = cand;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if lines.len() == max_lines {
            overflow = true;
            break;
        }
        cur = w.to_string();
        if width(area, &cur, size) > max_w {
            cur = cut(area, &cur, size, max_w);
            if words.peek().is_some() && lines.len() + 1 == max_lines {
                overflow = true;
                break;
            }
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        overflow = true;
    }
    if overflow {
        if let Some(last) = lines.last_mut() {
            if !last.ends_with('…') {
                *last = cut(area, &format!("{last}…"), size, max_w);
            }
        }
    }
    lines
}

/// `s` cut to fit `max_w` pixels, ending with an ellipsis when cut.
fn cut(area: &Area, s: &str, size: f64, max_w: i32) -> String {
    if width(area, s, size) <= max_w {
        return s.to_string();
    }
    let chars: Vec<char> = s.trim_end_matches('…').chars().collect();
    for n in (0..chars.len()).rev() {
        let t: String = chars[..n].iter().collect::<String>() + "…";
        if width(area, &t, size) <= max_w {
            return t;
        }
    }
    "…".to_string()
}

fn rect(area: &Area, x0: i32, y0: i32, x1: i32, y1: i32, c: RGBColor) -> Res {
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.filled()))?;
    Ok(())
}

fn outline(area: &Area, x0: i32, y0: i32, x1: i32, y1: i32, c: RGBColor) -> Res {
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.stroke_width(1)))?;
    Ok(())
}

fn line(area: &Area, a: (i32, i32), b: (i32, i32), c: RGBColor) -> Res {
    area.draw(&PathElement::new(vec![a, b], c.stroke_width(1)))?;
    Ok(())
}

/// `1234567` → `1,234,567` (the charts' and the page's way of writing counts).
pub(crate) fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A round axis top and tick step for data up to `max`.
fn nice(max: f64) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = mag
        * if norm <= 1.0 {
            1.0
        } else if norm <= 2.0 {
            2.0
        } else if norm <= 2.5 {
            2.5
        } else if norm <= 5.0 {
            5.0
        } else {
            10.0
        };
    ((max / step - 1e-9).ceil() * step, step)
}

/// Decimals needed to print multiples of `step`.
fn decimals(step: f64) -> usize {
    let mut d = 0;
    while d < 6
        && ((step * 10f64.powi(d as i32)).round() - step * 10f64.powi(d as i32)).abs() > 1e-6
    {
        d += 1;
    }
    d
}

const TITLE_X: i32 = 40;
const LEGEND_X: i32 = 1290;
const LEGEND_W: i32 = 280;

/// The plotting rectangle of a bar chart, and its value scale.
struct Plot {
    left: i32,
    top: i32,
    right: i32,
    bottom: i32,
    /// Value at the top edge.
    max: f64,
}

impl Plot {
    fn bars(max: f64) -> Plot {
        Plot {
            left: 130,
            top: 170,
            right: 1250,
            bottom: 730,
            max,
        }
    }

    fn y(&self, v: f64) -> i32 {
        let t = (v / self.max).clamp(0.0, 1.0);
        self.bottom - (t * (self.bottom - self.top) as f64).round() as i32
    }

    fn y_f(&self, v: f64) -> f64 {
        let t = (v / self.max).clamp(0.0, 1.0);
        self.bottom as f64 - t * (self.bottom - self.top) as f64
    }

    /// Left and right edges of slot `i` of `n`.
    fn slot(&self, i: usize, n: usize) -> (f64, f64) {
        let w = (self.right - self.left) as f64 / n.max(1) as f64;
        (
            self.left as f64 + i as f64 * w,
            self.left as f64 + (i + 1) as f64 * w,
        )
    }
}

/// Title and subtitle lines.
fn header(area: &Area, title: &str, lines: &[String]) -> Res {
    text(area, title, TITLE_X, 22, 32.0, INK, HPos::Left, VPos::Top)?;
    let mut y = 70;
    for l in lines {
        for w in wrap(area, l, 18.0, WIDTH as i32 - 2 * TITLE_X, 2) {
            text(area, &w, TITLE_X, y, 18.0, MUTED, HPos::Left, VPos::Top)?;
            y += 24;
        }
    }
    Ok(())
}

/// Grid lines, tick labels and the rotated axis title of a value axis.
fn y_axis(area: &Area, p: &Plot, step: f64, unit: &str, desc: &str) -> Res {
    let d = decimals(step);
    let n = (p.max / step).round() as usize;
    for k in 0..=n {
        let v = k as f64 * step;
        let y = p.y(v);
        if k > 0 {
            line(area, (p.left, y), (p.right, y), GRID)?;
        }
        line(area, (p.left - 6, y), (p.left, y), AXIS)?;
        text(
            area,
            &format!("{v:.d$}{unit}"),
            p.left - 10,
            y,
            16.0,
            INK,
            HPos::Right,
            VPos::Center,
        )?;
    }
    line(area, (p.left, p.top), (p.left, p.bottom), AXIS)?;
    line(area, (p.left, p.bottom), (p.right, p.bottom), AXIS)?;
    text_up(area, desc, 32, (p.top + p.bottom) / 2, 18.0, INK)
}

/// Outlet names under their slots (wrapped), a muted second label, and the axis title.
fn x_labels(
    area: &Area,
    p: &Plot,
    slots: &[Outlet],
    second: &dyn Fn(&Outlet) -> String,
    desc: &str,
) -> Res {
    x_labels_at(area, p.left, p.right, p.bottom, slots, second)?;
    text(
        area,
        desc,
        (p.left + p.right) / 2,
        HEIGHT as i32 - 22,
        18.0,
        INK,
        HPos::Center,
        VPos::Bottom,
    )
}

fn x_labels_at(
    area: &Area,
    left: i32,
    right: i32,
    top: i32,
    slots: &[Outlet],
    second: &dyn Fn(&Outlet) -> String,
) -> Res {
    let n = slots.len().max(1);
    let w = (right - left) as f64 / n as f64;
    let max_w = (w as i32 - 6).max(20);
    // One size for all names: the largest at which every name fits in four lines uncut, or
    // 14 px (names cut with an ellipsis) when none does.
    let fits = |size: f64| {
        slots.iter().all(|o| {
            let lines = wrap(area, &o.name, size, max_w, LABEL_LINES);
            lines.iter().all(|l| !l.ends_with('…')) || o.name.ends_with('…')
        })
    };
    let size = [16.0, 15.0, 14.0, 13.0]
        .into_iter()
        .find(|&s| fits(s))
        .unwrap_or(14.0);
    let step = (size * 1.25).round() as i32;
    for (i, o) in slots.iter().enumerate() {
        let cx = (left as f64 + (i as f64 + 0.5) * w).round() as i32;
        let mut y = top + 10;
        for l in wrap(area, &o.name, size, max_w, LABEL_LINES) {
            text(area, &l, cx, y, size, INK, HPos::Center, VPos::Top)?;
            y += step;
        }
        let l = cut(area, &second(o), 14.0, max_w);
        text(area, &l, cx, y + 2, 14.0, MUTED, HPos::Center, VPos::Top)?;
    }
    Ok(())
}

/// A legend of coloured swatches down the right edge.
fn legend(area: &Area, title: &str, entries: &[(String, RGBColor)], top: i32) -> Res {
    text(area, title, LEGEND_X, top, 19.0, INK, HPos::Left, VPos::Top)?;
    let mut y = top + 34;
    for (label, c) in entries {
        rect(area, LEGEND_X, y, LEGEND_X + 20, y + 20, *c)?;
        outline(area, LEGEND_X, y, LEGEND_X + 20, y + 20, AXIS)?;
        let lines = wrap(area, label, 16.0, LEGEND_W - 30, 2);
        let mut ly = y + 2;
        for l in &lines {
            text(area, l, LEGEND_X + 30, ly, 16.0, INK, HPos::Left, VPos::Top)?;
            ly += 20;
        }
        y += (lines.len() as i32 * 20).max(20) + 12;
    }
    Ok(())
}

/// Stacked bars, one per slot, of `values[slot][segment]` coloured by segment index; as shares
/// of each bar's total when `percent`. Bars with a zero total show `empty` instead.
fn stacks(area: &Area, p: &Plot, values: &[Vec<f64>], percent: bool, empty: &str) -> Res {
    let n = values.len();
    for (i, segs) in values.iter().enumerate() {
        let (s0, s1) = p.slot(i, n);
        let pad = (s1 - s0) * 0.15;
        let (x0, x1) = ((s0 + pad).round() as i32, (s1 - pad).round() as i32);
        let total: f64 = segs.iter().sum();
        if total <= 0.0 {
            text(
                area,
                empty,
                (x0 + x1) / 2,
                p.bottom - 8,
                14.0,
                MUTED,
                HPos::Center,
                VPos::Bottom,
            )?;
            continue;
        }
        let scale = if percent { 100.0 / total } else { 1.0 };
        let mut acc = 0.0;
        for (k, v) in segs.iter().enumerate() {
            if *v <= 0.0 {
                continue;
            }
            let (yb, yt) = (p.y_f(acc), p.y_f(acc + v * scale));
            acc += v * scale;
            let (yb, yt) = (yb.round() as i32, yt.round() as i32);
            if yb <= yt {
                continue;
            }
            let c = colour(k);
            rect(area, x0, yt, x1, yb, c)?;
            line(area, (x0, yt), (x1, yt), WHITE)?;
            if yb - yt >= 22 && x1 - x0 >= 36 {
                let label = if percent {
                    format!("{:.0}%", v * scale)
                } else {
                    one_decimal(*v)
                };
                if width(area, &label, 14.0) <= x1 - x0 - 4 {
                    text(
                        area,
                        &label,
                        (x0 + x1) / 2,
                        (yt + yb) / 2,
                        14.0,
                        ink_on(c),
                        HPos::Center,
                        VPos::Center,
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// Text above each bar (the top of bar `i` is at value `tops[i]`).
fn above(area: &Area, p: &Plot, tops: &[f64], labels: &[String]) -> Res {
    let n = labels.len();
    for (i, l) in labels.iter().enumerate() {
        if l.is_empty() {
            continue;
        }
        let (s0, s1) = p.slot(i, n);
        let cx = ((s0 + s1) / 2.0).round() as i32;
        let y = p.y(tops[i]) - 6;
        text(area, l, cx, y, 15.0, INK, HPos::Center, VPos::Bottom)?;
    }
    Ok(())
}

fn n_articles(o: &Outlet) -> String {
    format!("n={}", thousands(o.articles))
}

/// Lines an outlet name may wrap onto under its bar.
const LABEL_LINES: usize = 4;

const N_ARTICLES: &str = "Outlet (n = articles)";

/// `12.0` → `12`, `12.34` → `12.3`.
fn one_decimal(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

// ------------------------------------------------------------------------------ the charts

fn category_legend(ctx: &Context) -> Vec<(String, RGBColor)> {
    ctx.lexicon
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.label.clone(), colour(i)))
        .collect()
}

/// Each shown outlet's density per category, and the largest of them.
fn densities(sel: &Selection, nc: usize) -> (Vec<Vec<Option<f64>>>, f64) {
    let values: Vec<Vec<Option<f64>>> = sel
        .slots
        .iter()
        .map(|o| (0..nc).map(|c| o.density(c)).collect())
        .collect();
    let max = values
        .iter()
        .flatten()
        .flatten()
        .fold(0.0f64, |a, &b| a.max(b));
    (values, max)
}

fn loaded_density(area: &Area, sel: &Selection, ctx: &Context) -> Res {
    let nc = ctx.lexicon.categories.len();
    let (values, max) = densities(sel, nc);
    let (top, step) = nice(max);
    let p = Plot::bars(top);
    header(
        area,
        "Loaded-term density by category",
        &[
            "Adopted loaded terms (editorial + paraphrase hits) per 1,000 words outside quotations, \
             one bar per lexicon category."
                .into(),
            sel.note(),
        ],
    )?;
    y_axis(area, &p, step, "", "Adopted hits per 1,000 words")?;
    let n = values.len();
    for (i, vals) in values.iter().enumerate() {
        let (s0, s1) = p.slot(i, n);
        let pad = (s1 - s0) * 0.08;
        let bw = (s1 - s0 - 2.0 * pad) / nc.max(1) as f64;
        if vals.iter().all(Option::is_none) {
            text(
                area,
                "NA",
                ((s0 + s1) / 2.0) as i32,
                p.bottom - 8,
                14.0,
                MUTED,
                HPos::Center,
                VPos::Bottom,
            )?;
            continue;
        }
        for (c, v) in vals.iter().enumerate() {
            let Some(v) = v else { continue };
            let x0 = (s0 + pad + c as f64 * bw).round() as i32;
            let x1 = (s0 + pad + (c + 1) as f64 * bw).round() as i32;
            let y = p.y(*v);
            if y < p.bottom {
                rect(area, x0, y, x1.max(x0 + 1), p.bottom, colour(c))?;
            }
        }
    }
    x_labels(area, &p, &sel.slots, &n_articles, N_ARTICLES)?;
    legend(area, "Category", &category_legend(ctx), p.top)
}

fn voice_split(area: &Area, sel: &Selection, _ctx: &Context) -> Res {
    let values: Vec<Vec<f64>> = sel
        .slots
        .iter()
        .map(|o| {
            (0..Voice::ALL.len())
                .map(|v| o.counts.iter().map(|c| c[v]).sum::<usize>() as f64)
                .collect()
        })
        .collect();
    let p = Plot::bars(100.0);
    header(
        area,
        "Voice of loaded terms",
        &[
            "Share of loaded-term hits (all categories) in each voice: the outlet's own words, \
             paraphrase, quotation, scare quotes."
                .into(),
            sel.note(),
        ],
    )?;
    y_axis(area, &p, 20.0, "%", "Share of loaded-term hits (%)")?;
    stacks(area, &p, &values, true, "no hits")?;
    let hits = |o: &Outlet| thousands(o.counts.iter().flatten().sum());
    x_labels(
        area,
        &p,
        &sel.slots,
        &hits,
        "Outlet (under each name: loaded-term hits, all voices)",
    )?;
    let entries: Vec<(String, RGBColor)> = Voice::ALL
        .iter()
        .enumerate()
        .map(|(i, v)| (v.as_str().to_string(), colour(i)))
        .rev()
        .collect();
    legend(area, "Voice", &entries, p.top)
}

fn quote_groups(area: &Area, sel: &Selection, ctx: &Context) -> Res {
    let values: Vec<Vec<f64>> = sel
        .slots
        .iter()
        .map(|o| o.quote_words.iter().map(|&w| w as f64).collect())
        .collect();
    let p = Plot::bars(100.0);
    let sides: Vec<&str> = ctx
        .groups
        .side_groups
        .iter()
        .filter_map(|&i| ctx.groups.groups.get(i).map(|g| g.label.as_str()))
        .collect();
    header(
        area,
        "Quoted words by source group",
        &[
            format!(
                "Share of words inside quotations by the speaker's group (scare quotes and nested \
                 quotations left out). J above each bar: balance of quoted words over the side \
                 groups ({}), 0 = one side only, 1 = even; NA = no side quoted.",
                sides.join(", ")
            ),
            sel.note(),
        ],
    )?;
    y_axis(area, &p, 20.0, "%", "Share of quoted words (%)")?;
    stacks(area, &p, &values, true, "no quotes")?;
    let labels: Vec<String> = sel
        .slots
        .iter()
        .map(|o| match o.balance_j(ctx) {
            // Clamped so that rounding noise never prints as "-0.00".
            Some(j) => format!("J={:.2}", j.clamp(0.0, 1.0) + 0.0),
            None => "J=NA".to_string(),
        })
        .collect();
    above(area, &p, &vec![100.0; labels.len()], &labels)?;
    let words = |o: &Outlet| thousands(o.quote_words.iter().sum());
    x_labels(
        area,
        &p,
        &sel.slots,
        &words,
        "Outlet (under each name: quoted words)",
    )?;
    let mut entries: Vec<(String, RGBColor)> = ctx
        .groups
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.label.clone(), colour(i)))
        .collect();
    entries.push(("Unattributed".into(), colour(ctx.groups.groups.len())));
    entries.reverse();
    legend(area, "Source group", &entries, p.top)
}

fn casualty_emphasis(area: &Area, sel: &Selection, ctx: &Context) -> Res {
    let values: Vec<Vec<f64>> = sel.slots.iter().map(|o| o.emphasis.clone()).collect();
    let totals: Vec<f64> = values.iter().map(|v| v.iter().sum()).collect();
    let (top, step) = nice(totals.iter().fold(0.0f64, |a, &b| a.max(b)));
    let p = Plot::bars(top);
    header(
        area,
        "Casualty emphasis by victim group",
        &[
            "Mentions of people killed or hurt, weighted by where they stand (headline, lead, ... \
             see casualties.toml), by victim group; absolute, so larger outlets have taller bars."
                .into(),
            sel.note(),
        ],
    )?;
    y_axis(area, &p, step, "", "Position-weighted mentions")?;
    stacks(area, &p, &values, false, "no mentions")?;
    // Empty bars say "no mentions" instead of a total.
    let labels: Vec<String> = totals
        .iter()
        .map(|&t| {
            if t > 0.0 {
                one_decimal(t)
            } else {
                String::new()
            }
        })
        .collect();
    above(area, &p, &totals, &labels)?;
    x_labels(area, &p, &sel.slots, &n_articles, N_ARTICLES)?;
    let mut entries: Vec<(String, RGBColor)> = ctx
        .casualties
        .labels
        .iter()
        .enumerate()
        .map(|(i, g)| (g.clone(), colour(i)))
        .collect();
    entries.reverse();
    legend(area, "Victim group", &entries, p.top)
}

/// The heatmap's colour for `t` in 0..=1: white to dark blue through the Okabe–Ito blues.
fn ramp(t: f64) -> RGBColor {
    const STOPS: [(f64, (f64, f64, f64)); 4] = [
        (0.0, (255.0, 255.0, 255.0)),
        (0.35, (86.0, 180.0, 233.0)),
        (0.7, (0.0, 114.0, 178.0)),
        (1.0, (8.0, 48.0, 90.0)),
    ];
    let t = t.clamp(0.0, 1.0);
    for w in STOPS.windows(2) {
        let ((t0, a), (t1, b)) = (w[0], w[1]);
        if t <= t1 {
            let u = (t - t0) / (t1 - t0);
            let m = |x: f64, y: f64| (x + (y - x) * u).round() as u8;
            return RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2));
        }
    }
    let (_, c) = STOPS[STOPS.len() - 1];
    RGBColor(c.0 as u8, c.1 as u8, c.2 as u8)
}

fn heatmap(area: &Area, sel: &Selection, ctx: &Context) -> Res {
    let cats = &ctx.lexicon.categories;
    let nc = cats.len();
    let n = sel.slots.len();
    let (values, max) = densities(sel, nc);
    let (top_v, step) = nice(max);
    header(
        area,
        "Loaded-term density: category × outlet",
        &[
            "Adopted loaded terms (editorial + paraphrase hits) per 1,000 words outside quotations; \
             darker = denser. NA = no words outside quotations."
                .into(),
            sel.note(),
        ],
    )?;
    let (left, right, top) = (270, 1330, 170);
    let cell_h = if nc == 0 {
        0
    } else {
        (560 / nc as i32).min(70)
    };
    let bottom = top + cell_h * nc as i32;
    let cw = (right - left) as f64 / n.max(1) as f64;
    let vsize = if cw >= 60.0 { 15.0 } else { 12.0 };
    for (j, vals) in values.iter().enumerate() {
        let x0 = (left as f64 + j as f64 * cw).round() as i32;
        let x1 = (left as f64 + (j + 1) as f64 * cw).round() as i32;
        for (c, v) in vals.iter().enumerate() {
            let y0 = top + c as i32 * cell_h;
            let y1 = y0 + cell_h;
            let (fill, label) = match v {
                Some(v) => (ramp(v / top_v), format!("{v:.2}")),
                None => (NA_FILL, "NA".to_string()),
            };
            rect(area, x0, y0, x1, y1, fill)?;
            outline(area, x0, y0, x1, y1, GRID)?;
            if width(area, &label, vsize) <= x1 - x0 - 4 {
                text(
                    area,
                    &label,
                    (x0 + x1) / 2,
                    (y0 + y1) / 2,
                    vsize,
                    ink_on(fill),
                    HPos::Center,
                    VPos::Center,
                )?;
            }
        }
    }
    for (c, cat) in cats.iter().enumerate() {
        let lines = wrap(area, &cat.label, 16.0, left - 20 - TITLE_X, 2);
        let cy = top + c as i32 * cell_h + cell_h / 2;
        let mut y = cy - lines.len() as i32 * 10;
        for l in &lines {
            text(
                area,
                l,
                left - 12,
                y + 10,
                16.0,
                INK,
                HPos::Right,
                VPos::Center,
            )?;
            y += 20;
        }
    }
    text_up(area, "Lexicon category", 24, (top + bottom) / 2, 18.0, INK)?;
    x_labels_at(area, left, right, bottom, &sel.slots, &n_articles)?;
    text(
        area,
        N_ARTICLES,
        (left + right) / 2,
        HEIGHT as i32 - 22,
        18.0,
        INK,
        HPos::Center,
        VPos::Bottom,
    )?;
    // Colour bar.
    let (bx0, bx1) = (1390, 1420);
    let (by0, by1) = (top + 30, bottom.max(top + 230));
    text(
        area,
        "Hits per 1,000 words",
        bx0,
        top,
        17.0,
        INK,
        HPos::Left,
        VPos::Top,
    )?;
    for y in by0..by1 {
        let t = (by1 - y) as f64 / (by1 - by0) as f64;
        line(area, (bx0, y), (bx1, y), ramp(t))?;
    }
    outline(area, bx0, by0, bx1, by1, AXIS)?;
    let d = decimals(step);
    let ticks = (top_v / step).round() as usize;
    for k in 0..=ticks {
        let v = k as f64 * step;
        let y = by1 - ((v / top_v) * (by1 - by0) as f64).round() as i32;
        line(area, (bx1, y), (bx1 + 6, y), AXIS)?;
        text(
            area,
            &format!("{v:.d$}"),
            bx1 + 10,
            y,
            15.0,
            INK,
            HPos::Left,
            VPos::Center,
        )?;
    }
    rect(area, bx0, by1 + 20, bx1, by1 + 40, NA_FILL)?;
    outline(area, bx0, by1 + 20, bx1, by1 + 40, AXIS)?;
    text(
        area,
        "NA",
        bx1 + 10,
        by1 + 30,
        15.0,
        INK,
        HPos::Left,
        VPos::Center,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_starts_with_okabe_ito_then_greys() {
        assert_eq!(colour(0), RGBColor(0xE6, 0x9F, 0x00));
        assert_eq!(colour(7), RGBColor(0, 0, 0));
        assert_eq!(colour(8), RGBColor(0x99, 0x99, 0x99));
        assert_eq!(colour(12), colour(8));
    }

    #[test]
    fn nice_axis() {
        assert_eq!(nice(0.0), (1.0, 0.2));
        assert_eq!(nice(9.3), (10.0, 2.0));
        let (t, s) = nice(0.37);
        assert!((t - 0.4).abs() < 1e-9 && (s - 0.1).abs() < 1e-9);
        assert_eq!(decimals(0.25), 2);
        assert_eq!(decimals(2.0), 0);
    }

    #[test]
    fn font_tables_are_read() {
        let m = metrics();
        assert_eq!(
            m.height, 2384.0,
            "DejaVu Sans: hhea ascender 1901, descender -483"
        );
        assert_eq!(m.glyph('A'), 36);
        assert_ne!(m.glyph('…'), 0);
        // DejaVu Sans: `l` sits 193 units in, `A` 16, `j` -37.
        assert_eq!(m.lsb('l'), 193);
        assert_eq!(m.lsb('A'), 16);
        assert_eq!(m.lsb('j'), -37);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(one_decimal(12.0), "12");
        assert_eq!(one_decimal(12.34), "12.3");
        assert_eq!(one_decimal(0.04), "0");
    }

    #[test]
    fn ramp_is_monotone_in_lightness() {
        let l = |c: RGBColor| 0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64;
        let mut prev = f64::INFINITY;
        for k in 0..=100 {
            let v = l(ramp(k as f64 / 100.0));
            assert!(v <= prev, "{k}");
            prev = v;
        }
    }
}
