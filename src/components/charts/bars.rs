//! Vertical bars by category, one series or several side by side (churn rate by month,
//! exits by reason, lost profit in one year and over the lifetime by reason); negative
//! values hang below a zero line.

use super::draw::{
    self, cartesian, legend, line_height, padded_range, plot_rect, sane, text_width, Axes, Mark,
    SMALL,
};
use super::frame::{Cell, ChartFrame, ChartKind, NumbersTable, Table};
use super::palette::{self, Rgb};
use super::{draw_err, Area, ChartError, ChartStyle, Hits, PixelRect, ValueFormat};
use crate::i18n::{ChartText, Locale, Text as _};
use crate::state::use_i18n;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One series of bars: its name (legend and table heading), a value per category and
/// its colour.
#[derive(Clone, Debug, PartialEq)]
pub struct BarSeries {
    pub name: String,
    /// One value per category; missing or non-finite values draw no bar.
    pub values: Vec<f64>,
    pub color: Rgb,
}

/// Bars by category: plain data for [`BarChart`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BarData {
    /// The categories, left to right; `on_select` reports an index into this list.
    pub categories: Vec<String>,
    /// One or more series, drawn side by side in each category.
    pub series: Vec<BarSeries>,
    /// How values are written (axis, labels, table).
    pub format: ValueFormat,
    /// The title under the categories ("Month"); empty for none.
    pub x_title: String,
    /// The title of the value axis ("Churn rate"); empty for none.
    pub y_title: String,
}

impl BarData {
    /// One series of `values` over `categories`, in the first palette colour.
    pub fn single(
        categories: Vec<String>,
        name: impl Into<String>,
        values: Vec<f64>,
        format: ValueFormat,
    ) -> Self {
        BarData {
            categories,
            series: vec![BarSeries {
                name: name.into(),
                values,
                color: palette::series(0),
            }],
            format,
            x_title: String::new(),
            y_title: String::new(),
        }
    }

    /// Adds a series in the next palette colour.
    pub fn with_series(mut self, name: impl Into<String>, values: Vec<f64>) -> Self {
        let color = palette::series(self.series.len());
        self.series.push(BarSeries {
            name: name.into(),
            values,
            color,
        });
        self
    }

    /// Sets the axis titles.
    pub fn titles(mut self, x: impl Into<String>, y: impl Into<String>) -> Self {
        self.x_title = x.into();
        self.y_title = y.into();
        self
    }

    /// The finite value of series `s` in category `i`.
    fn value(&self, s: usize, i: usize) -> Option<f64> {
        self.series.get(s)?.values.get(i).copied().and_then(sane)
    }

    /// The tooltip of category `i`: its name and every series' value.
    fn describe(&self, i: usize, locale: Locale) -> String {
        let name = self.categories.get(i).cloned().unwrap_or_default();
        let values: Vec<String> = (0..self.series.len())
            .map(|s| {
                let v = self
                    .value(s, i)
                    .map_or_else(|| "—".to_string(), |v| self.format.full(v, locale));
                if self.series.len() > 1 {
                    format!("{}: {v}", self.series[s].name)
                } else {
                    v
                }
            })
            .collect();
        format!("{name}: {}", values.join(" · "))
    }
}

/// Draws the bars. Hits: one column per category (bar, label and the space above),
/// reporting the category's index.
pub fn draw(area: &Area, data: &BarData, style: &ChartStyle) -> Result<Hits, ChartError> {
    let n = data.categories.len();
    let m = data.series.len();
    let finite: Vec<f64> = (0..m)
        .flat_map(|s| (0..n).filter_map(move |i| data.value(s, i)))
        .collect();
    if n == 0 || finite.is_empty() {
        return Err(ChartError::NoData);
    }
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let y = padded_range(lo, hi, true);
    let span = y.1 - y.0;
    let (w, _) = area.dim_in_pixel();

    let legend_h = if m > 1 {
        let entries: Vec<(String, Rgb, Mark)> = data
            .series
            .iter()
            .map(|s| (s.name.clone(), s.color, Mark::Square))
            .collect();
        legend(
            area,
            &entries,
            style.px(8.0),
            style.px(4.0),
            w as i32 - style.px(16.0),
            style,
        )? + style.px(4.0)
    } else {
        0
    };
    let axes = Axes {
        x: (0.0, n as f64),
        y,
        x_format: None,
        y_format: &data.format,
        x_title: &data.x_title,
        y_title: &data.y_title,
        top: legend_h,
        x_grid: false,
    };
    let mut chart = cartesian(area, &axes, style)?;
    let plot = plot_rect(&chart);

    // Bars: 80 % of each category's slot, shared by the series.
    let group = 0.8;
    let bar_w = group / m as f64;
    let slot_px = f64::from(plot.x1 - plot.x0) / n as f64;
    let bar_px = slot_px * bar_w;
    for (s, series) in data.series.iter().enumerate() {
        let bars = (0..n).filter_map(|i| {
            let v = data.value(s, i)?;
            let x0 = i as f64 + (1.0 - group) / 2.0 + s as f64 * bar_w;
            Some(Rectangle::new(
                [(x0, 0.0), (x0 + bar_w, v)],
                series.color.plotters().filled(),
            ))
        });
        chart.draw_series(bars).map_err(draw_err)?;
    }
    if y.0 < 0.0 && y.1 > 0.0 {
        let zero = chart.backend_coord(&(0.0, 0.0)).1;
        area.draw(&PathElement::new(
            vec![(plot.x0, zero), (plot.x1, zero)],
            palette::TEXT_MUTED
                .plotters()
                .stroke_width(style.px(1.0).max(1) as u32),
        ))
        .map_err(draw_err)?;
    }

    // Values on the bars, where they fit.
    let gap = style.px(3.0);
    for s in 0..m {
        for i in 0..n {
            let Some(v) = data.value(s, i) else { continue };
            let label = data.format.axis(v, span, style.locale);
            if text_width(style, &label, SMALL, false) > bar_px + f64::from(style.px(4.0)) {
                continue;
            }
            let x0 = i as f64 + (1.0 - group) / 2.0 + (s as f64 + 0.5) * bar_w;
            let (px, py) = chart.backend_coord(&(x0, v));
            let (pos_y, anchor) = if v >= 0.0 {
                (py - gap, VPos::Bottom)
            } else {
                (py + gap, VPos::Top)
            };
            let ts = draw::text(style, SMALL, false, palette::TEXT, HPos::Center, anchor);
            area.draw(&Text::new(label, (px, pos_y), ts))
                .map_err(draw_err)?;
        }
    }

    // Category labels: every k-th one when they would overlap, shortened to fit.
    let widest = data
        .categories
        .iter()
        .map(|c| text_width(style, c, SMALL, false))
        .fold(0.0, f64::max);
    let room = |k: usize| slot_px * k as f64 - f64::from(style.px(6.0));
    let step = (1..=n)
        .find(|&k| widest <= room(k) || room(k) >= f64::from(style.px(72.0)))
        .unwrap_or(n);
    let label_y = plot.y1 + style.px(6.0);
    let label_style = draw::text(
        style,
        SMALL,
        false,
        palette::TEXT_MUTED,
        HPos::Center,
        VPos::Top,
    );
    for i in (0..n).step_by(step.max(1)) {
        let label = draw::fit(style, &data.categories[i], SMALL, false, room(step));
        let x = plot.x0 + (slot_px * (i as f64 + 0.5)).round() as i32;
        area.draw(&Text::new(label, (x, label_y), label_style.clone()))
            .map_err(draw_err)?;
    }

    let mut hits = Hits::default();
    let bottom = label_y + line_height(style, SMALL);
    for i in 0..n {
        let x0 = plot.x0 + (slot_px * i as f64).round() as i32;
        let x1 = plot.x0 + (slot_px * (i + 1) as f64).round() as i32;
        hits.push(
            PixelRect {
                x0,
                y0: plot.y0,
                x1,
                y1: bottom,
            },
            i,
            data.describe(i, style.locale),
        );
    }
    Ok(hits)
}

/// The table: a row per category, a column per series.
pub fn table(data: &BarData, locale: Locale) -> Table {
    let first = if data.x_title.is_empty() {
        ChartText::Category.text(locale).to_string()
    } else {
        data.x_title.clone()
    };
    let mut headers = vec![first];
    headers.extend(data.series.iter().map(|s| s.name.clone()));
    let rows = data
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = vec![Cell::link(c.clone(), i)];
            row.extend((0..data.series.len()).map(|s| {
                Cell::plain(
                    data.value(s, i)
                        .map_or_else(|| "—".to_string(), |v| data.format.full(v, locale)),
                )
            }));
            row
        })
        .collect();
    Table { headers, rows }
}

/// A bar chart with its table. `on_select` receives the category's index.
#[component]
pub fn BarChart(
    /// The chart's title: caption, accessible name and PNG file name.
    #[prop(into)]
    title: Signal<String>,
    /// The bars.
    #[prop(into)]
    data: Signal<BarData>,
    /// Called with a category's index when its bars, label or table row are clicked.
    #[prop(optional, into)]
    on_select: Option<Callback<usize>>,
    /// The plot's height in CSS pixels.
    #[prop(default = 300.0)]
    height: f64,
    /// The figure's `data-testid`.
    #[prop(default = "chart-bars")]
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let numbers = Memo::new(move |_| data.with(|d| table(d, i18n.locale())));
    view! {
        <ChartFrame
            title=title
            kind=ChartKind::Bars
            height=height
            on_select=on_select
            testid=testid
            draw=move |area: &Area, style: &ChartStyle| data.with(|d| draw(area, d, style))
        >
            <NumbersTable table=numbers title=title on_select=on_select/>
        </ChartFrame>
    }
}
