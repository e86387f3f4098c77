//! The words of backups, restores and CSV exports.

catalogue! {
    /// Backup and restore (Settings) and the CSV exports (Customers).
    BackupText {
        Heading => { en: "Backup and restore", es: "Copia de seguridad y restauración", fr: "Sauvegarde et restauration", zh: "备份与恢复" }
        Intro => { en: "A backup holds every record of this workspace — customers, transactions, interactions, exits, campaigns, managers, contact plans, settings and planning sheets — in one compressed file. It is the only copy outside this browser: keep it somewhere safe.", es: "Una copia de seguridad guarda todos los registros de este espacio de trabajo —clientes, transacciones, interacciones, bajas, campañas, gestores, planes de contacto, ajustes y hojas de planificación— en un único archivo comprimido. Es la única copia fuera de este navegador: guárdela en un lugar seguro.", fr: "Une sauvegarde contient tous les enregistrements de cet espace de travail — clients, transactions, interactions, départs, campagnes, gestionnaires, plans de contact, réglages et feuilles de planification — dans un seul fichier compressé. C'est la seule copie hors de ce navigateur : gardez-la en lieu sûr.", zh: "备份将此工作区的全部记录（客户、交易、互动、流失、营销活动、客户经理、联系计划、设置和规划表）保存在一个压缩文件中。这是浏览器之外唯一的副本，请妥善保管。" }
        Download => { en: "Download a backup", es: "Descargar una copia de seguridad", fr: "Télécharger une sauvegarde", zh: "下载备份" }
        Preparing => { en: "Preparing the backup…", es: "Preparando la copia de seguridad…", fr: "Préparation de la sauvegarde…", zh: "正在准备备份…" }
        Saved => { en: "Backup saved as {file} ({size}).", es: "Copia guardada como {file} ({size}).", fr: "Sauvegarde enregistrée sous {file} ({size}).", zh: "备份已保存为 {file}（{size}）。" }
        RestoreHeading => { en: "Restore a backup", es: "Restaurar una copia de seguridad", fr: "Restaurer une sauvegarde", zh: "恢复备份" }
        ChooseFile => { en: "Backup file (.cibackup)", es: "Archivo de copia (.cibackup)", fr: "Fichier de sauvegarde (.cibackup)", zh: "备份文件（.cibackup）" }
        Reading => { en: "Reading and checking the file…", es: "Leyendo y comprobando el archivo…", fr: "Lecture et vérification du fichier…", zh: "正在读取并检查文件…" }
        Holds => { en: "“{name}”, backed up on {date} by version {version}. It holds:", es: "«{name}», copiado el {date} con la versión {version}. Contiene:", fr: "« {name} », sauvegardé le {date} par la version {version}. Il contient :", zh: "“{name}”，于 {date} 由版本 {version} 备份。其中包含：" }
        Customers => { en: "Customers", es: "Clientes", fr: "Clients", zh: "客户" }
        Transactions => { en: "Transactions", es: "Transacciones", fr: "Transactions", zh: "交易" }
        Interactions => { en: "Interactions", es: "Interacciones", fr: "Interactions", zh: "互动" }
        Exits => { en: "Exits", es: "Bajas", fr: "Départs", zh: "流失记录" }
        Campaigns => { en: "Campaigns (responses)", es: "Campañas (respuestas)", fr: "Campagnes (réponses)", zh: "营销活动（响应）" }
        Managers => { en: "Relationship managers", es: "Gestores de relación", fr: "Gestionnaires de relation", zh: "客户经理" }
        Plans => { en: "Contact plans", es: "Planes de contacto", fr: "Plans de contact", zh: "联系计划" }
        Imports => { en: "Imports in the history", es: "Importaciones en el historial", fr: "Imports dans l'historique", zh: "导入历史记录" }
        Dangling => { en: "Some records point to others the backup does not hold ({count}); they are restored as they were.", es: "Algunos registros apuntan a otros que la copia no contiene ({count}); se restauran tal como estaban.", fr: "Certains enregistrements renvoient à d'autres absents de la sauvegarde ({count}) ; ils sont restaurés tels quels.", zh: "部分记录引用了备份中不存在的记录（{count} 条），将按原样恢复。" }
        IntoNew => { en: "Into a new workspace", es: "En un espacio de trabajo nuevo", fr: "Dans un nouvel espace de travail", zh: "恢复到新工作区" }
        NewName => { en: "Name of the new workspace", es: "Nombre del nuevo espacio de trabajo", fr: "Nom du nouvel espace de travail", zh: "新工作区名称" }
        IntoCurrent => { en: "Into this workspace, “{name}”, replacing everything in it", es: "En este espacio de trabajo, «{name}», sustituyendo todo su contenido", fr: "Dans cet espace de travail, « {name} », en remplaçant tout son contenu", zh: "恢复到当前工作区“{name}”，替换其中全部内容" }
        ConfirmReplace => { en: "I understand that every record now in “{name}” is replaced by the backup's.", es: "Entiendo que todos los registros actuales de «{name}» se sustituyen por los de la copia.", fr: "Je comprends que tous les enregistrements actuels de « {name} » sont remplacés par ceux de la sauvegarde.", zh: "我了解“{name}”中现有的全部记录将被备份中的记录替换。" }
        Restore => { en: "Restore", es: "Restaurar", fr: "Restaurer", zh: "恢复" }
        Restoring => { en: "Restoring… (all or nothing: if anything fails, the workspace stays as it was)", es: "Restaurando… (todo o nada: si algo falla, el espacio de trabajo queda como estaba)", fr: "Restauration… (tout ou rien : en cas d'échec, l'espace de travail reste tel quel)", zh: "正在恢复…（全部成功或全部不变：如有失败，工作区保持原样）" }
        Restored => { en: "Restored: {customers} customers and {transactions} transactions.", es: "Restaurado: {customers} clientes y {transactions} transacciones.", fr: "Restauré : {customers} clients et {transactions} transactions.", zh: "已恢复：{customers} 位客户和 {transactions} 笔交易。" }
        ErrName => { en: "Give the new workspace a name.", es: "Dé un nombre al nuevo espacio de trabajo.", fr: "Donnez un nom au nouvel espace de travail.", zh: "请为新工作区命名。" }
        ErrConfirm => { en: "Tick the box to confirm that everything in this workspace is replaced.", es: "Marque la casilla para confirmar que se sustituye todo el contenido de este espacio de trabajo.", fr: "Cochez la case pour confirmer que tout le contenu de cet espace de travail est remplacé.", zh: "请勾选确认框，确认替换此工作区的全部内容。" }
        ErrRead => { en: "The file {file} could not be read: {reason}", es: "No se pudo leer el archivo {file}: {reason}", fr: "Le fichier {file} n'a pas pu être lu : {reason}", zh: "无法读取文件 {file}：{reason}" }
        Export => { en: "Export", es: "Exportar", fr: "Exporter", zh: "导出" }
        ExportCount => { en: "The {count} customers in this view:", es: "Los {count} clientes de esta vista:", fr: "Les {count} clients de cette vue :", zh: "当前视图中的 {count} 位客户：" }
        ExportScores => { en: "Scores (CSV)", es: "Puntuaciones (CSV)", fr: "Scores (CSV)", zh: "评分（CSV）" }
        ExportScoresHelp => { en: "One row per customer with the columns of the insight score command: revenue, profit, P(alive), CLV, quadrants, tier, RFM segment.", es: "Una fila por cliente con las columnas del comando insight score: ingresos, beneficio, P(activo), CLV, cuadrantes, nivel, segmento RFM.", fr: "Une ligne par client avec les colonnes de la commande insight score : CA, profit, P(actif), CLV, quadrants, niveau, segment RFM.", zh: "每位客户一行，列与 insight score 命令相同：收入、利润、P(活跃)、CLV、象限、层级、RFM 细分。" }
        ExportCustomers => { en: "Customer details (CSV)", es: "Datos de clientes (CSV)", fr: "Fiches clients (CSV)", zh: "客户资料（CSV）" }
        ExportDone => { en: "Saved {file} ({rows} rows).", es: "Guardado {file} ({rows} filas).", fr: "Enregistré {file} ({rows} lignes).", zh: "已保存 {file}（{rows} 行）。" }
        ExportNothing => { en: "No customer in this view: change the filters to export some.", es: "No hay clientes en esta vista: cambie los filtros para exportar.", fr: "Aucun client dans cette vue : changez les filtres pour en exporter.", zh: "当前视图中没有客户：请调整筛选条件后再导出。" }
        Unscored => { en: "{count} customers without an order in the analysis window have no scores and are left out of the scores file.", es: "{count} clientes sin pedidos en el periodo de análisis no tienen puntuación y quedan fuera del archivo de puntuaciones.", fr: "{count} clients sans commande dans la période d'analyse n'ont pas de score et sont absents du fichier des scores.", zh: "{count} 位客户在分析期内没有订单，没有评分，未包含在评分文件中。" }
    }
}
