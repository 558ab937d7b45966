import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invitationForm, organizationForm } from '../../../../server/organizations/forms.ts';

const fieldsWithErrors = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[] }[] };
}) => [...new Set(result.error?.issues.map((issue) => String(issue.path[0])) ?? [])].sort();

describe('the organization form', () => {
  it('trims the values and stores empty optional fields as null (national reach)', () => {
    const parsed = organizationForm.parse({
      name: '  Colectivo Río  ',
      kind: 'ngo',
      description: ' Hacemos cosas. ',
      stateCode: '',
      municipality: '  ',
      websiteUrl: '',
    });
    assert.deepEqual(parsed, {
      name: 'Colectivo Río',
      kind: 'ngo',
      description: 'Hacemos cosas.',
      stateCode: null,
      municipality: null,
      websiteUrl: null,
    });
  });

  it('accepts a state with or without a municipality, and an http(s) website', () => {
    const parsed = organizationForm.parse({
      name: 'Oficina',
      kind: 'government',
      stateCode: 'CDMX',
      websiteUrl: 'https://semovi.example.org/datos',
    });
    assert.equal(parsed.stateCode, 'CDMX');
    assert.equal(parsed.municipality, null);
    assert.equal(parsed.websiteUrl, 'https://semovi.example.org/datos');
  });

  it('reports every bad field at once, including a municipality without its state', () => {
    const result = organizationForm.safeParse({
      name: '',
      kind: 'club',
      stateCode: '',
      municipality: 'Tlacolula',
      websiteUrl: 'javascript:alert(1)',
    });
    assert.deepEqual(fieldsWithErrors(result), ['kind', 'name', 'stateCode', 'websiteUrl']);
  });

  it('refuses states that are not Mexican states', () => {
    const result = organizationForm.safeParse({ name: 'X', kind: 'ngo', stateCode: 'TX' });
    assert.deepEqual(fieldsWithErrors(result), ['stateCode']);
  });
});

describe('the invitation form', () => {
  it('normalizes the address and refuses what is not one', () => {
    assert.equal(invitationForm.parse({ email: ' Ana@Example.ORG ' }).email, 'ana@example.org');
    assert.equal(invitationForm.safeParse({ email: 'ana' }).success, false);
    assert.equal(invitationForm.safeParse({}).success, false);
  });
});
