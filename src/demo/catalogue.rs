//! The demo company's fixed facts: its segments, acquisition channels, product catalogue and
//! cities. Every number here is an assumption of the demo, chosen to look like a specialty food
//! and kitchen-supplies distributor, not a measurement.

/// Index of a segment in [`SEGMENTS`].
pub(crate) type SegmentId = usize;

/// Restaurants.
pub(crate) const RESTAURANTS: SegmentId = 0;
/// Hotels.
pub(crate) const HOTELS: SegmentId = 1;
/// Caterers.
pub(crate) const CATERERS: SegmentId = 2;
/// Retail shops (resellers).
pub(crate) const RETAIL: SegmentId = 3;
/// Home cooks (the only consumer segment).
pub(crate) const HOME_COOKS: SegmentId = 4;

/// Product categories, indices of `SegmentSpec::categories`.
pub(crate) const PANTRY: usize = 0;
pub(crate) const FINE_FOODS: usize = 1;
pub(crate) const FRESH: usize = 2;
pub(crate) const EQUIPMENT: usize = 3;
pub(crate) const CONSUMABLES: usize = 4;

/// How a segment buys, is served and leaves.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SegmentSpec {
    /// The segment name stored in `Customer::segment`.
    pub name: &'static str,
    /// Business customers get a company, a landline and B2B contact patterns.
    pub business: bool,
    /// Share of the customer base.
    pub share: f64,
    /// Mean days between purchases of an active customer.
    pub interval_days: f64,
    /// Shape r of the Gamma distribution of purchase rates (smaller = more heterogeneous).
    pub rate_shape: f64,
    /// Beta(a, b) of the drop-out probability after each repeat purchase.
    pub dropout: (f64, f64),
    /// Mean order value aimed at, in currency units.
    pub spend: f64,
    /// Range of the negotiated discount off list prices.
    pub discount: (f64, f64),
    /// Weights of the product categories (pantry, fine foods, fresh, equipment, consumables).
    pub categories: [f64; 5],
    /// Purchase-rate multiplier per calendar month, January first.
    pub season: [f64; 12],
    /// Weights of the acquisition channels, in [`CHANNELS`] order.
    pub channels: [f64; 5],
    /// Share of demanding customers (many complaints and consultations).
    pub demanding: f64,
    /// Share of hard bargainers: large accounts on a deep volume discount that the goods'
    /// margins do not cover (the far end of the whale curve).
    pub bargainers: f64,
    /// Routine contacts (calls, e-mails, consultations) per year.
    pub contacts_per_year: f64,
    /// Probability that a customer who stops buying tells us, so that an exit is recorded.
    pub exit_recorded: f64,
    /// Probability that an order is (partly) returned.
    pub return_rate: f64,
}

/// The five segments.
pub(crate) const SEGMENTS: [SegmentSpec; 5] = [
    SegmentSpec {
        name: "Restaurants",
        business: true,
        share: 0.17,
        interval_days: 42.0,
        rate_shape: 1.6,
        dropout: (0.5, 40.0),
        spend: 380.0,
        discount: (0.0, 0.06),
        categories: [0.35, 0.20, 0.25, 0.05, 0.15],
        season: [
            0.80, 0.90, 1.00, 1.00, 1.05, 1.05, 0.95, 0.75, 1.00, 1.05, 1.10, 1.30,
        ],
        channels: [0.15, 0.25, 0.20, 0.35, 0.05],
        demanding: 0.10,
        bargainers: 0.08,
        contacts_per_year: 1.0,
        exit_recorded: 0.75,
        return_rate: 0.020,
    },
    SegmentSpec {
        name: "Hotels",
        business: true,
        share: 0.08,
        interval_days: 45.0,
        rate_shape: 2.0,
        dropout: (0.5, 40.0),
        spend: 820.0,
        discount: (0.04, 0.10),
        categories: [0.30, 0.20, 0.25, 0.08, 0.17],
        season: [
            0.80, 0.80, 0.90, 1.00, 1.10, 1.25, 1.30, 1.30, 1.10, 0.95, 0.90, 1.10,
        ],
        channels: [0.10, 0.20, 0.30, 0.38, 0.02],
        demanding: 0.10,
        bargainers: 0.12,
        contacts_per_year: 1.0,
        exit_recorded: 0.80,
        return_rate: 0.020,
    },
    SegmentSpec {
        name: "Caterers",
        business: true,
        share: 0.10,
        interval_days: 40.0,
        rate_shape: 1.2,
        dropout: (0.6, 35.0),
        spend: 560.0,
        discount: (0.0, 0.08),
        categories: [0.30, 0.15, 0.25, 0.05, 0.25],
        season: [
            0.60, 0.60, 0.80, 0.95, 1.20, 1.35, 1.35, 1.30, 1.20, 0.90, 1.00, 1.45,
        ],
        channels: [0.20, 0.30, 0.25, 0.20, 0.05],
        demanding: 0.10,
        bargainers: 0.08,
        contacts_per_year: 0.8,
        exit_recorded: 0.70,
        return_rate: 0.025,
    },
    SegmentSpec {
        name: "Retail shops",
        business: true,
        share: 0.13,
        interval_days: 42.0,
        rate_shape: 1.8,
        dropout: (0.6, 40.0),
        spend: 640.0,
        discount: (0.10, 0.18),
        categories: [0.35, 0.40, 0.02, 0.18, 0.05],
        season: [
            0.70, 0.80, 0.90, 0.90, 0.90, 0.90, 0.90, 0.90, 1.10, 1.40, 1.50, 1.20,
        ],
        channels: [0.20, 0.15, 0.35, 0.25, 0.05],
        demanding: 0.06,
        bargainers: 0.12,
        contacts_per_year: 0.8,
        exit_recorded: 0.70,
        return_rate: 0.030,
    },
    SegmentSpec {
        name: "Home cooks",
        business: false,
        share: 0.52,
        interval_days: 130.0,
        rate_shape: 0.8,
        dropout: (0.9, 7.0),
        spend: 70.0,
        discount: (0.0, 0.0),
        categories: [0.30, 0.35, 0.00, 0.30, 0.05],
        season: [
            0.70, 0.80, 0.90, 0.90, 0.90, 0.85, 0.85, 0.85, 0.95, 1.05, 1.50, 1.90,
        ],
        channels: [0.55, 0.20, 0.03, 0.00, 0.22],
        demanding: 0.06,
        bargainers: 0.0,
        contacts_per_year: 0.4,
        exit_recorded: 0.30,
        return_rate: 0.035,
    },
];

/// Acquisition channels, stored in `Customer::acquisition_channel`.
pub(crate) const CHANNELS: [&str; 5] =
    ["web", "referral", "trade fair", "sales call", "marketplace"];
/// Index of "referral" in [`CHANNELS`].
pub(crate) const REFERRAL: usize = 1;
/// Index of "trade fair" in [`CHANNELS`].
pub(crate) const TRADE_FAIR: usize = 2;
/// Index of "sales call" in [`CHANNELS`].
pub(crate) const SALES_CALL: usize = 3;
/// Index of "marketplace" in [`CHANNELS`].
pub(crate) const MARKETPLACE: usize = 4;

/// One line of the catalogue.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Product {
    /// Name stored in `Transaction::product`.
    pub name: &'static str,
    /// Category index (`PANTRY` … `CONSUMABLES`).
    pub category: usize,
    /// List price per unit, currency units.
    pub price: f64,
    /// Gross margin rate at list price (negative for the price-matched loss leaders).
    pub margin: f64,
}

const fn p(name: &'static str, category: usize, price: f64, margin: f64) -> Product {
    Product {
        name,
        category,
        price,
        margin,
    }
}

/// The catalogue: 30 lines with margins from −5% (price-matched butter) to 55%.
pub(crate) const PRODUCTS: [Product; 30] = [
    p("Extra virgin olive oil, 5 L tin", PANTRY, 38.50, 0.24),
    p("Aged balsamic vinegar, 500 ml", PANTRY, 16.90, 0.46),
    p("Arborio rice, 5 kg", PANTRY, 14.20, 0.27),
    p("Bronze-cut pasta, 3 kg", PANTRY, 11.80, 0.31),
    p("Strong bread flour, 16 kg sack", PANTRY, 18.40, 0.06),
    p("Sea salt flakes, 1.4 kg", PANTRY, 12.60, 0.44),
    p("Spice assortment, 12 jars", PANTRY, 24.00, 0.52),
    p(
        "Parmigiano Reggiano 24 months, 4 kg",
        FINE_FOODS,
        92.00,
        0.19,
    ),
    p(
        "Single-origin dark chocolate, 2.5 kg",
        FINE_FOODS,
        54.00,
        0.34,
    ),
    p("Saffron threads, 5 g", FINE_FOODS, 27.50, 0.55),
    p("Vanilla pods, 25", FINE_FOODS, 44.00, 0.41),
    p("Black truffle oil, 250 ml", FINE_FOODS, 18.90, 0.49),
    p("Iberico ham, sliced, 1 kg", FINE_FOODS, 68.00, 0.22),
    p("Smoked paprika, 1 kg", FINE_FOODS, 21.00, 0.47),
    p(
        "Unsalted butter, 10 kg (price-matched)",
        FRESH,
        72.00,
        -0.05,
    ),
    p("Double cream, 6 x 1 L", FRESH, 21.50, 0.03),
    p("Free-range eggs, 180", FRESH, 39.00, 0.09),
    p("Buffalo mozzarella, 12 x 125 g", FRESH, 26.40, 0.18),
    p("Chef's knife, 21 cm", EQUIPMENT, 89.00, 0.42),
    p("Copper saute pan, 24 cm", EQUIPMENT, 149.00, 0.36),
    p("Cast-iron casserole, 5 L", EQUIPMENT, 119.00, 0.33),
    p("Stand mixer, 6.9 L", EQUIPMENT, 349.00, 0.17),
    p("Immersion circulator (sous-vide)", EQUIPMENT, 219.00, 0.15),
    p("Professional blender, 2 L", EQUIPMENT, 429.00, 0.12),
    p("Induction hob, 2 zones", EQUIPMENT, 259.00, 0.10),
    p("Gastronorm containers, set of 6", CONSUMABLES, 62.00, 0.29),
    p("Chef's jacket, white", CONSUMABLES, 28.00, 0.48),
    p("Vacuum-sealer bags, 500", CONSUMABLES, 34.00, 0.38),
    p("Disposable piping bags, 100", CONSUMABLES, 9.80, 0.55),
    p("Compostable takeaway boxes, 250", CONSUMABLES, 31.00, 0.26),
];

/// A city the company delivers to. Phone prefixes are Ofcom's ranges reserved for drama
/// (e.g. 020 7946 0000–0999), so no generated number belongs to anyone.
#[derive(Debug, Clone, Copy)]
pub(crate) struct City {
    /// City name.
    pub name: &'static str,
    /// Landline prefix; three digits complete the number.
    pub landline: &'static str,
    /// Postcode districts used in addresses.
    pub districts: &'static [&'static str],
    /// Share of customers.
    pub share: f64,
}

/// The eight cities.
pub(crate) const CITIES: [City; 8] = [
    City {
        name: "London",
        landline: "020 7946 0",
        districts: &[
            "E1", "E8", "N1", "N16", "SE1", "SE15", "SW4", "W2", "NW1", "EC1",
        ],
        share: 0.28,
    },
    City {
        name: "Manchester",
        landline: "0161 496 0",
        districts: &["M1", "M4", "M14", "M20"],
        share: 0.14,
    },
    City {
        name: "Birmingham",
        landline: "0121 496 0",
        districts: &["B1", "B5", "B13", "B15"],
        share: 0.12,
    },
    City {
        name: "Leeds",
        landline: "0113 496 0",
        districts: &["LS1", "LS2", "LS6", "LS7"],
        share: 0.10,
    },
    City {
        name: "Bristol",
        landline: "0117 496 0",
        districts: &["BS1", "BS2", "BS6", "BS8"],
        share: 0.10,
    },
    City {
        name: "Glasgow",
        landline: "0141 496 0",
        districts: &["G1", "G2", "G3", "G12"],
        share: 0.09,
    },
    City {
        name: "Edinburgh",
        landline: "0131 496 0",
        districts: &["EH1", "EH3", "EH6", "EH8"],
        share: 0.09,
    },
    City {
        name: "Liverpool",
        landline: "0151 496 0",
        districts: &["L1", "L3", "L8", "L17"],
        share: 0.08,
    },
];

/// Mobile prefix from Ofcom's drama range 07700 900000–900999.
pub(crate) const MOBILE: &str = "07700 900";

/// The segment weights as a slice, for weighted draws.
pub(crate) fn segment_shares() -> [f64; 5] {
    let mut shares = [0.0; 5];
    for (s, spec) in shares.iter_mut().zip(SEGMENTS.iter()) {
        *s = spec.share;
    }
    shares
}

/// The city weights, for weighted draws.
pub(crate) fn city_shares() -> [f64; 8] {
    let mut shares = [0.0; 8];
    for (s, city) in shares.iter_mut().zip(CITIES.iter()) {
        *s = city.share;
    }
    shares
}
