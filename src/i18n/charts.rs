//! The words of the charts: their frame, tables, notes and the labels they write on the canvas.

catalogue! {
    /// Chart frame, chart tables and the words drawn on charts.
    ChartText {
        SavePng => { en: "Save as PNG", es: "Guardar como PNG", fr: "Enregistrer en PNG", zh: "保存为 PNG" }
        NoData => {
            en: "There is nothing to chart yet.",
            es: "Todavía no hay nada que representar.",
            fr: "Il n'y a encore rien à représenter.",
            zh: "暂时没有可绘制的数据。",
        }
        DrawFailed => {
            en: "This chart could not be drawn in this browser; the numbers are in the table.",
            es: "No se pudo dibujar este gráfico en este navegador; las cifras están en la tabla.",
            fr: "Ce graphique n'a pas pu être dessiné dans ce navigateur ; les chiffres sont dans le tableau.",
            zh: "无法在此浏览器中绘制该图表；数字见表格。",
        }
        TooSmall => {
            en: "There is too little room to draw this chart; widen the window or read the numbers in the table.",
            es: "No hay espacio suficiente para dibujar este gráfico; amplíe la ventana o consulte las cifras en la tabla.",
            fr: "La place manque pour dessiner ce graphique ; élargissez la fenêtre ou lisez les chiffres dans le tableau.",
            zh: "空间太小，无法绘制该图表；请加宽窗口或查看表格中的数字。",
        }
        AriaLabel => {
            en: "{title}: {kind}. The numbers are in the table with the chart.",
            es: "{title}: {kind}. Las cifras están en la tabla junto al gráfico.",
            fr: "{title} : {kind}. Les chiffres sont dans le tableau du graphique.",
            zh: "{title}：{kind}。数字见图表所附表格。",
        }
        KindBars => { en: "bar chart", es: "gráfico de barras", fr: "diagramme en barres", zh: "柱状图" }
        KindPyramid => { en: "customer pyramid", es: "pirámide de clientes", fr: "pyramide des clients", zh: "客户金字塔" }
        KindLine => { en: "line chart", es: "gráfico de líneas", fr: "graphique linéaire", zh: "折线图" }
        KindScatter => { en: "scatter plot", es: "diagrama de dispersión", fr: "nuage de points", zh: "散点图" }
        KindHeatmap => { en: "heat map", es: "mapa de calor", fr: "carte de chaleur", zh: "热力图" }
        TableSummary => { en: "The numbers", es: "Las cifras", fr: "Les chiffres", zh: "数据表" }
        ShowCustomers => { en: "Show these customers", es: "Ver estos clientes", fr: "Voir ces clients", zh: "查看这些客户" }
        Category => { en: "Category", es: "Categoría", fr: "Catégorie", zh: "类别" }
        Value => { en: "Value", es: "Valor", fr: "Valeur", zh: "数值" }
        Tier => { en: "Tier", es: "Nivel", fr: "Niveau", zh: "层级" }
        Customers => { en: "Customers", es: "Clientes", fr: "Clients", zh: "客户数" }
        ShareOfCustomers => { en: "Share of customers", es: "Parte de los clientes", fr: "Part des clients", zh: "客户占比" }
        ShareOfTotal => { en: "Share of total", es: "Parte del total", fr: "Part du total", zh: "占总额比例" }
        Group => { en: "Group", es: "Grupo", fr: "Groupe", zh: "分组" }
        Share => { en: "Share", es: "Parte", fr: "Part", zh: "占比" }
        PyramidCount => {
            en: "{count} customers · {share}",
            es: "{count} clientes · {share}",
            fr: "{count} clients · {share}",
            zh: "{count} 位客户 · {share}",
        }
        PyramidValue => {
            en: "{name}: {value} · {share} of the total",
            es: "{name}: {value} · {share} del total",
            fr: "{name} : {value} · {share} du total",
            zh: "{name}：{value} · 占总额 {share}",
        }
        ScatterClipped => {
            en: "The axes show the 1st to 99th percentile; {count} points beyond them are drawn at the edge as open circles.",
            es: "Los ejes muestran del percentil 1 al 99; {count} puntos fuera de ese rango se dibujan en el borde como círculos vacíos.",
            fr: "Les axes vont du 1er au 99e centile ; {count} points au-delà sont dessinés au bord en cercles vides.",
            zh: "坐标轴显示第 1 至第 99 百分位；超出范围的 {count} 个点以空心圆画在边缘。",
        }
        WhaleX => {
            en: "Share of customers, most profitable first",
            es: "Parte de los clientes, de más a menos rentable",
            fr: "Part des clients, du plus au moins rentable",
            zh: "客户占比（按利润从高到低）",
        }
        WhaleY => { en: "Cumulative share of profit", es: "Parte acumulada del beneficio", fr: "Part cumulée du profit", zh: "累计利润占比" }
        WhaleSeries => { en: "Cumulative profit", es: "Beneficio acumulado", fr: "Profit cumulé", zh: "累计利润" }
        WhaleAll => { en: "All profit (100%)", es: "Todo el beneficio (100 %)", fr: "Tout le profit (100 %)", zh: "全部利润（100%）" }
        WhalePeak => {
            en: "Peak: {value} of profit from the top {share}",
            es: "Máximo: {value} del beneficio con el {share} superior",
            fr: "Sommet : {value} du profit avec les {share} premiers",
            zh: "峰值：前 {share} 的客户贡献 {value} 利润",
        }
        WhaleTop20 => {
            en: "Top 20% of customers: {value}",
            es: "20 % de clientes más rentables: {value}",
            fr: "20 % des clients les plus rentables : {value}",
            zh: "前 20% 客户：{value}",
        }
        RowShareNote => {
            en: "Shading shows each cell's share of its row; the numbers are the counts.",
            es: "El sombreado muestra la parte de cada celda en su fila; las cifras son los recuentos.",
            fr: "La teinte montre la part de chaque case dans sa ligne ; les nombres sont les effectifs.",
            zh: "颜色深浅表示每个单元格占所在行的比例；数字为计数。",
        }
        TrackingX => { en: "Week", es: "Semana", fr: "Semaine", zh: "周" }
        TrackingY => { en: "Cumulative repeat purchases", es: "Compras repetidas acumuladas", fr: "Achats répétés cumulés", zh: "累计重复购买次数" }
        TrackingActual => { en: "Actual", es: "Real", fr: "Réel", zh: "实际" }
        TrackingExpected => { en: "Expected by the model", es: "Esperado por el modelo", fr: "Attendu par le modèle", zh: "模型预期" }
        TrackingSplit => { en: "End of calibration", es: "Fin de la calibración", fr: "Fin de la calibration", zh: "校准期结束" }
    }
}
