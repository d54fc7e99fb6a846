// Preview features that this Prisma version does not know (e.g. `metrics`, removed in Prisma 7) make its parser refuse
// the whole schema, although they only tell a generator what to emit. The admin reads schemas and generates its own
// client, so it drops them from its copy of the schema instead of stopping; every other line stays where it was.
import { get_config } from '@prisma/prisma-schema-wasm';

const UNKNOWN_FEATURE = /preview feature "([^"]+)" is not known/g;
const FEATURE_LIST = /(previewFeatures\s*=\s*\[)([^\]]*)(\])/g;

export interface PreviewFeatureCleanup<F> {
  files: F[];
  /** The preview features left out, in the order Prisma named them. */
  removed: string[];
}

/** The files without the preview features Prisma's parser rejects as unknown. */
export function withoutUnknownPreviewFeatures<F extends { path: string; content: string }>(files: F[]): PreviewFeatureCleanup<F> {
  const unknown = unknownPreviewFeatures(files);
  if (unknown.length === 0) return { files, removed: [] };
  const drop = new Set(unknown);
  const cleaned = files.map((file) => {
    const content = file.content.replace(FEATURE_LIST, (_all, open: string, inner: string, close: string) => {
      const kept = [...inner.matchAll(/"([^"]*)"/g)].map((m) => m[1]).filter((name) => !drop.has(name));
      // Same line count, so Prisma's messages keep pointing at the person's own lines.
      const lineEnds = inner.match(/\n/g)?.length ?? 0;
      return `${open}${kept.map((name) => JSON.stringify(name)).join(', ')}${'\n'.repeat(lineEnds)}${close}`;
    });
    return content === file.content ? file : { ...file, content };
  });
  return { files: cleaned, removed: unknown };
}

function unknownPreviewFeatures(files: { path: string; content: string }[]): string[] {
  const params = { prismaSchema: files.map((f) => [f.path, f.content]), ignoreEnvVarErrors: true, env: {} };
  let text: string;
  try {
    text = get_config(JSON.stringify(params));
  } catch (error) {
    text = String(error);
  }
  // The messages come inside JSON (quotes escaped) and may be coloured: unescape and strip ANSI codes first.
  const plain = text.replace(/\\u001b\[[0-9;]*m|\u001b\[[0-9;]*m/g, '').replace(/\\"/g, '"');
  return [...new Set([...plain.matchAll(UNKNOWN_FEATURE)].map((m) => m[1]))];
}
