// How a file field (`fileFields`) looks outside its form input: a thumbnail of an image, a download link otherwise.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { isImageKey } from '../files/sniff.ts';
import { isSafeKey } from '../files/storage-key.ts';
import type { AdminUrls } from '../http/urls.ts';
import { html, type SafeHtml } from '../markup/safe-html.ts';

/** The thumbnail's URL when the field holds an image, else null. */
export function fileThumbnailUrl(urls: AdminUrls, admin: ResolvedModelAdmin, id: string, field: string, key: unknown): string | null {
  if (!admin.fileFields.has(field) || typeof key !== 'string' || !isSafeKey(key) || !isImageKey(key)) return null;
  return urls.thumbnail(admin, id, field);
}

/** A list cell or detail value: the thumbnail (linked to the image), a download link, or null when empty. */
export function fileFieldHtml(urls: AdminUrls, admin: ResolvedModelAdmin, id: string, field: string, key: unknown, label: string): SafeHtml | null {
  if (typeof key !== 'string' || key === '') return null;
  const download = urls.download(admin, id, field);
  const thumbnail = fileThumbnailUrl(urls, admin, id, field, key);
  if (thumbnail) return html`<a href="${download}" class="file-thumb-link"><img class="file-thumb" src="${thumbnail}" alt="${label}" loading="lazy"></a>`;
  return html`<a href="${download}" download>${key.slice(key.lastIndexOf('/') + 1)}</a>`;
}
