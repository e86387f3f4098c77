//! The names a person reads for the domain's classes and kinds.

use crate::domain::{
    Cadence, CampaignKind, CurrentQuadrant, ExitReason, FutureQuadrant, InteractionKind,
    RelationshipLevel, RfmSegment, Tier, TransactionKind,
};

catalogue! {
    /// Names of tiers, quadrants, segments, reasons and kinds.
    Label {
        Gold => { en: "Gold", es: "Oro", fr: "Or", zh: "黄金" }
        Silver => { en: "Silver", es: "Plata", fr: "Argent", zh: "白银" }
        Iron => { en: "Iron", es: "Hierro", fr: "Fer", zh: "钢铁" }
        Lead => { en: "Lead", es: "Plomo", fr: "Plomb", zh: "铅" }
        MostProfitable => { en: "Most profitable", es: "Más rentable", fr: "Le plus rentable", zh: "最盈利客户" }
        ProfitableHighCost => { en: "Profitable, costly to serve", es: "Rentable, caro de atender", fr: "Rentable, coûteux à servir", zh: "盈利但服务成本高" }
        ProfitableLowMargin => { en: "Profitable, low margin", es: "Rentable, margen bajo", fr: "Rentable, marge faible", zh: "盈利但毛利低" }
        LeastProfitable => { en: "Least profitable", es: "Menos rentable", fr: "Le moins rentable", zh: "最不盈利客户" }
        Best => { en: "Best", es: "Mejores", fr: "Meilleurs", zh: "最佳客户" }
        Invest => { en: "Invest", es: "Invertir", fr: "Investir", zh: "值得投资" }
        Retain => { en: "Retain", es: "Retener", fr: "Retenir", zh: "需要保留" }
        Worst => { en: "Worst", es: "Peores", fr: "Pires", zh: "最差客户" }
        Champions => { en: "Champions", es: "Campeones", fr: "Champions", zh: "冠军客户" }
        Loyal => { en: "Loyal", es: "Leales", fr: "Fidèles", zh: "忠诚客户" }
        PotentialLoyalist => { en: "Potential loyalists", es: "Leales potenciales", fr: "Fidèles potentiels", zh: "潜在忠诚客户" }
        NewCustomers => { en: "New customers", es: "Clientes nuevos", fr: "Nouveaux clients", zh: "新客户" }
        Promising => { en: "Promising", es: "Prometedores", fr: "Prometteurs", zh: "有潜力" }
        NeedAttention => { en: "Need attention", es: "Requieren atención", fr: "À surveiller", zh: "需要关注" }
        AboutToSleep => { en: "About to sleep", es: "A punto de dormirse", fr: "En sommeil proche", zh: "即将沉睡" }
        AtRisk => { en: "At risk", es: "En riesgo", fr: "À risque", zh: "有流失风险" }
        CantLose => { en: "Can't lose them", es: "No podemos perderlos", fr: "À ne pas perdre", zh: "不能失去" }
        Hibernating => { en: "Hibernating", es: "Hibernando", fr: "En hibernation", zh: "休眠客户" }
        Price => { en: "Price", es: "Precio", fr: "Prix", zh: "价格" }
        Product => { en: "Product", es: "Producto", fr: "Produit", zh: "产品" }
        Service => { en: "Service", es: "Servicio", fr: "Service", zh: "服务" }
        Market => { en: "Market", es: "Mercado", fr: "Marché", zh: "市场" }
        Technology => { en: "Technology", es: "Tecnología", fr: "Technologie", zh: "技术" }
        Political => { en: "Political", es: "Político", fr: "Politique", zh: "政治" }
        OtherReason => { en: "Other", es: "Otro", fr: "Autre", zh: "其他" }
        Complaint => { en: "Complaint", es: "Queja", fr: "Réclamation", zh: "投诉" }
        ServiceConsultation => { en: "Service consultation", es: "Consulta de servicio", fr: "Demande de service", zh: "服务咨询" }
        Call => { en: "Call", es: "Llamada", fr: "Appel", zh: "电话" }
        Visit => { en: "Visit", es: "Visita", fr: "Visite", zh: "拜访" }
        Email => { en: "E-mail", es: "Correo", fr: "E-mail", zh: "电子邮件" }
        Meeting => { en: "Meeting", es: "Reunión", fr: "Réunion", zh: "会议" }
        EventKind => { en: "Event", es: "Evento", fr: "Événement", zh: "活动" }
        OtherKind => { en: "Other", es: "Otro", fr: "Autre", zh: "其他" }
        FrequencyProgram => { en: "Frequency program", es: "Programa de frecuencia", fr: "Programme de fidélité", zh: "常客计划" }
        Club => { en: "Club", es: "Club", fr: "Club", zh: "俱乐部" }
        Mailing => { en: "Mailing", es: "Envío postal", fr: "Publipostage", zh: "邮寄" }
        Discount => { en: "Discount", es: "Descuento", fr: "Remise", zh: "折扣" }
        Financial => { en: "Financial", es: "Financiero", fr: "Financier", zh: "财务层面" }
        Social => { en: "Social", es: "Social", fr: "Social", zh: "社交层面" }
        Structural => { en: "Structural", es: "Estructural", fr: "Structurel", zh: "结构层面" }
        Weekly => { en: "Weekly", es: "Semanal", fr: "Hebdomadaire", zh: "每周" }
        Monthly => { en: "Monthly", es: "Mensual", fr: "Mensuel", zh: "每月" }
        Quarterly => { en: "Quarterly", es: "Trimestral", fr: "Trimestriel", zh: "每季度" }
        NoPlan => { en: "No plan", es: "Sin plan", fr: "Aucun plan", zh: "无计划" }
        Order => { en: "Order", es: "Pedido", fr: "Commande", zh: "订单" }
        Return => { en: "Return", es: "Devolución", fr: "Retour", zh: "退货" }
    }
}

pub fn tier(t: Tier) -> Label {
    match t {
        Tier::Gold => Label::Gold,
        Tier::Silver => Label::Silver,
        Tier::Iron => Label::Iron,
        Tier::Lead => Label::Lead,
    }
}

pub fn current_quadrant(q: CurrentQuadrant) -> Label {
    match q {
        CurrentQuadrant::MostProfitable => Label::MostProfitable,
        CurrentQuadrant::ProfitableHighCost => Label::ProfitableHighCost,
        CurrentQuadrant::ProfitableLowMargin => Label::ProfitableLowMargin,
        CurrentQuadrant::LeastProfitable => Label::LeastProfitable,
    }
}

pub fn future_quadrant(q: FutureQuadrant) -> Label {
    match q {
        FutureQuadrant::Best => Label::Best,
        FutureQuadrant::Invest => Label::Invest,
        FutureQuadrant::Retain => Label::Retain,
        FutureQuadrant::Worst => Label::Worst,
    }
}

pub fn rfm_segment(s: RfmSegment) -> Label {
    match s {
        RfmSegment::Champions => Label::Champions,
        RfmSegment::Loyal => Label::Loyal,
        RfmSegment::PotentialLoyalist => Label::PotentialLoyalist,
        RfmSegment::NewCustomers => Label::NewCustomers,
        RfmSegment::Promising => Label::Promising,
        RfmSegment::NeedAttention => Label::NeedAttention,
        RfmSegment::AboutToSleep => Label::AboutToSleep,
        RfmSegment::AtRisk => Label::AtRisk,
        RfmSegment::CantLose => Label::CantLose,
        RfmSegment::Hibernating => Label::Hibernating,
    }
}

pub fn exit_reason(r: ExitReason) -> Label {
    match r {
        ExitReason::Price => Label::Price,
        ExitReason::Product => Label::Product,
        ExitReason::Service => Label::Service,
        ExitReason::Market => Label::Market,
        ExitReason::Technology => Label::Technology,
        ExitReason::Political => Label::Political,
        ExitReason::Other => Label::OtherReason,
    }
}

pub fn interaction_kind(k: InteractionKind) -> Label {
    match k {
        InteractionKind::Complaint => Label::Complaint,
        InteractionKind::ServiceConsultation => Label::ServiceConsultation,
        InteractionKind::Call => Label::Call,
        InteractionKind::Visit => Label::Visit,
        InteractionKind::Email => Label::Email,
        InteractionKind::Meeting => Label::Meeting,
        InteractionKind::Event => Label::EventKind,
        InteractionKind::Other => Label::OtherKind,
    }
}

pub fn campaign_kind(k: CampaignKind) -> Label {
    match k {
        CampaignKind::FrequencyProgram => Label::FrequencyProgram,
        CampaignKind::Club => Label::Club,
        CampaignKind::Mailing => Label::Mailing,
        CampaignKind::Event => Label::EventKind,
        CampaignKind::Discount => Label::Discount,
    }
}

pub fn relationship_level(l: RelationshipLevel) -> Label {
    match l {
        RelationshipLevel::Financial => Label::Financial,
        RelationshipLevel::Social => Label::Social,
        RelationshipLevel::Structural => Label::Structural,
    }
}

pub fn cadence(c: Cadence) -> Label {
    match c {
        Cadence::Weekly => Label::Weekly,
        Cadence::Monthly => Label::Monthly,
        Cadence::Quarterly => Label::Quarterly,
        Cadence::NoPlan => Label::NoPlan,
    }
}

pub fn transaction_kind(k: TransactionKind) -> Label {
    match k {
        TransactionKind::Order => Label::Order,
        TransactionKind::Return => Label::Return,
    }
}
