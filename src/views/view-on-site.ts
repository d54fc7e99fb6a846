// "View on site": the admin's viewOnSite(record), linked only when it is an http(s) URL or a path of this site.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';

/**
 * The link, or null: `javascript:`, `data:` and other schemes are never linked, nor are addresses with control
 * characters, spaces around them or a backslash (which browsers read as a slash).
 */
export function viewOnSiteUrl(admin: ResolvedModelAdmin, record: Record<string, unknown>): string | null {
  const url = admin.admin.viewOnSite?.(record);
  if (typeof url !== 'string' || url === '' || url.length > 2048) return null;
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return null;
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
