// A PostgreSQL database with the same tables in two schemas (schema-per-tenant): the admin serves `tenant_b` through
// an adapter given that schema, and its raw queries (the session check, related labels, the bounded count) read
// tenant_b's tables too, never the search_path's (`public`), which hold another tenant's rows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { applySchema, postgresConnectionString, readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { demoSite } from '../../prisma/demo-admin.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { createAdminServer, parseSchemaFiles } from '../../src/index.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { listRows, resultCount } from '../support/html.ts';
import { createAdminUser, loginAs } from '../support/security.ts';

const pgUp = await postgresAvailable();
const TENANT = 'tenant_b';

let app: FastifyInstance;
let tenant: PrismaClient & { $on(event: 'query', cb: (e: { query: string }) => void): void };
let other: PrismaClient;
let cleanup: (() => Promise<void>) | undefined;
const queries: string[] = [];

before(async () => {
  if (!pgUp) return;
  const db = await freshPostgresDatabase(DEMO_SCHEMA, { schema: TENANT });
  cleanup = db.cleanup;
  const publicUrl = db.url.replace(/\?.*$/, '');
  await applySchema(withProvider(readSchemaFiles(DEMO_SCHEMA), 'postgresql'), publicUrl);
  const { PrismaClient: Client } = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: typeof PrismaClient };
  const connectionString = postgresConnectionString(publicUrl);
  tenant = new Client({ adapter: new PrismaPg({ connectionString }, { schema: TENANT }) as never, log: [{ emit: 'event', level: 'query' }] }) as typeof tenant;
  other = new Client({ adapter: new PrismaPg({ connectionString }, { schema: 'public' }) as never });
  // The same ids in both schemas, other names: a label read from the wrong schema shows.
  for (const [client, name, posts] of [[tenant, 'Tenant author', 2], [other, 'Public author', 5]] as const) {
    const author = await client.author.create({ data: { name, email: `${name.replace(' ', '.')}@example.com` } });
    for (let i = 0; i < posts; i++) await client.post.create({ data: { title: `${name} post ${i}`, slug: `${name.replace(' ', '-')}-${i}`.toLowerCase(), body: 'Body', authorId: author.id } });
  }
  tenant.$on('query', (e) => queries.push(e.query));
  const schema = parseSchemaFiles(withProvider(readSchemaFiles(DEMO_SCHEMA), 'postgresql'));
  app = await createAdminServer({ schema, prisma: tenant, site: demoSite(), postgresSchema: TENANT });
});

after(async () => {
  await app?.close();
  await tenant?.$disconnect();
  await other?.$disconnect();
  await cleanup?.();
});

test("the tenant's admin logs in against its own sessions, in one query, and lists its own rows with its own labels", { skip: !pgUp && 'no PostgreSQL test server' }, async () => {
  // A user of the same name exists in public too, with another password: only the tenant's one may log in.
  await createAdminUser(other as never, 'editor', ['Post.view']);
  const browser = await loginAs(app, await createAdminUser(tenant as never, 'editor', ['Post.view', 'Post.delete', 'Author.view']));
  queries.length = 0;
  const page = await browser.get('/admin/post/');
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  const sessionQueries = queries.filter((q) => /AdminSession/.test(q));
  assert.equal(sessionQueries.length, 1, `one session query:\n${sessionQueries.join('\n')}`);
  assert.match(sessionQueries[0], new RegExp(`"${TENANT}"\\."AdminSession"`));
  assert.equal(resultCount(page.body), 2);
  const rows = listRows(page.body);
  assert.deepEqual(rows.map((r) => r.cells[1]), ['Tenant author', 'Tenant author']);
  assert.doesNotMatch(page.body, /Public author/);
});
