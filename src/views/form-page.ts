// The add and change pages: a form of every editable field, validated by zod, saved through Prisma. A rejected form
// comes back with status 400, every typed value in place and each error beside its field.
import { preservedFilters, withPreserved } from './preserved-filters.ts';
import { recordActionsOf } from './actions-record.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { optionalJsonNulls } from '../data/json-nulls.ts';
import { mapPrismaError } from '../data/prisma-errors.ts';
import { readReferenced, writeSharedKeys } from '../data/shared-key-writes.ts';
import { decodeRecordId, encodeRecordId, recordWhere } from '../data/record-id.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { recordVersion } from '../data/record-version.ts';
import { formValuesFromRecord, initialFormValues, parseForm } from '../forms/index.ts';
import { parsePasswordFields, parseSecretFields } from '../forms/password-fields.ts';
import { hashSummary, secretSummary } from '../forms/password-hashers.ts';
import { isToOneSelfRelation, selfRelationErrors } from '../forms/self-relation.ts';
import { FORM_TIME_ZONE, type FormField, type SubmittedForm } from '../forms/types.ts';
import { modelLabel, modelLabelPlural } from '../schema/lookup.ts';
import { delegateIn, delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { diffRecords } from '../audit/diff.ts';
import { inlineChangesOf } from '../audit/audit-log.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import { formText, readForm } from '../http/form-body.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { readOnlyText } from './readonly-text.ts';
import { recordLabel } from './record-label.ts';
import { relationWidget } from './relation-choices.ts';
import { checkInlineRelationChoices, relationChoiceErrors } from './relation-validation.ts';
import { formFieldsOf, formGroupsOf, prepopulatedInputs } from './form-layout.ts';
import { inlineFormsetsFor, initialInlineStates, InlineSaveError, loadInlineRows, parseInlines, saveInlines, showInlineSaveError, type InlineState } from './inlines.ts';
import { inlineErrorCount, inlineViews } from './inline-views.ts';
import { saveInOneTransaction } from './save-transaction.ts';
import { afterSave } from './after-save.ts';
import { isPopup, relatedLinks, withPopup } from './related-popup.ts';
import { viewOnSiteUrl } from './view-on-site.ts';
import { asNewSubmission } from './save-as-new.ts';
import { CONFLICT_MESSAGE, ConcurrentChangeError, lockAndCheckVersions } from './version-check.ts';
import { endSessionsAfterUserSave } from './user-sessions.ts';
import { relationIncludes, relationLabeller } from './form-relations.ts';
import { deleteReplacedFiles, fileSizeLimits, isFileField, readFileFields, saveWithFiles } from './file-uploads.ts';
import { fileThumbnailUrl } from './file-cells.ts';

type RecordRequest = FastifyRequest<{ Params: { model: string; id?: string } }>;
type Values = Record<string, string | string[]>;

export async function addView(ctx: AdminContext, request: RecordRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  if (admin.model.isView) return badRequest(ctx, request, reply, 'Records cannot be added to a database view.');
  const fields = formFieldsOf(ctx, admin, request, 'add');
  const formsets = inlineFormsetsFor(ctx, admin, request);
  if (request.method === 'GET') return renderForm(ctx, request, reply, admin, { fields, values: initialFormValues(admin.model, fields), errors: {}, inlines: initialInlineStates(ctx, formsets, []) });
  return saveNew(ctx, request, reply, admin, await readForm(request, { fileSizeFor: fileSizeLimits(admin) }));
}

/** An add form's save; also "Save as new" on a change form, whose values (without the inline rows' ids) it gets. */
async function saveNew(ctx: AdminContext, request: RecordRequest, reply: FastifyReply, admin: ResolvedModelAdmin, submitted: SubmittedForm) {
  const fields = formFieldsOf(ctx, admin, request, 'add');
  const formsets = inlineFormsetsFor(ctx, admin, request);
  const parsed = await parseSubmitted(ctx, request, admin, fields, submitted, 'add');
  const inlines = parseInlines(ctx, formsets, [], submitted);
  inlines.errorCount += await checkInlineRelationChoices(ctx, request, inlines);
  const again = (errors: Record<string, string>) =>
    renderForm(ctx, request, reply, admin, { fields, values: submittedValues(fields, submitted), errors, inlines: inlines.states, status: 400 });
  if (!parsed.ok || inlines.errorCount) return again(parsed.ok ? {} : parsed.errors);
  try {
    // The parent first, so that the inline rows can connect to it; all in one transaction.
    const { record: created } = await saveWithFiles(parsed.files.pending, request.log, () => saveInOneTransaction(ctx, request, admin, inlines.ops.length > 0,
      async (client) => {
        const record = await admin.admin.saveModel(client, { data: parsed.data, mode: 'add', request });
        return { record, inlineLog: await saveInlines(ctx, client, inlines.ops, admin.model, record) };
      },
      ({ record, inlineLog }) => [{ action: 'add', record, label: recordLabel(admin, record) }, ...inlineLog]));
    return afterSave(ctx, request, reply, admin, created, submitted, 'added');
  } catch (error) {
    if (error instanceof InlineSaveError) {
      showInlineSaveError(error);
      return again({});
    }
    const mapped = mapPrismaError(admin.model, error);
    if (!mapped) throw error;
    return again(mapped.errors);
  }
}

export async function changeView(ctx: AdminContext, request: RecordRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const where = decodeRecordId(ctx.schema, admin.model, request.params.id ?? '');
  if (!where) return notFound(ctx, request, reply, `No ${modelLabel(admin.model).toLowerCase()} has the id “${request.params.id}”.`);
  const delegate = delegateOf(ctx, admin);
  const record = await delegate.findFirst({ where: scopedWhere(admin, request, recordWhere(ctx.schema, admin.model, request.params.id ?? '')!), include: relationIncludes(ctx, admin, formFieldsOf(ctx, admin, request, 'change')) });
  if (!record) return notFound(ctx, request, reply, `No ${modelLabel(admin.model).toLowerCase()} has the id “${request.params.id}”. Perhaps it was deleted?`);
  if (!admin.admin.hasChangePermission(request, record)) {
    // Someone who may only view the record sees its detail page instead.
    if (request.method === 'GET' && admin.admin.hasViewPermission(request, record)) return reply.redirect(urlsOf(ctx).recordById(admin, request.params.id!), 303);
    return forbidden(ctx, request, reply);
  }
  const fields = formFieldsOf(ctx, admin, request, 'change', record);
  const formsets = inlineFormsetsFor(ctx, admin, request, record);
  const existing = await loadInlineRows(ctx, formsets, record);

  if (request.method === 'GET') {
    const jsonNulls = await optionalJsonNulls(delegate, admin.model, where, record, fields.map((f) => f.name));
    const values = formValuesFromRecord(ctx.schema, admin.model, fields, record, { jsonNulls });
    for (const f of fields) if (f.widget === 'password' || f.widget === 'secret') delete values[f.name];
    return renderForm(ctx, request, reply, admin, { fields, values, errors: {}, record, inlines: initialInlineStates(ctx, formsets, existing) });
  }
  if (admin.model.isView) return badRequest(ctx, request, reply, 'Records of a database view cannot be changed.');
  const submitted = await readForm(request, { fileSizeFor: fileSizeLimits(admin) });
  // Like Django's save_as: the change form's values make a new record, which takes the add permission.
  if ('_saveasnew' in submitted && admin.admin.saveAs) return admin.admin.hasAddPermission(request) ? saveNew(ctx, request, reply, admin, asNewSubmission(admin, submitted)) : forbidden(ctx, request, reply);
  const parsed = await parseSubmitted(ctx, request, admin, fields, submitted, 'change', record);
  const inlines = parseInlines(ctx, formsets, existing, submitted);
  inlines.errorCount += await checkInlineRelationChoices(ctx, request, inlines);
  const again = (errors: Record<string, string>, status = 400) =>
    renderForm(ctx, request, reply, admin, { fields, values: submittedValues(fields, submitted), errors, record, inlines: inlines.states, status });
  if (!parsed.ok || inlines.errorCount) return again(parsed.ok ? {} : parsed.errors);
  const version = formText(submitted, VERSION_FIELD);
  // A stale version is answered at once; the check that counts runs again inside the save's transaction, with the row
  // locked (version-check.ts), so that two saves of one version cannot both pass it.
  const conflict = (current: Record<string, unknown>) =>
    renderForm(ctx, request, reply, admin, { fields, values: submittedValues(fields, submitted), errors: { __all__: CONFLICT_MESSAGE }, record: current, inlines: inlines.states, conflict: true, status: 409 });
  // Forms from this admin always carry the version; a client that sends none opts out of the check.
  if (version !== undefined && version !== recordVersion(admin.model, record)) return conflict(record);
  try {
    const include = relationIncludes(ctx, admin, fields);
    const key = recordWhere(ctx.schema, admin.model, request.params.id ?? '')!;
    const { record: updated } = await saveWithFiles(parsed.files.pending, request.log, () => saveInOneTransaction(ctx, request, admin, inlines.ops.length > 0 || version !== undefined,
      async (client) => {
        if (version !== undefined) await lockAndCheckVersions(ctx, client, admin.model, [{ key, version }], include);
        let after = await admin.admin.saveModel(client, { data: parsed.data, mode: 'change', where, request, record, include });
        // A saveModel of the user's own may return the record without its relations: read them for the audit log.
        if (include && Object.keys(include).some((name) => !(name in after))) after = (await delegateIn(client, admin.model.name).findUnique({ where, include })) ?? after;
        await endSessionsAfterUserSave(ctx, request, client, admin.model, record, after);
        return { record: after, inlineLog: await saveInlines(ctx, client, inlines.ops, admin.model, after) };
      },
      ({ record: after, inlineLog }) => [
        {
          action: 'change', record: after, label: recordLabel(admin, after),
          changes: diffRecords(admin.model, fields, record, after, relationLabeller(ctx, admin)),
          inlines: inlineChangesOf(inlineLog, modelLabel),
        },
        ...inlineLog,
      ]));
    await deleteReplacedFiles(admin, record, parsed.files.data, request.log);
    return afterSave(ctx, request, reply, admin, updated, submitted, 'changed');
  } catch (error) {
    if (error instanceof ConcurrentChangeError) {
      if (!error.current) return notFound(ctx, request, reply, `The ${modelLabel(admin.model).toLowerCase()} “${request.params.id}” was deleted by someone else after you opened this form.`);
      return conflict(error.current);
    }
    if (error instanceof InlineSaveError) {
      showInlineSaveError(error);
      return again({}, error.conflict ? 409 : 400);
    }
    const mapped = mapPrismaError(admin.model, error);
    if (!mapped) throw error;
    return again(mapped.errors);
  }
}

interface FormState {
  fields: FormField[];
  values: Values;
  errors: Record<string, string>;
  record?: Record<string, unknown>;
  /** The record changed since the form was opened: show its current values beside the person's. */
  conflict?: boolean;
  /** The inlines' rows (existing, blank, or as submitted). */
  inlines?: InlineState[];
  status?: number;
}

/** The hidden input that carries the record's version (see record-version.ts). */
const VERSION_FIELD = '_version';

async function renderForm(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, state: FormState) {
  const urls = urlsOf(ctx);
  const { record } = state;
  const id = record ? encodeRecordId(admin.model, record) : null;
  const widgets = await Promise.all(state.fields.map((f) => (f.widget === 'relation' || f.widget === 'relation-multiple') && !f.readOnly
    ? relationWidget(ctx, request, { owner: admin.admin, source: admin }, f, asList(state.values[f.name]), { autocomplete: admin.form.autocomplete.includes(f.name), exclude: id !== null && isToOneSelfRelation(admin.model, f.name) ? id : undefined, known: record?.[f.name] })
    : Promise.resolve(null)));
  const prepopulated = prepopulatedInputs(admin, state.fields, record ? 'change' : 'add');
  const popup = isPopup(request);
  // Secrets are shown as a summary (a password hash: its algorithm and a few characters; a token: its length).
  const shownText = (name: string, shown: Record<string, unknown>) => {
    if (!admin.secretFields.has(name)) return readOnlyText(ctx, admin, admin.model.fields.find((m) => m.name === name)!, shown[name]);
    return (admin.admin.passwordFields ?? []).includes(name) ? hashSummary(shown[name]) : secretSummary(shown[name]);
  };
  const fields = state.fields.map((field, i) => {
    const value = state.values[field.name] ?? '';
    return {
      ...field,
      inputId: `id_${field.name}`,
      value,
      values: asList(value),
      error: state.errors[field.name] ?? null,
      relation: widgets[i],
      readOnlyText: field.readOnly && record ? shownText(field.name, record) : null,
      currentText: state.conflict && record && !field.readOnly ? shownText(field.name, record) : null,
      secretSummary: admin.secretFields.has(field.name) && record ? shownText(field.name, record) : null,
      secretClearable: field.widget === 'secret' && record?.[field.name] != null && admin.model.fields.find((m) => m.name === field.name)?.isRequired === false,
      downloadUrl: field.widget === 'file' && id && record?.[field.name] ? urls.download(admin, id, field.name) : null,
      thumbnailUrl: field.widget === 'file' && id && record ? fileThumbnailUrl(urls, admin, id, field.name, record[field.name]) : null,
      prepopulateFrom: prepopulated.get(field.name) ?? null,
      markdownPreviewUrl: admin.markdownFields.has(field.name) && !field.readOnly ? urls.markdownPreview(admin) : null,
      related: relatedLinks(ctx, request, field, asList(value)),
    };
  });
  const byName = new Map(fields.map((f) => [f.name, f] as const));
  const groups = formGroupsOf(admin, state.fields).map((group) => {
    const members = group.fields.map((name) => byName.get(name)!);
    return { ...group, fields: members, lines: group.lines.map((line) => line.map((name) => byName.get(name)!)), hasError: members.some((f) => f.error !== null) };
  });
  const inlines = await inlineViews(ctx, state.inlines ?? [], request);
  const fieldNames = new Set(state.fields.map((f) => f.name));
  const otherErrors = Object.entries(state.errors).filter(([name]) => !fieldNames.has(name)).map(([, message]) => message);
  const label = modelLabel(admin.model);
  const title = record ? `Change ${label.toLowerCase()}` : `Add ${label.toLowerCase()}`;
  const recordName = record ? recordLabel(admin, record) : null;
  const preserved = preservedFilters(admin, request);
  return renderPage(ctx, request, reply, 'change_form', {
    fields,
    groups,
    inlines,
    errorCount: Object.keys(state.errors).length + inlineErrorCount(state.inlines ?? []),
    otherErrors,
    multipart: state.fields.some((f) => f.widget === 'file' && !f.readOnly) || inlines.some((inline) => inline.multipart),
    timeZone: FORM_TIME_ZONE,
    version: record ? recordVersion(admin.model, record) : null,
    recordName,
    isView: admin.model.isView,
    action: popup ? withPopup(record ? urls.recordById(admin, id!, 'change') : urls.add(admin)) : withPreserved(record ? urls.recordById(admin, id!, 'change') : urls.add(admin), preserved),
    popup, saveOnTop: admin.admin.saveOnTop, recordActions: popup ? null : recordActionsOf(ctx, admin, request, record),
    saveAs: record !== undefined && admin.admin.saveAs && !popup && admin.admin.hasAddPermission(request),
    canView: !popup && admin.admin.hasViewPermission(request, record),
    viewOnSiteUrl: record && !popup ? viewOnSiteUrl(admin, record) : null,
    detailUrl: record ? urls.recordById(admin, id!) : null,
    deleteUrl: record && !popup && !admin.model.isView && admin.admin.hasDeletePermission(request, record) ? withPreserved(urls.recordById(admin, id!, 'delete'), preserved) : null,
    canAddAnother: !popup && admin.admin.hasAddPermission(request),
    permissionsUrl: record && admin.model.name === 'AdminUser' && ctx.auth.kind === 'database' ? `${urls.recordById(admin, id!)}permissions` : null,
  }, {
    title,
    status: state.status,
    model: admin,
    popup,
    breadcrumbs: popup ? [] : [
      { label: 'Home', url: urls.index() },
      { label: modelLabelPlural(admin.model), url: urls.list(admin, preserved) },
      { label: recordName ?? title },
    ],
  });
}

/** parseForm for ordinary fields, plus hashing of password fields; relations sharing key columns become columns. */
async function parseSubmitted(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, fields: FormField[], submitted: SubmittedForm, mode: 'add' | 'change', record?: Record<string, unknown>) {
  const parsed = parseForm(ctx.schema, admin.model, fields.filter((f) => f.widget !== 'password' && f.widget !== 'secret' && !isFileField(admin, f)), submitted, mode);
  const files = await readFileFields(admin, fields, submitted, mode);
  const passwords = await parsePasswordFields(fields, submitted, mode, formText(submitted, 'username'), admin.passwordHasher);
  const secrets = parseSecretFields(ctx.schema, admin.model, fields, submitted, mode);
  const unavailable = await relationChoiceErrors(ctx, request, admin.admin, fields, submitted);
  const errors = { ...unavailable, ...(parsed.ok ? {} : parsed.errors), ...passwords.errors, ...secrets.errors, ...files.errors };
  if (!parsed.ok || Object.keys(errors).length) return { ok: false as const, errors };
  const selfErrors = record ? selfRelationErrors(admin.model, fields, submitted, encodeRecordId(admin.model, record)) : {};
  if (Object.keys(selfErrors).length) return { ok: false as const, errors: selfErrors };
  const keyed = await writeSharedKeys(ctx.schema, admin.model, parsed.data, record, readReferenced(ctx));
  if (!keyed.ok) return keyed;
  return { ok: true as const, data: { ...keyed.data, ...passwords.data, ...secrets.data, ...files.data }, files };
}

/** The strings the person sent, to put back in the inputs (never the uploaded bytes, never passwords). */
function submittedValues(fields: FormField[], submitted: SubmittedForm): Values {
  const values: Values = {};
  for (const field of fields) {
    if (field.widget === 'password' || field.widget === 'secret') continue;
    const value = submitted[field.name];
    if (typeof value === 'string' || Array.isArray(value)) values[field.name] = value;
  }
  return values;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
