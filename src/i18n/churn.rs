//! The words of the Churn page and its what-if calculator.

catalogue! {
    /// Churn (exit management).
    ChurnText {
        WhatIf => { en: "What is keeping them worth?", es: "¿Cuánto vale retenerlos?", fr: "Que vaut leur rétention ?", zh: "挽留他们值多少？" }
        WhatIfHelp => { en: "Prefilled from your data; change any number to try another case.", es: "Con sus datos; cambie cualquier cifra para probar otro caso.", fr: "Prérempli avec vos données ; modifiez un chiffre pour essayer un autre cas.", zh: "已根据您的数据预填；修改任意数字即可尝试其他情形。" }
        CustomersAtStart => { en: "Customers at the start of the year (N)", es: "Clientes al inicio del año (N)", fr: "Clients en début d'année (N)", zh: "年初客户数（N）" }
        ChurnRate => { en: "Churn rate (%)", es: "Tasa de bajas (%)", fr: "Taux d'attrition (%)", zh: "流失率（%）" }
        RevenuePerLost => { en: "Revenue per lost customer (a year)", es: "Ingresos por cliente perdido (al año)", fr: "CA par client perdu (par an)", zh: "每位流失客户的年收入" }
        Margin => { en: "Profit margin (%)", es: "Margen de beneficio (%)", fr: "Marge bénéficiaire (%)", zh: "利润率（%）" }
        LostCustomers => { en: "Customers lost", es: "Clientes perdidos", fr: "Clients perdus", zh: "流失客户数" }
        LostRevenue => { en: "Revenue lost", es: "Ingresos perdidos", fr: "CA perdu", zh: "损失收入" }
        LostProfit => { en: "Profit lost", es: "Beneficio perdido", fr: "Profit perdu", zh: "损失利润" }
        Ceiling => { en: "Retention budget ceiling", es: "Techo del presupuesto de retención", fr: "Plafond du budget de rétention", zh: "挽留预算上限" }
        CeilingSentence => { en: "Spending less than {amount} a year to keep these customers is worth it.", es: "Gastar menos de {amount} al año para retener a estos clientes compensa.", fr: "Dépenser moins de {amount} par an pour garder ces clients est rentable.", zh: "每年为留住这些客户花费少于 {amount} 是值得的。" }
        ErrNumber => { en: "\"{value}\" is not a number.", es: "\"{value}\" no es un número.", fr: "« {value} » n'est pas un nombre.", zh: "“{value}”不是数字。" }
        ErrPercent => { en: "Enter a percentage from 0 to 100.", es: "Escriba un porcentaje entre 0 y 100.", fr: "Saisissez un pourcentage entre 0 et 100.", zh: "请输入 0 到 100 之间的百分比。" }
        ErrNegative => { en: "Enter a number of zero or more.", es: "Escriba un número igual o mayor que cero.", fr: "Saisissez un nombre positif ou nul.", zh: "请输入大于或等于零的数字。" }
        Overview => { en: "The last 12 months", es: "Los últimos 12 meses", fr: "Les 12 derniers mois", zh: "最近 12 个月" }
        LossTableTitle => { en: "Exits and losses by reason, last 12 months", es: "Bajas y pérdidas por motivo, últimos 12 meses", fr: "Départs et pertes par motif, 12 derniers mois", zh: "最近 12 个月按原因统计的流失与损失" }
        PeriodSentence => { en: "From {start} to {end}: {exits} of the {active} customers active at the start left.", es: "Del {start} al {end}: se fueron {exits} de los {active} clientes activos al inicio.", fr: "Du {start} au {end} : {exits} des {active} clients actifs au départ sont partis.", zh: "{start} 至 {end}：期初 {active} 位活跃客户中有 {exits} 位离开。" }
        RateLast12 => { en: "Churn rate", es: "Tasa de bajas", fr: "Taux d'attrition", zh: "流失率" }
        Exits => { en: "Exits", es: "Bajas", fr: "Départs", zh: "流失数" }
        LostProfitYear => { en: "Profit lost (their last 12 months)", es: "Beneficio perdido (sus últimos 12 meses)", fr: "Profit perdu (leurs 12 derniers mois)", zh: "损失利润（其最后 12 个月）" }
        LostLifetime => { en: "Lifetime value lost", es: "Valor de vida perdido", fr: "Valeur vie client perdue", zh: "损失的终身价值" }
        AtRiskCustomers => { en: "Customers at risk", es: "Clientes en riesgo", fr: "Clients à risque", zh: "风险客户" }
        ValueAtStake => { en: "Value at stake", es: "Valor en juego", fr: "Valeur en jeu", zh: "潜在损失价值" }
        RateTitle => { en: "Churn rate by period", es: "Tasa de bajas por periodo", fr: "Taux d'attrition par période", zh: "各期流失率" }
        RateHelp => { en: "Exits in the period divided by the customers active at its start.", es: "Bajas del periodo divididas por los clientes activos al inicio.", fr: "Départs de la période divisés par les clients actifs à son début.", zh: "期内流失客户数除以期初活跃客户数。" }
        ByMonth => { en: "By month", es: "Por mes", fr: "Par mois", zh: "按月" }
        ByQuarter => { en: "By quarter", es: "Por trimestre", fr: "Par trimestre", zh: "按季度" }
        PeriodChoice => { en: "Period length", es: "Duración del periodo", fr: "Durée de la période", zh: "期间长度" }
        MonthAxis => { en: "Month", es: "Mes", fr: "Mois", zh: "月份" }
        QuarterAxis => { en: "Quarter", es: "Trimestre", fr: "Trimestre", zh: "季度" }
        QuarterLabel => { en: "Q{quarter} {year}", es: "T{quarter} {year}", fr: "T{quarter} {year}", zh: "{year} 年第 {quarter} 季度" }
        ActiveAtStart => { en: "Active at start", es: "Activos al inicio", fr: "Actifs au début", zh: "期初活跃" }
        NoPeriods => { en: "The history is too short for a churn rate: it needs a period that starts after the first order.", es: "El historial es demasiado corto para una tasa de bajas: hace falta un periodo que empiece después del primer pedido.", fr: "L'historique est trop court pour un taux d'attrition : il faut une période qui commence après la première commande.", zh: "历史太短，无法计算流失率：需要一个在首笔订单之后开始的期间。" }
        ReasonsTitle => { en: "Why customers leave", es: "Por qué se van los clientes", fr: "Pourquoi les clients partent", zh: "客户为何离开" }
        ReasonsHelp => { en: "Exit records by reason. Select a reason to see the customers who left.", es: "Bajas registradas por motivo. Elija un motivo para ver los clientes que se fueron.", fr: "Départs enregistrés par motif. Choisissez un motif pour voir les clients partis.", zh: "按原因统计的流失记录。选择一个原因可查看已流失的客户。" }
        Reason => { en: "Reason", es: "Motivo", fr: "Motif", zh: "原因" }
        Last12 => { en: "Last 12 months", es: "Últimos 12 meses", fr: "12 derniers mois", zh: "最近 12 个月" }
        AllTime => { en: "All time", es: "Todo el historial", fr: "Tout l'historique", zh: "全部历史" }
        Share => { en: "Share", es: "Proporción", fr: "Part", zh: "占比" }
        NoExits => { en: "No exit has been recorded yet. Record one on a customer's profile when a customer leaves.", es: "Aún no hay bajas registradas. Registre una en la ficha del cliente cuando se vaya.", fr: "Aucun départ n'est encore enregistré. Enregistrez-en un sur la fiche du client quand il part.", zh: "尚未记录任何流失。客户离开时，请在其资料页记录。" }
        LossTitle => { en: "Profit lost by reason", es: "Beneficio perdido por motivo", fr: "Profit perdu par motif", zh: "按原因统计的损失利润" }
        LossHelp => { en: "Customers who left in the last 12 months: their profit in the 12 months before they left, and the future profit they would have brought had they stayed.", es: "Clientes que se fueron en los últimos 12 meses: su beneficio en los 12 meses anteriores y el beneficio futuro que habrían aportado de quedarse.", fr: "Clients partis ces 12 derniers mois : leur profit des 12 mois précédant le départ et le profit futur qu'ils auraient apporté en restant.", zh: "最近 12 个月内离开的客户：离开前 12 个月的利润，以及若留下本可带来的未来利润。" }
        LossAxis => { en: "Lost", es: "Perdido", fr: "Perdu", zh: "损失" }
        LostCustomersCol => { en: "Customers lost", es: "Clientes perdidos", fr: "Clients perdus", zh: "流失客户" }
        LostRevenueYear => { en: "Revenue lost (12 months)", es: "Ingresos perdidos (12 meses)", fr: "CA perdu (12 mois)", zh: "损失收入（12 个月）" }
        LostProfitShort => { en: "Profit lost (12 months)", es: "Beneficio perdido (12 meses)", fr: "Profit perdu (12 mois)", zh: "损失利润（12 个月）" }
        Total => { en: "Total", es: "Total", fr: "Total", zh: "合计" }
        AtRiskTitle => { en: "At risk: the most value at stake", es: "En riesgo: el mayor valor en juego", fr: "À risque : la plus grande valeur en jeu", zh: "风险客户：潜在损失最大者" }
        AtRiskHelp => { en: "Customers with no recorded exit who are probably no longer buying (P(alive) below 50%), ranked by future profit × (1 − P(alive)). Call them first.", es: "Clientes sin baja registrada que probablemente ya no compran (P(activo) por debajo del 50 %), ordenados por beneficio futuro × (1 − P(activo)). Llámelos primero.", fr: "Clients sans départ enregistré qui n'achètent probablement plus (P(actif) sous 50 %), classés par profit futur × (1 − P(actif)). Appelez-les en premier.", zh: "未记录流失但很可能已不再购买的客户（存活概率低于 50%），按 未来利润 × (1 − 存活概率) 排序。请优先联系他们。" }
        AtRiskShown => { en: "The {shown} with the most at stake of {count} customers at risk, who together have {value} at stake.", es: "Los {shown} con más en juego de {count} clientes en riesgo, que en conjunto tienen {value} en juego.", fr: "Les {shown} avec le plus en jeu parmi {count} clients à risque, qui ont ensemble {value} en jeu.", zh: "{count} 位风险客户中潜在损失最大的 {shown} 位；他们合计的潜在损失为 {value}。" }
        Rank => { en: "Rank", es: "Puesto", fr: "Rang", zh: "排名" }
        Customer => { en: "Customer", es: "Cliente", fr: "Client", zh: "客户" }
        Manager => { en: "Manager", es: "Responsable", fr: "Responsable", zh: "负责人" }
        NoManager => { en: "Unassigned", es: "Sin asignar", fr: "Non attribué", zh: "未分配" }
        Tier => { en: "Tier", es: "Nivel", fr: "Niveau", zh: "层级" }
        PAlive => { en: "P(alive)", es: "P(activo)", fr: "P(actif)", zh: "存活概率" }
        FutureProfit => { en: "Future profit", es: "Beneficio futuro", fr: "Profit futur", zh: "未来利润" }
        SeeAllAtRisk => { en: "See all {count} customers at risk", es: "Ver los {count} clientes en riesgo", fr: "Voir les {count} clients à risque", zh: "查看全部 {count} 位风险客户" }
        SeeExited => { en: "See the customers who left", es: "Ver los clientes que se fueron", fr: "Voir les clients partis", zh: "查看已流失客户" }
        NoAtRisk => { en: "No customer is at risk: everyone without a recorded exit is probably still buying.", es: "Ningún cliente está en riesgo: todos los que no tienen baja registrada probablemente siguen comprando.", fr: "Aucun client n'est à risque : tous ceux sans départ enregistré achètent probablement encore.", zh: "没有风险客户：所有未记录流失的客户很可能仍在购买。" }
        NothingScored => { en: "There is nothing to analyse yet: import transactions or load the demo company.", es: "Aún no hay nada que analizar: importe transacciones o cargue la empresa de demostración.", fr: "Rien à analyser pour l'instant : importez des transactions ou chargez l'entreprise de démonstration.", zh: "暂无可分析的数据：请导入交易或加载演示公司。" }
        Reset => { en: "Back to my data", es: "Volver a mis datos", fr: "Revenir à mes données", zh: "恢复为我的数据" }
    }
}
