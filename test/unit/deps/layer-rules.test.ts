// The layer rules of .dependency-cruiser.cjs, run by dependency-cruiser itself on a small project laid out like ours:
// each wrong import is reported under the rule named after its layer, and the imports the layers allow pass.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';

const config = createRequire(import.meta.url)('../../../.dependency-cruiser.cjs') as IConfiguration;
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Cruises files (path → source) with our rules; returns "rule: from → to" for each violation. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'layer-rules-'));
  dirs.push(dir);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), source);
  }
  const roots = [...new Set(Object.keys(files).map((file) => file.split('/')[0]))];
  const { output } = await cruise(roots, { ...config.options, baseDir: dir, ruleSet: { forbidden: config.forbidden }, validate: true });
  return (output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

const ok = (name: string) => `export const ${name} = 1;\n`;

test('the imports the layers allow pass', async () => {
  assert.deepEqual(await violations({
    'src/schema/types.ts': ok('t'),
    'src/admin/context.ts': `import { t } from '../schema/types.ts';\nexport const c = t;\n`,
    'src/data/delegates.ts': `import { c } from '../admin/context.ts';\nexport const d = c;\n`,
    'src/forms/form.ts': `import { d } from '../data/delegates.ts';\nexport const f = d;\n`,
    'src/views/page.ts': `import { f } from '../forms/form.ts';\nimport { h } from '../http/page.ts';\nexport const v = f + h;\n`,
    'src/http/page.ts': ok('h'),
    'src/cli/main.ts': `import { v } from '../views/page.ts';\nexport const m = v;\n`,
  }), []);
});

test('each wrong import is reported under its layer\'s rule', async () => {
  assert.deepEqual(await violations({
    'src/schema/lookup.ts': `import { c } from '../admin/context.ts';\nexport const l = c;\n`,
    'src/admin/context.ts': ok('c'),
    'src/data/list.ts': `import type { H } from '../http/page.ts';\nexport type L = H;\n`,
    'src/forms/form.ts': `import { v } from '../views/page.ts';\nexport const f = v;\n`,
    'src/admin/site.ts': `import { p } from '../plugin.ts';\nexport const s = p;\n`,
    'src/plugin.ts': ok('p'),
    'src/http/page.ts': 'export type H = string;\n',
    'src/views/page.ts': `import { m } from '../cli/main.ts';\nexport const v = m;\n`,
    'src/cli/main.ts': ok('m'),
    'src/index.ts': `import { s } from '../scripts/seed.ts';\nexport const i = s;\n`,
    'scripts/seed.ts': ok('s'),
  }), [
    'admin-knows-no-web: src/admin/site.ts → src/plugin.ts',
    'data-knows-no-web: src/data/list.ts → src/http/page.ts',
    'forms-know-no-web: src/forms/form.ts → src/views/page.ts',
    'schema-imports-nothing-of-ours: src/schema/lookup.ts → src/admin/context.ts',
    'src-ships-alone: src/index.ts → scripts/seed.ts',
    'views-know-no-cli: src/views/page.ts → src/cli/main.ts',
  ]);
});

test('a cycle is reported, type-only imports included', async () => {
  const found = await violations({
    'src/views/actions.ts': `import { list } from './changelist.ts';\nexport const act = list;\n`,
    'src/views/changelist.ts': `import type { Act } from './types.ts';\nexport const list = 1 as unknown as Act;\n`,
    'src/views/types.ts': `import { act } from './actions.ts';\nexport type Act = typeof act;\n`,
  });
  assert.ok(found.length > 0 && found.every((v) => v.startsWith('no-circular: ')), found.join('\n'));
});
