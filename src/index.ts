// The public API of prisma-admin-site.
export { admin, admin as default, type AdminPluginOptions } from './plugin.ts';
export { createAdminServer, type AdminServerOptions } from './http/server.ts';
export { rewriteMalformedUrl } from './http/malformed-url.ts';
export { AdminSite, type AdminSiteOptions } from './admin/admin-site.ts';
export { ModelAdmin, type ModelAdminClass } from './admin/model-admin.ts';
export { action, BulkRowError, type AdminAction, type ActionContext, type ActionFormSchema } from './admin/actions.ts';
export { column, customFilter, type ComputedColumn, type CustomFilter } from './admin/columns.ts';
export { FACETS_ROW_LIMIT, type FieldFilterOption, type ScalarFilterKind, type ShowFacets } from './admin/list-filter-option.ts';
export { defineAdmin, type FieldName, type FieldPath, type TypedAdminOptions } from './admin/typed-admin.ts';
export type { AdminPage, PagePermission } from './admin/admin-page.ts';
export type { ModelGroup } from './admin/admin-site.ts';
export { InlineModelAdmin, StackedInline, TabularInline, type InlineLayout, type InlineModelAdminClass } from './admin/inline-admin.ts';
export type { AdminClient, DeleteModelArgs, Fieldset, SaveModelArgs } from './admin/form-options.ts';
export { AdminConfigError } from './admin/config-error.ts';
export { ValidationError } from './forms/validation-error.ts';
export { argon2Hasher, bcryptHasher, scryptHasher, type PasswordHasher, type PasswordHasherOption } from './forms/password-hashers.ts';
export { readSchema, parseSchemaFiles, SchemaError } from './schema/introspect.ts';
export type * from './schema/types.ts';
// Brings `request.adminUser` (the admin's augmentation of fastify's FastifyRequest) into an app's types.
export type {} from './http/security/session.ts';
export { html, escapeHtml, SafeHtml } from './markup/safe-html.ts';
export { renderMarkdown } from './markup/markdown.ts';
export { BADGE_COLOURS, type BadgeColour, type Badges } from './admin/badge-colours.ts';
export { LocalStorage, S3Storage, type FileBody, type FileStorage, type LocalStorageOptions, type S3ClientLike, type S3StorageOptions, type StoredFile } from './files/index.ts';
export { pgStatementNames, type PgStatementNamesOptions, type StatementText } from './client/pg-statement-names.ts';
