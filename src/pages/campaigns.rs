//! The Campaigns page: frequency programs, clubs, mailings, events and discounts aimed
//! at a tier, segment or quadrant; responses recorded per customer; the response rate,
//! revenue and margin from responders in the campaign window, and the return on cost.

use crate::analytics::workspace::campaigns::{CampaignResult, Target};
use crate::analytics::workspace::query::{self, encode, CustomerQuery};
use crate::analytics::workspace::WorkspaceAnalysis;
use crate::components::{AnalysisView, DataArea, PageHeader};
use crate::domain::forms::{CampaignForm, FieldError, Problem, ResponseForm};
use crate::domain::{CampaignKind, CampaignTarget, CurrentQuadrant, FutureQuadrant, Tier};
use crate::i18n::{fill, format, labels, CampaignText, Locale, Msg};
use crate::state::{actions, use_i18n, use_workspace, I18n, WorkspaceState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The Campaigns page.
#[component]
pub fn CampaignsPage() -> impl IntoView {
    view! {
        <PageHeader title=Msg::NavCampaigns intro=Msg::CampaignsIntro/>
        <DataArea empty_detail=Msg::CampaignsEmpty>
            <AnalysisView render=move |analysis| view! { <CampaignsBody analysis=analysis/> }/>
        </DataArea>
    }
}

fn target_text(i18n: I18n, target: &Target) -> String {
    match &CampaignTarget::from(target) {
        CampaignTarget::All => i18n.t(CampaignText::TargetAll).to_string(),
        CampaignTarget::Tier(t) => i18n.t(labels::tier(*t)).to_string(),
        CampaignTarget::Segment(s) => match crate::domain::RfmSegment::parse(s) {
            Some(r) => i18n.t(labels::rfm_segment(r)).to_string(),
            None => s.clone(),
        },
        CampaignTarget::CurrentQuadrant(q) => i18n.t(labels::current_quadrant(*q)).to_string(),
        CampaignTarget::FutureQuadrant(q) => i18n.t(labels::future_quadrant(*q)).to_string(),
    }
}

fn dates_text(i18n: I18n, r: &CampaignResult, locale: Locale) -> String {
    let start = format::date(r.start, locale);
    if r.ended {
        format!("{start} – {}", format::date(r.window_end, locale))
    } else {
        format!("{start} – {}", i18n.t(CampaignText::Running))
    }
}

#[component]
fn CampaignsBody(analysis: Arc<WorkspaceAnalysis>) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let selected = RwSignal::new(analysis.campaigns.first().map(|c| c.id.clone()));
    let data = StoredValue::new(analysis.clone());
    let currency = analysis.currency.clone();
    let locale = i18n.locale_untracked();
    let roi_text = |roi: Option<f64>| {
        roi.map_or_else(
            || i18n.t(CampaignText::NoCost).to_string(),
            |r| format::percent(r, 0, locale),
        )
    };
    let rows = analysis
        .campaigns
        .iter()
        .map(|c| {
            let id = c.id.clone();
            let id2 = c.id.clone();
            view! {
                <tr data-testid="campaign-row" class:row--selected=move || selected.get().as_deref() == Some(id2.as_str())>
                    <th scope="row"><span class="ctable__title">{c.name.clone()}</span></th>
                    <td>{i18n.t(labels::campaign_kind(c.kind))}</td>
                    <td>{dates_text(i18n, c, locale)}</td>
                    <td>{target_text(i18n, &c.target)}</td>
                    <td class="num">{format::money_minor(c.cost, &currency, locale)}</td>
                    <td class="num">{format::count(c.responses as u64, locale)}</td>
                    <td class="num" data-testid="campaign-rate">{format::percent(c.response_rate, 0, locale)}</td>
                    <td class="num">{format::money_minor(c.revenue, &currency, locale)}</td>
                    <td class="num" class:negative=c.roi.is_some_and(|r| r < 0.0) data-testid="campaign-roi">{roi_text(c.roi)}</td>
                    <td class="actions"><button class="button button--quiet" data-testid="open-campaign" on:click=move |_| selected.set(Some(id.clone()))>{i18n.t(CampaignText::Open)}</button></td>
                </tr>
            }
        })
        .collect_view();
    let empty = analysis.campaigns.is_empty();
    view! {
        <div class="two-columns">
            <section class="card" data-testid="campaigns-card">
                <h2>{i18n.t(CampaignText::Campaigns)}</h2>
                {if empty {
                    view! { <p class="muted" data-testid="no-campaigns">{i18n.t(CampaignText::NoCampaigns)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll">
                            <table class="data-table" data-testid="campaign-table">
                                <thead><tr>
                                    <th scope="col">{i18n.t(CampaignText::Name)}</th>
                                    <th scope="col">{i18n.t(CampaignText::Kind)}</th>
                                    <th scope="col">{i18n.t(CampaignText::Dates)}</th>
                                    <th scope="col">{i18n.t(CampaignText::Target)}</th>
                                    <th scope="col" class="num">{i18n.t(CampaignText::Cost)}</th>
                                    <th scope="col" class="num">{i18n.t(CampaignText::Responses)}</th>
                                    <th scope="col" class="num">{i18n.t(CampaignText::ResponseRate)}</th>
                                    <th scope="col" class="num">{i18n.t(CampaignText::Revenue)}</th>
                                    <th scope="col" class="num" title=i18n.t(CampaignText::RoiHelp)>{i18n.t(CampaignText::Roi)}</th>
                                    <th scope="col"></th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
            <NewCampaign workspace=workspace analysis=analysis.clone()/>
        </div>
        {move || selected.get().and_then(|id| data.with_value(|a| a.campaigns.iter().find(|c| c.id == id).cloned())).map(|c| view! {
            <CampaignDetail workspace=workspace result=c analysis=data.get_value()/>
        })}
    }
}

#[component]
fn NewCampaign(workspace: WorkspaceState, analysis: Arc<WorkspaceAnalysis>) -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(CampaignForm {
        kind: CampaignKind::Mailing.as_str().into(),
        start: actions::today().to_string(),
        target_by: "tier".into(),
        target_value: Tier::Gold.as_str().into(),
        ..Default::default()
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    let mut segments: Vec<String> = analysis
        .customers
        .iter()
        .filter_map(|c| c.segment.clone())
        .collect();
    segments.sort();
    segments.dedup();
    let segments = StoredValue::new(segments);
    let data = StoredValue::new(analysis);
    let target_size = move || {
        let f = form.get();
        let target = match f.validate("preview") {
            Ok(c) => Some(c.target),
            Err(_) => None,
        };
        target.map(|t| {
            let q = CustomerQuery::for_target(&t);
            (
                data.with_value(|a| query::select(&a.customers, &q).len()),
                q.to_query_string(),
            )
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.get_untracked().validate(&actions::new_id("K")) {
            Err(e) => errors.set(e),
            Ok(campaign) => {
                errors.set(Vec::new());
                spawn_local(async move {
                    let result = actions::save_campaign(workspace, campaign).await;
                    status.set(Some(
                        result
                            .map(|_| i18n.t(CampaignText::Created).to_string())
                            .map_err(|e| e.message),
                    ));
                });
            }
        }
    };
    let err = move |field: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|x| x.field == field)
                    .map(|x| match &x.problem {
                        Problem::Required if field == "start" => {
                            i18n.t(CampaignText::ErrRequiredDate).to_string()
                        }
                        Problem::Required => i18n.t(CampaignText::ErrName).to_string(),
                        Problem::Date(v) => fill(i18n.t(CampaignText::ErrDate), &[("value", v)]),
                        Problem::EndBeforeStart => i18n.t(CampaignText::ErrEnd).to_string(),
                        Problem::Amount(v) => fill(i18n.t(CampaignText::ErrCost), &[("value", v)]),
                        Problem::Target => i18n.t(CampaignText::ErrTarget).to_string(),
                        _ => String::new(),
                    })
            })
        }
    };
    let input = move |label: CampaignText,
                      kind: &'static str,
                      testid: &'static str,
                      get: fn(&CampaignForm) -> String,
                      set: fn(&mut CampaignForm, String),
                      field: &'static str| {
        let e = err(field);
        view! {
            <label class="field" class:field--invalid=move || e().is_some()>
                <span class="field__label">{move || i18n.t(label)}</span>
                <input type=kind data-testid=testid prop:value=move || form.with(get) on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
                {move || e().map(|m| view! { <span class="field__error" role="alert">{m}</span> })}
            </label>
        }
    };
    let target_values = move || {
        let by = form.with(|f| f.target_by.clone());
        let options: Vec<(String, String)> = match by.as_str() {
            "tier" => Tier::ALL
                .iter()
                .map(|t| (t.as_str().to_string(), i18n.t(labels::tier(*t)).to_string()))
                .collect(),
            "segment" => {
                let mut v: Vec<(String, String)> =
                    segments.with_value(|s| s.iter().map(|s| (s.clone(), s.clone())).collect());
                v.extend(crate::domain::RfmSegment::ALL.iter().map(|r| {
                    (
                        r.as_str().to_string(),
                        format!("RFM: {}", i18n.t(labels::rfm_segment(*r))),
                    )
                }));
                v
            }
            "current_quadrant" => CurrentQuadrant::ALL
                .iter()
                .map(|q| {
                    (
                        q.as_str().to_string(),
                        i18n.t(labels::current_quadrant(*q)).to_string(),
                    )
                })
                .collect(),
            "future_quadrant" => FutureQuadrant::ALL
                .iter()
                .map(|q| {
                    (
                        q.as_str().to_string(),
                        i18n.t(labels::future_quadrant(*q)).to_string(),
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        (!options.is_empty()).then(|| view! {
            <select data-testid="campaign-target-value" prop:value=move || form.with(|f| f.target_value.clone()) on:change=move |ev| form.update(|f| f.target_value = event_target_value(&ev))>
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        })
    };
    view! {
        <form class="card form" on:submit=submit data-testid="campaign-form" novalidate>
            <h2>{move || i18n.t(CampaignText::NewCampaign)}</h2>
            {input(CampaignText::Name, "text", "campaign-name", |f| f.name.clone(), |f, v| f.name = v, "name")}
            <label class="field">
                <span class="field__label">{move || i18n.t(CampaignText::Kind)}</span>
                <select data-testid="campaign-kind" prop:value=move || form.with(|f| f.kind.clone()) on:change=move |ev| form.update(|f| f.kind = event_target_value(&ev))>
                    {CampaignKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{move || i18n.t(labels::campaign_kind(*k))}</option> }).collect_view()}
                </select>
            </label>
            <div class="field-row">
                {input(CampaignText::Start, "date", "campaign-start", |f| f.start.clone(), |f, v| f.start = v, "start")}
                {input(CampaignText::End, "date", "campaign-end", |f| f.end.clone(), |f, v| f.end = v, "end")}
            </div>
            {input(CampaignText::Cost, "text", "campaign-cost", |f| f.cost.clone(), |f, v| f.cost = v, "cost")}
            <fieldset class="field">
                <legend class="field__label">{move || i18n.t(CampaignText::Target)}</legend>
                <select data-testid="campaign-target-by" prop:value=move || form.with(|f| f.target_by.clone()) on:change=move |ev| {
                    let by = event_target_value(&ev);
                    let first = match by.as_str() {
                        "tier" => Tier::Gold.as_str().to_string(),
                        "current_quadrant" => CurrentQuadrant::MostProfitable.as_str().to_string(),
                        "future_quadrant" => FutureQuadrant::Invest.as_str().to_string(),
                        "segment" => segments.with_value(|s| s.first().cloned()).unwrap_or_default(),
                        _ => String::new(),
                    };
                    form.update(|f| { f.target_by = by; f.target_value = first; });
                }>
                    <option value="all">{move || i18n.t(CampaignText::TargetAll)}</option>
                    <option value="tier">{move || i18n.t(CampaignText::TargetTier)}</option>
                    <option value="segment">{move || i18n.t(CampaignText::TargetSegment)}</option>
                    <option value="current_quadrant">{move || i18n.t(CampaignText::TargetCurrent)}</option>
                    <option value="future_quadrant">{move || i18n.t(CampaignText::TargetFuture)}</option>
                </select>
                {target_values}
                {move || err("target")().map(|m| view! { <span class="field__error" role="alert">{m}</span> })}
                {move || target_size().map(|(n, qs)| view! {
                    <span class="muted small" data-testid="campaign-target-size">
                        {fill(i18n.t(CampaignText::TargetSize), &[("count", &format::count(n as u64, i18n.locale()))])}
                        " · " <a href=format!("/customers{qs}")>{i18n.t(CampaignText::SeeTarget)}</a>
                    </span>
                })}
            </fieldset>
            <label class="field">
                <span class="field__label">{move || i18n.t(CampaignText::Description)}</span>
                <textarea rows="2" data-testid="campaign-description" prop:value=move || form.with(|f| f.description.clone()) on:input=move |ev| form.update(|f| f.description = event_target_value(&ev))></textarea>
            </label>
            <div class="form__actions">
                <button type="submit" class="button button--primary" data-testid="create-campaign">{move || i18n.t(CampaignText::Create)}</button>
                {move || status.get().map(|s| match s {
                    Ok(t) => view! { <span class="status status--ok" role="status">{t}</span> }.into_any(),
                    Err(t) => view! { <span class="field__error" role="alert">{t}</span> }.into_any(),
                })}
            </div>
        </form>
    }
}

#[component]
fn CampaignDetail(
    workspace: WorkspaceState,
    result: CampaignResult,
    analysis: Arc<WorkspaceAnalysis>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let campaign_id = StoredValue::new(result.id.clone());
    let responses = LocalResource::new(move || {
        workspace.revision();
        let id = campaign_id.get_value();
        async move { actions::responses_to(workspace, id).await }
    });
    let currency = analysis.currency.clone();
    let data = StoredValue::new(analysis);
    let name_of = move |id: &str| {
        data.with_value(|a| {
            a.customers
                .iter()
                .find(|c| c.id == id)
                .map_or(id.to_string(), |c| c.name.clone())
        })
    };
    let form = RwSignal::new(ResponseForm {
        date: actions::today().to_string(),
        responded: true,
        ..Default::default()
    });
    let search = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    let matches = move || {
        let text = search.get();
        if text.trim().len() < 2 {
            return Vec::new();
        }
        let q = CustomerQuery {
            search: text,
            ..CustomerQuery::from_pairs([("sort", "name")])
        };
        data.with_value(|a| {
            query::select(&a.customers, &q)
                .into_iter()
                .take(8)
                .map(|i| {
                    let c = &a.customers[i as usize];
                    (
                        c.id.clone(),
                        format!(
                            "{} ({})",
                            c.name,
                            c.company.clone().unwrap_or_else(|| c.id.clone())
                        ),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form
            .get_untracked()
            .validate(&campaign_id.get_value(), actions::today())
        {
            Err(e) => errors.set(e),
            Ok(response) => {
                errors.set(Vec::new());
                spawn_local(async move {
                    let result = actions::record_response(workspace, response).await;
                    if result.is_ok() {
                        form.update(|f| f.customer_id.clear());
                        search.set(String::new());
                    }
                    status.set(Some(
                        result
                            .map(|_| i18n.t(CampaignText::Recorded).to_string())
                            .map_err(|e| e.message),
                    ));
                });
            }
        }
    };
    let err = move |field: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|x| x.field == field)
                    .map(|x| match &x.problem {
                        Problem::Required if field == "customer" => {
                            i18n.t(CampaignText::ErrCustomer).to_string()
                        }
                        Problem::Date(v) => fill(i18n.t(CampaignText::ErrDate), &[("value", v)]),
                        Problem::FutureDate(v) => {
                            fill(i18n.t(CampaignText::ErrFuture), &[("value", v)])
                        }
                        _ => i18n.t(CampaignText::ErrRequiredDate).to_string(),
                    })
            })
        }
    };
    let q = CustomerQuery::for_target(&CampaignTarget::from(&result.target));
    view! {
        <section class="card" data-testid="campaign-detail">
            <div class="card__head">
                <h2>{result.name.clone()}</h2>
                <a class="button button--quiet" href=format!("/customers{}", q.to_query_string())>{i18n.t(CampaignText::SeeTarget)}</a>
            </div>
            {(!result.description.is_empty()).then(|| view! { <p class="muted">{result.description.clone()}</p> })}
            <dl class="fact-grid">
                <div class="fact"><dt>{i18n.t(CampaignText::Responses)}</dt><dd>{format::count(result.responses as u64, locale)}</dd></div>
                <div class="fact"><dt>{i18n.t(CampaignText::ResponseRate)}</dt><dd>{format::percent(result.response_rate, 1, locale)}</dd></div>
                <div class="fact"><dt>{i18n.t(CampaignText::Revenue)}</dt><dd>{format::money_minor(result.revenue, &currency, locale)}</dd></div>
                <div class="fact"><dt>{i18n.t(CampaignText::Margin)}</dt><dd>{format::money_minor(result.gross_margin, &currency, locale)}</dd></div>
                <div class="fact"><dt>{i18n.t(CampaignText::Cost)}</dt><dd>{format::money_minor(result.cost, &currency, locale)}</dd></div>
                <div class="fact" title=i18n.t(CampaignText::RoiHelp)><dt>{i18n.t(CampaignText::Roi)}</dt><dd>{result.roi.map_or_else(|| i18n.t(CampaignText::NoCost).to_string(), |r| format::percent(r, 0, locale))}</dd></div>
            </dl>
            <div class="two-columns two-columns--inner">
                <div>
                    <h3>{i18n.t(CampaignText::Responses)}</h3>
                    <Transition fallback=move || view! { <p class="loading">{move || i18n.t(Msg::Loading)}</p> }>
                        {move || responses.get().map(|r| match r {
                            Err(e) => view! { <p class="inline-error" role="alert">{e.message}</p> }.into_any(),
                            Ok(list) if list.is_empty() => view! { <p class="muted">{i18n.t(CampaignText::NoResponses)}</p> }.into_any(),
                            Ok(list) => view! {
                                <div class="table-scroll scroll-box">
                                    <table class="data-table" data-testid="response-table">
                                        <thead><tr>
                                            <th scope="col">{i18n.t(CampaignText::Customer)}</th>
                                            <th scope="col">{i18n.t(CampaignText::Date)}</th>
                                            <th scope="col">{i18n.t(CampaignText::Responded)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {list.into_iter().take(500).map(|r| view! {
                                                <tr data-testid="response-row">
                                                    <th scope="row"><a href=format!("/customers/{}", encode(&r.customer_id))>{name_of(&r.customer_id)}</a></th>
                                                    <td>{format::date(r.date, i18n.locale())}</td>
                                                    <td>{if r.responded { i18n.t(CampaignText::Yes) } else { i18n.t(CampaignText::No) }}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any(),
                        })}
                    </Transition>
                </div>
                <form class="form" on:submit=submit data-testid="response-form" novalidate>
                    <h3>{i18n.t(CampaignText::RecordResponse)}</h3>
                    <label class="field" class:field--invalid=move || err("customer")().is_some()>
                        <span class="field__label">{move || i18n.t(CampaignText::Customer)}</span>
                        <input type="search" data-testid="response-customer" placeholder=move || i18n.t(CampaignText::FindCustomer)
                            prop:value=move || search.get() on:input=move |ev| { search.set(event_target_value(&ev)); form.update(|f| f.customer_id.clear()); }/>
                        {move || err("customer")().map(|m| view! { <span class="field__error" role="alert">{m}</span> })}
                    </label>
                    <ul class="picker" role="listbox">
                        {move || (form.with(|f| f.customer_id.is_empty())).then(|| matches().into_iter().map(|(id, label)| {
                            let label2 = label.clone();
                            view! {
                                <li><button type="button" class="picker__option" data-testid="response-pick" on:click=move |_| {
                                    form.update(|f| f.customer_id = id.clone());
                                    search.set(label2.clone());
                                }>{label}</button></li>
                            }
                        }).collect_view())}
                    </ul>
                    <label class="field">
                        <span class="field__label">{move || i18n.t(CampaignText::Date)}</span>
                        <input type="date" data-testid="response-date" prop:value=move || form.with(|f| f.date.clone()) on:input=move |ev| form.update(|f| f.date = event_target_value(&ev))/>
                        {move || err("date")().map(|m| view! { <span class="field__error" role="alert">{m}</span> })}
                    </label>
                    <label class="checkbox">
                        <input type="checkbox" data-testid="response-responded" prop:checked=move || form.with(|f| f.responded) on:change=move |ev| form.update(|f| f.responded = event_target_checked(&ev))/>
                        {move || i18n.t(CampaignText::Responded)}
                    </label>
                    <label class="field">
                        <span class="field__label">{move || i18n.t(CampaignText::Note)}</span>
                        <input type="text" prop:value=move || form.with(|f| f.note.clone()) on:input=move |ev| form.update(|f| f.note = event_target_value(&ev))/>
                    </label>
                    <div class="form__actions">
                        <button type="submit" class="button button--primary" data-testid="record-response">{move || i18n.t(CampaignText::Record)}</button>
                        {move || status.get().map(|s| match s {
                            Ok(t) => view! { <span class="status status--ok" role="status">{t}</span> }.into_any(),
                            Err(t) => view! { <span class="field__error" role="alert">{t}</span> }.into_any(),
                        })}
                    </div>
                </form>
            </div>
        </section>
    }
}
