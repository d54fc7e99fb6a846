// Counters of login attempts in fixed windows, for the login rate limit (per client address) and the lockout (per
// username and client address). With the AdminLoginThrottle model the counts live in the database, so every instance
// sees them; without it (a schema from before the model, or the environment superuser) they live in this process.
import { createHash } from 'node:crypto';

export interface ThrottleCount {
  /** Attempts in the current window, this one included. */
  count: number;
  /** When the window ends (and the count starts again from zero). */
  resetAt: Date;
}

export interface LoginThrottle {
  /** Where the counts live: 'database' (shared by every instance) or 'process'. */
  readonly scope: 'database' | 'process';
  /** Counts one attempt under `key` in a window of `windowMs` that starts at the first attempt. */
  hit(key: string, windowMs: number): Promise<ThrottleCount>;
  /** Keeps the window of `key` open until `until` (a lock), whatever its count. */
  extend(key: string, until: Date): Promise<void>;
  /** Forgets `key` (a successful login). */
  clear(key: string): Promise<void>;
}

/** The stored key of some parts: a hash, so that usernames and addresses are not kept in clear. */
export function throttleKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

type Row = { key: string; count: number; resetAt: Date };
interface ThrottleDelegate {
  updateMany(args: object): Promise<{ count: number }>;
  findUnique(args: object): Promise<Row | null>;
  create(args: object): Promise<Row>;
  deleteMany(args: object): Promise<{ count: number }>;
}

/**
 * Counts in the AdminLoginThrottle table: an increment in one UPDATE, so simultaneous attempts on any instance all
 * count. A schema that has the model before the database has its table (not migrated yet) counts in memory meanwhile.
 */
export class DatabaseLoginThrottle implements LoginThrottle {
  readonly scope = 'database';
  private fallback: MemoryLoginThrottle | null = null;
  constructor(private readonly rows: ThrottleDelegate, private readonly warn: (message: string) => void = console.warn) {}

  hit(key: string, windowMs: number): Promise<ThrottleCount> {
    return this.guarded((t) => t.hit(key, windowMs), () => this.hitRow(key, windowMs));
  }

  extend(key: string, until: Date): Promise<void> {
    return this.guarded((t) => t.extend(key, until), async () => {
      await this.rows.updateMany({ where: { key }, data: { resetAt: until } });
    });
  }

  clear(key: string): Promise<void> {
    return this.guarded((t) => t.clear(key), async () => {
      await this.rows.deleteMany({ where: { key } });
    });
  }

  private async guarded<T>(inMemory: (t: MemoryLoginThrottle) => Promise<T>, inDatabase: () => Promise<T>): Promise<T> {
    if (this.fallback) return inMemory(this.fallback);
    try {
      return await inDatabase();
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2021') throw error;
      this.warn('prisma-admin-site: the AdminLoginThrottle table does not exist yet (run your migration): login attempts are counted in this process only.');
      this.fallback = new MemoryLoginThrottle();
      return inMemory(this.fallback);
    }
  }

  private async hitRow(key: string, windowMs: number): Promise<ThrottleCount> {
    for (let tries = 0; tries < 5; tries++) {
      const now = new Date();
      const live = await this.rows.updateMany({ where: { key, resetAt: { gt: now } }, data: { count: { increment: 1 } } });
      if (live.count > 0) {
        const row = await this.rows.findUnique({ where: { key } });
        if (row) return { count: row.count, resetAt: row.resetAt };
        continue; // cleaned up meanwhile: start again
      }
      const resetAt = new Date(now.getTime() + windowMs);
      // A stale window starts again; only one instance's UPDATE matches it, the others count in the new window.
      const restarted = await this.rows.updateMany({ where: { key, resetAt: { lte: now } }, data: { count: 1, resetAt } });
      if (restarted.count > 0) return { count: 1, resetAt };
      try {
        await this.rows.create({ data: { key, count: 1, resetAt } });
        // New keys are when the table grows: drop the stale rows then.
        await this.rows.deleteMany({ where: { resetAt: { lt: new Date(now.getTime() - 60_000) } } });
        return { count: 1, resetAt };
      } catch (error) {
        if ((error as { code?: string }).code !== 'P2002') throw error;
        // Another instance created it first: count in its window.
      }
    }
    throw new Error('Could not count a login attempt: the AdminLoginThrottle row kept changing.');
  }
}

/** Counts in this process's memory (at most `capacity` keys, the oldest dropped first). */
export class MemoryLoginThrottle implements LoginThrottle {
  readonly scope = 'process';
  private readonly counts = new Map<string, ThrottleCount>();
  constructor(private readonly capacity = 10_000) {}

  async hit(key: string, windowMs: number): Promise<ThrottleCount> {
    const now = Date.now();
    const current = this.counts.get(key);
    const next = current && current.resetAt.getTime() > now ? { count: current.count + 1, resetAt: current.resetAt } : { count: 1, resetAt: new Date(now + windowMs) };
    this.counts.delete(key);
    this.counts.set(key, next);
    if (this.counts.size > this.capacity) this.counts.delete(this.counts.keys().next().value!);
    return next;
  }

  async extend(key: string, until: Date): Promise<void> {
    const current = this.counts.get(key);
    if (current) current.resetAt = until;
  }

  async clear(key: string): Promise<void> {
    this.counts.delete(key);
  }
}
