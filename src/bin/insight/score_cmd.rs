//! `insight score`: read the CSV files, run the engine's one-call pipeline, write the
//! per-customer CSV and the JSON report.
//!
//! Everything is read and scored before any output is created, and outputs are written under
//! temporary names renamed into place at the end, so bad input never leaves a partial file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use customer_insight::domain::day::day_number;
use customer_insight::analytics::{
    score, ExitInput, InteractionInput, Ledger, ScoreOptions, Scoring, Stage,
};
use customer_insight::domain::{Settings, TimeUnit};
use customer_insight::export::csv::push_score;
use customer_insight::import::{ExitReader, ImportError, ImportOptions, InteractionReader};

use crate::output::{AtomicFile, Line};
use crate::progress::Progress;
use crate::cli::{CliError, ScoreArgs, Unit};

/// The output header, exactly (shared with the app's scores export).
pub use customer_insight::export::csv::SCORES_HEADER as HEADER;

/// Stage timings in milliseconds, in pipeline order.
#[derive(Debug, Default)]
struct Timings {
    stages: Vec<(&'static str, f64)>,
    /// Peak resident memory (MB) at the end of each stage, where the OS tells it.
    peaks: Vec<(&'static str, f64)>,
}

/// The process's peak resident set so far in MB (Linux `VmHWM`), if known.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

impl Timings {
    fn add(&mut self, name: &'static str, since: Instant) {
        self.stages
            .push((name, since.elapsed().as_secs_f64() * 1000.0));
        self.peak(name);
    }

    fn peak(&mut self, name: &'static str) {
        if let Some(mb) = peak_rss_mb() {
            self.peaks.push((name, mb));
        }
    }

    fn peaks_json(&self) -> serde_json::Value {
        let map: serde_json::Map<String, serde_json::Value> = self
            .peaks
            .iter()
            .map(|(n, mb)| ((*n).to_owned(), serde_json::json!(mb)))
            .collect();
        serde_json::Value::Object(map)
    }

    fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        let mut total = 0.0;
        for (name, ms) in &self.stages {
            total += ms;
            map.insert((*name).to_owned(), round_ms(*ms));
        }
        map.insert("total".to_owned(), round_ms(total));
        serde_json::Value::Object(map)
    }
}

fn round_ms(ms: f64) -> serde_json::Value {
    serde_json::json!((ms * 10.0).round() / 10.0)
}

fn import_error(e: ImportError) -> CliError {
    CliError::Data(e.to_string())
}

fn display_name(path: &Path) -> String {
    path.display().to_string()
}

fn open(path: &Path) -> Result<File, CliError> {
    File::open(path).map_err(|e| CliError::io(path, e))
}

/// The settings and options the flags imply (defaults from `Settings::default`).
fn settings_and_options(args: &ScoreArgs) -> Result<(Settings, ScoreOptions), CliError> {
    let mut settings = Settings {
        as_of: args.as_of,
        ..Settings::default()
    };
    settings.time_unit = match args.unit {
        Unit::Days => TimeUnit::Days,
        Unit::Weeks => TimeUnit::Weeks,
    };
    settings.clv_horizon_months = args.horizon_months;
    if let Some(margin) = args.margin {
        settings.default_margin = margin;
    }
    if let Some(annual) = args.annual_discount {
        settings.annual_discount_rate = annual;
    }
    if let Some(monthly) = args.monthly_discount {
        // Keep the settings consistent with the monthly rate the options use.
        settings.annual_discount_rate = (1.0 + monthly).powi(12) - 1.0;
    }
    let mut options = ScoreOptions::from_settings(&settings);
    if let Some(monthly) = args.monthly_discount {
        options.monthly_discount = monthly;
    }
    options.predict_periods = args.predict_periods;
    options.model = args.model.kind();
    let mut issues = settings.validate();
    issues.extend(options.validate());
    if !issues.is_empty() {
        let sentences: Vec<String> = issues
            .iter()
            .map(|i| format!("{} (--{})", i.message, flag_of(i.field)))
            .collect();
        return Err(CliError::Usage(sentences.join(" ")));
    }
    Ok((settings, options))
}

/// The command-line flag that sets a settings field.
fn flag_of(field: &str) -> String {
    match field {
        "default_margin" => "margin".to_owned(),
        "annual_discount_rate" => "annual-discount".to_owned(),
        "monthly_discount" => "monthly-discount".to_owned(),
        "clv_horizon_months" => "horizon-months".to_owned(),
        other => other.replace('_', "-"),
    }
}

/// Reads the transactions file into a ledger, showing progress for big files.
fn read_ledger(
    path: &Path,
    options: &ImportOptions,
    show_progress: bool,
) -> Result<Ledger, CliError> {
    let file = open(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    // About 26 bytes a row in a typical export; a generous guess saves re-allocations.
    let rows_guess = (size / 24) as usize;
    let name = display_name(path);
    crate::read_transactions::read(
        &name,
        file,
        options,
        rows_guess,
        &mut Progress::new(&name, show_progress),
    )
}

fn read_interactions(
    path: &Path,
    ledger: &Ledger,
    options: &ImportOptions,
) -> Result<(InteractionInput, u64), CliError> {
    let name = display_name(path);
    let mut reader = InteractionReader::new(&name, open(path)?, options).map_err(import_error)?;
    let mut input = InteractionInput::default();
    let mut skipped = 0;
    while let Some(row) = reader.next_row().map_err(import_error)? {
        match ledger.customer_index(row.customer_id) {
            Some(c) => input.push(c, day_number(row.date), row.kind, row.cost),
            None => skipped += 1,
        }
    }
    Ok((input, skipped))
}

fn read_exits(
    path: &Path,
    ledger: &Ledger,
    options: &ImportOptions,
) -> Result<(ExitInput, u64), CliError> {
    let name = display_name(path);
    let mut reader = ExitReader::new(&name, open(path)?, options).map_err(import_error)?;
    let mut input = ExitInput::default();
    let mut skipped = 0;
    while let Some(row) = reader.next_row().map_err(import_error)? {
        match ledger.customer_index(row.customer_id) {
            Some(c) => input.push(c, day_number(row.date), row.reason),
            None => skipped += 1,
        }
    }
    Ok((input, skipped))
}

/// Customers formatted per chunk when writing (about 1.4 MB of text).
const WRITE_CHUNK: usize = 8192;

/// Appends the CSV rows of scored customers `range` to `line`.
fn format_rows(scoring: &Scoring, range: std::ops::Range<usize>, line: &mut Line) {
    for s in range.filter_map(|i| scoring.get(i)) {
        push_score(line, &s);
    }
}

/// Writes the header and one CSV row per scored customer, in scoring order. Chunks are
/// formatted on two threads (odd chunks on a helper thread) and written in order.
fn write_scores(scoring: &Scoring, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(HEADER.as_bytes())?;
    out.write_all(b"\n")?;
    let n = scoring.len();
    let chunks = n.div_ceil(WRITE_CHUNK);
    let range = |k: usize| k * WRITE_CHUNK..((k + 1) * WRITE_CHUNK).min(n);
    let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Line>(2);
    let (free_tx, free_rx) = std::sync::mpsc::sync_channel::<Line>(4);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for k in (1..chunks).step_by(2) {
                let mut line = free_rx.try_recv().unwrap_or_else(|_| Line::new());
                line.buf.clear();
                format_rows(scoring, range(k), &mut line);
                if done_tx.send(line).is_err() {
                    return;
                }
            }
        });
        let mut own = Line::new();
        for k in 0..chunks {
            if k % 2 == 0 {
                own.buf.clear();
                format_rows(scoring, range(k), &mut own);
                out.write_all(&own.buf)?;
            } else {
                let line = done_rx
                    .recv()
                    .map_err(|_| std::io::Error::other("the formatting thread stopped early"))?;
                out.write_all(&line.buf)?;
                let _ = free_tx.try_send(line);
            }
        }
        Ok::<(), std::io::Error>(())
    })?;
    out.flush()
}

/// Runs `insight score`.
pub fn run(args: &ScoreArgs) -> Result<(), CliError> {
    let (settings, options) = settings_and_options(args)?;
    let import_options = ImportOptions::default();
    let mut timings = Timings::default();

    let started = Instant::now();
    let ledger = read_ledger(&args.transactions, &import_options, args.progress)?;
    let (interactions, skipped_interactions) = match &args.interactions {
        Some(path) => read_interactions(path, &ledger, &import_options)?,
        None => (InteractionInput::default(), 0),
    };
    let (exits, skipped_exits) = match &args.exits {
        Some(path) => read_exits(path, &ledger, &import_options)?,
        None => (ExitInput::default(), 0),
    };
    timings.add("read", started);

    let mut stage_start: Option<(Stage, Instant)> = None;
    let mut stage_times: Vec<(&'static str, f64)> = Vec::new();
    let mut stage_peaks: Vec<(&'static str, f64)> = Vec::new();
    let mut on_stage = |stage: Stage| {
        let now = Instant::now();
        if let Some((previous, since)) = stage_start.take() {
            stage_times.push((
                previous.as_str(),
                now.duration_since(since).as_secs_f64() * 1000.0,
            ));
            if let Some(mb) = peak_rss_mb() {
                stage_peaks.push((previous.as_str(), mb));
            }
        }
        if stage != Stage::Done {
            stage_start = Some((stage, now));
        }
    };
    let scoring = score(
        &ledger,
        &interactions,
        &exits,
        &settings,
        &options,
        &mut on_stage,
    )
    .map_err(|e| CliError::Data(format!("{}: {e}", display_name(&args.transactions))))?;
    timings.stages.extend(stage_times);
    timings.peaks.extend(stage_peaks);
    drop(ledger);

    let written = Instant::now();
    let mut out_file = match &args.out {
        Some(path) => {
            let mut file = AtomicFile::create(path).map_err(|e| CliError::io(path, e))?;
            write_scores(&scoring, file.writer().map_err(|e| CliError::io(path, e))?)
                .map_err(|e| CliError::io(path, e))?;
            Some(file)
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = BufWriter::with_capacity(1 << 20, stdout.lock());
            match write_scores(&scoring, &mut lock) {
                // A reader that stops early (`insight score … | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(CliError::Data(format!("standard output: {e}."))),
                Ok(()) => {}
            }
            None
        }
    };
    timings.add("write", written);

    if let Some(path) = &args.report {
        let mut report = serde_json::to_value(&scoring.report)
            .map_err(|e| CliError::Data(format!("the report could not be built: {e}.")))?;
        if let Some(map) = report.as_object_mut() {
            map.insert("timings_ms".to_owned(), timings.to_json());
            map.insert("peak_memory_mb".to_owned(), timings.peaks_json());
            map.insert(
                "skipped".to_owned(),
                serde_json::json!({
                    "interactions_of_unknown_customers": skipped_interactions,
                    "exits_of_unknown_customers": skipped_exits,
                }),
            );
        }
        let mut file = AtomicFile::create(path).map_err(|e| CliError::io(path, e))?;
        let writer = file.writer().map_err(|e| CliError::io(path, e))?;
        serde_json::to_writer_pretty(&mut *writer, &report)
            .map_err(|e| CliError::Data(format!("{}: {e}.", path.display())))?;
        writer.write_all(b"\n").map_err(|e| CliError::io(path, e))?;
        file.commit().map_err(|e| CliError::io(path, e))?;
    }
    if let (Some(file), Some(path)) = (out_file.take(), &args.out) {
        file.commit().map_err(|e| CliError::io(path, e))?;
    }
    for sentence in &scoring.report.diagnostics {
        eprintln!("note: {sentence}");
    }
    if skipped_interactions > 0 || skipped_exits > 0 {
        eprintln!(
            "note: skipped {skipped_interactions} interactions and {skipped_exits} exits of customers \
             without transactions."
        );
    }
    Ok(())
}
