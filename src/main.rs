//! The `navdesk` command: parses the command line, sets up logging and runs one command (see
//! `navdesk::cli`).

use anyhow::Context;
use clap::Parser;

/// mimalloc: many small, short-lived allocations per request (rows, strings, HTML) from several
/// threads; it spends less time there than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let cli = navdesk::cli::Cli::parse();
    navdesk::telemetry::init();
    let runtime = tokio::runtime::Runtime::new().context("could not start the async runtime")?;
    runtime.block_on(navdesk::cli::run(cli))
}
