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
        No => { en: "No", es: "No", fr: "Non", zh: "否" }
    }
}
