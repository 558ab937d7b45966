import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  proposalForm,
  proposalFormValues,
  submissionErrors,
  technologyList,
} from '../../../../server/proposals/forms.ts';

describe('proposal forms', () => {
  it('reads technologies as a trimmed list without repeats', () => {
    assert.deepEqual(technologyList(' TypeScript,  Node   js ,, typescript, PostgreSQL '), [
      'TypeScript',
      'Node js',
      'PostgreSQL',
    ]);
    assert.deepEqual(technologyList(''), []);
  });

  it('stores optional addresses as null and the repository in canonical form', () => {
    const parsed = proposalForm.parse(
      proposalFormValues({
        title: ' Mapa ',
        summary: 'Resumen',
        repositoryUrl: 'https://github.com/equipo/mapa.git',
        technologies: 'Go',
      }),
    );
    assert.equal(parsed.title, 'Mapa');
    assert.equal(parsed.repositoryUrl, 'https://github.com/equipo/mapa');
    assert.equal(parsed.demoUrl, null);
    assert.equal(parsed.approach, '');
    const blank = proposalForm.parse(proposalFormValues({ title: 'x', summary: 'y' }));
    assert.equal(blank.repositoryUrl, null);
  });

  it('keeps whatever the body held as strings, ignoring arrays and objects', () => {
    assert.deepEqual(proposalFormValues({ title: ['a', 'b'], summary: { x: 1 } }), {
      title: '',
      summary: '',
      approach: '',
      repositoryUrl: '',
      demoUrl: '',
      technologies: '',
    });
  });

  it('names what a draft lacks before submission', () => {
    assert.deepEqual(submissionErrors({ summary: 's', approach: ' ', repositoryUrl: null }), {
      approach: 'proposals.errors.approachRequiredToSubmit',
      repositoryUrl: 'proposals.errors.repositoryRequiredToSubmit',
    });
    assert.deepEqual(
      submissionErrors({ summary: 's', approach: 'a', repositoryUrl: 'https://github.com/a/b' }),
      {},
    );
  });
});
