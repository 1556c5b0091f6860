//! The `opendoor` binary.

use clap::Parser;
use opendoor_server::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    opendoor_server::telemetry::init(cli.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("opendoor: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(opendoor_server::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line naming the problem and its causes, e.g.
            // "opendoor: cannot listen on 127.0.0.1:3000: Address already in use".
            eprintln!("opendoor: {error:#}");
            ExitCode::FAILURE
        }
    }
}
