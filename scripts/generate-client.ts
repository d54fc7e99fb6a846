// Dev/test only: `prisma generate` for the demo schema. Generate never runs the schema engine, but Prisma's CLI checks
// for its binary first and tries to download it; where that download is impossible (offline machines, CI here) any
// executable will do (a real machine would download the binary once; generate would not use it either way).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const schema = process.argv[2] ?? 'prisma/schema';
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const prisma = 'node_modules/prisma/build/index.js';
if (!existsSync(prisma)) throw new Error('prisma is not installed: run `npm install` first');
const result = spawnSync(process.execPath, [prisma, 'generate', '--schema', schema], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
