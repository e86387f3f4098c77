//! The import wizard: pick or drop a CSV file, check how it is written and which column holds
//! which field, preview the first rows as they will be stored, then let the worker validate
//! every row and store the good ones all at once — or list the problems and store nothing.

use crate::components::{ProgressBar, RoomWarning};
use crate::i18n::import_problems::{
    date_order_label, decimal_label, delimiter_label, field_label, record_kind_label,
};
use crate::i18n::{fill, format, labels, ImportText, Locale, Text};
use crate::import::sniff::{date_field, date_guess_for};
use crate::import::{
    column_names, guess_kind, guess_mapping, preview, CustomerKey, DateOrder, DecimalSeparator,
    Delimiter, Field, ImportPlan, Mapping, PreviewRow, RecordKind, Sniffed, TextEncoding, Value,
};
use crate::state::actions::today;
use crate::state::{actions, transfer, use_analysis, use_i18n, use_workspace};
use crate::worker::protocol::ImportReport;
use crate::i18n::Sentence;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Rows the preview shows.
const PREVIEW_ROWS: usize = 8;
/// Problems listed (all are counted).
const LISTED_PROBLEMS: usize = 50;

/// How far a running import is.
#[derive(Clone, Debug, PartialEq)]
struct Running {
    fraction: f32,
    stage: String,
    rows: u64,
    rate: f64,
}

/// The wizard's state, kept above everything it re-renders.
#[derive(Clone, Copy)]
struct Wizard {
    file: StoredValue<Option<web_sys::File>, LocalStorage>,
    /// The file's name and size in bytes.
    picked: RwSignal<Option<(String, f64)>>,
    /// The first 64 KB, for the preview.
    head: StoredValue<Vec<u8>>,
    sniffed: RwSignal<Option<Sniffed>>,
    plan: RwSignal<Option<ImportPlan>>,
    columns: RwSignal<Vec<String>>,
    running: RwSignal<Option<Running>>,
    /// The last report, the file it was for, and the seconds it took.
    report: RwSignal<Option<(ImportReport, String, f64)>>,
    cancelled: RwSignal<bool>,
    error: RwSignal<Option<String>>,
}

impl Wizard {
    fn new() -> Wizard {
        Wizard {
            file: StoredValue::new_local(None),
            picked: RwSignal::new(None),
            head: StoredValue::new(Vec::new()),
            sniffed: RwSignal::new(None),
            plan: RwSignal::new(None),
            columns: RwSignal::new(Vec::new()),
            running: RwSignal::new(None),
            report: RwSignal::new(None),
            cancelled: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Takes a picked or dropped file: reads its start and proposes a plan.
    fn pick(self, file: web_sys::File) {
        self.report.set(None);
        self.error.set(None);
        self.cancelled.set(false);
        self.picked.set(Some((file.name(), file.size())));
        self.file.set_value(Some(file.clone()));
        spawn_local(async move {
            match transfer::read_head(&file).await {
                Ok((head, sniffed)) => {
                    let kind = guess_kind(&sniffed.header()).unwrap_or_default();
                    let plan = ImportPlan::from_sniff(kind, &sniffed);
                    let columns = column_names(&plan, &head).unwrap_or_else(|_| sniffed.header());
                    self.head.set_value(head);
                    self.columns.set(columns);
                    self.sniffed.set(Some(sniffed));
                    self.plan.set(Some(plan));
                }
                Err(e) => self.error.set(Some(e.message)),
            }
        });
    }

    /// Changes the plan; `reread` when the change moves the columns (encoding, separator,
    /// header), which re-guesses the mapping; `remap` when the kind changes.
    fn change(self, reread: bool, edit: impl FnOnce(&mut ImportPlan)) {
        let Some(mut plan) = self.plan.get_untracked() else {
            return;
        };
        let kind = plan.kind;
        edit(&mut plan);
        if reread {
            let columns = self
                .head
                .with_value(|head| column_names(&plan, head))
                .unwrap_or_default();
            self.columns.set(columns);
        }
        if reread || plan.kind != kind {
            let columns = self.columns.get_untracked();
            let guess = if plan.has_header {
                guess_mapping(plan.kind, &columns).mapping()
            } else {
                Mapping::default()
            };
            plan.mapping = if guess.fields.is_empty() {
                Mapping::empty(plan.kind)
            } else {
                guess
            };
            if plan.kind == RecordKind::Customers
                && plan.mapping.column(Field::CustomerId).is_none()
                && plan.mapping.column(Field::Email).is_some()
            {
                plan.customer_key = CustomerKey::Email;
            }
        }
        self.report.set(None);
        self.cancelled.set(false);
        self.plan.set(Some(plan));
    }

    fn reset(self) {
        self.file.set_value(None);
        self.picked.set(None);
        self.sniffed.set(None);
        self.plan.set(None);
        self.report.set(None);
        self.error.set(None);
        self.cancelled.set(false);
    }
}

/// The import wizard card.
#[component]
pub fn ImportWizard() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let analysis = use_analysis();
    let w = Wizard::new();
    let dragging = RwSignal::new(false);

    let on_input = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> =
            ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                w.pick(file);
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            w.pick(file);
        }
    };

    let room = RwSignal::new(None::<String>);
    let room_skip = StoredValue::new(false);
    let run = move |skip_invalid: bool, checked: bool| {
        let (Some(file), Some(plan)) = (w.file.get_value(), w.plan.get_untracked()) else {
            return;
        };
        if w.running.get_untracked().is_some() {
            return;
        }
        w.error.set(None);
        w.report.set(None);
        w.cancelled.set(false);
        let file_name = file.name();
        let start = js_sys::Date::now();
        w.running.set(Some(Running {
            fraction: 0.0,
            stage: "reading".into(),
            rows: 0,
            rate: 0.0,
        }));
        spawn_local(async move {
            // Warn first when the browser may not have room for it (nothing is written then):
            // stored as blocks, a file takes at most about its own size.
            if !checked {
                if let Some(warning) = actions::room_warning(file.size() as u64).await {
                    w.running.set(None);
                    room_skip.set_value(skip_invalid);
                    room.set(Some(warning));
                    return;
                }
            }
            let on_progress = move |fraction: f32, stage: &str| {
                let previous = w.running.get_untracked().map_or(0, |r| r.rows);
                let (stage, rows) = match stage.split_once(':') {
                    Some((s, n)) => (s, n.parse().unwrap_or(previous)),
                    None => (stage, previous),
                };
                let seconds = ((js_sys::Date::now() - start) / 1000.0).max(0.001);
                w.running.set(Some(Running {
                    fraction,
                    stage: stage.to_string(),
                    rows,
                    rate: rows as f64 / seconds,
                }));
            };
            let result =
                transfer::import_file(workspace, analysis, file, plan, skip_invalid, on_progress)
                    .await;
            let seconds = (js_sys::Date::now() - start) / 1000.0;
            w.running.set(None);
            match result {
                Ok(report) => {
                    web_sys::console::debug_1(
                        &format!("import timings (ms): {:?}", report.timings).into(),
                    );
                    w.report.set(Some((report, file_name, seconds)));
                }
                Err(e) if !w.cancelled.get_untracked() => w.error.set(Some(e.message)),
                Err(_) => {}
            }
        });
    };
    let cancel = move |_| {
        w.cancelled.set(true);
        analysis.client().cancel_all();
    };

    view! {
        <section class="card import-wizard" data-testid="import-wizard">
            <h2>{move || i18n.t(ImportText::WizardTitle)}</h2>
            <p class="muted">{move || i18n.t(ImportText::WizardBody)}</p>
            <div
                class="dropzone"
                class:dropzone--over=move || dragging.get()
                data-testid="dropzone"
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <span>{move || i18n.t(ImportText::DropHere)}</span>" "
                <label class="button">
                    {move || i18n.t(ImportText::ChooseFile)}
                    <input type="file" class="visually-hidden" accept=".csv,.tsv,.txt,text/csv,text/plain" data-testid="import-file" on:change=on_input/>
                </label>
            </div>
            {move || w.picked.get().map(|(name, size)| view! {
                <p class="import-file" data-testid="picked-file">
                    {fill(i18n.t(ImportText::FileSize), &[("name", &name), ("size", &format::bytes(size, i18n.locale()))])}
                </p>
            })}
            {move || w.plan.get().is_some().then(|| view! { <PlanForm w=w/> <PreviewTable w=w/> })}
            {move || match w.running.get() {
                Some(r) => {
                    let label = if r.stage == "reading" {
                        i18n.t(ImportText::ReadingFile).to_string()
                    } else if r.stage == "writing" {
                        i18n.t(ImportText::Writing).to_string()
                    } else {
                        let locale = i18n.locale();
                        fill(i18n.t(ImportText::CheckingRows), &[("rows", &format::count(r.rows, locale)), ("rate", &format::count(r.rate.round() as u64, locale))])
                    };
                    view! {
                        <div class="import-progress" data-testid="import-progress">
                            <ProgressBar fraction=Signal::derive(move || r.fraction) label=Signal::derive(move || label.clone())/>
                            <button class="button" data-testid="cancel-import" on:click=cancel>{move || i18n.t(ImportText::Cancel)}</button>
                        </div>
                    }.into_any()
                }
                None => {
                    let ready = w.plan.with(|p| p.as_ref().is_some_and(|p| p.check(w.columns.with(Vec::len)).is_ok()));
                    let show = w.plan.with(Option::is_some) && w.report.with(Option::is_none);
                    show.then(|| view! {
                        <div class="form__actions">
                            <button class="button button--primary" data-testid="start-import" disabled=!ready on:click=move |_| run(false, false)>{move || i18n.t(ImportText::StartImport)}</button>
                        </div>
                    }).into_any()
                }
            }}
            <RoomWarning warning=room on_proceed=Callback::new(move |_| run(room_skip.get_value(), true))/>
            {move || w.cancelled.get().then(|| view! { <p class="status" role="status" data-testid="import-cancelled">{move || i18n.t(ImportText::ImportCancelled)}</p> })}
            {move || w.error.get().map(|e| view! { <p class="inline-error" role="alert" data-testid="import-error">{e}</p> })}
            {move || w.report.get().map(|(report, file, seconds)| view! { <ReportView report=report file=file seconds=seconds on_skip=Callback::new(move |_| run(true, false)) on_another=Callback::new(move |_| w.reset())/> })}
        </section>
    }
}

/// How the file is written, what it holds, and which column holds which field.
#[component]
fn PlanForm(w: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let plan = move || w.plan.get().unwrap_or_default();
    let disabled = move || w.running.get().is_some();
    let ambiguous = move || {
        let p = plan();
        w.sniffed.with(|s| {
            s.as_ref().is_some_and(|s| {
                s.delimiter == p.delimiter
                    && date_guess_for(s, p.mapping.column(date_field(p.kind))).ambiguous
            })
        })
    };
    view! {
        <div class="import-plan" data-testid="import-plan">
            <div class="field-grid">
                <label class="field">
                    <span class="field__label">{move || i18n.t(ImportText::FileHolds)}</span>
                    <select data-testid="plan-kind" disabled=disabled on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        w.change(false, |p| p.kind = RecordKind::ALL[i.min(3)]);
                    }>
                        {move || { let current = plan().kind; let locale = i18n.locale(); RecordKind::ALL.iter().enumerate().map(|(i, k)| view! {
                            <option value=i.to_string() selected=*k == current>{record_kind_label(*k, locale)}</option>
                        }).collect_view() }}
                    </select>
                </label>
                <label class="field">
                    <span class="field__label">{move || i18n.t(ImportText::Encoding)}</span>
                    <select data-testid="plan-encoding" disabled=disabled on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        w.change(true, |p| p.encoding = TextEncoding::ALL[i.min(TextEncoding::ALL.len() - 1)]);
                    }>
                        {move || { let current = plan().encoding; TextEncoding::ALL.iter().enumerate().map(|(i, e)| view! {
                            <option value=i.to_string() selected=*e == current>{e.label()}</option>
                        }).collect_view() }}
                    </select>
                </label>
                <label class="field">
                    <span class="field__label">{move || i18n.t(ImportText::Delimiter)}</span>
                    <select data-testid="plan-delimiter" disabled=disabled on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        w.change(true, |p| p.delimiter = Delimiter::ALL[i.min(Delimiter::ALL.len() - 1)]);
                    }>
                        {move || { let current = plan().delimiter; let locale = i18n.locale(); Delimiter::ALL.iter().enumerate().map(|(i, d)| view! {
                            <option value=i.to_string() selected=*d == current>{delimiter_label(*d, locale)}</option>
                        }).collect_view() }}
                    </select>
                </label>
                <label class="field">
                    <span class="field__label">{move || i18n.t(ImportText::Decimal)}</span>
                    <select data-testid="plan-decimal" disabled=disabled on:change=move |ev| {
                        let comma = event_target_value(&ev) == "comma";
                        w.change(false, |p| p.decimal_separator = if comma { DecimalSeparator::Comma } else { DecimalSeparator::Dot });
                    }>
                        {move || { let current = plan().decimal_separator; let locale = i18n.locale(); view! {
                            <option value="dot" selected=current == DecimalSeparator::Dot>{decimal_label(DecimalSeparator::Dot, locale)}</option>
                            <option value="comma" selected=current == DecimalSeparator::Comma>{decimal_label(DecimalSeparator::Comma, locale)}</option>
                        } }}
                    </select>
                </label>
                <label class="field" class:field--invalid=ambiguous>
                    <span class="field__label">{move || i18n.t(ImportText::DateOrder)}</span>
                    <select data-testid="plan-date" disabled=disabled on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        w.change(false, |p| p.date_format = DateOrder::ALL[i.min(2)]);
                    }>
                        {move || { let current = plan().date_format; let locale = i18n.locale(); DateOrder::ALL.iter().enumerate().map(|(i, d)| view! {
                            <option value=i.to_string() selected=*d == current>{date_order_label(*d, locale)}</option>
                        }).collect_view() }}
                    </select>
                    {move || ambiguous().then(|| view! { <span class="field__error" data-testid="date-ambiguous">{move || i18n.t(ImportText::DateAmbiguous)}</span> })}
                </label>
                {move || (plan().kind == RecordKind::Customers).then(|| view! {
                    <label class="field">
                        <span class="field__label">{move || i18n.t(ImportText::CustomerKey)}</span>
                        <select data-testid="plan-key" disabled=disabled on:change=move |ev| {
                            let email = event_target_value(&ev) == "email";
                            w.change(false, |p| p.customer_key = if email { CustomerKey::Email } else { CustomerKey::Id });
                        }>
                            <option value="id" selected=move || plan().customer_key == CustomerKey::Id>{move || i18n.t(ImportText::KeyId)}</option>
                            <option value="email" selected=move || plan().customer_key == CustomerKey::Email>{move || i18n.t(ImportText::KeyEmail)}</option>
                        </select>
                    </label>
                })}
            </div>
            <label class="checkbox">
                <input type="checkbox" data-testid="plan-header" disabled=disabled prop:checked=move || plan().has_header on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    w.change(true, |p| p.has_header = checked);
                }/>
                " " {move || i18n.t(ImportText::HasHeader)}
            </label>
            <h3>{move || i18n.t(ImportText::Columns)}</h3>
            <p class="muted small">{move || i18n.t(ImportText::ColumnsHelp)}</p>
            <div class="field-grid" data-testid="import-mapping">
                {move || {
                    let p = plan();
                    let locale = i18n.locale();
                    let columns = w.columns.get();
                    p.kind.fields().iter().map(|&field| {
                        let required = p.is_required(field);
                        let current = p.mapping.column(field);
                        let name = format!("{}{}", field_label(field, locale), if required { " *" } else { "" });
                        let missing = required && current.is_none();
                        view! {
                            <label class="field" class:field--invalid=missing>
                                <span class="field__label">{name}</span>
                                <select data-testid=format!("map-{}", field.as_str()) disabled=disabled on:change=move |ev| {
                                    let column = event_target_value(&ev).parse::<usize>().ok();
                                    w.change(false, |p| p.mapping.set(field, column));
                                }>
                                    <option value="" selected=current.is_none()>{i18n.t(ImportText::NotInFile)}</option>
                                    {columns.iter().enumerate().map(|(i, c)| view! {
                                        <option value=i.to_string() selected=current == Some(i)>{c.clone()}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                        }
                    }).collect_view()
                }}
            </div>
        </div>
    }
}

/// A previewed value as a person reads it.
fn show_value(value: &Value, locale: Locale) -> String {
    match value {
        Value::Date(d) => format::date(*d, locale),
        Value::Money(m) => format::number(m.0 as f64 / 100.0, 2, locale),
        Value::Number(n) => format::number(*n, if n.fract() == 0.0 { 0 } else { 2 }, locale),
        Value::TransactionKind(k) => labels::transaction_kind(*k).text(locale).to_string(),
        Value::InteractionKind(k) => labels::interaction_kind(*k).text(locale).to_string(),
        Value::ExitReason(r) => labels::exit_reason(*r).text(locale).to_string(),
        Value::Level(l) => labels::relationship_level(*l).text(locale).to_string(),
        other => other.display(),
    }
}

/// The first rows as they will be stored, with problem cells marked.
#[component]
fn PreviewTable(w: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        let plan = w.plan.get()?;
        let today = today();
        Some(w.head.with_value(|head| preview(&plan, head, PREVIEW_ROWS, today)))
    });
    view! {
        {move || {
            let locale = i18n.locale();
            match rows.get() {
                None => ().into_any(),
                Some(Err(e)) => view! { <p class="inline-error" role="alert" data-testid="plan-error">{e.sentence(locale)}</p> }.into_any(),
                Some(Ok(list)) => {
                    let fields: Vec<Field> = list.first().map(|r: &PreviewRow| r.cells.iter().map(|c| c.field).collect()).unwrap_or_default();
                    view! {
                        <h3>{i18n.t(ImportText::Preview)}</h3>
                        <div class="table-scroll">
                            <table class="data-table import-preview" data-testid="preview-table">
                                <thead><tr>
                                    <th scope="col" class="num">{i18n.t(ImportText::RowHeader)}</th>
                                    {fields.iter().map(|f| view! { <th scope="col">{field_label(*f, locale)}</th> }).collect_view()}
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|row| {
                                        let sentences: Vec<String> = row.problems.iter().map(|p| p.sentence(locale)).collect();
                                        let invalid = !row.is_valid();
                                        view! {
                                            <tr data-testid="preview-row" class:row--invalid=invalid title=sentences.join("\n")>
                                                <td class="num">{row.row}</td>
                                                {row.cells.into_iter().map(|c| {
                                                    let bad = c.problem.is_some();
                                                    let text = if bad { c.raw.clone() } else { show_value(&c.value, locale) };
                                                    view! { <td class:cell--invalid=bad data-field=c.field.as_str()>{text}</td> }
                                                }).collect_view()}
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }
        }}
    }
}

/// What the worker found: the problems (nothing stored), or what was stored.
#[component]
fn ReportView(
    /// The worker's report.
    report: ImportReport,
    /// The file's name.
    file: String,
    /// How long it took.
    seconds: f64,
    /// Import the good rows, skipping the bad ones.
    on_skip: Callback<()>,
    /// Start again with another file.
    on_another: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let count = move |n: u64| format::count(n, locale);
    if report.written {
        let mut lines = vec![fill(
            i18n.t(ImportText::Imported),
            &[
                ("stored", &count(report.stored)),
                ("file", &file),
                ("seconds", &format::number(seconds, 1, locale)),
            ],
        )];
        if report.invalid > 0 {
            lines.push(fill(i18n.t(ImportText::SkippedRows), &[("count", &count(report.invalid))]));
        }
        if report.created + report.updated > 0 {
            lines.push(fill(
                i18n.t(ImportText::CustomersChanged),
                &[("created", &count(report.created)), ("updated", &count(report.updated))],
            ));
        }
        return view! {
            <div class="import-report" data-testid="import-done" data-ms=format!("{:.0}", seconds * 1000.0)>
                <p class="status status--ok" role="status">{lines.join(" ")}</p>
                <button class="button" data-testid="import-another" on:click=move |_| on_another.run(())>{i18n.t(ImportText::ChooseAnother)}</button>
            </div>
        }
        .into_any();
    }
    if report.valid == 0 && report.invalid == 0 {
        return view! { <p class="inline-error" role="alert" data-testid="import-empty">{i18n.t(ImportText::NothingToImport)}</p> }.into_any();
    }
    let listed: Vec<String> = report
        .problems
        .iter()
        .take(LISTED_PROBLEMS)
        .map(|p| p.sentence(locale))
        .collect();
    let more = report.problem_count.saturating_sub(listed.len() as u64);
    view! {
        <div class="import-report" data-testid="import-problems">
            <p class="inline-error" role="alert" data-testid="problems-summary">
                {fill(i18n.t(ImportText::ProblemsFound), &[("bad", &count(report.invalid)), ("rows", &count(report.rows))])}
            </p>
            <ol class="problem-list">
                {listed.into_iter().map(|s| view! { <li data-testid="problem">{s}</li> }).collect_view()}
            </ol>
            {(more > 0).then(|| view! { <p class="muted small">{fill(i18n.t(ImportText::MoreProblems), &[("count", &count(more))])}</p> })}
            {(report.valid > 0).then(|| view! {
                <div class="form__actions">
                    <button class="button button--primary" data-testid="import-skip-bad" on:click=move |_| on_skip.run(())>
                        {fill(i18n.t(ImportText::SkipBad), &[("good", &count(report.valid)), ("bad", &count(report.invalid))])}
                    </button>
                </div>
            })}
        </div>
    }
    .into_any()
}
