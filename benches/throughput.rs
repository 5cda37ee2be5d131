//! Throughput and memory of the whole pipeline on a real corpus (`cargo bench`).
//!
//! Not a timed test: a benchmark run by hand. It needs the AllSides corpus (37,554 articles,
//! 243 MB of JSON Lines once decompressed), by default at
//! `../shared/corpora/allsides/articles.jsonl.gz` beside the repository, or wherever
//! `--corpus PATH` says. `cargo bench` builds the `slant` binary it runs (wherever
//! `CARGO_TARGET_DIR` puts it).
//!
//! It writes scaled corpora under `target/bench-data/` (`$CARGO_TARGET_DIR/bench-data/` when
//! that is set): the first 1k and 10k articles, all 37k, and 150k (the corpus four times over
//! with fresh ids). Then it runs `slant run` on each as a
//! child process and reports wall time, MB/s of JSON input, articles/s and the child's peak
//! resident memory (from `wait4`). The full corpus runs at 1 and 2 threads and the two bundles
//! are compared byte for byte (the manifest aside).
//!
//! Usage: `cargo bench --bench throughput [-- --sizes 1000,10000,37554,150216] [--threads 1,2]
//! [--corpus PATH]`. Another corpus must be JSON Lines like AllSides' (optionally gzipped),
//! with an `ID` field, which the repeats past its end get a suffix on.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Write the first `n` articles of the corpus (cycling with fresh ids past its end), a line
/// at a time: this process must stay small, because a child started from it reports this
/// process's high-water memory as its own peak (`ru_maxrss` is taken at exec).
fn make_corpus(src: &Path, n: usize, out: &Path) -> std::io::Result<u64> {
    if out.exists() {
        return Ok(std::fs::metadata(out)?.len());
    }
    let tmp = out.with_extension("tmp");
    let mut w = BufWriter::new(std::fs::File::create(&tmp)?);
    let mut written = 0;
    let mut round = 0;
    while written < n {
        let f = std::fs::File::open(src)?;
        let r: Box<dyn std::io::Read> = if src.extension().is_some_and(|x| x == "gz") {
            Box::new(flate2::read::MultiGzDecoder::new(f))
        } else {
            Box::new(f)
        };
        for line in std::io::BufReader::new(r).lines() {
            let line = line?;
            if written == n {
                break;
            }
            if round == 0 {
                writeln!(w, "{line}")?;
            } else {
                let mut v: serde_json::Value =
                    serde_json::from_str(&line).expect("corpus line is JSON");
                let id = v["ID"].as_str().unwrap_or("").to_owned();
                v["ID"] = serde_json::Value::String(format!("{id}-r{round}"));
                writeln!(w, "{v}")?;
            }
            written += 1;
        }
        round += 1;
    }
    w.flush()?;
    drop(w);
    std::fs::rename(&tmp, out)?;
    Ok(std::fs::metadata(out)?.len())
}

struct Measured {
    secs: f64,
    peak_kb: i64,
    ok: bool,
}

// The child is reaped by `wait4`, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn run(bin: &Path, corpus: &Path, out: &Path, name: &str, threads: usize) -> Measured {
    let t0 = Instant::now();
    // No current_dir: with it the standard library forks instead of using posix_spawn, and
    // the child's peak memory (ru_maxrss) would include this process's copy of the corpus.
    let child = std::process::Command::new(bin)
        .arg("run")
        .arg("--lexicons")
        .arg(root().join("lexicons"))
        .args([
            "--quiet",
            "--force",
            "--name",
            name,
            "-j",
            &threads.to_string(),
            "--corpus",
        ])
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn slant");
    let mut status = 0i32;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child with valid pointers.
    let r = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let secs = t0.elapsed().as_secs_f64();
    Measured {
        secs,
        peak_kb: usage.ru_maxrss,
        ok: r > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

/// Every file of a bundle (relative paths, sorted), the manifest aside.
fn files(dir: &Path) -> Vec<String> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                if rel != "manifest.json" {
                    v.push(rel);
                }
            }
        }
    }
    v.sort();
    v
}

/// Do two bundles hold the same files with the same bytes? Compared a block at a time, for
/// the same reason `make_corpus` streams.
fn same_bundles(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let names = files(a);
    if names != files(b) {
        return false;
    }
    names.iter().all(|n| {
        let mut fa = std::io::BufReader::new(std::fs::File::open(a.join(n)).unwrap());
        let mut fb = std::io::BufReader::new(std::fs::File::open(b.join(n)).unwrap());
        let (mut x, mut y) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
        loop {
            let k = fa.read(&mut x).unwrap();
            if k == 0 {
                return fb.read(&mut y).unwrap() == 0;
            }
            if fb.read_exact(&mut y[..k]).is_err() || x[..k] != y[..k] {
                return false;
            }
        }
    })
}

const USAGE: &str = "usage: cargo bench --bench throughput [-- [--sizes N,N,...] [--threads J,J,...] [--corpus PATH]]
  --sizes    corpus sizes in articles (default 1000,10000,37554,150216; past the corpus's end it repeats with fresh ids)
  --threads  thread counts for the full corpus, compared byte for byte (default 1,2; other sizes use the last)
  --corpus   JSON Lines corpus with an ID field, optionally .gz (default ../shared/corpora/allsides/articles.jsonl.gz)
Scaled corpora and bundles go under $CARGO_TARGET_DIR/bench-data/ (target/bench-data/ when it is not set).";

/// Stop with the usage text (a typo in a flag must not start a run of many minutes with the
/// defaults).
fn usage_error(msg: &str) -> ! {
    eprintln!("error: {msg}\n{USAGE}");
    std::process::exit(2)
}

/// The value after the flag at `i`. Cargo appends `--bench` after the user's arguments, so a
/// flag given without a value would otherwise take that.
fn value_of<'a>(args: &'a [String], i: usize, flag: &str) -> &'a str {
    match args.get(i + 1) {
        Some(v) if !v.starts_with("--") => v,
        _ => usage_error(&format!("{flag} needs a value")),
    }
}

fn arg_list(args: &[String], flag: &str, default: &[usize]) -> Vec<usize> {
    match args.iter().position(|a| a == flag) {
        None => default.to_vec(),
        Some(i) => {
            let v = value_of(args, i, flag);
            let list: Result<Vec<usize>, _> = v.split(',').map(|x| x.trim().parse()).collect();
            match list {
                Ok(l) if !l.is_empty() && l.iter().all(|&n| n > 0) => l,
                _ => usage_error(&format!(
                    "{flag} takes whole numbers above 0, separated by commas, not `{v}`"
                )),
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return;
    }
    // Cargo passes `--bench` to a bench without the standard harness, and a name filter
    // (`cargo bench NAME`) as a word of its own, which has nothing to select here; an unknown
    // option is a mistake.
    let mut k = 1;
    while k < args.len() {
        match args[k].as_str() {
            "--sizes" | "--threads" | "--corpus" => k += 2,
            "--bench" => k += 1,
            other if !other.starts_with('-') => k += 1,
            other => usage_error(&format!("unknown argument `{other}`")),
        }
    }
    let given = args
        .iter()
        .position(|a| a == "--corpus")
        .map(|i| PathBuf::from(value_of(&args, i, "--corpus")));
    let src = given
        .clone()
        .unwrap_or_else(|| root().join("../shared/corpora/allsides/articles.jsonl.gz"));
    if !src.exists() {
        println!(
            "skipped, nothing measured: no corpus at {}\n\
             put the AllSides articles.jsonl.gz there, or pass -- --corpus PATH",
            src.display()
        );
        return;
    }
    // Cargo builds the package's binaries for a bench and says where.
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_slant"));
    // Scaled copies of another corpus go to a folder of their own, so they are never taken
    // for the default corpus's (they are kept between runs).
    let base = std::env::var_os("CARGO_TARGET_DIR")
        .map(|t| root().join(t))
        .unwrap_or_else(|| root().join("target"))
        .join("bench-data");
    let data = match &given {
        None => base,
        Some(p) => base.join(
            p.file_name()
                .map(|n| n.to_string_lossy().replace(['.', ' '], "_"))
                .unwrap_or_else(|| "corpus".into()),
        ),
    };
    std::fs::create_dir_all(&data).unwrap();
    let out = data.join("out");
    let sizes = arg_list(&args, "--sizes", &[1000, 10000, 37554, 150216]);
    let threads = arg_list(&args, "--threads", &[1, 2]);
    println!(
        "{:>8} {:>3} {:>9} {:>8} {:>8} {:>11} {:>9}",
        "articles", "j", "MB", "secs", "MB/s", "articles/s", "peak MB"
    );
    for &n in &sizes {
        let corpus = data.join(format!("allsides-{n}.jsonl"));
        let bytes = make_corpus(&src, n, &corpus).expect("scaled corpus");
        let mb = bytes as f64 / 1e6;
        let js: Vec<usize> = if n == 37554 {
            threads.clone()
        } else {
            vec![*threads.last().unwrap()]
        };
        for &j in &js {
            let name = format!("n{n}-j{j}");
            let m = run(&bin, &corpus, &out, &name, j);
            println!(
                "{:>8} {:>3} {:>9.1} {:>8.2} {:>8.1} {:>11.0} {:>9.1}{}",
                n,
                j,
                mb,
                m.secs,
                mb / m.secs,
                n as f64 / m.secs,
                m.peak_kb as f64 / 1024.0,
                if m.ok { "" } else { "  (run failed)" }
            );
        }
        if n == 37554 && threads.len() > 1 {
            let same = same_bundles(
                &out.join(format!("n{n}-j{}", threads[0])),
                &out.join(format!("n{n}-j{}", threads[1])),
            );
            println!(
                "bundles at -j {} and -j {}: {}",
                threads[0],
                threads[1],
                if same { "identical" } else { "DIFFERENT" }
            );
        }
    }
}
