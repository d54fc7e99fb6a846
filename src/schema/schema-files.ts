// Finds the files of a schema on disk the way Prisma does: one file, or every `*.prisma` file under a folder
// (recursively, following symbolic links once).

import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { SchemaError } from './schema-error.ts';

export interface SchemaFile {
  /** Relative to the working directory when inside it, so Prisma's messages say `prisma/schema.prisma:5`. */
  path: string;
  content: string;
}

export async function loadSchemaFiles(fileOrFolder: string): Promise<SchemaFile[]> {
  const absolute = path.resolve(fileOrFolder);
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new SchemaError(
        `Prisma schema not found: ${fileOrFolder} does not exist. ` +
          'Give the path of a schema.prisma file or of a folder that holds .prisma files.',
      );
    }
    throw new SchemaError(`Cannot read the Prisma schema at ${fileOrFolder}: ${error.message}`);
  });

  const paths = info.isDirectory() ? await prismaFilesUnder(absolute, new Set()) : [absolute];
  if (paths.length === 0) {
    throw new SchemaError(
      `No Prisma schema in ${fileOrFolder}: the folder holds no .prisma file. ` +
        'Give the path of a schema.prisma file or of the folder of a multi-file schema.',
    );
  }
  paths.sort();
  return Promise.all(
    paths.map(async (file) => ({ path: displayPath(file), content: await readFile(file, 'utf8') })),
  );
}

async function prismaFilesUnder(folder: string, seen: Set<string>): Promise<string[]> {
  const real = await realpath(folder);
  if (seen.has(real)) return [];
  seen.add(real);
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => null);
      isDirectory = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isDirectory) found.push(...(await prismaFilesUnder(full, seen)));
    else if (isFile && path.extname(entry.name) === '.prisma') found.push(full);
  }
  return found;
}

function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}
