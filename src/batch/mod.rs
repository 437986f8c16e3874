//! Batch screening: reads inputs on one thread, screens them on `jobs` worker threads, and
//! hands results back in input order. Items travel between threads in chunks, and at most
//! `window` chunks are in flight at once, so memory stays flat however long the input stream
//! is, and the output is the same for any number of threads.

pub mod jsonl;
pub mod source;
pub mod summary;

use source::{Item, SourceOptions};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// A chunk holds up to this many items, or items of this many input bytes, whichever comes
/// first. Handing each text (most are a few KB) to another thread alone cost two wake-ups
/// of a sleeping thread per text: on this project's 2-core virtual machine a fifth of the
/// time went on them (perf: futex wake-ups and task switches).
const CHUNK_ITEMS: usize = 64;
const CHUNK_BYTES: u64 = 256 * 1024;

/// How many chunks may be read ahead of the one being written, per worker thread. Enough to
/// keep every thread busy when texts differ in length, few enough that memory stays small.
const WINDOW_PER_JOB: usize = 3;

/// The number of worker threads to use when the user does not say.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Counts the producer's progress against the consumer's, in chunks, so reading never runs
/// more than `window` chunks ahead of writing.
struct Window {
    written: Mutex<u64>,
    moved: Condvar,
    size: u64,
}

impl Window {
    /// Blocks until chunk `seq` may be read, or the batch was stopped.
    fn wait_for(&self, seq: u64, stop: &AtomicBool) {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        while seq >= *written + self.size && !stop.load(Ordering::Relaxed) {
            written = self.moved.wait(written).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn advance(&self, written: u64) {
        *self.written.lock().unwrap_or_else(|e| e.into_inner()) = written;
        self.moved.notify_all();
    }
}

/// Where finished results go, in input order.
pub trait Sink<T> {
    /// Takes the next result; returns false to stop the batch early (e.g. the output pipe was
    /// closed).
    fn emit(&mut self, value: T) -> std::io::Result<bool>;
    /// Called when no result is ready and the sink would otherwise wait: the moment to flush
    /// output, so a slow stream of inputs still gets its answers line by line.
    fn idle(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads every item of `files` (already expanded, see [`source::expand_paths`]), runs `work` on
/// each on `jobs` threads, and gives the results to `sink` in input order.
///
/// A chunk is handed over when it is full, and also as soon as the input has nothing more
/// ready to read: a slow stream (a pipe fed one record at a time) gets each answer without
/// waiting for a chunk to fill.
pub fn run<T, W>(
    files: &[String],
    options: &SourceOptions,
    jobs: usize,
    work: W,
    sink: &mut dyn Sink<T>,
) -> std::io::Result<()>
where
    T: Send,
    W: Fn(Item) -> T + Sync,
{
    let jobs = jobs.max(1);
    let window = Window {
        written: Mutex::new(0),
        moved: Condvar::new(),
        size: (jobs * WINDOW_PER_JOB) as u64,
    };
    let stop = AtomicBool::new(false);
    let (chunk_tx, chunk_rx) = mpsc::sync_channel::<(u64, Vec<Item>)>(jobs);
    let chunk_rx = Mutex::new(chunk_rx);
    let (done_tx, done_rx) = mpsc::channel::<(u64, Vec<T>)>();

    std::thread::scope(|scope| {
        let (window, stop, work, chunk_rx) = (&window, &stop, &work, &chunk_rx);
        scope.spawn(move || {
            let mut seq = 0u64;
            let mut send = |chunk: Vec<Item>| {
                window.wait_for(seq, stop);
                if stop.load(Ordering::Relaxed) || chunk_tx.send((seq, chunk)).is_err() {
                    return false;
                }
                seq += 1;
                true
            };
            let mut chunk = Vec::with_capacity(CHUNK_ITEMS);
            let mut chunk_bytes = 0;
            for path in files {
                let mut take = |item: Item, more_ready: bool| {
                    chunk_bytes += item.input_bytes;
                    chunk.push(item);
                    if chunk.len() < CHUNK_ITEMS && chunk_bytes < CHUNK_BYTES && more_ready {
                        return true;
                    }
                    chunk_bytes = 0;
                    send(std::mem::replace(
                        &mut chunk,
                        Vec::with_capacity(CHUNK_ITEMS),
                    ))
                };
                source::read_path(path, options, &mut take);
                if stop.load(Ordering::Relaxed) {
                    return;
                }
            }
            if !chunk.is_empty() {
                send(chunk);
            }
            // Dropping the sender lets the workers finish.
        });
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                loop {
                    let next = chunk_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((seq, chunk)) = next else { break };
                    let results = chunk
                        .into_iter()
                        .take_while(|_| !stop.load(Ordering::Relaxed))
                        .map(work)
                        .collect();
                    if done_tx.send((seq, results)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);

        // Chunks arrive in any order; hold the early ones until their turn.
        let mut pending: BTreeMap<u64, Vec<T>> = BTreeMap::new();
        let mut next = 0u64;
        let mut result = Ok(());
        loop {
            let (seq, values) = match done_rx.try_recv() {
                Ok(next) => next,
                Err(mpsc::TryRecvError::Disconnected) => break,
                Err(mpsc::TryRecvError::Empty) => {
                    if !stop.load(Ordering::Relaxed) {
                        if let Err(e) = sink.idle() {
                            stop.store(true, Ordering::Relaxed);
                            window.advance(next);
                            result = Err(e);
                        }
                    }
                    match done_rx.recv() {
                        Ok(next) => next,
                        Err(_) => break,
                    }
                }
            };
            if stop.load(Ordering::Relaxed) {
                continue; // drain so the workers can finish
            }
            pending.insert(seq, values);
            while let Some(values) = pending.remove(&next) {
                next += 1;
                for value in values {
                    match sink.emit(value) {
                        Ok(true) => {}
                        Ok(false) => stop.store(true, Ordering::Relaxed),
                        Err(e) => {
                            stop.store(true, Ordering::Relaxed);
                            result = Err(e);
                        }
                    }
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                }
                if stop.load(Ordering::Relaxed) {
                    pending.clear();
                    break;
                }
            }
            window.advance(next);
        }
        window.advance(u64::MAX / 2);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::source::InputKind;
    use super::*;
    use std::io::Write;

    fn jsonl_file(lines: usize) -> tempfile::NamedTempFile {
        jsonl_file_of(lines, 1)
    }

    /// Records of about `scale` times 1-17 bytes of text.
    fn jsonl_file_of(lines: usize, scale: usize) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        for i in 0..lines {
            let text = "x".repeat((i % 17 + 1) * scale);
            writeln!(f, r#"{{"id": {i}, "text": "{text}"}}"#).unwrap();
        }
        f
    }

    struct Collect<T>(Vec<T>, usize);

    impl<T> Sink<T> for Collect<T> {
        fn emit(&mut self, value: T) -> std::io::Result<bool> {
            self.0.push(value);
            Ok(self.0.len() < self.1)
        }
    }

    fn options() -> SourceOptions {
        SourceOptions {
            kind: InputKind::Jsonl,
            max_bytes: 1 << 20,
            globs: Vec::new(),
            hidden: false,
        }
    }

    #[test]
    fn results_come_back_in_input_order_for_any_number_of_threads() {
        // Short records fill chunks by count; long ones (up to 17 KB) by bytes.
        let short = jsonl_file(500);
        let long = jsonl_file_of(200, 1000);
        for (f, lines) in [(short, 500), (long, 200)] {
            in_input_order(&f, lines);
        }
    }

    fn in_input_order(f: &tempfile::NamedTempFile, lines: u64) {
        let files = vec![f.path().to_string_lossy().into_owned()];
        for jobs in [1, 2, 7] {
            let mut seen = Collect(Vec::new(), usize::MAX);
            run(
                &files,
                &options(),
                jobs,
                |item: Item| {
                    // Uneven work so that threads finish out of order.
                    let n = item.id.as_ref().and_then(|v| v.as_u64()).unwrap();
                    std::thread::sleep(std::time::Duration::from_micros((n % 5) * 50));
                    n
                },
                &mut seen,
            )
            .unwrap();
            assert_eq!(seen.0, (0..lines).collect::<Vec<u64>>(), "jobs {jobs}");
        }
    }

    #[test]
    fn emit_can_stop_the_batch_early() {
        let f = jsonl_file(1000);
        let files = vec![f.path().to_string_lossy().into_owned()];
        let mut seen = Collect(Vec::new(), 10);
        run(&files, &options(), 2, |_item: Item| (), &mut seen).unwrap();
        assert_eq!(seen.0.len(), 10);
    }
}
