//! Synthetic customer bases drawn from the BG/NBD and Gamma-Gamma models: seeded, pure and
//! reproducible, for demo data, tests and the benchmark against `lifetimes`.
//!
//! # The generative story
//!
//! Following Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative
//! to the Pareto/NBD model", Marketing Science 24(2), §2, and Fader, Hardie & Lee (2005), "RFM
//! and CLV: using iso-value curves for customer base analysis", JMR 42(4), §3 (Gamma-Gamma):
//!
//! * each customer is acquired with a first purchase on a day drawn uniformly from the
//!   acquisition window;
//! * while active, a customer buys at the times of a Poisson process with rate
//!   `λ ~ Gamma(shape r, rate α)` (per day), i.e. exponential gaps with mean `1/λ`;
//! * after each repeat purchase the customer drops out for good with probability
//!   `p ~ Beta(a, b)` (no drop-out right after the first purchase, as in the BG/NBD likelihood);
//! * each purchase is worth `z ~ Gamma(shape p_gg, rate ν)` with the customer's
//!   `ν ~ Gamma(shape q, rate v)`, so its mean is `p_gg / ν` (lifetimes' `p, q, v`).
//!
//! Purchases after the observation end are not generated. Amounts are rounded to cents (at least
//! one cent). Several purchases can land on the same calendar day: the RFM summary then counts
//! them as one, exactly as it would for real data.
//!
//! The random generator is `Xoshiro256PlusPlus`, a named algorithm whose output is fixed for a
//! given seed on every platform (rand's `SmallRng`/`StdRng` do not promise that across
//! versions), and nothing reads the operating system's entropy, so this builds for `wasm32`.

use chrono::{Days, NaiveDate};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rand_distr::{Beta, Distribution, Exp, Gamma};
use std::fmt;

/// "True" BG/NBD parameters of a simulated population, with time in days.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PurchaseTruth {
    /// Shape of the Gamma distribution of purchase rates λ.
    pub r: f64,
    /// Rate of the Gamma distribution of purchase rates λ (per day): mean λ = r / α.
    pub alpha: f64,
    /// First shape of the Beta distribution of drop-out probabilities p.
    pub a: f64,
    /// Second shape of the Beta distribution of drop-out probabilities p: mean p = a / (a + b).
    pub b: f64,
}

/// "True" Gamma-Gamma spend parameters of a simulated population (lifetimes' `p, q, v`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SpendTruth {
    /// Shape of the Gamma distribution of a single purchase's value.
    pub p: f64,
    /// Shape of the Gamma distribution of the customers' rates ν.
    pub q: f64,
    /// Rate of the Gamma distribution of the customers' rates ν: mean spend p·v / (q − 1).
    pub v: f64,
}

/// What to simulate. `Default` gives about 4 purchases per customer over three years of history
/// (2023-01-01 to 2025-12-31) with a mean purchase of about 35 currency units.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SimulationOptions {
    /// Number of customers to generate (at least 1, at most `u32::MAX`).
    pub customers: usize,
    /// Seed of the random generator: the same options give the same data everywhere.
    pub seed: u64,
    /// First day a customer can be acquired.
    pub start: NaiveDate,
    /// Last day of the observation (the natural `as_of`): no purchase is generated after it.
    pub end: NaiveDate,
    /// Last day a customer can be acquired (default, `None`: `end`).
    pub acquisition_end: Option<NaiveDate>,
    /// Purchase and drop-out process.
    pub purchase: PurchaseTruth,
    /// Spend per purchase.
    pub spend: SpendTruth,
}

impl Default for SimulationOptions {
    fn default() -> Self {
        Self {
            customers: 1_000,
            seed: 42,
            start: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or(NaiveDate::MIN),
            end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or(NaiveDate::MIN),
            acquisition_end: None,
            purchase: PurchaseTruth {
                r: 0.6,
                alpha: 60.0,
                a: 0.6,
                b: 4.0,
            },
            // lifetimes' Gamma-Gamma estimates on the CDNOW sample.
            spend: SpendTruth {
                p: 6.25,
                q: 3.74,
                v: 15.44,
            },
        }
    }
}

/// One simulated customer and the latent quantities drawn for them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimulatedCustomer {
    /// Index of the customer (0-based); see [`customer_id`] for its text id.
    pub index: u32,
    /// Day of the first purchase.
    pub acquired: NaiveDate,
    /// Purchase rate λ per day.
    pub purchase_rate: f64,
    /// Drop-out probability p after each repeat purchase.
    pub dropout: f64,
    /// Mean value of a purchase, p_gg / ν.
    pub mean_spend: f64,
    /// Whether the customer is still active at the observation end.
    pub alive: bool,
}

/// One simulated purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SimulatedTransaction {
    /// Calendar day of the purchase.
    pub date: NaiveDate,
    /// Index of the buying customer.
    pub customer: u32,
    /// Amount in minor units (cents), at least 1.
    pub amount_minor: i64,
}

/// A simulated customer base: customers in index order, transactions sorted by date, then
/// customer (and amount), as an export from a shop system would be.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    /// Every customer, in index order.
    pub customers: Vec<SimulatedCustomer>,
    /// Every purchase, sorted by date, then customer.
    pub transactions: Vec<SimulatedTransaction>,
}

/// Why a simulation could not run.
#[derive(Debug, Clone, PartialEq)]
pub enum SimulationError {
    /// A model parameter is not a finite positive number.
    InvalidParameter {
        /// Name of the parameter (`r`, `alpha`, `a`, `b`, `p`, `q`, `v`).
        name: &'static str,
        /// The value given.
        value: f64,
    },
    /// The Gamma-Gamma `q` must exceed 1 for the mean spend to exist.
    SpendShapeTooSmall(f64),
    /// The number of customers is zero or does not fit in a `u32`.
    CustomerCount(usize),
    /// The acquisition window is empty or ends after the observation.
    Window {
        /// First acquisition day.
        start: NaiveDate,
        /// Last acquisition day.
        acquisition_end: NaiveDate,
        /// Observation end.
        end: NaiveDate,
    },
}

impl fmt::Display for SimulationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidParameter { name, value } => write!(
                f,
                "The simulation parameter {name} is {value}, but it must be a positive number."
            ),
            Self::SpendShapeTooSmall(q) => write!(
                f,
                "The spend parameter q is {q}, but it must be greater than 1 so that the mean \
                 purchase value exists."
            ),
            Self::CustomerCount(n) => write!(
                f,
                "Cannot simulate {n} customers: choose between 1 and {} customers.",
                u32::MAX
            ),
            Self::Window {
                start,
                acquisition_end,
                end,
            } => write!(
                f,
                "The acquisition window {start} to {acquisition_end} must not be empty and must \
                 end no later than the observation end {end}."
            ),
        }
    }
}

impl std::error::Error for SimulationError {}

/// The text id of the simulated customer with this index: `C` and 7+ digits, 1-based
/// (`customer_id(0) == "C0000001"`), so ids sort like their indices.
pub fn customer_id(index: u32) -> String {
    format!("C{:07}", u64::from(index) + 1)
}

fn check_positive(name: &'static str, value: f64) -> Result<f64, SimulationError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(SimulationError::InvalidParameter { name, value })
    }
}

/// Draws a customer base from the BG/NBD + Gamma-Gamma model described in the module docs.
///
/// Errors when a parameter is not positive and finite, when `q ≤ 1`, when the customer count is
/// zero or too large, or when the acquisition window is empty or ends after `end`.
pub fn simulate(options: &SimulationOptions) -> Result<Simulation, SimulationError> {
    let PurchaseTruth { r, alpha, a, b } = options.purchase;
    let SpendTruth { p, q, v } = options.spend;
    for (name, value) in [
        ("r", r),
        ("alpha", alpha),
        ("a", a),
        ("b", b),
        ("p", p),
        ("q", q),
        ("v", v),
    ] {
        check_positive(name, value)?;
    }
    if q <= 1.0 {
        return Err(SimulationError::SpendShapeTooSmall(q));
    }
    let count = u32::try_from(options.customers)
        .ok()
        .filter(|&n| n > 0)
        .ok_or(SimulationError::CustomerCount(options.customers))?;
    let acquisition_end = options.acquisition_end.unwrap_or(options.end);
    let window_error = SimulationError::Window {
        start: options.start,
        acquisition_end,
        end: options.end,
    };
    if acquisition_end < options.start || acquisition_end > options.end {
        return Err(window_error);
    }
    let acquisition_days = (acquisition_end - options.start).num_days();
    let observed_days = (options.end - options.start).num_days();

    // The parameters were checked above, so these constructors cannot fail; map their errors
    // anyway rather than unwrap.
    let bad = |name: &'static str, value: f64| SimulationError::InvalidParameter { name, value };
    let rate_dist = Gamma::new(r, 1.0 / alpha).map_err(|_| bad("alpha", alpha))?;
    let dropout_dist = Beta::new(a, b).map_err(|_| bad("a", a))?;
    let nu_dist = Gamma::new(q, 1.0 / v).map_err(|_| bad("v", v))?;
    let unit_exp = Exp::new(1.0).map_err(|_| bad("alpha", alpha))?;

    let mut rng = Xoshiro256PlusPlus::seed_from_u64(options.seed);
    let mut customers = Vec::with_capacity(count as usize);
    let mut transactions = Vec::with_capacity(count as usize * 4);

    for index in 0..count {
        let offset = rng.random_range(0..=acquisition_days);
        let lambda: f64 = rate_dist.sample(&mut rng).max(f64::MIN_POSITIVE);
        let dropout: f64 = dropout_dist.sample(&mut rng);
        let nu: f64 = nu_dist.sample(&mut rng).max(f64::MIN_POSITIVE);
        let spend_dist = Gamma::new(p, 1.0 / nu).map_err(|_| bad("p", p))?;
        let draw_amount = |rng: &mut Xoshiro256PlusPlus| -> i64 {
            let z: f64 = spend_dist.sample(rng);
            let cents = (z * 100.0).round();
            if cents.is_finite() && cents >= 1.0 {
                cents.min(1e15) as i64
            } else {
                1
            }
        };

        let acquired = options.start + Days::new(offset as u64);
        transactions.push(SimulatedTransaction {
            date: acquired,
            customer: index,
            amount_minor: draw_amount(&mut rng),
        });
        // Continuous time in days since `start`; purchases fall on floor(t).
        let mut t = offset as f64;
        let mut alive = true;
        loop {
            let gap: f64 = unit_exp.sample(&mut rng) / lambda;
            t += gap;
            if t.is_nan() || t >= (observed_days + 1) as f64 {
                break;
            }
            let day = t.floor() as u64;
            transactions.push(SimulatedTransaction {
                date: options.start + Days::new(day),
                customer: index,
                amount_minor: draw_amount(&mut rng),
            });
            if rng.random::<f64>() < dropout {
                alive = false;
                break;
            }
        }
        customers.push(SimulatedCustomer {
            index,
            acquired,
            purchase_rate: lambda,
            dropout,
            mean_spend: p / nu,
            alive,
        });
    }
    transactions.sort_unstable();
    Ok(Simulation {
        customers,
        transactions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> SimulationOptions {
        SimulationOptions {
            customers: 2_000,
            seed: 7,
            ..SimulationOptions::default()
        }
    }

    #[test]
    fn same_seed_gives_the_same_base() {
        let one = simulate(&small()).unwrap();
        let two = simulate(&small()).unwrap();
        assert_eq!(one, two);
        let other = simulate(&SimulationOptions { seed: 8, ..small() }).unwrap();
        assert_ne!(one.transactions, other.transactions);
    }

    #[test]
    fn every_customer_buys_first_on_the_acquisition_day_within_the_window() {
        let options = small();
        let sim = simulate(&options).unwrap();
        assert_eq!(sim.customers.len(), 2_000);
        let mut first = vec![None; sim.customers.len()];
        for t in &sim.transactions {
            assert!(t.date >= options.start && t.date <= options.end);
            assert!(t.amount_minor >= 1);
            let slot = &mut first[t.customer as usize];
            if slot.is_none() {
                *slot = Some(t.date);
            }
        }
        for c in &sim.customers {
            assert_eq!(first[c.index as usize], Some(c.acquired));
        }
        assert!(sim.transactions.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn default_population_buys_about_four_times_for_about_35_each() {
        let sim = simulate(&SimulationOptions {
            customers: 20_000,
            ..Default::default()
        })
        .unwrap();
        let per_customer = sim.transactions.len() as f64 / 20_000.0;
        assert!((3.0..5.0).contains(&per_customer), "{per_customer}");
        let mean_amount = sim
            .transactions
            .iter()
            .map(|t| t.amount_minor as f64)
            .sum::<f64>()
            / sim.transactions.len() as f64
            / 100.0;
        assert!((28.0..42.0).contains(&mean_amount), "{mean_amount}");
    }

    #[test]
    fn simulation_rejects_non_positive_parameters_and_empty_windows() {
        let mut options = small();
        options.purchase.alpha = 0.0;
        assert_eq!(
            simulate(&options).unwrap_err(),
            SimulationError::InvalidParameter {
                name: "alpha",
                value: 0.0
            }
        );
        let mut options = small();
        options.spend.q = 1.0;
        assert!(matches!(
            simulate(&options),
            Err(SimulationError::SpendShapeTooSmall(_))
        ));
        let options = SimulationOptions {
            customers: 0,
            ..small()
        };
        assert!(matches!(
            simulate(&options),
            Err(SimulationError::CustomerCount(0))
        ));
        let options = SimulationOptions {
            end: small().start.pred_opt().unwrap(),
            ..small()
        };
        let err = simulate(&options).unwrap_err();
        assert!(err.to_string().contains("must not be empty"), "{err}");
    }

    #[test]
    fn customer_ids_are_one_based_and_zero_padded() {
        assert_eq!(customer_id(0), "C0000001");
        assert_eq!(customer_id(9_999_999), "C10000000");
    }
}
