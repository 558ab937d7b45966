import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { makeStatisticsWorld } from '../../../support/statistics-factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

// Each organization's page shows its own funnel and map and, for an office, its pledges and
// their confirmation rate (the data set is described in tests/support/statistics-factories.ts).

const cells = (html: string, chart: string) => {
  const table = new RegExp(`<table[^>]*data-chart="${chart}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  assert.ok(table, `no ${chart} table`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[1]!)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]!.replace(/<[^>]+>/g, '').trim(),
    ),
  );
};

describe('impact on an organization’s page', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
    await makeStatisticsWorld(test.database.db);
  });
  after(() => test.close());

  const page = async (slug: string) =>
    (await request(test.app).get(`/organizaciones/${slug}`).expect(200)).text;

  it('shows the funnel and the map of the organization’s own challenges', async () => {
    const html = await page('colectivo-oaxaca');
    assert.deepEqual(
      cells(html, 'funnel').map((row) => row.slice(0, 2)),
      [
        ['Publicados', '4'],
        ['Con propuestas', '4'],
        ['En desarrollo', '3'],
        ['Con solución entregada', '2'],
        ['Con solución adoptada', '1'],
        ['Validados por la comunidad', '1'],
      ],
    );
    assert.deepEqual(cells(html, 'org-map'), [
      ['Oaxaca', '3', '1'],
      ['Alcance nacional', '1', '0'],
    ]);
    assert.equal((html.match(/class="state-map__link"/g) ?? []).length, 32);
    assert.match(html, /state-map__state--b3" d="[^"]+" data-state="OAX"/);
    assert.match(html, /href="\/estadisticas\?organizacion&#x3D;colectivo-oaxaca"/);
    assert.doesNotMatch(html, /data-chart="org-pledges"/);
  });

  it('shows an office’s pledges by status and the share of those fulfilled that were confirmed', async () => {
    const html = await page('agencia-digital');
    assert.deepEqual(cells(html, 'org-pledges'), [
      ['Comprometido', '2', '$5,000.00'],
      ['Vencido', '1', '$5,000.00'],
      ['Cumplido', '1', '$2,500.50'],
      ['Confirmado', '1', '$10,000.00'],
      ['En disputa', '0', '$0.00'],
      ['Retirado', '0', '$0.00'],
    ]);
    assert.match(
      html,
      /De 2 compromisos que la oficina marcó como cumplidos, quienes los recibieron confirmaron 1 \(50 %\)\./,
    );
    const municipality = await page('municipio-zapopan');
    // Its withdrawn pledge is not counted as reported fulfilled; its disputed one is, unconfirmed.
    assert.match(
      municipality,
      /De 1 compromiso que la oficina marcó como cumplido, quien lo recibió confirmó 0 \(0 %\)\./,
    );
    // The archived challenge's pledge is not counted.
    assert.deepEqual(cells(municipality, 'org-pledges')[0], ['Comprometido', '0', '$0.00']);
  });
});
