// A single superuser from ADMIN_USERNAME / ADMIN_PASSWORD, for schemas without the admin's models. Sessions are
// signed tokens (HMAC with a key derived from those credentials), so every instance with the same environment accepts
// them and nothing is kept in memory; changing the password ends every session.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AdminUser, AuthBackend, LoginResult } from './types.ts';

export class MissingCredentialsError extends Error {
  constructor() {
    super(
      'This schema has no admin user models, so the admin needs ADMIN_USERNAME and ADMIN_PASSWORD in the environment ' +
        'for its single superuser. Set both (the password with at least 8 characters), or run `prisma-admin-site init` to add ' +
        'the admin models to your schema.',
    );
    this.name = 'MissingCredentialsError';
  }
}

export class EnvironmentAuthBackend implements AuthBackend {
  readonly kind = 'environment';
  private readonly user: AdminUser;
  private readonly key: Buffer;

  constructor(private readonly username: string, private readonly password: string) {
    this.user = { id: 'env', username, isSuperuser: true, permissions: new Set() };
    this.key = createHash('sha256').update(`prisma-admin-site session\0${username}\0${password}`).digest();
  }

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): EnvironmentAuthBackend {
    const username = env.ADMIN_USERNAME?.trim();
    const password = env.ADMIN_PASSWORD;
    if (!username || !password || password.length < 8) throw new MissingCredentialsError();
    return new EnvironmentAuthBackend(username, password);
  }

  async authenticate(username: string, password: string): Promise<LoginResult> {
    const ok = safeEqual(username, this.username) && safeEqual(password, this.password);
    return ok ? { ok: true, user: this.user } : { ok: false, reason: 'invalid' };
  }

  async startSession(_user: AdminUser, maxAgeSeconds: number): Promise<string> {
    const payload = `${Date.now() + maxAgeSeconds * 1000}.${randomBytes(16).toString('base64url')}`;
    return `${payload}.${this.sign(payload)}`;
  }

  async userForSession(token: string): Promise<AdminUser | null> {
    const [expires, nonce, signature] = token.split('.');
    if (!expires || !nonce || !signature) return null;
    if (!safeEqual(signature, this.sign(`${expires}.${nonce}`))) return null;
    return Number(expires) > Date.now() ? this.user : null;
  }

  async endSession(): Promise<void> {
    // Nothing stored: the cookie is cleared, and the token expires by itself.
  }

  async changePassword() {
    return 'unsupported' as const;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** Compares two strings in constant time (for equal lengths; different lengths compare hashes instead). */
function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
