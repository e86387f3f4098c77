//! Every object store of every database, declared in one place, with the history of
//! schema versions.
//!
//! rexie's builder deletes each store it is not told about when the database is
//! upgraded, so every open declares the complete store list of the version it opens.
//! Older versions stay listed so that tests can create a database exactly as an
//! earlier release left it and check the upgrade.
//!
//! Version 5 keeps everything that grows with the customer base as columnar blocks in the
//! `*_blocks` stores. Version 4 is the step between: it holds the per-record stores of
//! version 3 *and* the block stores, so that the data migration to version 4 can move every
//! record across in one transaction before version 5 drops the old stores (a database at
//! version 3 or older is opened at 4 first, see `WorkspaceDb::open_named`).

use crate::domain::blocks::BlockKind;
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
pub(crate) const MANAGERS: &str = "managers";
pub(crate) const CAMPAIGNS: &str = "campaigns";
pub(crate) const IMPORT_BATCHES: &str = "import_batches";
pub(crate) const CONTACT_PLANS: &str = "contact_plans";
pub(crate) const WORKSPACES: &str = "workspaces";

pub(crate) const CUSTOMER_BLOCKS: &str = "customer_blocks";
pub(crate) const TRANSACTION_BLOCKS: &str = "transaction_blocks";
pub(crate) const INTERACTION_BLOCKS: &str = "interaction_blocks";
pub(crate) const EXIT_BLOCKS: &str = "exit_blocks";
pub(crate) const RESPONSE_BLOCKS: &str = "response_blocks";
pub(crate) const PLAN_BLOCKS: &str = "plan_blocks";

// The per-record stores of versions 1 to 4 (read only by the migration to version 4).
pub(crate) const CUSTOMERS: &str = "customers";
pub(crate) const TRANSACTIONS: &str = "transactions";
pub(crate) const INTERACTIONS: &str = "interactions";
pub(crate) const EXITS: &str = "exits";
pub(crate) const RESPONSES: &str = "responses";

/// The key of the schema-version record in the `meta` store.
pub(crate) const SCHEMA_RECORD_KEY: &str = "schema";
/// The key of the revision record in the `meta` store.
pub(crate) const REVISION_KEY: &str = "revision";
/// The key of the cached analysis in the `meta` store.
pub(crate) const ANALYSIS_CACHE_KEY: &str = "analysis_cache";
/// The key of the settings record in the `settings` store.
pub(crate) const SETTINGS_KEY: &str = "settings";
/// The prefix of planning sheets' keys in the `settings` store.
pub(crate) const SHEET_PREFIX: &str = "sheet:";

/// The store that holds blocks of `kind`.
pub(crate) const fn block_store(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Customers => CUSTOMER_BLOCKS,
        BlockKind::Transactions => TRANSACTION_BLOCKS,
        BlockKind::Interactions => INTERACTION_BLOCKS,
        BlockKind::Exits => EXIT_BLOCKS,
        BlockKind::Responses => RESPONSE_BLOCKS,
        BlockKind::Plans => PLAN_BLOCKS,
    }
}

/// Every block store.
pub(crate) const BLOCK_STORES: [&str; 6] = [
    CUSTOMER_BLOCKS,
    TRANSACTION_BLOCKS,
    INTERACTION_BLOCKS,
    EXIT_BLOCKS,
    RESPONSE_BLOCKS,
    PLAN_BLOCKS,
];

/// Version 1: the first release's stores.
const WORKSPACE_V1: &[StoreDef] = &[
    store(META, "key", &[]),
    store(SETTINGS, "key", &[]),
    store(CUSTOMERS, "id", &[index("by_manager", "manager_id")]),
    // Transactions were kept as columnar blocks of up to 10,000 rows from the start.
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
        &[index("by_manager", "manager_id"), index("by_email", "email")],
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

/// The stores version 3 added to or changed from version 2, shared with version 4.
macro_rules! v3_stores {
    () => {
        [
            store(META, "key", &[]),
            store(SETTINGS, "key", &[]),
            store(
                CUSTOMERS,
                "id",
                &[index("by_manager", "manager_id"), index("by_email", "email")],
            ),
            store(TRANSACTIONS, "block", &[index("by_batch", "batch")]),
            store(
                INTERACTIONS,
                "id",
                &[index("by_customer", "customer_id"), index("by_batch", "batch")],
            ),
            store(MANAGERS, "id", &[]),
            store(
                EXITS,
                "id",
                &[index("by_customer", "customer_id"), index("by_batch", "batch")],
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
        ]
    };
}

/// Version 3: contact plans; every bulk store indexed by the import batch that wrote it,
/// so that an import can be reverted.
const WORKSPACE_V3: &[StoreDef] = &v3_stores!();

const BY_BATCH: &[IndexDef] = &[index("by_batch", "batch")];

/// The block stores of versions 4 and 5: one encoded block per record, keyed so that keys
/// sort in write order, indexed by the import batch that wrote the block.
macro_rules! block_stores {
    () => {
        [
            store(CUSTOMER_BLOCKS, "key", BY_BATCH),
            store(TRANSACTION_BLOCKS, "key", BY_BATCH),
            store(INTERACTION_BLOCKS, "key", BY_BATCH),
            store(EXIT_BLOCKS, "key", BY_BATCH),
            store(RESPONSE_BLOCKS, "key", BY_BATCH),
        ]
    };
}

const fn concat<const A: usize, const B: usize, const N: usize>(
    a: [StoreDef; A],
    b: [StoreDef; B],
) -> [StoreDef; N] {
    let mut out = [store("", "", &[]); N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    let mut j = 0;
    while j < B {
        out[A + j] = b[j];
        j += 1;
    }
    out
}

/// Version 4: version 3's stores and the block stores, for the move between them.
const WORKSPACE_V4: &[StoreDef] = &concat::<11, 5, 16>(v3_stores!(), block_stores!());

/// The stores of small records of versions 5 and 6 (the plans' one empty from version 6).
macro_rules! small_stores {
    () => {
        [
            store(META, "key", &[]),
            store(SETTINGS, "key", &[]),
            store(MANAGERS, "id", &[]),
            store(CAMPAIGNS, "id", &[]),
            store(IMPORT_BATCHES, "id", &[]),
            store(CONTACT_PLANS, "customer_id", &[]),
        ]
    };
}

/// Version 5: every bulk kind as blocks; the per-record stores are gone.
const WORKSPACE_V5: &[StoreDef] = &concat::<6, 5, 11>(small_stores!(), block_stores!());

/// Version 6: contact plans as blocks too; the per-record store of plans stays (empty) for
/// the move.
const WORKSPACE_V6: &[StoreDef] = &concat::<6, 6, 12>(
    small_stores!(),
    [
        store(CUSTOMER_BLOCKS, "key", BY_BATCH),
        store(TRANSACTION_BLOCKS, "key", BY_BATCH),
        store(INTERACTION_BLOCKS, "key", BY_BATCH),
        store(EXIT_BLOCKS, "key", BY_BATCH),
        store(RESPONSE_BLOCKS, "key", BY_BATCH),
        store(PLAN_BLOCKS, "key", BY_BATCH),
    ],
);

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
    SchemaVersion {
        version: 4,
        stores: WORKSPACE_V4,
    },
    SchemaVersion {
        version: 5,
        stores: WORKSPACE_V5,
    },
    SchemaVersion {
        version: 6,
        stores: WORKSPACE_V6,
    },
];

/// The schema version this build of the app writes.
pub const WORKSPACE_VERSION: u32 = 6;

/// A version whose data migration needs the stores of the version before and after it at
/// once: a database older than it is opened at it first.
pub const STAGES: &[u32] = &[4];

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

/// Every store name of a workspace schema version.
pub fn store_names(version: u32) -> Vec<&'static str> {
    workspace_stores(version)
        .unwrap_or(&[])
        .iter()
        .map(|s| s.name)
        .collect()
}

/// Every store name of the current workspace schema (for whole-database transactions).
pub fn current_store_names() -> Vec<&'static str> {
    store_names(WORKSPACE_VERSION)
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
