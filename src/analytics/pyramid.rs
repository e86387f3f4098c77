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
/// Ranked by value descending, ties by `ids` ascending (pass customer ids, or any key that
/// orders like them); non-finite values rank last.
///
/// Only the tier boundaries matter (rank k is gold iff k ≤ ⌊N/100⌋, silver iff ≤ ⌊N/20⌋, iron
/// iff ≤ ⌊N/5⌋), so three nested selections under the same total order replace a full sort:
/// O(N) and the same tiers as sorting.
pub fn pyramid<K: Ord>(values: &[f64], ids: &[K]) -> Vec<Tier> {
    let n = values.len();
    let mut keyed: Vec<(f64, u32)> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (clean(v), i as u32))
        .collect();
    let order = |a: &(f64, u32), b: &(f64, u32)| {
        b.0.total_cmp(&a.0)
            .then_with(|| ids[a.1 as usize].cmp(&ids[b.1 as usize]))
    };
    let mut tiers = vec![Tier::Lead; n];
    let mut top = &mut keyed[..];
    for (tier, divisor) in [(Tier::Iron, 5), (Tier::Silver, 20), (Tier::Gold, 100)] {
        let count = n / divisor;
        if count == 0 {
            break;
        }
        if count < top.len() {
            top.select_nth_unstable_by(count - 1, order);
        }
        top = &mut top[..count];
        for &(_, i) in top.iter() {
            tiers[i as usize] = tier;
        }
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
