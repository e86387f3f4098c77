//! Reading the reference fixtures that scripts/fixtures/ writes from `lifetimes`.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::HashMap;

pub const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lifetimes/");

pub fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn json(name: &str) -> Value {
    serde_json::from_str(&read(name)).unwrap()
}

/// Rows of a simple CSV (no quoting in these fixtures) as maps from header to field.
pub fn csv(name: &str) -> Vec<HashMap<String, String>> {
    let text = read(name);
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(str::to_string).collect();
    lines
        .filter(|l| !l.is_empty())
        .map(|l| header.iter().cloned().zip(l.split(',').map(str::to_string)).collect())
        .collect()
}

pub fn num(row: &HashMap<String, String>, key: &str) -> f64 {
    row[key].parse().unwrap_or_else(|_| panic!("{key}: {}", row[key]))
}

pub fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("missing {key}"))
}

