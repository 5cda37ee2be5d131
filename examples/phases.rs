//! Time each analysis phase on a corpus (a profiling aid, not the benchmark):
//! `cargo run --release --example phases -- CORPUS [LEXICONS]`; `PHASE=attribute` runs only the
//! document build and that phase (for `perf record`).
use std::time::Instant;

// The allocator the `slant` binary uses, so that the phases cost what they cost there.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU time of this thread, in seconds (steadier than wall time on a busy machine).
fn cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and a pointer to a timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let corpus = std::path::PathBuf::from(&args[1]);
    let lex = std::path::PathBuf::from(args.get(2).map(String::as_str).unwrap_or("lexicons"));
    let t = Instant::now();
    let (arts, _) = slant::corpus::read_all(&corpus);
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    eprintln!(
        "read {} articles, {:.1} MB in {:?}",
        arts.len(),
        bytes as f64 / 1e6,
        t.elapsed()
    );
    let ctx = slant::pipeline::Context::load(&lex, None).expect("lexicons");
    let only = std::env::var("PHASE").ok();
    let on = |n: &str| only.as_deref().is_none_or(|o| o == n);
    let names = [
        "build",
        "speech",
        "loaded",
        "attribute",
        "casualties",
        "speech_attr",
        "analyse",
    ];
    let mut times = [0f64; 7];
    let mut time = |i: usize, f: &mut dyn FnMut()| {
        if on(names[i]) || i == 0 {
            let t = cpu();
            f();
            times[i] += cpu() - t;
        }
    };
    for a in &arts {
        let mut doc = None;
        time(0, &mut || {
            doc = Some(slant::text::Document::build(a, &ctx.layout))
        });
        let doc = doc.unwrap();
        let sp = slant::metrics::speech::find(&doc, &ctx.speech, None);
        time(1, &mut || {
            slant::metrics::speech::find(&doc, &ctx.speech, None);
        });
        time(2, &mut || {
            slant::metrics::loaded::analyse(&doc, &ctx.lexicon, &ctx.matcher, &sp, None);
        });
        time(3, &mut || {
            slant::metrics::quotes::attribute(&doc, &ctx.groups, &ctx.sources, &ctx.speech);
        });
        time(4, &mut || {
            slant::metrics::casualties::find(&doc, &ctx.casualties, None);
        });
        time(5, &mut || {
            slant::metrics::quotes::attribute_speech(
                &doc,
                &ctx.groups,
                &ctx.sources,
                &ctx.speech,
                &sp,
            );
        });
        time(6, &mut || {
            slant::pipeline::analyse(&doc, &ctx);
        });
    }
    for (n, t) in names.iter().zip(times) {
        if t > 0.0 {
            eprintln!("{n:>12}: {t:.3} s  ({:.1} MB/s)", bytes as f64 / 1e6 / t);
        }
    }
}
