//! The `redflag` binary: parses arguments and maps the result to an exit code.

/// mimalloc serves the many small allocations of loading the rules and of screening faster
/// than the system allocator: on this project's benchmark machine, a short story's start-up
/// about 10 % and a 100 MB batch 10-20 % faster, reports byte-identical (README "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    keep_memory_in_small_pages();
    std::process::ExitCode::from(redflag::cli::main_with_args(std::env::args_os()))
}

/// Where the system backs every process's memory with transparent huge pages, mimalloc's
/// areas are filled 2 MB at a time: peak memory on the 100 MB corpus went from 26 to 73 MB,
/// with no speed to show for it. Turned off for this process only.
#[cfg(target_os = "linux")]
fn keep_memory_in_small_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and changes only this process's
    // huge-page policy; a failure (an old kernel) leaves the default, which is only larger.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn keep_memory_in_small_pages() {}
