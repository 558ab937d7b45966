import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import {
  defaultLanguage,
  isLanguage,
  languages,
  type Language,
  type Translator,
} from '../i18n/index.ts';

export const LANGUAGE_COOKIE = 'lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function rememberLanguage(res: Response, language: Language, secure: boolean): void {
  res.cookie(LANGUAGE_COOKIE, language, {
    maxAge: ONE_YEAR_MS,
    httpOnly: true,
    sameSite: 'lax',
    secure,
  });
}

function useLanguage(req: Request, res: Response, translator: Translator, language: Language) {
  req.language = language;
  req.t = translator.t(language);
  res.locals.lang = language;
  res.locals.t = req.t;
  res.locals.languageSwitch = languages
    .filter((other) => other !== language)
    .map((other) => ({ code: other, url: urlWithLanguage(req.originalUrl, other) }))[0];
  res.setHeader('Content-Language', language);
}

/**
 * Chooses the interface language: `?lang=` (remembered in a cookie), then that cookie, then
 * Accept-Language, then Spanish. A visitor who never asks for a language gets no cookie.
 */
export function languageMiddleware(
  translator: Translator,
  options: { secureCookies: boolean },
): RequestHandler {
  return (req, res, next) => {
    const requested = req.query.lang;
    const remembered = parseCookies(req.headers.cookie ?? '')[LANGUAGE_COOKIE];
    let language = defaultLanguage;
    res.locals.languageChosen = true;
    if (isLanguage(requested)) {
      language = requested;
      if (remembered !== requested) rememberLanguage(res, requested, options.secureCookies);
    } else if (isLanguage(remembered)) {
      language = remembered;
    } else {
      res.locals.languageChosen = false;
      const accepted = req.acceptsLanguages(...languages);
      if (isLanguage(accepted)) language = accepted;
    }
    useLanguage(req, res, translator, language);
    res.vary('Accept-Language');
    res.vary('Cookie');
    next();
  };
}

/** A signed-in person's preferred language wins over the browser's, not over an explicit choice. */
export function userLanguageMiddleware(translator: Translator): RequestHandler {
  return (req, res, next) => {
    const preferred = req.user?.locale;
    if (!res.locals.languageChosen && isLanguage(preferred) && preferred !== req.language) {
      useLanguage(req, res, translator, preferred);
    }
    next();
  };
}

function urlWithLanguage(originalUrl: string, language: string): string {
  const url = new URL(originalUrl, 'http://retos.invalid');
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}
