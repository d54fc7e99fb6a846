// A bulk action of the demo's posts for tests of who may run actions on which rows: it sets the selected posts'
// viewCount to TOUCHED_VIEW_COUNT (it needs the change permission, as every action does by default).
import { action } from '../../src/index.ts';

export const TOUCHED_VIEW_COUNT = 4242;

export function touchPostsAction() {
  return action<{ id: number }>({
    name: 'touch',
    label: 'Touch',
    async run({ records, client }) {
      await client.post.updateMany({ where: { id: { in: records.map((r) => r.id) } }, data: { viewCount: TOUCHED_VIEW_COUNT } });
    },
  });
}
