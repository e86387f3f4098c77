//! Points coloured by class with dashed threshold lines (customers by profit now and
//! ahead, in their quadrants); up to a few thousand points, axes clipped to the 1st–99th
//! percentile so a handful of outliers do not squash everyone else into a corner.

use super::draw::{cartesian, dashed, legend, padded_range, plot_rect, sane, Axes, Mark};
use super::frame::{Cell, ChartFrame, ChartKind, NumbersTable, Table};
use super::palette::{self, Rgb};
use super::{draw_err, Area, ChartError, ChartStyle, Hits, PixelRect, ValueFormat};
use crate::i18n::{fill, format, ChartText, Locale, Text as _};
use crate::state::use_i18n;
use leptos::prelude::*;
use plotters::prelude::*;

/// One point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScatterPoint {
    pub x: f64,
    pub y: f64,
    /// Its class: an index into [`ScatterData::classes`].
    pub class: usize,
}

/// A class of points: its name (legend, table) and colour.
#[derive(Clone, Debug, PartialEq)]
pub struct ScatterClass {
    pub name: String,
    pub color: Rgb,
}

/// Points by class: plain data for [`ScatterChart`].
#[derive(Clone, Debug, PartialEq)]
pub struct ScatterData {
    pub points: Vec<ScatterPoint>,
    /// The classes; `on_select` reports an index into this list.
    pub classes: Vec<ScatterClass>,
    pub x_format: ValueFormat,
    pub y_format: ValueFormat,
    pub x_title: String,
    pub y_title: String,
    /// A dashed vertical line at this x (a quadrant boundary).
    pub x_threshold: Option<f64>,
    /// A dashed horizontal line at this y.
    pub y_threshold: Option<f64>,
    /// Clip the axes to the 1st–99th percentile of the points (on by default).
    pub clip_outliers: bool,
}

impl Default for ScatterData {
    fn default() -> Self {
        ScatterData {
            points: Vec::new(),
            classes: Vec::new(),
            x_format: ValueFormat::default(),
            y_format: ValueFormat::default(),
            x_title: String::new(),
            y_title: String::new(),
            x_threshold: None,
            y_threshold: None,
            clip_outliers: true,
        }
    }
}

impl ScatterData {
    /// Adds a class in the next palette colour.
    pub fn with_class(mut self, name: impl Into<String>) -> Self {
        let color = palette::series(self.classes.len());
        self.classes.push(ScatterClass {
            name: name.into(),
            color,
        });
        self
    }

    /// The points with finite coordinates and a known class.
    fn finite(&self) -> impl Iterator<Item = (usize, f64, f64, usize)> + '_ {
        self.points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.class < self.classes.len())
            .filter_map(|(i, p)| Some((i, sane(p.x)?, sane(p.y)?, p.class)))
    }

    /// How many points each class holds.
    fn counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.classes.len()];
        for (_, _, _, c) in self.finite() {
            counts[c] += 1;
        }
        counts
    }

    fn describe_class(&self, class: usize, count: usize, locale: Locale) -> String {
        format!(
            "{}: {} {}",
            self.classes[class].name,
            format::count(count as u64, locale),
            ChartText::Customers.text(locale).to_lowercase()
        )
    }
}

/// The axes a scatter shows and how many points fall beyond them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScatterBounds {
    pub x: (f64, f64),
    pub y: (f64, f64),
    /// Points outside the axes, drawn on the edge as open circles.
    pub clipped: usize,
}

/// The value at quantile `q` of sorted values (nearest rank, rounding outwards so that
/// the 1st and 99th percentiles of fewer than 100 values are the extremes).
fn quantile(sorted: &[f64], q: f64, up: bool) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let i = if up { pos.ceil() } else { pos.floor() } as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The axes for `data`: the 1st–99th percentile of each coordinate (the extremes when
/// clipping is off), widened to show the thresholds, with a little padding. `None` when
/// there are no points.
pub fn bounds(data: &ScatterData) -> Option<ScatterBounds> {
    let mut xs: Vec<f64> = data.finite().map(|p| p.1).collect();
    let mut ys: Vec<f64> = data.finite().map(|p| p.2).collect();
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    ys.sort_by(f64::total_cmp);
    let (q_lo, q_hi) = if data.clip_outliers {
        (0.01, 0.99)
    } else {
        (0.0, 1.0)
    };
    let axis = |sorted: &[f64], threshold: Option<f64>| {
        let (mut lo, mut hi) = (quantile(sorted, q_lo, false), quantile(sorted, q_hi, true));
        if let Some(t) = threshold.and_then(sane) {
            lo = lo.min(t);
            hi = hi.max(t);
        }
        padded_range(lo, hi, false)
    };
    let x = axis(&xs, data.x_threshold);
    let y = axis(&ys, data.y_threshold);
    let clipped = data
        .finite()
        .filter(|p| p.1 < x.0 || p.1 > x.1 || p.2 < y.0 || p.2 > y.1)
        .count();
    Some(ScatterBounds { x, y, clipped })
}

/// Draws the points. Hits: each point (reporting its class), then each threshold
/// quadrant (reporting the class most of its points belong to).
pub fn draw(area: &Area, data: &ScatterData, style: &ChartStyle) -> Result<Hits, ChartError> {
    let Some(b) = bounds(data) else {
        return Err(ChartError::NoData);
    };
    let (w, _) = area.dim_in_pixel();
    let entries: Vec<(String, Rgb, Mark)> = data
        .classes
        .iter()
        .map(|c| (c.name.clone(), c.color, Mark::Square))
        .collect();
    let legend_h = legend(
        area,
        &entries,
        style.px(8.0),
        style.px(4.0),
        w as i32 - style.px(16.0),
        style,
    )? + style.px(4.0);
    let axes = Axes {
        x: b.x,
        y: b.y,
        x_format: Some(&data.x_format),
        y_format: &data.y_format,
        x_title: &data.x_title,
        y_title: &data.y_title,
        top: legend_h,
        x_grid: true,
    };
    let mut chart = cartesian(area, &axes, style)?;
    let plot = plot_rect(&chart);

    // Thresholds under the points.
    if let Some(t) = data.x_threshold.and_then(sane) {
        let px = chart.backend_coord(&(t, b.y.0)).0;
        dashed(
            area,
            (px, plot.y0),
            (px, plot.y1),
            palette::TEXT_MUTED,
            style.px(1.5),
            style,
        )?;
    }
    if let Some(t) = data.y_threshold.and_then(sane) {
        let py = chart.backend_coord(&(b.x.0, t)).1;
        dashed(
            area,
            (plot.x0, py),
            (plot.x1, py),
            palette::TEXT_MUTED,
            style.px(1.5),
            style,
        )?;
    }

    // Points: filled inside the axes, open circles on the edge for the clipped ones.
    let r = style.px(2.5).max(1);
    let inside = |x: f64, y: f64| x >= b.x.0 && x <= b.x.1 && y >= b.y.0 && y <= b.y.1;
    let clamp = |x: f64, y: f64| (x.clamp(b.x.0, b.x.1), y.clamp(b.y.0, b.y.1));
    let stroke = style.px(1.25).max(1) as u32;
    chart
        .draw_series(data.finite().map(|(_, x, y, c)| {
            let color = data.classes[c].color.plotters();
            if inside(x, y) {
                Circle::new((x, y), r, color.mix(0.7).filled())
            } else {
                Circle::new(clamp(x, y), r + 1, color.stroke_width(stroke))
            }
        }))
        .map_err(draw_err)?;

    let locale = style.locale;
    let mut hits = Hits::default();
    let half = style.px(4.0).max(2);
    for (_, x, y, c) in data.finite() {
        let (px, py) = chart.backend_coord(&clamp(x, y));
        let label = format!(
            "{}: {} · {}",
            data.classes[c].name,
            data.x_format.full(x, locale),
            data.y_format.full(y, locale)
        );
        hits.push(
            PixelRect {
                x0: px - half,
                y0: py - half,
                x1: px + half + 1,
                y1: py + half + 1,
            },
            c,
            label,
        );
    }

    // Quadrant cells: the class most of their points belong to.
    let xt = data
        .x_threshold
        .and_then(sane)
        .filter(|t| *t > b.x.0 && *t < b.x.1);
    let yt = data
        .y_threshold
        .and_then(sane)
        .filter(|t| *t > b.y.0 && *t < b.y.1);
    if xt.is_some() || yt.is_some() {
        let x_cuts = xt.map_or(vec![(b.x.0, b.x.1)], |t| vec![(b.x.0, t), (t, b.x.1)]);
        let y_cuts = yt.map_or(vec![(b.y.0, b.y.1)], |t| vec![(b.y.0, t), (t, b.y.1)]);
        let counts_total = data.counts();
        for &(x0, x1) in &x_cuts {
            for &(y0, y1) in &y_cuts {
                let mut counts = vec![0usize; data.classes.len()];
                for (_, x, y, c) in data.finite() {
                    let (cx, cy) = clamp(x, y);
                    if cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1 {
                        counts[c] += 1;
                    }
                }
                let Some((class, _)) = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .max_by_key(|(_, n)| **n)
                else {
                    continue;
                };
                let rect = PixelRect::new(
                    chart.backend_coord(&(x0, y0)),
                    chart.backend_coord(&(x1, y1)),
                );
                hits.push(
                    rect,
                    class,
                    data.describe_class(class, counts_total[class], locale),
                );
            }
        }
    }
    Ok(hits)
}

/// The table: a row per class with its count and share of the points.
pub fn table(data: &ScatterData, locale: Locale) -> Table {
    let t = |c: ChartText| c.text(locale).to_string();
    let counts = data.counts();
    let total: usize = counts.iter().sum();
    let rows = data
        .classes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let share = if total > 0 {
                format::percent(counts[i] as f64 / total as f64, 1, locale)
            } else {
                "—".to_string()
            };
            vec![
                Cell::link(c.name.clone(), i),
                Cell::plain(format::count(counts[i] as u64, locale)),
                Cell::plain(share),
            ]
        })
        .collect();
    Table {
        headers: vec![
            t(ChartText::Group),
            t(ChartText::Customers),
            t(ChartText::Share),
        ],
        rows,
    }
}

/// The note under a clipped scatter.
fn note(data: &ScatterData, locale: Locale) -> Option<String> {
    let clipped = bounds(data)?.clipped;
    (clipped > 0).then(|| {
        fill(
            ChartText::ScatterClipped.text(locale),
            &[("count", &format::count(clipped as u64, locale))],
        )
    })
}

/// A scatter plot with its table of classes. `on_select` receives a class index: the
/// clicked point's class, or the class most points of the clicked quadrant belong to.
#[component]
pub fn ScatterChart(
    /// The chart's title: caption, accessible name and PNG file name.
    #[prop(into)]
    title: Signal<String>,
    /// The points.
    #[prop(into)]
    data: Signal<ScatterData>,
    /// Called with a class index when a point, a quadrant or a table row is clicked.
    #[prop(optional, into)]
    on_select: Option<Callback<usize>>,
    /// The plot's height in CSS pixels.
    #[prop(default = 360.0)]
    height: f64,
    /// The figure's `data-testid`.
    #[prop(default = "chart-scatter")]
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let numbers = Memo::new(move |_| data.with(|d| table(d, i18n.locale())));
    let clipped_note = Memo::new(move |_| data.with(|d| note(d, i18n.locale())));
    view! {
        <ChartFrame
            title=title
            kind=ChartKind::Scatter
            height=height
            on_select=on_select
            note=clipped_note
            testid=testid
            draw=move |area: &Area, style: &ChartStyle| data.with(|d| draw(area, d, style))
        >
            <NumbersTable table=numbers title=title on_select=on_select/>
        </ChartFrame>
    }
}
