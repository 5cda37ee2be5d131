//! The `slant` command: a thin front end over the library. Parsing and printing live here;
//! everything that computes lives in the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
