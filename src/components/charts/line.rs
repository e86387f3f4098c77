//! Lines over a numeric or date axis, with dashed reference lines and labelled markers:
//! the whale curve (cumulative share of profit against share of customers, a 100 % line,
//! the peak and the top 20 %) and the tracking plot (cumulative actual against expected
//! purchases by week, split at the end of calibration).

use super::draw::{
    self, cartesian, dashed, legend, line_height, padded_range, plot_rect, sane, text_width, Axes,
    Mark, SMALL,
};
use super::frame::{Cell, ChartFrame, ChartKind, NumbersTable, Table};
use super::palette::{self, Rgb};
use super::{
    day_value, draw_err, Area, ChartError, ChartStyle, Hits, PixelRect, ValueFormat,
};
use crate::i18n::{fill, format, ChartText, Locale, Text as _};
use crate::state::use_i18n;
use chrono::NaiveDate;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One line.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSeries {
    /// Its name, in the legend and the table heading.
    pub name: String,
    /// `(x, y)` points in drawing order; non-finite points are skipped.
    pub points: Vec<(f64, f64)>,
    pub color: Rgb,
    pub dashed: bool,
}

/// A dashed reference line across the plot with a label.
#[derive(Clone, Debug, PartialEq)]
pub struct RefLine {
    /// A vertical line at x = `value` when true, else a horizontal line at y = `value`.
    pub vertical: bool,
    pub value: f64,
    pub label: String,
}

/// A labelled point drawn over the lines.
#[derive(Clone, Debug, PartialEq)]
pub struct LineMarker {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub color: Rgb,
}

/// Lines over x: plain data for [`LineChart`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LineData {
    /// The lines. The first one's points are what clicks and the table's rows refer to:
    /// `on_select` reports an index into `series[0].points`.
    pub series: Vec<LineSeries>,
    pub x_format: ValueFormat,
    pub y_format: ValueFormat,
    pub x_title: String,
    pub y_title: String,
    pub references: Vec<RefLine>,
    pub markers: Vec<LineMarker>,
    /// Whether the value axis starts at zero.
    pub y_from_zero: bool,
}

impl LineData {
    /// Adds a solid line in the next palette colour.
    pub fn with_series(mut self, name: impl Into<String>, points: Vec<(f64, f64)>) -> Self {
        let color = palette::series(self.series.len());
        self.series.push(LineSeries {
            name: name.into(),
            points,
            color,
            dashed: false,
        });
        self
    }

    /// The whale curve: `points` are (share of customers, cumulative share of profit),
    /// most profitable customers first, as fractions; `peak` is the highest point and
    /// `top20` the share of profit from the top 20 % of customers (both as the engine
    /// computes them, so the markers agree with its numbers).
    pub fn whale(points: Vec<(f64, f64)>, peak: (f64, f64), top20: f64, locale: Locale) -> Self {
        let pct = |v: f64| format::percent(v, 0, locale);
        let t = |c: ChartText| c.text(locale).to_string();
        let mut markers = Vec::new();
        if sane(peak.0).is_some() && sane(peak.1).is_some() {
            markers.push(LineMarker {
                x: peak.0,
                y: peak.1,
                label: fill(
                    ChartText::WhalePeak.text(locale),
                    &[("value", &pct(peak.1)), ("share", &pct(peak.0))],
                ),
                color: palette::CHART[3],
            });
        }
        if sane(top20).is_some() {
            markers.push(LineMarker {
                x: 0.2,
                y: top20,
                label: fill(
                    ChartText::WhaleTop20.text(locale),
                    &[("value", &pct(top20))],
                ),
                color: palette::CHART[2],
            });
        }
        LineData {
            series: vec![LineSeries {
                name: t(ChartText::WhaleSeries),
                points,
                color: palette::series(0),
                dashed: false,
            }],
            x_format: ValueFormat::Percent { decimals: 0 },
            y_format: ValueFormat::Percent { decimals: 0 },
            x_title: t(ChartText::WhaleX),
            y_title: t(ChartText::WhaleY),
            references: vec![RefLine {
                vertical: false,
                value: 1.0,
                label: t(ChartText::WhaleAll),
            }],
            markers,
            y_from_zero: true,
        }
    }

    /// The tracking plot: cumulative actual and expected repeat purchases at each week
    /// (`weeks[i]` is the week's date), with a vertical line at `split`, the end of the
    /// calibration period.
    pub fn tracking(
        weeks: &[NaiveDate],
        actual: &[f64],
        expected: &[f64],
        split: NaiveDate,
        locale: Locale,
    ) -> Self {
        let t = |c: ChartText| c.text(locale).to_string();
        let xs: Vec<f64> = weeks.iter().map(|d| day_value(*d)).collect();
        let pair = |ys: &[f64]| {
            xs.iter()
                .copied()
                .zip(ys.iter().copied())
                .collect::<Vec<_>>()
        };
        LineData {
            series: vec![
                LineSeries {
                    name: t(ChartText::TrackingActual),
                    points: pair(actual),
                    color: palette::series(0),
                    dashed: false,
                },
                LineSeries {
                    name: t(ChartText::TrackingExpected),
                    points: pair(expected),
                    color: palette::series(1),
                    dashed: true,
                },
            ],
            x_format: ValueFormat::Date,
            y_format: ValueFormat::Count,
            x_title: t(ChartText::TrackingX),
            y_title: t(ChartText::TrackingY),
            references: vec![RefLine {
                vertical: true,
                value: day_value(split),
                label: t(ChartText::TrackingSplit),
            }],
            markers: Vec::new(),
            y_from_zero: true,
        }
    }

    /// The finite points of series `s`, with their index in `points`.
    fn finite(&self, s: usize) -> impl Iterator<Item = (usize, (f64, f64))> + '_ {
        self.series[s]
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, &(x, y))| Some((i, (sane(x)?, sane(y)?))))
    }

    /// The tooltip of point `i` of the first series: x, then every series' y at `i`.
    fn describe(&self, i: usize, locale: Locale) -> String {
        let x = self.series[0].points.get(i).map_or(f64::NAN, |p| p.0);
        let ys: Vec<String> = self
            .series
            .iter()
            .map(|s| {
                let y = s
                    .points
                    .get(i)
                    .and_then(|p| sane(p.1))
                    .map_or_else(|| "—".to_string(), |y| self.y_format.full(y, locale));
                if self.series.len() > 1 {
                    format!("{}: {y}", s.name)
                } else {
                    y
                }
            })
            .collect();
        format!("{}: {}", self.x_format.full(x, locale), ys.join(" · "))
    }
}

/// Draws the lines, reference lines and markers. Hits: a vertical band around each
/// point of the first series, reporting the point's index.
pub fn draw(area: &Area, data: &LineData, style: &ChartStyle) -> Result<Hits, ChartError> {
    let all: Vec<(f64, f64)> = (0..data.series.len())
        .flat_map(|s| data.finite(s).map(|(_, p)| p))
        .collect();
    if all.is_empty() {
        return Err(ChartError::NoData);
    }
    let mut xs: Vec<f64> = all.iter().map(|p| p.0).collect();
    let mut ys: Vec<f64> = all.iter().map(|p| p.1).collect();
    for r in &data.references {
        if let Some(v) = sane(r.value) {
            if r.vertical {
                xs.push(v)
            } else {
                ys.push(v)
            }
        }
    }
    for m in &data.markers {
        if let (Some(x), Some(y)) = (sane(m.x), sane(m.y)) {
            xs.push(x);
            ys.push(y);
        }
    }
    let (xlo, xhi) = (
        xs.iter().copied().fold(f64::INFINITY, f64::min),
        xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let x = if xhi - xlo > f64::EPSILON * xhi.abs().max(1.0) {
        (xlo, xhi)
    } else {
        padded_range(xlo, xhi, false)
    };
    let (ylo, yhi) = (
        ys.iter().copied().fold(f64::INFINITY, f64::min),
        ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let y = padded_range(ylo, yhi, data.y_from_zero);
    let (w, _) = area.dim_in_pixel();

    let legend_h = if data.series.len() > 1 {
        let entries: Vec<(String, Rgb, Mark)> = data
            .series
            .iter()
            .map(|s| (s.name.clone(), s.color, Mark::Line { dashed: s.dashed }))
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
        x,
        y,
        x_format: Some(&data.x_format),
        y_format: &data.y_format,
        x_title: &data.x_title,
        y_title: &data.y_title,
        top: legend_h,
        x_grid: false,
    };
    let mut chart = cartesian(area, &axes, style)?;
    let plot = plot_rect(&chart);
    // Reference lines under the data.
    for r in &data.references {
        let Some(v) = sane(r.value) else { continue };
        if r.vertical {
            let px = chart.backend_coord(&(v, y.0)).0;
            dashed(
                area,
                (px, plot.y0),
                (px, plot.y1),
                palette::TEXT_MUTED,
                style.px(1.0),
                style,
            )?;
            let right_side = px < plot.x0 + (plot.x1 - plot.x0) * 7 / 10;
            let (lx, anchor) = if right_side {
                (px + style.px(4.0), HPos::Left)
            } else {
                (px - style.px(4.0), HPos::Right)
            };
            let room = if right_side {
                plot.x1 - lx
            } else {
                lx - plot.x0
            };
            let label = draw::fit(style, &r.label, SMALL, false, f64::from(room));
            let ts = draw::text(style, SMALL, false, palette::TEXT_MUTED, anchor, VPos::Top);
            area.draw(&Text::new(label, (lx, plot.y0 + style.px(2.0)), ts))
                .map_err(draw_err)?;
        } else {
            let py = chart.backend_coord(&(x.0, v)).1;
            dashed(
                area,
                (plot.x0, py),
                (plot.x1, py),
                palette::TEXT_MUTED,
                style.px(1.0),
                style,
            )?;
            // Under the line at the right end: a whale curve rises steeply through the left
            // end and stays above its 100 % until it comes back to it at the right.
            let label = draw::fit(
                style,
                &r.label,
                SMALL,
                false,
                f64::from(plot.x1 - plot.x0) * 0.4,
            );
            let ts = draw::text(style, SMALL, false, palette::TEXT_MUTED, HPos::Right, VPos::Top);
            area.draw(&Text::new(
                label,
                (plot.x1 - style.px(8.0), py + style.px(3.0)),
                ts,
            ))
            .map_err(draw_err)?;
        }
    }

    // The lines; a lone point is drawn as a dot so it stays visible.
    let stroke = style.px(2.0).max(1) as u32;
    for (s, series) in data.series.iter().enumerate() {
        let points: Vec<(f64, f64)> = data.finite(s).map(|(_, p)| p).collect();
        let shape = series.color.plotters().stroke_width(stroke);
        if points.len() == 1 {
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|p| Circle::new(*p, style.px(3.5), series.color.plotters().filled())),
                )
                .map_err(draw_err)?;
        } else if series.dashed {
            chart
                .draw_series(DashedLineSeries::new(
                    points,
                    style.px(7.0),
                    style.px(5.0),
                    shape,
                ))
                .map_err(draw_err)?;
        } else {
            chart
                .draw_series(plotters::series::LineSeries::new(points, shape))
                .map_err(draw_err)?;
        }
    }

    // Markers and their labels, kept inside the plot.
    let lh = line_height(style, SMALL);
    for m in &data.markers {
        let (Some(mx), Some(my)) = (sane(m.x), sane(m.y)) else {
            continue;
        };
        let (px, py) = chart.backend_coord(&(mx, my));
        area.draw(&Circle::new(
            (px, py),
            style.px(5.0),
            palette::SURFACE.plotters().filled(),
        ))
        .map_err(draw_err)?;
        area.draw(&Circle::new(
            (px, py),
            style.px(3.5),
            m.color.plotters().filled(),
        ))
        .map_err(draw_err)?;
        let right_side = px < plot.x0 + (plot.x1 - plot.x0) * 6 / 10;
        let (lx, h) = if right_side {
            (px + style.px(7.0), HPos::Left)
        } else {
            (px - style.px(7.0), HPos::Right)
        };
        let below = py - lh < plot.y0;
        let (ly, v) = if below {
            (py + style.px(7.0), VPos::Top)
        } else {
            (py - style.px(7.0), VPos::Bottom)
        };
        let room = if right_side {
            plot.x1 - lx
        } else {
            lx - plot.x0
        };
        let label = draw::fit(style, &m.label, SMALL, true, f64::from(room));
        let width = text_width(style, &label, SMALL, true).ceil() as i32;
        // A white backing keeps the label readable over lines and grid.
        let x0 = if right_side { lx } else { lx - width };
        let y0 = if below { ly } else { ly - lh };
        area.draw(&Rectangle::new(
            [
                (x0 - style.px(2.0), y0),
                (x0 + width + style.px(2.0), y0 + lh),
            ],
            palette::SURFACE.plotters().mix(0.85).filled(),
        ))
        .map_err(draw_err)?;
        area.draw(&Text::new(
            label,
            (lx, ly),
            draw::text(style, SMALL, true, palette::TEXT, h, v),
        ))
        .map_err(draw_err)?;
    }

    // Hits: bands between midpoints of the first series' points, in x order.
    let mut hits = Hits::default();
    let mut first: Vec<(usize, i32)> = data
        .finite(0)
        .map(|(i, p)| (i, chart.backend_coord(&p).0))
        .collect();
    first.sort_by_key(|&(_, px)| px);
    for k in 0..first.len() {
        let (i, px) = first[k];
        let left = if k == 0 {
            plot.x0.min(px)
        } else {
            (first[k - 1].1 + px) / 2
        };
        let right = if k + 1 == first.len() {
            plot.x1.max(px + 1)
        } else {
            (px + first[k + 1].1) / 2
        };
        if right > left {
            hits.push(
                PixelRect {
                    x0: left,
                    y0: plot.y0,
                    x1: right,
                    y1: plot.y1,
                },
                i,
                data.describe(i, style.locale),
            );
        }
    }
    Ok(hits)
}

/// The table: a row per point of the first series, a column per series.
pub fn table(data: &LineData, locale: Locale) -> Table {
    let first_heading = if data.x_title.is_empty() {
        ChartText::Category.text(locale).to_string()
    } else {
        data.x_title.clone()
    };
    let mut headers = vec![first_heading];
    headers.extend(data.series.iter().map(|s| s.name.clone()));
    let Some(first) = data.series.first() else {
        return Table {
            headers,
            rows: Vec::new(),
        };
    };
    let rows = first
        .points
        .iter()
        .enumerate()
        .map(|(i, &(x, _))| {
            let mut row = vec![Cell::link(
                sane(x).map_or_else(|| "—".to_string(), |x| data.x_format.full(x, locale)),
                i,
            )];
            row.extend(data.series.iter().map(|s| {
                Cell::plain(
                    s.points
                        .get(i)
                        .and_then(|p| sane(p.1))
                        .map_or_else(|| "—".to_string(), |y| data.y_format.full(y, locale)),
                )
            }));
            row
        })
        .collect();
    Table { headers, rows }
}

/// A line chart with its table. `on_select` receives the index of a point of the first
/// series (the band around it was clicked).
#[component]
pub fn LineChart(
    /// The chart's title: caption, accessible name and PNG file name.
    #[prop(into)]
    title: Signal<String>,
    /// The lines.
    #[prop(into)]
    data: Signal<LineData>,
    /// Called with a point's index when the chart near it, or its table row, is clicked.
    #[prop(optional, into)]
    on_select: Option<Callback<usize>>,
    /// The plot's height in CSS pixels.
    #[prop(default = 320.0)]
    height: f64,
    /// The figure's `data-testid`.
    #[prop(default = "chart-line")]
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let numbers = Memo::new(move |_| data.with(|d| table(d, i18n.locale())));
    view! {
        <ChartFrame
            title=title
            kind=ChartKind::Line
            height=height
            on_select=on_select
            testid=testid
            draw=move |area: &Area, style: &ChartStyle| data.with(|d| draw(area, d, style))
        >
            <NumbersTable table=numbers title=title on_select=on_select/>
        </ChartFrame>
    }
}
