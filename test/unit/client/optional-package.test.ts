// Optional peer dependencies (database drivers, tsx): a missing one is named with the command that installs it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { ClientSetupError } from '../../../src/client/client-error.ts';
import { ADAPTERS } from '../../../src/client/driver-adapter.ts';
import { importOptional, missingPackage } from '../../../src/client/optional-package.ts';

test('a missing adapter is named with the npm command that installs it and its driver', async () => {
  // @ts-expect-error: a package that does not exist, as a project without the adapter sees it
  const load = () => import('@prisma/adapter-nonexistent-for-test');
  await assert.rejects(importOptional(load, { ...ADAPTERS.sqlite, packages: ['@prisma/adapter-nonexistent-for-test', 'better-sqlite3'] }), (error: Error) => {
    assert.ok(error instanceof ClientSetupError);
    assert.equal(error.message, 'SQLite databases need the package @prisma/adapter-nonexistent-for-test, which is not installed. Run: npm install @prisma/adapter-nonexistent-for-test better-sqlite3');
    return true;
  });
});

test('a missing package one level down (the adapter is there, its driver is not) is the one named', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pa-optional-'));
  try {
    const file = path.join(dir, 'adapter.mjs');
    writeFileSync(file, "import 'missing-driver-for-test/sub/path.js';\n");
    await assert.rejects(importOptional(() => import(pathToFileURL(file).href), ADAPTERS.postgresql), /PostgreSQL databases need the package missing-driver-for-test, which is not installed\. Run: npm install missing-driver-for-test$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('errors that are not a missing package pass through unchanged; relative paths are not packages', async () => {
  const boom = new Error('boom');
  await assert.rejects(importOptional(() => Promise.reject(boom), ADAPTERS.mysql), (error) => error === boom);
  assert.equal(missingPackage(Object.assign(new Error("Cannot find module './x.js' imported from /a"), { code: 'ERR_MODULE_NOT_FOUND' })), undefined);
  assert.equal(missingPackage(Object.assign(new Error("Cannot find module '@scope/pkg/deep' imported from /a"), { code: 'ERR_MODULE_NOT_FOUND' })), '@scope/pkg');
});
