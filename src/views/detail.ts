// The detail page: every field of one record, related records by their labels with links, Bytes as a download.
import { recordActionsOf } from './actions-record.ts';
import { fileFieldHtml } from './file-cells.ts';
import { hashSummary, secretSummary } from '../forms/password-hashers.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { filterParamNames } from '../data/list-params.ts';
import { encodeKey, encodeRecordId, recordWhere } from '../data/record-id.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { modelLabel, modelLabelPlural } from '../schema/lookup.ts';
import type { RelationFieldMeta } from '../schema/types.ts';
import { delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { badgeOf, displayValue } from './display.ts';
import { renderMarkdown } from '../markup/markdown.ts';
import type { BadgeColour } from '../admin/badge-colours.ts';
import { recordLabel } from './record-label.ts';
import { viewOnSiteUrl } from './view-on-site.ts';
import { labelSelect, relatedAdminOf } from './relation-choices.ts';

type RecordRequest = FastifyRequest<{ Params: { model: string; id: string } }>;

interface DetailRow {
  label: string;
  help: string | null;
  text: string;
  boolean?: boolean | null;
  empty: boolean;
  multiline: boolean;
  downloadUrl: string | null;
  links: { label: string; url: string }[] | null;
  more: { count: number; url: string | null } | null;
  /** Markdown fields: the rendered, sanitized HTML. */
  html?: string;
  /** `badges`: the colour of the value's badge. */
  badge?: BadgeColour;
}

/** Related lists on the detail page show at most this many records, then link to the filtered list. */
const RELATED_PREVIEW = 10;

export async function detailView(ctx: AdminContext, request: RecordRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const where = recordWhere(ctx.schema, admin.model, request.params.id);
  const missing = () => notFound(ctx, request, reply, `No ${modelLabel(admin.model).toLowerCase()} has the id “${request.params.id}”.`);
  if (!where) return missing();
  const relations = admin.model.fields.filter((f): f is RelationFieldMeta => f.kind === 'relation');
  const include: Record<string, unknown> = {};
  const countable: string[] = [];
  const counted: Record<string, unknown> = {};
  for (const rel of relations) {
    const related = relatedAdminOf(ctx, rel.type);
    if (!related) continue;
    // Related records outside the related admin's getQueryset do not exist for this request.
    const scope = related.admin.getQueryset(request);
    include[rel.name] = rel.cardinality === 'one'
      ? { select: labelSelect(related) }
      : { select: labelSelect(related), take: RELATED_PREVIEW, ...(scope ? { where: scope } : {}) };
    if (rel.cardinality === 'many') counted[rel.name] = scope ? { where: scope } : true;
  }
  if (Object.keys(counted).length) include._count = { select: counted };
  const record = await delegateOf(ctx, admin).findFirst({ where: scopedWhere(admin, request, where), include });
  if (!record) return missing();
  if (!admin.admin.hasViewPermission(request, record)) return forbidden(ctx, request, reply);
  await hideOutOfScopeToOne(ctx, request, relations, record);

  const urls = urlsOf(ctx);
  const id = request.params.id;
  const counts = (record._count ?? {}) as Record<string, number>;
  const passwords = new Set(admin.admin.passwordFields ?? []);
  const rows = admin.model.fields.flatMap((field): DetailRow[] => {
    if (field.kind === 'unsupported') return [];
    if (admin.secretFields.has(field.name)) {
      // A summary, never the secret: a hash's algorithm and a few characters, another secret's length.
      const text = passwords.has(field.name) ? hashSummary(record[field.name]) : secretSummary(record[field.name]);
      return [{ label: admin.labelFor(field.name), help: field.documentation, text: text || admin.emptyValueDisplay, empty: !text, multiline: false, downloadUrl: null, links: null, more: null }];
    }
    if (field.kind !== 'relation') {
      const isJson = field.kind === 'scalar' && field.type === 'Json';
      const shown = isJson && record[field.name] != null
        ? { text: JSON.stringify(record[field.name], null, 2), empty: false }
        : displayValue(field, record[field.name], admin.emptyValueDisplay);
      const isBytes = field.kind === 'scalar' && field.type === 'Bytes' && record[field.name] != null;
      const value = record[field.name];
      const file = admin.fileFields.has(field.name) ? fileFieldHtml(urls, admin, id, field.name, value, admin.labelFor(field.name)) : null;
      const rich = file ? { html: file.toString() } : admin.markdownFields.has(field.name) && typeof value === 'string' && value !== ''
        ? { html: renderMarkdown(value).toString() }
        : shown.empty ? {} : { badge: badgeOf(admin, field.name, value) };
      return [{ label: admin.labelFor(field.name), help: field.documentation, ...shown, ...rich, multiline: isJson, downloadUrl: isBytes ? urls.download(admin, id, field.name) : null, links: null, more: null }];
    }
    const related = relatedAdminOf(ctx, field.type);
    if (!related || !related.admin.hasViewPermission(request)) return [];
    const value = record[field.name];
    const records = (Array.isArray(value) ? value : value ? [value] : []) as Record<string, unknown>[];
    const links = records.map((r) => ({ label: recordLabel(related, r), url: urls.record(related, r) }));
    const total = field.cardinality === 'many' ? counts[field.name] ?? links.length : links.length;
    return [{
      label: admin.labelFor(field.name),
      help: field.documentation,
      text: links.length ? '' : admin.emptyValueDisplay,
      empty: links.length === 0,
      multiline: false,
      downloadUrl: null,
      links,
      more: total > links.length ? { count: total, url: relatedListUrl(ctx, admin, field, record) } : null,
    }];
  });

  const label = recordLabel(admin, record);
  return renderPage(ctx, request, reply, 'detail', {
    rows,
    changeUrl: !admin.model.isView && admin.admin.hasChangePermission(request, record) ? urls.recordById(admin, id, 'change') : null,
    deleteUrl: !admin.model.isView && admin.admin.hasDeletePermission(request, record) ? urls.recordById(admin, id, 'delete') : null,
    historyUrl: ctx.auditLog ? urls.recordById(admin, id, 'history') : null,
    viewOnSiteUrl: viewOnSiteUrl(admin, record),
    recordActions: recordActionsOf(ctx, admin, request, record),
  }, {
    title: label,
    model: admin,
    breadcrumbs: [{ label: 'Home', url: urls.index() }, { label: modelLabelPlural(admin.model), url: urls.list(admin) }, { label }],
  });
}

/** A to-one related record outside its admin's getQueryset is left out (Prisma cannot filter a to-one include). */
async function hideOutOfScopeToOne(ctx: AdminContext, request: FastifyRequest, relations: RelationFieldMeta[], record: Record<string, unknown>) {
  for (const rel of relations) {
    if (rel.cardinality !== 'one' || !record[rel.name]) continue;
    const related = relatedAdminOf(ctx, rel.type);
    const scope = related?.admin.getQueryset(request);
    if (!related || !scope) continue;
    const key = recordWhere(ctx.schema, related.model, encodeRecordId(related.model, record[rel.name] as Record<string, unknown>));
    const visible = key && await delegateOf(ctx, related).findFirst({ where: { AND: [key, scope] }, select: labelSelect(related) });
    if (!visible) record[rel.name] = null;
  }
}

/** The related model's list, filtered to this record, when that list has a filter on the opposite relation. */
function relatedListUrl(ctx: AdminContext, admin: ResolvedModelAdmin, field: RelationFieldMeta, record: Record<string, unknown>): string | null {
  const related = relatedAdminOf(ctx, field.type);
  const filter = related?.filters.find((f) => f.kind === 'relation' && f.field.relationName === field.relationName && f.related === admin.model);
  if (!related || !filter || filter.kind !== 'relation') return null;
  return urlsOf(ctx).list(related, new URLSearchParams({ [filterParamNames(filter)[0]]: encodeKey(filter.field.toFields, record) }).toString());
}

export async function downloadView(ctx: AdminContext, request: FastifyRequest<{ Params: { model: string; id: string; field: string } }>, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const where = recordWhere(ctx.schema, admin.model, request.params.id);
  const field = admin.model.fields.find((f) => f.name === request.params.field);
  if (!where || !field || field.kind !== 'scalar' || field.type !== 'Bytes' || field.isList) {
    return notFound(ctx, request, reply, 'There is no such file.');
  }
  const record = await delegateOf(ctx, admin).findFirst({ where: scopedWhere(admin, request, where), select: { [field.name]: true } });
  if (record && !admin.admin.hasViewPermission(request, record)) return forbidden(ctx, request, reply);
  const data = record?.[field.name] as Uint8Array | null | undefined;
  if (!data) return notFound(ctx, request, reply, 'There is no such file.');
  const filename = `${admin.model.name}-${request.params.id}-${field.name}.bin`.replace(/[^\w.-]+/g, '_');
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(data));
}
