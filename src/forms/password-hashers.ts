// How a password typed into a `passwordFields` input is stored, so that the app's own login can verify it: scrypt in
// the admin's own format (the default), bcrypt (`$2b$...`, what most Node apps store, through bcryptjs) or argon2id
// (`$argon2id$...` PHC strings, through @node-rs/argon2), or a hasher of your own. The libraries load on first use.
import { hashPassword, verifyPassword } from '../auth/passwords.ts';

export interface PasswordHasher {
  /** The algorithm's name, shown in the summary of a stored hash. */
  readonly algorithm: string;
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export type PasswordHasherOption = PasswordHasher | 'scrypt' | 'bcrypt' | 'argon2';

/** scrypt from node:crypto, as `scrypt$N$r$p$salt$hash` (the admin's own users are stored so). */
export const scryptHasher: PasswordHasher = { algorithm: 'scrypt', hash: hashPassword, verify: verifyPassword };

/** bcrypt with `rounds` (default 12), as `$2b$12$...`; verified by bcrypt.compare / bcryptjs.compare. */
export function bcryptHasher(options: { rounds?: number } = {}): PasswordHasher {
  const rounds = options.rounds ?? 12;
  return {
    algorithm: 'bcrypt',
    async hash(password) {
      const bcrypt = (await import('bcryptjs')).default;
      return bcrypt.hash(password, rounds);
    },
    async verify(password, hash) {
      const bcrypt = (await import('bcryptjs')).default;
      return bcrypt.compare(password, hash);
    },
  };
}

/** argon2id with OWASP's defaults (19 MiB, 2 passes), as a PHC string verified by argon2.verify in any binding. */
export function argon2Hasher(options: { memoryCost?: number; timeCost?: number; parallelism?: number } = {}): PasswordHasher {
  return {
    algorithm: 'argon2id',
    async hash(password) {
      const argon2 = await import('@node-rs/argon2');
      // Algorithm.Argon2id is 2 (a const enum, which isolated modules cannot inline).
      return argon2.hash(password, { algorithm: 2, ...options });
    },
    async verify(password, hash) {
      const argon2 = await import('@node-rs/argon2');
      return argon2.verify(hash, password);
    },
  };
}

/** The hasher an admin's `passwordHasher` option names (default: scrypt). */
export function resolveHasher(option: PasswordHasherOption | undefined): PasswordHasher {
  if (option === undefined || option === 'scrypt') return scryptHasher;
  if (option === 'bcrypt') return bcryptHasher();
  if (option === 'argon2') return argon2Hasher();
  return option;
}

/**
 * What a detail or change page shows of a stored hash (Django's summary): its algorithm, parameters, and the first
 * characters of salt and hash only. `algorithm: bcrypt, cost: 12, hash: $2b$12$N9qo8u…****`.
 */
export function hashSummary(stored: unknown): string {
  if (typeof stored !== 'string' || stored === '') return 'No password set.';
  const masked = (text: string, shown = 6) => `${text.slice(0, shown)}…${'*'.repeat(4)}`;
  const bcrypt = /^\$(2[abxy]?)\$(\d{2})\$(.{53})$/.exec(stored);
  if (bcrypt) return `algorithm: bcrypt, cost: ${Number(bcrypt[2])}, hash: ${masked(stored, 13)}`;
  const argon = /^\$(argon2(?:id|i|d))\$v=(\d+)\$([^$]+)\$([^$]+)\$([^$]+)$/.exec(stored);
  if (argon) return `algorithm: ${argon[1]}, ${argon[3].replaceAll(',', ', ')}, salt: ${masked(argon[4])}, hash: ${masked(argon[5])}`;
  const scrypt = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([^$]+)\$([^$]+)$/.exec(stored);
  if (scrypt) return `algorithm: scrypt, N: ${scrypt[1]}, r: ${scrypt[2]}, p: ${scrypt[3]}, salt: ${masked(scrypt[4])}, hash: ${masked(scrypt[5])}`;
  return `Unknown password format (${stored.length} characters): ${'*'.repeat(8)}`;
}

/** What a page shows of another secret (a token, an API key): its length only, never a character of it. */
export function secretSummary(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const length = value instanceof Uint8Array ? value.length : String(value).length;
  return `${'*'.repeat(8)} (${length} ${value instanceof Uint8Array ? 'bytes' : 'characters'})`;
}
