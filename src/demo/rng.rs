//! The demo's seeded random source: one named generator, an independent stream per customer
//! and purpose, and the few draws the generator needs (never reading the OS's entropy).
//!
//! `Xoshiro256PlusPlus` is a named algorithm with a fixed output for a given seed (rand's
//! `StdRng`/`SmallRng` make no such promise across versions). Each customer gets its own stream
//! per purpose (profile, purchases, record, service), seeded from (seed, purpose, index) through
//! SplitMix64, so changing how one part draws leaves the other parts' data unchanged.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use rand_distr::{Beta, Distribution, Gamma};

/// The purposes a stream is drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// Segment, channel, city, latent behaviour.
    Profile = 1,
    /// Purchases, returns, campaign responses and exits.
    Purchases = 2,
    /// Names and contact details.
    Record = 3,
    /// Interactions.
    Service = 4,
    /// Company-wide draws (managers).
    Company = 5,
}

/// SplitMix64's finaliser (Steele, Lea & Flood 2014): spreads nearby seeds far apart.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seeded random stream with the draws the demo uses.
pub(crate) struct Rng(Xoshiro256PlusPlus);

impl Rng {
    /// The stream for (`seed`, `purpose`, `index`).
    pub fn stream(seed: u64, purpose: Purpose, index: u64) -> Rng {
        let key = mix(seed ^ mix((purpose as u64) << 56 ^ mix(index)));
        Rng(Xoshiro256PlusPlus::seed_from_u64(key))
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// True with probability `p` (p outside [0, 1] acts as clamped).
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform integer in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.0.random_range(0..n)
        }
    }

    /// Uniform integer in lo..=hi (lo when the range is empty).
    pub fn int(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            lo
        } else {
            self.0.random_range(lo..=hi)
        }
    }

    /// Uniform in [lo, hi).
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Exponential with the given mean, by inversion: −mean · ln(1 − U), U in [0, 1).
    pub fn exp(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.unit()).ln()
    }

    /// Gamma with shape and scale (mean shape · scale); the mean when the parameters are unusable.
    pub fn gamma(&mut self, shape: f64, scale: f64) -> f64 {
        match Gamma::new(shape, scale) {
            Ok(g) => g.sample(&mut self.0),
            Err(_) => shape * scale,
        }
    }

    /// Beta(a, b); the mean a / (a + b) when the parameters are unusable.
    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        match Beta::new(a, b) {
            Ok(d) => d.sample(&mut self.0),
            Err(_) => a / (a + b),
        }
    }

    /// A multiplicative noise factor with median 1: exp(σ·Z), Z standard normal (Box–Muller).
    pub fn noise(&mut self, sigma: f64) -> f64 {
        let u1 = 1.0 - self.unit();
        let u2 = self.unit();
        let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        (sigma * z).exp()
    }

    /// One item of `items`, uniformly (the default value for an empty slice).
    pub fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        items
            .get(self.below(items.len()))
            .copied()
            .unwrap_or_default()
    }

    /// An index drawn with probability proportional to `weights` (the last index when the
    /// weights do not sum to a positive number).
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
        let last = weights.len().saturating_sub(1);
        if total <= 0.0 || !total.is_finite() {
            return last;
        }
        let mut target = self.unit() * total;
        for (i, &w) in weights.iter().enumerate() {
            if w <= 0.0 {
                continue;
            }
            if target < w {
                return i;
            }
            target -= w;
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_by_purpose_and_index_and_repeat_by_seed() {
        let draw = |seed, purpose, index| {
            let mut r = Rng::stream(seed, purpose, index);
            (0..4).map(|_| r.unit()).collect::<Vec<_>>()
        };
        assert_eq!(draw(1, Purpose::Profile, 7), draw(1, Purpose::Profile, 7));
        assert_ne!(draw(1, Purpose::Profile, 7), draw(1, Purpose::Profile, 8));
        assert_ne!(draw(1, Purpose::Profile, 7), draw(1, Purpose::Record, 7));
        assert_ne!(draw(1, Purpose::Profile, 7), draw(2, Purpose::Profile, 7));
    }

    #[test]
    fn weighted_draws_skip_zero_weights_and_survive_bad_ones() {
        let mut r = Rng::stream(3, Purpose::Company, 0);
        for _ in 0..200 {
            assert_ne!(r.weighted(&[1.0, 0.0, 2.0]), 1);
        }
        assert_eq!(r.weighted(&[0.0, 0.0]), 1);
        assert_eq!(r.weighted(&[]), 0);
        assert_eq!(r.int(5, 5), 5);
        assert_eq!(r.below(0), 0);
    }
}
