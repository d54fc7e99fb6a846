// The database drivers (and tsx, for TypeScript configs) are optional peer dependencies: a project installs the ones it
// uses. Importing one that is missing fails with a message naming the package to install, not Node's resolver error.
import { ClientSetupError } from './client-error.ts';

/**
 * @example
 * const { PrismaPg } = await importOptional(() => import('@prisma/adapter-pg'), {
 *   packages: ['@prisma/adapter-pg'], purpose: 'PostgreSQL databases',
 * });
 */
export async function importOptional<T>(load: () => Promise<T>, need: { packages: readonly string[]; purpose: string; dev?: boolean }): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing = missingPackage(error);
    if (missing) {
      const install = need.packages.includes(missing) ? need.packages : [missing];
      throw new ClientSetupError(
        `${need.purpose} need the package ${missing}, which is not installed. Run: npm install ${need.dev ? '--save-dev ' : ''}${install.join(' ')}`,
        { cause: error },
      );
    }
    if (/Could not locate the bindings file|was compiled against a different Node\.js version|NODE_MODULE_VERSION/.test((error as Error).message ?? '')) {
      throw new ClientSetupError(`better-sqlite3's native module does not load (${(error as Error).message.split('\n')[0]}). Run: npm rebuild better-sqlite3`, { cause: error });
    }
    throw error;
  }
}

/** The package Node could not find, from its ERR_MODULE_NOT_FOUND / MODULE_NOT_FOUND error. */
export function missingPackage(error: unknown): string | undefined {
  const code = (error as { code?: string } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  const message = (error as Error).message;
  const name = /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1];
  if (!name || name.startsWith('.') || name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name) || name.startsWith('file:')) return undefined;
  const parts = name.split('/');
  return name.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
