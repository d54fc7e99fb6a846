// The registry of models and their admin classes, and the site's own options (Django's AdminSite).
import { ModelAdmin, type ModelAdminClass } from './model-admin.ts';
import { validatePages, type AdminPage } from './admin-page.ts';
import { DELETE_SELECTED, validateActions, type AdminAction } from './actions.ts';
import { ADMIN_OPTION_NAMES, defineAdmin, type TypedAdminOptions } from './typed-admin.ts';

export interface ModelGroup {
  title: string;
  /** Prisma model names, in the order shown. */
  models: string[];
}

export interface AdminSiteOptions {
  /** Shown in the browser's title bar. */
  title?: string;
  /** Shown in the header of every page. */
  header?: string;
  /**
   * How the index and navigation group and order the models. Models in no group follow in an "Other" group (or alone,
   * in schema order, when there are no groups).
   */
  groups?: ModelGroup[];
  /** Your own pages, linked from the navigation. */
  pages?: AdminPage[];
  /** Bulk actions offered on every model's list (Django's `site.add_action`); a model's own action of the same name wins. */
  actions?: AdminAction<any, any>[];
}

export class AdminSite {
  readonly title: string;
  readonly header: string;
  readonly groups: ModelGroup[];
  readonly pages: AdminPage[];
  private readonly registry = new Map<string, ModelAdmin>();
  private readonly siteActions: AdminAction<any, any>[] = [];
  private readonly disabled = new Set<string>();

  constructor(options: AdminSiteOptions = {}) {
    this.title = options.title ?? 'Site administration';
    this.header = options.header ?? 'Administration';
    this.groups = options.groups ?? [];
    this.pages = options.pages ?? [];
    validatePages('AdminSite.pages', this.pages);
    for (const a of options.actions ?? []) this.addAction(a);
  }

  /** Offers an action on every model's list (Django's `site.add_action`). */
  addAction(action: AdminAction<any, any>): this {
    validateActions('AdminSite', [...this.siteActions, action]);
    this.siteActions.push(action);
    return this;
  }

  /** Withdraws a site-wide action, or the built-in "delete selected" (`'deleteSelected'`), from every list. */
  disableAction(name: string): this {
    this.disabled.add(name === 'deleteSelected' ? DELETE_SELECTED : name);
    return this;
  }

  /** The site-wide actions still enabled. */
  get actions(): AdminAction<any, any>[] {
    return this.siteActions.filter((a) => !this.disabled.has(a.name));
  }

  /** Whether an action (by name; `delete_selected` for the built-in) was disabled site-wide. */
  isDisabled(name: string): boolean {
    return this.disabled.has(name);
  }

  /**
   * Registers an admin for a model (by its Prisma model name): a ModelAdmin class, or its options as a plain object,
   * which become a subclass (as Django's `register(model, **options)`). Unregistered models get the default admin.
   *
   * @example
   * site.register('Post', PostAdmin).register('Tag', { listDisplay: ['name'], searchFields: ['name'] });
   */
  register<S = unknown, R = Record<string, unknown>>(modelName: string, adminClass: ModelAdminClass | TypedAdminOptions<S, R> = ModelAdmin): this {
    const admin = new (typeof adminClass === 'function' ? adminClass : classOf(modelName, adminClass))();
    admin.modelName = modelName;
    this.registry.set(modelName, admin);
    return this;
  }

  /** The registered admin of a model, else a new instance of `fallback` (the default admin). */
  adminFor(modelName: string, fallback: ModelAdminClass = ModelAdmin): ModelAdmin {
    const registered = this.registry.get(modelName);
    if (registered) return registered;
    const admin = new fallback();
    admin.modelName = modelName;
    return admin;
  }

  registeredModelNames(): string[] {
    return [...this.registry.keys()];
  }
}

/** The subclass of plain options; a name that is no option (a typo, or a hook, which needs a class) stops the start. */
function classOf(modelName: string, options: object): ModelAdminClass {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`AdminSite.register('${modelName}', …) takes a ModelAdmin class or an object of its options, not ${options === null ? 'null' : typeof options}.`);
  }
  const unknown = Object.keys(options).filter((key) => !(ADMIN_OPTION_NAMES as readonly string[]).includes(key));
  if (unknown.length) {
    throw new Error(`AdminSite.register('${modelName}', { ${unknown.join(', ')} }): no such option. Options: ${ADMIN_OPTION_NAMES.join(', ')}. `
      + 'Hooks (getQueryset, hasChangePermission, …) need a class: class MyAdmin extends ModelAdmin { … }.');
  }
  return defineAdmin(options as TypedAdminOptions<unknown>);
}
