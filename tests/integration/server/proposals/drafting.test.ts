import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  proposalMembers,
  proposals,
  type Challenge,
  type User,
} from '../../../../models/schema/index.ts';
import { makeChallenge, makeUser } from '../../../support/factories.ts';
import { makeProposal, makeVolunteer } from '../../../support/proposal-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

type Person = Awaited<ReturnType<typeof signInByEmail>>['person'];

const complete = {
  title: 'Mapa colaborativo de descargas',
  summary: 'Un mapa que cualquier vecina puede llenar desde el celular.',
  approach: '## Etapas\n\n1. Escuchar\n2. Construir',
  repositoryUrl: 'https://github.com/equipo/mapa.git',
  demoUrl: 'https://mapa.example.org',
  technologies: 'TypeScript, Leaflet, typescript, ',
};

describe('drafting a proposal', () => {
  let test: TestApp;
  let challenge: Challenge;
  let lead: User;
  let leadPerson: Person;

  const signIn = async (user: User) => (await signInByEmail(test, user.email!)).person;

  async function propose(person: Person, body: Record<string, string>, slug = challenge.slug) {
    const form = await person.get(`/retos/${slug}/propuestas/nueva`);
    assert.equal(form.status, 200, 'the form is offered');
    return person.postForm(`/retos/${slug}/propuestas/nueva`, {
      _csrf: csrfTokenIn(form.text),
      ...body,
    });
  }

  before(async () => {
    test = await buildTestApp();
    challenge = await makeChallenge(test.database.db, { title: 'Descargas al río' });
    lead = await makeVolunteer(test.database.db, { githubLogin: 'itzel' });
    leadPerson = await signIn(lead);
  });
  after(() => test.close());

  it('creates a draft whose creator leads the team, with an audit event', async () => {
    const response = await propose(leadPerson, complete);
    assert.equal(response.status, 303);
    const id = /^\/propuestas\/([0-9a-f-]+)\?aviso=creada$/.exec(
      String(response.headers.location),
    )![1]!;
    const [row] = await test.database.db.select().from(proposals).where(eq(proposals.id, id));
    assert.equal(row!.status, 'draft');
    assert.equal(row!.leadId, lead.id);
    assert.equal(row!.repositoryUrl, 'https://github.com/equipo/mapa', 'stored in canonical form');
    assert.deepEqual(row!.technologies, ['TypeScript', 'Leaflet']);
    assert.equal(row!.repositoryCheck, 'unchecked');
    const team = await test.database.db
      .select()
      .from(proposalMembers)
      .where(eq(proposalMembers.proposalId, id));
    assert.equal(team.length, 1);
    assert.equal(team[0]!.userId, lead.id);
    assert.equal(team[0]!.role, 'lead');
    assert.ok(team[0]!.acceptedAt);
    const events = await test.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'proposal'), eq(auditEvents.subjectId, id)));
    assert.deepEqual(
      events.map((event) => event.action),
      ['proposal.create'],
    );
    assert.equal(events[0]!.actorId, lead.id);

    const page = await leadPerson.get(`/propuestas/${id}?aviso=creada`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Guardamos tu borrador/);
    assert.match(page.text, /<h\d>Etapas<\/h\d>\s*<ol>/, 'approach is Markdown');
    assert.match(page.text, /href="https:\/\/github.com\/equipo\/mapa"/);
  });

  it('refuses a second proposal led by the same volunteer on the same challenge, clearly', async () => {
    const before = (await test.database.db.select().from(proposals)).length;
    const form = await leadPerson.get(`/retos/${challenge.slug}/propuestas/nueva`);
    assert.equal(form.status, 200);
    assert.match(form.text, /Ya encabezas una propuesta para este reto/);
    assert.doesNotMatch(form.text, /name="title"/, 'no form to fill in for nothing');
    const response = await leadPerson.postForm(`/retos/${challenge.slug}/propuestas/nueva`, {
      _csrf: csrfTokenIn(form.text),
      ...complete,
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /Ya encabezas una propuesta para este reto/);
    assert.equal((await test.database.db.select().from(proposals)).length, before);
  });

  it('lets the volunteer propose again once the earlier proposal is withdrawn', async () => {
    const other = await makeChallenge(test.database.db);
    await makeProposal(test.database.db, {
      challenge: other,
      lead,
      overrides: { status: 'withdrawn' },
    });
    const response = await propose(leadPerson, complete, other.slug);
    assert.equal(response.status, 303);
  });

  it('explains invalid fields with 422, keeping every value typed', async () => {
    const person = await signIn(await makeVolunteer(test.database.db));
    const cases: [Record<string, string>, string, string][] = [
      [{ ...complete, title: ' ' }, 'title', 'Escribe el título de la propuesta.'],
      [{ ...complete, summary: '' }, 'summary', 'Escribe un resumen de la propuesta.'],
      [
        { ...complete, repositoryUrl: 'https://gitlab.com/equipo/mapa' },
        'repositoryUrl',
        'Escribe la dirección de un repositorio de GitHub',
      ],
      [
        { ...complete, repositoryUrl: 'https://github.com/equipo/mapa/tree/main' },
        'repositoryUrl',
        'Escribe la dirección de un repositorio de GitHub',
      ],
      [
        { ...complete, demoUrl: 'javascript:alert(1)' },
        'demoUrl',
        'Escribe una dirección que empiece con https://',
      ],
      [
        {
          ...complete,
          technologies: Array.from({ length: 21 }, (_, i) => `t${i}`).join(','),
        },
        'technologies',
        'Indica hasta 20 tecnologías.',
      ],
    ];
    const before = (await test.database.db.select().from(proposals)).length;
    for (const [body, field, message] of cases) {
      const response = await propose(person, body, challenge.slug);
      assert.equal(response.status, 422, field);
      assert.ok(response.text.includes(message), `${field}: ${message}`);
      assert.match(
        response.text,
        new RegExp(`id="${field}"[^>]*aria-invalid="true"|id="${field}-error"`),
      );
      // Every other value comes back as typed.
      assert.ok(response.text.includes('Mapa colaborativo de descargas') || field === 'title');
      assert.ok(response.text.includes('mapa.example.org') || field === 'demoUrl');
      assert.ok(response.text.includes('## Etapas'), 'the approach is kept');
    }
    assert.equal((await test.database.db.select().from(proposals)).length, before);
  });

  it('does not let people without GitHub propose, nor anyone on a closed or draft challenge', async () => {
    const organizer = await signIn(await makeUser(test.database.db));
    const page = await organizer.get(`/retos/${challenge.slug}/propuestas/nueva`);
    assert.equal(page.status, 403);
    assert.match(page.text, /entra con tu cuenta de GitHub/);
    const before = (await test.database.db.select().from(proposals)).length;
    const post = await organizer.postForm(`/retos/${challenge.slug}/propuestas/nueva`, {
      _csrf: csrfTokenIn((await organizer.get(`/retos/${challenge.slug}`)).text),
      ...complete,
    });
    assert.equal(post.status, 403);
    assert.equal((await test.database.db.select().from(proposals)).length, before);

    const anonymous = await visitor(test.app).get(`/retos/${challenge.slug}/propuestas/nueva`);
    assert.equal(anonymous.status, 303);
    assert.match(String(anonymous.headers.location), /^\/entrar\?volver=/);

    const volunteer = await signIn(await makeVolunteer(test.database.db));
    const closed = await makeChallenge(test.database.db, { status: 'closed' });
    const refused = await volunteer.get(`/retos/${closed.slug}/propuestas/nueva`);
    assert.equal(refused.status, 403);
    assert.match(refused.text, /Este reto no recibe propuestas/);
    const draft = await makeChallenge(test.database.db, { status: 'draft', publishedAt: null });
    assert.equal((await volunteer.get(`/retos/${draft.slug}/propuestas/nueva`)).status, 404);
    const inProgress = await makeChallenge(test.database.db, { status: 'in_progress' });
    assert.equal((await volunteer.get(`/retos/${inProgress.slug}/propuestas/nueva`)).status, 200);
  });

  it('lets the team edit, re-rendering 422 with the values, and resets the check when the repository changes', async () => {
    const proposal = await makeProposal(test.database.db, {
      lead,
      overrides: {
        repositoryUrl: 'https://github.com/itzel/viejo',
        repositoryCheck: 'verified',
        repositoryLicense: 'MIT',
        repositoryCheckedAt: new Date(),
      },
    });
    const path = `/propuestas/${proposal.id}/editar`;
    const form = await leadPerson.get(path);
    assert.equal(form.status, 200);
    assert.match(form.text, /value="https:\/\/github.com\/itzel\/viejo"/);
    const token = csrfTokenIn(form.text);

    const invalid = await leadPerson.postForm(path, {
      _csrf: token,
      ...complete,
      title: '',
      summary: 'Resumen nuevo que no se pierde',
    });
    assert.equal(invalid.status, 422);
    assert.match(invalid.text, /Escribe el título de la propuesta/);
    assert.match(invalid.text, /Resumen nuevo que no se pierde/);

    const saved = await leadPerson.postForm(path, {
      _csrf: token,
      ...complete,
      repositoryUrl: 'https://github.com/itzel/nuevo',
    });
    assert.equal(saved.status, 303);
    const [row] = await test.database.db
      .select()
      .from(proposals)
      .where(eq(proposals.id, proposal.id));
    assert.equal(row!.title, complete.title);
    assert.equal(row!.repositoryUrl, 'https://github.com/itzel/nuevo');
    assert.equal(row!.repositoryCheck, 'unchecked', 'a new address needs a new check');
    assert.equal(row!.repositoryLicense, null);
    const [event] = await test.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.subjectId, proposal.id), eq(auditEvents.action, 'proposal.update')),
      );
    assert.equal((event!.before as { title: string }).title, proposal.title);
    assert.equal((event!.after as { title: string }).title, complete.title);
  });

  it('keeps the check when the repository stays the same', async () => {
    const owner = await makeVolunteer(test.database.db);
    const proposal = await makeProposal(test.database.db, {
      lead: owner,
      overrides: {
        repositoryUrl: 'https://github.com/equipo/mapa',
        repositoryCheck: 'verified',
        repositoryLicense: 'MIT',
        repositoryCheckedAt: new Date(),
      },
    });
    const person = await signIn(owner);
    const path = `/propuestas/${proposal.id}/editar`;
    const form = await person.get(path);
    const saved = await person.postForm(path, {
      _csrf: csrfTokenIn(form.text),
      ...complete,
      title: 'Otro título',
    });
    assert.equal(saved.status, 303);
    const [row] = await test.database.db
      .select()
      .from(proposals)
      .where(eq(proposals.id, proposal.id));
    assert.equal(row!.title, 'Otro título');
    assert.equal(row!.repositoryCheck, 'verified');
    assert.equal(row!.repositoryLicense, 'MIT');
  });
});
