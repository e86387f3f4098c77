//! Per-customer current profitability: revenue, cost of goods, gross margin, cost to serve and
//! profit over the analysis window (METRICS.md, "Per-customer, current").

use super::group::RowGroups;
use super::ledger::{InteractionInput, Ledger};
use crate::domain::NO_MONEY;
use crate::domain::{InteractionCosts, InteractionKind, Money, TransactionKind};
use serde::{Deserialize, Serialize};

/// What the profit computation needs besides the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfitOptions {
    /// Analysis date as a day number; later rows are ignored.
    pub as_of: i32,
    /// First day of the analysis window, if any.
    pub window_start: Option<i32>,
    /// Margin rate for a transaction without a cost: cost = amount × (1 − rate).
    pub default_margin: f64,
    /// Cost of serving one order.
    pub cost_per_order: Money,
    /// Cost of one interaction per kind (used when the interaction has no cost of its own).
    pub interaction_costs: InteractionCosts,
}

/// One customer's current figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CustomerProfit {
    /// Ledger customer index.
    pub customer: u32,
    /// Number of order transactions.
    pub orders: u32,
    /// Σ order amounts − Σ return amounts.
    pub revenue: Money,
    /// Cost of goods: Σ cost where given, else amount × (1 − default margin); returns reverse it.
    pub cogs: Money,
    /// revenue − cogs.
    pub gross_margin: Money,
    /// orders × cost per order + Σ interaction costs.
    pub cost_to_serve: Money,
    /// gross_margin − cost_to_serve.
    pub profit: Money,
}

/// Running sums for one customer's transactions.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ProfitAccumulator {
    pub orders: u32,
    pub revenue: i64,
    /// Cents, fractional where the default margin applies; rounded once at the end.
    pub cogs: f64,
}

impl ProfitAccumulator {
    #[inline]
    pub(crate) fn add(
        &mut self,
        kind: TransactionKind,
        amount: i64,
        cost: i64,
        default_margin: f64,
    ) {
        let cost = if cost == NO_MONEY {
            amount as f64 * (1.0 - default_margin)
        } else {
            cost as f64
        };
        match kind {
            TransactionKind::Order => {
                self.orders += 1;
                self.revenue = self.revenue.saturating_add(amount);
                self.cogs += cost;
            }
            TransactionKind::Return => {
                self.revenue = self.revenue.saturating_sub(amount);
                self.cogs -= cost;
            }
        }
    }

    pub(crate) fn finish(
        self,
        customer: u32,
        cost_per_order: Money,
        interaction_cost: i64,
    ) -> CustomerProfit {
        let revenue = Money(self.revenue);
        let cogs = Money::from_major(self.cogs / 100.0).unwrap_or(Money::ZERO);
        let gross_margin = revenue - cogs;
        let cost_to_serve = cost_per_order * i64::from(self.orders) + Money(interaction_cost);
        CustomerProfit {
            customer,
            orders: self.orders,
            revenue,
            cogs,
            gross_margin,
            cost_to_serve,
            profit: gross_margin - cost_to_serve,
        }
    }
}

/// The cost table indexed by `InteractionKind` position in `InteractionKind::ALL`.
pub(crate) fn interaction_cost_table(costs: &InteractionCosts) -> Vec<i64> {
    InteractionKind::ALL
        .iter()
        .map(|k| costs.cost(*k).minor())
        .collect()
}

/// Σ interaction costs per customer index over [window start, as_of].
pub(crate) fn interaction_costs_per_customer(
    interactions: &InteractionInput,
    customers: usize,
    as_of: i32,
    window_start: Option<i32>,
    costs: &InteractionCosts,
) -> Vec<i64> {
    let table = interaction_cost_table(costs);
    let start = window_start.unwrap_or(i32::MIN);
    let mut sums = vec![0i64; customers];
    for i in 0..interactions.len() {
        let day = interactions.day[i];
        if day < start || day > as_of {
            continue;
        }
        let own = interactions.cost[i];
        let kind_index = InteractionKind::ALL
            .iter()
            .position(|k| *k == interactions.kind[i])
            .unwrap_or(0);
        let cost = if own == NO_MONEY {
            table[kind_index]
        } else {
            own
        };
        if let Some(s) = sums.get_mut(interactions.customer[i] as usize) {
            *s = s.saturating_add(cost);
        }
    }
    sums
}

/// Current figures of every customer with at least one transaction or interaction in the window,
/// by customer index (METRICS.md, "Per-customer, current").
pub fn customer_profits(
    ledger: &Ledger,
    interactions: &InteractionInput,
    options: &ProfitOptions,
) -> Vec<CustomerProfit> {
    let groups = RowGroups::of(ledger);
    let start = options.window_start.unwrap_or(i32::MIN);
    let serve = interaction_costs_per_customer(
        interactions,
        ledger.customer_count(),
        options.as_of,
        options.window_start,
        &options.interaction_costs,
    );
    let (days, amounts, kinds) = (ledger.days(), ledger.amounts(), ledger.kinds());
    let mut out = Vec::new();
    for (c, &serve_cost) in serve.iter().enumerate().take(groups.customers()) {
        let mut acc = ProfitAccumulator::default();
        let mut any = false;
        for r in groups.rows(c) {
            if days[r] >= start && days[r] <= options.as_of {
                any = true;
                acc.add(
                    kinds[r],
                    amounts[r],
                    ledger.cost_at(r),
                    options.default_margin,
                );
            }
        }
        if any || serve_cost != 0 {
            out.push(acc.finish(c as u32, options.cost_per_order, serve_cost));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profit_uses_given_costs_default_margin_and_returns_reverse_their_cost() {
        let mut acc = ProfitAccumulator::default();
        acc.add(TransactionKind::Order, 10_000, 6_000, 0.3); // cost given
        acc.add(TransactionKind::Order, 5_000, NO_MONEY, 0.3); // cost 3,500 by default margin
        acc.add(TransactionKind::Return, 2_000, NO_MONEY, 0.3); // reverses 1,400
        let p = acc.finish(7, Money(100), 250);
        assert_eq!(p.orders, 2);
        assert_eq!(p.revenue, Money(13_000));
        assert_eq!(p.cogs, Money(8_100));
        assert_eq!(p.gross_margin, Money(4_900));
        assert_eq!(p.cost_to_serve, Money(450));
        assert_eq!(p.profit, Money(4_450));
    }
}
