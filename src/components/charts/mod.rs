//! Charts drawn with plotters on a `<canvas>`: the shared frame ([`ChartFrame`]: sizing at
//! the device pixel ratio, redrawing, "Save as PNG", click and hover mapping, the sentence
//! shown when there is nothing to draw) and one module per kind of chart, each with a
//! `draw(area, data, style) -> Result<Hits, ChartError>` function and a component that
//! adds the table of the chart's numbers.
//!
//! Charts take plain data (labels, values, colours and a [`ValueFormat`]), not the
//! engine's types, so a page maps its analysis to a chart in a few lines. Every index a
//! chart reports through `on_select` is an index into that plain data.

pub mod bars;
mod draw;
mod frame;
pub mod heatmap;
pub mod line;
pub mod palette;
pub mod pyramid;
pub mod scatter;

pub use bars::{BarChart, BarData, BarSeries};
pub use frame::{png_data_url, png_file_name, ChartFrame, ChartKind};
pub use heatmap::{HeatmapChart, HeatmapData, Shade};
pub use line::{LineChart, LineData, LineMarker, LineSeries, RefLine};
pub use palette::Rgb;
pub use pyramid::{PyramidChart, PyramidData, PyramidTier};
pub use scatter::{ScatterChart, ScatterClass, ScatterData, ScatterPoint};

use crate::i18n::{format, ChartText, Locale, Text};
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters_canvas::CanvasBackend;
use std::fmt;

/// The surface every chart draws on: the whole canvas, in device pixels.
pub type Area = DrawingArea<CanvasBackend, Shift>;

/// How a chart writes its values, on axes, labels, tooltips and in its table.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum ValueFormat {
    /// Whole numbers with grouping: `12,345`.
    #[default]
    Count,
    /// Plain numbers with a fixed number of decimals.
    Number { decimals: usize },
    /// Money in currency units (not cents), with the symbol where the locale puts it;
    /// axes use the compact form (`$1.2M`).
    Money { currency: String },
    /// Fractions written as percentages: `0.253` → `25.3%`.
    Percent { decimals: usize },
    /// Day numbers (`domain::day`, the one epoch every column uses), written as dates.
    Date,
}

impl ValueFormat {
    /// Money in `currency` (an ISO 4217 code such as `USD`).
    pub fn money(currency: impl Into<String>) -> Self {
        ValueFormat::Money {
            currency: currency.into(),
        }
    }

    /// The value in full, for tables, tooltips and labels.
    pub fn full(&self, value: f64, locale: Locale) -> String {
        if !value.is_finite() {
            return "—".to_string();
        }
        match self {
            ValueFormat::Count => format::number(value.round(), 0, locale),
            ValueFormat::Number { decimals } => format::number(value, *decimals, locale),
            ValueFormat::Money { currency } => {
                // Cents matter on small sums; on large ones they are noise.
                let decimals = if value.abs() >= 1000.0 { 0 } else { 2 };
                format::money(value, currency, decimals, locale)
            }
            ValueFormat::Percent { decimals } => format::percent(value, *decimals, locale),
            ValueFormat::Date => {
                date_of(value).map_or_else(|| "—".to_string(), |d| format::date(d, locale))
            }
        }
    }

    /// The value as an axis tick, with no more decimals than an axis spanning `span`
    /// needs to tell its ticks apart; money in the compact form.
    pub fn axis(&self, value: f64, span: f64, locale: Locale) -> String {
        if !value.is_finite() {
            return "—".to_string();
        }
        // Ticks are about a tenth of the span apart; show the digits that step needs.
        let step_decimals = |step: f64| -> usize {
            if !(step.is_finite() && step > 0.0) {
                return 0;
            }
            (-step.log10().floor()).clamp(0.0, 6.0) as usize
        };
        let step = span.abs() / 10.0;
        match self {
            ValueFormat::Count => format::number(value.round(), 0, locale),
            ValueFormat::Number { decimals } => {
                format::number(value, step_decimals(step).min(*decimals), locale)
            }
            ValueFormat::Money { currency } => {
                if value.abs() < 1e4 && step < 1.0 {
                    format::money(value, currency, step_decimals(step).min(2), locale)
                } else {
                    format::money_compact(value, currency, locale)
                }
            }
            ValueFormat::Percent { .. } => {
                format::percent(value, step_decimals(step * 100.0).min(2), locale)
            }
            ValueFormat::Date => self.full(value, locale),
        }
    }
}

/// The date of day number `days` (rounded), if it is a date chrono can represent.
fn date_of(days: f64) -> Option<chrono::NaiveDate> {
    if !days.is_finite() || days.abs() > 1e9 {
        return None;
    }
    crate::domain::day::date_of_day(days.round() as i32)
}

/// The x value of [`ValueFormat::Date`] axes for a date: its day number.
pub fn day_value(day: chrono::NaiveDate) -> f64 {
    f64::from(crate::domain::day::day_number(day))
}

/// What a draw function needs besides its data: the device pixel ratio and the language.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel; every size in a chart is multiplied by it, so text
    /// and lines are crisp on high-density screens.
    pub scale: f64,
    /// The language of labels and number formats.
    pub locale: Locale,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            scale: 1.0,
            locale: Locale::En,
        }
    }
}

impl ChartStyle {
    /// A length of `css` CSS pixels in device pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }

    /// A catalogue text in the chart's language.
    pub fn t(&self, text: ChartText) -> &'static str {
        text.text(self.locale)
    }
}

/// A rectangle in device pixels of the canvas: `x0..x1` × `y0..y1` (ends excluded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PixelRect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl PixelRect {
    /// The rectangle between two corners given in any order.
    pub fn new(a: (i32, i32), b: (i32, i32)) -> Self {
        PixelRect {
            x0: a.0.min(b.0),
            y0: a.1.min(b.1),
            x1: a.0.max(b.0),
            y1: a.1.max(b.1),
        }
    }

    /// Whether the point lies inside.
    pub fn contains(&self, x: i32, y: i32) -> bool {
        x >= self.x0 && x < self.x1 && y >= self.y0 && y < self.y1
    }

    /// The centre, for tests that click an element.
    pub fn centre(&self) -> (i32, i32) {
        ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)
    }
}

/// One clickable region of a drawn chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Where it is on the canvas.
    pub rect: PixelRect,
    /// The index reported to `on_select`: a category, tier, cell, point or class, as
    /// each chart documents.
    pub index: usize,
    /// The tooltip: what this element is and its numbers.
    pub label: String,
}

/// The clickable regions of a drawn chart; earlier regions win where they overlap.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Hits {
    pub regions: Vec<Hit>,
}

impl Hits {
    /// The region under a point of the canvas (device pixels), if any.
    pub fn at(&self, x: i32, y: i32) -> Option<&Hit> {
        self.regions.iter().find(|h| h.rect.contains(x, y))
    }

    /// The first region reporting `index`, for tests that click a known element.
    pub fn of(&self, index: usize) -> Option<&Hit> {
        self.regions.iter().find(|h| h.index == index)
    }

    fn push(&mut self, rect: PixelRect, index: usize, label: String) {
        self.regions.push(Hit { rect, index, label });
    }
}

/// Why a chart was not drawn; the frame shows [`ChartError::sentence`] instead.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartError {
    /// There are no values to draw (no categories, no points, or every value missing).
    NoData,
    /// The canvas is too small for the chart's labels and plot.
    TooSmall,
    /// The browser refused a drawing call; the detail is logged to the console.
    Draw(String),
}

impl ChartError {
    /// The sentence a person reads in place of the chart.
    pub fn sentence(&self, locale: Locale) -> &'static str {
        match self {
            ChartError::NoData => ChartText::NoData.text(locale),
            ChartError::TooSmall => ChartText::TooSmall.text(locale),
            ChartError::Draw(_) => ChartText::DrawFailed.text(locale),
        }
    }
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::NoData => {
                write!(f, "There is nothing to chart: no finite values were given.")
            }
            ChartError::TooSmall => write!(
                f,
                "The canvas is too small for this chart; give it more width or height."
            ),
            ChartError::Draw(detail) => {
                write!(f, "The browser refused to draw the chart: {detail}")
            }
        }
    }
}

impl std::error::Error for ChartError {}

/// Wraps any plotters drawing error.
pub(crate) fn draw_err<E: fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}
