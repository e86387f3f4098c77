//! The Planning page: tier migration between the previous and the current window (a 4×4
//! matrix whose every cell opens exactly its customers), the marketing budget by tier
//! (spend per customer editable and saved per workspace) and the customer-perceived value
//! sheet per segment (ratings and weights of U, B, R, C, T, saved per workspace).

use crate::analytics::workspace::planning::{
    budget_by_tier, perceived_value, PerceivedValueSheet, Planning, SegmentValue, TierSpend,
    ValueRatings, ValueWeights, PERCEIVED_VALUE_SHEET, RATING_RANGE, TIER_SPEND_SHEET,
};
use crate::analytics::workspace::WorkspaceAnalysis;
use crate::components::charts::{HeatmapChart, HeatmapData, Shade, ValueFormat};
use crate::components::{AnalysisView, DataArea, PageHeader};
use crate::domain::Tier;
use crate::i18n::format::parse_number;
use crate::i18n::{fill, format, labels, Locale, Msg, PlanningText};
use crate::pages::dashboard::customers_href;
use crate::analytics::workspace::query::CustomerQuery;
use crate::state::{actions, use_i18n, use_workspace, DbStatus, I18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Largest spend per customer accepted, in currency units (a typing-mistake guard).
const MAX_SPEND: f64 = 1e9;
/// Largest weight accepted on the perceived-value sheet.
const MAX_WEIGHT: f64 = 10.0;

/// The Planning page.
#[component]
pub fn PlanningPage() -> impl IntoView {
    // The sheets' inputs outlive a recomputed analysis (saving a sheet triggers one).
    let sheets = Sheets {
        spend: RwSignal::new(spend_texts(&TierSpend::default())),
        spend_status: RwSignal::new(None),
        values: RwSignal::new(BTreeMap::new()),
        value_status: RwSignal::new(None),
    };
    load_sheets(sheets);
    view! {
        <PageHeader title=Msg::NavPlanning intro=Msg::PlanningIntro/>
        <DataArea>
            <AnalysisView render=move |analysis| view! { <PlanningBody analysis=analysis sheets=sheets/> }/>
        </DataArea>
    }
}

/// What a person typed in the two sheets, and the outcome of their last save.
#[derive(Clone, Copy)]
struct Sheets {
    /// Spend per customer of gold, silver, iron, lead, as typed (currency units).
    spend: RwSignal<[String; 4]>,
    spend_status: RwSignal<Option<Result<String, String>>>,
    /// Perceived-value lines by segment name, as typed.
    values: RwSignal<BTreeMap<String, ValueForm>>,
    value_status: RwSignal<Option<Result<String, String>>>,
}

/// One segment's ratings and weights as typed, in the order U, B, R, C, T.
#[derive(Clone, Debug, PartialEq)]
struct ValueForm {
    ratings: [String; 5],
    weights: [String; 5],
}

impl ValueForm {
    fn from_line(line: &SegmentValue) -> ValueForm {
        let r = line.ratings;
        let w = line.weights;
        ValueForm {
            ratings: [r.utility, r.brand, r.relationship, r.cost, r.time].map(plain),
            weights: weight_texts(&w),
        }
    }
}

fn weight_texts(w: &ValueWeights) -> [String; 5] {
    [w.utility, w.brand, w.relationship, w.cost, w.time].map(plain)
}

/// A number as a person would type it: no trailing zeros, a dot as the decimal mark.
fn plain(v: f64) -> String {
    let s = format!("{v:.2}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn spend_texts(spend: &TierSpend) -> [String; 4] {
    [spend.gold, spend.silver, spend.iron, spend.lead].map(|minor| plain(minor as f64 / 100.0))
}

/// Loads the saved sheets once the workspace is open (again after a workspace switch).
fn load_sheets(sheets: Sheets) {
    let workspace = use_workspace();
    let loaded = LocalResource::new(move || {
        let ready = matches!(workspace.status(), DbStatus::Ready { .. });
        async move {
            if !ready {
                return None;
            }
            let spend = actions::load_sheet::<TierSpend>(workspace, TIER_SPEND_SHEET).await;
            let values =
                actions::load_sheet::<PerceivedValueSheet>(workspace, PERCEIVED_VALUE_SHEET).await;
            Some((spend, values))
        }
    });
    Effect::new(move || {
        let Some(Some((spend, values))) = loaded.get() else {
            return;
        };
        match spend {
            Ok(Some(s)) => sheets.spend.set(spend_texts(&s)),
            Ok(None) => {}
            Err(e) => sheets.spend_status.set(Some(Err(e.message))),
        }
        match values {
            Ok(Some(sheet)) => sheets.values.set(
                sheet
                    .segments
                    .iter()
                    .map(|l| (l.segment.clone(), ValueForm::from_line(l)))
                    .collect(),
            ),
            Ok(None) => {}
            Err(e) => sheets.value_status.set(Some(Err(e.message))),
        }
    });
}

#[component]
fn PlanningBody(analysis: Arc<WorkspaceAnalysis>, sheets: Sheets) -> impl IntoView {
    let i18n = use_i18n();
    let Some(p) = analysis.planning.clone() else {
        return view! { <p class="inline-error" data-testid="nothing-scored">{analysis.problem.clone().unwrap_or_else(|| i18n.t(Msg::PlanningIntro).to_string())}</p> }.into_any();
    };
    let currency = analysis.currency.clone();
    view! {
        <MigrationSection p=p.clone()/>
        <BudgetSection p=p.clone() currency=currency.clone() sheets=sheets/>
        <ValueSection p=p currency=currency sheets=sheets/>
    }
    .into_any()
}

fn tier_query(previous: Option<Tier>, current: Option<Tier>) -> CustomerQuery {
    let mut q = CustomerQuery::from_pairs([]);
    q.previous_tier = previous;
    q.tier = current;
    q
}

#[component]
fn MigrationSection(p: Planning) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let Some(m) = p.migration else {
        return view! {
            <section class="card" data-testid="migration">
                <h2>{move || i18n.t(PlanningText::MigrationTitle)}</h2>
                <p class="status status--warn" data-testid="migration-problem">{move || i18n.t(PlanningText::NoMigration)}</p>
            </section>
        }
        .into_any();
    };
    let navigate = use_navigate();
    let names: Vec<String> = Tier::ALL.iter().map(|t| i18n.t(labels::tier(*t)).to_string()).collect();
    let data = HeatmapData {
        rows: names.clone(),
        columns: names,
        values: m.matrix.iter().map(|r| r.iter().map(|v| Some(*v as f64)).collect()).collect(),
        format: ValueFormat::Count,
        row_title: i18n.t(PlanningText::PreviousAxis).to_string(),
        column_title: i18n.t(PlanningText::CurrentAxis).to_string(),
        highlight_diagonal: true,
        shade: Shade::RowShare,
        ..Default::default()
    };
    let grid = data.clone();
    let on_select = Callback::new(move |i: usize| {
        let (r, c) = grid.cell(i);
        if let (Some(from), Some(to)) = (Tier::ALL.get(r), Tier::ALL.get(c)) {
            navigate(&customers_href(&tier_query(Some(*from), Some(*to))), Default::default());
        }
    });
    let windows = match (p.current_window, p.previous_window) {
        (Some(c), Some(pw)) => Some(fill(
            i18n.t(PlanningText::Windows),
            &[
                ("from", &format::date(c.0, locale)),
                ("to", &format::date(c.1, locale)),
                ("pfrom", &format::date(pw.0, locale)),
                ("pto", &format::date(pw.1, locale)),
                ("days", &format::count((c.1 - pw.1).num_days().max(0) as u64, locale)),
            ],
        )),
        _ => None,
    };
    let total = format::count(m.customers as u64, locale);
    let figure = |label: PlanningText, share: f64, count: usize, class: &'static str, testid: &'static str| {
        let of = fill(i18n.t(PlanningText::OfCustomers), &[("count", &format::count(count as u64, locale)), ("total", &total)]);
        view! {
            <div class=format!("mig-figure {class}") data-testid=testid>
                <span class="mig-figure__label">{move || i18n.t(label)}</span>
                <span class="mig-figure__value">{format::percent(share, 1, locale)}</span>
                <span class="mig-figure__of">{of}</span>
            </div>
        }
    };
    let rows = Tier::ALL
        .iter()
        .enumerate()
        .map(|(r, &from)| {
            let row = m.matrix[r];
            let n: usize = row.iter().sum();
            let up: usize = row[..r].iter().sum();
            let down: usize = row[r + 1..].iter().sum();
            let share = |k: usize| if n > 0 { format::percent(k as f64 / n as f64, 1, locale) } else { "—".to_string() };
            view! {
                <tr data-testid="migration-row">
                    <th scope="row"><a href=customers_href(&tier_query(Some(from), None))><span class=format!("tier tier--{}", from.as_str())>{i18n.t(labels::tier(from))}</span></a></th>
                    <td class="num">{format::count(n as u64, locale)}</td>
                    <td class="num">{share(up)}</td>
                    <td class="num">{share(row[r])}</td>
                    <td class="num">{share(down)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" data-testid="migration">
            <h2>{move || i18n.t(PlanningText::MigrationTitle)}</h2>
            <p class="muted small">{move || i18n.t(PlanningText::MigrationHelp)}</p>
            {windows.map(|w| view! { <p class="small" data-testid="migration-windows">{w}</p> })}
            <div class="mig-figures">
                {figure(PlanningText::MovedUp, m.up_share, m.up, "mig-figure--up", "migration-up")}
                {figure(PlanningText::Stayed, m.stayed_share, m.stayed, "mig-figure--stayed", "migration-stayed")}
                {figure(PlanningText::MovedDown, m.down_share, m.down, "mig-figure--down", "migration-down")}
            </div>
            <p class="small">{fill(i18n.t(PlanningText::UpBenchmark), &[("share", &format::percent(m.up_share, 1, locale))])}</p>
            <div class="two-columns two-columns--even mig-layout">
                <HeatmapChart title=i18n.t(PlanningText::MigrationTitle).to_string() data=data on_select=on_select height=320.0 testid="chart-migration"/>
                <div class="table-scroll">
                    <table class="data-table" data-testid="migration-shares">
                        <thead><tr>
                            <th scope="col">{i18n.t(PlanningText::PreviousAxis)}</th>
                            <th scope="col" class="num">{i18n.t(PlanningText::Customers)}</th>
                            <th scope="col" class="num">{i18n.t(PlanningText::MovedUp)}</th>
                            <th scope="col" class="num">{i18n.t(PlanningText::Stayed)}</th>
                            <th scope="col" class="num">{i18n.t(PlanningText::MovedDown)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </div>
            {(p.new_customers > 0).then(|| view! {
                <p class="muted small" data-testid="migration-new">{fill(i18n.t(PlanningText::NewCustomers), &[("count", &format::count(p.new_customers as u64, locale))])}</p>
            })}
        </section>
    }
    .into_any()
}

/// Reads a spend per customer typed in currency units: minor units, or the sentence saying
/// what is wrong.
fn read_spend(i18n: I18n, text: &str) -> Result<i64, String> {
    match parse_number(text) {
        None => Err(fill(i18n.t(PlanningText::ErrNumber), &[("value", text.trim())])),
        Some(v) if v < 0.0 => Err(i18n.t(PlanningText::ErrNegative).to_string()),
        Some(v) if v > MAX_SPEND => Err(i18n.t(PlanningText::ErrTooLarge).to_string()),
        Some(v) => Ok((v * 100.0).round() as i64),
    }
}

fn spend_of(i18n: I18n, texts: &[String; 4]) -> Option<TierSpend> {
    let [g, s, i, l] = texts.clone().map(|t| read_spend(i18n, &t).ok());
    Some(TierSpend {
        gold: g?,
        silver: s?,
        iron: i?,
        lead: l?,
    })
}

#[component]
fn BudgetSection(p: Planning, currency: String, sheets: Sheets) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let workspace = use_workspace();
    let counts = p.tiers;
    let currency = StoredValue::new(currency);
    let money = move |minor: i64| currency.with_value(|c| format::money(minor as f64 / 100.0, c, 2, locale));
    let budget = Memo::new(move |_| {
        sheets
            .spend
            .with(|t| spend_of(i18n, t))
            .and_then(|s| budget_by_tier(&counts, &s).ok())
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(spend) = sheets.spend.with_untracked(|t| spend_of(i18n, t)) else {
            sheets.spend_status.set(Some(Err(i18n.t(PlanningText::FixFields).to_string())));
            return;
        };
        if budget_by_tier(&counts, &spend).is_err() {
            sheets.spend_status.set(Some(Err(i18n.t(PlanningText::ErrTooLarge).to_string())));
            return;
        }
        sheets.spend_status.set(None);
        spawn_local(async move {
            let outcome = match actions::save_sheet(workspace, TIER_SPEND_SHEET, &spend).await {
                Ok(()) => Ok(i18n.t(PlanningText::Saved).to_string()),
                Err(e) => Err(fill(i18n.t(PlanningText::SaveFailed), &[("reason", &e.message)])),
            };
            sheets.spend_status.set(Some(outcome));
        });
    };
    let rows = Tier::ALL
        .iter()
        .enumerate()
        .map(|(k, &tier)| {
            let customers = [counts.gold, counts.silver, counts.iron, counts.lead][k];
            let err = move || sheets.spend.with(|t| read_spend(i18n, &t[k]).err());
            let total = move || {
                sheets
                    .spend
                    .with(|t| read_spend(i18n, &t[k]).ok())
                    .and_then(|per| i64::try_from(customers).ok()?.checked_mul(per))
                    .map_or_else(|| "—".to_string(), money)
            };
            let name = i18n.t(labels::tier(tier));
            view! {
                <tr data-testid=format!("budget-row-{}", tier.as_str())>
                    <th scope="row"><a href=customers_href(&tier_query(None, Some(tier)))><span class=format!("tier tier--{}", tier.as_str())>{name}</span></a></th>
                    <td class="num" data-testid="budget-customers">{format::count(customers as u64, locale)}</td>
                    <td class="budget-input">
                        <label class="field" class:field--invalid=move || err().is_some()>
                            <input type="text" inputmode="decimal" data-testid=format!("spend-{}", tier.as_str())
                                aria-label=fill(i18n.t(PlanningText::SpendFor), &[("tier", name)])
                                prop:value=move || sheets.spend.with(|t| t[k].clone())
                                on:input=move |ev| { sheets.spend_status.set(None); sheets.spend.update(|t| t[k] = event_target_value(&ev)) }/>
                            {move || err().map(|e| view! { <span class="field__error" role="alert">{e}</span> })}
                        </label>
                    </td>
                    <td class="num" data-testid="budget-total">{total}</td>
                </tr>
            }
        })
        .collect_view();
    let sentence = move || {
        budget.get().filter(|b| b.total > 0 && b.customers > 0).map(|b| {
            let top: i64 = b.rows.iter().take(2).map(|r| r.total).sum();
            let top_customers: usize = b.rows.iter().take(2).map(|r| r.customers).sum();
            fill(
                i18n.t(PlanningText::BudgetSentence),
                &[
                    ("total", &money(b.total)),
                    ("customers", &format::count(b.customers as u64, locale)),
                    ("top", &format::percent(top as f64 / b.total as f64, 1, locale)),
                    ("share", &format::percent(top_customers as f64 / b.customers as f64, 1, locale)),
                ],
            )
        })
    };
    let code = currency.get_value();
    view! {
        <section class="card" data-testid="budget">
            <h2>{move || i18n.t(PlanningText::BudgetTitle)}</h2>
            <p class="muted small">{move || i18n.t(PlanningText::BudgetHelp)}</p>
            <form class="budget-form" on:submit=save novalidate>
                <div class="table-scroll">
                    <table class="data-table budget-table" data-testid="budget-table">
                        <thead><tr>
                            <th scope="col">{i18n.t(PlanningText::Tier)}</th>
                            <th scope="col" class="num">{i18n.t(PlanningText::Customers)}</th>
                            <th scope="col">{fill(i18n.t(PlanningText::SpendPerCustomer), &[("currency", format::currency_symbol(&code))])}</th>
                            <th scope="col" class="num">{i18n.t(PlanningText::Total)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                        <tfoot><tr>
                            <th scope="row">{i18n.t(PlanningText::AllTiers)}</th>
                            <td class="num">{format::count((counts.gold + counts.silver + counts.iron + counts.lead) as u64, locale)}</td>
                            <td></td>
                            <td class="num" data-testid="budget-grand-total">{move || budget.get().map_or_else(|| "—".to_string(), |b| money(b.total))}</td>
                        </tr></tfoot>
                    </table>
                </div>
                <p class="small" data-testid="budget-sentence">{sentence}</p>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" data-testid="save-budget">{move || i18n.t(PlanningText::Save)}</button>
                    <button type="button" class="button" data-testid="budget-defaults" on:click=move |_| {
                        sheets.spend_status.set(None);
                        sheets.spend.set(spend_texts(&TierSpend::default()));
                    }>{move || i18n.t(PlanningText::Defaults)}</button>
                    {move || sheets.spend_status.get().map(|s| match s {
                        Ok(t) => view! { <span class="status status--ok" role="status" data-testid="budget-status">{t}</span> }.into_any(),
                        Err(t) => view! { <span class="field__error" role="alert" data-testid="budget-status">{t}</span> }.into_any(),
                    })}
                </div>
            </form>
        </section>
    }
}

/// The five terms: catalogue name, stable key for test ids.
const TERMS: [(PlanningText, &str); 5] = [
    (PlanningText::TermUtility, "u"),
    (PlanningText::TermBrand, "b"),
    (PlanningText::TermRelationship, "r"),
    (PlanningText::TermCost, "c"),
    (PlanningText::TermTime, "t"),
];

fn rating_error(i18n: I18n, text: &str) -> Option<String> {
    match parse_number(text) {
        None => Some(fill(i18n.t(PlanningText::ErrNumber), &[("value", text.trim())])),
        Some(v) if !(RATING_RANGE.0..=RATING_RANGE.1).contains(&v) => Some(i18n.t(PlanningText::ErrRating).to_string()),
        _ => None,
    }
}

fn weight_error(i18n: I18n, text: &str) -> Option<String> {
    match parse_number(text) {
        None => Some(fill(i18n.t(PlanningText::ErrNumber), &[("value", text.trim())])),
        Some(v) if !(0.0..=MAX_WEIGHT).contains(&v) => Some(i18n.t(PlanningText::ErrWeight).to_string()),
        _ => None,
    }
}

/// The ratings and weights of a form, when every field is valid and a weight is above zero.
fn read_form(form: &ValueForm) -> Option<(ValueRatings, ValueWeights)> {
    let in_range = |v: f64, hi: f64| (0.0..=hi).contains(&v).then_some(v);
    let mut r = [0.0; 5];
    let mut w = [0.0; 5];
    for k in 0..5 {
        r[k] = in_range(parse_number(&form.ratings[k])?, RATING_RANGE.1)?;
        w[k] = in_range(parse_number(&form.weights[k])?, MAX_WEIGHT)?;
    }
    if w.iter().all(|x| *x == 0.0) {
        return None;
    }
    Some((
        ValueRatings { utility: r[0], brand: r[1], relationship: r[2], cost: r[3], time: r[4] },
        ValueWeights { utility: w[0], brand: w[1], relationship: w[2], cost: w[3], time: w[4] },
    ))
}

fn benefit_of(form: &ValueForm) -> Option<f64> {
    read_form(form).and_then(|(r, w)| perceived_value(&r, &w).ok())
}

/// The preset whose weights the form holds, if any.
fn preset_of(form: &ValueForm) -> Option<&'static str> {
    ValueWeights::PRESETS
        .iter()
        .find(|(_, w)| weight_texts(w).iter().zip(&form.weights).all(|(a, b)| parse_number(b) == parse_number(a)))
        .map(|(name, _)| *name)
}

fn preset_label(name: &str) -> PlanningText {
    match name {
        "business" => PlanningText::PresetBusiness,
        "low_income" => PlanningText::PresetLowIncome,
        _ => PlanningText::PresetEqual,
    }
}

fn form_of(sheets: Sheets, segment: &str) -> ValueForm {
    sheets
        .values
        .with(|m| m.get(segment).cloned())
        .unwrap_or_else(|| ValueForm::from_line(&SegmentValue::new(segment)))
}

#[component]
fn ValueSection(p: Planning, currency: String, sheets: Sheets) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let workspace = use_workspace();
    if p.segments.is_empty() {
        return view! {
            <section class="card" data-testid="perceived-value">
                <h2>{move || i18n.t(PlanningText::ValueTitle)}</h2>
                <p class="muted" data-testid="no-segments">{move || i18n.t(PlanningText::NoSegments)}</p>
            </section>
        }
        .into_any();
    }
    let names: Vec<String> = p.segments.iter().map(|s| s.segment.clone()).collect();
    let names = StoredValue::new(names);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Every line shown (defaults included) and every line loaded for other segments.
        let mut forms = sheets.values.get_untracked();
        names.with_value(|n| {
            for name in n {
                forms.entry(name.clone()).or_insert_with(|| ValueForm::from_line(&SegmentValue::new(name.as_str())));
            }
        });
        let mut lines = Vec::with_capacity(forms.len());
        for (segment, form) in &forms {
            let Some((ratings, weights)) = read_form(form) else {
                sheets.value_status.set(Some(Err(i18n.t(PlanningText::FixFields).to_string())));
                return;
            };
            lines.push(SegmentValue { segment: segment.clone(), ratings, weights, preset: preset_of(form).map(str::to_string) });
        }
        let sheet = PerceivedValueSheet { segments: lines };
        sheets.value_status.set(None);
        spawn_local(async move {
            let outcome = match actions::save_sheet(workspace, PERCEIVED_VALUE_SHEET, &sheet).await {
                Ok(()) => Ok(i18n.t(PlanningText::Saved).to_string()),
                Err(e) => Err(fill(i18n.t(PlanningText::SaveFailed), &[("reason", &e.message)])),
            };
            sheets.value_status.set(Some(outcome));
        });
    };
    let cards = p
        .segments
        .iter()
        .enumerate()
        .map(|(index, seg)| {
            let name = StoredValue::new(seg.segment.clone());
            let href = customers_href(&CustomerQuery { segment: Some(seg.segment.clone()), ..CustomerQuery::from_pairs([]) });
            let figures = currency_figures(i18n, &currency, seg.customers, seg.revenue, seg.profit, locale);
            let form = move || name.with_value(|n| form_of(sheets, n));
            let edit = move |f: &dyn Fn(&mut ValueForm)| {
                sheets.value_status.set(None);
                name.with_value(|n| {
                    sheets.values.update(|m| {
                        let entry = m.entry(n.clone()).or_insert_with(|| ValueForm::from_line(&SegmentValue::new(n.as_str())));
                        f(entry);
                    })
                });
            };
            let seg_name = seg.segment.clone();
            let heads = TERMS
                .iter()
                .enumerate()
                .map(|(k, &(term, _))| {
                    // "U · Utility": the letter always, the word where there is room.
                    let full = i18n.t(term);
                    let (letter, word) = full.split_once(" · ").unwrap_or((full, ""));
                    view! {
                        <th scope="col" class:pv-cost={k >= 3} title=full>
                            <span class="pv-term__letter">{letter}</span>
                            <span class="pv-term__word">{(!word.is_empty()).then(|| format!(" · {word}"))}</span>
                        </th>
                    }
                })
                .collect_view();
            // One row of inputs (ratings or weights) with its per-field check.
            let inputs = |weights: bool| {
                TERMS
                    .iter()
                    .enumerate()
                    .map(|(k, &(term, key))| {
                        let err = move || {
                            let f = form();
                            if weights { weight_error(i18n, &f.weights[k]) } else { rating_error(i18n, &f.ratings[k]) }
                        };
                        let args = [("term", i18n.t(term)), ("segment", seg_name.as_str())];
                        let label = fill(i18n.t(if weights { PlanningText::WeightFor } else { PlanningText::RatingFor }), &args);
                        let testid = format!("pv-{index}-{}-{key}", if weights { "weight" } else { "rating" });
                        view! {
                            <td class:pv-cost={k >= 3} class:field--invalid=move || err().is_some()>
                                <input type="text" inputmode="decimal" aria-label=label data-testid=testid
                                    aria-invalid=move || err().is_some().to_string()
                                    prop:value=move || { let f = form(); if weights { f.weights[k].clone() } else { f.ratings[k].clone() } }
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        edit(&|f| if weights { f.weights[k] = v.clone() } else { f.ratings[k] = v.clone() })
                                    }/>
                            </td>
                        }
                    })
                    .collect_view()
            };
            let (rating_inputs, weight_inputs) = (inputs(false), inputs(true));
            // Each wrong field's sentence, named by its term, under the grid.
            let problems = move || {
                let f = form();
                TERMS
                    .iter()
                    .enumerate()
                    .flat_map(|(k, &(term, _))| {
                        [rating_error(i18n, &f.ratings[k]), weight_error(i18n, &f.weights[k])]
                            .into_iter()
                            .flatten()
                            .map(move |e| format!("{} — {e}", i18n.t(term)))
                    })
                    .map(|line| view! { <li>{line}</li> })
                    .collect_view()
            };
            let all_zero = move || {
                let f = form();
                let zero = f.weights.iter().all(|w| parse_number(w) == Some(0.0));
                zero.then(|| i18n.t(PlanningText::ErrAllZero).to_string())
            };
            let preset_options = move || {
                let current = preset_of(&form()).unwrap_or("");
                let mut out: Vec<_> = ValueWeights::PRESETS
                    .iter()
                    .map(|(n, _)| view! { <option value=*n selected=current == *n>{i18n.t(preset_label(n))}</option> })
                    .collect();
                out.push(view! { <option value="" selected=current.is_empty()>{i18n.t(PlanningText::PresetCustom)}</option> });
                out
            };
            view! {
                <article class="pv-card" data-testid="pv-segment">
                    <header class="pv-card__head">
                        <h3><a href=href data-testid="pv-segment-link">{seg.segment.clone()}</a></h3>
                        <p class="muted small">{figures}</p>
                    </header>
                    <label class="field pv-preset">
                        <span class="field__label">{move || i18n.t(PlanningText::Preset)}</span>
                        <select data-testid=format!("pv-{index}-preset") on:change=move |ev| {
                            if let Some(w) = ValueWeights::preset(&event_target_value(&ev)) {
                                edit(&|f| f.weights = weight_texts(&w));
                            }
                        }>{preset_options}</select>
                    </label>
                    <div class="pv-scroll">
                        <table class="pv-table">
                            <thead><tr><td></td>{heads}</tr></thead>
                            <tbody>
                                <tr><th scope="row">{move || i18n.t(PlanningText::Rating)}</th>{rating_inputs}</tr>
                                <tr><th scope="row">{move || i18n.t(PlanningText::Weight)}</th>{weight_inputs}</tr>
                            </tbody>
                        </table>
                    </div>
                    <ul class="pv-problems field__error" role="alert">{problems}</ul>
                    {move || all_zero().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
                    <p class="pv-benefit">
                        <span>{move || i18n.t(PlanningText::Benefit)}</span>
                        <strong data-testid=format!("pv-{index}-benefit")>{move || benefit_of(&form()).map_or_else(|| "—".to_string(), |b| format::number(b, 1, i18n.locale()))}</strong>
                    </p>
                </article>
            }
        })
        .collect_view();
    let segments = StoredValue::new(p.segments.clone());
    let currency = StoredValue::new(currency);
    let summary = move || {
        let mut lines: Vec<_> = segments.with_value(|s| {
            s.iter()
                .map(|seg| (seg.clone(), benefit_of(&form_of(sheets, &seg.segment))))
                .collect()
        });
        lines.sort_by(|a, b| match (a.1, b.1) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        lines
            .into_iter()
            .map(|(seg, benefit)| {
                let href = customers_href(&CustomerQuery { segment: Some(seg.segment.clone()), ..CustomerQuery::from_pairs([]) });
                let money = |minor: i64| currency.with_value(|c| format::money_compact(minor as f64 / 100.0, c, locale));
                view! {
                    <tr data-testid="pv-summary-row">
                        <th scope="row"><a href=href>{seg.segment.clone()}</a></th>
                        <td class="num">{format::count(seg.customers as u64, locale)}</td>
                        <td class="num">{money(seg.revenue)}</td>
                        <td class="num" class:negative=seg.profit < 0>{money(seg.profit)}</td>
                        <td class="num" data-testid="pv-summary-benefit">{benefit.map_or_else(|| "—".to_string(), |b| format::number(b, 1, locale))}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" data-testid="perceived-value">
            <h2>{move || i18n.t(PlanningText::ValueTitle)}</h2>
            <p class="muted small pv-help">{move || i18n.t(PlanningText::ValueHelp)}</p>
            <form on:submit=save novalidate>
                <div class="pv-grid">{cards}</div>
                <div class="form__actions">
                    <button type="submit" class="button button--primary" data-testid="save-values">{move || i18n.t(PlanningText::Save)}</button>
                    {move || sheets.value_status.get().map(|s| match s {
                        Ok(t) => view! { <span class="status status--ok" role="status" data-testid="values-status">{t}</span> }.into_any(),
                        Err(t) => view! { <span class="field__error" role="alert" data-testid="values-status">{t}</span> }.into_any(),
                    })}
                </div>
            </form>
            <h3 class="pv-summary-title">{move || i18n.t(PlanningText::SummaryTitle)}</h3>
            <div class="table-scroll">
                <table class="data-table" data-testid="pv-summary">
                    <thead><tr>
                        <th scope="col">{i18n.t(PlanningText::Segment)}</th>
                        <th scope="col" class="num">{i18n.t(PlanningText::Customers)}</th>
                        <th scope="col" class="num">{i18n.t(PlanningText::Revenue)}</th>
                        <th scope="col" class="num">{i18n.t(PlanningText::Profit)}</th>
                        <th scope="col" class="num">{i18n.t(PlanningText::Benefit)}</th>
                    </tr></thead>
                    <tbody>{summary}</tbody>
                </table>
            </div>
            {(p.unsegmented > 0).then(|| view! {
                <p class="muted small" data-testid="pv-unsegmented">{fill(i18n.t(PlanningText::Unsegmented), &[("count", &format::count(p.unsegmented as u64, locale))])}</p>
            })}
        </section>
    }
    .into_any()
}

fn currency_figures(i18n: I18n, currency: &str, customers: usize, revenue: i64, profit: i64, locale: Locale) -> String {
    fill(
        i18n.t(PlanningText::SegmentFigures),
        &[
            ("customers", &format::count(customers as u64, locale)),
            ("revenue", &format::money_compact(revenue as f64 / 100.0, currency, locale)),
            ("profit", &format::money_compact(profit as f64 / 100.0, currency, locale)),
        ],
    )
}
