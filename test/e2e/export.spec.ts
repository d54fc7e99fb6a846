// Export from the list: filter the posts, open Export, choose CSV with all fields, and get a file of exactly the
// filtered rows, checked against the database.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { openDemoClient } from '../../scripts/db/demo-client.ts';
import { DATABASE_URL } from './support/e2e-env.ts';
import { expect, resultCount, test } from './support/fixtures.ts';

test('exporting the filtered list of posts as CSV downloads every matching row', async ({ page }) => {
  await page.goto('/admin/post/?status__exact=published');
  const shown = await resultCount(page);
  await page.locator('.export-menu > summary').click();
  await page.getByLabel('Format').selectOption('csv');
  await page.getByLabel('All fields').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.export-form').getByRole('button', { name: 'Export' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^posts-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = parse(readFileSync((await download.path())!)) as string[][];
  expect(header).toContain('id');
  expect(rows).toHaveLength(shown);

  const prisma = await openDemoClient(DATABASE_URL);
  try {
    const posts = await prisma.post.findMany({ where: { status: 'published' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    const column = (name: string) => rows.map((r) => r[header.indexOf(name)]);
    expect(column('id')).toEqual(posts.map((p) => String(p.id)));
    expect(column('title')).toEqual(posts.map((p) => p.title));
    expect(column('createdAt')).toEqual(posts.map((p) => p.createdAt.toISOString()));
    expect(new Set(column('status'))).toEqual(new Set(['published']));
  } finally {
    await prisma.$disconnect();
  }
});
