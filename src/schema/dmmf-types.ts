// The part of Prisma's DMMF `datamodel` that the introspector reads (as emitted by @prisma/prisma-schema-wasm).
// Only dmmf-to-meta.ts uses these types: the rest of the program reads our own metadata (types.ts).

export type DmmfDefault =
  | string
  | number
  | boolean
  | null
  | Array<string | number | boolean>
  | { name: string; args: unknown[] };

export interface DmmfField {
  name: string;
  /** Present with `@map`. Relation fields have none. */
  dbName?: string | null;
  /** `object` is a relation (composite types exist only on MongoDB, which we refuse). */
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  isReadOnly: boolean;
  hasDefaultValue: boolean;
  type: string;
  /** e.g. `["VarChar", ["255"]]`. */
  nativeType?: [string, string[]] | null;
  default?: DmmfDefault;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
  isUpdatedAt?: boolean;
  documentation?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  /** Only for `@@id`; a single-field `@id` is marked on the field. */
  primaryKey: { name: string | null; fields: string[] } | null;
  uniqueIndexes: { name: string | null; fields: string[] }[];
  documentation?: string;
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
  documentation?: string;
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  isDefinedOnField: boolean;
  name?: string;
  dbName?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}

export interface DmmfDatamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  /** Composite types: MongoDB only. */
  types: DmmfModel[];
  indexes: DmmfIndex[];
}
