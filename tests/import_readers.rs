//! The CSV readers of `src/import`: header mapping, BOM, quoting, CRLF, typed values and the
//! exact error sentences (rows counted with the header as row 1).

use chrono::NaiveDate;
use customer_insight::domain::{ExitReason, InteractionKind, Money, TransactionKind};
use customer_insight::import::{
    read_exits, read_interactions, read_transactions, DateFormat, ImportOptions, ImportProblem,
    TransactionReader,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn transactions(text: &str) -> Result<Vec<customer_insight::domain::Transaction>, String> {
    read_transactions("transactions.csv", text.as_bytes(), &ImportOptions::default()).map_err(|e| e.to_string())
}

#[test]
fn import_maps_headers_case_insensitively_with_spaces_and_a_bom() {
    let text = "\u{feff} Customer ID , DATE,Amount ,cost\nc1,2024-03-31,12.50,7\n";
    let rows = transactions(text).unwrap();
    assert_eq!(rows.len(), 1);
    let t = &rows[0];
    assert_eq!(t.customer_id, "c1");
    assert_eq!(t.date, day(2024, 3, 31));
    assert_eq!(t.amount, Money(1250));
    assert_eq!(t.cost, Some(Money(700)));
    assert_eq!(t.kind, TransactionKind::Order);
}

#[test]
fn import_reads_columns_in_any_order_and_ignores_extra_columns() {
    let text = "note,amount,kind,date,customer_id,quantity,product\nhi,5,return,2024-01-02,x,2.5,sku-1\n";
    let rows = transactions(text).unwrap();
    assert_eq!(rows[0].kind, TransactionKind::Return);
    assert_eq!(rows[0].amount, Money(500));
    assert_eq!(rows[0].quantity, Some(2.5));
    assert_eq!(rows[0].product.as_deref(), Some("sku-1"));
    assert_eq!(rows[0].cost, None);
}

#[test]
fn import_handles_quoted_fields_and_crlf_line_ends() {
    let text = "customer_id,date,amount,product\r\n\"Smith, John\",2024-01-02,\"1234.50\",\"say \"\"hi\"\"\"\r\n";
    let rows = transactions(text).unwrap();
    assert_eq!(rows[0].customer_id, "Smith, John");
    assert_eq!(rows[0].amount, Money(123450));
    assert_eq!(rows[0].product.as_deref(), Some("say \"hi\""));
}

#[test]
fn import_rejects_a_file_with_no_amount_column() {
    let err = transactions("customer_id,date,price\nc1,2024-01-01,3\n").unwrap_err();
    assert_eq!(
        err,
        "transactions.csv, row 1 (the header): there is no column \"amount\" (found: customer_id, \
         date, price); add it or rename the column that holds it."
    );
}

#[test]
fn import_rejects_an_empty_file_naming_the_required_columns() {
    for text in ["", "\n", " , \n"] {
        let err = transactions(text).unwrap_err();
        assert_eq!(
            err,
            "transactions.csv is empty: expected a header row naming the columns customer_id, date, amount."
        );
    }
}

#[test]
fn import_accepts_a_header_without_rows() {
    assert_eq!(transactions("customer_id,date,amount\n").unwrap(), vec![]);
}

#[test]
fn import_error_sentences_name_file_row_column_value_and_expectation() {
    let cases = [
        (
            "customer_id,date,amount\nc1,2024-01-01,1\nc1,2024-01-02,2\nc2,2024-01-03,\"12,5x\"\n",
            "transactions.csv, row 4, column \"amount\": \"12,5x\" is not a number (expected e.g. 12.50)",
        ),
        (
            "customer_id,date,amount\nc1,2024-13-01,1\n",
            "transactions.csv, row 2, column \"date\": \"2024-13-01\" is not a date (expected YYYY-MM-DD, e.g. 2024-03-31)",
        ),
        (
            "customer_id,date,amount,kind\nc1,2024-01-01,1,order\nc1,2024-01-02,1,refund\n",
            "transactions.csv, row 3, column \"kind\": \"refund\" is not a transaction kind (expected one of: order, return)",
        ),
        (
            "customer_id,date,amount\n,2024-01-01,1\n",
            "transactions.csv, row 2, column \"customer_id\": the value is empty (expected some UTF-8 text)",
        ),
        (
            "customer_id,date,amount\nc1,2024-01-01,\n",
            "transactions.csv, row 2, column \"amount\": the value is empty (expected e.g. 12.50)",
        ),
        (
            "customer_id,date,amount,cost\nc1,2024-01-01,3,abc\n",
            "transactions.csv, row 2, column \"cost\": \"abc\" is not a number (expected e.g. 12.50)",
        ),
    ];
    for (text, sentence) in cases {
        assert_eq!(transactions(text).unwrap_err(), sentence);
    }
}

#[test]
fn import_counts_a_multi_line_quoted_record_as_one_row() {
    let text = "customer_id,date,amount,product\nc1,2024-01-01,1,\"two\nlines\"\nc1,2024-01-02,x,p\n";
    let err = transactions(text).unwrap_err();
    assert!(err.starts_with("transactions.csv, row 3, column \"amount\""), "{err}");
}

#[test]
fn import_reads_kinds_ignoring_case_spaces_and_hyphens() {
    let text = "customer_id,date,kind,cost\nc1,2024-01-01,Service Consultation,\nc1,2024-01-02,E-MAIL,2.5\nc2,2024-01-03,call,\n";
    let rows = read_interactions("interactions.csv", text.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(rows[0].kind, InteractionKind::ServiceConsultation);
    assert_eq!(rows[1].kind, InteractionKind::Email);
    assert_eq!(rows[1].cost, Some(Money(250)));
    assert_eq!(rows[2].kind, InteractionKind::Call);
    let err = read_interactions(
        "interactions.csv",
        "customer_id,date,kind\nc1,2024-01-01,\n".as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("column \"kind\": the value is empty"), "{err}");
}

#[test]
fn import_reads_exits_and_rejects_unknown_reasons() {
    let text = "customer_id,date,reason,note\nc1,2024-05-01,price,too dear\nc2,2024-05-02,Other,\n";
    let rows = read_exits("exits.csv", text.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(rows[0].reason, ExitReason::Price);
    assert_eq!(rows[0].note, "too dear");
    assert_eq!(rows[1].reason, ExitReason::Other);
    let err = read_exits("exits.csv", "customer_id,date,reason\nc1,2024-05-01,bored\n".as_bytes(), &ImportOptions::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "exits.csv, row 2, column \"reason\": \"bored\" is not an exit reason (expected one of: price, \
         product, service, market, technology, political, other)"
    );
}

#[test]
fn import_supports_other_delimiters_date_formats_and_decimal_commas() {
    let options = ImportOptions {
        delimiter: b';',
        date_format: DateFormat::Pattern("%d.%m.%Y".into()),
        decimal_separator: b',',
    };
    let text = "customer_id;date;amount\nc1;31.03.2024;12,50\n";
    let rows = read_transactions("t.csv", text.as_bytes(), &options).unwrap();
    assert_eq!(rows[0].date, day(2024, 3, 31));
    assert_eq!(rows[0].amount, Money(1250));
    let err = read_transactions("t.csv", "customer_id;date;amount\nc1;2024-03-31;1\n".as_bytes(), &options)
        .unwrap_err();
    assert!(err.to_string().contains("(expected a date written as %d.%m.%Y, e.g. 31.03.2024)"), "{err}");
}

#[test]
fn streaming_reader_reports_rows_and_position_fields() {
    let text = "customer_id,date,amount\nc1,2024-01-01,1\nc2,2024-01-02,2\n";
    let mut reader = TransactionReader::new("t.csv", text.as_bytes(), &ImportOptions::default()).unwrap();
    let first = reader.next_row().unwrap().unwrap();
    assert_eq!(first.row, 2);
    assert_eq!(first.customer_id, "c1");
    let second = reader.next_row().unwrap().unwrap();
    assert_eq!(second.row, 3);
    assert!(reader.next_row().unwrap().is_none());
    assert_eq!(reader.rows_read(), 2);
    assert!(reader.bytes_read() > 0);
    assert!(!reader.has_cost());
}

#[test]
fn import_errors_expose_row_and_column_for_programs() {
    let err = read_transactions(
        "t.csv",
        "customer_id,date,amount\nc1,2024-01-01,x\n".as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.row(), Some(2));
    assert_eq!(err.column(), Some("amount"));
    assert!(matches!(err.problem, ImportProblem::BadValue { .. }));
}
