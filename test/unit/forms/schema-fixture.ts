// Hand-built model metadata for the forms tests: one model with every field type the forms handle.
import type {
  DefaultMeta,
  EnumFieldMeta,
  FieldMeta,
  ModelMeta,
  NativeTypeMeta,
  RelationFieldMeta,
  ScalarFieldMeta,
  ScalarType,
  SchemaMeta,
} from '../../../src/schema/types.ts';

type ScalarOptions = Partial<Omit<ScalarFieldMeta, 'kind' | 'name' | 'type'>>;

export function scalar(name: string, type: ScalarType, options: ScalarOptions = {}): ScalarFieldMeta {
  return {
    kind: 'scalar',
    name,
    type,
    dbName: name,
    documentation: null,
    isRequired: true,
    isList: false,
    isId: false,
    isUnique: false,
    default: null,
    isUpdatedAt: false,
    isForeignKey: false,
    nativeType: null,
    ...options,
  };
}

export function enumField(name: string, type: string, options: Partial<Omit<EnumFieldMeta, 'kind' | 'name' | 'type'>> = {}): EnumFieldMeta {
  return {
    kind: 'enum',
    name,
    type,
    dbName: name,
    documentation: null,
    isRequired: true,
    isList: false,
    isId: false,
    isUnique: false,
    default: null,
    isUpdatedAt: false,
    isForeignKey: false,
    nativeType: null,
    ...options,
  };
}

export function relation(name: string, type: string, options: Partial<Omit<RelationFieldMeta, 'kind' | 'name' | 'type'>> = {}): RelationFieldMeta {
  return {
    kind: 'relation',
    name,
    type,
    dbName: null,
    documentation: null,
    isRequired: true,
    isList: false,
    relationName: `${name}Relation`,
    cardinality: 'one',
    fromFields: [],
    toFields: [],
    isImplicitManyToMany: false,
    isSelfRelation: false,
    onDelete: null,
    onUpdate: null,
    ...options,
  };
}

export function model(name: string, fields: FieldMeta[], primaryKey?: ModelMeta['primaryKey']): ModelMeta {
  const id = fields.find((f) => f.kind !== 'relation' && f.kind !== 'unsupported' && f.isId);
  return {
    name,
    dbName: name,
    documentation: null,
    isView: false,
    fields,
    primaryKey: primaryKey ?? { name: null, fields: id ? [id.name] : [] },
    uniques: [],
    indexes: [],
  };
}

const fn = (name: string): DefaultMeta => ({ kind: 'function', name, args: [] });
const value = (v: string | number | boolean): DefaultMeta => ({ kind: 'static', value: v });
const native = (name: string, ...args: string[]): NativeTypeMeta => ({ name, args });

export const author = model('Author', [
  scalar('id', 'Int', { isId: true, default: fn('autoincrement') }),
  scalar('name', 'String'),
  scalar('bio', 'String', { isRequired: false }),
  relation('posts', 'Post', { cardinality: 'many', isList: true, isRequired: false, relationName: 'PostToAuthor' }),
]);

export const tag = model('Tag', [
  scalar('id', 'String', { isId: true, default: fn('uuid') }),
  scalar('name', 'String'),
  relation('posts', 'Post', { cardinality: 'many', isList: true, isRequired: false, isImplicitManyToMany: true }),
]);

export const comment = model('Comment', [
  scalar('id', 'BigInt', { isId: true, default: fn('autoincrement') }),
  relation('post', 'Post', { fromFields: ['postId'], toFields: ['id'] }),
  scalar('postId', 'Int', { isForeignKey: true }),
]);

export const post = model('Post', [
  scalar('id', 'Int', { isId: true, default: fn('autoincrement') }),
  scalar('title', 'String', { nativeType: native('VarChar', '10'), documentation: 'Short title.' }),
  scalar('slug', 'String', { default: value('') }),
  scalar('body', 'String'),
  scalar('teaser', 'String', { isRequired: false, documentation: 'A paragraph in Markdown.' }),
  scalar('notesText', 'String', { isRequired: false, nativeType: native('Text') }),
  scalar('views', 'Int', { default: value(0) }),
  scalar('rank', 'Int', { isRequired: false, nativeType: native('SmallInt') }),
  scalar('big', 'BigInt', { isRequired: false }),
  scalar('price', 'Decimal', { isRequired: false, nativeType: native('Decimal', '30', '2') }),
  scalar('exact', 'Decimal', { isRequired: false }),
  scalar('ratio', 'Float', { isRequired: false }),
  scalar('published', 'Boolean', { default: value(false) }),
  scalar('featured', 'Boolean', { isRequired: false }),
  scalar('publishedAt', 'DateTime', { isRequired: false }),
  scalar('createdAt', 'DateTime', { default: fn('now') }),
  scalar('updatedAt', 'DateTime', { isUpdatedAt: true }),
  enumField('status', 'Status', { default: value('draft') }),
  enumField('kind', 'Status', { isRequired: false }),
  scalar('meta', 'Json', { isRequired: false }),
  scalar('settings', 'Json'),
  scalar('cover', 'Bytes', { isRequired: false }),
  scalar('labels', 'String', { isList: true }),
  scalar('scores', 'Int', { isList: true }),
  enumField('history', 'Status', { isList: true }),
  relation('author', 'Author', { fromFields: ['authorId'], toFields: ['id'], relationName: 'PostToAuthor' }),
  scalar('authorId', 'Int', { isForeignKey: true, documentation: 'Who wrote it.' }),
  relation('editor', 'Author', { isRequired: false, fromFields: ['editorId'], toFields: ['id'], relationName: 'editor' }),
  scalar('editorId', 'Int', { isRequired: false, isForeignKey: true }),
  relation('tags', 'Tag', { cardinality: 'many', isList: true, isRequired: false, isImplicitManyToMany: true }),
  relation('comments', 'Comment', { cardinality: 'many', isList: true, isRequired: false }),
  { kind: 'unsupported', name: 'shape', type: 'geometry', dbName: 'shape', documentation: null, isRequired: false, isList: false },
]);

/** Composite id without defaults (required on add, read-only on change), part of it a foreign key. */
export const enrollment = model(
  'Enrollment',
  [
    relation('author', 'Author', { fromFields: ['authorId'], toFields: ['id'] }),
    scalar('authorId', 'Int', { isForeignKey: true }),
    scalar('course', 'String'),
    scalar('grade', 'Int', { isRequired: false }),
  ],
  { name: null, fields: ['authorId', 'course'] },
);

/** A String id without default. */
export const code = model('Code', [scalar('code', 'String', { isId: true }), scalar('label', 'String')]);

export const schema: SchemaMeta = {
  provider: 'postgresql',
  models: [author, tag, comment, post, enrollment, code],
  enums: [{ name: 'Status', dbName: 'Status', documentation: null, values: ['draft', 'published', 'archived'].map((v) => ({ name: v, dbName: v })) }],
};
