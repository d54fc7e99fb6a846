// "Save as new" (the admin's `saveAs`, Django's save_as): the change form's values, read as an add form. Inline rows
// of the record become new rows of the new one (their ids are blanked); rows ticked for deletion are left out.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { ROW_ID, ROW_VERSION } from '../forms/inline-forms.ts';
import type { SubmittedForm } from '../forms/types.ts';

export function asNewSubmission(admin: ResolvedModelAdmin, submitted: SubmittedForm): SubmittedForm {
  const copy: SubmittedForm = { ...submitted };
  delete copy._version;
  for (const { prefix } of admin.form.inlines) {
    const rowKey = new RegExp(`^${prefix.replace(/[$^.*+?()[\]{}|\\]/g, '\\$&')}-\\d+-(${ROW_ID}|${ROW_VERSION})$`);
    for (const name of Object.keys(copy)) {
      const match = rowKey.exec(name);
      if (!match) continue;
      if (match[1] === ROW_ID) copy[name] = '';
      else delete copy[name];
    }
  }
  return copy;
}
