// Prisma's DMMF datamodel → our model metadata (types.ts). The only place that knows DMMF's shape.
//
// What DMMF does and does not give, and what we do about it:
// - `@ignore` fields and `@@ignore` models: DMMF leaves them out (the client has no access to them), and so do we.
// - `Unsupported("...")` fields: left out by DMMF; recovered from Prisma's formatted schema (formatted-blocks.ts).
// - views: DMMF lists them among `models` with nothing to tell them apart; the block keyword comes from the same scan.
// - referential actions: DMMF gives `onDelete`/`onUpdate` only when written in the schema. We keep `null` for "not
//   given" rather than guessing Prisma's default (SetNull for an optional relation and Restrict for a required one on
//   delete, Cascade on update; NoAction instead of Restrict on SQL Server; emulated with relationMode = "prisma").

import type { DmmfDatamodel, DmmfDefault, DmmfField, DmmfModel } from './dmmf-types.ts';
import { docProse, docTags, docValue } from './doc-prose.ts';
import type { FormattedBlock } from './formatted-blocks.ts';
import type {
  DefaultMeta,
  EnumMeta,
  FieldMeta,
  IndexMeta,
  ModelMeta,
  Provider,
  ReferentialAction,
  RelationFieldMeta,
  ScalarType,
  SchemaMeta,
  UniqueMeta,
  ValueFieldMeta,
} from './types.ts';

const SCALAR_TYPES = new Set<string>(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);
const REFERENTIAL_ACTIONS = new Set<string>(['Cascade', 'Restrict', 'NoAction', 'SetNull', 'SetDefault']);

export function datamodelToMeta(
  datamodel: DmmfDatamodel,
  blocks: Map<string, FormattedBlock>,
  provider: Provider,
): SchemaMeta {
  const modelsByName = new Map(datamodel.models.map((model) => [model.name, model]));
  const models = datamodel.models.map((model) => modelToMeta(model, datamodel, modelsByName, blocks.get(model.name)));
  const enums: EnumMeta[] = datamodel.enums.map((e) => ({
    name: e.name,
    dbName: e.dbName ?? e.name,
    documentation: docProse(e.documentation),
    values: e.values.map((value) => ({ name: value.name, dbName: value.dbName ?? value.name })),
  }));
  return { provider, models, enums };
}

function modelToMeta(
  model: DmmfModel,
  datamodel: DmmfDatamodel,
  modelsByName: Map<string, DmmfModel>,
  block: FormattedBlock | undefined,
): ModelMeta {
  const foreignKeys = new Set(model.fields.flatMap((field) => field.relationFromFields ?? []));
  const converted: FieldMeta[] = model.fields.map((field) =>
    field.kind === 'object'
      ? relationToMeta(field, model, modelsByName)
      : valueFieldToMeta(field, foreignKeys.has(field.name)),
  );
  const fields = inSourceOrder([...converted, ...(block?.unsupportedFields ?? [])], block);
  const valueFieldNames = new Set(fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum').map((f) => f.name));

  return {
    name: model.name,
    dbName: model.dbName ?? model.name,
    documentation: docProse(model.documentation),
    ...labelsOf(model.documentation),
    isView: block?.keyword === 'view',
    fields,
    primaryKey: primaryKeyOf(model),
    indexes: indexesOf(model.name, datamodel),
    uniques: uniquesOf(model.name, datamodel, valueFieldNames),
  };
}

/** `/// @label person` and `/// @plural people` on the model: its names for people, instead of the humanized name. */
function labelsOf(documentation: string | undefined): Pick<ModelMeta, 'label' | 'labelPlural'> {
  const label = docValue(documentation, 'label');
  const labelPlural = docValue(documentation, 'plural');
  return { ...(label ? { label } : {}), ...(labelPlural ? { labelPlural } : {}) };
}

/** DMMF keeps source order but drops Unsupported fields; put them back where the schema has them. */
function inSourceOrder(fields: FieldMeta[], block: FormattedBlock | undefined): FieldMeta[] {
  if (!block) return fields;
  const position = new Map(block.fieldNames.map((name, index) => [name, index]));
  const rank = (field: FieldMeta) => position.get(field.name) ?? Number.MAX_SAFE_INTEGER;
  return fields.map((field, index) => ({ field, index })).sort((a, b) => rank(a.field) - rank(b.field) || a.index - b.index)
    .map(({ field }) => field);
}

function valueFieldToMeta(field: DmmfField, isForeignKey: boolean): ValueFieldMeta {
  const common = {
    name: field.name,
    dbName: field.dbName ?? field.name,
    documentation: docProse(field.documentation),
    ...(docTags(field.documentation).length ? { docTags: docTags(field.documentation) } : {}),
    isRequired: field.isRequired,
    isList: field.isList,
    isId: field.isId,
    isUnique: field.isUnique,
    default: defaultToMeta(field.default, field.type),
    isForeignKey,
    nativeType: field.nativeType ? { name: field.nativeType[0], args: [...field.nativeType[1]] } : null,
  };
  if (field.kind === 'enum') return { ...common, kind: 'enum', type: field.type, isUpdatedAt: false };
  if (!SCALAR_TYPES.has(field.type)) {
    throw new Error(`prisma-admin-site does not know the scalar type ${field.type} of field ${field.name}`);
  }
  return { ...common, kind: 'scalar', type: field.type as ScalarType, isUpdatedAt: field.isUpdatedAt === true };
}

/**
 * Static defaults keep DMMF's JSON value: BigInt, DateTime (ISO 8601), Json and Bytes (base64) come as strings. A
 * Decimal becomes a string too, because DMMF passes it through a double (`19.99` arrives as `19.990000000000002`);
 * 15 significant digits undo that for every decimal a double can tell apart.
 * Function defaults keep their arguments (`uuid(7)` → [7]); DMMF gives `sequence()` (CockroachDB) without its.
 */
function defaultToMeta(value: DmmfDefault | undefined, type: string): DefaultMeta | null {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { kind: 'function', name: value.name, args: [...(value.args ?? [])] };
  }
  if (type === 'Decimal') {
    const decimal = (item: string | number | boolean) => (typeof item === 'number' ? decimalString(item) : item);
    return { kind: 'static', value: Array.isArray(value) ? value.map(decimal) : value === null ? null : decimal(value) };
  }
  return { kind: 'static', value: Array.isArray(value) ? [...value] : value };
}

function decimalString(value: number): string {
  return String(Number(value.toPrecision(15)));
}

function relationToMeta(field: DmmfField, model: DmmfModel, modelsByName: Map<string, DmmfModel>): RelationFieldMeta {
  const other = modelsByName.get(field.type);
  const opposite = other?.fields.find(
    (candidate) =>
      candidate.kind === 'object' &&
      candidate.relationName === field.relationName &&
      !(candidate.name === field.name && other.name === model.name),
  );
  return {
    kind: 'relation',
    name: field.name,
    dbName: null,
    documentation: docProse(field.documentation),
    // `user User? @relation(fields: [userId])` over `userId String` can never be empty: required like its key.
    isRequired: field.isRequired || (field.relationFromFields ?? []).some((name) => model.fields.find((f) => f.name === name)?.isRequired),
    isList: field.isList,
    type: field.type,
    relationName: field.relationName ?? '',
    cardinality: field.isList ? 'many' : 'one',
    fromFields: [...(field.relationFromFields ?? [])],
    toFields: [...(field.relationToFields ?? [])],
    isImplicitManyToMany: field.isList && opposite?.isList === true,
    isSelfRelation: field.type === model.name,
    onDelete: referentialAction(field.relationOnDelete),
    onUpdate: referentialAction(field.relationOnUpdate),
  };
}

function referentialAction(action: string | undefined): ReferentialAction | null {
  return action !== undefined && REFERENTIAL_ACTIONS.has(action) ? (action as ReferentialAction) : null;
}

function primaryKeyOf(model: DmmfModel): ModelMeta['primaryKey'] {
  if (model.primaryKey) {
    const fields = [...model.primaryKey.fields];
    return { name: model.primaryKey.name ?? fields.join('_'), fields };
  }
  const idField = model.fields.find((field) => field.isId);
  return idField ? { name: null, fields: [idField.name] } : { name: null, fields: [] };
}

/**
 * `@unique` and `@@unique` in schema order, named the way the Prisma client names the input (`name:` or the fields
 * joined by `_`; a single field is its own name). A unique over a field the client cannot see (Unsupported) is left
 * out: the client offers no input for it either.
 */
function uniquesOf(modelName: string, datamodel: DmmfDatamodel, valueFieldNames: Set<string>): UniqueMeta[] {
  return datamodel.indexes
    .filter((index) => index.model === modelName && index.type === 'unique')
    .map((index) => {
      const fields = index.fields.map((field) => field.name);
      return { name: index.name ?? fields.join('_'), fields };
    })
    .filter((unique) => unique.fields.every((name) => valueFieldNames.has(name)));
}

/** Indexes in schema order (full-text ones left out: they cannot serve an ORDER BY). */
function indexesOf(modelName: string, datamodel: DmmfDatamodel): IndexMeta[] {
  return datamodel.indexes
    .filter((index) => index.model === modelName && index.type !== 'fulltext')
    .map((index) => ({ fields: index.fields.map((field) => ({ name: field.name, sort: field.sortOrder === 'desc' ? 'desc' : 'asc' })) }));
}
