// Users, permissions and sessions in the user's own database, through the admin's models (admin-models.prisma).
// Sessions are rows: any instance behind a load balancer can check them, and logout ends them everywhere.
import { createHash, randomBytes } from 'node:crypto';
import type { AdminUser, AuthBackend, LoginResult } from './types.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { runSessionLookup, type SessionLookup } from './session-lookup.ts';
import { MemoryLoginThrottle, throttleKey, type LoginThrottle } from './login-throttle.ts';
import { RawOrPrisma } from '../data/raw-or-prisma.ts';
import { refuseDuringLongRun } from '../data/sqlite-long-runs.ts';
import type { Provider } from '../schema/types.ts';

/** Wrong passwords for one username from one client address before that pair is locked out, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_SECONDS = 15 * 60;

type Row = Record<string, unknown>;
interface Delegate {
  updateMany(args: object): Promise<{ count: number }>;
  findUnique(args: object): Promise<Row | null>;
  findFirst(args: object): Promise<Row | null>;
  update(args: object): Promise<Row>;
  create(args: object): Promise<Row>;
  deleteMany(args: object): Promise<{ count: number }>;
}
interface AdminModelsClient {
  adminUser: Delegate;
  adminSession: Delegate;
}

export interface DatabaseAuthOptions {
  /** The one-query session check for this schema (session-lookup.ts); without it, three Prisma queries. */
  lookup?: SessionLookup | null;
  /** Where login attempts are counted: the AdminLoginThrottle table when the schema has it. Default: this process. */
  throttle?: LoginThrottle;
  /**
   * The database's provider. On SQLite a write outside a transaction while a long run's is open joins that one (the
   * adapter has one connection), and is undone if the run fails: logins, logouts and password changes are then
   * refused (DatabaseBusyError) instead.
   */
  provider?: Provider;
}

// A hash to compare against when the username does not exist, so both cases take the same time.
const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The one-query session check (session-lookup.ts): per backend, Prisma's three queries once it fails. */
const sessionJoin = new RawOrPrisma('the session JOIN');

export class DatabaseAuthBackend implements AuthBackend {
  readonly kind = 'database';
  readonly throttle: LoginThrottle;
  private lookup: SessionLookup | null;
  private readonly provider: Provider | null;
  constructor(private readonly prisma: AdminModelsClient, options: DatabaseAuthOptions = {}) {
    this.lookup = options.lookup ?? null;
    this.throttle = options.throttle ?? new MemoryLoginThrottle();
    this.provider = options.provider ?? null;
  }

  private refuseWhileBusy(): void {
    if (this.provider) refuseDuringLongRun(this.provider, this.prisma);
  }

  async authenticate(username: string, password: string, clientAddress = 'unknown'): Promise<LoginResult> {
    // Count the attempt before checking it, atomically (login-throttle.ts): simultaneous guesses each count, and
    // beyond the limit they are refused without being checked. Per username AND address: a stranger's wrong passwords
    // lock the username only for the stranger's address, never for its owner elsewhere.
    this.refuseWhileBusy();
    const row = await this.prisma.adminUser.findUnique({ where: { username } });
    // Keyed by the account when there is one, so that spellings a case-insensitive collation maps to it share a count.
    const key = throttleKey('lockout', row ? `user:${String(row.id)}` : `name:${username}`, clientAddress);
    const attempt = await this.throttle.hit(key, LOCK_SECONDS * 1000);
    const refuse = async () => {
      if (attempt.count === MAX_FAILED_LOGINS) await this.throttle.extend(key, new Date(Date.now() + LOCK_SECONDS * 1000));
      return { ok: false as const, reason: 'invalid' as const };
    };
    // Every refusal costs one password hash (a dummy one where there is nothing to check), so that the time taken
    // does not tell a locked, unknown or inactive account from a wrong password.
    if (attempt.count > MAX_FAILED_LOGINS || !row || !row.isActive) {
      await verifyPassword(password, await DUMMY_HASH);
      return refuse();
    }
    if (!(await verifyPassword(password, String(row.passwordHash)))) return refuse();
    await this.throttle.clear(key);
    await this.prisma.adminUser.update({ where: { id: row.id }, data: { lastLogin: new Date() } });
    return { ok: true, user: (await this.loadUser(row.id as number))! };
  }

  async startSession(user: AdminUser, maxAgeSeconds: number): Promise<string> {
    this.refuseWhileBusy();
    const token = randomBytes(32).toString('base64url');
    await this.prisma.adminSession.create({
      data: { tokenHash: tokenHash(token), userId: Number(user.id), expiresAt: new Date(Date.now() + maxAgeSeconds * 1000) },
    });
    // Expired sessions of this user are cleaned up as new ones start.
    await this.prisma.adminSession.deleteMany({ where: { userId: Number(user.id), expiresAt: { lt: new Date() } } });
    return token;
  }

  async userForSession(token: string): Promise<AdminUser | null> {
    const lookup = this.lookup;
    return sessionJoin.run(this, undefined, () => runSessionLookup(this.prisma, lookup!, tokenHash(token)), async () => {
      const session = await this.prisma.adminSession.findUnique({ where: { tokenHash: tokenHash(token) } });
      if (!session || (session.expiresAt as Date).getTime() <= Date.now()) return null;
      return this.loadUser(session.userId as number);
    }, lookup !== null);
  }

  async endSession(token: string): Promise<void> {
    this.refuseWhileBusy();
    await this.prisma.adminSession.deleteMany({ where: { tokenHash: tokenHash(token) } });
  }

  async changePassword(user: AdminUser, oldPassword: string, newPassword: string, keepSession?: string) {
    this.refuseWhileBusy();
    const row = await this.prisma.adminUser.findUnique({ where: { id: Number(user.id) } });
    if (!row || !(await verifyPassword(oldPassword, String(row.passwordHash)))) return 'wrong-password' as const;
    await this.prisma.adminUser.update({ where: { id: row.id }, data: { passwordHash: await hashPassword(newPassword) } });
    // Every other browser of this user is logged out, as Django does.
    await this.prisma.adminSession.deleteMany({ where: { userId: row.id, ...(keepSession ? { NOT: { tokenHash: tokenHash(keepSession) } } : {}) } });
    return 'ok' as const;
  }

  private async loadUser(id: number): Promise<AdminUser | null> {
    const row = await this.prisma.adminUser.findUnique({ where: { id }, include: { permissions: true } });
    if (!row || !row.isActive) return null;
    const permissions = (row.permissions as { model: string; action: string }[]).map((p) => `${p.model}.${p.action}`);
    return { id: String(row.id), username: String(row.username), isSuperuser: Boolean(row.isSuperuser), permissions: new Set(permissions) };
  }
}
