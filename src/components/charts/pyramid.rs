//! The customer pyramid: tiers stacked from the top (gold) down (lead) as a centred
//! pyramid in the tier colours, each labelled with its customers, their share, its value
//! and that value's share of the total.

use super::draw::{self, line_height, sane, text_width, NORMAL, SMALL};
use super::frame::{Cell, ChartFrame, ChartKind, NumbersTable, Table};
use super::palette::{self, Rgb};
use super::{draw_err, Area, ChartError, ChartStyle, Hits, PixelRect, ValueFormat};
use crate::i18n::{fill, format, ChartText, Locale, Text as _};
use crate::state::use_i18n;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One tier of the pyramid.
#[derive(Clone, Debug, PartialEq)]
pub struct PyramidTier {
    /// The tier's name ("Gold").
    pub name: String,
    /// How many customers it holds.
    pub customers: u64,
    /// Its value (profit, revenue, lifetime value…) in the data's format.
    pub value: f64,
    pub color: Rgb,
}

/// The pyramid: plain data for [`PyramidChart`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PyramidData {
    /// Tiers from the top of the pyramid down; `on_select` reports an index into this list.
    pub tiers: Vec<PyramidTier>,
    /// What the value is ("Profit"), in labels and the table heading.
    pub value_title: String,
    /// How values are written.
    pub value_format: ValueFormat,
}

impl PyramidData {
    /// An empty pyramid whose values are `value_title` written as `value_format`.
    pub fn new(value_title: impl Into<String>, value_format: ValueFormat) -> Self {
        PyramidData {
            tiers: Vec::new(),
            value_title: value_title.into(),
            value_format,
        }
    }

    /// Adds the next tier down, in the next tier colour (gold, silver, iron, lead).
    pub fn with_tier(mut self, name: impl Into<String>, customers: u64, value: f64) -> Self {
        let color = palette::TIERS[self.tiers.len() % palette::TIERS.len()];
        self.tiers.push(PyramidTier {
            name: name.into(),
            customers,
            value,
            color,
        });
        self
    }

    fn total_customers(&self) -> u64 {
        self.tiers.iter().map(|t| t.customers).sum()
    }

    fn total_value(&self) -> f64 {
        self.tiers.iter().filter_map(|t| sane(t.value)).sum()
    }

    /// Tier `i`'s share of customers (`None` when there are none).
    fn customer_share(&self, i: usize) -> Option<f64> {
        let total = self.total_customers();
        (total > 0).then(|| self.tiers[i].customers as f64 / total as f64)
    }

    /// Tier `i`'s share of the total value (`None` when the total is zero or the value
    /// missing). Shares can exceed 100 % or be negative when some tiers lose money.
    fn value_share(&self, i: usize) -> Option<f64> {
        let total = self.total_value();
        let v = sane(self.tiers[i].value)?;
        (total.abs() > f64::EPSILON).then(|| v / total)
    }

    fn share_text(share: Option<f64>, locale: Locale) -> String {
        share.map_or_else(|| "—".to_string(), |s| format::percent(s, 1, locale))
    }

    /// "250 customers · 5.0%".
    fn count_line(&self, i: usize, locale: Locale) -> String {
        fill(
            ChartText::PyramidCount.text(locale),
            &[
                ("count", &format::count(self.tiers[i].customers, locale)),
                ("share", &Self::share_text(self.customer_share(i), locale)),
            ],
        )
    }

    /// "Profit: $1.2M · 48.0% of the total".
    fn value_line(&self, i: usize, locale: Locale) -> String {
        let value = sane(self.tiers[i].value)
            .map_or_else(|| "—".to_string(), |v| self.value_format.full(v, locale));
        fill(
            ChartText::PyramidValue.text(locale),
            &[
                ("name", &self.value_title),
                ("value", &value),
                ("share", &Self::share_text(self.value_share(i), locale)),
            ],
        )
    }
}

/// Draws the pyramid. Hits: each tier's whole row (shape and labels), reporting the
/// tier's index.
pub fn draw(area: &Area, data: &PyramidData, style: &ChartStyle) -> Result<Hits, ChartError> {
    let n = data.tiers.len();
    if n == 0 {
        return Err(ChartError::NoData);
    }
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let margin = style.px(8.0);
    let gap = style.px(3.0);
    let row_h = (h - 2 * margin) / n as i32;
    let shape_w = ((f64::from(w) * 0.42).min(f64::from(h) * 1.4)).round() as i32;
    let text_x = margin + shape_w + style.px(16.0);
    let text_w = w - text_x - margin;
    if row_h < line_height(style, SMALL) + gap || text_w < style.px(80.0) {
        return Err(ChartError::TooSmall);
    }
    let centre = margin + shape_w / 2;
    let width_at = |level: f64| f64::from(shape_w) * (0.22 + 0.78 * level / n as f64);
    let locale = style.locale;
    let mut hits = Hits::default();
    for (i, tier) in data.tiers.iter().enumerate() {
        let top = margin + row_h * i as i32;
        let bottom = top + row_h - gap;
        let (wt, wb) = (width_at(i as f64) / 2.0, width_at(i as f64 + 1.0) / 2.0);
        let shape = vec![
            (centre - wt.round() as i32, top),
            (centre + wt.round() as i32, top),
            (centre + wb.round() as i32, bottom),
            (centre - wb.round() as i32, bottom),
        ];
        area.draw(&Polygon::new(shape, tier.color.plotters().filled()))
            .map_err(draw_err)?;

        // The share of customers inside the shape, where it fits.
        let mid = (top + bottom) / 2;
        if let Some(share) = data.customer_share(i) {
            let share = format::percent(share, if share < 0.1 { 1 } else { 0 }, locale);
            if text_width(style, &share, NORMAL, true) <= wt * 2.0 - f64::from(style.px(8.0)) {
                let ts = draw::text(
                    style,
                    NORMAL,
                    true,
                    palette::text_on(tier.color),
                    HPos::Center,
                    VPos::Center,
                );
                area.draw(&Text::new(share, (centre, mid), ts))
                    .map_err(draw_err)?;
            }
        }

        // Labels to the right: as many lines as the row holds.
        let lh = line_height(style, NORMAL);
        let lines = [
            (tier.name.clone(), NORMAL, true, palette::TEXT),
            (
                data.count_line(i, locale),
                SMALL,
                false,
                palette::TEXT_MUTED,
            ),
            (
                data.value_line(i, locale),
                SMALL,
                false,
                palette::TEXT_MUTED,
            ),
        ];
        let room = ((bottom - top) / lh).max(1) as usize;
        let shown: Vec<(String, f64, bool, Rgb)> = if room >= 3 {
            lines.to_vec()
        } else if room == 2 {
            vec![
                (
                    format!("{} · {}", lines[0].0, lines[1].0),
                    NORMAL,
                    true,
                    palette::TEXT,
                ),
                lines[2].clone(),
            ]
        } else {
            vec![(
                format!("{} · {} · {}", lines[0].0, lines[1].0, lines[2].0),
                SMALL,
                false,
                palette::TEXT,
            )]
        };
        let block = lh * shown.len() as i32;
        let mut y = mid - block / 2;
        for (line, size, bold, color) in shown {
            let line = draw::fit(style, &line, size, bold, f64::from(text_w));
            let ts = draw::text(style, size, bold, color, HPos::Left, VPos::Top);
            area.draw(&Text::new(line, (text_x, y), ts))
                .map_err(draw_err)?;
            y += lh;
        }
        // A leader from the shape to its labels.
        let edge = centre + ((wt + wb) / 2.0).round() as i32 + style.px(4.0);
        area.draw(&PathElement::new(
            vec![(edge, mid), (text_x - style.px(6.0), mid)],
            palette::GRID
                .plotters()
                .stroke_width(style.px(1.0).max(1) as u32),
        ))
        .map_err(draw_err)?;

        let label = format!(
            "{}: {} · {}",
            tier.name,
            data.count_line(i, locale),
            data.value_line(i, locale)
        );
        hits.push(
            PixelRect {
                x0: 0,
                y0: top,
                x1: w,
                y1: top + row_h,
            },
            i,
            label,
        );
    }
    Ok(hits)
}

/// The table: tier, customers, share of customers, value, share of the total.
pub fn table(data: &PyramidData, locale: Locale) -> Table {
    let t = |c: ChartText| c.text(locale).to_string();
    let headers = vec![
        t(ChartText::Tier),
        t(ChartText::Customers),
        t(ChartText::ShareOfCustomers),
        data.value_title.clone(),
        t(ChartText::ShareOfTotal),
    ];
    let rows = data
        .tiers
        .iter()
        .enumerate()
        .map(|(i, tier)| {
            vec![
                Cell::link(tier.name.clone(), i),
                Cell::plain(format::count(tier.customers, locale)),
                Cell::plain(PyramidData::share_text(data.customer_share(i), locale)),
                Cell::plain(
                    sane(tier.value)
                        .map_or_else(|| "—".to_string(), |v| data.value_format.full(v, locale)),
                ),
                Cell::plain(PyramidData::share_text(data.value_share(i), locale)),
            ]
        })
        .collect();
    Table { headers, rows }
}

/// The customer pyramid with its table. `on_select` receives the tier's index.
#[component]
pub fn PyramidChart(
    /// The chart's title: caption, accessible name and PNG file name.
    #[prop(into)]
    title: Signal<String>,
    /// The tiers, top down.
    #[prop(into)]
    data: Signal<PyramidData>,
    /// Called with a tier's index when its shape, labels or table row are clicked.
    #[prop(optional, into)]
    on_select: Option<Callback<usize>>,
    /// The plot's height in CSS pixels.
    #[prop(default = 300.0)]
    height: f64,
    /// The figure's `data-testid`.
    #[prop(default = "chart-pyramid")]
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let numbers = Memo::new(move |_| data.with(|d| table(d, i18n.locale())));
    view! {
        <ChartFrame
            title=title
            kind=ChartKind::Pyramid
            height=height
            on_select=on_select
            testid=testid
            draw=move |area: &Area, style: &ChartStyle| data.with(|d| draw(area, d, style))
        >
            <NumbersTable table=numbers title=title on_select=on_select/>
        </ChartFrame>
    }
}
