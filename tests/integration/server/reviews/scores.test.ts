import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import {
  challengeCriteria,
  proposalScores,
  type Challenge,
  type User,
} from '../../../../models/schema/index.ts';
import { makeMember } from '../../../support/factories.ts';
import { auditEventsFor } from '../../../support/organization-factories.ts';
import {
  makeScore,
  makeTeamProposal,
  reviewWorld,
  type Person,
  type ReviewWorld,
} from '../../../support/review-factories.ts';

describe('scoring proposals against the challenge criteria', () => {
  let world: ReviewWorld;

  before(async () => {
    world = await reviewWorld();
  });
  after(() => world.test.close());

  const scoresOf = (proposalId: string, reviewer: User) =>
    world.db
      .select({
        criterion: challengeCriteria.name,
        score: proposalScores.score,
        comment: proposalScores.comment,
      })
      .from(proposalScores)
      .innerJoin(challengeCriteria, eq(challengeCriteria.id, proposalScores.criterionId))
      .where(
        and(eq(proposalScores.proposalId, proposalId), eq(proposalScores.reviewerId, reviewer.id)),
      )
      .orderBy(challengeCriteria.name);

  const sheet = (impact: string, ease: string, comments: [string, string] = ['', '']) => ({
    criterion_0: 'Impacto',
    score_0: impact,
    comment_0: comments[0],
    criterion_1: 'Facilidad de uso',
    score_1: ease,
    comment_1: comments[1],
  });

  it('shows every criterion with its weight, saves the sheet and updates it when sent again', async () => {
    const proposal = await world.proposal('submitted');
    const path = `/propuestas/${proposal.id}/evaluar`;
    const form = await world.reviewer.person.get(path);
    assert.equal(form.status, 200);
    assert.match(form.text, /Impacto <span class="muted">· peso 60 %/);
    assert.match(form.text, /Facilidad de uso <span class="muted">· peso 40 %/);
    assert.match(form.text, /name="criterion_0" value="Impacto"/);
    assert.equal((form.text.match(/name="score_1"/g) ?? []).length, 5);

    const saved = await world.post(
      world.reviewer.person,
      path,
      sheet('4', '3', ['Resuelve el problema central.', '']),
    );
    assert.equal(saved.status, 303);
    assert.equal(
      saved.headers.location,
      `/retos/${world.challenge.slug}/evaluacion#propuesta-${proposal.id}`,
    );
    assert.deepEqual(await scoresOf(proposal.id, world.reviewer.user), [
      { criterion: 'Facilidad de uso', score: 3, comment: '' },
      { criterion: 'Impacto', score: 4, comment: 'Resuelve el problema central.' },
    ]);

    const again = await world.post(
      world.reviewer.person,
      path,
      sheet('5', '3', ['Mejor de lo que pensé.', 'Clara']),
    );
    assert.equal(again.status, 303);
    assert.deepEqual(await scoresOf(proposal.id, world.reviewer.user), [
      { criterion: 'Facilidad de uso', score: 3, comment: 'Clara' },
      { criterion: 'Impacto', score: 5, comment: 'Mejor de lo que pensé.' },
    ]);
    const events = await auditEventsFor(world.db, proposal.id, 'proposal.score');
    assert.equal(events.length, 2);
    assert.deepEqual(events[1]!.before, {
      'Facilidad de uso': { score: 3, comment: '' },
      Impacto: { score: 4, comment: 'Resuelve el problema central.' },
    });
    assert.deepEqual(events[1]!.after, {
      'Facilidad de uso': { score: 3, comment: 'Clara' },
      Impacto: { score: 5, comment: 'Mejor de lo que pensé.' },
    });

    // Each reviewer has a sheet of their own.
    await world.post(world.secondReviewer.person, path, sheet('2', '2'));
    assert.equal((await scoresOf(proposal.id, world.secondReviewer.user)).length, 2);
    assert.equal((await scoresOf(proposal.id, world.reviewer.user))[1]!.score, 5);

    const shown = await world.reviewer.person.get(path);
    assert.match(shown.text, /name="score_0" value="5" checked/);
    assert.match(shown.text, /name="score_1" value="3" checked/);
    assert.match(shown.text, /Mejor de lo que pensé\.<\/textarea>/);
  });

  it('answers 422 for scores outside 1–5 or missing criteria, keeping what was typed', async () => {
    const proposal = await world.proposal('submitted');
    const path = `/propuestas/${proposal.id}/evaluar`;
    for (const [impact, ease] of [
      ['6', '3'],
      ['0', '3'],
      ['3.5', '3'],
      ['', '3'],
      ['abc', '3'],
    ]) {
      const response = await world.post(
        world.reviewer.person,
        path,
        sheet(impact!, ease!, ['Lo revisé con el equipo', 'Se entiende']),
      );
      assert.equal(response.status, 422, `Impacto ${impact}`);
      assert.match(response.text, /Elige una calificación del 1 al 5 para «Impacto»\./);
      assert.doesNotMatch(response.text, /para «Facilidad de uso»/);
      assert.match(response.text, /name="score_1" value="3" checked/, 'the valid score is kept');
      assert.match(response.text, /Lo revisé con el equipo<\/textarea>/, 'the comment is kept');
    }
    const missing = await world.post(world.reviewer.person, path, {
      criterion_0: 'Impacto',
      score_0: '4',
    });
    assert.equal(missing.status, 422);
    assert.match(missing.text, /Elige una calificación del 1 al 5 para «Facilidad de uso»\./);
    assert.match(missing.text, /name="score_0" value="4" checked/);

    const long = await world.post(
      world.reviewer.person,
      path,
      sheet('4', '4', ['x'.repeat(1001), '']),
    );
    assert.equal(long.status, 422);
    assert.match(long.text, /El comentario sobre «Impacto» es demasiado largo \(máximo 1000/);

    assert.equal((await scoresOf(proposal.id, world.reviewer.user)).length, 0);
    assert.equal((await auditEventsFor(world.db, proposal.id)).length, 0);
  });

  it('never puts a score on the wrong criterion when the criteria changed meanwhile', async () => {
    const proposal = await world.proposal('submitted');
    const response = await world.post(world.reviewer.person, `/propuestas/${proposal.id}/evaluar`, {
      criterion_0: 'Costo',
      score_0: '2',
      criterion_1: 'Impacto',
      score_1: '5',
      criterion_2: 'Facilidad de uso',
      score_2: '4',
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /Los criterios del reto cambiaron mientras evaluabas/);
    assert.match(response.text, /name="score_0" value="5" checked/, 'Impacto keeps its own score');
    assert.match(response.text, /name="score_1" value="4" checked/);
    assert.equal((await scoresOf(proposal.id, world.reviewer.user)).length, 0);
  });

  it('lets only the posting organization score, never the team, and only sent proposals', async () => {
    const proposal = await world.proposal('submitted');
    const path = `/propuestas/${proposal.id}/evaluar`;
    for (const [who, person] of [
      ['lead', world.lead.person],
      ['teammate', world.teammate.person],
      ['other organization', world.otherMember.person],
      ['stranger', world.stranger.person],
    ] as [string, Person][]) {
      assert.equal((await person.get(path)).status, 403, who);
      const response = await world.post(person, path, sheet('5', '5'));
      assert.equal(response.status, 403, who);
    }
    const page = await world.guest.get(path);
    assert.equal(page.status, 303);
    assert.match(String(page.headers.location), /^\/entrar\?volver=/);
    assert.equal((await world.postAsGuest(path, sheet('5', '5'))).status, 303);
    assert.equal(
      (
        await world.db
          .select()
          .from(proposalScores)
          .where(eq(proposalScores.proposalId, proposal.id))
      ).length,
      0,
    );

    const own = await makeTeamProposal(world.db, world.challenge, {
      lead: world.secondReviewer.user,
    });
    const ownResponse = await world.secondReviewer.person.get(`/propuestas/${own.id}/evaluar`);
    assert.equal(ownResponse.status, 403);
    assert.match(ownResponse.text, /No puedes evaluar una propuesta de tu propio equipo/);

    const withdrawn = await world.proposal('withdrawn');
    const refused = await world.reviewer.person.get(`/propuestas/${withdrawn.id}/evaluar`);
    assert.equal(refused.status, 403);
    assert.match(refused.text, /Solo se evalúan propuestas enviadas/);
    const draft = await world.proposal('draft');
    assert.equal((await world.reviewer.person.get(`/propuestas/${draft.id}/evaluar`)).status, 404);
  });

  describe('the ranking table and its CSV', () => {
    let challenge: Challenge;
    let third: User;
    const ids: Record<string, string> = {};
    const at = (minute: number) => new Date(Date.UTC(2027, 2, 1, 12, minute));

    before(async () => {
      challenge = await world.newChallenge({
        title: 'Inundaciones en San Pedro',
        criteria: [
          { name: 'Impacto', weight: 70 },
          { name: 'Costo', weight: 30 },
        ],
      });
      third = await makeMember(world.db, world.organization, { name: 'Carla Tercera' });
      const ana = world.reviewer.user;
      const beto = world.secondReviewer.user;
      const make = async (
        title: string,
        status: 'submitted' | 'declined' | 'withdrawn' | 'draft',
      ) =>
        (ids[title] = (
          await makeTeamProposal(world.db, challenge, { title, status, lead: world.lead.user })
        ).id);
      await make('Mapa de baches', 'submitted');
      await make('Alerta de lluvias', 'submitted');
      await make('Censo de árboles', 'submitted');
      await make('Bot de quejas', 'declined');
      await make('Retirada', 'withdrawn');
      await make('Borrador', 'draft');
      const score = (title: string, who: User, criterion: string, value: number, comment = '') =>
        makeScore(world.db, { id: ids[title]! }, who, criterion, value, comment, at(value));
      // Mapa de baches: Impacto (5+4)/2 = 4.5, Costo (3+2)/2 = 2.5 → 70·4.5/5 + 30·2.5/5 = 63 + 15
      await score('Mapa de baches', ana, 'Impacto', 5, 'Usa "datos abiertos", y funciona');
      await score('Mapa de baches', ana, 'Costo', 3);
      await score('Mapa de baches', beto, 'Impacto', 4);
      await score('Mapa de baches', beto, 'Costo', 2);
      // Alerta de lluvias: Impacto (3+3+4)/3 = 3.33…, Costo (5+4+5)/3 = 4.67…
      // → 70·(10/3)/5 + 30·(14/3)/5 = 46.67 + 28 = 74.67 → 74.7
      await score('Alerta de lluvias', ana, 'Impacto', 3, '=HYPERLINK("http://mal.example")');
      await score('Alerta de lluvias', ana, 'Costo', 5);
      await score('Alerta de lluvias', beto, 'Impacto', 3);
      await score('Alerta de lluvias', beto, 'Costo', 4);
      await score('Alerta de lluvias', third, 'Impacto', 4);
      await score('Alerta de lluvias', third, 'Costo', 5);
      // Bot de quejas (declined, still ranked): only Impacto 2 → 70·2/5 = 28, incomplete
      await score('Bot de quejas', ana, 'Impacto', 2);
      // A withdrawn proposal's scores are not ranked nor exported.
      await score('Retirada', ana, 'Impacto', 5);
      await score('Retirada', ana, 'Costo', 5);
    });

    it('ranks by weighted total with the means per criterion and the reviewers (hand-computed)', async () => {
      const page = await world.reviewer.person.get(`/retos/${challenge.slug}/evaluacion`);
      assert.equal(page.status, 200);
      const rows = [...page.text.matchAll(/<tr id="propuesta-([^"]+)">([\s\S]*?)<\/tr>/g)].map(
        ([, id, cells]) => ({
          id,
          cells: [...cells!.matchAll(/<td class="num">([\s\S]*?)<\/td>/g)].map((cell) =>
            cell[1]!
              .replace(/<[^>]+>/g, ' ')
              .replace(/\s+/g, ' ')
              .trim(),
          ),
        }),
      );
      assert.deepEqual(rows, [
        { id: ids['Mapa de baches'], cells: ['1', '4.50', '2.50', '2', '78.0'] },
        { id: ids['Alerta de lluvias'], cells: ['2', '3.33', '4.67', '3', '74.7'] },
        { id: ids['Bot de quejas'], cells: ['3', '2.00', '–', '1', '28.0 faltan criterios'] },
        { id: ids['Censo de árboles'], cells: ['–', '–', '–', '0', 'Sin evaluar'] },
      ]);
      assert.match(page.text, /3 personas de la organización han evaluado\./);
      assert.match(page.text, /Impacto <span class="muted">\(70 %\)/);
      assert.match(page.text, new RegExp(`href="/retos/${challenge.slug}/evaluacion.csv"`));
    });

    it('labels a declined proposal the same in the table, on its page and in the team dashboard', async () => {
      const declinedId = ids['Bot de quejas']!;
      const table = await world.reviewer.person.get(`/retos/${challenge.slug}/evaluacion`);
      const row = new RegExp(`<tr id="propuesta-${declinedId}">[\\s\\S]*?</tr>`).exec(
        table.text,
      )![0];
      const proposalPage = await world.reviewer.person.get(`/propuestas/${declinedId}`);
      const dashboard = await world.lead.person.get('/mi-trabajo');
      for (const [where, html] of [
        ['ranking row', row],
        ['proposal page', proposalPage.text],
        ['team dashboard', dashboard.text],
      ] as const) {
        assert.match(html, /No seleccionada/, where);
        assert.doesNotMatch(html, /Rechazada|No aceptada/, where);
      }
    });

    it('exports one row per score, in a fixed order, safe to open in a spreadsheet', async () => {
      const response = await world.secondReviewer.person.get(
        `/retos/${challenge.slug}/evaluacion.csv`,
      );
      assert.equal(response.status, 200);
      assert.match(String(response.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.equal(
        response.headers['content-disposition'],
        `attachment; filename=evaluacion-${challenge.slug}.csv`,
      );
      assert.equal(response.headers['cache-control'], 'private, no-store');
      const date = (value: number) => at(value).toISOString();
      const alerta = ids['Alerta de lluvias']!;
      const bot = ids['Bot de quejas']!;
      const mapa = ids['Mapa de baches']!;
      assert.ok(response.text.startsWith('\uFEFF'), 'a byte-order mark, for Excel');
      assert.deepEqual(parse(response.text, { bom: true }), [
        ['proposal_id', 'proposal', 'reviewer', 'criterion', 'weight', 'score', 'comment', 'date'],
        [
          alerta,
          'Alerta de lluvias',
          'Ana Revisora',
          'Impacto',
          '70',
          '3',
          `'=HYPERLINK("http://mal.example")`,
          date(3),
        ],
        [alerta, 'Alerta de lluvias', 'Ana Revisora', 'Costo', '30', '5', '', date(5)],
        [alerta, 'Alerta de lluvias', 'Beto Revisor', 'Impacto', '70', '3', '', date(3)],
        [alerta, 'Alerta de lluvias', 'Beto Revisor', 'Costo', '30', '4', '', date(4)],
        [alerta, 'Alerta de lluvias', 'Carla Tercera', 'Impacto', '70', '4', '', date(4)],
        [alerta, 'Alerta de lluvias', 'Carla Tercera', 'Costo', '30', '5', '', date(5)],
        [bot, 'Bot de quejas', 'Ana Revisora', 'Impacto', '70', '2', '', date(2)],
        [
          mapa,
          'Mapa de baches',
          'Ana Revisora',
          'Impacto',
          '70',
          '5',
          'Usa "datos abiertos", y funciona',
          date(5),
        ],
        [mapa, 'Mapa de baches', 'Ana Revisora', 'Costo', '30', '3', '', date(3)],
        [mapa, 'Mapa de baches', 'Beto Revisor', 'Impacto', '70', '4', '', date(4)],
        [mapa, 'Mapa de baches', 'Beto Revisor', 'Costo', '30', '2', '', date(2)],
      ]);
    });

    it('keeps the ranking and the export to the posting organization', async () => {
      for (const suffix of ['', '.csv']) {
        const path = `/retos/${challenge.slug}/evaluacion${suffix}`;
        for (const person of [world.lead.person, world.otherMember.person, world.stranger.person]) {
          const response = await person.get(path);
          assert.equal(response.status, 403, path);
          assert.doesNotMatch(response.text, /Mapa de baches/);
        }
        const guest = await world.guest.get(path);
        assert.equal(guest.status, 303);
        assert.match(String(guest.headers.location), /^\/entrar\?volver=/);
      }
      const draft = await world.newChallenge({ status: 'draft', publishedAt: null });
      assert.equal(
        (await world.stranger.person.get(`/retos/${draft.slug}/evaluacion`)).status,
        404,
      );
      assert.equal(
        (await world.reviewer.person.get(`/retos/${draft.slug}/evaluacion`)).status,
        200,
      );
    });
  });

  it('names a reviewer who never gave a name as unnamed in the export, not as deleted', async () => {
    const challenge = await world.newChallenge({ criteria: [{ name: 'Impacto', weight: 100 }] });
    const proposal = await makeTeamProposal(world.db, challenge, {
      title: 'Sin nombre',
      status: 'submitted',
      lead: world.lead.user,
    });
    const nameless = await makeMember(world.db, world.organization, { name: null });
    await makeScore(world.db, proposal, nameless, 'Impacto', 4, '', new Date());
    const response = await world.reviewer.person.get(`/retos/${challenge.slug}/evaluacion.csv`);
    assert.equal(response.status, 200);
    const [, row] = parse(response.text, { bom: true }) as string[][];
    assert.equal(row![2], 'Persona sin nombre');
  });
});
