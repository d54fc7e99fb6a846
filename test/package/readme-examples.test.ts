// README's code examples are the files of examples/ (which test/package/package.test.ts runs and compiles in fresh
// apps), copied verbatim: every ts/js block names its file on its first line and equals it, so they cannot drift.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```(ts|js|mjs|mts)\n([\s\S]*?)^```$/gm)].map((m) => m[2]!);

test("every TypeScript/JavaScript block of README is a file of examples/, verbatim", () => {
  assert.ok(blocks.length >= 4, `README has ${blocks.length} code blocks`);
  for (const block of blocks) {
    const name = /^\/\/ ([\w.-]+\.(?:ts|mts|mjs|js)):/.exec(block)?.[1];
    assert.ok(name, `a README block does not start with "// <file>: ...":\n${block.slice(0, 200)}`);
    const file = path.join(root, 'examples', name);
    assert.ok(existsSync(file), `examples/${name} does not exist`);
    assert.equal(block, readFileSync(file, 'utf8'), `README's ${name} differs from examples/${name}`);
  }
});

test('README links stay inside the repository (or point at the web), never at a sibling folder', () => {
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  for (const link of links) {
    if (/^(https?:|#)/.test(link)) continue;
    assert.ok(!link.startsWith('..') && !path.isAbsolute(link), `README links outside the repository: ${link}`);
  }
  assert.doesNotMatch(readme, /\.\.\/shared\//);
});

test("README's SQLite trigram table SQL is the one `check` prints for Post.title", async () => {
  const { trigramTableStatements } = await import('../../src/data/trigram-table.ts');
  const block = /^```sql\n(CREATE VIRTUAL TABLE "Post_title_trigram"[\s\S]*?)^```$/m.exec(readme)?.[1];
  assert.equal(block, `${trigramTableStatements('Post', 'title', 'id').join('\n')}\n`);
});
