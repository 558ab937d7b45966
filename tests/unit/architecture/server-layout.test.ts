import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

// The layout of server/, checked on the source itself: one folder per feature or platform piece,
// reached only through its index.ts, with arrows that run one way.
const root = path.resolve(import.meta.dirname, '../../../server');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const files = sourceFiles(root);
const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
/** A file's folder under server/, or the file itself for the few at server/'s root. */
const unit = (file: string) => {
  const parts = relative(file).split('/');
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
};

/** Every relative import of every server file, static or dynamic, resolved to a path. */
const imports = files.flatMap((file) => {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .filter((ref) => ref.fileName.startsWith('.'))
    .map((ref) => ({ from: file, to: path.resolve(path.dirname(file), ref.fileName) }))
    .filter((edge) => edge.to.startsWith(root + path.sep));
});

describe('the layout of server/', () => {
  it('reaches another folder only through its index.ts', () => {
    const deep = imports.filter(
      ({ from, to }) =>
        unit(from) !== unit(to) &&
        relative(to).includes('/') &&
        !/^[^/]+\/index\.ts$/.test(relative(to)),
    );
    assert.deepEqual(
      deep.map(({ from, to }) => `${relative(from)} → ${relative(to)}`),
      [],
    );
  });

  it('has no import cycle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const { from, to } of imports) {
      if (unit(from) === unit(to)) continue;
      if (!edges.has(unit(from))) edges.set(unit(from), new Set());
      edges.get(unit(from))!.add(unit(to));
    }
    // Depth-first search; a folder met again while still on the path closes a cycle.
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node)) {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
        return;
      }
      if (done.has(node)) return;
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
      done.add(node);
    };
    for (const node of edges.keys()) visit(node, []);
    assert.deepEqual(cycles, []);
  });

  it('loads the development tools only from server/index.ts', () => {
    const users = imports
      .filter(({ from, to }) => unit(to) === 'dev' && unit(from) !== 'dev')
      .map(({ from }) => relative(from));
    assert.deepEqual([...new Set(users)], ['index.ts']);
  });

  it('keeps every source file under 300 lines, and proposals, reviews, tracking under 1,500', () => {
    const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').length - 1;
    const long = files.filter((file) => lines(file) > 300).map(relative);
    assert.deepEqual(long, []);
    for (const folder of ['proposals', 'reviews', 'tracking']) {
      const total = files
        .filter((file) => unit(file) === folder)
        .reduce((sum, file) => sum + lines(file), 0);
      assert.ok(total > 0 && total < 1500, `${folder}: ${total} lines`);
    }
  });
});
