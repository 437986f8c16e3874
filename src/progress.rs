//! A one-line progress display on standard error for long batches. It is drawn only when
//! standard error is a terminal, appears after half a second (short runs stay quiet), and is
//! cleared before any other message so warnings stay readable.

use std::io::{self, Write};
use std::time::{Duration, Instant};

const FIRST_DRAW: Duration = Duration::from_millis(500);
const REDRAW: Duration = Duration::from_millis(100);
const BAR_WIDTH: usize = 24;

pub struct Progress {
    enabled: bool,
    started: Instant,
    last_draw: Option<Instant>,
    drawn: bool,
    /// Total input bytes when known (files), for the bar.
    total_bytes: Option<u64>,
    pub done: u64,
    pub bytes: u64,
    pub flagged: u64,
    pub skipped: u64,
}

impl Progress {
    pub fn new(enabled: bool, total_bytes: Option<u64>) -> Self {
        Progress {
            enabled,
            started: Instant::now(),
            last_draw: None,
            drawn: false,
            total_bytes,
            done: 0,
            bytes: 0,
            flagged: 0,
            skipped: 0,
        }
    }

    /// Redraws if enough time has passed.
    pub fn tick(&mut self) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let due = match self.last_draw {
            None => now.duration_since(self.started) >= FIRST_DRAW,
            Some(last) => now.duration_since(last) >= REDRAW,
        };
        if due {
            self.last_draw = Some(now);
            self.draw(now);
        }
    }

    fn draw(&mut self, now: Instant) {
        let line = self.line(now.duration_since(self.started).as_secs_f64());
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
        self.drawn = true;
    }

    /// The progress line after `secs` seconds.
    fn line(&self, secs: f64) -> String {
        let secs = secs.max(1e-3);
        let mb = self.bytes as f64 / 1e6;
        let bar = match self.total_bytes {
            Some(total) if total > 0 => {
                let share = (self.bytes as f64 / total as f64).min(1.0);
                let filled = (share * BAR_WIDTH as f64).round() as usize;
                format!(
                    "[{}{}] {:>3.0}% ",
                    "#".repeat(filled),
                    "-".repeat(BAR_WIDTH - filled),
                    share * 100.0
                )
            }
            _ => String::new(),
        };
        format!(
            "{bar}{} screened, {} with findings, {} skipped | {mb:.1} MB, {:.1} MB/s",
            self.done - self.skipped,
            self.flagged,
            self.skipped,
            mb / secs
        )
    }

    /// Removes the line so that a message can be printed in its place.
    pub fn clear(&mut self) {
        if self.drawn {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
            self.drawn = false;
        }
    }

    /// Prints a message on standard error, above the progress line.
    pub fn message(&mut self, text: &str) {
        self.clear();
        eprintln!("{text}");
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_shows_counts_rate_and_a_bar_when_the_total_is_known() {
        let mut p = Progress::new(false, Some(4_000_000));
        p.done = 12;
        p.skipped = 2;
        p.flagged = 3;
        p.bytes = 1_000_000;
        assert_eq!(
            p.line(2.0),
            "[######------------------]  25% 10 screened, 3 with findings, 2 skipped | 1.0 MB, 0.5 MB/s"
        );
        p.total_bytes = None;
        assert!(p.line(2.0).starts_with("10 screened"));
    }

    #[test]
    fn a_disabled_line_is_never_drawn() {
        let mut p = Progress::new(false, None);
        p.started -= Duration::from_secs(5);
        p.tick();
        assert!(!p.drawn && p.last_draw.is_none());
    }
}
