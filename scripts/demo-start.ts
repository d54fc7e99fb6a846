// `npm start`: the demo blog admin. Generates the demo's Prisma client when missing, creates and seeds the SQLite
// database when missing, and serves the admin. PORT, HOST and DATABASE_URL override the defaults.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('prisma/generated/client.ts')) {
  const generated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-client.ts'], { stdio: 'inherit' });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}

const { startDemo } = await import('./demo-server.ts');
await startDemo();
