//! Property tests of the analytics invariants (proptest).

use customer_insight::analytics::bg_nbd::BgNbdParams;
use customer_insight::analytics::clv::{clv, discounted_purchases, ClvOptions};
use customer_insight::analytics::pyramid::{pyramid, PyramidCounts};
use customer_insight::analytics::whale::whale_curve;
use customer_insight::domain::TimeUnit;
use proptest::prelude::*;

fn params() -> impl Strategy<Value = BgNbdParams> {
    (0.01f64..20.0, 0.01f64..500.0, 0.01f64..50.0, 0.01f64..50.0).prop_map(|(r, alpha, a, b)| BgNbdParams { r, alpha, a, b })
}

/// (frequency, recency, T) with recency ≤ T, recency 0 when frequency is 0.
fn history() -> impl Strategy<Value = (f64, f64, f64)> {
    (0u32..300, 0.0f64..1.0, 0.0f64..2000.0).prop_map(|(x, share, t)| {
        let rec = if x == 0 { 0.0 } else { (share * t).floor() };
        (f64::from(x), rec, t.floor())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn p_alive_is_a_probability(p in params(), (x, rec, t) in history()) {
        let v = p.p_alive(x, rec, t);
        prop_assert!((0.0..=1.0).contains(&v), "{v}");
    }

    #[test]
    fn expected_purchases_do_not_decrease_with_the_horizon(p in params(), (x, rec, t) in history(), h in 1.0f64..400.0) {
        let shorter = p.expected_purchases(h, x, rec, t);
        let longer = p.expected_purchases(2.0 * h, x, rec, t);
        prop_assert!(shorter.is_finite() && longer.is_finite());
        prop_assert!(shorter >= 0.0);
        prop_assert!(longer >= shorter - 1e-9 * (1.0 + shorter), "{shorter} then {longer}");
    }

    #[test]
    fn clv_is_non_negative_and_falls_as_the_discount_rate_rises(
        p in params(), (x, rec, t) in history(), value in 0.0f64..10_000.0, d1 in 0.0f64..0.2, extra in 0.0f64..0.2,
    ) {
        // Every repeat-purchase model behind the seam, on the same four positive numbers.
        use customer_insight::analytics::model::RepeatModel;
        use customer_insight::analytics::{mbg_nbd::MbgNbdParams, pareto_nbd::ParetoNbdParams};
        for model in [
            RepeatModel::BgNbd(p),
            RepeatModel::ParetoNbd(ParetoNbdParams { r: p.r, alpha: p.alpha, s: p.a, beta: p.b }),
            RepeatModel::MbgNbd(MbgNbdParams { r: p.r, alpha: p.alpha, a: p.a, b: p.b }),
        ] {
            let at = |d: f64| {
                let options = ClvOptions { unit: TimeUnit::Days, horizon_months: 12, monthly_discount: d };
                clv(value, discounted_purchases(&model, x, rec, t, &options))
            };
            let (low, high) = (at(d1), at(d1 + extra));
            prop_assert!(low >= 0.0 && high >= 0.0 && low.is_finite(), "{model:?}");
            prop_assert!(high <= low + 1e-9 * (1.0 + low), "{model:?}: {low} then {high}");
        }
    }

    #[test]
    fn pyramid_tiers_partition_the_base(values in prop::collection::vec(-1e6f64..1e6, 0..600)) {
        let ids: Vec<usize> = (0..values.len()).collect();
        let tiers = pyramid(&values, &ids);
        let c = PyramidCounts::of(&tiers);
        let n = values.len();
        prop_assert_eq!(c.total(), n);
        prop_assert_eq!(c.gold, n / 100);
        prop_assert_eq!(c.gold + c.silver, n / 20);
        prop_assert_eq!(c.gold + c.silver + c.iron, n / 5);
    }

    #[test]
    fn whale_curve_ends_at_one_hundred_percent(profit in prop::collection::vec(-1e5f64..1e6, 1..400), points in 1usize..300) {
        let w = whale_curve(&profit, &profit, points);
        let last = w.points.last().unwrap();
        prop_assert_eq!((last.customer_share, last.profit_share), (1.0, 1.0));
        prop_assert!(w.points.windows(2).all(|p| p[0].customer_share <= p[1].customer_share));
        if w.total_profit > 0.0 {
            prop_assert!(w.peak.profit_share >= 1.0 - 1e-12);
        }
    }
}

proptest! {
    #[test]
    fn quintile_scores_follow_their_definition(
        values in prop::collection::vec(prop_oneof![(-1e3f64..1e3), (0u32..40).prop_map(f64::from)], 1..300),
        integers in prop::collection::vec((0u32..60).prop_map(f64::from), 1..300),
        lower in any::<bool>(),
    ) {
        use customer_insight::analytics::rfm::quintiles;
        for column in [&values, &integers] {
            let n = column.len();
            let scores = quintiles(column, lower);
            for (i, &v) in column.iter().enumerate() {
                let worse = column.iter().filter(|&&w| if lower { w > v } else { w < v }).count();
                prop_assert_eq!(scores[i] as usize, (1 + 5 * worse / n).min(5), "value {} in {:?}", v, column);
            }
        }
    }
}
