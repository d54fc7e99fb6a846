// The registry of models and their admin classes, and the site's own options (Django's AdminSite).
import { ModelAdmin, type ModelAdminClass } from './model-admin.ts';
import { validatePages, type AdminPage } from './admin-page.ts';

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
}

export class AdminSite {
  readonly title: string;
  readonly header: string;
  readonly groups: ModelGroup[];
  readonly pages: AdminPage[];
  private readonly registry = new Map<string, ModelAdmin>();

  constructor(options: AdminSiteOptions = {}) {
    this.title = options.title ?? 'Site administration';
    this.header = options.header ?? 'Administration';
    this.groups = options.groups ?? [];
    this.pages = options.pages ?? [];
    validatePages('AdminSite.pages', this.pages);
  }

  /** Registers an admin class for a model (by its Prisma model name). Unregistered models get the default admin. */
  register(modelName: string, adminClass: ModelAdminClass = ModelAdmin): this {
    const admin = new adminClass();
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
