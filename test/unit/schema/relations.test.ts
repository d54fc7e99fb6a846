import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { SchemaMeta } from '../../../src/schema/types.ts';
import { loadFixture, model, relation, scalar } from './fixture-helpers.ts';

describe('relations (relations.prisma)', () => {
  let schema: SchemaMeta;
  before(async () => {
    schema = await loadFixture('relations.prisma');
  });

  it('one-to-one: the side with the key has fromFields/toFields, the other side has none', () => {
    const user = relation(model(schema, 'Profile'), 'user');
    assert.equal(user.type, 'User');
    assert.equal(user.cardinality, 'one');
    assert.equal(user.isRequired, true);
    assert.deepEqual(user.fromFields, ['userId']);
    assert.deepEqual(user.toFields, ['id']);
    const profile = relation(model(schema, 'User'), 'profile');
    assert.equal(profile.cardinality, 'one');
    assert.equal(profile.isRequired, false);
    assert.deepEqual(profile.fromFields, []);
    assert.deepEqual(profile.toFields, []);
    assert.equal(profile.relationName, user.relationName);
    assert.equal(scalar(model(schema, 'Profile'), 'userId').isUnique, true);
  });

  it('one-to-many: many on the list side, one on the key side; the key is a foreign key', () => {
    const post = model(schema, 'Post');
    const author = relation(post, 'author');
    assert.equal(author.cardinality, 'one');
    assert.deepEqual(author.fromFields, ['authorId']);
    assert.equal(scalar(post, 'authorId').isForeignKey, true);
    assert.equal(scalar(post, 'title').isForeignKey, false);
    const posts = relation(model(schema, 'User'), 'posts');
    assert.equal(posts.cardinality, 'many');
    assert.equal(posts.isList, true);
    assert.equal(posts.isImplicitManyToMany, false);
  });

  it('implicit many-to-many: both list sides are marked, without keys', () => {
    const categories = relation(model(schema, 'Post'), 'categories');
    const posts = relation(model(schema, 'Category'), 'posts');
    for (const side of [categories, posts]) {
      assert.equal(side.isImplicitManyToMany, true);
      assert.equal(side.cardinality, 'many');
      assert.deepEqual(side.fromFields, []);
    }
    assert.equal(categories.relationName, 'CategoryToPost');
    assert.equal(posts.relationName, 'CategoryToPost');
  });

  it('explicit many-to-many: two one-to-many relations through the join model', () => {
    const join = model(schema, 'GroupMember');
    assert.deepEqual(join.primaryKey, { name: 'userId_groupId', fields: ['userId', 'groupId'] });
    assert.deepEqual(relation(join, 'user').fromFields, ['userId']);
    assert.deepEqual(relation(join, 'group').fromFields, ['groupId']);
    const members = relation(model(schema, 'Group'), 'members');
    assert.equal(members.type, 'GroupMember');
    assert.equal(members.isImplicitManyToMany, false);
    assert.equal(relation(model(schema, 'User'), 'memberships').isImplicitManyToMany, false);
  });

  it('self-relations: one-to-one, one-to-many and many-to-many', () => {
    const user = model(schema, 'User');
    const mentor = relation(user, 'mentor');
    assert.equal(mentor.isSelfRelation, true);
    assert.equal(mentor.relationName, 'Mentorship');
    assert.deepEqual(mentor.fromFields, ['mentorId']);
    assert.equal(relation(user, 'mentee').isSelfRelation, true);
    assert.equal(relation(user, 'mentee').cardinality, 'one');
    assert.deepEqual(relation(user, 'manager').fromFields, ['managerId']);
    assert.equal(relation(user, 'reports').cardinality, 'many');
    assert.equal(relation(user, 'reports').isImplicitManyToMany, false, 'one-to-many, not many-to-many');
    assert.equal(relation(user, 'followers').isImplicitManyToMany, true);
    assert.equal(relation(user, 'following').isImplicitManyToMany, true);
    assert.equal(relation(user, 'followers').isSelfRelation, true);
    assert.equal(relation(model(schema, 'Post'), 'author').isSelfRelation, false);
  });

  it('several named relations between the same two models keep their names', () => {
    const post = model(schema, 'Post');
    assert.equal(relation(post, 'author').relationName, 'PostAuthor');
    assert.equal(relation(post, 'editor').relationName, 'PostEditor');
    const user = model(schema, 'User');
    assert.equal(relation(user, 'posts').relationName, 'PostAuthor');
    assert.equal(relation(user, 'editedPosts').relationName, 'PostEditor');
    assert.equal(relation(post, 'editor').isRequired, false);
  });

  it('reads every referential action, and null where the schema gives none', () => {
    const post = model(schema, 'Post');
    const user = model(schema, 'User');
    assert.equal(relation(post, 'author').onDelete, 'Restrict');
    assert.equal(relation(post, 'author').onUpdate, 'Restrict');
    assert.equal(relation(post, 'editor').onDelete, 'SetDefault');
    assert.equal(relation(post, 'editor').onUpdate, null, 'not given: Prisma default (Cascade) is not filled in');
    assert.equal(relation(user, 'mentor').onDelete, 'SetNull');
    assert.equal(relation(user, 'mentor').onUpdate, 'Cascade');
    assert.equal(relation(user, 'manager').onDelete, 'NoAction');
    assert.equal(relation(model(schema, 'Profile'), 'user').onDelete, 'Cascade');
    assert.equal(relation(model(schema, 'Book'), 'shelf').onDelete, null);
    assert.equal(relation(user, 'posts').onDelete, null, 'the side without the key has none');
  });

  it('reads a relation over a compound key, in order', () => {
    const book = model(schema, 'Book');
    const shelf = relation(book, 'shelf');
    assert.deepEqual(shelf.fromFields, ['shelfRoom', 'shelfNumber']);
    assert.deepEqual(shelf.toFields, ['room', 'number']);
    assert.equal(scalar(book, 'shelfRoom').isForeignKey, true);
    assert.equal(scalar(book, 'shelfNumber').isForeignKey, true);
  });
});
