// What a bulk run's pages and messages say of the rows the per-record permission refuses: the same words for actions,
// "Edit selected" and "Delete selected", over checked rows as over "Select all N".
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { modelLabel, modelLabelPlural } from '../schema/lookup.ts';

export type RefusedVerb = 'change' | 'delete';

/** "3 posts", "1 post". */
export function countOf(admin: ResolvedModelAdmin, n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? modelLabel(admin.model).toLowerCase() : modelLabelPlural(admin.model).toLowerCase()}`;
}

/** The confirmation page's line above the refused rows: some of them left, or all of them and nothing to confirm. */
export function refusedText(admin: ResolvedModelAdmin, refused: number, selected: number, verb: RefusedVerb): string | null {
  if (refused === 0) return null;
  if (refused >= selected) {
    const which = selected === 1 ? `the selected ${modelLabel(admin.model).toLowerCase()}` : `any of the ${countOf(admin, selected).replace(/^(\S+) /, '$1 selected ')}`;
    return `You may not ${verb} ${which}; nothing will be ${verb}d:`;
  }
  return `You may not ${verb} ${countOf(admin, refused)} of them; ${refused === 1 ? 'it will be left as it is' : 'they will be left as they are'}:`;
}

/** "… and N more." below the refused rows shown, or null when all are shown. */
export function refusedMore(admin: ResolvedModelAdmin, refused: number, shown: number): string | null {
  return refused > shown ? `… and ${countOf(admin, refused - shown)} more.` : null;
}

/** What a run's message adds about the rows it left alone. */
export function deniedNote(admin: ResolvedModelAdmin, denied: number, verb: RefusedVerb): string {
  return denied ? ` ${countOf(admin, denied)} you may not ${verb} ${denied === 1 ? 'was' : 'were'} left as ${denied === 1 ? 'it was' : 'they were'}.` : '';
}
