//! Generators of arbitrary records for property tests (shared by the test files that
//! include this module): text with every awkward character, dates of the range imports accept,
//! money, and one generator per domain record.
#![allow(dead_code)]

use chrono::NaiveDate;
use customer_insight::domain::bundle::{ImportBatch, WorkspaceSettings};
use customer_insight::domain::{
    Cadence, Campaign, CampaignKind, CampaignResponse, CampaignTarget, ContactPlan,
    CurrentQuadrant, Customer, Exit, ExitReason, FutureQuadrant, Interaction, InteractionKind,
    Manager, Money, PyramidBasis, RelationshipLevel, Settings, Threshold, Tier, TimeUnit,
    Transaction, TransactionKind,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "(?s).{0,12}",
        Just(String::new()),
        Just("Zoé « Épicerie » 北京客户 🍵".to_owned()),
        Just("a,\"b\"\n\u{1f}c".to_owned()),
    ]
}

pub fn date() -> impl Strategy<Value = NaiveDate> {
    // 1900-01-01 to 2099-12-31.
    (693_596i32..766_644).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
}

pub fn money() -> impl Strategy<Value = Money> {
    (-1_000_000_000_000i64..1_000_000_000_000).prop_map(Money)
}

pub fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    (0..all.len()).prop_map(move |i| all[i])
}

pub fn threshold() -> impl Strategy<Value = Threshold> {
    prop_oneof![
        Just(Threshold::Median),
        (-1e9f64..1e9).prop_map(Threshold::Value)
    ]
}

pub fn settings() -> impl Strategy<Value = WorkspaceSettings> {
    (
        (option::of(date()), option::of(date()), 0.0f64..1.0, money()),
        vec((pick(InteractionKind::ALL), money()), 0..4),
        (
            0.0f64..1.0,
            1u32..120,
            pick(TimeUnit::ALL),
            pick(PyramidBasis::ALL),
            0.0f64..1.0,
        ),
        (threshold(), threshold(), threshold(), threshold()),
        "[A-Z]{3}",
    )
        .prop_map(
            |(
                (as_of, start, margin, per_order),
                costs,
                (annual, horizon, unit, basis, risk),
                t,
                currency,
            )| {
                let mut s = Settings {
                    as_of,
                    default_margin: margin,
                    cost_per_order: per_order,
                    annual_discount_rate: annual,
                    clv_horizon_months: horizon,
                    time_unit: unit,
                    pyramid_basis: basis,
                    at_risk_p_alive: risk,
                    ..Settings::default()
                };
                s.window.start = start;
                s.interaction_costs.costs = costs;
                s.quadrant_thresholds.gross_margin = t.0;
                s.quadrant_thresholds.cost_to_serve = t.1;
                s.quadrant_thresholds.profit = t.2;
                s.quadrant_thresholds.future_profit = t.3;
                WorkspaceSettings {
                    settings: s,
                    currency,
                }
            },
        )
}

pub fn customer() -> impl Strategy<Value = Customer> {
    (
        (
            text(),
            text(),
            option::of(text()),
            option::of(text()),
            option::of(text()),
            option::of(text()),
        ),
        (
            option::of(text()),
            option::of(text()),
            option::of(date()),
            vec(text(), 0..3),
            text(),
        ),
        (option::of(pick(RelationshipLevel::ALL)), option::of(text())),
    )
        .prop_map(
            |(
                (id, name, company, email, phone, address),
                (segment, channel, acquired, tags, notes),
                (relationship_level, manager_id),
            )| Customer {
                id,
                name,
                company,
                email,
                phone,
                address,
                segment,
                acquisition_channel: channel,
                acquisition_date: acquired,
                tags,
                notes,
                relationship_level,
                manager_id,
            },
        )
}

pub fn manager() -> impl Strategy<Value = Manager> {
    (
        text(),
        text(),
        option::of(text()),
        option::of(text()),
        text(),
    )
        .prop_map(|(id, name, email, phone, notes)| Manager {
            id,
            name,
            email,
            phone,
            notes,
        })
}

pub fn target() -> impl Strategy<Value = CampaignTarget> {
    prop_oneof![
        Just(CampaignTarget::All),
        pick(Tier::ALL).prop_map(CampaignTarget::Tier),
        text().prop_map(CampaignTarget::Segment),
        pick(CurrentQuadrant::ALL).prop_map(CampaignTarget::CurrentQuadrant),
        pick(FutureQuadrant::ALL).prop_map(CampaignTarget::FutureQuadrant),
    ]
}

pub fn campaign() -> impl Strategy<Value = Campaign> {
    (
        text(),
        text(),
        pick(CampaignKind::ALL),
        date(),
        option::of(date()),
        money(),
        target(),
        text(),
    )
        .prop_map(
            |(id, name, kind, start, end, cost, target, description)| Campaign {
                id,
                name,
                kind,
                start,
                end,
                cost,
                target,
                description,
            },
        )
}

pub fn response() -> impl Strategy<Value = CampaignResponse> {
    (
        text(),
        text(),
        date(),
        any::<bool>(),
        text(),
        option::of(money()),
    )
        .prop_map(
            |(campaign_id, customer_id, date, responded, note, revenue)| CampaignResponse {
                campaign_id,
                customer_id,
                date,
                responded,
                note,
                revenue,
            },
        )
}

pub fn interaction() -> impl Strategy<Value = Interaction> {
    (
        text(),
        pick(InteractionKind::ALL),
        date(),
        option::of(money()),
        text(),
        option::of(text()),
    )
        .prop_map(
            |(customer_id, kind, date, cost, note, outcome)| Interaction {
                customer_id,
                kind,
                date,
                cost,
                note,
                outcome,
            },
        )
}

pub fn exit() -> impl Strategy<Value = Exit> {
    (text(), date(), pick(ExitReason::ALL), text()).prop_map(|(customer_id, date, reason, note)| {
        Exit {
            customer_id,
            date,
            reason,
            note,
        }
    })
}

pub fn plan() -> impl Strategy<Value = ContactPlan> {
    (
        text(),
        pick(Cadence::ALL),
        option::of(date()),
        option::of(date()),
    )
        .prop_map(
            |(customer_id, cadence, next_due, last_contact)| ContactPlan {
                customer_id,
                cadence,
                next_due,
                last_contact,
            },
        )
}

pub fn batch() -> impl Strategy<Value = ImportBatch> {
    (
        (
            text(),
            text(),
            text(),
            text(),
            any::<u64>(),
            any::<u64>(),
            any::<u64>(),
        ),
        (
            vec(text(), 0..3),
            vec(customer(), 0..2),
            vec(text(), 0..2),
            vec(text(), 0..2),
            vec(text(), 0..2),
        ),
        (option::of(settings()), any::<bool>()),
    )
        .prop_map(
            |(
                (id, kind, file_name, imported_at, rows, stored, skipped),
                (
                    created_customers,
                    previous_customers,
                    created_managers,
                    created_campaigns,
                    created_plans,
                ),
                (previous_settings, reverted),
            )| ImportBatch {
                id,
                kind,
                file_name,
                imported_at,
                rows,
                stored,
                skipped,
                created_customers,
                previous_customers,
                created_managers,
                created_campaigns,
                created_plans,
                previous_settings,
                reverted,
            },
        )
}

pub fn transaction() -> impl Strategy<Value = Transaction> {
    (
        prop_oneof![text(), "C[0-9]{2}"],
        pick(TransactionKind::ALL),
        date(),
        (0i64..1_000_000_000_000).prop_map(Money),
        option::of((0i64..1_000_000_000).prop_map(Money)),
        option::of(prop_oneof![text(), "P[0-9]"]),
        option::of(prop_oneof![
            -1e6f64..1e6,
            Just(0.1),
            Just(f64::MAX),
            Just(-0.0)
        ]),
    )
        .prop_map(
            |(customer_id, kind, date, amount, cost, product, quantity)| Transaction {
                customer_id,
                kind,
                date,
                amount,
                cost,
                product,
                quantity,
            },
        )
}

