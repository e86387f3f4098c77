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
        Reset => { en: "Back to my data", es: "Volver a mis datos", fr: "Revenir à mes données", zh: "恢复为我的数据" }
    }
}
