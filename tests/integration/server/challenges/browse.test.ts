import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { sponsorships, type Challenge } from '../../../../models/schema/index.ts';
import { encodeCursor } from '../../../../server/challenges/browse-cursor.ts';
import { dayInMexico } from '../../../../server/challenges/browse-service.ts';
import {
  makeChallengeRows,
  makeProposals,
  makeSponsorship,
} from '../../../support/challenge-factories.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function decodeHtml(text: string): string {
  return text
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The slugs of the challenge cards on a page, in order. */
function slugsIn(html: string): string[] {
  return [...html.matchAll(/<h3 class="card__title"><a href="\/retos\/([^"]+)">/g)].map(
    (match) => match[1]!,
  );
}

function nextLinkIn(html: string): string | undefined {
  const match = /<a class="[^"]*" rel="next" href="([^"]+)"/.exec(html);
  return match ? decodeHtml(match[1]!) : undefined;
}

function countIn(html: string): string | undefined {
  return /<h2 id="results-heading" class="browse__count">([^<]+)<\/h2>/.exec(html)?.[1];
}

type SortKey<T> = [key: (row: T) => string | number, direction: 'asc' | 'desc'];

/** The expected order: keys compared left to right, each ascending or descending. */
function orderBy<T>(rows: T[], ...keys: SortKey<T>[]): T[] {
  return [...rows].sort((a, b) => {
    for (const [key, direction] of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return (x < y ? -1 : 1) * (direction === 'asc' ? 1 : -1);
    }
    return 0;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('/retos: filters, search and sort orders', () => {
  let test: TestApp;
  const now = Date.now();
  const daysFromNow = (days: number) => new Date(now + days * DAY_MS);
  const dateIn = (days: number) => new Date(now + days * DAY_MS).toISOString().slice(0, 10);
  const slug: Record<string, string> = {};
  const get = (path: string) => request(test.app).get(path);
  const listed = async (path: string) => {
    const response = await get(path);
    assert.equal(response.status, 200, `${path} answered ${response.status}`);
    return slugsIn(response.text);
  };
  const names = (...keys: string[]) => keys.map((key) => slug[key]);

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const community = await makeOrganization(db, { kind: 'community', name: 'Vecinos del Atoyac' });
    const ngo = await makeOrganization(db, { kind: 'ngo', name: 'Agua para Todos' });
    const academic = await makeOrganization(db, { kind: 'academic', name: 'Laboratorio UADY' });
    const office = await makeOrganization(db, {
      kind: 'government',
      name: 'Secretaría de Movilidad',
      verifiedAt: new Date(),
    });

    const river = await makeChallenge(db, {
      slug: 'rio-atoyac',
      organizationId: community.id,
      title: 'Contaminación del río Atoyac',
      pitch: 'Registrar cada descarga al río con foto y ubicación.',
      problem: 'Las descargas de aguas residuales llegan al río sin control.',
      status: 'open',
      stateCode: 'PUE',
      municipality: 'San Pedro Cholula',
      sdgs: [6, 14],
      skills: ['mapas', 'Python'],
      deadline: dateIn(30),
      publishedAt: daysFromNow(-5),
    });
    const water = await makeChallenge(db, {
      slug: 'tandeo-de-agua',
      organizationId: ngo.id,
      title: 'Alertas de tandeo de agua',
      pitch: 'Avisar a cada colonia cuándo llegará el agua.',
      problem: 'Las familias esperan horas sin saber cuándo llega el agua.',
      status: 'in_progress',
      stateCode: 'NL',
      sdgs: [6, 11],
      skills: ['SMS'],
      deadline: dateIn(10),
      publishedAt: daysFromNow(-10),
    });
    const shelters = await makeChallenge(db, {
      slug: 'directorio-de-refugios',
      organizationId: academic.id,
      title: 'Directorio de refugios ante huracanes',
      pitch: 'Saber qué refugios están abiertos.',
      problem: 'Durante un huracán nadie sabe qué refugio tiene lugar.',
      status: 'solved',
      stateCode: 'YUC',
      sdgs: [11, 13],
      skills: ['diseño'],
      deadline: dateIn(-20),
      publishedAt: daysFromNow(-40),
    });
    const air = await makeChallenge(db, {
      slug: 'semaforo-del-aire',
      organizationId: office.id,
      title: 'Semáforo de calidad del aire',
      pitch: 'Un semáforo sencillo para las escuelas.',
      problem: 'Las escuelas no saben cuándo suspender actividades al aire libre.',
      status: 'closed',
      stateCode: 'CDMX',
      sdgs: [3],
      skills: ['Node.js'],
      deadline: null,
      publishedAt: daysFromNow(-60),
    });
    const libraries = await makeChallenge(db, {
      slug: 'mapa-de-bibliotecas',
      organizationId: office.id,
      title: 'Mapa nacional de bibliotecas públicas',
      pitch: 'Dónde hay una biblioteca abierta cerca.',
      problem: 'Los horarios de las bibliotecas no están publicados en ningún lugar.',
      status: 'open',
      stateCode: null,
      sdgs: [4],
      skills: ['PostgreSQL', 'mapas'],
      deadline: null,
      publishedAt: daysFromNow(-1),
    });
    // Both match nearly every filter and search below, and must never be listed.
    await makeChallenge(db, {
      slug: 'borrador-oculto',
      organizationId: office.id,
      title: 'Borrador sobre la contaminación del río y el agua',
      status: 'draft',
      stateCode: 'PUE',
      sdgs: [6, 11, 4],
      skills: ['mapas', 'Python', 'SMS'],
      deadline: dateIn(2),
      publishedAt: null,
    });
    const archived = await makeChallenge(db, {
      slug: 'reto-archivado',
      organizationId: community.id,
      title: 'Archivado: contaminación del río y el agua',
      status: 'open',
      archived: true,
      stateCode: 'PUE',
      sdgs: [6, 11, 4],
      skills: ['mapas', 'Python', 'SMS'],
      deadline: dateIn(1),
      publishedAt: daysFromNow(0),
    });
    Object.assign(slug, {
      river: river.slug,
      water: water.slug,
      shelters: shelters.slug,
      air: air.slug,
      libraries: libraries.slug,
    });

    await makeSponsorship(db, river, { status: 'pledged' });
    await makeSponsorship(db, water, { status: 'withdrawn' });
    await makeSponsorship(db, shelters, { status: 'fulfilled' });
    await makeSponsorship(db, archived, { status: 'pledged' });
    await makeProposals(db, river, ['submitted', 'accepted', 'draft', 'withdrawn']);
    await makeProposals(db, water, ['in_progress', 'draft']);
    await makeProposals(db, libraries, ['submitted', 'declined', 'delivered']);
    await makeProposals(db, archived, ['submitted', 'submitted', 'submitted', 'submitted']);
  });
  after(() => test.close());

  it('lists every published challenge, newest first, never drafts or archived ones', async () => {
    const response = await get('/retos');
    assert.equal(response.status, 200);
    assert.deepEqual(
      slugsIn(response.text),
      names('libraries', 'river', 'water', 'shelters', 'air'),
    );
    assert.equal(countIn(response.text), '5 retos');
    assert.doesNotMatch(response.text, /borrador-oculto|reto-archivado/);
    assert.doesNotMatch(response.text, /rel="next"/, 'one page only');
  });

  it('filters by status', async () => {
    assert.deepEqual(await listed('/retos?estado=abierto'), names('libraries', 'river'));
    assert.deepEqual(await listed('/retos?estado=en-desarrollo'), names('water'));
    assert.deepEqual(await listed('/retos?estado=resuelto'), names('shelters'));
    assert.deepEqual(await listed('/retos?estado=cerrado'), names('air'));
  });

  it('filters by Sustainable Development Goal', async () => {
    assert.deepEqual(await listed('/retos?ods=6'), names('river', 'water'));
    assert.deepEqual(await listed('/retos?ods=11'), names('water', 'shelters'));
    assert.deepEqual(await listed('/retos?ods=17'), []);
  });

  it('filters by state, in any letter case, and by nationwide reach', async () => {
    assert.deepEqual(await listed('/retos?entidad=PUE'), names('river'));
    assert.deepEqual(await listed('/retos?entidad=yuc'), names('shelters'));
    assert.deepEqual(await listed('/retos?entidad=nacional'), names('libraries'));
    assert.deepEqual(await listed('/retos?entidad=OAX'), []);
  });

  it('filters by one whole skill, ignoring case and accents', async () => {
    assert.deepEqual(await listed('/retos?habilidad=mapas'), names('libraries', 'river'));
    assert.deepEqual(await listed('/retos?habilidad=python'), names('river'));
    assert.deepEqual(await listed('/retos?habilidad=DISENO'), names('shelters'));
    assert.deepEqual(await listed('/retos?habilidad=node.js'), names('air'));
    assert.deepEqual(await listed('/retos?habilidad=map'), [], 'a part of a skill is not a skill');
  });

  it('filters by the kind of organization that posted the challenge', async () => {
    assert.deepEqual(await listed('/retos?tipo=gobierno'), names('libraries', 'air'));
    assert.deepEqual(await listed('/retos?tipo=comunidad'), names('river'));
    assert.deepEqual(await listed('/retos?tipo=organizacion-civil'), names('water'));
    assert.deepEqual(await listed('/retos?tipo=academica'), names('shelters'));
  });

  it('filters by sponsorship: pledged or fulfilled counts, withdrawn does not', async () => {
    assert.deepEqual(await listed('/retos?patrocinado=si'), names('river', 'shelters'));
    assert.deepEqual(await listed('/retos?patrocinado=no'), names('libraries', 'water', 'air'));
  });

  it('searches in Spanish ignoring accents and plurals', async () => {
    assert.deepEqual(await listed('/retos?q=contaminacion'), names('river'));
    assert.deepEqual(await listed('/retos?q=CONTAMINACIÓN'), names('river'));
    assert.deepEqual(await listed('/retos?q=rios'), names('river'), '"rios" finds "río"');
    assert.deepEqual(await listed('/retos?q=huracan'), names('shelters'));
    assert.deepEqual(await listed('/retos?q=alerta'), names('water'), 'stems "Alertas"');
    assert.deepEqual(await listed('/retos?q=semaforos'), names('air'));
    assert.deepEqual(await listed('/retos?q=bibliotecas+horarios'), names('libraries'));
    assert.deepEqual(await listed('/retos?q=bibliotecas+huracanes'), [], 'words are ANDed');
    assert.deepEqual(await listed('/retos?q=borrador'), []);
    assert.deepEqual(await listed('/retos?q=archivado'), []);
  });

  it('understands web search syntax: quoted phrases, or, and -word', async () => {
    assert.deepEqual(await listed('/retos?q=%22calidad+del+aire%22'), names('air'));
    assert.deepEqual(await listed('/retos?q=%22aire+calidad%22'), []);
    assert.deepEqual(
      (await listed('/retos?q=huracanes+or+semaforo')).sort(),
      names('shelters', 'air').sort(),
    );
    assert.deepEqual(await listed('/retos?q=agua+-colonia'), names('river'));
  });

  it('ranks search results by relevance, and sorts them otherwise when asked', async () => {
    // "agua" is in the title of one and only in the problem of the other.
    assert.deepEqual(await listed('/retos?q=agua'), names('water', 'river'));
    assert.deepEqual(await listed('/retos?q=agua&orden=relevancia'), names('water', 'river'));
    assert.deepEqual(await listed('/retos?q=agua&orden=recientes'), names('river', 'water'));
  });

  it('combines filters with AND', async () => {
    assert.deepEqual(await listed('/retos?estado=abierto&ods=6'), names('river'));
    assert.deepEqual(
      await listed('/retos?tipo=gobierno&entidad=nacional&habilidad=mapas'),
      names('libraries'),
    );
    assert.deepEqual(await listed('/retos?patrocinado=si&estado=resuelto'), names('shelters'));
    assert.deepEqual(await listed('/retos?q=agua&estado=en-desarrollo'), names('water'));
    assert.deepEqual(
      await listed(
        '/retos?q=rio&ods=14&entidad=PUE&habilidad=Python&tipo=comunidad&patrocinado=si&estado=abierto',
      ),
      names('river'),
    );
    assert.deepEqual(await listed('/retos?estado=abierto&patrocinado=si&tipo=gobierno'), []);
  });

  it('sorts by closest deadline: upcoming first, then past ones, then none', async () => {
    const [first, second, third, ...rest] = await listed('/retos?orden=cierre');
    assert.deepEqual([first, second, third], names('water', 'river', 'shelters'));
    assert.deepEqual([...rest].sort(), names('air', 'libraries').sort());
  });

  it('sorts by most proposals, counting neither drafts nor withdrawn ones', async () => {
    assert.deepEqual(
      await listed('/retos?orden=propuestas'),
      names('libraries', 'river', 'water', 'shelters', 'air'),
    );
    const page = await get('/retos?orden=propuestas');
    assert.match(page.text, /3 propuestas/);
    assert.match(page.text, /2 propuestas/);
    assert.match(page.text, /1 propuesta</);
  });

  it('shows each result as a card linking to its page, with its place and sponsorship', async () => {
    const page = await get('/retos?entidad=PUE');
    assert.match(page.text, /<a href="\/retos\/rio-atoyac">Contaminación del río Atoyac<\/a>/);
    assert.match(page.text, /San Pedro Cholula, Puebla/);
    assert.match(page.text, /Patrocinado/);
    assert.match(page.text, /1 reto</);
    const national = await get('/retos?entidad=nacional');
    assert.match(national.text, /Nacional/);
    assert.doesNotMatch(national.text, /class="badge badge--sponsored"/);
  });

  it('shows an empty state that offers to clear the filters', async () => {
    const page = await get('/retos?q=volcanes&estado=abierto');
    assert.equal(page.status, 200);
    assert.equal(countIn(page.text), '0 retos sobre «volcanes»');
    assert.match(page.text, /No encontramos retos con estos filtros/);
    assert.match(page.text, /<a href="\/retos">Quitar filtros<\/a>/);
  });

  it('has a title, a description and a form that needs no JavaScript', async () => {
    const page = await get('/retos');
    assert.match(page.text, /<title>Buscar retos · Retos<\/title>/);
    assert.match(page.text, /<meta name="description" content="Busca retos públicos/);
    assert.match(page.text, /<form class="browse-filters" method="get" action="\/retos"/);
    for (const [id, label] of [
      ['q', 'Buscar'],
      ['estado', 'Estado'],
      ['ods', 'Objetivo de Desarrollo Sostenible'],
      ['entidad', 'Entidad'],
      ['habilidad', 'Habilidad'],
      ['tipo', 'Quién lo publica'],
      ['patrocinado', 'Patrocinio'],
      ['orden', 'Ordenar por'],
    ]) {
      assert.match(page.text, new RegExp(`<label for="${id}">${label}</label>`));
      assert.match(page.text, new RegExp(`id="${id}" name="${id}"`));
    }
    assert.match(page.text, /<option value="6">6\. Agua limpia y saneamiento<\/option>/);
    assert.match(page.text, /<option value="OAX">Oaxaca<\/option>/);
    assert.match(page.text, /<option value="nacional">Alcance nacional<\/option>/);
    assert.match(page.text, /<button class="button" type="submit">Buscar<\/button>/);
    assert.doesNotMatch(page.text, /<script/);
    assert.match(page.text, /<a href="\/retos" aria-current="page">/, 'the header marks Retos');
    const search = await get('/retos?q=agua');
    assert.match(search.text, /<title>Retos sobre «agua» · Retos<\/title>/);
  });

  it('shows the form again with every filter it was given', async () => {
    const page = await get(
      '/retos?q=agua+limpia&estado=abierto&ods=6&entidad=pue&habilidad=mapas&tipo=comunidad&patrocinado=si&orden=cierre',
    );
    assert.equal(page.status, 200);
    assert.match(page.text, /<input type="search" id="q" name="q" value="agua limpia"/);
    assert.match(page.text, /<option value="abierto" selected>/);
    assert.match(page.text, /<option value="6" selected>/);
    assert.match(page.text, /<option value="PUE" selected>/);
    assert.match(page.text, /id="habilidad" name="habilidad" value="mapas"/);
    assert.match(page.text, /<option value="comunidad" selected>/);
    assert.match(page.text, /<option value="si" selected>/);
    assert.match(page.text, /<option value="cierre" selected>/);
    assert.match(page.text, /<details class="browse-filters__more" open>/);
    assert.equal((page.text.match(/ selected>/g) ?? []).length, 6, 'six selects');
  });

  it('keeps the filters folded on a plain list, and the search order on relevance', async () => {
    const page = await get('/retos');
    assert.match(page.text, /<details class="browse-filters__more">/);
    assert.match(page.text, /<option value="relevancia" selected>/);
    assert.match(page.text, /<option value="" selected>Todos los estados<\/option>/);
  });

  it('answers filter values it does not know with 422, the form and what to correct', async () => {
    const cases = [
      ['estado=borrador', 'estado', 'Elige un estado de la lista.'],
      ['ods=18', 'ods', 'Elige un objetivo de la lista (del 1 al 17).'],
      ['ods=6.5', 'ods', 'Elige un objetivo de la lista (del 1 al 17).'],
      ['entidad=XYZ', 'entidad', 'Elige una entidad de la lista.'],
      ['tipo=empresa', 'tipo', 'Elige un tipo de organización de la lista.'],
      ['patrocinado=quizas', 'patrocinado', 'Elige «Con patrocinio» o «Sin patrocinio».'],
      ['orden=alfabetico', 'orden', 'Elige un orden de la lista.'],
      ['estado=abierto&estado=cerrado', 'estado', 'Elige un estado de la lista.'],
      [`habilidad=${'x'.repeat(51)}`, 'habilidad', 'Escribe una sola habilidad'],
      [`q=${'agua+'.repeat(41)}`, 'q', 'Escribe una búsqueda de 200 caracteres o menos.'],
    ] as const;
    for (const [query, field, message] of cases) {
      const page = await get(`/retos?q=agua&${query}`);
      assert.equal(page.status, 422, query);
      assert.match(page.text, new RegExp(`<a href="#${field}">${escapeRegExp(message)}`), query);
      assert.match(page.text, new RegExp(`id="${field}-error"`), query);
      assert.match(page.text, /Corrige los filtros marcados/, query);
      assert.deepEqual(slugsIn(page.text), [], query);
    }
    const kept = await get('/retos?q=agua&habilidad=mapas&ods=99');
    assert.match(kept.text, /name="q" value="agua"/);
    assert.match(kept.text, /name="habilidad" value="mapas"/);
    const english = await get('/retos?estado=nope&lang=en');
    assert.equal(english.status, 422);
    assert.match(english.text, /Choose a status from the list\./);
  });

  it('ignores parameters it does not use', async () => {
    assert.deepEqual(
      await listed('/retos?estado=cerrado&utm_source=boletin&pagina=3'),
      names('air'),
    );
  });

  it('answers a tampered or foreign cursor with a 400 page that keeps the filters', async () => {
    const validNewest = encodeCursor({
      sort: 'newest',
      publishedAt: new Date(now).toISOString(),
      id: '00000000-0000-4000-8000-000000000000',
    });
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const broken = [
      'abc',
      '%%%',
      'x'.repeat(1000),
      json({
        o: 'newest',
        k: ['2026-02-30T00:00:00.000Z'],
        i: '00000000-0000-4000-8000-000000000000',
      }),
      json({ o: 'newest', k: ['2026-01-01T00:00:00.000Z'], i: "'; drop table challenges; --" }),
      json({ o: 'newest', k: [1], i: '00000000-0000-4000-8000-000000000000' }),
      json([1, 2, 3]),
      `${validNewest}&cursor=${validNewest}`,
    ];
    for (const cursor of broken) {
      const page = await get(`/retos?estado=abierto&cursor=${cursor}`);
      assert.equal(page.status, 400, cursor);
      assert.match(page.text, /Este enlace de página no es válido/);
      assert.match(
        decodeHtml(page.text),
        /<a href="\/retos\?estado=abierto">Volver a la primera página<\/a>/,
      );
      assert.match(page.text, /<option value="abierto" selected>/);
    }
    // A cursor of one order is not a position in another.
    const otherSort = await get(`/retos?orden=cierre&cursor=${validNewest}`);
    assert.equal(otherSort.status, 400);
    assert.equal((await get(`/retos?cursor=${validNewest}`)).status, 200);
  });

  it('speaks English when asked', async () => {
    const page = await get('/retos?lang=en&ods=6');
    assert.equal(countIn(page.text), '2 challenges');
    assert.match(page.text, /<option value="6" selected>6\. Clean water and sanitation<\/option>/);
    assert.match(page.text, /Sponsored/);
  });

  it('is linked from the home page, with the open challenges chosen', async () => {
    const home = await get('/');
    const link = /<a href="(\/retos\?[^"]+)">Ver todos los retos abiertos<\/a>/.exec(home.text);
    assert.ok(link, 'the home page links to the open challenges');
    assert.deepEqual(await listed(decodeHtml(link[1]!)), names('libraries', 'river'));
  });

  it('also understands the stored names of statuses and kinds, as other links may use them', async () => {
    const page = await get('/retos?estado=open&tipo=government');
    assert.equal(page.status, 200);
    assert.deepEqual(slugsIn(page.text), names('libraries'));
    assert.match(page.text, /<option value="abierto" selected>/);
    assert.match(page.text, /<option value="gobierno" selected>/);
  });
});

describe('/retos: the skill filter', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
  });
  after(() => test.close());

  it('finds every spelling of a skill, and a new spelling typed exactly', async () => {
    const db = test.database.db;
    const organization = await makeOrganization(db);
    await makeChallengeRows(db, organization.id, [
      { slug: 'uno', skills: ['Diseño', 'QGIS'] },
      { slug: 'dos', skills: ['diseno'] },
      { slug: 'tres', skills: ['DISEÑO web'] },
    ]);
    const listed = async (path: string) => slugsIn((await request(test.app).get(path)).text).sort();
    assert.deepEqual(await listed('/retos?habilidad=Disenó'), ['dos', 'uno']);
    assert.deepEqual(await listed('/retos?habilidad=diseño+web'), ['tres']);
    // The spellings in use are read once a minute; one added since is found as it is written.
    await makeChallengeRows(db, organization.id, [{ slug: 'cuatro', skills: ['DiSeÑo'] }]);
    assert.deepEqual(await listed('/retos?habilidad=DiSeÑo'), ['cuatro', 'dos', 'uno']);
    assert.deepEqual(await listed('/retos?habilidad=qgis'), ['uno']);
  });
});

describe('/retos: keyset pagination', () => {
  let test: TestApp;
  let rows: Challenge[];
  const proposalCounts = new Map<string, number>();
  const today = dayInMexico(new Date());
  const dayOffset = (date: string) =>
    Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const organization = await makeOrganization(db, { kind: 'ngo' });
    const base = Date.parse('2026-10-01T12:00:00.123Z');
    const deadlines = [5, 5, 12, -3, -3, null, 40, null, 0];
    rows = await makeChallengeRows(
      db,
      organization.id,
      Array.from({ length: 65 }, (_, i) => {
        const offset = deadlines[i % deadlines.length];
        return {
          slug: `huerto-${String(i).padStart(2, '0')}`,
          // Every third title has the searched word: two relevance levels, each full of ties.
          title: i % 3 === 0 ? `Huerto comunitario ${i}` : `Reto vecinal ${i}`,
          problem: 'Un huerto para el barrio.',
          skills: ['jardineria'],
          // Five publication instants (with milliseconds) shared by thirteen challenges each.
          publishedAt: new Date(base + (i % 5) * 3_600_000),
          deadline:
            offset === null || offset === undefined
              ? null
              : new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY_MS)
                  .toISOString()
                  .slice(0, 10),
        };
      }),
    );
    for (const [index, row] of rows.entries()) {
      const counted = index % 4 === 0 ? 2 : index % 4 === 1 ? 1 : 0;
      proposalCounts.set(row.id, counted);
      await makeProposals(db, row, [
        ...Array.from({ length: counted }, () => 'submitted' as const),
        ...(index % 7 === 0 ? (['draft', 'withdrawn'] as const) : []),
      ]);
    }
    // Not listed: a draft and an archived challenge in the middle of every order.
    await makeChallengeRows(db, organization.id, [
      { slug: 'huerto-borrador', title: 'Huerto', status: 'draft', skills: ['jardineria'] },
      { slug: 'huerto-archivado', title: 'Huerto', archived: true, skills: ['jardineria'] },
    ]);
  });
  after(() => test.close());

  /** Follows "next page" links from the first page to the last; returns the slugs in order. */
  async function walk(firstPage: string) {
    const seen: string[] = [];
    const pages: number[] = [];
    let url: string | undefined = firstPage;
    while (url) {
      const page = await request(test.app).get(url);
      assert.equal(page.status, 200, url);
      assert.equal(countIn(page.text)?.replace(/ sobre.*/, ''), '65 retos', url);
      const slugs = slugsIn(page.text);
      pages.push(slugs.length);
      seen.push(...slugs);
      url = nextLinkIn(page.text);
      if (url) assert.match(url, /[?&]cursor=[\w-]+$/);
      assert.ok(pages.length <= 10, 'the walk ends');
    }
    return { seen, pages };
  }

  // uuids sort in PostgreSQL as their lower-case text does.
  const newest: SortKey<Challenge> = [(row) => row.publishedAt!.getTime(), 'desc'];
  const idDescending: SortKey<Challenge> = [(row) => row.id, 'desc'];

  it('walks newest first: every challenge once, in order, across ties', async () => {
    const { seen, pages } = await walk('/retos?habilidad=jardineria');
    assert.deepEqual(pages, [20, 20, 20, 5]);
    const expected = orderBy(rows, newest, idDescending).map((row) => row.slug);
    assert.deepEqual(seen, expected);
  });

  it('walks by closest deadline, with past and missing deadlines after', async () => {
    const { seen, pages } = await walk('/retos?habilidad=jardineria&orden=cierre');
    assert.deepEqual(pages, [20, 20, 20, 5]);
    const bucket = (row: Challenge) =>
      row.deadline === null ? 2 : dayOffset(row.deadline) >= 0 ? 0 : 1;
    const distance = (row: Challenge) =>
      row.deadline === null ? 0 : Math.abs(dayOffset(row.deadline));
    const expected = orderBy(
      rows,
      [bucket, 'asc'],
      [distance, 'asc'],
      [(row) => row.id, 'asc'],
    ).map((row) => row.slug);
    assert.deepEqual(seen, expected);
  });

  it('walks by most proposals, then newest', async () => {
    const { seen, pages } = await walk('/retos?habilidad=jardineria&orden=propuestas');
    assert.deepEqual(pages, [20, 20, 20, 5]);
    const expected = orderBy(
      rows,
      [(row) => proposalCounts.get(row.id)!, 'desc'],
      newest,
      idDescending,
    ).map((row) => row.slug);
    assert.deepEqual(seen, expected);
  });

  it('walks by largest prize, counting pledged and paid prizes only, then newest', async () => {
    const db = test.database.db;
    const office = await makeOrganization(db, { kind: 'government', verifiedAt: new Date() });
    const prizes = new Map<string, number>();
    for (const [index, row] of rows.entries()) {
      if (index % 3 === 2) continue;
      // Ties on purpose (index % 6), plus a withdrawn prize and a non-prize pledge that must not count.
      // A prize is never of 0 (the database refuses it): those rows tie with no prize at all.
      const centavos = (index % 6) * 1_000_050;
      const prize = {
        challengeId: row.id,
        organizationId: office.id,
        kind: 'prize' as const,
        amountCentavos: centavos,
        status: index % 2 ? ('fulfilled' as const) : ('pledged' as const),
      };
      await db.insert(sponsorships).values([
        ...(centavos > 0 ? [prize] : []),
        {
          challengeId: row.id,
          organizationId: office.id,
          kind: 'prize',
          amountCentavos: 99_999_999,
          status: 'withdrawn',
        },
        {
          challengeId: row.id,
          organizationId: office.id,
          kind: 'mentorship',
          description: 'Horas',
        },
      ]);
      prizes.set(row.id, centavos);
    }
    const { seen, pages } = await walk('/retos?habilidad=jardineria&orden=premio');
    assert.deepEqual(pages, [20, 20, 20, 5]);
    const expected = orderBy(
      rows,
      [(row) => prizes.get(row.id) ?? 0, 'desc'],
      newest,
      idDescending,
    ).map((row) => row.slug);
    assert.deepEqual(seen, expected);
    await db.delete(sponsorships);
  });

  it('walks by relevance, then newest', async () => {
    const { seen, pages } = await walk('/retos?q=huertos&estado=abierto');
    assert.deepEqual(pages, [20, 20, 20, 5]);
    const level = (row: Challenge) => (row.title.startsWith('Huerto') ? 0 : 1);
    const expected = orderBy(rows, [level, 'asc'], newest, idDescending).map((row) => row.slug);
    assert.deepEqual(seen, expected);
  });

  it('keeps every filter in the next page link', async () => {
    const first = await request(test.app).get(
      '/retos?q=huerto&estado=abierto&tipo=organizacion-civil&habilidad=jardineria&patrocinado=no&entidad=nacional&orden=recientes',
    );
    const next = nextLinkIn(first.text);
    assert.ok(next, 'there is a next page');
    const params = new URL(next, 'http://retos.test').searchParams;
    assert.deepEqual(Object.fromEntries([...params].filter(([name]) => name !== 'cursor')), {
      q: 'huerto',
      estado: 'abierto',
      entidad: 'nacional',
      habilidad: 'jardineria',
      tipo: 'organizacion-civil',
      patrocinado: 'no',
      orden: 'recientes',
    });
    const second = await request(test.app).get(next);
    assert.equal(second.status, 200);
    assert.match(second.text, /Volver a la primera página/);
    assert.equal(slugsIn(second.text).length, 20);
  });
});
