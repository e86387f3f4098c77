//! Workspace backups: a round trip over generated workspaces reproduces every record exactly
//! (money, dates, unicode text, floats to the bit), damaged files — cut short or with any one
//! bit flipped — are refused with a sentence, and a file of the first format (records kept one
//! by one) still restores, as blocks.

#[path = "support/records.rs"]
mod records;

use chrono::NaiveDate;
use customer_insight::domain::blocks::{
    block_key, Block, CustomerBlock, ExitBlock, InteractionBlock, ResponseBlock, Stored,
    TransactionBlock,
};
use customer_insight::domain::bundle::{Bundle, Sheet};
use customer_insight::domain::{Customer, Manager, Money, Transaction, TransactionKind};
use customer_insight::export::backup::{
    decode, encode, read_header, Backup, BackupError, Damage, HEADER_LEN,
};
use customer_insight::i18n::{Locale, Sentence};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use records::*;

/// Layers of blocks of one kind, with distinct keys in write order.
fn layers<B: Block + std::fmt::Debug>(
    rows: impl Strategy<Value = Vec<B::Record>>,
) -> impl Strategy<Value = Vec<Stored<B>>>
where
    B::Record: std::fmt::Debug,
{
    vec((option::of(text()), rows), 0..3).prop_map(|groups| {
        groups
            .into_iter()
            .enumerate()
            .filter_map(|(n, (batch, rows))| {
                B::from_records(&rows).pop().map(|block| Stored {
                    key: block_key(n as u64 + 1, &format!("{n}")),
                    batch,
                    block,
                })
            })
            .collect()
    })
}

fn distinct_customers() -> impl Strategy<Value = Vec<Customer>> {
    vec(customer(), 0..5).prop_map(|mut list| {
        for (i, c) in list.iter_mut().enumerate() {
            c.id = format!("{i}·{}", c.id);
        }
        list
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
            layers::<CustomerBlock>(distinct_customers()),
            vec(manager(), 0..3),
            vec(campaign(), 0..3),
        ),
        (
            layers::<ResponseBlock>(vec(response(), 0..3)),
            layers::<InteractionBlock>(vec(interaction(), 0..4)),
            layers::<ExitBlock>(vec(exit(), 0..3)),
        ),
        (
            vec(plan(), 0..3),
            vec(batch(), 0..3),
            layers::<TransactionBlock>(vec(transaction(), 0..40)),
            vec((text(), text()), 0..3),
        ),
    )
        .prop_map(
            |(
                (workspace_name, created_at, app_version, settings),
                (customers, mut managers, mut campaigns),
                (responses, interactions, exits),
                (mut plans, mut batches, transactions, sheets),
            )| {
                distinct(&mut managers, |m| &mut m.id);
                distinct(&mut campaigns, |c| &mut c.id);
                distinct(&mut plans, |p| &mut p.customer_id);
                distinct(&mut batches, |b| &mut b.id);
                let sheets = sheets
                    .into_iter()
                    .enumerate()
                    .map(|(i, (key, json))| Sheet {
                        key: format!("{i}·{key}"),
                        json,
                    })
                    .collect();
                Backup {
                    workspace_name,
                    created_at,
                    app_version,
                    bundle: Bundle {
                        settings,
                        sheets,
                        managers,
                        campaigns,
                        plans,
                        batches,
                        customers,
                        transactions,
                        interactions,
                        exits,
                        responses,
                    },
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

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/backup")
            .join(name),
    )
    .unwrap()
}

/// A backup the first format wrote (by the release before the columnar store, see
/// `v1_small.cibackup`): every record comes back, the ones kept one by one now as blocks.
#[test]
fn a_first_format_backup_restores_every_record_as_blocks() {
    let b = decode(&fixture("v1_small.cibackup")).unwrap();
    assert_eq!(b.workspace_name, "Tienda Núñez");
    let counts = b.counts();
    assert_eq!(
        (counts.customers, counts.transactions, counts.interactions, counts.exits, counts.responses, counts.plans, counts.batches),
        (2, 2, 2, 1, 1, 1, 1)
    );
    let customers = b.bundle.current_customers();
    assert_eq!(customers[0].name, "Zoé 客户");
    assert_eq!(customers[0].tags, vec!["vip".to_owned(), "a\u{1f}b".to_owned()]);
    assert_eq!(customers[1].id, "");
    assert_eq!(customers[1].name, "Nameless \"quoted\"\ttab");
    let txs: Vec<Transaction> = b.bundle.transactions.iter().flat_map(|s| s.block.records()).collect();
    assert_eq!(txs[0].product.as_deref(), Some("té"));
    assert_eq!(txs[0].quantity, Some(0.1));
    assert_eq!(txs[1].customer_id, "");
    assert_eq!(txs[1].cost, Some(Money(200)));
    assert_eq!(b.bundle.transactions[0].batch.as_deref(), Some("B"));
    // Interactions of the import keep its batch (so it can still be reverted); those entered by
    // hand form a block of their own.
    let batches: Vec<Option<&str>> = b.bundle.interactions.iter().map(|s| s.batch.as_deref()).collect();
    assert_eq!(batches, vec![Some("B"), None]);
    let notes: Vec<String> = b.bundle.interactions.iter().flat_map(|s| s.block.records()).map(|i| i.note).collect();
    assert_eq!(notes, vec!["called\u{1f}back".to_owned(), String::new()]);
    let settings = b.bundle.settings.as_ref().unwrap();
    assert_eq!(settings.currency, "EUR");
    assert_eq!(
        settings.settings.quadrant_thresholds.profit,
        customer_insight::domain::Threshold::Value(0.1 + 0.2)
    );
    assert_eq!(b.bundle.sheets[0].json, "{\"gold\":3}");
    // Written again, it is a file of today's format that reads back the same.
    assert_eq!(decode(&encode(&b).unwrap()).unwrap(), b);
}

/// A small, fixed workspace with one of everything.
fn sample() -> Backup {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let mut b = Backup::new("Épicerie Zoé", "2026-11-23T10:00:00Z");
    let customer = Customer {
        id: "C1".into(),
        name: "Zoé 李".into(),
        tags: vec!["vip".into()],
        acquisition_date: Some(d(2023, 3, 15)),
        ..Customer::default()
    };
    b.bundle.customers.push(Stored {
        key: block_key(1, "customers"),
        batch: None,
        block: CustomerBlock::from_records(&[customer]).remove(0),
    });
    b.bundle.managers.push(Manager {
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
    b.bundle.transactions.push(Stored {
        key: block_key(1, "B-000000"),
        batch: None,
        block: TransactionBlock::from_records(&rows).remove(0),
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
    b.bundle.transactions = TransactionBlock::from_records(&rows)
        .into_iter()
        .enumerate()
        .map(|(n, block)| Stored {
            key: block_key(2, &format!("B-{n:06}")),
            batch: Some("B".into()),
            block,
        })
        .collect();
    let bytes = encode(&b).unwrap();
    let header = read_header(&bytes).unwrap();
    assert_eq!(header.payload_len as usize + HEADER_LEN, bytes.len());
    let back = decode(&bytes).unwrap();
    assert_eq!(back, b);
    assert_eq!(back.counts().transactions, 25_000);
    let again: Vec<Transaction> = back
        .bundle
        .transactions
        .iter()
        .flat_map(|s| s.block.records())
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
    b.bundle.transactions = TransactionBlock::from_records(&rows)
        .into_iter()
        .enumerate()
        .map(|(n, block)| Stored {
            key: block_key(2, &format!("B-{n:06}")),
            batch: None,
            block,
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
