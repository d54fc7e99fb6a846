// Fields that hold secrets, by their names (`passwordHash`, `apiKey`, `refresh_token`, `twoFactorSecret`, `salt`):
// left out of the default list columns, search and record labels, and shown masked on detail and change pages.
import type { FieldMeta, ModelMeta } from '../schema/types.ts';

const SECRET_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'passphrase', 'hash', 'hashed', 'secret', 'secrets', 'token', 'tokens', 'salt', 'apikey', 'otp', 'totp']);

/** The words of a field name: `twoFactorSecret` → two, factor, secret; `refresh_token` → refresh, token. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// A last word that is still the secret when a secret word comes before it: `password_digest`, `tokenValue`.
const SECRET_TAILS = new Set(['digest', 'value', 'encrypted', 'ciphertext']);
const SECRET_PAIRS = [['api', 'key'], ['private', 'key'], ['access', 'key'], ['secret', 'key'], ['encryption', 'key'], ['signing', 'key']];

/**
 * Does the name say the field holds a secret? The secret word must end the name (`passwordHash`, `refresh_token`,
 * `apiKey`), so `hashtag`, `tokenType`, `passwordHint` and `saltLakeCity` are no secrets.
 */
export function isSecretFieldName(name: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  if (SECRET_WORDS.has(last)) return true;
  if (SECRET_TAILS.has(last) && words.slice(0, -1).some((w) => SECRET_WORDS.has(w))) return true;
  return words.length >= 2 && SECRET_PAIRS.some(([a, b]) => words[words.length - 2] === a && last === b);
}

/** A String or Bytes field whose name says it holds a secret. */
export function isSecretField(field: FieldMeta): boolean {
  return field.kind === 'scalar' && (field.type === 'String' || field.type === 'Bytes') && isSecretFieldName(field.name);
}

/** The model's secret fields: the admin's `secretFields` when given, else those named so; plus `passwordFields`. */
export function secretFieldsOf(model: ModelMeta, options: { secretFields?: string[]; passwordFields?: string[] }): Set<string> {
  const named = options.secretFields ?? model.fields.filter(isSecretField).map((f) => f.name);
  return new Set([...named, ...(options.passwordFields ?? [])]);
}
