// Model metadata: the small, stable description of a Prisma schema that the whole admin reads (never Prisma's DMMF).

export type Provider = 'sqlite' | 'postgresql' | 'mysql' | 'sqlserver' | 'cockroachdb' | 'mongodb';

export type ScalarType = 'String' | 'Int' | 'BigInt' | 'Float' | 'Decimal' | 'Boolean' | 'DateTime' | 'Json' | 'Bytes';

/** A static value (`@default(0)`, `@default("x")`, `@default([])`) or a function (`autoincrement()`, `now()`, ...). */
export type DefaultMeta =
  | { kind: 'static'; value: string | number | boolean | null | Array<string | number | boolean> }
  | { kind: 'function'; name: string; args: unknown[] };

export interface NativeTypeMeta {
  /** e.g. `VarChar`, `Uuid`, `Money`. */
  name: string;
  args: string[];
}

interface FieldCommon {
  name: string;
  /** Column name in the database (`@map`), or the field name. Relation fields have none. */
  dbName: string | null;
  /** The prose of the field's `///` doc comment (other generators' annotations left out: doc-prose.ts), if any. */
  documentation: string | null;
  /** Bare annotations of the doc comment (`/// @markdown` → ['markdown']), lower case; absent when there are none. */
  docTags?: string[];
  isRequired: boolean;
  isList: boolean;
}

export interface ScalarFieldMeta extends FieldCommon {
  kind: 'scalar';
  type: ScalarType;
  isId: boolean;
  isUnique: boolean;
  default: DefaultMeta | null;
  isUpdatedAt: boolean;
  /** True when the field is (part of) a relation's foreign key, e.g. `authorId`. */
  isForeignKey: boolean;
  nativeType: NativeTypeMeta | null;
}

export interface EnumFieldMeta extends FieldCommon {
  kind: 'enum';
  /** Name of the enum (see `SchemaMeta.enums`). */
  type: string;
  isId: boolean;
  isUnique: boolean;
  default: DefaultMeta | null;
  isUpdatedAt: false;
  isForeignKey: boolean;
  nativeType: NativeTypeMeta | null;
}

export type ReferentialAction = 'Cascade' | 'Restrict' | 'NoAction' | 'SetNull' | 'SetDefault';

/** `isRequired`: the relation field is, or one of its key columns is (`user User?` over `userId String` is required). */
export interface RelationFieldMeta extends FieldCommon {
  kind: 'relation';
  /** Name of the related model. */
  type: string;
  relationName: string;
  /** 'one' for `author Author` / `author Author?`, 'many' for `posts Post[]`. */
  cardinality: 'one' | 'many';
  /** This side's foreign-key fields (`[authorId]`); empty on the side that does not hold the key. */
  fromFields: string[];
  /** The referenced fields on the other model (`[id]`); empty on the side that does not hold the key. */
  toFields: string[];
  /** True for an implicit many-to-many (`tags Tag[]` with `posts Post[]`, no join model). */
  isImplicitManyToMany: boolean;
  /** True when both ends point at the same model. */
  isSelfRelation: boolean;
  onDelete: ReferentialAction | null;
  onUpdate: ReferentialAction | null;
}

/** A field of an `Unsupported("...")` type: shown nowhere, edited never, but known. */
export interface UnsupportedFieldMeta extends FieldCommon {
  kind: 'unsupported';
  /** The database type inside `Unsupported("...")`. */
  type: string;
  /**
   * True when the field has a `@default(...)`. Prisma cannot create rows of a model with a required (not optional, not
   * list) Unsupported field that has none; see `supportsCreate` in lookup.ts. Always set by the introspector.
   */
  hasDefault?: boolean;
}

export type FieldMeta = ScalarFieldMeta | EnumFieldMeta | RelationFieldMeta | UnsupportedFieldMeta;

/** Scalar and enum fields: the ones that hold a value in a column of this model's table. */
export type ValueFieldMeta = ScalarFieldMeta | EnumFieldMeta;

export interface UniqueMeta {
  /** Prisma's name for the compound unique input (`@@unique(name: ...)`, or fields joined by `_`). */
  name: string;
  fields: string[];
}

export interface ModelMeta {
  name: string;
  /** Table name (`@@map`), or the model name. */
  dbName: string;
  documentation: string | null;
  /** The model's name for people (`/// @label`, or the ModelAdmin's `label`), instead of its humanized name. */
  label?: string;
  /** Its plural (`/// @plural`, or the ModelAdmin's `labelPlural`), instead of the pluralized label. */
  labelPlural?: string;
  /** True for a `view` block. */
  isView: boolean;
  fields: FieldMeta[];
  /** The fields of the primary key, in order: one for `@id`, several for `@@id`. Empty when the model has none. */
  primaryKey: { name: string | null; fields: string[] };
  /** Single-field `@unique` and compound `@@unique`, in order. */
  uniques: UniqueMeta[];
  /** Every index the schema declares (`@id`, `@@id`, `@unique`, `@@unique`, `@@index`), with its column order. */
  indexes: IndexMeta[];
}

export interface IndexMeta {
  fields: { name: string; sort: 'asc' | 'desc' }[];
}

export interface EnumMeta {
  name: string;
  dbName: string;
  documentation: string | null;
  values: { name: string; dbName: string }[];
}

export interface SchemaMeta {
  provider: Provider;
  models: ModelMeta[];
  enums: EnumMeta[];
}
