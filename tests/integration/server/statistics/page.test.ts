import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { mexicanStates } from '../../../../models/mexican-states.ts';
import { makeStatisticsWorld } from '../../../support/statistics-factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

// Every figure of /estadisticas compared with the hand count of the data set described in
// tests/support/statistics-factories.ts.

const decode = (html: string) =>
  html
    .replace(/<br>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The rows of the table `data-chart="name"` as arrays of cell texts (header cell first). */
function tableRows(html: string, name: string, part: 'tbody' | 'tfoot' = 'tbody'): string[][] {
  const table = new RegExp(`<table[^>]*data-chart="${name}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  assert.ok(table, `no ${name} table`);
  const section = new RegExp(`<${part}>([\\s\\S]*?)</${part}>`).exec(table[1]!);
  assert.ok(section, `no ${part} in the ${name} table`);
  return [...section[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decode(cell[1]!)),
  );
}

const readingOf = (html: string, id: string) =>
  decode(new RegExp(`<p id="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html)?.[1] ?? '');

/** Each state shape of the map: its code, colour bucket, link and title. */
function mapShapes(html: string) {
  return [
    ...html.matchAll(
      /<a href="([^"]+)" class="state-map__link">\s*<title>([^<]+)<\/title>\s*<path class="state-map__state state-map__state--b(\d)" d="[^"]+" data-state="([A-Z]+)">/g,
    ),
  ].map((match) => ({
    href: decode(match[1]!),
    title: match[2]!,
    bucket: Number(match[3]),
    code: match[4]!,
  }));
}

describe('/estadisticas', () => {
  let test: TestApp;
  let page: string;
  before(async () => {
    test = await buildTestApp();
    await makeStatisticsWorld(test.database.db);
    const response = await request(test.app).get('/estadisticas').expect(200);
    page = response.text;
  });
  after(() => test.close());

  it('draws one linked, titled shape per state, coloured by challenges published', () => {
    const shapes = mapShapes(page);
    assert.equal(shapes.length, 32);
    assert.deepEqual(
      shapes.map((shape) => shape.code).sort(),
      mexicanStates.map((state) => state.code).sort(),
    );
    for (const shape of shapes) assert.equal(shape.href, `/retos?entidad=${shape.code}`);
    const byCode = new Map(shapes.map((shape) => [shape.code, shape]));
    assert.equal(
      byCode.get('OAX')!.title,
      'Oaxaca: 4 retos publicados, 1 con solución adoptada. Ver sus retos',
    );
    // Largest is 4: buckets of one each.
    assert.equal(byCode.get('OAX')!.bucket, 4);
    assert.equal(byCode.get('JAL')!.bucket, 2);
    assert.equal(byCode.get('CDMX')!.bucket, 1);
    assert.equal(shapes.filter((shape) => shape.bucket === 0).length, 29);
    assert.match(page, /CC BY 4\.0/);
    assert.match(page, /@svg-maps\/mexico/);
  });

  it('lists each state in the map table, and the numbers add up to the challenges published', () => {
    const rows = tableRows(page, 'map');
    assert.equal(rows.length, 33);
    const figures = new Map(rows.map(([name, published, adopted]) => [name, [published, adopted]]));
    assert.deepEqual(figures.get('Oaxaca'), ['4', '1']);
    assert.deepEqual(figures.get('Jalisco'), ['2', '1']);
    assert.deepEqual(figures.get('Ciudad de México'), ['1', '0']);
    assert.deepEqual(figures.get('Alcance nacional'), ['1', '0']);
    assert.deepEqual(figures.get('Yucatán'), ['0', '0']);
    const sum = rows.reduce((total, row) => total + Number(row[1]), 0);
    assert.equal(sum, 8);
    assert.deepEqual(tableRows(page, 'map', 'tfoot'), [['Total', '8', '2']]);
    const published = tableRows(page, 'funnel').find((row) => row[0] === 'Publicados');
    assert.equal(published?.[1], String(sum));
    assert.equal(
      readingOf(page, 'map-reading'),
      'Oaxaca es la entidad con más retos: tiene 4 retos publicados; 1 ya tiene una solución adoptada.',
    );
  });

  it('switches the map to solutions adopted with a plain link', async () => {
    assert.match(page, /href="\/estadisticas\?mapa&#x3D;adoptadas"/);
    const adopted = (await request(test.app).get('/estadisticas?mapa=adoptadas').expect(200)).text;
    const shapes = mapShapes(adopted);
    const buckets = new Map(shapes.map((shape) => [shape.code, shape.bucket]));
    assert.equal(buckets.get('OAX'), 1);
    assert.equal(buckets.get('JAL'), 1);
    assert.equal(buckets.get('CDMX'), 0);
    assert.match(adopted, /Retos con solución adoptada por entidad/);
  });

  it('shows the funnel from published to validated by the community', () => {
    assert.deepEqual(tableRows(page, 'funnel'), [
      ['Publicados', '8', '100 %'],
      ['Con propuestas', '5', '63 %'],
      ['En desarrollo', '4', '50 %'],
      ['Con solución entregada', '3', '38 %'],
      ['Con solución adoptada', '2', '25 %'],
      ['Validados por la comunidad', '1', '13 %'],
    ]);
    assert.equal(
      readingOf(page, 'funnel-reading'),
      'De 8 retos publicados, 3 recibieron una solución entregada, 2 la adoptaron y en 1 la comunidad la validó.',
    );
  });

  it('counts challenges by Sustainable Development Goal, all 17 listed', () => {
    const rows = tableRows(page, 'sdg');
    assert.equal(rows.length, 17);
    const counts = Object.fromEntries(rows.map(([goal, count]) => [goal!.split('.')[0], count]));
    assert.deepEqual(counts, {
      1: '0',
      2: '0',
      3: '1',
      4: '1',
      5: '0',
      6: '1',
      7: '0',
      8: '0',
      9: '0',
      10: '0',
      11: '3',
      12: '0',
      13: '0',
      14: '0',
      15: '0',
      16: '0',
      17: '1',
    });
    assert.match(readingOf(page, 'sdg-reading'), /«11\. .+», con 3 retos\.$/);
  });

  it('shows money and support by office, overdue pledges apart, most money first', () => {
    assert.deepEqual(tableRows(page, 'money'), [
      [
        'Agencia Digital',
        '$5,000.00 2 compromisos',
        '$5,000.00 1 compromiso',
        '$2,500.50 1 compromiso',
        '$10,000.00 1 compromiso',
        '$0.00 0 compromisos',
        '$0.00 0 compromisos',
      ],
      [
        'Municipio de Zapopan',
        '$0.00 0 compromisos',
        '$0.00 0 compromisos',
        '$0.00 0 compromisos',
        '$0.00 0 compromisos',
        '$1,200.00 1 compromiso',
        '$3,000.00 1 compromiso',
      ],
    ]);
    assert.deepEqual(tableRows(page, 'money', 'tfoot'), [
      [
        'Total',
        '$5,000.00 2 compromisos',
        '$5,000.00 1 compromiso',
        '$2,500.50 1 compromiso',
        '$10,000.00 1 compromiso',
        '$1,200.00 1 compromiso',
        '$3,000.00 1 compromiso',
      ],
    ]);
    assert.equal(
      readingOf(page, 'money-reading'),
      'Agencia Digital respalda más dinero: $17,500.50 en premios, de los que $10,000.00 ya confirmó quien los recibió. Entre todas las oficinas: $18,700.50.',
    );
  });

  it('shows the median days from publication to first proposal, delivery and adoption', () => {
    assert.deepEqual(tableRows(page, 'medians'), [
      ['La primera propuesta', '3 días', '5 retos'],
      ['La primera entrega', '8 días', '3 retos'],
      ['La primera adopción', '9 días', '2 retos'],
    ]);
  });

  it('gives every chart a title, a reading and a named SVG drawing', () => {
    for (const name of ['funnel', 'sdg', 'money', 'medians']) {
      assert.match(page, new RegExp(`<h2 id="${name}-title">`));
      assert.ok(readingOf(page, `${name}-reading`).length > 20, `${name} has a reading`);
      assert.match(
        page,
        new RegExp(`<svg class="bar-chart"[^>]*aria-labelledby="${name}-title ${name}-reading"`),
      );
    }
    assert.match(page, /<svg class="state-map__svg"[^>]*aria-labelledby="map-title map-reading"/);
  });

  it('reads in English too', async () => {
    const english = (await request(test.app).get('/estadisticas?lang=en').expect(200)).text;
    assert.match(english, /<h1>Statistics<\/h1>/);
    assert.equal(
      readingOf(english, 'map-reading'),
      'Oaxaca is the state with the most challenges: it has 4 published; 1 already has an adopted solution.',
    );
    assert.match(tableRows(english, 'money')[0]![3]!, /^MX\$2,500\.50 1 pledge$/);
  });

  it('may be cached for a minute, publicly for visitors who are not signed in', async () => {
    const response = await request(test.app).get('/estadisticas').expect(200);
    assert.equal(response.headers['cache-control'], 'public, max-age=60');
    assert.ok(response.headers.etag);
    await request(test.app)
      .get('/estadisticas')
      .set('If-None-Match', response.headers.etag!)
      .expect(304);
  });

  it('is linked from the footer and the home page', async () => {
    const home = (await request(test.app).get('/').expect(200)).text;
    assert.equal((home.match(/href="\/estadisticas"/g) ?? []).length, 2);
  });
});
