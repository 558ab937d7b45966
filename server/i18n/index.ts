import i18next, { type TFunction } from 'i18next';
import { loadCatalogue, type Catalogue } from './catalogues.ts';

export const languages = ['es', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'es';
export type Translate = TFunction;

export const catalogues: Record<Language, Catalogue> = {
  es: loadCatalogue('es'),
  en: loadCatalogue('en'),
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export interface Translator {
  t(language: Language): Translate;
}

/** One i18next instance per app, so tests and processes never share state. */
export function createTranslator(): Translator {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { es: { translation: catalogues.es }, en: { translation: catalogues.en } },
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    // Handlebars escapes output; i18next must not escape it a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
    // Resources are inline, so initialisation can finish before the app is built.
    initAsync: false,
  });
  const fixed = new Map(languages.map((lng) => [lng, instance.getFixedT(lng)]));
  return { t: (language) => fixed.get(language)! };
}
