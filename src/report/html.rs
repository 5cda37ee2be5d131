//! The bundle's `index.html`: one self-contained page to read a run.
//!
//! The page holds the run's counts, a per-outlet summary table, the charts (as `<img>` with
//! paths relative to the bundle), a legend of colours, and the full text of the first
//! [`MAX_FULL_TEXT`] articles with every finding marked where it stands: loaded-term hits
//! highlighted by category, quotations tinted by their speaker's group, reported speech under
//! a dotted line, casualty mentions underlined, dropped debris lines greyed and struck.
//! Hovering a mark names what it is.
//!
//! - Self-contained: inline CSS, no script, no network (no CDN, no web font). The layer
//!   switches in the legend work with CSS alone.
//! - Safe: every piece of article text and metadata, and every lexicon label, is
//!   HTML-escaped; ids from the corpus never become attribute names or anchors.
//! - Flat memory: article sections are written to a temporary file in the bundle folder as
//!   they come and copied into `index.html` at the end.
//! - Deterministic: the same input gives a byte-identical page (no timestamps; the manifest
//!   has them).
//!
//! Offsets in the analysis rows are character (code point) offsets into the article text;
//! they are turned into byte offsets here, once per article, before slicing.

use super::charts::thousands as int;
use super::outlets::{Outlet, Outlets};
use crate::corpus::Article;
use crate::pipeline::{Analysis, Context};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The colour of index `i` as CSS hex: category `i` and source group `i` (in
/// [`super::tables::group_ids`] order, `unattributed` last) are drawn in the colour the charts
/// give that index ([`super::charts::colour`]: Okabe–Ito, then greys), so a colour means the
/// same thing on the page and in every chart.
pub fn colour(i: usize) -> String {
    let c = super::charts::colour(i);
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Articles whose full text the page shows; the rest are counted and left to the CSV tables.
pub const MAX_FULL_TEXT: usize = 200;

/// Name of the page in the bundle.
pub const FILE_NAME: &str = "index.html";

/// Temporary file holding the article sections while the run goes on.
const TMP_NAME: &str = ".index.html.articles.tmp";

/// HTML-escape `s` (`& < > " '`) onto `out`. Safe in text and in quoted attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// HTML-escape `s`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

/// One line of the article list.
struct TocEntry {
    n: usize,
    id: String,
    outlet: String,
    title: Option<String>,
    date: Option<String>,
    words: usize,
    hits: usize,
    quotes: usize,
    casualties: usize,
    dropped: usize,
}

/// The page being written.
pub struct Html {
    dir: PathBuf,
    tmp: PathBuf,
    out: Option<BufWriter<File>>,
    limit: usize,
    group_ids: Vec<String>,
    articles: usize,
    words: usize,
    hits: usize,
    quotes: usize,
    casualties: usize,
    harm: usize,
    dropped: usize,
    toc: Vec<TocEntry>,
}

impl Html {
    /// Start the page in the bundle folder `dir`, showing the full text of the first
    /// [`MAX_FULL_TEXT`] articles.
    pub fn create(dir: &Path, ctx: &Context) -> io::Result<Html> {
        Html::create_with_limit(dir, ctx, MAX_FULL_TEXT)
    }

    /// Start the page, showing the full text of the first `limit` articles.
    pub fn create_with_limit(dir: &Path, ctx: &Context, limit: usize) -> io::Result<Html> {
        let tmp = dir.join(TMP_NAME);
        let out = BufWriter::new(File::create(&tmp)?);
        Ok(Html {
            dir: dir.to_path_buf(),
            tmp,
            out: Some(out),
            limit,
            group_ids: super::tables::group_ids(ctx),
            articles: 0,
            words: 0,
            hits: 0,
            quotes: 0,
            casualties: 0,
            harm: 0,
            dropped: 0,
            toc: Vec::new(),
        })
    }

    /// Add one article (in corpus order).
    pub fn add(&mut self, article: &Article, a: &Analysis, ctx: &Context) -> io::Result<()> {
        self.articles += 1;
        self.words += a.summary.words;
        self.hits += a.hits.len();
        self.quotes += a.quotes.len();
        self.casualties += a.casualties.len();
        self.harm += a.casualties.iter().filter(|c| c.m.harm.is_harm()).count();
        self.dropped += a.summary.dropped;
        if self.articles > self.limit {
            return Ok(());
        }
        let n = self.articles;
        self.toc.push(TocEntry {
            n,
            id: article.id.clone(),
            outlet: article.outlet.clone(),
            title: article.title.clone(),
            date: article.date.clone(),
            words: a.summary.words,
            hits: a.hits.len(),
            quotes: a.quotes.len(),
            casualties: a.casualties.len(),
            dropped: a.summary.dropped,
        });
        let section = render_article(n, article, a, ctx, &self.group_ids);
        let out = self.out.as_mut().expect("page still open");
        out.write_all(section.as_bytes())
    }

    /// Assemble `index.html`: header, summary table (per outlet, from `outlets`), the charts
    /// (`<img src="charts/NAME">`), the legend, then the article sections; remove the
    /// temporary file.
    pub fn finish(mut self, outlets: &Outlets, charts: &[String], ctx: &Context) -> io::Result<()> {
        let mut sections = self.out.take().expect("page still open");
        sections.flush()?;
        drop(sections);
        let head = self.head(outlets, charts, ctx);
        let mut page = BufWriter::new(File::create(self.dir.join(FILE_NAME))?);
        page.write_all(head.as_bytes())?;
        io::copy(&mut File::open(&self.tmp)?, &mut page)?;
        page.write_all(TAIL.as_bytes())?;
        page.flush()?;
        std::fs::remove_file(&self.tmp)
    }

    /// Everything before the first article section.
    fn head(&self, outlets: &Outlets, charts: &[String], ctx: &Context) -> String {
        let mut h = String::with_capacity(32 * 1024);
        let n_outlets = outlets.map.len();
        h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        let _ = writeln!(
            h,
            "<title>slant report: {} articles, {} outlets</title>",
            int(self.articles),
            int(n_outlets)
        );
        h.push_str("<style>\n");
        h.push_str(CSS);
        h.push_str(&colour_css(
            ctx.lexicon.categories.len(),
            self.group_ids.len(),
        ));
        h.push_str("</style>\n</head>\n<body>\n<main>\n");

        // Header and counts.
        h.push_str("<header class=\"top\">\n<h1>slant report</h1>\n");
        let _ = writeln!(
            h,
            "<p class=\"counts\">{} from {} · {} · {} · {} · {} ({} of people killed or \
             injured) · {}</p>",
            bold(self.articles, "article"),
            bold(n_outlets, "outlet"),
            bold(self.words, "word"),
            bold(self.hits, "loaded-term hit"),
            bold(self.quotes, "quotation"),
            bold(self.casualties, "casualty mention"),
            int(self.harm),
            bold(self.dropped, "dropped line"),
        );
        let _ = writeln!(
            h,
            "<p class=\"muted\">slant {} · lexicon: {} categories, {} terms; {} source groups; \
             {} victim groups. Every number here is in the CSV tables of this folder: \
             <a href=\"articles.csv\">articles.csv</a>, <a href=\"outlets.csv\">outlets.csv</a>, \
             <a href=\"loaded_terms.csv\">loaded_terms.csv</a>, <a href=\"quotes.csv\">quotes.csv</a>, \
             <a href=\"speech.csv\">speech.csv</a>, <a href=\"casualties.csv\">casualties.csv</a>, <a href=\"dropped.csv\">dropped.csv</a> \
             (columns explained in <a href=\"columns.csv\">columns.csv</a>); run details in \
             <a href=\"manifest.json\">manifest.json</a>; the lexicons this run read, to edit \
             and rerun or to compare with <code>slant diff</code>, in \
             <a href=\"lexicons/\">lexicons/</a>.</p>",
            escape(crate::VERSION),
            ctx.lexicon.categories.len(),
            ctx.lexicon.terms.len(),
            ctx.groups.groups.len(),
            ctx.casualties.groups.len(),
        );
        h.push_str(
            "<nav><a href=\"#outlets\">Outlets</a> <a href=\"#charts\">Charts</a> \
             <a href=\"#legend\">Legend</a> <a href=\"#articles\">Articles</a></nav>\n</header>\n",
        );

        self.summary_table(&mut h, outlets, ctx);

        // Charts.
        h.push_str("<section id=\"charts\">\n<h2>Charts</h2>\n");
        if charts.is_empty() {
            h.push_str("<p class=\"muted\">No charts in this bundle.</p>\n");
        }
        for c in charts {
            let src = url_path(c);
            let mut alt = c.rsplit_once('.').map(|(s, _)| s).unwrap_or(c).to_owned();
            alt = alt.replace(['_', '-'], " ");
            let _ = writeln!(
                h,
                "<figure><img src=\"charts/{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                escape(&src),
                escape(&alt),
                escape(c)
            );
        }
        h.push_str("</section>\n");

        self.legend(&mut h, ctx);

        // Articles: the switches, the list, then the sections (from the temporary file).
        h.push_str("<section id=\"articles\">\n<h2>Articles</h2>\n");
        h.push_str(
            "<div class=\"bar\"><b>Show:</b> \
             <label><input type=\"checkbox\" id=\"t-hits\" checked> loaded terms</label> \
             <label><input type=\"checkbox\" id=\"t-quotes\" checked> quotations</label> \
             <label><input type=\"checkbox\" id=\"t-speech\" checked> reported speech</label> \
             <label><input type=\"checkbox\" id=\"t-cas\" checked> casualty mentions</label> \
             <label><input type=\"checkbox\" id=\"t-drop\" checked> dropped lines</label> \
             <a href=\"#legend\">legend</a> <a href=\"#articles\">list</a></div>\n",
        );
        let shown = self.toc.len();
        let left = self.articles - shown;
        if left > 0 {
            let _ = writeln!(
                h,
                "<p class=\"note\">The full text of the first {} articles (in corpus order) is \
                 shown below; <b>{} more articles are left out</b> to keep this page small. \
                 Their numbers are in the outlet table above, and the CSV tables hold every \
                 article and every hit, quotation, casualty mention and dropped line.</p>",
                int(shown),
                int(left)
            );
        } else {
            let _ = writeln!(
                h,
                "<p class=\"muted\">All {} articles are shown below, in corpus order. The CSV \
                 tables hold the same hits, quotations, casualty mentions and dropped lines, \
                 with their offsets.</p>",
                int(shown)
            );
        }
        if shown > 0 {
            h.push_str(
                "<div class=\"scroll\"><table class=\"toc\">\n<thead><tr><th>#</th><th class=\"l\">Outlet</th>\
                 <th class=\"l\">Title</th><th class=\"l\">Date</th><th>Words</th><th>Hits</th><th>Quotations</th>\
                 <th>Casualty mentions</th><th>Dropped lines</th></tr></thead>\n<tbody>\n",
            );
            for t in &self.toc {
                let title = match &t.title {
                    Some(s) if !s.trim().is_empty() => escape(s),
                    _ => format!("<i>{}</i>", escape(&t.id)),
                };
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td class=\"l o\">{}</td><td class=\"l\"><a href=\"#a{}\">{}</a></td>\
                     <td class=\"l d\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    t.n,
                    escape(&t.outlet),
                    t.n,
                    title,
                    escape(t.date.as_deref().unwrap_or("")),
                    int(t.words),
                    t.hits,
                    t.quotes,
                    t.casualties,
                    t.dropped
                );
            }
            h.push_str("</tbody>\n</table></div>\n");
        }
        h
    }

    /// The per-outlet table.
    fn summary_table(&self, h: &mut String, outlets: &Outlets, ctx: &Context) {
        let cats = &ctx.lexicon.categories;
        h.push_str("<section id=\"outlets\">\n<h2>Outlets</h2>\n");
        h.push_str(
            "<p class=\"muted\">Densities count adopted hits (the outlet's own words and its \
             paraphrases, not quotations) per 1,000 words outside quotations; the shading \
             grows with the value within each column. Label index: (legitimizing − \
             militia/proxy) / (legitimizing + militia/proxy) over adopted hits, −1..1. \
             Balance J: evenness of quoted words over the side groups, 0..1. Casualty \
             mentions: people said to have been killed or injured. — means no data.</p>\n",
        );
        let rows = outlets.by_size();
        let mut max = vec![0.0f64; cats.len()];
        for o in &rows {
            for (c, m) in max.iter_mut().enumerate() {
                if let Some(d) = o.density(c) {
                    *m = m.max(d);
                }
            }
        }
        h.push_str("<div class=\"scroll\"><table class=\"summary\">\n<thead>\n<tr>");
        h.push_str(
            "<th rowspan=\"2\">Outlet</th><th rowspan=\"2\">Articles</th><th rowspan=\"2\">Words</th>",
        );
        if !cats.is_empty() {
            let _ = write!(
                h,
                "<th colspan=\"{}\" class=\"grp\">Adopted loaded terms per 1,000 unquoted words</th>",
                cats.len()
            );
        }
        h.push_str(
            "<th rowspan=\"2\">Label index</th><th rowspan=\"2\">Balance J</th>\
             <th rowspan=\"2\">Casualty mentions</th></tr>\n<tr>",
        );
        for (i, c) in cats.iter().enumerate() {
            let _ = write!(
                h,
                "<th class=\"cat\" title=\"{}\"><span class=\"dot c{i}\"></span>{}</th>",
                escape(&format!("{} ({})", c.label, c.id)),
                escape(&c.label)
            );
        }
        h.push_str("</tr>\n</thead>\n<tbody>\n");
        let row = |h: &mut String, o: &Outlet, tag: &str| {
            let _ = write!(
                h,
                "<tr><{tag} class=\"l\">{}</{tag}><td>{}</td><td>{}</td>",
                escape(&o.name),
                int(o.articles),
                int(o.words)
            );
            for (c, &m) in max.iter().enumerate() {
                match o.density(c) {
                    Some(d) => {
                        let shade = if m > 0.0 { d / m } else { 0.0 };
                        let alpha = (shade * tint(c) * 255.0).round() as u8;
                        if alpha > 0 {
                            let _ = write!(
                                h,
                                "<td style=\"background:{}{:02X}\">{:.2}</td>",
                                colour(c),
                                alpha,
                                d
                            );
                        } else {
                            let _ = write!(h, "<td>{d:.2}</td>");
                        }
                    }
                    None => h.push_str("<td>—</td>"),
                }
            }
            let _ = writeln!(
                h,
                "<td>{}</td><td>{}</td><td>{}</td></tr>",
                opt(o.label_index(ctx), 3),
                opt(o.balance_j(ctx), 3),
                int(o.casualty_mentions)
            );
        };
        for o in &rows {
            row(h, o, "td");
        }
        h.push_str("</tbody>\n");
        if rows.len() > 1 {
            let mut all = Outlet {
                name: "All outlets".into(),
                ..Outlet::default()
            };
            for o in &rows {
                add_outlet(&mut all, o);
            }
            h.push_str("<tfoot>\n");
            row(h, &all, "th");
            h.push_str("</tfoot>\n");
        }
        h.push_str("</table></div>\n</section>\n");
    }

    /// Colours and marks explained, with the words of the lexicons.
    fn legend(&self, h: &mut String, ctx: &Context) {
        h.push_str("<section id=\"legend\">\n<h2>Legend</h2>\n<div class=\"legend\">\n");
        h.push_str("<div><h3>Loaded terms, by category</h3>\n<ul>\n");
        for (i, c) in ctx.lexicon.categories.iter().enumerate() {
            let _ = writeln!(
                h,
                "<li><span class=\"sw hs c{i}\" title=\"{}\">{}</span> <code>{}</code></li>",
                escape(&c.description),
                escape(&c.label),
                escape(&c.id)
            );
        }
        h.push_str("</ul></div>\n<div><h3>Quotations, by speaker's group</h3>\n<ul>\n");
        for (i, g) in self.group_ids.iter().enumerate() {
            let label = ctx
                .groups
                .groups
                .get(i)
                .map(|g| g.label.as_str())
                .unwrap_or("No speaker found");
            let _ = writeln!(
                h,
                "<li><span class=\"sw qs g{i}\">{}</span> <code>{}</code></li>",
                escape(label),
                escape(g)
            );
        }
        h.push_str("</ul></div>\n<div><h3>Other marks</h3>\n<ul>\n");
        h.push_str(
            "<li><span class=\"sw rss\">the strike was illegal</span> reported speech: \
             words attributed without quote marks (their loaded terms are paraphrase)</li>\n\
             <li><span class=\"sw cs\">killed</span> casualty mention (people killed or \
             injured); the harm word is underlined</li>\n\
             <li><span class=\"sw cs neg\">not hurt</span> harm said not to have happened, or \
             people put at risk</li>\n\
             <li><span class=\"sw ds\">Donate now</span> line dropped as byline or page \
             debris (not counted)</li>\n\
             <li>Small capitals in the margin name a paragraph's zone (body paragraphs \
             have none).</li>\n\
             <li>Hover over a mark to see the term, category and voice, the speaker and \
             group, or the harm, victims and voice.</li>\n",
        );
        h.push_str("</ul></div>\n</div>\n</section>\n");
    }
}

impl Drop for Html {
    fn drop(&mut self) {
        // Not finished (an error on the way): leave no temporary file behind.
        if self.out.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Everything after the last article section.
const TAIL: &str = "</section>\n</main>\n</body>\n</html>\n";

const CSS: &str = r#":root{--fg:#1b1b1b;--mut:#5f5f5f;--line:#dedede;--soft:#f6f6f4}
*{box-sizing:border-box}
html{scroll-padding-top:3.2rem}
body{margin:0;color:var(--fg);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1280px;margin:0 auto;padding:1.2rem 2rem 5rem}
h1{font-size:1.8rem;margin:.3rem 0 .4rem}
h2{font-size:1.35rem;margin:2.4rem 0 .7rem;padding-bottom:.25rem;border-bottom:2px solid var(--fg)}
h3{font-size:1rem;margin:.2rem 0 .5rem}
a{color:#0b5cad}
.counts{font-size:1.05rem;margin:.3rem 0}
.muted{color:var(--mut);font-size:.9rem;max-width:60em}
.note{background:#fff8e0;border-left:4px solid #E69F00;padding:.5rem .8rem;max-width:60em}
nav a{margin-right:1.2em;font-weight:600}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.86rem;font-variant-numeric:tabular-nums}
th,td{padding:.28rem .42rem;border-bottom:1px solid var(--line);text-align:right;vertical-align:bottom}
thead th{background:var(--soft);font-weight:600}
th.grp{text-align:center;border-bottom:1px solid #bbb}
th.cat{font-weight:500;font-size:.8rem;max-width:6.8em;line-height:1.2;text-align:center}
th.cat .dot{display:block;margin:0 auto .3em}
table.summary .l{white-space:nowrap}
.l,th:first-child,td:first-child{text-align:left}
tfoot th,tfoot td{border-top:2px solid #999;font-weight:600}
.dot{display:inline-block;width:.75em;height:.75em;border-radius:50%;margin-right:.3em;vertical-align:-.05em;border:1px solid rgba(0,0,0,.25)}
figure{margin:0 0 1.6rem}
figure img{max-width:100%;height:auto;border:1px solid var(--line)}
figcaption{color:var(--mut);font-size:.85rem}
.legend{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:.5rem 2rem}
.legend ul{list-style:none;margin:0;padding:0}
.legend li{margin:.3rem 0}
code{font-size:.85em;color:var(--mut)}
.bar{position:sticky;top:0;z-index:2;background:rgba(255,255,255,.96);border-bottom:1px solid var(--line);padding:.45rem 0;margin-bottom:.6rem;font-size:.9rem}
.bar label{margin-right:1em;white-space:nowrap}
.bar a{margin-left:1em}
table.toc td.l{max-width:36em}
table.toc .o,table.toc .d{white-space:nowrap}
section.article{margin-top:2.6rem;padding-top:.6rem;border-top:1px solid #bbb}
.ah h3{font-size:1.25rem;margin:.2rem 0}
.ah .num{color:var(--mut);font-weight:400;margin-right:.4em}
.meta,.stats{margin:.15rem 0;color:var(--mut);font-size:.88rem}
.meta b{color:var(--fg)}
.text{position:relative;max-width:50em;padding-left:7.5em;margin-top:.8rem;font:1.03rem/1.85 Georgia,"Times New Roman",serif}
.text p{position:relative;margin:.5em 0}
.text p::before{content:attr(data-zone);position:absolute;left:-8.3em;width:7.5em;text-align:right;color:#888;font:600 10.5px/2.4 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.05em}
.text p[data-zone=body]::before{content:none}
.text p[data-zone=headline]{font-size:1.3em;font-weight:700;line-height:1.5}
.text p[data-zone=standfirst]{font-style:italic}
.text p[data-zone=caption]{font-size:.9em;color:#444}
.text p[data-zone=crosshead]{font-weight:700}
.text p.dropped{color:#9a9a9a;text-decoration:line-through;font:.85rem/1.6 system-ui,sans-serif}
mark.hit,.sw.hs{color:inherit;border-radius:2px;padding:0 1px}
span.q,.sw.qs{border-bottom:3px solid;padding-bottom:1px}
span.q:not(.cont){border-left:3px solid;padding-left:2px}
span.rs,.sw.rss{text-decoration:overline dotted 1.5px #555}
span.cas,.sw.cs{text-decoration:underline 2px #b3001b;text-underline-offset:3px;text-decoration-skip-ink:none}
span.cas.neg,.sw.cs.neg{text-decoration-style:dotted;text-decoration-color:#666}
.sw{display:inline-block;line-height:1.5;padding:0 .3em;margin-right:.3em;font-size:.92rem}
.sw.ds{color:#9a9a9a;text-decoration:line-through}
body:has(#t-hits:not(:checked)) mark.hit{background:none!important;padding:0}
body:has(#t-quotes:not(:checked)) span.q{background:none!important;border:0;padding:0}
body:has(#t-cas:not(:checked)) span.cas{text-decoration:none}
body:has(#t-speech:not(:checked)) span.rs{text-decoration:none}
body:has(#t-drop:not(:checked)) .text p.dropped{display:none}
@media print{.bar{display:none}}
"#;

/// Colour rules for `n_cat` categories (`c0`…) and `n_groups` source groups (`g0`…).
fn colour_css(n_cat: usize, n_groups: usize) -> String {
    let mut s = String::new();
    for i in 0..n_cat {
        let c = colour(i);
        let a = (255.0 * tint(i)).round() as u8;
        let _ = writeln!(
            s,
            "mark.c{i},.sw.c{i},.dot.c{i}{{background-color:{c}{a:02X}}}"
        );
    }
    for i in 0..n_groups {
        let c = colour(i);
        let _ = writeln!(
            s,
            "span.q.g{i},.sw.g{i}{{border-color:{c};background-color:{c}1F}}"
        );
    }
    s
}

/// Opacity of the background tint of colour `i`: dark colours (black, dark greys) are tinted
/// less, so black text stays readable on them.
fn tint(i: usize) -> f64 {
    let c = super::charts::colour(i);
    let luma = 0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64;
    if luma < 110.0 {
        0.3
    } else {
        0.45
    }
}

/// `n` and `what`, with an `s` when `n` is not 1.
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{} {what}s", int(n))
    }
}

/// [`plural`] with the number in bold.
fn bold(n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("<b>{}</b> {what}{s}", int(n))
}

/// Sum `o` into `all`.
fn add_outlet(all: &mut Outlet, o: &Outlet) {
    fn grow<T: Default + Clone>(v: &mut Vec<T>, n: usize) {
        if v.len() < n {
            v.resize(n, T::default());
        }
    }
    all.articles += o.articles;
    all.words += o.words;
    all.words_quoted += o.words_quoted;
    all.with_headline += o.with_headline;
    all.casualty_mentions += o.casualty_mentions;
    grow(&mut all.counts, o.counts.len());
    for (a, b) in all.counts.iter_mut().zip(&o.counts) {
        for v in 0..4 {
            a[v] += b[v];
        }
    }
    grow(&mut all.headline, o.headline.len());
    for (a, b) in all.headline.iter_mut().zip(&o.headline) {
        *a += b;
    }
    grow(&mut all.quotes, o.quotes.len());
    for (a, b) in all.quotes.iter_mut().zip(&o.quotes) {
        *a += b;
    }
    grow(&mut all.quote_words, o.quote_words.len());
    for (a, b) in all.quote_words.iter_mut().zip(&o.quote_words) {
        *a += b;
    }
    grow(&mut all.emphasis, o.emphasis.len());
    for (a, b) in all.emphasis.iter_mut().zip(&o.emphasis) {
        *a += b;
    }
}

/// A number with `prec` decimals, or a dash.
fn opt(v: Option<f64>, prec: usize) -> String {
    match v {
        Some(x) => {
            let s = format!("{x:.prec$}");
            // No "-0.000": a value that rounds to zero is zero.
            match s.strip_prefix('-') {
                Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
                _ => s,
            }
        }
        None => "—".into(),
    }
}

/// A chart file name as a relative URL path: unreserved characters kept, the rest
/// percent-encoded (so a name cannot carry a scheme, a query or an attribute). A `/` is
/// kept, for charts in subfolders of `charts/`.
fn url_path(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            s.push(b as char);
        } else {
            let _ = write!(s, "%{b:02X}");
        }
    }
    s
}

/// Kinds of marked spans, outermost first when two start together and end together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Speech,
    Quote,
    Hit,
    Casualty,
}

/// A span to mark, in character offsets, with its tag, classes and (escaped) title.
#[derive(Debug, Clone)]
struct Span {
    start: usize,
    end: usize,
    kind: Kind,
    tag: &'static str,
    class: String,
    title: String,
}

/// The piece of a span inside one paragraph, in byte offsets.
#[derive(Debug, Clone, Copy)]
struct Piece {
    s: usize,
    e: usize,
    span: usize,
}

/// The spans of one article.
fn spans_of(a: &Analysis, ctx: &Context, group_ids: &[String]) -> Vec<Span> {
    let lex = &ctx.lexicon;
    let unattributed = group_ids.len() - 1;
    let mut v =
        Vec::with_capacity(a.reported.len() + a.hits.len() + a.quotes.len() + a.casualties.len());
    // Reported speech: the words whose loaded terms are `paraphrase`, so that a reader sees
    // why (a dotted line over them; the cue and speaker on hover).
    for r in &a.reported {
        let g = r.group.unwrap_or(unattributed);
        let speaker = r.who().unwrap_or("none found");
        let t = format!(
            "reported speech · cue: {} · speaker: {speaker} · group: {}",
            r.cue, group_ids[g]
        );
        v.push(Span {
            start: r.char_start,
            end: r.char_end,
            kind: Kind::Speech,
            tag: "span",
            class: "rs".into(),
            title: escape(&t),
        });
    }
    for q in &a.quotes {
        let g = q.group.unwrap_or(unattributed);
        let speaker = q.who().unwrap_or("none found");
        let mut t = format!(
            "speaker: {speaker} · group: {} · kind: {}",
            group_ids[g],
            q.kind.as_str()
        );
        if let Some(c) = &q.cue {
            let _ = write!(t, " · cue: {c}");
        }
        let _ = write!(t, " · attribution: {}", q.attribution.as_str());
        if let Some(r) = &q.relay {
            let _ = write!(t, " · relayed by: {r}");
        }
        v.push(Span {
            start: q.char_start,
            end: q.char_end,
            kind: Kind::Quote,
            tag: "span",
            class: format!("q g{g}"),
            title: escape(&t),
        });
    }
    for hr in &a.hits {
        let term = lex.terms.get(hr.term).map(|t| t.id.as_str()).unwrap_or("?");
        let cat = lex
            .categories
            .get(hr.category)
            .map(|c| c.label.as_str())
            .unwrap_or("?");
        let mut t = format!(
            "term: {term} · category: {cat} · voice: {}",
            hr.voice.as_str()
        );
        if hr.quote.is_some() {
            let g = hr.speaker_group.unwrap_or(unattributed);
            let _ = write!(t, " · speaker group: {}", group_ids[g]);
        }
        v.push(Span {
            start: hr.char_start,
            end: hr.char_end,
            kind: Kind::Hit,
            tag: "mark",
            class: format!("hit c{}", hr.category),
            title: escape(&t),
        });
    }
    for c in &a.casualties {
        let m = &c.m;
        let victim = ctx
            .casualties
            .groups
            .get(m.group)
            .map(|s| s.as_str())
            .unwrap_or("?");
        let mut t = format!(
            "harm: {} · victim: {victim} · voice: {}",
            m.harm.as_str(),
            m.voice.as_str()
        );
        if let Some(ct) = &m.count_text {
            let _ = write!(t, " · count: {ct}");
        }
        let _ = write!(t, " · agent: {}", m.agent.as_str());
        if let Some(at) = &m.agent_text {
            let _ = write!(t, " ({at})");
        }
        let _ = write!(
            t,
            " · event: {}",
            if m.main_event { "main" } else { "context" }
        );
        v.push(Span {
            start: c.char_start,
            end: c.char_end,
            kind: Kind::Casualty,
            tag: "span",
            class: if m.harm.is_harm() {
                "cas".into()
            } else {
                "cas neg".into()
            },
            title: escape(&t),
        });
    }
    // Stable: by start, longer first, then reported speech, quote, hit, casualty; ties keep
    // row order.
    v.sort_by(|x, y| {
        x.start
            .cmp(&y.start)
            .then(y.end.cmp(&x.end))
            .then(x.kind.cmp(&y.kind))
    });
    v
}

/// Character offsets → byte offsets, for a sorted set of offsets.
struct CharMap {
    chars: Vec<usize>,
    bytes: Vec<usize>,
    ascii: bool,
    len: usize,
}

impl CharMap {
    fn new(text: &str, mut wanted: Vec<usize>) -> CharMap {
        if text.is_ascii() {
            return CharMap {
                chars: Vec::new(),
                bytes: Vec::new(),
                ascii: true,
                len: text.len(),
            };
        }
        wanted.sort_unstable();
        wanted.dedup();
        let mut bytes = Vec::with_capacity(wanted.len());
        let mut k = 0;
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            while k < wanted.len() && wanted[k] == ci {
                bytes.push(bi);
                k += 1;
            }
            if k == wanted.len() {
                break;
            }
        }
        // Offsets at or past the end of the text.
        bytes.resize(wanted.len(), text.len());
        CharMap {
            chars: wanted,
            bytes,
            ascii: false,
            len: text.len(),
        }
    }

    fn byte(&self, c: usize) -> usize {
        if self.ascii {
            return c.min(self.len);
        }
        match self.chars.binary_search(&c) {
            Ok(i) => self.bytes[i],
            Err(_) => self.len,
        }
    }
}

/// One article's section.
fn render_article(
    n: usize,
    article: &Article,
    a: &Analysis,
    ctx: &Context,
    group_ids: &[String],
) -> String {
    let text = article.text.as_str();
    let s = &a.summary;
    let mut h = String::with_capacity(text.len() * 2 + 2048);
    let _ = writeln!(h, "<section class=\"article\" id=\"a{n}\">");
    h.push_str("<header class=\"ah\">\n");
    let title = match &article.title {
        Some(t) if !t.trim().is_empty() => escape(t),
        _ => "<i>(no headline)</i>".into(),
    };
    let _ = writeln!(h, "<h3><span class=\"num\">{n}</span>{title}</h3>");
    let _ = write!(h, "<p class=\"meta\"><b>{}</b>", escape(&article.outlet));
    if let Some(d) = &article.date {
        let _ = write!(h, " · {}", escape(d));
    }
    let _ = write!(h, " · id <code>{}</code>", escape(&article.id));
    if let Some(u) = &article.url {
        // Shown as text, not a link: the page loads and links nothing outside the bundle.
        let _ = write!(h, " · <code>{}</code>", escape(u));
    }
    h.push_str("</p>\n");
    let l = &a.loaded;
    let by_voice: Vec<usize> = (0..4)
        .map(|v| l.counts.iter().map(|c| c[v]).sum())
        .collect();
    let _ = writeln!(
        h,
        "<p class=\"stats\">{} · {} ({} editorial, {} paraphrase, {} quoted, {} scare) · {} · \
         {} · {} · label index {} · balance J {}</p>",
        plural(s.words, "word"),
        plural(a.hits.len(), "loaded-term hit"),
        by_voice[0],
        by_voice[1],
        by_voice[2],
        by_voice[3],
        plural(a.quotes.len(), "quotation"),
        plural(a.casualties.len(), "casualty mention"),
        plural(s.dropped, "dropped line"),
        opt(l.label_index(&ctx.lexicon), 3),
        opt(a.quote_stats.balance_j, 3),
    );
    h.push_str("</header>\n<div class=\"text\">\n");

    let spans = spans_of(a, ctx, group_ids);
    let mut wanted = Vec::with_capacity(2 * (spans.len() + s.lines.len()));
    for l in &s.lines {
        wanted.push(l.char_start);
        wanted.push(l.char_end);
    }
    for sp in &spans {
        wanted.push(sp.start);
        wanted.push(sp.end);
    }
    let map = CharMap::new(text, wanted);
    let mut opened = vec![false; spans.len()];
    let mut next = 0; // next span (by start) not yet live
    let mut live: Vec<usize> = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    for line in &s.lines {
        let (cs, ce) = (line.char_start, line.char_end.max(line.char_start));
        while next < spans.len() && spans[next].start < ce {
            live.push(next);
            next += 1;
        }
        live.retain(|&i| spans[i].end > cs);
        let (ps, pe) = (map.byte(cs), map.byte(ce));
        pieces.clear();
        for &i in &live {
            let sp = &spans[i];
            let (s0, e0) = (sp.start.max(cs), sp.end.min(ce));
            if s0 < e0 {
                pieces.push(Piece {
                    s: map.byte(s0),
                    e: map.byte(e0),
                    span: i,
                });
            }
        }
        let zone = line.zone.as_str();
        if line.zone.counted() {
            let _ = write!(h, "<p data-zone=\"{zone}\">");
        } else {
            let _ = write!(
                h,
                "<p class=\"dropped\" data-zone=\"{zone}\" title=\"{}\">",
                escape(&format!("dropped by rule: {} · zone: {zone}", line.rule))
            );
        }
        render_runs(&mut h, text, ps, pe, &pieces, &spans, &mut opened);
        h.push_str("</p>\n");
    }
    h.push_str("</div>\n</section>\n");
    h
}

/// Write `text[ps..pe]` with `pieces` marked, properly nested: where two spans overlap
/// without nesting, the inner one is closed and reopened (as a `cont` piece) around the
/// boundary. `opened` says which spans already have a first piece.
fn render_runs(
    out: &mut String,
    text: &str,
    ps: usize,
    pe: usize,
    pieces: &[Piece],
    spans: &[Span],
    opened: &mut [bool],
) {
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    // Opening order at one position: longer first, then quote, hit, casualty.
    let key = |i: usize| {
        let p = &pieces[i];
        (p.s, std::cmp::Reverse(p.e), spans[p.span].kind, p.span)
    };
    order.sort_by_key(|&i| key(i));
    let mut bounds: Vec<usize> = Vec::with_capacity(2 * pieces.len() + 2);
    bounds.push(ps);
    bounds.push(pe);
    for p in pieces {
        bounds.push(p.s);
        bounds.push(p.e);
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut stack: Vec<usize> = Vec::new();
    let mut k = 0; // next piece in `order` to open
    let mut to_open: Vec<usize> = Vec::new();
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        // Close everything from the lowest piece that ends here; reopen the still-live ones.
        to_open.clear();
        if let Some(low) = stack.iter().position(|&i| pieces[i].e <= a) {
            while stack.len() > low {
                let i = stack.pop().unwrap();
                let _ = write!(out, "</{}>", spans[pieces[i].span].tag);
                if pieces[i].e > a {
                    to_open.push(i);
                }
            }
        }
        while k < order.len() && pieces[order[k]].s <= a {
            if pieces[order[k]].e > a {
                to_open.push(order[k]);
            }
            k += 1;
        }
        to_open.sort_by_key(|&i| {
            (
                std::cmp::Reverse(pieces[i].e),
                spans[pieces[i].span].kind,
                pieces[i].span,
            )
        });
        for &i in &to_open {
            let sp = &spans[pieces[i].span];
            let cont = if opened[pieces[i].span] { "cont " } else { "" };
            opened[pieces[i].span] = true;
            let _ = write!(
                out,
                "<{} class=\"{cont}{}\" title=\"{}\">",
                sp.tag, sp.class, sp.title
            );
            stack.push(i);
        }
        if let Some(t) = text.get(a..b) {
            escape_into(out, t);
        }
    }
    while let Some(i) = stack.pop() {
        let _ = write!(out, "</{}>", spans[pieces[i].span].tag);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: Kind, class: &str) -> Span {
        Span {
            start,
            end,
            kind,
            tag: if kind == Kind::Hit { "mark" } else { "span" },
            class: class.into(),
            title: String::new(),
        }
    }

    fn render(text: &str, spans: &[Span]) -> String {
        let pieces: Vec<Piece> = spans
            .iter()
            .enumerate()
            .map(|(i, s)| Piece {
                s: s.start,
                e: s.end,
                span: i,
            })
            .collect();
        let mut opened = vec![false; spans.len()];
        let mut out = String::new();
        render_runs(&mut out, text, 0, text.len(), &pieces, spans, &mut opened);
        out.replace(" title=\"\"", "")
    }

    #[test]
    fn crossing_spans_are_split_and_nest() {
        // quote [0,10), hit [5,15): the hit is cut at 10 and reopened as a `cont` piece.
        let t = "abcdefghijklmnopqrst";
        let out = render(
            t,
            &[
                span(0, 10, Kind::Quote, "q g0"),
                span(5, 15, Kind::Hit, "hit c1"),
            ],
        );
        assert_eq!(
            out,
            "<span class=\"q g0\">abcde<mark class=\"hit c1\">fghij</mark></span>\
             <mark class=\"cont hit c1\">klmno</mark>pqrst"
        );
    }

    #[test]
    fn nested_and_identical_spans() {
        let t = "0123456789";
        let out = render(
            t,
            &[
                span(2, 8, Kind::Casualty, "cas"),
                span(2, 8, Kind::Hit, "hit c0"),
                span(0, 10, Kind::Quote, "q g1"),
            ],
        );
        assert_eq!(
            out,
            "<span class=\"q g1\">01<mark class=\"hit c0\"><span class=\"cas\">234567</span></mark>89</span>"
        );
    }

    #[test]
    fn char_offsets_with_multibyte_text() {
        // “a” b — NBSP: offsets are code points.
        let t = "\u{201c}a\u{201d}\u{a0}<b>";
        let map = CharMap::new(t, vec![0, 3, 4, 7, 9]);
        assert_eq!(map.byte(0), 0);
        assert_eq!(map.byte(3), 7);
        assert_eq!(map.byte(4), 9);
        assert_eq!(map.byte(7), t.len());
        assert_eq!(map.byte(9), t.len());
        let mut out = String::new();
        let spans = [span(0, 3, Kind::Quote, "q g0")];
        let pieces = [Piece {
            s: map.byte(0),
            e: map.byte(3),
            span: 0,
        }];
        render_runs(&mut out, t, 0, t.len(), &pieces, &spans, &mut [false]);
        assert_eq!(
            out,
            "<span class=\"q g0\" title=\"\">\u{201c}a\u{201d}</span>\u{a0}&lt;b&gt;"
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("<script>\"'&"), "&lt;script&gt;&quot;&#39;&amp;");
        assert_eq!(url_path("a b\"/x.png"), "a%20b%22/x.png");
        assert_eq!(url_path("javascript:x"), "javascript%3Ax");
        assert_eq!(int(1234567), "1,234,567");
        assert_eq!(int(12), "12");
        assert_eq!(opt(Some(-0.0), 3), "0.000");
        assert_eq!(opt(Some(-0.0001), 3), "0.000");
        assert_eq!(opt(Some(-0.5), 1), "-0.5");
        assert_eq!(opt(None, 1), "—");
    }
}
