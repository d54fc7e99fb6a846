// Security suite, issue 13 point 3: a deletion's cascade neither escapes the user's permissions nor the audit log.
// As Django: when the cascade reaches rows of a model the user may not delete, the delete page names those models and
// offers no confirmation, and a POST is refused (403); when it may, every cascaded row gets its own deletion entry in
// the same transaction (above 1,000 rows of a model, one summary entry with the count). Through several levels
// (Forum → Topic → Message → Reaction); SetNull is no deletion; Restrict three levels down blocks ("protected").
// The same for the "delete selected" action.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AdminSite, ModelAdmin, type AdminClient, type DeleteModelArgs } from '../../src/index.ts';
import { startInProcessAdmin, type InProcessAdmin } from '../cli/support/in-process-fixture.ts';
import type { Browser } from '../support/cookie-jar.ts';
import { mainOf, textOf } from '../support/html.ts';
import { postgresAvailable } from '../support/databases.ts';
import { createAdminUser, loginAs, show } from '../support/security.ts';

const file = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
const EXTRA = { 'forums.prisma': file('../fixtures/cascade/forums.prisma'), 'admin-models.prisma': file('../../src/auth/admin-models.prisma') };
const ALL = ['Forum', 'Topic', 'Message', 'Reaction', 'Flag', 'Watch'];
// MariaDB's fixture tables are written by hand (test/fixtures/cli/mysql-tables.sql) and have no forums; the queries
// here are Prisma's own relation filters, the same on every provider.
const PROVIDERS = ['sqlite', 'postgresql'] as const;
const available = { sqlite: true, postgresql: await postgresAvailable() };

/** Forums named "Archive…" are archived (renamed) instead of deleted: then nothing cascades, and nothing is logged as if. */
class ForumAdmin extends ModelAdmin {
  override deleteModel(client: AdminClient, args: DeleteModelArgs) {
    if (String(args.record.name).startsWith('Archive')) return client.forum.update({ where: args.where, data: { name: `Archived ${args.record.name}` } });
    return super.deleteModel(client, args);
  }
}

for (const provider of PROVIDERS) {
  describe(`cascades on ${provider}`, { skip: available[provider] ? false : `no ${provider} test server` }, () => {
    let admin: InProcessAdmin;
    let users = 0;
    before(async () => {
      admin = await startInProcessAdmin(provider, new AdminSite().register('Forum', ForumAdmin), { extraFiles: EXTRA });
    });
    after(() => admin?.close());

    async function userWith(permissions: string[], options: { isSuperuser?: boolean } = {}): Promise<Browser> {
      return loginAs(admin.app, await createAdminUser(admin.prisma, `cascade-${provider}-${++users}`, permissions, options));
    }

    /** A forum with 2 topics × 2 messages × `reactions` reactions, and a watch on its first topic. */
    async function forum(name: string, reactions = 2) {
      const p = admin.prisma;
      const created = await p.forum.create({ data: { name } });
      for (let t = 0; t < 2; t++) {
        const topic = await p.topic.create({ data: { title: `${name} topic ${t}`, forumId: created.id } });
        if (t === 0) await p.watch.create({ data: { who: `${name} watcher`, topicId: topic.id } });
        for (let m = 0; m < 2; m++) {
          const message = await p.message.create({ data: { text: `${name} message ${t}.${m}`, topicId: topic.id } });
          await p.reaction.createMany({ data: Array.from({ length: reactions }, (_, r) => ({ emoji: `r${r}`, messageId: message.id })) });
        }
      }
      return created;
    }

    async function counts() {
      const p = admin.prisma;
      return { forums: await p.forum.count(), topics: await p.topic.count(), messages: await p.message.count(), reactions: await p.reaction.count(), watches: await p.watch.count() };
    }

    async function deletions() {
      const entries = await admin.prisma.adminLogEntry.findMany({ where: { action: 'delete' }, orderBy: { id: 'asc' } });
      const byModel: Record<string, number> = {};
      for (const e of entries) byModel[e.model] = (byModel[e.model] ?? 0) + 1;
      return { entries, byModel };
    }

    beforeEach(async () => {
      const p = admin.prisma;
      await p.flag.deleteMany();
      await p.watch.deleteMany();
      await p.forum.deleteMany();
      await p.adminLogEntry.deleteMany();
    });

    const permissionText = /your account doesn't have permission to delete the following types of objects/i;
    const confirmButton = /<button type="submit"[^>]*>Yes/;

    describe('a cascade into models the user may not delete', () => {
      test('the delete page names them and offers no confirmation; the POST is refused (403) and nothing is deleted', async () => {
        const target = await forum('Locked');
        const browser = await userWith(['Forum.view', 'Forum.delete']);
        const page = await browser.get(`/admin/forum/${target.id}/delete`);
        const text = textOf(mainOf(page.body));
        assert.match(text, permissionText, show(page));
        for (const label of ['Topics', 'Messages', 'Reactions']) assert.ok(text.includes(label), `${label} in: ${text}`);
        assert.ok(!text.includes('Watches'), 'a SetNull relation deletes nothing and needs no permission');
        assert.doesNotMatch(page.body, confirmButton);
        const before = await counts();
        const refused = await browser.post(`/admin/forum/${target.id}/delete`, { post: 'yes' });
        assert.equal(refused.statusCode, 403, show(refused));
        assert.match(textOf(mainOf(refused.body)), permissionText);
        assert.deepEqual(await counts(), before);
        assert.equal((await deletions()).entries.length, 0);
      });

      test('one level of permission is not enough for three: Topic.delete and Message.delete without Reaction.delete', async () => {
        const target = await forum('Deep');
        const browser = await userWith(['Forum.view', 'Forum.delete', 'Topic.delete', 'Message.delete']);
        const page = await browser.get(`/admin/forum/${target.id}/delete`);
        const listed = [...page.body.matchAll(/<ul class="perms-needed">([\s\S]*?)<\/ul>/g)].map((m) => textOf(m[1]));
        assert.deepEqual(listed, ['Reactions']);
        const before = await counts();
        assert.equal((await browser.post(`/admin/forum/${target.id}/delete`, { post: 'yes' })).statusCode, 403);
        assert.deepEqual(await counts(), before);
      });

      test('"delete selected": the confirmation names them, and the POST is refused (403)', async () => {
        const a = await forum('Sel A');
        const b = await forum('Sel B');
        const browser = await userWith(['Forum.view', 'Forum.delete']);
        const confirm = await browser.post('/admin/forum/action', { action: 'delete_selected', _selected: [String(a.id), String(b.id)] });
        assert.match(textOf(mainOf(confirm.body)), permissionText, show(confirm));
        assert.doesNotMatch(confirm.body, confirmButton);
        const before = await counts();
        const refused = await browser.post('/admin/forum/delete-selected', { _selected: [String(a.id), String(b.id)], post: 'yes' });
        assert.equal(refused.statusCode, 403, show(refused));
        assert.deepEqual(await counts(), before);
      });
    });

    describe('a permitted cascade', () => {
      test('every cascaded row, at every level, gets its own deletion entry; the SetNull row stays', async () => {
        const target = await forum('Open');
        const browser = await userWith(ALL.flatMap((m) => [`${m}.view`, `${m}.delete`]));
        const page = await browser.get(`/admin/forum/${target.id}/delete`);
        assert.match(page.body, confirmButton, show(page));
        const response = await browser.post(`/admin/forum/${target.id}/delete`, { post: 'yes' });
        assert.equal(response.statusCode, 303, show(response));
        assert.deepEqual(await counts(), { forums: 0, topics: 0, messages: 0, reactions: 0, watches: 1 });
        assert.equal((await admin.prisma.watch.findFirst()).topicId, null);
        const { entries, byModel } = await deletions();
        assert.deepEqual(byModel, { Forum: 1, Topic: 2, Message: 4, Reaction: 8 });
        const message = entries.find((e: { model: string }) => e.model === 'Message');
        assert.match(message.objectRepr, /Open message|Message/);
        assert.ok(/^\d+$/.test(message.objectId), message.objectId);
        assert.deepEqual(JSON.parse(message.changeMessage), { cascade: true });
      });

      test('above 1,000 rows of a model, one summary entry with the count', async () => {
        const target = await forum('Busy', 300);
        const browser = await userWith([], { isSuperuser: true });
        const response = await browser.post(`/admin/forum/${target.id}/delete`, { post: 'yes' });
        assert.equal(response.statusCode, 303, show(response));
        const { entries, byModel } = await deletions();
        assert.deepEqual(byModel, { Forum: 1, Topic: 2, Message: 4, Reaction: 1 });
        const summary = entries.find((e: { model: string }) => e.model === 'Reaction');
        assert.deepEqual(JSON.parse(summary.changeMessage), { cascade: true, count: 1200 });
        assert.equal(summary.objectId, '');
      });

      test('"delete selected" logs the cascade of every selected record', async () => {
        const a = await forum('Both A');
        const b = await forum('Both B');
        const browser = await userWith([], { isSuperuser: true });
        const response = await browser.post('/admin/forum/delete-selected', { _selected: [String(a.id), String(b.id)], post: 'yes' });
        assert.equal(response.statusCode, 303, show(response));
        assert.deepEqual((await deletions()).byModel, { Forum: 2, Topic: 4, Message: 8, Reaction: 16 });
      });

      test('a deleteModel that archives instead of deleting: no cascaded row is logged as deleted', async () => {
        const target = await forum('Archive me');
        const browser = await userWith([], { isSuperuser: true });
        const response = await browser.post(`/admin/forum/${target.id}/delete`, { post: 'yes' });
        assert.equal(response.statusCode, 303, show(response));
        assert.deepEqual((await counts()).reactions, 8);
        assert.deepEqual((await deletions()).byModel, { Forum: 1 });
      });
    });

    describe('a protected row three levels down', () => {
      test('the page says what is protected and offers no confirmation; the POST is refused (409); nothing is lost', async () => {
        const target = await forum('Flagged');
        const message = await admin.prisma.message.findFirst({ where: { topic: { forumId: target.id } } });
        await admin.prisma.flag.create({ data: { reason: 'spam', messageId: message.id } });
        const browser = await userWith([], { isSuperuser: true });
        const page = await browser.get(`/admin/forum/${target.id}/delete`);
        const text = textOf(mainOf(page.body));
        assert.match(text, /protected/, text);
        assert.ok(text.includes('Flags: 1'), text);
        assert.doesNotMatch(page.body, confirmButton);
        const before = await counts();
        const refused = await browser.post(`/admin/forum/${target.id}/delete`, { post: 'yes' });
        assert.equal(refused.statusCode, 409, show(refused));
        assert.deepEqual(await counts(), before);
      });
    });
  });
}
