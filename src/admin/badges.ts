// `badges`, checked against the model at start-up (the option's types and palette: badge-colours.ts).
import type { ModelMeta, SchemaMeta } from '../schema/types.ts';
import { AdminConfigError } from './config-error.ts';
import type { ModelAdmin } from './model-admin.ts';
import { BADGE_COLOURS, type BadgeColour } from './badge-colours.ts';

/** Checks `badges` against the model: enum or String fields, enum values, palette colours. */
export function resolveBadges(schema: SchemaMeta, model: ModelMeta, admin: ModelAdmin): ReadonlyMap<string, ReadonlyMap<string, BadgeColour>> {
  const candidates = model.fields.filter((f) => !f.isList && (f.kind === 'enum' || (f.kind === 'scalar' && f.type === 'String')));
  const resolved = new Map<string, Map<string, BadgeColour>>();
  for (const [name, colours] of Object.entries(admin.badges ?? {})) {
    const field = candidates.find((f) => f.name === name);
    if (!field) throw new AdminConfigError(model.name, 'badges', name, candidates.map((f) => f.name));
    const values = field.kind === 'enum' ? schema.enums.find((e) => e.name === field.type)?.values.map((v) => v.name) ?? [] : null;
    const map = new Map<string, BadgeColour>();
    for (const [value, colour] of Object.entries(colours ?? {})) {
      if (values && !values.includes(value)) {
        throw new Error(`${model.name}Admin.badges.${name}: "${value}" is not a value of the enum ${field.type}. Valid values: ${values.join(', ')}.`);
      }
      if (!(BADGE_COLOURS as readonly string[]).includes(colour as string)) {
        throw new Error(`${model.name}Admin.badges.${name}.${value}: "${String(colour)}" is not a badge colour. Colours: ${BADGE_COLOURS.join(', ')}.`);
      }
      map.set(value, colour as BadgeColour);
    }
    resolved.set(name, map);
  }
  return resolved;
}
