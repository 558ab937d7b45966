import type { User as AccountUser } from '../../models/schema/index.ts';
import type { Language, Translate } from '../i18n/index.ts';

declare global {
  namespace Express {
    interface Request {
      language: Language;
      t: Translate;
    }
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends AccountUser {}
  }
}

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    /** Where to go once GitHub sends the visitor back. */
    returnTo?: string;
  }
}

export {};
