//! The words of the Dashboard.

catalogue! {
    /// Dashboard: KPIs, quadrants, pyramid, whale curve.
    DashboardText {
        ActiveCustomers => { en: "Active customers", es: "Clientes activos", fr: "Clients actifs", zh: "活跃客户" }
        Revenue => { en: "Revenue", es: "Ingresos", fr: "Chiffre d'affaires", zh: "收入" }
        Profit => { en: "Profit", es: "Beneficio", fr: "Profit", zh: "利润" }
        AverageClv => { en: "Average lifetime value (profit)", es: "Valor de vida medio (beneficio)", fr: "Valeur vie moyenne (profit)", zh: "平均终身价值（利润）" }
        ChurnRate => { en: "Churn rate (12 months)", es: "Tasa de bajas (12 meses)", fr: "Taux d'attrition (12 mois)", zh: "流失率（12 个月）" }
        AtRisk => { en: "Customers at risk", es: "Clientes en riesgo", fr: "Clients à risque", zh: "有流失风险的客户" }
        AsOf => { en: "Figures over {customers} customers with orders.", es: "Cifras sobre {customers} clientes con pedidos.", fr: "Chiffres sur {customers} clients ayant commandé.", zh: "数据涵盖 {customers} 位有订单的客户。" }
        CurrentTitle => { en: "Who makes money now", es: "Quién genera dinero hoy", fr: "Qui rapporte aujourd'hui", zh: "谁现在在赚钱" }
        CurrentHelp => { en: "Gross margin against the cost to serve each customer; the lines are the thresholds (the medians unless set in Settings).", es: "Margen bruto frente al coste de servir a cada cliente; las líneas son los umbrales (las medianas salvo que se fijen en Ajustes).", fr: "Marge brute face au coût de service de chaque client ; les lignes sont les seuils (les médianes sauf réglage contraire).", zh: "毛利与每位客户服务成本的对比；线条为阈值（除非在设置中另行指定，否则为中位数）。" }
        FutureTitle => { en: "Who will make money", es: "Quién generará dinero", fr: "Qui rapportera demain", zh: "谁将来会赚钱" }
        FutureHelp => { en: "Profit to date against predicted future profit.", es: "Beneficio hasta hoy frente al beneficio futuro previsto.", fr: "Profit à ce jour face au profit futur prévu.", zh: "迄今利润与预测未来利润的对比。" }
        HighMargin => { en: "High gross margin", es: "Margen bruto alto", fr: "Marge brute élevée", zh: "高毛利" }
        LowMargin => { en: "Low gross margin", es: "Margen bruto bajo", fr: "Marge brute faible", zh: "低毛利" }
        LowCost => { en: "Low cost to serve", es: "Coste de servicio bajo", fr: "Coût de service faible", zh: "低服务成本" }
        HighCost => { en: "High cost to serve", es: "Coste de servicio alto", fr: "Coût de service élevé", zh: "高服务成本" }
        HighNow => { en: "High profit now", es: "Beneficio actual alto", fr: "Profit actuel élevé", zh: "当前利润高" }
        LowNow => { en: "Low profit now", es: "Beneficio actual bajo", fr: "Profit actuel faible", zh: "当前利润低" }
        HighFuture => { en: "High future profit", es: "Beneficio futuro alto", fr: "Profit futur élevé", zh: "未来利润高" }
        LowFuture => { en: "Low future profit", es: "Beneficio futuro bajo", fr: "Profit futur faible", zh: "未来利润低" }
        GrossMarginAxis => { en: "Gross margin", es: "Margen bruto", fr: "Marge brute", zh: "毛利" }
        CostAxis => { en: "Cost to serve", es: "Coste de servicio", fr: "Coût de service", zh: "服务成本" }
        ProfitAxis => { en: "Profit to date", es: "Beneficio hasta hoy", fr: "Profit à ce jour", zh: "迄今利润" }
        FutureAxis => { en: "Future profit", es: "Beneficio futuro", fr: "Profit futur", zh: "未来利润" }
        CustomersN => { en: "{count} customers", es: "{count} clientes", fr: "{count} clients", zh: "{count} 位客户" }
        CellFigures => { en: "Revenue {revenue} · profit {profit}", es: "Ingresos {revenue} · beneficio {profit}", fr: "CA {revenue} · profit {profit}", zh: "收入 {revenue} · 利润 {profit}" }
        ScatterSample => { en: "Customers (a sample of {count})", es: "Clientes (una muestra de {count})", fr: "Clients (un échantillon de {count})", zh: "客户（抽样 {count} 位）" }
        PyramidTitle => { en: "The customer pyramid", es: "La pirámide de clientes", fr: "La pyramide des clients", zh: "客户金字塔" }
        PyramidHelp => { en: "Gold is the top 1% of customers, silver the next 4%, iron the next 15%, lead the other 80%.", es: "Oro es el 1% superior, plata el 4% siguiente, hierro el 15% siguiente y plomo el 80% restante.", fr: "Or : le 1 % du haut, argent : les 4 % suivants, fer : les 15 % suivants, plomb : les 80 % restants.", zh: "黄金为前 1% 的客户，白银为其后 4%，钢铁为其后 15%，铅为其余 80%。" }
        Tier => { en: "Tier", es: "Nivel", fr: "Niveau", zh: "层级" }
        Customers => { en: "Customers", es: "Clientes", fr: "Clients", zh: "客户数" }
        RevenueShare => { en: "Share of revenue", es: "Parte de los ingresos", fr: "Part du CA", zh: "收入占比" }
        ProfitShare => { en: "Share of profit", es: "Parte del beneficio", fr: "Part du profit", zh: "利润占比" }
        WhaleTitle => { en: "Where the profit comes from", es: "De dónde viene el beneficio", fr: "D'où vient le profit", zh: "利润从哪里来" }
        WhaleSentence => { en: "The top 20% of customers bring {profit} of the profit and {revenue} of the revenue.", es: "El 20% de los mejores clientes aporta el {profit} del beneficio y el {revenue} de los ingresos.", fr: "Les 20 % meilleurs clients apportent {profit} du profit et {revenue} du CA.", zh: "前 20% 的客户贡献了 {profit} 的利润和 {revenue} 的收入。" }
        WhalePeakSentence => { en: "Profit peaks at {peak} of the total with the best {share} of customers: the others lose money.", es: "El beneficio llega a un máximo del {peak} del total con el mejor {share} de los clientes: los demás pierden dinero.", fr: "Le profit culmine à {peak} du total avec les meilleurs {share} des clients : les autres font perdre de l'argent.", zh: "利润在前 {share} 的客户处达到总额的 {peak}：其余客户在亏钱。" }
        SeeCustomers => { en: "See these customers", es: "Ver estos clientes", fr: "Voir ces clients", zh: "查看这些客户" }
        Computing => { en: "Computing…", es: "Calculando…", fr: "Calcul…", zh: "计算中…" }
        NothingScored => { en: "No customer has an order in the analysis window, so there is nothing to analyse yet. Check the analysis window in Settings.", es: "Ningún cliente tiene pedidos en el periodo de análisis. Revise el periodo en Ajustes.", fr: "Aucun client n'a de commande sur la période d'analyse. Vérifiez la période dans les Paramètres.", zh: "分析期内没有客户下单，暂无可分析的内容。请在设置中检查分析期。" }
    }
}
