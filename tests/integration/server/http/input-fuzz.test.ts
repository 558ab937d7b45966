import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Test } from 'supertest';
import { challengeQuestions, type User } from '../../../../models/schema/index.ts';
import { unsubscribeToken } from '../../../../server/mail/index.ts';
import { makeClaim } from '../../../support/claim-factories.ts';
import { makeSponsorship } from '../../../support/challenge-factories.ts';
import { databaseSnapshot } from '../../../support/database-snapshot.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { roomyLimits } from '../../../support/claim-factories.ts';
import { makeInvitation, signedIn } from '../../../support/organization-factories.ts';
import { makeProposal, makeVolunteer } from '../../../support/proposal-factories.ts';
import { routeTable, type RouteEntry } from '../../../support/route-table.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';
import {
  bodyCases,
  queryCases,
  pathVariants,
  type BodyCase,
  type FormFields,
} from '../../../support/hostile-input.ts';

// Every GET and POST route the app mounts, as a visitor, a volunteer and an organization member,
// given text PostgreSQL cannot store, impossible dates, out-of-range cursors, duplicate
// parameters, wrong content types and 1 MB fields: none may answer 500, and a refused write must
// leave the database as it was.

type Agent = ReturnType<typeof visitor>;
interface Failure {
  request: string;
  status: number;
  problem: string;
}

// Signing out and deleting the account end the agent's session: they go last.
const LAST = ['/cuenta/eliminar', '/salir'];
const byDestructiveLast = (a: RouteEntry, b: RouteEntry) =>
  Number(LAST.includes(a.path)) - Number(LAST.includes(b.path));

describe('hostile input on every route', () => {
  let test: TestApp;
  let routes: RouteEntry[];
  const params: Record<string, string> = {};
  const agents: { name: string; agent: Agent; csrf: () => Promise<string> }[] = [];
  // Field names of each form, by the path its action posts to; gathered from the GET sweep.
  const formsByAction = new Map<string, Set<string>>();

  before(async () => {
    test = await buildTestApp(roomyLimits);
    const db = test.database.db;
    const office = await makeOrganization(db, { kind: 'government', verifiedAt: new Date() });
    const challenge = await makeChallenge(db, { organizationId: office.id });
    const volunteerUser = await makeVolunteer(db);
    const proposal = await makeProposal(db, {
      challenge,
      lead: volunteerUser,
      overrides: { status: 'submitted' },
    });
    const sponsorship = await makeSponsorship(db, challenge, { organizationId: office.id });
    const claim = await makeClaim(db, challenge, volunteerUser);
    const { token } = await makeInvitation(db, office);
    const member = await signedIn(test, 'miembro-fuzz@example.org', {
      organization: office,
      role: 'owner',
      name: 'Miembro',
    });
    const [question] = await db
      .insert(challengeQuestions)
      .values({ challengeId: challenge.id, authorId: volunteerUser.id, body: '¿Hay datos?' })
      .returning();
    Object.assign(params, {
      'retos:slug': challenge.slug,
      'challenges:slug': challenge.slug,
      'organizaciones:slug': office.slug,
      'nuestros-retos:slug': office.slug,
      list: 'revisar',
      'propuestas:id': proposal.id,
      'patrocinios:id': sponsorship.id,
      'reclamos:id': claim.id,
      questionId: question!.id,
      invitationId: '00000000-0000-4000-8000-000000000000',
      'correo:id': '00000000-0000-4000-8000-000000000001',
      userId: (member.user as User).id,
      'invitaciones:token': token,
      'baja:token': unsubscribeToken(test.config, volunteerUser.id, 'all'),
      login: volunteerUser.githubLogin!,
      owner: 'equipo',
      repo: 'solucion',
      file: 'no-existe.eml',
    });

    const guest = visitor(test.app);
    const volunteer = (await signInByEmail(test, volunteerUser.email!)).person;
    // A session keeps its token until it signs in or out, so each agent reads it once.
    const tokenFrom = (agent: Agent, path: string) => {
      let token: string | undefined;
      return async () => (token ??= csrfTokenIn((await agent.get(path)).text));
    };
    agents.push(
      { name: 'visitor', agent: guest, csrf: tokenFrom(guest, '/entrar') },
      { name: 'volunteer', agent: volunteer, csrf: tokenFrom(volunteer, '/cuenta') },
      { name: 'member', agent: member.person, csrf: tokenFrom(member.person, '/cuenta') },
    );
    routes = routeTable(test.app).sort(byDestructiveLast);
  });

  after(async () => {
    await test.close();
  });

  /** The route's path with its parameters filled from the seeded data. */
  function fill(path: string): string {
    const section = path.split('/')[1] ?? '';
    return path.replace(/:(\w+)/g, (_, name: string) => {
      const value =
        params[name] ?? params[`${section}:${name}`] ?? params[`${nearest(path, name)}:${name}`];
      if (value === undefined)
        throw new Error(`the fuzz test has no value for :${name} in ${path}`);
      return encodeURIComponent(value);
    });
  }
  // "/retos/:slug/reclamos/:id": the :id belongs to the segment just before it.
  function nearest(path: string, name: string): string {
    const segments = path.split('/');
    const at = segments.indexOf(`:${name}`);
    return segments[at - 1] ?? '';
  }

  function remember(html: string) {
    for (const form of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
      const action = /action="([^"]*)"/.exec(form[0])?.[1];
      if (!action || !/method="post"/i.test(form[0])) continue;
      const names = formsByAction.get(action) ?? new Set<string>();
      for (const field of form[0].matchAll(/name="([^"]+)"/g)) {
        if (field[1] !== '_csrf') names.add(field[1]!);
      }
      formsByAction.set(action, names);
    }
  }

  function check(failures: Failure[], request: string, status: number) {
    if (status >= 500) failures.push({ request, status, problem: 'answered 5xx' });
  }

  it('finds the routes to try', () => {
    const gets = routes.filter((route) => route.method === 'GET');
    const posts = routes.filter((route) => route.method === 'POST');
    assert.ok(gets.length >= 40, `only ${gets.length} GET routes found`);
    assert.ok(posts.length >= 40, `only ${posts.length} POST routes found`);
  });

  for (const who of ['visitor', 'volunteer', 'member']) {
    it(`answers every GET route below 500 for a ${who}`, async () => {
      const { agent } = agents.find((entry) => entry.name === who)!;
      const failures: Failure[] = [];
      for (const route of routes.filter((entry) => entry.method === 'GET')) {
        const path = fill(route.path);
        const plain = await agent.get(path);
        check(failures, `GET ${path}`, plain.status);
        if (plain.type === 'text/html') remember(plain.text);
        // Parameters reach the database only for someone allowed past the route's guard.
        for (const variant of who === 'member' ? pathVariants(route.path, fill) : []) {
          check(failures, `GET ${variant}`, (await agent.get(variant)).status);
        }
        for (const query of queryCases()) {
          const url = `${path}?${query}`;
          check(failures, `GET ${url.slice(0, 200)}`, (await agent.get(url)).status);
        }
      }
      assert.deepEqual(failures, []);
    });
  }

  for (const who of ['visitor', 'volunteer', 'member']) {
    it(`answers every POST route below 500 for a ${who}, changing nothing when it refuses`, async () => {
      const entry = agents.find((candidate) => candidate.name === who)!;
      const failures: Failure[] = [];
      let index = 0;
      let snapshot = await databaseSnapshot(test.database.db);
      for (const route of routes.filter((candidate) => candidate.method === 'POST')) {
        const path = fill(route.path);
        const fields: FormFields = [...(formsByAction.get(path) ?? defaultFields)];
        // Bodies of the wrong type are refused before any route: one agent is enough.
        for (const hostile of bodyCases(fields, index++, { wrongTypes: who === 'member' })) {
          const response = await send(entry.agent, path, hostile, await entry.csrf());
          const label = `POST ${path} (${hostile.name})`;
          check(failures, label, response.status);
          const afterwards = await databaseSnapshot(test.database.db);
          if (response.status >= 400 && response.status < 500 && afterwards !== snapshot) {
            failures.push({ request: label, status: response.status, problem: 'changed data' });
          }
          snapshot = afterwards;
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});

// Posted where no form was seen (the agent cannot reach it): the names most forms use.
const defaultFields = ['title', 'body', 'reason', 'name', 'email', 'organizationId', 'since'];

function send(agent: Agent, path: string, hostile: BodyCase, csrf: string): Test {
  const request = agent.agent.post(path).set('x-csrf-token', csrf);
  if (hostile.type === 'form') return request.type('form').send(hostile.body(csrf));
  if (hostile.type === 'json') return request.type('json').send(hostile.body(csrf));
  return request.set('content-type', hostile.type).send(hostile.body(csrf));
}
