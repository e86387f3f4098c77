//! The sentences of the shell and its pages, in every language the product speaks.

catalogue! {
    /// The shell, the empty states and the words every page shares.
    Msg {
    AppName => { en: "Customer Insight", es: "Customer Insight", fr: "Customer Insight", zh: "Customer Insight 客户洞察" }
    AppTagline => {
        en: "Which customers make and lose money — now and in the future.",
        es: "Qué clientes generan y pierden dinero, hoy y en el futuro.",
        fr: "Quels clients rapportent et coûtent de l'argent, aujourd'hui et demain.",
        zh: "哪些客户在赚钱、哪些在亏钱——现在和未来。",
    }
    SkipToContent => { en: "Skip to content", es: "Saltar al contenido", fr: "Aller au contenu", zh: "跳到正文" }
    MainNavigation => { en: "Main navigation", es: "Navegación principal", fr: "Navigation principale", zh: "主导航" }
    OpenMenu => { en: "Menu", es: "Menú", fr: "Menu", zh: "菜单" }
    NavDashboard => { en: "Dashboard", es: "Panel", fr: "Tableau de bord", zh: "仪表盘" }
    NavCustomers => { en: "Customers", es: "Clientes", fr: "Clients", zh: "客户" }
    NavManagers => { en: "Managers", es: "Gestores", fr: "Chargés de clientèle", zh: "客户经理" }
    NavCampaigns => { en: "Campaigns", es: "Campañas", fr: "Campagnes", zh: "营销活动" }
    NavImport => { en: "Import", es: "Importar", fr: "Importer", zh: "导入" }
    NavChurn => { en: "Churn", es: "Bajas", fr: "Attrition", zh: "客户流失" }
    NavCohorts => { en: "Cohorts", es: "Cohortes", fr: "Cohortes", zh: "同期群" }
    NavModels => { en: "Models", es: "Modelos", fr: "Modèles", zh: "模型" }
    NavPlanning => { en: "Planning", es: "Planificación", fr: "Planification", zh: "规划" }
    NavSettings => { en: "Settings", es: "Ajustes", fr: "Paramètres", zh: "设置" }
    PrivacyNote => {
        en: "Your data stays in this browser. Nothing is sent anywhere.",
        es: "Sus datos se quedan en este navegador. No se envía nada.",
        fr: "Vos données restent dans ce navigateur. Rien n'est envoyé.",
        zh: "您的数据只保存在本浏览器中，不会发送到任何地方。",
    }
    OfflineReady => { en: "Works offline", es: "Funciona sin conexión", fr: "Fonctionne hors ligne", zh: "可离线使用" }
    DefaultWorkspaceName => { en: "My workspace", es: "Mi espacio de trabajo", fr: "Mon espace de travail", zh: "我的工作区" }
    WorkspaceLabel => { en: "Workspace", es: "Espacio de trabajo", fr: "Espace de travail", zh: "工作区" }
    Loading => { en: "Loading…", es: "Cargando…", fr: "Chargement…", zh: "加载中…" }
    WorkspaceOpening => {
        en: "The workspace is still opening; try again in a moment.",
        es: "El espacio de trabajo aún se está abriendo; vuelva a intentarlo en un momento.",
        fr: "L'espace de travail est encore en cours d'ouverture ; réessayez dans un instant.",
        zh: "工作区仍在打开中；请稍后再试。",
    }

    // Empty states and their calls to action.
    EmptyNoCustomers => {
        en: "No customers yet — load the demo data or import a file",
        es: "Todavía no hay clientes: cargue los datos de demostración o importe un archivo",
        fr: "Aucun client pour l'instant — chargez les données de démonstration ou importez un fichier",
        zh: "还没有客户——请加载演示数据或导入文件",
    }
    LoadDemoData => { en: "Load demo data", es: "Cargar datos de demostración", fr: "Charger les données de démonstration", zh: "加载演示数据" }
    AddACustomer => { en: "Add a customer by hand", es: "Añadir un cliente a mano", fr: "Ajouter un client à la main", zh: "手动添加客户" }
    ImportAFile => { en: "Import a file", es: "Importar un archivo", fr: "Importer un fichier", zh: "导入文件" }
    DashboardIntro => {
        en: "Profitability now and in the future, the customer pyramid and the whale curve, at a glance.",
        es: "La rentabilidad actual y futura, la pirámide de clientes y la curva ballena, de un vistazo.",
        fr: "La rentabilité actuelle et future, la pyramide des clients et la courbe en baleine, d'un coup d'œil.",
        zh: "一眼看清当前与未来的盈利能力、客户金字塔和鲸鱼曲线。",
    }
    CustomersIntro => {
        en: "Every customer with their value, tier, quadrants and manager; search, filter and act.",
        es: "Cada cliente con su valor, nivel, cuadrantes y gestor; busque, filtre y actúe.",
        fr: "Chaque client avec sa valeur, son niveau, ses quadrants et son chargé ; cherchez, filtrez, agissez.",
        zh: "每位客户的价值、层级、象限和客户经理；搜索、筛选并采取行动。",
    }
    ManagersIntro => {
        en: "Relationship managers, their books of customers and the contact plans that are due.",
        es: "Gestores de relación, sus carteras de clientes y los planes de contacto pendientes.",
        fr: "Les chargés de clientèle, leurs portefeuilles et les plans de contact à échéance.",
        zh: "客户经理、他们负责的客户以及到期的联系计划。",
    }
    ManagersEmpty => {
        en: "Relationship managers look after your most valuable customers. Bring customers in first, then assign a manager to each one worth a relationship.",
        es: "Los gestores de relación cuidan a sus clientes más valiosos. Primero incorpore clientes y después asigne un gestor a cada uno que merezca una relación.",
        fr: "Les chargés de clientèle suivent vos meilleurs clients. Importez d'abord des clients, puis attribuez un chargé à chacun de ceux qui méritent une relation.",
        zh: "客户经理负责维护最有价值的客户。请先导入客户，再为值得维护关系的客户指派经理。",
    }
    CampaignsIntro => {
        en: "Frequency programs, clubs, mailings, events and discounts: who responded and what it earned.",
        es: "Programas de frecuencia, clubes, envíos, eventos y descuentos: quién respondió y cuánto rindió.",
        fr: "Programmes de fidélité, clubs, envois, événements et remises : qui a répondu et ce que cela a rapporté.",
        zh: "常客计划、俱乐部、邮寄、活动与折扣：谁响应了，带来了多少收益。",
    }
    CampaignsEmpty => {
        en: "Campaigns are aimed at tiers, segments or quadrants of your customers. Bring customers in first, then plan a campaign for them.",
        es: "Las campañas se dirigen a niveles, segmentos o cuadrantes de clientes. Primero incorpore clientes y después planifique una campaña.",
        fr: "Les campagnes visent des niveaux, segments ou quadrants de clients. Importez d'abord des clients, puis planifiez une campagne.",
        zh: "营销活动面向特定层级、细分或象限的客户。请先导入客户，再为他们策划活动。",
    }
    ImportIntro => {
        en: "Bring in transactions, customers, interactions and exits from a CSV file, or start from the demo company.",
        es: "Incorpore transacciones, clientes, interacciones y bajas desde un archivo CSV, o empiece con la empresa de demostración.",
        fr: "Importez transactions, clients, interactions et départs depuis un fichier CSV, ou partez de l'entreprise de démonstration.",
        zh: "从 CSV 文件导入交易、客户、互动和流失记录，或从演示公司开始。",
    }
    ChurnIntro => {
        en: "Who is leaving, why, and what it costs: churn rate, exit reasons, lost profit and the retention budget.",
        es: "Quién se va, por qué y cuánto cuesta: tasa de bajas, motivos, beneficio perdido y presupuesto de retención.",
        fr: "Qui part, pourquoi et ce que cela coûte : taux d'attrition, motifs, profit perdu et budget de rétention.",
        zh: "谁在流失、为什么、代价多大：流失率、流失原因、损失利润和挽留预算。",
    }
    CohortsIntro => {
        en: "How each month's new customers keep buying, month after month.",
        es: "Cómo siguen comprando, mes a mes, los clientes captados cada mes.",
        fr: "Comment les nouveaux clients de chaque mois continuent d'acheter, mois après mois.",
        zh: "每个月新获取的客户在之后各月的持续购买情况。",
    }
    ModelsIntro => {
        en: "The fitted BG/NBD and Gamma-Gamma models behind every lifetime value, and how well they predict.",
        es: "Los modelos BG/NBD y Gamma-Gamma ajustados que hay detrás de cada valor de vida, y cuánto aciertan.",
        fr: "Les modèles BG/NBD et Gamma-Gamma ajustés derrière chaque valeur vie client, et leur qualité de prédiction.",
        zh: "每个客户终身价值背后拟合的 BG/NBD 与 Gamma-Gamma 模型，以及它们的预测效果。",
    }
    PlanningIntro => {
        en: "Tier migration, the marketing budget by tier and the customer-perceived value of each segment.",
        es: "Migración entre niveles, presupuesto de marketing por nivel y valor percibido por segmento.",
        fr: "Migration entre niveaux, budget marketing par niveau et valeur perçue par segment.",
        zh: "层级迁移、按层级分配的营销预算，以及各细分市场的客户感知价值。",
    }
    SettingsIntro => {
        en: "How this workspace computes its numbers, the language, and where your data is kept.",
        es: "Cómo calcula sus cifras este espacio de trabajo, el idioma y dónde se guardan sus datos.",
        fr: "Comment cet espace de travail calcule ses chiffres, la langue et où vos données sont conservées.",
        zh: "此工作区如何计算数字、界面语言以及数据的保存位置。",
    }

    // Settings: language and storage.
    Language => { en: "Language", es: "Idioma", fr: "Langue", zh: "语言" }
    StorageHeading => { en: "Storage in this browser", es: "Almacenamiento en este navegador", fr: "Stockage dans ce navigateur", zh: "本浏览器中的存储" }
    StorageUsed => { en: "Space used", es: "Espacio usado", fr: "Espace utilisé", zh: "已用空间" }
    StorageQuota => { en: "Space available to this app", es: "Espacio disponible para la aplicación", fr: "Espace disponible pour l'application", zh: "本应用可用空间" }
    StoragePersistent => { en: "Protected from automatic clean-up", es: "Protegido de la limpieza automática", fr: "Protégé du nettoyage automatique", zh: "不会被自动清理" }
    StorageNotPersistent => {
        en: "Not protected: the browser may clear this data when space runs low",
        es: "Sin protección: el navegador puede borrar estos datos si falta espacio",
        fr: "Non protégé : le navigateur peut effacer ces données s'il manque de place",
        zh: "未受保护：空间不足时浏览器可能清除这些数据",
    }
    StorageAskPersist => { en: "Ask the browser to keep this data", es: "Pedir al navegador que conserve los datos", fr: "Demander au navigateur de conserver les données", zh: "请求浏览器保留数据" }
    StorageUnknown => { en: "Not reported by this browser", es: "Este navegador no lo indica", fr: "Non indiqué par ce navigateur", zh: "此浏览器未提供" }
    DatabaseHeading => { en: "Database", es: "Base de datos", fr: "Base de données", zh: "数据库" }
    SchemaVersion => { en: "Schema version", es: "Versión del esquema", fr: "Version du schéma", zh: "结构版本" }
    DatabaseReady => { en: "Open and ready", es: "Abierta y lista", fr: "Ouverte et prête", zh: "已打开，可以使用" }

    // Not found.
    NotFoundTitle => { en: "Page not found", es: "Página no encontrada", fr: "Page introuvable", zh: "页面不存在" }
    NotFoundBody => {
        en: "There is no page at {path}. Pick a page from the navigation, or go back to the dashboard.",
        es: "No hay ninguna página en {path}. Elija una página en la navegación o vuelva al panel.",
        fr: "Il n'y a pas de page à l'adresse {path}. Choisissez une page dans la navigation ou revenez au tableau de bord.",
        zh: "{path} 处没有页面。请从导航中选择页面，或返回仪表盘。",
    }
    BackToDashboard => { en: "Back to the dashboard", es: "Volver al panel", fr: "Retour au tableau de bord", zh: "返回仪表盘" }

    // Errors a person may meet.
    ErrorHeading => { en: "Something went wrong", es: "Algo salió mal", fr: "Un problème est survenu", zh: "出现了问题" }
    ErrorStorageUnavailable => {
        en: "This browser does not let the app keep data (IndexedDB is unavailable, for example in some private windows). Open the app in a normal window to keep your customers here.",
        es: "Este navegador no permite guardar datos (IndexedDB no está disponible, por ejemplo en algunas ventanas privadas). Abra la aplicación en una ventana normal.",
        fr: "Ce navigateur ne permet pas de conserver des données (IndexedDB indisponible, par exemple en navigation privée). Ouvrez l'application dans une fenêtre normale.",
        zh: "此浏览器不允许本应用保存数据（IndexedDB 不可用，例如某些隐私窗口）。请在普通窗口中打开本应用。",
    }
    ErrorStorageOpen => {
        en: "The customer database could not be opened: {detail}",
        es: "No se pudo abrir la base de datos de clientes: {detail}",
        fr: "La base clients n'a pas pu être ouverte : {detail}",
        zh: "无法打开客户数据库：{detail}",
    }
    ErrorUpgradeElsewhere => {
        en: "A newer version of Customer Insight was opened in another tab. Reload this tab to continue with the new version; nothing you saved is lost.",
        es: "Se abrió una versión más reciente de Customer Insight en otra pestaña. Recargue esta pestaña para continuar; no se pierde nada de lo guardado.",
        fr: "Une version plus récente de Customer Insight a été ouverte dans un autre onglet. Rechargez cet onglet pour continuer ; rien de ce qui a été enregistré n'est perdu.",
        zh: "另一个标签页打开了更新版本的 Customer Insight。请重新加载此标签页以继续；已保存的内容不会丢失。",
    }
    Reload => { en: "Reload", es: "Recargar", fr: "Recharger", zh: "重新加载" }
}
}
