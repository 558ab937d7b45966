import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

// The project's own ESLint configuration, run on code that breaks the architecture on purpose:
// `npm run lint` must fail on it, or the rules protect nothing.
const eslint = new ESLint({ ignore: false });

const ruleIds = (results: ESLint.LintResult[]) =>
  results.flatMap((result) => result.messages.map((message) => message.ruleId));

describe('the lint rules that keep the arrows one way', () => {
  it('refuses an import cycle', async () => {
    const results = await eslint.lintFiles(['tests/fixtures/import-cycle/first.ts']);
    assert.ok(ruleIds(results).includes('import-x/no-cycle'), JSON.stringify(results[0]?.messages));
  });

  it("refuses an import of another folder's internal file", async () => {
    const results = await eslint.lintText(
      "import { lockProposal } from '../proposals/locked.ts';\nexport const lock = lockProposal;\n",
      { filePath: 'server/claims/probe.ts' },
    );
    assert.ok(ruleIds(results).includes('import-x/no-restricted-paths'));
  });

  it("accepts the same thing through the folder's index", async () => {
    const results = await eslint.lintText(
      "import { lockProposal } from '../proposals/index.ts';\nexport const lock = lockProposal;\n",
      { filePath: 'server/claims/probe.ts' },
    );
    assert.deepEqual(ruleIds(results), []);
  });

  it('refuses development tools in production code, even through their index', async () => {
    const results = await eslint.lintText(
      "import { developmentTools } from '../dev/index.ts';\nexport const tools = developmentTools;\n",
      { filePath: 'server/challenges/probe.ts' },
    );
    assert.ok(ruleIds(results).includes('import-x/no-restricted-paths'));
  });
});
