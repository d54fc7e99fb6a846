// What Prisma's DMMF leaves out, recovered from Prisma's own canonical formatting of the schema.
//
// DMMF has no `Unsupported("...")` fields at all (the client cannot read or write them) and does not say which
// entries of `models` are `view` blocks. No other entry point of @prisma/prisma-schema-wasm exposes either as data:
// `get_datamodel` is the same datamodel, `hover` only answers for a cursor position, `lint` reports diagnostics only.
// So this reads the output of `merge_schemas` (Prisma's formatter, what `prisma format` writes): there every block
// header is `<keyword> <Name> {` on its own line, every field is one indented line `name Type attributes`, and the
// block closes with `}` at column 0. Only those layout facts are used, only to find block keywords, field order and
// the Unsupported fields; everything else comes from DMMF. The schema is always validated by Prisma first.

import { docProse } from './doc-prose.ts';
import type { UnsupportedFieldMeta } from './types.ts';

export interface FormattedBlock {
  keyword: 'model' | 'view';
  name: string;
  /** The block's field names in source order, including the ones DMMF leaves out (ignored, Unsupported). */
  fieldNames: string[];
  unsupportedFields: UnsupportedFieldMeta[];
}

const BLOCK_HEADER = /^(model|view|enum|type|generator|datasource)\s+(\w+)\s*\{$/;
const FIELD_LINE = /^(\w+)\s+(\S.*)$/;

/** Reads the model and view blocks of a schema formatted by Prisma (see the file comment). */
export function scanFormattedBlocks(formatted: string): Map<string, FormattedBlock> {
  const blocks = new Map<string, FormattedBlock>();
  let current: FormattedBlock | null = null;
  let insideOtherBlock = false;
  let docLines: string[] = [];

  for (const line of formatted.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (current === null && !insideOtherBlock) {
      const header = BLOCK_HEADER.exec(trimmed);
      if (header) {
        const [, keyword, name] = header;
        if (keyword === 'model' || keyword === 'view') {
          current = { keyword, name, fieldNames: [], unsupportedFields: [] };
          blocks.set(name, current);
        } else {
          insideOtherBlock = true;
        }
      }
      continue;
    }
    if (line.startsWith('}')) {
      current = null;
      insideOtherBlock = false;
      docLines = [];
      continue;
    }
    if (current === null) continue;
    if (trimmed.startsWith('///')) {
      docLines.push(trimmed.slice(3).trim());
      continue;
    }
    if (trimmed === '' || trimmed.startsWith('//')) continue;
    const docs = docLines;
    docLines = [];
    if (trimmed.startsWith('@@')) continue;
    const field = FIELD_LINE.exec(trimmed);
    if (!field) continue;
    current.fieldNames.push(field[1]);
    const unsupported = readUnsupportedField(field[1], field[2], docs);
    if (unsupported) current.unsupportedFields.push(unsupported);
  }
  return blocks;
}

function readUnsupportedField(name: string, rest: string, docs: string[]): UnsupportedFieldMeta | null {
  if (!rest.startsWith('Unsupported(')) return null;
  const literal = readStringLiteral(rest, 'Unsupported('.length);
  if (!literal || rest[literal.end] !== ')') return null;
  const afterType = rest.slice(literal.end + 1);
  const isList = afterType.startsWith('[]');
  const isOptional = afterType.startsWith('?');
  const masked = maskStrings(afterType);

  let mappedName: string | null = null;
  const map = /@map\(\s*(?:name\s*:\s*)?"/.exec(masked);
  if (map) mappedName = readStringLiteral(afterType, map.index + map[0].length - 1)?.value ?? null;

  const trailingDoc = masked.indexOf('///');
  if (trailingDoc >= 0) docs = [...docs, afterType.slice(trailingDoc + 3).trim()];

  return {
    kind: 'unsupported',
    name,
    dbName: mappedName ?? name,
    documentation: docProse(docs.join('\n')),
    isRequired: !isOptional,
    isList,
    type: literal.value,
    hasDefault: /@default\(/.test(masked),
  };
}

/** Reads the Prisma string literal whose opening quote is at `start`. */
function readStringLiteral(text: string, start: number): { value: string; end: number } | null {
  if (text[start] !== '"') return null;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) {
      const next = text[++i];
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    } else if (char === '"') {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  return null;
}

/** The text with the inside of every string literal blanked out, so searches cannot match inside strings. */
function maskStrings(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString && char === '\\') {
      out += '  ';
      i++;
    } else if (char === '"') {
      inString = !inString;
      out += char;
    } else {
      out += inString ? ' ' : char;
    }
  }
  return out;
}
