// Users, permissions and sessions in the user's own database, through the admin's models (admin-models.prisma).
// Sessions are rows: any instance behind a load balancer can check them, and logout ends them everywhere.
import { createHash, randomBytes } from 'node:crypto';
import type { AdminUser, AuthBackend, LoginResult } from './types.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { runSessionLookup, type SessionLookup } from './session-lookup.ts';
import { RawOrPrisma } from '../data/raw-or-prisma.ts';

/** Failed logins in a row before an account is locked, and for how long. */
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

// A hash to compare against when the username does not exist, so both cases take the same time.
const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The one-query session check (session-lookup.ts): per backend, Prisma's three queries once it fails. */
const sessionJoin = new RawOrPrisma('the session JOIN');

export class DatabaseAuthBackend implements AuthBackend {
  readonly kind = 'database';
  /** `lookup`: the one-query session check for this schema (session-lookup.ts); without it, three Prisma queries. */
  constructor(private readonly prisma: AdminModelsClient, private readonly lookup: SessionLookup | null = null) {}

  async authenticate(username: string, password: string): Promise<LoginResult> {
    const row = await this.prisma.adminUser.findUnique({ where: { username } });
    if (!row || !row.isActive) {
      await verifyPassword(password, await DUMMY_HASH);
      return { ok: false, reason: 'invalid' };
    }
    const lockedUntil = row.lockedUntil as Date | null;
    if (lockedUntil && lockedUntil.getTime() > Date.now()) {
      return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((lockedUntil.getTime() - Date.now()) / 1000) };
    }
    // Count the attempt before checking it, atomically: simultaneous guesses each count, and beyond the limit they
    // are refused without being checked.
    await this.prisma.adminUser.updateMany({ where: { id: row.id }, data: { failedLogins: { increment: 1 } } });
    const attempt = Number((await this.prisma.adminUser.findUnique({ where: { id: row.id } }))?.failedLogins ?? 1);
    const lock = async () => {
      await this.prisma.adminUser.update({ where: { id: row.id }, data: { failedLogins: 0, lockedUntil: new Date(Date.now() + LOCK_SECONDS * 1000) } });
      return { ok: false as const, reason: 'locked' as const, retryAfterSeconds: LOCK_SECONDS };
    };
    if (attempt > MAX_FAILED_LOGINS) return lock();
    if (!(await verifyPassword(password, String(row.passwordHash)))) {
      return attempt >= MAX_FAILED_LOGINS ? lock() : { ok: false, reason: 'invalid' };
    }
    await this.prisma.adminUser.update({ where: { id: row.id }, data: { failedLogins: 0, lockedUntil: null, lastLogin: new Date() } });
    return { ok: true, user: (await this.loadUser(row.id as number))! };
  }

  async startSession(user: AdminUser, maxAgeSeconds: number): Promise<string> {
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
    await this.prisma.adminSession.deleteMany({ where: { tokenHash: tokenHash(token) } });
  }

  async changePassword(user: AdminUser, oldPassword: string, newPassword: string, keepSession?: string) {
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
