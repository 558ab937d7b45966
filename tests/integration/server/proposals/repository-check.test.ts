import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  proposals,
  type Challenge,
  type Proposal,
  type User,
} from '../../../../models/schema/index.ts';
import type { EmulatedRepository } from '../../../../server/dev/github-emulator.ts';
import { makeChallenge } from '../../../support/factories.ts';
import { startFakeGithub } from '../../../support/fake-github.ts';
import { addTeamMember, makeProposal, makeVolunteer } from '../../../support/proposal-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, type TestApp } from '../../../support/test-app.ts';

type Person = Awaited<ReturnType<typeof signInByEmail>>['person'];

const MIT = { spdx_id: 'MIT', name: 'MIT License' };

describe('the open-source check of a proposal repository', () => {
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  let test: TestApp;
  let challenge: Challenge;
  let lead: User;
  let person: Person;

  async function draftWith(repository: EmulatedRepository | undefined, name: string) {
    if (repository) github.repositories.push(repository);
    return makeProposal(test.database.db, {
      challenge: await makeChallenge(test.database.db),
      lead,
      overrides: { repositoryUrl: `https://github.com/equipo/${name}` },
    });
  }

  async function submit(proposal: Proposal, as: Person = person) {
    const page = await as.get(`/propuestas/${proposal.id}`);
    return as.postForm(`/propuestas/${proposal.id}/enviar`, { _csrf: csrfTokenIn(page.text) });
  }

  async function checkNow(proposal: Proposal, as: Person = person) {
    const page = await as.get(`/propuestas/${proposal.id}`);
    return as.postForm(`/propuestas/${proposal.id}/verificar-repositorio`, {
      _csrf: csrfTokenIn(page.text),
    });
  }

  const stored = async (proposal: Proposal) =>
    (await test.database.db.select().from(proposals).where(eq(proposals.id, proposal.id)))[0]!;

  before(async () => {
    github = await startFakeGithub();
    test = await buildTestApp({ env: github.env });
    challenge = await makeChallenge(test.database.db);
    lead = await makeVolunteer(test.database.db);
    person = (await signInByEmail(test, lead.email!)).person;
  });
  beforeEach(() => {
    github.state.apiDown = false;
  });
  after(async () => {
    await test.close();
    await github.close();
  });

  it('submits a public repository under an OSI licence as verified, keeping the SPDX id and the time', async () => {
    const proposal = await draftWith(
      { owner: 'equipo', name: 'abierto', private: false, license: MIT },
      'abierto',
    );
    const before = Date.now();
    const response = await submit(proposal);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `/propuestas/${proposal.id}?aviso=enviada`);
    const row = await stored(proposal);
    assert.equal(row.status, 'submitted');
    assert.equal(row.repositoryCheck, 'verified');
    assert.equal(row.repositoryLicense, 'MIT');
    assert.equal(row.repositoryProblem, null);
    assert.ok(row.repositoryCheckedAt!.getTime() >= before - 1000);
    assert.ok(row.submittedAt);

    const page = await person.get(String(response.headers.location));
    assert.match(page.text, /Revisión de código abierto:<\/strong> verificado/);
    assert.match(page.text, /revisado el \d/);
    assert.match(page.text, /equipo\/abierto es público y su licencia MIT está aprobada/);
  });

  it('accepts GitHub legacy ids such as GPL-3.0 and matches owner and name case-insensitively', async () => {
    const proposal = await draftWith(
      {
        owner: 'Equipo',
        name: 'Legado',
        private: false,
        license: { spdx_id: 'GPL-3.0', name: 'GNU GPL v3' },
      },
      'legado',
    );
    assert.equal((await submit(proposal)).status, 303);
    const row = await stored(proposal);
    assert.equal(row.repositoryCheck, 'verified');
    assert.equal(row.repositoryLicense, 'GPL-3.0');
  });

  const failures: [
    string,
    EmulatedRepository | undefined,
    string,
    string | null,
    RegExp,
    RegExp,
  ][] = [
    [
      'no licence',
      { owner: 'equipo', name: 'sin-licencia', private: false, license: null },
      'noLicense',
      null,
      /equipo\/sin-licencia no tiene licencia/,
      /Añade en la raíz un archivo LICENSE/,
    ],
    [
      'a licence that is not OSI-approved',
      {
        owner: 'equipo',
        name: 'no-comercial',
        private: false,
        license: {
          spdx_id: 'CC-BY-NC-4.0',
          name: 'Creative Commons Attribution Non Commercial 4.0',
        },
      },
      'licenseNotOsi',
      'CC-BY-NC-4.0',
      /La licencia CC-BY-NC-4\.0 del repositorio equipo\/no-comercial no está aprobada/,
      /Cambia el archivo LICENSE por una licencia aprobada por la OSI/,
    ],
    [
      'a licence GitHub cannot identify',
      {
        owner: 'equipo',
        name: 'otra',
        private: false,
        license: { spdx_id: 'NOASSERTION', name: 'Other' },
      },
      'licenseUnrecognized',
      null,
      /GitHub no reconoce qué licencia es/,
      /texto completo y sin cambios de una sola licencia/,
    ],
    [
      'a private repository',
      { owner: 'equipo', name: 'privado', private: true, license: MIT },
      'notFound',
      null,
      /GitHub no encuentra el repositorio equipo\/privado: la dirección no existe o el repositorio es privado/,
      /Make public/,
    ],
    [
      'a repository that does not exist',
      undefined,
      'notFound',
      null,
      /GitHub no encuentra el repositorio equipo\/inexistente/,
      /Revisa que la dirección sea exactamente la de tu repositorio/,
    ],
  ];

  for (const [label, repository, problem, license, what, fix] of failures) {
    it(`refuses to submit ${label}, storing and explaining what is wrong and how to fix it`, async () => {
      const proposal = await draftWith(repository, repository?.name ?? 'inexistente');
      const response = await submit(proposal);
      assert.equal(response.status, 422);
      assert.match(response.text, /No enviamos la propuesta: el repositorio no pasa la revisión/);
      assert.match(response.text, what);
      assert.match(response.text, fix);
      const row = await stored(proposal);
      assert.equal(row.status, 'draft', 'nothing is submitted');
      assert.equal(row.repositoryCheck, 'failed');
      assert.equal(row.repositoryProblem, problem);
      assert.equal(row.repositoryLicense, license);
      assert.ok(row.repositoryCheckedAt);
      const page = await person.get(`/propuestas/${proposal.id}`);
      assert.match(page.text, what, 'the stored result is shown later too');
      assert.match(page.text, /no pasa la revisión/);
    });
  }

  it('submits while GitHub is down, as not yet verified, and verifies later on demand', async () => {
    const proposal = await draftWith(
      { owner: 'equipo', name: 'paciente', private: false, license: MIT },
      'paciente',
    );
    github.state.apiDown = true;
    const response = await submit(proposal);
    assert.equal(response.status, 303);
    assert.equal(
      response.headers.location,
      `/propuestas/${proposal.id}?aviso=enviada-sin-verificar`,
    );
    let row = await stored(proposal);
    assert.equal(row.status, 'submitted', 'the proposal is not lost');
    assert.equal(row.repositoryCheck, 'unreachable');
    assert.equal(row.repositoryProblem, 'unreachable');
    assert.equal(row.title, proposal.title);
    assert.equal(row.approach, proposal.approach);
    const page = await person.get(String(response.headers.location));
    assert.match(page.text, /GitHub no respondió: el repositorio queda sin verificar todavía/);
    assert.match(page.text, /sin verificar todavía/);

    github.state.apiDown = false;
    const checked = await checkNow(proposal);
    assert.equal(checked.status, 303);
    row = await stored(proposal);
    assert.equal(row.status, 'submitted');
    assert.equal(row.repositoryCheck, 'verified');
    assert.equal(row.repositoryLicense, 'MIT');
    const events = await test.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.subjectId, proposal.id),
          eq(auditEvents.action, 'proposal.checkRepository'),
        ),
      );
    assert.equal(events.length, 1);
  });

  it('says a first check checked the repository, and only a later one that it checked again', async () => {
    const proposal = await draftWith(
      { owner: 'equipo', name: 'primera-vez', private: false, license: MIT },
      'primera-vez',
    );
    const first = await checkNow(proposal);
    assert.equal(
      first.headers.location,
      `/propuestas/${proposal.id}?aviso=repositorio-revisado#repositorio`,
    );
    const firstPage = await person.get(String(first.headers.location));
    assert.match(firstPage.text, /Revisamos el repositorio; abajo está el resultado/);
    assert.doesNotMatch(firstPage.text, /de nuevo; abajo/);

    const second = await checkNow(proposal);
    assert.equal(
      second.headers.location,
      `/propuestas/${proposal.id}?aviso=repositorio-revisado-de-nuevo#repositorio`,
    );
    const secondPage = await person.get(String(second.headers.location));
    assert.match(secondPage.text, /Revisamos el repositorio de nuevo; abajo está el resultado/);
  });

  it('keeps an earlier verdict when GitHub is down for an on-demand check', async () => {
    const proposal = await draftWith(
      { owner: 'equipo', name: 'estable', private: false, license: MIT },
      'estable',
    );
    assert.equal((await checkNow(proposal)).status, 303);
    const verified = await stored(proposal);
    assert.equal(verified.repositoryCheck, 'verified');
    assert.equal(verified.status, 'draft', 'checking on demand does not submit');

    github.state.apiDown = true;
    const response = await checkNow(proposal);
    assert.equal(response.status, 303);
    assert.match(String(response.headers.location), /aviso=github-sin-respuesta/);
    const row = await stored(proposal);
    assert.equal(row.repositoryCheck, 'verified');
    assert.equal(row.repositoryCheckedAt!.getTime(), verified.repositoryCheckedAt!.getTime());
    const page = await person.get(String(response.headers.location));
    assert.match(page.text, /Se conserva el resultado de la revisión anterior/);
  });

  it('records a repository that turned private after submission, leaving the status alone', async () => {
    const repository = { owner: 'equipo', name: 'cambiante', private: false, license: MIT };
    const proposal = await draftWith(repository, 'cambiante');
    assert.equal((await submit(proposal)).status, 303);
    repository.private = true;
    const response = await checkNow(proposal);
    assert.equal(response.status, 303);
    const row = await stored(proposal);
    assert.equal(row.status, 'submitted');
    assert.equal(row.repositoryCheck, 'failed');
    assert.equal(row.repositoryProblem, 'notFound');
  });

  it('lets the team check on demand, and nobody else', async () => {
    github.repositories.push({ owner: 'equipo', name: 'del-equipo', private: false, license: MIT });
    const proposal = await makeProposal(test.database.db, {
      challenge,
      lead,
      overrides: {
        status: 'submitted',
        repositoryUrl: 'https://github.com/equipo/del-equipo',
      },
    });
    const memberUser = await makeVolunteer(test.database.db);
    await addTeamMember(test.database.db, proposal, memberUser);
    const member = (await signInByEmail(test, memberUser.email!)).person;
    const stranger = (await signInByEmail(test, (await makeVolunteer(test.database.db)).email!))
      .person;
    assert.equal((await checkNow(proposal, stranger)).status, 403);
    assert.equal((await stored(proposal)).repositoryCheck, 'unchecked');
    const strangerPage = await stranger.get(`/propuestas/${proposal.id}`);
    assert.doesNotMatch(strangerPage.text, /verificar-repositorio/);
    assert.equal((await checkNow(proposal, member)).status, 303);
    assert.equal((await stored(proposal)).repositoryCheck, 'verified');

    const noRepository = await makeProposal(test.database.db, {
      lead,
      overrides: { repositoryUrl: null },
    });
    const refused = await checkNow(noRepository);
    assert.equal(refused.status, 403);
    assert.match(refused.text, /Primero indica el repositorio/);
  });
});
