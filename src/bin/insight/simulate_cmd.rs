//! `insight simulate`: writes a synthetic transactions CSV drawn from the BG/NBD + Gamma-Gamma
//! simulator of the engine (`customer_id,date,amount`, sorted by date).

use std::path::Path;

use chrono::Days;
use customer_insight::analytics::simulate::{simulate, SimulationOptions};

use crate::output::{AtomicFile, Line};
use crate::cli::CliError;

/// Simulates with `options` and writes the transactions to `out`.
pub fn run(options: &SimulationOptions, out: &Path) -> Result<(), CliError> {
    let sim = simulate(options).map_err(|e| CliError::Usage(e.to_string()))?;
    let mut file = AtomicFile::create(out).map_err(|e| CliError::io(out, e))?;
    let writer = file.writer().map_err(|e| CliError::io(out, e))?;

    // Dates repeat a lot: format each day of the window once.
    let days = (options.end - options.start).num_days().max(0) as usize + 1;
    let labels: Vec<[u8; 10]> = (0..days)
        .map(|d| {
            let date = options.start + Days::new(d as u64);
            let mut label = [b'0'; 10];
            label.copy_from_slice(date.format("%Y-%m-%d").to_string().as_bytes());
            label
        })
        .collect();

    let mut line = Line::new();
    line.raw(b"customer_id,date,amount\n");
    for t in &sim.transactions {
        let id = u64::from(t.customer) + 1;
        line.raw(b"C");
        let mut digits = itoa::Buffer::new();
        let s = digits.format(id);
        for _ in s.len()..7 {
            line.raw(b"0");
        }
        line.raw(s.as_bytes());
        line.comma();
        let day = (t.date - options.start).num_days() as usize;
        match labels.get(day) {
            Some(label) => line.raw(label),
            None => line.raw(t.date.format("%Y-%m-%d").to_string().as_bytes()),
        }
        line.comma();
        line.minor(t.amount_minor);
        line.end();
        if line.buf.len() > 1 << 16 {
            std::io::Write::write_all(writer, &line.buf).map_err(|e| CliError::io(out, e))?;
            line.buf.clear();
        }
    }
    std::io::Write::write_all(writer, &line.buf).map_err(|e| CliError::io(out, e))?;
    file.commit().map_err(|e| CliError::io(out, e))?;
    let alive = sim.customers.iter().filter(|c| c.alive).count();
    eprintln!(
        "wrote {} transactions of {} customers ({} still active) to {}; score them with --as-of {}",
        sim.transactions.len(),
        sim.customers.len(),
        alive,
        out.display(),
        options.end
    );
    Ok(())
}
