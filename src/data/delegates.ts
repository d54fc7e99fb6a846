// The user's Prisma client as the admin sees it: one delegate per model (`prisma.post`), found by the model's name.
import { delegateName } from '../schema/lookup.ts';

/** The user's Prisma client: one delegate per model (`prisma.post`), plus `$transaction`. */
export type PrismaClientLike = {
  $transaction: (...args: never[]) => Promise<unknown>;
} & Record<string, unknown>;

export type ModelDelegate = {
  findMany(args: object): Promise<Record<string, unknown>[]>;
  findUnique(args: object): Promise<Record<string, unknown> | null>;
  findFirst(args: object): Promise<Record<string, unknown> | null>;
  aggregate(args: object): Promise<Record<string, Record<string, unknown>>>;
  createMany(args: object): Promise<{ count: number }>;
  updateMany(args: object): Promise<{ count: number }>;
  count(args: object): Promise<number>;
  create(args: object): Promise<Record<string, unknown>>;
  update(args: object): Promise<Record<string, unknown>>;
  delete(args: object): Promise<Record<string, unknown>>;
  deleteMany(args: object): Promise<{ count: number }>;
};

/** The delegate of an admin's model on the site's client (`ctx` is the AdminContext, or anything with its client). */
export function delegateOf(ctx: { prisma: PrismaClientLike }, admin: { model: { name: string } }): ModelDelegate {
  return delegateIn(ctx.prisma, admin.model.name);
}

/** A model's delegate on a client or on a transaction's client. */
export function delegateIn(client: PrismaClientLike, modelName: string): ModelDelegate {
  const name = delegateName({ name: modelName });
  const delegate = client[name];
  if (!delegate) throw new Error(`The Prisma client has no "${name}" delegate: was it generated from this schema?`);
  return delegate as ModelDelegate;
}
