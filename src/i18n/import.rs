//! The words of the Import page: the demo company, file imports and their history.

catalogue! {
    /// Import page.
    ImportText {
        DemoTitle => { en: "Start from the demo company", es: "Empezar con la empresa de demostración", fr: "Partir de l'entreprise de démonstration", zh: "从演示公司开始" }
        DemoBody => { en: "A realistic specialty-food distributor: about 5,000 customers over three years with orders, returns, service interactions, relationship managers, campaigns and exits. Generated here in your browser — it is the same every time.", es: "Un distribuidor realista de alimentación gourmet: unos 5.000 clientes durante tres años con pedidos, devoluciones, interacciones de servicio, gestores, campañas y bajas. Se genera aquí, en su navegador, y siempre es igual.", fr: "Un distributeur d'épicerie fine réaliste : environ 5 000 clients sur trois ans avec commandes, retours, interactions de service, chargés de clientèle, campagnes et départs. Généré ici dans votre navigateur, identique à chaque fois.", zh: "一家逼真的精品食品分销商：三年间约 5,000 位客户，包含订单、退货、服务互动、客户经理、营销活动和流失记录。在您的浏览器中生成，每次都相同。" }
        DemoNotEmpty => { en: "This workspace already holds customers. Load the demo into a workspace of its own to keep the two apart.", es: "Este espacio ya tiene clientes. Cargue la demostración en un espacio propio para mantenerlos separados.", fr: "Cet espace contient déjà des clients. Chargez la démonstration dans un espace à part pour les garder séparés.", zh: "此工作区已有客户。请将演示数据加载到单独的工作区以便区分。" }
        NewDemoWorkspace => { en: "Create a demo workspace", es: "Crear un espacio de demostración", fr: "Créer un espace de démonstration", zh: "创建演示工作区" }
        DemoWorkspaceName => { en: "Demo company", es: "Empresa de demostración", fr: "Entreprise de démonstration", zh: "演示公司" }
        Generating => { en: "Generating the demo company…", es: "Generando la empresa de demostración…", fr: "Génération de l'entreprise de démonstration…", zh: "正在生成演示公司…" }
        Writing => { en: "Saving it in this browser…", es: "Guardándola en este navegador…", fr: "Enregistrement dans ce navigateur…", zh: "正在保存到本浏览器…" }
        Cancel => { en: "Cancel", es: "Cancelar", fr: "Annuler", zh: "取消" }
        DemoLoaded => { en: "The demo company is loaded. Every page now has something to show.", es: "La empresa de demostración está cargada. Todas las páginas tienen algo que mostrar.", fr: "L'entreprise de démonstration est chargée. Chaque page a maintenant quelque chose à montrer.", zh: "演示公司已加载，现在每个页面都有内容可看。" }
        GoToDashboard => { en: "Open the dashboard", es: "Abrir el panel", fr: "Ouvrir le tableau de bord", zh: "打开仪表盘" }
        History => { en: "Imports", es: "Importaciones", fr: "Importations", zh: "导入记录" }
        HistoryHelp => { en: "Every import is kept as a batch that can be reverted in one click.", es: "Cada importación se guarda como un lote que se puede revertir con un clic.", fr: "Chaque importation est conservée comme un lot annulable en un clic.", zh: "每次导入都作为一个批次保存，可一键撤销。" }
        NoImports => { en: "Nothing imported yet.", es: "Aún no se ha importado nada.", fr: "Rien n'a encore été importé.", zh: "尚未导入任何数据。" }
        File => { en: "File", es: "Archivo", fr: "Fichier", zh: "文件" }
        When => { en: "When", es: "Cuándo", fr: "Quand", zh: "时间" }
        Rows => { en: "Rows", es: "Filas", fr: "Lignes", zh: "行数" }
        Stored => { en: "Stored", es: "Guardadas", fr: "Enregistrées", zh: "已保存" }
        Skipped => { en: "Skipped", es: "Omitidas", fr: "Ignorées", zh: "已跳过" }
        Revert => { en: "Revert…", es: "Revertir…", fr: "Annuler…", zh: "撤销…" }
        Reverted => { en: "reverted", es: "revertida", fr: "annulée", zh: "已撤销" }
        ConfirmRevert => { en: "Remove everything \"{file}\" brought in and restore the customers it changed?", es: "¿Quitar todo lo que trajo \"{file}\" y restaurar los clientes que cambió?", fr: "Retirer tout ce qu'a apporté « {file} » et rétablir les clients modifiés ?", zh: "移除“{file}”导入的全部内容并恢复其修改过的客户？" }
        YesRevert => { en: "Yes, revert", es: "Sí, revertir", fr: "Oui, annuler", zh: "确认撤销" }
        Reverting => { en: "Reverting…", es: "Revirtiendo…", fr: "Annulation…", zh: "正在撤销…" }
        WizardTitle => { en: "Import a file", es: "Importar un archivo", fr: "Importer un fichier", zh: "导入文件" }
        WizardBody => { en: "Transactions, customers, interactions or exits from a CSV file. Every row is checked first; nothing is stored unless you say so, and an import can be reverted in one click.", es: "Transacciones, clientes, interacciones o bajas desde un archivo CSV. Primero se revisa cada fila; no se guarda nada sin su confirmación y cada importación se puede revertir con un clic.", fr: "Transactions, clients, interactions ou départs depuis un fichier CSV. Chaque ligne est d'abord vérifiée ; rien n'est enregistré sans votre accord, et une importation s'annule en un clic.", zh: "从 CSV 文件导入交易、客户、互动或流失记录。每一行都会先经过检查；未经您确认不会保存任何内容，且每次导入都可一键撤销。" }
        DropHere => { en: "Drop a CSV file here, or", es: "Suelte aquí un archivo CSV, o", fr: "Déposez un fichier CSV ici, ou", zh: "将 CSV 文件拖放到此处，或" }
        ChooseFile => { en: "choose a file", es: "elija un archivo", fr: "choisissez un fichier", zh: "选择文件" }
        FileSize => { en: "{name} · {size}", es: "{name} · {size}", fr: "{name} · {size}", zh: "{name} · {size}" }
        FileHolds => { en: "The file holds", es: "El archivo contiene", fr: "Le fichier contient", zh: "文件内容" }
        Encoding => { en: "Encoding", es: "Codificación", fr: "Encodage", zh: "编码" }
        Delimiter => { en: "Separator", es: "Separador", fr: "Séparateur", zh: "分隔符" }
        Decimal => { en: "Decimal separator", es: "Separador decimal", fr: "Séparateur décimal", zh: "小数点" }
        DateOrder => { en: "Dates are written", es: "Las fechas se escriben", fr: "Les dates s'écrivent", zh: "日期格式" }
        DateAmbiguous => { en: "Dates such as 03/04/2024 can be read two ways: check how this file writes them.", es: "Fechas como 03/04/2024 admiten dos lecturas: compruebe cómo las escribe este archivo.", fr: "Des dates comme 03/04/2024 se lisent de deux façons : vérifiez comment ce fichier les écrit.", zh: "像 03/04/2024 这样的日期有两种读法：请确认此文件的写法。" }
        HasHeader => { en: "The first row names the columns", es: "La primera fila nombra las columnas", fr: "La première ligne nomme les colonnes", zh: "第一行是列名" }
        CustomerKey => { en: "Match existing customers by", es: "Identificar clientes existentes por", fr: "Reconnaître les clients existants par", zh: "匹配现有客户的依据" }
        KeyId => { en: "Customer id", es: "Id. de cliente", fr: "Identifiant client", zh: "客户编号" }
        KeyEmail => { en: "E-mail", es: "Correo electrónico", fr: "Courriel", zh: "电子邮件" }
        Columns => { en: "Columns", es: "Columnas", fr: "Colonnes", zh: "列对应" }
        ColumnsHelp => { en: "Which column of the file holds each field (guessed from its header; fields marked * are required).", es: "Qué columna del archivo contiene cada campo (deducido del encabezado; los campos con * son obligatorios).", fr: "Quelle colonne du fichier contient chaque champ (déduit de l'en-tête ; les champs marqués * sont obligatoires).", zh: "文件中哪一列对应哪个字段（根据表头推测；带 * 的字段为必填）。" }
        NotInFile => { en: "— not in the file —", es: "— no está en el archivo —", fr: "— absent du fichier —", zh: "— 文件中没有 —" }
        Preview => { en: "The first rows, as they will be stored", es: "Las primeras filas, tal como se guardarán", fr: "Les premières lignes, telles qu'elles seront enregistrées", zh: "前几行（按保存后的样子显示）" }
        RowHeader => { en: "Row", es: "Fila", fr: "Ligne", zh: "行" }
        StartImport => { en: "Check and import", es: "Revisar e importar", fr: "Vérifier et importer", zh: "检查并导入" }
        ReadingFile => { en: "Reading the file…", es: "Leyendo el archivo…", fr: "Lecture du fichier…", zh: "正在读取文件…" }
        CheckingRows => { en: "Checking rows: {rows} read, {rate} rows per second", es: "Revisando filas: {rows} leídas, {rate} filas por segundo", fr: "Vérification : {rows} lignes lues, {rate} lignes par seconde", zh: "正在检查：已读取 {rows} 行，每秒 {rate} 行" }
        ProblemsFound => { en: "{bad} of {rows} rows have problems, so nothing was imported. Fix the columns or formats above, or fix the file and choose it again — or import the good rows and skip the bad ones knowingly.", es: "{bad} de {rows} filas tienen problemas, así que no se importó nada. Corrija las columnas o formatos de arriba, o corrija el archivo y vuelva a elegirlo, o importe las filas correctas omitiendo a sabiendas las erróneas.", fr: "{bad} lignes sur {rows} ont des problèmes : rien n'a été importé. Corrigez les colonnes ou formats ci-dessus, ou corrigez le fichier et choisissez-le de nouveau — ou importez les bonnes lignes en ignorant sciemment les mauvaises.", zh: "{rows} 行中有 {bad} 行存在问题，因此未导入任何内容。请修正上方的列或格式，或修正文件后重新选择；也可以只导入正确的行，明确跳过有问题的行。" }
        MoreProblems => { en: "…and {count} more problems.", es: "…y {count} problemas más.", fr: "…et {count} autres problèmes.", zh: "……另有 {count} 个问题。" }
        SkipBad => { en: "Import {good} good rows, skip {bad}", es: "Importar {good} filas correctas, omitir {bad}", fr: "Importer {good} bonnes lignes, ignorer {bad}", zh: "导入 {good} 行正确数据，跳过 {bad} 行" }
        Imported => { en: "Imported {stored} rows from {file} in {seconds} s.", es: "Se importaron {stored} filas de {file} en {seconds} s.", fr: "{stored} lignes importées depuis {file} en {seconds} s.", zh: "已在 {seconds} 秒内从 {file} 导入 {stored} 行。" }
        SkippedRows => { en: "{count} rows with problems were skipped.", es: "Se omitieron {count} filas con problemas.", fr: "{count} lignes avec des problèmes ont été ignorées.", zh: "已跳过 {count} 行有问题的数据。" }
        CustomersChanged => { en: "{created} new customers, {updated} updated.", es: "{created} clientes nuevos, {updated} actualizados.", fr: "{created} nouveaux clients, {updated} mis à jour.", zh: "新增 {created} 位客户，更新 {updated} 位。" }
        NothingToImport => { en: "The file has no rows that can be imported.", es: "El archivo no tiene filas que se puedan importar.", fr: "Le fichier n'a aucune ligne importable.", zh: "文件中没有可导入的行。" }
        ImportCancelled => { en: "Cancelled: nothing was changed.", es: "Cancelado: no se cambió nada.", fr: "Annulé : rien n'a été modifié.", zh: "已取消：未做任何更改。" }
        ChooseAnother => { en: "Choose another file", es: "Elegir otro archivo", fr: "Choisir un autre fichier", zh: "选择其他文件" }
        No => { en: "No", es: "No", fr: "Non", zh: "否" }
    }
}
