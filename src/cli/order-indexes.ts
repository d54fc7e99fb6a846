// For `check`: whether each model's list order has an index that also holds the primary key. With one, deep list
// pages read their keys from the index alone (src/data/deep-page.ts); without, a page 5,000 rows in reads every row
// before it. Says which @@index to add.
import { buildModelRegistry } from '../admin/model-registry.ts';
import type { AdminSite } from '../admin/admin-site.ts';
import { indexServesOrder } from '../data/deep-page.ts';
import { parseListParams } from '../data/list-params.ts';
import { buildListQuery } from '../data/list-query.ts';
import type { SchemaMeta } from '../schema/types.ts';

export interface OrderIndexStatus {
  model: string;
  /** The list's default order, as `ordering` writes it: `-createdAt, -id`. */
  order: string;
  indexed: boolean;
  /** The index to add when none serves the order (null when the order goes through a relation). */
  suggestion: string | null;
}

export function orderIndexes(schema: SchemaMeta, site: AdminSite): OrderIndexStatus[] {
  return [...buildModelRegistry(schema, site).values()].filter((admin) => !admin.model.isView).map((admin) => {
    const orderBy = buildListQuery(schema, admin, parseListParams(admin, {})).orderBy;
    const terms = orderBy.map((term) => Object.entries(term)[0]).filter((t): t is [string, 'asc' | 'desc'] => t[1] === 'asc' || t[1] === 'desc');
    const scalar = terms.length === orderBy.length;
    const allOneWay = terms.every(([, dir]) => dir === terms[0]?.[1]);
    const fields = terms.map(([name, dir]) => (allOneWay || dir === 'asc' ? name : `${name}(sort: Desc)`));
    return {
      model: admin.model.name,
      order: orderBy.map((term) => { const [name, dir] = Object.entries(term)[0]; return dir === 'desc' ? `-${name}` : typeof dir === 'string' ? name : `${name}.…`; }).join(', '),
      indexed: indexServesOrder(admin.model, orderBy),
      suggestion: scalar ? `@@index([${fields.join(', ')}])` : null,
    };
  });
}
