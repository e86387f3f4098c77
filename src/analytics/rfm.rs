//! RFM scores (quintiles 1–5 of recency, frequency and monetary value) and the named segments of
//! the common RFM grid (METRICS.md, "RFM summary").

use crate::domain::RfmSegment;
use serde::{Deserialize, Serialize};

/// A customer's three quintile scores, 5 best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RfmScore {
    /// Recency score: fewer days since the last purchase is better.
    pub r: u8,
    /// Frequency score: more orders is better.
    pub f: u8,
    /// Monetary score: more revenue is better.
    pub m: u8,
}

/// Quintile scores 1–5 of `values`: score = 1 + ⌊5 · (number of values strictly below) / N⌋,
/// so ties share a score and the top fifth scores 5. With `lower_is_better`, "below" becomes
/// "above". Non-finite values score 1.
pub fn quintiles(values: &[f64], lower_is_better: bool) -> Vec<u8> {
    let n = values.len();
    if let Some(scores) = integer_quintiles(values, lower_is_better) {
        return scores;
    }
    // With s the finite values sorted best-last, score ≥ k+1 iff at least m_k = ⌈k·n/5⌉ values
    // are strictly worse, iff v is strictly better than s[m_k − 1]: four order statistics by
    // selection (O(n)) instead of a sort.
    let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let worse_first = |a: &f64, b: &f64| {
        if lower_is_better {
            b.total_cmp(a)
        } else {
            a.total_cmp(b)
        }
    };
    // The four order statistics by nested selection: the median cut splits the work.
    let ranks: Vec<usize> = (1..=4usize).map(|k| (k * n).div_ceil(5)).collect();
    let mut cuts: [Option<f64>; 4] = [None; 4];
    select_cuts(&mut finite, 0, &ranks, &mut cuts, &worse_first);
    values
        .iter()
        .map(|&v| {
            if !v.is_finite() {
                return 1;
            }
            let better = |c: f64| if lower_is_better { v < c } else { v > c };
            1 + cuts.iter().filter(|c| c.is_some_and(better)).count() as u8
        })
        .collect()
}

/// The same scores by counting, when every value is a small non-negative integer (days since
/// the last purchase, number of orders): one histogram pass instead of selections.
fn integer_quintiles(values: &[f64], lower_is_better: bool) -> Option<Vec<u8>> {
    let n = values.len();
    let mut max = 0.0f64;
    for &v in values {
        if !(v >= 0.0 && v.fract() == 0.0 && v <= 4_000_000.0) {
            return None;
        }
        max = max.max(v);
    }
    let buckets = max as usize + 1;
    if buckets > 4 * n + 1024 {
        return None;
    }
    let mut counts = vec![0u32; buckets];
    for &v in values {
        counts[v as usize] += 1;
    }
    // worse[v] = number of values strictly worse than v.
    let mut worse = vec![0u32; buckets];
    let mut running = 0u32;
    if lower_is_better {
        for v in (0..buckets).rev() {
            worse[v] = running;
            running += counts[v];
        }
    } else {
        for v in 0..buckets {
            worse[v] = running;
            running += counts[v];
        }
    }
    Some(
        values
            .iter()
            .map(|&v| (1 + 5 * worse[v as usize] as usize / n.max(1)).min(5) as u8)
            .collect(),
    )
}

/// Fills `cuts[k]` with the element of 1-based rank `ranks[k]` (ranks ascending) of the whole
/// slice, where `slice` starts at 0-based rank `offset`: select the middle requested rank, then
/// recurse on each side with the ranks that fall there.
fn select_cuts(
    slice: &mut [f64],
    offset: usize,
    ranks: &[usize],
    cuts: &mut [Option<f64>],
    order: &impl Fn(&f64, &f64) -> std::cmp::Ordering,
) {
    if ranks.is_empty() || slice.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let rank = ranks[mid];
    if rank > offset && rank - 1 < offset + slice.len() {
        let at = rank - 1 - offset;
        slice.select_nth_unstable_by(at, order);
        // Equal requested ranks share the cut; smaller ones lie left, larger ones right.
        let first = ranks.partition_point(|&r| r < rank);
        let last = ranks.partition_point(|&r| r <= rank);
        for cut in &mut cuts[first..last] {
            *cut = Some(slice[at]);
        }
        let (left, right) = slice.split_at_mut(at);
        select_cuts(left, offset, &ranks[..first], &mut cuts[..first], order);
        select_cuts(
            &mut right[1..],
            offset + at + 1,
            &ranks[last..],
            &mut cuts[last..],
            order,
        );
    } else {
        // Out of range (fewer finite values than n): resolve each rank on its own.
        for (k, &r) in ranks.iter().enumerate() {
            if r > offset && r - 1 < offset + slice.len() {
                let at = r - 1 - offset;
                slice.select_nth_unstable_by(at, order);
                cuts[k] = Some(slice[at]);
            }
        }
    }
}

/// RFM scores of parallel columns: days since the last purchase, number of orders, revenue.
pub fn rfm_scores(recency_days: &[f64], frequency: &[f64], monetary: &[f64]) -> Vec<RfmScore> {
    let (r, f, m) = (
        quintiles(recency_days, true),
        quintiles(frequency, false),
        quintiles(monetary, false),
    );
    r.iter()
        .zip(&f)
        .zip(&m)
        .map(|((&r, &f), &m)| RfmScore { r, f, m })
        .collect()
}

/// The segment of the common RFM grid for recency score `r` and frequency score `f`:
///
/// | R \ F | 1 | 2 | 3 | 4 | 5 |
/// |---|---|---|---|---|---|
/// | 5 | new_customers | potential_loyalist | potential_loyalist | champions | champions |
/// | 4 | promising | potential_loyalist | potential_loyalist | loyal | loyal |
/// | 3 | about_to_sleep | about_to_sleep | need_attention | loyal | loyal |
/// | 1–2 | hibernating | hibernating | at_risk | at_risk | cant_lose |
pub fn segment(r: u8, f: u8) -> RfmSegment {
    match (r.clamp(1, 5), f.clamp(1, 5)) {
        (5, 4..=5) => RfmSegment::Champions,
        (5, 1) => RfmSegment::NewCustomers,
        (4 | 5, 2..=3) => RfmSegment::PotentialLoyalist,
        (4, 1) => RfmSegment::Promising,
        (3..=4, 4..=5) => RfmSegment::Loyal,
        (3, 3) => RfmSegment::NeedAttention,
        (3, _) => RfmSegment::AboutToSleep,
        (1..=2, 5) => RfmSegment::CantLose,
        (1..=2, 3 | 4) => RfmSegment::AtRisk,
        _ => RfmSegment::Hibernating,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quintiles_give_ties_the_same_score_and_the_top_fifth_five() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(quintiles(&v, false), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(quintiles(&v, true), [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
        assert_eq!(quintiles(&[3.0, 3.0, 3.0], false), [1, 1, 1]);
    }

    #[test]
    fn segment_grid_names_the_corners() {
        assert_eq!(segment(5, 5), RfmSegment::Champions);
        assert_eq!(segment(1, 1), RfmSegment::Hibernating);
        assert_eq!(segment(1, 5), RfmSegment::CantLose);
        assert_eq!(segment(5, 1), RfmSegment::NewCustomers);
        assert_eq!(segment(2, 3), RfmSegment::AtRisk);
        assert_eq!(segment(3, 3), RfmSegment::NeedAttention);
        assert_eq!(segment(4, 5), RfmSegment::Loyal);
    }
}
