//! Create or update: which imported customers are new and which update an existing customer
//! (matched by id or by e-mail), and the merged records, where every non-empty imported field
//! overrides the stored one and empty ones keep it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::mapping::CustomerKey;
use super::parse::ImportedRow;
use super::plan::{Problem, RowProblem};
use crate::domain::Customer;

/// An existing customer and what the import makes of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerUpdate {
    /// The file row (1-based, the header being row 1).
    pub row: u64,
    /// The customer as stored now (kept by the import batch, so that it can be reverted).
    pub before: Customer,
    /// The customer after the import.
    pub after: Customer,
}

/// The customers an import creates and updates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CustomerSplit {
    /// New customers, with their file rows.
    pub create: Vec<ImportedRow<Customer>>,
    /// Existing customers that change.
    pub update: Vec<CustomerUpdate>,
    /// Rows that match an existing customer without changing anything.
    pub unchanged: u64,
    /// Rows that cannot be applied (a new customer whose id belongs to someone else).
    pub problems: Vec<RowProblem>,
}

/// The stored customer with the imported one's non-empty fields laid over it. The id never
/// changes; tags are replaced when the file gives any.
pub fn merge_customer(existing: &Customer, imported: &Customer) -> Customer {
    fn text(new: &str, old: &str) -> String {
        if new.trim().is_empty() { old } else { new }.to_owned()
    }
    fn opt<T: Clone>(new: &Option<T>, old: &Option<T>) -> Option<T> {
        new.clone().or_else(|| old.clone())
    }
    Customer {
        id: existing.id.clone(),
        name: text(&imported.name, &existing.name),
        company: opt(&imported.company, &existing.company),
        email: opt(&imported.email, &existing.email),
        phone: opt(&imported.phone, &existing.phone),
        address: opt(&imported.address, &existing.address),
        segment: opt(&imported.segment, &existing.segment),
        acquisition_channel: opt(&imported.acquisition_channel, &existing.acquisition_channel),
        acquisition_date: imported.acquisition_date.or(existing.acquisition_date),
        tags: if imported.tags.is_empty() {
            existing.tags.clone()
        } else {
            imported.tags.clone()
        },
        notes: text(&imported.notes, &existing.notes),
        relationship_level: imported.relationship_level.or(existing.relationship_level),
        manager_id: opt(&imported.manager_id, &existing.manager_id),
    }
}

/// The e-mail as a key: trimmed and lower-cased.
fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Splits imported customers (as [`crate::import::parse`] returns them: no repeated key) into
/// creations and updates of `existing`, matched by `key`:
/// - by id: a row whose id exists updates that customer, any other row creates one;
/// - by e-mail (compared without case; the first existing customer with that e-mail wins):
///   a matching row updates that customer (keeping its id); any other row creates a customer
///   with the row's id, or its e-mail as id when the row has none — unless that id already
///   belongs to another customer or to an earlier new row, which is an [`Problem::IdTaken`]
///   problem named on `id_column` (the file's name of the id column, or of the e-mail column
///   when the id comes from it).
pub fn split_customers(
    imported: &[ImportedRow<Customer>],
    existing: &[Customer],
    key: CustomerKey,
    id_column: &str,
) -> CustomerSplit {
    split_owned_customers(imported.iter().cloned(), existing, key, id_column)
}

/// [`split_customers`] on rows the caller gives away (an import's parsed rows): no row is
/// copied.
pub fn split_owned_customers(
    imported: impl IntoIterator<Item = ImportedRow<Customer>>,
    existing: &[Customer],
    key: CustomerKey,
    id_column: &str,
) -> CustomerSplit {
    let by_id: HashMap<&str, &Customer> =
        existing.iter().rev().map(|c| (c.id.as_str(), c)).collect();
    let by_email: HashMap<String, &Customer> = match key {
        CustomerKey::Id => HashMap::new(),
        CustomerKey::Email => existing
            .iter()
            .rev()
            .filter_map(|c| c.email.as_deref().map(|e| (email_key(e), c)))
            .filter(|(e, _)| !e.is_empty())
            .collect(),
    };
    let mut split = CustomerSplit::default();
    let mut new_ids: HashMap<String, u64> = HashMap::new();
    for row in imported {
        let customer = &row.record;
        let matched = match key {
            CustomerKey::Id => by_id.get(customer.id.as_str()).copied(),
            CustomerKey::Email => customer
                .email
                .as_deref()
                .and_then(|e| by_email.get(&email_key(e)).copied()),
        };
        match matched {
            Some(before) => {
                let after = merge_customer(before, customer);
                if &after == before {
                    split.unchanged += 1;
                } else {
                    split.update.push(CustomerUpdate {
                        row: row.row,
                        before: before.clone(),
                        after,
                    });
                }
            }
            None => {
                let mut record = row.record;
                if record.id.trim().is_empty() {
                    record.id = record.email.as_deref().map(email_key).unwrap_or_default();
                }
                if by_id.contains_key(record.id.as_str()) || new_ids.contains_key(&record.id) {
                    split.problems.push(RowProblem {
                        row: row.row,
                        column: id_column.to_owned(),
                        value: record.id,
                        problem: Problem::IdTaken,
                    });
                    continue;
                }
                new_ids.insert(record.id.clone(), row.row);
                split.create.push(ImportedRow {
                    row: row.row,
                    record,
                });
            }
        }
    }
    split
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(id: &str, name: &str, email: Option<&str>) -> Customer {
        Customer {
            id: id.into(),
            name: name.into(),
            email: email.map(Into::into),
            ..Customer::default()
        }
    }

    fn row(n: u64, c: Customer) -> ImportedRow<Customer> {
        ImportedRow { row: n, record: c }
    }

    #[test]
    fn merging_keeps_stored_fields_the_file_leaves_empty() {
        let mut old = customer("C1", "Ana", Some("ana@x.com"));
        old.phone = Some("123".into());
        old.tags = vec!["vip".into()];
        old.notes = "likes tea".into();
        let mut new = customer("C1", "", None);
        new.segment = Some("retail".into());
        new.notes = "  ".into();
        let merged = merge_customer(&old, &new);
        assert_eq!(merged.name, "Ana");
        assert_eq!(merged.email.as_deref(), Some("ana@x.com"));
        assert_eq!(merged.phone.as_deref(), Some("123"));
        assert_eq!(merged.segment.as_deref(), Some("retail"));
        assert_eq!(merged.tags, vec!["vip".to_owned()]);
        assert_eq!(merged.notes, "likes tea");
        new.tags = vec!["new".into()];
        new.name = "Ana Pérez".into();
        let merged = merge_customer(&old, &new);
        assert_eq!(merged.tags, vec!["new".to_owned()]);
        assert_eq!(merged.name, "Ana Pérez");
    }

    #[test]
    fn by_id_existing_ids_update_and_new_ids_create() {
        let existing = vec![customer("C1", "Ana", None), customer("C2", "Bo", None)];
        let imported = vec![
            row(2, customer("C1", "Ana María", None)),
            row(3, customer("C3", "Cy", None)),
            row(4, customer("C2", "", None)),
        ];
        let split = split_customers(&imported, &existing, CustomerKey::Id, "id");
        assert_eq!(split.create.len(), 1);
        assert_eq!(split.create[0].record.id, "C3");
        assert_eq!(split.update.len(), 1);
        assert_eq!(split.update[0].before.name, "Ana");
        assert_eq!(split.update[0].after.name, "Ana María");
        assert_eq!(split.unchanged, 1);
        assert!(split.problems.is_empty());
    }

    #[test]
    fn by_email_matches_without_case_and_new_customers_get_ids() {
        let existing = vec![
            customer("C1", "Ana", Some("Ana@X.com")),
            customer("ben@x.com", "Ben", Some("ben@old.com")),
        ];
        let imported = vec![
            row(2, customer("", "Ana P", Some("ana@x.COM"))),
            row(3, customer("", "Cy", Some("Cy@x.com"))),
            row(4, customer("C9", "Di", Some("di@x.com"))),
            row(5, customer("", "Ben", Some("ben@x.com"))),
            row(6, customer("C9", "Ed", Some("ed@x.com"))),
        ];
        let split = split_customers(&imported, &existing, CustomerKey::Email, "e-mail");
        assert_eq!(split.update.len(), 1);
        assert_eq!(split.update[0].after.id, "C1");
        assert_eq!(split.update[0].after.name, "Ana P");
        let created: Vec<&str> = split.create.iter().map(|r| r.record.id.as_str()).collect();
        assert_eq!(created, vec!["cy@x.com", "C9"]);
        let taken: Vec<(u64, &str)> = split
            .problems
            .iter()
            .map(|p| (p.row, p.value.as_str()))
            .collect();
        assert_eq!(taken, vec![(5, "ben@x.com"), (6, "C9")]);
        assert!(split.problems.iter().all(|p| p.problem == Problem::IdTaken));
    }
}
