//! The words of the import wizard's engine and of backups: every row problem as a sentence
//! naming the row, the column and the value, the plan errors, the backup errors, and the names
//! of fields, record kinds, delimiters and date formats.

use super::{fill, Locale, Sentence, Text};
use crate::export::backup::{BackupError, Damage};
use std::fmt;
use crate::import::mapping::{Field, RecordKind};
use crate::import::plan::{PlanError, Problem, RowProblem};
use crate::import::sniff::{DecimalSeparator, Delimiter};
use crate::import::values::DateOrder;

catalogue! {
    /// Import problems, plan and backup errors, and the wizard's names.
    ImportProblemText {
        Missing => {
            en: "Row {row}, column \"{column}\": a value is required here and the cell is empty.",
            es: "Fila {row}, columna \"{column}\": este valor es obligatorio y la celda está vacía.",
            fr: "Ligne {row}, colonne « {column} » : une valeur est obligatoire ici et la cellule est vide.",
            zh: "第 {row} 行，“{column}”列：此处必须填写，但单元格为空。",
        }
        NotANumber => {
            en: "Row {row}, column \"{column}\": \"{value}\" is not a number (write it like {example}).",
            es: "Fila {row}, columna \"{column}\": \"{value}\" no es un número (escríbalo como {example}).",
            fr: "Ligne {row}, colonne « {column} » : « {value} » n'est pas un nombre (écrivez-le comme {example}).",
            zh: "第 {row} 行，“{column}”列：“{value}”不是数字（请写成 {example} 这样的格式）。",
        }
        NotADate => {
            en: "Row {row}, column \"{column}\": \"{value}\" is not a date written as {format}.",
            es: "Fila {row}, columna \"{column}\": \"{value}\" no es una fecha con el formato {format}.",
            fr: "Ligne {row}, colonne « {column} » : « {value} » n'est pas une date au format {format}.",
            zh: "第 {row} 行，“{column}”列：“{value}”不是 {format} 格式的日期。",
        }
        FutureDate => {
            en: "Row {row}, column \"{column}\": the date \"{value}\" is in the future.",
            es: "Fila {row}, columna \"{column}\": la fecha \"{value}\" es futura.",
            fr: "Ligne {row}, colonne « {column} » : la date « {value} » est dans le futur.",
            zh: "第 {row} 行，“{column}”列：日期“{value}”在未来。",
        }
        Negative => {
            en: "Row {row}, column \"{column}\": \"{value}\" is negative; write it as a positive number (a return is marked by its kind, not by a minus sign).",
            es: "Fila {row}, columna \"{column}\": \"{value}\" es negativo; escríbalo en positivo (una devolución se indica con su tipo, no con un signo menos).",
            fr: "Ligne {row}, colonne « {column} » : « {value} » est négatif ; écrivez-le en positif (un retour se signale par son type, pas par un signe moins).",
            zh: "第 {row} 行，“{column}”列：“{value}”是负数；请写成正数（退货用类型标明，而不是负号）。",
        }
        UnknownTransactionKind => {
            en: "Row {row}, column \"{column}\": \"{value}\" is not a transaction kind; write order or return.",
            es: "Fila {row}, columna \"{column}\": \"{value}\" no es un tipo de transacción; escriba pedido o devolución.",
            fr: "Ligne {row}, colonne « {column} » : « {value} » n'est pas un type de transaction ; écrivez commande ou retour.",
            zh: "第 {row} 行，“{column}”列：“{value}”不是交易类型；请填写“订单”或“退货”。",
        }
        UnknownInteractionKind => {
            en: "Row {row}, column \"{column}\": \"{value}\" is not an interaction kind; write complaint, service consultation, call, visit, e-mail, meeting, event or other.",
            es: "Fila {row}, columna \"{column}\": \"{value}\" no es un tipo de interacción; escriba queja, consulta, llamada, visita, correo, reunión, evento u otro.",
            fr: "Ligne {row}, colonne « {column} » : « {value} » n'est pas un type d'interaction ; écrivez plainte, consultation, appel, visite, courriel, réunion, événement ou autre.",
            zh: "第 {row} 行，“{column}”列：“{value}”不是互动类型；请填写投诉、咨询、电话、拜访、邮件、会议、活动或其他。",
        }
        UnknownExitReason => {
            en: "Row {row}, column \"{column}\": \"{value}\" is not an exit reason; write price, product, service, market, technology, political or other.",
            es: "Fila {row}, columna \"{column}\": \"{value}\" no es un motivo de baja; escriba precio, producto, servicio, mercado, tecnología, político u otro.",
            fr: "Ligne {row}, colonne « {column} » : « {value} » n'est pas un motif de départ ; écrivez prix, produit, service, marché, technologie, politique ou autre.",
            zh: "第 {row} 行，“{column}”列：“{value}”不是流失原因；请填写价格、产品、服务、市场、技术、政治或其他。",
        }
        UnknownLevel => {
            en: "Row {row}, column \"{column}\": \"{value}\" is not a relationship level; write financial, social or structural.",
            es: "Fila {row}, columna \"{column}\": \"{value}\" no es un nivel de relación; escriba financiero, social o estructural.",
            fr: "Ligne {row}, colonne « {column} » : « {value} » n'est pas un niveau de relation ; écrivez financier, social ou structurel.",
            zh: "第 {row} 行，“{column}”列：“{value}”不是关系层级；请填写财务、社交或结构。",
        }
        NotAnEmail => {
            en: "Row {row}, column \"{column}\": \"{value}\" is not an e-mail address.",
            es: "Fila {row}, columna \"{column}\": \"{value}\" no es una dirección de correo electrónico.",
            fr: "Ligne {row}, colonne « {column} » : « {value} » n'est pas une adresse électronique.",
            zh: "第 {row} 行，“{column}”列：“{value}”不是电子邮件地址。",
        }
        InvalidText => {
            en: "Row {row}, column \"{column}\": \"{value}\" cannot be read as text in the chosen encoding; choose another encoding.",
            es: "Fila {row}, columna \"{column}\": \"{value}\" no se puede leer como texto con la codificación elegida; elija otra codificación.",
            fr: "Ligne {row}, colonne « {column} » : « {value} » ne peut pas être lu comme du texte dans l'encodage choisi ; choisissez un autre encodage.",
            zh: "第 {row} 行，“{column}”列：按所选编码无法将“{value}”读取为文本；请选择其他编码。",
        }
        DuplicateKey => {
            en: "Row {row}, column \"{column}\": \"{value}\" already appears in row {first_row}; only the first one is imported.",
            es: "Fila {row}, columna \"{column}\": \"{value}\" ya aparece en la fila {first_row}; solo se importa la primera.",
            fr: "Ligne {row}, colonne « {column} » : « {value} » figure déjà à la ligne {first_row} ; seule la première est importée.",
            zh: "第 {row} 行，“{column}”列：“{value}”已在第 {first_row} 行出现；只导入第一次出现的那一行。",
        }
        TooManyFields => {
            en: "Row {row}: the row has {found} values but the header has {expected} columns; a value probably holds the delimiter without quotes.",
            es: "Fila {row}: la fila tiene {found} valores pero la cabecera tiene {expected} columnas; probablemente un valor contiene el separador sin comillas.",
            fr: "Ligne {row} : la ligne a {found} valeurs mais l'en-tête a {expected} colonnes ; une valeur contient sans doute le séparateur sans guillemets.",
            zh: "第 {row} 行：该行有 {found} 个值，但表头有 {expected} 列；可能某个值包含了未加引号的分隔符。",
        }
        TooFewFields => {
            en: "Row {row}: the row has only {found} values but the header has {expected} columns.",
            es: "Fila {row}: la fila solo tiene {found} valores pero la cabecera tiene {expected} columnas.",
            fr: "Ligne {row} : la ligne n'a que {found} valeurs mais l'en-tête a {expected} colonnes.",
            zh: "第 {row} 行：该行只有 {found} 个值，但表头有 {expected} 列。",
        }
        IdTaken => {
            en: "Row {row}, column \"{column}\": the id \"{value}\" already belongs to another customer.",
            es: "Fila {row}, columna \"{column}\": el identificador \"{value}\" ya pertenece a otro cliente.",
            fr: "Ligne {row}, colonne « {column} » : l'identifiant « {value} » appartient déjà à un autre client.",
            zh: "第 {row} 行，“{column}”列：编号“{value}”已属于另一位客户。",
        }
        UnknownCustomer => {
            en: "Row {row}, column \"{column}\": there is no customer \"{value}\" in this workspace.",
            es: "Fila {row}, columna \"{column}\": no hay ningún cliente \"{value}\" en este espacio de trabajo.",
            fr: "Ligne {row}, colonne « {column} » : il n'y a pas de client « {value} » dans cet espace de travail.",
            zh: "第 {row} 行，“{column}”列：此工作区中没有客户“{value}”。",
        }

        PlanEmpty => {
            en: "The file is empty: there are no rows to import.",
            es: "El archivo está vacío: no hay filas que importar.",
            fr: "Le fichier est vide : il n'y a aucune ligne à importer.",
            zh: "文件为空：没有可导入的行。",
        }
        PlanFieldNotMapped => {
            en: "Choose the column that holds \"{field}\": it is required.",
            es: "Elija la columna que contiene \"{field}\": es obligatoria.",
            fr: "Choisissez la colonne qui contient « {field} » : elle est obligatoire.",
            zh: "请选择包含“{field}”的列：这是必填项。",
        }
        PlanColumnOutOfRange => {
            en: "The column chosen for \"{field}\" (column {column}) is not in the file, which has {columns} columns.",
            es: "La columna elegida para \"{field}\" (columna {column}) no está en el archivo, que tiene {columns} columnas.",
            fr: "La colonne choisie pour « {field} » (colonne {column}) n'existe pas dans le fichier, qui a {columns} colonnes.",
            zh: "为“{field}”选择的列（第 {column} 列）不在文件中，文件只有 {columns} 列。",
        }
        PlanColumnTwice => {
            en: "Column {column} is chosen for both \"{first}\" and \"{second}\"; choose one column for each.",
            es: "La columna {column} está elegida para \"{first}\" y para \"{second}\"; elija una columna para cada uno.",
            fr: "La colonne {column} est choisie à la fois pour « {first} » et « {second} » ; choisissez une colonne pour chacun.",
            zh: "第 {column} 列同时被选为“{first}”和“{second}”；请为每一项各选一列。",
        }

        BackupNotABackup => {
            en: "This file is not a Customer Insight backup.",
            es: "Este archivo no es una copia de seguridad de Customer Insight.",
            fr: "Ce fichier n'est pas une sauvegarde de Customer Insight.",
            zh: "此文件不是 Customer Insight 的备份。",
        }
        BackupNewerVersion => {
            en: "This backup comes from a newer version of Customer Insight (backup format {found}; this version reads formats up to {supported}). Update the app, then restore it.",
            es: "Esta copia de seguridad procede de una versión más reciente de Customer Insight (formato {found}; esta versión lee hasta el formato {supported}). Actualice la aplicación y restáurela después.",
            fr: "Cette sauvegarde provient d'une version plus récente de Customer Insight (format {found} ; cette version lit jusqu'au format {supported}). Mettez l'application à jour, puis restaurez-la.",
            zh: "此备份来自更新版本的 Customer Insight（备份格式 {found}；当前版本最高只能读取格式 {supported}）。请先更新应用，再进行恢复。",
        }
        BackupDamaged => {
            en: "The backup is damaged: {detail}. It cannot be restored.",
            es: "La copia de seguridad está dañada: {detail}. No se puede restaurar.",
            fr: "La sauvegarde est endommagée : {detail}. Elle ne peut pas être restaurée.",
            zh: "备份已损坏：{detail}。无法恢复。",
        }
        BackupTooLarge => {
            en: "The backup unpacks to more than {limit} MB, more than this app can open.",
            es: "La copia de seguridad ocupa más de {limit} MB al descomprimirse, más de lo que esta aplicación puede abrir.",
            fr: "La sauvegarde dépasse {limit} Mo une fois décompressée, plus que ce que cette application peut ouvrir.",
            zh: "备份解压后超过 {limit} MB，超出本应用可打开的大小。",
        }
        BackupInconsistent => {
            en: "The workspace cannot be backed up: {detail}.",
            es: "No se puede hacer una copia de seguridad del espacio de trabajo: {detail}.",
            fr: "L'espace de travail ne peut pas être sauvegardé : {detail}.",
            zh: "无法备份此工作区：{detail}。",
        }
        DamageTruncated => {
            en: "the file is cut short",
            es: "el archivo está incompleto",
            fr: "le fichier est tronqué",
            zh: "文件不完整",
        }
        DamageChecksum => {
            en: "its contents do not match their checksum",
            es: "su contenido no coincide con su suma de verificación",
            fr: "son contenu ne correspond pas à sa somme de contrôle",
            zh: "内容与校验和不符",
        }
        DamageUnreadable => {
            en: "its contents cannot be read",
            es: "su contenido no se puede leer",
            fr: "son contenu est illisible",
            zh: "内容无法读取",
        }
        DamageInconsistent => {
            en: "its records do not fit together ({what})",
            es: "sus registros no encajan entre sí ({what})",
            fr: "ses enregistrements ne concordent pas ({what})",
            zh: "记录之间互相矛盾（{what}）",
        }

        FieldCustomerId => { en: "Customer id", es: "ID de cliente", fr: "Identifiant client", zh: "客户编号" }
        FieldDate => { en: "Date", es: "Fecha", fr: "Date", zh: "日期" }
        FieldAmount => { en: "Amount", es: "Importe", fr: "Montant", zh: "金额" }
        FieldCost => { en: "Cost", es: "Coste", fr: "Coût", zh: "成本" }
        FieldKind => { en: "Kind", es: "Tipo", fr: "Type", zh: "类型" }
        FieldProduct => { en: "Product", es: "Producto", fr: "Produit", zh: "产品" }
        FieldQuantity => { en: "Quantity", es: "Cantidad", fr: "Quantité", zh: "数量" }
        FieldName => { en: "Name", es: "Nombre", fr: "Nom", zh: "姓名" }
        FieldCompany => { en: "Company", es: "Empresa", fr: "Entreprise", zh: "公司" }
        FieldEmail => { en: "E-mail", es: "Correo electrónico", fr: "Courriel", zh: "电子邮件" }
        FieldPhone => { en: "Phone", es: "Teléfono", fr: "Téléphone", zh: "电话" }
        FieldAddress => { en: "Address", es: "Dirección", fr: "Adresse", zh: "地址" }
        FieldSegment => { en: "Segment", es: "Segmento", fr: "Segment", zh: "细分" }
        FieldChannel => { en: "Acquisition channel", es: "Canal de captación", fr: "Canal d'acquisition", zh: "获客渠道" }
        FieldAcquisitionDate => { en: "Acquisition date", es: "Fecha de alta", fr: "Date d'acquisition", zh: "获客日期" }
        FieldTags => { en: "Tags", es: "Etiquetas", fr: "Étiquettes", zh: "标签" }
        FieldNote => { en: "Notes", es: "Notas", fr: "Notes", zh: "备注" }
        FieldLevel => { en: "Relationship level", es: "Nivel de relación", fr: "Niveau de relation", zh: "关系层级" }
        FieldManager => { en: "Relationship manager", es: "Gestor de relación", fr: "Chargé de clientèle", zh: "客户经理" }
        FieldOutcome => { en: "Outcome", es: "Resultado", fr: "Résultat", zh: "结果" }
        FieldReason => { en: "Exit reason", es: "Motivo de baja", fr: "Motif de départ", zh: "流失原因" }

        KindTransactions => { en: "Transactions", es: "Transacciones", fr: "Transactions", zh: "交易" }
        KindCustomers => { en: "Customers", es: "Clientes", fr: "Clients", zh: "客户" }
        KindInteractions => { en: "Interactions", es: "Interacciones", fr: "Interactions", zh: "互动" }
        KindExits => { en: "Exits", es: "Bajas", fr: "Départs", zh: "流失" }

        DelimiterComma => { en: "Comma (,)", es: "Coma (,)", fr: "Virgule (,)", zh: "逗号（,）" }
        DelimiterSemicolon => { en: "Semicolon (;)", es: "Punto y coma (;)", fr: "Point-virgule (;)", zh: "分号（;）" }
        DelimiterTab => { en: "Tab", es: "Tabulador", fr: "Tabulation", zh: "制表符" }
        DelimiterPipe => { en: "Vertical bar (|)", es: "Barra vertical (|)", fr: "Barre verticale (|)", zh: "竖线（|）" }
        DecimalDot => { en: "Dot: 1,234.56", es: "Punto: 1,234.56", fr: "Point : 1,234.56", zh: "小数点：1,234.56" }
        DecimalComma => { en: "Comma: 1.234,56", es: "Coma: 1.234,56", fr: "Virgule : 1.234,56", zh: "小数逗号：1.234,56" }
        DateYmd => { en: "YYYY-MM-DD", es: "AAAA-MM-DD", fr: "AAAA-MM-JJ", zh: "YYYY-MM-DD（年-月-日）" }
        DateDmy => { en: "DD/MM/YYYY", es: "DD/MM/AAAA", fr: "JJ/MM/AAAA", zh: "DD/MM/YYYY（日/月/年）" }
        DateMdy => { en: "MM/DD/YYYY", es: "MM/DD/AAAA", fr: "MM/JJ/AAAA", zh: "MM/DD/YYYY（月/日/年）" }
    }
}

/// The name of a field, as the wizard's mapping step shows it.
pub fn field_label(field: Field, locale: Locale) -> &'static str {
    use ImportProblemText as T;
    let key = match field {
        Field::CustomerId => T::FieldCustomerId,
        Field::Date => T::FieldDate,
        Field::Amount => T::FieldAmount,
        Field::Cost => T::FieldCost,
        Field::Kind => T::FieldKind,
        Field::Product => T::FieldProduct,
        Field::Quantity => T::FieldQuantity,
        Field::Name => T::FieldName,
        Field::Company => T::FieldCompany,
        Field::Email => T::FieldEmail,
        Field::Phone => T::FieldPhone,
        Field::Address => T::FieldAddress,
        Field::Segment => T::FieldSegment,
        Field::Channel => T::FieldChannel,
        Field::AcquisitionDate => T::FieldAcquisitionDate,
        Field::Tags => T::FieldTags,
        Field::Note => T::FieldNote,
        Field::Level => T::FieldLevel,
        Field::Manager => T::FieldManager,
        Field::Outcome => T::FieldOutcome,
        Field::Reason => T::FieldReason,
    };
    key.text(locale)
}

/// The name of a record kind.
pub fn record_kind_label(kind: RecordKind, locale: Locale) -> &'static str {
    match kind {
        RecordKind::Transactions => ImportProblemText::KindTransactions,
        RecordKind::Customers => ImportProblemText::KindCustomers,
        RecordKind::Interactions => ImportProblemText::KindInteractions,
        RecordKind::Exits => ImportProblemText::KindExits,
    }
    .text(locale)
}

/// The name of a delimiter.
pub fn delimiter_label(delimiter: Delimiter, locale: Locale) -> &'static str {
    match delimiter {
        Delimiter::Comma => ImportProblemText::DelimiterComma,
        Delimiter::Semicolon => ImportProblemText::DelimiterSemicolon,
        Delimiter::Tab => ImportProblemText::DelimiterTab,
        Delimiter::Pipe => ImportProblemText::DelimiterPipe,
    }
    .text(locale)
}

/// The name of a decimal separator, with an example.
pub fn decimal_label(decimal: DecimalSeparator, locale: Locale) -> &'static str {
    match decimal {
        DecimalSeparator::Dot => ImportProblemText::DecimalDot,
        DecimalSeparator::Comma => ImportProblemText::DecimalComma,
    }
    .text(locale)
}

/// A date order as a pattern a person reads (`DD/MM/YYYY`, `JJ/MM/AAAA`…).
pub fn date_order_label(order: DateOrder, locale: Locale) -> &'static str {
    match order {
        DateOrder::YearMonthDay => ImportProblemText::DateYmd,
        DateOrder::DayMonthYear => ImportProblemText::DateDmy,
        DateOrder::MonthDayYear => ImportProblemText::DateMdy,
    }
    .text(locale)
}

/// The sentence for a row problem, naming the row, the column and the value.
pub fn problem_sentence(p: &RowProblem, locale: Locale) -> String {
    use ImportProblemText as T;
    let row = p.row.to_string();
    let mut extra: Vec<(&str, String)> = Vec::new();
    let key = match p.problem {
        Problem::Missing => T::Missing,
        Problem::NotANumber { decimal } => {
            let example = match decimal {
                DecimalSeparator::Dot => "1234.56",
                DecimalSeparator::Comma => "1234,56",
            };
            extra.push(("example", example.to_owned()));
            T::NotANumber
        }
        Problem::NotADate { expected } => {
            extra.push(("format", date_order_label(expected, locale).to_owned()));
            T::NotADate
        }
        Problem::FutureDate => T::FutureDate,
        Problem::Negative => T::Negative,
        Problem::UnknownTransactionKind => T::UnknownTransactionKind,
        Problem::UnknownInteractionKind => T::UnknownInteractionKind,
        Problem::UnknownExitReason => T::UnknownExitReason,
        Problem::UnknownLevel => T::UnknownLevel,
        Problem::NotAnEmail => T::NotAnEmail,
        Problem::InvalidText => T::InvalidText,
        Problem::DuplicateKey { first_row } => {
            extra.push(("first_row", first_row.to_string()));
            T::DuplicateKey
        }
        Problem::TooManyFields { expected, found } => {
            extra.push(("expected", expected.to_string()));
            extra.push(("found", found.to_string()));
            T::TooManyFields
        }
        Problem::TooFewFields { expected, found } => {
            extra.push(("expected", expected.to_string()));
            extra.push(("found", found.to_string()));
            T::TooFewFields
        }
        Problem::IdTaken => T::IdTaken,
        Problem::UnknownCustomer => T::UnknownCustomer,
    };
    let mut args: Vec<(&str, &str)> =
        vec![("row", &row), ("column", &p.column), ("value", &p.value)];
    args.extend(extra.iter().map(|(k, v)| (*k, v.as_str())));
    fill(key.text(locale), &args)
}

/// The sentence for a plan that cannot read its file.
pub fn plan_error_sentence(e: &PlanError, locale: Locale) -> String {
    use ImportProblemText as T;
    match e {
        PlanError::Empty => T::PlanEmpty.text(locale).to_owned(),
        PlanError::FieldNotMapped { field } => fill(
            T::PlanFieldNotMapped.text(locale),
            &[("field", field_label(*field, locale))],
        ),
        PlanError::ColumnOutOfRange {
            field,
            column,
            columns,
        } => fill(
            T::PlanColumnOutOfRange.text(locale),
            &[
                ("field", field_label(*field, locale)),
                (
                    "column",
                    &crate::import::sniff::column_letter(*column as usize),
                ),
                ("columns", &columns.to_string()),
            ],
        ),
        PlanError::ColumnTwice {
            column,
            first,
            second,
        } => fill(
            T::PlanColumnTwice.text(locale),
            &[
                (
                    "column",
                    &crate::import::sniff::column_letter(*column as usize),
                ),
                ("first", field_label(*first, locale)),
                ("second", field_label(*second, locale)),
            ],
        ),
    }
}

/// The sentence for a backup that cannot be made or restored.
pub fn backup_error_sentence(e: &BackupError, locale: Locale) -> String {
    use ImportProblemText as T;
    match e {
        BackupError::NotABackup => T::BackupNotABackup.text(locale).to_owned(),
        BackupError::NewerVersion { found, supported } => fill(
            T::BackupNewerVersion.text(locale),
            &[
                ("found", &found.to_string()),
                ("supported", &supported.to_string()),
            ],
        ),
        BackupError::Damaged(damage) => {
            let detail = match damage {
                Damage::Truncated => T::DamageTruncated.text(locale).to_owned(),
                Damage::Checksum => T::DamageChecksum.text(locale).to_owned(),
                Damage::Unreadable => T::DamageUnreadable.text(locale).to_owned(),
                Damage::Inconsistent(problem) => fill(
                    T::DamageInconsistent.text(locale),
                    &[("what", &super::storage::bundle_problem_detail(problem, locale))],
                ),
            };
            fill(T::BackupDamaged.text(locale), &[("detail", &detail)])
        }
        BackupError::TooLarge { limit_bytes } => fill(
            T::BackupTooLarge.text(locale),
            &[("limit", &(limit_bytes / 1_000_000).to_string())],
        ),
        BackupError::Inconsistent(problem) => fill(
            T::BackupInconsistent.text(locale),
            &[("detail", &super::storage::bundle_problem_detail(problem, locale))],
        ),
        BackupError::Encoding(detail) => {
            fill(T::BackupInconsistent.text(locale), &[("detail", detail)])
        }
    }
}

impl Sentence for RowProblem {
    fn sentence(&self, locale: Locale) -> String {
        problem_sentence(self, locale)
    }
}

impl Sentence for PlanError {
    fn sentence(&self, locale: Locale) -> String {
        plan_error_sentence(self, locale)
    }
}

impl Sentence for BackupError {
    fn sentence(&self, locale: Locale) -> String {
        backup_error_sentence(self, locale)
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&problem_sentence(self, Locale::En))
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plan_error_sentence(self, Locale::En))
    }
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&backup_error_sentence(self, Locale::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(problem: Problem) -> RowProblem {
        RowProblem {
            row: 7,
            column: "Importe".into(),
            value: "12,5x".into(),
            problem,
        }
    }

    #[test]
    fn sentences_name_row_column_and_value_in_every_language() {
        let p = problem(Problem::NotANumber {
            decimal: DecimalSeparator::Comma,
        });
        assert_eq!(
            problem_sentence(&p, Locale::En),
            "Row 7, column \"Importe\": \"12,5x\" is not a number (write it like 1234,56)."
        );
        assert_eq!(
            problem_sentence(&p, Locale::Fr),
            "Ligne 7, colonne « Importe » : « 12,5x » n'est pas un nombre (écrivez-le comme 1234,56)."
        );
        for locale in Locale::ALL {
            let s = problem_sentence(&p, locale);
            assert!(
                s.contains('7') && s.contains("Importe") && s.contains("12,5x"),
                "{s}"
            );
            assert!(!s.contains('{'), "{s}");
        }
        let p = problem(Problem::NotADate {
            expected: DateOrder::DayMonthYear,
        });
        assert!(problem_sentence(&p, Locale::Es).contains("DD/MM/AAAA"));
        let p = problem(Problem::TooManyFields {
            expected: 3,
            found: 4,
        });
        assert_eq!(
            problem_sentence(&p, Locale::En),
            "Row 7: the row has 4 values but the header has 3 columns; a value probably holds the delimiter without quotes."
        );
    }

    #[test]
    fn every_field_has_a_label() {
        for field in Field::ALL {
            for locale in Locale::ALL {
                assert!(!field_label(field, locale).is_empty());
            }
        }
    }
}
