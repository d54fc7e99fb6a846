// Dev only: the database behind `npm start`. A missing demo database is created and seeded; an existing one is left
// alone (delete the file, or run `node --import tsx scripts/seed.ts --reset`, to start over).
import { rmSync } from 'node:fs';
import { providerOfUrl, redact, sqliteFileOfUrl } from './db/apply-schema.ts';
import { openDemoClient } from './db/demo-client.ts';
import { prepareDemoDatabase } from './db/demo-schema.ts';
import { presets, progressPrinter, seed, type SeedSize } from './seed.ts';

export interface EnsureDemoOptions {
  /** Rows to seed (default: the demo preset). */
  size?: SeedSize;
  /** Where progress goes (default: stdout). */
  log?: (line: string) => void;
}

/** Creates and seeds the demo database when it does not exist yet; leaves an existing one alone. */
export async function ensureDemoDatabase(url: string, options: EnsureDemoOptions = {}): Promise<{ created: boolean }> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!(await prepareDemoDatabase(url))) return { created: false };
  log(`Creating the demo database in ${redact(url)}`);
  try {
    const prisma = await openDemoClient(url);
    try {
      const result = await seed(prisma, {
        ...(options.size ?? presets.demo),
        onProgress: options.log ? undefined : progressPrinter(),
      });
      log(`Seeded ${result.posts} posts, ${result.comments} comments and ${result.authors} authors in ${(result.ms / 1000).toFixed(1)} s`);
    } finally {
      await prisma.$disconnect();
    }
  } catch (error) {
    // A half-seeded SQLite file would be "present" next time and never be seeded again: remove it.
    if (providerOfUrl(url) === 'sqlite') rmSync(sqliteFileOfUrl(url), { force: true });
    throw error;
  }
  return { created: true };
}
