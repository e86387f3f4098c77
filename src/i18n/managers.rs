//! The words of the Managers page.

catalogue! {
    /// Relationship managers, their books and contact plans.
    ManagerText {
        Managers => { en: "Relationship managers", es: "Gestores de relación", fr: "Chargés de clientèle", zh: "客户经理" }
        NoManagers => { en: "No relationship managers yet. Add the people who look after your most valuable customers.", es: "Todavía no hay gestores. Añada a las personas que cuidan a sus clientes más valiosos.", fr: "Aucun chargé de clientèle pour l'instant. Ajoutez les personnes qui suivent vos meilleurs clients.", zh: "还没有客户经理。请添加负责维护最有价值客户的人员。" }
        AddManager => { en: "Add a manager", es: "Añadir un gestor", fr: "Ajouter un chargé", zh: "添加客户经理" }
        EditManager => { en: "Edit {name}", es: "Editar a {name}", fr: "Modifier {name}", zh: "编辑 {name}" }
        Name => { en: "Name", es: "Nombre", fr: "Nom", zh: "姓名" }
        Email => { en: "E-mail", es: "Correo electrónico", fr: "E-mail", zh: "电子邮箱" }
        Phone => { en: "Telephone", es: "Teléfono", fr: "Téléphone", zh: "电话" }
        Duties => { en: "Duties and evaluation", es: "Funciones y evaluación", fr: "Missions et évaluation", zh: "职责与考核" }
        Save => { en: "Save", es: "Guardar", fr: "Enregistrer", zh: "保存" }
        Cancel => { en: "Cancel", es: "Cancelar", fr: "Annuler", zh: "取消" }
        Edit => { en: "Edit", es: "Editar", fr: "Modifier", zh: "编辑" }
        ErrName => { en: "A manager needs a name.", es: "Un gestor necesita un nombre.", fr: "Un chargé doit avoir un nom.", zh: "客户经理必须有姓名。" }
        ErrEmail => { en: "\"{value}\" is not an e-mail address; write it like ann@example.com.", es: "\"{value}\" no es un correo; escríbalo como ana@ejemplo.com.", fr: "« {value} » n'est pas une adresse e-mail ; écrivez-la comme anne@exemple.fr.", zh: "“{value}”不是电子邮箱地址，格式如 ann@example.com。" }
        Book => { en: "Book", es: "Cartera", fr: "Portefeuille", zh: "负责客户" }
        Customers => { en: "Customers", es: "Clientes", fr: "Clients", zh: "客户数" }
        Revenue => { en: "Revenue", es: "Ingresos", fr: "Chiffre d'affaires", zh: "收入" }
        Profit => { en: "Profit", es: "Beneficio", fr: "Profit", zh: "利润" }
        Clv => { en: "Lifetime value (profit)", es: "Valor de vida (beneficio)", fr: "Valeur vie (profit)", zh: "终身价值（利润）" }
        AtRisk => { en: "At risk", es: "En riesgo", fr: "À risque", zh: "有风险" }
        Overdue => { en: "Overdue", es: "Atrasados", fr: "En retard", zh: "逾期" }
        OpenBook => { en: "Show the book", es: "Ver la cartera", fr: "Voir le portefeuille", zh: "查看负责客户" }
        BookOf => { en: "{name}'s customers", es: "Clientes de {name}", fr: "Clients de {name}", zh: "{name} 的客户" }
        EmptyBook => { en: "{name} looks after no customer yet. Assign customers from the Customers page or a customer's profile.", es: "{name} aún no tiene clientes. Asígnelos desde la página de clientes o el perfil de un cliente.", fr: "{name} ne suit encore aucun client. Attribuez-en depuis la page Clients ou la fiche d'un client.", zh: "{name} 还没有负责的客户。请在客户页面或客户档案中指派。" }
        SeeAll => { en: "See them on the Customers page", es: "Verlos en la página de clientes", fr: "Les voir dans la page Clients", zh: "在客户页面查看" }
        OverdueContacts => { en: "Overdue contacts", es: "Contactos atrasados", fr: "Contacts en retard", zh: "逾期联系" }
        NoOverdue => { en: "No contact is overdue. Well done.", es: "Ningún contacto está atrasado. Bien hecho.", fr: "Aucun contact en retard. Bravo.", zh: "没有逾期的联系。做得好。" }
        DueSince => { en: "due {date}", es: "previsto el {date}", fr: "prévu le {date}", zh: "应于 {date}" }
        LogContact => { en: "Log contact", es: "Registrar contacto", fr: "Enregistrer le contact", zh: "记录联系" }
        Customer => { en: "Customer", es: "Cliente", fr: "Client", zh: "客户" }
        Manager => { en: "Manager", es: "Gestor", fr: "Chargé", zh: "经理" }
        Due => { en: "Due", es: "Previsto", fr: "Prévu", zh: "应联系日期" }
        Tier => { en: "Tier", es: "Nivel", fr: "Niveau", zh: "层级" }
        PAlive => { en: "P(alive)", es: "P(activo)", fr: "P(actif)", zh: "存活概率" }
        NextContact => { en: "Next contact", es: "Próximo contacto", fr: "Prochain contact", zh: "下次联系" }
        Unassigned => { en: "Unassigned", es: "Sin asignar", fr: "Non attribué", zh: "未指派" }
        CreatePlans => { en: "Create contact plans for {count} managed customers without one (cadence by tier)", es: "Crear planes de contacto para {count} clientes gestionados sin plan (frecuencia por nivel)", fr: "Créer des plans de contact pour {count} clients suivis sans plan (cadence selon le niveau)", zh: "为 {count} 位尚无计划的受管客户创建联系计划（按层级设定频率）" }
        PlansCreated => { en: "{count} contact plans created.", es: "{count} planes de contacto creados.", fr: "{count} plans de contact créés.", zh: "已创建 {count} 个联系计划。" }
    }
}
