// The copy of the person's schema that prisma-admin-site generates its own client from: their generator blocks are blanked
// (a `prisma-client-js` or third-party generator must not run, nor write into their project) and replaced by one
// `prisma-client-js` generator writing into our cache; Prisma 6 style connection URLs in the datasource block are blanked
// too (Prisma 7 rejects them, and the URL comes from --url). Blanking keeps every line where it was, so Prisma's
// messages still point at the person's own lines.
import { get_config } from '@prisma/prisma-schema-wasm';

export interface SchemaSource {
  path: string;
  content: string;
}

interface Block {
  keyword: string;
  /** Index of the keyword. */
  start: number;
  /** Index just after the closing brace. */
  end: number;
}

const URL_PROPERTIES = /^[ \t]*(url|directUrl|shadowDatabaseUrl)[ \t]*=.*$/gm;

/** The top-level blocks (`model`, `generator`, `datasource`, ...) of one schema file, skipping comments and strings. */
export function topLevelBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let depth = 0;
  let current: { keyword: string; start: number } | null = null;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      lineStart = true;
      continue;
    }
    if (char === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      lineStart = false;
      continue;
    }
    if (char === '\n') {
      lineStart = true;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r') continue;
    if (depth === 0 && lineStart && /[a-z]/i.test(char)) {
      const word = /^[A-Za-z]+/.exec(text.slice(i, i + 20))![0];
      current = { keyword: word, start: i };
      i += word.length - 1;
    } else if (char === '{') {
      depth++;
    } else if (char === '}' && depth > 0) {
      depth--;
      if (depth === 0 && current) {
        blocks.push({ ...current, end: i + 1 });
        current = null;
      }
    }
    lineStart = false;
  }
  return blocks;
}

/** Spaces instead of every character but line ends. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/**
 * The schema files with the datasource's `url`, `directUrl` and `shadowDatabaseUrl` lines blanked (Prisma 7 no longer
 * accepts them in the schema), and the names of the properties that were there.
 */
export function withoutDatasourceUrls(files: SchemaSource[]): { files: SchemaSource[]; removed: string[] } {
  const removed = new Set<string>();
  const result = files.map((file) => {
    let content = file.content;
    for (const block of topLevelBlocks(content).filter((b) => b.keyword === 'datasource').reverse()) {
      const body = content.slice(block.start, block.end).replace(URL_PROPERTIES, (line, name: string) => {
        removed.add(name);
        return blank(line);
      });
      content = content.slice(0, block.start) + body + content.slice(block.end);
    }
    return content === file.content ? file : { ...file, content };
  });
  return { files: result, removed: [...removed] };
}

/** The schema files with every `generator` block blanked. */
export function withoutGenerators(files: SchemaSource[]): SchemaSource[] {
  return files.map((file) => {
    let content = file.content;
    for (const block of topLevelBlocks(content).filter((b) => b.keyword === 'generator').reverse()) {
      content = content.slice(0, block.start) + blank(content.slice(block.start, block.end)) + content.slice(block.end);
    }
    return content === file.content ? file : { ...file, content };
  });
}

/** The preview features the person's Prisma client generators ask for (they change what the client can do). */
export function clientPreviewFeatures(files: SchemaSource[]): string[] {
  const params = { prismaSchema: files.map((f) => [f.path, f.content]), ignoreEnvVarErrors: true, env: {} };
  const parsed = JSON.parse(get_config(JSON.stringify(params))) as {
    config?: { generators?: { provider?: { value?: string }; previewFeatures?: string[] }[] };
  };
  const features = new Set<string>();
  for (const generator of parsed.config?.generators ?? []) {
    const provider = generator.provider?.value ?? '';
    if (provider === 'prisma-client' || provider === 'prisma-client-js') for (const f of generator.previewFeatures ?? []) features.add(f);
  }
  return [...features].sort();
}

/**
 * Our generator block: Prisma's `prisma-client-js` generator into `output`. It writes JavaScript (with its .d.ts), which
 * plain Node loads; the newer `prisma-client` generator writes only TypeScript (.ts/.mts/.cts), which Node 20 cannot
 * load without a TypeScript loader.
 */
export function generatorBlock(output: string, previewFeatures: string[]): string {
  const lines = [
    '// Written by prisma-admin-site: its own client, generated into its cache.',
    'generator prisma_admin_client {',
    '  provider = "prisma-client-js"',
    `  output   = ${JSON.stringify(output)}`,
  ];
  if (previewFeatures.length) lines.push(`  previewFeatures = ${JSON.stringify(previewFeatures)}`);
  lines.push('}', '');
  return lines.join('\n');
}
