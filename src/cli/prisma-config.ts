// The project's prisma.config.ts (Prisma 7's home of the schema path and the datasource URL), read by Prisma's own
// loader (@prisma/config, which comes with the `prisma` package): the same file, TypeScript, `env()` calls and
// `import 'dotenv/config'` that `prisma migrate` and `prisma studio` read.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './cli-error.ts';

const require = createRequire(import.meta.url);

/** Config file names Prisma 7 looks for in the project folder (its loader knows the full list when installed). */
const CONFIG_NAMES = ['prisma.config.ts', 'prisma.config.mts', 'prisma.config.cts', 'prisma.config.js', 'prisma.config.mjs', 'prisma.config.cjs'];

export interface PrismaProjectConfig {
  /** The config file, relative to the working folder (for messages). */
  file: string;
  /** The absolute path of the schema file or folder, when the config names one. */
  schema?: string;
  /** `datasource.url`, when the config sets one. */
  url?: string;
}

interface ConfigModule {
  findPrismaConfigFile(configRoot?: string): string | null;
  loadConfigFromFile(input: { configFile?: string; configRoot?: string }): Promise<{
    resolvedPath: string | null;
    config?: { schema?: string; datasource?: { url?: string } };
    error?: { _tag: string; error?: Error };
  }>;
}

/** The project's Prisma config, or undefined when it has none. */
export async function readPrismaConfig(root = process.cwd()): Promise<PrismaProjectConfig | undefined> {
  const loader = prismaConfigLoader();
  const present = loader ? loader.findPrismaConfigFile(root) : configFileIn(root);
  if (!present) return undefined;
  const shown = path.relative(process.cwd(), present) || present;
  if (!loader) {
    throw new CliError(
      `${shown} is read with Prisma's own config loader, which comes with the \`prisma\` package: install it (npm install --save-dev prisma), or pass --schema and --url.`,
    );
  }
  const loaded = await loader.loadConfigFromFile({ configFile: present, configRoot: root });
  if (loaded.error) {
    const reason = (loaded.error.error?.message ?? loaded.error._tag).split('\n')[0].replace(/\.$/, '');
    throw new CliError(`Could not load ${shown}: ${reason}. Fix it (e.g. set the environment variable it reads), or pass --schema and --url.`);
  }
  if (!loaded.resolvedPath || !loaded.config) return undefined;
  const url = loaded.config.datasource?.url;
  return { file: path.relative(process.cwd(), loaded.resolvedPath) || loaded.resolvedPath, schema: loaded.config.schema, url: url || undefined };
}

/** The config file Prisma would find in the folder, if any. */
export function configFileIn(root: string): string | undefined {
  return CONFIG_NAMES.map((name) => path.join(root, name)).find((file) => existsSync(file));
}

/** @prisma/config as the installed `prisma` package resolves it, or undefined without `prisma`. */
function prismaConfigLoader(): ConfigModule | undefined {
  let prismaPackage: string;
  try {
    prismaPackage = require.resolve('prisma/package.json', { paths: [process.cwd(), path.dirname(fileURLToPath(import.meta.url))] });
  } catch {
    return undefined;
  }
  return createRequire(prismaPackage)('@prisma/config') as ConfigModule;
}
