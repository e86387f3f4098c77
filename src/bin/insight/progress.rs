//! The progress line on stderr while a big file is read: rows so far and rows per second, at
//! most four times a second, starting after the first quarter second (small files, read faster
//! than that, print nothing).
//!
//! Shown when stderr is a terminal (redrawn in place with `\r`) or when `--progress` is given
//! (one line per update, for logs and CI).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Reports reading progress of one file.
pub struct Progress {
    label: String,
    enabled: bool,
    in_place: bool,
    start: Instant,
    last: Instant,
    shown: bool,
}

impl Progress {
    /// A reporter for reading `label`; `forced` is the `--progress` flag.
    pub fn new(label: &str, forced: bool) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        let now = Instant::now();
        Progress {
            label: label.to_owned(),
            enabled: forced || terminal,
            in_place: terminal,
            start: now,
            last: now,
            shown: false,
        }
    }

    /// Call often (every few thousand rows); prints when due.
    #[inline]
    pub fn update(&mut self, rows: u64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.start) < Duration::from_millis(250)
            || now.duration_since(self.last) < Duration::from_millis(250)
        {
            return;
        }
        self.last = now;
        self.print(rows, now);
    }

    fn print(&mut self, rows: u64, now: Instant) {
        let secs = now.duration_since(self.start).as_secs_f64().max(1e-9);
        let rate = rows as f64 / secs;
        let line = format!(
            "reading {}: {} rows ({} rows/s)",
            self.label,
            group(rows),
            group(rate.round() as u64)
        );
        let mut err = std::io::stderr().lock();
        let _ = if self.in_place {
            write!(err, "\r{line}\x1b[K")
        } else {
            writeln!(err, "{line}")
        };
        let _ = err.flush();
        self.shown = true;
    }

    /// Ends the progress display (prints the final count if anything was shown).
    pub fn finish(&mut self, rows: u64) {
        if self.shown {
            self.print(rows, Instant::now());
            if self.in_place {
                let _ = writeln!(std::io::stderr());
            }
        }
    }
}

/// 1234567 → "1,234,567".
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::group;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(4_316_669), "4,316,669");
    }
}
