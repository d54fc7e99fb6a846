// exceljs and sharp cost ~0.3 s of CPU to load: importing the package (every start of the CLI or the plugin) must not
// load them, only the first XLSX export/import or thumbnail does. Checked in a fresh node process, which records every
// module the ESM loader resolves (a resolve hook) and every CommonJS module required (require.cache).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'lazy-heavy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Runs in the loader's thread: appends each resolved URL to the log file, synchronously (nothing to wait for after).
const hook = `
  import { appendFileSync } from 'node:fs';
  let log;
  export function initialize(data) { log = data.log; }
  export async function resolve(specifier, context, next) {
    const result = await next(specifier, context);
    appendFileSync(log, result.url + '\\n');
    return result;
  }`;

/** Runs `script` after importing src/index.ts in a fresh node; returns which of the heavy libraries got loaded. */
async function heavyLibrariesLoaded(name: string, script = ''): Promise<string[]> {
  const log = path.join(dir, `${name}.log`);
  const probe = `
    const { register, createRequire } = await import('node:module');
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), { data: { log: ${JSON.stringify(log)} } });
    await import('./src/index.ts');
    ${script}
    const { appendFileSync } = await import('node:fs');
    appendFileSync(${JSON.stringify(log)}, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n');`;
  await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: root });
  const loaded = readFileSync(log, 'utf8').split('\n').map((file) => /[\\/]node_modules[\\/](exceljs|sharp)[\\/]/.exec(file)?.[1]);
  return [...new Set(loaded.filter((lib) => lib !== undefined))].sort();
}

test('importing the package loads neither exceljs nor sharp', async () => {
  assert.deepEqual(await heavyLibrariesLoaded('index'), []);
});

test('the first XLSX export and the first thumbnail load them (the probe sees them)', async () => {
  const script = `
    const { writeExport } = await import('./src/views/export/writers.ts');
    const { makeThumbnail } = await import('./src/files/thumbnail.ts');
    async function* rows() { yield [1]; }
    for await (const _ of writeExport('xlsx', ['n'], rows(), { bom: false, sheetName: 'S' }));
    await makeThumbnail(new Uint8Array(8));`;
  assert.deepEqual(await heavyLibrariesLoaded('used', script), ['exceljs', 'sharp']);
});
