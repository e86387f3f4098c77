//! The words of keeping data: storage failures (a full disk above all), damaged blocks and
//! bundles, and the warning before a write the browser may not have room for.

use super::{fill, format, Locale, Sentence, Text};
use crate::domain::blocks::{BlockError, BlockKind};
use crate::domain::bundle::BundleProblem;
use crate::storage::error::{StorageError, Subject};
use std::fmt;

catalogue! {
    /// Storage failures and damaged data.
    StorageText {
        BlockUnreadable => {
            en: "its bytes are not a block this version of the app can read",
            es: "sus bytes no son un bloque que esta versión de la aplicación pueda leer",
            fr: "ses octets ne sont pas un bloc que cette version de l'application sait lire",
            zh: "其字节不是此版本应用可读取的数据块",
        }
        BlockWrongKind => {
            en: "it holds another kind of records than {kind}",
            es: "contiene otro tipo de registros que {kind}",
            fr: "il contient un autre type d'enregistrements que {kind}",
            zh: "其中的记录类型不是{kind}",
        }
        BlockColumnLength => {
            en: "its column \"{column}\" has {len} rows where the block has {rows}",
            es: "su columna \"{column}\" tiene {len} filas cuando el bloque tiene {rows}",
            fr: "sa colonne « {column} » a {len} lignes alors que le bloc en a {rows}",
            zh: "其“{column}”列有 {len} 行，而数据块有 {rows} 行",
        }
        BlockOutOfRange => {
            en: "a row of its column \"{column}\" points past the end of its table",
            es: "una fila de su columna \"{column}\" apunta más allá del final de su tabla",
            fr: "une ligne de sa colonne « {column} » pointe au-delà de la fin de sa table",
            zh: "其“{column}”列中有一行指向表的末尾之外",
        }
        BlockText => {
            en: "its text column \"{column}\" is damaged",
            es: "su columna de texto \"{column}\" está dañada",
            fr: "sa colonne de texte « {column} » est endommagée",
            zh: "其文本列“{column}”已损坏",
        }
        BlockNotADate => {
            en: "its column \"{column}\" holds a day that is not a calendar date",
            es: "su columna \"{column}\" contiene un día que no es una fecha del calendario",
            fr: "sa colonne « {column} » contient un jour qui n'est pas une date du calendrier",
            zh: "其“{column}”列包含一个不是日历日期的日子",
        }
        BlockBadAmount => {
            en: "its column \"{column}\" holds an amount beyond what can be stored exactly",
            es: "su columna \"{column}\" contiene un importe mayor de lo que se puede guardar con exactitud",
            fr: "sa colonne « {column} » contient un montant au-delà de ce qui se conserve exactement",
            zh: "其“{column}”列包含超出可精确存储范围的金额",
        }
        BlockUnknownCode => {
            en: "its column \"{column}\" holds a code this version of the app does not know",
            es: "su columna \"{column}\" contiene un código que esta versión de la aplicación no conoce",
            fr: "sa colonne « {column} » contient un code que cette version de l'application ne connaît pas",
            zh: "其“{column}”列包含此版本应用不认识的代码",
        }
        BlockBadNumber => {
            en: "its column \"{column}\" holds an infinite number",
            es: "su columna \"{column}\" contiene un número infinito",
            fr: "sa colonne « {column} » contient un nombre infini",
            zh: "其“{column}”列包含无穷大的数",
        }
        BlockRepeatedCustomer => {
            en: "it lists one customer twice",
            es: "enumera dos veces al mismo cliente",
            fr: "il liste deux fois le même client",
            zh: "其中同一位客户出现了两次",
        }
        BundleRepeated => {
            en: "the {what} \"{key}\" appears twice",
            es: "el registro {what} \"{key}\" aparece dos veces",
            fr: "l'enregistrement {what} « {key} » apparaît deux fois",
            zh: "{what}“{key}”出现了两次",
        }
        BundleBlock => {
            en: "the block \"{key}\" of {what}: {detail}",
            es: "el bloque \"{key}\" de {what}: {detail}",
            fr: "le bloc « {key} » de {what} : {detail}",
            zh: "{what}的数据块“{key}”：{detail}",
        }
        KindTransactions => { en: "transactions", es: "transacciones", fr: "transactions", zh: "交易" }
        KindInteractions => { en: "interactions", es: "interacciones", fr: "interactions", zh: "互动" }
        KindExits => { en: "exits", es: "bajas", fr: "départs", zh: "流失记录" }
        KindResponses => { en: "campaign responses", es: "respuestas a campañas", fr: "réponses aux campagnes", zh: "营销活动响应" }
        KindCustomers => { en: "customers", es: "clientes", fr: "clients", zh: "客户" }
        KindPlans => { en: "contact plans", es: "planes de contacto", fr: "plans de contact", zh: "联系计划" }

        Unavailable => {
            en: "This browser does not let the app keep data (IndexedDB is unavailable, for example in some private windows). Open the app in a normal window.",
            es: "Este navegador no permite que la aplicación guarde datos (IndexedDB no está disponible, por ejemplo en algunas ventanas privadas). Abra la aplicación en una ventana normal.",
            fr: "Ce navigateur ne permet pas à l'application de conserver des données (IndexedDB est indisponible, par exemple dans certaines fenêtres privées). Ouvrez l'application dans une fenêtre normale.",
            zh: "此浏览器不允许应用保存数据（IndexedDB 不可用，例如在某些无痕窗口中）。请在普通窗口中打开应用。",
        }
        OpenFailed => {
            en: "The database \"{database}\" could not be opened: {detail}.",
            es: "No se pudo abrir la base de datos \"{database}\": {detail}.",
            fr: "La base de données « {database} » n'a pas pu être ouverte : {detail}.",
            zh: "无法打开数据库“{database}”：{detail}。",
        }
        UnknownVersion => {
            en: "The database asks for schema version {version}, which is unknown to this build of the app; reload to get the latest version.",
            es: "La base de datos pide la versión de esquema {version}, que esta compilación de la aplicación no conoce; recargue para obtener la última versión.",
            fr: "La base de données demande la version de schéma {version}, inconnue de cette version de l'application ; rechargez pour obtenir la dernière version.",
            zh: "数据库要求架构版本 {version}，此版本的应用不认识；请重新加载以获取最新版本。",
        }
        UpgradedElsewhere => {
            en: "A newer version of Customer Insight was opened in another tab. Reload this tab to continue; nothing you saved is lost.",
            es: "Se abrió una versión más reciente de Customer Insight en otra pestaña. Recargue esta pestaña para continuar; no se pierde nada de lo guardado.",
            fr: "Une version plus récente de Customer Insight a été ouverte dans un autre onglet. Rechargez cet onglet pour continuer ; rien de ce que vous avez enregistré n'est perdu.",
            zh: "另一个标签页打开了更新版本的 Customer Insight。请重新加载此标签页以继续；已保存的内容不会丢失。",
        }
        QuotaExceeded => {
            en: "The browser has no more room for this workspace, so nothing of {subject} was saved. It grants this site {quota} and {usage} is in use. Free space by deleting a workspace you no longer need (download a backup of it first), or by clearing other sites' data in the browser's settings, then try again.",
            es: "El navegador no tiene más espacio para este espacio de trabajo, así que no se guardó nada de {subject}. Concede a este sitio {quota} y hay {usage} en uso. Libere espacio eliminando un espacio de trabajo que ya no necesite (descargue antes una copia de seguridad) o borrando datos de otros sitios en los ajustes del navegador, y vuelva a intentarlo.",
            fr: "Le navigateur n'a plus de place pour cet espace de travail : rien de {subject} n'a été enregistré. Il accorde {quota} à ce site, dont {usage} sont utilisés. Libérez de la place en supprimant un espace de travail devenu inutile (téléchargez-en d'abord une sauvegarde) ou en effaçant les données d'autres sites dans les réglages du navigateur, puis réessayez.",
            zh: "浏览器已没有空间存放此工作区，因此{subject}没有保存任何内容。浏览器为本网站分配了 {quota}，已使用 {usage}。请删除不再需要的工作区（先下载其备份），或在浏览器设置中清除其他网站的数据以释放空间，然后重试。",
        }
        QuotaUnknownSize => { en: "an amount it does not say", es: "una cantidad que no indica", fr: "une quantité qu'il ne précise pas", zh: "未说明的空间" }
        Aborted => {
            en: "The browser stopped saving {subject}, so nothing of it was stored ({reason}). Try again; if it happens again, reload the page.",
            es: "El navegador interrumpió el guardado de {subject}, así que no se guardó nada ({reason}). Vuelva a intentarlo; si se repite, recargue la página.",
            fr: "Le navigateur a interrompu l'enregistrement de {subject} : rien n'a été conservé ({reason}). Réessayez ; si cela se reproduit, rechargez la page.",
            zh: "浏览器中断了{subject}的保存，因此没有存储任何内容（{reason}）。请重试；如果再次发生，请重新加载页面。",
        }
        ReadFailed => {
            en: "Reading {subject} failed: {detail}.",
            es: "No se pudo leer {subject}: {detail}.",
            fr: "La lecture de {subject} a échoué : {detail}.",
            zh: "读取{subject}失败：{detail}。",
        }
        WriteFailed => {
            en: "Saving {subject} failed, so nothing of it was stored: {detail}.",
            es: "No se pudo guardar {subject}, así que no se guardó nada: {detail}.",
            fr: "L'enregistrement de {subject} a échoué : rien n'a été conservé ({detail}).",
            zh: "保存{subject}失败，因此没有存储任何内容：{detail}。",
        }
        Corrupt => {
            en: "Stored {subject} could not be read back ({detail}); it may come from a newer version of the app.",
            es: "No se pudo volver a leer {subject} guardado ({detail}); puede venir de una versión más reciente de la aplicación.",
            fr: "{subject} enregistré n'a pas pu être relu ({detail}) ; il provient peut-être d'une version plus récente de l'application.",
            zh: "无法读回已存储的{subject}（{detail}）；它可能来自更新版本的应用。",
        }
        DamagedBlock => {
            en: "A stored block of {kind} (\"{key}\") is damaged: {detail}. Restore a backup of this workspace, or revert the import that wrote it.",
            es: "Un bloque guardado de {kind} (\"{key}\") está dañado: {detail}. Restaure una copia de seguridad de este espacio de trabajo o revierta la importación que lo escribió.",
            fr: "Un bloc enregistré de {kind} (« {key} ») est endommagé : {detail}. Restaurez une sauvegarde de cet espace de travail ou annulez l'import qui l'a écrit.",
            zh: "已存储的{kind}数据块（“{key}”）已损坏：{detail}。请恢复此工作区的备份，或撤销写入它的导入。",
        }
        NotFound => {
            en: "{subject} no longer exists; it may have been deleted in another tab.",
            es: "{subject} ya no existe; puede que se haya eliminado en otra pestaña.",
            fr: "{subject} n'existe plus ; il a peut-être été supprimé dans un autre onglet.",
            zh: "{subject}已不存在；可能已在另一个标签页中删除。",
        }
        AlreadyReverted => {
            en: "This import was already reverted (perhaps in another tab); nothing changed.",
            es: "Esta importación ya se revirtió (quizá en otra pestaña); no cambió nada.",
            fr: "Cet import a déjà été annulé (peut-être dans un autre onglet) ; rien n'a changé.",
            zh: "此导入已被撤销（可能在另一个标签页中）；没有任何更改。",
        }
        RoomWarning => {
            en: "This needs about {need} of space and the browser may have only {free} left for this site (it grants {quota}, {usage} in use). If it runs out, nothing is saved: free space first, or go ahead and see.",
            es: "Esto necesita unos {need} de espacio y puede que al navegador solo le queden {free} para este sitio (concede {quota}, {usage} en uso). Si se agota, no se guarda nada: libere espacio antes, o continúe y compruébelo.",
            fr: "Il faut environ {need} d'espace et le navigateur n'a peut-être plus que {free} pour ce site (il accorde {quota}, {usage} utilisés). S'il en manque, rien n'est enregistré : libérez de la place d'abord, ou continuez pour voir.",
            zh: "此操作约需 {need} 空间，而浏览器可能只为本网站剩下 {free}（分配 {quota}，已用 {usage}）。如果空间不足，将不会保存任何内容：请先释放空间，或继续尝试。",
        }

        RoomProceed => { en: "Go ahead anyway", es: "Continuar de todos modos", fr: "Continuer quand même", zh: "仍然继续" }
        RoomCancel => { en: "Not now", es: "Ahora no", fr: "Pas maintenant", zh: "暂不" }

        SubjectSettings => { en: "the settings", es: "los ajustes", fr: "les réglages", zh: "设置" }
        SubjectCustomer => { en: "the customer {name}", es: "el cliente {name}", fr: "le client {name}", zh: "客户 {name}" }
        SubjectCustomers => { en: "the customers", es: "los clientes", fr: "les clients", zh: "客户" }
        SubjectManager => { en: "the manager {name}", es: "el gestor {name}", fr: "le chargé de clientèle {name}", zh: "客户经理 {name}" }
        SubjectCampaign => { en: "the campaign {name}", es: "la campaña {name}", fr: "la campagne {name}", zh: "营销活动 {name}" }
        SubjectResponse => { en: "the campaign response", es: "la respuesta a la campaña", fr: "la réponse à la campagne", zh: "营销活动响应" }
        SubjectInteraction => { en: "the interaction", es: "la interacción", fr: "l'interaction", zh: "互动记录" }
        SubjectExit => { en: "the exit", es: "la baja", fr: "le départ", zh: "流失记录" }
        SubjectReactivation => { en: "the reactivation", es: "la reactivación", fr: "la réactivation", zh: "重新激活" }
        SubjectContactPlan => { en: "the contact plan", es: "el plan de contacto", fr: "le plan de contact", zh: "联系计划" }
        SubjectManagerAssignment => { en: "the manager assignment", es: "la asignación de gestor", fr: "l'attribution du chargé de clientèle", zh: "客户经理分配" }
        SubjectCustomerDeletion => { en: "the deletion of customer {name}", es: "la eliminación del cliente {name}", fr: "la suppression du client {name}", zh: "删除客户 {name}" }
        SubjectImport => { en: "the data from {name}", es: "los datos de {name}", fr: "les données de {name}", zh: "{name} 中的数据" }
        SubjectDemo => { en: "the demo company", es: "la empresa de demostración", fr: "l'entreprise de démonstration", zh: "演示公司" }
        SubjectRestore => { en: "the restore of \"{name}\"", es: "la restauración de \"{name}\"", fr: "la restauration de « {name} »", zh: "“{name}”的恢复" }
        SubjectRevert => { en: "the revert of the import", es: "la reversión de la importación", fr: "l'annulation de l'import", zh: "撤销导入" }
        SubjectSheet => { en: "the planning sheet", es: "la hoja de planificación", fr: "la feuille de planification", zh: "规划表" }
        SubjectAnalysisCache => { en: "the analysis cache", es: "la caché del análisis", fr: "le cache de l'analyse", zh: "分析缓存" }
        SubjectRevision => { en: "the data version", es: "la versión de los datos", fr: "la version des données", zh: "数据版本" }
        SubjectSchemaUpgrade => { en: "the upgrade of the database", es: "la actualización de la base de datos", fr: "la mise à niveau de la base de données", zh: "数据库升级" }
        SubjectBackup => { en: "the backup", es: "la copia de seguridad", fr: "la sauvegarde", zh: "备份" }
        SubjectWorkspaceList => { en: "the workspace list", es: "la lista de espacios de trabajo", fr: "la liste des espaces de travail", zh: "工作区列表" }
        SubjectWorkspaceDeletion => { en: "the deletion of the workspace", es: "la eliminación del espacio de trabajo", fr: "la suppression de l'espace de travail", zh: "删除工作区" }
        SubjectRecords => { en: "the {kind}", es: "los registros de {kind}", fr: "les {kind}", zh: "{kind}" }
        SubjectImportHistory => { en: "the import history", es: "el historial de importaciones", fr: "l'historique des imports", zh: "导入历史" }
    }
}

/// What an action was about, in words ("the customer Ann Lee").
pub fn subject_label(subject: &Subject, locale: Locale) -> String {
    use StorageText as T;
    let named = |key: T, name: &str| fill(key.text(locale), &[("name", name)]);
    match subject {
        Subject::Settings => T::SubjectSettings.text(locale).to_owned(),
        Subject::Customer(name) => named(T::SubjectCustomer, name),
        Subject::Customers => T::SubjectCustomers.text(locale).to_owned(),
        Subject::Manager(name) => named(T::SubjectManager, name),
        Subject::Campaign(name) => named(T::SubjectCampaign, name),
        Subject::Response => T::SubjectResponse.text(locale).to_owned(),
        Subject::Interaction => T::SubjectInteraction.text(locale).to_owned(),
        Subject::Exit => T::SubjectExit.text(locale).to_owned(),
        Subject::Reactivation => T::SubjectReactivation.text(locale).to_owned(),
        Subject::ContactPlan => T::SubjectContactPlan.text(locale).to_owned(),
        Subject::ManagerAssignment => T::SubjectManagerAssignment.text(locale).to_owned(),
        Subject::CustomerDeletion(id) => named(T::SubjectCustomerDeletion, id),
        Subject::Import(file) => named(T::SubjectImport, file),
        Subject::Demo => T::SubjectDemo.text(locale).to_owned(),
        Subject::Restore(name) => named(T::SubjectRestore, name),
        Subject::Revert => T::SubjectRevert.text(locale).to_owned(),
        Subject::Sheet => T::SubjectSheet.text(locale).to_owned(),
        Subject::AnalysisCache => T::SubjectAnalysisCache.text(locale).to_owned(),
        Subject::Revision => T::SubjectRevision.text(locale).to_owned(),
        Subject::SchemaUpgrade => T::SubjectSchemaUpgrade.text(locale).to_owned(),
        Subject::Backup => T::SubjectBackup.text(locale).to_owned(),
        Subject::WorkspaceList => T::SubjectWorkspaceList.text(locale).to_owned(),
        Subject::WorkspaceDeletion => T::SubjectWorkspaceDeletion.text(locale).to_owned(),
        Subject::Records(kind) => fill(
            T::SubjectRecords.text(locale),
            &[("kind", block_kind_label(*kind, locale))],
        ),
        Subject::ImportHistory => T::SubjectImportHistory.text(locale).to_owned(),
    }
}

fn size(bytes: Option<u64>, locale: Locale) -> String {
    match bytes {
        Some(b) => format::bytes(b as f64, locale),
        None => StorageText::QuotaUnknownSize.text(locale).to_owned(),
    }
}

/// The sentence for a storage failure.
pub fn storage_sentence(e: &StorageError, locale: Locale) -> String {
    use StorageText as T;
    let subject = |s: &Subject| subject_label(s, locale);
    match e {
        StorageError::Unavailable => T::Unavailable.text(locale).to_owned(),
        StorageError::Open { database, detail } => fill(
            T::OpenFailed.text(locale),
            &[("database", database), ("detail", detail)],
        ),
        StorageError::UnknownVersion { version } => fill(
            T::UnknownVersion.text(locale),
            &[("version", &version.to_string())],
        ),
        StorageError::UpgradedElsewhere => T::UpgradedElsewhere.text(locale).to_owned(),
        StorageError::QuotaExceeded {
            subject: s,
            usage,
            quota,
        } => fill(
            T::QuotaExceeded.text(locale),
            &[
                ("subject", &subject(s)),
                ("quota", &size(*quota, locale)),
                ("usage", &size(*usage, locale)),
            ],
        ),
        StorageError::Aborted { subject: s, reason } => fill(
            T::Aborted.text(locale),
            &[("subject", &subject(s)), ("reason", reason)],
        ),
        StorageError::Read { subject: s, detail } => fill(
            T::ReadFailed.text(locale),
            &[("subject", &subject(s)), ("detail", detail)],
        ),
        StorageError::Write { subject: s, detail } => fill(
            T::WriteFailed.text(locale),
            &[("subject", &subject(s)), ("detail", detail)],
        ),
        StorageError::Corrupt { subject: s, detail } => fill(
            T::Corrupt.text(locale),
            &[("subject", &subject(s)), ("detail", detail)],
        ),
        StorageError::DamagedBlock { kind, key, error } => fill(
            T::DamagedBlock.text(locale),
            &[
                ("kind", block_kind_label(*kind, locale)),
                ("key", key),
                ("detail", &block_error_detail(error, locale)),
            ],
        ),
        StorageError::NotFound { subject: s } => {
            let text = fill(T::NotFound.text(locale), &[("subject", &subject(s))]);
            capitalise(&text)
        }
        StorageError::AlreadyReverted => T::AlreadyReverted.text(locale).to_owned(),
    }
}

/// The warning before a big write the browser may not have room for.
pub fn room_warning(need: u64, usage: u64, quota: u64, locale: Locale) -> String {
    fill(
        StorageText::RoomWarning.text(locale),
        &[
            ("need", &format::bytes(need as f64, locale)),
            ("free", &format::bytes(quota.saturating_sub(usage) as f64, locale)),
            ("quota", &format::bytes(quota as f64, locale)),
            ("usage", &format::bytes(usage as f64, locale)),
        ],
    )
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Sentence for StorageError {
    fn sentence(&self, locale: Locale) -> String {
        storage_sentence(self, locale)
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&storage_sentence(self, Locale::En))
    }
}

/// What a kind of block holds, in words.
pub fn block_kind_label(kind: BlockKind, locale: Locale) -> &'static str {
    use StorageText as T;
    match kind {
        BlockKind::Transactions => T::KindTransactions,
        BlockKind::Interactions => T::KindInteractions,
        BlockKind::Exits => T::KindExits,
        BlockKind::Responses => T::KindResponses,
        BlockKind::Customers => T::KindCustomers,
        BlockKind::Plans => T::KindPlans,
    }
    .text(locale)
}

/// What is wrong with a damaged block, as a clause ("its column \"day\" has 3 rows…").
pub fn block_error_detail(e: &BlockError, locale: Locale) -> String {
    use StorageText as T;
    let col = |key: T, column: &str| fill(key.text(locale), &[("column", column)]);
    match e {
        BlockError::Unreadable => T::BlockUnreadable.text(locale).to_owned(),
        BlockError::WrongKind { expected } => fill(
            T::BlockWrongKind.text(locale),
            &[("kind", block_kind_label(*expected, locale))],
        ),
        BlockError::ColumnLength { column, len, rows } => fill(
            T::BlockColumnLength.text(locale),
            &[
                ("column", column),
                ("len", &len.to_string()),
                ("rows", &rows.to_string()),
            ],
        ),
        BlockError::OutOfRange { column } => col(T::BlockOutOfRange, column),
        BlockError::Text { column, .. } => col(T::BlockText, column),
        BlockError::NotADate { column } => col(T::BlockNotADate, column),
        BlockError::BadAmount { column } => col(T::BlockBadAmount, column),
        BlockError::UnknownCode { column } => col(T::BlockUnknownCode, column),
        BlockError::BadNumber { column } => col(T::BlockBadNumber, column),
        BlockError::RepeatedCustomer => T::BlockRepeatedCustomer.text(locale).to_owned(),
    }
}

impl fmt::Display for BlockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&block_error_detail(self, Locale::En))
    }
}

/// What makes a bundle impossible to store, as a clause.
pub fn bundle_problem_detail(p: &BundleProblem, locale: Locale) -> String {
    use StorageText as T;
    match p {
        BundleProblem::Repeated { what, key } => fill(
            T::BundleRepeated.text(locale),
            &[("what", what), ("key", key)],
        ),
        BundleProblem::Block { what, key, error } => fill(
            T::BundleBlock.text(locale),
            &[
                ("what", what),
                ("key", key),
                ("detail", &block_error_detail(error, locale)),
            ],
        ),
    }
}

impl std::error::Error for BundleProblem {}

impl fmt::Display for BundleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&bundle_problem_detail(self, Locale::En))
    }
}
