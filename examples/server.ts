// server.ts: the same server in TypeScript, compiled by tsc ("module": "NodeNext"), with the `prisma-client` generator.
// Log in with ADMIN_USERNAME and ADMIN_PASSWORD (set them when you start it) until you add the admin's own users.
import Fastify from 'fastify';
import { admin, AdminSite, ModelAdmin } from 'prisma-admin-site';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client.js'; // generator client { provider = "prisma-client", output = "../src/generated/prisma" }

const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: process.env.DATABASE_URL ?? 'file:./dev.db' }) });

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'status', 'publishedAt'];
  searchFields = ['title', 'body', 'author.name'];
}

const site = new AdminSite({ title: 'Blog admin' }).register('Post', PostAdmin);

const app = Fastify();
await app.register(admin, { prefix: '/admin', schema: 'prisma/schema.prisma', prisma, site });
const address = await app.listen({ port: Number(process.env.PORT ?? 3000) });
console.log(`Admin: ${address}/admin/`);
