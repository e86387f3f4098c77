//! The columnar block encoding: every kind of block round-trips any records exactly (any
//! character in ids, products and notes, U+001F and the empty string included; floats to the
//! bit), its ids can be read without its rows, removing a customer's rows leaves the others as
//! they were, and no byte string — cut short, flipped or random — makes decoding panic.

#[path = "support/records.rs"]
mod records;

use customer_insight::domain::blocks::{
    peek_ids, Block, BlockError, BlockKind, CustomerBlock, ExitBlock, InteractionBlock,
    PlanBlock, ResponseBlock, TransactionBlock, BLOCK_ROWS,
};
use customer_insight::domain::bundle::current_customers;
use customer_insight::domain::{Customer, Transaction};
use proptest::collection::vec;
use proptest::prelude::*;
use records::*;

/// Encodes, decodes and compares; then the records come back as given.
fn round_trip<B: Block + std::fmt::Debug>(records: &[B::Record]) -> Result<(), TestCaseError>
where
    B::Record: PartialEq + std::fmt::Debug,
{
    let blocks = B::from_records(records);
    prop_assert_eq!(blocks.iter().map(|b| b.len()).sum::<usize>(), records.len());
    let mut back = Vec::new();
    for block in &blocks {
        prop_assert!(block.len() <= BLOCK_ROWS);
        block.validate().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let bytes = block.encode();
        let decoded = B::decode(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&decoded, block);
        let ids = peek_ids(&bytes, B::KIND).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&ids, block.ids());
        back.extend(decoded.records());
    }
    prop_assert_eq!(back.as_slice(), records);
    Ok(())
}

/// Customers with distinct ids (a block lists each customer once).
fn customers() -> impl Strategy<Value = Vec<Customer>> {
    vec(customer(), 0..12).prop_map(|mut list| {
        for (i, c) in list.iter_mut().enumerate() {
            c.id = format!("{i}\u{1f}{}", c.id);
        }
        list
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn transaction_blocks_round_trip(rows in vec(transaction(), 0..60)) {
        round_trip::<TransactionBlock>(&rows)?;
    }

    #[test]
    fn interaction_blocks_round_trip(rows in vec(interaction(), 0..40)) {
        round_trip::<InteractionBlock>(&rows)?;
    }

    #[test]
    fn exit_blocks_round_trip(rows in vec(exit(), 0..40)) {
        round_trip::<ExitBlock>(&rows)?;
    }

    #[test]
    fn response_blocks_round_trip(rows in vec(response(), 0..40)) {
        round_trip::<ResponseBlock>(&rows)?;
    }

    #[test]
    fn plan_blocks_round_trip(rows in vec(plan(), 0..12)) {
        // A block holds one plan per customer.
        let rows: Vec<_> = rows.into_iter().enumerate().map(|(i, mut p)| { p.customer_id = format!("{i}\u{1f}{}", p.customer_id); p }).collect();
        round_trip::<PlanBlock>(&rows)?;
    }

    #[test]
    fn customer_blocks_round_trip(rows in customers()) {
        round_trip::<CustomerBlock>(&rows)?;
    }

    #[test]
    fn removing_a_customer_keeps_every_other_row_in_order(rows in vec(transaction(), 1..60), pick in any::<prop::sample::Index>()) {
        let gone = rows[pick.index(rows.len())].customer_id.clone();
        let mut block = TransactionBlock::from_records(&rows).remove(0);
        let removed = block.retain_customers(|id| id != gone);
        block.validate().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let expected: Vec<Transaction> = rows.iter().filter(|t| t.customer_id != gone).cloned().collect();
        prop_assert_eq!(removed, rows.len() - expected.len());
        prop_assert_eq!(block.records().collect::<Vec<_>>(), expected);
        prop_assert!(!block.names(&gone));
    }

    #[test]
    fn appending_to_a_block_is_building_it_whole(rows in vec(interaction(), 0..30), split in any::<prop::sample::Index>()) {
        let at = if rows.is_empty() { 0 } else { split.index(rows.len()) };
        let mut block = InteractionBlock::from_records(&rows[..at]).pop().unwrap_or_default();
        block.extend(&rows[at..]);
        prop_assert_eq!(block.records().collect::<Vec<_>>(), rows);
    }

    #[test]
    fn damaged_bytes_never_panic_and_never_pass_as_another_block(rows in vec(transaction(), 1..30), at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>()) {
        let bytes = TransactionBlock::from_records(&rows).remove(0).encode();
        let mut flipped = bytes.clone();
        let i = at.index(flipped.len());
        flipped[i] = byte;
        // A changed byte either fails to decode or decodes to a block that passes every check.
        if let Ok(b) = TransactionBlock::decode(&flipped) {
            b.validate().map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        let _ = TransactionBlock::decode(&bytes[..cut.index(bytes.len())]);
        prop_assert_eq!(
            InteractionBlock::decode(&bytes).unwrap_err(),
            BlockError::WrongKind { expected: BlockKind::Interactions }
        );
    }

    #[test]
    fn random_bytes_never_panic(bytes in vec(any::<u8>(), 0..200)) {
        let _ = TransactionBlock::decode(&bytes);
        let _ = CustomerBlock::decode(&bytes);
        let _ = ResponseBlock::decode(&bytes);
        let _ = PlanBlock::decode(&bytes);
        let _ = peek_ids(&bytes, BlockKind::Exits);
    }
}

#[test]
fn ids_with_the_old_separator_and_the_empty_id_stay_apart() {
    // The separator the first release joined ids with, an empty id, and an id made of it.
    let rows: Vec<Transaction> = ["a\u{1f}b", "", "a", "b", "\u{1f}"]
        .iter()
        .enumerate()
        .map(|(i, id)| Transaction {
            customer_id: (*id).to_owned(),
            kind: customer_insight::domain::TransactionKind::Order,
            date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1 + i as u32).unwrap(),
            amount: customer_insight::domain::Money(100 + i as i64),
            cost: None,
            product: Some((*id).to_owned()),
            quantity: None,
        })
        .collect();
    let block = TransactionBlock::decode(&TransactionBlock::from_records(&rows)[0].encode()).unwrap();
    assert_eq!(block.ids.len(), 5);
    assert_eq!(block.records().collect::<Vec<_>>(), rows);
    let only_empty = TransactionBlock::from_records(&rows[1..2]).remove(0);
    let back = TransactionBlock::decode(&only_empty.encode()).unwrap();
    assert_eq!(back.records().next().unwrap().customer_id, "");
}

#[test]
fn a_later_customer_block_is_the_current_record() {
    let c = |id: &str, name: &str| Customer {
        id: id.into(),
        name: name.into(),
        ..Customer::default()
    };
    let older = CustomerBlock::from_records(&[c("A", "Ann"), c("B", "Bo")]).remove(0);
    let newer = CustomerBlock::from_records(&[c("A", "Ann Lee")]).remove(0);
    let now = current_customers([&older, &newer]);
    assert_eq!(now.len(), 2);
    assert_eq!(now[0].name, "Ann Lee");
    assert_eq!(now[1].name, "Bo");
}

#[test]
fn a_block_is_smaller_than_fixed_width_columns() {
    // 10,000 orders of 2,500 customers over two years: postcard's varints make the day, amount
    // and index columns small (fixed-width would be 45 bytes a row before the ids).
    let d0 = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let rows: Vec<Transaction> = (0..10_000u32)
        .map(|i| Transaction {
            customer_id: format!("C{:06}", i % 2500),
            kind: customer_insight::domain::TransactionKind::Order,
            date: d0 + chrono::Days::new(u64::from(i % 730)),
            amount: customer_insight::domain::Money(i64::from(i % 9000) + 100),
            cost: None,
            product: None,
            quantity: None,
        })
        .collect();
    let bytes = TransactionBlock::from_records(&rows)[0].encode();
    assert!(bytes.len() < 10_000 * 30, "{} bytes", bytes.len());
}
