//! Workspace backups: a round trip over generated workspaces reproduces every record exactly
//! (money, dates, unicode text, floats to the bit), and damaged files — cut short or with any
//! one bit flipped — are refused with a sentence.

use chrono::NaiveDate;
use customer_insight::domain::{
    Cadence, Campaign, CampaignKind, CampaignResponse, CampaignTarget, ContactPlan,
    CurrentQuadrant, Customer, Exit, ExitReason, FutureQuadrant, Interaction, InteractionKind,
    Manager, Money, PyramidBasis, RelationshipLevel, Settings, Threshold, Tier, TimeUnit,
    Transaction, TransactionKind,
};
use customer_insight::export::backup::{
    decode, encode, read_header, Backup, BackupError, BackupSettings, BatchRecord, Damage, Stored,
    StoredBlock, HEADER_LEN,
};
use customer_insight::i18n::Locale;
use customer_insight::import::TransactionColumns;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "(?s).{0,12}",
        Just(String::new()),
        Just("Zoé « Épicerie » 北京客户 🍵".to_owned()),
        Just("a,\"b\"\n\u{1f}c".to_owned()),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    // 1900-01-01 to 2099-12-31.
    (693_596i32..766_644).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
}

fn money() -> impl Strategy<Value = Money> {
    (-1_000_000_000_000i64..1_000_000_000_000).prop_map(Money)
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    (0..all.len()).prop_map(move |i| all[i])
}

fn threshold() -> impl Strategy<Value = Threshold> {
    prop_oneof![
        Just(Threshold::Median),
        (-1e9f64..1e9).prop_map(Threshold::Value)
    ]
}

fn settings() -> impl Strategy<Value = BackupSettings> {
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
                BackupSettings {
                    settings: s,
                    currency,
                }
            },
        )
}

fn customer() -> impl Strategy<Value = Customer> {
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

fn manager() -> impl Strategy<Value = Manager> {
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

fn target() -> impl Strategy<Value = CampaignTarget> {
    prop_oneof![
        Just(CampaignTarget::All),
        pick(Tier::ALL).prop_map(CampaignTarget::Tier),
        text().prop_map(CampaignTarget::Segment),
        pick(CurrentQuadrant::ALL).prop_map(CampaignTarget::CurrentQuadrant),
        pick(FutureQuadrant::ALL).prop_map(CampaignTarget::FutureQuadrant),
    ]
}

fn campaign() -> impl Strategy<Value = Campaign> {
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

fn stored<T: std::fmt::Debug>(
    record: impl Strategy<Value = T>,
) -> impl Strategy<Value = Stored<T>> {
    (text(), option::of(text()), record).prop_map(|(id, batch, record)| Stored {
        id,
        batch,
        record,
    })
}

fn response() -> impl Strategy<Value = CampaignResponse> {
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

fn interaction() -> impl Strategy<Value = Interaction> {
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

fn exit() -> impl Strategy<Value = Exit> {
    (text(), date(), pick(ExitReason::ALL), text()).prop_map(|(customer_id, date, reason, note)| {
        Exit {
            customer_id,
            date,
            reason,
            note,
        }
    })
}

fn plan() -> impl Strategy<Value = ContactPlan> {
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

fn batch() -> impl Strategy<Value = BatchRecord> {
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
            )| BatchRecord {
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

fn transaction() -> impl Strategy<Value = Transaction> {
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

fn block() -> impl Strategy<Value = StoredBlock> {
    (text(), option::of(text()), vec(transaction(), 0..40)).prop_map(|(key, batch, rows)| {
        StoredBlock {
            key,
            batch,
            columns: TransactionColumns::from_transactions(&rows)
                .blocks
                .pop()
                .unwrap_or_default(),
        }
    })
}

/// Gives every record of a store a distinct key (generated keys may repeat).
fn distinct<T>(items: &mut [T], key: impl Fn(&mut T) -> &mut String) {
    for (i, item) in items.iter_mut().enumerate() {
        let k = key(item);
        *k = format!("{i}·{k}");
    }
}

fn workspace() -> impl Strategy<Value = Backup> {
    (
        (text(), text(), text(), option::of(settings())),
        (
            vec(customer(), 0..6),
            vec(manager(), 0..3),
            vec(campaign(), 0..3),
        ),
        (
            vec(stored(response()), 0..3),
            vec(stored(interaction()), 0..4),
            vec(stored(exit()), 0..3),
        ),
        (
            vec(plan(), 0..3),
            vec(batch(), 0..3),
            vec(block(), 0..3),
            vec((text(), text()), 0..3),
        ),
    )
        .prop_map(
            |(
                (workspace_name, created_at, app_version, settings),
                (mut customers, mut managers, mut campaigns),
                (mut responses, mut interactions, mut exits),
                (mut plans, mut batches, mut transactions, mut sheets),
            )| {
                distinct(&mut customers, |c| &mut c.id);
                distinct(&mut managers, |m| &mut m.id);
                distinct(&mut campaigns, |c| &mut c.id);
                distinct(&mut responses, |r| &mut r.id);
                distinct(&mut interactions, |r| &mut r.id);
                distinct(&mut exits, |r| &mut r.id);
                distinct(&mut plans, |p| &mut p.customer_id);
                distinct(&mut batches, |b| &mut b.id);
                distinct(&mut transactions, |b| &mut b.key);
                distinct(&mut sheets, |s| &mut s.0);
                Backup {
                    workspace_name,
                    created_at,
                    app_version,
                    settings,
                    customers,
                    managers,
                    campaigns,
                    responses,
                    interactions,
                    exits,
                    plans,
                    batches,
                    transactions,
                    sheets,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn backup_then_restore_reproduces_every_record(workspace in workspace()) {
        let bytes = encode(&workspace).unwrap();
        let back = decode(&bytes).unwrap();
        prop_assert_eq!(&back, &workspace);
        prop_assert_eq!(back.counts(), workspace.counts());
    }

    #[test]
    fn a_flipped_bit_anywhere_is_refused(workspace in workspace(), at in any::<prop::sample::Index>(), bit in 0u8..8) {
        let mut bytes = encode(&workspace).unwrap();
        let i = at.index(bytes.len());
        bytes[i] ^= 1 << bit;
        let err = decode(&bytes).unwrap_err();
        prop_assert!(!err.to_string().is_empty());
    }
}

/// A small, fixed workspace with one of everything.
fn sample() -> Backup {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let mut b = Backup::new("Épicerie Zoé", "2026-11-23T10:00:00Z");
    b.customers.push(Customer {
        id: "C1".into(),
        name: "Zoé 李".into(),
        tags: vec!["vip".into()],
        acquisition_date: Some(d(2023, 3, 15)),
        ..Customer::default()
    });
    b.managers.push(Manager {
        id: "M1".into(),
        name: "Ana".into(),
        ..Manager::default()
    });
    let rows: Vec<Transaction> = (0..30)
        .map(|i| Transaction {
            customer_id: "C1".into(),
            kind: TransactionKind::Order,
            date: d(2024, 1, 1 + i),
            amount: Money(1000 + i64::from(i)),
            cost: None,
            product: None,
            quantity: None,
        })
        .collect();
    b.transactions.push(StoredBlock {
        key: "B-000000".into(),
        batch: None,
        columns: TransactionColumns::from_transactions(&rows)
            .blocks
            .remove(0),
    });
    b
}

#[test]
fn every_truncation_is_refused_with_a_sentence() {
    let bytes = encode(&sample()).unwrap();
    for len in 0..bytes.len() {
        let err = decode(&bytes[..len]).unwrap_err();
        let expected = if len < 8 {
            BackupError::NotABackup
        } else {
            BackupError::Damaged(Damage::Truncated)
        };
        assert_eq!(err, expected, "cut to {len} bytes");
    }
    assert_eq!(
        decode(&bytes[..bytes.len() - 1]).unwrap_err().to_string(),
        "The backup is damaged: the file is cut short. It cannot be restored."
    );
    assert_eq!(
        decode(&bytes[..HEADER_LEN + 3])
            .unwrap_err()
            .sentence(Locale::Es),
        "La copia de seguridad está dañada: el archivo está incompleto. No se puede restaurar."
    );
}

#[test]
fn every_single_bit_flip_is_refused_with_a_sentence() {
    let bytes = encode(&sample()).unwrap();
    for i in 0..bytes.len() {
        for bit in 0..8 {
            let mut damaged = bytes.clone();
            damaged[i] ^= 1 << bit;
            let err = decode(&damaged).unwrap_err();
            match i {
                0..8 => assert_eq!(err, BackupError::NotABackup),
                _ => assert_eq!(
                    err,
                    BackupError::Damaged(Damage::Checksum),
                    "byte {i} bit {bit}"
                ),
            }
        }
    }
    let mut damaged = bytes.clone();
    damaged[HEADER_LEN + 20] ^= 4;
    assert_eq!(
        decode(&damaged).unwrap_err().to_string(),
        "The backup is damaged: its contents do not match their checksum. It cannot be restored."
    );
}

#[test]
fn extra_bytes_after_the_payload_are_refused() {
    let mut bytes = encode(&sample()).unwrap();
    bytes.push(0);
    assert_eq!(
        decode(&bytes).unwrap_err(),
        BackupError::Damaged(Damage::Unreadable)
    );
}

#[test]
fn big_blocks_round_trip_in_blocks_of_ten_thousand() {
    let d0 = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let rows: Vec<Transaction> = (0..25_000u32)
        .map(|i| Transaction {
            customer_id: format!("C{:05}", (i * 7919) % 3000),
            kind: if i % 17 == 0 {
                TransactionKind::Return
            } else {
                TransactionKind::Order
            },
            date: d0 + chrono::Days::new(u64::from(i / 40)),
            amount: Money(i64::from(i % 50_000) * 3 + 1),
            cost: (i % 3 == 0).then(|| Money(i64::from(i % 700))),
            product: (i % 4 != 0).then(|| format!("P{}", i % 60)),
            quantity: (i % 5 == 0).then(|| f64::from(i % 9) / 4.0),
        })
        .collect();
    let mut b = sample();
    b.transactions = TransactionColumns::from_transactions(&rows)
        .blocks
        .into_iter()
        .enumerate()
        .map(|(n, columns)| StoredBlock {
            key: format!("B-{n:06}"),
            batch: Some("B".into()),
            columns,
        })
        .collect();
    let bytes = encode(&b).unwrap();
    let header = read_header(&bytes).unwrap();
    assert_eq!(header.payload_len as usize + HEADER_LEN, bytes.len());
    let back = decode(&bytes).unwrap();
    assert_eq!(back, b);
    assert_eq!(back.counts().transactions, 25_000);
    let again: Vec<Transaction> = back
        .transactions
        .iter()
        .flat_map(|s| s.columns.transactions())
        .collect();
    assert_eq!(again, rows);
}

/// `cargo test --release --test export_backup -- --ignored --nocapture million`
#[test]
#[ignore = "timing: run in release"]
fn a_million_transaction_backup_encodes_and_decodes_in_about_a_second() {
    let d0 = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let rows: Vec<Transaction> = (0..1_000_000u32)
        .map(|i| Transaction {
            customer_id: format!("C{:07}", next() % 250_000 + 1),
            kind: TransactionKind::Order,
            date: d0 + chrono::Days::new(u64::from(i / 1000)),
            amount: Money((next() % 20_000) as i64 + 100),
            cost: None,
            product: None,
            quantity: None,
        })
        .collect();
    let mut b = sample();
    b.transactions = TransactionColumns::from_transactions(&rows)
        .blocks
        .into_iter()
        .enumerate()
        .map(|(n, columns)| StoredBlock {
            key: format!("B-{n:06}"),
            batch: None,
            columns,
        })
        .collect();
    let started = std::time::Instant::now();
    let bytes = encode(&b).unwrap();
    let encoded = started.elapsed();
    let started = std::time::Instant::now();
    let back = decode(&bytes).unwrap();
    let decoded = started.elapsed();
    assert_eq!(back.counts().transactions, 1_000_000);
    println!(
        "1,000,000 transactions: backup {:.1} MB, encode {:.0} ms, decode {:.0} ms",
        bytes.len() as f64 / 1e6,
        encoded.as_secs_f64() * 1e3,
        decoded.as_secs_f64() * 1e3
    );
}
