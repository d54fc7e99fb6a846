// Compile-time tests (run by `npm run typecheck`): register's plain options are typed like defineAdmin's.
import type { Prisma, Tag } from '../../prisma/generated/client.ts';
import { AdminSite, column } from '../../src/index.ts';

export const site = new AdminSite()
  .register('Tag', { listDisplay: ['name'], searchFields: ['name'] })
  .register<Prisma.TagSelect, Tag>('Tag', { listDisplay: ['name', column<Tag>({ name: 'len', header: 'Length', value: (t) => t.name.length })], ordering: ['-name'] });

// @ts-expect-error with the model's Select type, a misspelled field does not compile
new AdminSite().register<Prisma.TagSelect>('Tag', { listDisplay: ['nme'] });
// @ts-expect-error a name that is no option does not compile
new AdminSite().register('Tag', { listDisplays: ['name'] });
// @ts-expect-error an option of the wrong type does not compile
new AdminSite().register('Tag', { listPerPage: '10' });
