//! A grid of cells shaded light to dark blue by value, each value written in its cell
//! where it fits (cohort retention by acquisition month × months since, frequency ×
//! recency matrices, the 4 × 4 tier migration matrix), with row and column labels and a
//! legend of the colour scale.

use super::draw::{self, line_height, sane, text_width, SMALL};
use super::frame::{Cell, ChartFrame, ChartKind, NumbersTable, Table};
use super::palette;
use super::{draw_err, Area, ChartError, ChartStyle, Hits, PixelRect, ValueFormat};
use crate::i18n::{format, ChartText, Locale, Text as _};
use crate::state::use_i18n;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A grid of values: plain data for [`HeatmapChart`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct HeatmapData {
    /// Row labels, top to bottom.
    pub rows: Vec<String>,
    /// Column labels, left to right.
    pub columns: Vec<String>,
    /// `values[row][column]`; `None` (or a short row) leaves the cell empty, as in the
    /// future months of a cohort triangle. `on_select` reports `row × columns + column`
    /// (see [`HeatmapData::cell`]).
    pub values: Vec<Vec<Option<f64>>>,
    pub format: ValueFormat,
    /// What the rows are ("Acquired in"), written above the row labels.
    pub row_title: String,
    /// What the columns are ("Months since"), written under the column labels.
    pub column_title: String,
    /// The values at the light and dark ends of the scale; the data's extremes if `None`.
    pub domain: Option<(f64, f64)>,
    /// Outline the diagonal (customers who stayed in their tier).
    pub highlight_diagonal: bool,
    /// What the shade of a cell shows.
    pub shade: Shade,
}

/// What the shade of a heat-map cell shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Shade {
    /// The value itself, between the ends of the domain (retention rates).
    #[default]
    Value,
    /// The value's share of its row's total (counts in a migration matrix, where one big
    /// row would otherwise leave every other cell white); a note under the chart says so.
    RowShare,
}

impl HeatmapData {
    /// The index `on_select` reports for a cell.
    pub fn index(&self, row: usize, column: usize) -> usize {
        row * self.columns.len() + column
    }

    /// The (row, column) of an index `on_select` reported.
    pub fn cell(&self, index: usize) -> (usize, usize) {
        let n = self.columns.len().max(1);
        (index / n, index % n)
    }

    /// The finite value of a cell.
    pub fn value(&self, row: usize, column: usize) -> Option<f64> {
        self.values
            .get(row)?
            .get(column)
            .copied()
            .flatten()
            .and_then(sane)
    }

    /// The light and dark ends of the colour scale.
    fn scale(&self) -> Option<(f64, f64)> {
        if let Some((lo, hi)) = self.domain {
            if let (Some(lo), Some(hi)) = (sane(lo), sane(hi)) {
                return Some((lo.min(hi), lo.max(hi)));
            }
        }
        let all = (0..self.rows.len())
            .flat_map(|r| (0..self.columns.len()).filter_map(move |c| self.value(r, c)));
        all.fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((f64::min(lo, v), f64::max(hi, v))),
        })
    }

    /// Where a cell's value falls on the colour scale, 0 (light) to 1 (dark).
    fn shade_of(&self, row: usize, v: f64, scale: (f64, f64)) -> f64 {
        match self.shade {
            Shade::Value => position(v, scale),
            Shade::RowShare => {
                let total: f64 = (0..self.columns.len())
                    .filter_map(|c| self.value(row, c))
                    .map(f64::abs)
                    .sum();
                if total > 0.0 {
                    (v.abs() / total).clamp(0.0, 1.0)
                } else {
                    0.0
                }
            }
        }
    }

    fn describe(&self, row: usize, column: usize, locale: Locale) -> String {
        let v = self
            .value(row, column)
            .map_or_else(|| "—".to_string(), |v| self.format.full(v, locale));
        format!("{} · {}: {v}", self.rows[row], self.columns[column])
    }
}

/// Where `v` falls on the scale, 0 (light) to 1 (dark).
fn position(v: f64, (lo, hi): (f64, f64)) -> f64 {
    if hi - lo > f64::EPSILON * hi.abs().max(1.0) {
        ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
    } else {
        0.5
    }
}

/// Draws the grid. Hits: each cell with a value, reporting `row × columns + column`.
pub fn draw(area: &Area, data: &HeatmapData, style: &ChartStyle) -> Result<Hits, ChartError> {
    let (nr, nc) = (data.rows.len(), data.columns.len());
    let Some(scale) = data.scale().filter(|_| nr > 0 && nc > 0) else {
        return Err(ChartError::NoData);
    };
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let locale = style.locale;
    let margin = style.px(8.0);
    let lh = line_height(style, SMALL);
    let span = scale.1 - scale.0;

    // The legend's labels decide its width.
    let legend_labels = match data.shade {
        Shade::Value => {
            [scale.1, (scale.0 + scale.1) / 2.0, scale.0].map(|v| data.format.axis(v, span, locale))
        }
        Shade::RowShare => [1.0, 0.5, 0.0].map(|v| format::percent(v, 0, locale)),
    };
    let legend_text_w = legend_labels
        .iter()
        .map(|l| text_width(style, l, SMALL, false))
        .fold(0.0, f64::max)
        .ceil() as i32;
    let bar_w = style.px(12.0);
    let legend_w = bar_w + style.px(6.0) + legend_text_w + style.px(10.0);

    let row_label_w = (data
        .rows
        .iter()
        .map(|r| text_width(style, r, SMALL, false))
        .fold(0.0, f64::max)
        .ceil() as i32
        + style.px(10.0))
    .min(w * 3 / 10);
    let top = margin
        + if data.row_title.is_empty() {
            0
        } else {
            lh + style.px(2.0)
        };
    let bottom = margin
        + lh
        + style.px(4.0)
        + if data.column_title.is_empty() {
            0
        } else {
            lh + style.px(2.0)
        };
    let (gx0, gx1) = (margin + row_label_w, w - margin - legend_w);
    let (gy0, gy1) = (top, h - bottom);
    let cell_w = f64::from(gx1 - gx0) / nc as f64;
    let cell_h = f64::from(gy1 - gy0) / nr as f64;
    if cell_w < f64::from(style.px(3.0)) || cell_h < f64::from(style.px(3.0)) {
        return Err(ChartError::TooSmall);
    }
    let gap = if cell_w >= f64::from(style.px(8.0)) && cell_h >= f64::from(style.px(8.0)) {
        style.px(1.0).max(1)
    } else {
        0
    };
    let x_of = |c: usize| gx0 + (cell_w * c as f64).round() as i32;
    let y_of = |r: usize| gy0 + (cell_h * r as f64).round() as i32;

    let mut hits = Hits::default();
    for r in 0..nr {
        for c in 0..nc {
            let Some(v) = data.value(r, c) else { continue };
            let (x0, y0, x1, y1) = (x_of(c), y_of(r), x_of(c + 1), y_of(r + 1));
            let fill = palette::sequential(data.shade_of(r, v, scale));
            area.draw(&Rectangle::new(
                [(x0, y0), (x1 - gap, y1 - gap)],
                fill.plotters().filled(),
            ))
            .map_err(draw_err)?;
            // The value in the cell: in full, else the axis form, else not at all.
            let room = f64::from(x1 - x0 - gap) - f64::from(style.px(4.0));
            if y1 - y0 - gap >= lh {
                let full = data.format.full(v, locale);
                let text = if text_width(style, &full, SMALL, false) <= room {
                    Some(full)
                } else {
                    Some(data.format.axis(v, span, locale))
                        .filter(|t| text_width(style, t, SMALL, false) <= room)
                };
                if let Some(text) = text {
                    let ts = draw::text(
                        style,
                        SMALL,
                        false,
                        palette::text_on(fill),
                        HPos::Center,
                        VPos::Center,
                    );
                    area.draw(&Text::new(
                        text,
                        ((x0 + x1 - gap) / 2, (y0 + y1 - gap) / 2),
                        ts,
                    ))
                    .map_err(draw_err)?;
                }
            }
            hits.push(
                PixelRect { x0, y0, x1, y1 },
                data.index(r, c),
                data.describe(r, c, locale),
            );
        }
    }
    if data.highlight_diagonal {
        // Orange reads on both the lightest and the darkest blue.
        let outline = palette::CHART[1]
            .plotters()
            .stroke_width(style.px(2.0).max(1) as u32);
        for i in 0..nr.min(nc) {
            area.draw(&Rectangle::new(
                [(x_of(i), y_of(i)), (x_of(i + 1) - gap, y_of(i + 1) - gap)],
                outline,
            ))
            .map_err(draw_err)?;
        }
    }

    // Row labels (every k-th when rows are shorter than a line), right-aligned.
    let row_step = ((f64::from(lh) / cell_h).ceil() as usize).max(1);
    let row_style = draw::text(
        style,
        SMALL,
        false,
        palette::TEXT,
        HPos::Right,
        VPos::Center,
    );
    for r in (0..nr).step_by(row_step) {
        let label = draw::fit(
            style,
            &data.rows[r],
            SMALL,
            false,
            f64::from(row_label_w - style.px(10.0)),
        );
        let y = (y_of(r) + y_of(r + 1) - gap) / 2;
        area.draw(&Text::new(
            label,
            (gx0 - style.px(6.0), y),
            row_style.clone(),
        ))
        .map_err(draw_err)?;
    }
    // Column labels (every k-th when they would overlap), centred under their column.
    let widest = data
        .columns
        .iter()
        .map(|c| text_width(style, c, SMALL, false))
        .fold(0.0, f64::max);
    let room = |k: usize| cell_w * k as f64 - f64::from(style.px(4.0));
    let col_step = (1..=nc)
        .find(|&k| widest <= room(k) || room(k) >= f64::from(style.px(72.0)))
        .unwrap_or(nc)
        .max(1);
    let col_style = draw::text(style, SMALL, false, palette::TEXT, HPos::Center, VPos::Top);
    for c in (0..nc).step_by(col_step) {
        let label = draw::fit(style, &data.columns[c], SMALL, false, room(col_step));
        let x = (x_of(c) + x_of(c + 1) - gap) / 2;
        area.draw(&Text::new(
            label,
            (x, gy1 + style.px(4.0)),
            col_style.clone(),
        ))
        .map_err(draw_err)?;
    }
    let title_style = draw::text(
        style,
        SMALL,
        true,
        palette::TEXT_MUTED,
        HPos::Center,
        VPos::Top,
    );
    if !data.column_title.is_empty() {
        let label = draw::fit(style, &data.column_title, SMALL, true, f64::from(gx1 - gx0));
        area.draw(&Text::new(
            label,
            ((gx0 + gx1) / 2, gy1 + lh + style.px(6.0)),
            title_style.clone(),
        ))
        .map_err(draw_err)?;
    }
    if !data.row_title.is_empty() {
        let label = draw::fit(style, &data.row_title, SMALL, true, f64::from(gx1 - margin));
        let ts = draw::text(
            style,
            SMALL,
            true,
            palette::TEXT_MUTED,
            HPos::Left,
            VPos::Top,
        );
        area.draw(&Text::new(label, (margin, margin), ts))
            .map_err(draw_err)?;
    }

    // The legend: the scale as a vertical bar, dark (high) at the top.
    let lx = gx1 + style.px(10.0);
    let (ly0, ly1) = (gy0, gy1.max(gy0 + lh * 3));
    let steps = 48;
    for k in 0..steps {
        let t = 1.0 - (k as f64 + 0.5) / steps as f64;
        let y0 = ly0 + (ly1 - ly0) * k / steps;
        let y1 = ly0 + (ly1 - ly0) * (k + 1) / steps;
        area.draw(&Rectangle::new(
            [(lx, y0), (lx + bar_w, y1)],
            palette::sequential(t).plotters().filled(),
        ))
        .map_err(draw_err)?;
    }
    area.draw(&Rectangle::new(
        [(lx, ly0), (lx + bar_w, ly1)],
        palette::AXIS.plotters().stroke_width(1),
    ))
    .map_err(draw_err)?;
    let anchors = [
        (ly0, VPos::Top),
        ((ly0 + ly1) / 2, VPos::Center),
        (ly1, VPos::Bottom),
    ];
    for (label, (y, v)) in legend_labels.into_iter().zip(anchors) {
        let ts = draw::text(style, SMALL, false, palette::TEXT_MUTED, HPos::Left, v);
        area.draw(&Text::new(label, (lx + bar_w + style.px(6.0), y), ts))
            .map_err(draw_err)?;
    }
    Ok(hits)
}

/// The table: the grid itself; cells with a value are links to their customers.
pub fn table(data: &HeatmapData, locale: Locale) -> Table {
    let first = if data.row_title.is_empty() {
        ChartText::Category.text(locale).to_string()
    } else {
        data.row_title.clone()
    };
    let mut headers = vec![first];
    headers.extend(data.columns.iter().cloned());
    let rows = data
        .rows
        .iter()
        .enumerate()
        .map(|(r, name)| {
            let mut row = vec![Cell::plain(name.clone())];
            row.extend((0..data.columns.len()).map(|c| match data.value(r, c) {
                Some(v) => Cell::link(data.format.full(v, locale), data.index(r, c)),
                None => Cell::plain("—"),
            }));
            row
        })
        .collect();
    Table { headers, rows }
}

/// A heat map with its table. `on_select` receives `row × columns + column`; turn it
/// back into a cell with [`HeatmapData::cell`].
#[component]
pub fn HeatmapChart(
    /// The chart's title: caption, accessible name and PNG file name.
    #[prop(into)]
    title: Signal<String>,
    /// The grid.
    #[prop(into)]
    data: Signal<HeatmapData>,
    /// Called with a cell's index when it, or its table cell, is clicked.
    #[prop(optional, into)]
    on_select: Option<Callback<usize>>,
    /// The plot's height in CSS pixels.
    #[prop(default = 360.0)]
    height: f64,
    /// The figure's `data-testid`.
    #[prop(default = "chart-heatmap")]
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let numbers = Memo::new(move |_| data.with(|d| table(d, i18n.locale())));
    let shade_note = Memo::new(move |_| {
        data.with(|d| {
            (d.shade == Shade::RowShare)
                .then(|| ChartText::RowShareNote.text(i18n.locale()).to_string())
        })
    });
    view! {
        <ChartFrame
            title=title
            kind=ChartKind::Heatmap
            height=height
            on_select=on_select
            note=shade_note
            testid=testid
            draw=move |area: &Area, style: &ChartStyle| data.with(|d| draw(area, d, style))
        >
            <NumbersTable table=numbers title=title on_select=on_select/>
        </ChartFrame>
    }
}
