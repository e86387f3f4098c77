//! The Models page's data: frequency × recency heat maps of expected purchases and P(alive)
//! from the fitted BG/NBD parameters, and the calibration/holdout check (run on demand) with
//! Fader & Hardie's tracking plot and the holdout purchases by calibration frequency.

use super::rows::CustomerRow;
use crate::analytics::bg_nbd::{BgNbdData, BgNbdParams};
use crate::analytics::error::AnalyticsError;
use crate::analytics::fit::FitOptions;
use crate::analytics::group::RowGroups;
use crate::analytics::ledger::Ledger;
use crate::domain::day::{date_of_day, day_number};
use crate::analytics::model::{fit_model, FittedModel, ModelKind, RepeatModel};
use crate::analytics::score::{BgNbdReport, ModelReport, ScoreOptions, ScoreReport};
use crate::domain::{Settings, TimeUnit, TransactionKind};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Options of the frequency × recency matrices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelsOptions {
    /// Most rows and most columns of the matrices.
    pub grid: usize,
    /// The frequency axis runs to this quantile of the customers' frequencies (so that a few
    /// extreme buyers do not squeeze everyone else into one row); 1.0 = the largest, as
    /// `lifetimes` does.
    pub frequency_quantile: f64,
}

impl Default for ModelsOptions {
    fn default() -> Self {
        ModelsOptions {
            grid: 40,
            frequency_quantile: 0.99,
        }
    }
}

/// Expected purchases and P(alive) over a frequency × recency grid at one age T, like
/// `lifetimes`' `plot_frequency_recency_matrix` and `plot_probability_alive_matrix`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrequencyRecencyMatrix {
    /// The time unit of recency, T and the horizon.
    pub unit: TimeUnit,
    /// The age T of every cell: the largest T among the scored customers (periods).
    pub t: f64,
    /// The horizon of the expected purchases (periods): the run's prediction horizon.
    pub horizon: f64,
    /// Row values: repeat purchases (frequency), ascending from 0.
    pub frequencies: Vec<f64>,
    /// Column values: recency (periods), ascending from 0 to T.
    pub recencies: Vec<f64>,
    /// expected[i·columns + j]: expected purchases in the next `horizon` periods of a customer
    /// with frequencies[i] and recencies[j] at age T (BG/NBD conditional expectation).
    pub expected: Vec<f64>,
    /// p_alive[i·columns + j]: P(alive) of that customer.
    pub p_alive: Vec<f64>,
    /// customers[i·columns + j]: scored customers in that cell (frequency in [row value, next
    /// row value), the last row open-ended; recency rounded to the nearest column).
    pub customers: Vec<u32>,
}

/// The range of split dates the holdout check accepts, and a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HoldoutRange {
    /// Earliest split: the day after the first order.
    pub earliest: NaiveDate,
    /// Latest split: the day before the analysis date.
    pub latest: NaiveDate,
    /// A split leaving the last third of the history (at most a year) as the holdout.
    pub suggested: NaiveDate,
}

/// What the Models page shows without running anything more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelsView {
    /// The matrices; `None` when BG/NBD was not fitted (the report says why).
    pub matrix: Option<FrequencyRecencyMatrix>,
    /// Split dates for the holdout check; `None` when the history is too short for one.
    pub holdout: Option<HoldoutRange>,
}

/// Options of the holdout check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HoldoutOptions {
    /// Most points of the tracking series (weeks are merged when there are more).
    pub max_points: usize,
    /// Calibration frequencies shown one by one (0..n−1); the rest are one "n or more" bin.
    pub frequency_bins: u32,
    /// The fits' options.
    pub fit: FitOptions,
    /// Whether Pareto/NBD and MBG/NBD are fitted and compared beside BG/NBD (`models`,
    /// `best`). Off by default: Pareto/NBD's series can need millions of terms where its
    /// dropout heterogeneity vanishes (s and β running off together), so the browser's check
    /// keeps to BG/NBD until that fit has a bounded evaluation.
    pub compare: bool,
}

impl Default for HoldoutOptions {
    fn default() -> Self {
        HoldoutOptions {
            max_points: 400,
            frequency_bins: 7,
            fit: FitOptions::default(),
            compare: false,
        }
    }
}

/// One point of the tracking plot.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrackingPoint {
    /// The last day the point covers (the end of a week, or the analysis date).
    pub date: NaiveDate,
    /// Whether the day is in the calibration period (on or before the split).
    pub calibration: bool,
    /// Repeat purchases of the calibration customers up to and including `date`.
    pub actual: f64,
    /// What BG/NBD expects for them: Σ over first-purchase days d of (customers who first
    /// bought on d) × E[X(date − d)]; `None` without a fit.
    pub expected: Option<f64>,
}

/// Holdout purchases of the customers with one calibration frequency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FrequencyBin {
    /// Repeat purchases in the calibration period.
    pub frequency: u32,
    /// Whether this bin holds `frequency` or more.
    pub or_more: bool,
    /// Customers in the bin.
    pub customers: usize,
    /// Their mean purchases in the holdout period.
    pub actual: f64,
    /// Their mean conditional expected purchases over the holdout period; `None` without a fit.
    pub predicted: Option<f64>,
}

/// The calibration/holdout check of BG/NBD.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldoutCheck {
    /// Last day of the calibration period.
    pub split: NaiveDate,
    /// Last day of the holdout period (the analysis date).
    pub as_of: NaiveDate,
    /// Time unit of the fit.
    pub unit: TimeUnit,
    /// Customers with an order in the calibration period.
    pub calibration_customers: usize,
    /// Σ of their calibration frequencies.
    pub calibration_repeat_purchases: u64,
    /// Σ of their holdout purchases (distinct order days after the split).
    pub holdout_purchases: u64,
    /// Length of the holdout period (periods).
    pub holdout_periods: f64,
    /// The fit on the calibration period (`fitted` false when it failed).
    pub fit: BgNbdReport,
    /// Why the fit failed or cannot be trusted, and what to try; `None` when it converged.
    pub problem: Option<String>,
    /// Cumulative repeat purchases by week across calibration and holdout.
    pub tracking: Vec<TrackingPoint>,
    /// Mean holdout purchases, actual and predicted (BG/NBD), by calibration frequency 0, 1,
    /// …, n+.
    pub by_frequency: Vec<FrequencyBin>,
    /// Why no model was fitted: what the calibration period or the holdout lacks.
    pub insufficient: Option<Insufficient>,
    /// Every repeat-purchase model fitted on the same calibration summary, in
    /// `ModelKind::ALL` order (empty when `insufficient`).
    pub models: Vec<ModelCheck>,
    /// The model that predicts the holdout best (lowest per-customer error among those that
    /// converged); `None` without a fit.
    pub best: Option<ModelKind>,
}

/// Fewest customers with a repeat purchase in the calibration period for a comparison.
pub const MIN_REPEAT_CUSTOMERS: usize = 20;
/// Shortest calibration period (first order to split, days) for a comparison.
pub const MIN_CALIBRATION_DAYS: i32 = 90;
/// Shortest holdout period (split to analysis date, days) for a comparison.
pub const MIN_HOLDOUT_DAYS: i32 = 28;

/// What a calibration/holdout split lacks for the models to be fitted and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Insufficient {
    /// Too few customers bought again before the split.
    RepeatCustomers { have: usize, need: usize },
    /// The calibration period is too short.
    Calibration { days: i32, need: i32 },
    /// The holdout period is too short.
    Holdout { days: i32, need: i32 },
}

impl std::fmt::Display for Insufficient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Insufficient::RepeatCustomers { have, need } => write!(
                f,
                "Only {have} customers made repeat purchases before the split date; the models need at least {need} to learn from, so none was fitted: choose a later split date or import a longer history."
            ),
            Insufficient::Calibration { days, need } => write!(
                f,
                "The calibration period (first order to split date) is {days} days long; the models need at least {need} days of purchase history, so none was fitted: choose a later split date."
            ),
            Insufficient::Holdout { days, need } => write!(
                f,
                "The holdout period (split date to analysis date) is {days} days long; comparing predictions needs at least {need} days, so no model was fitted: choose an earlier split date."
            ),
        }
    }
}

/// How far one model's holdout predictions were from what happened.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HoldoutErrors {
    /// Mean absolute error of per-customer holdout purchases.
    pub mae: f64,
    /// Root mean square error of per-customer holdout purchases.
    pub rmse: f64,
    /// Σ of the predicted holdout purchases (compare `HoldoutCheck::holdout_purchases`).
    pub predicted: f64,
    /// Aggregate tracking error: the mean of |expected − actual| / actual cumulative repeat
    /// purchases over the holdout's tracking points (0.05 = 5%).
    pub tracking_error: f64,
}

/// One repeat-purchase model fitted on the calibration period and checked on the holdout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelCheck {
    /// Which model.
    pub kind: ModelKind,
    /// The fit (parameters, standard errors, LL, AIC, BIC, convergence); `None` when it failed.
    pub fit: Option<ModelReport>,
    /// Why it failed or cannot be trusted.
    pub problem: Option<String>,
    /// Its holdout errors; `None` without a fit.
    pub errors: Option<HoldoutErrors>,
    /// Expected cumulative repeat purchases at each point of `HoldoutCheck::tracking`.
    pub tracking: Vec<f64>,
    /// Mean predicted holdout purchases per bin of `HoldoutCheck::by_frequency`.
    pub by_frequency: Vec<f64>,
}

/// The models' page data from the run's report and the analysed table.
pub fn models_view(
    ledger: &Ledger,
    rows: &[CustomerRow],
    report: &ScoreReport,
    first_order: &[Option<i32>],
    options: &ScoreOptions,
    models: &ModelsOptions,
) -> ModelsView {
    let as_of = day_number(report.as_of);
    let earliest = first_order.iter().flatten().min().copied();
    let holdout = earliest.and_then(|first| holdout_range(first, as_of));
    let bg = &report.bg_nbd;
    let matrix = if bg.fitted && !ledger.is_empty() {
        BgNbdParams::new(bg.r, bg.alpha, bg.a, bg.b).ok().map(|p| {
            frequency_recency_matrix(&p, rows, report.unit, options.predict_periods(), models)
        })
    } else {
        None
    };
    ModelsView { matrix, holdout }
}

fn holdout_range(first: i32, as_of: i32) -> Option<HoldoutRange> {
    if as_of - first < 2 {
        return None;
    }
    let (earliest, latest) = (first + 1, as_of - 1);
    let holdout = ((as_of - first) / 3).clamp(1, 365);
    Some(HoldoutRange {
        earliest: date_of_day(earliest)?,
        latest: date_of_day(latest)?,
        suggested: date_of_day((as_of - holdout).clamp(earliest, latest))?,
    })
}

/// The `q` quantile (nearest rank) of the values.
fn quantile(mut values: Vec<u32>, q: f64) -> u32 {
    if values.is_empty() {
        return 0;
    }
    let k = ((values.len() as f64 * q.clamp(0.0, 1.0)).ceil() as usize).clamp(1, values.len()) - 1;
    *values.select_nth_unstable(k).1
}

/// The matrices over frequencies 0..F (F = the `frequency_quantile` of the scored customers'
/// frequencies, at least 1; evenly spaced integers when F + 1 exceeds the grid) and recencies
/// 0..T in `grid` even steps, at T = the largest scored T. Each cell: E[Y(horizon) | x, t_x, T]
/// and P(alive | x, t_x, T) (`BgNbdParams::expected_purchases`, `p_alive`).
pub fn frequency_recency_matrix(
    params: &BgNbdParams,
    rows: &[CustomerRow],
    unit: TimeUnit,
    horizon: f64,
    options: &ModelsOptions,
) -> FrequencyRecencyMatrix {
    let grid = options.grid.max(2);
    let scores = || rows.iter().filter_map(|r| r.scores.as_ref());
    let t = scores().map(|s| s.t).fold(0.0f64, f64::max);
    let top = quantile(
        scores().map(|s| s.frequency).collect(),
        options.frequency_quantile,
    )
    .max(1);
    let frequencies: Vec<f64> = if (top as usize) < grid {
        (0..=top).map(f64::from).collect()
    } else {
        let mut v: Vec<f64> = (0..grid)
            .map(|i| (f64::from(top) * i as f64 / (grid - 1) as f64).round())
            .collect();
        v.dedup();
        v
    };
    let columns = if t > 0.0 { grid } else { 1 };
    let recencies: Vec<f64> = (0..columns)
        .map(|j| {
            if columns > 1 {
                t * j as f64 / (columns - 1) as f64
            } else {
                0.0
            }
        })
        .collect();
    let cells = frequencies.len() * columns;
    let (mut expected, mut p_alive) = (Vec::with_capacity(cells), Vec::with_capacity(cells));
    for &x in &frequencies {
        let if_alive = params
            .expected_purchases_if_alive(horizon, x, t)
            .unwrap_or(0.0);
        for &rec in &recencies {
            let p = params.p_alive(x, rec, t);
            p_alive.push(p);
            expected.push((if_alive * p).max(0.0));
        }
    }
    let mut customers = vec![0u32; cells];
    for s in scores() {
        let x = f64::from(s.frequency);
        let row = frequencies.partition_point(|&f| f <= x).saturating_sub(1);
        let col = if t > 0.0 {
            ((s.recency / t) * (columns - 1) as f64).round() as usize
        } else {
            0
        };
        if let Some(slot) = customers.get_mut(row * columns + col.min(columns - 1)) {
            *slot += 1;
        }
    }
    FrequencyRecencyMatrix {
        unit,
        t,
        horizon,
        frequencies,
        recencies,
        expected,
        p_alive,
        customers,
    }
}

/// One calibration customer.
struct CalibrationCustomer {
    triple: u32,
    frequency: u32,
    holdout: u32,
}

/// The calibration/holdout check (Fader, Hardie & Lee 2005, section 5; `lifetimes`'
/// `calibration_and_holdout_data` semantics).
///
/// Orders in [window start, split] form the calibration summary of every customer with one:
/// frequency = distinct order days − 1, recency = last − first order day, T = split − first
/// order day (in the settings' time unit). The holdout purchases of each of them are the
/// distinct order days in (split, as_of]; the holdout lasts as_of − split days. BG/NBD is fitted
/// on the calibration summary as in scoring. Then:
/// - by calibration frequency 0 … n−1 and n+: the customers' mean holdout purchases and the
///   mean of E[Y(holdout) | x, t_x, T] (`lifetimes`'
///   `plot_calibration_purchases_vs_holdout_purchases`, with the tail bin added);
/// - the tracking series, at the end of every week from the first order (weeks merged to keep
///   at most `max_points`) and at as_of: the calibration customers' cumulative repeat purchases
///   (distinct order days after their first), against Σ_d n_d · E[X(τ − d)], where n_d counts
///   the customers whose first order is on day d and E[X(t)] = (a+b−1)/(a−1) ·
///   [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))] is the unconditional BG/NBD expectation
///   (FHL 2005, eq. 7). (`lifetimes`' `expected_cumulative_transactions` counts every customer,
///   those acquired in the holdout too; here actual and expected follow the same calibration
///   customers, as in FHL's figure 2.)
///
/// Errors when there is no order, or the split is not strictly between the first order and the
/// analysis date. A fit that fails or does not converge is not an error: `problem` says why and
/// what to try, and the predictions are left out (or shown, when the fit only did not converge).
pub fn holdout_check(
    ledger: &Ledger,
    settings: &Settings,
    split: NaiveDate,
    options: &HoldoutOptions,
) -> Result<HoldoutCheck, AnalyticsError> {
    // The holdout ends with the last order (only orders can be predicted).
    let as_of = crate::analytics::score::analysis_day(settings, ledger, &[])?;
    let start = settings.window.start.map_or(i32::MIN, day_number);
    let split_day = day_number(split);
    let unit = settings.time_unit;
    let per = unit.days();
    let as_of_date = date_of_day(as_of).ok_or(AnalyticsError::NoOrders)?;
    let (days, kinds) = (ledger.days(), ledger.kinds());
    let in_window =
        |r: usize| kinds[r] == TransactionKind::Order && days[r] >= start && days[r] <= as_of;
    let first = (0..ledger.len())
        .filter(|&r| in_window(r))
        .map(|r| days[r])
        .min()
        .ok_or(AnalyticsError::NoOrders)?;
    if split_day >= as_of {
        return Err(AnalyticsError::InvalidInput(format!(
            "The split date must be before the analysis date ({as_of_date}) so that there is a holdout period to compare the predictions with; choose an earlier split date."
        )));
    }
    if split_day <= first {
        let first_date = date_of_day(first).unwrap_or_default();
        return Err(AnalyticsError::InvalidInput(format!(
            "The split date must be after the first order ({first_date}) so that the calibration period holds purchases to learn from; choose a later split date."
        )));
    }

    // Per customer: distinct order days in the window, split at the split date.
    let span = (as_of - first) as usize + 1;
    let mut first_buyers = vec![0u32; span];
    let mut repeats = vec![0u32; span];
    let mut people: Vec<CalibrationCustomer> = Vec::new();
    let mut triples: FxHashMap<(u32, i32, i32), u32> = FxHashMap::default();
    let mut keys: Vec<(u32, i32, i32)> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    let groups = RowGroups::of(ledger);
    let mut buffer: Vec<i32> = Vec::new();
    for c in 0..groups.customers() {
        buffer.clear();
        buffer.extend(groups.rows(c).filter(|&r| in_window(r)).map(|r| days[r]));
        if buffer.is_empty() {
            continue;
        }
        buffer.sort_unstable();
        buffer.dedup();
        let f = buffer[0];
        if f > split_day {
            continue;
        }
        let calibration_days = buffer.partition_point(|&d| d <= split_day);
        let frequency = (calibration_days - 1) as u32;
        let recency = if frequency == 0 {
            0
        } else {
            buffer[calibration_days - 1] - f
        };
        let key = (frequency, recency, split_day - f);
        let next = keys.len() as u32;
        let triple = *triples.entry(key).or_insert(next);
        if triple == next {
            keys.push(key);
            weights.push(0.0);
        }
        weights[triple as usize] += 1.0;
        first_buyers[(f - first) as usize] += 1;
        for &d in &buffer[1..] {
            repeats[(d - first) as usize] += 1;
        }
        people.push(CalibrationCustomer {
            triple,
            frequency,
            holdout: (buffer.len() - calibration_days) as u32,
        });
    }
    drop((groups, triples));

    let data = BgNbdData::from_day_triples(
        keys.iter()
            .zip(&weights)
            .map(|(&(x, r, t), &w)| (x, r, t, w)),
        per,
    );
    let holdout_periods = f64::from(as_of - split_day) / per;
    let repeat_customers = people.iter().filter(|p| p.frequency > 0).count();
    let insufficient = sufficiency(repeat_customers, split_day - first, as_of - split_day);
    // Every model on the same calibration summary, unless the data cannot support a fit.
    let fits: Vec<(ModelKind, Result<FittedModel, AnalyticsError>)> = if insufficient.is_some() {
        Vec::new()
    } else {
        ModelKind::ALL
            .iter()
            .filter(|&&k| k == ModelKind::BgNbd || options.compare)
            .map(|&k| (k, fit_model(k, &data, &options.fit)))
            .collect()
    };
    let mut report = BgNbdReport {
        unique_triples: data.unique_triples(),
        ..BgNbdReport::default()
    };
    let mut problem = insufficient.as_ref().map(ToString::to_string);
    let mut bg: Option<RepeatModel> = None;
    match fits.iter().find(|(k, _)| *k == ModelKind::BgNbd).map(|(_, f)| f) {
        Some(Ok(f)) => {
            let [r, alpha, a, b] = f.model.params();
            report = BgNbdReport {
                r,
                alpha,
                a,
                b,
                log_likelihood: f.diagnostics.log_likelihood,
                converged: f.diagnostics.converged,
                iterations: f.diagnostics.iterations,
                fitted: true,
                unique_triples: data.unique_triples(),
                message: None,
            };
            if !f.diagnostics.converged {
                problem = Some(format!(
                    "The repeat-purchase model did not converge on the calibration period within {} iterations, so treat its predictions with care; try a later split date (a longer calibration period with more repeat purchases) or the weeks time unit.",
                    f.diagnostics.iterations
                ));
            }
            bg = Some(f.model);
        }
        Some(Err(e)) => problem = Some(fit_failure(e, &data)),
        None => {}
    }
    report.message = problem.clone();

    let bins = options.frequency_bins.max(1);
    let mut by_frequency: Vec<FrequencyBin> = (0..=bins)
        .map(|frequency| FrequencyBin {
            frequency,
            or_more: frequency == bins,
            customers: 0,
            actual: 0.0,
            predicted: None,
        })
        .collect();
    for p in &people {
        let bin = p.frequency.min(bins) as usize;
        by_frequency[bin].customers += 1;
        by_frequency[bin].actual += f64::from(p.holdout);
    }
    for b in by_frequency.iter_mut().filter(|b| b.customers > 0) {
        b.actual /= b.customers as f64;
    }
    let series = |model: Option<&RepeatModel>| {
        tracking_series(&first_buyers, &repeats, first, split_day, as_of, unit, model, options.max_points)
    };
    let tracking = series(bg.as_ref());

    // Each model's showing on the holdout.
    let models: Vec<ModelCheck> = fits
        .iter()
        .map(|(kind, fit)| match fit {
            Err(e) => ModelCheck {
                kind: *kind,
                fit: None,
                problem: Some(fit_failure(e, &data)),
                errors: None,
                tracking: Vec::new(),
                by_frequency: Vec::new(),
            },
            Ok(f) => {
                let predictions: Vec<f64> = keys
                    .iter()
                    .map(|&(x, r, t)| {
                        f.model.expected_purchases(
                            holdout_periods,
                            f64::from(x),
                            f64::from(r) / per,
                            f64::from(t) / per,
                        )
                    })
                    .collect();
                let mut sums = vec![0.0; by_frequency.len()];
                for p in &people {
                    sums[p.frequency.min(bins) as usize] += predictions[p.triple as usize];
                }
                let bin_means: Vec<f64> = sums
                    .iter()
                    .zip(&by_frequency)
                    .map(|(s, b)| if b.customers > 0 { s / b.customers as f64 } else { 0.0 })
                    .collect();
                let expected: Vec<f64> = series(Some(&f.model))
                    .iter()
                    .map(|p| p.expected.unwrap_or(0.0))
                    .collect();
                let errors = holdout_errors(&people, &predictions, &tracking, &expected);
                ModelCheck {
                    kind: *kind,
                    fit: Some(ModelReport::of(f)),
                    problem: (!f.diagnostics.converged).then(|| {
                        format!(
                            "{} did not converge within {} iterations; treat its figures with care.",
                            kind.label(),
                            f.diagnostics.iterations
                        )
                    }),
                    errors: Some(errors),
                    tracking: expected,
                    by_frequency: bin_means,
                }
            }
        })
        .collect();
    if let Some(bg_check) = models.iter().find(|m| m.kind == ModelKind::BgNbd && m.fit.is_some()) {
        for (b, p) in by_frequency.iter_mut().zip(&bg_check.by_frequency) {
            if b.customers > 0 {
                b.predicted = Some(*p);
            }
        }
    }
    let best = best_by_holdout(&models);

    Ok(HoldoutCheck {
        split,
        as_of: as_of_date,
        unit,
        calibration_customers: people.len(),
        calibration_repeat_purchases: people.iter().map(|p| u64::from(p.frequency)).sum(),
        holdout_purchases: people.iter().map(|p| u64::from(p.holdout)).sum(),
        holdout_periods,
        fit: report,
        problem,
        tracking,
        by_frequency,
        insufficient,
        models,
        best,
    })
}

/// The sentence for a fit that failed on the calibration period.
fn fit_failure(e: &AnalyticsError, data: &BgNbdData) -> String {
    match e {
        AnalyticsError::CannotFit { .. } if data.total_frequency() <= 0.0 => {
            "Nobody bought twice before the split date, so the repeat-purchase model has nothing to learn from; choose a later split date so that the calibration period holds repeat purchases.".to_string()
        }
        other => format!("{other} Choose a later split date so that the calibration period holds more purchase history."),
    }
}

/// Whether a calibration/holdout split can support a model comparison: `None` when it can,
/// otherwise what is missing (the first of: repeat customers, calibration length, holdout
/// length).
pub fn sufficiency(repeat_customers: usize, calibration_days: i32, holdout_days: i32) -> Option<Insufficient> {
    if repeat_customers < MIN_REPEAT_CUSTOMERS {
        Some(Insufficient::RepeatCustomers { have: repeat_customers, need: MIN_REPEAT_CUSTOMERS })
    } else if calibration_days < MIN_CALIBRATION_DAYS {
        Some(Insufficient::Calibration { days: calibration_days, need: MIN_CALIBRATION_DAYS })
    } else if holdout_days < MIN_HOLDOUT_DAYS {
        Some(Insufficient::Holdout { days: holdout_days, need: MIN_HOLDOUT_DAYS })
    } else {
        None
    }
}

/// The errors of one model's holdout predictions: per customer (mean absolute and root mean
/// square difference between predicted and actual holdout purchases) and in aggregate (the
/// mean absolute percentage gap between expected and actual cumulative repeat purchases at the
/// holdout's tracking points).
fn holdout_errors(
    people: &[CalibrationCustomer],
    predictions: &[f64],
    tracking: &[TrackingPoint],
    expected: &[f64],
) -> HoldoutErrors {
    let n = people.len().max(1) as f64;
    let (mut abs, mut sq, mut predicted) = (0.0, 0.0, 0.0);
    for p in people {
        let e = predictions[p.triple as usize];
        let d = e - f64::from(p.holdout);
        abs += d.abs();
        sq += d * d;
        predicted += e;
    }
    let gaps: Vec<f64> = tracking
        .iter()
        .zip(expected)
        .filter(|(t, _)| !t.calibration && t.actual > 0.0)
        .map(|(t, e)| (e - t.actual).abs() / t.actual)
        .collect();
    HoldoutErrors {
        mae: abs / n,
        rmse: (sq / n).sqrt(),
        predicted,
        tracking_error: if gaps.is_empty() { 0.0 } else { gaps.iter().sum::<f64>() / gaps.len() as f64 },
    }
}

/// The model with the lowest per-customer holdout error among those that converged (among
/// those fitted when none did).
fn best_by_holdout(models: &[ModelCheck]) -> Option<ModelKind> {
    let pick = |converged_only: bool| {
        models
            .iter()
            .filter(|m| m.fit.as_ref().is_some_and(|f| f.converged || !converged_only))
            .filter_map(|m| Some((m.kind, m.errors?.mae)))
            .filter(|(_, e)| e.is_finite())
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(k, _)| k)
    };
    pick(true).or_else(|| pick(false))
}

/// E[X(t)] for a new customer (FHL 2005, eq. 7): the conditional expectation with x = 0, T = 0.
pub fn unconditional_expected_purchases(params: &BgNbdParams, t: f64) -> Option<f64> {
    params.expected_purchases_if_alive(t, 0.0, 0.0)
}

/// The tracking series: per day arrays indexed from `first`.
#[allow(clippy::too_many_arguments)]
fn tracking_series(
    first_buyers: &[u32],
    repeats: &[u32],
    first: i32,
    split: i32,
    as_of: i32,
    unit: TimeUnit,
    model: Option<&RepeatModel>,
    max_points: usize,
) -> Vec<TrackingPoint> {
    let span = (as_of - first) as usize + 1;
    // E[X(k days)] for every whole number of days k the series needs.
    let curve: Option<Vec<f64>> = model.map(|m| {
        let mut previous = 0.0;
        (0..span)
            .map(|k| {
                let e = m.unconditional_expected_purchases(k as f64 / unit.days());
                let e = if e.is_finite() { e.max(previous) } else { previous };
                previous = e;
                e
            })
            .collect()
    });
    let weeks = span.div_ceil(7);
    let step = weeks.div_ceil(max_points.max(1)).max(1) * 7;
    let mut ends: Vec<i32> = (1..)
        .map(|i| first + (i * step) as i32 - 1)
        .take_while(|&d| d < as_of)
        .collect();
    ends.push(as_of);
    let last_cohort = (split - first) as usize;
    let mut cumulative = 0u64;
    let mut counted = 0usize;
    ends.iter()
        .filter_map(|&end| {
            let upto = (end - first) as usize;
            while counted <= upto {
                cumulative += u64::from(repeats[counted]);
                counted += 1;
            }
            let expected = curve.as_ref().map(|e| {
                (0..=upto.min(last_cohort))
                    .filter(|&d| first_buyers[d] > 0)
                    .map(|d| f64::from(first_buyers[d]) * e[upto - d])
                    .sum::<f64>()
            });
            Some(TrackingPoint {
                date: date_of_day(end)?,
                calibration: end <= split,
                actual: cumulative as f64,
                expected,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    fn ledger(rows: &[(&str, i32)]) -> Ledger {
        let mut b = Ledger::builder();
        for &(id, day) in rows {
            let c = b.customer(id);
            b.push_day(c, day, Money(1_000), None, TransactionKind::Order);
        }
        b.finish()
    }

    fn settings(as_of: i32) -> Settings {
        Settings {
            as_of: date_of_day(as_of),
            ..Settings::default()
        }
    }

    #[test]
    fn a_split_outside_the_history_is_refused_with_a_sentence() {
        let l = ledger(&[("a", 100), ("a", 120), ("b", 110)]);
        let at = |d: i32| {
            holdout_check(
                &l,
                &settings(200),
                date_of_day(d).unwrap(),
                &HoldoutOptions::default(),
            )
        };
        let late = at(200).unwrap_err().to_string();
        assert!(
            late.contains("before the analysis date") && late.contains("earlier split date"),
            "{late}"
        );
        let early = at(100).unwrap_err().to_string();
        assert!(
            early.contains("after the first order") && early.contains("later split date"),
            "{early}"
        );
    }

    #[test]
    fn without_repeat_purchases_before_the_split_the_check_says_what_to_try() {
        let l = ledger(&[("a", 100), ("b", 101), ("a", 150), ("b", 160)]);
        let check = holdout_check(
            &l,
            &settings(200),
            date_of_day(120).unwrap(),
            &HoldoutOptions::default(),
        )
        .unwrap();
        assert!(!check.fit.fitted);
        let problem = check.problem.unwrap();
        assert!(
            problem.contains("later split date") && problem.contains("repeat purchases"),
            "{problem}"
        );
        assert_eq!(
            (
                check.calibration_customers,
                check.calibration_repeat_purchases,
                check.holdout_purchases
            ),
            (2, 0, 2)
        );
        assert!(check.tracking.iter().all(|p| p.expected.is_none()));
        assert_eq!(check.tracking.last().unwrap().actual, 2.0);
        assert_eq!(check.by_frequency[0].customers, 2);
        assert!((check.by_frequency[0].actual - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_tracking_series_ends_at_the_analysis_date_with_every_repeat_purchase() {
        let mut rows = Vec::new();
        for c in 0..60 {
            let id = format!("C{c}");
            let first = c % 30;
            let gap = 5 + c % 17;
            let mut d = first;
            while d < 300 {
                rows.push((id.clone(), d));
                d += gap + (c % 3) * 10;
                if c % 7 == 0 && d > 150 {
                    break;
                }
            }
        }
        let refs: Vec<(&str, i32)> = rows.iter().map(|(i, d)| (i.as_str(), *d)).collect();
        let l = ledger(&refs);
        let check = holdout_check(
            &l,
            &settings(299),
            date_of_day(199).unwrap(),
            &HoldoutOptions::default(),
        )
        .unwrap();
        assert!(check.fit.fitted, "{:?}", check.problem);
        let last = check.tracking.last().unwrap();
        assert_eq!(last.date, date_of_day(299).unwrap());
        assert_eq!(
            last.actual as u64,
            check.calibration_repeat_purchases + check.holdout_purchases
        );
        let at_split = check.tracking.iter().rev().find(|p| p.calibration).unwrap();
        assert!(at_split.actual as u64 <= check.calibration_repeat_purchases);
        assert!(check
            .tracking
            .windows(2)
            .all(|w| w[0].actual <= w[1].actual && w[0].expected <= w[1].expected));
        assert_eq!(check.by_frequency.len(), 8);
        assert!(check.by_frequency[7].or_more);
        assert_eq!(
            check
                .by_frequency
                .iter()
                .map(|b| b.customers)
                .sum::<usize>(),
            60
        );
        assert!((check.holdout_periods - 100.0).abs() < 1e-12);
    }

    #[test]
    fn every_model_is_fitted_on_the_same_split_and_the_best_predicts_the_holdout_best() {
        let mut rows = Vec::new();
        for c in 0..60 {
            let id = format!("C{c}");
            let gap = 5 + c % 17;
            let mut d = c % 30;
            while d < 300 {
                rows.push((id.clone(), d));
                d += gap + (c % 3) * 10;
                if c % 7 == 0 && d > 150 {
                    break;
                }
            }
        }
        let refs: Vec<(&str, i32)> = rows.iter().map(|(i, d)| (i.as_str(), *d)).collect();
        let l = ledger(&refs);
        let options = HoldoutOptions { compare: true, ..HoldoutOptions::default() };
        let check = holdout_check(&l, &settings(299), date_of_day(199).unwrap(), &options).unwrap();
        assert!(check.insufficient.is_none());
        let kinds: Vec<ModelKind> = check.models.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, ModelKind::ALL.to_vec());
        for m in &check.models {
            let fit = m.fit.as_ref().unwrap_or_else(|| panic!("{:?}: {:?}", m.kind, m.problem));
            assert_eq!(fit.name, m.kind.name());
            let e = m.errors.expect("errors with a fit");
            assert!(e.mae.is_finite() && e.mae >= 0.0 && e.rmse >= e.mae - 1e-12, "{e:?}");
            assert!(e.tracking_error.is_finite() && e.predicted > 0.0, "{e:?}");
            assert_eq!(m.tracking.len(), check.tracking.len());
            assert_eq!(m.by_frequency.len(), check.by_frequency.len());
            assert!(fit.bic > fit.aic, "n = 60 > e² makes BIC's penalty the larger");
        }
        let best = check.best.expect("a best model");
        let mae = |k: ModelKind| check.models.iter().find(|m| m.kind == k).and_then(|m| m.errors).unwrap().mae;
        assert!(ModelKind::ALL.iter().all(|&k| mae(best) <= mae(k)));
        // The BG/NBD bins are the BG/NBD check's own.
        let bg = &check.models[0];
        for (b, p) in check.by_frequency.iter().zip(&bg.by_frequency) {
            if b.customers > 0 {
                assert_eq!(b.predicted, Some(*p));
            }
        }
    }

    #[test]
    fn a_split_without_enough_history_fits_nothing_and_says_what_is_missing() {
        let mut rows = Vec::new();
        for c in 0..40 {
            let id = format!("C{c}");
            for k in 0..6 {
                rows.push((id.clone(), c % 10 + k * 20));
            }
        }
        let refs: Vec<(&str, i32)> = rows.iter().map(|(i, d)| (i.as_str(), *d)).collect();
        let l = ledger(&refs);
        let at = |split: i32| holdout_check(&l, &settings(130), date_of_day(split).unwrap(), &HoldoutOptions::default()).unwrap();
        let short_calibration = at(60);
        assert_eq!(short_calibration.insufficient, Some(Insufficient::Calibration { days: 60, need: MIN_CALIBRATION_DAYS }));
        assert!(short_calibration.models.is_empty() && short_calibration.best.is_none() && !short_calibration.fit.fitted);
        let problem = short_calibration.problem.expect("a sentence");
        assert!(problem.contains("60 days") && problem.contains("later split date"), "{problem}");
        let short_holdout = at(110);
        assert_eq!(short_holdout.insufficient, Some(Insufficient::Holdout { days: 20, need: MIN_HOLDOUT_DAYS }));
        assert!(short_holdout.problem.expect("a sentence").contains("earlier split date"));
        assert_eq!(sufficiency(19, 400, 100), Some(Insufficient::RepeatCustomers { have: 19, need: 20 }));
        assert_eq!(sufficiency(20, 90, 28), None);
    }

    #[test]
    fn the_suggested_split_leaves_a_third_of_the_history_at_most_a_year() {
        let r = holdout_range(0, 300).unwrap();
        assert_eq!(day_number(r.suggested), 200);
        let long = holdout_range(0, 3_000).unwrap();
        assert_eq!(day_number(long.suggested), 3_000 - 365);
        assert!(holdout_range(0, 1).is_none());
    }
}
