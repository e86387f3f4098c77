//! The import wizard's column mapping: the fields of each record kind, a guess of which column
//! holds each field from header names in English, Spanish, French and Chinese, and the names of
//! kinds, reasons and levels in those four languages.
//!
//! Names are compared in a folded form ([`fold_name`]): lower case, accents removed, and every
//! character that is not a letter or a digit dropped, so `N° Client`, `n_client` and `NCLIENT`
//! all read `nclient`, and `Fecha pedido` reads `fechapedido`. The alias tables below are written
//! in that folded form (a test checks it).

use serde::{Deserialize, Serialize};

use crate::domain::{ExitReason, InteractionKind, RelationshipLevel, TransactionKind};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum RecordKind {
    /// Orders and returns.
    #[default]
    Transactions,
    /// General information about customers (created or updated by a key).
    Customers,
    /// Complaints, consultations, calls, visits…
    Interactions,
    /// Recorded exits with their reasons.
    Exits,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Transactions,
        RecordKind::Customers,
        RecordKind::Interactions,
        RecordKind::Exits,
    ];

    /// The stable snake_case name (as in import batches).
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Transactions => "transactions",
            RecordKind::Customers => "customers",
            RecordKind::Interactions => "interactions",
            RecordKind::Exits => "exits",
        }
    }

    /// The fields of this kind, in the order a wizard shows them. Which ones are required may
    /// depend on the customer key ([`RecordKind::is_required`]).
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            RecordKind::Transactions => &[CustomerId, Date, Amount, Cost, Kind, Product, Quantity],
            RecordKind::Customers => &[
                CustomerId,
                Name,
                Company,
                Email,
                Phone,
                Address,
                Segment,
                Channel,
                AcquisitionDate,
                Tags,
                Note,
                Level,
                Manager,
            ],
            RecordKind::Interactions => &[CustomerId, Date, Kind, Cost, Note, Outcome],
            RecordKind::Exits => &[CustomerId, Date, Reason, Note],
        }
    }

    /// Whether `field` must have a column (and a value in every row). For customers the key
    /// field is required: the customer id when updating by id, the e-mail when by e-mail.
    pub fn is_required(self, field: Field, key: CustomerKey) -> bool {
        use Field::*;
        match self {
            RecordKind::Transactions => matches!(field, CustomerId | Date | Amount),
            RecordKind::Customers => match key {
                CustomerKey::Id => field == CustomerId,
                CustomerKey::Email => field == Email,
            },
            RecordKind::Interactions => matches!(field, CustomerId | Date | Kind),
            RecordKind::Exits => matches!(field, CustomerId | Date | Reason),
        }
    }
}

/// Which field identifies a customer when a customers file creates or updates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum CustomerKey {
    /// The customer id.
    #[default]
    Id,
    /// The e-mail address (compared without case); new customers without an id get their
    /// e-mail as id.
    Email,
}

/// A field a file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    /// The customer's id.
    CustomerId,
    /// The day of a transaction, interaction or exit.
    Date,
    /// A transaction's amount.
    Amount,
    /// Cost of goods (transactions) or the contact's own cost (interactions).
    Cost,
    /// Order or return (transactions); complaint, call, visit… (interactions).
    Kind,
    /// Product name or code.
    Product,
    /// Quantity.
    Quantity,
    /// Customer's name.
    Name,
    /// Company.
    Company,
    /// E-mail address.
    Email,
    /// Telephone.
    Phone,
    /// Postal address.
    Address,
    /// Marketing segment.
    Segment,
    /// Acquisition channel.
    Channel,
    /// Acquisition date.
    AcquisitionDate,
    /// Tags, separated by `;`, `,` or `|` inside the cell.
    Tags,
    /// Free notes (customers), the note of an interaction or an exit.
    Note,
    /// Relationship-marketing level (financial, social, structural).
    Level,
    /// The responsible relationship manager's id.
    Manager,
    /// Outcome of an interaction.
    Outcome,
    /// Why a customer left.
    Reason,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 21] = [
        Field::CustomerId,
        Field::Date,
        Field::Amount,
        Field::Cost,
        Field::Kind,
        Field::Product,
        Field::Quantity,
        Field::Name,
        Field::Company,
        Field::Email,
        Field::Phone,
        Field::Address,
        Field::Segment,
        Field::Channel,
        Field::AcquisitionDate,
        Field::Tags,
        Field::Note,
        Field::Level,
        Field::Manager,
        Field::Outcome,
        Field::Reason,
    ];

    /// The stable snake_case name, as in the product's own CSV files.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::CustomerId => "customer_id",
            Field::Date => "date",
            Field::Amount => "amount",
            Field::Cost => "cost",
            Field::Kind => "kind",
            Field::Product => "product",
            Field::Quantity => "quantity",
            Field::Name => "name",
            Field::Company => "company",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Address => "address",
            Field::Segment => "segment",
            Field::Channel => "acquisition_channel",
            Field::AcquisitionDate => "acquisition_date",
            Field::Tags => "tags",
            Field::Note => "notes",
            Field::Level => "relationship_level",
            Field::Manager => "manager_id",
            Field::Outcome => "outcome",
            Field::Reason => "reason",
        }
    }

    /// Header names that name this field, folded ([`fold_name`]).
    #[rustfmt::skip]
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::CustomerId => &[
                "customerid", "customer", "customerno", "customernumber", "customercode", "customerref",
                "clientid", "client", "clientno", "clientnumber", "clientcode", "custid", "cust", "custno",
                "accountid", "account", "accountnumber", "idcliente", "cliente", "clienteid", "codigocliente",
                "codcliente", "numcliente", "numerocliente", "nrocliente", "ncliente", "nodecliente",
                "identifiantclient", "idclient", "nclient", "numeroclient", "noclient", "codeclient",
                "refclient", "referenceclient", "客户", "客户id", "客户编号", "客户号", "客户代码", "客户编码", "会员号", "会员编号",
                "会员id", "会员", "会员卡号", "顾客", "顾客id", "顾客编号",
            ],
            Field::Date => &[
                "date", "orderdate", "transactiondate", "purchasedate", "saledate", "invoicedate", "day",
                "interactiondate", "contactdate", "exitdate", "churndate", "leavingdate", "fecha",
                "fechapedido", "fechadepedido", "fechacompra", "fechadecompra", "fechaventa", "fechadeventa",
                "fechafactura", "fechacontacto", "fechadecontacto", "fechainteraccion", "fechabaja",
                "fechadebaja", "dia", "datecommande", "datedecommande", "dateachat", "datedachat",
                "datefacture", "datecontact", "datedecontact", "datedepart", "datededepart", "jour", "日期",
                "交易日期", "订单日期", "下单日期", "购买日期", "销售日期", "联系日期", "互动日期", "流失日期", "退出日期", "离开日期",
            ],
            Field::Amount => &[
                "amount", "value", "total", "sales", "revenue", "netamount", "totalamount", "ordertotal",
                "ordervalue", "importe", "monto", "valor", "importetotal", "ventas", "montototal", "montant",
                "montantttc", "montanttotal", "valeur", "chiffredaffaires", "ca", "金额", "销售额", "订单金额", "总额",
                "总金额", "总计", "实付金额", "交易金额", "营业额",
            ],
            Field::Cost => &[
                "cost", "cogs", "costofgoods", "costofgoodssold", "costs", "coste", "costo", "costes",
                "costos", "costedeventas", "costodeventas", "cout", "couts", "coutdachat", "coutdevente",
                "prixdachat", "成本", "成本金额", "销售成本", "进货成本", "费用",
            ],
            Field::Kind => &[
                "kind", "type", "transactiontype", "transactionkind", "ordertype", "interactiontype",
                "interactionkind", "contacttype", "category", "tipo", "tipodetransaccion", "tipodeoperacion",
                "tipodeinteraccion", "tipodecontacto", "operacion", "clase", "typedetransaction",
                "typedoperation", "typedinteraction", "typedecontact", "nature", "operation", "类型", "交易类型",
                "互动类型", "联系类型", "类别", "种类",
            ],
            Field::Product => &[
                "product", "productid", "productname", "productcode", "sku", "item", "itemid", "itemname",
                "producto", "articulo", "referencia", "ref", "codigoproducto", "produit", "article",
                "reference", "designation", "codeproduit", "产品", "商品", "产品名称", "商品名称", "产品编号", "商品编号", "货号",
            ],
            Field::Quantity => &[
                "quantity", "qty", "units", "cantidad", "unidades", "cant", "quantite", "qte",
                "数量", "件数",
            ],
            Field::Name => &[
                "name", "customername", "fullname", "contactname", "clientname", "nombre", "nombrecliente",
                "nombredelcliente", "nombrecompleto", "nom", "nomclient", "nomducliente", "nomcomplet", "姓名",
                "名称", "客户名称", "客户姓名", "名字", "联系人",
            ],
            Field::Company => &[
                "company", "companyname", "organization", "organisation", "business", "firm", "empresa",
                "compania", "razonsocial", "entreprise", "societe", "raisonsociale", "公司", "公司名称", "单位", "企业",
                "企业名称",
            ],
            Field::Email => &[
                "email", "emailaddress", "mail", "correo", "correoelectronico", "courriel", "adressemail",
                "adresseemail", "adresseelectronique", "邮箱", "电子邮件", "电子邮箱", "邮件", "邮箱地址", "电邮",
            ],
            Field::Phone => &[
                "phone", "telephone", "tel", "phonenumber", "mobile", "cell", "telefono", "movil", "celular",
                "portable", "numerodetelephone", "电话", "手机", "手机号", "电话号码", "联系电话", "手机号码",
            ],
            Field::Address => &[
                "address", "street", "postaladdress", "direccion", "domicilio", "adresse", "adressepostale",
                "地址", "联系地址", "通讯地址",
            ],
            Field::Segment => &[
                "segment", "customersegment", "group", "category", "segmento", "grupo", "categoria", "groupe",
                "categorie", "细分", "客户细分", "分组", "客户分类", "类别",
            ],
            Field::Channel => &[
                "channel", "acquisitionchannel", "source", "leadsource", "origin", "canal",
                "canaldeadquisicion", "canaldecaptacion", "origen", "fuente", "canaldacquisition",
                "provenance", "渠道", "获客渠道", "来源", "客户来源",
            ],
            Field::AcquisitionDate => &[
                "acquisitiondate", "acquireddate", "signupdate", "customersince", "createdat",
                "registrationdate", "joindate", "datejoined", "fechaalta", "fechadealta", "fechaadquisicion",
                "fechadeadquisicion", "fecharegistro", "fechaderegistro", "clientedesde", "datedacquisition",
                "dateacquisition", "dateinscription", "datedinscription", "datecreation", "datedecreation",
                "clientdepuis", "获客日期", "注册日期", "加入日期", "入会日期", "开户日期",
            ],
            Field::Tags => &[
                "tags", "tag", "labels", "etiquetas", "etiqueta", "etiquettes", "etiquette", "motscles", "标签",
            ],
            Field::Note => &[
                "notes", "note", "comment", "comments", "remarks", "description", "nota", "notas",
                "observaciones", "comentario", "comentarios", "remarque", "remarques", "commentaire",
                "commentaires", "备注", "说明", "内容", "记录", "描述",
            ],
            Field::Level => &[
                "relationshiplevel", "level", "relationship", "nivel", "niveldelarelacion", "nivelderelacion",
                "relacion", "niveau", "niveaudelarelation", "niveauderelation", "relation", "关系层级", "关系级别",
                "层级", "级别", "关系",
            ],
            Field::Manager => &[
                "managerid", "manager", "accountmanager", "relationshipmanager", "owner", "salesrep", "rep",
                "gestor", "gestorid", "responsable", "comercial", "ejecutivo", "ejecutivodecuenta",
                "gestionnaire", "chargedeclientele", "charge", "commercial", "客户经理", "负责人", "经理", "销售代表",
                "业务员",
            ],
            Field::Outcome => &[
                "outcome", "result", "resolution", "status", "resultado", "resolucion", "estado", "resultat",
                "issue", "statut", "结果", "处理结果", "状态",
            ],
            Field::Reason => &[
                "reason", "exitreason", "churnreason", "cause", "motivo", "razon", "causa", "motivodebaja",
                "motivobaja", "raison", "motif", "raisondudepart", "motifdudepart", "原因", "流失原因", "退出原因",
                "离开原因",
            ],
        }
    }

    /// Names that name this field only weakly (a bare `id` is most likely the customer id).
    #[rustfmt::skip]
    fn weak_aliases(self) -> &'static [&'static str] {
        match self {
            Field::CustomerId => &[
                "id", "code", "codigo", "numero", "no", "编号", "号码", "代码",
            ],
            Field::Date => &["time", "timestamp", "fechahora", "heure", "时间"],
            Field::Amount => &["price", "precio", "prix", "net", "价格"],
            _ => &[],
        }
    }
}

/// Folds a name for comparison: lower case, accents removed (Latin letters of the four
/// languages), full-width ASCII made narrow, and everything but letters and digits dropped.
///
/// Written by hand rather than with a Unicode-normalisation crate: the names compared are a
/// closed list, and the crate's tables would add to a wasm bundle whose size we watch.
pub fn fold_name(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        };
        for lower in c.to_lowercase() {
            match lower {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => out.push('a'),
                'ç' | 'č' => out.push('c'),
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => out.push('e'),
                'ì' | 'í' | 'î' | 'ï' | 'ī' => out.push('i'),
                'ñ' | 'ň' => out.push('n'),
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => out.push('o'),
                'ù' | 'ú' | 'û' | 'ü' | 'ū' => out.push('u'),
                'ý' | 'ÿ' => out.push('y'),
                'œ' => out.push_str("oe"),
                'æ' => out.push_str("ae"),
                'ß' => out.push_str("ss"),
                // Ordinal indicators (`Nº`) are letters to Unicode but punctuation to people.
                'º' | 'ª' => {}
                c if c.is_alphanumeric() => out.push(c),
                _ => {}
            }
        }
    }
    out
}

/// The words of a header cell, folded, for partial matches (`Amount (EUR)` → `amount`, `eur`).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() || c == 'º' || c == 'ª')
        .map(fold_name)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a folded alias is written in CJK characters (any non-ASCII character here).
fn is_cjk(alias: &str) -> bool {
    !alias.is_ascii()
}

/// How well a header cell names `field`, from 0 (not at all) to 1 (an exact known name).
fn score(field: Field, folded: &str, words: &[String]) -> f32 {
    if folded.is_empty() {
        return 0.0;
    }
    if field.aliases().contains(&folded) {
        return 1.0;
    }
    if field.weak_aliases().contains(&folded) {
        return 0.6;
    }
    let mut best: f32 = 0.0;
    for alias in field.aliases() {
        if words.len() > 1 && alias.chars().count() >= 3 && words.iter().any(|w| w == alias) {
            best = best.max(0.7);
        } else if (is_cjk(alias) && alias.chars().count() >= 2 || alias.len() >= 5)
            && folded.contains(alias)
        {
            best = best.max(0.5);
        }
    }
    best
}

/// One field's column in a [`Mapping`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldColumn {
    /// The field.
    pub field: Field,
    /// The 0-based column that holds it, or `None` when the file does not have it.
    pub column: Option<u32>,
}

/// Which column holds each field of a record kind; the person can change every entry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Mapping {
    /// One entry per field of the kind, in the kind's field order.
    pub fields: Vec<FieldColumn>,
}

impl Mapping {
    /// A mapping of `kind` with no column chosen.
    pub fn empty(kind: RecordKind) -> Mapping {
        Mapping {
            fields: kind
                .fields()
                .iter()
                .map(|&field| FieldColumn {
                    field,
                    column: None,
                })
                .collect(),
        }
    }

    /// The column of `field`, if chosen.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .and_then(|f| f.column)
            .map(|c| c as usize)
    }

    /// Chooses `column` for `field` (adding the field if the mapping lacks it); `None` clears it.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        let column = column.map(|c| c as u32);
        match self.fields.iter_mut().find(|f| f.field == field) {
            Some(entry) => entry.column = column,
            None => self.fields.push(FieldColumn { field, column }),
        }
    }
}

/// The guess for one field: its column and how sure the guess is (0–1; 1 is an exact known
/// header name, 0.7 a known name among other words, 0.5–0.6 a weaker hint).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FieldGuess {
    /// The field.
    pub field: Field,
    /// The column guessed, if any.
    pub column: Option<u32>,
    /// Confidence of the guess (0 when no column was guessed).
    pub confidence: f32,
}

/// A guessed mapping with a confidence per field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MappingGuess {
    /// One guess per field of the kind, in the kind's field order.
    pub fields: Vec<FieldGuess>,
}

impl MappingGuess {
    /// The guess as an editable mapping.
    pub fn mapping(&self) -> Mapping {
        Mapping {
            fields: self
                .fields
                .iter()
                .map(|g| FieldColumn {
                    field: g.field,
                    column: g.column,
                })
                .collect(),
        }
    }

    /// The confidence of `field`'s guess (0 when none).
    pub fn confidence(&self, field: Field) -> f32 {
        self.fields
            .iter()
            .find(|g| g.field == field)
            .map_or(0.0, |g| g.confidence)
    }

    /// How many of `kind`'s required fields (for `key`) were found.
    pub fn required_found(&self, kind: RecordKind, key: CustomerKey) -> usize {
        self.fields
            .iter()
            .filter(|g| g.column.is_some() && kind.is_required(g.field, key))
            .count()
    }
}

/// Guesses which column of `header` holds each field of `kind`: every (field, column) pair is
/// scored, then the best pairs are taken greedily so that a column serves one field and a field
/// one column (ties go to the earlier field, then the earlier column).
pub fn guess_mapping(kind: RecordKind, header: &[String]) -> MappingGuess {
    let folded: Vec<(String, Vec<String>)> =
        header.iter().map(|h| (fold_name(h), words(h))).collect();
    let fields = kind.fields();
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (fi, &field) in fields.iter().enumerate() {
        for (ci, (name, words)) in folded.iter().enumerate() {
            let s = score(field, name, words);
            if s > 0.0 {
                pairs.push((s, fi, ci));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut guesses: Vec<FieldGuess> = fields
        .iter()
        .map(|&field| FieldGuess {
            field,
            column: None,
            confidence: 0.0,
        })
        .collect();
    let mut column_taken = vec![false; header.len()];
    for (s, fi, ci) in pairs {
        if guesses[fi].column.is_none() && !column_taken[ci] {
            guesses[fi].column = Some(ci as u32);
            guesses[fi].confidence = s;
            column_taken[ci] = true;
        }
    }
    MappingGuess { fields: guesses }
}

/// The record kind a header most likely belongs to: among the kinds whose required fields are
/// all found (customers by id), the one with the highest total confidence over its fields;
/// `None` when no kind has all its required fields.
pub fn guess_kind(header: &[String]) -> Option<RecordKind> {
    let mut best: Option<(RecordKind, f32)> = None;
    for kind in RecordKind::ALL {
        let guess = guess_mapping(kind, header);
        let required = kind
            .fields()
            .iter()
            .filter(|&&f| kind.is_required(f, CustomerKey::Id))
            .count();
        if guess.required_found(kind, CustomerKey::Id) < required {
            continue;
        }
        // The kind that explains more of the columns, and more surely, wins.
        let total: f32 = guess.fields.iter().map(|g| g.confidence).sum();
        if best.is_none_or(|(_, t)| total > t) {
            best = Some((kind, total));
        }
    }
    best.map(|(k, _)| k)
}

/// Looks up a folded value in a table of names.
fn lookup<T: Copy>(text: &str, table: &[(T, &[&str])]) -> Option<T> {
    let folded = fold_name(text);
    table
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map(|(v, _)| *v)
}

#[rustfmt::skip]
static TRANSACTION_KINDS: &[(TransactionKind, &[&str])] = &[
    (
        TransactionKind::Order,
        &[
            "order", "orders", "purchase", "sale", "sales", "buy", "invoice", "o", "pedido",
            "pedidos", "compra", "venta", "orden", "factura", "commande", "achat", "vente",
            "facture", "订单", "销售", "购买", "下单", "订购",
        ],
    ),
    (
        TransactionKind::Return,
        &[
            "return", "returns", "returned", "refund", "refunded", "creditnote", "credit", "r", "devolucion",
            "devoluciones", "devuelto", "reembolso", "abono", "retour", "retours", "remboursement", "avoir",
            "退货", "退款", "退单", "退回",
        ],
    ),
];

#[rustfmt::skip]
static INTERACTION_KINDS: &[(InteractionKind, &[&str])] = &[
    (
        InteractionKind::Complaint,
        &[
            "complaint", "complaints", "claim", "queja", "reclamacion", "reclamo", "plainte", "reclamation",
            "投诉", "抱怨",
        ],
    ),
    (
        InteractionKind::ServiceConsultation,
        &[
            "serviceconsultation", "consultation", "inquiry", "enquiry", "question", "support",
            "servicerequest", "consulta", "consultadeservicio", "pregunta", "soporte", "demande",
            "demandedeservice", "renseignement", "咨询", "服务咨询", "询问", "客服",
        ],
    ),
    (
        InteractionKind::Call,
        &[
            "call", "phonecall", "telephone", "phone", "llamada", "llamadatelefonica", "telefono", "appel",
            "appeltelephonique", "电话", "来电", "致电", "通话",
        ],
    ),
    (
        InteractionKind::Visit,
        &["visit", "visita", "visite", "拜访", "访问", "上门"],
    ),
    (
        InteractionKind::Email,
        &[
            "email", "mail", "correo", "correoelectronico", "courriel", "邮件", "电子邮件",
        ],
    ),
    (
        InteractionKind::Meeting,
        &[
            "meeting", "reunion", "cita", "rendezvous", "会议", "会面", "见面",
        ],
    ),
    (
        InteractionKind::Event,
        &["event", "evento", "evenement", "活动"],
    ),
    (
        InteractionKind::Other,
        &[
            "other", "otro", "otra", "otros", "autre", "autres", "其他", "其它",
        ],
    ),
];

#[rustfmt::skip]
static EXIT_REASONS: &[(ExitReason, &[&str])] = &[
    (
        ExitReason::Price,
        &[
            "price", "pricing", "precio", "precios", "prix", "tarif", "价格", "价钱",
        ],
    ),
    (
        ExitReason::Product,
        &["product", "producto", "produit", "产品"],
    ),
    (ExitReason::Service, &["service", "servicio", "服务"]),
    (
        ExitReason::Market,
        &[
            "market", "moved", "relocation", "mercado", "mudanza", "marche", "demenagement", "市场", "搬迁",
        ],
    ),
    (
        ExitReason::Technology,
        &["technology", "tech", "tecnologia", "technologie", "技术"],
    ),
    (
        ExitReason::Political,
        &[
            "political", "politics", "politico", "politica", "politique", "政治",
        ],
    ),
    (
        ExitReason::Other,
        &[
            "other", "otro", "otra", "otros", "autre", "autres", "其他", "其它",
        ],
    ),
];

#[rustfmt::skip]
static LEVELS: &[(RelationshipLevel, &[&str])] = &[
    (
        RelationshipLevel::Financial,
        &[
            "financial", "financiero", "financiera", "financier", "financiere", "财务", "金融",
        ],
    ),
    (RelationshipLevel::Social, &["social", "社交", "社会"]),
    (
        RelationshipLevel::Structural,
        &[
            "structural", "estructural", "structurel", "structurelle", "结构", "结构性",
        ],
    ),
];

/// A transaction kind from its name in any of the four languages (`order`, `Pedido`,
/// `devolución`, `retour`, `退货`…).
pub fn transaction_kind(text: &str) -> Option<TransactionKind> {
    lookup(text, TRANSACTION_KINDS)
}

/// An interaction kind from its name in any of the four languages (`Service consultation`,
/// `llamada`, `réunion`, `投诉`…).
pub fn interaction_kind(text: &str) -> Option<InteractionKind> {
    lookup(text, INTERACTION_KINDS)
}

/// An exit reason from its name in any of the four languages (`precio`, `déménagement`, `价格`…).
pub fn exit_reason(text: &str) -> Option<ExitReason> {
    lookup(text, EXIT_REASONS)
}

/// A relationship level from its name in any of the four languages.
pub fn relationship_level(text: &str) -> Option<RelationshipLevel> {
    lookup(text, LEVELS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_alias_is_written_folded_and_names_one_field_per_kind() {
        for field in Field::ALL {
            for alias in field.aliases().iter().chain(field.weak_aliases()) {
                assert_eq!(&fold_name(alias), alias, "{field:?}");
            }
        }
        for kind in RecordKind::ALL {
            let fields = kind.fields();
            for (i, a) in fields.iter().enumerate() {
                for b in &fields[i + 1..] {
                    for alias in a.aliases() {
                        assert!(
                            !b.aliases().contains(alias),
                            "{alias} names {a:?} and {b:?} in {kind:?}"
                        );
                    }
                }
            }
        }
        for table in [
            TRANSACTION_KINDS
                .iter()
                .flat_map(|(_, n)| n.iter())
                .collect::<Vec<_>>(),
            INTERACTION_KINDS
                .iter()
                .flat_map(|(_, n)| n.iter())
                .collect(),
            EXIT_REASONS.iter().flat_map(|(_, n)| n.iter()).collect(),
            LEVELS.iter().flat_map(|(_, n)| n.iter()).collect(),
        ] {
            for name in &table {
                assert_eq!(&fold_name(name), *name);
                assert_eq!(
                    table.iter().filter(|n| n == &name).count(),
                    1,
                    "{name} twice"
                );
            }
        }
    }

    #[test]
    fn names_fold_case_accents_spaces_and_punctuation() {
        assert_eq!(fold_name(" Customer_ID "), "customerid");
        assert_eq!(fold_name("N° client"), "nclient");
        assert_eq!(fold_name("Nº Cliente"), "ncliente");
        assert_eq!(fold_name("Coût"), "cout");
        assert_eq!(fold_name("Date d'acquisition"), "datedacquisition");
        assert_eq!(fold_name("Devolución"), "devolucion");
        assert_eq!(fold_name("客户 ID"), "客户id");
        assert_eq!(fold_name("ＩＤ"), "id");
    }

    #[test]
    fn transaction_headers_are_recognised_in_four_languages() {
        for (names, expected) in [
            (vec!["customer_id", "date", "amount"], [0, 1, 2]),
            (vec!["Cliente", "Fecha pedido", "Importe"], [0, 1, 2]),
            (vec!["N° client", "Date de commande", "Montant"], [0, 1, 2]),
            (vec!["客户编号", "日期", "金额"], [0, 1, 2]),
            (vec!["Importe", "ID Cliente", "Fecha"], [1, 2, 0]),
            (vec!["会员号", "订单日期", "销售额"], [0, 1, 2]),
        ] {
            let guess = guess_mapping(RecordKind::Transactions, &header(&names));
            let m = guess.mapping();
            assert_eq!(
                [
                    m.column(Field::CustomerId),
                    m.column(Field::Date),
                    m.column(Field::Amount)
                ],
                expected.map(Some),
                "{names:?}"
            );
            assert_eq!(guess.confidence(Field::Amount), 1.0, "{names:?}");
        }
    }

    #[test]
    fn customer_headers_map_every_general_information_field() {
        let names = header(&[
            "customer_id", "name", "company", "email", "phone", "address", "segment", "acquisition_channel",
            "acquisition_date", "tags", "notes", "relationship_level", "manager_id",
        ]);
        let m = guess_mapping(RecordKind::Customers, &names).mapping();
        for (i, field) in RecordKind::Customers.fields().iter().enumerate() {
            assert_eq!(m.column(*field), Some(i), "{field:?}");
        }
        let names = header(&[
            "Nombre", "Correo electrónico", "Teléfono", "Empresa", "Fecha de alta", "Gestor",
        ]);
        let m = guess_mapping(RecordKind::Customers, &names).mapping();
        assert_eq!(m.column(Field::Name), Some(0));
        assert_eq!(m.column(Field::Email), Some(1));
        assert_eq!(m.column(Field::Phone), Some(2));
        assert_eq!(m.column(Field::Company), Some(3));
        assert_eq!(m.column(Field::AcquisitionDate), Some(4));
        assert_eq!(m.column(Field::Manager), Some(5));
        let names = header(&["客户名称", "客户编号", "邮箱", "手机", "标签", "客户经理"]);
        let m = guess_mapping(RecordKind::Customers, &names).mapping();
        assert_eq!(m.column(Field::Name), Some(0));
        assert_eq!(m.column(Field::CustomerId), Some(1));
        assert_eq!(m.column(Field::Email), Some(2));
        assert_eq!(m.column(Field::Phone), Some(3));
        assert_eq!(m.column(Field::Tags), Some(4));
        assert_eq!(m.column(Field::Manager), Some(5));
        let names = header(&[
            "Identifiant client", "Nom", "Courriel", "Société", "Date d'acquisition", "Remarques",
        ]);
        let m = guess_mapping(RecordKind::Customers, &names).mapping();
        assert_eq!(m.column(Field::CustomerId), Some(0));
        assert_eq!(m.column(Field::Name), Some(1));
        assert_eq!(m.column(Field::Email), Some(2));
        assert_eq!(m.column(Field::Company), Some(3));
        assert_eq!(m.column(Field::AcquisitionDate), Some(4));
        assert_eq!(m.column(Field::Note), Some(5));
    }

    #[test]
    fn interaction_and_exit_headers_in_other_languages() {
        let m = guess_mapping(
            RecordKind::Interactions,
            &header(&["cliente", "fecha", "tipo", "coste", "nota", "resultado"]),
        )
        .mapping();
        for (i, f) in [
            Field::CustomerId,
            Field::Date,
            Field::Kind,
            Field::Cost,
            Field::Note,
            Field::Outcome,
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(m.column(*f), Some(i), "{f:?}");
        }
        let m = guess_mapping(
            RecordKind::Interactions,
            &header(&["客户", "日期", "类型", "成本", "备注", "结果"]),
        )
        .mapping();
        assert_eq!(m.column(Field::Kind), Some(2));
        assert_eq!(m.column(Field::Cost), Some(3));
        let m = guess_mapping(
            RecordKind::Exits,
            &header(&["client", "date", "raison", "note"]),
        )
        .mapping();
        assert_eq!(m.column(Field::Reason), Some(2));
        let m = guess_mapping(RecordKind::Exits, &header(&["客户", "流失日期", "原因"])).mapping();
        assert_eq!(
            [
                m.column(Field::CustomerId),
                m.column(Field::Date),
                m.column(Field::Reason)
            ],
            [Some(0), Some(1), Some(2)]
        );
        let m = guess_mapping(
            RecordKind::Exits,
            &header(&["id", "fecha de baja", "motivo"]),
        )
        .mapping();
        assert_eq!(m.column(Field::CustomerId), Some(0));
        assert_eq!(m.column(Field::Date), Some(1));
    }

    #[test]
    fn partial_names_are_guessed_with_less_confidence_and_columns_are_not_shared() {
        let guess = guess_mapping(
            RecordKind::Transactions,
            &header(&["Customer", "Order date", "Amount (EUR)", "Total"]),
        );
        let m = guess.mapping();
        assert_eq!(m.column(Field::Date), Some(1));
        assert_eq!(guess.confidence(Field::Date), 1.0);
        // `Total` is an exact name of the amount and wins over `Amount (EUR)`.
        assert_eq!(m.column(Field::Amount), Some(3));
        let guess = guess_mapping(
            RecordKind::Transactions,
            &header(&["cust", "day", "Amount (EUR)"]),
        );
        assert_eq!(guess.mapping().column(Field::Amount), Some(2));
        assert!(guess.confidence(Field::Amount) < 1.0);
        assert!(guess.confidence(Field::Amount) >= 0.5);
        let guess = guess_mapping(
            RecordKind::Transactions,
            &header(&["订单编号", "下单日期", "订单金额"]),
        );
        assert_eq!(guess.mapping().column(Field::Amount), Some(2));
        assert_eq!(guess.mapping().column(Field::Date), Some(1));
    }

    #[test]
    fn the_kind_of_a_file_is_guessed_from_its_header() {
        assert_eq!(
            guess_kind(&header(&["customer_id", "date", "amount"])),
            Some(RecordKind::Transactions)
        );
        assert_eq!(
            guess_kind(&header(&["cliente", "fecha", "motivo"])),
            Some(RecordKind::Exits)
        );
        assert_eq!(
            guess_kind(&header(&["客户", "日期", "类型", "备注"])),
            Some(RecordKind::Interactions)
        );
        assert_eq!(
            guess_kind(&header(&["id", "name", "email", "segment"])),
            Some(RecordKind::Customers)
        );
        assert_eq!(guess_kind(&header(&["foo", "bar"])), None);
    }

    #[test]
    fn kinds_and_reasons_are_read_in_four_languages() {
        assert_eq!(transaction_kind("Pedido"), Some(TransactionKind::Order));
        assert_eq!(
            transaction_kind("devolución"),
            Some(TransactionKind::Return)
        );
        assert_eq!(transaction_kind("Retour"), Some(TransactionKind::Return));
        assert_eq!(transaction_kind("退货"), Some(TransactionKind::Return));
        assert_eq!(transaction_kind("订单"), Some(TransactionKind::Order));
        assert_eq!(transaction_kind("gift"), None);
        assert_eq!(
            interaction_kind("Service consultation"),
            Some(InteractionKind::ServiceConsultation)
        );
        assert_eq!(
            interaction_kind("service_consultation"),
            Some(InteractionKind::ServiceConsultation)
        );
        assert_eq!(interaction_kind("Réunion"), Some(InteractionKind::Meeting));
        assert_eq!(interaction_kind("llamada"), Some(InteractionKind::Call));
        assert_eq!(interaction_kind("E-mail"), Some(InteractionKind::Email));
        assert_eq!(interaction_kind("投诉"), Some(InteractionKind::Complaint));
        assert_eq!(exit_reason("Precio"), Some(ExitReason::Price));
        assert_eq!(exit_reason("déménagement"), Some(ExitReason::Market));
        assert_eq!(exit_reason("技术"), Some(ExitReason::Technology));
        assert_eq!(exit_reason("politique"), Some(ExitReason::Political));
        assert_eq!(
            relationship_level("Structurel"),
            Some(RelationshipLevel::Structural)
        );
        for kind in InteractionKind::ALL {
            assert_eq!(interaction_kind(kind.as_str()), Some(*kind));
        }
        for reason in ExitReason::ALL {
            assert_eq!(exit_reason(reason.as_str()), Some(*reason));
        }
        for level in RelationshipLevel::ALL {
            assert_eq!(relationship_level(level.as_str()), Some(*level));
        }
    }
}
