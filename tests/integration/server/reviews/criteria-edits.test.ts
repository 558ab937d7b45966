import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { asc, eq } from 'drizzle-orm';
import { challengeCriteria, type Challenge } from '../../../../models/schema/index.ts';
import { challengeFormBody } from '../../../support/challenge-form.ts';
import { csrfTokenIn } from '../../../support/test-app.ts';
import {
  makeScore,
  reviewWorld,
  type Person,
  type ReviewWorld,
} from '../../../support/review-factories.ts';

/** The challenge's criteria rows, current and retired, in order. */
const rowsOf = (world: ReviewWorld, challenge: Pick<Challenge, 'id'>) =>
  world.db
    .select({
      id: challengeCriteria.id,
      name: challengeCriteria.name,
      weight: challengeCriteria.weight,
      retired: challengeCriteria.retired,
    })
    .from(challengeCriteria)
    .where(eq(challengeCriteria.challengeId, challenge.id))
    .orderBy(asc(challengeCriteria.retired), asc(challengeCriteria.position));

describe('editing the criteria of a challenge with scores', () => {
  let world: ReviewWorld;
  before(async () => {
    world = await reviewWorld();
  });
  after(() => world.test.close());

  /** Opens the edit form, checks it carries each criterion's id, and sends it with changes. */
  async function edit(
    person: Person,
    challenge: Challenge,
    criteria: { id?: string; name: string; weight: string }[],
  ) {
    const form = await person.get(`/retos/${challenge.slug}/editar`);
    assert.equal(form.status, 200);
    return person.agent
      .post(`/retos/${challenge.slug}/editar`)
      .type('form')
      .send({
        _csrf: csrfTokenIn(form.text),
        ...challengeFormBody({
          title: challenge.title,
          criterion_id: [...criteria.map((row) => row.id ?? ''), ''],
          criterion_name: [...criteria.map((row) => row.name), ''],
          criterion_weight: [...criteria.map((row) => row.weight), ''],
        }),
      });
  }

  it('puts each criterion’s id in a hidden field of the form', async () => {
    const challenge = await world.newChallenge();
    const [impact, ease] = await rowsOf(world, challenge);
    const form = await world.reviewer.person.get(`/retos/${challenge.slug}/editar`);
    assert.match(form.text, new RegExp(`name="criterion_id" value="${impact!.id}"`));
    assert.match(form.text, new RegExp(`name="criterion_id" value="${ease!.id}"`));
  });

  it('keeps the scores of a renamed criterion: same row, new name, in the ranking', async () => {
    const challenge = await world.newChallenge();
    const proposal = await world.proposal('submitted', { challenge });
    await makeScore(world.db, proposal, world.reviewer.user, 'Impacto', 5);
    await makeScore(world.db, proposal, world.reviewer.user, 'Facilidad de uso', 3);
    const [impact, ease] = await rowsOf(world, challenge);

    const response = await edit(world.reviewer.person, challenge, [
      { id: impact!.id, name: 'Impacto social', weight: '70' },
      { id: ease!.id, name: 'Facilidad de uso', weight: '30' },
    ]);
    assert.equal(response.status, 303);
    assert.deepEqual(await rowsOf(world, challenge), [
      { id: impact!.id, name: 'Impacto social', weight: 70, retired: false },
      { id: ease!.id, name: 'Facilidad de uso', weight: 30, retired: false },
    ]);
    const ranking = await world.reviewer.person.get(`/retos/${challenge.slug}/evaluacion`);
    assert.match(ranking.text, /Impacto social <span class="muted">\(70 %\)/);
    // 70 × 5/5 + 30 × 3/5 = 88.0
    assert.match(ranking.text, /88\.0/);
  });

  it('lets two criteria swap names and places without a refusal', async () => {
    const challenge = await world.newChallenge();
    const [impact, ease] = await rowsOf(world, challenge);
    const response = await edit(world.reviewer.person, challenge, [
      { id: ease!.id, name: 'Impacto', weight: '40' },
      { id: impact!.id, name: 'Facilidad de uso', weight: '60' },
    ]);
    assert.equal(response.status, 303);
    assert.deepEqual(await rowsOf(world, challenge), [
      { id: ease!.id, name: 'Impacto', weight: 40, retired: false },
      { id: impact!.id, name: 'Facilidad de uso', weight: 60, retired: false },
    ]);
  });

  it('retires a removed criterion that has scores, keeping them in the export only', async () => {
    const challenge = await world.newChallenge();
    const proposal = await world.proposal('submitted', { challenge });
    await makeScore(world.db, proposal, world.reviewer.user, 'Impacto', 5);
    await makeScore(world.db, proposal, world.reviewer.user, 'Facilidad de uso', 2);
    const [impact] = await rowsOf(world, challenge);

    const response = await edit(world.reviewer.person, challenge, [
      { id: impact!.id, name: 'Impacto', weight: '100' },
    ]);
    assert.equal(response.status, 303);
    const rows = await rowsOf(world, challenge);
    assert.deepEqual(
      rows.map(({ name, weight, retired }) => ({ name, weight, retired })),
      [
        { name: 'Impacto', weight: 100, retired: false },
        { name: 'Facilidad de uso', weight: 40, retired: true },
      ],
    );
    const edited = await world.reviewer.person.get(`/retos/${challenge.slug}/editar`);
    assert.doesNotMatch(edited.text, /value="Facilidad de uso"/, 'out of the form');
    const ranking = await world.reviewer.person.get(`/retos/${challenge.slug}/evaluacion`);
    assert.doesNotMatch(ranking.text, /Facilidad de uso/, 'out of the ranking');
    assert.match(ranking.text, /100\.0/);

    const csv = await world.reviewer.person.get(`/retos/${challenge.slug}/evaluacion.csv`);
    const records = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<
      string,
      string
    >[];
    assert.deepEqual(
      records.map((record) => [record.criterion, record.weight, record.score]),
      [
        ['Impacto', '100', '5'],
        ['Facilidad de uso', '', '2'],
      ],
    );
  });

  it('deletes a removed criterion nobody scored, and matches rows sent without ids by name', async () => {
    const challenge = await world.newChallenge();
    const [impact] = await rowsOf(world, challenge);
    const response = await edit(world.reviewer.person, challenge, [
      { name: 'Impacto', weight: '50' },
      { name: 'Costo', weight: '50' },
    ]);
    assert.equal(response.status, 303);
    const rows = await rowsOf(world, challenge);
    assert.deepEqual(
      rows.map(({ name, weight, retired }) => ({ name, weight, retired })),
      [
        { name: 'Impacto', weight: 50, retired: false },
        { name: 'Costo', weight: 50, retired: false },
      ],
    );
    assert.equal(rows[0]!.id, impact!.id, 'the same criterion by name');
  });

  it('never lets a form take over a criterion of another challenge by its id', async () => {
    const challenge = await world.newChallenge();
    const other = await world.newChallenge();
    const [foreign] = await rowsOf(world, other);
    const response = await edit(world.reviewer.person, challenge, [
      { id: foreign!.id, name: 'Ajeno', weight: '100' },
    ]);
    assert.equal(response.status, 303);
    const [created] = await rowsOf(world, challenge);
    assert.notEqual(created!.id, foreign!.id);
    assert.equal((await rowsOf(world, other))[0]!.name, 'Impacto', 'the other one is untouched');
  });
});
