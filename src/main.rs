//! The `slant` command: a thin front end over the library. Parsing and printing live here;
//! everything that computes lives in the library.

mod cli;

// mimalloc instead of the system allocator: the analysis allocates many small, short-lived
// vectors and strings per article from two threads at once, and glibc's malloc spent about
// a tenth of the run in its own bookkeeping (perf on 5,000 AllSides articles).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
