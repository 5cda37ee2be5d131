//! The `slant` command: a thin front end over the library. Parsing and printing live here;
//! everything that computes lives in the library.

mod cli;

// mimalloc instead of the system allocator: the analysis allocates many small, short-lived
// vectors and strings per article from two threads at once, and glibc's malloc spent about
// a tenth of the run in its own bookkeeping (perf on 5,000 AllSides articles).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e` in the v2 header, which
/// the bindings do not name).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Keep freed memory instead of handing it back to the system 10 ms later: each chunk of
    // articles allocates about what the one before freed, and memory given back comes again
    // as fresh pages the kernel must zero. On the 37,554 AllSides articles at `-j 2`,
    // alternating with the binary before, three pairs took 8.3-9.4 s before and 6.7-8.0 s
    // after, three more 7.4-8.0 s and 7.0-7.5 s; the peak went from about 77 MB to 95 MB.
    // `MIMALLOC_PURGE_DELAY` in the environment still wins.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one of mimalloc's options; any value is valid (-1: never purge).
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
    }
    cli::main()
}

#[cfg(test)]
mod tests {
    /// The option number is mimalloc's purge delay: it reads that option's default, 10 ms (the
    /// options next to it in the header default to 0, 1 or 100).
    #[test]
    fn purge_delay_is_the_option_set() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads an option of the linked allocator.
        unsafe {
            assert_eq!(libmimalloc_sys::mi_option_get(super::PURGE_DELAY), 10);
        }
    }
}
