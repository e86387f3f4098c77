//! Packing an analysis for its trip from the worker to the page (and into the cache):
//! a head with everything but the customer rows, then the rows in chunks, so that the
//! page can unpack 100,000 customers a chunk at a time without freezing.

use super::rows::CustomerRow;
use super::WorkspaceAnalysis;
use serde::{de::DeserializeOwned, Serialize};

/// Rows per chunk: small enough to unpack in a few milliseconds.
pub const ROWS_PER_CHUNK: usize = 4_000;

/// Why a packed analysis could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError(pub String);

impl std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "The analysis could not be read ({}); it is being computed again.", self.0)
    }
}

impl std::error::Error for TransportError {}

/// Packs `head` (whose analysis' customers are taken out) and the customer rows in chunks.
pub fn pack<H: Serialize>(head: &H, customers: &[CustomerRow]) -> Result<Vec<Vec<u8>>, TransportError> {
    let mut parts = vec![postcard::to_stdvec(head).map_err(|e| TransportError(e.to_string()))?];
    for chunk in customers.chunks(ROWS_PER_CHUNK) {
        parts.push(postcard::to_stdvec(chunk).map_err(|e| TransportError(e.to_string()))?);
    }
    Ok(parts)
}

/// Unpacks the head.
pub fn unpack_head<H: DeserializeOwned>(part: &[u8]) -> Result<H, TransportError> {
    postcard::from_bytes(part).map_err(|e| TransportError(e.to_string()))
}

/// Unpacks one chunk of rows, appending them.
pub fn unpack_rows(part: &[u8], into: &mut Vec<CustomerRow>) -> Result<(), TransportError> {
    let rows: Vec<CustomerRow> = postcard::from_bytes(part).map_err(|e| TransportError(e.to_string()))?;
    into.extend(rows);
    Ok(())
}

/// Takes the customer rows out of an analysis, for packing them apart.
pub fn split(mut analysis: WorkspaceAnalysis) -> (WorkspaceAnalysis, Vec<CustomerRow>) {
    let rows = std::mem::take(&mut analysis.customers);
    (analysis, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(i: usize) -> CustomerRow {
        CustomerRow {
            id: format!("C{i:06}"),
            name: format!("Customer {i} — Zoë"),
            company: None,
            email: Some(format!("c{i}@example.com")),
            segment: None,
            manager_id: None,
            acquisition_date: None,
            exit: None,
            next_contact: None,
            at_risk: i.is_multiple_of(7),
            previous_tier: None,
            scores: None,
        }
    }

    #[test]
    fn an_analysis_packed_in_chunks_unpacks_to_the_same_rows() {
        let rows: Vec<CustomerRow> = (0..10_001).map(row).collect();
        let head = WorkspaceAnalysis { currency: "EUR".into(), ..Default::default() };
        let parts = pack(&head, &rows).expect("packs");
        assert_eq!(parts.len(), 1 + 3);
        let back_head: WorkspaceAnalysis = unpack_head(&parts[0]).expect("head");
        assert_eq!(back_head, head);
        let mut back = Vec::new();
        for p in &parts[1..] {
            unpack_rows(p, &mut back).expect("rows");
        }
        assert_eq!(back, rows);
    }

    #[test]
    fn damaged_parts_are_refused_with_a_sentence() {
        let err = unpack_rows(&[0xff, 0xff, 0xff], &mut Vec::new()).expect_err("damaged");
        assert!(err.to_string().starts_with("The analysis could not be read"));
    }
}
