//! The customer pyramid (gold 1%, silver 4%, iron 15%, lead 80%) and tier migration between two
//! windows (METRICS.md, "Classifications").

use crate::domain::Tier;
use serde::{Deserialize, Serialize};

/// The tier of 1-based rank `k` among `n`: gold if k/N ≤ 0.01, silver if ≤ 0.05, iron if ≤ 0.20,
/// else lead. Compared in integers (100k ≤ N …) so boundary ranks are exact.
pub fn tier_of_rank(k: usize, n: usize) -> Tier {
    let k = k as u128;
    let n = n as u128;
    if 100 * k <= n {
        Tier::Gold
    } else if 20 * k <= n {
        Tier::Silver
    } else if 5 * k <= n {
        Tier::Iron
    } else {
        Tier::Lead
    }
}

/// Tiers of customers by their ranking values (revenue, profit or CLV), in input order.
/// Sorted by value descending, ties by `ids` ascending (pass customer ids, or any key that
/// orders like them). Non-finite values rank last.
pub fn pyramid<K: Ord>(values: &[f64], ids: &[K]) -> Vec<Tier> {
    let n = values.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let (va, vb) = (clean(values[a as usize]), clean(values[b as usize]));
        vb.total_cmp(&va).then_with(|| ids[a as usize].cmp(&ids[b as usize]))
    });
    let mut tiers = vec![Tier::Lead; n];
    for (rank0, &i) in order.iter().enumerate() {
        tiers[i as usize] = tier_of_rank(rank0 + 1, n);
    }
    tiers
}

fn clean(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        f64::NEG_INFINITY
    }
}

/// How many customers are in each tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PyramidCounts {
    /// Gold.
    pub gold: usize,
    /// Silver.
    pub silver: usize,
    /// Iron.
    pub iron: usize,
    /// Lead.
    pub lead: usize,
}

impl PyramidCounts {
    /// Counts of a tier column.
    pub fn of(tiers: &[Tier]) -> PyramidCounts {
        let mut c = PyramidCounts::default();
        for t in tiers {
            match t {
                Tier::Gold => c.gold += 1,
                Tier::Silver => c.silver += 1,
                Tier::Iron => c.iron += 1,
                Tier::Lead => c.lead += 1,
            }
        }
        c
    }

    /// Total customers.
    pub fn total(&self) -> usize {
        self.gold + self.silver + self.iron + self.lead
    }
}

/// Movement between the pyramid of a previous window and the current one, over customers ranked
/// in both.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Migration {
    /// Customers in both pyramids.
    pub customers: usize,
    /// Moved to a higher tier.
    pub up: usize,
    /// Moved to a lower tier.
    pub down: usize,
    /// Stayed in the same tier.
    pub stayed: usize,
    /// up / customers (0 when there are none).
    pub up_share: f64,
    /// down / customers.
    pub down_share: f64,
    /// stayed / customers.
    pub stayed_share: f64,
    /// counts[from][to] by `Tier::level` (gold 0 … lead 3).
    pub matrix: [[usize; 4]; 4],
}

/// Tier migration from `previous` to `current` (pairs of the same customer's tiers; customers
/// missing from either window are left out by the caller).
pub fn migration(pairs: impl IntoIterator<Item = (Tier, Tier)>) -> Migration {
    let mut m = Migration::default();
    for (before, after) in pairs {
        m.customers += 1;
        m.matrix[before.level() as usize][after.level() as usize] += 1;
        match after.level().cmp(&before.level()) {
            std::cmp::Ordering::Less => m.up += 1,
            std::cmp::Ordering::Greater => m.down += 1,
            std::cmp::Ordering::Equal => m.stayed += 1,
        }
    }
    if m.customers > 0 {
        let n = m.customers as f64;
        m.up_share = m.up as f64 / n;
        m.down_share = m.down as f64 / n;
        m.stayed_share = m.stayed as f64 / n;
    }
    m
}
