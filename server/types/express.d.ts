import type { Language, Translate } from '../i18n/index.ts';

declare global {
  namespace Express {
    interface Request {
      language: Language;
      t: Translate;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
  }
}

export {};
