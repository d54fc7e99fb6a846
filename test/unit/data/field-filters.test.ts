// The pure parts of field filters: which kind a field gets, which parameter values are valid, and the where built.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseScalarKind, VALUES_FILTER_CAP } from '../../../src/data/filters/scalar-kind.ts';
import { dayValue, scalarValue } from '../../../src/data/filters/filter-values.ts';
import { fieldFilterWhere, mayHaveNoValue } from '../../../src/data/filters/filter-where.ts';
import { parseListParams } from '../../../src/data/list-params.ts';
import { resolveModelAdmin } from '../../../src/admin/resolve-model-admin.ts';
import { ModelAdmin } from '../../../src/admin/model-admin.ts';
import type { FieldMeta, ModelMeta, SchemaMeta } from '../../../src/schema/types.ts';

const scalar = (name: string, type: string, isRequired = true) => ({ kind: 'scalar', name, type, isRequired, isList: false, isId: false, isUnique: false, default: null, isUpdatedAt: false, isForeignKey: false, nativeType: null, dbName: null, documentation: null }) as FieldMeta;
const relation = (name: string, type: string, cardinality: 'one' | 'many', fromFields: string[] = [], toFields: string[] = []) => ({ kind: 'relation', name, type, cardinality, fromFields, toFields, isRequired: cardinality === 'one', isList: cardinality === 'many', relationName: `${name}Rel`, isImplicitManyToMany: cardinality === 'many', isSelfRelation: false, onDelete: null, onUpdate: null, dbName: null, documentation: null }) as FieldMeta;
const model = (name: string, fields: FieldMeta[]): ModelMeta => ({ name, dbName: name, documentation: null, isView: false, fields: [{ ...scalar('id', 'Int'), isId: true } as FieldMeta, ...fields], primaryKey: { name: null, fields: ['id'] }, uniques: [], indexes: [] });

const author = model('Author', [scalar('name', 'String'), scalar('country', 'String', false), relation('posts', 'Post', 'many')]);
const tag = model('Tag', [scalar('name', 'String'), relation('posts', 'Post', 'many')]);
const post = model('Post', [scalar('title', 'String'), scalar('views', 'Int'), scalar('price', 'Decimal', false), scalar('publishedAt', 'DateTime', false), scalar('authorId', 'Int'), relation('author', 'Author', 'one', ['authorId'], ['id']), relation('tags', 'Tag', 'many')]);
const schema: SchemaMeta = { provider: 'postgresql', models: [post, author, tag], enums: [] } as unknown as SchemaMeta;

function adminWith(listFilter: unknown[]) {
  const admin = Object.assign(new ModelAdmin(), { listFilter });
  return resolveModelAdmin(schema, post, admin as ModelAdmin);
}

test('few distinct values list them; many give a text box (String) or a range (numbers)', () => {
  assert.equal(chooseScalarKind({ type: 'String' }, VALUES_FILTER_CAP), 'values');
  assert.equal(chooseScalarKind({ type: 'String' }, VALUES_FILTER_CAP + 1), 'text');
  assert.equal(chooseScalarKind({ type: 'Int' }, VALUES_FILTER_CAP + 1), 'range');
  assert.equal(chooseScalarKind({ type: 'Decimal' }, 0), 'values');
});

test('values are read by type: thousands separators, Int bounds, real calendar days', () => {
  const views = scalar('views', 'Int') as never;
  assert.equal(scalarValue(views, '1,000'), 1000);
  assert.equal(scalarValue(views, '2147483648'), undefined);
  assert.equal(scalarValue(views, '1e3'), undefined);
  assert.equal(scalarValue(scalar('p', 'Decimal') as never, '12.50'), '12.50');
  assert.equal(scalarValue(scalar('b', 'BigInt') as never, '9223372036854775808'), undefined);
  assert.equal(dayValue('2025-02-28')?.toISOString(), '2025-02-28T00:00:00.000Z');
  assert.equal(dayValue('2025-02-30'), undefined);
});

test('listFilter resolves paths, to-many relations and forced kinds, and rejects what does not fit', () => {
  const resolved = adminWith(['author.country', 'tags', { field: 'views', kind: 'range' }, 'title']);
  assert.deepEqual(resolved.filters.map((f) => [f.name, f.kind, f.title]), [
    ['author.country', 'scalar', 'Author country'], ['tags', 'many', 'Tags'], ['views', 'scalar', 'Views'], ['title', 'scalar', 'Title'],
  ]);
  assert.throws(() => adminWith([{ field: 'title', kind: 'range' }]), /cannot be filtered as “range”/);
  assert.throws(() => adminWith(['author.nope']), /nope/);
  assert.throws(() => adminWith(['tags.name']), /tags/);
});

test('parameters: only each filter’s lookups, with values of the field’s type', () => {
  const admin = adminWith(['author.country', 'tags', 'views', 'publishedAt']);
  const params = parseListParams(admin, {
    author__country__exact: 'Japan', 'author.country__exact': 'x', views__gte: '100', views__lte: 'lots', views__contains: '1',
    publishedAt__gte: '2025-01-01', publishedAt__lte: '2025-13-01', tags__exact: '3', tags__isnull: 'yes',
  });
  assert.deepEqual(params.filters.map((f) => [f.param, f.lookup, f.value]), [
    ['author__country__exact', 'exact', 'Japan'], ['tags__exact', 'exact', '3'], ['views__gte', 'gte', '100'], ['publishedAt__gte', 'gte', '2025-01-01'],
  ]);
  const now = new Date('2025-06-15T10:00:00Z');
  const where = params.filters.map((f) => fieldFilterWhere(schema, f as never, now));
  assert.deepEqual(where, [
    { author: { is: { country: 'Japan' } } },
    { tags: { some: { id: 3 } } },
    { views: { gte: 100 } },
    { publishedAt: { gte: new Date('2025-01-01T00:00:00Z') } },
  ]);
  const to = parseListParams(admin, { publishedAt__lte: '2025-03-31', title__contains: 'x' }).filters[0];
  assert.deepEqual(fieldFilterWhere(schema, to as never, now), { publishedAt: { lt: new Date('2025-04-01T00:00:00Z') } }, 'the last day is included');
  const text = parseListParams(adminWith(['title']), { title__contains: '50%_off' }).filters[0];
  assert.deepEqual(fieldFilterWhere(schema, text as never, now), { title: { contains: '50\\%\\_off', mode: 'insensitive' } });
});

test('“None” of a required field through a path is a missing related record, and no choice when none can be missing', () => {
  const comment = model('Comment', [scalar('postId', 'Int', false), { ...relation('post', 'Post', 'one', ['postId'], ['id']), isRequired: false } as FieldMeta]);
  const withComments = { ...schema, models: [...schema.models, comment] } as SchemaMeta;
  const resolved = resolveModelAdmin(withComments, comment, Object.assign(new ModelAdmin(), { listFilter: ['post.title', 'post.author.name', 'post.author.country'] }) as ModelAdmin);
  const [title, name, country] = resolved.filters;
  const isNull = (filter: unknown) => fieldFilterWhere(withComments, { filter, param: 'x__isnull', lookup: 'isnull', value: 'true' } as never, new Date());
  // Prisma rejects `post: { is: { title: null } }` for a required title (it was a 500).
  assert.deepEqual(isNull(title), { post: { is: null } });
  assert.deepEqual(isNull(name), { post: { is: null } }, 'a post always has an author');
  assert.deepEqual(isNull(country), { post: { is: { author: { is: { country: null } } } } }, 'a nullable field: null where the records are there');
  const required = adminWith(['author.name']).filters[0];
  assert.equal(isNull(required), null);
  assert.deepEqual([title, name, country, required].map(mayHaveNoValue), [true, true, true, false]);
});
