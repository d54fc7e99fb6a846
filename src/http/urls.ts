// Every admin URL is built here, so templates never assemble paths by hand.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { modelUrlName } from '../schema/lookup.ts';

export class AdminUrls {
  constructor(readonly prefix: string) {}

  index(): string {
    return `${this.prefix}/`;
  }
  static(file: string): string {
    return `${this.prefix}/static/${file}`;
  }
  list(admin: ResolvedModelAdmin, query?: string): string {
    return `${this.prefix}/${modelUrlName(admin.model)}/${query ? `?${query}` : ''}`;
  }
  add(admin: ResolvedModelAdmin): string {
    return `${this.prefix}/${modelUrlName(admin.model)}/add`;
  }
  autocomplete(admin: ResolvedModelAdmin): string {
    return `${this.prefix}/${modelUrlName(admin.model)}/autocomplete`;
  }
  markdownPreview(admin: ResolvedModelAdmin): string {
    return `${this.prefix}/${modelUrlName(admin.model)}/markdown-preview`;
  }
  deleteSelected(admin: ResolvedModelAdmin): string {
    return `${this.prefix}/${modelUrlName(admin.model)}/delete-selected`;
  }
  record(admin: ResolvedModelAdmin, record: Record<string, unknown>, action: '' | 'change' | 'delete' | 'history' | 'action' = ''): string {
    return this.recordById(admin, encodeRecordId(admin.model, record), action);
  }
  recordById(admin: ResolvedModelAdmin, id: string, action: '' | 'change' | 'delete' | 'history' | 'action' = ''): string {
    return `${this.prefix}/${modelUrlName(admin.model)}/${encodeURIComponent(id)}/${action}`;
  }
  download(admin: ResolvedModelAdmin, id: string, field: string): string {
    return `${this.recordById(admin, id)}download/${encodeURIComponent(field)}`;
  }
  /** The thumbnail of an image in a file field (`fileFields`). */
  thumbnail(admin: ResolvedModelAdmin, id: string, field: string): string {
    return `${this.recordById(admin, id)}thumbnail/${encodeURIComponent(field)}`;
  }
}
