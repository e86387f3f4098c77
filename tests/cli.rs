//! The `insight` binary end to end on small files in `tests/fixtures/cli/`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const HEADER: &str = "customer_id,orders,revenue,gross_margin,cost_to_serve,profit,frequency,recency,T,\
monetary_value,p_alive,expected_purchases,expected_order_value,clv,future_profit,current_quadrant,\
future_quadrant,tier,rfm_segment,r_score,f_score,m_score,expected_next_order";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli").join(name)
}

/// A fresh, empty folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn insight(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_insight")).args(args).output().unwrap()
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Rows of a CSV output as maps from column to value.
fn rows(csv: &str) -> Vec<HashMap<String, String>> {
    let mut lines = csv.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(str::to_owned).collect();
    lines
        .map(|l| header.iter().cloned().zip(l.split(',').map(str::to_owned)).collect())
        .collect()
}

fn num(row: &HashMap<String, String>, column: &str) -> f64 {
    row[column].parse().unwrap_or_else(|_| panic!("{column} = {:?}", row[column]))
}

fn score(dir: &Path, extra: &[&str]) -> (Output, PathBuf, PathBuf) {
    let out = dir.join("scores.csv");
    let report = dir.join("report.json");
    let input = fixture("transactions.csv");
    let mut args = vec![
        "score",
        input.to_str().unwrap(),
        "--as-of",
        "2025-06-30",
        "--out",
        out.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    (insight(&args), out, report)
}

#[test]
fn score_writes_the_exact_header_and_one_row_per_customer() {
    let dir = scratch("header");
    let (output, out, report) = score(&dir, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let csv = text(&out);
    assert_eq!(csv.lines().next(), Some(HEADER));
    let report: serde_json::Value = serde_json::from_str(&text(&report)).expect("the report is JSON");
    let unit_days = match report["unit"].as_str() {
        Some("days") => 1.0,
        Some("weeks") => 7.0,
        other => panic!("unit {other:?}"),
    };
    let ids: Vec<String> = rows(&csv).into_iter().map(|r| r["customer_id"].clone()).collect();
    let input_ids: HashSet<String> =
        text(&fixture("transactions.csv")).lines().skip(1).map(|l| l.split(',').next().unwrap().to_owned()).collect();
    assert_eq!(ids.len(), input_ids.len());
    assert_eq!(ids.iter().cloned().collect::<HashSet<_>>(), input_ids);
    for row in rows(&csv) {
        let p = num(&row, "p_alive");
        assert!((0.0..=1.0).contains(&p));
        assert!(num(&row, "clv") >= 0.0);
        assert_eq!(row.len(), 23);
        for column in ["r_score", "f_score", "m_score"] {
            assert!((1.0..=5.0).contains(&num(&row, column)) && num(&row, column).fract() == 0.0, "{column}");
        }
        // A date after the customer's last purchase (T − recency before the analysis date, the
        // last transaction: 2025-06-30), only for customers likely still active (P(alive) at
        // or above the default at-risk threshold, 0.5).
        let next = &row["expected_next_order"];
        if p < 0.5 {
            assert_eq!(next, "", "a probably lapsed customer has no next order");
        } else {
            let day = chrono::NaiveDate::parse_from_str(next, "%Y-%m-%d").unwrap_or_else(|_| panic!("{next:?}"));
            let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
            let since_last = ((num(&row, "T") - num(&row, "recency")) * unit_days).round() as i64;
            assert!(day > as_of - chrono::Duration::days(since_last), "{day}, last purchase {since_last} days before {as_of}");
        }
    }
}

#[test]
fn margin_one_without_interactions_makes_future_profit_equal_clv() {
    let dir = scratch("margin");
    let (output, out, _) = score(&dir, &["--margin", "1"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows = rows(&text(&out));
    assert!(!rows.is_empty());
    for row in rows {
        assert_eq!(row["future_profit"], row["clv"], "{row:?}");
        assert_eq!(row["gross_margin"], row["revenue"]);
    }
}

#[test]
fn report_has_every_listed_key() {
    let dir = scratch("report");
    let (output, _, report) = score(&dir, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_str(&text(&report)).unwrap();
    for key in ["r", "alpha", "a", "b", "log_likelihood", "converged", "iterations"] {
        assert!(json["bg_nbd"].get(key).is_some(), "bg_nbd.{key}");
    }
    for key in ["p", "q", "v", "log_likelihood", "converged", "iterations"] {
        assert!(json["gamma_gamma"].get(key).is_some(), "gamma_gamma.{key}");
    }
    assert_eq!(json["customers"], 300);
    for tier in ["gold", "silver", "iron", "lead"] {
        assert!(json["pyramid"][tier].is_u64(), "pyramid.{tier}");
    }
    for key in ["top20_revenue_share", "top20_profit_share"] {
        let share = json[key].as_f64().unwrap();
        assert!(share > 0.0 && share <= 1.5, "{key} = {share}");
    }
    for q in ["most_profitable", "profitable_high_cost", "profitable_low_margin", "least_profitable"] {
        assert!(json["current_quadrants"][q].is_u64(), "current_quadrants.{q}");
    }
    for q in ["best", "invest", "retain", "worst"] {
        assert!(json["future_quadrants"][q].is_u64(), "future_quadrants.{q}");
    }
    assert!(json["churn"]["churn_rate"].is_number());
    for stage in ["read", "summarise", "fit_bg_nbd", "fit_gamma_gamma", "predict", "classify", "write"] {
        assert!(json["timings_ms"][stage].is_number(), "timings_ms.{stage}");
    }
}

#[test]
fn weeks_divide_t_and_recency_by_seven() {
    let dir = scratch("weeks");
    let (days, out_days, _) = score(&dir.join("d").tap_mkdir(), &[]);
    let (weeks, out_weeks, _) = score(&dir.join("w").tap_mkdir(), &["--unit", "weeks"]);
    assert!(days.status.success() && weeks.status.success());
    let (d, w) = (rows(&text(&out_days)), rows(&text(&out_weeks)));
    assert_eq!(d.len(), w.len());
    let mut changed = 0;
    for (a, b) in d.iter().zip(&w) {
        assert_eq!(a["customer_id"], b["customer_id"]);
        let (td, tw) = (num(a, "T"), num(b, "T"));
        assert!((td / 7.0 - tw).abs() < 1e-6, "{td} days vs {tw} weeks");
        assert!((num(a, "recency") / 7.0 - num(b, "recency")).abs() < 1e-6);
        if td != tw {
            changed += 1;
        }
    }
    assert!(changed > 0);
}

trait TapMkdir {
    fn tap_mkdir(self) -> Self;
}

impl TapMkdir for PathBuf {
    fn tap_mkdir(self) -> Self {
        std::fs::create_dir_all(&self).unwrap();
        self
    }
}

#[test]
fn annual_and_monthly_discounts_are_exclusive() {
    let dir = scratch("discounts");
    let (output, out, report) = score(&dir, &["--monthly-discount", "0.01", "--annual-discount", "0.1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot be used with"));
    assert!(!out.exists() && !report.exists());
    let (monthly, out, _) = score(&dir, &["--monthly-discount", "0.01"]);
    assert!(monthly.status.success());
    let monthly_clv: f64 = rows(&text(&out)).iter().map(|r| num(r, "clv")).sum();
    let (annual, out, _) = score(&dir, &["--annual-discount", "0.5"]);
    assert!(annual.status.success());
    let annual_clv: f64 = rows(&text(&out)).iter().map(|r| num(r, "clv")).sum();
    assert!(annual_clv < monthly_clv, "a higher discount lowers CLV");
}

#[test]
fn bad_input_fails_naming_file_row_and_column_and_leaves_no_output() {
    let cases = [
        ("bad_amount.csv", "row 4, column \"amount\": \"12,5x\" is not a number (expected e.g. 12.50)"),
        ("bad_date.csv", "row 3, column \"date\": \"2024-13-02\" is not a date"),
        ("bad_kind.csv", "row 3, column \"kind\": \"refund\" is not a transaction kind"),
        ("missing_column.csv", "row 1 (the header): there is no column \"amount\""),
    ];
    for (name, message) in cases {
        let dir = scratch(&format!("bad_{name}"));
        let out = dir.join("scores.csv");
        let report = dir.join("report.json");
        let input = fixture(name);
        let output = insight(&[
            "score",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(name) && stderr.contains(message), "{name}: {stderr}");
        assert!(!out.exists() && !report.exists(), "{name} left an output behind");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "{name} left a temporary file");
    }
}

#[test]
fn a_missing_input_file_is_a_data_error_naming_it() {
    let output = insight(&["score", "no/such/transactions.csv"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no/such/transactions.csv"));
}

#[test]
fn bad_settings_are_usage_errors() {
    let dir = scratch("settings");
    let (output, out, _) = score(&dir, &["--margin", "1.5"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--margin"));
    assert!(!out.exists());
    assert_eq!(insight(&["score"]).status.code(), Some(2));
    assert_eq!(insight(&["score", "x.csv", "--unit", "months"]).status.code(), Some(2));
}

#[test]
fn interactions_and_exits_feed_cost_to_serve_and_churn() {
    let dir = scratch("interactions");
    let interactions = fixture("interactions.csv");
    let exits = fixture("exits.csv");
    let (output, out, report) = score(
        &dir,
        &["--interactions", interactions.to_str().unwrap(), "--exits", exits.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let serving: f64 = rows(&text(&out)).iter().map(|r| num(r, "cost_to_serve")).sum();
    assert!(serving > 0.0, "interaction costs reach cost_to_serve");
    let json: serde_json::Value = serde_json::from_str(&text(&report)).unwrap();
    assert_eq!(json["churn"]["exits"], 15);
}

#[test]
fn score_reads_optional_columns_returns_and_writes_to_stdout() {
    let input = fixture("rich.csv");
    let output = insight(&["score", input.to_str().unwrap(), "--margin", "0.5"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let csv = String::from_utf8(output.stdout).unwrap();
    assert_eq!(csv.lines().next(), Some(HEADER));
    let rows = rows(&csv);
    assert_eq!(rows.len(), 5);
    let a = rows.iter().find(|r| r["customer_id"] == "a").unwrap();
    assert_eq!(a["orders"], "2");
    assert_eq!(a["revenue"], "130.00"); // 100 + 50 − 20 returned
    // cost: 60 + 50·(1 − 0.5) − 12 reversed = 73 → margin 57.
    assert_eq!(a["gross_margin"], "57.00");
}

#[test]
fn predict_periods_sets_the_expected_purchases_horizon() {
    let dir = scratch("predict");
    let (short, out_short, _) = score(&dir.join("s").tap_mkdir(), &["--predict-periods", "30"]);
    let (long, out_long, _) = score(&dir.join("l").tap_mkdir(), &["--predict-periods", "365"]);
    assert!(short.status.success() && long.status.success());
    let sum = |p: &Path| rows(&text(p)).iter().map(|r| num(r, "expected_purchases")).sum::<f64>();
    assert!(sum(&out_short) < sum(&out_long));
}

#[test]
fn simulate_writes_a_seeded_transactions_file() {
    let dir = scratch("simulate");
    let a = dir.join("a.csv");
    let b = dir.join("b.csv");
    for path in [&a, &b] {
        let output = insight(&["simulate", "--customers", "50", "--seed", "9", "--out", path.to_str().unwrap()]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let csv = text(&a);
    assert_eq!(csv, text(&b));
    assert_eq!(csv.lines().next(), Some("customer_id,date,amount"));
    assert!(csv.lines().count() > 50);
    let output = insight(&["simulate", "--customers", "0", "--out", dir.join("c.csv").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.join("c.csv").exists());
}

#[test]
fn the_model_flag_scores_with_the_chosen_model_and_reports_every_fit_whole() {
    use customer_insight::analytics::pareto_nbd::ParetoNbdParams;
    let dir = scratch("model");
    let (bg, bg_out, bg_report) = score(&dir.join("bg").tap_mkdir(), &[]);
    assert!(bg.status.success(), "{}", String::from_utf8_lossy(&bg.stderr));
    let (pareto, out, report) = score(&dir.join("pareto").tap_mkdir(), &["--model", "pareto-nbd"]);
    assert!(pareto.status.success(), "{}", String::from_utf8_lossy(&pareto.stderr));

    let json: serde_json::Value = serde_json::from_str(&text(&report)).unwrap();
    assert_eq!(json["chosen_model"], "pareto-nbd");
    let models = json["models"].as_array().unwrap();
    let names: Vec<&str> = models.iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["bg-nbd", "pareto-nbd"]);
    for m in models {
        for key in ["params", "standard_errors", "log_likelihood", "aic", "bic", "converged", "iterations"] {
            assert!(m.get(key).is_some(), "{}.{key}", m["name"]);
        }
        let ll = m["log_likelihood"].as_f64().unwrap();
        assert!((m["aic"].as_f64().unwrap() - (8.0 - 2.0 * ll)).abs() < 1e-6);
    }
    // The report's bg_nbd is unchanged by the choice.
    let bg_json: serde_json::Value = serde_json::from_str(&text(&bg_report)).unwrap();
    assert_eq!(bg_json["bg_nbd"], json["bg_nbd"]);
    assert_eq!(bg_json["chosen_model"], "bg-nbd");
    assert_eq!(bg_json["models"].as_array().unwrap().len(), 1);

    // Every customer's P(alive) and expected purchases are the Pareto/NBD ones of the
    // reported parameters; and they differ from BG/NBD's.
    let p = &models[1]["params"];
    let params = ParetoNbdParams::new(
        p["r"].as_f64().unwrap(),
        p["alpha"].as_f64().unwrap(),
        p["s"].as_f64().unwrap(),
        p["beta"].as_f64().unwrap(),
    )
    .unwrap();
    let bg_rows = rows(&text(&bg_out));
    let mut differ = 0;
    for (row, bg_row) in rows(&text(&out)).iter().zip(&bg_rows) {
        assert_eq!(row["customer_id"], bg_row["customer_id"]);
        let (x, rec, t) = (num(row, "frequency"), num(row, "recency"), num(row, "T"));
        let expected = params.p_alive(x, rec, t);
        assert!((num(row, "p_alive") - expected).abs() < 1e-6, "{row:?}: {expected}");
        assert!(num(row, "clv") >= 0.0);
        if (num(row, "p_alive") - num(bg_row, "p_alive")).abs() > 1e-4 {
            differ += 1;
        }
    }
    assert!(differ > 0, "the model changed no prediction");
}

#[test]
fn an_unknown_model_is_a_usage_error() {
    let dir = scratch("unknown-model");
    let (output, out, _) = score(&dir, &["--model", "gamma-poisson"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("pareto-nbd"));
    assert!(!out.exists());
}

#[test]
fn fit_bg_bb_reproduces_the_published_donations_estimates_as_json() {
    let summary = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lifetimes/models/bg_bb_donations_expected.csv");
    let output = insight(&["fit", "bg-bb", summary.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for (key, published) in [("alpha", 1.204), ("beta", 0.750), ("gamma", 0.657), ("delta", 2.783)] {
        let v = json[key].as_f64().unwrap();
        assert!((v - published).abs() < 0.001, "{key} = {v}");
        assert!(json["standard_errors"][key].as_f64().unwrap() > 0.0, "se {key}");
    }
    assert!((json["log_likelihood"].as_f64().unwrap() - -33225.6).abs() < 0.1);
}

#[test]
fn fit_bg_bb_names_the_row_and_column_of_an_impossible_history() {
    let dir = scratch("bgbb-bad");
    let file = dir.join("summary.csv");
    std::fs::write(&file, "frequency,recency,periods,weights\n1,1,6,10\n4,2,6,3\n").unwrap();
    let output = insight(&["fit", "bg-bb", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("row 3") && err.contains("frequency"), "{err}");
    std::fs::write(&file, "frequency,periods\n1,6\n").unwrap();
    let err = String::from_utf8_lossy(&insight(&["fit", "bg-bb", file.to_str().unwrap()]).stderr).to_string();
    assert!(err.contains("no column \"recency\""), "{err}");
}

#[test]
fn rfm_scores_are_quintiles_the_segment_follows_and_more_revenue_never_scores_lower() {
    let dir = scratch("rfm");
    let (output, out, _) = score(&dir, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows = rows(&text(&out));
    // Each score splits the customers into fifths (ties share a score): 5 is given, and to
    // no more than about a fifth of them beyond the ties.
    for column in ["r_score", "f_score", "m_score"] {
        let fives = rows.iter().filter(|r| num(r, column) == 5.0).count();
        assert!(fives > 0, "{column}");
    }
    let mut by_revenue: Vec<(f64, f64)> = rows.iter().map(|r| (num(r, "revenue"), num(r, "m_score"))).collect();
    by_revenue.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(by_revenue.windows(2).all(|w| w[1].1 >= w[0].1), "M never falls as revenue rises");
    let mut by_orders: Vec<(f64, f64)> = rows.iter().map(|r| (num(r, "orders"), num(r, "f_score"))).collect();
    by_orders.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(by_orders.windows(2).all(|w| w[1].1 >= w[0].1), "F never falls as orders rise");
    // The segment is read off the R×F grid.
    for r in &rows {
        let seg = customer_insight::analytics::rfm::segment(num(r, "r_score") as u8, num(r, "f_score") as u8);
        assert_eq!(r["rfm_segment"], seg.as_str(), "{r:?}");
    }
}
