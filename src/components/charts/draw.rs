//! Drawing helpers the chart kinds share: fonts, text measurement and fitting, value
//! sanitising and ranges, dashed lines, legends and the cartesian axes with formatted ticks.

use super::palette::{self, Rgb};
use super::{draw_err, Area, ChartError, ChartStyle, ValueFormat};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// The font stack of `--font-sans` in `style/tokens.css` (Chinese faces included), so
/// canvas text matches the page's.
pub const FONT_FAMILY: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", \"Helvetica Neue\", Arial, \"PingFang SC\", \"Microsoft YaHei\", \"Noto Sans CJK SC\", sans-serif";

/// Tick labels, cell values and legends, in CSS pixels.
pub const SMALL: f64 = 12.0;
/// Axis titles and tier names.
pub const NORMAL: f64 = 13.0;

/// Values beyond this magnitude are clamped: they are not money or counts a person
/// has, and keeping them finite keeps every range and pixel computation finite.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// A finite value clamped to ±[`MAX_MAGNITUDE`]; `None` for NaN and infinities.
pub fn sane(v: f64) -> Option<f64> {
    v.is_finite()
        .then(|| v.clamp(-MAX_MAGNITUDE, MAX_MAGNITUDE))
}

/// A font of `size` CSS pixels.
pub fn font(style: &ChartStyle, size: f64, bold: bool) -> FontDesc<'static> {
    FontDesc::new(
        FontFamily::Name(FONT_FAMILY),
        size * style.scale,
        if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        },
    )
}

/// A text style: font, colour and anchor.
pub fn text(
    style: &ChartStyle,
    size: f64,
    bold: bool,
    color: Rgb,
    h: HPos,
    v: VPos,
) -> TextStyle<'static> {
    TextStyle {
        font: font(style, size, bold),
        color: color.plotters().to_backend_color(),
        pos: Pos::new(h, v),
    }
}

thread_local! {
    /// One off-screen 2D context for measuring text: `measureText` needs no layout,
    /// unlike plotters' own estimate, which inserts a `<span>` into the page per call.
    static MEASURE: RefCell<Option<web_sys::CanvasRenderingContext2d>> = const { RefCell::new(None) };
}

/// The width of `s` in device pixels at `size` CSS pixels.
pub fn text_width(style: &ChartStyle, s: &str, size: f64, bold: bool) -> f64 {
    let px = size * style.scale;
    let measured = MEASURE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
                .and_then(|c| c.get_context("2d").ok().flatten())
                .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        }
        let ctx = slot.as_ref()?;
        ctx.set_font(&format!(
            "{} {}px {}",
            if bold { "bold" } else { "normal" },
            px,
            FONT_FAMILY
        ));
        ctx.measure_text(s).ok().map(|m| m.width())
    });
    // Without a context, an average glyph is about 0.6 em wide (1 em for CJK).
    measured.unwrap_or_else(|| {
        s.chars()
            .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
            .sum::<f64>()
            * px
    })
}

/// `s` shortened with an ellipsis to fit `max_width` device pixels (empty if not even
/// the ellipsis fits).
pub fn fit(style: &ChartStyle, s: &str, size: f64, bold: bool, max_width: f64) -> String {
    if text_width(style, s, size, bold) <= max_width {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    // Binary search for the longest prefix that fits with the ellipsis.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(style, &candidate, size, bold) <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        if text_width(style, "…", size, bold) <= max_width {
            "…".to_string()
        } else {
            String::new()
        }
    } else {
        chars[..lo]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…"
    }
}

/// The line height in device pixels for a font of `size` CSS pixels.
pub fn line_height(style: &ChartStyle, size: f64) -> i32 {
    style.px(size * 1.35)
}

/// A range for values from `lo` to `hi` with a little headroom: it includes zero when
/// `include_zero`, pads the far ends by 8 %, and never collapses to a point (all equal
/// values, all zeros or no values at all give a sound range).
pub fn padded_range(lo: f64, hi: f64, include_zero: bool) -> (f64, f64) {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() && lo <= hi {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    let span = hi - lo;
    if span <= f64::EPSILON * hi.abs().max(lo.abs()).max(1.0) {
        let pad = if hi.abs() > 0.0 { hi.abs() * 0.5 } else { 1.0 };
        return if include_zero && lo >= 0.0 {
            (0.0, hi + pad)
        } else if include_zero && hi <= 0.0 {
            (lo - pad, 0.0)
        } else {
            (lo - pad, hi + pad)
        };
    }
    let pad = span * 0.08;
    let lo = if include_zero && lo == 0.0 {
        0.0
    } else {
        lo - pad
    };
    let hi = if include_zero && hi == 0.0 {
        0.0
    } else {
        hi + pad
    };
    (lo, hi)
}

/// A dashed straight line between two device-pixel points.
pub fn dashed(
    area: &Area,
    from: (i32, i32),
    to: (i32, i32),
    color: Rgb,
    width: i32,
    style: &ChartStyle,
) -> Result<(), ChartError> {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1.0 {
        return Ok(());
    }
    let (dash, gap) = (6.0 * style.scale, 4.0 * style.scale);
    let stroke = ShapeStyle {
        color: color.plotters().to_rgba(),
        filled: false,
        stroke_width: width.max(1) as u32,
    };
    let mut t = 0.0;
    while t < len {
        let t1 = (t + dash).min(len);
        let p = |s: f64| {
            (
                from.0 + (dx * s / len).round() as i32,
                from.1 + (dy * s / len).round() as i32,
            )
        };
        area.draw(&PathElement::new(vec![p(t), p(t1)], stroke))
            .map_err(draw_err)?;
        t += dash + gap;
    }
    Ok(())
}

/// How a legend entry is marked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    /// A filled square (bars, classes, cells).
    Square,
    /// A short line (series), dashed or not.
    Line { dashed: bool },
}

/// Draws legend entries in a row starting at `(x, y)`, wrapping within `max_width`;
/// returns the height used in device pixels (0 when there are no entries).
pub fn legend(
    area: &Area,
    entries: &[(String, Rgb, Mark)],
    x: i32,
    y: i32,
    max_width: i32,
    style: &ChartStyle,
) -> Result<i32, ChartError> {
    if entries.is_empty() {
        return Ok(0);
    }
    let lh = line_height(style, SMALL);
    let swatch = style.px(10.0);
    let line_w = style.px(18.0);
    let gap = style.px(14.0);
    let (mut cx, mut cy) = (x, y);
    let label_style = text(style, SMALL, false, palette::TEXT, HPos::Left, VPos::Center);
    for (name, color, mark) in entries {
        let mark_w = match mark {
            Mark::Square => swatch,
            Mark::Line { .. } => line_w,
        };
        let name = fit(
            style,
            name,
            SMALL,
            false,
            f64::from(max_width - mark_w - style.px(6.0)),
        );
        let w = mark_w + style.px(6.0) + text_width(style, &name, SMALL, false).ceil() as i32;
        if cx > x && cx + w > x + max_width {
            cx = x;
            cy += lh;
        }
        let mid = cy + lh / 2;
        match mark {
            Mark::Square => {
                area.draw(&Rectangle::new(
                    [(cx, mid - swatch / 2), (cx + swatch, mid + swatch / 2)],
                    color.plotters().filled(),
                ))
                .map_err(draw_err)?;
            }
            Mark::Line { dashed: true } => dashed(
                area,
                (cx, mid),
                (cx + line_w, mid),
                *color,
                style.px(2.0),
                style,
            )?,
            Mark::Line { dashed: false } => {
                area.draw(&PathElement::new(
                    vec![(cx, mid), (cx + line_w, mid)],
                    color.plotters().stroke_width(style.px(2.0) as u32),
                ))
                .map_err(draw_err)?;
            }
        }
        area.draw(&Text::new(
            name,
            (cx + mark_w + style.px(6.0), mid),
            label_style.clone(),
        ))
        .map_err(draw_err)?;
        cx += w + gap;
    }
    Ok(cy + lh - y)
}

/// The axes of a cartesian chart: ranges, tick formats and titles.
pub struct Axes<'a> {
    pub x: (f64, f64),
    pub y: (f64, f64),
    /// How x ticks are written; `None` draws no x ticks (bars write their categories).
    pub x_format: Option<&'a ValueFormat>,
    pub y_format: &'a ValueFormat,
    pub x_title: &'a str,
    pub y_title: &'a str,
    /// Device pixels kept free above the plot (for a legend).
    pub top: i32,
    /// Horizontal grid lines (vertical ones too when `x_grid`).
    pub x_grid: bool,
}

/// A plotters chart over f64 × f64 in device pixels.
pub type Cartesian<'a> =
    ChartContext<'a, CanvasBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Builds the chart and draws its mesh: tick labels sized to their text, as many ticks
/// as fit without overlapping, light horizontal grid lines, axis titles.
pub fn cartesian<'a>(
    area: &'a Area,
    axes: &Axes<'_>,
    style: &ChartStyle,
) -> Result<Cartesian<'a>, ChartError> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let locale = style.locale;
    let (y_span, x_span) = (axes.y.1 - axes.y.0, axes.x.1 - axes.x.0);
    let y_ticks = [axes.y.0, axes.y.1, (axes.y.0 + axes.y.1) / 2.0];
    let y_label_w = y_ticks
        .iter()
        .map(|v| text_width(style, &axes.y_format.axis(*v, y_span, locale), SMALL, false))
        .fold(0.0, f64::max)
        .ceil() as i32;
    let title_h = line_height(style, NORMAL);
    let tick_h = line_height(style, SMALL);
    let y_area = y_label_w
        + style.px(10.0)
        + if axes.y_title.is_empty() {
            0
        } else {
            title_h + style.px(4.0)
        };
    let x_area = tick_h
        + style.px(8.0)
        + if axes.x_title.is_empty() {
            0
        } else {
            title_h + style.px(2.0)
        };
    let (right, top) = (style.px(18.0), axes.top + style.px(10.0));
    let plot_w = w - y_area - right;
    let plot_h = h - x_area - top;
    if plot_w < style.px(60.0) || plot_h < style.px(40.0) {
        return Err(ChartError::TooSmall);
    }
    let x_labels = match axes.x_format {
        Some(f) => {
            let widest = [axes.x.0, axes.x.1, (axes.x.0 + axes.x.1) / 2.0]
                .iter()
                .map(|v| text_width(style, &f.axis(*v, x_span, locale), SMALL, false))
                .fold(0.0, f64::max);
            ((f64::from(plot_w) / (widest + 24.0 * style.scale)).floor() as usize).clamp(2, 12)
        }
        None => 0,
    };
    let y_labels = ((f64::from(plot_h) / (30.0 * style.scale)).floor() as usize).clamp(2, 10);

    let mut chart = ChartBuilder::on(area)
        .margin_top(top)
        .margin_right(right)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(axes.x.0..axes.x.1, axes.y.0..axes.y.1)
        .map_err(draw_err)?;

    let y_fmt = |v: &f64| axes.y_format.axis(*v, y_span, locale);
    let x_fmt = |v: &f64| {
        axes.x_format
            .map_or_else(String::new, |f| f.axis(*v, x_span, locale))
    };
    let tick_style = text(
        style,
        SMALL,
        false,
        palette::TEXT_MUTED,
        HPos::Center,
        VPos::Center,
    );
    let title_style = text(
        style,
        NORMAL,
        false,
        palette::TEXT,
        HPos::Center,
        VPos::Center,
    );
    let grid = palette::GRID
        .plotters()
        .stroke_width(style.px(1.0).max(1) as u32);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(x_labels)
        .y_labels(y_labels)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .label_style(tick_style)
        .axis_desc_style(title_style)
        .axis_style(
            palette::AXIS
                .plotters()
                .stroke_width(style.px(1.0).max(1) as u32),
        )
        .bold_line_style(grid)
        .light_line_style(TRANSPARENT)
        .set_all_tick_mark_size(style.px(4.0));
    if !axes.x_grid {
        mesh.disable_x_mesh();
    }
    if !axes.x_title.is_empty() {
        mesh.x_desc(axes.x_title);
    }
    if !axes.y_title.is_empty() {
        mesh.y_desc(axes.y_title);
    }
    mesh.draw().map_err(draw_err)?;
    Ok(chart)
}

/// The plot's pixel rectangle of a cartesian chart.
pub fn plot_rect(chart: &Cartesian<'_>) -> super::PixelRect {
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    super::PixelRect {
        x0: xr.start,
        y0: yr.start,
        x1: xr.end,
        y1: yr.end,
    }
}
