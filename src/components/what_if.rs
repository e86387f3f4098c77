//! The retention what-if calculator: customers at the start N, churn rate c, revenue per
//! lost customer R and margin m — prefilled from the data, all editable — give the
//! customers, revenue and profit lost and the retention budget worth spending.

use crate::analytics::churn::{what_if, WhatIfInput};
use crate::i18n::format::parse_number as read;
use crate::i18n::{fill, format, ChurnText};
use crate::state::use_i18n;
use leptos::prelude::*;

/// The calculator.
#[component]
pub fn WhatIfCalculator(
    /// The figures from the data (margin and churn rate as fractions).
    defaults: WhatIfInput,
    /// The workspace's currency.
    currency: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let plain = |v: f64, d: usize| {
        let s = format!("{v:.d$}");
        if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
    };
    let initial = move || {
        (
            plain(defaults.customers, 0),
            plain(defaults.churn_rate * 100.0, 2),
            plain(defaults.revenue_per_customer, 2),
            plain(defaults.margin * 100.0, 2),
        )
    };
    let (n0, c0, r0, m0) = initial();
    let n = RwSignal::new(n0);
    let c = RwSignal::new(c0);
    let r = RwSignal::new(r0);
    let m = RwSignal::new(m0);
    let problem = move |text: String, percent: bool| -> Option<String> {
        match read(&text) {
            None => Some(fill(i18n.t(ChurnText::ErrNumber), &[("value", text.trim())])),
            Some(v) if percent && !(0.0..=100.0).contains(&v) => Some(i18n.t(ChurnText::ErrPercent).to_string()),
            Some(v) if v < 0.0 => Some(i18n.t(ChurnText::ErrNegative).to_string()),
            _ => None,
        }
    };
    let result = move || {
        let (nv, cv, rv, mv) = (read(&n.get())?, read(&c.get())?, read(&r.get())?, read(&m.get())?);
        if problem(n.get(), false).or(problem(c.get(), true)).or(problem(r.get(), false)).or(problem(m.get(), true)).is_some() {
            return None;
        }
        Some(what_if(&WhatIfInput { customers: nv, churn_rate: cv / 100.0, revenue_per_customer: rv, margin: mv / 100.0 }))
    };
    let field = move |label: ChurnText, signal: RwSignal<String>, percent: bool, testid: &'static str| {
        let err = move || problem(signal.get(), percent);
        view! {
            <label class="field" class:field--invalid=move || err().is_some()>
                <span class="field__label">{move || i18n.t(label)}</span>
                <input type="text" inputmode="decimal" data-testid=testid prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))/>
                {move || err().map(|e| view! { <span class="field__error" role="alert">{e}</span> })}
            </label>
        }
    };
    let currency = StoredValue::new(currency);
    let money = move |v: f64| currency.with_value(|cur| format::money(v, cur, 0, locale));
    view! {
        <section class="card what-if" data-testid="what-if">
            <h2>{move || i18n.t(ChurnText::WhatIf)}</h2>
            <p class="muted small">{move || i18n.t(ChurnText::WhatIfHelp)}</p>
            <div class="what-if__grid">
                <div class="what-if__inputs">
                    {field(ChurnText::CustomersAtStart, n, false, "whatif-customers")}
                    {field(ChurnText::ChurnRate, c, true, "whatif-rate")}
                    {field(ChurnText::RevenuePerLost, r, false, "whatif-revenue")}
                    {field(ChurnText::Margin, m, true, "whatif-margin")}
                    <button class="button button--quiet" on:click=move |_| {
                        let (a, b, cc, d) = initial();
                        n.set(a); c.set(b); r.set(cc); m.set(d);
                    }>{move || i18n.t(ChurnText::Reset)}</button>
                </div>
                <dl class="what-if__results">
                    {move || result().map(|w| view! {
                        <div class="fact"><dt>{i18n.t(ChurnText::LostCustomers)}</dt><dd data-testid="whatif-lost-customers">{format::number(w.lost_customers, 0, i18n.locale())}</dd></div>
                        <div class="fact"><dt>{i18n.t(ChurnText::LostRevenue)}</dt><dd data-testid="whatif-lost-revenue">{money(w.lost_revenue)}</dd></div>
                        <div class="fact"><dt>{i18n.t(ChurnText::LostProfit)}</dt><dd data-testid="whatif-lost-profit">{money(w.lost_profit)}</dd></div>
                        <div class="fact fact--strong"><dt>{i18n.t(ChurnText::Ceiling)}</dt><dd data-testid="whatif-ceiling">{money(w.budget_ceiling)}</dd></div>
                        <p class="what-if__sentence">{fill(i18n.t(ChurnText::CeilingSentence), &[("amount", &money(w.budget_ceiling))])}</p>
                    })}
                </dl>
            </div>
        </section>
    }
}
