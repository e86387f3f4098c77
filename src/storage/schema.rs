//! Every object store of every database, declared in one place, with the history of
//! schema versions.
//!
//! rexie's builder deletes each store it is not told about when the database is
//! upgraded, so every open declares the complete store list of the version it opens.
//! Older versions stay listed so that tests can create a database exactly as an
//! earlier release left it and check the upgrade.

use rexie::{Index, ObjectStore, Rexie, RexieBuilder};

/// An index on an object store.
#[derive(Clone, Copy, Debug)]
pub struct IndexDef {
    pub name: &'static str,
    pub key_path: &'static str,
    pub unique: bool,
    pub multi_entry: bool,
}

/// An object store: its name, in-line key path and indexes.
#[derive(Clone, Copy, Debug)]
pub struct StoreDef {
    pub name: &'static str,
    pub key_path: &'static str,
    pub auto_increment: bool,
    pub indexes: &'static [IndexDef],
}

/// The complete store list of one schema version.
#[derive(Clone, Copy, Debug)]
pub struct SchemaVersion {
    pub version: u32,
    pub stores: &'static [StoreDef],
}

const fn store(
    name: &'static str,
    key_path: &'static str,
    indexes: &'static [IndexDef],
) -> StoreDef {
    StoreDef {
        name,
        key_path,
        auto_increment: false,
        indexes,
    }
}

const fn index(name: &'static str, key_path: &'static str) -> IndexDef {
    IndexDef {
        name,
        key_path,
        unique: false,
        multi_entry: false,
    }
}

// Store names: only the storage layer knows them.
pub(crate) const META: &str = "meta";
pub(crate) const SETTINGS: &str = "settings";
pub(crate) const CUSTOMERS: &str = "customers";
pub(crate) const TRANSACTIONS: &str = "transactions";
pub(crate) const INTERACTIONS: &str = "interactions";
pub(crate) const MANAGERS: &str = "managers";
pub(crate) const EXITS: &str = "exits";
pub(crate) const CAMPAIGNS: &str = "campaigns";
pub(crate) const RESPONSES: &str = "responses";
pub(crate) const IMPORT_BATCHES: &str = "import_batches";
pub(crate) const CONTACT_PLANS: &str = "contact_plans";
pub(crate) const WORKSPACES: &str = "workspaces";

/// The key of the schema-version record in the `meta` store.
pub(crate) const SCHEMA_RECORD_KEY: &str = "schema";

/// Version 1: the first release's stores.
const WORKSPACE_V1: &[StoreDef] = &[
    store(META, "key", &[]),
    store(SETTINGS, "key", &[]),
    store(CUSTOMERS, "id", &[index("by_manager", "manager_id")]),
    // Transactions are kept as columnar blocks of up to 10,000 rows (see DESIGN.md).
    store(TRANSACTIONS, "block", &[]),
    store(INTERACTIONS, "id", &[index("by_customer", "customer_id")]),
    store(MANAGERS, "id", &[]),
    store(EXITS, "id", &[index("by_customer", "customer_id")]),
];

/// Version 2: campaigns, their responses and import batches; customers found by e-mail.
const WORKSPACE_V2: &[StoreDef] = &[
    store(META, "key", &[]),
    store(SETTINGS, "key", &[]),
    store(
        CUSTOMERS,
        "id",
        &[
            index("by_manager", "manager_id"),
            index("by_email", "email"),
        ],
    ),
    store(TRANSACTIONS, "block", &[]),
    store(INTERACTIONS, "id", &[index("by_customer", "customer_id")]),
    store(MANAGERS, "id", &[]),
    store(EXITS, "id", &[index("by_customer", "customer_id")]),
    store(CAMPAIGNS, "id", &[]),
    store(
        RESPONSES,
        "id",
        &[
            index("by_campaign", "campaign_id"),
            index("by_customer", "customer_id"),
        ],
    ),
    store(IMPORT_BATCHES, "id", &[]),
];

/// Version 3: contact plans; every bulk store indexed by the import batch that wrote it,
/// so that an import can be reverted.
const WORKSPACE_V3: &[StoreDef] = &[
    store(META, "key", &[]),
    store(SETTINGS, "key", &[]),
    store(
        CUSTOMERS,
        "id",
        &[
            index("by_manager", "manager_id"),
            index("by_email", "email"),
        ],
    ),
    store(TRANSACTIONS, "block", &[index("by_batch", "batch")]),
    store(
        INTERACTIONS,
        "id",
        &[
            index("by_customer", "customer_id"),
            index("by_batch", "batch"),
        ],
    ),
    store(MANAGERS, "id", &[]),
    store(
        EXITS,
        "id",
        &[
            index("by_customer", "customer_id"),
            index("by_batch", "batch"),
        ],
    ),
    store(CAMPAIGNS, "id", &[]),
    store(
        RESPONSES,
        "id",
        &[
            index("by_campaign", "campaign_id"),
            index("by_customer", "customer_id"),
            index("by_batch", "batch"),
        ],
    ),
    store(IMPORT_BATCHES, "id", &[]),
    store(CONTACT_PLANS, "customer_id", &[]),
];

/// Every schema version of a workspace database, oldest first.
pub const WORKSPACE_HISTORY: &[SchemaVersion] = &[
    SchemaVersion {
        version: 1,
        stores: WORKSPACE_V1,
    },
    SchemaVersion {
        version: 2,
        stores: WORKSPACE_V2,
    },
    SchemaVersion {
        version: 3,
        stores: WORKSPACE_V3,
    },
];

/// The schema version this build of the app writes.
pub const WORKSPACE_VERSION: u32 = 3;

/// The registry database lists the workspaces; each workspace is its own database.
pub const REGISTRY_DB: &str = "customer-insight";
pub const REGISTRY_VERSION: u32 = 1;
const REGISTRY_STORES: &[StoreDef] = &[store(META, "key", &[]), store(WORKSPACES, "id", &[])];

/// The IndexedDB name of a workspace's database.
pub fn workspace_db_name(workspace_id: &str) -> String {
    format!("customer-insight-ws-{workspace_id}")
}

/// The stores of a given workspace schema version, if that version exists.
pub fn workspace_stores(version: u32) -> Option<&'static [StoreDef]> {
    WORKSPACE_HISTORY
        .iter()
        .find(|v| v.version == version)
        .map(|v| v.stores)
}

/// Every store name of the current workspace schema (for whole-database transactions).
pub fn current_store_names() -> Vec<&'static str> {
    workspace_stores(WORKSPACE_VERSION)
        .unwrap_or(&[])
        .iter()
        .map(|s| s.name)
        .collect()
}

fn builder(name: &str, version: u32, stores: &[StoreDef]) -> RexieBuilder {
    stores
        .iter()
        .fold(Rexie::builder(name).version(version), |b, def| {
            let mut os = ObjectStore::new(def.name)
                .key_path(def.key_path)
                .auto_increment(def.auto_increment);
            for ix in def.indexes {
                os = os.add_index(
                    Index::new(ix.name, ix.key_path)
                        .unique(ix.unique)
                        .multi_entry(ix.multi_entry),
                );
            }
            b.add_object_store(os)
        })
}

/// A builder for a workspace database at `version` (the current one in the app; older
/// ones in upgrade tests).
pub fn workspace_builder(db_name: &str, version: u32) -> Option<RexieBuilder> {
    workspace_stores(version).map(|stores| builder(db_name, version, stores))
}

/// A builder for the registry database.
pub fn registry_builder() -> RexieBuilder {
    builder(REGISTRY_DB, REGISTRY_VERSION, REGISTRY_STORES)
}
