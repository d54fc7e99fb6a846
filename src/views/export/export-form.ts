// What the list page shows of Export: the form (format, columns, options) carrying the list's query, and the
// "Export selected" entry of the action menu.
import type { FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../../admin/resolve-model-admin.ts';
import { hasRecordPages } from '../../admin/read-only.ts';
import { modelLabelPlural } from '../../schema/lookup.ts';
import type { QueryValues } from '../query-string.ts';
import { EXPORT_SELECTED } from './export-view.ts';
import { EXPORT_FORMATS } from './writers.ts';

export interface ExportForm {
  url: string;
  /** The list's query (search, filters, drill-down, order), as hidden inputs. */
  hidden: { name: string; value: string }[];
  formats: { value: string; label: string }[];
  /** The model has Bytes fields: offer writing them as base64. */
  hasBytes: boolean;
}

export function exportFormFor(admin: ResolvedModelAdmin, request: FastifyRequest, listUrl: string, base: QueryValues): ExportForm | null {
  if (!admin.admin.hasExportPermission(request)) return null;
  return {
    url: `${listUrl}export`,
    hidden: Object.entries(base).filter(([name]) => name !== 'page').map(([name, value]) => ({ name, value })),
    formats: Object.entries(EXPORT_FORMATS).map(([value, f]) => ({ value, label: f.label })),
    hasBytes: admin.model.fields.some((f) => f.kind === 'scalar' && f.type === 'Bytes'),
  };
}

type MenuAction = { name: string; label: string };

/**
 * The action menu with "Export selected" (CSV) added where the user may export. As in Django's admin, a user who may
 * run no action of the model (view only) gets no menu and no row checkboxes: they export through the Export menu.
 */
export function withExportSelected(admin: ResolvedModelAdmin, request: FastifyRequest, actions: MenuAction[]): MenuAction[] {
  if (actions.length === 0 || !hasRecordPages(admin.model) || !admin.admin.hasExportPermission(request)) return actions;
  return [...actions, { name: EXPORT_SELECTED, label: `Export selected ${modelLabelPlural(admin.model).toLowerCase()} (CSV)` }];
}
