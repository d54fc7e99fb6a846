// The eta engine with Django's template lookup order: the user's `<templates>/<model>/<page>.eta`, then the user's
// `<templates>/<page>.eta`, then ours. Layouts and partials resolve the same way (without the model step).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

export const OUR_TEMPLATES = fileURLToPath(new URL('../../views/admin', import.meta.url));
export const OUR_STATIC = fileURLToPath(new URL('../../views/static', import.meta.url));

export class TemplateLookup {
  private readonly dirs: string[];
  /** In production, what each lookup found: every page renders a dozen partials, and path work adds up. */
  private readonly found = new Map<string, string>();
  private readonly allowed = new Map<string, boolean>();

  constructor(userDir: string | undefined, private readonly cache: boolean) {
    this.dirs = [...(userDir ? [path.resolve(userDir)] : []), OUR_TEMPLATES];
  }

  /** Absolute path of a page template for a model (or for the site when model is undefined). */
  page(page: string, modelUrlName?: string): string {
    return this.memo(`page\0${modelUrlName ?? ''}\0${page}`, () => this.first(this.dirs.flatMap((dir) => [
      ...(modelUrlName && dir !== OUR_TEMPLATES ? [path.join(dir, modelUrlName, `${page}.eta`)] : []),
      path.join(dir, `${page}.eta`),
    ]), page));
  }

  /** Absolute path of a layout or partial included from a template. */
  include(name: string): string {
    return this.memo(`include\0${name}`, () => {
      const file = name.endsWith('.eta') ? name : `${name}.eta`;
      return this.first(this.dirs.map((dir) => path.join(dir, file)), name);
    });
  }

  isAllowed(file: string): boolean {
    const known = this.cache ? this.allowed.get(file) : undefined;
    if (known !== undefined) return known;
    const allowed = this.dirs.some((dir) => !path.relative(dir, file).startsWith('..'));
    if (this.cache) this.allowed.set(file, allowed);
    return allowed;
  }

  private memo(key: string, find: () => string): string {
    const cached = this.cache ? this.found.get(key) : undefined;
    if (cached) return cached;
    const hit = find();
    if (this.cache) this.found.set(key, hit);
    return hit;
  }

  private first(candidates: string[], name: string): string {
    const hit = candidates.find((c) => existsSync(c));
    if (!hit) throw new Error(`Template not found: ${name}`);
    return hit;
  }
}

/**
 * Compiled templates are always kept: compiling a page and its dozen partials again for every request was most of a
 * page's CPU wherever NODE_ENV is not `production` (as `serve` runs by default). Outside production (`watchFiles`) a
 * template edited on disk is compiled again: each use compares the file's modification time and size with the
 * compiled version's.
 */
export function createEta(lookup: TemplateLookup, watchFiles: boolean): Eta {
  const eta = new Eta({ views: OUR_TEMPLATES, cache: true, autoEscape: true, autoTrim: false });
  const resolve = (template: string) => (path.isAbsolute(template) && lookup.isAllowed(template) ? template : lookup.include(template));
  if (!watchFiles) {
    eta.resolvePath = resolve;
    return eta;
  }
  const compiledVersion = new Map<string, string>();
  eta.resolvePath = (template: string) => {
    const file = resolve(template);
    const { mtimeMs, size } = statSync(file);
    const version = `${mtimeMs}:${size}`;
    if (compiledVersion.get(file) !== version) {
      eta.templatesSync.remove(file);
      eta.templatesAsync.remove(file);
      compiledVersion.set(file, version);
    }
    return file;
  };
  return eta;
}
