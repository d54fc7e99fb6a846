// Jobs of a SQLite database, kept in a second SQLite file beside it (`<database>.admin-jobs`). SQLite has one writer:
// while a run's transaction is open, a write to the database from another connection waits for its commit, and the
// Prisma adapter's one connection would even make such a write part of the run (and roll it back with it). A file of
// its own has its own lock, so each progress write commits at once while the run goes on, and every process that
// opens the database (`serve --workers N`: they share its folder) reads the same jobs. WAL: readers never wait.
import type BetterSqlite3 from 'better-sqlite3';
import { KEEP_JOBS_MS, STALE_AFTER_MS, type JobOutcome, type JobRecord, type JobStore, type NewJob } from './job-store.ts';

type Database = BetterSqlite3.Database;

const TABLE = `CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, model TEXT NOT NULL, userId TEXT NOT NULL, status TEXT NOT NULL,
  done INTEGER NOT NULL, total INTEGER NOT NULL, message TEXT NOT NULL, level TEXT, backUrl TEXT NOT NULL,
  createdAt INTEGER NOT NULL, updatedAt INTEGER NOT NULL)`;

interface StoredRow extends Omit<JobRecord, 'createdAt' | 'updatedAt'> {
  createdAt: number;
  updatedAt: number;
}

/** The side file of the database file `databaseFile`. */
export function sideFileOf(databaseFile: string): string {
  return `${databaseFile}.admin-jobs`;
}

export class SqliteSideJobStore implements JobStore {
  private constructor(private readonly db: Database) {}

  static open(DatabaseClass: typeof BetterSqlite3, file: string): SqliteSideJobStore {
    const db = new DatabaseClass(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.exec(TABLE);
    return new SqliteSideJobStore(db);
  }

  async start(job: NewJob): Promise<boolean> {
    const now = Date.now();
    this.db.prepare('DELETE FROM jobs WHERE createdAt < ?').run(now - KEEP_JOBS_MS);
    const inserted = this.db.prepare(`INSERT INTO jobs (id, kind, model, userId, status, done, total, message, level, backUrl, createdAt, updatedAt)
      VALUES (?, ?, ?, ?, 'running', 0, ?, ?, NULL, ?, ?, ?) ON CONFLICT (id) DO NOTHING`).run(job.id, job.kind, job.model, job.userId, job.total, job.message, job.backUrl, now, now);
    if (inserted.changes === 1) return true;
    const again = this.db.prepare(`UPDATE jobs SET status = 'running', done = 0, total = ?, message = ?, level = NULL, backUrl = ?, updatedAt = ?
      WHERE id = ? AND userId = ? AND (status = 'failed' OR (status = 'running' AND updatedAt < ?))`).run(job.total, job.message, job.backUrl, now, job.id, job.userId, now - STALE_AFTER_MS);
    return again.changes === 1;
  }

  async progress(id: string, done: number, update: { total?: number; message?: string } = {}): Promise<void> {
    this.db.prepare(`UPDATE jobs SET done = ?, total = COALESCE(?, total), message = COALESCE(?, message), updatedAt = ? WHERE id = ? AND status = 'running'`)
      .run(done, update.total ?? null, update.message ?? null, Date.now(), id);
  }

  async touch(id: string): Promise<void> {
    this.db.prepare(`UPDATE jobs SET updatedAt = ? WHERE id = ? AND status = 'running'`).run(Date.now(), id);
  }

  async finish(id: string, status: 'done' | 'failed', outcome: JobOutcome): Promise<void> {
    this.db.prepare('UPDATE jobs SET status = ?, level = ?, message = ?, backUrl = ?, updatedAt = ? WHERE id = ?').run(status, outcome.level, outcome.message, outcome.backUrl, Date.now(), id);
  }

  async find(id: string): Promise<JobRecord | null> {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as StoredRow | undefined;
    return row ? { ...row, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) } : null;
  }

  close(): void {
    this.db.close();
  }
}
