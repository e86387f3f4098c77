//! The words of the Cohorts page: the retention table by acquisition month.

catalogue! {
    /// Cohort retention.
    CohortText {
        Title => { en: "Who keeps buying, by month of first order", es: "Quién sigue comprando, por mes del primer pedido", fr: "Qui continue d'acheter, par mois de première commande", zh: "按首单月份划分的持续购买情况" }
        Help => { en: "Each row is the customers whose first order fell in that month; each column, the share of them who ordered again that many months later. Darker is better.", es: "Cada fila son los clientes cuyo primer pedido cayó en ese mes; cada columna, la proporción que volvió a pedir tantos meses después. Más oscuro es mejor.", fr: "Chaque ligne regroupe les clients dont la première commande tombe ce mois-là ; chaque colonne, la part d'entre eux qui a recommandé autant de mois plus tard. Plus foncé, c'est mieux.", zh: "每行是首单落在该月份的客户；每列是其中在之后第几个月再次下单的比例。颜色越深越好。" }
        Acquired => { en: "First order in", es: "Primer pedido en", fr: "Première commande en", zh: "首单月份" }
        MonthsSince => { en: "Months after the first order", es: "Meses tras el primer pedido", fr: "Mois après la première commande", zh: "首单后的月数" }
        RowLabel => { en: "{month} ({size})", es: "{month} ({size})", fr: "{month} ({size})", zh: "{month}（{size}）" }
        AllCohorts => { en: "All cohorts", es: "Todas las cohortes", fr: "Toutes les cohortes", zh: "全部群组" }
        Summary => { en: "{customers} customers in {cohorts} monthly cohorts. On average {m1} ordered again in their second month, {m3} in their fourth and {m12} a year later.", es: "{customers} clientes en {cohorts} cohortes mensuales. De media, {m1} volvieron a pedir en su segundo mes, {m3} en el cuarto y {m12} un año después.", fr: "{customers} clients dans {cohorts} cohortes mensuelles. En moyenne, {m1} ont recommandé leur deuxième mois, {m3} leur quatrième et {m12} un an plus tard.", zh: "{cohorts} 个月度群组共 {customers} 位客户。平均而言，{m1} 在第二个月再次下单，{m3} 在第四个月，{m12} 在一年后。" }
        Omitted => { en: "The {count} oldest cohorts are left out to keep the table readable.", es: "Se omiten las {count} cohortes más antiguas para que la tabla sea legible.", fr: "Les {count} cohortes les plus anciennes sont omises pour garder le tableau lisible.", zh: "为保持表格可读，省略了最早的 {count} 个群组。" }
        Size => { en: "Customers", es: "Clientes", fr: "Clients", zh: "客户数" }
        SeeCustomers => { en: "See these customers", es: "Ver estos clientes", fr: "Voir ces clients", zh: "查看这些客户" }
        NoCohorts => { en: "There are no orders in the analysis window, so there are no cohorts.", es: "No hay pedidos en la ventana de análisis, así que no hay cohortes.", fr: "Aucune commande dans la fenêtre d'analyse, donc aucune cohorte.", zh: "分析窗口内没有订单，因此没有群组。" }
        NothingScored => { en: "There is nothing to analyse yet: import transactions or load the demo company.", es: "Aún no hay nada que analizar: importe transacciones o cargue la empresa de demostración.", fr: "Rien à analyser pour l'instant : importez des transactions ou chargez l'entreprise de démonstration.", zh: "暂无可分析的数据：请导入交易或加载演示公司。" }
    }
}
