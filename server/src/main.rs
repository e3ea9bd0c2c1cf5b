//! The `panelkit` binary: parses the command line and hands over to it.

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::telemetry::init();
    let cli = server::cli::Cli::parse();
    server::cli::run(cli).await
}
