import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browseUrl, parseBrowseQuery } from '../../../../server/challenges/browse-query.ts';

describe('browse query string', () => {
  it('maps the Spanish values to filters and keeps them for links', () => {
    const result = parseBrowseQuery({
      q: '  agua   limpia ',
      estado: 'en-desarrollo',
      ods: '6',
      entidad: 'oax',
      habilidad: 'Python',
      tipo: 'organizacion-civil',
      patrocinado: 'no',
      orden: 'propuestas',
      cursor: 'abc',
      lang: 'en',
    });
    assert.ok(result.ok);
    assert.deepEqual(result.query.filters, {
      q: 'agua limpia',
      status: 'in_progress',
      sdg: 6,
      state: 'OAX',
      skill: 'Python',
      kind: 'ngo',
      sponsored: false,
    });
    assert.equal(result.query.sort, 'proposals');
    assert.equal(result.query.cursor, 'abc');
    assert.equal(
      browseUrl(result.query.params, 'abc'),
      '/retos?q=agua+limpia&estado=en-desarrollo&ods=6&entidad=OAX&habilidad=Python&tipo=organizacion-civil&patrocinado=no&orden=propuestas&cursor=abc',
    );
  });

  it('treats empty fields, as a submitted form sends them, as not given', () => {
    const result = parseBrowseQuery({ q: '', estado: '', ods: ' ', patrocinado: '', orden: '' });
    assert.ok(result.ok);
    assert.deepEqual(result.query.filters, {});
    assert.deepEqual(result.query.params, {});
    assert.equal(browseUrl(result.query.params), '/retos');
  });

  it('sorts by relevance with a search and by newest without one, unless told', () => {
    const sortOf = (query: Record<string, string>) => {
      const result = parseBrowseQuery(query);
      assert.ok(result.ok);
      return result.query.sort;
    };
    assert.equal(sortOf({}), 'newest');
    assert.equal(sortOf({ q: 'agua' }), 'relevance');
    assert.equal(sortOf({ orden: 'relevancia' }), 'newest');
    assert.equal(sortOf({ q: 'agua', orden: 'cierre' }), 'deadline');
    assert.equal(sortOf({ orden: 'recientes' }), 'newest');
  });

  it('reads nationwide reach and sponsorship', () => {
    const result = parseBrowseQuery({ entidad: 'Nacional', patrocinado: 'si' });
    assert.ok(result.ok);
    assert.deepEqual(result.query.filters, { state: 'national', sponsored: true });
    assert.equal(result.query.params.entidad, 'nacional');
  });

  it('names every value it cannot read, and keeps what was typed', () => {
    const result = parseBrowseQuery({
      q: 'x'.repeat(201),
      estado: 'draft',
      ods: '0',
      entidad: 'TX',
      habilidad: 'y'.repeat(51),
      tipo: ['gobierno', 'comunidad'],
      patrocinado: 'yes',
      orden: 'alfabetico',
    });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, {
      q: 'browse.errors.q',
      estado: 'browse.errors.status',
      ods: 'browse.errors.sdg',
      entidad: 'browse.errors.state',
      habilidad: 'browse.errors.skill',
      tipo: 'browse.errors.kind',
      patrocinado: 'browse.errors.sponsored',
      orden: 'browse.errors.sort',
    });
    assert.equal(result.params.tipo, 'gobierno');
    assert.equal(result.params.estado, 'draft');
  });

  it('accepts goals 1 to 17 written as whole numbers only', () => {
    for (const ods of ['1', '9', '10', '17']) assert.ok(parseBrowseQuery({ ods }).ok, ods);
    for (const ods of ['0', '18', '06', '6.0', '-1', 'seis', '1e1']) {
      assert.equal(parseBrowseQuery({ ods }).ok, false, ods);
    }
  });

  it('keeps a repeated cursor as one that no decoder accepts', () => {
    const result = parseBrowseQuery({ cursor: ['abc', 'def'] });
    assert.ok(result.ok);
    assert.equal(result.query.cursor, 'abc,def');
  });

  it('reads the stored names of statuses and kinds as their Spanish values', () => {
    const result = parseBrowseQuery({ estado: 'in_progress', tipo: 'ngo', orden: 'deadline' });
    assert.ok(result.ok);
    assert.deepEqual(result.query.filters, { status: 'in_progress', kind: 'ngo' });
    assert.equal(result.query.sort, 'deadline');
    assert.deepEqual(result.query.params, {
      estado: 'en-desarrollo',
      tipo: 'organizacion-civil',
      orden: 'cierre',
    });
    assert.equal(parseBrowseQuery({ estado: 'draft' }).ok, false, 'drafts are never listed');
  });
});
