import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { statistics } from '../../../../server/statistics/index.ts';
import { makeStatisticsWorld } from '../../../support/statistics-factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

// The same figures filtered by state and by organization (the data set is described in
// tests/support/statistics-factories.ts), and the 400 page for values we do not know.

const funnelRow = (html: string, stage: string) =>
  new RegExp(
    `<tr data-stage="${stage}"><th scope="row">[^<]+</th><td class="num">(\\d+)</td>`,
  ).exec(html)?.[1];

describe('/estadisticas filtered', () => {
  let test: TestApp;
  let world: Awaited<ReturnType<typeof makeStatisticsWorld>>;
  before(async () => {
    test = await buildTestApp();
    world = await makeStatisticsWorld(test.database.db);
  });
  after(() => test.close());

  const get = async (query: string) =>
    (await request(test.app).get(`/estadisticas?${query}`).expect(200)).text;

  it('by state: only that state’s challenges and the pledges on them', async () => {
    const figures = await statistics(test.database.db, { state: 'JAL' });
    assert.deepEqual(figures.funnel, {
      published: 2,
      proposed: 1,
      started: 1,
      delivered: 1,
      adopted: 1,
      validated: 0,
    });
    assert.deepEqual(
      figures.byState.filter((row) => row.published > 0).map((row) => row.stateCode),
      ['JAL'],
    );
    assert.deepEqual(
      figures.money.offices.map((office) => [
        office.slug,
        office.pledged.centavos,
        office.overdue.count,
        office.withdrawn.centavos,
      ]),
      [
        ['agencia-digital', 500_000, 1, 0],
        ['municipio-zapopan', 0, 0, 300_000],
      ],
    );
    assert.equal(figures.medians.toAdoption.days, 12);

    const page = await get('entidad=jal');
    assert.equal(funnelRow(page, 'published'), '2');
    assert.match(page, /<h1>Estadísticas: Jalisco<\/h1>/);
    assert.match(page, /<option value="JAL" selected>/);
  });

  it('by state: nacional keeps the challenges with no state', async () => {
    const page = await get('entidad=nacional');
    assert.equal(funnelRow(page, 'published'), '1');
    assert.equal(funnelRow(page, 'proposed'), '1');
  });

  it('by organization: its challenges, and the pledges it made or received', async () => {
    const community = await statistics(test.database.db, { organizationSlug: 'colectivo-oaxaca' });
    assert.equal(community.organization?.name, 'Colectivo Oaxaca');
    assert.deepEqual(community.funnel, {
      published: 4,
      proposed: 4,
      started: 3,
      delivered: 2,
      adopted: 1,
      validated: 1,
    });
    assert.deepEqual(
      community.money.offices.map((office) => office.slug),
      ['agencia-digital', 'municipio-zapopan'],
    );
    assert.equal(community.money.total.backing.centavos, 1_000_000 + 250_050 + 120_000);

    const office = await statistics(test.database.db, { organizationSlug: 'municipio-zapopan' });
    assert.equal(office.funnel.published, 0);
    assert.deepEqual(
      office.money.offices.map((row) => [row.slug, row.disputed.count, row.withdrawn.count]),
      [['municipio-zapopan', 1, 1]],
    );

    const page = await get('organizacion=colectivo-oaxaca&entidad=OAX');
    assert.equal(funnelRow(page, 'published'), '3');
    assert.match(page, /<input type="hidden" name="organizacion" value="colectivo-oaxaca">/);
    assert.match(page, /href="\/organizaciones\/colectivo-oaxaca">Colectivo Oaxaca<\/a>/);
  });

  it('keeps the filters in the map switch', async () => {
    const page = await get('entidad=OAX&organizacion=colectivo-oaxaca');
    assert.match(
      page,
      /href="\/estadisticas\?entidad&#x3D;OAX&amp;organizacion&#x3D;colectivo-oaxaca&amp;mapa&#x3D;adoptadas"/,
    );
  });

  it('answers the 400 page for an unknown state, organization, map or a repeated filter', async () => {
    for (const query of [
      'entidad=XX',
      'entidad=Oaxaca',
      'organizacion=nadie',
      `organizacion=${'a'.repeat(300)}`,
      'mapa=barras',
      'entidad=OAX&entidad=JAL',
      'organizacion=colectivo-oaxaca&organizacion=red-jalisco',
    ]) {
      const response = await request(test.app).get(`/estadisticas?${query}`);
      assert.equal(response.status, 400, query);
      assert.match(response.text, /estadísticas sin filtros/, query);
    }
  });

  it('treats empty filters as none, as the form sends them', async () => {
    const page = await get('entidad=&organizacion=');
    assert.equal(funnelRow(page, 'published'), '8');
    assert.ok(world.c1);
  });
});
