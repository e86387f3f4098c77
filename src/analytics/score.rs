//! The one-call scoring pipeline the CLI and the browser worker share: summary, profit, both
//! models, predictions, classifications and churn figures for every customer.

use super::bg_nbd::BgNbdData;
use super::model::{fit_model, FittedModel, ModelKind, RepeatModel};
use super::churn::{date_or_epoch, earliest_exits, exit_reasons, ReasonLoss, ReasonShare};
use super::clv::{self, ClvOptions};
use super::error::AnalyticsError;
use super::fit::FitOptions;
use super::gamma_gamma::{fit_gamma_gamma, GammaGammaData, GammaGammaParams};
use super::group::RowGroups;
use super::ledger::{ExitInput, InteractionInput, Ledger};
use crate::domain::day::{date_of_day, day_number};
use crate::domain::ids::IdTable;
use super::profit::{interaction_costs_per_customer, ProfitAccumulator};
use super::pyramid::{pyramid, PyramidCounts};
use super::quadrants::{current_quadrant, future_quadrant, threshold_value};
use super::rfm::{quintiles, segment, RfmScore};
use super::summary::{summarize_days, DaySummary};
use super::whale::{top20_share, whale_summary, WhalePoint};
use crate::domain::{
    CurrentQuadrant, FutureQuadrant, Money, PyramidBasis, RfmSegment, SettingIssue, Settings, Tier,
    TimeUnit, TransactionKind,
};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The model knobs of a scoring run. Build from the workspace settings with
/// `ScoreOptions::from_settings`; `score` takes these values and ignores the same-named
/// settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreOptions {
    /// Unit of recency, T and the models (days or weeks).
    pub unit: TimeUnit,
    /// CLV horizon in months.
    pub horizon_months: u32,
    /// Monthly discount rate.
    pub monthly_discount: f64,
    /// Margin rate for transactions without a cost, and for future profit when revenue ≤ 0.
    pub default_margin: f64,
    /// Horizon of `expected_purchases`, in periods; `None` = the CLV horizon in periods
    /// (months × 30 days or × 4.345 weeks).
    pub predict_periods: Option<f64>,
    /// The repeat-purchase model that predicts (BG/NBD unless chosen otherwise).
    #[serde(default)]
    pub model: ModelKind,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions::from_settings(&Settings::default())
    }
}

impl ScoreOptions {
    /// The options the workspace settings imply.
    pub fn from_settings(settings: &Settings) -> ScoreOptions {
        ScoreOptions {
            unit: settings.time_unit,
            horizon_months: settings.clv_horizon_months,
            monthly_discount: settings.monthly_discount_rate(),
            default_margin: settings.default_margin,
            predict_periods: None,
            model: ModelKind::default(),
        }
    }

    /// The horizon of `expected_purchases` in periods.
    pub fn predict_periods(&self) -> f64 {
        self.predict_periods
            .unwrap_or(f64::from(self.horizon_months) * self.unit.periods_per_month())
    }

    /// Every problem with these options; empty when usable.
    pub fn validate(&self) -> Vec<SettingIssue> {
        let mut issues = Vec::new();
        if !(1..=120).contains(&self.horizon_months) {
            issues.push(SettingIssue {
                field: "horizon_months",
                message: "The CLV horizon must be between 1 and 120 months.".into(),
            });
        }
        if !(self.monthly_discount.is_finite() && (0.0..1.0).contains(&self.monthly_discount)) {
            issues.push(SettingIssue {
                field: "monthly_discount",
                message: "The monthly discount rate must be at least 0% and below 100%.".into(),
            });
        }
        if !(self.default_margin.is_finite() && (0.0..=1.0).contains(&self.default_margin)) {
            issues.push(SettingIssue {
                field: "default_margin",
                message: "The default margin must be between 0% and 100%.".into(),
            });
        }
        if let Some(p) = self.predict_periods {
            if !(p.is_finite() && p >= 0.0) {
                issues.push(SettingIssue {
                    field: "predict_periods",
                    message: "The prediction horizon must be zero or a positive number of periods."
                        .into(),
                });
            }
        }
        issues
    }
}

/// The pipeline's stages, announced to `on_stage` as each begins (`Done` at the end), so the
/// caller can time them or show progress; pure code never reads a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Grouping rows, RFM summary and current profit.
    Summarise,
    /// Fitting BG/NBD.
    FitBgNbd,
    /// Fitting Gamma-Gamma.
    FitGammaGamma,
    /// P(alive), expected purchases, order values, CLV and future profit.
    Predict,
    /// Quadrants, pyramid, RFM segments, whale curve and churn figures.
    Classify,
    /// Finished.
    Done,
}

impl Stage {
    /// Stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Summarise => "summarise",
            Stage::FitBgNbd => "fit_bg_nbd",
            Stage::FitGammaGamma => "fit_gamma_gamma",
            Stage::Predict => "predict",
            Stage::Classify => "classify",
            Stage::Done => "done",
        }
    }
}

/// One scored customer: exactly the columns of the CLI's output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerScore {
    /// The customer's id.
    pub customer_id: String,
    /// Order transactions in the window.
    pub orders: u32,
    /// Σ orders − Σ returns.
    pub revenue: Money,
    /// revenue − cost of goods.
    pub gross_margin: Money,
    /// orders × cost per order + interaction costs.
    pub cost_to_serve: Money,
    /// gross_margin − cost_to_serve.
    pub profit: Money,
    /// Repeat purchase periods.
    pub frequency: u32,
    /// Periods between first and last purchase.
    pub recency: f64,
    /// Periods between first purchase and the analysis date.
    #[serde(rename = "T")]
    pub t: f64,
    /// Mean repeat-purchase value (currency units).
    pub monetary_value: f64,
    /// Probability the customer is still active.
    pub p_alive: f64,
    /// Expected purchases over the prediction horizon.
    pub expected_purchases: f64,
    /// Gamma-Gamma expected order value (currency units).
    pub expected_order_value: f64,
    /// Discounted revenue over the CLV horizon (currency units), ≥ 0.
    pub clv: f64,
    /// Discounted profit over the CLV horizon (currency units).
    pub future_profit: f64,
    /// Current profitability quadrant.
    pub current_quadrant: CurrentQuadrant,
    /// Future profitability quadrant.
    pub future_quadrant: FutureQuadrant,
    /// Pyramid tier.
    pub tier: Tier,
    /// RFM segment.
    pub rfm_segment: RfmSegment,
    /// RFM quintile scores 1–5 (recency, frequency, monetary value; 5 best).
    pub rfm: RfmScore,
    /// The day the next order is expected (see `next_order`); `None` when the customer has
    /// probably lapsed, has exited, or no model was fitted.
    pub expected_next_order: Option<NaiveDate>,
}

/// The BG/NBD part of the report. Parameters are 0 when `fitted` is false.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct BgNbdReport {
    /// r.
    pub r: f64,
    /// α (in the run's time unit).
    pub alpha: f64,
    /// a.
    pub a: f64,
    /// b.
    pub b: f64,
    /// Full-sum log-likelihood.
    pub log_likelihood: f64,
    /// Whether the optimiser converged.
    pub converged: bool,
    /// Optimiser iterations.
    pub iterations: u32,
    /// Whether parameters were estimated at all (else the fallback was used).
    pub fitted: bool,
    /// Unique (frequency, recency, T) triples the likelihood was computed on.
    pub unique_triples: usize,
    /// Why the model was not fitted or not trusted, for the UI.
    pub message: Option<String>,
}

/// One fitted repeat-purchase model, as the report carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelReport {
    /// `bg-nbd`, `pareto-nbd` or `mbg-nbd`.
    pub name: String,
    /// The parameters by name (α and β in the run's time unit).
    pub params: std::collections::BTreeMap<String, f64>,
    /// Their standard errors by name (empty where undefined, at a boundary estimate).
    pub standard_errors: std::collections::BTreeMap<String, f64>,
    /// Full-sum log-likelihood.
    pub log_likelihood: f64,
    /// 2k − 2 LL.
    pub aic: f64,
    /// k ln n − 2 LL.
    pub bic: f64,
    /// Whether the optimiser converged.
    pub converged: bool,
    /// Optimiser iterations.
    pub iterations: u32,
}

impl ModelReport {
    /// The report of a fit.
    pub fn of(fit: &FittedModel) -> ModelReport {
        let names = fit.model.kind().parameter_names();
        let params = fit.model.params();
        ModelReport {
            name: fit.model.kind().name().to_string(),
            params: names.iter().zip(params).map(|(n, v)| (n.to_string(), v)).collect(),
            standard_errors: fit
                .standard_errors
                .map(|se| names.iter().zip(se).map(|(n, v)| (n.to_string(), v)).collect())
                .unwrap_or_default(),
            log_likelihood: fit.diagnostics.log_likelihood,
            aic: fit.aic(),
            bic: fit.bic(),
            converged: fit.diagnostics.converged,
            iterations: fit.diagnostics.iterations,
        }
    }
}

/// The Gamma-Gamma part of the report. Parameters are 0 when `fitted` is false.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct GammaGammaReport {
    /// p.
    pub p: f64,
    /// q.
    pub q: f64,
    /// v.
    pub v: f64,
    /// Full-sum log-likelihood.
    pub log_likelihood: f64,
    /// Whether the optimiser converged.
    pub converged: bool,
    /// Optimiser iterations.
    pub iterations: u32,
    /// Whether parameters were estimated at all.
    pub fitted: bool,
    /// Repeat customers used in the fit.
    pub customers: usize,
    /// Why the model was not fitted or not trusted, for the UI.
    pub message: Option<String>,
}

/// Customers per current quadrant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CurrentQuadrantCounts {
    /// most_profitable.
    pub most_profitable: usize,
    /// profitable_high_cost.
    pub profitable_high_cost: usize,
    /// profitable_low_margin.
    pub profitable_low_margin: usize,
    /// least_profitable.
    pub least_profitable: usize,
}

/// Customers per future quadrant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FutureQuadrantCounts {
    /// best.
    pub best: usize,
    /// invest.
    pub invest: usize,
    /// retain.
    pub retain: usize,
    /// worst.
    pub worst: usize,
}

/// Churn figures over the 365 days up to the analysis date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ChurnReport {
    /// First day of the period (as_of − 364 days).
    pub period_start: Option<NaiveDate>,
    /// Scored customers whose first order is before the period and who had not exited before it.
    pub active_at_start: usize,
    /// Exits recorded in the period (scored customers only).
    pub exits: usize,
    /// exits / active_at_start.
    pub churn_rate: f64,
    /// Customers without a recorded exit whose p_alive is below the at-risk threshold.
    pub at_risk: usize,
    /// Σ of the exited customers' profit in the 12 months before their exit (currency units).
    pub lost_profit_one_year: f64,
    /// Σ of the exited customers' future profit computed at their exit date (currency units).
    pub lost_lifetime_value: f64,
    /// Exit reasons in the period.
    pub reasons: Vec<ReasonShare>,
    /// Σ of the exited customers' revenue in the 12 months before their exit (currency units).
    pub lost_revenue_one_year: f64,
    /// Customers lost in the period with an order history before their exit (the customers the
    /// lost figures sum over).
    pub lost_customers: usize,
    /// The lost figures per reason of each customer's earliest exit, in `ExitReason::ALL` order;
    /// they sum to the totals above.
    pub losses: Vec<ReasonLoss>,
}

/// Everything about a run that is not per customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreReport {
    /// The analysis date used.
    pub as_of: NaiveDate,
    /// The time unit used.
    pub unit: TimeUnit,
    /// Customers scored (at least one order in the window).
    pub customers: usize,
    /// Customers in the ledger without an order in the window (not scored).
    pub customers_without_orders: usize,
    /// Transaction rows inside the window.
    pub transactions_in_window: usize,
    /// BG/NBD fit.
    pub bg_nbd: BgNbdReport,
    /// Every repeat-purchase model fitted, whole (the chosen one among them).
    #[serde(default)]
    pub models: Vec<ModelReport>,
    /// The model whose predictions the scores carry (`bg-nbd`, `pareto-nbd`, `mbg-nbd`), or
    /// `none` when no model could be fitted (the fallback predicts).
    #[serde(default)]
    pub chosen_model: String,
    /// Gamma-Gamma fit.
    pub gamma_gamma: GammaGammaReport,
    /// Customers per pyramid tier.
    pub pyramid: PyramidCounts,
    /// Share of revenue from the top floor(0.2·N) customers by revenue.
    pub top20_revenue_share: f64,
    /// Share of profit from the top floor(0.2·N) customers by profit.
    pub top20_profit_share: f64,
    /// The whale curve's peak (customer share, profit share).
    pub whale_peak: WhalePoint,
    /// Customers per current quadrant.
    pub current_quadrants: CurrentQuadrantCounts,
    /// Customers per future quadrant.
    pub future_quadrants: FutureQuadrantCounts,
    /// Churn figures.
    pub churn: ChurnReport,
    /// Σ CLV (currency units).
    pub total_clv: f64,
    /// Σ future profit (currency units).
    pub total_future_profit: f64,
    /// Sentences for the UI: fallbacks used, data left out.
    pub diagnostics: Vec<String>,
}

/// Compact per-customer row kept by `Scoring` (about 70 bytes a customer).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Row {
    customer: u32,
    orders: u32,
    revenue: i64,
    gross_margin: i64,
    cost_to_serve: i64,
    frequency: u32,
    recency_days: i32,
    t_days: i32,
    triple: u32,
    monetary: f64,
    current: CurrentQuadrant,
    future: FutureQuadrant,
    tier: Tier,
    segment: RfmSegment,
    rfm: RfmScore,
}

/// Per unique (frequency, recency, T) triple: p_alive, expected purchases and discounted
/// purchases (the CLV multiplier).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct TriplePrediction {
    p_alive: f64,
    expected: f64,
    discounted: f64,
    /// Purchases per period while alive (0 when not known: no model, or exited).
    rate: f64,
}

/// The result of `score`: one `CustomerScore` per scored customer (materialised on demand from
/// compact columns) and the report.
#[derive(Debug, Clone)]
pub struct Scoring {
    /// Run-level figures.
    pub report: ScoreReport,
    ids: IdTable,
    rows: Vec<Row>,
    triples: Vec<TriplePrediction>,
    order_value: OrderValue,
    unit_days: f64,
    default_margin: f64,
    /// P(alive) below which no next order is expected (the at-risk threshold).
    at_risk_p_alive: f64,
}

impl Scoring {
    /// Customers scored.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no customer was scored.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The ledger customer index of scored customer `i`.
    pub fn customer_index(&self, i: usize) -> Option<u32> {
        self.rows.get(i).map(|r| r.customer)
    }

    /// Scored customer `i` (in ledger customer-index order).
    pub fn get(&self, i: usize) -> Option<CustomerScore> {
        let mut score = self.get_unnamed(i)?;
        score.customer_id = self.ids.get(self.rows[i].customer).to_string();
        Some(score)
    }

    /// Scored customer `i` with an empty `customer_id` (no allocation); its ledger customer
    /// index is `customer_index(i)`. For callers that key customers by index.
    pub fn get_unnamed(&self, i: usize) -> Option<CustomerScore> {
        let r = self.rows.get(i)?;
        let t = self
            .triples
            .get(r.triple as usize)
            .copied()
            .unwrap_or_default();
        let (clv, future_profit) = row_values(r, &t, &self.order_value, self.default_margin);
        Some(CustomerScore {
            customer_id: String::new(),
            orders: r.orders,
            revenue: Money(r.revenue),
            gross_margin: Money(r.gross_margin),
            cost_to_serve: Money(r.cost_to_serve),
            profit: Money(r.gross_margin.saturating_sub(r.cost_to_serve)),
            frequency: r.frequency,
            recency: f64::from(r.recency_days) / self.unit_days,
            t: f64::from(r.t_days) / self.unit_days,
            monetary_value: r.monetary,
            p_alive: t.p_alive,
            expected_purchases: t.expected,
            expected_order_value: self.order_value.of(r.frequency, r.monetary),
            clv,
            future_profit,
            current_quadrant: r.current,
            future_quadrant: r.future,
            tier: r.tier,
            rfm_segment: r.segment,
            rfm: r.rfm,
            expected_next_order: next_order(
                self.report.as_of - chrono::Duration::days(i64::from(r.t_days - r.recency_days)),
                &t,
                self.unit_days,
                self.at_risk_p_alive,
            ),
        })
    }

    /// All scored customers, in ledger customer-index order.
    pub fn iter(&self) -> impl Iterator<Item = CustomerScore> + '_ {
        (0..self.rows.len()).filter_map(move |i| self.get(i))
    }

    /// All scored customers as a vector (for serialising to the UI).
    pub fn to_vec(&self) -> Vec<CustomerScore> {
        self.iter().collect()
    }
}

/// The expected order value rule: Gamma-Gamma when fitted, else the customer's own mean repeat
/// order, else the average order value. Kept instead of a per-customer column (8 MB a million).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OrderValue {
    gg: Option<GammaGammaParams>,
    /// Σ order amounts / number of orders in the window (currency units).
    average: f64,
}

impl OrderValue {
    fn of(&self, frequency: u32, monetary: f64) -> f64 {
        let value = match &self.gg {
            Some(g) => g.expected_order_value(f64::from(frequency), monetary, self.average),
            None if frequency > 0 && monetary > 0.0 => monetary,
            None => self.average,
        };
        if value.is_finite() {
            value.max(0.0)
        } else {
            self.average
        }
    }
}

/// (clv, future_profit) of a row.
fn row_values(
    r: &Row,
    t: &TriplePrediction,
    value: &OrderValue,
    default_margin: f64,
) -> (f64, f64) {
    let margin = if r.revenue > 0 {
        r.gross_margin as f64 / r.revenue as f64
    } else {
        default_margin
    };
    let cost_per_order = if r.orders > 0 {
        r.cost_to_serve as f64 / 100.0 / f64::from(r.orders)
    } else {
        0.0
    };
    let order_value = value.of(r.frequency, r.monetary);
    (
        clv::clv(order_value, t.discounted),
        clv::future_profit(order_value, margin, cost_per_order, t.discounted),
    )
}

/// An exited customer's figures, gathered during the summary pass.
struct ExitedCustomer {
    exit_day: i32,
    profit_one_year: i64,
    revenue_one_year: i64,
    at_exit: Option<DaySummary>,
    margin: f64,
    cost_per_order: f64,
}

/// Scores every customer with at least one order in the analysis window.
///
/// Steps (METRICS.md throughout): group rows by customer; per customer the current figures
/// (revenue, cost of goods, gross margin, cost to serve, profit) and the RFM summary; fit
/// BG/NBD on unique (frequency, recency, T) triples and Gamma-Gamma on repeat customers;
/// predict P(alive), expected purchases, expected order value, CLV and future profit (cached per
/// unique triple); classify (quadrants, pyramid, RFM segment); whale curve, top-20% shares and
/// churn figures.
///
/// Models that cannot be fitted do not fail the run: the report says why and the documented
/// fallbacks apply (BG/NBD: P(alive) 1 and the customer's historic repeat rate x/T per period;
/// Gamma-Gamma: the customer's own mean repeat-order value, or the average order value).
///
/// Errors: invalid settings or options, column length mismatches, no order in the window.
pub fn score(
    ledger: &Ledger,
    interactions: &InteractionInput,
    exits: &ExitInput,
    settings: &Settings,
    options: &ScoreOptions,
    on_stage: &mut dyn FnMut(Stage),
) -> Result<Scoring, AnalyticsError> {
    let mut issues = settings.validate();
    issues.extend(options.validate());
    if !issues.is_empty() {
        return Err(AnalyticsError::InvalidSettings(issues));
    }
    interactions.check()?;
    exits.check()?;
    let as_of = analysis_day(settings, ledger, &[&interactions.day, &exits.day])?;
    let window_start = settings.window.start.map(day_number);
    let start = window_start.unwrap_or(i32::MIN);
    let unit = options.unit;
    let mut diagnostics = Vec::new();

    // ---- Summarise ----
    on_stage(Stage::Summarise);
    let n_customers = ledger.customer_count();
    // Interaction costs per customer; not allocated at all when there are no interactions.
    let serve = if interactions.is_empty() {
        Vec::new()
    } else {
        interaction_costs_per_customer(
            interactions,
            n_customers,
            as_of,
            window_start,
            &settings.interaction_costs,
        )
    };
    let first_exit = earliest_exits(exits, n_customers);
    let churn_start = as_of - 364;
    let (accs, totals) = match accumulate_in_day_order(ledger, start, as_of, options.default_margin)
    {
        Some(result) => result,
        None => accumulate_grouped(ledger, start, as_of, options.default_margin),
    };
    let exited = exited_customers(
        ledger,
        &first_exit,
        start,
        churn_start,
        as_of,
        settings.cost_per_order,
        options.default_margin,
    );
    let transactions_in_window = totals.rows_in_window;
    let total_order_amount = totals.order_amount as f64 / 100.0;
    let total_orders = totals.orders;
    let mut rows: Vec<Row> = Vec::with_capacity(accs.iter().filter(|a| a.has_orders()).count());
    for (c, acc) in accs.iter().enumerate() {
        if !acc.has_orders() {
            continue;
        }
        let profit = acc.profit.finish(
            c as u32,
            settings.cost_per_order,
            serve.get(c).copied().unwrap_or(0),
        );
        let frequency = acc.frequency;
        rows.push(Row {
            customer: c as u32,
            orders: profit.orders,
            revenue: profit.revenue.minor(),
            gross_margin: profit.gross_margin.minor(),
            cost_to_serve: profit.cost_to_serve.minor(),
            frequency,
            recency_days: if frequency == 0 {
                0
            } else {
                acc.last_day - acc.first_day
            },
            t_days: as_of - acc.first_day,
            triple: 0,
            monetary: if frequency == 0 {
                0.0
            } else {
                acc.repeat_amount as f64 / 100.0 / f64::from(frequency)
            },
            current: CurrentQuadrant::LeastProfitable,
            future: FutureQuadrant::Worst,
            tier: Tier::Lead,
            segment: RfmSegment::Hibernating,
            rfm: RfmScore { r: 1, f: 1, m: 1 },
        });
    }
    drop(accs);
    drop(serve);
    if rows.is_empty() {
        return Err(AnalyticsError::NoOrders);
    }
    let customers_without_orders = n_customers - rows.len();
    if customers_without_orders > 0 {
        diagnostics.push(format!(
            "{customers_without_orders} customers have no order in the analysis window and are not scored."
        ));
    }
    let average_order_value = if total_orders > 0 {
        (total_order_amount / total_orders as f64).max(0.0)
    } else {
        0.0
    };

    // ---- BG/NBD ----
    on_stage(Stage::FitBgNbd);
    let (data, triple_keys) = compress(&mut rows, unit);
    // BG/NBD is always fitted (the report's `bg_nbd`); another chosen model beside it.
    let fit = fit_model(ModelKind::BgNbd, &data, &FitOptions::default());
    let chosen_fit = match options.model {
        ModelKind::BgNbd => None,
        other => Some(fit_model(other, &data, &FitOptions::default())),
    };
    let unique_triples = data.unique_triples();
    drop(data);
    let mut bg_report = BgNbdReport {
        unique_triples,
        ..BgNbdReport::default()
    };
    let mut models = Vec::new();
    let not_converged = |label: &str| {
        format!("The repeat-purchase model ({label}) did not fully converge on these data; its predictions are shown but treat them with care (more customers or a longer history help).")
    };
    let bg_model: Option<RepeatModel> = match &fit {
        Ok(f) => {
            let [r, alpha, a, b] = f.model.params();
            bg_report = BgNbdReport {
                r,
                alpha,
                a,
                b,
                log_likelihood: f.diagnostics.log_likelihood,
                converged: f.diagnostics.converged,
                iterations: f.diagnostics.iterations,
                fitted: true,
                unique_triples,
                message: None,
            };
            models.push(ModelReport::of(f));
            if !f.diagnostics.converged {
                let m = not_converged("BG/NBD");
                if options.model == ModelKind::BgNbd {
                    diagnostics.push(m.clone());
                }
                bg_report.message = Some(m);
            }
            Some(f.model)
        }
        Err(e) => {
            let m = format!("{e} Until then P(alive) is shown as 1 and expected purchases follow each customer's past repeat rate.");
            if options.model == ModelKind::BgNbd {
                diagnostics.push(m.clone());
            }
            bg_report.message = Some(m);
            None
        }
    };
    let bg: Option<RepeatModel> = match chosen_fit {
        None => bg_model,
        Some(Ok(f)) => {
            models.push(ModelReport::of(&f));
            if !f.diagnostics.converged {
                diagnostics.push(not_converged(options.model.label()));
            }
            Some(f.model)
        }
        Some(Err(e)) => {
            diagnostics.push(format!("{e} Until then P(alive) is shown as 1 and expected purchases follow each customer's past repeat rate."));
            None
        }
    };
    let chosen_model = bg.map_or("none", |m| m.kind().name()).to_string();

    // ---- Gamma-Gamma ----
    on_stage(Stage::FitGammaGamma);
    let gg_data = GammaGammaData::new(rows.iter().map(|r| (r.frequency, r.monetary)));
    if gg_data.skipped() > 0 {
        diagnostics.push(format!(
            "{} repeat customers have a zero or negative average order and are left out of the spend model.",
            gg_data.skipped()
        ));
    }
    let gg_fit = fit_gamma_gamma(&gg_data, &FitOptions::default());
    let mut gg_report = GammaGammaReport {
        customers: gg_data.len(),
        ..GammaGammaReport::default()
    };
    let gg: Option<GammaGammaParams> = match &gg_fit {
        Ok(f) => {
            gg_report = GammaGammaReport {
                p: f.params.p,
                q: f.params.q,
                v: f.params.v,
                log_likelihood: f.diagnostics.log_likelihood,
                converged: f.diagnostics.converged,
                iterations: f.diagnostics.iterations,
                fitted: true,
                customers: gg_data.len(),
                message: None,
            };
            if !f.diagnostics.converged {
                let m = "The spend model did not fully converge; expected order values are shown but treat them with care.".to_string();
                diagnostics.push(m.clone());
                gg_report.message = Some(m);
            } else if f.params.q <= 1.0 {
                let m = "The spend model has no finite population mean (q ≤ 1); customers without repeat purchases get the average order value.".to_string();
                diagnostics.push(m.clone());
                gg_report.message = Some(m);
            }
            Some(f.params)
        }
        Err(e) => {
            let m = e.to_string();
            diagnostics.push(m.clone());
            gg_report.message = Some(m);
            None
        }
    };
    drop(gg_data);

    // ---- Predict ----
    on_stage(Stage::Predict);
    let clv_options = ClvOptions {
        unit,
        horizon_months: options.horizon_months,
        monthly_discount: options.monthly_discount,
    };
    let predict_periods = options.predict_periods();
    let mut triples = predict_triples(
        &triple_keys,
        bg.as_ref(),
        &clv_options,
        predict_periods,
        unit,
    );
    drop(triple_keys);
    // A customer whose exit is recorded on or before the analysis date is gone: P(alive) 0,
    // no expected purchases, no lifetime value (their value at exit stays on the churn
    // figures). They share one all-zero prediction.
    let gone = triples.len() as u32;
    triples.push(TriplePrediction::default());
    for r in rows.iter_mut() {
        if first_exit.get(r.customer as usize).copied().flatten().is_some_and(|e| e <= as_of) {
            r.triple = gone;
        }
    }
    let order_value = OrderValue {
        gg,
        average: average_order_value,
    };

    // ---- Classify ----
    // Columns are built one or two at a time and dropped at once: at a million customers each
    // is 8 MB, and the peak memory of the whole run is a target.
    on_stage(Stage::Classify);
    let n = rows.len();
    let cents = |v: i64| v as f64 / 100.0;
    let column =
        |rows: &[Row], f: &dyn Fn(&Row) -> f64| -> Vec<f64> { rows.iter().map(f).collect() };
    let th = settings.quadrant_thresholds;
    let t_margin = threshold_value(th.gross_margin, &column(&rows, &|r| cents(r.gross_margin)));
    let t_cost = threshold_value(
        th.cost_to_serve,
        &column(&rows, &|r| cents(r.cost_to_serve)),
    );
    let t_profit = threshold_value(
        th.profit,
        &column(&rows, &|r| cents(r.gross_margin - r.cost_to_serve)),
    );
    let mut future_col = Vec::with_capacity(n);
    let (mut total_clv, mut total_future_profit, mut at_risk) = (0.0, 0.0, 0usize);
    for r in &rows {
        let t = &triples[r.triple as usize];
        let (c, f) = row_values(r, t, &order_value, options.default_margin);
        total_clv += c;
        total_future_profit += f;
        future_col.push(f);
        if t.p_alive < settings.at_risk_p_alive
            && first_exit
                .get(r.customer as usize)
                .copied()
                .flatten()
                .is_none_or(|e| e > as_of)
        {
            at_risk += 1;
        }
    }
    let t_future = threshold_value(th.future_profit, &future_col);
    let mut current_counts = CurrentQuadrantCounts::default();
    let mut future_counts = FutureQuadrantCounts::default();
    for (r, &future) in rows.iter_mut().zip(&future_col) {
        r.current = current_quadrant(
            cents(r.gross_margin),
            cents(r.cost_to_serve),
            t_margin,
            t_cost,
        );
        match r.current {
            CurrentQuadrant::MostProfitable => current_counts.most_profitable += 1,
            CurrentQuadrant::ProfitableHighCost => current_counts.profitable_high_cost += 1,
            CurrentQuadrant::ProfitableLowMargin => current_counts.profitable_low_margin += 1,
            CurrentQuadrant::LeastProfitable => current_counts.least_profitable += 1,
        }
        r.future = future_quadrant(
            cents(r.gross_margin - r.cost_to_serve),
            future,
            t_profit,
            t_future,
        );
        match r.future {
            FutureQuadrant::Best => future_counts.best += 1,
            FutureQuadrant::Invest => future_counts.invest += 1,
            FutureQuadrant::Retain => future_counts.retain += 1,
            FutureQuadrant::Worst => future_counts.worst += 1,
        }
    }
    drop(future_col);
    let basis = match settings.pyramid_basis {
        PyramidBasis::Revenue => column(&rows, &|r| cents(r.revenue)),
        PyramidBasis::Profit => column(&rows, &|r| cents(r.gross_margin - r.cost_to_serve)),
        PyramidBasis::Clv => column(&rows, &|r| {
            row_values(
                r,
                &triples[r.triple as usize],
                &order_value,
                options.default_margin,
            )
            .0
        }),
    };
    // Ties go to the smaller id: rank ids once (4 bytes a customer) instead of comparing text.
    let ranks: Vec<u32> = {
        let id_rank = ledger.ids().sort_ranks();
        rows.iter().map(|r| id_rank[r.customer as usize]).collect()
    };
    let tiers = pyramid(&basis, &ranks);
    drop((basis, ranks));
    let pyramid_counts = PyramidCounts::of(&tiers);
    for (r, t) in rows.iter_mut().zip(tiers) {
        r.tier = t;
    }
    let r_scores = quintiles(
        &column(&rows, &|r| f64::from(r.t_days - r.recency_days)),
        true,
    );
    let f_scores = quintiles(&column(&rows, &|r| f64::from(r.orders)), false);
    let m_scores = quintiles(&column(&rows, &|r| cents(r.revenue)), false);
    for (((r, &rs), &fs), &ms) in rows.iter_mut().zip(&r_scores).zip(&f_scores).zip(&m_scores) {
        r.segment = segment(rs, fs);
        r.rfm = RfmScore { r: rs, f: fs, m: ms };
    }
    drop((r_scores, f_scores, m_scores));
    let (whale_peak, top20_profit_share, _) =
        whale_summary(&column(&rows, &|r| cents(r.gross_margin - r.cost_to_serve)));
    let top20_revenue_share = top20_share(&column(&rows, &|r| cents(r.revenue)));

    // Churn over the 365 days up to as_of.
    let mut churn = ChurnReport {
        period_start: date_of_day(churn_start),
        at_risk,
        ..ChurnReport::default()
    };
    for r in rows.iter() {
        let first_day = as_of - r.t_days;
        let exit = first_exit.get(r.customer as usize).copied().flatten();
        if first_day < churn_start && exit.is_none_or(|e| e >= churn_start) {
            churn.active_at_start += 1;
        }
        if exit.is_some_and(|e| e >= churn_start && e <= as_of) {
            churn.exits += 1;
        }
    }
    churn.churn_rate = if churn.active_at_start > 0 {
        churn.exits as f64 / churn.active_at_start as f64
    } else {
        0.0
    };
    // The reason of each lost customer's earliest exit (the first such record when several
    // share that day).
    let mut first_reason: FxHashMap<u32, crate::domain::ExitReason> = FxHashMap::default();
    for ((&c, &d), &reason) in exits.customer.iter().zip(&exits.day).zip(&exits.reason) {
        if exited.contains_key(&c) && first_exit.get(c as usize).copied().flatten() == Some(d) {
            first_reason.entry(c).or_insert(reason);
        }
    }
    let mut losses = ReasonLoss::empty_table();
    // Summed in customer order so the totals do not depend on the hash map's order.
    let mut lost: Vec<(&u32, &ExitedCustomer)> = exited.iter().collect();
    lost.sort_unstable_by_key(|(c, _)| **c);
    for (c, e) in lost {
        let slot = first_reason
            .get(c)
            .and_then(|r| losses.iter().position(|l| l.reason == *r));
        let profit = e.profit_one_year as f64 / 100.0;
        let revenue = e.revenue_one_year as f64 / 100.0;
        churn.lost_profit_one_year += profit;
        churn.lost_revenue_one_year += revenue;
        churn.lost_customers += 1;
        if let Some(l) = slot.and_then(|i| losses.get_mut(i)) {
            l.customers += 1;
            l.lost_profit_one_year += profit;
            l.lost_revenue_one_year += revenue;
        }
        let Some(s) = e.at_exit else { continue };
        let x = f64::from(s.frequency);
        let recency = f64::from(s.last_day - s.first_day) / unit.days();
        let t_cal = f64::from(e.exit_day - s.first_day) / unit.days();
        let m = if s.frequency > 0 {
            s.repeat_amount as f64 / 100.0 / x
        } else {
            0.0
        };
        let discounted = match &bg {
            Some(p) => clv::discounted_purchases(
                p,
                x,
                if s.frequency == 0 { 0.0 } else { recency },
                t_cal,
                &clv_options,
            ),
            None => fallback_discounted(x, t_cal, &clv_options),
        };
        let eov = order_value.of(s.frequency, m);
        let value = clv::future_profit(eov, e.margin, e.cost_per_order, discounted);
        churn.lost_lifetime_value += value;
        if let Some(l) = slot.and_then(|i| losses.get_mut(i)) {
            l.lost_lifetime_value += value;
        }
    }
    churn.losses = losses;
    churn.reasons = exit_reasons(exits, churn_start, as_of + 1);

    let report = ScoreReport {
        as_of: date_or_epoch(as_of),
        unit,
        customers: n,
        customers_without_orders,
        transactions_in_window,
        bg_nbd: bg_report,
        models,
        chosen_model,
        gamma_gamma: gg_report,
        pyramid: pyramid_counts,
        top20_revenue_share,
        top20_profit_share,
        whale_peak,
        current_quadrants: current_counts,
        future_quadrants: future_counts,
        churn,
        total_clv,
        total_future_profit,
        diagnostics,
    };
    on_stage(Stage::Done);
    Ok(Scoring {
        report,
        ids: ledger.ids().without_index(),
        rows,
        triples,
        order_value,
        unit_days: unit.days(),
        default_margin: options.default_margin,
        at_risk_p_alive: settings.at_risk_p_alive,
    })
}

/// The day a customer's next order is expected (METRICS.md): the last purchase plus one mean
/// gap between purchases while alive, 1 / E[λ | data] (before the analysis date for a customer
/// who is late); `None` when P(alive) is below the at-risk threshold (probably lapsed), for an
/// exited customer, or without a model.
fn next_order(last_purchase: NaiveDate, t: &TriplePrediction, unit_days: f64, at_risk_p_alive: f64) -> Option<NaiveDate> {
    if !(t.rate > 0.0) || t.p_alive < at_risk_p_alive {
        return None;
    }
    let days = (unit_days / t.rate).round();
    // Beyond a century the date says nothing a person could act on.
    (days.is_finite() && days <= 36_500.0).then(|| last_purchase + chrono::Duration::days(days as i64))
}

/// The analysis date as a day number: as set, else the latest day of any record (order,
/// return, and the days of `others`: interactions, exits), so that an interaction or an exit
/// logged after the last order counts (METRICS.md, "Inputs").
pub(crate) fn analysis_day(settings: &Settings, ledger: &Ledger, others: &[&[i32]]) -> Result<i32, AnalyticsError> {
    match settings.as_of {
        Some(d) => Ok(day_number(d)),
        None => {
            let orders = ledger.latest_day().ok_or(AnalyticsError::NoOrders)?;
            Ok(others.iter().flat_map(|days| days.iter().copied()).fold(orders, i32::max))
        }
    }
}

/// Tier migration (METRICS.md, "Classifications"): the pyramid of the `window_days` days up to
/// the analysis date against the pyramid of the `window_days` days before those, over customers
/// ranked in both. Each window is scored on its own (same settings and options), so every
/// ranking basis works, CLV included.
pub fn tier_migration(
    ledger: &Ledger,
    interactions: &InteractionInput,
    exits: &ExitInput,
    settings: &Settings,
    options: &ScoreOptions,
    window_days: u32,
) -> Result<super::pyramid::Migration, AnalyticsError> {
    if window_days == 0 {
        return Err(AnalyticsError::InvalidInput(
            "The migration window must be at least one day long.".into(),
        ));
    }
    let as_of = analysis_day(settings, ledger, &[&interactions.day, &exits.day])?;
    let length = i32::try_from(window_days)
        .unwrap_or(i32::MAX / 4)
        .min(i32::MAX / 4);
    let window = |end: i32| Settings {
        as_of: date_of_day(end),
        window: crate::domain::AnalysisWindow {
            start: date_of_day(end - length + 1),
        },
        ..settings.clone()
    };
    if settings.pyramid_basis != PyramidBasis::Clv {
        // Revenue and profit rankings need no model: rank each window directly.
        let current = window_tiers(ledger, interactions, &window(as_of), options)?;
        let previous = window_tiers(ledger, interactions, &window(as_of - length), options)?;
        return Ok(super::pyramid::migration(
            previous.iter().zip(&current).filter_map(|(b, a)| b.zip(*a)),
        ));
    }
    let current = score(
        ledger,
        interactions,
        exits,
        &window(as_of),
        options,
        &mut |_| {},
    )?;
    let previous = score(
        ledger,
        interactions,
        exits,
        &window(as_of - length),
        options,
        &mut |_| {},
    )?;
    let mut before: Vec<Option<Tier>> = vec![None; ledger.customer_count()];
    for r in &previous.rows {
        before[r.customer as usize] = Some(r.tier);
    }
    Ok(super::pyramid::migration(current.rows.iter().filter_map(
        |r| before[r.customer as usize].map(|b| (b, r.tier)),
    )))
}

/// The pyramid tier of every ledger customer with an order in the settings' window (`None` for
/// the others), by ledger customer index: ranked directly for the revenue and profit bases
/// (no model fit), through [`score`] for the CLV basis. The same tiers `score` gives.
pub fn tiers_in_window(
    ledger: &Ledger,
    interactions: &InteractionInput,
    exits: &ExitInput,
    settings: &Settings,
    options: &ScoreOptions,
) -> Result<Vec<Option<Tier>>, AnalyticsError> {
    if settings.pyramid_basis != PyramidBasis::Clv {
        return window_tiers(ledger, interactions, settings, options);
    }
    let scored = score(ledger, interactions, exits, settings, options, &mut |_| {})?;
    let mut tiers = vec![None; ledger.customer_count()];
    for r in &scored.rows {
        if let Some(slot) = tiers.get_mut(r.customer as usize) {
            *slot = Some(r.tier);
        }
    }
    Ok(tiers)
}

/// The pyramid tier of every ledger customer with an order in the settings' window (`None`
/// for the others), ranked by revenue or profit exactly as `score` ranks them (same columns,
/// ties by id, same boundaries) but without fitting any model. Errors as `score` does on
/// unusable settings or an empty window; the CLV basis needs the models and is refused.
fn window_tiers(
    ledger: &Ledger,
    interactions: &InteractionInput,
    settings: &Settings,
    options: &ScoreOptions,
) -> Result<Vec<Option<Tier>>, AnalyticsError> {
    let mut issues = settings.validate();
    issues.extend(options.validate());
    if !issues.is_empty() {
        return Err(AnalyticsError::InvalidSettings(issues));
    }
    interactions.check()?;
    if settings.pyramid_basis == PyramidBasis::Clv {
        return Err(AnalyticsError::InvalidInput(
            "Ranking by CLV needs the models; score the window instead.".into(),
        ));
    }
    let as_of = analysis_day(settings, ledger, &[&interactions.day])?;
    let window_start = settings.window.start.map(day_number);
    let start = window_start.unwrap_or(i32::MIN);
    let n_customers = ledger.customer_count();
    let serve = if interactions.is_empty() {
        Vec::new()
    } else {
        interaction_costs_per_customer(
            interactions,
            n_customers,
            as_of,
            window_start,
            &settings.interaction_costs,
        )
    };
    let (accs, _) = match accumulate_in_day_order(ledger, start, as_of, options.default_margin) {
        Some(result) => result,
        None => accumulate_grouped(ledger, start, as_of, options.default_margin),
    };
    let id_rank = ledger.ids().sort_ranks();
    let (mut customers, mut values, mut ranks) = (Vec::new(), Vec::new(), Vec::new());
    for (c, acc) in accs.iter().enumerate() {
        if !acc.has_orders() {
            continue;
        }
        let p = acc.profit.finish(
            c as u32,
            settings.cost_per_order,
            serve.get(c).copied().unwrap_or(0),
        );
        let value = match settings.pyramid_basis {
            PyramidBasis::Profit => p.gross_margin.minor() - p.cost_to_serve.minor(),
            _ => p.revenue.minor(),
        };
        customers.push(c);
        values.push(value as f64 / 100.0);
        ranks.push(id_rank[c]);
    }
    if customers.is_empty() {
        return Err(AnalyticsError::NoOrders);
    }
    let mut tiers = vec![None; n_customers];
    for (c, t) in customers.into_iter().zip(pyramid(&values, &ranks)) {
        tiers[c] = Some(t);
    }
    Ok(tiers)
}

/// One customer's running figures over the analysis window.
#[derive(Debug, Clone, Copy)]
struct Accumulator {
    profit: ProfitAccumulator,
    /// First order day in the window (`i32::MAX` before any).
    first_day: i32,
    /// Last distinct order day.
    last_day: i32,
    /// Latest day of any row seen (to check the rows arrive in day order).
    last_seen: i32,
    /// Distinct order days − 1.
    frequency: u32,
    /// Σ order amounts on days after the first, minor units.
    repeat_amount: i64,
}

impl Accumulator {
    const EMPTY: Accumulator = Accumulator {
        profit: ProfitAccumulator {
            orders: 0,
            revenue: 0,
            cogs: 0.0,
        },
        first_day: i32::MAX,
        last_day: i32::MIN,
        last_seen: i32::MIN,
        frequency: 0,
        repeat_amount: 0,
    };

    fn has_orders(&self) -> bool {
        self.first_day != i32::MAX
    }

    /// Adds an order on `day`, given days arrive in non-decreasing order.
    #[inline]
    fn add_order_day(&mut self, day: i32, amount: i64) {
        if self.first_day == i32::MAX {
            self.first_day = day;
            self.last_day = day;
        } else if day != self.first_day {
            self.repeat_amount = self.repeat_amount.saturating_add(amount);
            if day != self.last_day {
                self.frequency += 1;
                self.last_day = day;
            }
        }
    }
}

/// Counts over the whole window.
#[derive(Debug, Clone, Copy, Default)]
struct WindowTotals {
    rows_in_window: usize,
    order_amount: i128,
    orders: u64,
}

/// Per-customer figures in one pass over the rows, when each customer's rows come in day order
/// (true of files sorted by date, or by customer then date): one access per row and no
/// grouping. `None` as soon as a customer's day goes backwards.
fn accumulate_in_day_order(
    ledger: &Ledger,
    start: i32,
    as_of: i32,
    default_margin: f64,
) -> Option<(Vec<Accumulator>, WindowTotals)> {
    let mut accs = vec![Accumulator::EMPTY; ledger.customer_count()];
    let mut totals = WindowTotals::default();
    let (customers, days, amounts, kinds) = (
        ledger.customers(),
        ledger.days(),
        ledger.amounts(),
        ledger.kinds(),
    );
    for r in 0..ledger.len() {
        let acc = accs.get_mut(customers[r] as usize)?;
        let day = days[r];
        if day < acc.last_seen {
            return None;
        }
        acc.last_seen = day;
        if day < start || day > as_of {
            continue;
        }
        totals.rows_in_window += 1;
        acc.profit
            .add(kinds[r], amounts[r], ledger.cost_at(r), default_margin);
        if kinds[r] == TransactionKind::Order {
            acc.add_order_day(day, amounts[r]);
            totals.order_amount += i128::from(amounts[r]);
            totals.orders += 1;
        }
    }
    Some((accs, totals))
}

/// Per-customer figures for rows in any order: group by customer (counting sort), sort each
/// customer's order days.
fn accumulate_grouped(
    ledger: &Ledger,
    start: i32,
    as_of: i32,
    default_margin: f64,
) -> (Vec<Accumulator>, WindowTotals) {
    let groups = RowGroups::of(ledger);
    let (days, amounts, kinds) = (ledger.days(), ledger.amounts(), ledger.kinds());
    let mut accs = vec![Accumulator::EMPTY; ledger.customer_count()];
    let mut totals = WindowTotals::default();
    let mut buffer: Vec<(i32, i64)> = Vec::new();
    for (c, acc) in accs.iter_mut().enumerate() {
        buffer.clear();
        for r in groups.rows(c) {
            let day = days[r];
            if day < start || day > as_of {
                continue;
            }
            totals.rows_in_window += 1;
            acc.profit
                .add(kinds[r], amounts[r], ledger.cost_at(r), default_margin);
            if kinds[r] == TransactionKind::Order {
                buffer.push((day, amounts[r]));
                totals.order_amount += i128::from(amounts[r]);
                totals.orders += 1;
            }
        }
        if let Some(s) = summarize_days(&mut buffer) {
            acc.first_day = s.first_day;
            acc.last_day = s.last_day;
            acc.frequency = s.frequency;
            acc.repeat_amount = s.repeat_amount;
        }
    }
    (accs, totals)
}

/// Figures of the customers who exited in [churn_start, as_of]: profit in the 365 days before
/// the exit and their order history up to it (for the lifetime value lost).
fn exited_customers(
    ledger: &Ledger,
    first_exit: &[Option<i32>],
    start: i32,
    churn_start: i32,
    as_of: i32,
    cost_per_order: Money,
    default_margin: f64,
) -> FxHashMap<u32, ExitedCustomer> {
    let exit_in_period = |c: u32| {
        first_exit
            .get(c as usize)
            .copied()
            .flatten()
            .filter(|&d| d >= churn_start && d <= as_of)
    };
    // Per customer: exit day, profit over the year before it, order days and amounts.
    type Gathered = (i32, ProfitAccumulator, Vec<(i32, i64)>);
    let mut gathered: FxHashMap<u32, Gathered> = FxHashMap::default();
    if first_exit.is_empty() {
        return FxHashMap::default();
    }
    let (customers, days, amounts, kinds) = (
        ledger.customers(),
        ledger.days(),
        ledger.amounts(),
        ledger.kinds(),
    );
    for r in 0..ledger.len() {
        let Some(exit) = exit_in_period(customers[r]) else {
            continue;
        };
        let day = days[r];
        if day < start || day > exit {
            continue;
        }
        let entry = gathered
            .entry(customers[r])
            .or_insert_with(|| (exit, ProfitAccumulator::default(), Vec::new()));
        if day > exit - 365 {
            entry
                .1
                .add(kinds[r], amounts[r], ledger.cost_at(r), default_margin);
        }
        if kinds[r] == TransactionKind::Order {
            entry.2.push((day, amounts[r]));
        }
    }
    gathered
        .into_iter()
        .map(|(c, (exit_day, acc, mut orders))| {
            let p = acc.finish(c, cost_per_order, 0);
            let margin = if p.revenue.minor() > 0 {
                p.gross_margin.minor() as f64 / p.revenue.minor() as f64
            } else {
                default_margin
            };
            let cost_per_order = if p.orders > 0 {
                p.cost_to_serve.to_major() / f64::from(p.orders)
            } else {
                0.0
            };
            let at_exit = summarize_days(&mut orders);
            (
                c,
                ExitedCustomer {
                    exit_day,
                    profit_one_year: p.profit.minor(),
                    revenue_one_year: p.revenue.minor(),
                    at_exit,
                    margin,
                    cost_per_order,
                },
            )
        })
        .collect()
}

/// A unique (frequency, recency in days, T in days) triple.
type TripleKey = (u32, i32, i32);

/// Compresses rows to unique triples (setting each row's `triple`) and builds the BG/NBD data.
/// The returned keys are in the order of the triple indices.
///
/// Rows are first bucketed by T with a counting sort; within one T the (frequency, recency)
/// pairs are few, so a small cache-resident hash map finds the repeats. (One big map over a
/// million keys spends its time on cache misses.)
fn compress(rows: &mut [Row], unit: TimeUnit) -> (BgNbdData, Vec<TripleKey>) {
    let max_t = rows.iter().map(|r| r.t_days.max(0)).max().unwrap_or(0) as usize;
    let mut starts = vec![0u32; max_t + 2];
    for r in rows.iter() {
        starts[r.t_days.max(0) as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    // (frequency, recency, row index) bucketed by T.
    let mut bucketed = vec![(0u32, 0i32, 0u32); rows.len()];
    let mut next = starts.clone();
    for (i, r) in rows.iter().enumerate() {
        let slot = &mut next[r.t_days.max(0) as usize];
        bucketed[*slot as usize] = (r.frequency, r.recency_days, i as u32);
        *slot += 1;
    }
    drop(next);
    let mut triple_of_row = vec![0u32; rows.len()];
    let mut keys: Vec<TripleKey> = Vec::new();
    let mut weights: Vec<u32> = Vec::new();
    let mut map: FxHashMap<u64, u32> = FxHashMap::default();
    for t in 0..=max_t {
        let bucket = &bucketed[starts[t] as usize..starts[t + 1] as usize];
        if bucket.is_empty() {
            continue;
        }
        map.clear();
        for &(x, rec, i) in bucket {
            let key = (u64::from(x) << 32) | u64::from(rec as u32);
            let fresh = keys.len() as u32;
            let index = *map.entry(key).or_insert(fresh);
            if index == fresh {
                keys.push((x, rec, t as i32));
                weights.push(0);
            }
            weights[index as usize] += 1;
            triple_of_row[i as usize] = index;
        }
    }
    drop(bucketed);
    for (r, &t) in rows.iter_mut().zip(&triple_of_row) {
        r.triple = t;
    }
    let data = BgNbdData::from_day_triples(
        keys.iter()
            .zip(&weights)
            .map(|(&(x, rec, t), &w)| (x, rec, t, f64::from(w))),
        unit.days(),
    );
    (data, keys)
}

/// Discounted purchases when there is no model fit: the historic repeat rate x/T per period.
fn fallback_discounted(x: f64, t_cal: f64, options: &ClvOptions) -> f64 {
    if t_cal <= 0.0 || x <= 0.0 {
        return 0.0;
    }
    let per_month = x / t_cal * options.unit.periods_per_month();
    let factor = 1.0 / (1.0 + options.monthly_discount);
    let mut discount = 1.0;
    let mut total = 0.0;
    for _ in 0..options.horizon_months {
        discount *= factor;
        total += per_month * discount;
    }
    total
}

/// Predictions per unique triple; the recency-free part is computed once per (x, T) pair.
fn predict_triples(
    keys: &[TripleKey],
    bg: Option<&RepeatModel>,
    options: &ClvOptions,
    predict_periods: f64,
    unit: TimeUnit,
) -> Vec<TriplePrediction> {
    let per = unit.days();
    let mut out = vec![TriplePrediction::default(); keys.len()];
    let Some(params) = bg else {
        for (o, &(x, _, t)) in out.iter_mut().zip(keys) {
            let (x, t) = (f64::from(x), f64::from(t) / per);
            let rate = if t > 0.0 { x / t } else { 0.0 };
            *o = TriplePrediction {
                p_alive: 1.0,
                expected: rate * predict_periods,
                discounted: fallback_discounted(x, t, options),
                // Without a model there is no P(alive) to trust a date with.
                rate: 0.0,
            };
        }
        return out;
    };
    // Order triple indices by (x, T) so each pair's series is evaluated once.
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_unstable_by_key(|&i| {
        let (x, _, t) = keys[i as usize];
        (x, t)
    });
    let mut i = 0;
    while i < order.len() {
        let (x, _, t) = keys[order[i] as usize];
        let mut j = i;
        while j < order.len() && {
            let k = keys[order[j] as usize];
            k.0 == x && k.2 == t
        } {
            j += 1;
        }
        let (xf, tf) = (f64::from(x), f64::from(t) / per);
        let expected_if_alive = params
            .expected_purchases_if_alive(predict_periods, xf, tf)
            .unwrap_or(0.0);
        let discounted_if_alive = clv::discounted_purchases_if_alive(params, xf, tf, options);
        let rate = params.rate_if_alive(xf, tf);
        for &k in &order[i..j] {
            let (_, rec, _) = keys[k as usize];
            let p_alive = params.p_alive(xf, f64::from(rec) / per, tf);
            out[k as usize] = TriplePrediction {
                p_alive,
                expected: (expected_if_alive * p_alive).max(0.0),
                discounted: (discounted_if_alive * p_alive).max(0.0),
                rate: if rate.is_finite() && rate > 0.0 { rate } else { 0.0 },
            };
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{InteractionKind, Money};

    /// 300 customers over 400 days with returns, own costs and costed interactions.
    fn base() -> (Ledger, InteractionInput) {
        let mut b = Ledger::builder();
        let mut interactions = InteractionInput::default();
        for c in 0..300u32 {
            let id = b.customer(&format!("C{c:03}"));
            let gap = 3 + (c * 7) % 41;
            let mut day = 1000 + (c * 13) % 200;
            while day < 1400 {
                let amount = Money(i64::from(500 + (c * 37 + day) % 9_000));
                let cost = (c % 3 == 0).then_some(Money(amount.0 / 2));
                b.push_day(id, day as i32, amount, cost, TransactionKind::Order);
                if (c + day) % 11 == 0 {
                    b.push_day(
                        id,
                        day as i32 + 1,
                        Money(amount.0 / 3),
                        cost.map(|m| Money(m.0 / 3)),
                        TransactionKind::Return,
                    );
                }
                if c % 5 == 0 {
                    interactions.push(id, day as i32, InteractionKind::ALL[(c % 4) as usize], None);
                }
                day += gap;
            }
        }
        (b.finish(), interactions)
    }

    #[test]
    fn window_tiers_rank_like_a_full_score_for_revenue_and_profit() {
        let (ledger, interactions) = base();
        for basis in [PyramidBasis::Revenue, PyramidBasis::Profit] {
            let mut settings = Settings {
                as_of: date_of_day(1399),
                window: crate::domain::AnalysisWindow {
                    start: date_of_day(1200),
                },
                cost_per_order: Money(150),
                pyramid_basis: basis,
                ..Settings::default()
            };
            for kind in InteractionKind::ALL {
                settings.interaction_costs.set(*kind, Money(900));
            }
            let options = ScoreOptions::from_settings(&settings);
            let fast = window_tiers(&ledger, &interactions, &settings, &options).unwrap();
            let full = score(
                &ledger,
                &interactions,
                &ExitInput::default(),
                &settings,
                &options,
                &mut |_| {},
            )
            .unwrap();
            let mut slow = vec![None; ledger.customer_count()];
            for r in &full.rows {
                slow[r.customer as usize] = Some(r.tier);
            }
            assert_eq!(fast, slow, "{basis:?}");
            assert!(fast.iter().flatten().any(|t| *t == Tier::Gold));
        }
    }

    #[test]
    fn an_exited_customer_is_worth_nothing_and_the_analysis_date_is_the_latest_record() {
        let (ledger, mut interactions) = base();
        let last_order = ledger.latest_day().unwrap();
        let settings = Settings::default();
        let options = ScoreOptions::from_settings(&settings);
        let before = score(&ledger, &interactions, &ExitInput::default(), &settings, &options, &mut |_| {}).unwrap();
        assert_eq!(before.report.as_of, date_of_day(last_order).unwrap());
        let alive: Vec<usize> = (0..before.len()).filter(|&i| before.get(i).unwrap().clv > 0.0).take(2).collect();
        let (gone, stays) = (alive[0], alive[1]);
        let gone_customer = before.customer_index(gone).unwrap();

        // An exit recorded a week after the last order, and a call ten days after it.
        let mut exits = ExitInput::default();
        exits.push(gone_customer, last_order + 7, crate::domain::ExitReason::Price);
        interactions.push(before.customer_index(stays).unwrap(), last_order + 10, InteractionKind::Call, None);
        let after = score(&ledger, &interactions, &exits, &settings, &options, &mut |_| {}).unwrap();
        assert_eq!(after.report.as_of, date_of_day(last_order + 10).unwrap(), "the call is the latest record");
        let g = after.get(gone).unwrap();
        assert_eq!((g.p_alive, g.expected_purchases, g.clv, g.future_profit), (0.0, 0.0, 0.0, 0.0));
        let s = after.get(stays).unwrap();
        assert!(s.p_alive > 0.0 && s.clv > 0.0);
        // Ten more days without an order: T grew, so the chance they are still active fell.
        assert!(s.t > before.get(stays).unwrap().t);
        assert!(after.report.total_clv < before.report.total_clv);

        // An exit dated after the analysis date does not count yet.
        let settings = Settings { as_of: date_of_day(last_order), ..Settings::default() };
        let early = score(&ledger, &interactions, &exits, &settings, &options, &mut |_| {}).unwrap();
        assert!(early.get(gone).unwrap().p_alive > 0.0);
    }
}
