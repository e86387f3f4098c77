//! Selecting customers from the analysed table: search, filters and sort, with a
//! stable text form (URL query pairs) so a view can be bookmarked and every chart can
//! link to exactly the customers behind a cell.

use super::rows::CustomerRow;
use crate::domain::{CurrentQuadrant, ExitReason, FutureQuadrant, RfmSegment, Tier};
use std::cmp::Ordering;

/// Which customers by manager.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum ManagerFilter {
    #[default]
    Any,
    /// Customers with no manager.
    Unassigned,
    /// Customers of this manager id.
    Is(String),
}

/// Which customers by status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    /// Not exited.
    Active,
    /// Not exited, P(alive) below the at-risk threshold.
    AtRisk,
    /// With a recorded exit.
    Exited,
}

/// The column a selection is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    Name,
    Revenue,
    Profit,
    #[default]
    Clv,
    FutureProfit,
    PAlive,
    Orders,
    Tier,
    NextContact,
}

impl SortKey {
    pub const ALL: [SortKey; 9] = [
        SortKey::Name,
        SortKey::Revenue,
        SortKey::Profit,
        SortKey::Clv,
        SortKey::FutureProfit,
        SortKey::PAlive,
        SortKey::Orders,
        SortKey::Tier,
        SortKey::NextContact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Revenue => "revenue",
            SortKey::Profit => "profit",
            SortKey::Clv => "clv",
            SortKey::FutureProfit => "future_profit",
            SortKey::PAlive => "p_alive",
            SortKey::Orders => "orders",
            SortKey::Tier => "tier",
            SortKey::NextContact => "next_contact",
        }
    }

    pub fn parse(text: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The natural first direction: names A→Z, dates soonest first, amounts largest first.
    pub fn default_descending(self) -> bool {
        !matches!(self, SortKey::Name | SortKey::Tier | SortKey::NextContact)
    }
}

/// A selection of customers.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CustomerQuery {
    /// Words to find in the name, company or e-mail (case-insensitive).
    pub search: String,
    pub segment: Option<String>,
    pub tier: Option<Tier>,
    /// The tier one migration shift earlier (`CustomerRow::previous_tier`).
    pub previous_tier: Option<Tier>,
    /// The reason of the latest recorded exit (`CustomerRow::exit`): the customers who left
    /// for it.
    pub reason: Option<ExitReason>,
    pub current: Option<CurrentQuadrant>,
    pub future: Option<FutureQuadrant>,
    pub rfm: Option<RfmSegment>,
    pub manager: ManagerFilter,
    pub status: StatusFilter,
    pub sort: SortKey,
    pub descending: bool,
}

impl CustomerQuery {
    /// Reads a query from URL pairs; unknown or malformed values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> CustomerQuery {
        let mut q = CustomerQuery {
            descending: true,
            ..Default::default()
        };
        let mut dir: Option<bool> = None;
        for (key, value) in pairs {
            match key {
                "q" => q.search = value.to_string(),
                "segment" if !value.is_empty() => q.segment = Some(value.to_string()),
                "tier" => q.tier = Tier::parse(value),
                "previous_tier" => q.previous_tier = Tier::parse(value),
                "reason" => q.reason = ExitReason::parse(value),
                "current" => q.current = CurrentQuadrant::parse(value),
                "future" => q.future = FutureQuadrant::parse(value),
                "rfm" => q.rfm = RfmSegment::parse(value),
                "manager" => {
                    q.manager = match value {
                        "" => ManagerFilter::Any,
                        "none" => ManagerFilter::Unassigned,
                        id => ManagerFilter::Is(id.to_string()),
                    }
                }
                "status" => {
                    q.status = match value {
                        "active" => StatusFilter::Active,
                        "at_risk" => StatusFilter::AtRisk,
                        "exited" => StatusFilter::Exited,
                        _ => StatusFilter::All,
                    }
                }
                "sort" => q.sort = SortKey::parse(value).unwrap_or_default(),
                "dir" => dir = Some(value != "asc"),
                _ => {}
            }
        }
        q.descending = dir.unwrap_or_else(|| q.sort.default_descending());
        q
    }

    /// The query as URL pairs (only what differs from the default).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.search.trim().is_empty() {
            out.push(("q", self.search.clone()));
        }
        if let Some(s) = &self.segment {
            out.push(("segment", s.clone()));
        }
        if let Some(t) = self.tier {
            out.push(("tier", t.as_str().to_string()));
        }
        if let Some(t) = self.previous_tier {
            out.push(("previous_tier", t.as_str().to_string()));
        }
        if let Some(r) = self.reason {
            out.push(("reason", r.as_str().to_string()));
        }
        if let Some(c) = self.current {
            out.push(("current", c.as_str().to_string()));
        }
        if let Some(f) = self.future {
            out.push(("future", f.as_str().to_string()));
        }
        if let Some(r) = self.rfm {
            out.push(("rfm", r.as_str().to_string()));
        }
        match &self.manager {
            ManagerFilter::Any => {}
            ManagerFilter::Unassigned => out.push(("manager", "none".into())),
            ManagerFilter::Is(id) => out.push(("manager", id.clone())),
        }
        match self.status {
            StatusFilter::All => {}
            StatusFilter::Active => out.push(("status", "active".into())),
            StatusFilter::AtRisk => out.push(("status", "at_risk".into())),
            StatusFilter::Exited => out.push(("status", "exited".into())),
        }
        if self.sort != SortKey::default() {
            out.push(("sort", self.sort.as_str().to_string()));
        }
        if self.descending != self.sort.default_descending() {
            out.push((
                "dir",
                if self.descending { "desc" } else { "asc" }.to_string(),
            ));
        }
        out
    }

    /// The query as a URL query string, `?a=b&c=d` (empty when default).
    pub fn to_query_string(&self) -> String {
        let pairs = self.to_pairs();
        if pairs.is_empty() {
            return String::new();
        }
        let parts: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        format!("?{}", parts.join("&"))
    }

    /// Whether a row passes every filter.
    pub fn matches(&self, row: &CustomerRow, needles: &[String]) -> bool {
        if !needles.is_empty() {
            // Every word must appear in one of the fields (no allocation per row: this
            // runs over 100,000 rows at every keystroke).
            let fields = [Some(row.name.as_str()), Some(row.id.as_str()), row.company.as_deref(), row.email.as_deref()];
            let found = |needle: &str| fields.iter().flatten().any(|hay| contains_ci(hay, needle));
            if !needles.iter().all(|n| found(n)) {
                return false;
            }
        }
        if let Some(seg) = &self.segment {
            if row.segment.as_deref() != Some(seg.as_str()) {
                return false;
            }
        }
        let s = row.scores.as_ref();
        if self.tier.is_some() && s.map(|s| s.tier) != self.tier {
            return false;
        }
        if self.previous_tier.is_some() && row.previous_tier != self.previous_tier {
            return false;
        }
        if self.reason.is_some() && row.exit.map(|e| e.1) != self.reason {
            return false;
        }
        if self.current.is_some() && s.map(|s| s.current_quadrant) != self.current {
            return false;
        }
        if self.future.is_some() && s.map(|s| s.future_quadrant) != self.future {
            return false;
        }
        if self.rfm.is_some() && s.map(|s| s.rfm_segment) != self.rfm {
            return false;
        }
        match &self.manager {
            ManagerFilter::Any => {}
            ManagerFilter::Unassigned => {
                if row.manager_id.is_some() {
                    return false;
                }
            }
            ManagerFilter::Is(id) => {
                if row.manager_id.as_deref() != Some(id.as_str()) {
                    return false;
                }
            }
        }
        match self.status {
            StatusFilter::All => true,
            StatusFilter::Active => row.exit.is_none(),
            StatusFilter::AtRisk => row.at_risk,
            StatusFilter::Exited => row.exit.is_some(),
        }
    }
}

impl CustomerQuery {
    /// The customers a campaign targets, as a query (a segment name that is an RFM
    /// segment's selects by RFM segment, otherwise by the customer's own segment).
    pub fn for_target(target: &crate::domain::CampaignTarget) -> CustomerQuery {
        use crate::domain::CampaignTarget;
        let mut q = CustomerQuery::from_pairs([]);
        match target {
            CampaignTarget::All => {}
            CampaignTarget::Tier(t) => q.tier = Some(*t),
            CampaignTarget::Segment(s) => match RfmSegment::parse(s) {
                Some(r) => q.rfm = Some(r),
                None => q.segment = Some(s.clone()),
            },
            CampaignTarget::CurrentQuadrant(c) => q.current = Some(*c),
            CampaignTarget::FutureQuadrant(f) => q.future = Some(*f),
        }
        q
    }
}

/// Whether `hay` contains `needle` (already lower-cased), ignoring case.
fn contains_ci(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return h.len() >= n.len() && h.windows(n.len()).any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b));
    }
    hay.to_lowercase().contains(needle)
}

/// Compares names ignoring case, without allocating (a byte loop for ASCII names, the
/// common case; full Unicode lower-casing otherwise).
fn cmp_ci(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        let (x, y) = (a.as_bytes(), b.as_bytes());
        for (p, q) in x.iter().zip(y) {
            match p.to_ascii_lowercase().cmp(&q.to_ascii_lowercase()) {
                Ordering::Equal => {}
                other => return other,
            }
        }
        return x.len().cmp(&y.len());
    }
    a.chars().flat_map(char::to_lowercase).cmp(b.chars().flat_map(char::to_lowercase))
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}


/// The indices of the rows a query selects, in its order (ties by name, then id).
pub fn select(rows: &[CustomerRow], query: &CustomerQuery) -> Vec<u32> {
    let needles: Vec<String> = query
        .search
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let picked: Vec<u32> = (0..rows.len() as u32)
        .filter(|&i| query.matches(&rows[i as usize], &needles))
        .collect();
    let key = query.sort;
    // Customers without scores sort after those with, whatever the direction.
    let value = |r: &CustomerRow| -> Option<f64> {
        let s = r.scores.as_ref();
        match key {
            SortKey::Name => None,
            SortKey::Revenue => s.map(|s| s.revenue as f64),
            SortKey::Profit => s.map(|s| s.profit as f64),
            SortKey::Clv => s.map(|s| s.clv),
            SortKey::FutureProfit => s.map(|s| s.future_profit),
            SortKey::PAlive => s.map(|s| s.p_alive),
            SortKey::Orders => s.map(|s| f64::from(s.orders)),
            SortKey::Tier => s.map(|s| f64::from(s.tier.level())),
            SortKey::NextContact => r
                .next_contact
                .map(|d| f64::from(crate::domain::day::day_number(d))),
        }
    };
    let by_name = |a: &CustomerRow, b: &CustomerRow| cmp_ci(&a.name, &b.name).then_with(|| a.id.cmp(&b.id));
    if key == SortKey::Name {
        // The first sixteen lower-cased bytes of ASCII names as a number: most comparisons
        // end there, in cache, without touching the strings (the order is exactly
        // `cmp_ci`'s: ASCII pairs compare the same way, others fall back to it).
        let prefix = |name: &str| -> Option<u128> {
            name.is_ascii().then(|| {
                let mut k = [0u8; 16];
                for (slot, b) in k.iter_mut().zip(name.bytes()) {
                    *slot = b.to_ascii_lowercase();
                }
                u128::from_be_bytes(k)
            })
        };
        let mut keyed: Vec<(Option<u128>, u32)> = picked.iter().map(|&i| (prefix(&rows[i as usize].name), i)).collect();
        keyed.sort_unstable_by(|a, b| {
            let o = match (a.0, b.0) {
                (Some(x), Some(y)) if x != y => x.cmp(&y),
                // Same name: the table's own order (customers in id order) settles it.
                _ => cmp_ci(&rows[a.1 as usize].name, &rows[b.1 as usize].name).then(a.1.cmp(&b.1)),
            };
            if query.descending { o.reverse() } else { o }
        });
        return keyed.into_iter().map(|(_, i)| i).collect();
    }
    // Sort keys computed once per row and sorted as plain numbers (100,000 rows sort in
    // milliseconds); customers without scores go last in either direction.
    let mut keyed: Vec<(f64, u32)> = picked
        .iter()
        .map(|&i| {
            let v = value(&rows[i as usize]).filter(|v| v.is_finite());
            (v.map_or(f64::INFINITY, |v| if query.descending { -v } else { v }), i)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then_with(|| by_name(&rows[a.1 as usize], &rows[b.1 as usize])));
    keyed.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, name: &str, clv: Option<f64>) -> CustomerRow {
        CustomerRow {
            id: id.into(),
            name: name.into(),
            company: Some(format!("{name} Ltd")),
            email: Some(format!("{}@example.com", name.to_lowercase())),
            segment: Some("Retail".into()),
            manager_id: None,
            acquisition_date: None,
            exit: None,
            next_contact: None,
            at_risk: false,
            previous_tier: None,
            scores: clv.map(|clv| super::super::rows::Scores {
                orders: 1,
                revenue: 100,
                gross_margin: 30,
                cost_to_serve: 0,
                profit: 30,
                frequency: 0,
                recency: 0.0,
                t: 10.0,
                monetary_value: 0.0,
                p_alive: 1.0,
                expected_purchases: 0.1,
                expected_order_value: 10.0,
                clv,
                future_profit: clv * 0.3,
                current_quadrant: CurrentQuadrant::MostProfitable,
                future_quadrant: FutureQuadrant::Best,
                tier: Tier::Lead,
                rfm_segment: RfmSegment::NewCustomers,
                rfm: crate::analytics::rfm::RfmScore { r: 1, f: 1, m: 1 },
                expected_next_order: None,
            }),
        }
    }

    #[test]
    fn queries_round_trip_through_url_pairs() {
        let q = CustomerQuery {
            search: "ann lee".into(),
            segment: Some("Hotels & Inns".into()),
            tier: Some(Tier::Gold),
            previous_tier: Some(Tier::Iron),
            reason: Some(ExitReason::Price),
            current: Some(CurrentQuadrant::LeastProfitable),
            future: Some(FutureQuadrant::Invest),
            rfm: None,
            manager: ManagerFilter::Unassigned,
            status: StatusFilter::AtRisk,
            sort: SortKey::Profit,
            descending: false,
        };
        let pairs = q.to_pairs();
        let back = CustomerQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, q);
        assert!(q.to_query_string().contains("segment=Hotels%20%26%20Inns"));
    }

    #[test]
    fn reason_selects_the_customers_whose_latest_exit_had_it() {
        let mut rows = vec![row("C1", "Ann", Some(5.0)), row("C2", "Bob", Some(6.0)), row("C3", "Cy", None)];
        let day = |d| chrono::NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
        rows[0].exit = Some((day(1), ExitReason::Price));
        rows[1].exit = Some((day(2), ExitReason::Service));
        let price = CustomerQuery::from_pairs([("reason", "price"), ("status", "exited")]);
        assert_eq!(select(&rows, &price), vec![0]);
        assert!(price.to_query_string().contains("reason=price"));
        assert_eq!(select(&rows, &CustomerQuery::from_pairs([("reason", "market")])), Vec::<u32>::new());
        assert_eq!(select(&rows, &CustomerQuery::from_pairs([("reason", "nonsense")])).len(), 3);
    }

    #[test]
    fn previous_tier_selects_customers_by_where_they_stood_before() {
        let mut rows = vec![
            row("C1", "Ann", Some(5.0)),
            row("C2", "Bob", Some(6.0)),
            row("C3", "Cy", None),
        ];
        rows[0].previous_tier = Some(Tier::Iron);
        rows[1].previous_tier = Some(Tier::Lead);
        let moved_up = CustomerQuery::from_pairs([("previous_tier", "iron"), ("tier", "lead")]);
        assert_eq!(select(&rows, &moved_up), vec![0]);
        assert!(moved_up.to_query_string().contains("previous_tier=iron"));
        assert_eq!(
            select(&rows, &CustomerQuery::from_pairs([("previous_tier", "lead")])),
            vec![1]
        );
        assert_eq!(select(&rows, &CustomerQuery::from_pairs([("previous_tier", "gold")])), Vec::<u32>::new());
    }

    #[test]
    fn the_default_query_has_no_pairs_and_sorts_by_clv_descending() {
        let q = CustomerQuery::from_pairs([]);
        assert!(q.to_pairs().is_empty());
        assert_eq!(q.sort, SortKey::Clv);
        assert!(q.descending);
    }

    #[test]
    fn search_matches_name_company_or_email_case_insensitively_and_sort_puts_unscored_last() {
        let rows = vec![
            row("C1", "Ann", Some(5.0)),
            row("C2", "Bob", None),
            row("C3", "Cy", Some(9.0)),
        ];
        let all = select(&rows, &CustomerQuery::from_pairs([]));
        assert_eq!(all, vec![2, 0, 1]);
        let asc = select(&rows, &CustomerQuery::from_pairs([("dir", "asc")]));
        assert_eq!(
            asc,
            vec![0, 2, 1],
            "unscored customers stay last in either direction"
        );
        assert_eq!(
            select(&rows, &CustomerQuery::from_pairs([("q", "BOB@EXAMPLE")])),
            vec![1]
        );
        assert_eq!(
            select(&rows, &CustomerQuery::from_pairs([("q", "cy ltd")])),
            vec![2]
        );
        assert_eq!(
            select(&rows, &CustomerQuery::from_pairs([("tier", "lead")])).len(),
            2
        );
        assert_eq!(
            select(&rows, &CustomerQuery::from_pairs([("sort", "name")])),
            vec![0, 1, 2]
        );
    }
}
