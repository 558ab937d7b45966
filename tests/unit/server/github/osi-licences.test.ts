import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import spdxLicenses from 'spdx-license-list';
import { isOsiApproved, osiApprovedLicences } from '../../../../server/github/osi-licences.ts';

describe('isOsiApproved', () => {
  it('accepts OSI-approved licences', () => {
    for (const id of [
      'MIT',
      'Apache-2.0',
      'GPL-3.0-only',
      'GPL-3.0-or-later',
      'AGPL-3.0-or-later',
      'LGPL-2.1-only',
      'MPL-2.0',
      'BSD-2-Clause',
      'BSD-3-Clause',
      'ISC',
      'EUPL-1.2',
    ]) {
      assert.equal(isOsiApproved(id), true, id);
    }
  });

  it('accepts the short ids GitHub still reports for approved licences', () => {
    for (const id of ['GPL-2.0', 'GPL-3.0', 'AGPL-3.0', 'LGPL-3.0']) {
      assert.equal(isOsiApproved(id), true, id);
    }
  });

  it('refuses licences the OSI has not approved', () => {
    for (const id of [
      'CC0-1.0',
      'CC-BY-4.0',
      'CC-BY-SA-4.0',
      'CC-BY-NC-4.0',
      'WTFPL',
      'SSPL-1.0',
    ]) {
      assert.equal(isOsiApproved(id), false, id);
    }
  });

  it('agrees with the SPDX list’s own flag for every licence it lists', () => {
    const sample = ['Unlicense', 'CC0-1.0', 'MIT', 'BUSL-1.1', 'Zlib', 'JSON', 'Beerware', 'NTP'];
    for (const id of [...sample, ...Object.keys(spdxLicenses)]) {
      const listed = spdxLicenses[id];
      assert.equal(isOsiApproved(id), listed?.osiApproved ?? false, id);
    }
  });

  it('refuses ids that name no licence, GitHub’s placeholders and blanks', () => {
    for (const id of ['NOASSERTION', 'other', 'MIT-ish', 'Apache', 'GPL', '', '   ']) {
      assert.equal(isOsiApproved(id), false, JSON.stringify(id));
    }
  });

  it('matches ids case-insensitively and ignores surrounding spaces, as SPDX ids are', () => {
    for (const id of ['mit', 'APACHE-2.0', 'gpl-3.0-only', ' MPL-2.0 ', 'bsd-3-clause']) {
      assert.equal(isOsiApproved(id), true, id);
    }
    assert.equal(isOsiApproved('cc0-1.0'), false);
  });

  it('lists exactly the approved ids', () => {
    assert.ok(osiApprovedLicences.includes('MIT'));
    assert.ok(!osiApprovedLicences.includes('CC0-1.0'));
    assert.ok(osiApprovedLicences.every((id) => spdxLicenses[id]?.osiApproved === true));
  });
});
