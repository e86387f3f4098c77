//! The words of the Settings page: workspaces and the analysis settings.

catalogue! {
    /// Workspaces and analysis settings.
    SettingsText {
        Workspaces => { en: "Workspaces", es: "Espacios de trabajo", fr: "Espaces de travail", zh: "工作区" }
        WorkspacesHelp => { en: "One workspace per client or data set, each kept apart in this browser.", es: "Un espacio por cliente o conjunto de datos, cada uno separado en este navegador.", fr: "Un espace par client ou jeu de données, chacun séparé dans ce navigateur.", zh: "每个客户或数据集一个工作区，在本浏览器中彼此隔离。" }
        Current => { en: "current", es: "actual", fr: "actuel", zh: "当前" }
        Open => { en: "Open", es: "Abrir", fr: "Ouvrir", zh: "打开" }
        Rename => { en: "Rename", es: "Renombrar", fr: "Renommer", zh: "重命名" }
        Delete => { en: "Delete…", es: "Borrar…", fr: "Supprimer…", zh: "删除…" }
        ConfirmDelete => { en: "Delete the workspace \"{name}\" and everything in it? This cannot be undone; export a backup first if in doubt.", es: "¿Borrar el espacio \"{name}\" y todo su contenido? No se puede deshacer; exporte una copia antes si duda.", fr: "Supprimer l'espace « {name} » et tout son contenu ? Irréversible ; exportez une sauvegarde en cas de doute.", zh: "删除工作区“{name}”及其全部内容？此操作无法撤销，如有疑虑请先导出备份。" }
        Yes => { en: "Yes, delete it", es: "Sí, borrarlo", fr: "Oui, supprimer", zh: "确认删除" }
        Cancel => { en: "Cancel", es: "Cancelar", fr: "Annuler", zh: "取消" }
        Save => { en: "Save", es: "Guardar", fr: "Enregistrer", zh: "保存" }
        NewWorkspace => { en: "New workspace", es: "Nuevo espacio de trabajo", fr: "Nouvel espace de travail", zh: "新建工作区" }
        NewName => { en: "Name (for example the client's name)", es: "Nombre (por ejemplo el del cliente)", fr: "Nom (par exemple celui du client)", zh: "名称（例如客户名称）" }
        Create => { en: "Create and open", es: "Crear y abrir", fr: "Créer et ouvrir", zh: "创建并打开" }
        ErrName => { en: "Give the workspace a name.", es: "Dé un nombre al espacio.", fr: "Donnez un nom à l'espace.", zh: "请为工作区命名。" }
        Analysis => { en: "How the numbers are computed", es: "Cómo se calculan las cifras", fr: "Comment les chiffres sont calculés", zh: "数字的计算方式" }
        AnalysisHelp => { en: "Every figure of the app follows these settings; saving recomputes the analysis.", es: "Todas las cifras siguen estos ajustes; al guardar se recalcula el análisis.", fr: "Tous les chiffres suivent ces réglages ; enregistrer relance l'analyse.", zh: "应用中的所有数字都遵循这些设置；保存后会重新计算。" }
        AsOf => { en: "Analysis date (empty: the latest day of any record)", es: "Fecha de análisis (vacía: el último día de cualquier registro)", fr: "Date d'analyse (vide : le dernier jour de tout enregistrement)", zh: "分析日期（留空：任何记录的最近日期）" }
        WindowStart => { en: "Analysis window starts (empty: all history)", es: "Inicio del periodo (vacío: todo el historial)", fr: "Début de la période (vide : tout l'historique)", zh: "分析期开始（留空：全部历史）" }
        DefaultMargin => { en: "Gross margin when a sale has no cost (%)", es: "Margen bruto si una venta no tiene coste (%)", fr: "Marge brute quand une vente n'a pas de coût (%)", zh: "无成本数据时的毛利率（%）" }
        CostPerOrder => { en: "Cost to serve per order", es: "Coste de servicio por pedido", fr: "Coût de service par commande", zh: "每笔订单的服务成本" }
        InteractionCosts => { en: "Cost of each interaction (when it has none of its own)", es: "Coste de cada interacción (si no tiene uno propio)", fr: "Coût de chaque interaction (sans coût propre)", zh: "每次互动的成本（无自身成本时）" }
        Discount => { en: "Annual discount rate (%)", es: "Tasa de descuento anual (%)", fr: "Taux d'actualisation annuel (%)", zh: "年贴现率（%）" }
        Horizon => { en: "Lifetime value horizon (months)", es: "Horizonte del valor de vida (meses)", fr: "Horizon de la valeur vie (mois)", zh: "终身价值期限（月）" }
        TimeUnit => { en: "Time unit of the models", es: "Unidad de tiempo de los modelos", fr: "Unité de temps des modèles", zh: "模型时间单位" }
        Days => { en: "Days", es: "Días", fr: "Jours", zh: "天" }
        Weeks => { en: "Weeks", es: "Semanas", fr: "Semaines", zh: "周" }
        Thresholds => { en: "Quadrant thresholds (empty: the median)", es: "Umbrales de los cuadrantes (vacío: la mediana)", fr: "Seuils des quadrants (vide : la médiane)", zh: "象限阈值（留空：中位数）" }
        GrossMargin => { en: "Gross margin", es: "Margen bruto", fr: "Marge brute", zh: "毛利" }
        CostToServe => { en: "Cost to serve", es: "Coste de servicio", fr: "Coût de service", zh: "服务成本" }
        Profit => { en: "Profit now", es: "Beneficio actual", fr: "Profit actuel", zh: "当前利润" }
        FutureProfit => { en: "Future profit", es: "Beneficio futuro", fr: "Profit futur", zh: "未来利润" }
        PyramidBasis => { en: "Rank the pyramid by", es: "Ordenar la pirámide por", fr: "Classer la pyramide selon", zh: "金字塔排序依据" }
        ByRevenue => { en: "Revenue", es: "Ingresos", fr: "Chiffre d'affaires", zh: "收入" }
        ByProfit => { en: "Profit", es: "Beneficio", fr: "Profit", zh: "利润" }
        ByClv => { en: "Lifetime value", es: "Valor de vida", fr: "Valeur vie client", zh: "终身价值" }
        AtRisk => { en: "At risk below this P(alive) (%)", es: "En riesgo por debajo de este P(activo) (%)", fr: "À risque sous ce P(actif) (%)", zh: "存活概率低于此值视为有风险（%）" }
        Currency => { en: "Currency (ISO code, e.g. USD, EUR, CNY)", es: "Moneda (código ISO, p. ej. USD, EUR, CNY)", fr: "Devise (code ISO, ex. USD, EUR, CNY)", zh: "货币（ISO 代码，如 USD、EUR、CNY）" }
        SaveSettings => { en: "Save and recompute", es: "Guardar y recalcular", fr: "Enregistrer et recalculer", zh: "保存并重新计算" }
        Saved => { en: "Saved. The analysis is being recomputed.", es: "Guardado. Se está recalculando el análisis.", fr: "Enregistré. L'analyse est recalculée.", zh: "已保存，正在重新计算分析。" }
        Defaults => { en: "Restore the defaults", es: "Restaurar los valores por defecto", fr: "Rétablir les valeurs par défaut", zh: "恢复默认值" }
        FixFields => { en: "Nothing was saved: fix the fields marked below.", es: "No se guardó nada: corrija los campos marcados.", fr: "Rien n'a été enregistré : corrigez les champs signalés.", zh: "未保存：请修正下方标出的字段。" }
        ErrNumber => { en: "\"{value}\" is not a number.", es: "\"{value}\" no es un número.", fr: "« {value} » n'est pas un nombre.", zh: "“{value}”不是数字。" }
        ErrRange => { en: "Enter a number from {min} to {max}.", es: "Escriba un número entre {min} y {max}.", fr: "Saisissez un nombre entre {min} et {max}.", zh: "请输入 {min} 到 {max} 之间的数字。" }
        ErrDate => { en: "\"{value}\" is not a date; use the date picker or write 2026-03-31.", es: "\"{value}\" no es una fecha; use el selector o escriba 2026-03-31.", fr: "« {value} » n'est pas une date ; utilisez le sélecteur ou écrivez 2026-03-31.", zh: "“{value}”不是日期，请使用日期选择器或写作 2026-03-31。" }
        ErrWindow => { en: "The window starts after the analysis date; move its start earlier.", es: "El periodo empieza después de la fecha de análisis; adelante su inicio.", fr: "La période commence après la date d'analyse ; avancez son début.", zh: "分析期开始晚于分析日期，请将开始日期提前。" }
        ErrCurrency => { en: "\"{value}\" is not a currency code; write three letters such as USD or EUR.", es: "\"{value}\" no es un código de moneda; escriba tres letras como USD o EUR.", fr: "« {value} » n'est pas un code de devise ; écrivez trois lettres comme USD ou EUR.", zh: "“{value}”不是货币代码，请写三个字母，如 USD 或 EUR。" }
    }
}
