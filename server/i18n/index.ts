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
  const fixed = new Map(
    languages.map((lng) => [lng, withPlainStringCache(instance.getFixedT(lng))]),
  );
  return { t: (language) => fixed.get(language)! };
}

const PLAIN_CACHE_LIMIT = 5000;

function hasNoOptions(options: unknown): boolean {
  return options === undefined || (isPlainObject(options) && Object.keys(options).length === 0);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A page asks for ~100 strings with no variables: look each up in i18next once per process. */
function withPlainStringCache(translate: Translate): Translate {
  const plain = new Map<string, string>();
  const cached = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (args.length > 2 || typeof key !== 'string' || !hasNoOptions(options)) {
      return (translate as unknown as (...a: unknown[]) => unknown)(...args);
    }
    const known = plain.get(key);
    if (known !== undefined) return known;
    const value = translate(key);
    // Keys built from input could be endless; the catalogue's own keys fit well under the cap.
    if (plain.size < PLAIN_CACHE_LIMIT) plain.set(key, value);
    return value;
  };
  return cached as unknown as Translate;
}
