// Generates every Prisma client the node tests generate on first use (the demo's PostgreSQL client, the CRUD fixture's
// two, the real-schema fixtures'), before the test files run two at a time: two files that found the same client
// stale would otherwise run `prisma generate` into the same folder at once. Each is skipped when up to date.
//   node --import tsx test/support/generate-test-clients.ts
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { ensureCrudClient, ensureCrudPostgresClient } from './crud-app.ts';
import { ensureFixtureClient, FIXTURE_SCHEMAS } from './fixture-app.ts';
import { ensureImportRawClients } from './import-raw-fixture.ts';

ensurePostgresClient();
ensureCrudClient();
ensureCrudPostgresClient();
for (const schema of FIXTURE_SCHEMAS) ensureFixtureClient(schema);
ensureImportRawClients();
