//! The current language as context; every view reads its words through it.

use crate::i18n::{Locale, Text};
use crate::storage::prefs;
use leptos::prelude::*;

/// The language in use and the way to read catalogue messages in it.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    /// The message in the current language (reactive).
    pub fn t<M: Text>(&self, msg: M) -> &'static str {
        msg.text(self.locale.get())
    }

    /// The current language (reactive).
    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    /// The current language, without subscribing.
    pub fn locale_untracked(&self) -> Locale {
        self.locale.get_untracked()
    }

    /// Switches the language and remembers the choice in this browser.
    pub fn set_locale(&self, locale: Locale) {
        prefs::set_locale(locale.tag());
        crate::error::set_locale(locale);
        self.locale.set(locale);
    }
}

/// Provides the language: the remembered choice, else the browser's, else English.
pub fn provide_i18n() -> I18n {
    let initial = prefs::locale()
        .or_else(|| web_sys::window().and_then(|w| w.navigator().language()))
        .map(|tag| Locale::from_tag(&tag))
        .unwrap_or_default();
    crate::error::set_locale(initial);
    let i18n = I18n {
        locale: RwSignal::new(initial),
    };
    Effect::new(move |_| {
        let tag = i18n.locale.get().tag();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", tag);
        }
    });
    provide_context(i18n);
    i18n
}

/// The language context (English if none was provided, as in isolated component tests).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n {
        locale: RwSignal::new(Locale::En),
    })
}
