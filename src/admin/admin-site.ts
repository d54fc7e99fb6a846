// The registry of models and their admin classes, and the site's own options (Django's AdminSite).
import { ModelAdmin, type ModelAdminClass } from './model-admin.ts';

export interface AdminSiteOptions {
  /** Shown in the browser's title bar. */
  title?: string;
  /** Shown in the header of every page. */
  header?: string;
}

export class AdminSite {
  readonly title: string;
  readonly header: string;
  private readonly registry = new Map<string, ModelAdmin>();

  constructor(options: AdminSiteOptions = {}) {
    this.title = options.title ?? 'Site administration';
    this.header = options.header ?? 'Administration';
  }

  /** Registers an admin class for a model (by its Prisma model name). Unregistered models get the default admin. */
  register(modelName: string, adminClass: ModelAdminClass = ModelAdmin): this {
    this.registry.set(modelName, new adminClass());
    return this;
  }

  adminFor(modelName: string): ModelAdmin {
    return this.registry.get(modelName) ?? new ModelAdmin();
  }

  registeredModelNames(): string[] {
    return [...this.registry.keys()];
  }
}
