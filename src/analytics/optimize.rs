//! A small BFGS minimiser with a strong-Wolfe line search, for the 3- and 4-parameter model fits.
//!
//! Written by hand rather than taken from `argmin`: the problems are tiny and smooth with exact
//! gradients, the minimiser must report honest diagnostics, and `argmin`'s default timer feature
//! pulls browser crates into the pure core on wasm32. The algorithm is Nocedal & Wright,
//! *Numerical Optimization* (2006), Algorithm 6.1 with the line search of Algorithms 3.5/3.6 —
//! the same method scipy's `minimize(method='BFGS')` uses, which `lifetimes` calls.

/// A smooth objective with its gradient. Returns the value and fills `grad`; a non-finite value
/// marks a point outside the domain (the line search then steps back).
pub trait Objective {
    /// f(x), writing ∇f(x) into `grad`.
    fn value_and_gradient(&mut self, x: &[f64], grad: &mut [f64]) -> f64;
}

/// Stopping rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BfgsOptions {
    /// Converged when max |∂f/∂xᵢ| falls below this (scipy's `gtol`; `lifetimes` passes 1e-7).
    pub gradient_tolerance: f64,
    /// Also accepted as converged when the line search can no longer decrease f in floating
    /// point and the gradient is below this looser bound.
    pub precision_floor: f64,
    /// Iteration cap.
    pub max_iterations: u32,
}

impl Default for BfgsOptions {
    fn default() -> Self {
        BfgsOptions {
            gradient_tolerance: 1e-7,
            precision_floor: 1e-4,
            max_iterations: 400,
        }
    }
}

/// Where the minimiser stopped and how.
#[derive(Debug, Clone, PartialEq)]
pub struct BfgsResult {
    /// The best point found.
    pub x: Vec<f64>,
    /// f at `x`.
    pub value: f64,
    /// max |∂f/∂xᵢ| at `x`.
    pub gradient_norm: f64,
    /// Whether a stopping rule for a minimum was met (see `BfgsOptions`).
    pub converged: bool,
    /// BFGS iterations done.
    pub iterations: u32,
    /// Objective evaluations done.
    pub evaluations: u32,
    /// The final inverse-Hessian approximation (row-major rows), for warm starts.
    pub inverse_hessian: Vec<Vec<f64>>,
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn inf_norm(g: &[f64]) -> f64 {
    g.iter().fold(0.0f64, |m, v| m.max(v.abs()))
}

struct Counted<'a, O: Objective + ?Sized> {
    objective: &'a mut O,
    evaluations: u32,
}

impl<O: Objective + ?Sized> Counted<'_, O> {
    fn eval(&mut self, x: &[f64], grad: &mut [f64]) -> f64 {
        self.evaluations += 1;
        let v = self.objective.value_and_gradient(x, grad);
        if v.is_finite() && grad.iter().all(|g| g.is_finite()) {
            v
        } else {
            f64::INFINITY
        }
    }
}

struct Point {
    alpha: f64,
    value: f64,
    slope: f64,
}

/// Minimises `objective` from `x0` by BFGS.
pub fn minimize<O: Objective + ?Sized>(
    objective: &mut O,
    x0: &[f64],
    options: &BfgsOptions,
) -> BfgsResult {
    minimize_from(objective, x0, None, options)
}

/// Minimises `objective` from `x0` by BFGS, starting from the inverse-Hessian approximation
/// `h0` when given (e.g. from a fit on a subsample of the same data), else the identity.
pub fn minimize_from<O: Objective + ?Sized>(
    objective: &mut O,
    x0: &[f64],
    h0: Option<&[Vec<f64>]>,
    options: &BfgsOptions,
) -> BfgsResult {
    let n = x0.len();
    let mut f = Counted {
        objective,
        evaluations: 0,
    };
    let mut x = x0.to_vec();
    let mut g = vec![0.0; n];
    let mut value = f.eval(&x, &mut g);
    let start_h = match h0 {
        Some(h)
            if h.len() == n
                && h.iter()
                    .all(|row| row.len() == n && row.iter().all(|v| v.is_finite())) =>
        {
            h.to_vec()
        }
        _ => identity(n),
    };
    let mut h = start_h;
    let result = |x: Vec<f64>,
                  value: f64,
                  g: &[f64],
                  converged: bool,
                  iterations: u32,
                  evaluations: u32,
                  h: &[Vec<f64>]| BfgsResult {
        gradient_norm: inf_norm(g),
        x,
        value,
        converged,
        iterations,
        evaluations,
        inverse_hessian: h.to_vec(),
    };
    if !value.is_finite() {
        return result(x, value, &g, false, 0, f.evaluations, &h);
    }
    let mut previous_value: Option<f64> = None;
    let mut trial = vec![0.0; n];
    let mut trial_g = vec![0.0; n];
    let mut iterations = 0;
    while iterations < options.max_iterations {
        if inf_norm(&g) < options.gradient_tolerance {
            return result(x, value, &g, true, iterations, f.evaluations, &h);
        }
        let mut p: Vec<f64> = (0..n).map(|i| -dot(&h[i], &g)).collect();
        let mut slope = dot(&g, &p);
        if slope.is_nan() || slope >= 0.0 {
            h = identity(n);
            p = g.iter().map(|v| -v).collect();
            slope = dot(&g, &p);
        }
        // scipy's first-step guess: the step that would reduce f by the last decrease.
        // On the first iteration, a unit step capped so no log-parameter moves by more than 1.
        let alpha0 = match previous_value {
            Some(prev) if slope < 0.0 => 1.01 * 2.0 * (value - prev) / slope,
            _ => 1.0 / inf_norm(&p).max(1e-300),
        };
        let alpha0 = if alpha0.is_finite() {
            alpha0.clamp(1e-10, 1.0)
        } else {
            1.0
        };
        let Some((alpha, new_value)) = line_search(
            &mut f,
            &x,
            value,
            slope,
            &p,
            alpha0,
            &mut trial,
            &mut trial_g,
        ) else {
            let converged = inf_norm(&g) < options.precision_floor;
            return result(x, value, &g, converged, iterations, f.evaluations, &h);
        };
        iterations += 1;
        let s: Vec<f64> = p.iter().map(|v| alpha * v).collect();
        let y: Vec<f64> = trial_g.iter().zip(&g).map(|(a, b)| a - b).collect();
        x.copy_from_slice(&trial);
        g.copy_from_slice(&trial_g);
        previous_value = Some(value);
        value = new_value;
        let sy = dot(&s, &y);
        if sy > 1e-12 * dot(&s, &s).sqrt() * dot(&y, &y).sqrt() && sy > 0.0 {
            bfgs_update(&mut h, &s, &y, sy);
        }
    }
    let converged = inf_norm(&g) < options.gradient_tolerance;
    result(x, value, &g, converged, iterations, f.evaluations, &h)
}

fn identity(n: usize) -> Vec<Vec<f64>> {
    (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect()
}

/// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs) (Nocedal & Wright eq. 6.17).
fn bfgs_update(h: &mut [Vec<f64>], s: &[f64], y: &[f64], sy: f64) {
    let n = s.len();
    let rho = 1.0 / sy;
    let hy: Vec<f64> = (0..n).map(|i| dot(&h[i], y)).collect();
    let yhy = dot(y, &hy);
    for i in 0..n {
        for j in 0..n {
            h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        }
    }
}

/// Strong-Wolfe line search (Nocedal & Wright Algorithm 3.5 with `zoom`, Algorithm 3.6).
/// On success `trial`/`trial_g` hold the accepted point and its gradient.
#[allow(clippy::too_many_arguments)]
fn line_search<O: Objective + ?Sized>(
    f: &mut Counted<'_, O>,
    x: &[f64],
    f0: f64,
    slope0: f64,
    p: &[f64],
    alpha_init: f64,
    trial: &mut [f64],
    trial_g: &mut [f64],
) -> Option<(f64, f64)> {
    const C1: f64 = 1e-4;
    const C2: f64 = 0.9;
    let mut phi = |alpha: f64, trial: &mut [f64], trial_g: &mut [f64]| -> Point {
        for i in 0..x.len() {
            trial[i] = x[i] + alpha * p[i];
        }
        let value = f.eval(trial, trial_g);
        Point {
            alpha,
            value,
            slope: if value.is_finite() {
                dot(trial_g, p)
            } else {
                f64::NAN
            },
        }
    };
    let mut prev = Point {
        alpha: 0.0,
        value: f0,
        slope: slope0,
    };
    let mut alpha = alpha_init;
    let mut best: Option<(f64, f64)> = None;
    for i in 0..40 {
        let cur = phi(alpha, trial, trial_g);
        if !cur.value.is_finite()
            || cur.value > f0 + C1 * alpha * slope0
            || (i > 0 && cur.value >= prev.value)
        {
            return zoom(&mut phi, prev, cur, f0, slope0, trial, trial_g, &mut best);
        }
        if cur.slope.abs() <= -C2 * slope0 {
            return Some((cur.alpha, cur.value));
        }
        if cur.slope >= 0.0 {
            return zoom(&mut phi, cur, prev, f0, slope0, trial, trial_g, &mut best);
        }
        best = Some((cur.alpha, cur.value));
        prev = cur;
        alpha *= 2.0;
    }
    restore(&mut phi, best, trial, trial_g)
}

fn restore(
    phi: &mut impl FnMut(f64, &mut [f64], &mut [f64]) -> Point,
    best: Option<(f64, f64)>,
    trial: &mut [f64],
    trial_g: &mut [f64],
) -> Option<(f64, f64)> {
    let (alpha, _) = best?;
    let p = phi(alpha, trial, trial_g);
    p.value.is_finite().then_some((alpha, p.value))
}

#[allow(clippy::too_many_arguments)]
fn zoom(
    phi: &mut impl FnMut(f64, &mut [f64], &mut [f64]) -> Point,
    mut lo: Point,
    mut hi: Point,
    f0: f64,
    slope0: f64,
    trial: &mut [f64],
    trial_g: &mut [f64],
    best: &mut Option<(f64, f64)>,
) -> Option<(f64, f64)> {
    const C1: f64 = 1e-4;
    const C2: f64 = 0.9;
    if lo.alpha > 0.0 && lo.value < f0 {
        *best = Some((lo.alpha, lo.value));
    }
    for _ in 0..60 {
        let (a, b) = (lo.alpha.min(hi.alpha), lo.alpha.max(hi.alpha));
        let width = b - a;
        if width <= 1e-16 * b.max(1e-300) {
            break;
        }
        // Quadratic interpolation from lo's value and slope and hi's value, kept inside the
        // middle 80% of the bracket; bisection when hi is outside the domain.
        let mut alpha = if hi.value.is_finite() {
            let d = hi.alpha - lo.alpha;
            let denom = 2.0 * (hi.value - lo.value - lo.slope * d);
            if denom > 0.0 {
                lo.alpha - lo.slope * d * d / denom
            } else {
                0.5 * (a + b)
            }
        } else {
            0.5 * (a + b)
        };
        if !alpha.is_finite() || alpha < a + 0.1 * width || alpha > b - 0.1 * width {
            alpha = 0.5 * (a + b);
        }
        let cur = phi(alpha, trial, trial_g);
        if !cur.value.is_finite() || cur.value > f0 + C1 * alpha * slope0 || cur.value >= lo.value {
            hi = cur;
        } else {
            if cur.slope.abs() <= -C2 * slope0 {
                return Some((cur.alpha, cur.value));
            }
            *best = Some((cur.alpha, cur.value));
            if cur.slope * (hi.alpha - lo.alpha) >= 0.0 {
                hi = lo;
            }
            lo = cur;
        }
    }
    // No point satisfied the curvature condition: accept the best sufficient decrease, if any.
    match *best {
        Some((_, v)) if v < f0 => restore(phi, *best, trial, trial_g),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Rosenbrock;
    impl Objective for Rosenbrock {
        fn value_and_gradient(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        }
    }

    #[test]
    fn bfgs_finds_the_rosenbrock_minimum_and_says_it_converged() {
        let r = minimize(&mut Rosenbrock, &[-1.2, 1.0], &BfgsOptions::default());
        assert!(r.converged, "{r:?}");
        assert!(
            (r.x[0] - 1.0).abs() < 1e-6 && (r.x[1] - 1.0).abs() < 1e-6,
            "{r:?}"
        );
        assert!(r.iterations > 10 && r.iterations < 200);
    }

    struct Domain;
    impl Objective for Domain {
        fn value_and_gradient(&mut self, x: &[f64], g: &mut [f64]) -> f64 {
            // −ln x + x, minimum at 1, undefined for x ≤ 0.
            if x[0] <= 0.0 {
                return f64::NAN;
            }
            g[0] = -1.0 / x[0] + 1.0;
            -x[0].ln() + x[0]
        }
    }

    #[test]
    fn bfgs_steps_back_from_points_outside_the_domain() {
        let r = minimize(&mut Domain, &[5.0], &BfgsOptions::default());
        assert!(r.converged && (r.x[0] - 1.0).abs() < 1e-6, "{r:?}");
    }
}
