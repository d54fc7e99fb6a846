// The round-trip invariant over the schema corpus (test/fixtures/corpus), on SQLite, PostgreSQL and MariaDB where the
// schema fits: for every record of every writable model, the change form submitted unchanged answers success and
// changes no column (the table read with raw SQL before and after); and the add form filled with an existing
// record's values (its unique values altered, its secrets typed anew) creates a record equal to it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { parseSchemaFiles } from '../../src/index.ts';
import { modelUrlName } from '../../src/schema/lookup.ts';
import { readOnlyReason } from '../../src/admin/read-only.ts';
import { isSecretField } from '../../src/admin/secret-fields.ts';
import type { ModelMeta, RelationFieldMeta, ValueFieldMeta } from '../../src/schema/types.ts';
import { providerOfSchema, withProvider } from '../../scripts/db/apply-schema.ts';
import { availableProviders, corpusSchemas, startCorpusApp, type CorpusApp } from '../support/corpus-app.ts';
import { listLinks, tableRows } from '../support/corpus-pages.ts';
import { corpusTodo } from '../support/corpus-todo.ts';
import { fieldError, formFields, mainOf, messagesOf, textOf } from '../support/html.ts';

const up = await availableProviders();

type Form = Record<string, string | string[]>;
const GENERATED = new Set(['autoincrement', 'uuid', 'cuid', 'nanoid', 'ulid']);

/** Columns that are not the form's to keep: @updatedAt ones (a save sets them). */
const updatedAtColumns = (model: ModelMeta) => new Set(model.fields.filter((f) => f.kind === 'scalar' && f.isUpdatedAt).map((f) => f.dbName!));

/** Why a save did not succeed: the page's errors, by field. */
function failure(response: { statusCode: number; body: string }): string {
  const errors = [...response.body.matchAll(/class="field-error"[^>]*>([\s\S]*?)<\//g)].map((m) => textOf(m[1]));
  return `${response.statusCode}: ${errors.join(' | ') || textOf(mainOf(response.body)).slice(0, 400)}`;
}

/**
 * The add form for a copy of a record: its change form's values, every unique (and key) value made new — text and
 * numbers altered, relation inputs in a unique (as the add page offers them; a change page may show a key read-only)
 * set to a choice no existing row has.
 */
function copyForm(model: ModelMeta, form: Form, addHtml: string, rows: Record<string, unknown>[]): { form: Form; altered: Set<string> } | null {
  const copy: Form = { ...form };
  const altered = new Set<string>();
  // Secrets are never shown on a change form (a masked input that keeps the value): a person types a new one.
  for (const field of model.fields.filter(isSecretField)) {
    copy[field.name] = `typed secret ${randomUUID()}`;
    altered.add((field as ValueFieldMeta).dbName!);
  }
  const keys = [model.primaryKey.fields, ...model.uniques.map((u) => u.fields)].filter((k) => k.length);
  for (const key of keys) {
    const relationInputs: RelationFieldMeta[] = [];
    for (const name of key) {
      const field = model.fields.find((f) => f.name === name) as ValueFieldMeta;
      altered.add(field.dbName!);
      if (field.isForeignKey) {
        const relation = model.fields.find((f): f is RelationFieldMeta => f.kind === 'relation' && f.fromFields.includes(name))!;
        if (!relationInputs.includes(relation)) relationInputs.push(relation);
        continue;
      }
      if (field.default?.kind === 'function' && GENERATED.has(field.default.name)) {
        delete copy[name];
        continue;
      }
      const value = form[name];
      if (typeof value !== 'string') continue;
      copy[name] = field.kind === 'scalar' && field.nativeType?.name === 'Uuid' ? randomUUID()
        : field.kind === 'scalar' && ['Int', 'BigInt', 'Float', 'Decimal'].includes(field.type) ? String(Number(value) + 1000)
        : `${value} copy`;
    }
    if (relationInputs.length) {
      // A choice of the related records (single-column keys) whose key values no row has yet.
      const choices = relationInputs.map((r) => [...(new RegExp(`<select[^>]*name="${r.name}"[^>]*>([\\s\\S]*?)</select>`).exec(addHtml)?.[1] ?? '').matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]));
      const taken = new Set(rows.map((row) => JSON.stringify(relationInputs.map((r) => String(row[(model.fields.find((f) => f.name === r.fromFields[0]) as ValueFieldMeta).dbName!])))));
      const combos = choices.reduce<string[][]>((acc, options) => acc.flatMap((a) => options.map((o) => [...a, o])), [[]]);
      const free = combos.find((combo) => !taken.has(JSON.stringify(combo)));
      if (!free) return null;
      relationInputs.forEach((r, i) => (copy[r.name] = free[i]));
    }
  }
  return { form: copy, altered };
}

for (const corpus of corpusSchemas()) {
  for (const provider of corpus.providers) {
    const files = provider === providerOfSchema(corpus.files) ? corpus.files : withProvider(corpus.files, provider);
    const models = parseSchemaFiles(files).models.filter((m) => !readOnlyReason(m));
    describe(`corpus round trip: ${corpus.name} on ${provider}`, { skip: up[provider] ? false : `no ${provider} test server` }, () => {
      let c: CorpusApp;
      before(async () => {
        c = await startCorpusApp(corpus, provider);
      });
      after(() => c?.close());

      for (const model of models) {
        const listUrl = `/admin/${modelUrlName(model)}/`;
        const key = (check: string) => ({ todo: corpusTodo(corpus.name, provider, model.name, check) });
        const skip = updatedAtColumns(model);

        test(`${model.name}: every record saved unchanged changes no column`, key('unchanged'), async () => {
          const before = await tableRows(c.sql, model, skip);
          const { records } = listLinks((await c.browser.get(listUrl)).body, listUrl);
          assert.equal(records.length, before.length);
          for (const href of records) {
            const page = await c.browser.get(href);
            const saved = await c.browser.post(href, { ...formFields(page.body, 'change'), _save: '1' });
            assert.equal(saved.statusCode, 303, `${model.name} ${href}: ${failure(saved)}`);
            const listed = await c.browser.follow(saved);
            assert.ok(messagesOf(listed.body).some((m) => /changed successfully/.test(m)), `${model.name} ${href}: ${messagesOf(listed.body).join(' ')}`);
          }
          assert.deepEqual(await tableRows(c.sql, model, skip), before, `${model.name}: the rows after saving every record unchanged`);
        });

        test(`${model.name}: the add form with a record's values creates an equal record`, key('copy'), async (t) => {
          const before = await tableRows(c.sql, model, skip);
          const { records } = listLinks((await c.browser.get(listUrl)).body, listUrl);
          const page = await c.browser.get(records[0]);
          const addPage = await c.browser.get(`${listUrl}add`);
          const source = copyForm(model, formFields(page.body, 'change'), addPage.body, await c.sql.run(`SELECT * FROM ${c.sql.quote(model.dbName)}`, []));
          if (!source) return t.skip('every related record already has one');
          const added = await c.browser.post(`${listUrl}add`, { ...source.form, _save: '1' });
          assert.equal(added.statusCode, 303, `${model.name} add: ${failure(added)} ${Object.keys(source.form).map((k) => fieldError(added.body, k)).filter(Boolean).join(' ')}`);
          const afterRows = await tableRows(c.sql, model, skip);
          const seen = new Set(before.map((r) => JSON.stringify(r)));
          const created = afterRows.filter((r) => !seen.has(JSON.stringify(r)));
          assert.equal(created.length, 1, `${model.name}: one new row`);
          // The source: the record whose change form was copied, read as stored.
          const id = decodeURIComponent(records[0].slice(listUrl.length).replace(/\/change$/, ''));
          const without = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([col]) => !source.altered.has(col)));
          const candidates = before.map(without);
          assert.ok(candidates.some((row) => JSON.stringify(row) === JSON.stringify(without(created[0]))),
            `${model.name}: the copy of ${id} equals it but for its unique values: ${JSON.stringify(without(created[0]))} not among ${JSON.stringify(candidates)}`);
        });
      }
    });
  }
}
