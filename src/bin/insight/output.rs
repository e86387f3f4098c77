//! Writing output files safely and fast: a temporary file in the target's folder renamed into
//! place only on success, and CSV value formatting without per-value allocation.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// A file written under a temporary name in the same folder and renamed to its real name by
/// [`AtomicFile::commit`]; dropped without a commit, it removes the temporary file, so a failed
/// run never leaves a partial output behind.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file next to `target`.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dir.join(format!(".{name}.{}.partial", std::process::id()));
        let file = File::create(&temp)?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            writer: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// The buffered writer of the temporary file.
    pub fn writer(&mut self) -> io::Result<&mut BufWriter<File>> {
        self.writer
            .as_mut()
            .ok_or_else(|| io::Error::other("the output file is already closed"))
    }

    /// Flushes the data and renames the temporary file to the target.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(writer) = self.writer.take() {
            let file = writer.into_inner().map_err(|e| e.into_error())?;
            drop(file);
        }
        std::fs::rename(&self.temp, &self.target)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // After a successful commit the temporary file no longer exists.
        self.writer.take();
        if self.temp.exists() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Appends values to a byte buffer, CSV-style.
pub struct Line {
    pub buf: Vec<u8>,
    int: itoa::Buffer,
    float: ryu::Buffer,
}

impl Line {
    pub fn new() -> Line {
        Line {
            buf: Vec::with_capacity(512),
            int: itoa::Buffer::new(),
            float: ryu::Buffer::new(),
        }
    }

    /// Raw bytes.
    #[inline]
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// A text field, quoted when it holds a delimiter, quote or line break.
    #[inline]
    pub fn text(&mut self, text: &str) {
        if text
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        {
            self.buf.push(b'"');
            for b in text.bytes() {
                if b == b'"' {
                    self.buf.push(b'"');
                }
                self.buf.push(b);
            }
            self.buf.push(b'"');
        } else {
            self.buf.extend_from_slice(text.as_bytes());
        }
    }

    /// An integer.
    #[inline]
    pub fn int(&mut self, value: impl itoa::Integer) {
        let s = self.int.format(value);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// An amount in minor units with two decimals (`-12.05`).
    #[inline]
    pub fn minor(&mut self, minor: i64) {
        if minor < 0 {
            self.buf.push(b'-');
        }
        let abs = minor.unsigned_abs();
        let s = self.int.format(abs / 100);
        self.buf.extend_from_slice(s.as_bytes());
        let cents = (abs % 100) as u8;
        self.buf
            .extend_from_slice(&[b'.', b'0' + cents / 10, b'0' + cents % 10]);
    }

    /// A money amount in currency units, rounded to two decimals (non-finite values print 0.00).
    #[inline]
    pub fn money(&mut self, value: f64) {
        let cents = (value * 100.0).round();
        let cents = if cents.is_finite() {
            cents.clamp(-9e18, 9e18) as i64
        } else {
            0
        };
        self.minor(cents);
    }

    /// A float with the shortest exact representation (at least 6 significant digits kept);
    /// integral values print without a fraction, non-finite values print 0.
    #[inline]
    pub fn float(&mut self, value: f64) {
        if !value.is_finite() {
            self.buf.push(b'0');
        } else if value == value.trunc() && value.abs() < 1e15 {
            self.int(value as i64);
        } else {
            let s = self.float.format_finite(value);
            self.buf.extend_from_slice(s.as_bytes());
        }
    }

    /// A comma.
    #[inline]
    pub fn comma(&mut self) {
        self.buf.push(b',');
    }

    /// A line break.
    #[inline]
    pub fn end(&mut self) {
        self.buf.push(b'\n');
    }
}
