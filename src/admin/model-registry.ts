// The site's models by URL name, each with its resolved admin: the user's registered ModelAdmin, the built-in admin
// of the admin's own models, or the defaults.
import type { AdminSite } from './admin-site.ts';
import { resolveModelAdmin, type ResolvedModelAdmin } from './resolve-model-admin.ts';
import { modelUrlName } from '../schema/lookup.ts';
import type { SchemaMeta } from '../schema/types.ts';
import { BUILT_IN_ADMINS } from '../auth/admin-model-admins.ts';

export function buildModelRegistry(schema: SchemaMeta, site: AdminSite): Map<string, ResolvedModelAdmin> {
  const known = new Set(schema.models.map((m) => m.name));
  for (const name of site.registeredModelNames()) {
    if (!known.has(name)) throw new Error(`AdminSite.register: "${name}" is not a model of the schema. Models: ${[...known].join(', ')}.`);
  }
  for (const group of site.groups) {
    for (const name of group.models) {
      if (!known.has(name)) throw new Error(`AdminSite groups: "${name}" (in “${group.title}”) is not a model of the schema. Models: ${[...known].join(', ')}.`);
    }
  }
  // Grouped models first, in their groups' order; then the rest in schema order.
  const grouped = site.groups.flatMap((g) => g.models);
  const ordered = [...grouped.map((n) => schema.models.find((m) => m.name === n)!), ...schema.models.filter((m) => !grouped.includes(m.name))];
  const registry = new Map<string, ResolvedModelAdmin>();
  for (const model of ordered) {
    registry.set(modelUrlName(model), resolveModelAdmin(schema, model, site.adminFor(model.name, BUILT_IN_ADMINS[model.name])));
  }
  return registry;
}

/** The resolved admin of the model named `modelName` (registry keys are URL names, hence the scan). */
export function adminOfModel(models: Map<string, ResolvedModelAdmin>, modelName: string): ResolvedModelAdmin | undefined {
  return [...models.values()].find((a) => a.model.name === modelName);
}
