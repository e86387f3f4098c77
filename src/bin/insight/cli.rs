//! The command line: its commands and arguments, and the one error a command returns (its
//! exit code).

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use customer_insight::analytics::simulate::{PurchaseTruth, SimulationOptions, SpendTruth};

/// Customer Insight on the command line: score a customer base from its transactions, or
/// simulate one.
#[derive(Debug, Parser)]
#[command(name = "insight", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score every customer: profit, RFM, P(alive), expected purchases, CLV, quadrants, tier.
    Score(ScoreArgs),
    /// Write a synthetic transactions CSV drawn from the BG/NBD + Gamma-Gamma model.
    Simulate(SimulateArgs),
    /// Fit a model to a summary of customer histories and print the fit as JSON.
    Fit(FitArgs),
}

/// The time unit of frequency/recency/T.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Unit {
    /// Days (lifetimes' freq "D").
    Days,
    /// Weeks as fractions of days / 7.
    Weeks,
}

/// A repeat-purchase model of continuous time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Model {
    /// BG/NBD (lifetimes' BetaGeoFitter).
    BgNbd,
    /// Pareto/NBD (lifetimes' ParetoNBDFitter).
    ParetoNbd,
    /// MBG/NBD (lifetimes' ModifiedBetaGeoFitter).
    MbgNbd,
}

impl Model {
    /// The engine's model.
    pub fn kind(self) -> customer_insight::analytics::model::ModelKind {
        use customer_insight::analytics::model::ModelKind;
        match self {
            Model::BgNbd => ModelKind::BgNbd,
            Model::ParetoNbd => ModelKind::ParetoNbd,
            Model::MbgNbd => ModelKind::MbgNbd,
        }
    }
}

/// A model fitted on a summary by `insight fit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FitModel {
    /// BG/BB, for discrete purchase opportunities (lifetimes' BetaGeoBetaBinomFitter).
    BgBb,
}

/// Arguments of `insight fit`.
#[derive(Debug, clap::Args)]
pub struct FitArgs {
    /// The model.
    #[arg(value_enum)]
    pub model: FitModel,
    /// A summary CSV with the columns frequency,recency,periods,weights (weights: how many
    /// customers share the row; optional, 1 by default), one row per history.
    #[arg(value_name = "SUMMARY.csv")]
    pub summary: PathBuf,
}

/// Arguments of `insight score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// Transactions CSV: customer_id,date,amount and optionally cost, kind (order/return),
    /// product, quantity.
    #[arg(value_name = "TRANSACTIONS.csv")]
    pub transactions: PathBuf,
    /// Interactions CSV: customer_id,date,kind[,cost].
    #[arg(long, value_name = "FILE")]
    pub interactions: Option<PathBuf>,
    /// Exits CSV: customer_id,date,reason.
    #[arg(long, value_name = "FILE")]
    pub exits: Option<PathBuf>,
    /// Analysis date (default: the latest transaction date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Time unit of frequency, recency and T.
    #[arg(long, value_enum, default_value = "days")]
    pub unit: Unit,
    /// CLV horizon in months.
    #[arg(long, value_name = "N", default_value_t = 12)]
    pub horizon_months: u32,
    /// Monthly discount rate, e.g. 0.01.
    #[arg(long, value_name = "R", conflicts_with = "annual_discount")]
    pub monthly_discount: Option<f64>,
    /// Annual discount rate (default 0.10; monthly = (1+R)^(1/12) − 1).
    #[arg(long, value_name = "R")]
    pub annual_discount: Option<f64>,
    /// Default gross margin rate for transactions without a cost (default 0.30).
    #[arg(long, value_name = "R")]
    pub margin: Option<f64>,
    /// Periods (in --unit) over which expected_purchases is predicted (default: the CLV
    /// horizon in periods).
    #[arg(long, value_name = "N")]
    pub predict_periods: Option<f64>,
    /// The repeat-purchase model that predicts P(alive), expected purchases and CLV
    /// (BG/NBD is fitted for the report's `bg_nbd` in any case).
    #[arg(long, value_enum, default_value = "bg-nbd")]
    pub model: Model,
    /// Per-customer CSV output (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// JSON report: model fits, counts, shares, churn figures and stage timings.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Print reading progress (rows read, rows/s) on stderr even when stderr is not a
    /// terminal. On a terminal it is always shown; either way it starts only after a
    /// quarter second of reading and updates at most four times a second.
    #[arg(long)]
    pub progress: bool,
}

/// Arguments of `insight simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// Number of customers.
    #[arg(long, value_name = "N")]
    pub customers: usize,
    /// Seed of the random generator.
    #[arg(long, value_name = "S", default_value_t = 42)]
    pub seed: u64,
    /// Output CSV (customer_id,date,amount).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// First acquisition day (default 2023-01-01).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub start: Option<NaiveDate>,
    /// Observation end: no purchase after it (default 2025-12-31).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub end: Option<NaiveDate>,
    /// Last acquisition day (default: --end).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub acquisition_end: Option<NaiveDate>,
    /// BG/NBD r (shape of purchase rates).
    #[arg(long)]
    pub r: Option<f64>,
    /// BG/NBD alpha (rate of purchase rates, per day).
    #[arg(long)]
    pub alpha: Option<f64>,
    /// BG/NBD a (drop-out Beta).
    #[arg(long)]
    pub a: Option<f64>,
    /// BG/NBD b (drop-out Beta).
    #[arg(long)]
    pub b: Option<f64>,
    /// Gamma-Gamma p.
    #[arg(long)]
    pub p: Option<f64>,
    /// Gamma-Gamma q.
    #[arg(long)]
    pub q: Option<f64>,
    /// Gamma-Gamma v.
    #[arg(long)]
    pub v: Option<f64>,
}

impl SimulateArgs {
    /// The simulator's options: the defaults with every given flag applied.
    pub fn options(&self) -> SimulationOptions {
        let d = SimulationOptions::default();
        SimulationOptions {
            customers: self.customers,
            seed: self.seed,
            start: self.start.unwrap_or(d.start),
            end: self.end.unwrap_or(d.end),
            acquisition_end: self.acquisition_end,
            purchase: PurchaseTruth {
                r: self.r.unwrap_or(d.purchase.r),
                alpha: self.alpha.unwrap_or(d.purchase.alpha),
                a: self.a.unwrap_or(d.purchase.a),
                b: self.b.unwrap_or(d.purchase.b),
            },
            spend: SpendTruth {
                p: self.p.unwrap_or(d.spend.p),
                q: self.q.unwrap_or(d.spend.q),
                v: self.v.unwrap_or(d.spend.v),
            },
        }
    }
}

/// Why a command failed; decides the exit code.
#[derive(Debug)]
pub enum CliError {
    /// The command line or a setting is wrong (exit 2).
    Usage(String),
    /// A data file is wrong, or the data cannot be scored (exit 1).
    Data(String),
}

impl CliError {
    /// An I/O failure on `path`.
    pub fn io(path: &Path, error: std::io::Error) -> CliError {
        CliError::Data(format!("{}: {error}.", path.display()))
    }

    pub(crate) fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Data(_) => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Data(m) => f.write_str(m),
        }
    }
}

/// Parses a `YYYY-MM-DD` command-line date.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date like 2025-12-31"))
}
