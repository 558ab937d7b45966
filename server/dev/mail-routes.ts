import fs from 'node:fs/promises';
import path from 'node:path';
import { Router } from 'express';
import { simpleParser } from 'mailparser';
import { NotFoundError } from '../errors.ts';

const EML = /^[\w-]+\.eml$/;

/** Development only: the emails written to DATA_DIR/outbox, so sign-in links can be clicked. */
export function devMailRoutes(outbox: string): Router {
  const router = Router();

  router.get('/dev/correo', async (req, res) => {
    const files = (await fs.readdir(outbox).catch(() => [] as string[]))
      .filter((file) => EML.test(file))
      .sort()
      .reverse()
      .slice(0, 50);
    const messages = await Promise.all(
      files.map(async (file) => {
        const mail = await simpleParser(await fs.readFile(path.join(outbox, file)));
        return {
          file,
          subject: mail.subject,
          to: mail.to && 'text' in mail.to ? mail.to.text : '',
          date: mail.date,
        };
      }),
    );
    res.render('dev/mail-list', { pageTitle: req.t('devMail.title'), messages });
  });

  router.get('/dev/correo/:file', async (req, res) => {
    const file = req.params.file;
    if (!EML.test(file)) throw new NotFoundError();
    const raw = await fs.readFile(path.join(outbox, file)).catch(() => undefined);
    if (!raw) throw new NotFoundError();
    const mail = await simpleParser(raw);
    // The text part, with its links made clickable and everything else escaped by the view.
    const parts = (mail.text ?? '').split(/(https?:\/\/[^\s<>"]+)/g).map((chunk, index) => ({
      text: chunk,
      isLink: index % 2 === 1,
    }));
    res.render('dev/mail-message', {
      pageTitle: mail.subject ?? req.t('devMail.title'),
      subject: mail.subject,
      from: mail.from?.text,
      to: mail.to && 'text' in mail.to ? mail.to.text : '',
      date: mail.date,
      parts,
    });
  });

  return router;
}
