// `badges`: enum (or String) values shown as coloured labels on list and detail pages, from a fixed palette whose
// CSS classes meet contrast in both themes (views/static/admin.css, "Rich list cells").

export const BADGE_COLOURS = ['grey', 'green', 'blue', 'red', 'orange', 'yellow', 'purple'] as const;
export type BadgeColour = (typeof BADGE_COLOURS)[number];

/** Per field, a colour per value. Typed by the record `R`: fields of string values, keyed by those values. */
export type Badges<R = Record<string, unknown>> = unknown extends R
  ? Record<string, Record<string, BadgeColour>>
  : string extends keyof R
  ? Record<string, Record<string, BadgeColour>>
  : { [K in keyof R as NonNullable<R[K]> extends string ? K : never]?: Partial<Record<NonNullable<R[K]> & string, BadgeColour>> };
