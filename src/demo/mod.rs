//! The demo company: a seeded, deterministic customer base of a specialty food and
//! kitchen-supplies distributor, built so that every analysis has something to show.
//!
//! "Hearth & Harvest Provisions" sells pantry staples, fine foods, fresh dairy, kitchen
//! equipment and consumables to restaurants, hotels, caterers, retail shops and home cooks in
//! eight British cities. [`generate`] draws about three years of its history: customers with
//! names, companies and contact details (all fictitious: `.example` e-mail domains, Ofcom's
//! drama telephone ranges), orders with per-product costs and margins (loss leaders,
//! promotions and discount weeks give negative-margin lines), returns, service interactions
//! with costs (a minority of demanding customers cost more than they bring), relationship
//! managers on the largest accounts, eight campaigns of every kind with per-customer responses,
//! and exits with every reason.
//!
//! Pure and deterministic: the same [`DemoOptions`] give the same data run after run (the one
//! random generator is a named algorithm seeded from the options; no clock, no OS entropy), so
//! it runs in the browser worker, in tests and natively alike. Native and wasm32 builds take
//! `ln`/`exp` from different math libraries, which may round a last bit differently, so the two
//! platforms' data have the same make-up but are not promised to match record for record.
//!
//! [`generate_blocks`] gives the same company straight as the columnar blocks storage keeps
//! (exactly what converting [`generate`]'s records gives), without a record or a `String` per
//! row: what the browser worker stores. Both lay out one drawing of the company (`draw.rs`),
//! which keeps its rows compact — catalogue text as `&'static str`, company names and e-mail
//! addresses in one buffer each — so that 100,000 customers cost seconds less to make, to
//! convert and to drop.

mod behaviour;
mod campaigns;
mod catalogue;
mod columns;
mod company;
mod draw;
mod people;
mod records;
mod rng;
mod service;
mod textset;
mod timeline;

pub use company::{
    suggested_settings, DemoBlocks, DemoData, DemoError, DemoOptions, COMPANY, CURRENCY,
    MAX_CUSTOMERS, MAX_YEARS,
};
use company::{is_contact, quantile};

/// Generates the demo company (see the module docs).
///
/// Errors when the options are out of range (see [`DemoOptions::window`]).
pub fn generate(options: &DemoOptions) -> Result<DemoData, DemoError> {
    generate_with_progress(options, &mut |_| {})
}

/// [`generate`], reporting progress as a fraction in [0, 1] (rising, ending with 1.0) about
/// fifty times, for a progress bar.
pub fn generate_with_progress(
    options: &DemoOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<DemoData, DemoError> {
    let data = records::generate(options, progress)?;
    progress(1.0);
    Ok(data)
}

/// The demo company of [`generate`] (same options, same data) built straight into columnar
/// blocks, without a record or a `String` per row: what the browser worker stores. Progress
/// as in [`generate_with_progress`].
///
/// Errors when the options are out of range (see [`DemoOptions::window`]).
pub fn generate_blocks(
    options: &DemoOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<DemoBlocks, DemoError> {
    let blocks = columns::generate(options, progress)?;
    progress(1.0);
    Ok(blocks)
}
