// Compiled templates are kept outside production too (as `serve` runs without NODE_ENV), and a template edited on
// disk there is compiled again: the cache is keyed by the file's modification time and size.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'prisma-admin-templates-'));
const page = path.join(dir, 'post', 'change_list.eta');
const listTemplate = (word: string) => `<% layout('base', it) %>\n<h1 id="marker">${word}</h1>\n`;
// A whole second: utimes sets it exactly (a file's own time has a fraction of a millisecond that a Date cannot say).
const written = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);

let demo: DemoApp;
before(async () => {
  assert.notEqual(process.env.NODE_ENV, 'production', 'these tests are of the development mode');
  mkdirSync(path.dirname(page), { recursive: true });
  writeFileSync(page, listTemplate('first'));
  utimesSync(page, written, written);
  demo = await startDemoApp({ server: { templates: dir } });
});
after(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const marker = async () => /<h1 id="marker">(\w+)<\/h1>/.exec((await demo.browser.get('/admin/post/')).body)?.[1];

test('a template is compiled once while its file is unchanged', async () => {
  assert.equal(await marker(), 'first');
  // Other text of the same size with the old modification time: the compiled template is still the one used.
  writeFileSync(page, listTemplate('other'));
  utimesSync(page, written, written);
  assert.equal(await marker(), 'first');
  assert.equal(await marker(), 'first');
});

test('a template edited on disk is used from the next request on', async () => {
  writeFileSync(page, listTemplate('second'));
  const later = new Date(written.getTime() + 2_000);
  utimesSync(page, later, later);
  assert.equal(await marker(), 'second');
});
