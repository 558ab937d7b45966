import path from 'node:path';
import type { Express } from 'express';
import { create } from 'express-handlebars';
import { helpers } from './helpers/index.ts';
import { viewsDir } from './paths.ts';

export function configureViews(app: Express, options: { cache: boolean }): void {
  const handlebars = create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(viewsDir, 'layouts'),
    partialsDir: path.join(viewsDir, 'partials'),
    helpers,
  });
  app.engine('hbs', handlebars.engine);
  app.set('view engine', 'hbs');
  app.set('views', viewsDir);
  // Without the cache every request recompiles layout and partials (several times slower).
  app.set('view cache', options.cache);
}
