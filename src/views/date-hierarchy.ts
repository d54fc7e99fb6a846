// The date hierarchy above the list (Django's date_hierarchy): the years that have records, then the months of the
// chosen year, then the days of the chosen month. One aggregate query at the top level; none below it.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { ListParams } from '../data/list-params.ts';
import { delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { queryWith, type QueryValues } from './query-string.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** At most this many year links (the most recent ones). */
const MAX_YEARS = 30;

export interface DateHierarchy {
  back: { label: string; url: string } | null;
  items: { label: string; url: string }[];
}

export async function dateHierarchyOf(ctx: AdminContext, admin: ResolvedModelAdmin, params: ListParams, whereWithoutDrill: Record<string, unknown>, base: QueryValues): Promise<DateHierarchy | null> {
  const field = admin.dateHierarchy;
  if (!field) return null;
  const param = (name: string) => `${field}__${name}`;
  const link = (year?: number, month?: number, day?: number) =>
    `?${queryWith(base, { [param('year')]: year?.toString(), [param('month')]: month?.toString(), [param('day')]: day?.toString() })}`;
  const drill = params.drill;

  if (!drill) {
    const result = await delegateOf(ctx, admin).aggregate({ where: whereWithoutDrill, _min: { [field]: true }, _max: { [field]: true } });
    const min = result._min?.[field] as Date | null | undefined;
    const max = result._max?.[field] as Date | null | undefined;
    if (!min || !max) return { back: null, items: [] };
    const years: number[] = [];
    for (let y = max.getUTCFullYear(); y >= min.getUTCFullYear() && years.length < MAX_YEARS; y--) years.push(y);
    return { back: null, items: years.reverse().map((y) => ({ label: String(y), url: link(y) })) };
  }
  if (drill.month === undefined) {
    return {
      back: { label: '‹ All dates', url: link() },
      items: MONTHS.map((name, i) => ({ label: `${name} ${drill.year}`, url: link(drill.year, i + 1) })),
    };
  }
  const days = new Date(Date.UTC(drill.year, drill.month, 0)).getUTCDate();
  return {
    back: { label: `‹ ${drill.year}`, url: link(drill.year) },
    items: Array.from({ length: days }, (_, i) => ({ label: `${MONTHS[drill.month! - 1]} ${i + 1}`, url: link(drill.year, drill.month, i + 1) })),
  };
}
