//! What a person does to the data: each action is one storage transaction, and its
//! outcome (the new revision) refreshes every view.

use crate::error::AppError;
use crate::state::WorkspaceState;

/// Sets (or clears, with `None`) the manager of the given customers.
pub async fn assign_manager(
    workspace: WorkspaceState,
    customer_ids: Vec<String>,
    manager_id: Option<String>,
) -> Result<usize, AppError> {
    let db = workspace.db_untracked()?;
    let revision = db
        .assign_manager(&customer_ids, manager_id.as_deref())
        .await?;
    workspace.note_revision(revision);
    Ok(customer_ids.len())
}

use crate::domain::bundle::{ImportBatch, WorkspaceSettings};
use crate::domain::{
    Campaign, CampaignResponse, ContactPlan, Customer, Exit, Interaction, InteractionKind, Manager,
    Transaction,
};
use crate::storage::{Changes, Subject};
use chrono::NaiveDate;

/// Today's date in this browser's time zone (pure code takes it as a parameter).
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Everything the profile shows about one customer.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerDetail {
    /// The record; `None` for a customer known only from transactions.
    pub customer: Option<Customer>,
    pub transactions: Vec<Transaction>,
    pub interactions: Vec<Interaction>,
    pub exits: Vec<Exit>,
    pub responses: Vec<CampaignResponse>,
    pub campaigns: Vec<Campaign>,
    pub managers: Vec<Manager>,
    pub plan: Option<ContactPlan>,
}

impl CustomerDetail {
    /// Whether the workspace knows this customer at all.
    pub fn exists(&self) -> bool {
        self.customer.is_some() || !self.transactions.is_empty()
    }
}

/// Loads a customer's profile.
pub async fn customer_detail(
    workspace: WorkspaceState,
    id: String,
) -> Result<CustomerDetail, AppError> {
    let db = workspace.db_untracked()?;
    Ok(CustomerDetail {
        customer: db.customer(&id).await?,
        transactions: db.transactions_of(&id).await?,
        interactions: db.interactions_of(&id).await?,
        exits: db.exits_of(&id).await?,
        responses: db.responses_of(&id).await?,
        campaigns: db.all::<Campaign>().await?,
        managers: db.all::<Manager>().await?,
        plan: db.contact_plan(&id).await?,
    })
}

/// Whether a customer record with this id exists.
pub async fn customer_exists(workspace: WorkspaceState, id: String) -> Result<bool, AppError> {
    Ok(workspace.db_untracked()?.customer(&id).await?.is_some())
}

/// Saves a customer's general information.
pub async fn save_customer(workspace: WorkspaceState, customer: Customer) -> Result<(), AppError> {
    let mut changes = Changes::new(Subject::Customer(customer.name.clone()));
    changes.customers(vec![customer]);
    workspace.apply(changes).await.map(|_| ())
}

/// Whether an interaction of this kind counts as a contact for the contact plan.
pub fn is_contact(kind: InteractionKind) -> bool {
    matches!(
        kind,
        InteractionKind::Call
            | InteractionKind::Visit
            | InteractionKind::Email
            | InteractionKind::Meeting
            | InteractionKind::Event
    )
}

/// Logs an interaction; a contact (call, visit, e-mail, meeting, event) also moves the
/// customer's contact plan on — in the same transaction.
pub async fn add_interaction(
    workspace: WorkspaceState,
    interaction: Interaction,
    plan: Option<ContactPlan>,
) -> Result<(), AppError> {
    let mut changes = Changes::new(Subject::Interaction);
    if let Some(mut plan) = plan.filter(|_| is_contact(interaction.kind)) {
        plan.log_contact(interaction.date);
        changes.plans(vec![plan]);
    }
    changes.interactions(vec![interaction]);
    workspace.apply(changes).await.map(|_| ())
}

/// Records that a customer left.
pub async fn record_exit(workspace: WorkspaceState, exit: Exit) -> Result<(), AppError> {
    let mut changes = Changes::new(Subject::Exit);
    changes.exits(vec![exit]);
    workspace.apply(changes).await.map(|_| ())
}

/// Brings an exited customer back: the exit is removed and the timeline keeps a note of it.
pub async fn reactivate(
    workspace: WorkspaceState,
    exit: Exit,
    note: String,
    today: NaiveDate,
) -> Result<(), AppError> {
    let mut changes = Changes::new(Subject::Reactivation);
    changes.interactions(vec![Interaction {
        customer_id: exit.customer_id.clone(),
        kind: InteractionKind::Other,
        date: today,
        cost: None,
        note,
        outcome: None,
    }]);
    changes.remove_exit(exit);
    workspace.apply(changes).await.map(|_| ())
}

/// Deletes a customer and every record of theirs.
pub async fn delete_customer(workspace: WorkspaceState, id: String) -> Result<(), AppError> {
    let db = workspace.db_untracked()?;
    let revision = db.delete_customer(&id).await?;
    workspace.note_revision(revision);
    Ok(())
}

/// Saves a contact plan.
pub async fn save_plan(workspace: WorkspaceState, plan: ContactPlan) -> Result<(), AppError> {
    let mut changes = Changes::new(Subject::ContactPlan);
    changes.plans(vec![plan]);
    workspace.apply(changes).await.map(|_| ())
}

/// Every relationship manager, by name.
pub async fn managers(workspace: WorkspaceState) -> Result<Vec<Manager>, AppError> {
    let db = workspace.db_untracked()?;
    let mut list = db.all::<Manager>().await?;
    list.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
    Ok(list)
}

/// Adds or edits a manager.
pub async fn save_manager(workspace: WorkspaceState, manager: Manager) -> Result<(), AppError> {
    let mut changes = Changes::new(Subject::Manager(manager.name.clone()));
    changes.put(&manager)?;
    workspace.apply(changes).await.map(|_| ())
}

/// A fresh id for a new record entered by hand.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}-{}", crate::storage::new_id())
}

/// Logs a contact with a customer today, moving their plan on (creating the plan with
/// `default_cadence` if they had none).
pub async fn log_contact(
    workspace: WorkspaceState,
    customer_id: String,
    default_cadence: crate::domain::Cadence,
) -> Result<(), AppError> {
    let db = workspace.db_untracked()?;
    let today = today();
    let mut plan = db
        .contact_plan(&customer_id)
        .await?
        .unwrap_or_else(|| ContactPlan::starting(&customer_id, default_cadence, today));
    plan.log_contact(today);
    save_plan(workspace, plan).await
}

/// Creates contact plans (cadence by tier, first contact due one cadence from today)
/// for customers that have none, in one transaction.
pub async fn create_plans(
    workspace: WorkspaceState,
    customers: Vec<(String, crate::domain::Tier)>,
) -> Result<usize, AppError> {
    let today = today();
    let plans: Vec<ContactPlan> = customers
        .into_iter()
        .map(|(id, tier)| (id, crate::domain::Cadence::for_tier(tier)))
        .filter(|(_, cadence)| *cadence != crate::domain::Cadence::NoPlan)
        .map(|(id, cadence)| ContactPlan::starting(&id, cadence, today))
        .collect();
    let count = plans.len();
    if count > 0 {
        let mut changes = Changes::new(Subject::ContactPlan);
        changes.plans(plans);
        workspace.apply(changes).await?;
    }
    Ok(count)
}

/// Creates or edits a campaign.
pub async fn save_campaign(workspace: WorkspaceState, campaign: Campaign) -> Result<(), AppError> {
    let mut changes = Changes::new(Subject::Campaign(campaign.name.clone()));
    changes.put(&campaign)?;
    workspace.apply(changes).await.map(|_| ())
}

/// A campaign's recorded responses, newest first.
pub async fn responses_to(
    workspace: WorkspaceState,
    campaign_id: String,
) -> Result<Vec<CampaignResponse>, AppError> {
    let db = workspace.db_untracked()?;
    let mut list = db.responses_to(&campaign_id).await?;
    list.sort_by(|a, b| b.date.cmp(&a.date));
    Ok(list)
}

/// Records (or replaces) a customer's response to a campaign: one response per customer
/// and campaign.
pub async fn record_response(
    workspace: WorkspaceState,
    response: CampaignResponse,
) -> Result<(), AppError> {
    let mut changes = Changes::new(Subject::Response);
    changes.responses(vec![response]);
    workspace.apply(changes).await.map(|_| ())
}

use crate::storage::workspaces::{self, WorkspaceInfo};

/// Every workspace of this browser.
pub async fn list_workspaces() -> Result<Vec<WorkspaceInfo>, AppError> {
    Ok(workspaces::list().await?)
}

/// Creates a workspace and switches to it.
pub async fn create_workspace(name: String) -> Result<(), AppError> {
    let info = workspaces::create(&name).await?;
    switch_workspace(&info.id);
    Ok(())
}

/// Renames a workspace.
pub async fn rename_workspace(mut info: WorkspaceInfo, name: String) -> Result<(), AppError> {
    info.name = name.trim().to_string();
    workspaces::save(&info).await?;
    Ok(())
}

/// Opens another workspace: remembered, then the page reloads onto it (a clean start
/// with its own database, analysis and caches).
pub fn switch_workspace(id: &str) {
    workspaces::remember_current(id);
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Deletes a workspace with everything in it. The current one is deleted after the page
/// has moved to another (its open connection must close first).
pub async fn delete_workspace(
    id: String,
    current: Option<String>,
    fallback_name: String,
) -> Result<(), AppError> {
    if current.as_deref() != Some(id.as_str()) {
        workspaces::delete(&id).await?;
        return Ok(());
    }
    let others: Vec<WorkspaceInfo> = workspaces::list()
        .await?
        .into_iter()
        .filter(|w| w.id != id)
        .collect();
    let next = match others.first() {
        Some(w) => w.clone(),
        None => workspaces::create(&fallback_name).await?,
    };
    workspaces::delete_on_next_start(&id);
    switch_workspace(&next.id);
    Ok(())
}

/// Saves the workspace's settings; the analysis recomputes with them.
pub async fn save_settings(
    workspace: WorkspaceState,
    settings: crate::domain::Settings,
    currency: String,
) -> Result<(), AppError> {
    let mut changes = Changes::new(Subject::Settings);
    changes.put(&crate::storage::records::SettingsRecord::new(WorkspaceSettings {
        settings,
        currency,
    }))?;
    workspace.apply(changes).await.map(|_| ())
}

/// The workspace's settings.
pub async fn load_settings(
    workspace: WorkspaceState,
) -> Result<WorkspaceSettings, AppError> {
    Ok(workspace.db_untracked()?.settings().await?)
}

/// Loads the demo company into the workspace in the background (all or nothing);
/// `on_progress` hears (fraction, stage).
pub async fn load_demo(
    workspace: WorkspaceState,
    analysis: crate::state::AnalysisState,
    customers: u32,
    on_progress: impl Fn(f32, &str) + 'static,
) -> Result<(), AppError> {
    let client = analysis.client();
    let _changing = analysis.changing_data();
    let database = workspace.ready().await?.name().to_string();
    let name = database.clone();
    let imported_at: String = js_sys::Date::new_0().to_iso_string().into();
    let batch_id = new_id("demo");
    let outcome = client
        .run(
            move |job| crate::worker::protocol::Request::LoadDemo {
                job,
                database,
                imported_at,
                batch_id,
                customers,
                locale: crate::error::locale(),
            },
            on_progress,
        )
        .await
        .map_err(AppError::new)?;
    if let crate::state::worker::Outcome::Parts(parts) = outcome {
        let revision: u64 = parts
            .first()
            .and_then(|p| postcard::from_bytes(p).ok())
            .ok_or_else(|| AppError::new("The demo company's result could not be read; reload the page."))?;
        // The job analysed what it stored: show it, then move the revision on.
        analysis.adopt(&name, revision, &parts[1..]).await;
        workspace.note_revision(revision);
    }
    ask_to_keep_the_data();
    Ok(())
}

/// Now that the browser holds real data, asks it to keep it (Settings shows the answer),
/// without waiting for the answer: the browser may take a while to decide, and the data is
/// stored either way.
pub(crate) fn ask_to_keep_the_data() {
    leptos::task::spawn_local(async {
        let _ = crate::storage::quota::request_persistence().await;
    });
}

/// About how many bytes one customer of the demo company takes once stored, with their
/// orders, interactions, responses and exits (measured: 75 MB for 100,000 customers).
pub const DEMO_BYTES_PER_CUSTOMER: u64 = 800;

/// A warning to show before a write of about `need` bytes, when the browser says it may not
/// have room for it (`None` when it has, or says nothing).
pub async fn room_warning(need: u64) -> Option<String> {
    let usage = crate::storage::quota::short_of_room(need).await?;
    Some(crate::i18n::storage::room_warning(
        need,
        usage.usage_bytes.unwrap_or(0.0) as u64,
        usage.quota_bytes? as u64,
        crate::error::locale(),
    ))
}

/// The workspace's imports, newest first.
pub async fn import_batches(
    workspace: WorkspaceState,
) -> Result<Vec<ImportBatch>, AppError> {
    Ok(workspace.db_untracked()?.import_batches().await?)
}

/// Undoes an import.
pub async fn revert_import(workspace: WorkspaceState, batch_id: String) -> Result<(), AppError> {
    let revision = workspace.db_untracked()?.revert_import(&batch_id).await?;
    workspace.note_revision(revision);
    Ok(())
}

/// The calibration/holdout check of the repeat-purchase model at `split`, run by the worker.
pub async fn holdout_check(
    workspace: WorkspaceState,
    client: crate::state::worker::WorkerClient,
    split: NaiveDate,
) -> Result<crate::analytics::workspace::models_view::HoldoutCheck, AppError> {
    let database = workspace.db_untracked()?.name().to_string();
    let split = split.format("%Y-%m-%d").to_string();
    let outcome = client
        .run(
            move |job| crate::worker::protocol::Request::Holdout {
                job,
                database,
                split,
                locale: crate::error::locale(),
            },
            |_, _| {},
        )
        .await
        .map_err(AppError::new)?;
    match outcome {
        crate::state::worker::Outcome::Parts(parts) => parts
            .first()
            .and_then(|p| postcard::from_bytes(p).ok())
            .ok_or_else(|| AppError::new("The model check could not be read; try again.")),
        crate::state::worker::Outcome::Done(_) => Err(AppError::new("The model check gave no result; try again.")),
    }
}

/// A planning sheet of the workspace (tier spend, perceived-value weights and ratings):
/// any serialisable value kept under `key` in the settings store.
pub async fn load_sheet<T: serde::de::DeserializeOwned>(workspace: WorkspaceState, key: &str) -> Result<Option<T>, AppError> {
    Ok(workspace.db_untracked()?.sheet(key).await?)
}

/// Saves a planning sheet (one transaction); views of the data refresh.
pub async fn save_sheet<T: serde::Serialize>(workspace: WorkspaceState, key: &str, value: &T) -> Result<(), AppError> {
    let db = workspace.db_untracked()?;
    let revision = db.save_sheet(key, value).await.map_err(|e| workspace.fail(e.into()))?;
    workspace.note_revision(revision);
    Ok(())
}
