//! The words of the Customers page and the customer profile.

catalogue! {
    /// Customers page and profile.
    CustomerText {
        Search => { en: "Search name, company or e-mail", es: "Buscar nombre, empresa o correo", fr: "Chercher nom, entreprise ou e-mail", zh: "搜索姓名、公司或邮箱" }
        Segment => { en: "Segment", es: "Segmento", fr: "Segment", zh: "细分" }
        Tier => { en: "Tier", es: "Nivel", fr: "Niveau", zh: "层级" }
        CurrentQuadrant => { en: "Profitability now", es: "Rentabilidad actual", fr: "Rentabilité actuelle", zh: "当前盈利" }
        FutureQuadrant => { en: "Profitability ahead", es: "Rentabilidad futura", fr: "Rentabilité future", zh: "未来盈利" }
        RfmSegment => { en: "RFM segment", es: "Segmento RFM", fr: "Segment RFM", zh: "RFM 细分" }
        PreviousTier => { en: "Previous tier", es: "Nivel anterior", fr: "Niveau précédent", zh: "上期层级" }
        ExitReason => { en: "Exit reason", es: "Motivo de baja", fr: "Motif de départ", zh: "流失原因" }
        Manager => { en: "Manager", es: "Gestor", fr: "Chargé", zh: "客户经理" }
        Status => { en: "Status", es: "Estado", fr: "Statut", zh: "状态" }
        Any => { en: "Any", es: "Cualquiera", fr: "Tous", zh: "全部" }
        NoManager => { en: "No manager", es: "Sin gestor", fr: "Sans chargé", zh: "无经理" }
        StatusActive => { en: "Active", es: "Activo", fr: "Actif", zh: "活跃" }
        StatusAtRisk => { en: "At risk", es: "En riesgo", fr: "À risque", zh: "有风险" }
        StatusExited => { en: "Exited", es: "Baja", fr: "Parti", zh: "已流失" }
        ClearFilters => { en: "Clear filters", es: "Quitar filtros", fr: "Effacer les filtres", zh: "清除筛选" }
        Shown => { en: "{shown} of {total} customers", es: "{shown} de {total} clientes", fr: "{shown} clients sur {total}", zh: "显示 {shown} / {total} 位客户" }
        Customer => { en: "Customer", es: "Cliente", fr: "Client", zh: "客户" }
        Revenue => { en: "Revenue", es: "Ingresos", fr: "Chiffre d'affaires", zh: "收入" }
        Profit => { en: "Profit", es: "Beneficio", fr: "Profit", zh: "利润" }
        Clv => { en: "Lifetime value (profit)", es: "Valor de vida (beneficio)", fr: "Valeur vie (profit)", zh: "终身价值（利润）" }
        FutureProfit => { en: "Future profit", es: "Beneficio futuro", fr: "Profit futur", zh: "未来利润" }
        PAlive => { en: "P(alive)", es: "P(activo)", fr: "P(actif)", zh: "存活概率" }
        Orders => { en: "Orders", es: "Pedidos", fr: "Commandes", zh: "订单数" }
        NextContact => { en: "Next contact", es: "Próximo contacto", fr: "Prochain contact", zh: "下次联系" }
        SortBy => { en: "Sort by {column}", es: "Ordenar por {column}", fr: "Trier par {column}", zh: "按{column}排序" }
        BulkAssign => { en: "Assign a manager to these {count} customers", es: "Asignar un gestor a estos {count} clientes", fr: "Attribuer un chargé à ces {count} clients", zh: "为这 {count} 位客户指派经理" }
        Assign => { en: "Assign", es: "Asignar", fr: "Attribuer", zh: "指派" }
        RemoveManager => { en: "Remove the manager", es: "Quitar el gestor", fr: "Retirer le chargé", zh: "移除经理" }
        Assigned => { en: "{count} customers now have {manager} as their manager.", es: "{count} clientes tienen ahora a {manager} como gestor.", fr: "{count} clients ont désormais {manager} comme chargé.", zh: "{count} 位客户的经理现为 {manager}。" }
        Unassigned => { en: "{count} customers no longer have a manager.", es: "{count} clientes ya no tienen gestor.", fr: "{count} clients n'ont plus de chargé.", zh: "{count} 位客户已无经理。" }
        NoMatch => { en: "No customer matches these filters.", es: "Ningún cliente cumple estos filtros.", fr: "Aucun client ne correspond à ces filtres.", zh: "没有符合这些筛选条件的客户。" }
        Computing => { en: "Computing the analysis…", es: "Calculando el análisis…", fr: "Calcul de l'analyse…", zh: "正在计算分析…" }
        NotScored => { en: "No orders in the analysis window", es: "Sin pedidos en el periodo de análisis", fr: "Aucune commande sur la période analysée", zh: "分析期内无订单" }
        ExitedOn => { en: "Exited {date}", es: "Baja el {date}", fr: "Parti le {date}", zh: "{date} 流失" }
        AnalysisDate => { en: "Analysis date: {date}.", es: "Fecha de análisis: {date}.", fr: "Date d'analyse : {date}.", zh: "分析日期：{date}。" }
        LeftOut => { en: "Dated after it, and left out of every figure — {records}.", es: "Posteriores a ella y fuera de todas las cifras: {records}.", fr: "Postérieurs à elle et exclus de tous les chiffres : {records}.", zh: "晚于该日期、未计入任何数字的记录——{records}。" }
        LeftOutTransactions => { en: "orders and returns: {n}", es: "pedidos y devoluciones: {n}", fr: "commandes et retours : {n}", zh: "订单和退货：{n}" }
        LeftOutInteractions => { en: "interactions: {n}", es: "interacciones: {n}", fr: "interactions : {n}", zh: "互动：{n}" }
        LeftOutExits => { en: "exits: {n}", es: "bajas: {n}", fr: "départs : {n}", zh: "流失：{n}" }
        ChangeDate => { en: "Change the date in Settings", es: "Cambiar la fecha en Ajustes", fr: "Changer la date dans les Paramètres", zh: "在设置中更改日期" }
    }
}
