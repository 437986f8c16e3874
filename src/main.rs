//! The `redflag` binary: parses arguments and maps the result to an exit code.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(redflag::cli::main_with_args(std::env::args_os()))
}
