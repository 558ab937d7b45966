import { parse as parseCookies } from 'cookie';
import type { RequestHandler } from 'express';
import { defaultLanguage, isLanguage, languages, type Translator } from '../i18n/index.ts';

export const LANGUAGE_COOKIE = 'lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

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
    if (isLanguage(requested)) {
      language = requested;
      if (remembered !== requested) {
        res.cookie(LANGUAGE_COOKIE, requested, {
          maxAge: ONE_YEAR_MS,
          httpOnly: true,
          sameSite: 'lax',
          secure: options.secureCookies,
        });
      }
    } else if (isLanguage(remembered)) {
      language = remembered;
    } else {
      const accepted = req.acceptsLanguages(...languages);
      if (isLanguage(accepted)) language = accepted;
    }

    req.language = language;
    req.t = translator.t(language);
    res.locals.lang = language;
    res.locals.t = req.t;
    res.locals.languageSwitch = languages
      .filter((other) => other !== language)
      .map((other) => ({ code: other, url: urlWithLanguage(req.originalUrl, other) }))[0];
    res.vary('Accept-Language');
    res.vary('Cookie');
    res.setHeader('Content-Language', language);
    next();
  };
}

function urlWithLanguage(originalUrl: string, language: string): string {
  const url = new URL(originalUrl, 'http://retos.invalid');
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}
