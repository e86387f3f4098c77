//! The frame every chart is drawn in: a `<canvas>` sized to its container at the device
//! pixel ratio and redrawn when the data, the language or the width changes, a sentence
//! in its place when there is nothing to draw, "Save as PNG", click and hover mapping to
//! the chart's elements, and the table of the chart's numbers below.

use super::palette;
use super::{draw_err, Area, ChartError, ChartStyle, Hits};
use crate::i18n::{fill, ChartText, Text};
use crate::state::use_i18n;
use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// What kind of chart a frame holds, for its accessible name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    Bars,
    Pyramid,
    Line,
    Scatter,
    Heatmap,
}

impl ChartKind {
    fn text(self) -> ChartText {
        match self {
            ChartKind::Bars => ChartText::KindBars,
            ChartKind::Pyramid => ChartText::KindPyramid,
            ChartKind::Line => ChartText::KindLine,
            ChartKind::Scatter => ChartText::KindScatter,
            ChartKind::Heatmap => ChartText::KindHeatmap,
        }
    }
}

/// Where a frame is: not yet drawn (no width yet), drawn, or showing a sentence instead.
#[derive(Clone, Debug, PartialEq)]
enum FrameState {
    Pending,
    Ready,
    Failed(ChartError),
}

/// Charts waiting for their turn to draw, in the order they asked.
///
/// A page with several charts would otherwise draw them all in the one task that builds
/// it (well over 100 ms with 100,000 customers): each chart draws in a task of its own
/// instead, so the page stays responsive between them.
mod turns {
    use leptos::prelude::*;
    use std::cell::RefCell;
    use std::collections::VecDeque;

    thread_local! {
        static WAITING: RefCell<(VecDeque<RwSignal<bool>>, bool)> = const { RefCell::new((VecDeque::new(), false)) };
    }

    /// Queues a chart: `granted` is set once its turn comes.
    pub fn ask(granted: RwSignal<bool>) {
        let start = WAITING.with(|w| {
            let mut w = w.borrow_mut();
            w.0.push_back(granted);
            !std::mem::replace(&mut w.1, true)
        });
        if start {
            next();
        }
    }

    /// Gives the next living chart its turn in a task of its own.
    fn next() {
        gloo_timers::callback::Timeout::new(0, || {
            let more = WAITING.with(|w| {
                let mut w = w.borrow_mut();
                // A chart that left the page has a disposed signal: skip it.
                while let Some(granted) = w.0.pop_front() {
                    if granted.try_set(true).is_none() {
                        break;
                    }
                }
                w.1 = !w.0.is_empty();
                w.1
            });
            if more {
                next();
            }
        })
        .forget();
    }
}

/// The largest device pixel ratio honoured: beyond it a canvas costs memory for no
/// visible gain.
const MAX_SCALE: f64 = 3.0;

/// A chart on a canvas with its title, "Save as PNG", a note and its table of numbers
/// (the children).
///
/// `draw` is called inside an effect: every signal it reads (the chart's data) redraws
/// the chart when it changes, as do the language and the container's width.
#[component]
pub fn ChartFrame<D>(
    /// The chart's title: its caption, accessible name and the PNG's file name.
    #[prop(into)]
    title: Signal<String>,
    /// The kind of chart, named in the accessible name.
    kind: ChartKind,
    /// Draws the chart on the whole canvas and returns its clickable regions.
    draw: D,
    /// The plot's height in CSS pixels (the width follows the container).
    #[prop(default = 320.0)]
    height: f64,
    /// Called with the index of the clicked element (see each chart for what it indexes).
    #[prop(optional_no_strip)]
    on_select: Option<Callback<usize>>,
    /// A sentence under the chart, such as how its axes were clipped.
    #[prop(optional, into)]
    note: MaybeProp<String>,
    /// The `data-testid` of the whole figure.
    #[prop(default = "chart")]
    testid: &'static str,
    /// The table of the chart's numbers.
    children: Children,
) -> impl IntoView
where
    D: Fn(&Area, &ChartStyle) -> Result<Hits, ChartError> + 'static,
{
    let i18n = use_i18n();
    let wrap = NodeRef::<Div>::new();
    let canvas_ref = NodeRef::<Canvas>::new();
    let width = RwSignal::new(0.0f64);
    let state = RwSignal::new(FrameState::Pending);
    let hits = StoredValue::new(Hits::default());
    let hover = RwSignal::new(None::<(String, f64, f64, bool)>);

    // Follow the container's width (measured once laid out, then on every resize).
    crate::components::resize::follow_size(wrap, move |el| {
        let w = f64::from(el.client_width());
        if (w - width.get_untracked()).abs() >= 1.0 {
            width.set(w);
        }
    });

    // Draw: again whenever the data read by `draw`, the language or the width changes,
    // each time waiting for the chart's turn (see `turns`). Until the turn comes the
    // effect follows only `granted`; the drawing then reads the latest data.
    let granted = RwSignal::new(false);
    let asked = StoredValue::new(false);
    Effect::new(move |_| {
        let locale = i18n.locale();
        let css_width = width.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        if css_width < 1.0 {
            return;
        }
        if !granted.get() {
            if !asked.get_value() {
                asked.set_value(true);
                turns::ask(granted);
            }
            return;
        }
        // The next change waits for a new turn (without running this effect again now).
        granted.update_untracked(|g| *g = false);
        asked.set_value(false);
        let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
        let scale = if dpr.is_finite() {
            dpr.clamp(1.0, MAX_SCALE)
        } else {
            1.0
        };
        canvas.set_width((css_width * scale).round() as u32);
        canvas.set_height((height * scale).round() as u32);
        let style = ChartStyle { scale, locale };
        match render(&canvas, &draw, &style) {
            Ok(drawn) => {
                hits.set_value(drawn);
                state.set(FrameState::Ready);
            }
            Err(err) => {
                if let ChartError::Draw(_) = err {
                    web_sys::console::error_1(&err.to_string().into());
                }
                hits.set_value(Hits::default());
                state.set(FrameState::Failed(err));
            }
        }
        hover.set(None);
    });

    // The canvas point of a mouse event, in device pixels.
    let device_point = move |ev: &web_sys::MouseEvent| -> Option<(i32, i32, f64, f64)> {
        let canvas = canvas_ref.get_untracked()?;
        let rect = canvas.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return None;
        }
        let (cx, cy) = (
            f64::from(ev.client_x()) - rect.left(),
            f64::from(ev.client_y()) - rect.top(),
        );
        let (sx, sy) = (
            f64::from(canvas.width()) / rect.width(),
            f64::from(canvas.height()) / rect.height(),
        );
        Some(((cx * sx).floor() as i32, (cy * sy).floor() as i32, cx, cy))
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(callback) = on_select else { return };
        let Some((x, y, _, _)) = device_point(&ev) else {
            return;
        };
        if let Some(index) = hits.with_value(|h| h.at(x, y).map(|hit| hit.index)) {
            callback.run(index);
        }
    };
    let on_move = move |ev: web_sys::MouseEvent| {
        let Some((x, y, cx, cy)) = device_point(&ev) else {
            return;
        };
        let found = hits.with_value(|h| h.at(x, y).map(|hit| hit.label.clone()));
        let flip = cx > width.get_untracked() * 0.6;
        hover.set(
            found
                .filter(|l| !l.is_empty())
                .map(|label| (label, cx, cy, flip)),
        );
    };

    let save = move |_| {
        let Some(canvas) = canvas_ref.get_untracked() else {
            return;
        };
        match png_data_url(&canvas) {
            Ok(url) => {
                crate::components::download::offer_url(&url, &png_file_name(&title.get_untracked()))
            }
            Err(err) => web_sys::console::error_1(&err.to_string().into()),
        }
    };

    let aria = move || {
        fill(
            ChartText::AriaLabel.text(i18n.locale()),
            &[
                ("title", &title.get()),
                ("kind", kind.text().text(i18n.locale())),
            ],
        )
    };
    let failed = move || state.with(|s| matches!(s, FrameState::Failed(_)));
    let state_name = move || {
        state.with(|s| match s {
            FrameState::Pending => "pending",
            FrameState::Ready => "ready",
            FrameState::Failed(ChartError::NoData) => "empty",
            FrameState::Failed(_) => "error",
        })
    };
    let clickable = on_select.is_some();
    let message = move || {
        state.with(|s| match s {
            FrameState::Failed(err) => {
                Some(view! { <p class="chart__message" data-testid="chart-message" role="note">{err.sentence(i18n.locale())}</p> })
            }
            _ => None,
        })
    };
    let tooltip = move || {
        hover.get().map(|(label, x, y, flip)| {
            view! {
                <div
                    class="chart__tooltip"
                    class:chart__tooltip--flip=flip
                    aria-hidden="true"
                    style:left=format!("{x:.0}px")
                    style:top=format!("{y:.0}px")
                >
                    {label}
                </div>
            }
        })
    };

    view! {
        <figure class="chart" data-testid=testid data-state=state_name>
            <figcaption class="chart__head">
                <span class="chart__title">{move || title.get()}</span>
                <button
                    type="button"
                    class="button button--quiet chart__save"
                    data-testid="chart-save"
                    on:click=save
                    disabled=move || state.with(|s| *s != FrameState::Ready)
                >
                    {move || i18n.t(ChartText::SavePng)}
                </button>
            </figcaption>
            <div class="chart__plot" node_ref=wrap style:height=format!("{height}px")>
                <canvas
                    class="chart__canvas"
                    class:chart__canvas--clickable=clickable
                    class:chart__canvas--hidden=failed
                    node_ref=canvas_ref
                    role="img"
                    aria-label=aria
                    data-testid="chart-canvas"
                    on:click=on_click
                    on:mousemove=on_move
                    on:mouseleave=move |_| hover.set(None)
                ></canvas>
                {message}
                {tooltip}
            </div>
            {move || note.get().filter(|n| !n.is_empty()).map(|n| view! { <p class="chart__note" data-testid="chart-note">{n}</p> })}
            {children()}
        </figure>
    }
}

/// Draws on the canvas: the background (kept in saved PNGs), then the chart.
fn render<D>(
    canvas: &web_sys::HtmlCanvasElement,
    draw: &D,
    style: &ChartStyle,
) -> Result<Hits, ChartError>
where
    D: Fn(&Area, &ChartStyle) -> Result<Hits, ChartError>,
{
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| ChartError::Draw("the canvas has no 2D context".to_string()))?;
    let area = backend.into_drawing_area();
    area.fill(&palette::SURFACE.plotters()).map_err(draw_err)?;
    let drawn = draw(&area, style)?;
    area.present().map_err(draw_err)?;
    Ok(drawn)
}

/// The canvas as a PNG `data:` URL.
pub fn png_data_url(canvas: &web_sys::HtmlCanvasElement) -> Result<String, ChartError> {
    let url = canvas.to_data_url_with_type("image/png").map_err(|e| {
        ChartError::Draw(format!("the browser refused to export the canvas ({e:?})"))
    })?;
    if url.starts_with("data:image/png") {
        Ok(url)
    } else {
        Err(ChartError::Draw(
            "the browser did not export the canvas as PNG".to_string(),
        ))
    }
}

/// A file name for the chart's PNG from its title: letters and digits of any script
/// kept, everything else a single hyphen, lower case; `chart.png` for an empty title.
pub fn png_file_name(title: &str) -> String {
    let mut name = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name: String = name.trim_end_matches('-').chars().take(80).collect();
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "chart.png".to_string()
    } else {
        format!("{name}.png")
    }
}

/// One cell of a chart's table: its text and, when it stands for customers, the index
/// reported to `on_select`.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub index: Option<usize>,
}

impl Cell {
    pub fn plain(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            index: None,
        }
    }

    pub fn link(text: impl Into<String>, index: usize) -> Self {
        Cell {
            text: text.into(),
            index: Some(index),
        }
    }
}

/// A chart's numbers: column headings and rows (the first cell heads its row).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The table of a chart's numbers under a "The numbers" disclosure; cells that stand
/// for customers are buttons calling `on_select` (the keyboard's way into the chart).
#[component]
pub fn NumbersTable(
    /// The table, rebuilt when the data or the language changes.
    #[prop(into)]
    table: Signal<Table>,
    /// The chart's title, naming the table.
    #[prop(into)]
    title: Signal<String>,
    /// Called with a cell's index when it is activated.
    on_select: Option<Callback<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cell = move |c: Cell, first: bool| {
        let content = match (c.index, on_select) {
            (Some(index), Some(callback)) => view! {
                <button
                    type="button"
                    class="chart-table__link"
                    title=move || i18n.t(ChartText::ShowCustomers)
                    on:click=move |_| callback.run(index)
                >
                    {c.text}
                </button>
            }
            .into_any(),
            _ => c.text.into_any(),
        };
        if first {
            view! { <th scope="row">{content}</th> }.into_any()
        } else {
            view! { <td>{content}</td> }.into_any()
        }
    };
    let has_rows = Memo::new(move |_| table.with(|t| !t.rows.is_empty()));
    // Short tables show at once; long ones (a curve's points) open on demand.
    let short = Memo::new(move |_| table.with(|t| t.rows.len() <= 12));
    // A closed table's rows are built when it is first opened: a page with several long
    // tables is quicker to show, and most are never opened.
    let opened = RwSignal::new(false);
    let body = move || {
        view! {
        <details class="chart__numbers" open=move || short.get() on:toggle=move |_| opened.set(true)>
            <summary>{move || i18n.t(ChartText::TableSummary)}</summary>
            <div class="chart__table-wrap">
                <table class="chart-table" data-testid="chart-table" aria-label=move || title.get()>
                    <thead>
                        <tr>{move || table.with(|t| t.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view())}</tr>
                    </thead>
                    <tbody>
                        {move || {
                            if !(short.get() || opened.get()) {
                                return None;
                            }
                            Some(table
                                .get()
                                .rows
                                .into_iter()
                                .map(|row| {
                                    view! {
                                        <tr>
                                            {row.into_iter().enumerate().map(|(i, c)| cell(c, i == 0)).collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view())
                        }}
                    </tbody>
                </table>
            </div>
        </details>
        }
    };
    move || has_rows.get().then(body)
}
