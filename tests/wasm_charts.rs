//! In-browser tests of the charts: each kind mounted with sample data draws a non-blank
//! canvas, saves a PNG, maps a click on a known element to `on_select`, redraws on a new
//! width or language, and turns empty, single, all-zero, huge, negative and non-finite
//! data into a sentence or a sound chart, never a panic.
#![cfg(target_arch = "wasm32")]

use customer_insight::components::charts::{
    self, bars, heatmap, line, palette, png_file_name, pyramid, scatter, Area, BarChart, BarData,
    ChartError, ChartStyle, HeatmapChart, HeatmapData, Hits, LineChart, LineData, PyramidChart,
    PyramidData, ScatterChart, ScatterData, ScatterPoint, Shade, ValueFormat,
};
use customer_insight::i18n::{ChartText, Locale, Text};
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::any::Any;
use std::sync::{Arc, Mutex};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------- helpers

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("timer");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("sleep");
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

/// Loads the app's stylesheets that charts use into the test page, once.
fn ensure_css() {
    let doc = document();
    if doc.get_element_by_id("chart-test-css").is_some() {
        return;
    }
    let style = doc.create_element("style").expect("style");
    style.set_id("chart-test-css");
    let css = [
        include_str!("../style/tokens.css"),
        include_str!("../style/components.css"),
        include_str!("../style/charts.css"),
    ];
    style.set_text_content(Some(&css.concat()));
    doc.head()
        .expect("head")
        .append_child(&style)
        .expect("append");
}

/// A fixed-width container attached to the page.
fn container(width: u32) -> HtmlElement {
    ensure_css();
    let el: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    el.set_attribute("style", &format!("width:{width}px"))
        .expect("style");
    document()
        .body()
        .expect("body")
        .append_child(&el)
        .expect("append");
    el
}

/// Mounts a chart built by `f` (given the `on_select` callback) in a container;
/// returns the mount (keep it alive), the container and what `on_select` received.
fn mount<N, F>(width: u32, f: F) -> (Box<dyn Any>, HtmlElement, Arc<Mutex<Vec<usize>>>)
where
    F: FnOnce(Callback<usize>) -> N + 'static,
    N: IntoView + 'static,
{
    let root = container(width);
    let selected = Arc::new(Mutex::new(Vec::new()));
    let sink = selected.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        f(Callback::new(move |i: usize| {
            sink.lock().expect("lock").push(i)
        }))
    });
    (Box::new(handle), root, selected)
}

fn find(root: &HtmlElement, testid: &str) -> web_sys::Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .expect("selector")
        .unwrap_or_else(|| panic!("no {testid}"))
}

fn canvas_of(root: &HtmlElement) -> HtmlCanvasElement {
    find(root, "chart-canvas").unchecked_into()
}

/// Waits until the figure leaves "pending" (at most 5 s) and returns its state.
async fn settled(root: &HtmlElement, figure: &str) -> String {
    for _ in 0..100 {
        let state = find(root, figure)
            .get_attribute("data-state")
            .unwrap_or_default();
        if state != "pending" {
            // One more tick: effects that follow the state (the button) run after it.
            sleep(20).await;
            return find(root, figure)
                .get_attribute("data-state")
                .unwrap_or_default();
        }
        sleep(50).await;
    }
    "pending".to_string()
}

/// The share of canvas pixels that are not the white background.
fn ink(canvas: &HtmlCanvasElement) -> f64 {
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .expect("context")
        .expect("2d")
        .unchecked_into();
    let (w, h) = (canvas.width(), canvas.height());
    let data = ctx
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .expect("pixels")
        .data();
    let inked = data
        .chunks(4)
        .filter(|p| p[0] < 245 || p[1] < 245 || p[2] < 245)
        .count();
    inked as f64 / f64::from(w * h).max(1.0)
}

fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .expect("context")
        .expect("2d")
        .unchecked_into();
    ctx.get_image_data(
        0.0,
        0.0,
        f64::from(canvas.width()),
        f64::from(canvas.height()),
    )
    .expect("pixels")
    .data()
    .0
}

/// The frame's scale for this page (as `ChartFrame` computes it).
fn scale() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0)
}

/// Draws with `draw` on a detached canvas of the same size as `like`: the hits the
/// mounted chart has.
fn offscreen_hits(
    like: &HtmlCanvasElement,
    draw: impl FnOnce(&Area, &ChartStyle) -> Result<Hits, ChartError>,
) -> Hits {
    let c: HtmlCanvasElement = document()
        .create_element("canvas")
        .expect("canvas")
        .unchecked_into();
    c.set_width(like.width());
    c.set_height(like.height());
    let area = CanvasBackend::with_canvas_object(c)
        .expect("backend")
        .into_drawing_area();
    draw(
        &area,
        &ChartStyle {
            scale: scale(),
            locale: Locale::En,
        },
    )
    .expect("drawn")
}

/// Clicks the canvas at a device-pixel point.
fn click_canvas(canvas: &HtmlCanvasElement, (x, y): (i32, i32)) {
    let rect = canvas.get_bounding_client_rect();
    let s = rect.width() / f64::from(canvas.width());
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_client_x((rect.left() + (f64::from(x) + 0.5) * s).floor() as i32);
    init.set_client_y((rect.top() + (f64::from(y) + 0.5) * s).floor() as i32);
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("event");
    canvas.dispatch_event(&ev).expect("dispatch");
}

/// Clicks "Save as PNG" and returns the (href, file name) of the download it started;
/// the download itself is cancelled.
async fn save_png(root: &HtmlElement) -> (String, String) {
    let seen = Arc::new(Mutex::new(None::<(String, String)>));
    let sink = seen.clone();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if let Some(a) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            if a.has_attribute("download") {
                ev.prevent_default();
                *sink.lock().expect("lock") = Some((a.href(), a.download()));
            }
        }
    });
    let doc = document();
    doc.add_event_listener_with_callback_and_bool("click", listener.as_ref().unchecked_ref(), true)
        .expect("listen");
    find(root, "chart-save")
        .unchecked_into::<HtmlElement>()
        .click();
    sleep(10).await;
    doc.remove_event_listener_with_callback_and_bool(
        "click",
        listener.as_ref().unchecked_ref(),
        true,
    )
    .expect("unlisten");
    let got = seen.lock().expect("lock").clone();
    got.expect("a download was started")
}

/// The checks every chart passes: drawn and non-blank at the container's width, a PNG
/// saved, a click on the element of `index` reported, and a table link reporting too.
async fn check_drawn_saved_and_clicked(
    root: &HtmlElement,
    figure: &str,
    title_file: &str,
    selected: &Arc<Mutex<Vec<usize>>>,
    target: impl FnOnce(&HtmlCanvasElement) -> Hits,
    index: usize,
) {
    assert_eq!(settled(root, figure).await, "ready", "{figure} drew");
    let canvas = canvas_of(root);
    let expected_width = (f64::from(canvas.client_width()) * scale()).round() as u32;
    assert_eq!(
        canvas.width(),
        expected_width,
        "{figure}: canvas at the device pixel ratio"
    );
    let inked = ink(&canvas);
    assert!(inked > 0.02, "{figure}: canvas is blank ({inked})");
    let label = canvas.get_attribute("aria-label").unwrap_or_default();
    assert!(
        label.contains("numbers are in the table"),
        "{figure}: accessible name {label}"
    );
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));

    let (href, file) = save_png(root).await;
    assert!(
        href.starts_with("data:image/png;base64,"),
        "{figure}: {}",
        &href[..href.len().min(40)]
    );
    assert_eq!(file, title_file);

    // The last region reporting `index`: for scatters, the quadrant rather than a point.
    let hits = target(&canvas);
    let hit = hits
        .regions
        .iter()
        .rev()
        .find(|h| h.index == index)
        .unwrap_or_else(|| panic!("{figure}: no hit for {index}"));
    selected.lock().expect("lock").clear();
    click_canvas(&canvas, hit.rect.centre());
    assert_eq!(
        *selected.lock().expect("lock"),
        vec![index],
        "{figure}: click at {:?}",
        hit.rect
    );

    // A long table's rows are built when it is opened.
    if let Some(summary) = root
        .query_selector("details.chart__numbers:not([open]) summary")
        .expect("selector")
    {
        summary.unchecked_into::<HtmlElement>().click();
        sleep(50).await;
    }
    let link = root.query_selector(".chart-table__link").expect("selector");
    let link = link.unwrap_or_else(|| panic!("{figure}: the table links to customers"));
    selected.lock().expect("lock").clear();
    link.unchecked_into::<HtmlElement>().click();
    assert_eq!(
        selected.lock().expect("lock").len(),
        1,
        "{figure}: a table link selects"
    );
}

fn months() -> Vec<String> {
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn sample_bars() -> BarData {
    BarData::single(
        months(),
        "Churn rate",
        vec![0.021, 0.034, 0.018, 0.052, 0.027, 0.03],
        ValueFormat::Percent { decimals: 1 },
    )
    .titles("Month", "Churn rate")
}

fn sample_pyramid() -> PyramidData {
    PyramidData::new("Profit", ValueFormat::money("USD"))
        .with_tier("Gold", 50, 480_000.0)
        .with_tier("Silver", 200, 310_000.0)
        .with_tier("Iron", 750, 120_000.0)
        .with_tier("Lead", 4_000, -60_000.0)
}

fn sample_whale() -> LineData {
    let points: Vec<(f64, f64)> = (0..=100)
        .map(|i| {
            let x = f64::from(i) / 100.0;
            (x, 1.5 * (1.0 - (1.0 - x).powi(3)) - 0.5 * x)
        })
        .collect();
    let peak = points
        .iter()
        .copied()
        .fold((0.0, f64::MIN), |a, p| if p.1 > a.1 { p } else { a });
    let top20 = points[20].1;
    LineData::whale(points, peak, top20, Locale::En)
}

fn sample_scatter(n: usize, outliers: usize) -> ScatterData {
    let mut data = ScatterData {
        x_format: ValueFormat::money("USD"),
        y_format: ValueFormat::money("USD"),
        x_title: "Profit to date".into(),
        y_title: "Future profit".into(),
        x_threshold: Some(0.0),
        y_threshold: Some(0.0),
        ..Default::default()
    }
    .with_class("Stars")
    .with_class("Rising")
    .with_class("Fading")
    .with_class("Losers");
    // A deterministic spread: a sine-cosine spiral around the thresholds.
    for i in 0..n {
        let t = i as f64;
        let x = (t * 0.37).sin() * 900.0 + (t * 0.011).cos() * 300.0;
        let y = (t * 0.23).cos() * 700.0 - 100.0;
        let class = match (x >= 0.0, y >= 0.0) {
            (true, true) => 0,
            (false, true) => 1,
            (true, false) => 2,
            (false, false) => 3,
        };
        data.points.push(ScatterPoint { x, y, class });
    }
    for i in 0..outliers {
        data.points.push(ScatterPoint {
            x: 1e7 * (i as f64 + 1.0),
            y: 5e6,
            class: 0,
        });
    }
    data
}

fn sample_cohorts() -> HeatmapData {
    let rows: Vec<String> = (1..=6).map(|m| format!("2025-{m:02}")).collect();
    let columns: Vec<String> = (0..6).map(|m| m.to_string()).collect();
    let values = (0..6i32)
        .map(|r| {
            (0..6i32)
                .map(|c| (c < 6 - r).then(|| 0.92f64.powi(c) * (1.0 - 0.05 * f64::from(r))))
                .collect()
        })
        .collect();
    HeatmapData {
        rows,
        columns,
        values,
        format: ValueFormat::Percent { decimals: 0 },
        row_title: "Acquired in".into(),
        column_title: "Months since".into(),
        ..Default::default()
    }
}

// ---------------------------------------------------------------- each chart

#[wasm_bindgen_test]
async fn bar_chart_draws_saves_a_png_and_reports_the_clicked_category() {
    let (_h, root, selected) = mount(640, |cb| {
        view! { <BarChart title="Churn rate by month" data=sample_bars() on_select=cb/> }
    });
    check_drawn_saved_and_clicked(
        &root,
        "chart-bars",
        "churn-rate-by-month.png",
        &selected,
        |c| offscreen_hits(c, |a, s| bars::draw(a, &sample_bars(), s)),
        3,
    )
    .await;
    root.remove();
}

#[wasm_bindgen_test]
async fn grouped_bars_with_negative_values_draw_and_report_the_category() {
    let data = BarData::single(
        vec![
            "Price".into(),
            "Service".into(),
            "Moved away".into(),
            "Competitor".into(),
        ],
        "One year",
        vec![-12_000.0, 8_000.0, -3_500.0, 22_000.0],
        ValueFormat::money("EUR"),
    )
    .with_series("Lifetime", vec![-48_000.0, 30_000.0, -9_000.0, 95_000.0])
    .titles("Exit reason", "Lost profit");
    let d2 = data.clone();
    let (_h, root, selected) = mount(
        640,
        move |cb| view! { <BarChart title="Lost profit by reason" data=data on_select=cb/> },
    );
    check_drawn_saved_and_clicked(
        &root,
        "chart-bars",
        "lost-profit-by-reason.png",
        &selected,
        |c| offscreen_hits(c, |a, s| bars::draw(a, &d2, s)),
        2,
    )
    .await;
    root.remove();
}

#[wasm_bindgen_test]
async fn pyramid_draws_every_tier_and_reports_the_clicked_tier() {
    let (_h, root, selected) = mount(
        640,
        |cb| view! { <PyramidChart title="Customer pyramid" data=sample_pyramid() on_select=cb/> },
    );
    check_drawn_saved_and_clicked(
        &root,
        "chart-pyramid",
        "customer-pyramid.png",
        &selected,
        |c| offscreen_hits(c, |a, s| pyramid::draw(a, &sample_pyramid(), s)),
        1,
    )
    .await;
    // The table gives each tier's shares; lead loses money, so its share is negative.
    let table = find(&root, "chart-table")
        .text_content()
        .unwrap_or_default();
    assert!(
        table.contains("80.0%"),
        "lead holds 80% of customers: {table}"
    );
    assert!(
        table.contains("\u{2212}7.1%"),
        "lead's share of profit: {table}"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn whale_curve_draws_its_peak_and_reports_the_point_clicked() {
    let (_h, root, selected) = mount(
        640,
        |cb| view! { <LineChart title="Whale curve" data=sample_whale() on_select=cb/> },
    );
    check_drawn_saved_and_clicked(
        &root,
        "chart-line",
        "whale-curve.png",
        &selected,
        |c| offscreen_hits(c, |a, s| line::draw(a, &sample_whale(), s)),
        40,
    )
    .await;
    let data = sample_whale();
    assert!(
        data.markers[0].label.starts_with("Peak: "),
        "{}",
        data.markers[0].label
    );
    assert!(data.markers[0].y > 1.0, "the peak exceeds 100%");
    root.remove();
}

#[wasm_bindgen_test]
async fn tracking_plot_draws_two_series_and_the_split_line() {
    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
    let weeks: Vec<_> = (0..52).map(|w| start + chrono::Days::new(7 * w)).collect();
    let actual: Vec<f64> = (0..52)
        .map(|w| f64::from(w) * 31.0 + (f64::from(w) * 0.7).sin() * 20.0)
        .collect();
    let expected: Vec<f64> = (0..52).map(|w| f64::from(w) * 30.5).collect();
    let data = LineData::tracking(&weeks, &actual, &expected, weeks[39], Locale::En);
    let d2 = data.clone();
    let (_h, root, selected) = mount(
        700,
        move |cb| view! { <LineChart title="Tracking" data=data on_select=cb testid="chart-tracking"/> },
    );
    check_drawn_saved_and_clicked(
        &root,
        "chart-tracking",
        "tracking.png",
        &selected,
        |c| offscreen_hits(c, |a, s| line::draw(a, &d2, s)),
        10,
    )
    .await;
    root.remove();
}

#[wasm_bindgen_test]
async fn scatter_of_two_thousand_points_clips_outliers_says_so_and_reports_the_class() {
    let data = sample_scatter(2_000, 6);
    let d2 = data.clone();
    let (_h, root, selected) = mount(
        700,
        move |cb| view! { <ScatterChart title="Quadrants" data=data on_select=cb/> },
    );
    // A click in the empty middle of the upper-left quadrant selects its class (Rising).
    let hits_fn = |c: &HtmlCanvasElement| offscreen_hits(c, |a, s| scatter::draw(a, &d2, s));
    check_drawn_saved_and_clicked(
        &root,
        "chart-scatter",
        "quadrants.png",
        &selected,
        hits_fn,
        1,
    )
    .await;
    let note = find(&root, "chart-note").text_content().unwrap_or_default();
    assert!(note.contains("6 points"), "{note}");

    // Drawing 2,000 points is fast.
    let d3 = sample_scatter(2_000, 6);
    let canvas = canvas_of(&root);
    let perf = web_sys::window()
        .and_then(|w| w.performance())
        .expect("performance");
    let t0 = perf.now();
    let _ = offscreen_hits(&canvas, |a, s| scatter::draw(a, &d3, s));
    let ms = perf.now() - t0;
    web_sys::console::log_1(&format!("scatter: 2,006 points drawn in {ms:.1} ms").into());
    assert!(ms < 500.0, "2,000 points took {ms} ms");
    root.remove();
}

#[wasm_bindgen_test]
async fn cohort_heat_map_writes_values_and_reports_the_clicked_cell() {
    let data = sample_cohorts();
    let index = data.index(2, 3);
    assert_eq!(data.cell(index), (2, 3));
    let (_h, root, selected) = mount(
        640,
        |cb| view! { <HeatmapChart title="Cohort retention" data=sample_cohorts() on_select=cb/> },
    );
    check_drawn_saved_and_clicked(
        &root,
        "chart-heatmap",
        "cohort-retention.png",
        &selected,
        |c| offscreen_hits(c, |a, s| heatmap::draw(a, &sample_cohorts(), s)),
        index,
    )
    .await;
    root.remove();
}

#[wasm_bindgen_test]
async fn migration_matrix_of_counts_highlights_the_diagonal() {
    let tiers: Vec<String> = ["Gold", "Silver", "Iron", "Lead"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let counts = [
        [40.0, 8.0, 2.0, 0.0],
        [12.0, 150.0, 30.0, 8.0],
        [1.0, 40.0, 600.0, 109.0],
        [0.0, 2.0, 120.0, 3878.0],
    ];
    let data = HeatmapData {
        rows: tiers.clone(),
        columns: tiers,
        values: counts
            .iter()
            .map(|r| r.iter().map(|v| Some(*v)).collect())
            .collect(),
        format: ValueFormat::Count,
        row_title: "Last year".into(),
        column_title: "This year".into(),
        highlight_diagonal: true,
        shade: Shade::RowShare,
        ..Default::default()
    };
    let d2 = data.clone();
    let index = data.index(1, 2);
    let (_h, root, selected) = mount(
        520,
        move |cb| view! { <HeatmapChart title="Tier migration" data=data on_select=cb testid="chart-migration"/> },
    );
    check_drawn_saved_and_clicked(
        &root,
        "chart-migration",
        "tier-migration.png",
        &selected,
        |c| offscreen_hits(c, |a, s| heatmap::draw(a, &d2, s)),
        index,
    )
    .await;
    let note = find(&root, "chart-note").text_content().unwrap_or_default();
    assert_eq!(note, ChartText::RowShareNote.text(Locale::En));
    root.remove();
}

// ---------------------------------------------------------------- frame behaviour

#[wasm_bindgen_test]
async fn the_chart_follows_its_containers_width() {
    let (_h, root, _) = mount(
        600,
        |_| view! { <BarChart title="Widths" data=sample_bars()/> },
    );
    assert_eq!(settled(&root, "chart-bars").await, "ready");
    let before = canvas_of(&root).width();
    assert_eq!(
        before,
        (600.0 * scale()).round() as u32,
        "the canvas fills its container"
    );
    root.set_attribute("style", "width:420px").expect("style");
    let mut after = before;
    for _ in 0..40 {
        sleep(25).await;
        after = canvas_of(&root).width();
        if after != before {
            break;
        }
    }
    let css_width = f64::from(canvas_of(&root).client_width());
    assert_eq!(
        after,
        (css_width * scale()).round() as u32,
        "redrawn at the new width (was {before})"
    );
    assert!(ink(&canvas_of(&root)) > 0.02);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_chart_redraws_when_its_data_changes() {
    let data_out = Arc::new(Mutex::new(None));
    let sink = data_out.clone();
    let (_h, root, _) = mount(640, move |_| {
        let data = RwSignal::new(sample_bars());
        *sink.lock().expect("lock") = Some(data);
        view! { <BarChart title="Changing" data=data/> }
    });
    assert_eq!(settled(&root, "chart-bars").await, "ready");
    let before = pixels(&canvas_of(&root));
    let data = data_out.lock().expect("lock").expect("signal");
    data.update(|d| d.series[0].values[0] = 0.09);
    sleep(100).await;
    assert_ne!(
        before,
        pixels(&canvas_of(&root)),
        "redrawn with the new value"
    );
    let table = find(&root, "chart-table")
        .text_content()
        .unwrap_or_default();
    assert!(table.contains("9.0%"), "the table follows: {table}");
    // Emptied, the chart says so; refilled, it draws again.
    data.set(BarData::default());
    sleep(100).await;
    assert_eq!(
        find(&root, "chart-bars")
            .get_attribute("data-state")
            .as_deref(),
        Some("empty")
    );
    data.set(sample_bars());
    sleep(100).await;
    assert_eq!(
        find(&root, "chart-bars")
            .get_attribute("data-state")
            .as_deref(),
        Some("ready")
    );
    assert!(ink(&canvas_of(&root)) > 0.02);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_chart_redraws_in_a_new_language() {
    let i18n_out = Arc::new(Mutex::new(None));
    let sink = i18n_out.clone();
    let data = BarData::single(
        months(),
        "Profit",
        vec![1234.5, 2345.6, 3456.7, 4567.8, 5678.9, 6789.0],
        ValueFormat::money("EUR"),
    );
    let (_h, root, _) = mount(640, move |_| {
        let i18n = customer_insight::state::provide_i18n();
        i18n.set_locale(Locale::En);
        *sink.lock().expect("lock") = Some(i18n);
        view! { <BarChart title="Profit" data=data/> }
    });
    assert_eq!(settled(&root, "chart-bars").await, "ready");
    let english = pixels(&canvas_of(&root));
    let i18n = i18n_out.lock().expect("lock").expect("i18n");
    i18n.set_locale(Locale::Fr);
    sleep(100).await;
    let french = pixels(&canvas_of(&root));
    assert_ne!(english, french, "the axis labels were redrawn in French");
    let label = canvas_of(&root)
        .get_attribute("aria-label")
        .unwrap_or_default();
    assert!(label.contains("diagramme en barres"), "{label}");
    let save = find(&root, "chart-save").text_content().unwrap_or_default();
    assert_eq!(save, ChartText::SavePng.text(Locale::Fr));
    i18n.set_locale(Locale::En);
    root.remove();
}

#[wasm_bindgen_test]
async fn empty_data_shows_a_sentence_instead_of_a_chart() {
    let (_h, root, _) = mount(640, |_| {
        view! {
            <BarChart title="Nothing" data=BarData::default()/>
            <PyramidChart title="Nothing" data=PyramidData::default()/>
            <LineChart title="Nothing" data=LineData::default()/>
            <ScatterChart title="Nothing" data=ScatterData::default()/>
            <HeatmapChart title="Nothing" data=HeatmapData::default()/>
        }
    });
    for figure in [
        "chart-bars",
        "chart-pyramid",
        "chart-line",
        "chart-scatter",
        "chart-heatmap",
    ] {
        assert_eq!(settled(&root, figure).await, "empty", "{figure}");
        let fig: HtmlElement = find(&root, figure).unchecked_into();
        let message = fig
            .query_selector("[data-testid=\"chart-message\"]")
            .expect("selector")
            .expect("message");
        assert_eq!(
            message.text_content().unwrap_or_default(),
            ChartText::NoData.text(Locale::En)
        );
        let save = fig
            .query_selector("[data-testid=\"chart-save\"]")
            .expect("selector")
            .expect("button");
        assert!(save.has_attribute("disabled"), "{figure}: nothing to save");
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn a_canvas_too_small_for_the_chart_says_so() {
    let (_h, root, _) = mount(
        90,
        |_| view! { <BarChart title="Tiny" data=sample_bars() height=40.0/> },
    );
    assert_eq!(settled(&root, "chart-bars").await, "error");
    let message = find(&root, "chart-message")
        .text_content()
        .unwrap_or_default();
    assert_eq!(message, ChartText::TooSmall.text(Locale::En));
    root.remove();
}

/// Draws on a detached canvas of `w` × `h` CSS pixels.
fn draw_on<T>(w: u32, h: u32, f: impl FnOnce(&Area, &ChartStyle) -> T) -> T {
    let c: HtmlCanvasElement = document()
        .create_element("canvas")
        .expect("canvas")
        .unchecked_into();
    c.set_width(w);
    c.set_height(h);
    let area = CanvasBackend::with_canvas_object(c)
        .expect("backend")
        .into_drawing_area();
    f(
        &area,
        &ChartStyle {
            scale: 1.0,
            locale: Locale::Fr,
        },
    )
}

#[wasm_bindgen_test]
fn odd_data_gives_a_sound_chart_or_a_sentence_never_a_panic() {
    let money = ValueFormat::money("USD");
    let cases: Vec<(&str, Vec<f64>)> = vec![
        ("one", vec![42.0]),
        ("zeros", vec![0.0, 0.0, 0.0]),
        ("huge", vec![1e300, f64::MAX, 3.0]),
        ("negative", vec![-5.0, -1e9, -0.001]),
        (
            "non-finite",
            vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY],
        ),
        ("mixed", vec![f64::NAN, -1e12, 7.0, f64::MIN_POSITIVE]),
    ];
    for (name, values) in cases {
        let categories: Vec<String> = (0..values.len()).map(|i| format!("C{i}")).collect();
        let all_missing = values.iter().all(|v| !v.is_finite());
        let bars = BarData::single(categories.clone(), "v", values.clone(), money.clone())
            .with_series("w", values.iter().map(|v| -v).collect());
        let r = draw_on(500, 300, |a, s| bars::draw(a, &bars, s));
        assert_eq!(r.is_err(), all_missing, "bars {name}: {r:?}");
        if all_missing {
            assert_eq!(r, Err(ChartError::NoData));
        }

        let points: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (i as f64, *v))
            .collect();
        let lines = LineData {
            y_format: money.clone(),
            ..Default::default()
        }
        .with_series("v", points.clone());
        let r = draw_on(500, 300, |a, s| line::draw(a, &lines, s));
        assert_eq!(r.is_err(), all_missing, "line {name}: {r:?}");
        let whale = LineData::whale(
            points.iter().map(|(x, y)| (x / 10.0, *y)).collect(),
            (f64::NAN, 1.0),
            f64::INFINITY,
            Locale::Es,
        );
        let _ = draw_on(500, 300, |a, s| line::draw(a, &whale, s));

        let scatter = ScatterData {
            points: values
                .iter()
                .map(|v| ScatterPoint {
                    x: *v,
                    y: -*v,
                    class: 0,
                })
                .collect(),
            x_threshold: Some(f64::NAN),
            y_threshold: Some(1e300),
            ..Default::default()
        }
        .with_class("A");
        let r = draw_on(500, 300, |a, s| scatter::draw(a, &scatter, s));
        assert_eq!(r.is_err(), all_missing, "scatter {name}: {r:?}");

        let mut pyr = PyramidData::new("Profit", money.clone());
        for (i, v) in values.iter().enumerate() {
            pyr = pyr.with_tier(format!("T{i}"), if *v > 0.0 { 10 } else { 0 }, *v);
        }
        assert!(
            draw_on(500, 300, |a, s| pyramid::draw(a, &pyr, s)).is_ok(),
            "pyramid {name}"
        );

        let heat = HeatmapData {
            rows: vec!["r".into()],
            columns: categories,
            values: vec![values.iter().map(|v| Some(*v)).collect()],
            format: ValueFormat::Percent { decimals: 1 },
            ..Default::default()
        };
        let r = draw_on(500, 300, |a, s| heatmap::draw(a, &heat, s));
        assert_eq!(r.is_err(), all_missing, "heatmap {name}: {r:?}");
    }
}

#[wasm_bindgen_test]
fn a_single_point_and_a_single_cell_are_drawn() {
    let line = LineData::default().with_series("one", vec![(3.0, 4.0)]);
    let hits = draw_on(400, 240, |a, s| line::draw(a, &line, s)).expect("drawn");
    assert_eq!(hits.regions.len(), 1);
    let heat = HeatmapData {
        rows: vec!["r".into()],
        columns: vec!["c".into()],
        values: vec![vec![Some(0.0)]],
        ..Default::default()
    };
    let hits = draw_on(400, 240, |a, s| heatmap::draw(a, &heat, s)).expect("drawn");
    assert_eq!(hits.of(0).map(|h| h.index), Some(0));
    let scatter = ScatterData {
        points: vec![ScatterPoint {
            x: 1.0,
            y: 1.0,
            class: 0,
        }],
        ..Default::default()
    }
    .with_class("A");
    assert!(draw_on(400, 240, |a, s| scatter::draw(a, &scatter, s)).is_ok());
    // A point whose class is unknown is ignored rather than indexing out of range.
    let stray = ScatterData {
        points: vec![ScatterPoint {
            x: 1.0,
            y: 1.0,
            class: 9,
        }],
        ..Default::default()
    };
    assert_eq!(
        draw_on(400, 240, |a, s| scatter::draw(a, &stray, s)),
        Err(ChartError::NoData)
    );
}

#[wasm_bindgen_test]
fn many_categories_and_long_labels_still_draw() {
    let categories: Vec<String> = (0..48)
        .map(|i| format!("A rather long category name number {i}"))
        .collect();
    let values: Vec<f64> = (0..48).map(|i| f64::from(i) * 1234.5 - 20_000.0).collect();
    let data = BarData::single(categories, "v", values, ValueFormat::money("CNY"));
    let hits = draw_on(360, 220, |a, s| bars::draw(a, &data, s)).expect("drawn");
    assert_eq!(hits.regions.len(), 48);
    let rows: Vec<String> = (0..40).map(|i| format!("Row {i}")).collect();
    let cols: Vec<String> = (0..40).map(|i| format!("{i}")).collect();
    let heat = HeatmapData {
        rows,
        columns: cols,
        values: (0..40)
            .map(|r| {
                (0..40)
                    .map(|c| (c + r < 40).then_some(f64::from(c) / 40.0))
                    .collect()
            })
            .collect(),
        format: ValueFormat::Percent { decimals: 0 },
        ..Default::default()
    };
    assert!(draw_on(600, 400, |a, s| heatmap::draw(a, &heat, s)).is_ok());
}

// ---------------------------------------------------------------- pure helpers

#[wasm_bindgen_test]
fn palette_matches_the_css_tokens() {
    let css = include_str!("../style/tokens.css");
    let token = |name: &str| -> String {
        let start = css
            .find(&format!("{name}:"))
            .unwrap_or_else(|| panic!("{name} missing"));
        let rest = &css[start + name.len() + 1..];
        rest[..rest.find(';').expect("semicolon")]
            .trim()
            .to_lowercase()
    };
    for (i, c) in palette::CHART.iter().enumerate() {
        assert_eq!(token(&format!("--chart-{}", i + 1)), c.css());
    }
    for (name, c) in ["gold", "silver", "iron", "lead"]
        .iter()
        .zip(palette::TIERS)
    {
        assert_eq!(token(&format!("--tier-{name}")), c.css());
    }
    assert_eq!(token("--color-surface"), palette::SURFACE.css());
    assert_eq!(token("--color-text"), palette::TEXT.css());
    assert_eq!(token("--color-text-muted"), palette::TEXT_MUTED.css());
    assert_eq!(token("--color-border"), palette::GRID.css());
    assert_eq!(token("--color-border-strong"), palette::AXIS.css());
}

#[wasm_bindgen_test]
fn text_on_cells_keeps_its_contrast_across_the_scale() {
    for k in 0..=20 {
        let bg = palette::sequential(f64::from(k) / 20.0);
        let fg = palette::text_on(bg);
        assert!(
            fg.contrast(bg) >= 4.5,
            "step {k}: {} on {} is {:.2}:1",
            fg.css(),
            bg.css(),
            fg.contrast(bg)
        );
    }
    for tier in palette::TIERS {
        let fg = palette::text_on(tier);
        assert!(fg.contrast(tier) >= 3.0, "{} on {}", fg.css(), tier.css());
    }
    assert_eq!(palette::sequential(f64::NAN), palette::sequential(0.0));
}

#[wasm_bindgen_test]
fn png_file_names_come_from_the_title() {
    assert_eq!(
        png_file_name("Churn rate by month"),
        "churn-rate-by-month.png"
    );
    assert_eq!(
        png_file_name("  Lost profit: 1 year vs. lifetime!  "),
        "lost-profit-1-year-vs-lifetime.png"
    );
    assert_eq!(png_file_name("客户金字塔"), "客户金字塔.png");
    assert_eq!(png_file_name("Évolution"), "évolution.png");
    assert_eq!(png_file_name("***"), "chart.png");
}

#[wasm_bindgen_test]
fn value_formats_write_axes_with_the_digits_they_need() {
    let en = Locale::En;
    assert_eq!(
        ValueFormat::Percent { decimals: 1 }.axis(0.025, 0.06, en),
        "2.5%"
    );
    assert_eq!(
        ValueFormat::Percent { decimals: 1 }.axis(0.5, 1.2, en),
        "50%"
    );
    assert_eq!(
        ValueFormat::money("USD").axis(1_260_000.0, 2e6, en),
        "$1.3M"
    );
    assert_eq!(ValueFormat::money("USD").axis(0.5, 2.0, en), "$0.5");
    assert_eq!(
        ValueFormat::money("USD").full(1_234_567.0, en),
        "$1,234,567"
    );
    assert_eq!(
        ValueFormat::money("EUR").full(12.5, Locale::Fr),
        "12,50\u{a0}€"
    );
    assert_eq!(ValueFormat::Count.full(12_345.4, en), "12,345");
    assert_eq!(
        ValueFormat::Date.full(
            charts::day_value(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")),
            en
        ),
        "Nov 23, 2026"
    );
    assert_eq!(ValueFormat::Date.full(1e12, en), "—");
    assert_eq!(ValueFormat::Count.full(f64::NAN, en), "—");
}
