//! Special functions the models need beyond `statrs`: the Gauss hypergeometric series and the
//! forms of it the BG/NBD and Pareto/NBD formulas use.
//!
//! Written by hand because no maintained pure-Rust crate offers 2F1 without heavy
//! dependencies (BLAS, nalgebra, C bindings), and the models only need real arguments with
//! 0 ≤ z < 1 where the series, after an Euler transform, converges quickly.

/// Most terms summed before giving up (z extremely close to 1).
const MAX_TERMS: usize = 2_000_000;

/// The Gauss series 2F1(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ for 0 ≤ z < 1
/// (Abramowitz & Stegun 15.1.1).
///
/// Returns `None` when c is a non-positive integer (a pole), z is outside [0, 1), the sum
/// overflows, or it does not settle within `MAX_TERMS` terms.
pub fn hyp2f1_series(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(0.0..1.0).contains(&z) || !a.is_finite() || !b.is_finite() || !c.is_finite() {
        return None;
    }
    if c <= 0.0 && c == c.floor() {
        return None;
    }
    let mut sum = 1.0f64;
    let mut term = 1.0f64;
    let mut n = 0.0f64;
    for i in 0..MAX_TERMS {
        let denominator = (c + n) * (n + 1.0);
        if denominator == 0.0 {
            return None;
        }
        term *= (a + n) * (b + n) / denominator * z;
        sum += term;
        n += 1.0;
        if !sum.is_finite() {
            return None;
        }
        // Stop when the terms are negligible and shrinking: once n exceeds |a|, |b|, |c| the
        // term ratio is below one and decreasing toward z, so the tail is bounded by a
        // geometric series term·z/(1−z).
        if term == 0.0 {
            return Some(sum);
        }
        if n > a.abs() + b.abs() + c.abs() + 1.0 || i > 64 {
            let ratio = ((a + n) * (b + n) / ((c + n) * (n + 1.0)) * z).abs();
            if ratio < 1.0 {
                let tail = term.abs() * ratio / (1.0 - ratio);
                if tail <= 1e-16 * sum.abs() {
                    return Some(sum);
                }
            }
        }
    }
    None
}

/// The bracket of the BG/NBD conditional expectation (Fader, Hardie & Lee 2005, eq. 10):
/// 1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z) with z = t/(α+T+t).
///
/// Two equal forms are available. The direct one (what `lifetimes` evaluates first) has
/// numerator parameters r+x and b+x, so its terms first grow like x·z for frequent buyers and
/// overflow. Euler's transformation 2F1(A,B;C;z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z) gives
/// 1 − (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z), whose numerator parameters do not grow
/// with x (the form `lifetimes` falls back to) but do grow with a. The form whose terms start
/// smaller is tried first, the other if it fails.
pub fn bg_nbd_bracket(
    r: f64,
    alpha: f64,
    a: f64,
    b: f64,
    x: f64,
    t_cal: f64,
    t: f64,
) -> Option<f64> {
    if t <= 0.0 {
        return Some(0.0);
    }
    let denom = alpha + t_cal + t;
    let z = t / denom;
    let ln_one_minus_z = ((alpha + t_cal) / denom).ln();
    let c = a + b + x - 1.0;
    let direct = || -> Option<f64> {
        let f = hyp2f1_series(r + x, b + x, c, z)?;
        if f <= 0.0 {
            return None;
        }
        Some(1.0 - (f.ln() + (r + x) * ln_one_minus_z).exp())
    };
    let euler = || -> Option<f64> {
        let f = hyp2f1_series(a + b - 1.0 - r, a - 1.0, c, z)?;
        Some(1.0 - f * ((a - 1.0) * ln_one_minus_z).exp())
    };
    let growth_direct = ((r + x) * (b + x) / c).abs();
    let growth_euler = ((a + b - 1.0 - r) * (a - 1.0) / c).abs();
    let value = if growth_euler <= growth_direct {
        euler().or_else(direct)
    } else {
        direct().or_else(euler)
    };
    value.filter(|v| v.is_finite())
}

/// ln 2F1(a, b; a+1; z) for a > 0, b ≥ 0 and 0 ≤ z < 1: the hypergeometric of the Pareto/NBD
/// likelihood (Fader, Hardie & Lee 2005, note 009, eq. 19–20).
///
/// Evaluated through Euler's transformation 2F1(a, b; a+1; z) = (1−z)^(1−b) · 2F1(1, a+1−b;
/// a+1; z): the direct series has terms growing like (b)ₙ zⁿ/n! (overflow for frequent
/// buyers, whose b = r+x is large), the transformed one has positive terms whose ratio
/// (a+1−b+n)/(a+1+n)·z stays below z, so it never overflows and its tail is bounded. `None`
/// outside the domain or when the series does not settle.
pub fn ln_hyp2f1_a_a1(a: f64, b: f64, z: f64) -> Option<f64> {
    if !(a > 0.0 && b >= 0.0 && (0.0..1.0).contains(&z)) {
        return None;
    }
    if z == 0.0 {
        return Some(0.0);
    }
    let f = hyp2f1_series(1.0, a + 1.0 - b, a + 1.0, z)?;
    (f > 0.0).then(|| (1.0 - b) * (-z).ln_1p() + f.ln())
}

/// ln(eᵃ + eᵇ) without overflow.
#[inline]
pub fn log_add_exp(a: f64, b: f64) -> f64 {
    let m = a.max(b);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + ((a - m).exp() + (b - m).exp()).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyp2f1_matches_closed_forms() {
        // 2F1(1,1;2;z) = −ln(1−z)/z
        for z in [0.1, 0.5, 0.9, 0.99] {
            let v = hyp2f1_series(1.0, 1.0, 2.0, z).unwrap();
            let exact = -(1.0f64 - z).ln() / z;
            assert!((v - exact).abs() < 1e-12 * exact, "z={z}: {v} vs {exact}");
        }
        // 2F1(a,b;b;z) = (1−z)^(−a)
        let v = hyp2f1_series(0.7, 3.0, 3.0, 0.6).unwrap();
        assert!((v - 0.4f64.powf(-0.7)).abs() < 1e-12);
    }

    #[test]
    fn bg_nbd_bracket_survives_huge_beta_parameters_and_huge_frequencies() {
        // a and b in the millions (dropout almost deterministic): the Euler series overflows,
        // the direct one converges.
        let v = bg_nbd_bracket(0.55, 26.9, 3.0e6, 9.5e6, 3.0, 182.0, 360.0).unwrap();
        assert!(v.is_finite() && v > 0.0 && v < 1.0, "{v}");
        // x in the thousands: the direct series overflows, the Euler one converges.
        let v = bg_nbd_bracket(0.24, 4.4, 0.79, 2.4, 5000.0, 700.0, 52.0).unwrap();
        assert!(v.is_finite(), "{v}");
    }

    #[test]
    fn hyp2f1_rejects_poles_and_z_at_one() {
        assert!(hyp2f1_series(1.0, 1.0, -2.0, 0.5).is_none());
        assert!(hyp2f1_series(1.0, 1.0, 2.0, 1.0).is_none());
    }

    #[test]
    fn bg_nbd_bracket_agrees_with_the_direct_series() {
        let (r, alpha, a, b): (f64, f64, f64, f64) = (0.243, 4.414, 0.793, 2.426);
        for (x, t_cal, t) in [
            (0.0f64, 38.86f64, 39.0f64),
            (2.0, 30.0, 10.0),
            (7.0, 20.0, 52.0),
        ] {
            let z = t / (alpha + t_cal + t);
            let direct = 1.0
                - ((alpha + t_cal) / (alpha + t_cal + t)).powf(r + x)
                    * hyp2f1_series(r + x, b + x, a + b + x - 1.0, z).unwrap();
            let euler = bg_nbd_bracket(r, alpha, a, b, x, t_cal, t).unwrap();
            assert!((direct - euler).abs() < 1e-12, "{direct} vs {euler}");
        }
    }
}
