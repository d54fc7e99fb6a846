// What a deletion takes with it, as the delete page and the deletion itself need it (Django's get_deleted_objects):
// the rows of every model the cascade reaches, whether the user may delete them, what blocks the deletion, and the
// audit log entries of the cascaded rows — one per row, or one summary per model above CASCADE_LOG_ROWS rows.
import { recordKeyFields } from '../schema/record-key.ts';
import type { FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { LogDetails } from '../audit/audit-log.ts';
import { keyChunks } from '../data/bound-values.ts';
import { deletionReach } from '../data/delete-cascade.ts';
import { modelLabelPlural } from '../schema/lookup.ts';
import type { ModelMeta } from '../schema/types.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { labelOf, recordLabel } from './record-label.ts';
import { labelSelect, relatedAdminOf } from './relation-choices.ts';

/** Above this many cascaded rows of one model, the log gets one entry for the model with the count. */
export const CASCADE_LOG_ROWS = 1000;

export interface ImpactLine {
  label: string;
  count: number;
}

export interface CascadeImpact {
  cascades: ImpactLine[];
  protectedBy: ImpactLine[];
  /** Models (plural labels) the cascade reaches whose rows the user may not delete: the deletion is refused. */
  permsNeeded: string[];
  /** The deletion entries of the cascaded rows, for the audit log (see loggedDeletions). */
  log: LogDetails[];
  /**
   * Each cascaded model's rows as counted, with their log entries (a summary's count is checked again after the
   * deletion). A model appears once per chunk of roots (cascadeImpactOfKeys).
   */
  reached: { model: ModelMeta; where: Record<string, unknown>; count: number; log: LogDetails[] }[];
}

/**
 * The impact of deleting the rows of `keys` (one where per root row), in chunks of roots each of whose queries the
 * dialect binds (bound-values.ts), added up.
 */
export async function cascadeImpactOfKeys(ctx: AdminContext, client: PrismaClientLike, request: FastifyRequest, root: ModelMeta, keys: Record<string, unknown>[]): Promise<CascadeImpact> {
  const total: CascadeImpact = { cascades: [], protectedBy: [], permsNeeded: [], log: [], reached: [] };
  const add = (into: ImpactLine[], lines: ImpactLine[]) => {
    for (const line of lines) {
      const same = into.find((l) => l.label === line.label);
      if (same) same.count += line.count;
      else into.push({ ...line });
    }
  };
  for (const chunk of keyChunks(ctx.schema.provider, keys, recordKeyFields(root).length)) {
    const impact = await cascadeImpact(ctx, client, request, root, { OR: chunk });
    add(total.cascades, impact.cascades);
    add(total.protectedBy, impact.protectedBy);
    total.permsNeeded.push(...impact.permsNeeded.filter((label) => !total.permsNeeded.includes(label)));
    total.log.push(...impact.log);
    total.reached.push(...impact.reached);
  }
  return total;
}

/** Reads the impact of deleting the rows of `rootWhere` through `client` (the deletion's transaction on a POST). */
export async function cascadeImpact(ctx: AdminContext, client: PrismaClientLike, request: FastifyRequest, root: ModelMeta, rootWhere: Record<string, unknown>): Promise<CascadeImpact> {
  const reach = deletionReach(ctx.schema, root, rootWhere);
  const impact: CascadeImpact = { cascades: [], protectedBy: [], permsNeeded: [], log: [], reached: [] };
  for (const { model, where } of reach.protecting) {
    const count = await delegateIn(client, model.name).count({ where });
    if (count > 0) impact.protectedBy.push({ label: modelLabelPlural(model), count });
  }
  for (const { model, where } of reach.cascaded) {
    const delegate = delegateIn(client, model.name);
    const count = await delegate.count({ where });
    if (count === 0) continue;
    const label = modelLabelPlural(model);
    impact.cascades.push({ label, count });
    const reached = { model, where, count, log: [] as LogDetails[] };
    impact.reached.push(reached);
    const admin = relatedAdminOf(ctx, model.name);
    const rows = count <= CASCADE_LOG_ROWS ? await delegate.findMany({ where, select: admin ? labelSelect(admin) : keySelect(model), take: CASCADE_LOG_ROWS }) : [];
    // As Django: rows of a model that has an admin need its delete permission (each row's, when they are few enough to
    // ask one by one); models without an admin are the database's business.
    if (admin && !(rows.length ? rows.every((row) => admin.admin.hasDeletePermission(request, row)) : admin.admin.hasDeletePermission(request))) {
      impact.permsNeeded.push(label);
    }
    if (rows.length) {
      for (const row of rows) reached.log.push({ action: 'delete', model, record: row, label: labelOfRow(admin, model, row), cascade: true });
    } else {
      reached.log.push({ action: 'delete', model, record: {}, objectId: '', label: `${count.toLocaleString('en-US')} ${label.toLowerCase()}`, cascade: true, count });
    }
    impact.log.push(...reached.log);
  }
  return impact;
}

/**
 * After the deletion, in its transaction: the entries of the rows that are really gone. A deleteModel of the user's
 * own may archive instead of deleting, and then nothing cascaded; a summary entry counts the rows that went.
 */
export async function loggedDeletions(ctx: AdminContext, client: PrismaClientLike, impact: CascadeImpact): Promise<LogDetails[]> {
  const kept: LogDetails[] = [];
  for (const { model, where, count, log: entries } of impact.reached) {
    const summary = entries.find((e) => e.count !== undefined);
    if (summary) {
      const gone = count - (await delegateIn(client, model.name).count({ where }));
      if (gone > 0) kept.push({ ...summary, count: gone, label: `${gone.toLocaleString('en-US')} ${modelLabelPlural(model).toLowerCase()}` });
      continue;
    }
    const left = new Set<string>();
    for (const keys of keyChunks(ctx.schema.provider, entries.map((e) => keyOf(model, e.record)), recordKeyFields(model).length)) {
      for (const row of await delegateIn(client, model.name).findMany({ where: { OR: keys }, select: keySelect(model) })) left.add(JSON.stringify(keyOf(model, row), bigints));
    }
    kept.push(...entries.filter((e) => !left.has(JSON.stringify(keyOf(model, e.record), bigints))));
  }
  return kept;
}

function keyOf(model: ModelMeta, row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(recordKeyFields(model).map((f) => [f, row[f]]));
}

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}

function keySelect(model: ModelMeta): Record<string, true> {
  return Object.fromEntries(recordKeyFields(model).map((f) => [f, true]));
}

function labelOfRow(admin: ResolvedModelAdmin | undefined, model: ModelMeta, row: Record<string, unknown>): string {
  return admin ? recordLabel(admin, row) : labelOf(model, undefined, row);
}
