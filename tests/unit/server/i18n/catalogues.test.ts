import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { catalogues, createTranslator } from '../../../../server/i18n/index.ts';

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') keys.set(name, child);
    else for (const [k, v] of flatten(child, name)) keys.set(k, v);
  }
  return keys;
}

function viewFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? viewFiles(full) : entry.name.endsWith('.hbs') ? [full] : [];
  });
}

describe('translation catalogues', () => {
  const es = flatten(catalogues.es);
  const en = flatten(catalogues.en);

  it('are split into the same feature files in both languages', () => {
    const files = (language: string) =>
      fs.readdirSync(path.join('server/i18n/locales', language)).sort();
    assert.deepEqual(files('en'), files('es'));
  });

  it('have exactly the same keys in Spanish and English', () => {
    assert.deepEqual(
      [...es.keys()].filter((key) => !en.has(key)),
      [],
      'missing in English',
    );
    assert.deepEqual(
      [...en.keys()].filter((key) => !es.has(key)),
      [],
      'missing in Spanish',
    );
  });

  it('have no empty strings and keep the same placeholders', () => {
    for (const [key, spanish] of es) {
      const english = en.get(key) ?? '';
      assert.ok(spanish.trim(), `es ${key} is empty`);
      assert.ok(english.trim(), `en ${key} is empty`);
      const placeholders = (text: string) =>
        [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(placeholders(english), placeholders(spanish), `placeholders of ${key}`);
    }
  });

  it('cover every literal key the views translate', () => {
    const used = new Set<string>();
    for (const file of viewFiles('views')) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/(?:\{\{|\()t "([\w.]+)"/g))
        used.add(match[1]!);
    }
    assert.ok(used.size > 20, 'the views translate their strings');
    const t = createTranslator().t('es');
    for (const key of used) {
      const plural = es.has(`${key}_one`) && es.has(`${key}_other`);
      assert.ok(es.has(key) || plural, `views use ${key}, which no catalogue has`);
      assert.notEqual(t(key, { count: 2 }), key);
    }
  });

  it('translate plurals in both languages', () => {
    const translator = createTranslator();
    assert.equal(translator.t('es')('home.countOpen', { count: 1 }), '1 reto abierto');
    assert.equal(translator.t('es')('home.countOpen', { count: 3 }), '3 retos abiertos');
    assert.equal(translator.t('en')('home.countOpen', { count: 1 }), '1 open challenge');
    assert.equal(translator.t('en')('home.countOpen', { count: 0 }), '0 open challenges');
  });
});
