// Loads a generated Prisma client (JavaScript, see generate-client.ts) and opens it on a database through the right
// driver adapter.
import { pathToFileURL } from 'node:url';
import { ClientSetupError } from './client-error.ts';
import type { DatabaseTarget } from './database-url.ts';
import { driverAdapterFor } from './driver-adapter.ts';

/** The part of a generated client prisma-admin-site's CLI uses directly; the admin reads its model delegates. */
export interface OpenedClient {
  $disconnect(): Promise<void>;
  [delegate: string]: unknown;
}

/**
 * @example
 * const { clientFile } = await ensureGeneratedClient(files, { isFolder: false });
 * const prisma = await openPrismaClient(clientFile, parseDatabaseUrl('file:./dev.db'));
 */
export async function openPrismaClient(clientFile: string, target: DatabaseTarget): Promise<OpenedClient> {
  let module: { PrismaClient?: new (options: object) => OpenedClient };
  try {
    module = await import(pathToFileURL(clientFile).href);
  } catch (error) {
    const message = (error as Error).message;
    throw new ClientSetupError(`Could not load the generated Prisma client ${clientFile}: ${message}. Delete the cache folder to generate it again.`, { cause: error });
  }
  if (typeof module.PrismaClient !== 'function') throw new ClientSetupError(`${clientFile} exports no PrismaClient: delete the cache folder to generate it again.`);
  return new module.PrismaClient({ adapter: await driverAdapterFor(target) });
}
