//! The classes the analytics assign to customers: pyramid tier, quadrants, RFM segment
//! (METRICS.md, "Classifications"; names exactly as there).

use super::enums::named_enum;

named_enum! {
    /// Customer-pyramid tier: gold top 1%, silver next 4%, iron next 15%, lead the other 80%.
    pub enum Tier {
        /// Rank k with k/N ≤ 0.01.
        Gold => "gold",
        /// Rank k with 0.01 < k/N ≤ 0.05.
        Silver => "silver",
        /// Rank k with 0.05 < k/N ≤ 0.20.
        Iron => "iron",
        /// The rest.
        Lead => "lead",
    }
}

impl Tier {
    /// 0 for gold … 3 for lead: a smaller level is a higher tier.
    pub fn level(self) -> u8 {
        match self {
            Tier::Gold => 0,
            Tier::Silver => 1,
            Tier::Iron => 2,
            Tier::Lead => 3,
        }
    }
}

named_enum! {
    /// Profitability now: gross margin (high/low) × cost to serve (low/high).
    pub enum CurrentQuadrant {
        /// High margin, low cost to serve.
        MostProfitable => "most_profitable",
        /// High margin, high cost to serve.
        ProfitableHighCost => "profitable_high_cost",
        /// Low margin, low cost to serve.
        ProfitableLowMargin => "profitable_low_margin",
        /// Low margin, high cost to serve.
        LeastProfitable => "least_profitable",
    }
}

named_enum! {
    /// Profitability looking forward: current profit (high/low) × future profit (high/low).
    pub enum FutureQuadrant {
        /// High now, high in future.
        Best => "best",
        /// Low now, high in future.
        Invest => "invest",
        /// High now, low in future.
        Retain => "retain",
        /// Low now, low in future.
        Worst => "worst",
    }
}

named_enum! {
    /// The common RFM grid's segments, from the recency score (R) and frequency score (F).
    pub enum RfmSegment {
        /// R 5, F 4–5.
        Champions => "champions",
        /// R 3–4, F 4–5.
        Loyal => "loyal",
        /// R 4–5, F 2–3.
        PotentialLoyalist => "potential_loyalist",
        /// R 5, F 1.
        NewCustomers => "new_customers",
        /// R 4, F 1.
        Promising => "promising",
        /// R 3, F 3.
        NeedAttention => "need_attention",
        /// R 3, F 1–2.
        AboutToSleep => "about_to_sleep",
        /// R 1–2, F 3–4.
        AtRisk => "at_risk",
        /// R 1–2, F 5.
        CantLose => "cant_lose",
        /// R 1–2, F 1–2.
        Hibernating => "hibernating",
    }
}
