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
    // With s the finite values sorted best-last, score ≥ k+1 iff at least m_k = ⌈k·n/5⌉ values
    // are strictly worse, iff v is strictly better than s[m_k − 1]: four order statistics by
    // selection (O(n)) instead of a sort.
    let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let worse_first = |a: &f64, b: &f64| if lower_is_better { b.total_cmp(a) } else { a.total_cmp(b) };
    let mut cuts: Vec<Option<f64>> = Vec::with_capacity(4);
    for k in 1..=4usize {
        let m = (k * n).div_ceil(5);
        cuts.push(if m >= 1 && m <= finite.len() {
            let (_, v, _) = finite.select_nth_unstable_by(m - 1, worse_first);
            Some(*v)
        } else {
            None
        });
    }
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

/// RFM scores of parallel columns: days since the last purchase, number of orders, revenue.
pub fn rfm_scores(recency_days: &[f64], frequency: &[f64], monetary: &[f64]) -> Vec<RfmScore> {
    let (r, f, m) = (quintiles(recency_days, true), quintiles(frequency, false), quintiles(monetary, false));
    r.iter().zip(&f).zip(&m).map(|((&r, &f), &m)| RfmScore { r, f, m }).collect()
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
