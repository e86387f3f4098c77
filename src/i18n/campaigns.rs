//! The words of the Campaigns page.

catalogue! {
    /// Campaigns, their targets, responses and returns.
    CampaignText {
        Campaigns => { en: "Campaigns and programs", es: "Campañas y programas", fr: "Campagnes et programmes", zh: "营销活动与计划" }
        NoCampaigns => { en: "No campaign yet. Plan one for a tier, a segment or a quadrant of your customers.", es: "Todavía no hay campañas. Planifique una para un nivel, un segmento o un cuadrante.", fr: "Aucune campagne pour l'instant. Planifiez-en une pour un niveau, un segment ou un quadrant.", zh: "还没有营销活动。请为某一层级、细分或象限的客户策划一个。" }
        NewCampaign => { en: "New campaign", es: "Nueva campaña", fr: "Nouvelle campagne", zh: "新建营销活动" }
        Name => { en: "Name", es: "Nombre", fr: "Nom", zh: "名称" }
        Kind => { en: "Kind", es: "Tipo", fr: "Type", zh: "类型" }
        Start => { en: "Start", es: "Inicio", fr: "Début", zh: "开始" }
        End => { en: "End (optional)", es: "Fin (opcional)", fr: "Fin (facultatif)", zh: "结束（可选）" }
        Dates => { en: "Dates", es: "Fechas", fr: "Dates", zh: "日期" }
        Running => { en: "running", es: "en curso", fr: "en cours", zh: "进行中" }
        Cost => { en: "Cost", es: "Coste", fr: "Coût", zh: "成本" }
        Target => { en: "Target", es: "Público", fr: "Cible", zh: "目标客户" }
        TargetAll => { en: "Every customer", es: "Todos los clientes", fr: "Tous les clients", zh: "全部客户" }
        TargetTier => { en: "A pyramid tier", es: "Un nivel de la pirámide", fr: "Un niveau de la pyramide", zh: "金字塔层级" }
        TargetSegment => { en: "A segment", es: "Un segmento", fr: "Un segment", zh: "细分" }
        TargetCurrent => { en: "A quadrant of profitability now", es: "Un cuadrante de rentabilidad actual", fr: "Un quadrant de rentabilité actuelle", zh: "当前盈利象限" }
        TargetFuture => { en: "A quadrant of profitability ahead", es: "Un cuadrante de rentabilidad futura", fr: "Un quadrant de rentabilité future", zh: "未来盈利象限" }
        TargetSize => { en: "{count} customers in the target today", es: "{count} clientes en el público hoy", fr: "{count} clients dans la cible aujourd'hui", zh: "目前目标客户 {count} 位" }
        Description => { en: "What was done", es: "Qué se hizo", fr: "Ce qui a été fait", zh: "活动内容" }
        Create => { en: "Create the campaign", es: "Crear la campaña", fr: "Créer la campagne", zh: "创建活动" }
        Created => { en: "Campaign created.", es: "Campaña creada.", fr: "Campagne créée.", zh: "活动已创建。" }
        Responses => { en: "Responses", es: "Respuestas", fr: "Réponses", zh: "响应" }
        ResponseRate => { en: "Response rate", es: "Tasa de respuesta", fr: "Taux de réponse", zh: "响应率" }
        Revenue => { en: "Revenue from responders", es: "Ingresos de quienes respondieron", fr: "CA des répondants", zh: "响应者带来的收入" }
        Margin => { en: "Gross margin from responders", es: "Margen bruto de quienes respondieron", fr: "Marge brute des répondants", zh: "响应者带来的毛利" }
        Roi => { en: "Return on cost", es: "Retorno sobre el coste", fr: "Retour sur coût", zh: "成本回报率" }
        RoiHelp => { en: "(gross margin from responders in the window − cost) ÷ cost", es: "(margen bruto de quienes respondieron en el periodo − coste) ÷ coste", fr: "(marge brute des répondants sur la période − coût) ÷ coût", zh: "（活动期内响应者毛利 − 成本）÷ 成本" }
        NoCost => { en: "no cost", es: "sin coste", fr: "sans coût", zh: "无成本" }
        Open => { en: "Responses…", es: "Respuestas…", fr: "Réponses…", zh: "响应…" }
        RecordResponse => { en: "Record a response", es: "Registrar una respuesta", fr: "Enregistrer une réponse", zh: "记录响应" }
        Customer => { en: "Customer", es: "Cliente", fr: "Client", zh: "客户" }
        FindCustomer => { en: "Type a name, company or id", es: "Escriba un nombre, empresa o id", fr: "Tapez un nom, une entreprise ou un identifiant", zh: "输入姓名、公司或 ID" }
        Responded => { en: "Responded (bought, joined or attended)", es: "Respondió (compró, se unió o asistió)", fr: "A répondu (achat, adhésion ou présence)", zh: "已响应（购买、加入或参加）" }
        Date => { en: "Date", es: "Fecha", fr: "Date", zh: "日期" }
        Note => { en: "Answers or note", es: "Respuestas o nota", fr: "Réponses ou note", zh: "回答或备注" }
        Record => { en: "Record", es: "Registrar", fr: "Enregistrer", zh: "记录" }
        Recorded => { en: "Response recorded.", es: "Respuesta registrada.", fr: "Réponse enregistrée.", zh: "响应已记录。" }
        Yes => { en: "Yes", es: "Sí", fr: "Oui", zh: "是" }
        No => { en: "No", es: "No", fr: "Non", zh: "否" }
        NoResponses => { en: "No response recorded yet.", es: "Aún no hay respuestas registradas.", fr: "Aucune réponse enregistrée.", zh: "尚未记录响应。" }
        ErrName => { en: "A campaign needs a name.", es: "Una campaña necesita un nombre.", fr: "Une campagne doit avoir un nom.", zh: "活动必须有名称。" }
        ErrDate => { en: "\"{value}\" is not a date; use the date picker or write 2026-03-31.", es: "\"{value}\" no es una fecha; use el selector o escriba 2026-03-31.", fr: "« {value} » n'est pas une date ; utilisez le sélecteur ou écrivez 2026-03-31.", zh: "“{value}”不是日期，请使用日期选择器或写作 2026-03-31。" }
        ErrRequiredDate => { en: "A start date is needed.", es: "Se necesita una fecha de inicio.", fr: "Une date de début est nécessaire.", zh: "需要开始日期。" }
        ErrEnd => { en: "The end comes before the start.", es: "El fin es anterior al inicio.", fr: "La fin précède le début.", zh: "结束日期早于开始日期。" }
        ErrCost => { en: "\"{value}\" is not an amount; write it like 1500 or 1500.50.", es: "\"{value}\" no es un importe; escríbalo como 1500 o 1500.50.", fr: "« {value} » n'est pas un montant ; écrivez 1500 ou 1500.50.", zh: "“{value}”不是金额，格式如 1500 或 1500.50。" }
        ErrTarget => { en: "Choose which tier, segment or quadrant the campaign targets.", es: "Elija a qué nivel, segmento o cuadrante se dirige la campaña.", fr: "Choisissez le niveau, le segment ou le quadrant visé.", zh: "请选择活动面向的层级、细分或象限。" }
        ErrCustomer => { en: "Pick the customer who responded.", es: "Elija el cliente que respondió.", fr: "Choisissez le client qui a répondu.", zh: "请选择响应的客户。" }
        ErrFuture => { en: "The date {value} is in the future.", es: "La fecha {value} está en el futuro.", fr: "La date {value} est dans le futur.", zh: "日期 {value} 在未来。" }
        SeeTarget => { en: "See these customers", es: "Ver estos clientes", fr: "Voir ces clients", zh: "查看这些客户" }
    }
}
