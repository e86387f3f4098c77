//! Mapping a file's header row to the columns a reader needs (case-insensitive, tolerant of
//! spaces, hyphens and a byte-order mark), with manual overrides for an import wizard.

use super::error::{ImportError, ImportProblem};

/// One column a reader understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The canonical snake_case name (`customer_id`).
    pub name: &'static str,
    /// Whether a file must have it.
    pub required: bool,
    /// Other normalised header names accepted for it (`customer`, `client_id`…).
    pub aliases: &'static [&'static str],
}

/// The normalised form of a header cell: a leading UTF-8 byte-order mark and surrounding white
/// space removed, ASCII lower-cased, and runs of spaces, hyphens and dots turned into one `_`,
/// so `" Customer ID"`, `"customer-id"` and `"CUSTOMER_ID"` all read `customer_id`.
pub fn normalize_header(cell: &[u8]) -> String {
    let cell = cell.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(cell);
    let text = String::from_utf8_lossy(cell.trim_ascii());
    let mut out = String::with_capacity(text.len());
    let mut pending_sep = false;
    for ch in text.chars() {
        if ch == ' ' || ch == '-' || ch == '.' || ch == '\t' || ch == '_' {
            pending_sep = true;
        } else {
            if pending_sep && !out.is_empty() {
                out.push('_');
            }
            pending_sep = false;
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// Which position in a row holds each field of a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    fields: &'static [FieldSpec],
    positions: Vec<Option<usize>>,
}

impl ColumnMap {
    /// Finds every field of `fields` in `header` by name or alias (after [`normalize_header`]).
    /// Errors, naming `file`, when a required field is missing or a field is named twice; unknown
    /// extra columns are ignored.
    pub fn detect<'h>(
        file: &str,
        header: impl IntoIterator<Item = &'h [u8]>,
        fields: &'static [FieldSpec],
    ) -> Result<Self, ImportError> {
        let names: Vec<String> = header.into_iter().map(normalize_header).collect();
        let mut positions = vec![None; fields.len()];
        for (pos, name) in names.iter().enumerate() {
            let matched = fields
                .iter()
                .position(|f| f.name == name || f.aliases.iter().any(|a| a == name));
            if let Some(field) = matched {
                if positions[field].is_some() {
                    return Err(ImportError::new(
                        file,
                        ImportProblem::DuplicateColumn {
                            column: fields[field].name,
                        },
                    ));
                }
                positions[field] = Some(pos);
            }
        }
        let map = Self { fields, positions };
        map.check_required(file, &names)?;
        Ok(map)
    }

    /// A map from explicit positions (an import wizard's choices), `positions[i]` for
    /// `fields[i]`; errors like [`ColumnMap::detect`] when a required field has no position.
    pub fn from_positions(
        file: &str,
        fields: &'static [FieldSpec],
        positions: Vec<Option<usize>>,
        header_names: &[String],
    ) -> Result<Self, ImportError> {
        let mut positions = positions;
        positions.resize(fields.len(), None);
        let map = Self { fields, positions };
        map.check_required(file, header_names)?;
        Ok(map)
    }

    fn check_required(&self, file: &str, names: &[String]) -> Result<(), ImportError> {
        for (field, pos) in self.fields.iter().zip(&self.positions) {
            if field.required && pos.is_none() {
                return Err(ImportError::new(
                    file,
                    ImportProblem::MissingColumn {
                        column: field.name,
                        found: names.iter().filter(|n| !n.is_empty()).cloned().collect(),
                    },
                ));
            }
        }
        Ok(())
    }

    /// The row position of the field with this canonical name, if the file has it.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| f.name == name)
            .and_then(|i| self.positions[i])
    }

    /// The fields of the schema with their positions, in schema order.
    pub fn positions(&self) -> impl Iterator<Item = (&'static str, Option<usize>)> + '_ {
        self.fields
            .iter()
            .map(|f| f.name)
            .zip(self.positions.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static FIELDS: &[FieldSpec] = &[
        FieldSpec {
            name: "customer_id",
            required: true,
            aliases: &["customer"],
        },
        FieldSpec {
            name: "amount",
            required: true,
            aliases: &[],
        },
        FieldSpec {
            name: "cost",
            required: false,
            aliases: &[],
        },
    ];

    #[test]
    fn headers_normalise_case_spaces_hyphens_and_bom() {
        assert_eq!(
            normalize_header(b"\xEF\xBB\xBF Customer ID "),
            "customer_id"
        );
        assert_eq!(normalize_header(b"customer-id"), "customer_id");
        assert_eq!(normalize_header(b"CUSTOMER__ID"), "customer_id");
        assert_eq!(normalize_header(b"Amount"), "amount");
    }

    #[test]
    fn detection_finds_aliases_ignores_extras_and_reports_missing() {
        let header: Vec<&[u8]> = vec![b"x", b"Customer", b"AMOUNT"];
        let map = ColumnMap::detect("t.csv", header, FIELDS).unwrap();
        assert_eq!(map.position("customer_id"), Some(1));
        assert_eq!(map.position("amount"), Some(2));
        assert_eq!(map.position("cost"), None);
        let header: Vec<&[u8]> = vec![b"customer_id", b"date"];
        let err = ColumnMap::detect("t.csv", header, FIELDS).unwrap_err();
        assert_eq!(err.column(), Some("amount"));
        let header: Vec<&[u8]> = vec![b"customer_id", b"customer", b"amount"];
        let err = ColumnMap::detect("t.csv", header, FIELDS).unwrap_err();
        assert!(err.to_string().contains("appears twice"), "{err}");
    }
}
