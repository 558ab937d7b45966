import { Router } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { homePageContent } from './service.ts';

export function pagesRoutes(db: Db, config: Pick<Config, 'privacyContactEmail'>): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const content = await homePageContent(db);
    res.render('pages/home', { pageTitle: req.t('home.pageTitle'), isHome: true, ...content });
  });

  router.get('/acerca', (req, res) => {
    res.render('pages/about', { pageTitle: req.t('about.title'), current: 'about' });
  });

  router.get('/privacidad', (req, res) => {
    res.render('pages/privacy', {
      pageTitle: req.t('privacy.title'),
      current: 'privacy',
      contactEmail: config.privacyContactEmail,
    });
  });

  return router;
}
