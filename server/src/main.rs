//! The `panelkit` binary: parses the command line and hands over to it.

// The app's deeply nested views make deeply nested types here too.
#![recursion_limit = "256"]

use clap::Parser;

/// Rendering a page allocates and frees many small strings and boxes (a
/// fifth to a third of a scoring page's time went to glibc's malloc and
/// free); mimalloc's per-thread free lists make that a small share.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<std::process::ExitCode> {
    server::telemetry::init();
    let cli = server::cli::Cli::parse();
    // Server-side rendering walks deeply nested view types; unoptimised
    // builds need more than tokio's default 2 MiB of stack per worker.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(16 * 1024 * 1024)
        .build()?
        .block_on(server::cli::run(cli))
}
