//! The chart colours, mirrored from `style/tokens.css` so that canvas and CSS agree:
//! the Okabe–Ito palette for series and classes, the tier colours, the sequential blue
//! scale of heat maps, and the text colour that stays readable on any of them.
//!
//! Okabe & Ito (2008), "Color Universal Design": eight colours that colour-blind
//! readers tell apart. The sequential scale is ColorBrewer's single-hue "Blues"
//! (Brewer, colorbrewer2.org), whose steps differ in lightness, so it reads the same
//! with any colour vision and in greyscale. `tests/wasm_charts.rs` checks that these
//! values equal the custom properties of `style/tokens.css`.

use plotters::style::RGBColor;

/// A colour as red, green and blue bytes: plain data that pages pass to charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// The colour as CSS writes it: `#0072b2`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The colour for plotters.
    pub fn plotters(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }

    /// Relative luminance, WCAG 2.1 §1.4.3 (sRGB channels linearised).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// Contrast ratio with another colour, WCAG 2.1: (L1 + 0.05) / (L2 + 0.05).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// The Okabe–Ito palette, `--chart-1` … `--chart-8`.
pub const CHART: [Rgb; 8] = [
    Rgb(0x00, 0x72, 0xb2), // blue
    Rgb(0xe6, 0x9f, 0x00), // orange
    Rgb(0x00, 0x9e, 0x73), // bluish green
    Rgb(0xd5, 0x5e, 0x00), // vermillion
    Rgb(0x56, 0xb4, 0xe9), // sky blue
    Rgb(0xcc, 0x79, 0xa7), // reddish purple
    Rgb(0xf0, 0xe4, 0x42), // yellow
    Rgb(0x00, 0x00, 0x00), // black
];

/// `--tier-gold`.
pub const TIER_GOLD: Rgb = Rgb(0xe6, 0x9f, 0x00);
/// `--tier-silver`.
pub const TIER_SILVER: Rgb = Rgb(0x8d, 0x99, 0xa6);
/// `--tier-iron`.
pub const TIER_IRON: Rgb = Rgb(0x56, 0x65, 0x7a);
/// `--tier-lead`.
pub const TIER_LEAD: Rgb = Rgb(0x2b, 0x34, 0x40);
/// The tiers from the top of the pyramid down: gold, silver, iron, lead.
pub const TIERS: [Rgb; 4] = [TIER_GOLD, TIER_SILVER, TIER_IRON, TIER_LEAD];

/// `--color-surface`: the chart's background (also in saved PNGs).
pub const SURFACE: Rgb = Rgb(0xff, 0xff, 0xff);
/// `--color-text`.
pub const TEXT: Rgb = Rgb(0x1b, 0x24, 0x30);
/// `--color-text-muted`: tick labels and notes.
pub const TEXT_MUTED: Rgb = Rgb(0x5b, 0x67, 0x78);
/// `--color-border`: grid lines.
pub const GRID: Rgb = Rgb(0xd9, 0xde, 0xe6);
/// `--color-border-strong`: axes and reference lines.
pub const AXIS: Rgb = Rgb(0xb8, 0xc1, 0xce);
/// `--color-surface-sunken`: empty heat-map cells.
pub const EMPTY_CELL: Rgb = Rgb(0xee, 0xf1, 0xf5);

/// The colour of series (or class) `i`, cycling through the palette. Yellow is
/// skipped for series: on a white background it is too faint for lines and small
/// markers (contrast 1.3:1).
pub fn series(i: usize) -> Rgb {
    const ORDER: [usize; 7] = [0, 1, 2, 3, 4, 5, 7];
    CHART[ORDER[i % ORDER.len()]]
}

/// ColorBrewer "Blues", 9 classes, light to dark.
const BLUES: [Rgb; 9] = [
    Rgb(0xf7, 0xfb, 0xff),
    Rgb(0xde, 0xeb, 0xf7),
    Rgb(0xc6, 0xdb, 0xef),
    Rgb(0x9e, 0xca, 0xe1),
    Rgb(0x6b, 0xae, 0xd6),
    Rgb(0x42, 0x92, 0xc6),
    Rgb(0x21, 0x71, 0xb5),
    Rgb(0x08, 0x51, 0x9c),
    Rgb(0x08, 0x30, 0x6b),
];

/// The sequential colour for `t` in 0..=1 (light for low, dark for high), linearly
/// interpolated between the "Blues" stops; `t` outside the range or not finite is
/// clamped (NaN reads as 0).
pub fn sequential(t: f64) -> Rgb {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pos = t * (BLUES.len() - 1) as f64;
    let i = (pos.floor() as usize).min(BLUES.len() - 2);
    let f = pos - i as f64;
    let (a, b) = (BLUES[i], BLUES[i + 1]);
    let mix = |x: u8, y: u8| {
        (f64::from(x) + (f64::from(y) - f64::from(x)) * f)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The text colour to write on `background`: black (`--chart-8`) or white, whichever
/// contrasts more. Black rather than the text colour because only the pair black/white
/// keeps at least 4.5:1 (WCAG AA) on every background: the two contrasts are equal at
/// luminance 0.179, where both are 4.58:1; with `--color-text` mid blues fall to 4.2:1.
pub fn text_on(background: Rgb) -> Rgb {
    if background.contrast(SURFACE) > background.contrast(CHART[7]) {
        SURFACE
    } else {
        CHART[7]
    }
}
