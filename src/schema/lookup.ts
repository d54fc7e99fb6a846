// Small questions the rest of the program asks of the metadata: find a model, pick its fields, name things for people.

import pluralizeWord from 'pluralize';
import type { FieldMeta, ModelMeta, RelationFieldMeta, SchemaMeta, ValueFieldMeta } from './types.ts';

/** The model (or view) called `name`, exactly as in the schema. */
export function findModel(schema: SchemaMeta, name: string): ModelMeta | undefined {
  return schema.models.find((model) => model.name === name);
}

/**
 * The model whose URL name is `lowerName`: the model name lower-cased, as in Django's admin URLs.
 *
 * @example
 * findModelByUrlName(schema, 'orderitem')?.name; // 'OrderItem'
 */
export function findModelByUrlName(schema: SchemaMeta, lowerName: string): ModelMeta | undefined {
  const wanted = lowerName.toLowerCase();
  return schema.models.find((model) => model.name.toLowerCase() === wanted);
}

/** The URL name of a model: its name lower-cased (`OrderItem` → `orderitem`). */
export function modelUrlName(model: Pick<ModelMeta, 'name'>): string {
  return model.name.toLowerCase();
}

/** Scalar and enum fields: the ones with a value in this model's own table. */
export function valueFields(model: ModelMeta): ValueFieldMeta[] {
  return model.fields.filter((field): field is ValueFieldMeta => field.kind === 'scalar' || field.kind === 'enum');
}

export function relationFields(model: ModelMeta): RelationFieldMeta[] {
  return model.fields.filter((field): field is RelationFieldMeta => field.kind === 'relation');
}

/**
 * Whether Prisma's client can create rows of the model: not for a view, nor for a model with a required Unsupported
 * field without a default (Prisma leaves `create` out of the client for both).
 */
export function supportsCreate(model: ModelMeta): boolean {
  if (model.isView) return false;
  return !model.fields.some((f) => f.kind === 'unsupported' && f.isRequired && !f.isList && f.hasDefault !== true);
}

export function findField(model: ModelMeta, name: string): FieldMeta | undefined {
  return model.fields.find((field) => field.name === name);
}

/**
 * The name of the Prisma client property for a model: its first letter lower-cased, as Prisma does.
 *
 * @example
 * delegateName({ name: 'OrderItem' }); // 'orderItem'
 */
export function delegateName(model: Pick<ModelMeta, 'name'>): string {
  return model.name.charAt(0).toLowerCase() + model.name.slice(1);
}

/**
 * A field name for people: words split at capitals and underscores, only the first capitalised.
 *
 * @example
 * fieldLabel({ name: 'publishedAt' }); // 'Published at'
 * fieldLabel({ name: 'author_id' }); // 'Author id'
 */
export function fieldLabel(field: Pick<FieldMeta, 'name'>): string {
  return humanize(field.name);
}

type Labelled = Pick<ModelMeta, 'name' | 'label' | 'labelPlural'>;

/** @example modelLabel({ name: 'OrderItem' }); // 'Order item' */
export function modelLabel(model: Labelled): string {
  return model.label ? capitalized(model.label) : humanize(model.name);
}

/**
 * @example
 * modelLabelPlural({ name: 'Category' }); // 'Categories'
 * modelLabelPlural({ name: 'Person', labelPlural: 'folks' }); // 'Folks'
 */
export function modelLabelPlural(model: Labelled): string {
  if (model.labelPlural) return capitalized(model.labelPlural);
  // Remembered by the words pluralized, not the model's name: two sites may label one model differently.
  const label = modelLabel(model);
  return remember(plurals, label, () => pluralize(label));
}

// Labels are asked for many times per page (navigation, breadcrumbs, headers) and the names are the schema's.
const humanized = new Map<string, string>();
const plurals = new Map<string, string>();
const REMEMBERED = 10_000;

function remember(memo: Map<string, string>, name: string, make: () => string): string {
  let label = memo.get(name);
  if (label === undefined) {
    if (memo.size >= REMEMBERED) memo.clear();
    label = make();
    memo.set(name, label);
  }
  return label;
}

const capitalized = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);

/** Splits `publishedAt`, `published_at`, `HTMLPage` into words; acronyms keep their capitals (`HTML page`). */
export function humanize(name: string): string {
  return remember(humanized, name, () => humanizeOnce(name));
}

function humanizeOnce(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word !== '')
    .map((word) => (word.length > 1 && word === word.toUpperCase() && /[A-Z]/.test(word) ? word : word.toLowerCase()));
  if (words.length === 0) return name;
  words[0] = words[0].charAt(0).toUpperCase() + words[0].slice(1);
  return words.join(' ');
}

/**
 * English plural of the last word, by the `pluralize` library (its irregular and uncountable words: Person → People,
 * Data → Data, Status → Statuses, Settings → Settings); the words before it stay as they are.
 */
export function pluralize(label: string): string {
  const at = label.lastIndexOf(' ') + 1;
  return label.slice(0, at) + pluralizeWord.plural(label.slice(at));
}
