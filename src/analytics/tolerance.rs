//! The agreement tolerances with `lifetimes` (METRICS.md), in one place for the reference tests.

/// Fitted parameters: relative difference.
pub const PARAMS_RELATIVE: f64 = 0.01;
/// Per-customer P(alive): absolute difference.
pub const P_ALIVE_ABSOLUTE: f64 = 0.005;
/// Expected purchases and CLV: relative difference…
pub const VALUE_RELATIVE: f64 = 0.01;
/// …or this absolute difference where the reference value is below 1.
pub const VALUE_ABSOLUTE_BELOW_ONE: f64 = 0.01;

/// Whether `ours` agrees with `reference` as METRICS.md requires of expected purchases and CLV.
pub fn values_agree(ours: f64, reference: f64) -> bool {
    if reference.abs() < 1.0 {
        (ours - reference).abs() <= VALUE_ABSOLUTE_BELOW_ONE
    } else {
        ((ours - reference) / reference).abs() <= VALUE_RELATIVE
    }
}

/// Whether a fitted parameter agrees within `PARAMS_RELATIVE`.
pub fn params_agree(ours: f64, reference: f64) -> bool {
    ((ours - reference) / reference).abs() <= PARAMS_RELATIVE
}
