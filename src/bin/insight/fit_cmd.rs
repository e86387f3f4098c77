//! `insight fit bg-bb SUMMARY.csv`: fits BG/BB to a summary of discrete-time histories
//! (`frequency,recency,periods[,weights]`, as lifetimes' `BetaGeoBetaBinomFitter.fit` takes
//! them) and prints `alpha`, `beta`, `gamma`, `delta`, `log_likelihood` and
//! `standard_errors` as JSON on standard output.

use std::path::Path;

use customer_insight::analytics::bg_bb::{fit_bg_bb, BgBbData};
use customer_insight::analytics::fit::FitOptions;
use serde::Serialize;

use crate::cli::{CliError, FitArgs, FitModel};

#[derive(Serialize)]
struct BgBbJson {
    alpha: f64,
    beta: f64,
    gamma: f64,
    delta: f64,
    log_likelihood: f64,
    converged: bool,
    iterations: u32,
    customers: f64,
    /// `null` where the curvature is not positive definite (a boundary estimate).
    standard_errors: Option<StandardErrors>,
}

#[derive(Serialize)]
struct StandardErrors {
    alpha: f64,
    beta: f64,
    gamma: f64,
    delta: f64,
}

/// Runs `insight fit`.
pub fn run(args: &FitArgs) -> Result<(), CliError> {
    match args.model {
        FitModel::BgBb => {
            let data = read_summary(&args.summary)?;
            let fit = fit_bg_bb(&data, &FitOptions::default())
                .map_err(|e| CliError::Data(format!("{}: {e}", args.summary.display())))?;
            let p = fit.params;
            let json = BgBbJson {
                alpha: p.alpha,
                beta: p.beta,
                gamma: p.gamma,
                delta: p.delta,
                log_likelihood: fit.diagnostics.log_likelihood,
                converged: fit.diagnostics.converged,
                iterations: fit.diagnostics.iterations,
                customers: data.customers(),
                standard_errors: fit.standard_errors.map(|[alpha, beta, gamma, delta]| StandardErrors {
                    alpha,
                    beta,
                    gamma,
                    delta,
                }),
            };
            let text = serde_json::to_string_pretty(&json).map_err(|e| CliError::Data(e.to_string()))?;
            println!("{text}");
            Ok(())
        }
    }
}

/// Reads a BG/BB summary; every problem names the file, the row and the column.
fn read_summary(path: &Path) -> Result<BgBbData, CliError> {
    let file = std::fs::File::open(path).map_err(|e| CliError::io(path, e))?;
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(file);
    let at = |row: u64, column: &str, what: String| {
        CliError::Data(format!("{}, row {row}, column \"{column}\": {what}", path.display()))
    };
    let headers = reader
        .headers()
        .map_err(|e| CliError::Data(format!("{}: {e}", path.display())))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let needed = ["frequency", "recency", "periods"];
    let mut index = [0usize; 3];
    for (i, name) in needed.iter().enumerate() {
        index[i] = column(name).ok_or_else(|| {
            CliError::Data(format!(
                "{}: there is no column \"{name}\"; a BG/BB summary has the columns frequency,recency,periods and optionally weights.",
                path.display()
            ))
        })?;
    }
    let weights = column("weights");
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let row = n as u64 + 2;
        let record = record.map_err(|e| CliError::Data(format!("{}, row {row}: {e}", path.display())))?;
        let whole = |i: usize, name: &str| -> Result<u32, CliError> {
            let text = record.get(i).unwrap_or("");
            text.parse::<u32>()
                .map_err(|_| at(row, name, format!("\"{text}\" is not a whole number of 0 or more")))
        };
        let (x, tx, periods) = (whole(index[0], "frequency")?, whole(index[1], "recency")?, whole(index[2], "periods")?);
        if x > periods || tx > periods || (x > 0 && tx < x) || (x == 0 && tx != 0) {
            return Err(at(
                row,
                "frequency",
                format!("{x} purchases with the last in period {tx} of {periods} is not a possible history (frequency ≤ recency ≤ periods, recency 0 without purchases)"),
            ));
        }
        let w = match weights {
            Some(i) => {
                let text = record.get(i).unwrap_or("");
                match text.parse::<f64>() {
                    Ok(w) if w.is_finite() && w >= 0.0 => w,
                    _ => return Err(at(row, "weights", format!("\"{text}\" is not a count of customers"))),
                }
            }
            None => 1.0,
        };
        rows.push((x, tx, periods, w));
    }
    if rows.is_empty() {
        return Err(CliError::Data(format!("{}: the summary has no rows.", path.display())));
    }
    Ok(BgBbData::new(rows))
}
